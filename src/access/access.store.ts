// SQL for accounts and sessions. Functions take the database (or a transaction) they run on.
import type { Kysely } from 'kysely';
import type { Tables, UsersTable } from '../storage/tables.js';
import type { Insertable, Selectable } from 'kysely';

export type Db = Kysely<Tables>;
export type UserRow = Selectable<UsersTable>;

export const findUserByUsername = (db: Db, username: string) =>
  db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();

export const findUserById = (db: Db, id: string) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export async function rolesOf(db: Db, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('userRoles').select('role').where('userId', '=', userId).orderBy('role').execute();
  return rows.map((row) => row.role);
}

export async function rolesByUser(db: Db): Promise<Map<string, string[]>> {
  const rows = await db.selectFrom('userRoles').select(['userId', 'role']).orderBy('role').execute();
  const out = new Map<string, string[]>();
  for (const row of rows) out.set(row.userId, [...(out.get(row.userId) ?? []), row.role]);
  return out;
}

export const listUsers = (db: Db) => db.selectFrom('users').selectAll().where('status', '!=', 'deleted').orderBy('username').execute();

export const countUsers = async (db: Db) => Number((await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

export async function insertUser(db: Db, user: Insertable<UsersTable>, roles: readonly string[]) {
  await db.insertInto('users').values(user).execute();
  if (roles.length) await db.insertInto('userRoles').values(roles.map((role) => ({ userId: user.id, role }))).execute();
}

export async function replaceRoles(db: Db, userId: string, roles: readonly string[]) {
  await db.deleteFrom('userRoles').where('userId', '=', userId).execute();
  if (roles.length) await db.insertInto('userRoles').values(roles.map((role) => ({ userId, role }))).execute();
}

/** Counts one failed sign-in or code in one statement, so concurrent guesses each count; returns the new count. */
export async function countFailedSignIn(db: Db, id: string): Promise<number> {
  await db.updateTable('users').set((eb) => ({ failedSignIns: eb('failedSignIns', '+', 1) })).where('id', '=', id).execute();
  return (await db.selectFrom('users').select('failedSignIns').where('id', '=', id).executeTakeFirst())?.failedSignIns ?? 0;
}

export const updateUser = (db: Db, id: string, changes: Partial<Omit<UserRow, 'id'>>) =>
  db.updateTable('users').set(changes).where('id', '=', id).execute();

export const insertSession = (db: Db, session: Insertable<Tables['sessions']>) => db.insertInto('sessions').values(session).execute();

export const findSession = (db: Db, id: string) => db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();

export const touchSession = (db: Db, id: string, at: number) => db.updateTable('sessions').set({ lastSeenAt: at }).where('id', '=', id).execute();

export const revokeSession = (db: Db, id: string, at: number) =>
  db.updateTable('sessions').set({ revokedAt: at }).where('id', '=', id).where('revokedAt', 'is', null).execute();

export const revokeSessionsOf = (db: Db, userId: string, at: number) =>
  db.updateTable('sessions').set({ revokedAt: at }).where('userId', '=', userId).where('revokedAt', 'is', null).execute();
