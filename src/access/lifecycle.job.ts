// The account lifecycle's scheduled jobs (R18), run by platform/scheduler.ts. Each run works in
// bounded batches; what it leaves undone the next run picks up.
import { HOUR, MINUTE } from '../platform/clock.js';
import type { Job, JobSummary } from '../platform/scheduler.js';
import type { BatchLimits, LifecycleService } from './lifecycle.service.js';

const DEFAULT_LIMITS: BatchLimits = { batchSize: 200, maxBatches: 25 };

/** Suspends accounts unused for the profile's inactivity period (12 months in the DOJ model). */
export class InactivitySuspensionJob implements Job {
  readonly name = 'access.inactivity';
  readonly everyMs = HOUR;
  readonly firstRunAfterMs = MINUTE;

  constructor(
    private readonly lifecycle: Pick<LifecycleService, 'suspendInactive'>,
    private readonly limits: BatchLimits = DEFAULT_LIMITS,
  ) {}

  async perform(now: Date): Promise<JobSummary> {
    return this.lifecycle.suspendInactive(now.getTime(), this.limits);
  }
}

/** Suspends accounts past their approval review until the administrator re-approves them (annual in the DOJ model). */
export class ApprovalReviewJob implements Job {
  readonly name = 'access.approval-review';
  readonly everyMs = HOUR;
  readonly firstRunAfterMs = MINUTE;

  constructor(
    private readonly lifecycle: Pick<LifecycleService, 'suspendOverdueReviews'>,
    private readonly limits: BatchLimits = DEFAULT_LIMITS,
  ) {}

  async perform(now: Date): Promise<JobSummary> {
    return this.lifecycle.suspendOverdueReviews(now.getTime(), this.limits);
  }
}
