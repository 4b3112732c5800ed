// The account lifecycle (R18, with R15 and R16). Jobs suspend accounts unused for the profile's
// inactivity period and accounts past their approval review; the administrator reinstates (the user
// then retrains before data access), records the annual review, marks a user who left (deleted:
// sessions ended, password hash and second factor wiped, the username kept so the access log still
// names them), and changes job titles (a title the profile does not authorize ends access: the user
// re-applies and retrains). Every change is written to the access log.
import { SYSTEM_ACTOR, type Actor, type AuditRecorder, type ClientOrigin } from '../audit/access-log.js';
import type { Clock } from '../platform/clock.js';
import { conflict, notFound } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import type { AccessService, PublicUser } from './access.service.js';
import * as accessStore from './access.store.js';
import { addMonths, subtractMonths } from './lifecycle.dates.js';
import * as store from './lifecycle.store.js';
import * as mfaStore from './mfa.store.js';
import type { JobTitleList } from './job-titles.service.js';

/** Why an account is not active, for machines (the status reason says it for people). */
export type StatusCause = 'inactivity' | 'review_overdue' | 'job_title' | 'left';

export const JOB_TITLE_REASON = 'job title not authorized; re-apply and retrain';

export interface LifecyclePolicy {
  inactivitySuspensionMonths: number;
  approvalReviewIntervalMonths: number;
  retrainOnReactivation: boolean;
  /** R16: the job titles the Administrator authorized; empty = none is authorized yet. */
  titles: JobTitleList;
}

/** How much one job run may do: batches of `batchSize`, at most `maxBatches` of them. */
export interface BatchLimits {
  batchSize: number;
  maxBatches: number;
}

type Recorder = Pick<AuditRecorder, 'recordChange'>;

const statusOf = (user: PublicUser) => ({ status: user.status, statusCause: user.statusCause, statusReason: user.statusReason });
const iso = (at: number) => new Date(at).toISOString().slice(0, 10);

export class LifecycleService {
  constructor(
    private readonly db: accessStore.Db,
    private readonly clock: Clock,
    private readonly access: AccessService,
    private readonly audit: Recorder,
    private readonly policy: LifecyclePolicy,
    private readonly logger: Pick<Logger, 'warn'>,
  ) {}

  isAuthorizedTitle(title: string): boolean {
    return this.policy.titles.isAuthorized(title);
  }

  // ---- Jobs ----

  /** Suspends active accounts unused for the inactivity period (last activity, or creation if never active). */
  async suspendInactive(now: number, limits: BatchLimits): Promise<{ suspended: number; skipped: number }> {
    const months = this.policy.inactivitySuspensionMonths;
    const cutoff = subtractMonths(now, months);
    return this.suspendEach(
      (afterId) => store.inactiveCandidates(this.db, cutoff, afterId, limits.batchSize),
      limits,
      (row) => ({
        cause: 'inactivity',
        reason: row.lastActiveAt === null ? `not used for ${months} months (never used since it was created ${iso(row.createdAt)})` : `not used for ${months} months (last use ${iso(row.lastActiveAt)})`,
      }),
    );
  }

  /** Gives review dates to accounts without one, then suspends active accounts past their review. */
  async suspendOverdueReviews(now: number, limits: BatchLimits): Promise<{ scheduled: number; suspended: number; skipped: number }> {
    let scheduled = 0;
    for (let batch = 0; batch < limits.maxBatches; batch++) {
      const rows = await store.unscheduledReviews(this.db, limits.batchSize);
      for (const row of rows) {
        await accessStore.updateUser(this.db, row.id, { reviewDueAt: addMonths(row.approvedAt ?? row.createdAt, this.policy.approvalReviewIntervalMonths) });
      }
      scheduled += rows.length;
      if (rows.length < limits.batchSize) break;
    }
    const result = await this.suspendEach(
      (afterId) => store.overdueReviewCandidates(this.db, now, afterId, limits.batchSize),
      limits,
      (row) => ({ cause: 'review_overdue', reason: `approval review was due ${iso(row.reviewDueAt ?? now)}; the ALPR Administrator reviews and reinstates the account` }),
    );
    return { scheduled, ...result };
  }

  private async suspendEach<Row extends { id: string; username: string }>(
    page: (afterId: string) => Promise<Row[]>,
    limits: BatchLimits,
    why: (row: Row) => { cause: StatusCause; reason: string },
  ): Promise<{ suspended: number; skipped: number }> {
    let suspended = 0;
    let skipped = 0;
    let afterId = '';
    for (let batch = 0; batch < limits.maxBatches; batch++) {
      const rows = await page(afterId);
      for (const row of rows) {
        afterId = row.id;
        if (await this.isLastAdministrator(row.id)) {
          // Nobody could reinstate anyone: keep the last administrator and say so loudly.
          this.logger.warn({ userId: row.id, username: row.username }, 'not suspending the last active administrator; add a second administrator');
          skipped++;
          continue;
        }
        const { cause, reason } = why(row);
        if (await this.suspend(row.id, cause, reason, SYSTEM_ACTOR)) suspended++;
      }
      if (rows.length < limits.batchSize) break;
    }
    return { suspended, skipped };
  }

  // ---- Administrator actions ----

  /** Reactivates a suspended account; it counts as a new approval, and the user retrains before data access (R15). */
  async reinstate(userId: string, actor: Actor, origin?: ClientOrigin): Promise<PublicUser> {
    const before = await this.existing(userId);
    if (before.status === 'active') throw conflict('user_not_suspended', `${before.username} is active; nothing to reinstate.`);
    if (before.statusCause === 'job_title' && !this.isAuthorizedTitle(before.jobTitle)) {
      throw conflict('job_title_not_authorized', `${before.username}'s job title "${before.jobTitle}" is not authorized (${this.titlesText()}). Change it to an authorized title first (PUT /api/v1/users/${userId}/job-title).`);
    }
    const now = this.clock.now().getTime();
    await accessStore.updateUser(this.db, userId, {
      status: 'active',
      statusCause: null,
      statusReason: null,
      statusChangedAt: now,
      failedSignIns: 0,
      lockedUntil: null,
      updatedAt: now,
      ...this.access.approval(now),
      ...(this.policy.retrainOnReactivation ? { needsRetraining: 1 } : {}),
    });
    const after = await this.access.me(userId);
    await this.audit.recordChange(actor, 'user.reinstate', { ...statusOf(before), needsRetraining: before.needsRetraining }, { ...statusOf(after), needsRetraining: after.needsRetraining, reviewDueAt: after.reviewDueAt }, {
      ...origin,
      subject: { userId, username: before.username },
    });
    return after;
  }

  /** Records the periodic review of an active account's approval (R18); the next one falls due an interval later. */
  async approve(userId: string, actor: Actor, origin?: ClientOrigin): Promise<PublicUser> {
    const before = await this.existing(userId);
    if (before.status !== 'active') throw conflict('user_not_active', `${before.username} is ${before.status}; reinstate the account instead (that re-approves it too).`);
    const now = this.clock.now().getTime();
    await accessStore.updateUser(this.db, userId, { ...this.access.approval(now), updatedAt: now });
    const after = await this.access.me(userId);
    await this.audit.recordChange(actor, 'user.approve', { approvedAt: before.approvedAt, reviewDueAt: before.reviewDueAt }, { approvedAt: after.approvedAt, reviewDueAt: after.reviewDueAt }, {
      ...origin,
      subject: { userId, username: before.username },
    });
    return after;
  }

  /** Lifts a lockout after repeated failed sign-ins (the lock also ends by itself). */
  async unlock(userId: string, actor: Actor, origin?: ClientOrigin): Promise<PublicUser> {
    const before = await accessStore.findUserById(this.db, userId);
    if (!before || before.status === 'deleted') throw notFound('user', userId);
    const now = this.clock.now().getTime();
    await accessStore.updateUser(this.db, userId, { failedSignIns: 0, lockedUntil: null, updatedAt: now });
    await this.audit.recordChange(actor, 'user.unlock', { lockedUntil: before.lockedUntil, failedSignIns: before.failedSignIns }, { lockedUntil: null, failedSignIns: 0 }, {
      ...origin,
      subject: { userId, username: before.username },
    });
    return this.access.me(userId);
  }

  /** The user left the agency (R18: deleted). The row stays, without credentials, so the access log keeps their name. */
  async markLeft(userId: string, actor: Actor, origin?: ClientOrigin): Promise<PublicUser> {
    const before = await this.existing(userId);
    if (actor.userId === userId) throw conflict('cannot_remove_self', 'Another administrator must mark you as having left.');
    if (before.status === 'active' && (await this.isLastAdministrator(userId))) throw lastAdministrator(before.username);
    const now = this.clock.now().getTime();
    await this.db.transaction().execute(async (tx) => {
      // An empty hash never verifies (passwords.ts), and sign-in refuses deleted accounts first anyway.
      await accessStore.updateUser(tx, userId, { status: 'deleted', statusCause: 'left', statusReason: 'left the agency', statusChangedAt: now, passwordHash: '', lockedUntil: null, failedSignIns: 0, updatedAt: now });
      await accessStore.revokeSessionsOf(tx, userId, now);
      await mfaStore.deleteSecondFactor(tx, userId);
    });
    const after = await this.access.me(userId);
    await this.audit.recordChange(actor, 'user.leave', statusOf(before), statusOf(after), { ...origin, subject: { userId, username: before.username } });
    return after;
  }

  /** A new job title; one the profile does not authorize ends access until the user re-applies and retrains (R16, R18). */
  async changeJobTitle(userId: string, jobTitle: string, actor: Actor, origin?: ClientOrigin): Promise<PublicUser> {
    const before = await this.existing(userId);
    const title = jobTitle.trim();
    if (title === before.jobTitle) return before;
    const authorized = this.isAuthorizedTitle(title);
    if (!authorized && before.status === 'active' && (await this.isLastAdministrator(userId))) throw lastAdministrator(before.username);
    const now = this.clock.now().getTime();
    await accessStore.updateUser(this.db, userId, { jobTitle: title, updatedAt: now });
    if (!authorized && before.status === 'active') {
      await accessStore.updateUser(this.db, userId, { needsRetraining: 1 });
      await this.suspend(userId, 'job_title', JOB_TITLE_REASON, actor, origin);
    }
    const after = await this.access.me(userId);
    await this.audit.recordChange(actor, 'user.job_title', { jobTitle: before.jobTitle, ...statusOf(before) }, { jobTitle: after.jobTitle, ...statusOf(after) }, {
      ...origin,
      subject: { userId, username: before.username },
      reason: authorized ? 'authorized job title' : `not an authorized job title (${this.titlesText()})`,
    });
    return after;
  }

  // ---- Helpers ----

  /** Suspends an active account and ends its sessions; logs the change. */
  private async suspend(userId: string, cause: StatusCause, reason: string, actor: Actor, origin?: ClientOrigin): Promise<boolean> {
    const now = this.clock.now().getTime();
    const done = await this.db.transaction().execute(async (tx) => {
      if (!(await store.suspendIfActive(tx, userId, cause, reason, now))) return false;
      await accessStore.revokeSessionsOf(tx, userId, now);
      return true;
    });
    if (done) {
      await this.audit.recordChange(actor, 'user.suspend', { status: 'active' }, { status: 'suspended', statusCause: cause, statusReason: reason }, { ...origin, subject: { userId }, reason });
    }
    return done;
  }

  private async existing(userId: string): Promise<PublicUser> {
    const user = await accessStore.findUserById(this.db, userId);
    if (!user) throw notFound('user', userId);
    if (user.status === 'deleted') throw conflict('user_left', `${user.username} left the agency; the account cannot change. Create a new account if they return.`);
    return this.access.me(userId);
  }

  private async isLastAdministrator(userId: string): Promise<boolean> {
    const roles = await accessStore.rolesOf(this.db, userId);
    return roles.includes('administrator') && (await store.countActiveAdministrators(this.db)) <= 1;
  }

  private titlesText(): string {
    const titles = this.policy.titles.list();
    return titles.length ? `authorized: ${titles.join(', ')}` : 'no job title is authorized yet (the Administrator lists them under Job titles)';
  }
}

const lastAdministrator = (username: string) =>
  conflict('last_administrator', `${username} is the last active ALPR Administrator; give another user the administrator role first, or nobody could manage accounts.`);
