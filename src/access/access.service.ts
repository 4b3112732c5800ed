// Accounts and sessions: sign-in with argon2id passwords, lockout after repeated failures, idle
// timeout and absolute lifetime, sign-out and sign-out everywhere (R14). Every action is
// attributable to one individual account.
import type { Clock } from '../platform/clock.js';
import { MINUTE, HOUR } from '../platform/clock.js';
import { AppError, badRequest, conflict, notFound, unauthenticated } from '../platform/errors.js';
import { newId, newSecret } from '../platform/ids.js';
import * as store from './access.store.js';
import { checkPasswordRules, hashPassword, verifyPassword } from './passwords.js';
import { ROLES, type Role } from './permissions.js';
import { newSessionToken, sessionIdOf } from './sessions.js';

export interface UserPrincipal {
  kind: 'user';
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  sessionId: string;
}

export interface SessionPolicy {
  idleTimeoutMinutes: number;
  lifetimeHours: number;
  lockoutAfterFailures: number;
  lockoutMinutes: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleTimeoutMinutes: 30, lifetimeHours: 12, lockoutAfterFailures: 5, lockoutMinutes: 15 };

export interface SignInInput {
  username: string;
  password: string;
  clientAddress?: string;
  userAgent?: string;
}

export interface NewUserInput {
  username: string;
  displayName: string;
  jobTitle: string;
  roles: Role[];
  password: string;
}

export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  jobTitle: string;
  status: string;
  roles: string[];
  lastActiveAt: number | null;
  mustChangePassword: boolean;
}

const publicUser = (row: store.UserRow, roles: string[]): PublicUser => ({
  id: row.id,
  username: row.username,
  displayName: row.displayName,
  jobTitle: row.jobTitle,
  status: row.status,
  roles,
  lastActiveAt: row.lastActiveAt,
  mustChangePassword: row.mustChangePassword === 1,
});

const USERNAME = /^[a-z][a-z0-9._-]{2,39}$/;

export class AccessService {
  constructor(
    private readonly db: store.Db,
    private readonly clock: Clock,
    private readonly policy: SessionPolicy = DEFAULT_SESSION_POLICY,
  ) {}

  /** First start: the agency and one administrator with a one-time password, printed once. */
  async bootstrap(agencyName: string): Promise<{ username: string; password: string } | undefined> {
    if ((await store.countUsers(this.db)) > 0) return undefined;
    const now = this.clock.now().getTime();
    const password = newSecret(15);
    await this.db.transaction().execute(async (tx) => {
      await tx.insertInto('agency').values({ id: 'agency', name: agencyName, createdAt: now }).onConflict((oc) => oc.column('id').doNothing()).execute();
      await store.insertUser(
        tx,
        { id: newId(), username: 'admin', displayName: 'ALPR Administrator', jobTitle: 'ALPR Administrator', passwordHash: await hashPassword(password), status: 'active', statusReason: null, lockedUntil: null, lastActiveAt: null, createdAt: now, updatedAt: now, mustChangePassword: 1 },
        ['administrator'],
      );
    });
    return { username: 'admin', password };
  }

  async signIn(input: SignInInput): Promise<{ token: string; user: PublicUser; expiresAt: number }> {
    const refused = unauthenticated('Username or password is wrong.');
    const user = await store.findUserByUsername(this.db, input.username.trim().toLowerCase());
    const now = this.clock.now().getTime();
    if (!user || user.status === 'deleted') {
      await hashPassword(input.password); // same work either way: no timing oracle for usernames
      throw refused;
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      throw new AppError('account_locked', 423, `Too many failed sign-ins; try again after ${new Date(user.lockedUntil).toISOString()} or ask an administrator to unlock the account.`);
    }
    if (!(await verifyPassword(user.passwordHash, input.password))) {
      const failures = user.failedSignIns + 1;
      const locked = failures >= this.policy.lockoutAfterFailures;
      await store.updateUser(this.db, user.id, { failedSignIns: locked ? 0 : failures, lockedUntil: locked ? now + this.policy.lockoutMinutes * MINUTE : user.lockedUntil });
      throw refused;
    }
    if (user.status === 'suspended') {
      throw new AppError('account_suspended', 403, `This account is suspended (${user.statusReason ?? 'no reason given'}). Ask the ALPR Administrator to reinstate it.`);
    }
    const token = newSessionToken();
    const expiresAt = now + this.policy.lifetimeHours * HOUR;
    await store.insertSession(this.db, { id: sessionIdOf(token), userId: user.id, createdAt: now, lastSeenAt: now, expiresAt, revokedAt: null, clientAddress: input.clientAddress ?? null, userAgent: input.userAgent ?? null });
    await store.updateUser(this.db, user.id, { failedSignIns: 0, lockedUntil: null, lastActiveAt: now });
    return { token, user: publicUser(user, await store.rolesOf(this.db, user.id)), expiresAt };
  }

  /** The signed-in user for a session token, or undefined when the session is over. */
  async authenticate(token: string): Promise<UserPrincipal | undefined> {
    const id = sessionIdOf(token);
    const session = await store.findSession(this.db, id);
    const now = this.clock.now().getTime();
    if (!session || session.revokedAt !== null || session.expiresAt <= now) return undefined;
    if (now - session.lastSeenAt > this.policy.idleTimeoutMinutes * MINUTE) {
      await store.revokeSession(this.db, id, now);
      return undefined;
    }
    const user = await store.findUserById(this.db, session.userId);
    if (!user || user.status !== 'active') return undefined;
    // Write the activity stamp at most once a minute: sessions are read on every request.
    if (now - session.lastSeenAt > MINUTE) {
      await store.touchSession(this.db, id, now);
      await store.updateUser(this.db, user.id, { lastActiveAt: now });
    }
    const roles = (await store.rolesOf(this.db, user.id)).filter((role): role is Role => (ROLES as readonly string[]).includes(role));
    return { kind: 'user', userId: user.id, username: user.username, displayName: user.displayName, roles, sessionId: id };
  }

  async signOut(token: string): Promise<void> {
    await store.revokeSession(this.db, sessionIdOf(token), this.clock.now().getTime());
  }

  async signOutEverywhere(userId: string): Promise<void> {
    await store.revokeSessionsOf(this.db, userId, this.clock.now().getTime());
  }

  async me(userId: string): Promise<PublicUser> {
    const user = await store.findUserById(this.db, userId);
    if (!user) throw notFound('user', userId);
    return publicUser(user, await store.rolesOf(this.db, userId));
  }

  async changePassword(userId: string, current: string, next: string): Promise<void> {
    const user = await store.findUserById(this.db, userId);
    if (!user) throw notFound('user', userId);
    if (!(await verifyPassword(user.passwordHash, current))) throw badRequest('wrong_password', 'The current password is wrong.', 'currentPassword');
    checkPasswordRules(next, user.username);
    await store.updateUser(this.db, userId, { passwordHash: await hashPassword(next), mustChangePassword: 0, updatedAt: this.clock.now().getTime() });
  }

  async listUsers(): Promise<PublicUser[]> {
    const [rows, roles] = await Promise.all([store.listUsers(this.db), store.rolesByUser(this.db)]);
    return rows.map((row) => publicUser(row, roles.get(row.id) ?? []));
  }

  async createUser(input: NewUserInput): Promise<PublicUser> {
    const username = input.username.trim().toLowerCase();
    if (!USERNAME.test(username)) throw badRequest('invalid_username', 'Usernames are 3–40 characters: a letter first, then letters, digits, dots, dashes or underscores.', 'username');
    if (input.roles.length === 0) throw badRequest('no_roles', 'Give the user at least one role.', 'roles');
    checkPasswordRules(input.password, username);
    if (await store.findUserByUsername(this.db, username)) throw conflict('username_taken', `The username ${username} is taken; individual accounts cannot be shared (R14).`, 'username');
    const now = this.clock.now().getTime();
    const id = newId();
    await this.db.transaction().execute(async (tx) =>
      store.insertUser(
        tx,
        { id, username, displayName: input.displayName, jobTitle: input.jobTitle, passwordHash: await hashPassword(input.password), status: 'active', statusReason: null, lockedUntil: null, lastActiveAt: null, createdAt: now, updatedAt: now, mustChangePassword: 1 },
        input.roles,
      ),
    );
    return this.me(id);
  }
}
