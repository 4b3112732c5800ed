// A whole Platekeeper app on a fresh database of either backend, driven through HTTP with inject.
// startTestApp signs the bootstrap administrator all the way in, as a person would: it enrolls this
// test "browser" as an agency device (when the profile requires one), signs in, enrolls a TOTP
// authenticator, confirms it with a real code, and changes the temporary password.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { stepAt, TOTP_PERIOD_SECONDS } from '../src/access/mfa.codes.js';
import { createApp, type App } from '../src/app.js';
import type { Clock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
import type { DialectName } from '../src/platform/database.js';
import { freshPostgresDatabase, type Backend } from './databases.js';
import { startClusterApp, type ClusterApp } from './system/cluster.testapp.js';

/** A user signed all the way in: password changed, TOTP enrolled. */
export interface TestUser {
  id: string;
  username: string;
  /** The current password (after the first-sign-in change). */
  password: string;
  /** Base32 TOTP secret, for computing codes with totpCode(). */
  totpSecret: string;
  recoveryCodes: string[];
  /** Headers of a completed sign-in. */
  headers: { authorization: string };
}

export type Headers = Record<string, string>;

export interface TestApp {
  /** The api role's app on the cluster backend. */
  app: App;
  /** The database's dialect ('postgres' on the cluster backend). */
  dialect: DialectName;
  backend: Backend;
  /**
   * Resolves once every read accepted so far is stored and matched, its alerts raised: the single
   * process's group commit and alert queue; on the cluster backend, the writer and matcher roles
   * having consumed everything on the stream. Call it before reading what was just ingested.
   */
  settle(): Promise<void>;
  /** The cluster backend's roles (undefined on a single process). */
  cluster: ClusterApp | undefined;
  /** Resolves once the process that matches reads (the matcher role on the cluster backend) knows a hot-list plate. */
  matcherKnows(plate: { plate: string; region: string }): Promise<void>;
  dataDir: string;
  adminToken: string;
  /** Headers that authenticate as the bootstrap administrator (updated in place by refreshAdmin). */
  admin: { authorization: string };
  adminUser: TestUser;
  /** `pk_device=…`: the cookie of this test browser's agency device, when the profile requires devices. */
  deviceCookie: string | undefined;
  /** Headers for sign-in from this test browser (its device cookie, if any). */
  browser(): Headers;
  /** A TOTP code for the app clock's now that this testkit has not used yet (the next step's, if need be). */
  totpCode(secret: string): string;
  /** Creates a user through the API and signs them all the way in. */
  createUser(roles: string[], input?: Partial<{ username: string; displayName: string; jobTitle: string }>): Promise<TestUser>;
  /** Signs a user in again with password and TOTP (after moving a fake clock past their session), updating user.headers. */
  signInAs(user: TestUser): Promise<{ authorization: string }>;
  /** Signs the bootstrap administrator in again, updating `admin` in place. */
  refreshAdmin(): Promise<void>;
  registerCamera(input?: Partial<{ name: string; kind: 'fixed' | 'mobile'; agencyId: string }>): Promise<{ id: string; key: string; keyId: string }>;
  /**
   * A user who passes the purpose gate: job title authorized, the agency's required course completed
   * (created once), and the given data sources (all three by default; R15, R16, R20).
   */
  createEligibleUser(roles: string[], input?: Partial<{ username: string; displayName: string; jobTitle: string; sources: string[] }>): Promise<TestUser>;
  /** States a purpose for `user` (POST /purposes/state) and returns headers carrying its id (X-Purpose-Id) with the session. */
  withPurpose(user: TestUser, purpose?: Partial<{ caseNumber: string; category: string; reason: string }>): Promise<Headers & { 'x-purpose-id': string }>;
  cleanup(): Promise<void>;
}

export async function startTestApp(backend: Backend, options: { clock?: Clock; profile?: string; flags?: Record<string, unknown> } = {}): Promise<TestApp> {
  const dialect: DialectName = backend === 'cluster' ? 'postgres' : backend;
  const dataDir = mkdtempSync(join(tmpdir(), 'platekeeper-app-'));
  const pg = dialect === 'postgres' ? await freshPostgresDatabase() : undefined;
  const config = loadConfig({
    env: {},
    flags: { dataDir, databaseUrl: pg?.databaseUrl, 'demo.enabled': false, 'log.level': 'silent', profile: options.profile, ...options.flags },
  });
  const cluster = backend === 'cluster' ? await startClusterApp(config, options.clock) : undefined;
  const app = cluster ? cluster.api.app! : await createApp(config, options.clock ? { clock: options.clock } : {});
  await app.http.ready();
  const post = async (url: string, payload: object | undefined, headers: Headers, expected: number) => {
    // Tests are API clients: they ask for the session token in the body (browsers get only the cookie).
    const response = await app.http.inject({ method: 'POST', url, headers: { 'x-platekeeper-token': 'body', ...headers }, ...(payload ? { payload } : {}) });
    if (response.statusCode !== expected) throw new Error(`POST ${url}: expected ${expected}, got ${response.statusCode}: ${response.body}`);
    return response;
  };

  let deviceCookie: string | undefined;
  if (app.firstDevice) {
    const enrolled = await post('/api/v1/devices/enroll', { code: app.firstDevice.enrollmentCode }, {}, 200);
    const cookie = enrolled.cookies.find((c) => c.name === 'pk_device');
    if (!cookie) throw new Error('device enrollment set no pk_device cookie');
    deviceCookie = `pk_device=${cookie.value}`;
  }
  const browser = (): Headers => (deviceCookie ? { cookie: deviceCookie } : {});

  const usedSteps = new Map<string, number>();
  const totpCode = (secret: string): string => {
    const now = stepAt(app.clock.now().getTime());
    const last = usedSteps.get(secret) ?? -1;
    const step = last < now ? now : last + 1;
    if (step > now + 1) throw new Error('Both TOTP codes the server would accept now were used; advance the clock by 30 seconds.');
    usedSteps.set(secret, step);
    return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: step * TOTP_PERIOD_SECONDS * 1000 });
  };

  /** Password, then enroll or verify; a temporary password is changed. Returns the finished user. */
  const signInFully = async (username: string, password: string, known?: TestUser): Promise<TestUser> => {
    const first = (await post('/api/v1/auth/sign-in', { username, password }, browser(), 200)).json() as {
      step: string;
      token: string;
      user: { id: string; mustChangePassword: boolean; secondFactorEnrolled: boolean };
    };
    let headers = { authorization: `Bearer ${first.token}` };
    let totpSecret = known?.totpSecret ?? '';
    let recoveryCodes = known?.recoveryCodes ?? [];
    // Enroll even where the profile would let the password alone do (every test user has a second factor).
    if (first.step === 'enroll' || (first.step === 'done' && !first.user.secondFactorEnrolled)) {
      totpSecret = ((await post('/api/v1/auth/mfa/enroll', undefined, headers, 200)).json() as { secret: string }).secret;
      const confirmed = (await post('/api/v1/auth/mfa/confirm', { code: totpCode(totpSecret) }, headers, 200)).json() as { token: string; recoveryCodes: string[] };
      headers = { authorization: `Bearer ${confirmed.token}` };
      recoveryCodes = confirmed.recoveryCodes;
    } else if (first.step === 'totp') {
      headers = { authorization: `Bearer ${((await post('/api/v1/auth/mfa/verify', { code: totpCode(totpSecret) }, headers, 200)).json() as { token: string }).token}` };
    }
    let current = password;
    if (first.user.mustChangePassword) {
      current = `Pk-${randomBytes(9).toString('base64url')}-test`;
      await post('/api/v1/auth/password', { currentPassword: password, newPassword: current }, headers, 204);
    }
    return { id: first.user.id, username, password: current, totpSecret, recoveryCodes, headers };
  };

  const adminUser = await signInFully('admin', app.bootstrap!.password);
  const admin = { ...adminUser.headers };
  let cameraCount = 0;
  let requiredCourseId: string | undefined;
  let userCount = 0;
  const t: TestApp = {
    app,
    dialect,
    backend,
    cluster,
    async settle() {
      if (cluster) return cluster.settle();
      await app.writer.idle();
      await app.alerts.idle();
    },
    async matcherKnows(plate) {
      if (cluster) return cluster.matcherKnows(plate);
      for (let i = 0; app.hotlists.match(plate).length === 0; i++) {
        if (i > 1_000) throw new Error(`the hot-list matcher did not load ${plate.plate} within 10 s`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    dataDir,
    adminToken: admin.authorization.slice('Bearer '.length),
    admin,
    adminUser,
    deviceCookie,
    browser,
    totpCode,
    async createUser(roles, input = {}) {
      const username = input.username ?? `user${++userCount}.${randomBytes(3).toString('hex')}`;
      const password = `Temp-${randomBytes(9).toString('base64url')}-pw`;
      await post('/api/v1/users', { username, displayName: input.displayName ?? username, jobTitle: input.jobTitle ?? app.profile.access.authorizedJobTitles[0] ?? 'Crime analyst', roles, password }, t.admin, 201);
      return signInFully(username, password);
    },
    async signInAs(user) {
      const again = await signInFully(user.username, user.password, user);
      user.headers = again.headers;
      return again.headers;
    },
    async refreshAdmin() {
      const headers = await t.signInAs(adminUser);
      t.admin.authorization = headers.authorization;
      t.adminToken = headers.authorization.slice('Bearer '.length);
    },
    async registerCamera(input = {}) {
      const kind = input.kind ?? 'fixed';
      const response = await app.http.inject({
        method: 'POST',
        url: '/api/v1/cameras',
        headers: t.admin,
        payload: {
          name: input.name ?? `Test camera ${++cameraCount}`,
          kind,
          ...(kind === 'fixed' ? { location: { lat: 32.7948, lon: -116.9625 }, direction: 90 } : {}),
          placement: 'public_view',
          attestation: true,
          ...(input.agencyId ? { agencyId: input.agencyId } : {}),
        },
      });
      if (response.statusCode !== 201) throw new Error(`camera registration failed: ${response.body}`);
      const body = response.json() as { camera: { id: string }; key: { key: string; keyId: string } };
      return { id: body.camera.id, key: body.key.key, keyId: body.key.keyId };
    },
    async createEligibleUser(roles, input = {}) {
      const jobTitle = input.jobTitle ?? app.profile.access.authorizedJobTitles[0] ?? 'Crime analyst';
      if (!app.authorizations.isJobTitleAuthorized(jobTitle)) {
        // The sole administrator's request applies at once (approvals.service.ts).
        await post('/api/v1/access/job-titles', { title: jobTitle }, t.admin, 202);
      }
      const user = await t.createUser(roles, { ...input, jobTitle });
      if (!requiredCourseId) {
        const courses = (await app.http.inject({ method: 'GET', url: '/api/v1/training/courses', headers: t.admin })).json() as { courses: { id: string; required: boolean; active: boolean }[] };
        requiredCourseId =
          courses.courses.find((c) => c.required && c.active)?.id ??
          ((await post('/api/v1/training/courses', { title: 'ALPR use and privacy', version: 'test' }, t.admin, 201)).json() as { id: string }).id;
      }
      const completedAt = app.clock.now().toISOString().slice(0, 10);
      await post('/api/v1/training/completions', { userId: user.id, courseId: requiredCourseId, completedAt }, t.admin, 201);
      const sources = input.sources ?? ['agency', 'state', 'federal'];
      const set = await app.http.inject({ method: 'PUT', url: `/api/v1/users/${user.id}/data-sources`, headers: t.admin, payload: { sources } });
      if (set.statusCode !== 200) throw new Error(`data sources: ${set.body}`);
      return user;
    },
    async withPurpose(user, purpose = {}) {
      const body = {
        caseNumber: purpose.caseNumber ?? '26-004512',
        category: purpose.category ?? 'stolen_vehicle',
        reason: purpose.reason ?? 'Locating the stolen grey Honda Civic reported in case 26-004512 near Main Street',
      };
      const stated = (await post('/api/v1/purposes/state', body, user.headers, 200)).json() as { purposeId: string };
      return { ...user.headers, 'x-purpose-id': stated.purposeId };
    },
    async cleanup() {
      await (cluster ? cluster.close() : app.close());
      await pg?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}
