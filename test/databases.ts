// Test databases for both backends (STYLE 8: the same test bodies on every dialect). SQLite gets a
// fresh file per call; PostgreSQL (when PLATEKEEPER_TEST_DATABASE_URL is set) gets a fresh database
// copied from a migrated template, created once per test process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DatabaseHandle, type DialectName } from '../src/platform/database.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { adminQuery, databaseUrl } from '../src/storage/pg-admin.js';
import type { Tables } from '../src/storage/tables.js';

const PG_URL = process.env.PLATEKEEPER_TEST_DATABASE_URL;
/** Set by the global setup, so that its teardown can drop every database this run made. */
const RUN = process.env.PLATEKEEPER_TEST_RUN ?? 'adhoc';

// CI sets PLATEKEEPER_REQUIRE_POSTGRES: there a missing URL is a failure, not a quiet SQLite-only run.
if (!PG_URL && process.env.PLATEKEEPER_REQUIRE_POSTGRES) throw new Error('PLATEKEEPER_REQUIRE_POSTGRES is set but PLATEKEEPER_TEST_DATABASE_URL is not.');

/** The backends this test run covers: SQLite always, PostgreSQL when its URL is set. */
export const DIALECTS: DialectName[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/**
 * What an app-level integration test runs on: a dialect (the single process), or 'cluster' — the
 * api, writer and matcher roles over PostgreSQL and a JetStream bus (test/system/cluster.testapp.ts).
 * The cluster backend is on when PLATEKEEPER_TEST_CLUSTER is set (CI sets it); it needs PostgreSQL.
 */
export type Backend = DialectName | 'cluster';
const CLUSTER = Boolean(process.env.PLATEKEEPER_TEST_CLUSTER);
if (CLUSTER && !PG_URL) throw new Error('PLATEKEEPER_TEST_CLUSTER is set but PLATEKEEPER_TEST_DATABASE_URL is not: the cluster backend runs on PostgreSQL.');

/** The backends of the files that exercise the whole flow (ingest, alerts, search, retention): DIALECTS, plus 'cluster' when it is on. */
export const BACKENDS: Backend[] = CLUSTER ? [...DIALECTS, 'cluster'] : DIALECTS;

export interface TestDatabase {
  handle: DatabaseHandle<Tables>;
  dialect: DialectName;
  dataDir: string;
  databaseUrl: string | undefined;
  cleanup(): Promise<void>;
}

let template: Promise<string> | undefined;

async function migratedTemplate(): Promise<string> {
  const name = `pk_template_${RUN}_${process.pid}`;
  await adminQuery(PG_URL!, `CREATE DATABASE ${name}`);
  const handle = await openDatabase<Tables>({ databaseUrl: databaseUrl(PG_URL!, name), dataDir: '.' });
  await migrateToLatest(handle.db, 'postgres');
  await handle.close();
  return name;
}

let counter = 0;

/** A fresh, migrated PostgreSQL database (copied from this process's template); returns its URL and a drop function. */
export async function freshPostgresDatabase(): Promise<{ databaseUrl: string; drop(): Promise<void> }> {
  if (!PG_URL) throw new Error('PLATEKEEPER_TEST_DATABASE_URL is not set');
  template ??= migratedTemplate();
  const source = await template;
  const name = `pk_test_${RUN}_${process.pid}_${counter++}`;
  await adminQuery(PG_URL!, `CREATE DATABASE ${name} TEMPLATE ${source}`);
  return { databaseUrl: databaseUrl(PG_URL, name), drop: () => adminQuery(PG_URL!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** A migrated, empty database of the given dialect with its own data folder (for images). */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'platekeeper-test-'));
  if (dialect === 'sqlite') {
    const handle = await openDatabase<Tables>({ dataDir });
    await migrateToLatest(handle.db, 'sqlite');
    return { handle, dialect, dataDir, databaseUrl: undefined, cleanup: async () => { await handle.close(); rmSync(dataDir, { recursive: true, force: true }); } };
  }
  const { databaseUrl, drop } = await freshPostgresDatabase();
  const handle = await openDatabase<Tables>({ databaseUrl, dataDir });
  return {
    handle,
    dialect,
    dataDir,
    databaseUrl,
    cleanup: async () => {
      await handle.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
