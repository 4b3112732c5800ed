// Shared pieces of the benchmarks: a backend to run on, timing, and printing numbers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DialectName } from '../src/platform/database.js';
import { adminQuery, databaseUrl } from '../src/storage/pg-admin.js';

export interface BenchBackend {
  dialect: DialectName;
  dataDir: string;
  databaseUrl: string | undefined;
  cleanup(): Promise<void>;
}

/** PostgreSQL runs when PLATEKEEPER_BENCH_DATABASE_URL (or the test URL) names a server. */
export const BENCH_PG_URL = process.env.PLATEKEEPER_BENCH_DATABASE_URL ?? process.env.PLATEKEEPER_TEST_DATABASE_URL;

export function selectedDialects(): DialectName[] {
  const only = process.argv.find((arg) => arg.startsWith('--dialect='))?.split('=')[1];
  const all: DialectName[] = BENCH_PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
  if (!BENCH_PG_URL) console.log('(PostgreSQL skipped: set PLATEKEEPER_BENCH_DATABASE_URL=postgres://… to include it)');
  return only ? all.filter((d) => d === only) : all;
}

export async function createBackend(dialect: DialectName, name: string): Promise<BenchBackend> {
  const dataDir = mkdtempSync(join(process.env.PLATEKEEPER_BENCH_DIR ?? tmpdir(), `platekeeper-bench-${name}-`));
  if (dialect === 'sqlite') return { dialect, dataDir, databaseUrl: undefined, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
  const database = `pk_bench_${name}_${process.pid}`;
  const admin = (text: string) => adminQuery(BENCH_PG_URL!, text);
  await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${database}`);
  return {
    dialect,
    dataDir,
    databaseUrl: databaseUrl(BENCH_PG_URL!, database),
    cleanup: async () => {
      await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
