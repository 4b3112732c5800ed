// The daily retention purge (R30–R33), run by platform/scheduler.ts. A run works through every class
// in bounded batches; what a failed run leaves, the next one picks up.
import { DAY, MINUTE } from '../platform/clock.js';
import type { Job, JobSummary } from '../platform/scheduler.js';
import { SYSTEM_ACTOR } from '../audit/access-log.js';
import type { PurgeService } from './purge.service.js';

export class RetentionPurgeJob implements Job {
  readonly name = 'retention.purge';
  readonly everyMs = DAY;
  readonly firstRunAfterMs = 5 * MINUTE;

  constructor(private readonly purge: Pick<PurgeService, 'run'>) {}

  async perform(): Promise<JobSummary> {
    const run = await this.purge.run({ trigger: 'schedule', actor: SYSTEM_ACTOR });
    if (run.outcome === 'failed') throw new Error(run.error ?? 'purge failed');
    const summary: JobSummary = { runId: run.id, deleted: run.totalDeleted, notices: run.notices };
    for (const c of run.classes) if (c.status === 'purged') summary[c.className] = c.deleted;
    return summary;
  }
}
