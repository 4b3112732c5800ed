// One journal segment on disk: JSON lines, one `{"seq":…,"read":…}` per line, appended and fsynced.
// Reading tolerates a torn tail (a crash in the middle of a write): the unfinished last line is
// ignored and cut off, so the next append starts on a clean line.
import { open, readFile, truncate, type FileHandle } from 'node:fs/promises';
import type { IncomingRead } from '../ingest/ingest.schemas.js';

export interface JournalEntry {
  seq: number;
  read: IncomingRead;
}

export interface SegmentContents {
  entries: JournalEntry[];
  /** Lines that could not be read: a torn last line (cut off) or a damaged line elsewhere (skipped). */
  damaged: number;
}

function parse(line: string): JournalEntry | undefined {
  try {
    const value = JSON.parse(line) as Partial<JournalEntry>;
    return typeof value.seq === 'number' && value.read && typeof value.read === 'object' ? (value as JournalEntry) : undefined;
  } catch {
    return undefined;
  }
}

/** Reads a segment, cutting off a torn last line. */
export async function readSegment(path: string): Promise<SegmentContents> {
  const bytes = await readFile(path);
  let end = bytes.lastIndexOf(0x0a) + 1;
  let damaged = end < bytes.length ? 1 : 0; // an unterminated tail
  const lines = bytes.subarray(0, end).toString('utf8').split('\n').slice(0, -1);
  // A complete but unreadable last line is a torn write too (the newline made it, the text did not).
  while (lines.length && !parse(lines[lines.length - 1]!)) {
    end -= Buffer.byteLength(lines.pop()!, 'utf8') + 1;
    damaged++;
  }
  if (end < bytes.length) await truncate(path, end);
  const entries: JournalEntry[] = [];
  for (const line of lines) {
    const entry = parse(line);
    if (entry) entries.push(entry);
    else damaged++;
  }
  return { entries, damaged };
}

export function encode(entries: JournalEntry[]): Buffer {
  return Buffer.from(entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''), 'utf8');
}

/** An open segment that takes appends; each append is on disk (fsync) when it resolves. */
export class SegmentWriter {
  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  static async open(path: string): Promise<SegmentWriter> {
    return new SegmentWriter(path, await open(path, 'a'));
  }

  async append(entries: JournalEntry[]): Promise<void> {
    await this.handle.write(encode(entries));
    await this.handle.sync();
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/** fsync a directory so a created, renamed or removed file name is durable too. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
