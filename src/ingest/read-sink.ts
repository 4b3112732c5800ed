// Where a group of reads is committed: one small function per backend (STYLE 6), each built for
// the ingest target rather than through the generic query builder. SQLite runs prepared single-row
// statements in one synchronous transaction; PostgreSQL sends each column as an array and unnests
// it, so a group is three statements whatever its size. On PostgreSQL `reads` is partitioned by
// capture day and keyed (id, captured_at, agency_id): a resend carries the same capture time and
// agency, so the key still stores it once (R2; migration 20261123T0800_pg_partitions says why).
import { sql } from 'kysely';
import type { DatabaseHandle } from '../platform/database.js';
import type { ReadPartitions } from '../storage/partitions.js';
import type { Tables } from '../storage/tables.js';
import { PlateIdCache } from './plate-cache.js';
import { READ_COLUMNS } from './read-columns.js';
import type { NewImageRow, PreparedRead } from './read-writer.js';

export interface SinkResult {
  inserted: Set<string>;
  /** The plate id of every read in the group, by `plate|region`. */
  plateIds: Map<string, number>;
}

export interface ReadSink {
  commit(reads: PreparedRead[], images: NewImageRow[]): Promise<SinkResult>;
  /** Forgets cached plate ids (after a purge removed plates). */
  forgetPlates(): Promise<void>;
  close(): Promise<void>;
}

/** `partitions` (PostgreSQL): the day partitions to create before inserting a day not seen yet. */
export function createReadSink(handle: DatabaseHandle<Tables>, partitions?: Pick<ReadPartitions, 'ensureFor'>): ReadSink {
  return handle.dialect === 'sqlite' ? new SqliteSink(handle) : new PostgresSink(handle, partitions);
}

class SqliteSink implements ReadSink {
  private readonly cache = new PlateIdCache();
  private readonly run: (reads: PreparedRead[], images: NewImageRow[]) => SinkResult;

  constructor(private readonly handle: DatabaseHandle<Tables>) {
    const raw = handle.sqlite!;
    const insertImage = raw.prepare('INSERT INTO images (sha256, content_type, byte_size, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING');
    const insertPlate = raw.prepare('INSERT INTO plates (plate, region) VALUES (?, ?) ON CONFLICT (plate, region) DO NOTHING');
    const selectPlate = raw.prepare('SELECT id FROM plates WHERE plate = ? AND region = ?').pluck();
    const insertRead = raw.prepare(`INSERT INTO reads (${READ_COLUMNS.join(', ')}) VALUES (${READ_COLUMNS.map(() => '?').join(', ')}) ON CONFLICT (id) DO NOTHING`);
    this.run = raw.transaction((reads: PreparedRead[], images: NewImageRow[]): SinkResult => {
      for (const image of images) insertImage.run(image.sha256, image.contentType, image.byteSize, image.createdAt);
      const plateIds = new Map<string, number>();
      const inserted = new Set<string>();
      for (const read of reads) {
        const key = PlateIdCache.key(read.plate, read.region);
        let plateId = plateIds.get(key) ?? this.cache.get(key);
        if (plateId === undefined) {
          insertPlate.run(read.plate, read.region);
          plateId = selectPlate.get(read.plate, read.region) as number;
        }
        plateIds.set(key, plateId);
        const result = insertRead.run(
          read.id, read.cameraId, plateId, read.plateRaw, read.regionRaw, read.plateCheck, read.confidence, read.capturedAt, read.receivedAt, read.lat, read.lon, read.heading,
          read.vehicleMake, read.vehicleModel, read.vehicleColor, read.vehicleBody, read.plateImage, read.vehicleImage, read.vendorData, read.agencyId,
        );
        if (result.changes > 0) inserted.add(read.id);
      }
      return { inserted, plateIds };
    });
  }

  async commit(reads: PreparedRead[], images: NewImageRow[]): Promise<SinkResult> {
    // Holding Kysely's connection keeps its own (async) transactions out while this one runs.
    const result = await this.handle.db.connection().execute(async () => this.run(reads, images));
    this.cache.addAll(result.plateIds);
    return result;
  }

  async forgetPlates(): Promise<void> {
    this.cache.clear();
  }

  async close(): Promise<void> {}
}

class PostgresSink implements ReadSink {
  private readonly cache = new PlateIdCache();

  constructor(
    private readonly handle: DatabaseHandle<Tables>,
    private readonly partitions?: Pick<ReadPartitions, 'ensureFor'>,
  ) {}

  async forgetPlates(): Promise<void> {
    this.cache.clear();
  }

  async close(): Promise<void> {}

  async commit(reads: PreparedRead[], images: NewImageRow[]): Promise<SinkResult> {
    // A day not seen yet gets its partition first (its own short transaction), not the default one.
    if (this.partitions && reads.length) await this.partitions.ensureFor(reads.map((read) => read.capturedAt));
    const result = await this.handle.db.transaction().execute(async (tx) => {
      if (images.length) {
        await sql`INSERT INTO images (sha256, content_type, byte_size, created_at)
          SELECT * FROM unnest(${images.map((i) => i.sha256)}::text[], ${images.map((i) => i.contentType)}::text[], ${images.map((i) => i.byteSize)}::int[], ${images.map((i) => i.createdAt)}::bigint[])
          ON CONFLICT (sha256) DO NOTHING`.execute(tx);
      }
      const plateIds = new Map<string, number>();
      const missing = new Map<string, { plate: string; region: string }>();
      for (const read of reads) {
        const key = PlateIdCache.key(read.plate, read.region);
        const cached = this.cache.get(key);
        if (cached !== undefined) plateIds.set(key, cached);
        else missing.set(key, { plate: read.plate, region: read.region });
      }
      // A purge may have deleted a cached plate since (another process's: on a cluster the writer
      // role learns of it only later). FOR KEY SHARE holds each cached plate until this commit, so a
      // delete either finished first (the plate is not returned: resolve it again below) or waits
      // for this commit (the purge's put-back then finds these reads and keeps the plate).
      if (plateIds.size) {
        const held = await sql<{ id: number }>`SELECT id FROM plates WHERE id = ANY(${[...plateIds.values()]}::bigint[]) FOR KEY SHARE`.execute(tx);
        const live = new Set(held.rows.map((row) => Number(row.id)));
        for (const [key, id] of [...plateIds]) {
          if (live.has(id)) continue;
          plateIds.delete(key);
          this.cache.delete(key);
          const [plate = '', region = ''] = key.split('|');
          missing.set(key, { plate, region });
        }
      }
      if (missing.size) {
        const plates = [...missing.values()];
        const plateArray = plates.map((p) => p.plate);
        const regionArray = plates.map((p) => p.region);
        await sql`INSERT INTO plates (plate, region) SELECT * FROM unnest(${plateArray}::text[], ${regionArray}::text[]) ON CONFLICT (plate, region) DO NOTHING`.execute(tx);
        const rows = await sql<{ id: number; plate: string; region: string }>`SELECT p.id, p.plate, p.region FROM plates p
          JOIN unnest(${plateArray}::text[], ${regionArray}::text[]) AS w(plate, region) ON p.plate = w.plate AND p.region = w.region`.execute(tx);
        for (const row of rows.rows) plateIds.set(PlateIdCache.key(row.plate, row.region), Number(row.id));
      }
      const column = <T>(pick: (read: PreparedRead) => T) => reads.map(pick);
      const inserted = await sql<{ id: string }>`INSERT INTO reads (${sql.raw(READ_COLUMNS.join(', '))})
        SELECT * FROM unnest(
          ${column((r) => r.id)}::uuid[], ${column((r) => r.cameraId)}::text[], ${column((r) => plateIds.get(PlateIdCache.key(r.plate, r.region)))}::bigint[], ${column((r) => r.plateRaw)}::text[],
          ${column((r) => r.regionRaw)}::text[], ${column((r) => r.plateCheck)}::text[], ${column((r) => r.confidence)}::real[], ${column((r) => r.capturedAt)}::bigint[], ${column((r) => r.receivedAt)}::bigint[],
          ${column((r) => r.lat)}::float8[], ${column((r) => r.lon)}::float8[], ${column((r) => r.heading)}::real[], ${column((r) => r.vehicleMake)}::text[],
          ${column((r) => r.vehicleModel)}::text[], ${column((r) => r.vehicleColor)}::text[], ${column((r) => r.vehicleBody)}::text[], ${column((r) => r.plateImage)}::text[],
          ${column((r) => r.vehicleImage)}::text[], ${column((r) => r.vendorData)}::text[], ${column((r) => r.agencyId)}::text[])
        ON CONFLICT (id, captured_at, agency_id) DO NOTHING RETURNING id`.execute(tx);
      return { inserted: new Set(inserted.rows.map((row) => row.id)), plateIds };
    });
    this.cache.addAll(result.plateIds);
    return result;
  }
}
