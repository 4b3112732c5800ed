// The retention commands as a user runs them (compiled dist/, `npm run build:server` first):
// `platekeeper purge [--dry-run]` and `platekeeper evidence verify BUNDLE`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packBundle } from '../../src/retention/evidence.bundle.js';
import { runCli } from '../server.process.js';

const dir = mkdtempSync(join(tmpdir(), 'platekeeper-purge-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('platekeeper purge', () => {
  it('runs a dry run and a purge on a fresh database, printing each class', () => {
    const dataDir = join(dir, 'data');
    const dry = runCli(['purge', '--dry-run', '--data-dir', dataDir, '--profile', 'los-altos-pd']);
    expect(dry.stderr).toBe('');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/^Dry run \(nothing deleted\)/);
    expect(dry.stdout).toMatch(/fixedReads\s+\d{4}-\d\d-\d\d\s+0\s+0/);
    expect(dry.stdout).toMatch(/accessLog\s+kept: only a minimum/);
    const run = runCli(['purge', '--json', '--data-dir', dataDir, '--profile', 'los-altos-pd']);
    expect(run.status).toBe(0);
    const parsed = JSON.parse(run.stdout) as { dryRun: boolean; trigger: string; outcome: string };
    expect(parsed).toMatchObject({ dryRun: false, trigger: 'cli', outcome: 'ok' });
  });
});

describe('platekeeper evidence verify', () => {
  it('says ok for an intact bundle, names the altered file after one changed byte, and exits 66 for no file', async () => {
    const { zip } = await packBundle({ bundleId: 'b-1', createdAt: '2026-06-15T12:00:00.000Z', caseNumber: '26-1' }, [
      { path: 'reads.json', data: Buffer.from('[{"id":"r1","plate":"8ABC123"}]\n') },
      { path: 'reads.csv', data: Buffer.from('id,plate\r\nr1,8ABC123\r\n') },
      { path: 'chain-of-custody.json', data: Buffer.from('{"caseNumber":"26-1"}\n') },
    ]);
    const intact = join(dir, 'intact.zip');
    writeFileSync(intact, zip);
    const ok = runCli(['evidence', 'verify', intact]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^ok: 3 files match manifest\.json/);

    const altered = Buffer.from(readFileSync(intact));
    const at = altered.indexOf(Buffer.from('r1,8ABC123'));
    altered[at + 3] = '9'.charCodeAt(0);
    const bad = join(dir, 'altered.zip');
    writeFileSync(bad, altered);
    const failed = runCli(['evidence', 'verify', bad]);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(/^altered: reads\.csv is altered/);

    const missing = runCli(['evidence', 'verify', join(dir, 'nope.zip')]);
    expect(missing.status).toBe(66);
  });
});
