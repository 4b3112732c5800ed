// The edge unit's local journal (issue 10): every read a recognizer sends is appended here, and
// on disk, before the recognizer gets its answer; the forwarder sends from here.
//
// Layout of the journal folder:
//   segment-<first seq, 12 digits>.jsonl  append-only JSON lines {"seq":n,"read":{…}}, seq rising
//   ack.json                              {"acknowledged": seq}: everything ≤ seq the server answered
//   rejected.jsonl                        reads the server refused for good (kept for the operator)
// A segment takes SEGMENT_ENTRIES entries, then a new one starts; a segment whose every entry is
// acknowledged is deleted (compaction). Unacknowledged entries are also held in memory, in order.
import { appendFile, mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncomingRead } from '../ingest/ingest.schemas.js';
import { loadCursor, saveCursor } from './ack-cursor.js';
import { readSegment, SegmentWriter, syncDir, type JournalEntry } from './segment-file.js';

export type { JournalEntry } from './segment-file.js';

const SEGMENT = /^segment-(\d{12})\.jsonl$/;

interface Segment {
  name: string;
  lastSeq: number;
  entries: number;
}

export interface JournalOptions {
  /** Entries per segment before a new one starts (default 5,000). */
  segmentEntries?: number;
}

export interface AppendResult {
  /** Reads written now. */
  appended: JournalEntry[];
  /** Ids already waiting in the journal: not written twice. */
  duplicates: string[];
}

export class Journal {
  private readonly pendingIds = new Set<string>();
  private writer: SegmentWriter | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<() => void>();

  private constructor(
    readonly dir: string,
    private readonly segments: Segment[],
    private readonly pendingEntries: JournalEntry[],
    private acknowledgedSeq: number,
    private nextSeq: number,
    readonly recovered: { entries: number; damaged: number },
    private readonly segmentEntries: number,
  ) {
    for (const entry of pendingEntries) this.pendingIds.add(entry.read.id);
  }

  /** Opens (or creates) the journal in `dir`, recovering what is there after a crash. */
  static async open(dir: string, options: JournalOptions = {}): Promise<Journal> {
    await mkdir(dir, { recursive: true });
    const acknowledged = await loadCursor(dir);
    const names = (await readdir(dir)).filter((name) => SEGMENT.test(name)).sort();
    const segments: Segment[] = [];
    const pending: JournalEntry[] = [];
    let damaged = 0;
    let lastSeq = acknowledged;
    for (const name of names) {
      const contents = await readSegment(join(dir, name));
      damaged += contents.damaged;
      const last = contents.entries.at(-1)?.seq ?? Number(SEGMENT.exec(name)![1]) - 1;
      segments.push({ name, lastSeq: last, entries: contents.entries.length });
      for (const entry of contents.entries) if (entry.seq > acknowledged) pending.push(entry);
      lastSeq = Math.max(lastSeq, last);
    }
    const journal = new Journal(dir, segments, pending, acknowledged, lastSeq + 1, { entries: pending.length, damaged }, options.segmentEntries ?? 5_000);
    await journal.compact();
    return journal;
  }

  /** Unacknowledged reads. */
  get backlog(): number {
    return this.pendingEntries.length;
  }

  get acknowledged(): number {
    return this.acknowledgedSeq;
  }

  /** Segment files now on disk. */
  get segmentNames(): string[] {
    return this.segments.map((segment) => segment.name);
  }

  /** The first `limit` unacknowledged entries, oldest first. */
  pending(limit: number): JournalEntry[] {
    return this.pendingEntries.slice(0, limit);
  }

  /** Called after every append (the forwarder wakes up). */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Appends reads; resolves once they are fsynced. A read whose id is already waiting is skipped. */
  append(reads: IncomingRead[]): Promise<AppendResult> {
    return this.serialized(async () => {
      const duplicates: string[] = [];
      const fresh: IncomingRead[] = [];
      const seen = new Set<string>();
      for (const read of reads) {
        if (this.pendingIds.has(read.id) || seen.has(read.id)) duplicates.push(read.id);
        else {
          seen.add(read.id);
          fresh.push(read);
        }
      }
      const appended: JournalEntry[] = [];
      let rest = fresh;
      while (rest.length) {
        const segment = await this.activeSegment();
        const room = this.segmentEntries - segment.entries;
        const entries = rest.slice(0, room).map((read) => ({ seq: this.nextSeq++, read }));
        rest = rest.slice(room);
        await this.writer!.append(entries);
        segment.entries += entries.length;
        segment.lastSeq = entries.at(-1)!.seq;
        appended.push(...entries);
      }
      for (const entry of appended) {
        this.pendingEntries.push(entry);
        this.pendingIds.add(entry.read.id);
      }
      if (appended.length) for (const listener of this.listeners) listener();
      return { appended, duplicates };
    });
  }

  /** The server answered for every entry up to `seq`: moves the cursor (fsynced) and compacts. */
  acknowledge(seq: number, rejected: { entry: JournalEntry; reason: string }[] = []): Promise<void> {
    return this.serialized(async () => {
      if (seq <= this.acknowledgedSeq) return;
      if (rejected.length) {
        const lines = rejected.map(({ entry, reason }) => `${JSON.stringify({ seq: entry.seq, reason, at: new Date().toISOString(), read: entry.read })}\n`);
        await appendFile(join(this.dir, 'rejected.jsonl'), lines.join(''));
      }
      await saveCursor(this.dir, seq);
      this.acknowledgedSeq = seq;
      let done = 0;
      while (done < this.pendingEntries.length && this.pendingEntries[done]!.seq <= seq) this.pendingIds.delete(this.pendingEntries[done++]!.read.id);
      this.pendingEntries.splice(0, done);
      await this.compact();
    });
  }

  close(): Promise<void> {
    return this.serialized(async () => {
      await this.writer?.close();
      this.writer = undefined;
    });
  }

  /** Deletes segments whose every entry is acknowledged (the active one too, once full or idle). */
  private async compact(): Promise<void> {
    let removed = false;
    while (this.segments.length && this.segments[0]!.lastSeq <= this.acknowledgedSeq) {
      const segment = this.segments.shift()!;
      if (this.writer && this.writer.path === join(this.dir, segment.name)) {
        await this.writer.close();
        this.writer = undefined;
      }
      await unlink(join(this.dir, segment.name));
      removed = true;
    }
    if (removed) await syncDir(this.dir);
  }

  private async activeSegment(): Promise<Segment> {
    const last = this.segments.at(-1);
    if (last && last.entries < this.segmentEntries) {
      this.writer ??= await SegmentWriter.open(join(this.dir, last.name));
      return last;
    }
    await this.writer?.close();
    const name = `segment-${String(this.nextSeq).padStart(12, '0')}.jsonl`;
    this.writer = await SegmentWriter.open(join(this.dir, name));
    await syncDir(this.dir);
    const segment = { name, lastSeq: this.nextSeq - 1, entries: 0 };
    this.segments.push(segment);
    return segment;
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
