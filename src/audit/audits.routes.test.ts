// Sampling audits through HTTP on both backends (R26–R28): the Los Altos schedule (twice a year plus
// a yearly outside-agency audit), the auditor's whole cycle, approval by the administrator, the
// memorandum downloads, and the outside agency's read-only, expiring account.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestUser } from '../../test/app.testkit.js';
import { DIALECTS } from '../../test/databases.js';
import { FakeClock, HOUR, MINUTE } from '../platform/clock.js';

describe.each(DIALECTS)('audits over HTTP on %s', (dialect) => {
  let t: TestApp;
  let clock: FakeClock;
  let auditor: TestUser;
  const get = (url: string, headers: Record<string, string>) => t.app.http.inject({ method: 'GET', url, headers });
  const send = (method: 'POST' | 'PUT', url: string, headers: Record<string, string>, payload: object = {}) => t.app.http.inject({ method, url, headers, payload });

  beforeEach(async () => {
    clock = new FakeClock('2026-05-01T16:00:00Z');
    t = await startTestApp(dialect, { clock, profile: 'los-altos-pd' });
    auditor = await t.createUser(['auditor'], { username: 'k.auditor', displayName: 'Kim Auditor' });
    clock.set('2026-06-01T16:00:00Z');
    for (let i = 0; i < 14; i += 1) {
      clock.advance(HOUR);
      await t.app.accessLog.recordAccess({ actor: { userId: null, username: `analyst${i % 3}` }, purpose: { caseNumber: `26-${100 + i}`, category: 'investigation', reason: `Case ${i}` }, action: 'search.plate', dataElements: { plate: `TEST${i}` }, resultCount: 2, clientAddress: null, device: null });
    }
    clock.set('2026-07-01T16:00:00Z');
    await t.refreshAdmin();
    await t.signInAs(auditor);
  });
  afterEach(async () => t?.cleanup());

  it('runs an audit from due date to approved memorandum', async () => {
    const overview = (await get('/api/v1/audits', auditor.headers)).json();
    // Before any audit: due the installation's start (2026-05-01) plus the interval.
    expect(overview.due.map((d: { kind: string; everyMonths: number; dueAt: string }) => [d.kind, d.everyMonths, d.dueAt])).toEqual([
      ['internal', 6, '2026-11-01T16:00:00.000Z'],
      ['outside', 12, '2027-05-01T16:00:00.000Z'],
    ]);
    expect(overview.limitedTo).toBeNull();

    expect((await send('POST', '/api/v1/audits', t.admin, { kind: 'internal' })).statusCode).toBe(403); // conducting is the auditor's
    expect((await send('POST', '/api/v1/audits', auditor.headers, { kind: 'internal', sampleSize: 3 })).statusCode).toBe(400);
    const started = await send('POST', '/api/v1/audits', auditor.headers, { kind: 'internal' });
    expect(started.statusCode).toBe(200);
    const { audit, samples } = started.json();
    expect(samples).toHaveLength(10);
    expect(audit).toMatchObject({ status: 'in_progress', population: 14, draws: 1, memorandumTo: 'Chief of Police', auditorTitle: 'Administration Division Captain' });
    expect((await get(`/api/v1/audits/${audit.id}/verify`, auditor.headers)).json()).toMatchObject({ ok: true });

    for (const s of samples) {
      const decided = await send('PUT', `/api/v1/audits/${audit.id}/samples/${s.position}`, auditor.headers, { purposeSpecific: true, caseNumberReal: s.position !== 3, searchMatchedPurpose: true, ...(s.position === 3 ? { notes: 'Case number not in RMS' } : {}) });
      expect(decided.statusCode).toBe(200);
    }
    const signed = await send('POST', `/api/v1/audits/${audit.id}/sign`, auditor.headers, { summary: 'One case number could not be found.', dataErrors: 'None beyond the case number.' });
    expect(signed.statusCode).toBe(200);
    expect(signed.json().audit).toMatchObject({ status: 'signed', outcome: 'findings', signedBy: 'Kim Auditor (k.auditor)' });
    expect((await send('POST', `/api/v1/audits/${audit.id}/approve`, auditor.headers)).statusCode).toBe(403);
    const approved = await send('POST', `/api/v1/audits/${audit.id}/approve`, t.admin);
    expect(approved.json().audit.status).toBe('approved');

    const html = await get(`/api/v1/audits/${audit.id}/memorandum.html`, auditor.headers);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('Case number not in RMS');
    expect(html.body).toContain('Kim Auditor (k.auditor), Administration Division Captain');
    const pdf = await get(`/api/v1/audits/${audit.id}/memorandum.pdf`, auditor.headers);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const viewed = await t.app.accessLog.query({ actionPrefix: 'audits.' }, { limit: 50 });
    expect(viewed.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['audits.start', 'audits.decide', 'audits.sign', 'audits.approve', 'audits.memorandum.pdf']));
    const next = (await get('/api/v1/audits', auditor.headers)).json().due.find((d: { kind: string }) => d.kind === 'internal');
    expect(next.dueAt).toBe('2027-01-01T16:00:00.000Z');
  });

  it('gives the outside agency\'s auditor a read-only account for its audit only, until it expires', async () => {
    expect((await send('POST', '/api/v1/audits', auditor.headers, { kind: 'outside' })).json().error.id).toBe('outside_agency_required');
    const outside = (await send('POST', '/api/v1/audits', auditor.headers, { kind: 'outside', outsideAgency: 'Mountain View Police Department' })).json();
    const internal = (await send('POST', '/api/v1/audits', auditor.headers, { kind: 'internal' })).json();
    const expiresAt = new Date(clock.now().getTime() + 20 * MINUTE).toISOString();
    const created = await send('POST', `/api/v1/audits/${outside.audit.id}/outside-auditors`, t.admin, { username: 'mvpd.auditor', displayName: 'MVPD Auditor', organization: 'Mountain View Police Department', password: 'Temp-Outside-Audit-2026', expiresAt });
    expect(created.statusCode).toBe(201);
    expect((await send('POST', `/api/v1/audits/${internal.audit.id}/outside-auditors`, t.admin, { username: 'x.auditor', displayName: 'X', organization: 'X PD', password: 'Temp-Outside-Audit-2026', expiresAt })).json().error.id).toBe('not_an_outside_audit');

    const guest: TestUser = { id: created.json().userId, username: 'mvpd.auditor', password: 'Temp-Outside-Audit-2026', totpSecret: '', recoveryCodes: [], headers: { authorization: '' } };
    await t.signInAs(guest);
    const list = (await get('/api/v1/audits', guest.headers)).json();
    expect(list.limitedTo).toBe(outside.audit.id);
    expect(list.audits.map((a: { id: string }) => a.id)).toEqual([outside.audit.id]);
    expect(list.due).toEqual([]);
    expect((await get(`/api/v1/audits/${outside.audit.id}`, guest.headers)).statusCode).toBe(200);
    expect((await get(`/api/v1/audits/${outside.audit.id}/memorandum.html`, guest.headers)).statusCode).toBe(200);
    expect((await get(`/api/v1/audits/${internal.audit.id}`, guest.headers)).json().error.id).toBe('outside_auditor_limited');
    expect((await get('/api/v1/audit/access-log', guest.headers)).json().error.id).toBe('outside_auditor_limited');
    expect((await send('PUT', `/api/v1/audits/${outside.audit.id}/samples/0`, guest.headers, { purposeSpecific: true, caseNumberReal: true, searchMatchedPurpose: true })).json().error.id).toBe('outside_auditor_limited');

    clock.advance(21 * MINUTE); // past the account's expiry, within the session's idle time
    expect((await get(`/api/v1/audits/${outside.audit.id}`, guest.headers)).json().error.id).toBe('outside_auditor_expired');
  });
});
