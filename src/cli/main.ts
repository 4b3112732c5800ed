#!/usr/bin/env node
// The `platekeeper` command. Errors print one line and exit with a code from the error's kind
// (platform/errors.ts: exitCodeFor).
import { Command } from 'commander';
import { createApp } from '../app.js';
import { exitCodeFor, isAppError } from '../platform/errors.js';
import { migrateToLatest } from '../storage/migrate.js';
import { openDatabase } from '../platform/database.js';
import { configFrom, withCommonOptions, type CommonOptions } from './options.js';
import { registerCameraCommands } from './cameras.command.js';
import { registerAuditCommands } from './audit.command.js';
import { registerEdgeCommand } from './edge.command.js';
import { registerPurgeCommand } from './purge.command.js';
import { registerEvidenceCommands } from './evidence.command.js';
import { registerRecognizeCommand } from './recognize.command.js';
import { serveRole } from '../cluster/serve.js';

const program = new Command('platekeeper')
  .description('Platekeeper: automated license plate reading with the law built in.')
  .showHelpAfterError()
  .exitOverride();

withCommonOptions(program.command('serve').description('start the server (API, web app, scheduler; and the demo camera network unless --no-demo)'))
  .option('--port <port>', 'HTTP port (default 8080)')
  .option('--host <host>', 'address to listen on (default 127.0.0.1)')
  .option('--no-demo', 'do not start the simulated camera network')
  .option('--role <role>', 'all (default: the single process), or one part of a cluster: api, writer, matcher, scheduler (deploy/README.md)')
  .option('--bus <urls>', 'cluster roles: NATS JetStream servers, nats://host:4222[,nats://…]')
  .option('--stream-replicas <n>', 'cluster roles: replicas of the reads stream (default 1; 3 on a three-node NATS cluster)')
  .action(async (options: CommonOptions & { port?: string; host?: string; demo: boolean; role?: string; bus?: string; streamReplicas?: string }) => {
    if (options.role !== undefined && !['all', 'api', 'writer', 'matcher', 'scheduler'].includes(options.role)) {
      throw Object.assign(new Error(`--role ${options.role}: choose all (the single process), api, writer, matcher or scheduler.`), { exitCode: 64 });
    }
    const config = configFrom(options, {
      'server.port': options.port,
      'server.host': options.host,
      ...(options.demo ? {} : { 'demo.enabled': false }),
      'cluster.role': options.role,
      'cluster.busUrl': options.bus,
      'cluster.streamReplicas': options.streamReplicas,
    });
    if (config.cluster.role !== 'all') return serveRole(config);
    if (config.cluster.busUrl) throw Object.assign(new Error('--bus is for the cluster roles (--role api|writer|matcher|scheduler); the single process (--role all) needs no bus.'), { exitCode: 64 });
    const app = await createApp(config);
    const address = await app.listen();
    const where = app.database.dialect === 'sqlite' ? `SQLite at ${app.database.location}` : `PostgreSQL at ${app.database.location}`;
    console.log(`Platekeeper is running at ${address.replace('127.0.0.1', 'localhost')} (${where}; policy profile: ${config.profile} — choose yours with --profile).`);
    if (app.bootstrap) {
      console.log('');
      console.log('First start: an administrator account was created. Sign in with');
      console.log(`  username: ${app.bootstrap.username}`);
      console.log(`  password: ${app.bootstrap.password}`);
      console.log('This password is shown only now; you will be asked to change it.');
      console.log('');
    }
    if (app.firstDevice) {
      // R19: sign-in needs an enrolled agency device and none is enrolled yet.
      console.log('This policy profile allows sign-in only from agency-issued devices, and none is enrolled yet.');
      console.log('On the administrator\'s computer, open the web app, choose "Enroll this device" and enter');
      console.log(`  device enrollment code: ${app.firstDevice.enrollmentCode}`);
      console.log(`(valid until ${new Date(app.firstDevice.enrollmentExpiresAt).toISOString()}; a restart issues a new one while no device is enrolled).`);
      console.log('');
    }
    if (app.demo) console.log('The demo camera network is sending reads; start with --no-demo to turn it off.');
    const stop = async () => {
      await app.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
  });

withCommonOptions(program.command('migrate').description('bring the database schema up to date (serve does this too)')).action(async (options: CommonOptions) => {
  const config = configFrom(options);
  const database = await openDatabase({ ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}), dataDir: config.dataDir });
  try {
    const { applied } = await migrateToLatest(database.db, database.dialect);
    console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The schema is up to date.');
  } finally {
    await database.close();
  }
});

registerCameraCommands(program);
registerAuditCommands(program);
registerEdgeCommand(program);
registerPurgeCommand(program);
registerEvidenceCommands(program);
registerRecognizeCommand(program);

async function main(argv: string[]): Promise<void> {
  try {
    await program.parseAsync(argv);
  } catch (error) {
    const commanderCode = (error as { code?: string }).code;
    if (commanderCode === 'commander.helpDisplayed' || commanderCode === 'commander.version') process.exit(0);
    if (commanderCode?.startsWith('commander.')) process.exit(64); // EX_USAGE; commander printed the line
    const exitCode = (error as { exitCode?: number }).exitCode;
    console.error(`platekeeper: ${isAppError(error) ? error.message : (error as Error).message}`);
    if (!isAppError(error) && !exitCode && process.env.PLATEKEEPER_DEBUG) console.error(error);
    process.exit(exitCode ?? exitCodeFor(error));
  }
}

await main(process.argv);
