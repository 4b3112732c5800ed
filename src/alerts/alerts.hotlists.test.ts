// The real wiring on both backends: the app's hot-list service is the alerts' hit source. A CA DOJ
// list imported from CSV and designated by the administrator raises an alert on a matching read,
// with the list's name, data source and last update (R5, R6, R9, R12). On the cluster backend too
// (issue 12): the api role imports and designates, the matcher role raises the alert.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.testkit.js';
import { BACKENDS } from '../../test/databases.js';
import { alertSeqs, hitRead, sendReads } from './alerts.testkit.js';

describe.each(BACKENDS)('alerts from the hot-list service on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => t?.cleanup());

  it('raises an alert from an imported, designated list', async () => {
    const created = await t.app.http.inject({ method: 'POST', url: '/api/v1/hotlists', headers: t.admin, payload: { name: 'DOJ stolen vehicles', source: 'ca_doj', priority: 1 } });
    expect(created.statusCode, created.body).toBe(201);
    const list = created.json() as { id: string };
    const imported = await t.app.http.inject({ method: 'POST', url: `/api/v1/hotlists/${list.id}/imports`, headers: { ...t.admin, 'content-type': 'text/csv' }, payload: 'plate,state\n4TST777,CA\n' });
    expect(imported.statusCode, imported.body).toBe(202);
    const importId = (imported.json() as { id: string }).id;
    for (let i = 0; i < 100; i++) {
      const status = (await t.app.http.inject({ method: 'GET', url: `/api/v1/hotlists/imports/${importId}`, headers: t.admin })).json() as { status: string };
      if (status.status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const designated = await t.app.http.inject({ method: 'POST', url: `/api/v1/hotlists/${list.id}/designation`, headers: t.admin, payload: { active: true } });
    expect(designated.statusCode, designated.body).toBe(200);
    // The matcher rebuilds in the background (on a cluster, in the matcher role after the api's notice): wait until it knows the plate.
    await t.matcherKnows({ plate: '4TST777', region: 'CA' });

    const camera = await t.registerCamera();
    await sendReads(t, camera.key, [hitRead('4TST777', { region: 'us-ca' })]);
    const [seq] = await alertSeqs(t);
    expect(seq).toBeDefined();
    const officer = await t.createEligibleUser(['officer']);
    const view = (await t.app.http.inject({ method: 'GET', url: `/api/v1/alerts/${seq}`, headers: officer.headers })).json();
    expect(view).toMatchObject({ read: { plate: '4TST777' }, list: { id: list.id, name: 'DOJ stolen vehicles', dataSource: 'state', priority: 1 }, hit: { kind: 'exact', category: 'stolen_vehicle' } });
    expect(view.list.lastUpdatedAt).not.toBeNull();
  });
});
