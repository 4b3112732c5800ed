import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import type { IncomingRead } from '../ingest/ingest.schemas.js';
import { Journal } from './journal.js';

const read = (plate = '8ABC123'): IncomingRead => ({ id: uuidv7(), capturedAt: new Date().toISOString(), plate, location: { lat: 32.7, lon: -117.1 } });

describe('edge journal', () => {
  const dirs: string[] = [];
  const dir = () => {
    const made = mkdtempSync(join(tmpdir(), 'platekeeper-journal-'));
    dirs.push(made);
    return made;
  };
  afterEach(() => {
    for (const made of dirs.splice(0)) rmSync(made, { recursive: true, force: true });
  });

  it('recovers every complete entry after a crash and ignores a torn last line', async () => {
    const folder = dir();
    const journal = await Journal.open(folder);
    const reads = Array.from({ length: 10 }, () => read());
    await journal.append(reads.slice(0, 6));
    await journal.append(reads.slice(6));
    // The process dies without closing anything, in the middle of writing the next entry.
    const [segment] = readdirSync(folder).filter((name) => name.startsWith('segment-'));
    appendFileSync(join(folder, segment!), '{"seq":11,"read":{"id":"0190-torn","captu');

    const reopened = await Journal.open(folder);
    expect(reopened.recovered).toEqual({ entries: 10, damaged: 1 });
    expect(reopened.pending(100).map((entry) => entry.read.id)).toEqual(reads.map((r) => r.id));
    // The torn line is gone, so the next append starts on a clean line and numbering goes on.
    const more = read('7XYZ999');
    await reopened.append([more]);
    await reopened.close();
    const lines = readFileSync(join(folder, segment!), 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(11);
    expect(JSON.parse(lines[10]!)).toEqual({ seq: 11, read: more });
    const third = await Journal.open(folder);
    expect(third.backlog).toBe(11);
    await Promise.all([journal.close(), third.close()]); // the "crashed" one's handle, only now
  });

  it('does not journal an id already waiting', async () => {
    const journal = await Journal.open(dir());
    const first = read();
    await journal.append([first]);
    const again = await journal.append([first, first]);
    expect(again.appended).toEqual([]);
    expect(again.duplicates).toEqual([first.id, first.id]);
    expect(journal.backlog).toBe(1);
    await journal.close();
  });

  it('keeps the acknowledged cursor across restarts and deletes fully acknowledged segments', async () => {
    const folder = dir();
    const journal = await Journal.open(folder, { segmentEntries: 4 });
    await journal.append(Array.from({ length: 10 }, () => read()));
    expect(journal.segmentNames).toEqual(['segment-000000000001.jsonl', 'segment-000000000005.jsonl', 'segment-000000000009.jsonl']);
    await journal.acknowledge(6);
    expect(journal.segmentNames).toEqual(['segment-000000000005.jsonl', 'segment-000000000009.jsonl']);
    expect(journal.pending(100).map((entry) => entry.seq)).toEqual([7, 8, 9, 10]);

    const reopened = await Journal.open(folder, { segmentEntries: 4 });
    expect(reopened.pending(100).map((entry) => entry.seq)).toEqual([7, 8, 9, 10]);
    await reopened.acknowledge(10);
    expect(reopened.backlog).toBe(0);
    expect(readdirSync(folder).filter((name) => name.startsWith('segment-'))).toEqual([]);
    // Numbering continues after everything was compacted away.
    const { appended } = await reopened.append([read()]);
    expect(appended[0]!.seq).toBe(11);
    await reopened.close();
  });
});
