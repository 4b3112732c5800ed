// Once per test run: when PostgreSQL tests are on, check the server answers (fail loudly if not),
// and afterwards drop the databases this run created.
import pg from 'pg';

const url = process.env.PLATEKEEPER_TEST_DATABASE_URL;

async function dropRunDatabases(client: pg.Client, runId: string): Promise<void> {
  const rows = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`pk\\_%\\_${runId}\\_%`]);
  for (const { datname } of rows.rows) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
}

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (!url) {
    console.log('PostgreSQL tests are off: set PLATEKEEPER_TEST_DATABASE_URL to run the suite against PostgreSQL too.');
    return undefined;
  }
  const runId = Date.now().toString(36);
  process.env.PLATEKEEPER_TEST_RUN = runId;
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PLATEKEEPER_TEST_DATABASE_URL is set but PostgreSQL does not answer at it: ${(error as Error).message}`);
  }
  await client.end();
  return async () => {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await dropRunDatabases(admin, runId);
    } finally {
      await admin.end();
    }
  };
}
