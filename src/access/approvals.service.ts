// Two-person rule for changes that loosen protection (issue: accounts): granting the administrator
// role, authorizing another job title. One administrator asks; a different one approves before the
// change applies. Requests, decisions and the applied change are all in the access log.
import type { Actor, AuditRecorder, ClientOrigin } from '../audit/access-log.js';
import type { Clock } from '../platform/clock.js';
import { conflict, forbidden, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import type { Db } from './access.store.js';
import type { PendingChangesTable } from '../storage/tables.js';

/** The requester id of changes that come from outside the app (the policy profile file). */
export const SYSTEM_REQUESTER = 'system';

export type ChangeKind = 'user.grant_administrator' | 'job_title.add' | 'policy_profile.adopt';

export interface PendingChange {
  id: string;
  kind: ChangeKind;
  payload: Record<string, unknown>;
  summary: string;
  requestedBy: string;
  requestedAt: string;
  status: PendingChangesTable['status'];
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
}

export interface ChangeRequester {
  actor: Actor & { userId: string };
  origin?: Partial<ClientOrigin>;
}

type Apply = (payload: Record<string, unknown>, approvedBy: ChangeRequester) => Promise<void>;

const toChange = (row: PendingChangesTable): PendingChange => ({
  id: row.id,
  kind: row.kind as ChangeKind,
  payload: JSON.parse(row.payload) as Record<string, unknown>,
  summary: row.summary,
  requestedBy: row.requestedBy,
  requestedAt: new Date(row.requestedAt).toISOString(),
  status: row.status,
  decidedBy: row.decidedBy,
  decidedAt: row.decidedAt === null ? null : new Date(row.decidedAt).toISOString(),
  decisionReason: row.decisionReason,
});

export class ApprovalsService {
  private readonly appliers = new Map<ChangeKind, Apply>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: Pick<AuditRecorder, 'recordChange'>,
    /** Active administrators: with fewer than two there is nobody to ask (see request()). */
    private readonly administrators: () => Promise<number>,
  ) {}

  /** How an approved change of this kind is carried out (registered by the room that owns it). */
  register(kind: ChangeKind, apply: Apply): void {
    this.appliers.set(kind, apply);
  }

  async request(by: ChangeRequester, kind: ChangeKind, payload: Record<string, unknown>, summary: string): Promise<PendingChange> {
    const duplicate = (await this.list('pending')).find((change) => change.kind === kind && JSON.stringify(change.payload) === JSON.stringify(payload));
    if (duplicate) return duplicate;
    const row: PendingChangesTable = {
      id: newId(),
      kind,
      payload: JSON.stringify(payload),
      summary,
      requestedById: by.actor.userId,
      requestedBy: by.actor.username,
      requestedAt: this.clock.now().getTime(),
      status: 'pending',
      decidedBy: null,
      decidedAt: null,
      decisionReason: null,
    };
    await this.db.insertInto('pendingChanges').values(row).execute();
    await this.audit.recordChange(by.actor, 'approval.request', null, { id: row.id, kind, payload, summary }, { ...by.origin });
    // A sole administrator has no second one to ask: the change applies, logged as such, so an
    // agency can get from its bootstrap administrator to two. Requests from outside the app (a
    // changed profile file) always wait for an administrator.
    if (by.actor.userId !== SYSTEM_REQUESTER && (await this.administrators()) < 2) {
      await this.appliers.get(kind)?.(payload, by);
      return this.decide(by, row, 'approved', 'sole administrator: no second administrator exists to approve');
    }
    return toChange(row);
  }

  async list(status?: PendingChangesTable['status']): Promise<PendingChange[]> {
    let query = this.db.selectFrom('pendingChanges').selectAll().orderBy('requestedAt', 'desc').limit(200);
    if (status) query = query.where('status', '=', status);
    return (await query.execute()).map(toChange);
  }

  async approve(by: ChangeRequester, id: string): Promise<PendingChange> {
    const change = await this.pending(id);
    if (change.requestedById === by.actor.userId) {
      throw forbidden('second_administrator_required', 'A change that loosens protection needs a different administrator to approve it than the one who asked for it.');
    }
    const apply = this.appliers.get(change.kind as ChangeKind);
    if (!apply) throw conflict('change_kind_unknown', `No one applies changes of kind ${change.kind} in this version.`);
    await apply(JSON.parse(change.payload) as Record<string, unknown>, by);
    return this.decide(by, change, 'approved', null);
  }

  async deny(by: ChangeRequester, id: string, reason: string): Promise<PendingChange> {
    return this.decide(by, await this.pending(id), 'denied', reason);
  }

  private async pending(id: string): Promise<PendingChangesTable> {
    const row = await this.db.selectFrom('pendingChanges').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('pending change', id);
    if (row.status !== 'pending') throw conflict('change_already_decided', `This change was already ${row.status} by ${row.decidedBy ?? 'someone'}.`);
    return row;
  }

  private async decide(by: ChangeRequester, row: PendingChangesTable, status: 'approved' | 'denied', reason: string | null): Promise<PendingChange> {
    const decidedAt = this.clock.now().getTime();
    await this.db.updateTable('pendingChanges').set({ status, decidedBy: by.actor.username, decidedAt, decisionReason: reason }).where('id', '=', row.id).execute();
    await this.audit.recordChange(by.actor, `approval.${status === 'approved' ? 'approve' : 'deny'}`, { id: row.id, status: 'pending' }, { id: row.id, status, reason }, { ...by.origin });
    return toChange({ ...row, status, decidedBy: by.actor.username, decidedAt, decisionReason: reason });
  }
}
