// Group commit for reads (ARCHITECTURE: storage; invariant 2). Requests hand their prepared reads to
// the writer and wait; the writer takes everything pending, stores it in one transaction, and only
// then answers each request. One commit (one fsync) serves many requests, and a read is
// acknowledged only once it is durable. Resent ids are reported as duplicates, never stored twice.
import type { ReadsTable } from '../storage/tables.js';
import { PlateIdCache } from './plate-cache.js';
import type { ReadSink } from './read-sink.js';

/** A checked read ready to store: the reads row less its plate id, plus the normalized plate. */
export type PreparedRead = Omit<ReadsTable, 'plateId' | 'agencyId'> & {
  agencyId: string; // the camera's agency
  plate: string; // normalized
  region: string; // normalized, '' when unknown
};

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

export class ReadWriter {
  private queue: Pending[] = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly sink: ReadSink,
    private readonly onStored: (reads: StoredRead[]) => void,
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

  /** Forgets cached plate ids (after a purge removed plates). */
  forgetPlates(): Promise<void> {
    return this.sink.forgetPlates();
  }

  /** Finishes what was handed in, then releases the sink. */
  async close(): Promise<void> {
    await this.idle();
    await this.sink.close();
  }

  private async drain(): Promise<void> {
    // Let requests that arrive in the same turn of the event loop join this commit.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      while (this.queue.length > 0) {
        const group = this.queue;
        this.queue = [];
        try {
          const reads = group.flatMap((pending) => pending.reads);
          const images = group.flatMap((pending) => pending.images);
          const { inserted, plateIds } = await this.sink.commit(reads, images);
          for (const pending of group) pending.resolve(new Set(pending.reads.filter((read) => inserted.has(read.id)).map((read) => read.id)));
          const stored: StoredRead[] = [];
          const seen = new Set<string>();
          for (const read of reads) {
            if (!inserted.has(read.id) || seen.has(read.id)) continue;
            seen.add(read.id);
            stored.push({ ...read, plateId: plateIds.get(PlateIdCache.key(read.plate, read.region))! });
          }
          if (stored.length) this.onStored(stored);
        } catch (error) {
          for (const pending of group) pending.reject(error);
        }
      }
    } finally {
      this.running = undefined;
    }
  }
}
