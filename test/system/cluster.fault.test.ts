// Issue 12, "nothing acknowledged is ever lost": on the local cluster topology (three NATS nodes,
// two API nodes, two writers, two matchers; no scheduler, which takes no reads), while cameras send reads — some of listed plates —
// kill -9 an API node, a writer, a matcher and a NATS node in turn, restarting each. Afterwards
// every acknowledged read is in PostgreSQL exactly once, and every acknowledged read of a listed
// plate raised exactly one alert (R2; R9: alerts once per read × entry). Needs nats-server,
// PostgreSQL (PLATEKEEPER_TEST_DATABASE_URL) and dist/; skips without them unless
// PLATEKEEPER_REQUIRE_POSTGRES is set.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTopology, type Topology } from '../../deploy/local/topology.js';
import { clusterSkipReason, NO_RECOGNITION, LoadGenerator, POSTGRES_URL, setUpAgency, type Agency } from './cluster.kit.js';

const skip = await clusterSkipReason();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(skip !== undefined)('cluster under faults (issue 12; R2, R9)', () => {
  let topology: Topology | undefined;
  let agency: Agency;
  let db: pg.Client;

  beforeAll(async () => {
    topology = await startTopology({ postgresUrl: POSTGRES_URL!, api: 2, writer: 2, matcher: 2, scheduler: 0, settings: NO_RECOGNITION });
    agency = await setUpAgency(topology);
    db = new pg.Client({ connectionString: topology.databaseUrl });
    await db.connect();
  }, 150_000);

  afterAll(async () => {
    await db?.end();
    await topology?.stop();
  });

  const count = async (text: string): Promise<number> => Number((await db.query<{ n: string }>(text)).rows[0]!.n);

  it('keeps every acknowledged read exactly once and raises each hit exactly once while an API node, a writer, a matcher and a NATS node are killed', async () => {
    const t = topology!;
    // The matchers learned the list from the API node's change notice; wait until a hit raises an alert.
    const probe = new LoadGenerator({ urls: () => t.apiUrls, cameraKey: agency.cameraKey, plates: agency.plates, hitFraction: 1, batch: 4, senders: 1, maxReads: 4 }).start();
    await probe.stop();
    for (let i = 0; (await count('SELECT count(DISTINCT read_id) AS n FROM alerts')) < 4; i++) {
      if (i > 300) throw new Error('the matchers raised no alert for listed plates within 30 s');
      await sleep(100);
    }

    const load = new LoadGenerator({ urls: () => t.apiUrls, cameraKey: agency.cameraKey, plates: agency.plates, hitFraction: 0.05, batch: 25, senders: 4 }).start();
    const waitForMore = async (reads: number) => {
      const target = load.acknowledged.size + reads;
      for (let i = 0; load.acknowledged.size < target; i++) {
        if (i > 600) throw new Error(`load stalled at ${load.acknowledged.size} acknowledged reads; last failures: ${load.failures.slice(-3).join(' | ')}`);
        await sleep(50);
      }
    };
    const faults: string[] = [];
    for (const [kind, index] of [['api', 0], ['writer', 0], ['matcher', 0], ['nats', 1]] as const) {
      await waitForMore(300);
      const node = t.role(kind)[index]!;
      await t.kill(node, 'SIGKILL');
      faults.push(`${node.name} killed at ${load.acknowledged.size} acknowledged`);
      await waitForMore(150); // the survivors carry on
      await t.restart(node);
    }
    await waitForMore(200);
    await load.stop();
    const acknowledged = [...load.acknowledged.values()];
    const probes = [...probe.acknowledged.values()];
    const all = [...acknowledged, ...probes];
    const hits = all.filter((read) => read.hit);
    expect(hits.length).toBeGreaterThan(20);

    // Redelivery after a kill waits out the consumer's ack wait (10 s): poll until everything landed.
    const stored = async () => {
      const rows = await db.query<{ id: string; n: string }>('SELECT id::text AS id, count(*) AS n FROM reads GROUP BY id');
      return new Map(rows.rows.map((row) => [row.id, Number(row.n)]));
    };
    const alerts = async () => {
      const rows = await db.query<{ read_id: string; n: string }>('SELECT read_id, count(*) AS n FROM alerts GROUP BY read_id');
      return new Map(rows.rows.map((row) => [row.read_id, Number(row.n)]));
    };
    let reads = await stored();
    let raised = await alerts();
    for (let i = 0; i < 600 && (all.some((read) => !reads.has(read.id)) || hits.some((read) => !raised.has(read.id))); i++) {
      await sleep(100);
      reads = await stored();
      raised = await alerts();
    }
    const lost = all.filter((read) => !reads.has(read.id)).map((read) => read.id);
    expect(lost, `acknowledged reads missing (${faults.join('; ')})`).toEqual([]);
    expect([...reads.values()].filter((n) => n !== 1), 'reads stored more than once').toEqual([]);
    const missed = hits.filter((read) => !raised.has(read.id)).map((read) => `${read.id} ${read.plate}`);
    expect(missed, 'hits that raised no alert').toEqual([]);
    expect(hits.filter((read) => raised.get(read.id) !== 1).map((read) => `${read.id}: ${raised.get(read.id)}`), 'hits that raised more than one alert').toEqual([]);
    const noHit = new Set(all.filter((read) => !read.hit).map((read) => read.id));
    expect([...raised.keys()].filter((id) => noHit.has(id)), 'alerts for reads of unlisted plates').toEqual([]);
    console.log(`cluster fault test: ${all.length} reads acknowledged (${hits.length} hits) over ${load.requests} requests, ${load.failures.length} refused or cut off and resent; ${faults.join('; ')}`);
  }, 150_000);
});
