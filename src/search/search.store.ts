// The SQL of investigative search (STYLE 2, 6): one method per query, the same on SQLite and
// PostgreSQL. Every query walks an index the core migration keeps for ingest and retention:
// (plate_id, captured_at) for plates, (captured_at) for areas and descriptions, (camera_id,
// captured_at) for convoys. Pages are keyset pages on (captured_at, id), newest first.
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { ReadsTable, Tables } from '../storage/tables.js';

/** A read as search returns it: the stored columns a result shows, with its plate and region from `plates`. */
export type ReadRow = Omit<ReadsTable, 'regionRaw' | 'plateCheck' | 'receivedAt' | 'vendorData'> & { plate: string; region: string };

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

/** Above this many plates, readsOfPlates walks reads by time instead of looking each plate up. */
const MANY_PLATES = 400;
const WALK_BATCH = 5_000;

export class SearchStore {
  constructor(private readonly db: Kysely<Tables>) {}

  cameras(): Promise<{ id: string; name: string; lat: number | null; lon: number | null }[]> {
    return this.db.selectFrom('cameras').select(['id', 'name', 'lat', 'lon']).orderBy('name').execute();
  }

  private base(): ReadsQuery {
    return this.db
      .selectFrom('reads')
      .innerJoin('plates', 'plates.id', 'reads.plateId')
      .select([
        'reads.id',
        'reads.cameraId',
        'reads.plateId',
        'plates.plate',
        'plates.region',
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
      ]);
  }

  private filtered(query: ReadsQuery, filters: ReadFilters, after: After | undefined): ReadsQuery {
    let q = query;
    if (filters.from !== undefined) q = q.where('reads.capturedAt', '>=', filters.from);
    if (filters.to !== undefined) q = q.where('reads.capturedAt', '<', filters.to);
    if (filters.cameraIds && filters.cameraIds.length > 0) q = q.where('reads.cameraId', 'in', [...filters.cameraIds]);
    if (after) {
      q = q.where((eb) => eb.or([eb('reads.capturedAt', '<', after.t), eb.and([eb('reads.capturedAt', '=', after.t), eb('reads.id', '<', after.id)])]));
    }
    return q.orderBy('reads.capturedAt', 'desc').orderBy('reads.id', 'desc');
  }

  /**
   * Reads of these plates, newest first. A few plates: by (plate_id, captured_at), then sorted. Many
   * (a broad partial plate): walking (captured_at) newest first and keeping reads of those plates is
   * cheaper, since they are common enough to fill a page after a short walk.
   */
  async readsOfPlates(plateIds: readonly number[], filters: ReadFilters, after: After | undefined, limit: number): Promise<ReadRow[]> {
    if (plateIds.length === 0) return [];
    if (plateIds.length <= MANY_PLATES) return this.filtered(this.base().where('reads.plateId', 'in', [...plateIds]), filters, after).limit(limit).execute();
    const wanted = new Set(plateIds);
    const out: ReadRow[] = [];
    let position = after;
    for (;;) {
      const rows = await this.filtered(this.base(), filters, position).limit(WALK_BATCH).execute();
      for (const row of rows) if (wanted.has(row.plateId) && out.push(row) >= limit) return out;
      const last = rows.at(-1);
      if (rows.length < WALK_BATCH || !last) return out;
      position = { t: last.capturedAt, id: last.id };
    }
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

  /** Whole reads by id, newest first. */
  async readsById(ids: readonly string[]): Promise<ReadRow[]> {
    if (ids.length === 0) return [];
    const out: ReadRow[] = [];
    for (let i = 0; i < ids.length; i += 1000) out.push(...(await this.base().where('reads.id', 'in', ids.slice(i, i + 1000)).execute()));
    return out.sort((a, b) => b.capturedAt - a.capturedAt || (a.id < b.id ? 1 : -1));
  }

  /** The image's type, when the image store holds it (a SHA-256 no camera sent is not served). */
  imageInfo(sha256: string): Promise<{ contentType: string } | undefined> {
    return this.db.selectFrom('images').select('contentType').where('sha256', '=', sha256).executeTakeFirst();
  }
}
