// Retention by dropping whole days (issue 12; R30, R31; invariant 3), PostgreSQL only. A day
// partition of `reads` whose every row is past retention — its end is at or before the earlier of
// the fixed and mobile cutoffs — goes in one DROP TABLE instead of one DELETE per row. Around each
// drop it does what the row purge does: reads under a legal hold are copied out first and put back
// (they land in reads_default, since their day is gone, and stay there until released and purged
// by row), and the images and distinct plates only the dropped reads used are deleted, files too.
// Days that straddle a cutoff, and everything in the default partition, still go by row deletion
// (ReadsTarget). Alerts, hot lists, exports and outside-copy notices are their own purge targets
// and run after the reads as before.
//
// Both read classes share the drop (a day holds reads of both kinds), so it runs once per purge run
// and each class reports its own kind's count. Each day is detached first (an ACCESS EXCLUSIVE lock
// on `reads` for milliseconds; lock_timeout keeps it from queueing behind a long search: the next
// run retries), then worked on and dropped out of everyone's way. The orphan pass runs once the
// dropped days' plates and images number a million, and at the end, set-based (a hash anti-join the
// planner picks for big sets), so memory stays bounded; a crash between a drop and its orphan pass
// leaves those plates and images behind.
import { sql, type Kysely } from 'kysely';
import { DAY } from '../platform/clock.js';
import { dayOfName, partitionName, type ReadPartitions } from '../storage/partitions.js';
import type { Tables } from '../storage/tables.js';
import type { OrphanReaper, PurgeRunOptions, ReadRefColumn, UsedLookup } from './purge.targets.js';

/**
 * An orphan pass once this many plates and images are noted, and at the end: the later the pass, the
 * fewer days remain for its anti-join to look through (a year dropped at once: one pass, at the end).
 */
const CANDIDATES_PER_PASS = 1_000_000;
const COLUMN_SQL: Record<ReadRefColumn, string> = { plateImage: 'plate_image', vehicleImage: 'vehicle_image', plateId: 'plate_id' };

export interface DropOutcome {
  fixed: number;
  mobile: number;
  /** Held reads copied out of dropped days and kept (in the default partition). */
  heldKept: number;
  partitions: number;
  images: number;
  plates: number;
}

const HELD = (now: number) => sql<boolean>`EXISTS (SELECT 1 FROM legal_hold_reads hr JOIN legal_holds h ON h.id = hr.hold_id
  WHERE hr.read_id = r.id AND h.released_at IS NULL AND (h.until IS NULL OR h.until > ${now}))`;
const MOBILE = sql<boolean>`r.camera_id IN (SELECT id FROM cameras WHERE kind = 'mobile')`;

export class PartitionPurge {
  private current: { key: string; outcome: Promise<DropOutcome>; counted: boolean } | undefined;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly partitions: Pick<ReadPartitions, 'days' | 'forget' | 'windowStart'>,
    private readonly reaper: OrphanReaper,
    /** Reads before this instant are past retention whatever their kind: min of the two read cutoffs. */
    private readonly cutoff: (now: number) => number,
  ) {}

  /**
   * The drop for this purge run (run once, shared by both read classes): this kind's count, and
   * the images and plates removed for the first class that asks (so they are not counted twice).
   */
  async take(kind: 'fixed' | 'mobile', options: PurgeRunOptions): Promise<{ deleted: number; images: number; plates: number; partitions: number }> {
    const key = options.runId ?? `${options.now}:${options.dryRun}`;
    if (this.current?.key !== key) this.current = { key, outcome: this.dropExpired(options), counted: false };
    const outcome = await this.current.outcome;
    const first = !this.current.counted;
    this.current.counted = true;
    return { deleted: outcome[kind], images: first ? outcome.images : 0, plates: first ? outcome.plates : 0, partitions: first ? outcome.partitions : 0 };
  }

  private async dropExpired(options: PurgeRunOptions): Promise<DropOutcome> {
    const cutoff = this.cutoff(options.now);
    const leftover = new Set(options.dryRun ? [] : await this.detachedDays());
    const days = [...leftover, ...(await this.partitions.days()).filter((day) => (day + 1) * DAY <= cutoff)];
    const total: DropOutcome = { fixed: 0, mobile: 0, heldKept: 0, partitions: 0, images: 0, plates: 0 };
    for (let i = 0; i < days.length; ) {
      const plates = new Set<number>();
      const shas = new Set<string>();
      for (; i < days.length && plates.size + shas.size < CANDIDATES_PER_PASS; i++) {
        const day = days[i]!;
        const counts = options.dryRun ? await this.count(day, options.now) : await this.dropDay(day, options.now, plates, shas, leftover.has(day));
        total.fixed += counts.fixed;
        total.mobile += counts.mobile;
        total.heldKept += counts.held;
        if (!options.dryRun) total.partitions += 1;
      }
      if (!options.dryRun && (plates.size || shas.size)) {
        const removed = await this.db.transaction().execute((tx) => this.deleteOrphans(tx, plates, shas));
        const settled = await this.reaper.settle(removed, this.partitions.windowStart(options.now), this.usedAmong);
        total.images += settled.images;
        total.plates += settled.plates;
      }
      await options.pause();
    }
    return total;
  }

  private async count(day: number, now: number): Promise<{ fixed: number; mobile: number; held: number }> {
    const row = await sql<{ fixed: number; mobile: number; held: number }>`SELECT
        count(*) FILTER (WHERE NOT ${HELD(now)} AND NOT ${MOBILE})::int AS fixed,
        count(*) FILTER (WHERE NOT ${HELD(now)} AND ${MOBILE})::int AS mobile,
        count(*) FILTER (WHERE ${HELD(now)})::int AS held
      FROM ${sql.table(partitionName(day))} r`.execute(this.db);
    return row.rows[0]!;
  }

  /**
   * Drops one day: detaches it (a moment's ACCESS EXCLUSIVE lock on `reads`; from then on no query
   * or insert sees it), then counts it, notes its plates and images for the orphan pass, puts its
   * held reads back into `reads` and drops it. A crash in between leaves a detached reads_d… table,
   * which the next run finishes (detachedDays).
   */
  private async dropDay(day: number, now: number, plates: Set<number>, shas: Set<string>, detached = false): Promise<{ fixed: number; mobile: number; held: number }> {
    const table = sql.table(partitionName(day));
    if (!detached) {
      await this.db.transaction().execute(async (tx) => {
        await sql`SET LOCAL lock_timeout = '10s'`.execute(tx);
        await sql`ALTER TABLE reads DETACH PARTITION ${table}`.execute(tx);
      });
      this.partitions.forget(day);
    }
    return this.db.transaction().execute(async (tx) => {
      const counts = (
        await sql<{ fixed: number; mobile: number; held: number }>`SELECT
          count(*) FILTER (WHERE NOT ${HELD(now)} AND NOT ${MOBILE})::int AS fixed,
          count(*) FILTER (WHERE NOT ${HELD(now)} AND ${MOBILE})::int AS mobile,
          count(*) FILTER (WHERE ${HELD(now)})::int AS held
        FROM ${table} r`.execute(tx)
      ).rows[0]!;
      for (const row of (await sql<{ id: number }>`SELECT DISTINCT plate_id AS id FROM ${table}`.execute(tx)).rows) plates.add(Number(row.id));
      const images = await sql<{ sha: string }>`SELECT plate_image AS sha FROM ${table} WHERE plate_image IS NOT NULL
        UNION SELECT vehicle_image FROM ${table} WHERE vehicle_image IS NOT NULL`.execute(tx);
      for (const row of images.rows) shas.add(row.sha);
      // The day's partition is gone, so the held reads land in the default partition (R31).
      if (counts.held > 0) await sql`INSERT INTO reads SELECT * FROM ${table} r WHERE ${HELD(now)}`.execute(tx);
      await sql`DROP TABLE ${table}`.execute(tx);
      return counts;
    });
  }

  /** reads_d… tables a crashed run detached but did not drop. */
  private async detachedDays(): Promise<number[]> {
    const rows = await sql<{ name: string }>`SELECT relname AS name FROM pg_class WHERE relkind = 'r' AND NOT relispartition AND relname ~ '^reads_d[0-9]{8}$'`.execute(this.db);
    return rows.rows.map((row) => dayOfName(row.name)).filter((day): day is number => day !== undefined);
  }

  /**
   * settle()'s look-up, set-based: the values go into a temporary table and one join finds those
   * still used (a hash join over the window's days, where probing each value in each day's index
   * took most of a year's purge).
   */
  private readonly usedAmong: UsedLookup = (column, values, since) =>
    this.db.transaction().execute(async (tx) => {
      const type = sql.raw(column === 'plateId' ? 'bigint' : 'text');
      const ref = sql.raw(`r.${COLUMN_SQL[column]}`);
      await sql`CREATE TEMP TABLE purge_lookup (v ${type} PRIMARY KEY) ON COMMIT DROP`.execute(tx);
      for (let i = 0; i < values.length; i += 50_000) {
        await sql`INSERT INTO purge_lookup SELECT DISTINCT unnest(${values.slice(i, i + 50_000)}::${type}[]) ON CONFLICT DO NOTHING`.execute(tx);
      }
      await sql`ANALYZE purge_lookup`.execute(tx);
      const rows = await sql<{ v: string | number }>`SELECT DISTINCT ${ref} AS v FROM reads r JOIN purge_lookup l ON l.v = ${ref}
        ${since === undefined ? sql`` : sql`WHERE r.captured_at >= ${since}`}`.execute(tx);
      return new Set(rows.rows.map((row) => (column === 'plateId' ? Number(row.v) : row.v)));
    });

  /** Images and plates no read refers to any more, among those the dropped days used. */
  private async deleteOrphans(tx: Kysely<Tables>, plateIds: Set<number>, shas: Set<string>) {
    await sql`CREATE TEMP TABLE purge_plates (id bigint PRIMARY KEY) ON COMMIT DROP`.execute(tx);
    await sql`CREATE TEMP TABLE purge_images (sha text PRIMARY KEY) ON COMMIT DROP`.execute(tx);
    const ids = [...plateIds];
    for (let i = 0; i < ids.length; i += 50_000) await sql`INSERT INTO purge_plates SELECT unnest(${ids.slice(i, i + 50_000)}::bigint[])`.execute(tx);
    const list = [...shas];
    for (let i = 0; i < list.length; i += 50_000) await sql`INSERT INTO purge_images SELECT unnest(${list.slice(i, i + 50_000)}::text[])`.execute(tx);
    // Real row counts, so the planner can choose a hash anti-join over probing every partition per row.
    await sql`ANALYZE purge_plates`.execute(tx);
    await sql`ANALYZE purge_images`.execute(tx);
    const images = await sql<Tables['images']>`DELETE FROM images i USING purge_images c WHERE i.sha256 = c.sha
      AND NOT EXISTS (SELECT 1 FROM reads r WHERE r.plate_image = i.sha256)
      AND NOT EXISTS (SELECT 1 FROM reads r WHERE r.vehicle_image = i.sha256)
      RETURNING i.sha256, i.content_type AS "contentType", i.byte_size AS "byteSize", i.created_at AS "createdAt"`.execute(tx);
    const plates = await sql<{ id: number; plate: string; region: string }>`DELETE FROM plates p USING purge_plates c WHERE p.id = c.id
      AND NOT EXISTS (SELECT 1 FROM reads r WHERE r.plate_id = p.id)
      RETURNING p.id, p.plate, p.region`.execute(tx);
    return { images: images.rows, plates: plates.rows.map((row) => ({ ...row, id: Number(row.id) })) };
  }
}
