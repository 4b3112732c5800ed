// Copies of ALPR data that left this server (R33): partner agencies, regional centers, vendor hosts.
// The sharing room records its releases with record(); the purge marks a copy due for destruction
// once the newest read in it is past retention (or its agreed date has come), and the custodian
// confirms the recipient destroyed it.
import type { Kysely } from 'kysely';
import type { Actor, AuditRecorder } from '../audit/access-log.js';
import type { Clock } from '../platform/clock.js';
import { badRequest, conflict, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import type { OutsideCopiesTable, Tables } from '../storage/tables.js';

export interface OutsideCopyInput {
  recipient: string;
  description: string;
  caseNumber?: string | null;
  source: OutsideCopiesTable['source'];
  readCount: number;
  /** The newest capture time among the reads in the copy. */
  newestCapturedAt: number | null;
  sentAt?: number;
  destroyDueAt?: number | null;
}

export type OutsideCopy = OutsideCopiesTable & { due: boolean };

export class OutsideCopiesService {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly clock: Clock,
    private readonly audit: Pick<AuditRecorder, 'recordChange'>,
  ) {}

  /** Records a copy sent outside (the sharing room calls this with each release). */
  async record(actor: Actor, input: OutsideCopyInput): Promise<OutsideCopiesTable> {
    if (!input.recipient.trim()) throw badRequest('invalid_recipient', 'Name who received the copy.', 'recipient');
    const row: OutsideCopiesTable = {
      id: newId(),
      recipient: input.recipient.trim(),
      description: input.description.trim(),
      caseNumber: input.caseNumber ?? null,
      source: input.source,
      readCount: input.readCount,
      newestCapturedAt: input.newestCapturedAt,
      sentAt: input.sentAt ?? this.clock.now().getTime(),
      recordedBy: actor.username,
      destroyDueAt: input.destroyDueAt ?? null,
      noticeAt: null,
      noticeRunId: null,
      destroyedAt: null,
      destroyedBy: null,
      destructionNote: null,
    };
    await this.db.insertInto('outsideCopies').values(row).execute();
    await this.audit.recordChange(actor, 'retention.outside_copy.record', null, row, { subject: { outsideCopyId: row.id } });
    return row;
  }

  /** Marks copies due (newest read before the read cutoff, or agreed date reached); returns those newly due. */
  async markDue(readCutoff: number, now: number, dryRun: boolean): Promise<OutsideCopiesTable[]> {
    const due = await this.db
      .selectFrom('outsideCopies')
      .selectAll()
      .where('destroyedAt', 'is', null)
      .where('noticeAt', 'is', null)
      .where((eb) => eb.or([eb('newestCapturedAt', '<', readCutoff), eb('destroyDueAt', '<=', now)]))
      .execute();
    if (!dryRun && due.length) {
      await this.db
        .updateTable('outsideCopies')
        .set({ noticeAt: now })
        .where(
          'id',
          'in',
          due.map((copy) => copy.id),
        )
        .execute();
    }
    return due;
  }

  async list(): Promise<OutsideCopy[]> {
    const rows = await this.db.selectFrom('outsideCopies').selectAll().orderBy('sentAt', 'desc').limit(500).execute();
    return rows.map((row) => ({ ...row, due: row.noticeAt !== null && row.destroyedAt === null }));
  }

  async confirmDestroyed(actor: Actor, id: string, note: string): Promise<OutsideCopiesTable> {
    const before = await this.db.selectFrom('outsideCopies').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('outside copy', id);
    if (before.destroyedAt !== null) throw conflict('already_destroyed', 'This copy is already recorded as destroyed.');
    const after = { ...before, destroyedAt: this.clock.now().getTime(), destroyedBy: actor.username, destructionNote: note.trim() || null };
    await this.db.updateTable('outsideCopies').set({ destroyedAt: after.destroyedAt, destroyedBy: after.destroyedBy, destructionNote: after.destructionNote }).where('id', '=', id).execute();
    await this.audit.recordChange(actor, 'retention.outside_copy.destroyed', before, after, { subject: { outsideCopyId: id }, reason: note });
    return after;
  }
}
