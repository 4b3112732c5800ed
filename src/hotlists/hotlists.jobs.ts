// Hot-list scheduled jobs: the download of general lists (R6) and retention (R13).
import { MINUTE } from '../platform/clock.js';
import type { Job, JobSummary } from '../platform/scheduler.js';
import type { HotListsService } from './hotlists.service.js';

/** Checks every 15 minutes for general lists whose refresh interval has passed and downloads them. */
export class HotListDownloadJob implements Job {
  readonly name = 'hotlists.download';
  readonly everyMs = 15 * MINUTE;
  readonly firstRunAfterMs = MINUTE;
  constructor(private readonly hotlists: Pick<HotListsService, 'downloadDue'>) {}
  perform(now: Date): Promise<JobSummary> {
    return this.hotlists.downloadDue(now.getTime());
  }
}

/** Expires entries, deletes ended entries and lists past their retention. */
export class HotListRetentionJob implements Job {
  readonly name = 'hotlists.retention';
  readonly everyMs = 15 * MINUTE;
  readonly firstRunAfterMs = 2 * MINUTE;
  constructor(private readonly hotlists: Pick<HotListsService, 'applyRetention'>) {}
  perform(now: Date): Promise<JobSummary> {
    return this.hotlists.applyRetention(now.getTime());
  }
}
