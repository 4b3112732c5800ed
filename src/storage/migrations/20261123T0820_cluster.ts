// Cluster (issue 12): the lease each scheduled job takes before it runs, so that with several
// scheduler processes a job runs once across the cluster (src/cluster/job-lease.ts). The single
// process never reads it.
import type { Kysely } from 'kysely';
import type { DialectName } from '../../platform/database.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, _dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('job_leases')
    .addColumn('job', 'text', (col) => col.primaryKey())
    .addColumn('holder', 'text', (col) => col.notNull()) // host:pid:random of the scheduler process
    .addColumn('acquired_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .execute();
}
