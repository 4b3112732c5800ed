// Issue 12, "the same integration suite against the cluster": the single process's main flows over
// HTTP, with each step on a different process of the local topology (two API nodes, a writer, a
// matcher, a scheduler on PostgreSQL and a three-node NATS cluster). Setup (sign-in, second factor,
// hot-list import and designation, camera, officer) goes to API node 1; the officer's live stream
// is on API node 2; the camera sends to node 1; the alert is raised by the matcher process and
// arrives on node 2's stream; the officer works it on node 1 and searches on node 2; a resend to
// node 2 is a duplicate. Skips like the fault test without nats-server or PostgreSQL.
import pg from 'pg';
import sharp from 'sharp';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSse, type SseEvent } from '../../src/alerts/alerts.sse-client.js';
import { startTopology, type Topology } from '../../deploy/local/topology.js';
import { Api } from '../e2e/api.kit.js';
import { clusterSkipReason, NO_RECOGNITION, POSTGRES_URL, setUpAgency, setUpOfficer, type Agency } from './cluster.kit.js';

const skip = await clusterSkipReason();

describe.skipIf(skip !== undefined)('the HTTP flows across cluster processes (issue 12; R2, R9–R12, R21)', () => {
  let topology: Topology | undefined;
  let agency: Agency;
  let officer: { api: Api; headers: Record<string, string> };
  let node1 = '';
  let node2 = '';

  beforeAll(async () => {
    topology = await startTopology({ postgresUrl: POSTGRES_URL!, api: 2, writer: 1, matcher: 1, scheduler: 1, profile: 'los-altos-pd', settings: NO_RECOGNITION });
    [node1, node2] = topology.apiUrls as [string, string];
    agency = await setUpAgency(topology);
    officer = await setUpOfficer(agency, node1);
  }, 150_000);

  afterAll(async () => {
    await topology?.stop();
  });

  const ingest = (base: string, reads: unknown[]) =>
    fetch(`${base}/api/v1/ingest/reads`, { method: 'POST', headers: { authorization: `Bearer ${agency.cameraKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ reads }) });

  it('a read sent to one API node is stored by the writer, alerted by the matcher, delivered live on the other node, worked, searched and deduplicated', async () => {
    const events: SseEvent[] = [];
    // The officer's session lives in PostgreSQL: a stream on node 2 with the token node 1 issued.
    const stream = openSse(`${node2}/api/v1/alerts/stream`, officer.headers, (event) => events.push(event));
    await stream.opened;
    try {
      const plate = agency.plates[3]!;
      const jpeg = (await sharp({ create: { width: 120, height: 40, channels: 3, background: '#f8fafc' } }).jpeg().toBuffer()).toString('base64');
      const read = { id: uuidv7(), capturedAt: new Date().toISOString(), plate, region: 'CA', confidence: 0.95, vehicle: { make: 'Toyota', color: 'white' }, plateImage: { base64: jpeg, contentType: 'image/jpeg' } };
      const other = { id: uuidv7(), capturedAt: new Date().toISOString(), plate: 'ZZ12345', region: 'CA', confidence: 0.9 };
      const first = await ingest(node1, [read, other]);
      expect(first.status, await first.clone().text()).toBe(200);
      expect(((await first.json()) as { accepted: number }).accepted).toBe(2);

      // Live on node 2: exactly one alert, for this read, with its list.
      await expect.poll(() => events.filter((event) => event.event === 'alert').length, { timeout: 20_000 }).toBe(1);
      const alert = events.find((event) => event.event === 'alert')!;
      const view = alert.data as { seq: number; plate: string; list: { name: string }; read?: { id: string } };
      expect(JSON.stringify(view)).toContain(plate);
      expect(JSON.stringify(view)).toContain('CA DOJ stolen vehicles (cluster)');
      const seq = alert.id!;

      // The plate image (written by node 1 to the shared image store) through node 2's gate.
      const image = await fetch(`${node2}/api/v1/alerts/${seq}/images/plate`, { headers: officer.headers });
      expect(image.status).toBe(200);
      expect((await image.arrayBuffer()).byteLength).toBeGreaterThan(100);

      // The workflow on node 1; node 2's stream and API see the alert as it now stands.
      await officer.api.call('POST', `/alerts/${seq}/acknowledge`, {});
      // Node 2's stream hears of the step too (an update event: number and next step, no read data).
      await expect.poll(() => events.some((event) => event.event === 'update' && (event.data as { seq: number }).seq === seq), { timeout: 10_000 }).toBe(true);
      const seen = await fetch(`${node2}/api/v1/alerts/${seq}`, { headers: officer.headers });
      expect(((await seen.json()) as { workflow: { next: string[] } }).workflow.next).not.toContain('acknowledge');

      // Search on node 2 finds both reads once the writer stored them (R21: purpose in the body).
      const purpose = { caseNumber: '26-001212', category: 'stolen_vehicle', reason: 'Recovering the stolen Toyota listed by CA DOJ, seen by the cluster test camera' };
      const search = async (p: string) => {
        const response = await fetch(`${node2}/api/v1/search/plate`, { method: 'POST', headers: { ...officer.headers, 'content-type': 'application/json' }, body: JSON.stringify({ plate: p, purpose }) });
        expect(response.status, await response.clone().text()).toBe(200);
        return ((await response.json()) as { reads: { id: string }[] }).reads.map((r) => r.id);
      };
      await expect.poll(() => search(plate), { timeout: 20_000 }).toEqual([read.id]);
      expect(await search('ZZ12345')).toEqual([other.id]);

      // A camera resending the batch to the other node: duplicates, nothing stored or alerted twice.
      const again = await ingest(node2, [read, other]);
      expect(((await again.json()) as { duplicate: number }).duplicate).toBe(2);
      const db = new pg.Client({ connectionString: topology!.databaseUrl });
      await db.connect();
      try {
        await new Promise((resolve) => setTimeout(resolve, 1_000)); // the matcher and writer had their chance
        expect((await db.query('SELECT seq FROM alerts')).rows.map((row: { seq: string }) => Number(row.seq))).toEqual([seq]);
        expect((await db.query('SELECT id FROM reads')).rows).toHaveLength(2);
      } finally {
        await db.end();
      }
      expect(events.filter((event) => event.event === 'alert').length).toBe(1);
    } finally {
      stream.close();
    }
  }, 90_000);

  it('an image uploaded to one node is referred to by hash in a read sent to another (the shared image store)', async () => {
    const png = await sharp({ create: { width: 64, height: 24, channels: 3, background: '#0000ff' } }).png().toBuffer();
    const uploaded = await fetch(`${node2}/api/v1/ingest/images`, { method: 'POST', headers: { authorization: `Bearer ${agency.cameraKey}`, 'content-type': 'image/png' }, body: new Uint8Array(png) });
    expect(uploaded.status).toBe(201);
    const { sha256 } = (await uploaded.json()) as { sha256: string };
    const read = { id: uuidv7(), capturedAt: new Date().toISOString(), plate: 'ZZ54321', region: 'CA', vehicleImage: { sha256 } };
    const sent = await ingest(node1, [read]);
    expect(sent.status, await sent.clone().text()).toBe(200);
    expect(((await sent.json()) as { accepted: number }).accepted).toBe(1);
    const db = new pg.Client({ connectionString: topology!.databaseUrl });
    await db.connect();
    try {
      await expect.poll(async () => (await db.query('SELECT vehicle_image FROM reads WHERE id = $1', [read.id])).rows[0]?.vehicle_image, { timeout: 20_000 }).toBe(sha256);
    } finally {
      await db.end();
    }
  });

  it('refuses to start a cluster role on SQLite or without a bus, saying what to set', async () => {
    const { runCli } = await import('../server.process.js');
    const onSqlite = runCli(['serve', '--role', 'writer', '--bus', topology!.busUrl, '--data-dir', topology!.dataDir]);
    expect(onSqlite.status).toBe(64);
    expect(onSqlite.stderr).toMatch(/PostgreSQL database: set --database-url postgres:\/\//);
    const noBus = runCli(['serve', '--role', 'api', '--database-url', topology!.databaseUrl, '--data-dir', topology!.dataDir]);
    expect(noBus.status).toBe(64);
    expect(noBus.stderr).toMatch(/--bus nats:\/\//);
  });
});
