// The access log on both backends (R25; invariant 4): a linear hash chain under concurrency, an
// append-only table, and the filters auditors browse with.
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.js';
import { FakeClock, MINUTE } from '../platform/clock.js';
import { openDatabase } from '../platform/database.js';
import type { Tables } from '../storage/tables.js';
import { canonicalEntry, entryHash, GENESIS_HASH } from './access-log.chain.js';
import { AccessLog } from './access-log.js';

const purpose = { caseNumber: '26-001234', category: 'investigation', reason: 'Stolen vehicle, report 26-001234' };
const origin = { clientAddress: '10.1.2.3', device: 'vitest' };

describe.each(DIALECTS)('access log on %s', (dialect) => {
  let t: TestDatabase;
  let clock: FakeClock;
  let log: AccessLog;
  const search = (username: string, plate: string, extra: Partial<{ action: string; caseNumber: string | null }> = {}) =>
    log.recordAccess({
      actor: { userId: `id-${username}`, username },
      purpose: { ...purpose, caseNumber: extra.caseNumber === undefined ? purpose.caseNumber : extra.caseNumber },
      action: extra.action ?? 'search.plate',
      dataElements: { plate },
      resultCount: 3,
      ...origin,
    });

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    clock = new FakeClock('2026-11-23T08:00:00Z');
    log = new AccessLog(t.handle, clock, { organization: 'El Cajon Police Department', pageSize: 7 });
  });
  afterEach(async () => t?.cleanup());

  it('verifies an empty log', async () => {
    expect(await log.verify()).toEqual({ ok: true, entries: 0, head: GENESIS_HASH });
  });

  it('chains each entry to the one before, starting from 64 zeros', async () => {
    const first = await search('alice', '7ABC123');
    const second = await log.recordChange({ userId: 'id-admin', username: 'admin' }, 'camera.update', { name: 'Old' }, { name: 'New' });
    const third = await log.recordAuth({ action: 'auth.sign_in_failed', username: 'mallory', userId: null, failure: 'unauthenticated', ...origin });
    expect([first.seq, second.seq, third.seq]).toEqual([1, 2, 3]);
    expect(first.prevHash).toBe(GENESIS_HASH);
    expect(second.prevHash).toBe(first.hash);
    expect(third.prevHash).toBe(second.hash);
    expect(first).toMatchObject({ category: 'data_access', actorUsername: 'alice', organization: 'El Cajon Police Department', purposeCase: '26-001234', dataElements: { plate: '7ABC123' }, resultCount: 3, clientAddress: '10.1.2.3' });
    expect(second).toMatchObject({ category: 'admin_change', beforeValue: { name: 'Old' }, afterValue: { name: 'New' } });
    expect(third).toMatchObject({ category: 'auth', actorUserId: null, actorUsername: 'mallory', dataElements: { outcome: 'failure', failure: 'unauthenticated' } });

    // The stored rows hash to what was returned: the serialization survives the driver round trip.
    const rows = await t.handle.db.selectFrom('accessLog').selectAll().orderBy('seq').execute();
    expect(rows.map(entryHash)).toEqual([first.hash, second.hash, third.hash]);
    expect(typeof rows[0]!.seq).toBe('number');
    expect(typeof rows[0]!.at).toBe('number');
    expect(canonicalEntry(rows[0]!)).toMatch(/^\["platekeeper\.access_log\.v1",1,"[0-9a-f-]{36}",1795420800000,"data_access","search\.plate",/);
    expect(await log.verify()).toEqual({ ok: true, entries: 3, head: third.hash });
  });

  it('keeps one linear chain under 100 appends in parallel', async () => {
    const entries = await Promise.all(Array.from({ length: 100 }, (_, i) => search(`user${i % 7}`, `PAR${i}`)));
    expect(entries.map((entry) => entry.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const result = await log.verify();
    expect(result).toMatchObject({ ok: true, entries: 100 });
  });

  it.runIf(dialect === 'postgres')('keeps one chain when two nodes (separate pools, separate queues) append at once', async () => {
    const other = await openDatabase<Tables>({ databaseUrl: t.databaseUrl!, dataDir: t.dataDir });
    try {
      const second = new AccessLog(other, clock, { organization: 'El Cajon Police Department' });
      await Promise.all([
        ...Array.from({ length: 60 }, (_, i) => search('node-a', `NA${i}`)),
        ...Array.from({ length: 60 }, (_, i) => second.recordAccess({ actor: { userId: null, username: 'node-b' }, purpose, action: 'search.plate', dataElements: { plate: `NB${i}` }, resultCount: 0, ...origin })),
      ]);
    } finally {
      await other.close();
    }
    expect(await log.verify()).toMatchObject({ ok: true, entries: 120 });
  });

  it('does not let a failed append break the queue or the chain', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(log.recordAccess({ actor: { userId: null, username: 'x' }, purpose, action: 'search.plate', dataElements: cyclic, resultCount: 0, ...origin })).rejects.toThrow();
    await search('alice', '7ABC123');
    expect(await log.verify()).toMatchObject({ ok: true, entries: 1 });
  });

  it('is refused UPDATE and DELETE by the database itself', async () => {
    await search('alice', '7ABC123');
    const db = t.handle.db;
    await expect(db.updateTable('accessLog').set({ purposeReason: 'edited' }).where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('accessLog').where('seq', '=', 1).execute()).rejects.toThrow(/append-only/);
    if (dialect === 'postgres') await expect(sql`truncate access_log`.execute(db)).rejects.toThrow(/append-only/);
    expect(await log.verify()).toMatchObject({ ok: true, entries: 1 });
  });

  it('filters by time, username, action prefix, category, case number and plate, newest first', async () => {
    await search('alice', '7ABC123');
    clock.advance(10 * MINUTE);
    await search('bob', '4XYZ987', { action: 'search.canvass', caseNumber: '26-009999' });
    clock.advance(10 * MINUTE);
    await log.recordChange({ userId: 'id-admin', username: 'admin' }, 'user.role_grant', null, { role: 'analyst' });
    await log.recordChange({ userId: 'id-admin', username: 'admin' }, 'user.roleXgrant', null, { role: 'analyst' });
    await search('alice', '7ABC124', { caseNumber: null });

    const seqs = async (filter: Parameters<AccessLog['query']>[0]) => (await log.query(filter, { limit: 50 })).entries.map((entry) => entry.seq);
    expect(await seqs({})).toEqual([5, 4, 3, 2, 1]);
    const start = Date.parse('2026-11-23T08:00:00Z');
    expect(await seqs({ from: start + 5 * MINUTE, to: start + 15 * MINUTE })).toEqual([2]);
    expect(await seqs({ username: 'alice' })).toEqual([5, 1]);
    expect(await seqs({ actionPrefix: 'search.' })).toEqual([5, 2, 1]);
    expect(await seqs({ actionPrefix: 'user.role_' })).toEqual([3]); // '_' is not a wildcard
    expect(await seqs({ category: 'admin_change' })).toEqual([4, 3]);
    expect(await seqs({ caseNumber: '26-009999' })).toEqual([2]);
    expect(await seqs({ plate: '7ABC12' })).toEqual([5, 1]);
    expect(await seqs({ plate: '7ABC123', username: 'alice' })).toEqual([1]);
    expect(await seqs({ plate: 'NOPE' })).toEqual([]);
  });

  it('pages newest first with a seq cursor', async () => {
    for (let i = 0; i < 5; i++) await search('alice', `PG${i}`);
    const first = await log.query({}, { limit: 2 });
    expect(first.entries.map((entry) => entry.seq)).toEqual([5, 4]);
    expect(first.nextCursor).toBe(4);
    const second = await log.query({}, { before: 4, limit: 2 });
    expect(second.entries.map((entry) => entry.seq)).toEqual([3, 2]);
    const last = await log.query({}, { before: 2, limit: 2 });
    expect(last).toMatchObject({ nextCursor: null });
    expect(last.entries.map((entry) => entry.seq)).toEqual([1]);
  });

  it('exports every matching row as CSV, page by page', async () => {
    for (let i = 0; i < 16; i++) await search(i % 2 ? 'alice' : 'bob', `CSV${i}`);
    await log.recordChange({ userId: null, username: '=cmd|calc' }, 'camera.update', { notes: 'a, "quoted"\nline' }, null);
    let text = '';
    for await (const chunk of log.exportCsv({ username: 'alice' })) text += chunk;
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('seq,id,at,category,action,actor_user_id,actor_username,organization,purpose_case,purpose_category,purpose_reason,data_elements,result_count,client_address,device,before_value,after_value,prev_hash,hash');
    expect(lines).toHaveLength(1 + 8); // pageSize 7: crosses a page boundary
    expect(lines[1]).toMatch(/^16,[0-9a-f-]{36},2026-11-23T08:00:00\.000Z,data_access,search\.plate,id-alice,alice,/);
    expect(lines[1]).toContain(',"{""plate"":""CSV15""}",3,');

    let all = '';
    for await (const chunk of log.exportCsv({ upToSeq: 17, category: 'admin_change' })) all += chunk;
    expect(all).toContain(",'=cmd|calc,"); // no formula for the spreadsheet
    expect(all).toContain('"{""notes"":""a, \\""quoted\\""\\nline""}"');
  });
});
