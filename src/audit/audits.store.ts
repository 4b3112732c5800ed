// SQL for sampling audits (R26–R28). Functions take the database (or a transaction) they run on.
import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { AuditOutsideAuditorsTable, AuditSamplesTable, AuditsTable, Tables } from '../storage/tables.js';
import { inquiryWhere } from './audits.inquiries.js';

export type Db = Kysely<Tables>;
export type AuditRow = Selectable<AuditsTable>;
export type SampleRow = Selectable<AuditSamplesTable>;
export type OutsideAuditorRow = Selectable<AuditOutsideAuditorsTable>;

/** Sequence numbers of the inquiries in [from, to), up to a snapshot seq, ascending. */
export async function inquirySeqs(db: Db, window: { from: number; to: number; upToSeq: number }, actions: readonly string[]): Promise<number[]> {
  const rows = await db
    .selectFrom('accessLog')
    .select('seq')
    .where('at', '>=', window.from)
    .where('at', '<', window.to)
    .where('seq', '<=', window.upToSeq)
    .where(inquiryWhere(actions))
    .orderBy('seq', 'asc')
    .execute();
  return rows.map((row) => Number(row.seq));
}

export const headSeq = async (db: Db): Promise<number> =>
  Number((await db.selectFrom('accessLog').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst())?.seq ?? 0);

export const entriesBySeq = (db: Db, seqs: readonly number[]) =>
  seqs.length === 0 ? Promise.resolve([]) : db.selectFrom('accessLog').selectAll().where('seq', 'in', [...seqs]).execute();

/** When this installation began (the agency row's creation), or undefined before bootstrap. */
export const installedAt = async (db: Db): Promise<number | undefined> => {
  const row = await db.selectFrom('agency').select((eb) => eb.fn.min<number | string | null>('createdAt').as('at')).executeTakeFirst();
  return row?.at === null || row?.at === undefined ? undefined : Number(row.at);
};

export const insertAudit = (db: Db, row: Insertable<AuditsTable>) => db.insertInto('audits').values(row).execute();
export const updateAudit = (db: Db, id: string, changes: Updateable<AuditsTable>) => db.updateTable('audits').set(changes).where('id', '=', id).execute();
export const findAudit = (db: Db, id: string) => db.selectFrom('audits').selectAll().where('id', '=', id).executeTakeFirst();
export const listAudits = (db: Db) => db.selectFrom('audits').selectAll().orderBy('startedAt', 'desc').execute();

export const lastAuditOf = (db: Db, kind: AuditsTable['kind']) =>
  db.selectFrom('audits').selectAll().where('kind', '=', kind).orderBy('startedAt', 'desc').limit(1).executeTakeFirst();

export async function replaceSamples(db: Db, auditId: string, seqs: readonly number[]): Promise<void> {
  await db.deleteFrom('auditSamples').where('auditId', '=', auditId).execute();
  if (seqs.length === 0) return;
  await db
    .insertInto('auditSamples')
    .values(seqs.map((entrySeq, position) => ({ auditId, position, entrySeq, purposeSpecific: null, caseNumberReal: null, searchMatchedPurpose: null, notes: null, dataErrors: null, decidedBy: null, decidedAt: null })))
    .execute();
}

export const samplesOf = (db: Db, auditId: string) => db.selectFrom('auditSamples').selectAll().where('auditId', '=', auditId).orderBy('position', 'asc').execute();

export const updateSample = (db: Db, auditId: string, position: number, changes: Updateable<AuditSamplesTable>) =>
  db.updateTable('auditSamples').set(changes).where('auditId', '=', auditId).where('position', '=', position).executeTakeFirst();

export const insertOutsideAuditor = (db: Db, row: Insertable<AuditOutsideAuditorsTable>) => db.insertInto('auditOutsideAuditors').values(row).execute();
export const outsideAuditor = (db: Db, userId: string) => db.selectFrom('auditOutsideAuditors').selectAll().where('userId', '=', userId).executeTakeFirst();
export const outsideAuditorsOf = (db: Db, auditId: string) => db.selectFrom('auditOutsideAuditors').selectAll().where('auditId', '=', auditId).execute();
