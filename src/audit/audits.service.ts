// Sampling audits (R26–R28): when they fall due, the reproducible draw of inquiries from the
// access log, the auditor's decision on each sampled inquiry, signing, approval, the memorandum's
// data, and the outside agency's read-only auditor. Every step is written to the access log.
import type { AccessService } from '../access/access.service.js';
import { addMonths, subtractMonths } from '../access/lifecycle.dates.js';
import type { Clock } from '../platform/clock.js';
import { badRequest, conflict, forbidden, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import type { PolicyProfile } from '../policy/index.js';
import type { AccessLogEntry, Actor, AuditRecorder, ClientOrigin } from './access-log.js';
import { DEFAULT_INQUIRY_ACTIONS } from './audits.inquiries.js';
import { drawSample, newSeed } from './audits.sample.js';
import * as store from './audits.store.js';
import type { AuditRow, SampleRow } from './audits.store.js';

export type AuditKind = AuditRow['kind'];

export interface AuditsOptions {
  audits: PolicyProfile['audits'];
  agencyName: string;
  /** Data-access actions besides `search.*` that count as inquiries (audits.inquiries.ts). */
  inquiryActions?: readonly string[];
}

/** Who acts, with the name printed on the memorandum. */
export interface AuditActor extends Actor {
  userId: string;
  displayName: string;
}

export interface DueAudit {
  kind: AuditKind;
  everyMonths: number;
  lastStartedAt: number | null;
  dueAt: number;
  overdue: boolean;
  inProgressId: string | null;
}

export interface Decision {
  purposeSpecific: boolean;
  caseNumberReal: boolean;
  searchMatchedPurpose: boolean;
  notes?: string | undefined;
  dataErrors?: string | undefined;
}

export interface SampleView {
  position: number;
  entry: AccessLogEntry | null;
  decision: (Decision & { decidedBy: string; decidedAt: number }) | null;
  /** All three checks passed. Null until decided. */
  compliant: boolean | null;
}

export interface AuditDetail {
  audit: AuditRow;
  samples: SampleView[];
  decided: number;
  nonCompliant: number;
}

const who = (actor: AuditActor): string => (actor.displayName && actor.displayName !== actor.username ? `${actor.displayName} (${actor.username})` : actor.username);
const flag = (value: boolean): number => (value ? 1 : 0);
const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

function sampleView(row: SampleRow, entry: AccessLogEntry | null): SampleView {
  const decided = row.decidedAt !== null && row.decidedBy !== null;
  const decision = decided
    ? {
        purposeSpecific: row.purposeSpecific === 1,
        caseNumberReal: row.caseNumberReal === 1,
        searchMatchedPurpose: row.searchMatchedPurpose === 1,
        notes: row.notes ?? undefined,
        dataErrors: row.dataErrors ?? undefined,
        decidedBy: row.decidedBy!,
        decidedAt: Number(row.decidedAt),
      }
    : null;
  return { position: row.position, entry, decision, compliant: decision ? decision.purposeSpecific && decision.caseNumberReal && decision.searchMatchedPurpose : null };
}

export class AuditsService {
  private readonly inquiryActions: readonly string[];

  constructor(
    private readonly db: store.Db,
    private readonly clock: Clock,
    private readonly log: Pick<AuditRecorder, 'recordChange' | 'recordSystem'>,
    private readonly access: Pick<AccessService, 'createUser'>,
    private readonly options: AuditsOptions,
  ) {
    this.inquiryActions = options.inquiryActions ?? DEFAULT_INQUIRY_ACTIONS;
  }

  nowMs(): number {
    return this.clock.now().getTime();
  }

  get profile(): PolicyProfile['audits'] {
    return this.options.audits;
  }

  /**
   * The audits the profile requires, when each is next due (R26): the last start plus the interval;
   * before the first audit, the installation's start plus the interval (or now, before bootstrap).
   */
  async due(): Promise<DueAudit[]> {
    const now = this.clock.now().getTime();
    const installed = await store.installedAt(this.db);
    const schedule: [AuditKind, number | null][] = [['internal', this.options.audits.frequencyMonths], ['outside', this.options.audits.outsideAgencyAuditMonths]];
    const out: DueAudit[] = [];
    for (const [kind, everyMonths] of schedule) {
      if (everyMonths === null) continue;
      const last = await store.lastAuditOf(this.db, kind);
      const dueAt = last ? addMonths(Number(last.startedAt), everyMonths) : installed !== undefined ? addMonths(installed, everyMonths) : now;
      out.push({ kind, everyMonths, lastStartedAt: last ? Number(last.startedAt) : null, dueAt, overdue: dueAt < now, inProgressId: last?.status === 'in_progress' ? last.id : null });
    }
    return out;
  }

  list(): Promise<AuditRow[]> {
    return store.listAudits(this.db);
  }

  /**
   * Starts an audit: draws the sample from the inquiries of the preceding lookback period (R26).
   * `seed` is for tests and re-verification; the API never lets a person choose it.
   */
  async start(actor: AuditActor, input: { kind: AuditKind; outsideAgency?: string | undefined; sampleSize?: number | undefined }, origin: ClientOrigin, seed: string = newSeed()): Promise<AuditDetail> {
    const { audits } = this.options;
    if (input.kind === 'outside' && audits.outsideAgencyAuditMonths === null) {
      throw badRequest('outside_audit_not_required', 'This agency\'s policy requires no outside-agency audit (audits.outsideAgencyAuditMonths is null); start an internal audit.', 'kind');
    }
    const outsideAgency = input.outsideAgency?.trim() || null;
    if (input.kind === 'outside' && !outsideAgency) throw badRequest('outside_agency_required', 'Name the outside law-enforcement agency that conducts this audit.', 'outsideAgency');
    const sampleSize = input.sampleSize ?? audits.sampleSize;
    if (sampleSize < audits.sampleSize) throw badRequest('sample_too_small', `The policy requires at least ${audits.sampleSize} inquiries per audit (R26).`, 'sampleSize');
    const last = await store.lastAuditOf(this.db, input.kind);
    if (last?.status === 'in_progress') throw conflict('audit_in_progress', `An ${input.kind} audit started ${new Date(Number(last.startedAt)).toISOString()} is still open; finish and sign it first.`);

    const now = this.clock.now().getTime();
    const months = input.kind === 'outside' ? Math.max(audits.lookbackMonths, audits.outsideAgencyAuditMonths ?? 0) : audits.lookbackMonths;
    const period = { from: subtractMonths(now, months), to: now };
    const upToSeq = await store.headSeq(this.db);
    const population = await store.inquirySeqs(this.db, { ...period, upToSeq }, this.inquiryActions);
    const sample = drawSample(seed, population, sampleSize);
    const id = newId();
    const due = (await this.due()).find((item) => item.kind === input.kind);
    await this.db.transaction().execute(async (tx) => {
      await store.insertAudit(tx, {
        id,
        kind: input.kind,
        status: 'in_progress',
        periodFrom: period.from,
        periodTo: period.to,
        dueAt: due?.dueAt ?? null,
        seed,
        populationUpToSeq: upToSeq,
        population: population.length,
        sampleSize,
        draws: 1,
        outsideAgency,
        startedBy: who(actor),
        startedAt: now,
        auditorTitle: audits.auditorTitle,
        memorandumTo: audits.memorandumTo,
        filedWith: audits.filedWith,
        summary: null,
        dataErrors: null,
        outcome: null,
        signedBy: null,
        signedAt: null,
        approvedBy: null,
        approvedAt: null,
        keepUntil: null,
      });
      await store.replaceSamples(tx, id, sample);
    });
    await this.log.recordChange(actor, 'audits.start', null, { kind: input.kind, periodFrom: period.from, periodTo: period.to, seed, populationUpToSeq: upToSeq, population: population.length, sample }, { ...origin, subject: { auditId: id } });
    return this.get(id);
  }

  /**
   * A second draw is never quiet (R26): refused once any inquiry has been decided, and otherwise
   * recorded in the access log with the reason, the old seed and sample and the new ones.
   */
  async redraw(actor: AuditActor, id: string, reason: string, origin: ClientOrigin, seed: string = newSeed()): Promise<AuditDetail> {
    const audit = await this.require(id);
    if (audit.status !== 'in_progress') throw conflict('audit_closed', 'This audit is signed; its sample can no longer change.');
    if (reason.trim().length < 10) throw badRequest('redraw_reason_required', 'Say why the sample must be drawn again (at least 10 characters); the reason goes to the access log.', 'reason');
    const before = await store.samplesOf(this.db, id);
    if (before.some((row) => row.decidedAt !== null)) {
      throw conflict('sample_in_review', 'Inquiries of this sample have already been reviewed, so it cannot be drawn again; finish this audit and note the problem in its summary.');
    }
    const population = await store.inquirySeqs(this.db, { from: Number(audit.periodFrom), to: Number(audit.periodTo), upToSeq: Number(audit.populationUpToSeq) }, this.inquiryActions);
    const sample = drawSample(seed, population, audit.sampleSize);
    await this.db.transaction().execute(async (tx) => {
      await store.updateAudit(tx, id, { seed, draws: audit.draws + 1 });
      await store.replaceSamples(tx, id, sample);
    });
    await this.log.recordChange(
      actor,
      'audits.redraw',
      { seed: audit.seed, sample: before.map((row) => Number(row.entrySeq)) },
      { seed, sample, draw: audit.draws + 1 },
      { ...origin, subject: { auditId: id }, reason: reason.trim() },
    );
    return this.get(id);
  }

  /** Draws the recorded seed's sample again over the recorded snapshot and compares (R26: reproducible). */
  async verifySample(id: string): Promise<{ ok: boolean; recorded: number[]; redrawn: number[] }> {
    const audit = await this.require(id);
    const population = await store.inquirySeqs(this.db, { from: Number(audit.periodFrom), to: Number(audit.periodTo), upToSeq: Number(audit.populationUpToSeq) }, this.inquiryActions);
    const redrawn = drawSample(audit.seed, population, audit.sampleSize);
    const recorded = (await store.samplesOf(this.db, id)).map((row) => Number(row.entrySeq));
    return { ok: recorded.length === redrawn.length && recorded.every((seq, i) => seq === redrawn[i]), recorded, redrawn };
  }

  async get(id: string): Promise<AuditDetail> {
    const audit = await this.require(id);
    const rows = await store.samplesOf(this.db, id);
    const entries = new Map((await store.entriesBySeq(this.db, rows.map((row) => Number(row.entrySeq)))).map((row) => [Number(row.seq), row]));
    const samples = rows.map((row) => {
      const entry = entries.get(Number(row.entrySeq));
      return sampleView(row, entry ? { ...entry, seq: Number(entry.seq), at: Number(entry.at), dataElements: parse(entry.dataElements), beforeValue: parse(entry.beforeValue), afterValue: parse(entry.afterValue) } : null);
    });
    return { audit, samples, decided: samples.filter((s) => s.decision).length, nonCompliant: samples.filter((s) => s.compliant === false).length };
  }

  /** The auditor's decision on one sampled inquiry (R26) and the data errors it revealed (R28). */
  async decide(actor: AuditActor, id: string, position: number, decision: Decision, origin: ClientOrigin): Promise<SampleView> {
    const audit = await this.require(id);
    if (audit.status !== 'in_progress') throw conflict('audit_closed', 'This audit is signed; its findings can no longer change.');
    const now = this.clock.now().getTime();
    const result = await store.updateSample(this.db, id, position, {
      purposeSpecific: flag(decision.purposeSpecific),
      caseNumberReal: flag(decision.caseNumberReal),
      searchMatchedPurpose: flag(decision.searchMatchedPurpose),
      notes: decision.notes?.trim() || null,
      dataErrors: decision.dataErrors?.trim() || null,
      decidedBy: who(actor),
      decidedAt: now,
    });
    if (Number(result.numUpdatedRows) === 0) throw notFound('sampled inquiry', String(position));
    await this.log.recordChange(actor, 'audits.decide', null, { position, ...decision }, { ...origin, subject: { auditId: id } });
    const detail = await this.get(id);
    return detail.samples.find((sample) => sample.position === position)!;
  }

  /** Signing closes the audit: every sampled inquiry must be decided (R26, R27). */
  async sign(actor: AuditActor, id: string, input: { summary: string; dataErrors?: string | undefined }, origin: ClientOrigin): Promise<AuditDetail> {
    const detail = await this.get(id);
    if (detail.audit.status !== 'in_progress') throw conflict('audit_closed', 'This audit is already signed.');
    const open = detail.samples.filter((sample) => !sample.decision).map((sample) => sample.position + 1);
    if (open.length > 0) throw conflict('audit_incomplete', `Decide every sampled inquiry before signing; still open: ${open.join(', ')}.`);
    if (!input.summary.trim()) throw badRequest('summary_required', 'Write the audit\'s summary for the memorandum.', 'summary');
    const now = this.clock.now().getTime();
    const outcome = detail.nonCompliant === 0 ? 'compliant' : 'findings';
    await store.updateAudit(this.db, id, {
      status: 'signed',
      summary: input.summary.trim(),
      dataErrors: input.dataErrors?.trim() || null,
      outcome,
      signedBy: who(actor),
      signedAt: now,
      keepUntil: addMonths(now, this.options.audits.recordsRetentionMonths),
    });
    await this.log.recordChange(actor, 'audits.sign', { status: 'in_progress' }, { status: 'signed', outcome, nonCompliant: detail.nonCompliant }, { ...origin, subject: { auditId: id } });
    return this.get(id);
  }

  /** The memorandum's recipient (or the administrator for them) approves a signed audit (R27). */
  async approve(actor: AuditActor, id: string, origin: ClientOrigin): Promise<AuditDetail> {
    const audit = await this.require(id);
    if (audit.status !== 'signed') throw conflict(audit.status === 'approved' ? 'audit_already_approved' : 'audit_not_signed', audit.status === 'approved' ? 'This audit is already approved.' : 'Only a signed audit can be approved; the auditor signs it first.');
    if (audit.signedBy === who(actor)) throw forbidden('approver_is_auditor', 'The person who signed the audit cannot also approve it.');
    await store.updateAudit(this.db, id, { status: 'approved', approvedBy: who(actor), approvedAt: this.clock.now().getTime() });
    await this.log.recordChange(actor, 'audits.approve', { status: 'signed' }, { status: 'approved' }, { ...origin, subject: { auditId: id } });
    return this.get(id);
  }

  /** Reading an audit (its sample shows access-log entries) is itself logged. */
  async recordView(actor: Actor, id: string, what: string, origin: ClientOrigin, resultCount: number | null): Promise<void> {
    await this.log.recordSystem(actor, `audits.${what}`, { dataElements: { auditId: id }, resultCount, ...origin });
  }

  /**
   * The outside agency's auditor (R26): an account with the auditor role, limited to this audit
   * (outsideScope) and expiring. Its temporary password is changed at first sign-in.
   */
  async createOutsideAuditor(actor: AuditActor, id: string, input: { username: string; displayName: string; organization: string; password: string; expiresAt: number }, origin: ClientOrigin) {
    const audit = await this.require(id);
    if (audit.kind !== 'outside') throw badRequest('not_an_outside_audit', 'Outside auditors are added to outside-agency audits only.', 'auditId');
    const now = this.clock.now().getTime();
    if (input.expiresAt <= now) throw badRequest('expiry_in_past', 'The account must expire in the future.', 'expiresAt');
    if (input.expiresAt > addMonths(now, 6)) throw badRequest('expiry_too_far', 'An outside auditor\'s account lasts at most 6 months.', 'expiresAt');
    const user = await this.access.createUser({ username: input.username, displayName: input.displayName, jobTitle: `Outside auditor, ${input.organization}`, roles: ['auditor'], password: input.password });
    await store.insertOutsideAuditor(this.db, { userId: user.id, auditId: id, organization: input.organization, expiresAt: input.expiresAt, createdBy: who(actor), createdAt: now });
    await this.log.recordChange(actor, 'audits.outside_auditor', null, { userId: user.id, username: user.username, organization: input.organization, expiresAt: input.expiresAt }, { ...origin, subject: { auditId: id } });
    return { userId: user.id, username: user.username, auditId: id, organization: input.organization, expiresAt: input.expiresAt };
  }

  /**
   * The audit an outside auditor is limited to, or undefined for everyone else. Read from the
   * database on each call (a primary-key lookup, only for auditor-role users), so every process of
   * a cluster applies a new account's limits at once.
   */
  outsideScope(userId: string): Promise<store.OutsideAuditorRow | undefined> {
    return store.outsideAuditor(this.db, userId);
  }

  private async require(id: string): Promise<AuditRow> {
    const audit = await store.findAudit(this.db, id);
    if (!audit) throw notFound('audit', id);
    return audit;
  }
}
