// `platekeeper purge [--dry-run]`: the retention purge from the server's own shell (R30–R33), the
// same run the daily job makes: every class past retention, in bounded batches, except what a legal
// hold keeps; recorded in purge_runs and (not for a dry run) in the access log.
//
// Exit status: 0 the run finished; 1 it failed part-way (what was done stays done, the next run
// picks up the rest); otherwise the platform's codes (platform/errors.ts: exitCodeFor).
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { createApp } from '../app.js';
import type { PurgeRun } from '../retention/purge.service.js';
import { configFrom, withCommonOptions, type CommonOptions } from './options.js';

const day = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString().slice(0, 10));

export function formatRun(run: PurgeRun): string[] {
  const lines = [`${run.dryRun ? 'Dry run (nothing deleted)' : 'Purge'} ${run.id} at ${new Date(run.startedAt).toISOString()}: ${run.outcome}${run.error ? ` (${run.error})` : ''}`];
  lines.push(`${'class'.padEnd(14)} ${'before'.padEnd(10)} ${(run.dryRun ? 'would go' : 'deleted').padStart(9)} ${'held'.padStart(7)}  oldest left`);
  for (const c of run.classes) {
    if (c.status === 'kept') {
      lines.push(`${c.className.padEnd(14)} kept: only a minimum; never purged automatically`);
      continue;
    }
    if (c.status === 'not_available') {
      lines.push(`${c.className.padEnd(14)} ${day(c.cutoff).padEnd(10)} not purged here: its room registers no purge target yet`);
      continue;
    }
    const extra = c.details ? `  (${Object.entries(c.details).map(([k, v]) => `${k} ${v}`).join(', ')})` : '';
    lines.push(`${c.className.padEnd(14)} ${day(c.cutoff).padEnd(10)} ${String(c.deleted).padStart(9)} ${String(c.held).padStart(7)}  ${day(c.oldestRemaining)}${extra}`);
  }
  if (run.notices) lines.push(`${run.notices} cop${run.notices === 1 ? 'y' : 'ies'} on outside servers or with partners ${run.dryRun ? 'would be' : 'are now'} due for destruction (R33): see the Retention page.`);
  return lines;
}

export function registerPurgeCommand(program: Command): void {
  withCommonOptions(program.command('purge').description('remove data past retention now (the server also runs this daily); legal holds are kept'))
    .option('--dry-run', 'count what would be removed; delete nothing')
    .option('--json', 'print the run as JSON')
    .action(async (options: CommonOptions & { dryRun?: boolean; json?: boolean }) => {
      const app = await createApp(configFrom(options, { 'demo.enabled': false, 'log.level': 'warn' }));
      try {
        const run = await app.retention.purge.run({ trigger: 'cli', actor: { userId: null, username: `cli:${userInfo().username}` }, dryRun: options.dryRun ?? false });
        if (options.json) console.log(JSON.stringify(run, null, 2));
        else for (const line of formatRun(run)) console.log(line);
        if (run.outcome === 'failed') process.exitCode = 1;
      } finally {
        await app.close();
      }
    });
}
