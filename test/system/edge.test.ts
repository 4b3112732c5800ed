// Issue 10: the patrol-car edge unit against a real server process that goes away mid-stream.
// Reads go to the edge while the server runs, while it is killed, and after it comes back on the
// same port and data dir; at the end every read is in the database exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEdge, type EdgeUnit } from '../../src/edge/edge.js';
import { openDatabase } from '../../src/platform/database.js';
import type { Tables } from '../../src/storage/tables.js';
import { makeRead } from '../reads.fixtures.js';
import { runCli, startServer, type ServerProcess } from '../server.process.js';

const until = async (what: string, check: () => boolean, timeoutMs = 20_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('edge unit through a server outage', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'platekeeper-edge-server-'));
  const journalDir = mkdtempSync(join(tmpdir(), 'platekeeper-edge-journal-'));
  let server: ServerProcess | undefined;
  let edge: EdgeUnit | undefined;
  afterAll(async () => {
    await edge?.close();
    await server?.kill();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(journalDir, { recursive: true, force: true });
  });

  it('refuses to start without its server and key', () => {
    const result = runCli(['edge', '--journal', journalDir]);
    expect(result.status).toBe(64);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/--server URL --key pkc_/);
  });

  it('delivers every read exactly once across a server outage', async () => {
    const added = runCli(['cameras', 'add', '--data-dir', dataDir, '--name', 'Unit 12 patrol car', '--kind', 'mobile', '--attested-by', 'test']);
    expect(added.status, added.stderr).toBe(0);
    const key = /Ingest key \(shown once\): (\S+)/.exec(added.stdout)![1]!;
    server = await startServer(['--data-dir', dataDir, '--no-demo']);
    const port = Number(new URL(server.url).port);

    const log: string[] = [];
    edge = await startEdge({ server: server.url, key, journalDir, port: 0, batch: 500, backoff: { initialMs: 50, maxMs: 500 }, idleMs: 100, reportEveryMs: 0, log: (line) => log.push(line) });
    const reads = Array.from({ length: 2_000 }, (_, i) => makeRead({ location: { lat: 32.7 + i / 1e5, lon: -117.1 } }));
    const send = async (batch: unknown[]) => {
      const response = await fetch(`${edge!.url}/api/v1/ingest/reads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reads: batch }) });
      expect(response.status).toBe(200);
      return (await response.json()) as { accepted: number; duplicate: number };
    };

    // Online: the first 300 reads flow through; kill the server while the edge is still sending.
    for (let i = 0; i < 300; i += 50) await send(reads.slice(i, i + 50));
    await until('some reads forwarded', () => edge!.status().sent > 0);
    await server.kill('SIGKILL');

    // Offline: the rest are journaled and answered; a recognizer retry is not journaled twice.
    for (let i = 300; i < 2_000; i += 100) await send(reads.slice(i, i + 100));
    expect((await send(reads.slice(1_900, 2_000))).duplicate).toBeGreaterThan(0);
    await until('the edge to notice the outage', () => edge!.status().serverReachable === false);
    const offline = (await (await fetch(`${edge.url}/status`)).json()) as { backlog: number; serverReachable: boolean; lastError: string };
    expect(offline.serverReachable).toBe(false);
    expect(offline.backlog).toBeGreaterThanOrEqual(1_700);
    expect(offline.lastError).toMatch(/unreachable/);

    // Back online on the same port and data dir: the backlog drains.
    const started = Date.now();
    server = await startServer(['--data-dir', dataDir, '--no-demo'], 20_000, port);
    await until('the backlog to drain', () => edge!.status().backlog === 0);
    const drainedMs = Date.now() - started;
    expect(edge.status()).toMatchObject({ backlog: 0, lastError: null, serverReachable: true, rejected: 0 });
    expect(edge.journal.segmentNames).toEqual([]);

    const database = await openDatabase<Tables>({ dataDir });
    try {
      const rows = await database.db.selectFrom('reads').select('id').execute();
      expect(rows).toHaveLength(2_000);
      expect(new Set(rows.map((row) => row.id))).toEqual(new Set(reads.map((read) => read.id as string)));
    } finally {
      await database.close();
    }
    console.log(`edge: backlog drained ${drainedMs} ms after the restart began; log: ${log.join(' | ')}`);
  }, 40_000);
});
