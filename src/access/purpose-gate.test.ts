// The purpose gate on both backends (invariant 1; R15, R16, R19–R22, R25, R37): who is refused and
// why, what a context carries, and that the access-log entry is written before data is returned.
import { fixedTitles } from './job-titles.service.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.js';
import { AccessLog } from '../audit/access-log.js';
import { DAY, FakeClock } from '../platform/clock.js';
import { AppError } from '../platform/errors.js';
import { loadProfile } from '../policy/index.js';
import type { UserPrincipal } from './access.service.js';
import * as accessStore from './access.store.js';
import { readThroughLog, recordAccess, type DataSource } from './access-context.js';
import { AuthorizationsService } from './purpose-authorizations.js';
import { PurposeGate } from './purpose-gate.js';
import type { PurposeInput } from './purpose-rules.js';
import { TrainingService } from './training.service.js';

const START = '2026-11-23T12:00:00Z';
const good: PurposeInput = { caseNumber: '26-004512', category: 'felony_investigation', reason: 'Burglary at 400 Main St on 11/20; white pickup seen leaving' };
const request = { clientAddress: '10.0.0.7', device: 'Mozilla/5.0', action: 'search.plate' };

describe.each(DIALECTS)('purpose gate on %s', (dialect) => {
  let t: TestDatabase;
  let clock: FakeClock;
  let log: AccessLog;
  let training: TrainingService;
  let authorizations: AuthorizationsService;
  let gate: PurposeGate;
  let agencyDevicesOnly: boolean;
  const admin = { actor: { userId: 'admin-id', username: 'admin' } };

  async function addUser(username: string, over: Partial<accessStore.UserRow> = {}, roles = ['analyst']): Promise<UserPrincipal> {
    const now = clock.now().getTime();
    const id = `${username}-id`;
    await accessStore.insertUser(
      t.handle.db,
      { id, username, displayName: username, jobTitle: 'Crime Analyst', passwordHash: 'x', status: 'active', statusReason: null, lockedUntil: null, lastActiveAt: null, createdAt: now, updatedAt: now, ...over },
      roles,
    );
    return { kind: 'user', userId: id, username, displayName: username, roles: roles as UserPrincipal['roles'], sessionId: `${username}-session`, signinStep: 'done', mustChangePassword: false, deviceId: 'device-1' };
  }

  async function trainedUser(username: string, sources: DataSource[] = ['agency', 'state'], over: Partial<accessStore.UserRow> = {}) {
    const user = await addUser(username, over);
    const [course] = await training.listCourses();
    await training.recordCompletion(admin, { userId: user.userId, courseId: course!.id, completedAt: clock.now() });
    await authorizations.setDataSources(admin, user.userId, sources);
    return user;
  }

  async function refusal(promise: Promise<unknown>): Promise<{ id: string; status: number; message: string }> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    const { id, status, message } = error as AppError;
    return { id, status, message };
  }

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    clock = new FakeClock(START);
    log = new AccessLog(t.handle, clock, { organization: 'Test PD' });
    const profile = loadProfile('ca-doj-template');
    agencyDevicesOnly = true;
    training = new TrainingService(t.handle.db, clock, { retrainingIntervalMonths: 12, coordinatorTitle: 'Training Sergeant' }, log);
    authorizations = new AuthorizationsService(t.handle.db, clock, fixedTitles(['Crime analyst', 'Sworn police officer']), log);
    gate = new PurposeGate({
      db: t.handle.db,
      clock,
      profile: { ...profile, access: { ...profile.access, get agencyDevicesOnly() { return agencyDevicesOnly; } } },
      training,
      authorizations,
      recorder: log,
    });
    await training.createCourse(admin, { title: 'ALPR use and privacy', version: '2026.1' });
  });
  afterEach(async () => {
    await t.cleanup();
  });

  it('opens for a trained, authorized user and carries the purpose, the client and the data sources', async () => {
    const user = await trainedUser('analyst1');
    const ctx = await gate.open(user, { ...good, caseNumber: ' 26-004512 ' }, request);
    expect(ctx.purpose).toEqual(good);
    expect(ctx.user).toMatchObject({ userId: user.userId, username: 'analyst1', jobTitle: 'Crime Analyst', roles: ['analyst'] });
    expect(ctx.clientAddress).toBe('10.0.0.7');
    expect(ctx.device).toBe('device-1'); // the session's agency device wins over the user agent
    expect(ctx.openedAt.toISOString()).toBe('2026-11-23T12:00:00.000Z');
    expect(ctx.maySee('agency')).toBe(true);
    expect(ctx.maySee('state')).toBe(true);
    expect(ctx.maySee('federal')).toBe(false); // R20
    expect(Object.isFrozen(ctx)).toBe(true);
  });

  it('writes the access-log entry before the data is handed back', async () => {
    const ctx = await gate.open(await trainedUser('analyst1'), good, request);
    const order: string[] = [];
    const rows = await readThroughLog(ctx, { action: 'search.plate', dataElements: { plate: '7ABC123' } }, async () => {
      order.push('query');
      return [{ id: 'r1' }, { id: 'r2' }];
    });
    order.push('returned');
    expect(rows).toHaveLength(2);
    const { entries } = await log.query({ category: 'data_access' }, { limit: 10 });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'search.plate',
      actorUsername: 'analyst1',
      organization: 'Test PD',
      purposeCase: '26-004512',
      purposeCategory: 'felony_investigation',
      purposeReason: good.reason,
      resultCount: 2,
      clientAddress: '10.0.0.7',
      device: 'device-1',
    });
    expect(entries[0]!.dataElements).toMatchObject({ plate: '7ABC123', accessContext: ctx.id, dataSources: ['agency', 'state'] });
    expect(order).toEqual(['query', 'returned']);

    // A failing log write means no data: the error reaches the caller instead of the rows.
    const failing = await gate.open(await trainedUser('analyst2'), good, request);
    await t.handle.db.schema.dropTable('access_log').execute().catch(() => undefined);
    await expect(readThroughLog(failing, { action: 'search.plate', dataElements: {} }, async () => [{ id: 'r1' }])).rejects.toThrow();
    await expect(recordAccess(failing, { action: 'image.view', dataElements: {}, resultCount: 1 })).rejects.toThrow();
  });

  it.each([
    ['suspended', { status: 'suspended', statusReason: 'not used for 12 months' }, 'account_not_active', /suspended \(not used for 12 months\).*ALPR Administrator/],
    ['an unauthorized job title', { jobTitle: 'Parking enforcement' }, 'job_title_not_authorized', /"Parking enforcement" is not authorized.*Crime analyst, Sworn police officer.*R16/],
  ] as const)('refuses a user %s', async (_name, over, id, message) => {
    const user = await trainedUser('user1', ['agency'], over);
    const refused = await refusal(gate.open(user, good, request));
    expect(refused).toMatchObject({ id, status: 403 });
    expect(refused.message).toMatch(message);
  });

  it('refuses a user who must retrain after a reactivation, though an older completion is still valid', async () => {
    const user = await trainedUser('returning');
    await accessStore.updateUser(t.handle.db, user.userId, { needsRetraining: 1, statusChangedAt: clock.now().getTime() });
    const refused = await refusal(gate.open(user, good, request));
    expect(refused).toMatchObject({ id: 'retraining_required', status: 403 });
    expect(refused.message).toMatch(/reactivated.*retrain.*Training Sergeant/);
  });

  it('refuses an untrained user, naming the course and who to ask', async () => {
    const user = await addUser('rookie');
    await authorizations.setDataSources(admin, user.userId, ['agency']);
    const refused = await refusal(gate.open(user, good, request));
    expect(refused).toMatchObject({ id: 'training_missing', status: 403 });
    expect(refused.message).toMatch(/"ALPR use and privacy" \(version 2026\.1\).*Training Sergeant/);
  });

  it('refuses everyone while no required course exists', async () => {
    const user = await trainedUser('analyst1');
    const [course] = await training.listCourses();
    await training.updateCourse(admin, course!.id, { active: false });
    expect(await refusal(gate.open(user, good, request))).toMatchObject({ id: 'training_not_configured', status: 403 });
  });

  it('refuses once training has expired, and when a new required version is added', async () => {
    const user = await trainedUser('analyst1');
    clock.advance(364 * DAY);
    await expect(gate.open(user, good, request)).resolves.toBeDefined();
    clock.advance(2 * DAY);
    const refused = await refusal(gate.open(user, good, request));
    expect(refused).toMatchObject({ id: 'training_expired', status: 403 });
    expect(refused.message).toMatch(/expired on 2027-11-23.*every 12 months.*Training Sergeant/);
    // A new version, required at once: the earlier completion does not cover it.
    const fresh = await trainedUser('analyst2');
    await training.createCourse(admin, { title: 'ALPR use and privacy', version: '2027.1' });
    expect(await refusal(gate.open(fresh, good, request))).toMatchObject({ id: 'training_missing' });
  });

  it('clears needs_retraining once every required course is retaken after the reactivation', async () => {
    const reactivatedAt = clock.now().getTime() + DAY;
    const user = await trainedUser('returning', ['agency'], { needsRetraining: 1, statusChangedAt: reactivatedAt });
    clock.advance(2 * DAY);
    expect(await refusal(gate.open(user, good, request))).toMatchObject({ id: 'retraining_required' });
    const [course] = await training.listCourses();
    await training.recordCompletion(admin, { userId: user.userId, courseId: course!.id, completedAt: clock.now() });
    expect((await accessStore.findUserById(t.handle.db, user.userId))?.needsRetraining).toBe(0);
    await expect(gate.open(user, good, request)).resolves.toBeDefined();
  });

  it('refuses a session without its second factor, or not from an agency device (R19)', async () => {
    const user = await trainedUser('analyst1');
    expect(await refusal(gate.open({ ...user, signinStep: 'totp' }, good, request))).toMatchObject({ id: 'second_factor_required', status: 403 });
    expect(await refusal(gate.open({ ...user, deviceId: null }, good, request))).toMatchObject({ id: 'agency_device_required', status: 403 });
    agencyDevicesOnly = false;
    const ctx = await gate.open({ ...user, deviceId: null }, good, request);
    expect(ctx.device).toBe('Mozilla/5.0');
  });

  it('refuses a user authorized for no data source (R20)', async () => {
    const user = await trainedUser('analyst1', []);
    const refused = await refusal(gate.open(user, good, request));
    expect(refused).toMatchObject({ id: 'no_data_sources', status: 403 });
  });

  it('authorizes no job title while the profile lists none (R16)', async () => {
    const none = new AuthorizationsService(t.handle.db, clock, fixedTitles([]), log);
    const gate2 = new PurposeGate({ db: t.handle.db, clock, profile: loadProfile('ca-doj-template'), training, authorizations: none, recorder: log });
    const refused = await refusal(gate2.open(await trainedUser('analyst1'), good, request));
    expect(refused).toMatchObject({ id: 'job_title_not_authorized', status: 403 });
    expect(refused.message).toMatch(/no job title is authorized yet: the Administrator lists them under Job titles/);
    // Titles compare case-insensitively, whitespace collapsed: "Crime Analyst" matches "Crime analyst".
    expect(authorizations.isJobTitleAuthorized('  crime   ANALYST ')).toBe(true);
  });

  it('refuses a purpose to fix with 422 and a prohibited purpose with 403, logging only the latter, without its text', async () => {
    const user = await trainedUser('analyst1');
    const generic = await refusal(gate.open(user, { ...good, reason: 'investigation' }, request));
    expect(generic).toMatchObject({ id: 'purpose_reason_generic', status: 422 });
    const ice = await refusal(gate.open(user, { ...good, reason: 'Assist ICE locating grey Camry, DOB 03/14/1985' }, request));
    expect(ice).toMatchObject({ id: 'purpose_immigration_enforcement', status: 403 });
    const { entries } = await log.query({ actionPrefix: 'purpose.' }, { limit: 10 });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'purpose.refused', purposeCase: '26-004512', purposeCategory: 'felony_investigation', resultCount: 0 });
    expect(entries[0]!.purposeReason).not.toMatch(/Camry|1985/);
    expect(entries[0]!.dataElements).toEqual({ requestedAction: 'search.plate', rules: ['purpose_immigration_enforcement'] });
  });

  it('keeps the last ten distinct purposes, newest first, counting reuse', async () => {
    const user = await trainedUser('analyst1');
    for (let i = 1; i <= 12; i += 1) {
      clock.advance(60_000);
      await gate.open(user, { ...good, caseNumber: `26-00${String(i).padStart(4, '0')}` }, request);
    }
    clock.advance(60_000);
    await gate.open(user, { ...good, caseNumber: '26-000005' }, request);
    const recent = await gate.recent(user.userId);
    expect(recent).toHaveLength(10);
    expect(recent[0]).toMatchObject({ caseNumber: '26-000005', useCount: 2, categoryLabel: 'Felony investigation' });
    expect(recent.map((p) => p.caseNumber)).not.toContain('26-000001');
    expect(recent.map((p) => p.caseNumber)).not.toContain('26-000002');
    expect(await gate.recent('someone-else')).toEqual([]);
  });
});
