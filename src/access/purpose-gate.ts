// The purpose gate (invariant 1; R15–R17, R19–R22, R37): the only way to an AccessContext, which
// every function returning reads, images, hits or hot-list details demands.
//
// open() checks, in order, and refuses with a 403 whose id and message say why and what to do:
//   account_not_active        the account is suspended or deleted
//   second_factor_required    the session has not finished its second factor (R19)
//   agency_device_required    the session is not from an agency device, where the profile requires one (R19)
//   job_title_not_authorized  the user's job title is not authorized (R16)
//   retraining_required       reactivated (or back from another assignment): retrain first (R15)
//   training_not_configured   no required course exists, so nobody is trained yet (R15)
//   training_missing          a required course was never completed (R15)
//   training_expired          a required course's completion has expired (R15)
//   no_data_sources           the user is authorized for no data source (R20)
// then the purpose rules (purpose-rules.ts: 422 for a purpose to fix, 403 for a prohibited one),
// then remembers the purpose for reuse and issues the context. Prohibited purposes are written to
// the access log (rule id, case number and category; never the reason text, which may hold what
// R21 keeps out) so audits see attempts (R22, R26).
import { createHash } from 'node:crypto';
import type { PolicyProfile } from '../policy/index.js';
import type { Clock } from '../platform/clock.js';
import { AppError, forbidden } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import type { UserPrincipal } from './access.service.js';
import * as accessStore from './access.store.js';
import { takeIssuer, type AccessContext, type AccessRecorder, type DataSource } from './access-context.js';
import type { AuthorizationsService } from './purpose-authorizations.js';
import { PURPOSE_CATEGORY_INFO, isPurposeCategory } from './purpose-categories.js';
import { checkPurpose, normalizeText, type AcceptedPurpose, type PurposeCheck, type PurposeInput, type PurposeProblem } from './purpose-rules.js';
import * as store from './purpose.store.js';
import type { TrainingService } from './training.service.js';

// This module alone holds the issuer (access-context.ts explains the guarantee).
const issue = takeIssuer();

export const GATE_REFUSAL_IDS = [
  'account_not_active',
  'second_factor_required',
  'agency_device_required',
  'job_title_not_authorized',
  'retraining_required',
  'training_not_configured',
  'training_missing',
  'training_expired',
  'no_data_sources',
] as const;
export type GateRefusalId = (typeof GATE_REFUSAL_IDS)[number];

export interface GateRequest {
  clientAddress: string | null;
  /** The request's device: the session's agency device id is used when it has one. */
  device: string | null;
  /** What the caller is about to do, e.g. 'search.plate'. */
  action: string;
}

export type Eligibility = { ok: true; dataSources: DataSource[]; jobTitle: string } | { ok: false; refusal: { id: GateRefusalId; message: string } };

export interface PurposeGateDeps {
  db: accessStore.Db;
  clock: Clock;
  profile: Pick<PolicyProfile, 'access' | 'purposes' | 'administrator'>;
  training: Pick<TrainingService, 'trainingStatus' | 'policy'>;
  authorizations: Pick<AuthorizationsService, 'isJobTitleAuthorized' | 'jobTitles'>;
  recorder: AccessRecorder;
}

export interface RecentPurpose {
  caseNumber: string;
  category: string;
  categoryLabel: string;
  reason: string;
  lastUsedAt: string;
  useCount: number;
}

const day = (at: number) => new Date(at).toISOString().slice(0, 10);
const fingerprint = (p: { caseNumber: string; category: string; reason: string }) =>
  createHash('sha256').update(`${p.caseNumber}\u0000${p.category}\u0000${p.reason}`).digest('hex');

export class PurposeGate {
  constructor(private readonly deps: PurposeGateDeps) {}

  /** The purpose rules alone, for the user's roles and the profile (POST /purposes/check). */
  check(principal: Pick<UserPrincipal, 'roles'>, input: PurposeInput): PurposeCheck {
    return checkPurpose(input, {
      prohibitImmigrationEnforcement: this.deps.profile.purposes.prohibitImmigrationEnforcement,
      prohibitReproductiveHealthCareProsecution: this.deps.profile.purposes.prohibitReproductiveHealthCareProsecution,
      now: this.deps.clock.now(),
      roles: principal.roles,
    });
  }

  /** Whether this user may reach ALPR data at all, and if not, why and what to do. */
  async eligibility(principal: UserPrincipal): Promise<Eligibility> {
    const { db, clock, profile } = this.deps;
    const refuse = (id: GateRefusalId, message: string): Eligibility => ({ ok: false, refusal: { id, message } });
    const title = profile.administrator.title;
    const admin = /^alpr administrator$/i.test(title) ? 'the ALPR Administrator' : `the ALPR Administrator (${title})`;
    const coordinator = this.deps.training.policy.coordinatorTitle;
    const user = await accessStore.findUserById(db, principal.userId);
    if (!user || user.status !== 'active') {
      return refuse('account_not_active', `Your account is ${user?.status ?? 'gone'}${user?.statusReason ? ` (${user.statusReason})` : ''}; ALPR data needs an active account. Ask ${admin} to review it.`);
    }
    if (principal.signinStep !== 'done') {
      return refuse('second_factor_required', 'ALPR data needs a sign-in with a second factor (R19). Finish signing in with your authenticator code, or set one up if asked.');
    }
    if (profile.access.agencyDevicesOnly && !principal.deviceId) {
      return refuse('agency_device_required', `ALPR data is reachable only from agency-issued devices (R19), and this session did not sign in from one. Sign in from an enrolled agency device, or ask ${admin} to enroll this one.`);
    }
    if (!this.deps.authorizations.isJobTitleAuthorized(user.jobTitle)) {
      const titles = this.deps.authorizations.jobTitles();
      const list = titles.length ? `authorized titles: ${titles.join(', ')}` : 'no job title is authorized yet: the Administrator lists them under Job titles';
      return refuse('job_title_not_authorized', `Your job title "${user.jobTitle}" is not authorized to access ALPR data (${list}; R16). If your assignment needs access, ask ${admin} to review your authorization.`);
    }
    if (user.needsRetraining === 1) {
      return refuse('retraining_required', `Your access was reactivated, so you must retrain before using ALPR data (R15). Ask the ${coordinator} for the training; once ${admin} records it, you can search again.`);
    }
    const now = clock.now();
    const training = await this.deps.training.trainingStatus(user.id, now);
    switch (training.status) {
      case 'current':
        break;
      case 'missing':
        if (!training.course) {
          return refuse('training_not_configured', `No one may access ALPR data before department-approved training (R15), and no required training course is set up yet. Ask ${admin} to add the agency's course.`);
        }
        return refuse('training_missing', `You have not completed the required training "${training.course.title}" (version ${training.course.version}) (R15). Ask the ${coordinator} for it; once ${admin} records it, you can search.`);
      case 'expired':
        return refuse(
          'training_expired',
          `Your training "${training.course.title}" (version ${training.course.version}) expired on ${day(training.expiredAt)}; the policy requires retraining at least every ${profile.access.retrainingIntervalMonths} months (R15). Ask the ${coordinator} to schedule it.`,
        );
    }
    const dataSources = await store.dataSourcesOf(db, user.id);
    if (dataSources.length === 0) {
      return refuse('no_data_sources', `You are not authorized to see any ALPR data source (agency, state or federal) (R20). Ask ${admin} to authorize the sources your work needs.`);
    }
    return { ok: true, dataSources, jobTitle: user.jobTitle };
  }

  /**
   * Checks the user and the purpose, remembers the purpose, and issues the context (invariant 1).
   * `remember: false` is for purposes the system writes itself (an alert's hit): checked the same,
   * but not offered back to the user as a recent purpose, and no write per opening.
   */
  async open(principal: UserPrincipal, input: PurposeInput, request: GateRequest, options: { remember?: boolean } = {}): Promise<AccessContext> {
    const eligible = await this.eligibility(principal);
    if (!eligible.ok) throw forbidden(eligible.refusal.id, eligible.refusal.message);
    const checked = this.check(principal, input);
    if (!checked.ok) {
      const [first, ...rest] = checked.problems;
      if (!first) throw new AppError('internal', 500, 'The purpose was refused without a reason.');
      if (first.kind === 'prohibited') await this.recordRefusal(principal, input, checked.problems, request);
      throw new AppError(first.id, first.kind === 'prohibited' ? 403 : 422, first.message, first.field, rest.map((p) => ({ field: p.field, message: p.message })));
    }
    const now = this.deps.clock.now();
    const purpose = checked.purpose;
    if (options.remember !== false) await store.rememberPurpose(this.deps.db, { id: newId(), userId: principal.userId, fingerprint: fingerprint(purpose), ...purpose, at: now.getTime() });
    return issue({
      id: newId(),
      user: { userId: principal.userId, username: principal.username, displayName: principal.displayName, jobTitle: eligible.jobTitle, roles: principal.roles, sessionId: principal.sessionId },
      purpose,
      action: request.action,
      clientAddress: request.clientAddress,
      device: principal.deviceId ?? request.device,
      openedAt: now,
      dataSources: eligible.dataSources,
      recorder: this.deps.recorder,
    });
  }

  /**
   * States a purpose for the pages and API calls that follow (the search page's form, an alert
   * screen): the same checks as open(), and an id to send with each data request instead of the
   * whole purpose. The id is the user's own remembered purpose; each use opens the gate again.
   */
  async state(principal: UserPrincipal, input: PurposeInput, request: Omit<GateRequest, 'action'>): Promise<{ purposeId: string; purpose: AcceptedPurpose }> {
    const ctx = await this.open(principal, input, { ...request, action: 'purpose.state' });
    const id = await store.purposeIdOf(this.deps.db, principal.userId, fingerprint(ctx.purpose));
    if (!id) throw new AppError('internal', 500, 'The purpose was accepted but not remembered.');
    return { purposeId: id, purpose: { ...ctx.purpose } };
  }

  /** Opens the gate for a purpose stated earlier with state() (X-Purpose-Id): checked again now, for this request. */
  async openStated(principal: UserPrincipal, purposeId: string, request: GateRequest): Promise<AccessContext> {
    const stated = await store.statedPurpose(this.deps.db, principal.userId, purposeId);
    if (!stated) {
      throw new AppError('purpose_not_found', 422, 'That stated purpose is not one of your recent purposes (it may have aged out). State the purpose again (POST /api/v1/purposes/state) and use the new id.', 'purposeId');
    }
    return this.open(principal, stated, request);
  }

  async recent(userId: string): Promise<RecentPurpose[]> {
    return (await store.recentPurposes(this.deps.db, userId)).map((row) => ({
      caseNumber: row.caseNumber,
      category: row.category,
      categoryLabel: isPurposeCategory(row.category) ? PURPOSE_CATEGORY_INFO[row.category].label : row.category,
      reason: row.reason,
      lastUsedAt: new Date(row.lastUsedAt).toISOString(),
      useCount: row.useCount,
    }));
  }

  /** A prohibited purpose, for audits: which rules, the case number and category, never the reason text. */
  private async recordRefusal(principal: UserPrincipal, input: PurposeInput, problems: readonly PurposeProblem[], request: GateRequest): Promise<void> {
    const caseNumberOk = !problems.some((p) => p.field === 'caseNumber');
    const category = input.category.trim();
    const rules = problems.filter((p) => p.kind === 'prohibited').map((p) => p.id);
    await this.deps.recorder.recordAccess({
      actor: { userId: principal.userId, username: principal.username },
      purpose: { caseNumber: caseNumberOk ? normalizeText(input.caseNumber).toUpperCase() : null, category: isPurposeCategory(category) ? category : 'unknown', reason: `(refused: ${rules.join(', ')}; reason text not kept)` },
      action: 'purpose.refused',
      dataElements: { requestedAction: request.action, rules },
      resultCount: 0,
      clientAddress: request.clientAddress,
      device: principal.deviceId ?? request.device,
    });
  }
}

