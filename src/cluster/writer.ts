// The writer role's group (issue 12): the reads of a group of stream messages, committed by the same
// PostgreSQL sink the single process uses (multi-row unnest insert, ON CONFLICT DO NOTHING on the
// key), so a message delivered twice stores its read once. A failed commit forgets the cached
// plate ids first: a purge in another process may have removed a plate this process remembers.
import type { Kysely } from 'kysely';
import type { ReadSink } from '../ingest/read-sink.js';
import type { NewImageRow, PreparedRead } from '../ingest/read-writer.js';
import type { Tables } from '../storage/tables.js';
import type { ReadMessage } from './read-message.js';

/** The owning agency of each camera asked for (for reads published before messages carried it). */
export type CameraAgencies = (cameraIds: string[]) => Promise<Map<string, string>>;

/** CameraAgencies from the cameras table. */
export function cameraAgencies(db: Kysely<Tables>): CameraAgencies {
  return async (cameraIds) => {
    const rows = await db.selectFrom('cameras').select(['id', 'agencyId']).where('id', 'in', cameraIds).execute();
    return new Map(rows.flatMap((row) => (row.agencyId === null ? [] : [[row.id, row.agencyId] as const])));
  };
}

export async function writeGroup(sink: ReadSink, batch: readonly ReadMessage[], agencies: CameraAgencies): Promise<number> {
  const reads = new Map<string, PreparedRead>();
  const images = new Map<string, NewImageRow>();
  for (const message of batch) {
    reads.set(message.read.id, message.read);
    for (const image of message.images) images.set(image.sha256, image);
  }
  await fillAgencies([...reads.values()], agencies);
  try {
    const { inserted } = await sink.commit([...reads.values()], [...images.values()]);
    return inserted.size;
  } catch (error) {
    await sink.forgetPlates();
    throw error;
  }
}

/**
 * An API node carries the camera's agency in each message (ingest.service.ts); one of an earlier
 * version, still publishing during a rolling upgrade, does not. Such a read takes its camera's
 * agency as the writer finds it, rather than failing the NOT NULL column and coming back forever.
 */
async function fillAgencies(reads: PreparedRead[], agencies: CameraAgencies): Promise<void> {
  const without = reads.filter((read) => typeof read.agencyId !== 'string');
  if (without.length === 0) return;
  const found = await agencies([...new Set(without.map((read) => read.cameraId))]);
  for (const read of without) {
    const agencyId = found.get(read.cameraId);
    if (agencyId === undefined) throw new Error(`camera ${read.cameraId} of read ${read.id} has no agency (an unknown camera, or one the cameras.agency-adoption job has not assigned yet: it runs 5 s after a scheduler starts); the group is retried`);
    read.agencyId = agencyId;
  }
}
