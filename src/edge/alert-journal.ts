// Hits the edge unit raised locally (issue 10; R9, R12): appended to alerts.jsonl and fsynced, so
// the in-car display still has them after a restart, and held in memory for GET /alerts. A torn
// last line (power cut mid-write) is skipped on open; the same read and entry are never listed twice.
import { appendFile, mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { syncDir } from './segment-file.js';
import type { ConfusedCharacter, HotListCategory, MatchKind, StateCheck, VehicleField } from '../hotlists/matcher.js';

export const ALERTS_FILE = 'alerts.jsonl';

export interface LocalAlert {
  id: string;
  readId: string;
  /** The plate as read (normalized) and its state, for the officer to compare with the car. */
  plate: string;
  region: string | null;
  capturedAt: string;
  /** When the edge matched it (its own clock). */
  raisedAt: string;
  entryId: string;
  listId: string;
  listName: string;
  listSource: string;
  priority: number;
  category: HotListCategory;
  reason: string | null;
  /** How it matched (exact, wildcard, confusion, description) and the state check (R10). */
  kind: MatchKind;
  state: StateCheck;
  /** What the list holds: its plate or partial plate, and state. */
  listed: { plate: string | null; pattern: string | null; state: string | null };
  confused?: ConfusedCharacter;
  agreed?: VehicleField[];
  /** R12: when the list was last updated on the server, and how old the unit's copy was. */
  listLastUpdatedAt: string | null;
  feedVersion: string;
  feedAgeMinutes: number;
  mayBeStale: boolean;
  staleWarning: string | null;
}

export class AlertJournal {
  private readonly keys = new Set<string>();
  private constructor(
    private readonly path: string,
    private readonly list: LocalAlert[],
    readonly damaged: number,
  ) {
    for (const alert of list) this.keys.add(key(alert));
  }

  /** Opens the journal; alerts raised before keepSince (epoch ms) are dropped, and the file rewritten atomically without them. */
  static async open(dir: string, options: { keepSince?: number } = {}): Promise<AlertJournal> {
    await mkdir(dir, { recursive: true });
    const path = join(dir, ALERTS_FILE);
    const alerts: LocalAlert[] = [];
    let damaged = 0;
    let text = '';
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const alert = JSON.parse(line) as LocalAlert;
        if (typeof alert.readId === 'string' && typeof alert.entryId === 'string') alerts.push(alert);
        else damaged += 1;
      } catch {
        damaged += 1;
      }
    }
    const keepSince = options.keepSince ?? -Infinity;
    const kept = alerts.filter((alert) => !(Date.parse(alert.raisedAt) < keepSince));
    if (kept.length < alerts.length || damaged) {
      // Old alerts leave the unit (the server has the reads and raised its own alerts); torn lines go too.
      await writeDurably(`${path}.tmp`, kept.map((alert) => `${JSON.stringify(alert)}\n`).join(''));
      await rename(`${path}.tmp`, path);
      await syncDir(dir);
    } else if (text && !text.endsWith('\n')) await appendFile(path, '\n');
    return new AlertJournal(path, kept, damaged);
  }

  get size(): number {
    return this.list.length;
  }

  /** Newest first. */
  recent(limit: number): LocalAlert[] {
    return this.list.slice(-limit).reverse();
  }

  /** Appends the alerts not already held (same read, same entry) and fsyncs; returns those added. */
  async append(alerts: LocalAlert[]): Promise<LocalAlert[]> {
    const fresh = alerts.filter((alert) => !this.keys.has(key(alert)));
    if (!fresh.length) return [];
    for (const alert of fresh) {
      this.keys.add(key(alert));
      this.list.push(alert); // shown at once, even if the disk write below fails
    }
    const handle = await open(this.path, 'a');
    try {
      await handle.writeFile(fresh.map((alert) => `${JSON.stringify(alert)}\n`).join(''));
      await handle.sync();
    } finally {
      await handle.close();
    }
    return fresh;
  }
}

async function writeDurably(path: string, contents: string): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(contents);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const key = (alert: Pick<LocalAlert, 'readId' | 'entryId'>) => `${alert.readId}\u0000${alert.entryId}`;
