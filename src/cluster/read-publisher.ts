// The API role's side of ingest (issue 12): where the single process commits accepted reads to its
// own database, an API node publishes each one to the replicated reads stream and answers the camera
// only once JetStream has stored it (the PubAck comes after the stream's replicas have it). The
// message id is the read id, so a resent read within the stream's duplicate window is reported as a
// duplicate by JetStream itself; one already stored in PostgreSQL is found there first.
// Images: validated and written, fsynced, to the image store (dataDir/images, content-addressed by
// SHA-256) before the read is published, exactly as the single process does. In a cluster that
// folder is shared by every node (deploy/README.md), and the image rows travel in the message so
// the writer inserts them with the read.
import type { JetStreamClient } from '@nats-io/jetstream';
import type { Kysely } from 'kysely';
import type { NewImageRow, PreparedRead, ReadWriter } from '../ingest/read-writer.js';
import type { ReadSink } from '../ingest/read-sink.js';
import { unavailable } from '../platform/errors.js';
import type { Tables } from '../storage/tables.js';
import { READS_SUBJECT } from './bus.js';
import { encodeRead } from './read-message.js';

export class ReadPublisher implements Pick<ReadWriter, 'write'> {
  constructor(
    private readonly js: JetStreamClient,
    private readonly db: Kysely<Tables>,
    /** For an image uploaded alone (POST /ingest/images): its row is committed at once, no read waits on it. */
    private readonly sink: ReadSink,
    private readonly timeoutMs = 10_000,
  ) {}

  /** Resolves with the ids JetStream stored for the first time; the rest were duplicates. */
  async write(reads: PreparedRead[], images: NewImageRow[]): Promise<Set<string>> {
    if (reads.length === 0) {
      if (images.length) await this.sink.commit([], images);
      return new Set();
    }
    const unique = [...new Map(reads.map((read) => [read.id, read])).values()];
    const stored = await this.alreadyStored(unique);
    const imageOf = new Map(images.map((image) => [image.sha256, image]));
    const fresh = unique.filter((read) => !stored.has(read.id));
    let acks;
    try {
      acks = await Promise.all(
        fresh.map((read) => {
          const own = [read.plateImage, read.vehicleImage].flatMap((sha) => (sha && imageOf.has(sha) ? [imageOf.get(sha)!] : []));
          return this.js.publish(READS_SUBJECT, encodeRead(read, own), { msgID: read.id, timeout: this.timeoutMs });
        }),
      );
    } catch (error) {
      // Some reads of the batch may be on the stream: the camera resends the batch and they come back as duplicates.
      throw unavailable('bus_unavailable', `The reads could not be handed to the cluster's stream (${(error as Error).message}); nothing was acknowledged. Resend the batch.`);
    }
    return new Set(fresh.filter((_, i) => !acks[i]!.duplicate).map((read) => read.id));
  }

  /** Reads of the batch already in PostgreSQL. A resent read has the same capture time, so the capture-time range limits the look to those days' partitions. */
  private async alreadyStored(reads: PreparedRead[]): Promise<Set<string>> {
    const times = reads.map((read) => read.capturedAt);
    const rows = await this.db
      .selectFrom('reads')
      .select('id')
      .where('id', 'in', reads.map((read) => read.id))
      .where('capturedAt', '>=', Math.min(...times))
      .where('capturedAt', '<=', Math.max(...times))
      .execute();
    return new Set(rows.map((row) => row.id));
  }
}
