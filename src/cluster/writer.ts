// The writer role's group (issue 12): the reads of a group of stream messages, committed by the same
// PostgreSQL sink the single process uses (multi-row unnest insert, ON CONFLICT (id) DO NOTHING), so
// a message delivered twice stores its read once. A failed commit forgets the cached plate ids
// first: a purge in another process may have removed a plate this process remembers.
import type { ReadSink } from '../ingest/read-sink.js';
import type { NewImageRow, PreparedRead } from '../ingest/read-writer.js';
import type { ReadMessage } from './read-message.js';

export async function writeGroup(sink: ReadSink, batch: readonly ReadMessage[]): Promise<number> {
  const reads = new Map<string, PreparedRead>();
  const images = new Map<string, NewImageRow>();
  for (const message of batch) {
    reads.set(message.read.id, message.read);
    for (const image of message.images) images.set(image.sha256, image);
  }
  try {
    const { inserted } = await sink.commit([...reads.values()], [...images.values()]);
    return inserted.size;
  } catch (error) {
    await sink.forgetPlates();
    throw error;
  }
}
