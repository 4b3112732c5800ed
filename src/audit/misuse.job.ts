// The misuse scan on a schedule (R29), run by platform/scheduler.ts: each run judges the access-log
// entries written since the last one, in bounded batches; the rest waits for the next run.
import { MINUTE } from '../platform/clock.js';
import type { Job, JobSummary } from '../platform/scheduler.js';
import type { MisuseService } from './misuse.service.js';

export class MisuseScanJob implements Job {
  readonly name = 'audit.misuse-scan';
  readonly everyMs = 15 * MINUTE;
  readonly firstRunAfterMs = 2 * MINUTE;

  constructor(private readonly misuse: Pick<MisuseService, 'scan'>) {}

  async perform(): Promise<JobSummary> {
    return this.misuse.scan();
  }
}
