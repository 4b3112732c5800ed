// Ingest health per camera: counters kept in memory (reads per minute over the last five minutes)
// and flushed to the camera row every few seconds. Counters are not acknowledged data, so a crash
// may lose a few seconds of them; the reads themselves are never at risk here.
import type { Clock } from '../platform/clock.js';
import type { HealthDelta } from './cameras.store.js';

const BUCKET_MS = 10_000;
const WINDOW_BUCKETS = 30; // five minutes of 10-second buckets

interface Tracked {
  buckets: Map<number, number>; // bucket start → accepted reads
  pending: HealthDelta;
}

const emptyDelta = (): HealthDelta => ({ accepted: 0, duplicate: 0, rejected: 0, lastSeenAt: null, lastRejection: null, lastRejectionAt: null });

export class CameraHealth {
  private readonly cameras = new Map<string, Tracked>();

  constructor(private readonly clock: Clock) {}

  private tracked(cameraId: string): Tracked {
    let entry = this.cameras.get(cameraId);
    if (!entry) {
      entry = { buckets: new Map(), pending: emptyDelta() };
      this.cameras.set(cameraId, entry);
    }
    return entry;
  }

  record(cameraId: string, counts: { accepted: number; duplicate: number; rejected: number; rejection?: string }): void {
    const now = this.clock.now().getTime();
    const entry = this.tracked(cameraId);
    const bucket = now - (now % BUCKET_MS);
    entry.buckets.set(bucket, (entry.buckets.get(bucket) ?? 0) + counts.accepted);
    for (const start of entry.buckets.keys()) if (start < bucket - WINDOW_BUCKETS * BUCKET_MS) entry.buckets.delete(start);
    const pending = entry.pending;
    pending.accepted += counts.accepted;
    pending.duplicate += counts.duplicate;
    pending.rejected += counts.rejected;
    pending.lastSeenAt = now;
    if (counts.rejection) {
      pending.lastRejection = counts.rejection;
      pending.lastRejectionAt = now;
    }
  }

  /**
   * A problem that is not a read from the camera (a snapshot fetch that failed, recognition's queue
   * full; issue 11): shown as the last rejection, without marking the camera as seen.
   */
  problem(cameraId: string, message: string): void {
    const pending = this.tracked(cameraId).pending;
    pending.lastRejection = message;
    pending.lastRejectionAt = this.clock.now().getTime();
  }

  /** Accepted reads per minute, averaged over the last five minutes. */
  readsPerMinute(cameraId: string): number {
    const entry = this.cameras.get(cameraId);
    if (!entry) return 0;
    const now = this.clock.now().getTime();
    let total = 0;
    for (const [start, count] of entry.buckets) if (start > now - WINDOW_BUCKETS * BUCKET_MS) total += count;
    return Math.round((total / (WINDOW_BUCKETS * BUCKET_MS)) * 60_000 * 10) / 10;
  }

  /** Takes the counters not yet written to the database. */
  drain(): [string, HealthDelta][] {
    const out: [string, HealthDelta][] = [];
    for (const [cameraId, entry] of this.cameras) {
      if (entry.pending.lastSeenAt === null && entry.pending.lastRejection === null) continue;
      out.push([cameraId, entry.pending]);
      entry.pending = emptyDelta();
    }
    return out;
  }
}
