// A real `platekeeper serve` process (the compiled dist/, as a user runs it), for tests that must
// kill it or cut it off.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'platekeeper.js');

export function requireBuild(): void {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
}

/** Runs a CLI command to completion; returns its exit code and output. */
export function runCli(args: string[]): { status: number; stdout: string; stderr: string } {
  requireBuild();
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, PLATEKEEPER_LOG_LEVEL: 'warn' } });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  bootstrapPassword: string | undefined;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the server (on a free port unless `port` is given) and resolves once it says where it listens. */
export function startServer(args: string[], timeoutMs = 20_000, port = 0): Promise<ServerProcess> {
  requireBuild();
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), ...args], { env: { ...process.env, PLATEKEEPER_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at (http:\/\/\S+) /.exec(out);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.stdout!.on('data', (more: Buffer) => (out += more.toString()));
      resolvePromise({
        child,
        url: match[1]!.replace('localhost', '127.0.0.1'),
        output: () => out,
        bootstrapPassword: /password: (\S+)/.exec(out)?.[1],
        kill: (signal = 'SIGTERM') =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill(signal);
          }),
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it started:\n${out}`));
    });
  });
}
