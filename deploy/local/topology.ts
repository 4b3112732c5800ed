// The cluster topology of deploy/README.md on one machine (issue 12), for tests, benchmarks and a
// look around: three nats-server processes forming a JetStream cluster on their own ports, a fresh
// PostgreSQL database, and Platekeeper processes with roles (api, writer, matcher, scheduler) on
// the compiled dist/ (`npm run build:server` first). Every process logs to a file in the
// topology's folder. Ports are chosen free at start and kept across a node's restart, so a killed
// node comes back where clients expect it.
//
//   deploy/local/topology.sh start [--api 2 --writer 2 --matcher 2 --scheduler 1]   (prints URLs, leaves it running)
//   deploy/local/topology.sh stop                                                   (stops it, drops the database)
//
// Tests and benchmarks import startTopology() and kill or restart single nodes.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { adminQuery, databaseUrl as urlOfDatabase } from '../../src/storage/pg-admin.js';
import pg from 'pg';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const NATS_SERVER = process.env.NATS_SERVER ?? ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'].find((path) => existsSync(path)) ?? 'nats-server';
const BIN = join(ROOT, 'bin', 'platekeeper.js');

export type Role = 'api' | 'writer' | 'matcher' | 'scheduler';

export interface TopologyOptions {
  /** A PostgreSQL URL the topology may create databases with (its database name is replaced). */
  postgresUrl: string;
  api?: number;
  writer?: number;
  matcher?: number;
  scheduler?: number;
  /** Policy profile for every node. */
  profile?: string;
  /** Folder for logs, NATS data and the shared image store; a fresh temporary one by default. */
  dir?: string;
  /** Leave the processes running when this process exits (the shell script's `start`). */
  detached?: boolean;
  /** Extra environment for Platekeeper processes. */
  env?: Record<string, string>;
  /** Settings for every Platekeeper process, written to a config file they all read (e.g. { recognition: { enabled: false } }). */
  settings?: Record<string, unknown>;
}

export interface Node {
  name: string;
  kind: 'nats' | Role;
  port: number;
  log: string;
  child: ChildProcess | undefined;
  pid: number | undefined;
  args: string[];
}

/** What a missing prerequisite means: a reason to skip, or undefined when everything is there. */
export async function missingPrerequisite(postgresUrl: string | undefined): Promise<string | undefined> {
  if (spawnSync(NATS_SERVER, ['--version'], { encoding: 'utf8' }).status !== 0) return `nats-server is not runnable (looked for ${NATS_SERVER}; set NATS_SERVER or apt-get install nats-server)`;
  if (!postgresUrl) return 'no PostgreSQL URL (set PLATEKEEPER_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)';
  const client = new pg.Client({ connectionString: postgresUrl });
  try {
    await client.connect();
    await client.end();
  } catch (error) {
    return `PostgreSQL does not answer at ${postgresUrl}: ${(error as Error).message}`;
  }
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) return 'dist/ is missing: run `npm run build:server` first';
  return undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolveOpen) => {
    const socket = new Socket();
    socket.setTimeout(500);
    socket.once('connect', () => {
      socket.destroy();
      resolveOpen(true);
    });
    socket.once('error', () => resolveOpen(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolveOpen(false);
    });
    socket.connect(port, '127.0.0.1');
  });
}

export class Topology {
  readonly nats: Node[] = [];
  readonly nodes: Node[] = [];
  /** Bootstrap administrator and the newest first-device code, as the API nodes printed them. */
  credentials: { username: string; password: string } | undefined;
  deviceCode: string | undefined;

  constructor(
    readonly dir: string,
    readonly databaseUrl: string,
    private readonly databaseName: string,
    private readonly postgresUrl: string,
    private readonly options: TopologyOptions,
    readonly clusterPorts: number[],
  ) {}

  get busUrl(): string {
    return this.nats.map((node) => `nats://127.0.0.1:${node.port}`).join(',');
  }

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  /** The API nodes' base URLs (what a load balancer would spread requests over). */
  get apiUrls(): string[] {
    return this.nodes.filter((node) => node.kind === 'api').map((node) => `http://127.0.0.1:${node.port}`);
  }

  role(kind: Node['kind']): Node[] {
    return (kind === 'nats' ? this.nats : this.nodes).filter((node) => node.kind === kind);
  }

  private spawnNode(node: Node, command: string, env: NodeJS.ProcessEnv): void {
    const fd = openSync(node.log, 'a');
    const child = spawn(command, node.args, { cwd: ROOT, env, stdio: ['ignore', fd, fd], detached: this.options.detached ?? false });
    closeSync(fd);
    if (this.options.detached) child.unref();
    node.child = child;
    node.pid = child.pid;
  }

  async startNats(node: Node): Promise<void> {
    this.spawnNode(node, NATS_SERVER, process.env);
    for (let i = 0; i < 100; i++) {
      if (await portOpen(node.port)) return;
      if (node.child?.exitCode !== null && node.child?.exitCode !== undefined) break;
      await sleep(100);
    }
    throw new Error(`${node.name} did not start; its log (${node.log}):\n${readFileSync(node.log, 'utf8').slice(-2000)}`);
  }

  async startPlatekeeper(node: Node): Promise<void> {
    const before = existsSync(node.log) ? readFileSync(node.log, 'utf8').length : 0;
    this.spawnNode(node, process.execPath, { ...process.env, PLATEKEEPER_LOG_LEVEL: 'warn', ...this.options.env });
    const ready = node.kind === 'api' ? /Platekeeper is running at/ : /Platekeeper \w+ is running/;
    for (let i = 0; i < 600; i++) {
      const text = readFileSync(node.log, 'utf8').slice(before);
      if (ready.test(text)) {
        const username = /^\s+username: (\S+)$/m.exec(text)?.[1];
        const password = /^\s+password: (\S+)$/m.exec(text)?.[1];
        if (username && password) this.credentials = { username, password };
        const code = /^\s+device enrollment code: (\S+)$/m.exec(text)?.[1];
        if (code) this.deviceCode = code;
        return;
      }
      if (node.child?.exitCode !== null && node.child?.exitCode !== undefined) break;
      await sleep(100);
    }
    throw new Error(`${node.name} did not start; its log (${node.log}):\n${readFileSync(node.log, 'utf8').slice(before).slice(-3000)}`);
  }

  async addNode(kind: Role): Promise<Node> {
    const index = this.role(kind).length + 1;
    const port = kind === 'api' ? await freePort() : 0;
    const node: Node = {
      name: `${kind}-${index}`,
      kind,
      port,
      log: join(this.dir, `${kind}-${index}.log`),
      child: undefined,
      pid: undefined,
      args: [
        BIN, 'serve', '--role', kind, '--bus', this.busUrl, '--stream-replicas', String(Math.min(3, this.nats.length)), '--database-url', this.databaseUrl,
        '--data-dir', this.dataDir, '--no-demo', '--port', String(port), ...(this.options.profile ? ['--profile', this.options.profile] : []),
        ...(this.options.settings ? ['--config', join(this.dir, 'platekeeper.yaml')] : []),
      ],
    };
    this.nodes.push(node);
    await this.startPlatekeeper(node);
    return node;
  }

  /** Kills a node (SIGKILL by default: no clean shutdown) and waits until it is gone. */
  async kill(node: Node, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = node.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill(signal);
      await exited;
    } else if (!child && node.pid) {
      try {
        process.kill(node.pid, signal);
      } catch {
        // already gone
      }
    }
    node.child = undefined;
  }

  /** Starts a killed node again on the same ports. */
  async restart(node: Node): Promise<void> {
    if (node.kind === 'nats') await this.startNats(node);
    else await this.startPlatekeeper(node);
  }

  /** Stops every process (Platekeeper first, gently), drops the database, removes the folder unless `keep`. */
  async stop(keep = false): Promise<void> {
    await Promise.all(this.nodes.map((node) => this.stopGently(node)));
    await Promise.all(this.nats.map((node) => this.stopGently(node)));
    await adminQuery(this.postgresUrl, `DROP DATABASE IF EXISTS ${this.databaseName} WITH (FORCE)`).catch(() => undefined);
    if (!keep) rmSync(this.dir, { recursive: true, force: true });
  }

  private async stopGently(node: Node): Promise<void> {
    const child = node.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }

  /** What `topology.sh stop` needs to find the processes again. */
  state(): TopologyState {
    return {
      dir: this.dir,
      databaseName: this.databaseName,
      postgresUrl: this.postgresUrl,
      pids: [...this.nodes, ...this.nats].map((node) => ({ name: node.name, pid: node.pid ?? 0 })),
    };
  }
}

export interface TopologyState {
  dir: string;
  databaseName: string;
  postgresUrl: string;
  pids: { name: string; pid: number }[];
}

let started = 0;

/** Starts the whole topology: NATS cluster, fresh database (migrated once), then the roles, API nodes first. */
export async function startTopology(options: TopologyOptions): Promise<Topology> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'pk-cluster-'));
  mkdirSync(join(dir, 'data'), { recursive: true });
  // Named like the test databases (pk_<what>_<run>_<pid>), so a test run's teardown drops one a crash left behind.
  const databaseName = `pk_cluster_${process.env.PLATEKEEPER_TEST_RUN ?? Date.now().toString(36)}_${process.pid}_${++started}`;
  await adminQuery(options.postgresUrl, `CREATE DATABASE ${databaseName}`);
  const databaseUrl = urlOfDatabase(options.postgresUrl, databaseName);
  const clientPorts = [await freePort(), await freePort(), await freePort()];
  const clusterPorts = [await freePort(), await freePort(), await freePort()];
  const topology = new Topology(dir, databaseUrl, databaseName, options.postgresUrl, options, clusterPorts);
  if (options.settings) writeFileSync(join(dir, 'platekeeper.yaml'), JSON.stringify(options.settings, null, 2)); // JSON is YAML
  try {
    for (let i = 0; i < 3; i++) {
      const routes = clusterPorts.filter((_, j) => j !== i).map((port) => `nats://127.0.0.1:${port}`).join(',');
      const store = join(dir, `nats-${i + 1}`);
      mkdirSync(store, { recursive: true });
      topology.nats.push({
        name: `nats-${i + 1}`,
        kind: 'nats',
        port: clientPorts[i]!,
        log: join(dir, `nats-${i + 1}.log`),
        child: undefined,
        pid: undefined,
        args: ['-js', '-sd', store, '-a', '127.0.0.1', '-p', String(clientPorts[i]), '-n', `pk-nats-${i + 1}`, '--cluster_name', 'platekeeper', '--cluster', `nats://127.0.0.1:${clusterPorts[i]}`, '--routes', routes],
      });
    }
    await Promise.all(topology.nats.map((node) => topology.startNats(node)));
    const migrated = spawnSync(process.execPath, [BIN, 'migrate', '--database-url', databaseUrl, '--data-dir', topology.dataDir], { encoding: 'utf8', env: { ...process.env, PLATEKEEPER_LOG_LEVEL: 'warn' } });
    if (migrated.status !== 0) throw new Error(`platekeeper migrate failed: ${migrated.stderr}`);
    // The first API node creates the stream (and the first administrator); the others follow.
    for (let i = 0; i < (options.api ?? 2); i++) await topology.addNode('api');
    const rest: Role[] = [...Array<Role>(options.writer ?? 2).fill('writer'), ...Array<Role>(options.matcher ?? 2).fill('matcher'), ...Array<Role>(options.scheduler ?? 1).fill('scheduler')];
    for (const role of rest) await topology.addNode(role);
    return topology;
  } catch (error) {
    await topology.stop(true).catch(() => undefined);
    throw error;
  }
}

// ── The shell script's commands ─────────────────────────────────────────────────────────────────

const STATE_FILE = join(tmpdir(), 'platekeeper-topology.json');

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const flag = (name: string, fallback: number) => {
    const at = rest.indexOf(`--${name}`);
    return at >= 0 ? Number(rest[at + 1]) : fallback;
  };
  const postgresUrl = process.env.PLATEKEEPER_TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (command === 'start') {
    if (existsSync(STATE_FILE)) throw new Error(`A topology is already running (${STATE_FILE}); run \`deploy/local/topology.sh stop\` first.`);
    const missing = await missingPrerequisite(postgresUrl);
    if (missing) throw new Error(missing);
    const topology = await startTopology({ postgresUrl, detached: true, api: flag('api', 2), writer: flag('writer', 2), matcher: flag('matcher', 2), scheduler: flag('scheduler', 1) });
    writeFileSync(STATE_FILE, JSON.stringify(topology.state(), null, 2));
    console.log(`NATS cluster: ${topology.busUrl}`);
    console.log(`PostgreSQL:   ${topology.databaseUrl}`);
    for (const url of topology.apiUrls) console.log(`API node:     ${url}`);
    console.log(`Processes:    ${topology.nodes.map((node) => node.name).join(', ')}; logs in ${topology.dir}`);
    if (topology.credentials) console.log(`Administrator: ${topology.credentials.username} / ${topology.credentials.password}${topology.deviceCode ? `; first device code ${topology.deviceCode}` : ''}`);
    console.log('Stop it with: deploy/local/topology.sh stop');
    process.exit(0);
  }
  if (command === 'stop') {
    if (!existsSync(STATE_FILE)) {
      console.log('No topology is running.');
      return;
    }
    const state = JSON.parse(readFileSync(STATE_FILE, 'utf8')) as TopologyState;
    for (const { pid } of state.pids) {
      try {
        if (pid) process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await sleep(3_000);
    for (const { pid } of state.pids) {
      try {
        if (pid) process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    await adminQuery(state.postgresUrl, `DROP DATABASE IF EXISTS ${state.databaseName} WITH (FORCE)`).catch((error: unknown) => console.error(`Could not drop ${state.databaseName}: ${(error as Error).message}`));
    rmSync(state.dir, { recursive: true, force: true });
    rmSync(STATE_FILE, { force: true });
    console.log(`Stopped ${state.pids.length} processes and dropped ${state.databaseName}.`);
    return;
  }
  console.error('usage: deploy/local/topology.sh start [--api N --writer N --matcher N --scheduler N] | stop');
  process.exit(64);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`topology: ${(error as Error).message}`);
    process.exit(1);
  });
}
