// The live stream over real HTTP on both backends (issue 5): alerts arrive as SSE events with
// increasing ids; a client that reconnects with Last-Event-ID (or ?since=) gets every alert it
// missed, none twice, then live ones; subscriptions (lists, cameras) and data sources (R20) decide
// who gets what; each alert sent is written to the access log with the hit as its purpose.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestUser } from '../../test/app.testkit.js';
import { DIALECTS } from '../../test/databases.js';
import { openSse, type SseEvent } from './alerts.sse-client.js';
import { alertSeqs, hitRead, sendReads, testHitSource } from './alerts.testkit.js';

const until = async (check: () => boolean, what: string, ms = 5_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe.each(DIALECTS)('the alert stream on %s', (dialect) => {
  let t: TestApp;
  let base: string;
  let camera: { id: string; key: string };
  let other: { id: string; key: string };
  let officer: TestUser;

  const listen = (user: TestUser, extra: Record<string, string> = {}, query = '') => {
    const events: SseEvent[] = [];
    const conn = openSse(`${base}/api/v1/alerts/stream${query}`, { ...user.headers, ...extra }, (event) => events.push(event));
    return { events, conn, alerts: () => events.filter((e) => e.event === 'alert') };
  };

  beforeAll(async () => {
    t = await startTestApp(dialect);
    t.app.alerts.useHitSource(testHitSource());
    base = await t.app.http.listen({ host: '127.0.0.1', port: 0 });
    camera = await t.registerCamera({ name: 'Harbor Blvd NB' });
    other = await t.registerCamera({ name: 'Elm St WB' });
    officer = await t.createEligibleUser(['dispatcher']);
  });
  afterAll(async () => t?.cleanup());

  it('sends live alerts with increasing ids and logs each one sent', async () => {
    const live = listen(officer);
    await live.conn.opened;
    await until(() => t.app.alerts.connectionCount > 0, 'the connection');
    await sendReads(t, camera.key, [hitRead('8ABC123', { region: 'us-ca' }), hitRead('5DEF999')]);
    await until(() => live.alerts().length === 2, 'two alerts');
    const ids = live.alerts().map((e) => e.id!);
    expect(ids[1]).toBeGreaterThan(ids[0]!);
    expect((live.alerts()[0]!.data as { read: { plate: string } }).read.plate).toBe('8ABC123');
    live.conn.close();
    await until(() => t.app.alerts.connectionCount === 0, 'the disconnect');
    const logged = await t.app.database.db.selectFrom('accessLog').select(['purposeCase']).where('action', '=', 'alert.deliver').where('actorUserId', '=', officer.id).execute();
    expect(logged.map((row) => row.purposeCase)).toEqual(expect.arrayContaining(ids.map((id) => `HIT-${id}`)));
  });

  it('replays what a reconnecting client missed (Last-Event-ID or ?since=), none missed and none twice', async () => {
    const first = listen(officer);
    await first.conn.opened;
    await until(() => t.app.alerts.connectionCount > 0, 'the connection');
    await sendReads(t, camera.key, [hitRead('5DEF999')]);
    const last = Math.max(...(await alertSeqs(t)));
    await until(() => first.alerts().some((e) => e.id === last), 'the newest alert');
    first.conn.close();
    await until(() => t.app.alerts.connectionCount === 0, 'the disconnect');

    // Missed while away: three alerts.
    await sendReads(t, camera.key, [hitRead('5DEF999'), hitRead('7XYZ555', { region: 'us-ca' }), hitRead('5DEF999')]);
    const missed = (await alertSeqs(t)).filter((seq) => seq > last);
    expect(missed).toHaveLength(3);

    const again = listen(officer, { 'last-event-id': String(last) });
    await again.conn.opened;
    await until(() => again.alerts().length === 3, 'the replay');
    // Live ones follow, while and after the replay.
    await sendReads(t, camera.key, [hitRead('5DEF999'), hitRead('5DEF999')]);
    await until(() => again.alerts().length === 5, 'live alerts after the replay');
    const got = again.alerts().map((e) => e.id!);
    expect(got).toEqual((await alertSeqs(t)).filter((seq) => seq > last));
    expect(new Set(got).size).toBe(got.length);
    again.conn.close();

    const viaQuery = listen(officer, {}, `?since=${last}`);
    await until(() => viaQuery.alerts().length === 5, 'the ?since= replay');
    expect(viaQuery.alerts().map((e) => e.id)).toEqual(got);
    viaQuery.conn.close();
    await until(() => t.app.alerts.connectionCount === 0, 'the disconnect');
  });

  it('delivers only the lists and cameras a user subscribed to', async () => {
    const user = await t.createEligibleUser(['officer']);
    const put = await t.app.http.inject({ method: 'PUT', url: '/api/v1/alerts/subscriptions', headers: user.headers, payload: { lists: ['list-agency'], cameras: [other.id] } });
    expect(put.statusCode).toBe(200);
    expect(put.json().subscription).toEqual({ lists: ['list-agency'], cameras: [other.id] });
    const since = Math.max(0, ...(await alertSeqs(t)));
    await sendReads(t, camera.key, [hitRead('5DEF999')]); // agency list, other camera: not subscribed
    await sendReads(t, other.key, [hitRead('8ABC123', { region: 'us-ca' })]); // subscribed camera, other list
    await sendReads(t, other.key, [hitRead('5DEF999')]); // both: delivered
    const stream = listen(user, {}, `?since=${since}`);
    await until(() => stream.alerts().length >= 1, 'the subscribed alert');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stream.alerts().map((e) => (e.data as { read: { cameraId: string }; list: { id: string } }).list.id)).toEqual(['list-agency']);
    stream.conn.close();
    const changed = await t.app.database.db.selectFrom('accessLog').select('action').where('action', '=', 'alerts.subscription.set').where('actorUserId', '=', user.id).execute();
    expect(changed).toHaveLength(1);
  });

  it('sends a user only alerts from data sources they are authorized for (R20)', async () => {
    const agencyOnly = await t.createEligibleUser(['officer'], { sources: ['agency'] });
    const since = Math.max(0, ...(await alertSeqs(t)));
    await sendReads(t, camera.key, [hitRead('8ABC123', { region: 'us-ca' }), hitRead('7XYZ555', { region: 'us-ca' }), hitRead('5DEF999')]);
    const stream = listen(agencyOnly, {}, `?since=${since}`);
    await until(() => stream.alerts().length >= 1, 'the agency alert');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stream.alerts().map((e) => (e.data as { list: { dataSource: string } }).list.dataSource)).toEqual(['agency']);
    stream.conn.close();
  });

  it('refuses the stream to a user the purpose gate would refuse, before it opens', async () => {
    const untrained = await t.createUser(['officer']);
    const response = await fetch(`${base}/api/v1/alerts/stream`, { headers: untrained.headers });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { id: string } }).error.id).toMatch(/training|job_title|data_sources/);
  });

  it('stops the stream, saying why, when a connected user may no longer pass the gate', async () => {
    const user = await t.createEligibleUser(['officer']);
    const live = listen(user);
    await live.conn.opened;
    await until(() => t.app.alerts.connectionCount > 0, 'the connection');
    const set = await t.app.http.inject({ method: 'PUT', url: `/api/v1/users/${user.id}/data-sources`, headers: t.admin, payload: { sources: [] } });
    expect(set.statusCode).toBe(200);
    await sendReads(t, camera.key, [hitRead('5DEF999')]);
    const refused = Math.max(...(await alertSeqs(t)));
    await live.conn.ended;
    expect(live.alerts().map((e) => e.id)).not.toContain(refused);
    expect(live.events.at(-1)).toMatchObject({ event: 'notice', data: { id: 'no_data_sources' } });
    await until(() => t.app.alerts.connectionCount === 0, 'the removal');
  });

  it('tells connected clients when an alert\'s workflow moves', async () => {
    const live = listen(officer);
    await live.conn.opened;
    await until(() => t.app.alerts.connectionCount > 0, 'the connection');
    await sendReads(t, camera.key, [hitRead('5DEF999')]);
    const seq = Math.max(...(await alertSeqs(t)));
    await until(() => live.alerts().some((e) => e.id === seq), 'the alert');
    const acting = await t.createEligibleUser(['officer']);
    expect((await t.app.http.inject({ method: 'POST', url: `/api/v1/alerts/${seq}/acknowledge`, headers: acting.headers })).statusCode).toBe(200);
    await until(() => live.events.some((e) => e.event === 'update' && (e.data as { seq: number }).seq === seq), 'the update');
    expect(live.events.find((e) => e.event === 'update')!.data).toEqual({ seq, status: 'open', next: 'confirm', disposition: null });
    live.conn.close();
  });
});
