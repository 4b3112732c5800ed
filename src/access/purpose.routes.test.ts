// The purpose form's API and the training routes through HTTP, on both backends (R15, R16, R20,
// R21): an officer walks from "not authorized" to "ready", and the purposes they state come back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestUser } from '../../test/app.testkit.js';
import { DIALECTS } from '../../test/databases.js';

const good = { caseNumber: '26-004512', category: 'felony_investigation', reason: 'Burglary at 400 Main St on 11/20; white pickup seen leaving' };

describe.each(DIALECTS)('purpose and training routes on %s', (dialect) => {
  let t: TestApp;
  let officer: TestUser;
  let courseId: string;

  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, headers: Record<string, string>, payload?: object) =>
    t.app.http.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const eligibility = async () => (await call('GET', '/api/v1/purposes/eligibility', officer.headers)).json() as { ok: boolean; dataSources: string[]; refusal: { id: string; message: string } | null };

  beforeAll(async () => {
    // Los Altos names its authorized job titles in the policy (462.3.1(a)).
    t = await startTestApp(dialect, { profile: 'los-altos-pd' });
    officer = await t.createUser(['officer'], { jobTitle: 'Sworn Police Officer' });
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('lists the purpose categories with an example each', async () => {
    const response = await call('GET', '/api/v1/purposes/categories', officer.headers);
    expect(response.statusCode).toBe(200);
    const body = response.json() as { categories: { id: string; example: string; roles: string[] | null }[]; reason: { minChars: number } };
    expect(body.categories.map((c) => c.id)).toContain('hotlist_verification');
    expect(body.categories.find((c) => c.id === 'audit')?.roles).toEqual(['auditor', 'custodian', 'administrator']);
    expect(body.reason.minChars).toBe(15);
  });

  it('checks a purpose without touching data, returning each problem with what to write', async () => {
    const ok = await call('POST', '/api/v1/purposes/check', officer.headers, { ...good, caseNumber: 'ecpd-2611-0042' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ ok: true, purpose: { ...good, caseNumber: 'ECPD-2611-0042' }, problems: [] });

    const bad = await call('POST', '/api/v1/purposes/check', officer.headers, { caseNumber: 'N/A', category: 'audit', reason: 'investigation' });
    expect(bad.statusCode).toBe(200);
    const body = bad.json() as { ok: boolean; problems: { id: string; field: string; message: string }[] };
    expect(body.ok).toBe(false);
    expect(body.problems.map((p) => p.id)).toEqual(['purpose_case_number_placeholder', 'purpose_category_not_for_role', 'purpose_reason_generic']);
    expect(body.problems[2]!.message).toMatch(/Say what you are investigating and why this plate/);

    expect((await call('POST', '/api/v1/purposes/check', {}, good)).statusCode).toBe(401);
    expect((await call('POST', '/api/v1/purposes/check', officer.headers, { ...good, extra: 1 })).statusCode).toBe(400);
  });

  it('refuses the gate until the officer is authorized, trained and given data sources, saying why each time', async () => {
    const parking = await t.createUser(['officer'], { jobTitle: 'Parking enforcement' });
    const other = (await call('GET', '/api/v1/purposes/eligibility', parking.headers)).json() as { refusal: { id: string; message: string } };
    expect(other.refusal.id).toBe('job_title_not_authorized');
    for (const title of ['Sworn police officer', 'Crime analyst', 'Communications dispatcher']) expect(other.refusal.message).toContain(title);
    expect((await call('GET', '/api/v1/access/job-titles', t.admin)).json().titles).toEqual(['Communications dispatcher', 'Crime analyst', 'Sworn police officer']);
    expect((await call('GET', '/api/v1/access/job-titles', officer.headers)).statusCode).toBe(403);

    expect((await eligibility()).refusal).toMatchObject({ id: 'training_not_configured' });

    const course = await call('POST', '/api/v1/training/courses', t.admin, { title: 'ALPR use and privacy', version: '2026.1', description: 'Department-approved ALPR training (R15)' });
    expect(course.statusCode).toBe(201);
    expect(course.json()).toMatchObject({ validityMonths: t.app.profile.access.retrainingIntervalMonths, required: true, active: true });
    courseId = (course.json() as { id: string }).id;
    const missing = await eligibility();
    expect(missing.refusal?.id).toBe('training_missing');
    expect(missing.refusal?.message).toMatch(/ALPR use and privacy/);

    const mine = await call('GET', '/api/v1/me/training', officer.headers);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ status: 'missing', course: { title: 'ALPR use and privacy', version: '2026.1' }, contact: t.app.profile.administrator.trainingCoordinatorTitle });
    expect((mine.json() as { message: string }).message).toMatch(/Ask the .* for training/);

    const completedAt = new Date(t.app.clock.now().getTime() - 86_400_000).toISOString();
    const completion = await call('POST', '/api/v1/training/completions', t.admin, { userId: officer.id, courseId, completedAt, notes: 'Classroom, 4 h' });
    expect(completion.statusCode).toBe(201);
    expect(completion.json()).toMatchObject({ userId: officer.id, courseId, courseTitle: 'ALPR use and privacy', courseVersion: '2026.1', completedAt, enteredBy: t.adminUser.id });
    expect((await eligibility()).refusal).toMatchObject({ id: 'no_data_sources' });

    const sources = await call('PUT', `/api/v1/users/${officer.id}/data-sources`, t.admin, { sources: ['state', 'agency'] });
    expect(sources.statusCode).toBe(200);
    expect((sources.json() as { sources: string[] }).sources).toEqual(['agency', 'state']);
    expect(await eligibility()).toEqual({ ok: true, dataSources: ['agency', 'state'], refusal: null });
    expect((await call('GET', '/api/v1/me/training', officer.headers)).json()).toMatchObject({ status: 'current', course: null, needsRetraining: false });

    // Every one of those administrative changes is in the access log.
    const { entries } = await t.app.accessLog.query({ category: 'admin_change' }, { limit: 50 });
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['training.course.create', 'training.completion.record', 'user.data_sources.set']));
  });

  it('keeps the purposes the officer states and gives them back', async () => {
    expect((await call('GET', '/api/v1/purposes/recent', officer.headers)).json()).toEqual({ purposes: [] });
    const principal = await t.app.access.authenticate(officer.headers.authorization.slice('Bearer '.length));
    const ctx = await t.app.purposeGate.open(principal!, good, { clientAddress: '127.0.0.1', device: null, action: 'search.plate' });
    expect(ctx.maySee('federal')).toBe(false);
    const recent = await call('GET', '/api/v1/purposes/recent', officer.headers);
    expect(recent.statusCode).toBe(200);
    expect(recent.json()).toMatchObject({ purposes: [{ ...good, categoryLabel: 'Felony investigation', useCount: 1 }] });
    // Another user's list is their own.
    expect((await call('GET', '/api/v1/purposes/recent', t.admin)).json()).toEqual({ purposes: [] });
  });

  it('validates training input and limits who may manage or view it', async () => {
    const tooLong = await call('POST', '/api/v1/training/courses', t.admin, { title: 'Refresher', version: '1', validityMonths: 24 });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json()).toMatchObject({ error: { id: 'training_validity_too_long', field: 'validityMonths' } });
    expect((await call('POST', '/api/v1/training/courses', t.admin, { title: 'ALPR use and privacy', version: '2026.1' })).json()).toMatchObject({ error: { id: 'training_course_exists' } });
    const future = await call('POST', '/api/v1/training/completions', t.admin, { userId: officer.id, courseId, completedAt: '2999-01-01' });
    expect(future.json()).toMatchObject({ error: { id: 'training_completed_in_future' } });
    expect((await call('POST', '/api/v1/training/completions', t.admin, { userId: 'nobody', courseId, completedAt: '2026-01-01' })).statusCode).toBe(404);
    expect((await call('POST', '/api/v1/training/completions', t.admin, { userId: officer.id, courseId, completedAt: 'yesterday' })).statusCode).toBe(400);

    expect((await call('POST', '/api/v1/training/courses', officer.headers, { title: 'Mine', version: '1' })).json()).toMatchObject({ error: { id: 'permission_denied' } });
    expect((await call('GET', `/api/v1/users/${officer.id}/training`, officer.headers)).statusCode).toBe(403);
    const records = await call('GET', `/api/v1/users/${officer.id}/training`, t.admin);
    expect(records.statusCode).toBe(200);
    expect((records.json() as { records: unknown[] }).records).toHaveLength(1);

    const retired = await call('PATCH', `/api/v1/training/courses/${courseId}`, t.admin, { active: false });
    expect(retired.json()).toMatchObject({ id: courseId, active: false });
    expect((await eligibility()).refusal).toMatchObject({ id: 'training_not_configured' });
    await call('PATCH', `/api/v1/training/courses/${courseId}`, t.admin, { active: true });
    expect((await call('GET', '/api/v1/training/courses', t.admin)).json()).toMatchObject({ courses: [{ id: courseId, active: true }] });
  });
});
