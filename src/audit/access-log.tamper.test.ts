// Tampering straight in the database (invariant 4): past the append-only triggers, every edit,
// deletion, reordering and forged insertion is found, and verify() names the entry where the
// chain breaks.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.js';
import { FakeClock, MINUTE } from '../platform/clock.js';
import { entryHash } from './access-log.chain.js';
import { AccessLog } from './access-log.js';
import { dropAppendOnlyTriggers } from './tamper.testkit.js';

describe.each(DIALECTS)('tampering with the access log on %s', (dialect) => {
  let t: TestDatabase;
  let log: AccessLog;
  const db = () => t.handle.db;
  const row = (seq: number) => db().selectFrom('accessLog').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    const clock = new FakeClock('2026-11-23T08:00:00Z');
    log = new AccessLog(t.handle, clock, { organization: 'El Cajon Police Department', pageSize: 4 });
    for (let i = 1; i <= 10; i++) {
      clock.advance(MINUTE);
      await log.recordAccess({
        actor: { userId: `id-${i}`, username: `user${i}` },
        purpose: { caseNumber: `26-00${i}`, category: 'investigation', reason: `Case 26-00${i}` },
        action: 'search.plate',
        dataElements: { plate: `PLATE${i}` },
        resultCount: i,
        clientAddress: '10.0.0.1',
        device: 'vitest',
      });
    }
    expect(await log.verify()).toMatchObject({ ok: true, entries: 10 });
    await dropAppendOnlyTriggers(t.handle);
  });
  afterEach(async () => t?.cleanup());

  it('finds an edited row', async () => {
    await db().updateTable('accessLog').set({ dataElements: '{"plate":"OTHER"}' }).where('seq', '=', 4).execute();
    expect(await log.verify()).toEqual({ ok: false, entries: 3, brokenAt: 4, reason: expect.stringMatching(/hash does not match its contents/) });
  });

  it('finds an edited row whose hash was recomputed, at the next entry', async () => {
    const edited = { ...(await row(4)), purposeReason: 'Routine patrol' };
    await db().updateTable('accessLog').set({ purposeReason: edited.purposeReason, hash: entryHash(edited) }).where('seq', '=', 4).execute();
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 5, reason: expect.stringMatching(/prev_hash does not match the hash of entry 4/) });
  });

  it('finds a deleted row', async () => {
    await db().deleteFrom('accessLog').where('seq', '=', 6).execute();
    expect(await log.verify()).toEqual({ ok: false, entries: 5, brokenAt: 6, reason: expect.stringMatching(/entry 6 is missing/) });
  });

  it('finds the first row deleted', async () => {
    await db().deleteFrom('accessLog').where('seq', '=', 1).execute();
    expect(await log.verify()).toMatchObject({ ok: false, entries: 0, brokenAt: 1 });
  });

  it('finds two rows swapped (their seq exchanged)', async () => {
    await db().updateTable('accessLog').set({ seq: -3 }).where('seq', '=', 3).execute();
    await db().updateTable('accessLog').set({ seq: 3 }).where('seq', '=', 7).execute();
    await db().updateTable('accessLog').set({ seq: 7 }).where('seq', '=', -3).execute();
    expect(await log.verify()).toMatchObject({ ok: false, entries: 2, brokenAt: 3, reason: expect.stringMatching(/prev_hash/) });
  });

  it('finds a forged row slipped into the middle, even with a well-formed hash', async () => {
    // Make room at seq 5, then insert a forged entry chained to entry 4 exactly as the writer would.
    await db().updateTable('accessLog').set((eb) => ({ seq: eb('seq', '+', 1000) })).where('seq', '>=', 5).execute();
    await db().updateTable('accessLog').set((eb) => ({ seq: eb('seq', '-', 999) })).where('seq', '>=', 1000).execute();
    const template = await row(4);
    const forged = { ...template, seq: 5, id: '019a0000-0000-7000-8000-000000000000', actorUsername: 'nobody', dataElements: '{"plate":"FORGED"}', prevHash: template.hash };
    await db().insertInto('accessLog').values({ ...forged, hash: entryHash(forged) }).execute();
    // The forgery itself is consistent; the entry after it (the real 5, now 6) no longer links.
    expect(await log.verify()).toMatchObject({ ok: false, entries: 5, brokenAt: 6, reason: expect.stringMatching(/prev_hash does not match the hash of entry 5/) });
  });

  it('finds a forged row appended at the end', async () => {
    const last = await row(10);
    await db().insertInto('accessLog').values({ ...last, seq: 11, id: '019a0000-0000-7000-8000-000000000001', prevHash: last.hash }).execute();
    expect(await log.verify()).toMatchObject({ ok: false, entries: 10, brokenAt: 11, reason: expect.stringMatching(/hash does not match its contents/) });
  });

  it('finds entries cut from the end only against an anchor recorded earlier', async () => {
    const head = await row(10);
    await db().deleteFrom('accessLog').where('seq', '>=', 9).execute();
    expect(await log.verify()).toMatchObject({ ok: true, entries: 8 }); // a chain alone cannot tell
    expect(await log.verify({ anchor: { seq: 10, hash: head.hash } })).toMatchObject({ ok: false, brokenAt: 9, reason: expect.stringMatching(/entries removed from the end/) });
  });
});
