// The SQL of investigative search (STYLE 2, 6): one method per query, the same on SQLite and
// PostgreSQL. Every query walks an index the core migration keeps for ingest and retention:
// (plate_id, captured_at) for plates, (captured_at) for areas and descriptions, (camera_id,
// captured_at) for convoys. Pages are keyset pages on (captured_at, id), newest first. On PostgreSQL
// plate lookups first ask plate_days which capture days hold the plates (migration 1710).
import { expressionBuilder, sql, type Expression, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { dayOf, isPostgres } from '../storage/partitions.js';
import type { ReadsTable, Tables } from '../storage/tables.js';

/** A read as search returns it: the stored columns a result shows, with its plate and region from `plates`. */
export type ReadRow = Omit<ReadsTable, 'regionRaw' | 'plateCheck' | 'receivedAt' | 'vendorData' | 'agencyId'> & { plate: string; region: string };

export interface ReadFilters {
  from?: number;
  to?: number;
  cameraIds?: readonly string[];
}

/** Position in a newest-first list: the last row of the previous page. */
export interface After {
  t: number;
  id: string;
}

export interface Box {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

export interface Description {
  make?: string;
  model?: string;
  color?: string;
  body?: string;
}

type ReadsQuery = SelectQueryBuilder<Tables, 'reads' | 'plates', ReadRow>;
type ReadsOnlyQuery = SelectQueryBuilder<Tables, 'reads', Omit<ReadRow, 'plate' | 'region'>>;

/** The columns of a read that search shows (its plate and region come from `plates`). */
const READ_COLUMNS = [
  'reads.id',
  'reads.cameraId',
  'reads.plateId',
  'reads.plateRaw',
  'reads.confidence',
  'reads.capturedAt',
  'reads.lat',
  'reads.lon',
  'reads.heading',
  'reads.vehicleMake',
  'reads.vehicleModel',
  'reads.vehicleColor',
  'reads.vehicleBody',
  'reads.plateImage',
  'reads.vehicleImage',
] as const;

/** Capture instants [from, to): one or more adjacent days that hold reads of the plates sought. */
interface Span {
  from: number;
  to: number;
}

/** Filters with, on PostgreSQL, the spans of days a query is confined to (so it plans only their partitions). */
type Window = ReadFilters & { spans?: readonly Span[] };

const DAY_MS = 24 * 3600_000;
/** Days that hold the plates named in the first query of a PostgreSQL walk; each later query names 4× more. */
const FIRST_DAYS = 2;
/** Up to this many plates, PostgreSQL fetches a window's page in one query. */
const FEW_PLATES = 50;

/** The days (numbers, newest first) as spans within [from, to), adjacent days joined, newest first. */
export function spansOf(days: readonly number[], from: number | undefined, to: number): Span[] {
  const spans: Span[] = [];
  for (const day of days) {
    const start = Math.max(day * DAY_MS, from ?? -Infinity);
    const end = Math.min((day + 1) * DAY_MS, to);
    const last = spans.at(-1);
    if (last && last.from === end) last.from = start;
    else spans.push({ from: start, to: end });
  }
  return spans;
}

export class SearchStore {
  /** PostgreSQL: reads in day partitions (storage/partitions.ts), so plate lookups go by the days plate_days lists. */
  private readonly partitioned: boolean;

  constructor(private readonly db: Kysely<Tables>) {
    this.partitioned = isPostgres(db);
  }

  cameras(): Promise<{ id: string; name: string; lat: number | null; lon: number | null }[]> {
    return this.db.selectFrom('cameras').select(['id', 'name', 'lat', 'lon']).orderBy('name').execute();
  }

  private base(): ReadsQuery {
    return this.db.selectFrom('reads').innerJoin('plates', 'plates.id', 'reads.plateId').select([...READ_COLUMNS, 'plates.plate', 'plates.region']);
  }

  /** The same rows without their plate (joined once over a whole page instead: see bySpan). */
  private readsOnly(): ReadsOnlyQuery {
    return this.db.selectFrom('reads').select(READ_COLUMNS);
  }

  /** The rows of a window after the cursor: the conditions every read query here shares. */
  private conditions(filters: Window, after: After | undefined): Expression<SqlBool>[] {
    const eb = expressionBuilder<Tables, 'reads'>();
    const out: Expression<SqlBool>[] = [];
    if (filters.from !== undefined) out.push(eb('reads.capturedAt', '>=', filters.from));
    if (filters.to !== undefined) out.push(eb('reads.capturedAt', '<', filters.to));
    if (filters.spans) out.push(eb.or(filters.spans.map((span) => eb.and([eb('reads.capturedAt', '>=', span.from), eb('reads.capturedAt', '<', span.to)]))));
    if (filters.cameraIds && filters.cameraIds.length > 0) out.push(eb('reads.cameraId', 'in', [...filters.cameraIds]));
    if (after) out.push(eb.or([eb('reads.capturedAt', '<', after.t), eb.and([eb('reads.capturedAt', '=', after.t), eb('reads.id', '<', after.id)])]));
    return out;
  }

  /** A read query (with or without its plate joined) confined to the window after the cursor, newest first. */
  private filtered<Q extends ReadsQuery | ReadsOnlyQuery>(query: Q, filters: Window, after: After | undefined): Q {
    // Both shapes select from `reads`; the conditions and the order name only its columns.
    let q = query as ReadsOnlyQuery;
    for (const condition of this.conditions(filters, after)) q = q.where(condition);
    return q.orderBy('reads.capturedAt', 'desc').orderBy('reads.id', 'desc') as Q;
  }

  /**
   * Reads of these plates, newest first. One plate: its (plate_id, captured_at) range, in order.
   * Several (a partial or fuzzy plate, up to thousands): first the page's oldest instant, from
   * (plate_id, captured_at) alone (an index-only scan: no row is read), then only the rows at or
   * after it. Sorting every matching row whole, or walking (captured_at) for reads of the set, cost
   * 0.6 s at 10M reads for a 4-character any-position pattern (~4,000 plates).
   */
  async readsOfPlates(plateIds: readonly number[], filters: ReadFilters, after: After | undefined, limit: number): Promise<ReadRow[]> {
    if (plateIds.length === 0) return [];
    if (!this.partitioned) return this.pageOfPlates([...plateIds], filters, after, limit);
    // PostgreSQL keeps reads in day partitions, and a query plans and opens every partition its time
    // range reaches: over a year, 367 day indexes (260 ms of planning on a new connection for a plate
    // read twice). So ask plate_days which days hold these plates, then walk those days newest
    // first — 2, then 8, 32, … days a query — until the page is full. Each query names its days.
    const hi = Math.min(filters.to ?? Infinity, after ? after.t + 1 : Infinity);
    const days = await this.daysOf(plateIds, filters.from, hi);
    const out: ReadRow[] = [];
    for (let i = 0, step = FIRST_DAYS; i < days.length && out.length < limit; i += step, step *= 4) {
      const spans = spansOf(days.slice(i, i + step), filters.from, hi);
      const window: Window = { ...filters, from: spans.at(-1)!.from, to: spans[0]!.to, spans };
      // Within a window a few plates have few reads: one query, sorted whole (the two steps would double the planning).
      out.push(...(await this.pageOfPlates([...plateIds], window, after, limit - out.length, plateIds.length <= FEW_PLATES)));
    }
    return out;
  }

  /** PostgreSQL: the days holding reads of these plates within [from, to), newest first. */
  private async daysOf(plateIds: readonly number[], from: number | undefined, to: number): Promise<number[]> {
    const first = from === undefined ? -(2 ** 31) : dayOf(from);
    const last = Number.isFinite(to) ? dayOf(to - 1) : 2 ** 31 - 1;
    if (first > last) return [];
    const rows = await sql<{ day: number }>`SELECT DISTINCT day FROM plate_days WHERE plate_id = ANY(${[...plateIds]}::bigint[]) AND day BETWEEN ${first} AND ${last} ORDER BY day DESC`.execute(this.db);
    return rows.rows.map((row) => Number(row.day));
  }

  private async pageOfPlates(ids: number[], filters: Window, after: After | undefined, limit: number, direct = false): Promise<ReadRow[]> {
    const eb = expressionBuilder<Tables, 'reads'>();
    const ofPlates = ids.length === 1 ? eb('reads.plateId', '=', ids[0]!) : eb('reads.plateId', 'in', ids);
    if (ids.length === 1 || direct) return this.bySpan(ofPlates, filters, after, limit);
    const light = () => {
      let q = this.db.selectFrom('reads').where(ofPlates);
      for (const condition of this.conditions(filters, undefined)) q = q.where(condition);
      return q;
    };
    // After a page, reads at the cursor's own instant may be shown already: count them in, so the
    // instant found leaves room for a whole page of reads older than the cursor.
    const tiesHere = after !== undefined && (filters.from === undefined || after.t >= filters.from) && (filters.to === undefined || after.t < filters.to);
    const ties = tiesHere ? Number((await light().select((eb) => eb.fn.countAll<number>().as('n')).where('reads.capturedAt', '=', after.t).executeTakeFirst())?.n ?? 0) : 0;
    // Unary plus: sort the plates' index entries, rather than walk (captured_at) looking for them.
    const times = await light()
      .select('reads.capturedAt')
      .$if(after !== undefined, (q) => q.where('reads.capturedAt', '<=', after!.t))
      .orderBy(sql`+${sql.ref('reads.capturedAt')}`, 'desc')
      .limit(limit + ties)
      .execute();
    const oldest = times.at(-1)?.capturedAt;
    if (oldest === undefined) return [];
    return this.filtered(this.base().where('reads.plateId', 'in', ids).where('reads.capturedAt', '>=', oldest), filters, after).limit(limit).execute();
  }

  /**
   * A page over several spans of days as one query per span joined by UNION ALL, so each span's
   * range meets only its own days' partitions. One OR of every span made the planner weigh each
   * span's range against each partition's statistics and index ends: k sparse days cost k² probes
   * (EXPLAIN at 10M reads, 32 days of one plate, warm connection: 20 ms planning, 6,208 buffers).
   */
  private async bySpan(ofPlates: Expression<SqlBool>, filters: Window, after: After | undefined, limit: number): Promise<ReadRow[]> {
    const { spans, ...rest } = filters;
    if (!spans || spans.length === 1) return this.filtered(this.base().where(ofPlates), rest, after).limit(limit).execute();
    // Each part without its plate: plates joined once over the page, not in every part (32 days of
    // one plate at 10M reads, warm: 3.6 ms to plan and run, against 5.4 ms).
    const parts = spans.map((span) => sql`(${this.filtered(this.readsOnly().where(ofPlates), { ...rest, from: span.from, to: span.to }, after).limit(limit)})`);
    const rows = await sql<ReadRow>`SELECT page.*, plates.plate, plates.region FROM (${sql.join(parts, sql` UNION ALL `)}) AS page
      JOIN plates ON plates.id = page.plate_id ORDER BY page.captured_at DESC, page.id DESC LIMIT ${limit}`.execute(this.db);
    return rows.rows;
  }

  /** Reads inside a bounding box in a time window, newest first (the caller trims to the exact shape). */
  readsInBox(box: Box, filters: ReadFilters, after: After | undefined, limit: number): Promise<ReadRow[]> {
    const q = this.base()
      .where('reads.lat', '>=', box.minLat)
      .where('reads.lat', '<=', box.maxLat)
      .where('reads.lon', '>=', box.minLon)
      .where('reads.lon', '<=', box.maxLon);
    return this.filtered(q, filters, after).limit(limit).execute();
  }

  /** Reads of a vehicle description (case-blind equality per field), optionally only of these plates. */
  readsByDescription(description: Description, plateIds: readonly number[] | undefined, filters: ReadFilters, after: After | undefined, limit: number): Promise<ReadRow[]> {
    let q = this.base();
    const fields = [
      ['reads.vehicleMake', description.make],
      ['reads.vehicleModel', description.model],
      ['reads.vehicleColor', description.color],
      ['reads.vehicleBody', description.body],
    ] as const;
    for (const [column, value] of fields) if (value !== undefined) q = q.where((eb) => eb(eb.fn<string>('lower', [column]), '=', value.trim().toLowerCase()));
    if (plateIds) {
      if (plateIds.length === 0) return Promise.resolve([]);
      q = q.where('reads.plateId', 'in', [...plateIds]);
    }
    return this.filtered(q, filters, after).limit(limit).execute();
  }

  /** Reads at one camera within [from, to), any plate: who passed with the target (convoy). */
  async plateIdsAtCamera(cameraId: string, from: number, to: number): Promise<{ plateId: number; id: string; capturedAt: number }[]> {
    return this.db
      .selectFrom('reads')
      .select(['plateId', 'id', 'capturedAt'])
      .where('cameraId', '=', cameraId)
      .where('capturedAt', '>=', from)
      .where('capturedAt', '<', to)
      .execute();
  }

  /** Whole reads by id, with their capture instants so that PostgreSQL opens only their days' partitions; newest first. */
  async readsById(keys: readonly { id: string; capturedAt: number }[]): Promise<ReadRow[]> {
    if (keys.length === 0) return [];
    const out: ReadRow[] = [];
    for (let i = 0; i < keys.length; i += 1000) {
      const chunk = keys.slice(i, i + 1000);
      const times = [...new Set(chunk.map((key) => key.capturedAt))];
      out.push(...(await this.base().where('reads.id', 'in', chunk.map((key) => key.id)).where('reads.capturedAt', 'in', times).execute()));
    }
    return out.sort((a, b) => b.capturedAt - a.capturedAt || (a.id < b.id ? 1 : -1));
  }

  /** The image's type, when the image store holds it (a SHA-256 no camera sent is not served). */
  imageInfo(sha256: string): Promise<{ contentType: string } | undefined> {
    return this.db.selectFrom('images').select('contentType').where('sha256', '=', sha256).executeTakeFirst();
  }
}
