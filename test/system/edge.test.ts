// Issue 10: the patrol-car edge unit against a real server process that goes away mid-stream.
// Reads go to the edge while the server runs, while it is killed, and after it comes back on the
// same port and data dir; at the end every read is in the database exactly once. Then the hot
// lists: the edge takes them down, matches a listed plate while the server is gone (a local alert
// at once), and the read arrives once with its edge hit while the server raises its own alert.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEdge, type EdgeUnit } from '../../src/edge/edge.js';
import type { LocalAlert } from '../../src/edge/alert-journal.js';
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

  it('matches hot lists offline: a local alert at once, then the read arrives once with its edgeHits and the server raises its own alert', async () => {
    await edge?.close();
    edge = undefined;
    await server?.kill();
    server = undefined;
    // (cameras add also creates the database when this test runs alone.)
    const added = runCli(['cameras', 'add', '--data-dir', dataDir, '--name', 'Unit 14 patrol car', '--kind', 'mobile', '--attested-by', 'test']);
    expect(added.status, added.stderr).toBe(0);
    const key = /Ingest key \(shown once\): (\S+)/.exec(added.stdout)![1]!;
    // A designated agency list with one approved entry, and one pending entry that must not go to the car.
    const now = Date.now();
    const listId = 'edge-system-list';
    const seeded = await openDatabase<Tables>({ dataDir });
    try {
      await seeded.db.insertInto('hotLists').values({ id: listId, name: 'Agency BOLO (system test)', kind: 'agency', source: 'agency', dataSource: 'agency', defaultCategory: 'other', priority: 0, owner: 'test', retentionDays: 30, refreshIntervalHours: 24, active: 1, designatedBy: 'admin', designatedAt: now, currentImportId: null, lastUpdatedAt: now, lastImportError: null, lastImportFailedAt: null, lastAttemptAt: null, feedLocation: null, feedMapping: null, createdBy: 'test', createdAt: now, updatedAt: now }).execute();
      const entry = { listId, importId: null, state: 'CA', plateType: null, pattern: null, ncicCode: null, reason: 'Armed robbery suspect vehicle', category: 'felony_vehicle', vehicleYear: null, vehicleMake: null, vehicleModel: null, vehicleColor: null, vehicleBody: null, entryDate: now, originatingAgency: null, caseAgent: 'Det. Rivera', caseNumber: '26-004512', synopsis: 'Grey sedan seen leaving the robbery', expiresAt: now + 7 * 86_400_000, submittedById: null, submittedBy: 'officer', decidedBy: 'supervisor', decidedAt: now, decisionReason: null, createdAt: now, updatedAt: now };
      await seeded.db.insertInto('hotListEntries').values([{ ...entry, id: 'edge-system-entry', status: 'active', plate: '6TRK512' }, { ...entry, id: 'edge-system-pending', status: 'pending', plate: '7PEND01' }]).execute();
    } finally {
      await seeded.close();
    }
    server = await startServer(['--data-dir', dataDir, '--no-demo']);
    const port = Number(new URL(server.url).port);
    const hotJournal = mkdtempSync(join(tmpdir(), 'platekeeper-edge-hot-journal-'));
    const log: string[] = [];
    try {
      edge = await startEdge({ server: server.url, key, journalDir: hotJournal, port: 0, backoff: { initialMs: 50, maxMs: 300 }, idleMs: 100, reportEveryMs: 0, log: (line) => log.push(line) });
      await until('the hot lists to come down', () => edge!.status().hotlists?.version !== null);
      expect(edge.status().hotlists).toMatchObject({ lists: 1, entries: 1, stale: false, lastError: null });

      // The server goes away; a patrol car reads the listed plate.
      await server.kill('SIGKILL');
      const listed = makeRead({ plate: '6trk 512', region: 'us-ca', location: { lat: 32.79, lon: -116.96 } });
      const answered = Date.now();
      const response = await fetch(`${edge.url}/api/v1/ingest/reads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reads: [listed, makeRead({ plate: '1ABC000', location: { lat: 32.79, lon: -116.96 } })] }) });
      expect(response.status).toBe(200);
      const local = (await (await fetch(`${edge.url}/alerts`)).json()) as { alerts: LocalAlert[] };
      const alertMs = Date.now() - answered;
      expect(local.alerts).toHaveLength(1);
      expect(local.alerts[0]).toMatchObject({ readId: listed.id, plate: '6TRK512', entryId: 'edge-system-entry', listName: 'Agency BOLO (system test)', reason: expect.stringContaining('Armed robbery'), kind: 'exact', state: 'matched', listLastUpdatedAt: new Date(now).toISOString(), mayBeStale: false });
      expect(edge.status().hotlists?.alerts).toBe(1);

      // Back online: the read arrives once, with the edge's hit kept in its vendor data, and the server matches it itself.
      server = await startServer(['--data-dir', dataDir, '--no-demo'], 20_000, port);
      await until('the backlog to drain', () => edge!.status().backlog === 0);
      const database = await openDatabase<Tables>({ dataDir });
      try {
        const rows = await database.db.selectFrom('reads').select(['id', 'vendorData']).where('id', '=', listed.id as string).execute();
        expect(rows).toHaveLength(1);
        expect(JSON.parse(rows[0]!.vendorData!)).toEqual({ edgeHits: [{ entryId: 'edge-system-entry', listId, kind: 'exact', matchedAt: expect.any(String) }] });
        // Alerts are raised just after the read is stored (queued, never slowing ingest): poll briefly.
        let alerts: { readId: string; entryId: string }[] = [];
        for (const deadline = Date.now() + 10_000; !alerts.length && Date.now() < deadline; ) {
          alerts = await database.db.selectFrom('alerts').select(['readId', 'entryId']).execute();
          if (!alerts.length) await new Promise((r) => setTimeout(r, 100));
        }
        expect(alerts).toEqual([{ readId: listed.id, entryId: 'edge-system-entry' }]);
        // The download is in the access log, by the unit's camera, with the lists and count but no plates.
        const downloads = await database.db.selectFrom('accessLog').select(['actorUsername', 'dataElements', 'resultCount']).where('action', '=', 'hotlist.edge_download').execute();
        expect(downloads.length).toBeGreaterThanOrEqual(1);
        expect(downloads.at(-1)).toMatchObject({ actorUsername: expect.stringMatching(/^camera:/), resultCount: 1 });
        expect(JSON.parse(downloads.at(-1)!.dataElements)).toMatchObject({ listIds: [listId], entries: 1 });
        expect(downloads.at(-1)!.dataElements).not.toMatch(/6TRK512|7PEND01/);
      } finally {
        await database.close();
      }
      console.log(`edge: local alert listed ${alertMs} ms after the read was sent, offline; log: ${log.join(' | ')}`);
    } finally {
      await edge?.close();
      edge = undefined;
      rmSync(hotJournal, { recursive: true, force: true });
    }
  }, 60_000);
});
