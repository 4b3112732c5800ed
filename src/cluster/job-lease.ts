// Scheduled jobs run once across the cluster (issue 12): before a run, a scheduler process takes
// the job's row in job_leases. The row says who ran it last and until when nobody else may: one
// and a half intervals. The holder keeps taking it at each of its ticks; another scheduler process
// gets it only once the holder missed a tick (it died or hangs), so a job runs once per interval
// wherever the scheduler processes are, and a dead scheduler's jobs move within 1.5 intervals.
// The lease is not released after a run: releasing would let a second scheduler, ticking a little
// later, run the job again in the same interval. The insert-or-update is one statement, so two
// processes asking at once cannot both get it.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { JobLease } from '../platform/scheduler.js';

export class PostgresJobLease implements JobLease {
  readonly holder: string;

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- job_leases is this room's own table, kept out of the shared Tables.
  constructor(private readonly db: Kysely<any>, holder = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`) {
    this.holder = holder;
  }

  async acquire(job: string, now: number, ttlMs: number): Promise<boolean> {
    const expiresAt = now + Math.ceil(ttlMs * 1.5);
    const result = await sql<{ job: string }>`INSERT INTO job_leases (job, holder, acquired_at, expires_at) VALUES (${job}, ${this.holder}, ${now}, ${expiresAt})
      ON CONFLICT (job) DO UPDATE SET holder = excluded.holder, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at
      WHERE job_leases.holder = excluded.holder OR job_leases.expires_at <= excluded.acquired_at
      RETURNING job`.execute(this.db);
    return result.rows.length === 1;
  }

  /** Kept until it expires (see above). */
  release(): Promise<void> {
    return Promise.resolve();
  }
}
