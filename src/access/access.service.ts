// Accounts and sessions: sign-in with argon2id passwords, lockout after repeated failures, idle
// timeout and absolute lifetime, sign-out and sign-out everywhere (R14). Every action is
// attributable to one individual account.
//
// Sign-in is a small state machine (R19). The password (from an agency device when the profile
// requires one) opens a session whose `signinStep` says what is still missing: 'enroll' (no second
// factor yet: set one up) or 'totp' (enter a code). Such a session reaches only the routes that
// finish signing in (authorize.ts); the second factor (mfa.service.ts) replaces it with a 'done'
// session on a new token. Failed passwords and failed codes share one lockout counter, which only
// a completed sign-in resets.
import type { Clock } from '../platform/clock.js';
import { MINUTE, HOUR } from '../platform/clock.js';
import { AppError, badRequest, conflict, notFound, unauthenticated } from '../platform/errors.js';
import { newId, newSecret } from '../platform/ids.js';
import * as store from './access.store.js';
import { countActiveAdministrators } from './lifecycle.store.js';
import { addMonths } from './lifecycle.dates.js';
import * as mfaStore from './mfa.store.js';
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
  /** What sign-in still needs; only 'done' sessions reach beyond the sign-in routes. */
  signinStep: SigninStep;
  mustChangePassword: boolean;
  /** The agency device the session signed in from (R19). */
  deviceId: string | null;
}

export type SigninStep = 'enroll' | 'totp' | 'done';

export interface SignInResult {
  /** What the client does next: 'enroll' a second factor, enter a 'totp' code, or nothing ('done'). */
  step: SigninStep;
  token: string;
  expiresAt: number;
  user: PublicUser;
}

/** The agency-device check sign-in runs first (devices.service.ts). */
export interface SignInDeviceCheck {
  checkForSignIn(deviceToken: string | undefined): Promise<string | null>;
}

/** A session that has not finished signing in lasts at most this long. */
export const PENDING_SIGNIN_MINUTES = 15;

export interface SessionPolicy {
  idleTimeoutMinutes: number;
  lifetimeHours: number;
  lockoutAfterFailures: number;
  lockoutMinutes: number;
  /** profile.access.twoFactorRequired (R19): when false, an account without a second factor signs in with its password alone. */
  twoFactorRequired: boolean;
  /** profile.access.approvalReviewIntervalMonths (R18): a new approval falls due for review this many months on. */
  approvalReviewIntervalMonths: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleTimeoutMinutes: 30, lifetimeHours: 12, lockoutAfterFailures: 5, lockoutMinutes: 15, twoFactorRequired: true, approvalReviewIntervalMonths: 12 };

export interface SignInInput {
  username: string;
  password: string;
  clientAddress?: string;
  userAgent?: string;
  /** The browser's agency-device token (cookie pk_device), if it has one. */
  deviceToken?: string | undefined;
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
  /** Why the account is suspended or deleted (R18): a cause for machines, a reason for people. */
  statusCause: string | null;
  statusReason: string | null;
  statusChangedAt: number | null;
  approvedAt: number | null;
  reviewDueAt: number | null;
  needsRetraining: boolean;
  secondFactorEnrolled: boolean;
}

const publicUser = (row: store.UserRow, roles: string[], secondFactorEnrolled: boolean): PublicUser => ({
  id: row.id,
  username: row.username,
  displayName: row.displayName,
  jobTitle: row.jobTitle,
  status: row.status,
  roles,
  lastActiveAt: row.lastActiveAt,
  mustChangePassword: row.mustChangePassword === 1,
  statusCause: row.statusCause,
  statusReason: row.statusReason,
  statusChangedAt: row.statusChangedAt,
  approvedAt: row.approvedAt,
  reviewDueAt: row.reviewDueAt,
  needsRetraining: row.needsRetraining === 1,
  secondFactorEnrolled,
});

const USERNAME = /^[a-z][a-z0-9._-]{2,39}$/;

export class AccessService {
  constructor(
    private readonly db: store.Db,
    private readonly clock: Clock,
    private readonly policy: SessionPolicy = DEFAULT_SESSION_POLICY,
    private readonly devices?: SignInDeviceCheck,
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
        { id: newId(), username: 'admin', displayName: 'ALPR Administrator', jobTitle: 'ALPR Administrator', passwordHash: await hashPassword(password), status: 'active', statusReason: null, lockedUntil: null, lastActiveAt: null, createdAt: now, updatedAt: now, mustChangePassword: 1, ...this.approval(now) },
        ['administrator'],
      );
    });
    return { username: 'admin', password };
  }

  async signIn(input: SignInInput): Promise<SignInResult> {
    const refused = unauthenticated('Username or password is wrong.');
    // R19: from an agency device only, checked before the password so an unknown browser learns nothing.
    const deviceId = this.devices ? await this.devices.checkForSignIn(input.deviceToken) : null;
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
      await this.recordFailedAttempt(user.id);
      throw refused;
    }
    if (user.status === 'suspended') {
      throw new AppError('account_suspended', 403, `This account is suspended (${user.statusReason ?? 'no reason given'}). Ask the ALPR Administrator to reinstate it.`);
    }
    // The failure counter is not reset here: that would give whoever knows the password endless
    // guesses at the second factor. A completed sign-in resets it.
    const totp = await mfaStore.findTotp(this.db, user.id);
    const enrolled = totp !== undefined && totp.confirmedAt !== null;
    const step: SigninStep = enrolled ? 'totp' : this.policy.twoFactorRequired ? 'enroll' : 'done';
    return this.openSession(user, step, { deviceId, clientAddress: input.clientAddress ?? null, userAgent: input.userAgent ?? null });
  }

  /** After the second factor: the pending session ends and a 'done' one starts on a new token (the privilege changed, so the token does too). */
  async completeSignIn(principal: UserPrincipal): Promise<SignInResult> {
    const now = this.clock.now().getTime();
    const pending = await store.findSession(this.db, principal.sessionId);
    const user = await store.findUserById(this.db, principal.userId);
    if (!pending || !user || user.status !== 'active') throw unauthenticated('Your session has ended; sign in again.');
    await store.revokeSession(this.db, principal.sessionId, now);
    return this.openSession(user, 'done', { deviceId: pending.deviceId, clientAddress: pending.clientAddress, userAgent: pending.userAgent });
  }

  /** A wrong password or second-factor code: counts toward the lockout (R14). Returns the lock's end when this failure locked the account. */
  async recordFailedAttempt(userId: string): Promise<number | null> {
    const failures = await store.countFailedSignIn(this.db, userId);
    if (failures < this.policy.lockoutAfterFailures) return null;
    const now = this.clock.now().getTime();
    const lockedUntil = now + this.policy.lockoutMinutes * MINUTE;
    await store.updateUser(this.db, userId, { failedSignIns: 0, lockedUntil });
    await store.revokeSessionsOf(this.db, userId, now);
    return lockedUntil;
  }

  /** Refuses a locked account (before checking a password or a code). */
  assertNotLocked(user: Pick<store.UserRow, 'lockedUntil'>): void {
    if (user.lockedUntil && user.lockedUntil > this.clock.now().getTime()) {
      throw new AppError('account_locked', 423, `Too many failed sign-ins; try again after ${new Date(user.lockedUntil).toISOString()} or ask an administrator to unlock the account.`);
    }
  }

  private async openSession(user: store.UserRow, step: SigninStep, origin: { deviceId: string | null; clientAddress: string | null; userAgent: string | null }): Promise<SignInResult> {
    const now = this.clock.now().getTime();
    const token = newSessionToken();
    const expiresAt = now + (step === 'done' ? this.policy.lifetimeHours * HOUR : PENDING_SIGNIN_MINUTES * MINUTE);
    await store.insertSession(this.db, { id: sessionIdOf(token), userId: user.id, createdAt: now, lastSeenAt: now, expiresAt, revokedAt: null, signinStep: step, ...origin });
    if (step === 'done') await store.updateUser(this.db, user.id, { failedSignIns: 0, lockedUntil: null, lastActiveAt: now });
    return { step, token, user: await this.me(user.id), expiresAt };
  }

  /** approvedAt and the review it falls due for (R18). */
  approval(at: number): { approvedAt: number; reviewDueAt: number } {
    return { approvedAt: at, reviewDueAt: addMonths(at, this.policy.approvalReviewIntervalMonths) };
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
    // Write the activity stamp at most once a minute: sessions are read on every request. Only a
    // completed sign-in counts as use of the account (R18 inactivity).
    if (now - session.lastSeenAt > MINUTE) {
      await store.touchSession(this.db, id, now);
      if (session.signinStep === 'done') await store.updateUser(this.db, user.id, { lastActiveAt: now });
    }
    const roles = (await store.rolesOf(this.db, user.id)).filter((role): role is Role => (ROLES as readonly string[]).includes(role));
    return {
      kind: 'user',
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      roles,
      sessionId: id,
      signinStep: session.signinStep,
      mustChangePassword: user.mustChangePassword === 1,
      deviceId: session.deviceId,
    };
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
    const totp = await mfaStore.findTotp(this.db, userId);
    return publicUser(user, await store.rolesOf(this.db, userId), totp !== undefined && totp.confirmedAt !== null);
  }

  async changePassword(userId: string, current: string, next: string): Promise<void> {
    const user = await store.findUserById(this.db, userId);
    if (!user) throw notFound('user', userId);
    if (!(await verifyPassword(user.passwordHash, current))) throw badRequest('wrong_password', 'The current password is wrong.', 'currentPassword');
    checkPasswordRules(next, user.username);
    await store.updateUser(this.db, userId, { passwordHash: await hashPassword(next), mustChangePassword: 0, updatedAt: this.clock.now().getTime() });
  }

  async listUsers(): Promise<PublicUser[]> {
    const [rows, roles, enrolled] = await Promise.all([store.listUsers(this.db), store.rolesByUser(this.db), mfaStore.enrolledUserIds(this.db)]);
    return rows.map((row) => publicUser(row, roles.get(row.id) ?? [], enrolled.has(row.id)));
  }

  async countActiveAdministrators(): Promise<number> {
    return countActiveAdministrators(this.db);
  }

  /** Replaces a user's roles; returns the roles before. (Granting administrator goes through approvals first.) */
  async setRoles(userId: string, roles: readonly Role[]): Promise<{ before: string[]; after: PublicUser }> {
    const user = await store.findUserById(this.db, userId);
    if (!user || user.status === 'deleted') throw notFound('user', userId);
    if (roles.length === 0) throw badRequest('no_roles', 'Give the user at least one role (mark them as left to end their access).', 'roles');
    const before = await store.rolesOf(this.db, userId);
    await store.replaceRoles(this.db, userId, roles);
    return { before, after: await this.me(userId) };
  }

  /** Creates an account. `rolesPending`: its only role waits for approval, so it starts with none. */
  async createUser(input: NewUserInput, options: { rolesPending?: boolean } = {}): Promise<PublicUser> {
    const username = input.username.trim().toLowerCase();
    if (!USERNAME.test(username)) throw badRequest('invalid_username', 'Usernames are 3–40 characters: a letter first, then letters, digits, dots, dashes or underscores.', 'username');
    if (input.roles.length === 0 && !options.rolesPending) throw badRequest('no_roles', 'Give the user at least one role.', 'roles');
    checkPasswordRules(input.password, username);
    if (await store.findUserByUsername(this.db, username)) throw conflict('username_taken', `The username ${username} is taken; individual accounts cannot be shared (R14).`, 'username');
    const now = this.clock.now().getTime();
    const id = newId();
    await this.db.transaction().execute(async (tx) =>
      store.insertUser(
        tx,
        { id, username, displayName: input.displayName, jobTitle: input.jobTitle, passwordHash: await hashPassword(input.password), status: 'active', statusReason: null, lockedUntil: null, lastActiveAt: null, createdAt: now, updatedAt: now, mustChangePassword: 1, ...this.approval(now) },
        input.roles,
      ),
    );
    return this.me(id);
  }
}
