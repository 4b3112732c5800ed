// `platekeeper audit verify`: proves the access log's hash chain from the server's own shell
// (invariant 4). It opens the database directly, so it needs the machine's access, not a web account.
//
// Exit status: 0 the chain is intact; 1 it is broken (the first broken entry is named); otherwise
// the platform's codes (platform/errors.ts: exitCodeFor), e.g. 69 when the database cannot be reached.
import type { Command } from 'commander';
import { AccessLog, type ChainAnchor } from '../audit/access-log.js';
import { systemClock } from '../platform/clock.js';
import { openDatabase } from '../platform/database.js';
import { badRequest } from '../platform/errors.js';
import { migrateToLatest } from '../storage/migrate.js';
import type { Tables } from '../storage/tables.js';
import { configFrom, withCommonOptions, type CommonOptions } from './options.js';

/** The exit status of `audit verify` when the chain is broken. */
export const EXIT_CHAIN_BROKEN = 1;

function parseAnchor(value: string | undefined): ChainAnchor | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+):([0-9a-f]{64})$/.exec(value.trim());
  if (!match) throw badRequest('invalid_option', `--anchor must be <seq>:<hash>, the entry count and head an earlier verification printed, not "${value}".`, 'anchor');
  return { seq: Number(match[1]), hash: match[2]! };
}

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the access log');

  withCommonOptions(audit.command('verify').description('walk the access log\'s hash chain; exit 0 when intact, 1 when broken (naming the first broken entry)'))
    .option('--anchor <seq:hash>', 'an entry count and head printed by an earlier run: the log must still hold that entry unchanged (catches a cut-off end or a rewritten chain)')
    .action(async (options: CommonOptions & { anchor?: string }) => {
      const anchor = parseAnchor(options.anchor);
      const config = configFrom(options, { 'log.level': 'warn' });
      const database = await openDatabase<Tables>({ ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}), dataDir: config.dataDir });
      try {
        await migrateToLatest(database.db, database.dialect);
        const result = await new AccessLog(database, systemClock, { organization: '' }).verify(anchor ? { anchor } : {});
        if (result.ok) {
          console.log(`Access log intact: ${result.entries} entries, head ${result.head}`);
        } else {
          console.log(`Access log broken at entry ${result.brokenAt}: ${result.reason}`);
          process.exitCode = EXIT_CHAIN_BROKEN;
        }
      } finally {
        await database.close();
      }
    });
}
