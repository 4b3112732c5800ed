// Sharing and release (issue 8; R32, R34–R40; Cal. Civ. Code 1798.90.55(b)): partner agencies with
// their computed eligibility, participating agency agreements, written requests (entered by staff or
// through a one-time link), the Administrator's decision, the release bundle and the transfer log.
//
// No path releases data to an ineligible agency: eligibility is computed from the agency's kind and
// the profile each time it matters (issuing a link, approving, releasing, recording a transfer),
// never stored as a flag anyone could set. Releasing reads goes through the purpose gate with the
// request's own purpose, opened by the releasing user, and through readThroughLog (invariant 1).
//
// For the transparency page: agenciesSharedWith() lists every agency data was transferred to, with
// how many transfers (R38).
import { createHash } from 'node:crypto';
import { readThroughLog, type AccessContext } from '../access/access-context.js';
import type { UserPrincipal } from '../access/access.service.js';
import { PURPOSE_CATEGORY_INFO } from '../access/purpose-categories.js';
import type { PurposeGate } from '../access/purpose-gate.js';
import { checkPurpose, type AcceptedPurpose, type PurposeInput } from '../access/purpose-rules.js';
import type { Actor, AuditRecorder, ClientOrigin } from '../audit/access-log.js';
import { DAY, HOUR, type Clock } from '../platform/clock.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../platform/errors.js';
import { newId, newSecret } from '../platform/ids.js';
import { normalizePlate } from '../plates/normalize.js';
import type { PolicyProfile } from '../policy/index.js';
import { buildReleaseBundle } from './sharing.bundle.js';
import { AGENCY_KIND_LABELS, CIVIL_CODE, eligibilityOf, isAgencyKind, policySection, type AgencyKind, type Eligibility } from './sharing.eligibility.js';
import type {
  AgencyInput, AgencyView, AgreementInput, AgreementView, Area, LinkRequestInput, ManualTransferInput, RecordsOutcomeInput, RecordsRequestInput, RecordsRequestView,
  RequestInput, RequestView, TransferView,
} from './sharing.schemas.js';
import * as store from './sharing.store.js';

/** What the requester attests to (R35, R37, R40), kept on file with the request. */
export const ATTESTATION =
  'I attest that this request is made for the stated law enforcement purpose; that it is not for federal immigration enforcement and not to investigate or prosecute anyone for seeking, providing or assisting reproductive health care; that the data will be used only for that purpose, will not be shared further or sold, and will be destroyed when no longer needed.';

/** R39: what the Custodian weighs for a request from outside law enforcement. A note, not legal advice. */
export const RECORDS_CONSIDERATIONS =
  'Not legal advice; consult the agency\'s counsel. ALPR data is generally withheld under Gov. Code 7923.600 (records of investigations) and 7922.000 (public interest balancing); ACLU Foundation v. Superior Court (2017) 3 Cal.5th 1032 held that raw ALPR data is not an investigatory record and suggested release after de-identification. Subpoenas and discovery: consider official-information privilege (Evid. Code 1040) and a protective order.';

/** Purpose categories a partner agency may state: those open to any role (an audit is this agency's own business). */
export const SHARING_CATEGORIES = Object.entries(PURPOSE_CATEGORY_INFO)
  .filter(([, info]) => !('roles' in info && info.roles))
  .map(([id, info]) => ({ id, label: info.label, example: info.example }));

/** The exports registry (src/exports), when it is wired: every release is registered with its due date (R32). */
export interface ExportRegistry {
  register(ctx: AccessContext, input: { format: string; description: string; recordCount: number; caseNumber?: string }): Promise<{ id: string; destroyDueAt: Date }>;
}

/** The retention room's register of copies outside the agency (R33), when it is wired: each transfer is recorded there so purges reach it. */
export interface OutsideCopies {
  record(actor: Actor, input: { recipient: string; description: string; caseNumber?: string | null; source: 'sharing'; readCount: number; newestCapturedAt: number | null; sentAt?: number; destroyDueAt?: number | null }): Promise<unknown>;
}

export interface SharingDeps {
  db: store.Db;
  clock: Clock;
  profile: Pick<PolicyProfile, 'sharing' | 'policy' | 'retention' | 'purposes' | 'agency'>;
  audit: Pick<AuditRecorder, 'recordChange'>;
  gate: Pick<PurposeGate, 'open'>;
  exportsRegistry?: ExportRegistry | undefined;
  outsideCopies?: OutsideCopies | undefined;
}

/** The most reads one release may carry. */
export const RELEASE_LIMIT = 100_000;

const iso = (at: number) => new Date(at).toISOString();
const dayOf = (at: number) => iso(at).slice(0, 10);
const startOfDay = (day: string) => Date.parse(`${day}T00:00:00Z`);
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export class SharingService {
  constructor(private readonly deps: SharingDeps) {}

  private now(): number {
    return this.deps.clock.now().getTime();
  }

  /** The eligibility of an agency of this kind under this agency's profile (R34). */
  eligibility(kind: string): Eligibility {
    if (!isAgencyKind(kind)) return { eligible: false, reason: `Unknown agency kind "${kind}": not a public agency under ${CIVIL_CODE}.`, citations: [CIVIL_CODE] };
    return eligibilityOf(kind, this.deps.profile);
  }

  policy() {
    const { sharing, retention } = this.deps.profile;
    return {
      mayReceive: sharing.mayReceive,
      approverTitle: sharing.approverTitle,
      participatingAgencyAgreements: sharing.participatingAgencyAgreements,
      section: policySection(this.deps.profile),
      exportsDestroyWithinDays: retention.exports.maxDays,
      considerations: RECORDS_CONSIDERATIONS,
    };
  }

  // ---- agencies ----------------------------------------------------------------------------

  async listAgencies(): Promise<AgencyView[]> {
    const rows = await store.listAgencies(this.deps.db);
    return Promise.all(rows.map((row) => this.agencyView(row)));
  }

  async getAgency(id: string): Promise<AgencyView> {
    return this.agencyView(await this.agencyRow(id));
  }

  async createAgency(actor: Actor, input: AgencyInput): Promise<AgencyView> {
    const now = this.now();
    const row: store.AgencyRow = {
      id: newId(),
      name: input.name.trim(),
      kind: input.kind,
      jurisdiction: input.jurisdiction.trim(),
      ori: input.ori ?? null,
      contactName: input.contactName.trim(),
      contactEmail: input.contactEmail?.trim() || null,
      contactPhone: input.contactPhone?.trim() || null,
      createdBy: actor.username,
      createdAt: now,
      updatedAt: now,
    };
    await store.insertAgency(this.deps.db, row);
    const view = await this.agencyView(row);
    await this.deps.audit.recordChange(actor, 'sharing.agency_create', null, { ...row, eligible: view.eligibility.eligible }, { subject: { agencyId: row.id } });
    return view;
  }

  private async agencyRow(id: string): Promise<store.AgencyRow> {
    const row = await store.findAgency(this.deps.db, id);
    if (!row) throw notFound('agency', id);
    return row;
  }

  private async agencyView(row: store.AgencyRow): Promise<AgencyView> {
    const kind = row.kind as AgencyKind;
    return {
      id: row.id,
      name: row.name,
      kind,
      kindLabel: AGENCY_KIND_LABELS[kind] ?? row.kind,
      jurisdiction: row.jurisdiction,
      ori: row.ori,
      contactName: row.contactName,
      contactEmail: row.contactEmail,
      contactPhone: row.contactPhone,
      eligibility: this.eligibility(row.kind),
      agreementsInForce: this.deps.profile.sharing.participatingAgencyAgreements ? await store.agreementsInForceFor(this.deps.db, row.id, this.now()) : [],
      createdAt: iso(row.createdAt),
    };
  }

  /** Refuses, with the law cited, when this agency may not receive ALPR data (R34, R40). */
  private assertEligible(agency: store.AgencyRow, doing: string): void {
    const eligibility = this.eligibility(agency.kind);
    if (!eligibility.eligible) {
      throw forbidden('agency_not_eligible', `${agency.name} may not receive ALPR data, so ${doing} is refused for everyone, administrators included: ${eligibility.reason}`);
    }
  }

  // ---- agreements (R36) --------------------------------------------------------------------

  async listAgreements(): Promise<AgreementView[]> {
    const [rows, signed] = await Promise.all([store.listAgreements(this.deps.db), store.signatories(this.deps.db)]);
    const now = this.now();
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      reference: row.reference,
      startsOn: dayOf(row.startsAt),
      endsOn: row.endsAt === null ? null : dayOf(row.endsAt - DAY),
      inForce: row.startsAt <= now && (row.endsAt === null || row.endsAt > now),
      signatories: signed.filter((s) => s.agreementId === row.id).map((s) => ({ id: s.id, name: s.name })),
      createdBy: row.createdBy,
      createdAt: iso(row.createdAt),
    }));
  }

  async createAgreement(actor: Actor, input: AgreementInput): Promise<AgreementView> {
    const section = policySection(this.deps.profile);
    if (!this.deps.profile.sharing.participatingAgencyAgreements) {
      throw conflict('agreements_not_in_policy', `Policy ${section} does not provide for sharing under participating agency agreements (R36; profile sharing.participatingAgencyAgreements). Share through written requests instead.`);
    }
    const startsAt = startOfDay(input.startsOn);
    const endsAt = input.endsOn ? startOfDay(input.endsOn) + DAY : null;
    if (endsAt !== null && endsAt <= startsAt) throw badRequest('agreement_term_invalid', 'The agreement must end on or after the day it starts.', 'endsOn');
    for (const id of input.signatoryIds) {
      const agency = await store.findAgency(this.deps.db, id);
      if (!agency) throw badRequest('agency_not_found', `No agency with id ${id} is in the registry; add it first.`, 'signatoryIds');
      // An agreement cannot make an agency eligible that the law or the policy excludes.
      this.assertEligible(agency, 'signing it to a participating agency agreement');
    }
    const row: store.AgreementRow = { id: newId(), title: input.title.trim(), reference: input.reference?.trim() || null, startsAt, endsAt, createdBy: actor.username, createdAt: this.now() };
    await this.deps.db.transaction().execute((tx) => store.insertAgreement(tx, row, input.signatoryIds));
    await this.deps.audit.recordChange(actor, 'sharing.agreement_create', null, { ...row, signatoryIds: input.signatoryIds }, { subject: { agreementId: row.id } });
    const view = (await this.listAgreements()).find((a) => a.id === row.id);
    if (!view) throw new AppError('internal', 500, 'The agreement was saved but cannot be read back.');
    return view;
  }

  // ---- request links -----------------------------------------------------------------------

  async createLink(actor: Actor, agencyId: string, expiresInHours = 72) {
    const agency = await this.agencyRow(agencyId);
    this.assertEligible(agency, 'a request link');
    const token = newSecret(24);
    const now = this.now();
    const row: store.LinkRow = { id: newId(), tokenHash: hashToken(token), agencyId, createdBy: actor.username, createdAt: now, expiresAt: now + expiresInHours * HOUR, usedAt: null, requestId: null };
    await store.insertLink(this.deps.db, row);
    await this.deps.audit.recordChange(actor, 'sharing.link_create', null, { linkId: row.id, agencyId, agency: agency.name, expiresAt: iso(row.expiresAt) }, { subject: { agencyId } });
    return { id: row.id, token, path: `/share-request/${token}`, agency: agency.name, expiresAt: iso(row.expiresAt) };
  }

  private async openLink(token: string): Promise<{ link: store.LinkRow; agency: store.AgencyRow }> {
    const link = await store.findLinkByHash(this.deps.db, hashToken(token));
    if (!link) throw new AppError('link_not_found', 404, 'This request link is not valid. Ask the agency that sent it for a new one.');
    if (link.usedAt !== null) throw new AppError('link_used', 410, 'This request link was already used to send a request; each link works once. Ask the agency that sent it for a new one.');
    if (link.expiresAt <= this.now()) throw new AppError('link_expired', 410, `This request link expired on ${iso(link.expiresAt)}. Ask the agency that sent it for a new one.`);
    return { link, agency: await this.agencyRow(link.agencyId) };
  }

  /** What the link's page shows: whose link it is and what to attest. Never any data. */
  async linkInfo(token: string) {
    const { link, agency } = await this.openLink(token);
    return {
      agency: agency.name,
      receivingAgency: this.deps.profile.agency.name,
      expiresAt: iso(link.expiresAt),
      attestation: ATTESTATION,
      categories: SHARING_CATEGORIES,
    };
  }

  /** A partner agency's officer sends a request through a link: once, and no sign-in. */
  async submitViaLink(token: string, input: LinkRequestInput): Promise<{ id: string; status: 'pending' }> {
    const { link, agency } = await this.openLink(token);
    this.assertEligible(agency, 'a request');
    const actor: Actor = { userId: null, username: `request link ${link.id.slice(-8)}`, organization: agency.name };
    const row = await this.requestRow(actor, { ...input, agencyId: agency.id }, 'link');
    const used = await this.deps.db.transaction().execute(async (tx) => {
      if (!(await store.useLink(tx, link.id, row.receivedAt, row.id, row.receivedAt))) return false;
      await store.insertRequest(tx, row);
      return true;
    });
    if (!used) throw new AppError('link_used', 410, 'This request link was already used to send a request; each link works once. Ask the agency that sent it for a new one.');
    await this.deps.audit.recordChange(actor, 'sharing.request_create', null, this.logged(row), { subject: { requestId: row.id, agencyId: agency.id } });
    return { id: row.id, status: 'pending' };
  }

  // ---- requests (R35, R37) -----------------------------------------------------------------

  async createRequest(actor: Actor, input: RequestInput): Promise<RequestView> {
    const row = await this.requestRow(actor, input, 'entered');
    await store.insertRequest(this.deps.db, row);
    await this.deps.audit.recordChange(actor, 'sharing.request_create', null, this.logged(row), { subject: { requestId: row.id, agencyId: row.agencyId } });
    return this.getRequest(row.id);
  }

  /** Checks a request (agency, purpose, what is asked) and makes its row; bad input changes nothing. */
  private async requestRow(actor: Actor, input: RequestInput, source: 'entered' | 'link'): Promise<store.RequestRow> {
    const agency = await store.findAgency(this.deps.db, input.agencyId);
    if (!agency) throw badRequest('agency_not_found', `No agency with id ${input.agencyId} is in the registry; add it under Sharing → Agencies first.`, 'agencyId');
    const purpose = await this.checkedPurpose(actor, input.purpose, agency);
    const plates = [...new Set(input.plates.map(normalizePlate))];
    if (plates.some((plate) => plate.length < 2 || plate.length > 8)) throw badRequest('plate_invalid', 'Each plate must have 2 to 8 letters and digits.', 'plates');
    const fromAt = Date.parse(input.from);
    const toAt = Date.parse(input.to);
    if (!(fromAt < toAt)) throw badRequest('time_range_invalid', 'The time range must start before it ends.', 'to');
    const area = input.area ?? null;
    if (area && (area.south > area.north || area.west > area.east)) throw badRequest('area_invalid', 'The area\'s south edge must be below its north edge, and its west edge left of its east edge.', 'area');
    const now = this.now();
    const receivedAt = input.receivedAt ? Date.parse(input.receivedAt) : now;
    if (receivedAt > now + 5 * 60_000) throw badRequest('received_in_future', 'The day the request was received cannot be in the future.', 'receivedAt');
    const agreements = this.deps.profile.sharing.participatingAgencyAgreements ? await store.agreementsInForceFor(this.deps.db, agency.id, now) : [];
    return {
      id: newId(),
      agencyId: agency.id,
      agreementId: agreements[0]?.id ?? null,
      source,
      requesterName: input.requester.name.trim(),
      requesterTitle: input.requester.title.trim(),
      requesterContact: input.requester.contact.trim(),
      ...purpose,
      plates: JSON.stringify(plates),
      fromAt,
      toAt,
      area: area ? JSON.stringify(area) : null,
      attestation: ATTESTATION,
      receivedAt,
      enteredBy: actor.username,
      status: 'pending',
      decidedBy: null,
      decidedAt: null,
      decisionReason: null,
      keepUntil: receivedAt + this.deps.profile.retention.sharingRecords.minDays * DAY,
    };
  }

  /** The same purpose rules as the gate (R21, R37); a prohibited purpose is logged (rule, case, category; never the reason). */
  private async checkedPurpose(actor: Actor, input: PurposeInput, agency: store.AgencyRow): Promise<AcceptedPurpose> {
    const checked = checkPurpose(input, {
      prohibitImmigrationEnforcement: this.deps.profile.purposes.prohibitImmigrationEnforcement,
      prohibitReproductiveHealthCareProsecution: this.deps.profile.purposes.prohibitReproductiveHealthCareProsecution,
      now: this.deps.clock.now(),
    });
    if (checked.ok) {
      if (!SHARING_CATEGORIES.some((c) => c.id === checked.purpose.category)) {
        throw new AppError('purpose_category_not_for_sharing', 422, `"${checked.purpose.category}" is not a purpose another agency can ask under; choose one of: ${SHARING_CATEGORIES.map((c) => c.id).join(', ')}.`, 'purpose/category');
      }
      return checked.purpose;
    }
    const [first, ...rest] = checked.problems;
    if (!first) throw new AppError('internal', 500, 'The purpose was refused without a reason.');
    if (first.kind === 'prohibited') {
      await this.deps.audit.recordChange(actor, 'sharing.request_refused', null, { agencyId: agency.id, agency: agency.name, rules: checked.problems.filter((p) => p.kind === 'prohibited').map((p) => p.id), caseNumber: input.caseNumber.slice(0, 64), category: input.category.slice(0, 64) });
    }
    throw new AppError(first.id, first.kind === 'prohibited' ? 403 : 422, first.message, `purpose/${first.field}`, rest.map((p) => ({ field: `purpose/${p.field}`, message: p.message })));
  }

  private logged(row: store.RequestRow) {
    // The reason stays out of the access log, as for purposes (R21); it is on file with the request.
    return { id: row.id, agencyId: row.agencyId, source: row.source, requester: row.requesterName, caseNumber: row.caseNumber, category: row.category, plates: JSON.parse(row.plates) as unknown, from: iso(row.fromAt), to: iso(row.toAt), area: row.area === null ? null : (JSON.parse(row.area) as unknown) };
  }

  async listRequests(status?: store.RequestRow['status']): Promise<RequestView[]> {
    const [rows, agencies, counts, agreements] = await Promise.all([store.listRequests(this.deps.db, status), store.listAgencies(this.deps.db), store.transferCounts(this.deps.db), store.listAgreements(this.deps.db)]);
    const byId = new Map(agencies.map((a) => [a.id, a]));
    return rows.map((row) => this.requestView(row, byId.get(row.agencyId), counts.get(row.id) ?? 0, agreements.find((a) => a.id === row.agreementId)));
  }

  async getRequest(id: string): Promise<RequestView> {
    const row = await store.findRequest(this.deps.db, id);
    if (!row) throw notFound('sharing request', id);
    const [agency, counts, agreements] = await Promise.all([store.findAgency(this.deps.db, row.agencyId), store.transferCounts(this.deps.db), store.listAgreements(this.deps.db)]);
    return this.requestView(row, agency, counts.get(row.id) ?? 0, agreements.find((a) => a.id === row.agreementId));
  }

  private requestView(row: store.RequestRow, agency: store.AgencyRow | undefined, transfers: number, agreement: store.AgreementRow | undefined): RequestView {
    return {
      id: row.id,
      agency: { id: row.agencyId, name: agency?.name ?? '(removed)', kind: (agency?.kind ?? 'private') as AgencyKind },
      eligibility: this.eligibility(agency?.kind ?? 'unknown'),
      agreement: agreement ? { id: agreement.id, title: agreement.title } : null,
      source: row.source,
      requester: { name: row.requesterName, title: row.requesterTitle, contact: row.requesterContact },
      purpose: { caseNumber: row.caseNumber, category: row.category, reason: row.reason },
      categoryLabel: SHARING_CATEGORIES.find((c) => c.id === row.category)?.label ?? row.category,
      plates: JSON.parse(row.plates) as string[],
      from: iso(row.fromAt),
      to: iso(row.toAt),
      area: row.area === null ? null : (JSON.parse(row.area) as Area),
      attestation: row.attestation,
      receivedAt: iso(row.receivedAt),
      enteredBy: row.enteredBy,
      status: row.status,
      decision: row.decidedBy && row.decidedAt !== null ? { by: row.decidedBy, at: iso(row.decidedAt), reason: row.decisionReason ?? '' } : null,
      keepUntil: iso(row.keepUntil),
      transfers,
    };
  }

  /** The Administrator (or designee) approves or denies, with a reason (R35). An ineligible agency's request is never approved. */
  async decide(actor: Actor, id: string, decision: 'approve' | 'deny', reason: string): Promise<RequestView> {
    const row = await store.findRequest(this.deps.db, id);
    if (!row) throw notFound('sharing request', id);
    if (row.status !== 'pending') throw conflict('request_already_decided', `This request was already ${row.status}; a decision is final. Record a new request if the agency asks again.`);
    const agency = await this.agencyRow(row.agencyId);
    if (decision === 'approve') this.assertEligible(agency, 'approving its request');
    const status = decision === 'approve' ? 'approved' : 'denied';
    const decided = await store.decideRequest(this.deps.db, id, { status, decidedBy: actor.username, decidedAt: this.now(), decisionReason: reason.trim() });
    if (!decided) throw conflict('request_already_decided', 'This request was decided by someone else a moment ago; reload it.');
    await this.deps.audit.recordChange(actor, `sharing.request_${status === 'approved' ? 'approve' : 'deny'}`, { status: 'pending' }, { status, reason: reason.trim() }, { subject: { requestId: id, agencyId: agency.id }, reason: reason.trim() });
    return this.getRequest(id);
  }

  // ---- release and transfers (R32, R38) ----------------------------------------------------

  private async releasable(id: string): Promise<{ row: store.RequestRow; agency: store.AgencyRow }> {
    const row = await store.findRequest(this.deps.db, id);
    if (!row) throw notFound('sharing request', id);
    if (row.status !== 'approved' && row.status !== 'fulfilled') {
      throw conflict('request_not_approved', `This request is ${row.status}; nothing is released before the ${this.deps.profile.sharing.approverTitle} (or designee) approves it (R35).`);
    }
    const agency = await this.agencyRow(row.agencyId);
    this.assertEligible(agency, 'a release');
    return { row, agency };
  }

  /**
   * Releases an approved request: opens the purpose gate with the request's purpose for the
   * releasing user, selects the reads through the access log, builds the bundle, and logs the
   * transfer with its destruction-due date. Returns the ZIP, which is not kept on the server.
   */
  async release(principal: UserPrincipal, id: string, recipient: string, origin: ClientOrigin): Promise<{ zip: Buffer; fileName: string; transfer: TransferView }> {
    const { row, agency } = await this.releasable(id);
    if (row.status === 'fulfilled') throw conflict('request_already_fulfilled', 'This request was already released; its transfer is in the log. Record any further copy sent by e-mail as a manual transfer.');
    const purpose = { caseNumber: row.caseNumber, category: row.category, reason: row.reason };
    const ctx = await this.deps.gate.open(principal, purpose, { clientAddress: origin.clientAddress, device: origin.device, action: 'sharing.release' });
    const plates = JSON.parse(row.plates) as string[];
    const area = row.area === null ? null : (JSON.parse(row.area) as Area);
    const reads = await readThroughLog(
      ctx,
      { action: 'sharing.release', dataElements: { requestId: row.id, agencyId: agency.id, agency: agency.name, agencyKind: agency.kind, recipient, plates, from: iso(row.fromAt), to: iso(row.toAt), area } },
      () => store.readsFor(this.deps.db, { plates, fromAt: row.fromAt, toAt: row.toAt, area }, RELEASE_LIMIT),
    );
    const now = this.now();
    let destructionDueAt = now + this.deps.profile.retention.exports.maxDays * DAY;
    if (this.deps.exportsRegistry) {
      const registered = await this.deps.exportsRegistry.register(ctx, { format: 'release', description: `Release to ${agency.name} for case ${row.caseNumber} (${reads.length} reads), request ${row.id}`, recordCount: reads.length, caseNumber: row.caseNumber });
      destructionDueAt = registered.destroyDueAt.getTime();
    }
    const { profile } = this.deps;
    const bundle = await buildReleaseBundle(
      {
        kind: 'platekeeper.sharing-release',
        version: 1,
        releasedBy: { agency: profile.agency.name, ori: profile.agency.ori ?? null, user: principal.username },
        releasedTo: { agency: agency.name, kind: agency.kind, ori: agency.ori, recipient },
        request: { id: row.id, receivedAt: iso(row.receivedAt), requester: { name: row.requesterName, title: row.requesterTitle, contact: row.requesterContact }, attestation: row.attestation },
        purpose,
        approval: { by: row.decidedBy ?? '', at: iso(row.decidedAt ?? now), reason: row.decisionReason ?? '' },
        criteria: { plates, from: iso(row.fromAt), to: iso(row.toAt), area },
        readCount: reads.length,
        generatedAt: iso(now),
        destroyBy: iso(destructionDueAt),
      },
      reads,
      [
        `ALPR data released by ${profile.agency.name} to ${agency.name} under ${CIVIL_CODE} and policy ${policySection(profile)}.`,
        `Case ${row.caseNumber}: use it only for this purpose. Do not share it further; it is never sold (R40).`,
        'Not for federal immigration enforcement; not to investigate or prosecute reproductive health care (R37).',
        `Destroy every copy by ${dayOf(destructionDueAt)} (R32).`,
        '',
      ].join('\r\n'),
    );
    const transfer: store.TransferRow = {
      id: newId(),
      requestId: row.id,
      agencyId: agency.id,
      method: 'download',
      description: `Release bundle: ${reads.length} reads of ${plates.join(', ')}, ${dayOf(row.fromAt)} to ${dayOf(row.toAt)}`,
      recipient,
      readCount: reads.length,
      bundleSha256: bundle.sha256,
      transferredAt: now,
      recordedBy: principal.username,
      destructionDueAt,
    };
    await this.deps.db.transaction().execute(async (tx) => {
      await store.insertTransfer(tx, transfer);
      await store.markFulfilled(tx, row.id);
    });
    await this.deps.audit.recordChange(principal, 'sharing.transfer', null, transfer, { subject: { requestId: row.id, agencyId: agency.id } });
    await this.recordOutsideCopy(principal, agency, row, transfer, reads.reduce<number | null>((newest, r) => (newest === null || r.capturedAt > newest ? r.capturedAt : newest), null));
    return { zip: bundle.zip, fileName: `release-${row.caseNumber}-${dayOf(now)}.zip`, transfer: this.transferView(transfer, agency.name, row.caseNumber) };
  }

  /** A transfer made outside the app (e-mail), recorded by hand (R38). Only for an approved request to an eligible agency. */
  async recordManualTransfer(actor: Actor, id: string, input: ManualTransferInput): Promise<TransferView> {
    const { row, agency } = await this.releasable(id);
    const now = this.now();
    const transferredAt = input.transferredAt ? Date.parse(input.transferredAt) : now;
    if (transferredAt > now + 5 * 60_000) throw badRequest('transferred_in_future', 'The transfer cannot be in the future.', 'transferredAt');
    if (transferredAt < (row.decidedAt ?? row.receivedAt)) throw badRequest('transferred_before_approval', 'A transfer cannot predate the request\'s approval (R35); check the date.', 'transferredAt');
    const transfer: store.TransferRow = {
      id: newId(),
      requestId: row.id,
      agencyId: agency.id,
      method: 'email',
      description: input.description.trim(),
      recipient: input.recipient.trim(),
      readCount: input.readCount ?? null,
      bundleSha256: null,
      transferredAt,
      recordedBy: actor.username,
      destructionDueAt: transferredAt + this.deps.profile.retention.exports.maxDays * DAY,
    };
    await this.deps.db.transaction().execute(async (tx) => {
      await store.insertTransfer(tx, transfer);
      await store.markFulfilled(tx, row.id);
    });
    await this.deps.audit.recordChange(actor, 'sharing.transfer', null, transfer, { subject: { requestId: row.id, agencyId: agency.id } });
    await this.recordOutsideCopy(actor, agency, row, transfer, row.toAt);
    return this.transferView(transfer, agency.name, row.caseNumber);
  }

  /** R33: the copy now outside the agency, for the retention room's purge to reach. */
  private async recordOutsideCopy(actor: Actor, agency: store.AgencyRow, row: store.RequestRow, transfer: store.TransferRow, newestCapturedAt: number | null): Promise<void> {
    await this.deps.outsideCopies?.record(actor, {
      recipient: `${agency.name}: ${transfer.recipient}`,
      description: transfer.description,
      caseNumber: row.caseNumber,
      source: 'sharing',
      readCount: transfer.readCount ?? 0,
      newestCapturedAt,
      sentAt: transfer.transferredAt,
      destroyDueAt: transfer.destructionDueAt,
    });
  }

  async listTransfers(requestId?: string): Promise<TransferView[]> {
    const rows = await store.listTransfers(this.deps.db, requestId);
    return rows.map((row) => this.transferView(row, row.agencyName, row.caseNumber));
  }

  private transferView(row: store.TransferRow, agencyName: string, caseNumber: string): TransferView {
    return {
      id: row.id,
      requestId: row.requestId,
      agency: { id: row.agencyId, name: agencyName },
      caseNumber,
      method: row.method,
      description: row.description,
      recipient: row.recipient,
      readCount: row.readCount,
      bundleSha256: row.bundleSha256,
      transferredAt: iso(row.transferredAt),
      recordedBy: row.recordedBy,
      destructionDueAt: iso(row.destructionDueAt),
    };
  }

  /**
   * For the transparency page (R38, R43): every agency this agency has transferred ALPR data to,
   * with its kind and the number of transfers (downloads and e-mails recorded by hand).
   */
  async agenciesSharedWith(): Promise<{ name: string; kind: string; transfers: number }[]> {
    return (await store.sharedWith(this.deps.db)).map((row) => ({ name: row.name, kind: row.kind, transfers: Number(row.transfers) }));
  }

  async history() {
    const [agencies, transfers] = await Promise.all([store.sharedWith(this.deps.db), this.listTransfers()]);
    return {
      agencies: agencies.map((row) => ({ name: row.name, kind: row.kind, transfers: Number(row.transfers), lastTransferAt: row.lastTransferAt === null ? null : iso(Number(row.lastTransferAt)) })),
      transfers,
    };
  }

  // ---- requests from outside law enforcement (R39) -----------------------------------------

  async listRecordsRequests(): Promise<RecordsRequestView[]> {
    return (await store.listRecords(this.deps.db)).map((row) => this.recordsView(row));
  }

  async createRecordsRequest(actor: Actor, input: RecordsRequestInput): Promise<RecordsRequestView> {
    const receivedAt = startOfDay(input.receivedOn);
    if (receivedAt > this.now()) throw badRequest('received_in_future', 'The day the request was received cannot be in the future.', 'receivedOn');
    const row: store.RecordsRow = {
      id: newId(),
      requester: input.requester.trim(),
      kind: input.kind,
      receivedAt,
      description: input.description.trim(),
      considerations: input.considerations.trim(),
      outcome: 'pending',
      outcomeNotes: null,
      outcomeAt: null,
      enteredBy: actor.username,
      updatedAt: this.now(),
    };
    await store.insertRecords(this.deps.db, row);
    await this.deps.audit.recordChange(actor, 'sharing.records_request_create', null, row, { subject: { recordsRequestId: row.id } });
    return this.recordsView(row);
  }

  async recordOutcome(actor: Actor, id: string, input: RecordsOutcomeInput): Promise<RecordsRequestView> {
    const before = await store.findRecords(this.deps.db, id);
    if (!before) throw notFound('records request', id);
    const outcomeAt = input.outcome === 'pending' ? null : input.outcomeOn ? startOfDay(input.outcomeOn) : startOfDay(dayOf(this.now()));
    if (outcomeAt !== null && outcomeAt < before.receivedAt) throw badRequest('outcome_before_receipt', 'The outcome cannot predate the request.', 'outcomeOn');
    const changes = { outcome: input.outcome, outcomeNotes: input.outcomeNotes?.trim() || null, outcomeAt, updatedAt: this.now(), ...(input.considerations ? { considerations: input.considerations.trim() } : {}) };
    await store.updateRecords(this.deps.db, id, changes);
    const after = { ...before, ...changes };
    await this.deps.audit.recordChange(actor, 'sharing.records_request_outcome', before, after, { subject: { recordsRequestId: id } });
    return this.recordsView(after);
  }

  private recordsView(row: store.RecordsRow): RecordsRequestView {
    return {
      id: row.id,
      requester: row.requester,
      kind: row.kind as RecordsRequestView['kind'],
      receivedOn: dayOf(row.receivedAt),
      description: row.description,
      considerations: row.considerations,
      outcome: row.outcome as RecordsRequestView['outcome'],
      outcomeNotes: row.outcomeNotes,
      outcomeOn: row.outcomeAt === null ? null : dayOf(row.outcomeAt),
      enteredBy: row.enteredBy,
    };
  }
}
