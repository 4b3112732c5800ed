// Statements a PostgreSQL server runs outside any database of ours (CREATE and DROP DATABASE cannot
// run in a transaction or a pool's session): one short client each. Used by the tests, the
// benchmarks and the local cluster topology, which make and drop databases of their own.
import pg from 'pg';

/** Runs one statement on its own connection to `url` and closes it. */
export async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** The server URL `serverUrl` pointed at database `name`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
