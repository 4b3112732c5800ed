// Versioned, forward-only migrations, run at start and by `platekeeper migrate`. Each file in
// migrations/ is named by timestamp and frozen once landed; both backends run the same list.
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { DialectName } from '../platform/database.js';
import { AppError } from '../platform/errors.js';
import * as core from './migrations/20261123T0500_core.js';
import * as mfaDevicesLifecycle from './migrations/20261123T0600_mfa_devices_lifecycle.js';
import * as trainingPurposes from './migrations/20261123T0610_training_purposes.js';
import * as accessLog from './migrations/20261123T0620_access_log.js';
import * as approvalsJobTitles from './migrations/20261123T0630_approvals_job_titles.js';
import * as retention from './migrations/20261123T0730_retention.js';
import * as audits from './migrations/20261123T0740_audits.js';
import * as hotlists from './migrations/20261123T0700_hotlists.js';
import * as alerts from './migrations/20261123T0710_alerts.js';
import * as search from './migrations/20261123T0720_search.js';
import * as sharing from './migrations/20261123T0750_sharing.js';
import * as pgPartitions from './migrations/20261123T0800_pg_partitions.js';
import * as snapshotCameras from './migrations/20261123T0810_snapshot_cameras.js';
import * as cluster from './migrations/20261123T0820_cluster.js';
import * as alertConfidence from './migrations/20261123T0847_alert_confidence.js';
import * as cameraAgency from './migrations/20261123T1650_camera_agency.js';
import * as pgPlateDays from './migrations/20261123T1710_pg_plate_days.js';

export interface DialectMigration {
  // Migrations work below the typed schema: they create it.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up(db: Kysely<any>, dialect: DialectName): Promise<void>;
}

/** Every migration, in order. Add new ones at the end; never edit a landed one. */
const MIGRATIONS: Record<string, DialectMigration> = {
  '20261123T0500_core': core,
  '20261123T0600_mfa_devices_lifecycle': mfaDevicesLifecycle,
  '20261123T0610_training_purposes': trainingPurposes,
  '20261123T0620_access_log': accessLog,
  '20261123T0630_approvals_job_titles': approvalsJobTitles,
  '20261123T0730_retention': retention,
  '20261123T0740_audits': audits,
  '20261123T0700_hotlists': hotlists,
  '20261123T0710_alerts': alerts,
  '20261123T0720_search': search,
  '20261123T0750_sharing': sharing,
  '20261123T0800_pg_partitions': pgPartitions,
  '20261123T0810_snapshot_cameras': snapshotCameras,
  '20261123T0820_cluster': cluster,
  '20261123T0847_alert_confidence': alertConfidence,
  '20261123T1650_camera_agency': cameraAgency,
  '20261123T1710_pg_plate_days': pgPlateDays,
};

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}
  getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, migration] of Object.entries(MIGRATIONS)) out[name] = { up: (db) => migration.up(db, this.dialect) };
    return Promise.resolve(out);
  }
}

export interface MigrationReport {
  applied: string[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrateToLatest(db: Kysely<any>, dialect: DialectName): Promise<MigrationReport> {
  const migrator = new Migrator({ db, provider: new StaticProvider(dialect), migrationTableName: 'schema_migrations', migrationLockTableName: 'schema_migrations_lock' });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new AppError('migration_failed', 500, `Migration ${failed?.migrationName ?? '(unknown)'} failed: ${(error as Error).message ?? String(error)}`);
  }
  return { applied: (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName) };
}
