// The second factor (R19): TOTP (RFC 6238) with one-time recovery codes. A user enrolls once (the
// secret is shown once, as an otpauth:// URI and in base32), confirms with a first code, and gets
// ten recovery codes; at each sign-in after the password, a code (or an unused recovery code)
// finishes signing in. Codes one step early or late are accepted; a code of a step already used is
// refused (replay). Wrong codes count toward the same lockout as wrong passwords. Administrators
// can reset a user's second factor, after which the user enrolls again at next sign-in.
import type { Actor, AuditRecorder, ClientOrigin } from '../audit/access-log.js';
import type { Clock } from '../platform/clock.js';
import { AppError, badRequest, conflict, notFound, unauthenticated } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import type { AccessService, SignInResult, UserPrincipal } from './access.service.js';
import * as accessStore from './access.store.js';
import {
  RECOVERY_CODE_COUNT,
  TOTP_ALGORITHM,
  TOTP_DIGITS,
  TOTP_PERIOD_SECONDS,
  hashRecoveryCode,
  matchTotp,
  newRecoveryCode,
  newTotpSecret,
  totpUri,
} from './mfa.codes.js';
import * as store from './mfa.store.js';

export interface TotpEnrollment {
  /** Base32 secret, shown this once (for typing into an app that cannot scan). */
  secret: string;
  /** otpauth://totp/… for a QR code. */
  uri: string;
  issuer: string;
  accountName: string;
  algorithm: string;
  digits: number;
  period: number;
}

export interface SecondFactorStatus {
  enrolled: boolean;
  enrolledAt: number | null;
  /** An enrollment was started and awaits its confirming code. */
  pending: boolean;
  recoveryCodesLeft: number;
}

export type SecondFactorProof = { code: string; recoveryCode?: undefined } | { recoveryCode: string; code?: undefined };

type Recorder = Pick<AuditRecorder, 'recordAuth' | 'recordChange'>;

export class MfaService {
  constructor(
    private readonly db: accessStore.Db,
    private readonly clock: Clock,
    private readonly access: AccessService,
    private readonly audit: Recorder,
    private readonly options: { issuer: string },
  ) {}

  async status(userId: string): Promise<SecondFactorStatus> {
    const totp = await store.findTotp(this.db, userId);
    return {
      enrolled: totp?.confirmedAt != null,
      enrolledAt: totp?.confirmedAt ?? null,
      pending: totp !== undefined && totp.confirmedAt === null,
      recoveryCodesLeft: totp?.confirmedAt != null ? await store.countUnusedRecoveryCodes(this.db, userId) : 0,
    };
  }

  /** Starts enrollment with a new secret (replacing an unconfirmed one). */
  async enroll(principal: UserPrincipal): Promise<TotpEnrollment> {
    const existing = await store.findTotp(this.db, principal.userId);
    if (existing?.confirmedAt != null) {
      throw conflict('second_factor_already_enrolled', 'You already have an authenticator. To replace it (a lost phone), ask the ALPR Administrator to reset your second factor.');
    }
    const secret = newTotpSecret();
    await store.putPendingTotp(this.db, principal.userId, secret, this.clock.now().getTime());
    return {
      secret,
      uri: totpUri(secret, this.options.issuer, principal.username),
      issuer: this.options.issuer,
      accountName: principal.username,
      algorithm: TOTP_ALGORITHM,
      digits: TOTP_DIGITS,
      period: TOTP_PERIOD_SECONDS,
    };
  }

  /** The first code proves the app holds the secret: the authenticator is active, sign-in completes, and ten recovery codes are shown once. */
  async confirm(principal: UserPrincipal, code: string, origin: ClientOrigin): Promise<SignInResult & { recoveryCodes: string[] }> {
    const user = await this.activeUser(principal);
    const totp = await store.findTotp(this.db, user.id);
    if (!totp) throw conflict('enrollment_not_started', 'Start enrollment first (POST /api/v1/auth/mfa/enroll), add the key to your authenticator app, then confirm with the code it shows.');
    if (totp.confirmedAt !== null) throw conflict('second_factor_already_enrolled', 'Your authenticator is already confirmed; sign in with a code from it (POST /api/v1/auth/mfa/verify).');
    const now = this.clock.now().getTime();
    const step = matchTotp(totp.secret, code, now);
    if (step === undefined || !(await store.claimStep(this.db, user.id, step, now))) {
      await this.fail(principal, 'wrong_code', origin);
      throw wrongCode();
    }
    const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, () => newRecoveryCode());
    await store.replaceRecoveryCodes(this.db, user.id, recoveryCodes.map((plain) => ({ id: newId(), codeHash: hashRecoveryCode(plain) })), now);
    const result = await this.access.completeSignIn(principal);
    await this.audit.recordAuth({ action: 'auth.second_factor_enrolled', username: principal.username, userId: principal.userId, ...origin });
    return { ...result, recoveryCodes };
  }

  /** The second step of sign-in: a current code, or one unused recovery code. */
  async verify(principal: UserPrincipal, proof: SecondFactorProof, origin: ClientOrigin): Promise<SignInResult & { recoveryCodesLeft: number }> {
    if (principal.signinStep === 'done') throw conflict('second_factor_already_verified', 'This session has already finished signing in.');
    if (principal.signinStep === 'enroll') throw conflict('second_factor_not_enrolled', 'You have no authenticator yet: set one up (POST /api/v1/auth/mfa/enroll, then /api/v1/auth/mfa/confirm).');
    const user = await this.activeUser(principal);
    const totp = await store.findTotp(this.db, user.id);
    if (!totp || totp.confirmedAt === null) throw conflict('second_factor_not_enrolled', 'Your second factor was reset: sign in again to set up a new authenticator.');
    const now = this.clock.now().getTime();
    if (proof.code !== undefined) {
      const step = matchTotp(totp.secret, proof.code, now);
      if (step === undefined) {
        await this.fail(principal, 'wrong_code', origin);
        throw wrongCode();
      }
      if (!(await store.claimStep(this.db, user.id, step))) {
        await this.fail(principal, 'code_already_used', origin);
        throw badRequest('code_already_used', 'That code was already used. Wait for your authenticator app to show the next code (they change every 30 seconds) and enter that one.', 'code');
      }
    } else if (!(await store.useRecoveryCode(this.db, user.id, hashRecoveryCode(proof.recoveryCode), now))) {
      await this.fail(principal, 'wrong_recovery_code', origin);
      throw badRequest('wrong_recovery_code', 'That recovery code is wrong or was already used. Each recovery code works once; try another one, or ask the ALPR Administrator to reset your second factor.', 'recoveryCode');
    }
    const result = await this.access.completeSignIn(principal);
    await this.audit.recordAuth({ action: proof.code !== undefined ? 'auth.second_factor' : 'auth.recovery_code', username: principal.username, userId: principal.userId, ...origin });
    return { ...result, recoveryCodesLeft: await store.countUnusedRecoveryCodes(this.db, user.id) };
  }

  /** Administrator: removes a user's authenticator and recovery codes and ends their sessions; they enroll again at next sign-in. */
  async reset(userId: string, actor: Actor, origin?: ClientOrigin): Promise<void> {
    const user = await accessStore.findUserById(this.db, userId);
    if (!user || user.status === 'deleted') throw notFound('user', userId);
    const before = await this.status(userId);
    const now = this.clock.now().getTime();
    await this.db.transaction().execute(async (tx) => {
      await store.deleteSecondFactor(tx, userId);
      await accessStore.revokeSessionsOf(tx, userId, now);
    });
    await this.audit.recordChange(actor, 'user.second_factor_reset', { secondFactorEnrolled: before.enrolled }, { secondFactorEnrolled: false }, {
      ...origin,
      subject: { userId, username: user.username },
      reason: 'the user enrolls a new authenticator at next sign-in',
    });
  }

  private async activeUser(principal: UserPrincipal) {
    const user = await accessStore.findUserById(this.db, principal.userId);
    if (!user || user.status !== 'active') throw unauthenticated('Your session has ended; sign in again.');
    this.access.assertNotLocked(user);
    return user;
  }

  private async fail(principal: UserPrincipal, failure: string, origin: ClientOrigin): Promise<void> {
    const lockedUntil = await this.access.recordFailedAttempt(principal.userId);
    await this.audit.recordAuth({ action: 'auth.second_factor_failed', username: principal.username, userId: principal.userId, failure, ...origin });
    if (lockedUntil !== null) {
      throw new AppError('account_locked', 423, `Too many failed sign-ins; try again after ${new Date(lockedUntil).toISOString()} or ask an administrator to unlock the account.`);
    }
  }
}

const wrongCode = () =>
  badRequest('wrong_code', 'That code is not right. Enter the 6-digit code your authenticator app shows now (codes change every 30 seconds; check that the phone sets its clock automatically).', 'code');
