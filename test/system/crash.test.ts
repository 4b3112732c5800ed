// Invariant 2 (R2): kill the server with SIGKILL in the middle of ingest; after a restart every
// acknowledged read is there, exactly once, and resending everything duplicates nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/platform/database.js';
import type { Tables } from '../../src/storage/tables.js';
import { DIALECTS, freshPostgresDatabase } from '../databases.js';
import { makeRead } from '../reads.fixtures.js';
import { runCli, startServer } from '../server.process.js';

describe.each(DIALECTS)('crash during ingest on %s', (dialect) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'platekeeper-crash-'));
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged read and never duplicates on resend', async () => {
    const location: string[] = ['--data-dir', dataDir];
    if (dialect === 'postgres') {
      const pg = await freshPostgresDatabase();
      drop = pg.drop;
      location.push('--database-url', pg.databaseUrl);
    }
    const added = runCli(['cameras', 'add', ...location, '--name', 'Crash test camera', '--kind', 'fixed', '--lat', '32.79', '--lon', '-116.96', '--attested-by', 'test']);
    expect(added.status, added.stderr).toBe(0);
    const key = /Ingest key \(shown once\): (\S+)/.exec(added.stdout)![1]!;

    const server = await startServer([...location, '--no-demo']);
    const batches = Array.from({ length: 400 }, () => Array.from({ length: 100 }, () => makeRead()));
    const acknowledged = new Set<string>();
    const post = (url: string, reads: unknown[]) =>
      fetch(`${url}/api/v1/ingest/reads`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ reads }) });

    let next = 0;
    let killed = false;
    const senders = Array.from({ length: 6 }, async () => {
      while (next < batches.length && !killed) {
        const batch = batches[next++]!;
        try {
          const response = await post(server.url, batch);
          if (response.status === 200) {
            const body = (await response.json()) as { results: { id: string; status: string }[] };
            for (const result of body.results) if (result.status === 'accepted' || result.status === 'duplicate') acknowledged.add(result.id);
          }
        } catch {
          // the connection died with the server: these reads were never acknowledged
        }
      }
    });
    while (acknowledged.size < 3_000) await new Promise((r) => setTimeout(r, 5));
    killed = true;
    await server.kill('SIGKILL');
    await Promise.all(senders);
    expect(acknowledged.size).toBeGreaterThanOrEqual(3_000);

    const restarted = await startServer([...location, '--no-demo']);
    try {
      const database = await openDatabase<Tables>({ dataDir, ...(dialect === 'postgres' ? { databaseUrl: location[3]! } : {}) });
      const storedIds = async () => new Set((await database.db.selectFrom('reads').select('id').execute()).map((row) => row.id));
      const afterCrash = await storedIds();
      const lost = [...acknowledged].filter((id) => !afterCrash.has(id));
      expect(lost, 'acknowledged reads lost in the crash').toEqual([]);

      // Resend every batch, acknowledged or not: nothing is stored twice.
      const sent = batches.slice(0, next).flat();
      for (let i = 0; i < sent.length; i += 500) {
        const response = await post(restarted.url, sent.slice(i, i + 500));
        expect(response.status).toBe(200);
        const body = (await response.json()) as { results: { id: string; status: string }[] };
        for (const result of body.results) if (acknowledged.has(result.id)) expect(result.status).toBe('duplicate');
      }
      const final = await database.db.selectFrom('reads').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(final.n)).toBe(new Set(sent.map((read) => read.id as string)).size);
      await database.close();
    } finally {
      await restarted.kill();
    }
  }, 120_000);
});
