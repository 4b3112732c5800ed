// The purge over real stores, both databases (invariant 3: purge means gone, except what a hold
// keeps): images (files and rows) and plates go with their last read, shared ones stay; held reads
// survive; minimum retention refuses early deletion; each run is recorded; outside copies get
// their destruction notice (R33).
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../audit/access-log.js';
import { DAY } from '../platform/clock.js';
import { newId } from '../platform/ids.js';
import { DIALECTS } from '../../test/databases.js';
import { retentionKit, type RetentionKit } from './retention.testkit.js';

const OLD = Date.parse('2026-01-05T10:00:00Z');
const NOW = '2026-06-15T12:00:00Z'; // > 30 days after OLD (El Cajon: 30 days)

describe.each(DIALECTS)('purge (%s)', (dialect) => {
  let kit: RetentionKit | undefined;
  afterEach(async () => {
    await kit?.cleanup();
    kit = undefined;
  });

  const count = async (table: 'reads' | 'images' | 'plates' | 'purgeRuns') => Number((await kit!.database.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('removes reads, their images (files and rows) and orphaned plates in batches; shared images and plates stay', async () => {
    kit = await retentionKit(dialect, 'el-cajon-pd', { batchSize: 7, now: NOW });
    const cam = await kit.camera('fixed');
    const shared = await kit.image(Buffer.from('shared-image-bytes-0001'));
    const lonely = await kit.image(Buffer.from('lonely-image-bytes-0002'));
    const old: string[] = [];
    for (let i = 0; i < 20; i++) old.push(await kit.read(cam, OLD + i * 1000, { plate: i < 10 ? 'GONE001' : 'KEPT001', plateImage: shared, vehicleImage: i === 0 ? lonely : null }));
    const fresh = await kit.read(cam, Date.parse('2026-06-14T08:00:00Z'), { plate: 'KEPT001', plateImage: shared });

    const preview = await kit.room.purge.run({ trigger: 'cli', actor: SYSTEM_ACTOR, dryRun: true });
    expect(preview.classes.find((c) => c.className === 'fixedReads')!.deleted).toBe(20);
    expect(await count('reads')).toBe(21); // a dry run deletes nothing

    const dropped: number[] = [];
    kit.room.onPlatesDeleted((ids) => dropped.push(...ids));
    const goneId = (await kit.database.handle.db.selectFrom('plates').select('id').where('plate', '=', 'GONE001').executeTakeFirstOrThrow()).id;
    const run = await kit.room.purge.run({ trigger: 'cli', actor: SYSTEM_ACTOR });
    expect(dropped).toEqual([goneId]); // in-memory indexes are told which plates are gone
    const reads = run.classes.find((c) => c.className === 'fixedReads')!;
    expect(reads).toMatchObject({ deleted: 20, held: 0, oldestRemaining: Date.parse('2026-06-14T08:00:00Z'), details: { images: 1, plates: 1 } });
    expect(await kit.readIds()).toEqual([fresh]);
    // The image only old reads used: row and file gone. The shared one: both stay.
    expect(existsSync(kit.images.pathOf(lonely))).toBe(false);
    expect(existsSync(kit.images.pathOf(shared))).toBe(true);
    const imageRows = (await kit.database.handle.db.selectFrom('images').select('sha256').execute()).map((r) => r.sha256);
    expect(imageRows).toEqual([shared]);
    const plates = (await kit.database.handle.db.selectFrom('plates').select('plate').execute()).map((r) => r.plate);
    expect(plates).toEqual(['KEPT001']);

    // Recorded: purge_runs (the dry run too) and the access log, with counts and oldest remaining.
    expect(await count('purgeRuns')).toBe(2);
    const logged = await kit.accessLog.query({ actionPrefix: 'retention.purge' }, { limit: 10 });
    expect(logged.entries).toHaveLength(1);
    expect(logged.entries[0]!.resultCount).toBe(20);
    expect(JSON.stringify(logged.entries[0]!.dataElements)).toContain('"oldestRemaining":"2026-06-14T08:00:00.000Z"');
  });

  it('keeps held reads past retention, and purges them once the hold is released or lapses', async () => {
    kit = await retentionKit(dialect, 'el-cajon-pd', { now: NOW });
    const cam = await kit.camera('mobile');
    const img = await kit.image(Buffer.from('held-image-bytes-0003'));
    const held = await kit.read(cam, OLD, { plate: 'HELD001', plateImage: img });
    const lapsing = await kit.read(cam, OLD + 1, { plate: 'LAPS001' });
    const free = await kit.read(cam, OLD + 2, { plate: 'FREE001' });
    const db = kit.database.handle.db;
    const hold = async (readId: string, until: number | null) => {
      const id = newId();
      await db.insertInto('legalHolds').values({ id, caseNumber: 'C-1', reason: 'evidence in case C-1', selection: JSON.stringify({ readIds: [readId] }), readCount: 1, placedById: null, placedBy: 'test', placedAt: OLD, until, releasedAt: null, releasedBy: null, releaseReason: null, reviewedAt: null, reviewedBy: null, reviewNote: null }).execute();
      await db.insertInto('legalHoldReads').values({ holdId: id, readId }).execute();
      return id;
    };
    const holdId = await hold(held, null);
    await hold(lapsing, Date.parse(NOW) + DAY);

    let run = await kit.room.purge.run({ trigger: 'cli', actor: SYSTEM_ACTOR });
    expect(run.classes.find((c) => c.className === 'mobileReads')).toMatchObject({ deleted: 1, held: 2 });
    expect(await kit.readIds()).toEqual([held, lapsing].sort());
    expect(await kit.readIds()).not.toContain(free);
    expect(existsSync(kit.images.pathOf(img))).toBe(true);

    // A day later the second hold has lapsed; the first is released through the service.
    kit.clock.set(new Date(Date.parse(NOW) + DAY));
    run = await kit.room.purge.run({ trigger: 'cli', actor: SYSTEM_ACTOR });
    expect(await kit.readIds()).toEqual([held]);
    const released = await kit.room.holds.release({ userId: null, username: 'custodian' }, holdId, 'case closed, no appeal');
    expect(released.state).toBe('released');
    run = await kit.room.purge.run({ trigger: 'cli', actor: SYSTEM_ACTOR });
    expect(run.classes.find((c) => c.className === 'mobileReads')).toMatchObject({ deleted: 1, held: 0, oldestRemaining: null });
    expect(await kit.readIds()).toEqual([]);
    expect(existsSync(kit.images.pathOf(img))).toBe(false);
    expect(await count('plates')).toBe(0);
  });

  it('minimum retention: nothing deletes a read earlier, and the purge never passes the minimum (Imperial: at least 2 years)', async () => {
    kit = await retentionKit(dialect, 'imperial-county-so', { now: '2026-06-15T12:00:00Z' });
    const cam = await kit.camera('fixed');
    const young = await kit.read(cam, Date.parse('2025-06-15T12:00:00Z')); // one year old
    const exactly = await kit.read(cam, Date.parse('2024-06-15T00:00:00Z')); // 730 days before today: kept through today
    const old = await kit.read(cam, Date.parse('2024-06-14T23:59:59Z')); // past the minimum
    await expect(kit.room.destroy.destroyReads({ userId: null, username: 'custodian' }, [young, old], 'misread, plate is not a vehicle')).rejects.toMatchObject({ id: 'retention_minimum', status: 409 });
    await expect(kit.room.destroy.destroyReads({ userId: null, username: 'custodian' }, [exactly], 'misread, plate is not a vehicle')).rejects.toMatchObject({ id: 'retention_minimum' });
    expect(await kit.readIds()).toEqual([young, exactly, old].sort()); // bad input changes nothing
    const destroyed = await kit.room.destroy.destroyReads({ userId: null, username: 'custodian' }, [old], 'misread, plate is not a vehicle');
    expect(destroyed.deleted).toBe(1);
    const run = await kit.room.purge.run({ trigger: 'cli', actor: SYSTEM_ACTOR });
    expect(run.classes.find((c) => c.className === 'fixedReads')!.deleted).toBe(0);
    expect(await kit.readIds()).toEqual([young, exactly].sort());
  });

  it('a profile whose maximum were below a minimum still cannot delete early (defence in depth)', async () => {
    kit = await retentionKit(dialect, 'imperial-county-so', { now: NOW });
    const { deleteCutoff, retentionCutoff } = await import('./retention.rules.js');
    const now = Date.parse(NOW);
    expect(deleteCutoff({ minDays: 730, maxDays: 30 }, now)).toBe(retentionCutoff(now, 730));
    expect(deleteCutoff({ minDays: 0, maxDays: 30 }, now)).toBe(retentionCutoff(now, 30));
    expect(deleteCutoff({ minDays: 1095, maxDays: null }, now)).toBeNull();
  });

  it('alerts past retention go with their workflow steps, unless their read is held; evidence server copies go after the export retention', async () => {
    kit = await retentionKit(dialect, 'el-cajon-pd', { now: NOW });
    const { connectRetention } = await import('./index.js');
    connectRetention(kit.room, { alerts: true });
    const db = kit.database.handle.db;
    const cam = await kit.camera('fixed');
    const heldRead = await kit.read(cam, Date.parse('2026-06-01T00:00:00Z'));
    const alert = async (readId: string, createdAt: number) => {
      const row = await db
        .insertInto('alerts')
        .values({ readId, entryId: newId(), listId: 'l1', listName: 'SVS', listSource: 'ncic', dataSource: 'federal', priority: 1, listUpdatedAt: null, category: 'stolen_vehicle', entry: '{}', matchKind: 'exact', stateCheck: 'match', match: '{}', plate: '8ABC123', region: 'us-ca', cameraId: cam, capturedAt: createdAt, lat: null, lon: null, vehicle: '{}', plateImage: null, vehicleImage: null, createdAt, status: 'closed', disposition: 'no_action', correctedPlate: null, closedAt: createdAt })
        .returning('seq')
        .executeTakeFirstOrThrow();
      await db.insertInto('alertSteps').values({ alertSeq: row.seq, step: 'verify', userId: 'u1', username: 'officer1', at: createdAt, detail: '{}' }).execute();
      return row.seq;
    };
    await alert(newId(), OLD);
    const kept = await alert(heldRead, OLD + 1);
    const fresh = await alert(newId(), Date.parse('2026-06-14T00:00:00Z'));
    const holdId = newId();
    await db.insertInto('legalHolds').values({ id: holdId, caseNumber: 'C-2', reason: 'evidence in case C-2', selection: '{}', readCount: 1, placedById: null, placedBy: 'test', placedAt: OLD, until: null, releasedAt: null, releasedBy: null, releaseReason: null, reviewedAt: null, reviewedBy: null, reviewNote: null }).execute();
    await db.insertInto('legalHoldReads').values({ holdId, readId: heldRead }).execute();
    const run = await kit.room.purge.run({ trigger: 'cli', actor: SYSTEM_ACTOR });
    expect(run.classes.find((c) => c.className === 'alerts')).toMatchObject({ status: 'purged', deleted: 1, held: 1, details: { steps: 1 } });
    expect((await db.selectFrom('alerts').select('seq').orderBy('seq').execute()).map((r) => r.seq)).toEqual([kept, fresh]);
    expect(await db.selectFrom('alertSteps').select('id').execute()).toHaveLength(2);
    expect(run.classes.find((c) => c.className === 'exports')).toMatchObject({ status: 'purged', deleted: 0 });
  });

  it('the scheduled job purges once per UTC day, at its first hourly wake after 00:00 UTC', async () => {
    kit = await retentionKit(dialect, 'el-cajon-pd', { now: '2026-06-15T00:20:00Z' });
    const cam = await kit.camera('fixed');
    await kit.read(cam, Date.parse('2026-05-15T12:00:00Z')); // 30 days + the rest of day D: due 2026-06-15
    expect(await kit.room.job.perform(kit.clock.now())).toMatchObject({ deleted: 1, fixedReads: 1 });
    await kit.read(cam, Date.parse('2026-05-15T13:00:00Z')); // due too, but today's run is done
    kit.clock.set('2026-06-15T01:20:00Z');
    expect(await kit.room.job.perform(kit.clock.now())).toEqual({ skipped: 'already purged today (UTC)' });
    kit.clock.set('2026-06-16T00:05:00Z');
    expect(await kit.room.job.perform(kit.clock.now())).toMatchObject({ deleted: 1 });
    expect(await kit.readIds()).toEqual([]);
  });

  it('kept classes are never purged; outside copies past retention get a destruction notice (R33)', async () => {
    kit = await retentionKit(dialect, 'los-altos-pd', { now: NOW });
    const due = await kit.room.outside.record({ userId: null, username: 'sharing' }, { recipient: 'NCRIC', description: '12 reads for case 26-1', source: 'sharing', readCount: 12, newestCapturedAt: Date.parse('2025-05-01T00:00:00Z') }); // past 365 days (mobile), the longest read retention
    await kit.room.outside.record({ userId: null, username: 'sharing' }, { recipient: 'Palo Alto PD', description: '1 read', source: 'sharing', readCount: 1, newestCapturedAt: Date.parse('2026-06-10T00:00:00Z') });
    const preview = await kit.room.purge.run({ trigger: 'api', actor: SYSTEM_ACTOR, dryRun: true });
    expect(preview.notices).toBe(1);
    expect((await kit.room.outside.list()).filter((c) => c.due)).toHaveLength(0); // a dry run marks nothing
    const run = await kit.room.purge.run({ trigger: 'schedule', actor: SYSTEM_ACTOR });
    expect(run.notices).toBe(1);
    for (const kept of ['accessLog', 'auditRecords', 'sharingRecords']) expect(run.classes.find((c) => c.className === kept)).toMatchObject({ status: 'kept', cutoff: null, deleted: 0 });
    const listed = await kit.room.outside.list();
    expect(listed.filter((c) => c.due).map((c) => c.id)).toEqual([due.id]);
    const logged = await kit.accessLog.query({ actionPrefix: 'retention.purge' }, { limit: 10 });
    expect(JSON.stringify(logged.entries[0]!.dataElements)).toContain('NCRIC');
    // Next run: already noticed, not noticed again. Confirming destruction clears "due".
    expect((await kit.room.purge.run({ trigger: 'schedule', actor: SYSTEM_ACTOR })).notices).toBe(0);
    await kit.room.outside.confirmDestroyed({ userId: null, username: 'custodian' }, due.id, 'NCRIC confirmed deletion by e-mail');
    expect((await kit.room.outside.list()).filter((c) => c.due)).toHaveLength(0);
  });
});
