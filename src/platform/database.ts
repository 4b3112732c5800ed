// The one query layer over two backends (ARCHITECTURE: storage). SQLite (better-sqlite3, WAL) is
// the embedded default; PostgreSQL is chosen by a postgres:// URL. Both drivers are set up to
// return the same JavaScript types: numbers for integers (instants are epoch milliseconds) and
// strings for text.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { unavailable } from './errors.js';
import { SqliteCheckpointer } from './sqlite-checkpointer.js';

export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseHandle<Tables> {
  db: Kysely<Tables>;
  dialect: DialectName;
  /** The raw better-sqlite3 handle (SQLite only), for the few hot paths built for it. */
  sqlite?: SQLite.Database;
  /** Where the data lives, for messages (a file path or the URL without its password). */
  location: string;
  close(): Promise<void>;
}

// int8 (bigint) and numeric come back from pg as strings by default; counts and epoch-millisecond
// instants fit in a double, so make them numbers like better-sqlite3 returns.
pg.types.setTypeParser(20, (value) => Number.parseInt(value, 10));
pg.types.setTypeParser(1700, (value) => Number.parseFloat(value));

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

export interface OpenDatabaseOptions {
  databaseUrl?: string;
  dataDir: string;
  /** SQLite only: a file name inside dataDir, or ':memory:'. */
  sqliteFile?: string;
}

export async function openDatabase<Tables>(options: OpenDatabaseOptions): Promise<DatabaseHandle<Tables>> {
  const url = options.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) return openPostgres<Tables>(url);
  const file = url?.startsWith('sqlite://') ? url.slice('sqlite://'.length) : resolve(options.dataDir, options.sqliteFile ?? 'platekeeper.sqlite');
  return openSqlite<Tables>(file);
}

/** The pragmas every connection to the SQLite file uses. */
export function configureSqlite(sqlite: SQLite.Database): void {
  sqlite.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before it returns, so an acknowledged read survives power loss
  // (invariant 2). Ingest groups many batches into one commit to keep this cheap.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536'); // 64 MiB page cache
  sqlite.pragma('temp_store = MEMORY');
  // Checkpoints run on their own thread (sqlite-checkpointer.ts), not inside a commit.
  sqlite.pragma('wal_autocheckpoint = 0');
}

function openSqlite<Tables>(file: string): DatabaseHandle<Tables> {
  if (file !== ':memory:') mkdirSync(resolve(file, '..'), { recursive: true });
  const sqlite = new SQLite(file);
  configureSqlite(sqlite);
  const checkpointer = file === ':memory:' ? undefined : new SqliteCheckpointer(file, createRequire(import.meta.url).resolve('better-sqlite3'));
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }), plugins: [new CamelCasePlugin()] });
  return {
    db,
    dialect: 'sqlite',
    sqlite,
    location: file,
    close: async () => {
      await db.destroy();
      await checkpointer?.stop();
    },
  };
}

async function openPostgres<Tables>(url: string): Promise<DatabaseHandle<Tables>> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server ends (a restart, an administrator's terminate) is reported here;
  // without a listener it would crash the process. The pool drops it and opens a new one when needed.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw unavailable('database_unreachable', `Cannot reach PostgreSQL at ${redactUrl(url)}: ${(error as Error).message}. Is the server running and the URL right?`);
  }
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  return {
    db,
    dialect: 'postgres',
    location: redactUrl(url),
    close: async () => {
      await db.destroy();
    },
  };
}
