// SQL for hot lists, their entries and imports (one function per query; STYLE 2, 6).
import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { HotListEntriesTable, HotListImportsTable, HotListsTable, Tables } from '../storage/tables.js';

export type Db = Kysely<Tables> | Transaction<Tables>;
export type ListRow = Selectable<HotListsTable>;
export type EntryRow = Selectable<HotListEntriesTable>;
export type ImportRow = Selectable<HotListImportsTable>;
export type NewEntry = Insertable<HotListEntriesTable>;

export const listLists = (db: Db) => db.selectFrom('hotLists').selectAll().orderBy('priority').orderBy('name').execute();
export const findList = (db: Db, id: string) => db.selectFrom('hotLists').selectAll().where('id', '=', id).executeTakeFirst();
export const findListByName = (db: Db, name: string) => db.selectFrom('hotLists').selectAll().where('name', '=', name).executeTakeFirst();
export const insertList = (db: Db, row: Insertable<HotListsTable>) => db.insertInto('hotLists').values(row).execute();
export const updateList = (db: Db, id: string, changes: Updateable<HotListsTable>) => db.updateTable('hotLists').set(changes).where('id', '=', id).execute();

export async function deleteList(db: Kysely<Tables>, id: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('hotListEntries').where('listId', '=', id).execute();
    await tx.deleteFrom('hotListImports').where('listId', '=', id).execute();
    await tx.deleteFrom('hotLists').where('id', '=', id).execute();
  });
}

/** An agency list's entries by status (its rows have no import: a short range of the list index). */
export const agencyCounts = (db: Db, listId: string) =>
  db
    .selectFrom('hotListEntries')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .where('listId', '=', listId)
    .where('importId', 'is', null)
    .groupBy('status')
    .execute();

/** How many entries each import put in effect (a general list's count is its current import's). */
export const importedCounts = (db: Db, importIds: readonly string[]) =>
  importIds.length === 0 ? Promise.resolve([]) : db.selectFrom('hotListImports').select(['id', 'rowsImported']).where('id', 'in', [...importIds]).execute();

/** Inserts rows in chunks small enough for either backend's bound-parameter limit. */
export async function insertEntries(db: Db, rows: readonly NewEntry[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 400) await db.insertInto('hotListEntries').values(rows.slice(i, i + 400)).execute();
}

export const findEntry = (db: Db, id: string) => db.selectFrom('hotListEntries').selectAll().where('id', '=', id).executeTakeFirst();
export const updateEntry = (db: Db, id: string, changes: Updateable<HotListEntriesTable>) => db.updateTable('hotListEntries').set(changes).where('id', '=', id).execute();

/** A list's current entries: an agency list's rows, or the rows of a general list's current import. */
export function currentEntries(db: Db, list: ListRow, options: { status?: EntryRow['status'] | undefined; limit: number; offset: number }) {
  let query = db.selectFrom('hotListEntries').selectAll().where('listId', '=', list.id);
  query = list.kind === 'general' ? query.where('importId', '=', list.currentImportId ?? '') : query.where('importId', 'is', null);
  if (options.status) query = query.where('status', '=', options.status);
  return query.orderBy('createdAt', 'desc').orderBy('id').limit(options.limit).offset(options.offset).execute();
}

export const pendingEntries = (db: Db) =>
  db.selectFrom('hotListEntries').selectAll().where('status', '=', 'pending').where('importId', 'is', null).orderBy('createdAt').limit(500).execute();

/**
 * One page of what the matcher uses from one designated list (R5): active entries, a general list's
 * current import only, in id order for keyset paging (a range scan of hot_list_entries_list_import).
 */
export const MATCHER_COLUMNS = ['id', 'listId', 'plate', 'state', 'pattern', 'category', 'ncicCode', 'reason', 'synopsis', 'vehicleMake', 'vehicleModel', 'vehicleColor', 'vehicleBody', 'expiresAt'] as const;
export type MatcherRow = Pick<EntryRow, (typeof MATCHER_COLUMNS)[number]>;

export function matchableEntries(db: Db, list: ListRow, afterId: string, limit: number): Promise<MatcherRow[]> {
  let query = db.selectFrom('hotListEntries').select(MATCHER_COLUMNS).where('listId', '=', list.id);
  query = list.kind === 'general' ? query.where('importId', '=', list.currentImportId ?? '') : query.where('importId', 'is', null);
  return query.where('id', '>', afterId).where('status', '=', 'active').orderBy('id').limit(limit).execute();
}

export const insertImport = (db: Db, row: Insertable<HotListImportsTable>) => db.insertInto('hotListImports').values(row).execute();
export const updateImport = (db: Db, id: string, changes: Updateable<HotListImportsTable>) => db.updateTable('hotListImports').set(changes).where('id', '=', id).execute();
export const findImport = (db: Db, id: string) => db.selectFrom('hotListImports').selectAll().where('id', '=', id).executeTakeFirst();
export const importsOf = (db: Db, listId: string, limit = 50) =>
  db.selectFrom('hotListImports').selectAll().where('listId', '=', listId).orderBy('startedAt', 'desc').limit(limit).execute();
export const runningImports = (db: Db) => db.selectFrom('hotListImports').selectAll().where('status', '=', 'running').execute();

/** Rows an import staged: removed when it fails. */
export const deleteImportRows = (db: Db, listId: string, importId: string) => db.deleteFrom('hotListEntries').where('listId', '=', listId).where('importId', '=', importId).execute();

/**
 * After the swap: up to `limit` rows of a general list that are not its current import (the
 * replaced contents, or rows a killed import staged). Invisible to the matcher already; deleted in
 * batches so no single statement holds the database long. Returns how many went.
 */
export async function deleteReplacedRows(db: Db, listId: string, keepImportId: string, limit: number): Promise<number> {
  const ids = await db
    .selectFrom('hotListEntries')
    .select('id')
    .where('listId', '=', listId)
    .where((eb) => eb.or([eb('importId', '!=', keepImportId), eb('importId', 'is', null)]))
    .limit(limit)
    .execute();
  if (ids.length === 0) return 0;
  await db.deleteFrom('hotListEntries').where('id', 'in', ids.map((row) => row.id)).execute();
  return ids.length;
}

/** R13: entries past their expiry stop matching. */
export const expireEntries = (db: Db, now: number) =>
  db.updateTable('hotListEntries').set({ status: 'expired', updatedAt: now }).where('status', 'in', ['active', 'pending']).where('expiresAt', '<=', now).executeTakeFirst();

/** R13: expired and rejected entries of a list are deleted once older than its retention. */
export const deleteEndedEntries = (db: Db, listId: string, before: number) =>
  db.deleteFrom('hotListEntries').where('listId', '=', listId).where('status', 'in', ['expired', 'rejected']).where('updatedAt', '<', before).executeTakeFirst();

// "Has this plate been seen?" (a search: only behind the purpose gate, see the service).
export const platesIn = (db: Db, plates: readonly string[]) => db.selectFrom('plates').selectAll().where('plate', 'in', [...plates]).execute();
export const platesLike = (db: Db, like: string, limit: number) => db.selectFrom('plates').selectAll().where('plate', 'like', like).limit(limit).execute();

const READ_COLUMNS = ['r.id', 'r.cameraId', 'r.capturedAt', 'r.lat', 'r.lon', 'r.vehicleMake', 'r.vehicleModel', 'r.vehicleColor', 'r.vehicleBody', 'p.plate', 'p.region'] as const;

export const readsOfPlates = (db: Db, plateIds: readonly number[], limit: number) =>
  db.selectFrom('reads as r').innerJoin('plates as p', 'p.id', 'r.plateId').select(READ_COLUMNS).where('r.plateId', 'in', [...plateIds]).orderBy('r.capturedAt', 'desc').limit(limit).execute();

/** Candidate reads for a description entry: the make, case-insensitively (the caller compares canonically). */
export const readsByMakes = (db: Db, makes: readonly string[], limit: number) =>
  db
    .selectFrom('reads as r')
    .innerJoin('plates as p', 'p.id', 'r.plateId')
    .select(READ_COLUMNS)
    .where((eb) => eb.fn('lower', ['r.vehicleMake']), 'in', makes.map((m) => m.toLowerCase()))
    .orderBy('r.capturedAt', 'desc')
    .limit(limit)
    .execute();

export type ReadHitRow = Awaited<ReturnType<typeof readsOfPlates>>[number];
