// The edge unit's copy of the hot-list feed on local disk (issue 10; R9, R12), so a unit restarted
// with no network still matches. Layout, in the unit's hot-list folder:
//   hotlists.json        line 1: {"format":1,"sha256":…,"bytes":…,"fetchedAt":ms}; line 2: the feed as the server sent it
//   hotlists.prev.json   the copy before it, the same layout
//   hotlists.checked.json {"version":…,"checkedAt":ms}: the last time the server said the copy is current (a 304)
// A save writes a temporary file, fsyncs it, moves the current copy to .prev, renames the new one
// in and fsyncs the folder: a crash leaves the old copy, the new one, or (between the two renames)
// only .prev, which load() falls back to. A copy whose checksum or shape is wrong (a torn write, a
// disk error, an edit) is skipped with a note and the other one is used.
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Compile } from 'typebox/compile';
import { EdgeFeed } from '../hotlists/edge-feed.schemas.js';
import { syncDir } from './segment-file.js';

const checkFeed = Compile(EdgeFeed);

export const FEED_FILE = 'hotlists.json';
export const PREVIOUS_FILE = 'hotlists.prev.json';
export const CHECKED_FILE = 'hotlists.checked.json';

export interface StoredFeed {
  feed: EdgeFeed;
  /** When this copy was downloaded (edge clock, epoch ms). */
  fetchedAt: number;
  /** The last time the server confirmed this version is current (fetchedAt or a later 304). */
  confirmedAt: number;
  /** Which file it came from. */
  file: string;
}

export interface LoadResult {
  stored: StoredFeed | undefined;
  /** Copies skipped, and why (shown in the log and on /status). */
  skipped: string[];
}

/** Checks a feed body as the server sent it; throws with the reason when it is not a feed. */
export function parseFeed(body: string): EdgeFeed {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    throw new Error(`not JSON (${(error as Error).message})`);
  }
  if (!checkFeed.Check(value)) {
    const first = checkFeed.Errors(value)[0];
    throw new Error(`not a hot-list feed (${first?.instancePath || '/'}: ${first?.message ?? 'invalid'})`);
  }
  return value;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function writeDurably(path: string, contents: string): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(contents);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export class FeedStore {
  constructor(readonly dir: string) {}

  /** The newest good copy on disk, or none. */
  async load(): Promise<LoadResult> {
    await mkdir(this.dir, { recursive: true });
    const skipped: string[] = [];
    const checked = await this.#checked();
    for (const file of [FEED_FILE, PREVIOUS_FILE]) {
      const path = join(this.dir, file);
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') skipped.push(`${file}: unreadable (${(error as Error).message})`);
        continue;
      }
      try {
        const { feed, fetchedAt } = decode(text);
        const confirmedAt = checked && checked.version === feed.version ? Math.max(fetchedAt, checked.checkedAt) : fetchedAt;
        return { stored: { feed, fetchedAt, confirmedAt, file }, skipped };
      } catch (error) {
        skipped.push(`${file}: ${(error as Error).message}; ignored`);
      }
    }
    return { stored: undefined, skipped };
  }

  /** Stores a feed body (already checked with parseFeed) atomically as the current copy. */
  async save(body: string, fetchedAt: number): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const header = JSON.stringify({ format: 1, sha256: sha256(body), bytes: Buffer.byteLength(body), fetchedAt });
    const current = join(this.dir, FEED_FILE);
    const temporary = `${current}.tmp`;
    await writeDurably(temporary, `${header}\n${body}`);
    try {
      await rename(current, join(this.dir, PREVIOUS_FILE));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    await rename(temporary, current);
    await syncDir(this.dir);
  }

  /** Removes every copy (the server refused this unit's key: it no longer holds the lists). */
  async discard(): Promise<void> {
    for (const file of [FEED_FILE, PREVIOUS_FILE, CHECKED_FILE, `${FEED_FILE}.tmp`]) await rm(join(this.dir, file), { force: true });
    await syncDir(this.dir);
  }

  /** Remembers that the server confirmed `version` current at `checkedAt` (a 304): the copy's age restarts. */
  async confirm(version: string, checkedAt: number): Promise<void> {
    const path = join(this.dir, CHECKED_FILE);
    await writeDurably(`${path}.tmp`, JSON.stringify({ version, checkedAt }));
    await rename(`${path}.tmp`, path);
    await syncDir(this.dir);
  }

  async #checked(): Promise<{ version: string; checkedAt: number } | undefined> {
    try {
      const value = JSON.parse(await readFile(join(this.dir, CHECKED_FILE), 'utf8')) as { version?: unknown; checkedAt?: unknown };
      return typeof value.version === 'string' && typeof value.checkedAt === 'number' ? { version: value.version, checkedAt: value.checkedAt } : undefined;
    } catch {
      return undefined; // missing or torn: the copy's age counts from its download
    }
  }
}

function decode(text: string): { feed: EdgeFeed; fetchedAt: number } {
  const newline = text.indexOf('\n');
  if (newline < 0) throw new Error('cut short (no header line)');
  let header: { format?: unknown; sha256?: unknown; bytes?: unknown; fetchedAt?: unknown };
  try {
    header = JSON.parse(text.slice(0, newline)) as typeof header;
  } catch {
    throw new Error('damaged header');
  }
  if (header.format !== 1 || typeof header.sha256 !== 'string' || typeof header.fetchedAt !== 'number') throw new Error('unknown header');
  const body = text.slice(newline + 1);
  if (typeof header.bytes === 'number' && Buffer.byteLength(body) !== header.bytes) throw new Error(`cut short (${Buffer.byteLength(body)} of ${header.bytes} bytes)`);
  if (sha256(body) !== header.sha256) throw new Error('checksum mismatch (damaged)');
  return { feed: parseFeed(body), fetchedAt: header.fetchedAt };
}
