// The reads stream's message: one accepted read as ingest prepared it, plus the rows of the images
// it brought along (JSON; version 1). Writer and matcher decode the same bytes.
import type { NewImageRow, PreparedRead } from '../ingest/read-writer.js';

export interface ReadMessage {
  v: 1;
  read: PreparedRead;
  images: NewImageRow[];
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeRead(read: PreparedRead, images: NewImageRow[]): Uint8Array {
  return encoder.encode(JSON.stringify({ v: 1, read, images } satisfies ReadMessage));
}

/** Decodes a message; throws on anything that is not a version-1 read (the consumer terminates such a message). */
export function decodeRead(data: Uint8Array): ReadMessage {
  const message = JSON.parse(decoder.decode(data)) as Partial<ReadMessage>;
  if (message.v !== 1 || typeof message.read?.id !== 'string' || !Array.isArray(message.images)) throw new Error('not a version-1 read message');
  return message as ReadMessage;
}
