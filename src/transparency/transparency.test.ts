// The public transparency page's data on both backends (R43, R44): no sign-in, exact counts for a
// known store, cached a minute, and nothing that names a plate, a read or a user.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.testkit.js';
import { DIALECTS } from '../../test/databases.js';
import { makeRead } from '../../test/reads.fixtures.js';
import { DAY, FakeClock, MINUTE } from '../platform/clock.js';

const PLATES = ['7QRS101', '7QRS202', '7QRS303', '7QRS404'];

export async function seedKnownStore(t: TestApp, clock: FakeClock): Promise<{ usernames: string[] }> {
  const fixed1 = await t.registerCamera({ kind: 'fixed' });
  await t.registerCamera({ kind: 'fixed' });
  await t.registerCamera({ kind: 'mobile' });
  const now = clock.now().getTime();
  // Three reads in the last 30 days, and one older (sent when it was new: ingest refuses reads over 30 days old).
  const ingest = async (reads: Record<string, unknown>[]) => {
    const response = await t.app.http.inject({ method: 'POST', url: '/api/v1/ingest/reads', headers: { authorization: `Bearer ${fixed1.key}` }, payload: { reads } });
    if (response.statusCode >= 300) throw new Error(`ingest: ${response.body}`);
  };
  clock.set(new Date(now - 31 * DAY));
  await ingest([makeRead({ plate: PLATES[3] }, new Date(now - 31 * DAY - MINUTE))]);
  clock.set(new Date(now));
  await ingest([makeRead({ plate: PLATES[0] }, new Date(now - 2 * DAY)), makeRead({ plate: PLATES[1] }, new Date(now - 10 * DAY)), makeRead({ plate: PLATES[2] }, new Date(now - MINUTE))]);
  // Four searches by two people in the window, one by a third person 31 days ago, and non-inquiries.
  const search = (username: string, plate: string) =>
    t.app.accessLog.recordAccess({ actor: { userId: null, username }, purpose: { caseNumber: '26-000777', category: 'investigation', reason: 'Known store' }, action: 'search.plate', dataElements: { plate }, resultCount: 1, clientAddress: null, device: null });
  const usernames = ['zq.jones', 'zq.smith', 'zq.earlier', 'zq.auditor'];
  clock.set(new Date(now - 31 * DAY));
  await search('zq.earlier', PLATES[3]!);
  clock.set(new Date(now - 5 * DAY));
  await search('zq.jones', PLATES[0]!);
  await search('zq.jones', PLATES[1]!);
  await search('zq.smith', PLATES[1]!);
  await t.app.accessLog.recordAccess({ actor: { userId: null, username: 'zq.jones' }, purpose: { caseNumber: '26-000777', category: 'investigation', reason: 'Known store' }, action: 'alert.view', dataElements: { plate: PLATES[2] }, resultCount: 1, clientAddress: null, device: null });
  await t.app.accessLog.recordSystem({ userId: null, username: 'zq.auditor' }, 'audit.view', { dataElements: {}, resultCount: 0, clientAddress: null, device: null });
  clock.set(new Date(now));
  // One signed, compliant audit.
  const auditor = { userId: 'x', username: 'zq.auditor', displayName: 'Zed Auditor' };
  const origin = { clientAddress: null, device: null };
  const { audit, samples } = await t.app.audits.start(auditor, { kind: 'internal' }, origin, 'transparency-seed');
  for (const s of samples) await t.app.audits.decide(auditor, audit.id, s.position, { purposeSpecific: true, caseNumberReal: true, searchMatchedPurpose: true }, origin);
  await t.app.audits.sign(auditor, audit.id, { summary: 'All good.' }, origin);
  return { usernames };
}

describe.each(DIALECTS)('transparency on %s', (dialect) => {
  let t: TestApp;
  let clock: FakeClock;

  beforeEach(async () => {
    clock = new FakeClock('2026-09-15T18:00:00Z');
    t = await startTestApp(dialect, { clock, profile: 'el-cajon-pd' });
  });
  afterEach(async () => t?.cleanup());

  it('shows exact counts to anyone, without a sign-in, and leaks nothing', async () => {
    const { usernames } = await seedKnownStore(t, clock);
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
    // Other rooms' figures are either computed from their tables or listed as not yet available.
    for (const key of ['hitsLast30Days', 'sharedWith', 'lastPurgeAt'] as const) {
      if (body.unavailable.includes(key)) expect(body.figures[key]).toBeNull();
    }
    if (!body.unavailable.includes('hitsLast30Days')) expect(body.figures.hitsLast30Days).toEqual({ total: 0, confirmed: 0 });

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
