// The race the purge repairs (invariant 2 with invariant 3): an ingest that used a cached plate id
// or a known image while the purge deleted it as an orphan. settle() runs after ingest drained and
// puts back what a new read refers to, so no kept read points at a missing plate or image.
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.js';
import { OrphanReaper } from './purge.targets.js';
import { retentionKit, type RetentionKit } from './retention.testkit.js';

describe.each(DIALECTS)('orphan repair (%s)', (dialect) => {
  let kit: RetentionKit | undefined;
  afterEach(async () => {
    await kit?.cleanup();
    kit = undefined;
  });

  it('puts back a plate and an image that a read committed during the purge refers to', async () => {
    kit = await retentionKit(dialect, 'el-cajon-pd');
    const db = kit.database.handle.db;
    let forgotten = 0;
    const reaper = new OrphanReaper(db, kit.images, { idle: () => Promise.resolve(), forgetPlates: () => Promise.resolve(void (forgotten += 1)) });
    const cam = await kit.camera('fixed');
    const sha = await kit.image(Buffer.from('raced-image-bytes-0009'));
    const gone = await kit.image(Buffer.from('really-gone-bytes-0010'));
    await kit.read(cam, Date.parse('2026-01-01T00:00:00Z'), { plate: 'RACE001', plateImage: sha, vehicleImage: gone });
    await kit.read(cam, Date.parse('2026-01-01T00:00:01Z'), { plate: 'RACE002' });
    const ids = Object.fromEntries((await db.selectFrom('plates').select(['id', 'plate']).execute()).map((p) => [p.plate, p.id]));

    const removed = await db.transaction().execute(async (tx) => {
      await tx.deleteFrom('reads').execute();
      return reaper.deleteOrphanRows(tx, new Set([sha, gone]), new Set([ids.RACE001!, ids.RACE002!]));
    });
    expect(removed.plates).toHaveLength(2);
    expect(removed.images).toHaveLength(2);
    // Meanwhile an ingest with a stale cache commits a read with RACE001's old id and the known image…
    const raced = await kit.read(cam, Date.parse('2026-06-15T11:00:00Z'), { plate: 'RACE001', plateImage: sha });
    await db.updateTable('reads').set({ plateId: ids.RACE001! }).where('id', '=', raced).execute();
    await db.deleteFrom('plates').where('plate', '=', 'RACE001').execute(); // as if the row were never re-created
    // …and another re-created RACE002 under a new id while a stale read used the old one.
    const stale = await kit.read(cam, Date.parse('2026-06-15T11:00:01Z'), { plate: 'RACE002' });
    await db.updateTable('reads').set({ plateId: ids.RACE002! }).where('id', '=', stale).execute();

    const settled = await reaper.settle(removed);
    expect(settled).toEqual({ images: 1, plates: 0 });
    expect(forgotten).toBeGreaterThan(0);
    const dangling = await db.selectFrom('reads').leftJoin('plates', 'plates.id', 'reads.plateId').select('reads.id').where('plates.id', 'is', null).execute();
    expect(dangling).toEqual([]);
    expect((await db.selectFrom('plates').select('id').where('plate', '=', 'RACE001').executeTakeFirstOrThrow()).id).toBe(ids.RACE001);
    expect(existsSync(kit.images.pathOf(sha))).toBe(true);
    expect(await db.selectFrom('images').select('sha256').where('sha256', '=', sha).executeTakeFirst()).toBeDefined();
    expect(existsSync(kit.images.pathOf(gone))).toBe(false);
    expect(await kit.readIds()).toEqual([raced, stale].sort());
  });
});
