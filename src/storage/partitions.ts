// The day partitions of `reads` on PostgreSQL (issue 12; migration 20261123T0800_pg_partitions).
// One partition per UTC day, reads_dYYYYMMDD, plus reads_default for whatever no day covers.
//  - The ingest writer calls ensureFor() before each insert: a day it has not seen in the ingest
//    window (maxPastDays back, aheadDays forward) gets its partition first, so reads never pile up
//    in the default partition; days it knows are a Set lookup (cached).
//  - The hourly job (ReadPartitionsJob) creates the next days ahead and moves rows that sit in the
//    default partition into their day's partition once it exists (only for days in the ingest
//    window: older rows there — held reads whose day was dropped by the purge — stay put).
//  - The purge drops whole days (retention/purge.partitions.ts) and tells this object to forget them.
// A partition is created detached (a plain table with the range as a CHECK), filled with the rows the
// default partition held for its day, then attached: ATTACH takes only a SHARE UPDATE EXCLUSIVE
// lock on `reads`, so ingest and search go on meanwhile, and the CHECK spares the validation scan.
// An advisory lock makes creation one-at-a-time across every process of a cluster.
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import { DAY, HOUR } from '../platform/clock.js';
import type { Job, JobSummary } from '../platform/scheduler.js';
import type { Tables } from './tables.js';

export const DEFAULT_PARTITION = 'reads_default';
/** pg_advisory_xact_lock key for creating partitions (any fixed number; one per purpose). */
const CREATE_LOCK = 0x7265_6164; // "read"

export const dayOf = (ms: number): number => Math.floor(ms / DAY);

/** reads_dYYYYMMDD for the UTC day number `day` (days since 1970-01-01). */
export const partitionName = (day: number): string => `reads_d${new Date(day * DAY).toISOString().slice(0, 10).replaceAll('-', '')}`;

/** The day a partition name stands for, or undefined for names that are not day partitions. */
export function dayOfName(name: string): number | undefined {
  const match = /^reads_d(\d{4})(\d{2})(\d{2})$/.exec(name);
  return match ? dayOf(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
}

/** Whether the database is PostgreSQL (the only backend with partitions). */
export function isPostgres(db: Kysely<Tables>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export interface PartitionOptions {
  /** Oldest day the writer creates a partition for, in days before today (ingest.maxPastDays). */
  pastDays: number;
  /** Days after today created ahead by the job (and the newest the writer creates). */
  aheadDays: number;
}

export const DEFAULT_PARTITION_OPTIONS: PartitionOptions = { pastDays: 30, aheadDays: 7 };

/** The lock-table warning for these settings and this many day partitions (undefined: fine). */
export function lockWarningFor(settings: { locks: number; connections: number; days: number }): string | undefined {
  const perQuery = (settings.days + 1) * 8;
  if (perQuery * 4 <= settings.locks * settings.connections) return undefined;
  const wanted = Math.max(128, 2 ** Math.ceil(Math.log2((perQuery * 4) / settings.connections)));
  return `reads has ${settings.days} partitions: a query without a time range takes ~${perQuery} locks, and max_locks_per_transaction = ${settings.locks} leaves room for fewer than 4 at once; set max_locks_per_transaction = ${wanted} or more in postgresql.conf and restart PostgreSQL`;
}

export interface CreateResult {
  created: boolean;
  /** Rows moved out of the default partition into the new one. */
  moved: number;
}

export class ReadPartitions {
  private readonly known = new Set<number>();
  private loaded: Promise<void> | undefined;
  /** The last failure to create a partition on demand (the job retries and reports). */
  lastError: string | undefined;
  /** The oldest day partition as of the last plate_days cleanup (the job cleans again when it moves on). */
  private cleanedBefore: number | undefined;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly clock: Clock,
    readonly options: PartitionOptions = DEFAULT_PARTITION_OPTIONS,
  ) {}

  /** The first instant of the ingest window as of `now`: the writer and the job create days from here on. */
  windowStart(now: number): number {
    return (dayOf(now) - this.options.pastDays) * DAY;
  }

  private windowDays(now: number): { first: number; last: number } {
    return { first: dayOf(now) - this.options.pastDays, last: dayOf(now) + this.options.aheadDays };
  }

  /** The day partitions that exist, oldest first (the default partition is not listed). */
  async days(): Promise<number[]> {
    const rows = await sql<{ name: string }>`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'reads'::regclass`.execute(this.db);
    return rows.rows
      .map((row) => dayOfName(row.name))
      .filter((day): day is number => day !== undefined)
      .sort((a, b) => a - b);
  }

  private async refresh(): Promise<void> {
    this.known.clear();
    for (const day of await this.days()) this.known.add(day);
  }

  /**
   * Before an insert: every day of these capture times that lies in the ingest window has its
   * partition. Days outside the window go to the default partition (nothing is refused here).
   */
  async ensureFor(capturedAts: Iterable<number>): Promise<void> {
    let missing: number[] | undefined;
    for (const at of capturedAts) {
      const day = dayOf(at);
      if (!this.known.has(day)) (missing ??= []).push(day);
    }
    if (!missing) return;
    try {
      this.loaded ??= this.refresh();
      await this.loaded;
    } catch (error) {
      this.loaded = undefined; // try again next time; this insert goes to the default partition
      this.lastError = `listing partitions: ${(error as Error).message}`;
      return;
    }
    const { first, last } = this.windowDays(this.clock.now().getTime());
    const wanted = [...new Set(missing)].filter((day) => !this.known.has(day) && day >= first && day <= last);
    for (const day of wanted.sort((a, b) => a - b)) {
      try {
        await this.create(day);
      } catch (error) {
        // Never fail an insert over this: the rows go to the default partition, the job moves them.
        this.lastError = `${partitionName(day)}: ${(error as Error).message}`;
      }
    }
  }

  /** Forgets a day (the purge dropped it): a later insert for it creates it again. */
  forget(day: number): void {
    this.known.delete(day);
  }

  /** Creates the partition of `day` (if it is missing), moving that day's rows out of the default partition. */
  async create(day: number): Promise<CreateResult> {
    if (this.known.has(day)) return { created: false, moved: 0 };
    const name = partitionName(day);
    const from = day * DAY;
    const to = from + DAY;
    const result = await this.db.transaction().execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(${CREATE_LOCK})`.execute(tx);
      const exists = await sql<{ attached: boolean }>`SELECT EXISTS (SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'reads'::regclass AND c.relname = ${name}) AS attached`.execute(tx);
      if (exists.rows[0]?.attached) return { created: false, moved: 0 };
      // Rows for this day that arrive in the default partition after the move would make ATTACH
      // fail; holding the default partition's lock until commit keeps them out for these few ms.
      await sql`LOCK TABLE ${sql.id(DEFAULT_PARTITION)} IN SHARE ROW EXCLUSIVE MODE`.execute(tx);
      await sql`CREATE TABLE ${sql.id(name)} (LIKE reads INCLUDING DEFAULTS)`.execute(tx);
      await sql`ALTER TABLE ${sql.id(name)} ADD CONSTRAINT ${sql.id(`${name}_range`)} CHECK (captured_at >= ${sql.lit(from)} AND captured_at < ${sql.lit(to)})`.execute(tx);
      const moved = await sql`WITH moved AS (DELETE FROM ${sql.id(DEFAULT_PARTITION)} WHERE captured_at >= ${from} AND captured_at < ${to} RETURNING *)
        INSERT INTO ${sql.id(name)} SELECT * FROM moved`.execute(tx);
      await sql`ALTER TABLE reads ATTACH PARTITION ${sql.id(name)} FOR VALUES FROM (${sql.lit(from)}) TO (${sql.lit(to)})`.execute(tx);
      return { created: true, moved: Number(moved.numAffectedRows ?? 0) };
    });
    this.known.add(day);
    return result;
  }

  /**
   * The job's work: yesterday to aheadDays ahead exist, and rows in the default partition whose day
   * is in the ingest window move into that day's (new) partition.
   */
  async maintain(now: number): Promise<{ created: number; moved: number; plateDaysDropped?: number; warning?: string }> {
    await this.refresh();
    const { first, last } = this.windowDays(now);
    const days = new Set<number>();
    for (let day = dayOf(now) - 1; day <= last; day++) days.add(day);
    const stray = await sql<{ day: number }>`SELECT DISTINCT floor(captured_at::numeric / ${DAY})::bigint AS day FROM ${sql.id(DEFAULT_PARTITION)}
      WHERE captured_at >= ${first * DAY} AND captured_at < ${(last + 1) * DAY}`.execute(this.db);
    for (const row of stray.rows) days.add(Number(row.day));
    let created = 0;
    let moved = 0;
    for (const day of [...days].sort((a, b) => a - b)) {
      if (this.known.has(day)) continue; // a day with a partition has no rows in the default one
      const result = await this.create(day);
      if (result.created) created += 1;
      moved += result.moved;
    }
    const plateDaysDropped = await this.dropStalePlateDays();
    const warning = await this.lockWarning();
    return { created, moved, ...(plateDaysDropped > 0 ? { plateDaysDropped } : {}), ...(warning ? { warning } : {}) };
  }

  /**
   * plate_days (migration 1710; search's list of the days that hold each plate) rows of days before
   * the oldest day partition: the purge dropped those days, so search would only query them empty.
   * Days with reads left in the default partition (held reads) keep theirs; holding that partition's
   * lock keeps a read for such a day from arriving between the check and the delete. The job does
   * this once per start and then when the oldest day moves on (it reads all of plate_days).
   */
  private async dropStalePlateDays(): Promise<number> {
    const oldest = Math.min(...this.known);
    if (!Number.isFinite(oldest) || oldest === this.cleanedBefore) return 0;
    const dropped = await this.db.transaction().execute(async (tx) => {
      await sql`LOCK TABLE ${sql.id(DEFAULT_PARTITION)} IN SHARE MODE`.execute(tx);
      const result = await sql`DELETE FROM plate_days WHERE day < ${oldest}
        AND day NOT IN (SELECT DISTINCT floor(captured_at::numeric / ${DAY})::integer FROM ${sql.id(DEFAULT_PARTITION)} WHERE captured_at < ${oldest * DAY})`.execute(tx);
      return Number(result.numAffectedRows ?? 0);
    });
    this.cleanedBefore = oldest;
    return dropped;
  }

  /**
   * A query with no time range locks every day partition and its six indexes; the shared lock table
   * holds max_locks_per_transaction × connections. Says so when fewer than four such queries fit.
   */
  async lockWarning(): Promise<string | undefined> {
    const row = (
      await sql<{ locks: number; connections: number; days: number }>`SELECT current_setting('max_locks_per_transaction')::int AS locks,
        current_setting('max_connections')::int + current_setting('max_prepared_transactions')::int AS connections,
        (SELECT count(*)::int FROM pg_inherits WHERE inhparent = 'reads'::regclass) AS days`.execute(this.db)
    ).rows[0]!;
    return lockWarningFor(row);
  }
}

/** Hourly: partitions ahead, and the default partition emptied into days that now exist. */
export class ReadPartitionsJob implements Job {
  readonly name = 'storage.partitions';
  readonly everyMs = HOUR;
  readonly firstRunAfterMs = 10_000;

  constructor(private readonly partitions: Pick<ReadPartitions, 'maintain'>) {}

  async perform(now: Date): Promise<JobSummary> {
    return this.partitions.maintain(now.getTime());
  }
}
