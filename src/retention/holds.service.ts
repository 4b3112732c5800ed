// Legal holds (R31): data that is or may become evidence is kept past its retention. A hold names a
// case, who placed it, why and until when, and lists the reads it keeps — chosen by id or by a plate
// and a time range (the reads that exist when it is placed). Choosing reads is a data access, so a
// hold is placed through the purpose gate and logged; releasing and reviewing are admin changes.
import type { Kysely } from 'kysely';
import { recordAccess, type AccessContext } from '../access/access-context.js';
import type { Actor, AuditRecorder, ClientOrigin } from '../audit/access-log.js';
import type { Clock } from '../platform/clock.js';
import { badRequest, conflict, notFound } from '../platform/errors.js';
import { isUuid, newId } from '../platform/ids.js';
import { normalizePlate, normalizeRegion } from '../plates/index.js';
import type { LegalHoldsTable, Tables } from '../storage/tables.js';

export const MAX_HOLD_READS = 50_000;

export type HoldSelection = { readIds: string[] } | { plate: string; region?: string; from: number; to: number };

export interface PlaceHold {
  caseNumber?: string;
  reason: string;
  until?: number | null;
  selection: HoldSelection;
}

export interface Hold extends Omit<LegalHoldsTable, 'selection'> {
  selection: HoldSelection;
  /** active | lapsed (its until has passed) | released */
  state: 'active' | 'lapsed' | 'released';
}

export class HoldsService {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly clock: Clock,
    private readonly audit: Pick<AuditRecorder, 'recordChange'>,
  ) {}

  private toHold(row: LegalHoldsTable, now: number): Hold {
    const state = row.releasedAt !== null ? 'released' : row.until !== null && row.until <= now ? 'lapsed' : 'active';
    return { ...row, selection: JSON.parse(row.selection) as HoldSelection, state };
  }

  /** Places a hold on the reads the selection names; the access log records who chose which reads, and why. */
  async place(ctx: AccessContext, input: PlaceHold): Promise<{ hold: Hold; readIds: string[] }> {
    const now = this.clock.now().getTime();
    const reason = input.reason.trim();
    if (reason.length < 10) throw badRequest('invalid_hold_reason', 'Say why the reads are held (at least 10 characters), e.g. "evidence in robbery case, discovery requested".', 'reason');
    const caseNumber = (input.caseNumber ?? ctx.purpose.caseNumber).trim().toUpperCase();
    if (!caseNumber) throw badRequest('invalid_case_number', 'A hold needs the case number it serves.', 'caseNumber');
    if (input.until != null && input.until <= now) throw badRequest('invalid_hold_until', '"until" must be in the future; leave it out to hold until released.', 'until');
    const readIds = await this.select(input.selection);
    const selection = 'readIds' in input.selection ? { readIds: [...new Set(input.selection.readIds)] } : input.selection;
    const row: LegalHoldsTable = {
      id: newId(),
      caseNumber,
      reason,
      selection: JSON.stringify(selection),
      readCount: readIds.length,
      placedById: ctx.user.userId,
      placedBy: ctx.user.username,
      placedAt: now,
      until: input.until ?? null,
      releasedAt: null,
      releasedBy: null,
      releaseReason: null,
      reviewedAt: null,
      reviewedBy: null,
      reviewNote: null,
    };
    await this.db.transaction().execute(async (tx) => {
      await tx.insertInto('legalHolds').values(row).execute();
      for (let i = 0; i < readIds.length; i += 500) await tx.insertInto('legalHoldReads').values(readIds.slice(i, i + 500).map((readId) => ({ holdId: row.id, readId }))).execute();
    });
    await recordAccess(ctx, { action: 'hold.place', dataElements: { holdId: row.id, caseNumber, selection, until: row.until === null ? null : new Date(row.until).toISOString() }, resultCount: readIds.length });
    return { hold: this.toHold(row, now), readIds };
  }

  private async select(selection: HoldSelection): Promise<string[]> {
    if ('readIds' in selection) {
      const ids = [...new Set(selection.readIds)];
      if (!ids.length) throw badRequest('no_reads_selected', 'Name at least one read id, or a plate and a time range.', 'readIds');
      if (ids.length > MAX_HOLD_READS) throw badRequest('too_many_reads', `A hold takes at most ${MAX_HOLD_READS} read ids; place several holds.`, 'readIds');
      const bad = ids.find((id) => !isUuid(id));
      if (bad) throw badRequest('invalid_read_id', `"${bad}" is not a read id (a UUID).`, 'readIds');
      const found = new Set<string>();
      for (let i = 0; i < ids.length; i += 500) for (const row of await this.db.selectFrom('reads').select('id').where('id', 'in', ids.slice(i, i + 500)).execute()) found.add(row.id);
      const missing = ids.filter((id) => !found.has(id));
      if (missing.length) throw notFound('read', missing.slice(0, 5).join(', ') + (missing.length > 5 ? ` and ${missing.length - 5} more` : ''));
      return ids;
    }
    const plate = normalizePlate(selection.plate);
    if (!plate) throw badRequest('invalid_plate', 'The plate has no letters or digits.', 'plate');
    if (!(selection.from < selection.to)) throw badRequest('invalid_time_range', '"from" must be before "to".', 'from');
    let query = this.db.selectFrom('reads').innerJoin('plates', 'plates.id', 'reads.plateId').select('reads.id').where('plates.plate', '=', plate).where('reads.capturedAt', '>=', selection.from).where('reads.capturedAt', '<', selection.to);
    if (selection.region !== undefined) {
      const region = normalizeRegion(selection.region);
      if (region === undefined) throw badRequest('invalid_region', `"${selection.region}" is not a known state or province code.`, 'region');
      query = query.where('plates.region', '=', region);
    }
    const rows = await query.limit(MAX_HOLD_READS + 1).execute();
    if (!rows.length) throw badRequest('no_reads_selected', `No reads of ${plate} in that time range: nothing to hold.`, 'plate');
    if (rows.length > MAX_HOLD_READS) throw badRequest('too_many_reads', `More than ${MAX_HOLD_READS} reads match; narrow the time range.`, 'from');
    return rows.map((row) => row.id);
  }

  async list(filter: { caseNumber?: string; state?: Hold['state'] } = {}): Promise<Hold[]> {
    const now = this.clock.now().getTime();
    let query = this.db.selectFrom('legalHolds').selectAll().orderBy('placedAt', 'desc').limit(1000);
    if (filter.caseNumber) query = query.where('caseNumber', '=', filter.caseNumber.trim().toUpperCase());
    const holds = (await query.execute()).map((row) => this.toHold(row, now));
    return filter.state ? holds.filter((hold) => hold.state === filter.state) : holds;
  }

  async get(id: string): Promise<Hold> {
    const row = await this.db.selectFrom('legalHolds').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('hold', id);
    return this.toHold(row, this.clock.now().getTime());
  }

  /** Releases a hold: its reads become eligible for purge again (unless another hold keeps them). */
  async release(actor: Actor & Partial<ClientOrigin>, id: string, reason: string): Promise<Hold> {
    if (reason.trim().length < 5) throw badRequest('invalid_release_reason', 'Say why the hold is released (e.g. "case closed, no appeal").', 'reason');
    const before = await this.get(id);
    if (before.state === 'released') throw conflict('hold_released', 'This hold is already released.');
    const now = this.clock.now().getTime();
    await this.db.updateTable('legalHolds').set({ releasedAt: now, releasedBy: actor.username, releaseReason: reason.trim() }).where('id', '=', id).execute();
    const after = await this.get(id);
    await this.audit.recordChange(actor, 'hold.release', summary(before), summary(after), { subject: { holdId: id, caseNumber: before.caseNumber }, reason: reason.trim(), ...origin(actor) });
    return after;
  }

  /** The custodian of records reviews a hold (R31): still needed, with a note. */
  async review(actor: Actor & Partial<ClientOrigin>, id: string, note: string): Promise<Hold> {
    const before = await this.get(id);
    const now = this.clock.now().getTime();
    await this.db.updateTable('legalHolds').set({ reviewedAt: now, reviewedBy: actor.username, reviewNote: note.trim() || null }).where('id', '=', id).execute();
    const after = await this.get(id);
    await this.audit.recordChange(actor, 'hold.review', summary(before), summary(after), { subject: { holdId: id, caseNumber: before.caseNumber }, reason: note.trim(), ...origin(actor) });
    return after;
  }

  /** Ids among `readIds` that an active hold keeps. */
  async heldAmong(readIds: readonly string[]): Promise<Set<string>> {
    const now = this.clock.now().getTime();
    const held = new Set<string>();
    for (let i = 0; i < readIds.length; i += 500) {
      const rows = await this.db
        .selectFrom('legalHoldReads as hr')
        .innerJoin('legalHolds as h', 'h.id', 'hr.holdId')
        .select('hr.readId')
        .where('hr.readId', 'in', readIds.slice(i, i + 500))
        .where('h.releasedAt', 'is', null)
        .where((w) => w.or([w('h.until', 'is', null), w('h.until', '>', now)]))
        .execute();
      for (const row of rows) held.add(row.readId);
    }
    return held;
  }
}

const summary = (hold: Hold) => ({ id: hold.id, caseNumber: hold.caseNumber, state: hold.state, readCount: hold.readCount, until: hold.until, releasedBy: hold.releasedBy, reviewedBy: hold.reviewedBy, reviewNote: hold.reviewNote });
const origin = (actor: Partial<ClientOrigin>) => ({ clientAddress: actor.clientAddress ?? null, device: actor.device ?? null });
