// `platekeeper audit verify` as an operator runs it, in its own process (invariant 4): exit 0 and the
// head when intact, exit 1 naming the broken entry after tampering. Also: separate processes
// appending at once keep one chain.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.js';
import { systemClock } from '../platform/clock.js';
import { AccessLog } from './access-log.js';
import { dropAppendOnlyTriggers } from './tamper.testkit.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs a TypeScript entry point in a fresh Node process (through tsx) with a clean environment. */
function run(script: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

describe.each(DIALECTS)('platekeeper audit verify on %s', (dialect) => {
  let t: TestDatabase;
  let target: string[];
  let log: AccessLog;

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    target = t.databaseUrl ? ['--database-url', t.databaseUrl] : ['--data-dir', t.dataDir];
    log = new AccessLog(t.handle, systemClock, { organization: 'El Cajon Police Department' });
  });
  afterEach(async () => t?.cleanup());

  const append = (i: number) =>
    log.recordAccess({ actor: { userId: null, username: 'alice' }, purpose: { caseNumber: '26-1', category: 'investigation', reason: 'Stolen vehicle' }, action: 'search.plate', dataElements: { plate: `CLI${i}` }, resultCount: 1, clientAddress: null, device: null });

  it('prints the entry count and head and exits 0 when intact, 1 naming the entry when broken', async () => {
    for (let i = 0; i < 5; i++) await append(i);
    const head = (await log.verify()) as { head: string };
    const intact = await run('src/cli/main.ts', ['audit', 'verify', ...target]);
    expect(intact).toMatchObject({ code: 0, stdout: `Access log intact: 5 entries, head ${head.head}\n` });
    expect((await run('src/cli/main.ts', ['audit', 'verify', ...target, '--anchor', `5:${head.head}`])).code).toBe(0);

    await dropAppendOnlyTriggers(t.handle);
    await t.handle.db.updateTable('accessLog').set({ purposeReason: 'Routine' }).where('seq', '=', 3).execute();
    const broken = await run('src/cli/main.ts', ['audit', 'verify', ...target]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/^Access log broken at entry 3: its hash does not match its contents/);
  }, 60_000);

  it('keeps one chain when separate processes append at once', async () => {
    const where = t.databaseUrl ?? t.dataDir;
    const runs = await Promise.all([run('src/audit/access-log.fixture.ts', [where, '40', 'proc-a']), run('src/audit/access-log.fixture.ts', [where, '40', 'proc-b'])]);
    expect(runs.map((result) => [result.code, result.stderr])).toEqual([
      [0, ''],
      [0, ''],
    ]);
    expect(await log.verify()).toMatchObject({ ok: true, entries: 80 });
  }, 60_000);
});
