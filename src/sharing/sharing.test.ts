// Sharing end to end through HTTP, on both databases (issue 8; R32, R34–R40).
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, FakeClock, HOUR, MINUTE } from '../platform/clock.js';
import { startTestApp, type Headers, type TestApp, type TestUser } from '../../test/app.testkit.js';
import { DIALECTS } from '../../test/databases.js';
import { makeRead } from '../../test/reads.fixtures.js';

const START = '2026-11-20T12:00:00Z';

/** The files in a ZIP, as text. */
function unzip(buffer: Buffer): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      const files: Record<string, string> = {};
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            files[entry.fileName] = Buffer.concat(chunks).toString('utf8');
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

const purpose = { caseNumber: 'SD-26-18812', category: 'stolen_vehicle', reason: 'Stolen grey Honda Civic taken from Harbor Dr lot on 11/19, reported by owner' };
const requester = { name: 'Det. R. Alvarez', title: 'Detective', contact: 'ralvarez@sdpd.example.gov' };

describe.each(DIALECTS)('sharing (%s)', (dialect) => {
  let t: TestApp;
  let clock: FakeClock;
  let releaser: TestUser;
  const agencies: Record<string, string> = {};

  const inject = async (method: 'GET' | 'POST', url: string, payload?: object, headers: Headers = t.admin) =>
    t.app.http.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  const ask = (agencyId: string, overrides: Record<string, unknown> = {}) => ({
    agencyId,
    requester,
    purpose,
    plates: ['7abc 123'],
    from: '2026-11-19T00:00:00Z',
    to: '2026-11-21T00:00:00Z',
    attestation: true,
    ...overrides,
  });
  const enter = async (agencyId: string, overrides: Record<string, unknown> = {}) => {
    const response = await inject('POST', '/sharing/requests', ask(agencyId, overrides));
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ id: string; status: string; keepUntil: string }>();
  };

  beforeAll(async () => {
    clock = new FakeClock(START);
    t = await startTestApp(dialect, { clock });
    releaser = await t.createEligibleUser(['administrator'], { username: 'releaser' });
    for (const [key, kind, name] of [
      ['sdpd', 'ca_law_enforcement', 'San Diego Police Department'],
      ['da', 'ca_prosecutor', 'San Diego County District Attorney'],
      ['dmv', 'ca_public_agency_other', 'California DMV'],
      ['ice', 'federal', 'U.S. Immigration and Customs Enforcement (calls itself a partner police agency)'],
      ['azps', 'out_of_state', 'Yuma Police Department, Arizona'],
      ['vendor', 'private', 'Acme Repossession LLC'],
    ] as const) {
      const response = await inject('POST', '/sharing/agencies', { name, kind, jurisdiction: 'Somewhere', contactName: 'Records unit' });
      expect(response.statusCode, response.body).toBe(201);
      agencies[key] = response.json<{ id: string }>().id;
    }
    // Reads: two of the plate asked for inside the time range (one outside the area), one before it, one of another plate.
    const camera = await t.registerCamera();
    const reads = [
      makeRead({ plate: '7ABC123', location: { lat: 32.72, lon: -117.16 } }, new Date('2026-11-19T08:00:00Z')),
      makeRead({ plate: '7ABC123', location: { lat: 33.5, lon: -117.16 } }, new Date('2026-11-20T09:00:00Z')),
      makeRead({ plate: '7ABC123' }, new Date('2026-11-18T08:00:00Z')),
      makeRead({ plate: '5XYZ987' }, new Date('2026-11-19T09:00:00Z')),
    ];
    const ingest = await t.app.http.inject({ method: 'POST', url: '/api/v1/ingest/reads', headers: { authorization: `Bearer ${camera.key}` }, payload: { reads } });
    expect(ingest.statusCode, ingest.body).toBe(200);
  }, 120_000);
  afterAll(async () => t?.cleanup());

  it('lists every agency with its eligibility and the reason, citing the law and the policy (R34)', async () => {
    const list = (await inject('GET', '/sharing/agencies')).json<{ agencies: { id: string; eligibility: { eligible: boolean; reason: string } }[] }>().agencies;
    const of = (key: string) => list.find((a) => a.id === agencies[key])!.eligibility;
    // The default profile (CA DOJ template) shares with any California public agency.
    expect([of('sdpd').eligible, of('da').eligible, of('dmv').eligible, of('ice').eligible, of('azps').eligible, of('vendor').eligible]).toEqual([true, true, true, false, false, false]);
    expect(of('ice').reason).toMatch(/1798\.90\.55\(b\).*\[429\.7\]/);
  });

  it('has no way to set eligibility by hand: the field is refused and the kind decides', async () => {
    const response = await inject('POST', '/sharing/agencies', { name: 'FBI', kind: 'federal', jurisdiction: 'US', contactName: 'x', eligible: true });
    expect(response.statusCode).toBe(400);
    expect(t.app.http.routeTable.filter((r) => r.url.startsWith('/api/v1/sharing') && /eligib|override/.test(r.url))).toEqual([]);
  });

  it('refuses to approve a federal or out-of-state agency\'s request, even for the administrator, citing the law (R34, R40)', async () => {
    for (const key of ['ice', 'azps', 'vendor']) {
      const request = await enter(agencies[key]!);
      const approve = await inject('POST', `/sharing/requests/${request.id}/decision`, { decision: 'approve', reason: 'Administrator wants to help the partner' });
      expect(approve.statusCode, approve.body).toBe(403);
      expect(approve.json<{ error: { id: string; message: string } }>().error).toMatchObject({ id: 'agency_not_eligible', message: expect.stringContaining('1798.90.55(b)') });
      expect((await inject('GET', `/sharing/requests/${request.id}`)).json<{ status: string }>().status).toBe('pending');
      // Nor can it be released, or a transfer recorded, or a link issued.
      expect((await inject('POST', `/sharing/requests/${request.id}/release`, { recipient: 'x' }, releaser.headers)).statusCode).toBe(409);
      expect((await inject('POST', '/sharing/links', { agencyId: agencies[key] })).statusCode).toBe(403);
      // Denying is allowed: the refusal stays on file.
      const deny = await inject('POST', `/sharing/requests/${request.id}/decision`, { decision: 'deny', reason: 'Not a public agency under Civ. Code 1798.90.55(b)' });
      expect(deny.json<{ status: string }>().status).toBe('denied');
    }
  });

  it('refuses prohibited purposes and changes nothing (R37)', async () => {
    const before = (await inject('GET', '/sharing/requests')).json<{ requests: unknown[] }>().requests.length;
    const immigration = await inject('POST', '/sharing/requests', ask(agencies.sdpd!, { purpose: { ...purpose, category: 'felony_investigation', reason: 'Locate vehicle for ICE immigration enforcement removal of the driver' } }));
    expect(immigration.statusCode).toBe(403);
    expect(immigration.json<{ error: { id: string } }>().error.id).toBe('purpose_immigration_enforcement');
    const care = await inject('POST', '/sharing/requests', ask(agencies.sdpd!, { purpose: { ...purpose, category: 'felony_investigation', reason: 'Identify the driver who obtained an abortion at the clinic on Fifth Ave' } }));
    expect(care.statusCode).toBe(403);
    expect(care.json<{ error: { id: string } }>().error.id).toBe('purpose_reproductive_health_care');
    expect((await inject('GET', '/sharing/requests')).json<{ requests: unknown[] }>().requests.length).toBe(before);
    const log = (await inject('GET', '/audit/access-log?action=sharing.request_refused')).json<{ entries: { action: string }[] }>();
    expect(log.entries.length).toBeGreaterThanOrEqual(2);
  });

  it('releases nothing before approval, then releases an approved request once, through the gate and the access log, with a destruction-due date (R32, R35, R38)', async () => {
    const request = await enter(agencies.sdpd!, { area: { south: 32.5, west: -117.5, north: 33, east: -116.5 } });
    expect(request.keepUntil).toBe(new Date(Date.parse(START) + 1095 * DAY).toISOString());
    expect((await inject('POST', `/sharing/requests/${request.id}/release`, { recipient: 'Det. Alvarez' }, releaser.headers)).statusCode).toBe(409);
    const approved = await inject('POST', `/sharing/requests/${request.id}/decision`, { decision: 'approve', reason: 'Verified with SDPD watch commander; purpose documented' });
    expect(approved.json<{ status: string; decision: { by: string } }>()).toMatchObject({ status: 'approved', decision: { by: 'admin' } });

    clock.advance(10 * MINUTE);
    const released = await inject('POST', `/sharing/requests/${request.id}/release`, { recipient: 'Det. Alvarez <ralvarez@sdpd.example.gov>' }, releaser.headers);
    expect(released.statusCode, released.body).toBe(200);
    expect(released.headers['content-type']).toBe('application/zip');
    const files = await unzip(released.rawPayload);
    const manifest = JSON.parse(files['manifest.json']!) as { readCount: number; purpose: { caseNumber: string }; destroyBy: string; releasedTo: { agency: string } };
    // Only the read of the plate inside both the time range and the area.
    expect(manifest.readCount).toBe(1);
    expect(files['reads.csv']!.trim().split('\r\n')).toHaveLength(2);
    expect(files['reads.csv']).toContain('7ABC123');
    expect(manifest.purpose.caseNumber).toBe(purpose.caseNumber);
    const due = new Date(Date.parse(START) + 10 * MINUTE + 30 * DAY).toISOString();
    expect(manifest.destroyBy).toBe(due);
    expect(files['NOTICE.txt']).toMatch(/immigration/);

    const transfers = (await inject('GET', '/sharing/transfers')).json<{ transfers: { id: string; method: string; destructionDueAt: string; readCount: number; agency: { name: string } }[] }>().transfers;
    expect(transfers[0]).toMatchObject({ id: released.headers['x-transfer-id'], method: 'download', destructionDueAt: due, readCount: 1, agency: { name: 'San Diego Police Department' } });
    // The access log has the data access under the request's purpose, by the releasing user.
    const access = (await inject('GET', '/audit/access-log?action=sharing.release')).json<{ entries: { actorUsername: string; purposeCase: string; resultCount: number; category: string }[] }>().entries;
    expect(access[0]).toMatchObject({ actorUsername: 'releaser', purposeCase: purpose.caseNumber, resultCount: 1, category: 'data_access' });
    // The exports registry knows the copy and its due date (R32).
    const exported = await t.app.database.db.selectFrom('exports').select(['format', 'destroyDueAt']).where('caseNumber', '=', purpose.caseNumber).execute();
    expect(exported).toEqual([{ format: 'release', destroyDueAt: Date.parse(due) }]);

    // Once only; further copies by e-mail are recorded by hand.
    expect((await inject('POST', `/sharing/requests/${request.id}/release`, { recipient: 'again' }, releaser.headers)).statusCode).toBe(409);
    const email = await inject('POST', `/sharing/requests/${request.id}/transfers`, { method: 'email', recipient: 'da-investigations@sdcda.example.gov', description: 'reads.csv e-mailed to the assigned DDA', readCount: 1 });
    expect(email.statusCode, email.body).toBe(201);
    expect(email.json<{ destructionDueAt: string }>().destructionDueAt).toBe(due);

    // Both copies are outside the agency now: the retention room's purge reaches them (R33).
    const outside = await t.app.database.db.selectFrom('outsideCopies').select(['source', 'caseNumber', 'destroyDueAt']).where('caseNumber', '=', purpose.caseNumber).execute();
    expect(outside).toEqual([
      { source: 'sharing', caseNumber: purpose.caseNumber, destroyDueAt: Date.parse(due) },
      { source: 'sharing', caseNumber: purpose.caseNumber, destroyDueAt: Date.parse(due) },
    ]);

    expect(await t.app.sharing.agenciesSharedWith()).toEqual([{ name: 'San Diego Police Department', kind: 'ca_law_enforcement', transfers: 2 }]);
    const history = (await inject('GET', '/sharing/history')).json<{ agencies: { name: string; transfers: number }[]; transfers: unknown[] }>();
    expect(history.agencies).toEqual([expect.objectContaining({ name: 'San Diego Police Department', transfers: 2 })]);
  });

  it('a release needs the releasing user to pass the purpose gate', async () => {
    const request = await enter(agencies.da!);
    await inject('POST', `/sharing/requests/${request.id}/decision`, { decision: 'approve', reason: 'Prosecutor request verified by phone' });
    // The bootstrap administrator has no training on record: the gate refuses, nothing leaves, no transfer.
    const refused = await inject('POST', `/sharing/requests/${request.id}/release`, { recipient: 'DDA' });
    expect(refused.statusCode).toBe(403);
    expect((await inject('GET', `/sharing/requests/${request.id}`)).json<{ status: string; transfers: number }>()).toMatchObject({ status: 'approved', transfers: 0 });
  });

  it('a link creates one request, without sign-in, and shows no data', async () => {
    const issued = await inject('POST', '/sharing/links', { agencyId: agencies.sdpd, expiresInHours: 24 });
    expect(issued.statusCode, issued.body).toBe(201);
    const { token, path } = issued.json<{ token: string; path: string }>();
    expect(path).toBe(`/share-request/${token}`);
    const info = await t.app.http.inject({ method: 'GET', url: `/api/v1/sharing/links/${token}` });
    expect(info.json()).toMatchObject({ agency: 'San Diego Police Department', attestation: expect.stringContaining('immigration') });
    expect(info.body).not.toContain('7ABC123');
    expect(Object.keys(info.json<object>()).sort()).toEqual(['agency', 'attestation', 'categories', 'expiresAt', 'receivingAgency']);
    const body = { ...ask(''), agencyId: undefined };
    delete body.agencyId;
    const sent = await t.app.http.inject({ method: 'POST', url: `/api/v1/sharing/links/${token}/request`, payload: body });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(Object.keys(sent.json<object>())).toEqual(['id', 'status']);
    const again = await t.app.http.inject({ method: 'POST', url: `/api/v1/sharing/links/${token}/request`, payload: body });
    expect(again.statusCode).toBe(410);
    expect(again.json<{ error: { id: string } }>().error.id).toBe('link_used');
    // Two uses at once: exactly one wins.
    const racing = (await inject('POST', '/sharing/links', { agencyId: agencies.sdpd })).json<{ token: string }>().token;
    const both = await Promise.all([1, 2].map(() => t.app.http.inject({ method: 'POST', url: `/api/v1/sharing/links/${racing}/request`, payload: body })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 410]);
    const stored = (await inject('GET', `/sharing/requests/${sent.json<{ id: string }>().id}`)).json<{ source: string; status: string; agency: { name: string } }>();
    expect(stored).toMatchObject({ source: 'link', status: 'pending', agency: { name: 'San Diego Police Department' } });

    // Bad input through a link changes nothing and leaves the link usable; an expired link is refused.
    const second = (await inject('POST', '/sharing/links', { agencyId: agencies.da, expiresInHours: 1 })).json<{ token: string }>().token;
    const prohibited = await t.app.http.inject({ method: 'POST', url: `/api/v1/sharing/links/${second}/request`, payload: { ...body, purpose: { ...purpose, reason: 'Find the car for immigration enforcement deportation' } } });
    expect(prohibited.statusCode).toBe(403);
    expect((await t.app.http.inject({ method: 'GET', url: `/api/v1/sharing/links/${second}` })).statusCode).toBe(200);
    clock.advance(2 * HOUR);
    const late = await t.app.http.inject({ method: 'POST', url: `/api/v1/sharing/links/${second}/request`, payload: body });
    expect(late.json<{ error: { id: string } }>().error.id).toBe('link_expired');
    await t.refreshAdmin();
    expect((await t.app.http.inject({ method: 'GET', url: '/api/v1/sharing/links/not-a-real-token-at-all' })).statusCode).toBe(404);
  });

  it('refuses bad requests with a clear error', async () => {
    const reversed = await inject('POST', '/sharing/requests', ask(agencies.sdpd!, { from: '2026-11-21T00:00:00Z', to: '2026-11-19T00:00:00Z' }));
    expect(reversed.json<{ error: { id: string } }>().error.id).toBe('time_range_invalid');
    const unknown = await inject('POST', '/sharing/requests', ask('no-such-agency'));
    expect(unknown.json<{ error: { id: string } }>().error.id).toBe('agency_not_found');
    const generic = await inject('POST', '/sharing/requests', ask(agencies.sdpd!, { purpose: { ...purpose, reason: 'investigation' } }));
    expect(generic.statusCode).toBe(422);
    const audit = await inject('POST', '/sharing/requests', ask(agencies.sdpd!, { purpose: { ...purpose, category: 'audit' } }));
    expect(audit.json<{ error: { id: string; field: string } }>().error).toMatchObject({ id: 'purpose_category_not_for_sharing', field: 'purpose/category' });
    const noAttestation = await inject('POST', '/sharing/requests', ask(agencies.sdpd!, { attestation: false }));
    expect(noAttestation.statusCode).toBe(400);
  });

  it('agreements exist only where the policy provides for them (R36)', async () => {
    const response = await inject('POST', '/sharing/agreements', { title: 'Regional ALPR MOU', startsOn: '2026-01-01', signatoryIds: [agencies.sdpd] });
    expect(response.statusCode).toBe(409);
    expect(response.json<{ error: { id: string } }>().error.id).toBe('agreements_not_in_policy');
  });

  it('tracks Public Records Act requests and subpoenas separately, with what was considered and the outcome (R39)', async () => {
    const created = await inject('POST', '/sharing/records-requests', {
      requester: 'Voice of San Diego',
      kind: 'public_records_act',
      receivedOn: '2026-11-18',
      description: 'All ALPR reads for October 2026',
      considerations: 'Gov. Code 7923.600 investigatory records; ACLU v. Superior Court (2017): de-identified release considered',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string; outcome: string }>().id;
    const outcome = await inject('POST', `/sharing/records-requests/${id}/outcome`, { outcome: 'released_deidentified', outcomeNotes: 'Counts per camera per day, no plates', outcomeOn: '2026-11-20' });
    expect(outcome.json()).toMatchObject({ outcome: 'released_deidentified', outcomeOn: '2026-11-20' });
    expect((await inject('GET', '/sharing/records-requests')).json<{ records: unknown[] }>().records).toHaveLength(1);
    // Separate from agency requests: nothing was added there.
    expect((await inject('GET', '/sharing/requests')).json<{ requests: { requester: { name: string } }[] }>().requests.every((r) => r.requester.name !== 'Voice of San Diego')).toBe(true);
  });
});

describe.each(DIALECTS)('sharing under the LA Port Police profile (%s)', (dialect) => {
  let t: TestApp;
  const clock = new FakeClock(START);
  beforeAll(async () => {
    t = await startTestApp(dialect, { profile: 'la-port-police', clock });
  }, 120_000);
  afterAll(async () => t?.cleanup());

  it('shares only with law enforcement and prosecutors, and under participating agency agreements while in force (R34, R36)', async () => {
    const add = async (name: string, kind: string) => (await t.app.http.inject({ method: 'POST', url: '/api/v1/sharing/agencies', headers: t.admin, payload: { name, kind, jurisdiction: 'LA County', contactName: 'Watch commander' } })).json<{ id: string; eligibility: { eligible: boolean; reason: string } }>();
    const lbpd = await add('Long Beach Police Department', 'ca_law_enforcement');
    const harbor = await add('Los Angeles Harbor Department', 'ca_public_agency_other');
    const cbp = await add('U.S. Customs and Border Protection', 'federal');
    expect(harbor.eligibility).toMatchObject({ eligible: false, reason: expect.stringContaining('[462.7]') });

    const agreement = (body: object) => t.app.http.inject({ method: 'POST', url: '/api/v1/sharing/agreements', headers: t.admin, payload: { title: 'Port ALPR participating agency agreement', startsOn: '2026-01-01', endsOn: '2026-12-31', ...body } });
    // An agreement cannot make an ineligible agency eligible.
    expect((await agreement({ signatoryIds: [lbpd.id, cbp.id] })).statusCode).toBe(403);
    expect((await agreement({ signatoryIds: [lbpd.id, harbor.id] })).statusCode).toBe(403);
    const signed = await agreement({ signatoryIds: [lbpd.id] });
    expect(signed.statusCode, signed.body).toBe(201);
    expect(signed.json()).toMatchObject({ inForce: true, signatories: [{ name: 'Long Beach Police Department' }] });

    const request = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/sharing/requests',
      headers: t.admin,
      payload: { agencyId: lbpd.id, requester, purpose, plates: ['7ABC123'], from: '2026-11-19T00:00:00Z', to: '2026-11-20T00:00:00Z', attestation: true },
    });
    expect(request.json()).toMatchObject({ agreement: { title: 'Port ALPR participating agency agreement' }, eligibility: { eligible: true } });

    // A California public agency that is not law enforcement: on file, but never approved under this policy.
    const harborRequest = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/sharing/requests',
      headers: t.admin,
      payload: { agencyId: harbor.id, requester, purpose, plates: ['7ABC123'], from: '2026-11-19T00:00:00Z', to: '2026-11-20T00:00:00Z', attestation: true },
    });
    const refused = await t.app.http.inject({ method: 'POST', url: `/api/v1/sharing/requests/${harborRequest.json<{ id: string }>().id}/decision`, headers: t.admin, payload: { decision: 'approve', reason: 'Port property damage case' } });
    expect(refused.json<{ error: { id: string; message: string } }>().error).toMatchObject({ id: 'agency_not_eligible', message: expect.stringContaining('[462.7]') });
    // After the agreement's term, requests are no longer under it.
    clock.set('2027-01-02T12:00:00Z');
    await t.refreshAdmin();
    const later = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/sharing/requests',
      headers: t.admin,
      payload: { agencyId: lbpd.id, requester, purpose, plates: ['7ABC123'], from: '2026-12-19T00:00:00Z', to: '2026-12-20T00:00:00Z', attestation: true },
    });
    expect(later.json()).toMatchObject({ agreement: null });
    expect((await t.app.http.inject({ method: 'GET', url: '/api/v1/sharing/agreements', headers: t.admin })).json()).toMatchObject({ agreements: [{ inForce: false }] });
  });
});
