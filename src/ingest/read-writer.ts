// Group commit for reads (ARCHITECTURE: storage; invariant 2). Requests hand their prepared reads to
// the writer and wait; the writer takes everything pending, stores it in one transaction, and only
// then answers each request. One commit (one fsync) serves many requests, and a read is
// acknowledged only once it is durable. Resent ids are reported as duplicates, never stored twice.
import type { Kysely } from 'kysely';
import type { Tables } from '../storage/tables.js';

export interface PreparedRead {
  id: string;
  cameraId: string;
  plate: string; // normalized
  region: string; // normalized, '' when unknown
  plateRaw: string;
  regionRaw: string | null;
  confidence: number | null;
  capturedAt: number;
  receivedAt: number;
  lat: number | null;
  lon: number | null;
  heading: number | null;
  vehicleMake: string | null;
  vehicleModel: string | null;
  vehicleColor: string | null;
  vehicleBody: string | null;
  plateImage: string | null;
  vehicleImage: string | null;
  vendorData: string | null;
}

export interface NewImageRow {
  sha256: string;
  contentType: string;
  byteSize: number;
  createdAt: number;
}

export interface StoredRead extends PreparedRead {
  plateId: number;
}

interface Pending {
  reads: PreparedRead[];
  images: NewImageRow[];
  resolve: (inserted: Set<string>) => void;
  reject: (error: unknown) => void;
}

const CHUNK = 500; // rows per INSERT: well under SQLite's 32,766 bound parameters

export class ReadWriter {
  private queue: Pending[] = [];
  private running: Promise<void> | undefined;
  /** Committed plate ids by `plate|region`: most reads are of plates seen before. */
  private readonly plateIds = new Map<string, number>();

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly onStored: (reads: StoredRead[]) => void,
    private readonly maxPlateCache = 2_000_000,
  ) {}

  /** Stores the reads durably; resolves with the ids that were new (the rest were duplicates). */
  write(reads: PreparedRead[], images: NewImageRow[]): Promise<Set<string>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ reads, images, resolve, reject });
      this.running ??= this.drain();
    });
  }

  /** Waits until everything handed in so far is committed. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    // Let requests that arrive in the same turn of the event loop join this commit.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      while (this.queue.length > 0) {
        const group = this.queue;
        this.queue = [];
        try {
          const { inserted, stored, newPlates } = await this.commit(group);
          for (const [key, id] of newPlates) this.rememberPlate(key, id);
          for (const pending of group) pending.resolve(new Set(pending.reads.filter((read) => inserted.has(read.id)).map((read) => read.id)));
          if (stored.length) this.onStored(stored);
        } catch (error) {
          for (const pending of group) pending.reject(error);
        }
      }
    } finally {
      this.running = undefined;
    }
  }

  private rememberPlate(key: string, id: number): void {
    if (this.plateIds.size >= this.maxPlateCache) this.plateIds.clear();
    this.plateIds.set(key, id);
  }

  private async commit(group: Pending[]) {
    const reads = group.flatMap((pending) => pending.reads);
    const images = dedupe(group.flatMap((pending) => pending.images), (image) => image.sha256);
    return this.db.transaction().execute(async (tx) => {
      if (images.length) {
        for (const chunk of chunks(images, CHUNK)) await tx.insertInto('images').values(chunk).onConflict((oc) => oc.column('sha256').doNothing()).execute();
      }
      const newPlates = await this.resolvePlates(tx, reads);
      const idOf = (plate: string, region: string) => this.plateIds.get(`${plate}|${region}`) ?? newPlates.get(`${plate}|${region}`)!;
      const inserted = new Set<string>();
      const stored: StoredRead[] = [];
      const unique = dedupe(reads, (read) => read.id);
      for (const chunk of chunks(unique, CHUNK)) {
        const rows = chunk.map(({ plate, region, ...read }) => ({ ...read, plateId: idOf(plate, region) }));
        const returned = await tx.insertInto('reads').values(rows).onConflict((oc) => oc.column('id').doNothing()).returning('id').execute();
        for (const row of returned) inserted.add(row.id);
      }
      for (const read of unique) if (inserted.has(read.id)) stored.push({ ...read, plateId: idOf(read.plate, read.region) });
      return { inserted, stored, newPlates };
    });
  }

  /** Ids for plates not in the cache: insert the new ones, then read back all of them. */
  private async resolvePlates(tx: Kysely<Tables>, reads: PreparedRead[]): Promise<Map<string, number>> {
    const missing = dedupe(
      reads.filter((read) => !this.plateIds.has(`${read.plate}|${read.region}`)),
      (read) => `${read.plate}|${read.region}`,
    ).map((read) => ({ plate: read.plate, region: read.region }));
    const found = new Map<string, number>();
    for (const chunk of chunks(missing, CHUNK)) {
      await tx.insertInto('plates').values(chunk).onConflict((oc) => oc.columns(['plate', 'region']).doNothing()).execute();
      const rows = await tx
        .selectFrom('plates')
        .select(['id', 'plate', 'region'])
        .where('plate', 'in', chunk.map((p) => p.plate))
        .execute();
      const wanted = new Set(chunk.map((p) => `${p.plate}|${p.region}`));
      for (const row of rows) if (wanted.has(`${row.plate}|${row.region}`)) found.set(`${row.plate}|${row.region}`, row.id);
    }
    return found;
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function dedupe<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
