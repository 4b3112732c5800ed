// The integration suite's third backend (issue 12: "the same integration suite as the single process
// runs against the cluster topology"): PostgreSQL plus a JetStream bus, with the api, writer and
// matcher roles started in this test process by the same startRole the `serve --role` processes run,
// over a nats-server of the test's own (its own stream: test files running side by side never see
// each other's reads). The testkit's app is the api role's; a read it accepts is on the stream, and
// the writer and matcher store and match it later, so settle() waits for that honestly: until the
// stream is empty — the stream keeps a message until both consumers acknowledged it (interest
// retention, bus.ts), and each acknowledges only after its group was committed.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, NATS_SERVER } from '../../deploy/local/topology.js';
import { READS_STREAM } from '../../src/cluster/bus.js';
import { announcePlatesDeleted, startRole, type RunningRole } from '../../src/cluster/roles.js';
import type { Clock } from '../../src/platform/clock.js';
import type { Config } from '../../src/platform/config.js';
import { createLogger } from '../../src/platform/logger.js';

export interface ClusterApp {
  api: RunningRole;
  writer: RunningRole;
  matcher: RunningRole;
  /** Resolves once the writer and matcher have consumed everything published so far. */
  settle(): Promise<void>;
  /** Does what the scheduler role does after a purge deleted plates: tells the api and writer roles (for a purge a test runs itself). */
  platesDeleted(ids: readonly number[]): void;
  /** Resolves once the matcher role matches `plate` (it reloads hot lists on the api role's notice). */
  matcherKnows(plate: { plate: string; region: string }): Promise<void>;
  close(): Promise<void>;
}

/** Why the cluster backend cannot run here, or undefined. */
export function clusterBackendMissing(): string | undefined {
  if (!process.env.PLATEKEEPER_TEST_DATABASE_URL) return 'the cluster backend needs PostgreSQL: set PLATEKEEPER_TEST_DATABASE_URL';
  if (spawnSync(NATS_SERVER, ['--version']).status !== 0) return `the cluster backend needs nats-server (${NATS_SERVER} does not run: apt-get install nats-server)`;
  return undefined;
}

const SETTLE_MS = 20_000;

async function until(what: string, done: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + SETTLE_MS;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`cluster backend: ${what} did not happen within ${SETTLE_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function startNats(): Promise<{ url: string; stop(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'pk-test-nats-'));
  const port = await freePort();
  const server: ChildProcess = spawn(NATS_SERVER, ['-js', '-sd', dir, '-a', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const stop = () => {
    server.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  return { url: `nats://127.0.0.1:${port}`, stop };
}

/** `config`: the single process's test config on a fresh PostgreSQL database; each role gets it with its role and the bus. */
export async function startClusterApp(config: Config, clock?: Clock): Promise<ClusterApp> {
  const missing = clusterBackendMissing();
  if (missing) throw new Error(missing);
  const nats = await startNats();
  const logger = createLogger(config.log.level);
  const as = (role: 'api' | 'writer' | 'matcher'): Config => ({
    ...config,
    server: { ...config.server, port: 0 },
    recognition: { ...config.recognition, enabled: false },
    cluster: { ...config.cluster, role, busUrl: nats.url, streamReplicas: 1 },
  });
  const started: RunningRole[] = [];
  const closeAll = async () => {
    for (const role of started.reverse()) await role.close();
    nats.stop();
  };
  try {
    // The server takes a moment to listen: the first role retries its connection for a while.
    let api: RunningRole | undefined;
    for (let attempt = 0; !api; attempt++) {
      try {
        api = await startRole(as('api'), logger, clock ? { clock } : {});
      } catch (error) {
        if (attempt > 50 || (error as { id?: string }).id !== 'bus_unreachable') throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    started.push(api);
    const writer = await startRole(as('writer'), logger, clock ? { clock } : {});
    started.push(writer);
    const matcher = await startRole(as('matcher'), logger, clock ? { clock } : {});
    started.push(matcher);
    return {
      api,
      writer,
      matcher,
      settle: async () => {
        await until('the writer and matcher acknowledging every read on the stream', async () => (await api.bus.jsm.streams.info(READS_STREAM)).state.messages === 0);
        await matcher.app!.alerts.idle();
      },
      platesDeleted: (ids) => announcePlatesDeleted(api.bus, ids),
      matcherKnows: (plate) => until(`the matcher role loading the hot-list entry ${plate.plate}`, () => matcher.app!.hotlists.match(plate).length > 0),
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
