// The day partitions of `reads` on a real PostgreSQL (issue 12; R2): what the migration builds and
// moves, on-demand creation by the writer (cached, only in the ingest window), the default partition
// emptied into days as they are created, and a resend stored once on the partitioned table.
// PostgreSQL only: SQLite's `reads` stays one plain table.
import { sql, type Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { createReadSink } from '../ingest/read-sink.js';
import type { PreparedRead } from '../ingest/read-writer.js';
import { DAY, FakeClock } from '../platform/clock.js';
import { openDatabase } from '../platform/database.js';
import { DIALECTS, createTestDatabase, freshPostgresDatabase, type TestDatabase } from '../../test/databases.js';
import * as core from './migrations/20261123T0500_core.js';
import * as mfaDevicesLifecycle from './migrations/20261123T0600_mfa_devices_lifecycle.js';
import * as trainingPurposes from './migrations/20261123T0610_training_purposes.js';
import * as accessLog from './migrations/20261123T0620_access_log.js';
import * as approvalsJobTitles from './migrations/20261123T0630_approvals_job_titles.js';
import * as hotlists from './migrations/20261123T0700_hotlists.js';
import * as alerts from './migrations/20261123T0710_alerts.js';
import * as search from './migrations/20261123T0720_search.js';
import * as retention from './migrations/20261123T0730_retention.js';
import * as audits from './migrations/20261123T0740_audits.js';
import * as sharing from './migrations/20261123T0750_sharing.js';
import * as pgPartitions from './migrations/20261123T0800_pg_partitions.js';
import { dayOf, dayOfName, DEFAULT_PARTITION, lockWarningFor, partitionName, ReadPartitions } from './partitions.js';
import type { Tables } from './tables.js';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const TODAY = dayOf(NOW);
const pgOnly = DIALECTS.includes('postgres');

/** Which partition holds the read (tableoid), or undefined if it is not stored. */
async function partitionOf(db: Kysely<Tables>, id: string): Promise<string | undefined> {
  const rows = await sql<{ name: string }>`SELECT tableoid::regclass::text AS name FROM reads WHERE id = ${id}`.execute(db);
  return rows.rows[0]?.name;
}

async function insertRaw(db: Kysely<Tables>, capturedAt: number, id = uuidv7()): Promise<string> {
  await db.insertInto('plates').values({ plate: 'RAW1', region: 'us-ca' }).onConflict((oc) => oc.doNothing()).execute();
  const { id: plateId } = await db.selectFrom('plates').select('id').where('plate', '=', 'RAW1').executeTakeFirstOrThrow();
  await db
    .insertInto('reads')
    .values({ id, cameraId: 'cam-1', plateId, plateRaw: 'RAW1', regionRaw: 'CA', plateCheck: 'standard', confidence: 0.9, capturedAt, receivedAt: capturedAt, lat: null, lon: null, heading: null, vehicleMake: null, vehicleModel: null, vehicleColor: null, vehicleBody: null, plateImage: null, vehicleImage: null, vendorData: null })
    .execute();
  return id;
}

function prepared(capturedAt: number, id = uuidv7()): PreparedRead {
  return { id, cameraId: 'cam-1', plate: 'SINK1', region: 'us-ca', plateRaw: 'SINK1', regionRaw: 'CA', plateCheck: 'standard', confidence: 0.9, capturedAt, receivedAt: NOW, lat: null, lon: null, heading: null, vehicleMake: null, vehicleModel: null, vehicleColor: null, vehicleBody: null, plateImage: null, vehicleImage: null, vendorData: null, agencyId: 'agency' };
}

describe.skipIf(!pgOnly)('reads partitioned by capture day (postgres)', () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.cleanup();
    database = undefined;
  });

  it('the migration makes reads a RANGE-partitioned table on captured_at with a default partition and the key (id, captured_at, agency_id)', async () => {
    database = await createTestDatabase('postgres');
    const db = database.handle.db;
    const strategy = await sql<{ strategy: string; column: string }>`SELECT p.partstrat AS strategy, a.attname AS column FROM pg_partitioned_table p
      JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0] WHERE p.partrelid = 'reads'::regclass`.execute(db);
    expect(strategy.rows).toEqual([{ strategy: 'r', column: 'captured_at' }]);
    const key = await sql<{ column: string }>`SELECT a.attname AS column FROM pg_index i JOIN unnest(i.indkey) WITH ORDINALITY k(attnum, n) ON true
      JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum WHERE i.indrelid = 'reads'::regclass AND i.indisprimary ORDER BY k.n`.execute(db);
    expect(key.rows.map((row) => row.column)).toEqual(['id', 'captured_at', 'agency_id']);
    expect(await new ReadPartitions(db, new FakeClock(new Date(NOW))).days()).toEqual([]);
    const id = await insertRaw(db, NOW);
    expect(await partitionOf(db, id)).toBe(DEFAULT_PARTITION);
  });

  it('the migration moves existing reads into a partition per day, none into the default one', async () => {
    const { databaseUrl, drop } = await freshPostgresDatabase();
    // A second, empty database migrated up to the migration before ours, with reads in it.
    const admin = await openDatabase<Tables>({ databaseUrl, dataDir: '.' });
    const bare = `pk_part_mig_${process.pid}_${Date.now().toString(36)}`;
    await sql`CREATE DATABASE ${sql.id(bare)}`.execute(admin.db);
    const url = new URL(databaseUrl);
    url.pathname = `/${bare}`;
    const handle = await openDatabase<Tables>({ databaseUrl: url.toString(), dataDir: '.' });
    try {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const any = handle.db as Kysely<any>;
      for (const migration of [core, mfaDevicesLifecycle, trainingPurposes, accessLog, approvalsJobTitles, hotlists, alerts, search, retention, audits, sharing]) await migration.up(any, 'postgres');
      const ids = [await insertRaw(handle.db, NOW - 3 * DAY), await insertRaw(handle.db, NOW - 3 * DAY + 1000), await insertRaw(handle.db, NOW)];
      await pgPartitions.up(any, 'postgres');
      expect(await new ReadPartitions(handle.db, new FakeClock(new Date(NOW))).days()).toEqual([TODAY - 3, TODAY]);
      expect(await partitionOf(handle.db, ids[0]!)).toBe(partitionName(TODAY - 3));
      expect(await partitionOf(handle.db, ids[2]!)).toBe(partitionName(TODAY));
      const inDefault = await sql<{ n: number }>`SELECT count(*)::int AS n FROM reads_default`.execute(handle.db);
      expect(inDefault.rows[0]!.n).toBe(0);
      expect((await handle.db.selectFrom('reads').select('id').orderBy('id').execute()).map((row) => row.id)).toEqual([...ids].sort());
    } finally {
      await handle.close();
      await sql`DROP DATABASE IF EXISTS ${sql.id(bare)} WITH (FORCE)`.execute(admin.db);
      await admin.close();
      await drop();
    }
  });

  it('a year of days would not fit the default lock table four times over: the job says what to set', () => {
    expect(lockWarningFor({ locks: 64, connections: 100, days: 100 })).toBeUndefined();
    expect(lockWarningFor({ locks: 64, connections: 100, days: 366 })).toMatch(/set max_locks_per_transaction = 128 or more/);
    expect(lockWarningFor({ locks: 64, connections: 100, days: 1826 })).toMatch(/set max_locks_per_transaction = 1024 or more/);
    expect(lockWarningFor({ locks: 1024, connections: 100, days: 1826 })).toBeUndefined();
  });

  it('names days reads_dYYYYMMDD (UTC) and reads them back', () => {
    expect(partitionName(dayOf(Date.parse('2026-03-01T23:59:59.999Z')))).toBe('reads_d20260301');
    expect(dayOfName('reads_d20260301')).toBe(dayOf(Date.parse('2026-03-01T00:00:00Z')));
    expect(dayOfName(DEFAULT_PARTITION)).toBeUndefined();
  });

  it('the writer creates a day before inserting it (once, then cached), only inside the ingest window; a resend is stored once (R2)', async () => {
    database = await createTestDatabase('postgres');
    const db = database.handle.db;
    const partitions = new ReadPartitions(db, new FakeClock(new Date(NOW)), { pastDays: 30, aheadDays: 7 });
    let creations = 0;
    const create = partitions.create.bind(partitions);
    partitions.create = async (day) => {
      creations += 1;
      return create(day);
    };
    const sink = createReadSink(database.handle, partitions);
    const today = prepared(NOW);
    const old = prepared(NOW - 31 * DAY); // outside the window: the default partition takes it
    const first = await sink.commit([today, old, prepared(NOW + 1000)], []);
    expect(first.inserted.size).toBe(3);
    expect(await partitions.days()).toEqual([TODAY]);
    expect(await partitionOf(db, today.id)).toBe(partitionName(TODAY));
    expect(await partitionOf(db, old.id)).toBe(DEFAULT_PARTITION);

    // The resend: same id, same capture time (and agency) — nothing new, and no new partition work.
    const again = await sink.commit([today, { ...today }], []);
    expect(again.inserted.size).toBe(0);
    expect(creations).toBe(1);
    const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM reads WHERE id = ${today.id}`.execute(db);
    expect(count.rows[0]!.n).toBe(1);
  });

  it('creating a day moves its reads out of the default partition; the job keeps days ahead and empties the default partition within the window', async () => {
    database = await createTestDatabase('postgres');
    const db = database.handle.db;
    const partitions = new ReadPartitions(db, new FakeClock(new Date(NOW)), { pastDays: 30, aheadDays: 3 });
    const stray = await insertRaw(db, NOW - 2 * DAY);
    const stray2 = await insertRaw(db, NOW - 2 * DAY + 5);
    const ancient = await insertRaw(db, NOW - 400 * DAY); // a held read whose day was dropped, say: stays
    expect(await partitions.create(TODAY - 2)).toEqual({ created: true, moved: 2 });
    expect(await partitionOf(db, stray)).toBe(partitionName(TODAY - 2));
    expect(await partitionOf(db, stray2)).toBe(partitionName(TODAY - 2));
    expect(await partitions.create(TODAY - 2)).toEqual({ created: false, moved: 0 });

    const late = await insertRaw(db, NOW - 10 * DAY);
    const summary = await partitions.maintain(NOW);
    expect(summary).toEqual({ created: 6, moved: 1 }); // yesterday … today+3, and the day of `late`
    expect(await partitions.days()).toEqual([TODAY - 10, TODAY - 2, TODAY - 1, TODAY, TODAY + 1, TODAY + 2, TODAY + 3]);
    expect(await partitionOf(db, late)).toBe(partitionName(TODAY - 10));
    expect(await partitionOf(db, ancient)).toBe(DEFAULT_PARTITION);
    expect(await partitions.maintain(NOW)).toEqual({ created: 0, moved: 0 });
    expect(await partitions.lockWarning()).toBeUndefined(); // 8 days fit PostgreSQL's default lock table
    // Every index of reads exists on a new day too (attached from the parent's).
    const indexes = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = ${partitionName(TODAY + 3)}`.execute(db);
    expect(indexes.rows[0]!.n).toBe(6);
  });

  it("the job drops plate_days rows of days the purge dropped, and keeps those of held reads in the default partition", async () => {
    database = await createTestDatabase('postgres');
    const db = database.handle.db;
    const partitions = new ReadPartitions(db, new FakeClock(new Date(NOW)), { pastDays: 30, aheadDays: 1 });
    await insertRaw(db, NOW - 2 * DAY); // its day is created below
    await insertRaw(db, NOW - 400 * DAY); // a held read whose day was dropped: stays in the default partition
    const { id: plateId } = await db.selectFrom('plates').select('id').where('plate', '=', 'RAW1').executeTakeFirstOrThrow();
    // A day the purge dropped: its reads are gone, its plate_days row is not.
    await sql`INSERT INTO plate_days (plate_id, day) VALUES (${plateId}, ${TODAY - 300})`.execute(db);
    const plateDays = async () => (await sql<{ day: number }>`SELECT day FROM plate_days WHERE plate_id = ${plateId} ORDER BY day`.execute(db)).rows.map((row) => Number(row.day));
    expect(await plateDays()).toEqual([TODAY - 400, TODAY - 300, TODAY - 2]);
    expect(await partitions.maintain(NOW)).toEqual({ created: 4, moved: 1, plateDaysDropped: 1 }); // yesterday … today+1, and the day of the first read
    expect(await plateDays()).toEqual([TODAY - 400, TODAY - 2]);
    expect(await partitions.maintain(NOW)).toEqual({ created: 0, moved: 0 });
  });
});
