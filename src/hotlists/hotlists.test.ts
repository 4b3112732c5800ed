// Hot lists end to end through HTTP on both databases (issue 5; R5–R8, R12, R13, R20, R37).
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/databases.js';
import { startTestApp, type Headers, type TestApp, type TestUser } from '../../test/app.testkit.js';
import { makeRead } from '../../test/reads.fixtures.js';
import { DAY, FakeClock } from '../platform/clock.js';
import { HotListsService } from './hotlists.service.js';
import * as store from './hotlists.store.js';

const NCIC_CSV = [
  'Tag Number,LIS,VMA,VMO,VCO,MKE,MIS,DOE,ORI,FILE',
  'ABC123,CA,HOND,CIV,GRY,SV,STOLEN FROM DRIVEWAY,20261101,CA0370000,SVS',
  '7XYZ890,NV,TOYT,CAM,BLK,SV,,20261102,NV0020000,SVS',
  'IMM001,CA,FORD,F15,WHI,SV,IMMIGRATION VIOLATOR,20261103,CA0370000,SVS',
  'IVF002,CA,FORD,F15,WHI,EW,,20261103,CA0370000,IVF',
  ',CA,FORD,F15,WHI,SV,,20261103,CA0370000,SVS',
].join('\n');
const MAPPING = JSON.stringify({ plate: 'Tag Number' });

describe.each(DIALECTS)('hot lists (%s)', (dialect) => {
  let t: TestApp;
  let clock: FakeClock;
  let officer: TestUser;
  let supervisorA: TestUser;
  let supervisorB: TestUser;

  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, headers: Headers, payload?: object) => {
    const response = await t.app.http.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    return { status: response.statusCode, body: response.body ? (response.json() as Record<string, unknown> & { error?: { id: string; message: string } }) : {} };
  };
  const createList = async (name: string, source: string, extra: object = {}) => {
    const created = await call('POST', '/api/v1/hotlists', t.admin, { name, source, priority: 1, ...extra });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body as { id: string; active: boolean; dataSource: string };
  };
  const designate = async (id: string, active = true) => expect((await call('POST', `/api/v1/hotlists/${id}/designation`, t.admin, { active })).status).toBe(200);
  const upload = async (listId: string, csv: string, query = '') => {
    const response = await t.app.http.inject({ method: 'POST', url: `/api/v1/hotlists/${listId}/imports${query}`, headers: { ...t.admin, 'content-type': 'text/csv' }, payload: csv });
    expect(response.statusCode, response.body).toBe(202);
    await t.app.hotlists.idle();
    return (await call('GET', `/api/v1/hotlists/imports/${(response.json() as { id: string }).id}`, t.admin)).body as unknown as { status: string; rowsRead: number; rowsImported: number; rowsDroppedImmigration: number; rowsInvalid: number; error: string | null };
  };
  const listView = async (id: string) => (await call('GET', `/api/v1/hotlists/${id}`, t.admin)).body as { activeEntries: number; pendingEntries: number; stale: boolean; staleReason: string | null; lastUpdatedAt: string | null };
  const hits = (plate: string, region = 'CA') => t.app.hotlists.match({ plate, region });
  const entry = (extra: object = {}) => ({ plate: '6TRK512', state: 'CA', category: 'stolen_vehicle', caseAgent: 'Det. Rivera', caseNumber: '26-004512', synopsis: 'Grey Honda Civic taken at gunpoint from a gas station on Main Street', ...extra });

  beforeAll(async () => {
    clock = new FakeClock('2026-11-20T12:00:00Z');
    t = await startTestApp(dialect, { clock });
    officer = await t.createEligibleUser(['officer']);
    supervisorA = await t.createEligibleUser(['supervisor']);
    supervisorB = await t.createEligibleUser(['supervisor']);
  }, 60_000);
  afterAll(async () => t?.cleanup());

  it('imports a general list with a column mapping, drops immigration records and counts them (R6, R37), and matches only once designated (R5)', async () => {
    const list = await createList('NCIC SVS', 'ncic_stolen_vehicles');
    expect(list.active).toBe(false); // ca-doj-template: a new list waits for the Administrator (R5)
    expect(list.dataSource).toBe('federal');
    const result = await upload(list.id, NCIC_CSV, `?mapping=${encodeURIComponent(MAPPING)}&fileName=svs.csv`);
    expect(result).toMatchObject({ status: 'succeeded', rowsRead: 5, rowsImported: 2, rowsDroppedImmigration: 2, rowsInvalid: 1 });
    expect(hits('ABC123')).toEqual([]); // not designated yet
    await designate(list.id);
    await t.app.hotlists.idle();
    const [hit] = hits('ABC123');
    expect(hit).toMatchObject({ kind: 'exact', state: 'matched', entry: { listId: list.id, category: 'stolen_vehicle', vehicle: { make: 'HOND' } } });
    expect(hits('A8C123')[0]?.kind).toBe('confusion');
    expect(hits('IMM001')).toEqual([]);
    expect(t.app.hotlists.listInfo(list.id)).toMatchObject({ name: 'NCIC SVS', dataSource: 'federal', lastUpdatedAt: clock.now().getTime() });
    expect(await listView(list.id)).toMatchObject({ activeEntries: 2, stale: false });
    const history = (await call('GET', `/api/v1/hotlists/${list.id}/imports`, officer.headers)).body as { imports: { rowsDroppedImmigration: number }[] };
    expect(history.imports[0]?.rowsDroppedImmigration).toBe(2);
    // Every change is in the access log.
    const changes = await t.app.accessLog.query({ actionPrefix: 'hotlist.' }, { limit: 50 });
    expect(changes.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['hotlist.create', 'hotlist.import', 'hotlist.designate']));
  });

  it('a file that fails halfway, or holds another row count than stated, changes nothing and shows a staleness warning (R6, R12)', async () => {
    const list = await createList('CA DOJ SVS', 'ca_doj');
    await designate(list.id);
    expect((await upload(list.id, 'plate,state\nOLD111,CA\nOLD222,CA\n')).status).toBe('succeeded');
    await t.app.hotlists.idle();
    expect(hits('OLD111')).toHaveLength(1);

    // Truncated mid-row: the last record has fewer columns, and an unclosed quote.
    const truncated = await upload(list.id, 'plate,state,reason\nNEW111,CA,stolen\nNEW222,CA,"stol');
    expect(truncated.status).toBe('failed');
    expect(truncated.error).toMatch(/Nothing was changed/);
    const wrongCount = await upload(list.id, 'plate,state\nNEW111,CA\nNEW222,CA\n', '?expectedRows=3');
    expect(wrongCount).toMatchObject({ status: 'failed', rowsImported: 0 });
    expect(wrongCount.error).toMatch(/2 records but 3 were stated/);
    await t.app.hotlists.idle();
    expect(hits('OLD111')).toHaveLength(1);
    expect(hits('NEW111')).toEqual([]);
    const view = await listView(list.id);
    expect(view).toMatchObject({ activeEntries: 2, stale: true });
    expect(view.staleReason).toMatch(/last import failed.*still holds the contents imported/);
    const rows = await t.app.database.db.selectFrom('hotListEntries').select('plate').where('listId', '=', list.id).execute();
    expect(rows.map((r) => r.plate).sort()).toEqual(['OLD111', 'OLD222']);

    // A good file clears the warning; the old contents are gone (overwrite, R6).
    expect((await upload(list.id, 'plate,state\nNEW111,CA\n', '?expectedRows=1')).status).toBe('succeeded');
    await t.app.hotlists.idle();
    expect(hits('OLD111')).toEqual([]);
    expect(hits('NEW111')).toHaveLength(1);
    expect((await listView(list.id)).stale).toBe(false);
  });

  it('a crash after staging, and a process killed mid-import, leave the old contents in use', async () => {
    const list = await createList('NLETS', 'nlets');
    await designate(list.id);
    expect((await upload(list.id, 'plate\nKEEP001\n')).status).toBe('succeeded');
    await t.app.hotlists.idle();

    // A second service over the same database whose swap never happens (throws after staging).
    const crashing = new HotListsService(t.app.database.db, clock, t.app.accessLog, t.app.profile, t.app.logger, {
      feedDir: t.dataDir,
      hooks: { beforeSwap: () => { throw new Error('simulated crash after staging'); } },
    });
    const { done } = await crashing.startImport({ userId: null, username: 'system' }, list.id, Readable.from(['plate\n', 'LOST001\n', 'LOST002\n']), { trigger: 'scheduled' });
    expect((await done).status).toBe('failed');
    expect(await store.findList(t.app.database.db, list.id)).toMatchObject({ lastImportError: expect.stringMatching(/simulated crash/) });

    // Killed: an import row still 'running' with staged rows, found by the next start.
    const db = t.app.database.db;
    const current = (await store.findList(db, list.id))!;
    await store.insertImport(db, { id: 'killed-import', listId: list.id, status: 'running', trigger: 'scheduled', fileName: null, startedBy: 'system', startedAt: clock.now().getTime(), finishedAt: null, bytesTotal: null, expectedRows: null, mapping: '{}', error: null });
    await store.insertEntries(db, [{ id: 'staged-1', listId: list.id, importId: 'killed-import', status: 'active', plate: 'LOST003', category: 'stolen_vehicle', createdAt: 0, updatedAt: 0 }]);
    // And replaced contents whose batched delete a stop cut short (the swap had committed).
    await store.insertEntries(db, [{ id: 'replaced-1', listId: list.id, importId: 'an-older-import', status: 'active', plate: 'GONE001', category: 'stolen_vehicle', createdAt: 0, updatedAt: 0 }]);
    const restarted = new HotListsService(db, clock, t.app.accessLog, t.app.profile, t.app.logger, { feedDir: t.dataDir });
    await restarted.start();
    expect(restarted.match({ plate: 'KEEP001' })).toHaveLength(1);
    expect(restarted.match({ plate: 'LOST003' })).toEqual([]);
    expect(await store.findImport(db, 'killed-import')).toMatchObject({ status: 'failed', error: expect.stringMatching(/interrupted/) });
    expect(await store.findEntry(db, 'staged-1')).toBeUndefined();
    expect(await store.findEntry(db, 'replaced-1')).toBeUndefined();
    expect(restarted.match({ plate: 'GONE001' })).toEqual([]);
    expect((await store.findList(db, list.id))?.currentImportId).toBe(current.currentImportId);
    await t.app.hotlists.idle();
    expect(hits('KEEP001')).toHaveLength(1);
    expect(hits('LOST001')).toEqual([]);
  });

  it('agency entries take effect only after another supervisor approves them (R7)', async () => {
    const list = await createList('Agency BOLO', 'agency');
    await designate(list.id);
    const made = await call('POST', `/api/v1/hotlists/${list.id}/entries`, officer.headers, entry());
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ status: 'pending' });
    const id = (made.body as { id: string }).id;
    await t.app.hotlists.idle();
    expect(hits('6TRK512')).toEqual([]);
    expect((await call('POST', `/api/v1/hotlists/entries/${id}/approve`, officer.headers)).status).toBe(403); // officers do not approve

    // A supervisor may not approve their own entry.
    const own = await call('POST', `/api/v1/hotlists/${list.id}/entries`, supervisorA.headers, entry({ plate: '5SUP001' }));
    const ownId = (own.body as { id: string }).id;
    const self = await call('POST', `/api/v1/hotlists/entries/${ownId}/approve`, supervisorA.headers);
    expect(self.status).toBe(403);
    expect(self.body.error?.id).toBe('self_approval_refused');

    // The queue is hot-list detail: a purpose first.
    expect((await call('GET', '/api/v1/hotlists/entries/pending', supervisorB.headers)).body.error?.id).toBe('purpose_required');
    const queue = await call('GET', '/api/v1/hotlists/entries/pending', await t.withPurpose(supervisorB));
    expect((queue.body as { entries: { id: string; caseAgent: string }[] }).entries.map((e) => e.id)).toEqual(expect.arrayContaining([id, ownId]));

    expect((await call('POST', `/api/v1/hotlists/entries/${id}/approve`, supervisorB.headers)).status).toBe(204);
    expect((await call('POST', `/api/v1/hotlists/entries/${id}/approve`, supervisorB.headers)).body.error?.id).toBe('entry_not_pending');
    expect((await call('POST', `/api/v1/hotlists/entries/${ownId}/reject`, supervisorB.headers, { reason: 'duplicate of case 26-004511' })).status).toBe(204);
    await t.app.hotlists.idle();
    expect(hits('6TRK512')[0]).toMatchObject({ kind: 'exact', entry: { category: 'stolen_vehicle' } });
    expect(hits('5SUP001')).toEqual([]);
    // A change is approved like a new entry: until then the changed record is not acted on (R7).
    const changed = await call('PATCH', `/api/v1/hotlists/entries/${id}`, officer.headers, entry({ plate: '6TRK513' }));
    expect(changed.body).toMatchObject({ status: 'pending' });
    await t.app.hotlists.idle();
    expect(hits('6TRK512')).toEqual([]);
    expect(hits('6TRK513', 'NV')).toEqual([]);
    expect((await call('POST', `/api/v1/hotlists/entries/${id}/approve`, officer.headers)).status).toBe(403);
    expect((await call('POST', `/api/v1/hotlists/entries/${id}/approve`, supervisorA.headers)).status).toBe(204);
    await t.app.hotlists.idle();
    expect(hits('6TRK513')[0]?.kind).toBe('exact');
    expect((await call('PATCH', `/api/v1/hotlists/entries/${id}`, officer.headers, entry({ plate: '6TRK512' }))).status).toBe(200);
    await call('POST', `/api/v1/hotlists/entries/${id}/approve`, supervisorB.headers);
    await t.app.hotlists.idle();
    expect(hits('6TRK512')[0]?.kind).toBe('exact');
    const approvals = await t.app.accessLog.query({ actionPrefix: 'hotlist.entry_' }, { limit: 50 });
    expect(approvals.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['hotlist.entry_create', 'hotlist.entry_update', 'hotlist.entry_approve', 'hotlist.entry_reject']));
  });

  it('this profile (CA DOJ template) refuses partial plates and description entries, and immigration reasons (R8, R37)', async () => {
    const list = await createList('Agency partials', 'agency');
    const partial = await call('POST', `/api/v1/hotlists/${list.id}/entries`, officer.headers, entry({ plate: '6TR?5*' }));
    expect(partial.body.error?.id).toBe('partial_plates_not_allowed');
    const { plate: _plate, ...noPlate } = entry();
    const description = await call('POST', `/api/v1/hotlists/${list.id}/entries`, officer.headers, { ...noPlate, vehicle: { make: 'Honda', model: 'Civic', color: 'grey' } });
    expect(description.body.error?.id).toBe('description_entries_not_allowed');
    const immigration = await call('POST', `/api/v1/hotlists/${list.id}/entries`, officer.headers, entry({ synopsis: 'Suspected immigration status violation, locate for ICE' }));
    expect(immigration.status).toBe(403);
    expect(immigration.body.error?.id).toBe('immigration_enforcement_prohibited');
    const general = await call('POST', `/api/v1/hotlists/${(await createList('NCIC SLR', 'ncic_stolen_plates')).id}/entries`, officer.headers, entry());
    expect(general.body.error?.id).toBe('hotlist_not_agency');
  });

  it('listing entries is hot-list detail: it needs a purpose, is logged, and honours data sources (invariant 1, R20)', async () => {
    const list = (await call('GET', '/api/v1/hotlists', officer.headers)).body as { lists: { id: string; name: string }[] };
    const svs = list.lists.find((l) => l.name === 'NCIC SVS')!;
    expect((await call('GET', `/api/v1/hotlists/${svs.id}/entries`, officer.headers)).body.error?.id).toBe('purpose_required');
    const listed = await call('GET', `/api/v1/hotlists/${svs.id}/entries`, await t.withPurpose(officer));
    expect(listed.status).toBe(200);
    expect((listed.body as { entries: { plate: string }[] }).entries.map((e) => e.plate).sort()).toEqual(['7XYZ890', 'ABC123']);
    const logged = await t.app.accessLog.query({ actionPrefix: 'hotlist.entries', username: officer.username }, { limit: 5 });
    expect(logged.entries[0]).toMatchObject({ category: 'data_access', resultCount: 2, purposeCase: '26-004512' });
    const agencyOnly = await t.createEligibleUser(['analyst'], { sources: ['agency'] });
    const refused = await call('GET', `/api/v1/hotlists/${svs.id}/entries`, await t.withPurpose(agencyOnly));
    expect(refused.body.error?.id).toBe('data_source_not_authorized');
  });

  it('"has this plate been seen?" runs under the entry\'s case through the gate and is logged (R17, R25)', async () => {
    const camera = await t.registerCamera();
    const at = new Date(clock.now().getTime() - 3_600_000);
    const sent = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/ingest/reads',
      headers: { authorization: `Bearer ${camera.key}` },
      payload: { reads: [makeRead({ plate: '6TRK512' }, at), makeRead({ plate: '6TRK5I2' }, at), makeRead({ plate: '6TRK999' }, at)] },
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const lists = (await call('GET', '/api/v1/hotlists', officer.headers)).body as { lists: { id: string; name: string }[] };
    const bolo = lists.lists.find((l) => l.name === 'Agency BOLO')!;
    const entries = (await call('GET', `/api/v1/hotlists/${bolo.id}/entries?status=active`, await t.withPurpose(officer))).body as { entries: { id: string; plate: string }[] };
    const target = entries.entries.find((e) => e.plate === '6TRK512')!;
    const checked = await call('POST', `/api/v1/hotlists/entries/${target.id}/check`, officer.headers);
    expect(checked.status, JSON.stringify(checked.body)).toBe(200);
    const reads = (checked.body as { reads: { plate: string; match: string }[] }).reads;
    expect(reads.map((r) => [r.plate, r.match]).sort()).toEqual([['6TRK512', 'exact'], ['6TRK5I2', 'confusion']]);
    const logged = await t.app.accessLog.query({ actionPrefix: 'hotlist.entry_check' }, { limit: 5 });
    expect(logged.entries[0]).toMatchObject({ category: 'data_access', actorUsername: officer.username, purposeCase: '26-004512', purposeCategory: 'hotlist_verification', resultCount: 2 });
  });

  it('entries expire and lists past their retention are deleted (R13)', async () => {
    const list = await createList('Short BOLO', 'agency', { retentionDays: 10 });
    await designate(list.id);
    const made = await call('POST', `/api/v1/hotlists/${list.id}/entries`, officer.headers, entry({ plate: '4EXP001', expiresAt: new Date(clock.now().getTime() + DAY).toISOString() }));
    await call('POST', `/api/v1/hotlists/entries/${(made.body as { id: string }).id}/approve`, supervisorB.headers);
    await t.app.hotlists.idle();
    expect(hits('4EXP001')).toHaveLength(1);
    clock.advance(2 * DAY);
    expect(hits('4EXP001')).toEqual([]); // stops matching at once, before the job runs
    const first = await t.app.hotlists.applyRetention(clock.now().getTime());
    expect(first.expired).toBeGreaterThanOrEqual(1);
    expect(await store.findEntry(t.app.database.db, (made.body as { id: string }).id)).toMatchObject({ status: 'expired' });
    clock.advance(11 * DAY);
    const second = await t.app.hotlists.applyRetention(clock.now().getTime());
    expect(second.listsDeleted).toBeGreaterThanOrEqual(1);
    await t.refreshAdmin(); // 13 days later the session has ended
    expect((await call('GET', `/api/v1/hotlists/${list.id}`, t.admin)).status).toBe(404);
    expect((await t.app.accessLog.query({ actionPrefix: 'hotlist.delete' }, { limit: 5 })).entries.length).toBeGreaterThanOrEqual(1);
  });
});
