// Options every subcommand takes, and turning them into the validated configuration.
import type { Command } from 'commander';
import { loadConfig, type Config } from '../platform/config.js';

export interface CommonOptions {
  dataDir?: string;
  databaseUrl?: string;
  config?: string;
  profile?: string;
}

export function withCommonOptions(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'folder for the embedded database and images (default ./data)')
    .option('--database-url <url>', 'postgres://user@host/db to use PostgreSQL instead of SQLite')
    .option('--config <file>', 'YAML config file (default <data-dir>/platekeeper.yaml when present)')
    .option('--profile <name|file>', 'policy profile: a name in profiles/ or a YAML file');
}

export function configFrom(options: CommonOptions, flags: Record<string, unknown> = {}): Config {
  return loadConfig({
    env: process.env,
    ...(options.config ? { configFile: options.config } : {}),
    flags: { dataDir: options.dataDir, databaseUrl: options.databaseUrl, profile: options.profile, ...flags },
  });
}
