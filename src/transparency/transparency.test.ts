// The public transparency page's data on both backends (R43, R44): no sign-in, exact counts for a
// known store, cached a minute, and nothing that names a plate, a read or a user.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.testkit.js';
import { DIALECTS } from '../../test/databases.js';
import { FakeClock } from '../platform/clock.js';
import { PLATES, seedKnownStore } from './transparency.testkit.js';

describe.each(DIALECTS)('transparency on %s', (dialect) => {
  let t: TestApp;
  let clock: FakeClock;

  beforeEach(async () => {
    clock = new FakeClock('2026-09-15T18:00:00Z');
    t = await startTestApp(dialect, { clock, profile: 'el-cajon-pd' });
  });
  afterEach(async () => t?.cleanup());

  it('shows exact counts to anyone, without a sign-in, and leaks nothing', async () => {
    const { usernames, lastPurgeAt } = await seedKnownStore(t, clock);
    const response = await t.app.http.inject({ method: 'GET', url: '/api/v1/transparency' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.agency.name).toBe('El Cajon Police Department');
    expect(body.administrator.title).toMatch(/Captain/);
    expect(body.policy).toMatchObject({ title: 'Automated License Plate Readers (ALPRs)', section: '427' });
    expect(body.retention.length).toBeGreaterThan(5);
    expect(body.auditSchedule).toContain('every 12 months');
    expect(body.figures.cameras).toEqual({ fixed: 2, mobile: 1 });
    expect(body.figures.readsLast30Days).toBe(3);
    expect(body.figures.searchesLast30Days).toEqual({ searches: 4, searchers: 2 });
    expect(body.figures.audits).toHaveLength(1);
    expect(body.figures.audits[0]).toMatchObject({ kind: 'internal', outcome: 'compliant', approved: false, sampleSize: 10 });
    // The alerts, sharing and retention rooms' figures, from their tables and service.
    expect(body.unavailable).toEqual([]);
    expect(body.figures.hitsLast30Days).toEqual({ total: 0, confirmed: 0 });
    expect(body.figures.sharedWith).toEqual([]);
    expect(body.figures.lastPurgeAt).toBe(new Date(lastPurgeAt).toISOString());

    const text = response.body;
    for (const plate of PLATES) expect(text).not.toContain(plate);
    for (const name of [...usernames, 'Zed Auditor', t.adminUser.username]) expect(text.toLowerCase()).not.toContain(`"${name}"`);
    for (const name of usernames) expect(text).not.toContain(name);
    expect(text).not.toMatch(/26-000777|Known store|transparency-seed/);
  });

  it('is cached for a minute, then recomputed', async () => {
    const first = (await t.app.http.inject({ method: 'GET', url: '/api/v1/transparency' })).json();
    expect(first.figures.cameras).toEqual({ fixed: 0, mobile: 0 });
    await t.registerCamera({ kind: 'mobile' });
    expect((await t.app.http.inject({ method: 'GET', url: '/api/v1/transparency' })).json().figures.cameras).toEqual({ fixed: 0, mobile: 0 });
    clock.advance(61_000);
    expect((await t.app.http.inject({ method: 'GET', url: '/api/v1/transparency' })).json().figures.cameras).toEqual({ fixed: 0, mobile: 1 });
  });

  it('serves the policy document when the installation has it', async () => {
    const { policy } = (await t.app.http.inject({ method: 'GET', url: '/api/v1/transparency' })).json();
    const document = await t.app.http.inject({ method: 'GET', url: '/api/v1/transparency/policy' });
    expect(document.statusCode).toBe(policy.documentAvailable ? 200 : 404);
    if (policy.documentAvailable) expect(document.body).toMatch(/License Plate Reader/i);
  });
});
