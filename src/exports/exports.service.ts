/**
 * The exports registry (R32): every copy of ALPR data that leaves the system — a search downloaded as
 * CSV, GeoJSON, KML or a PDF report, an evidence bundle, a release to another agency — is registered
 * here with its purpose and case number and the day it must be destroyed by (profile
 * retention.exports.maxDays). The Custodian of Records lists what is due or overdue and records each
 * destruction.
 *
 * For other rooms (retention: evidence bundles; sharing: releases), the stable interface is:
 *
 *   const { id, destroyDueAt } = await app.exportsRegistry.register(ctx, {
 *     format: 'bundle',                 // free text: csv | geojson | kml | pdf | bundle | release | …
 *     description: 'Evidence bundle for case 26-004512 (42 reads, 84 images)',
 *     recordCount: 42,
 *     caseNumber: '26-004512',          // optional: defaults to ctx.purpose.caseNumber
 *     evidence: true,                   // optional: booked into evidence (R31), never overdue
 *   });
 *
 * `ctx` is the AccessContext the data was read under (only the purpose gate makes one), so every
 * export carries its purpose. register() writes an access-log line (action 'export.register', the
 * export id, format, case and due date) before it returns; call it before the copy leaves the server.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAccess, type AccessContext } from '../access/access-context.js';
import type { Actor, AuditRecorder, ClientOrigin } from '../audit/access-log.js';
import type { Clock } from '../platform/clock.js';
import { DAY } from '../platform/clock.js';
import { conflict, notFound } from '../platform/errors.js';
import type { ExportsTable, Tables } from '../storage/tables.js';

export interface ExportRegistration {
  format: string;
  description: string;
  recordCount: number;
  /** Defaults to the case number of ctx's purpose. */
  caseNumber?: string;
  /** The search that produced it, when one did (kept as JSON). */
  query?: unknown;
  /** Booked into evidence with the case (R31): kept with it, not destroyed on the exports schedule. */
  evidence?: boolean;
}

/** An export as the registry shows it: the stored row, with its query parsed and its status worked out. */
export type ExportRecord = Omit<ExportsTable, 'query' | 'accessContext' | 'createdById' | 'evidence'> & {
  query: unknown;
  /** due: not destroyed, due date ahead; overdue: not destroyed, due date passed; destroyed; evidence: booked with the case (R31). */
  status: 'due' | 'overdue' | 'destroyed' | 'evidence';
  evidence: boolean;
};

export type ExportStatusFilter = 'open' | 'overdue' | 'destroyed' | 'all';

export class ExportsService {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly clock: Clock,
    private readonly audit: Pick<AuditRecorder, 'recordChange'>,
    private readonly retention: { maxDays: number },
  ) {}

  /** Registers an export of data read under `ctx`; logs it; returns its id and destruction-due date. */
  async register(ctx: AccessContext, input: ExportRegistration): Promise<{ id: string; destroyDueAt: Date }> {
    const now = this.clock.now().getTime();
    const row: ExportsTable = {
      id: randomUUID(),
      format: input.format,
      description: input.description.slice(0, 2000),
      query: input.query === undefined ? null : JSON.stringify(input.query),
      recordCount: input.recordCount,
      caseNumber: input.caseNumber ?? ctx.purpose.caseNumber,
      purposeCategory: ctx.purpose.category,
      purposeReason: ctx.purpose.reason,
      accessContext: ctx.id,
      createdById: ctx.user.userId,
      createdBy: ctx.user.username,
      createdAt: now,
      destroyDueAt: now + this.retention.maxDays * DAY,
      destroyedAt: null,
      destroyedBy: null,
      note: null,
      evidence: input.evidence ? 1 : 0,
    };
    await this.db.insertInto('exports').values(row).execute();
    await recordAccess(ctx, {
      action: 'export.register',
      dataElements: { exportId: row.id, format: row.format, description: row.description, caseNumber: row.caseNumber, destroyDueAt: new Date(row.destroyDueAt).toISOString(), evidence: row.evidence === 1 },
      resultCount: row.recordCount,
    });
    return { id: row.id, destroyDueAt: new Date(row.destroyDueAt) };
  }

  /** Exports, newest first. */
  async list(filter: { status?: ExportStatusFilter; caseNumber?: string; limit?: number } = {}): Promise<ExportRecord[]> {
    const now = this.clock.now().getTime();
    let query = this.db.selectFrom('exports').selectAll();
    if (filter.status === 'open') query = query.where('destroyedAt', 'is', null);
    if (filter.status === 'overdue') query = query.where('destroyedAt', 'is', null).where('evidence', '=', 0).where('destroyDueAt', '<=', now);
    if (filter.status === 'destroyed') query = query.where('destroyedAt', 'is not', null);
    if (filter.caseNumber) query = query.where('caseNumber', '=', filter.caseNumber);
    const rows = await query.orderBy('createdAt', 'desc').orderBy('id').limit(filter.limit ?? 500).execute();
    return rows.map((row) => this.toRecord(row, now));
  }

  /** Exports past their destruction date and not yet recorded as destroyed. */
  overdue(): Promise<ExportRecord[]> {
    return this.list({ status: 'overdue' });
  }

  /** The custodian records that every copy of an export was destroyed (R32). */
  async markDestroyed(actor: Actor, id: string, input: { note?: string } & Partial<ClientOrigin> = {}): Promise<ExportRecord> {
    const row = await this.db.selectFrom('exports').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('export', id);
    if (row.destroyedAt !== null) throw conflict('export_already_destroyed', `Export ${id} was already recorded as destroyed by ${row.destroyedBy ?? 'someone'}; nothing changed.`);
    const now = this.clock.now().getTime();
    const note = input.note?.trim() ? input.note.trim().slice(0, 2000) : null;
    await this.db.updateTable('exports').set({ destroyedAt: now, destroyedBy: actor.username, note }).where('id', '=', id).where('destroyedAt', 'is', null).execute();
    await this.audit.recordChange(
      actor,
      'export.destroyed',
      { destroyedAt: null },
      { destroyedAt: new Date(now).toISOString(), note },
      { subject: { exportId: id, caseNumber: row.caseNumber, format: row.format }, clientAddress: input.clientAddress ?? null, device: input.device ?? null },
    );
    return this.toRecord({ ...row, destroyedAt: now, destroyedBy: actor.username, note }, now);
  }

  private toRecord(row: ExportsTable, now: number): ExportRecord {
    return {
      id: row.id,
      format: row.format,
      description: row.description,
      query: row.query === null ? null : (JSON.parse(row.query) as unknown),
      recordCount: row.recordCount,
      caseNumber: row.caseNumber,
      purposeCategory: row.purposeCategory,
      purposeReason: row.purposeReason,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
      destroyDueAt: row.destroyDueAt,
      destroyedAt: row.destroyedAt,
      destroyedBy: row.destroyedBy,
      note: row.note,
      status: row.destroyedAt !== null ? 'destroyed' : row.evidence === 1 ? 'evidence' : row.destroyDueAt <= now ? 'overdue' : 'due',
      evidence: row.evidence === 1,
    };
  }
}
