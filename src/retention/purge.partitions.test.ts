// Retention by dropping day partitions on PostgreSQL (issue 12; R30, R31; invariant 3): whole days
// past both read cutoffs go by DROP, a held read in such a day survives (moved to the default
// partition), images and plates only the dropped reads used go with them, days that are past one
// kind's cutoff only, and reads in the default partition, go by row deletion as before.
import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/access-log.js';
import { DAY } from '../platform/clock.js';
import { newId } from '../platform/ids.js';
import { dayOf, DEFAULT_PARTITION, partitionName } from '../storage/partitions.js';
import { DIALECTS } from '../../test/databases.js';
import { retentionKit, type RetentionKit } from './retention.testkit.js';

const NOW = '2026-06-15T12:00:00Z';
const now = Date.parse(NOW);
const at = (daysAgo: number, ms = 0) => now - daysAgo * DAY + ms;

describe.skipIf(!DIALECTS.includes('postgres'))('purge by partition drop (postgres)', () => {
  let kit: RetentionKit | undefined;
  afterEach(async () => {
    await kit?.cleanup();
    kit = undefined;
  });

  const partitionOf = async (id: string) =>
    (await sql<{ name: string }>`SELECT tableoid::regclass::text AS name FROM reads WHERE id = ${id}`.execute(kit!.database.handle.db)).rows[0]?.name;

  it('drops whole days past retention; a held read in a dropped day survives; its images and plates stay, the others go (R30, R31)', async () => {
    kit = await retentionKit('postgres', 'el-cajon-pd', { now: NOW }); // fixed and mobile: 30 days
    const db = kit.database.handle.db;
    const fixed = await kit.camera('fixed');
    const mobile = await kit.camera('mobile');
    const heldImage = await kit.image(Buffer.from('held-image-in-a-dropped-day'));
    const goneImage = await kit.image(Buffer.from('image-only-a-dropped-read-used'));
    const held = await kit.read(fixed, at(100), { plate: 'HELD001', plateImage: heldImage });
    await kit.read(fixed, at(100, 1000), { plate: 'GONE001', plateImage: goneImage });
    await kit.read(mobile, at(100, 2000), { plate: 'GONE002' });
    await kit.read(fixed, at(60), { plate: 'SEEN001' });
    const fresh = await kit.read(fixed, at(2), { plate: 'SEEN001' });
    // A read in the default partition (no day partition for it): the row purge takes it.
    const { id: plateId } = await db.selectFrom('plates').select('id').where('plate', '=', 'GONE001').executeTakeFirstOrThrow();
    const stray = uuidv7();
    await db
      .insertInto('reads')
      .values({ id: stray, cameraId: fixed, plateId, plateRaw: 'GONE001', regionRaw: 'CA', plateCheck: 'standard', confidence: 0.9, capturedAt: at(200), receivedAt: at(200), lat: null, lon: null, heading: null, vehicleMake: null, vehicleModel: null, vehicleColor: null, vehicleBody: null, plateImage: null, vehicleImage: null, vendorData: null })
      .execute();
    expect(await partitionOf(stray)).toBe(DEFAULT_PARTITION);
    const holdId = newId();
    await db.insertInto('legalHolds').values({ id: holdId, caseNumber: 'C-9', reason: 'evidence in case C-9', selection: JSON.stringify({ readIds: [held] }), readCount: 1, placedById: null, placedBy: 'test', placedAt: now, until: null, releasedAt: null, releasedBy: null, releaseReason: null, reviewedAt: null, reviewedBy: null, reviewNote: null }).execute();
    await db.insertInto('legalHoldReads').values({ holdId, readId: held }).execute();

    const preview = await kit.room.purge.run({ trigger: 'cli', actor: SYSTEM_ACTOR, dryRun: true });
    expect(preview.classes.find((c) => c.className === 'fixedReads')).toMatchObject({ deleted: 3, held: 1 });
    expect(preview.classes.find((c) => c.className === 'mobileReads')).toMatchObject({ deleted: 1, held: 0 });
    expect(await kit.room.partitions!.days()).toEqual([dayOf(at(100)), dayOf(at(60)), dayOf(at(2))]); // a dry run drops nothing

    const run = await kit.room.purge.run({ trigger: 'cli', actor: SYSTEM_ACTOR });
    const fixedClass = run.classes.find((c) => c.className === 'fixedReads')!;
    expect(fixedClass).toMatchObject({ deleted: 3, held: 1, details: { partitionsDropped: 2 } });
    expect(run.classes.find((c) => c.className === 'mobileReads')).toMatchObject({ deleted: 1, held: 0 });
    expect(await kit.room.partitions!.days()).toEqual([dayOf(at(2))]);
    expect(await kit.readIds()).toEqual([held, fresh].sort());
    expect(await partitionOf(held)).toBe(DEFAULT_PARTITION); // its day is gone; the read is kept (R31)
    expect(existsSync(kit.images.pathOf(heldImage))).toBe(true);
    expect(existsSync(kit.images.pathOf(goneImage))).toBe(false);
    expect((await db.selectFrom('images').select('sha256').execute()).map((row) => row.sha256)).toEqual([heldImage]);
    expect((await db.selectFrom('plates').select('plate').orderBy('plate').execute()).map((row) => row.plate)).toEqual(['HELD001', 'SEEN001']);

    // Released: the next purge deletes it from the default partition by row, with its image and plate.
    await kit.room.holds.release({ userId: null, username: 'custodian' }, holdId, 'case closed, no appeal');
    const after = await kit.room.purge.run({ trigger: 'cli', actor: SYSTEM_ACTOR });
    expect(after.classes.find((c) => c.className === 'fixedReads')).toMatchObject({ deleted: 1, held: 0 });
    expect(await kit.readIds()).toEqual([fresh]);
    expect(existsSync(kit.images.pathOf(heldImage))).toBe(false);
    expect((await db.selectFrom('plates').select('plate').execute()).map((row) => row.plate)).toEqual(['SEEN001']);
  });

  it('a day past the fixed cutoff but not the mobile one is not dropped: its fixed reads go by row, its mobile reads stay (R30: Los Altos 30 / 365 days)', async () => {
    kit = await retentionKit('postgres', 'los-altos-pd', { now: NOW });
    const fixed = await kit.camera('fixed');
    const mobile = await kit.camera('mobile');
    const fixedOld = await kit.read(fixed, at(100), { plate: 'FIX0001' });
    const mobileOld = await kit.read(mobile, at(100, 1), { plate: 'MOB0001' });
    await kit.read(fixed, at(400), { plate: 'FIX0002' });
    await kit.read(mobile, at(400, 1), { plate: 'MOB0002' });
    const run = await kit.room.purge.run({ trigger: 'cli', actor: SYSTEM_ACTOR });
    expect(run.classes.find((c) => c.className === 'fixedReads')).toMatchObject({ deleted: 2, details: { partitionsDropped: 1 } });
    expect(run.classes.find((c) => c.className === 'mobileReads')).toMatchObject({ deleted: 1 });
    expect(await kit.readIds()).toEqual([mobileOld]);
    expect(await kit.room.partitions!.days()).toEqual([dayOf(at(100))]);
    expect(await partitionOf(mobileOld)).toBe(partitionName(dayOf(at(100))));
    expect(fixedOld).toBeDefined();
  });

  it('finishes a day a crashed run detached but did not drop', async () => {
    kit = await retentionKit('postgres', 'el-cajon-pd', { now: NOW });
    const fixed = await kit.camera('fixed');
    await kit.read(fixed, at(100), { plate: 'CRASH01' });
    const fresh = await kit.read(fixed, at(1), { plate: 'KEEP001' });
    await sql`ALTER TABLE reads DETACH PARTITION ${sql.table(partitionName(dayOf(at(100))))}`.execute(kit.database.handle.db);
    const run = await kit.room.purge.run({ trigger: 'cli', actor: SYSTEM_ACTOR });
    expect(run.classes.find((c) => c.className === 'fixedReads')).toMatchObject({ deleted: 1, details: { partitionsDropped: 1, plates: 1 } });
    expect(await kit.readIds()).toEqual([fresh]);
    const left = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_class WHERE relname = ${partitionName(dayOf(at(100)))}`.execute(kit.database.handle.db);
    expect(left.rows[0]!.n).toBe(0);
  });
});
