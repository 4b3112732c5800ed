// The daily retention purge (R30–R33), run by platform/scheduler.ts. It wakes every hour and purges
// once per UTC day, at the first wake after 00:00 UTC (so a record is gone within the first hour of
// the day after its time is up, even after a restart or downtime). A run works through every class
// in bounded batches; a failed run is retried at the next wake and picks up where it stopped.
import { HOUR, MINUTE } from '../platform/clock.js';
import type { Job, JobSummary } from '../platform/scheduler.js';
import { SYSTEM_ACTOR } from '../audit/access-log.js';
import type { PurgeService } from './purge.service.js';

export class RetentionPurgeJob implements Job {
  readonly name = 'retention.purge';
  readonly everyMs = HOUR;
  readonly firstRunAfterMs = 5 * MINUTE;

  constructor(private readonly purge: Pick<PurgeService, 'run' | 'ranOn'>) {}

  async perform(now: Date): Promise<JobSummary> {
    if (await this.purge.ranOn(now.getTime())) return { skipped: 'already purged today (UTC)' };
    const run = await this.purge.run({ trigger: 'schedule', actor: SYSTEM_ACTOR });
    if (run.outcome === 'failed') throw new Error(run.error ?? 'purge failed');
    const summary: JobSummary = { runId: run.id, deleted: run.totalDeleted, notices: run.notices };
    for (const c of run.classes) if (c.status === 'purged') summary[c.className] = c.deleted;
    return summary;
  }
}
