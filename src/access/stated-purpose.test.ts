// A stated purpose (POST /purposes/state) stands for the whole purpose on later data requests:
// each use opens the gate again, for this user only (R17, R21; invariant 1).
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp, type TestUser } from '../../test/app.testkit.js';
import { DIALECTS } from '../../test/databases.js';

describe.each(DIALECTS)('stated purposes on %s', (dialect) => {
  let t: TestApp;
  let analyst: TestUser;
  beforeAll(async () => {
    t = await startTestApp(dialect);
    analyst = await t.createEligibleUser(['analyst']);
  });
  afterAll(() => t?.cleanup());

  it('returns an id for an accepted purpose, the same id for the same purpose again, and refuses a bad one', async () => {
    const first = await t.withPurpose(analyst);
    const again = await t.withPurpose(analyst);
    expect(first['x-purpose-id']).toMatch(/\S/);
    expect(again['x-purpose-id']).toBe(first['x-purpose-id']);
    const vague = await t.app.http.inject({ method: 'POST', url: '/api/v1/purposes/state', headers: analyst.headers, payload: { caseNumber: '26-1', category: 'stolen_vehicle', reason: 'investigation' } });
    expect(vague.statusCode).toBe(422);
  });

  it('refuses a user who may not reach ALPR data, saying why', async () => {
    const untrained = await t.createUser(['analyst']);
    const response = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/purposes/state',
      headers: untrained.headers,
      payload: { caseNumber: '26-004512', category: 'stolen_vehicle', reason: 'Locating the stolen grey Honda Civic reported near Main Street' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('opens the gate for the stated id, never for another user’s id, and asks for a purpose when none is sent', async () => {
    const { openGate } = await import('./gate.http.js');
    const headers = await t.withPurpose(analyst);
    const other = await t.createEligibleUser(['analyst']);
    // A throwaway route on a bare server, with the real gate behind it.
    const server = Fastify();
    server.addHook('preHandler', async (request) => {
      const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
      const principal = await t.app.access.authenticate(token);
      (request as unknown as { principal: unknown }).principal = principal;
    });
    server.get('/data', async (request) => {
      const ctx = await openGate(t.app.purposeGate, request, 'test.read');
      return { caseNumber: ctx.purpose.caseNumber, user: ctx.user.username };
    });
    server.setErrorHandler((error: { statusCode?: number; id?: string }, _request, reply) => reply.status(error.statusCode ?? 500).send({ id: error.id }));
    const ok = await server.inject({ method: 'GET', url: '/data', headers });
    expect(ok.json()).toEqual({ caseNumber: '26-004512', user: analyst.username });
    const byQuery = await server.inject({ method: 'GET', url: `/data?purpose=${headers['x-purpose-id']}`, headers: analyst.headers });
    expect(byQuery.statusCode).toBe(200);
    const stolen = await server.inject({ method: 'GET', url: '/data', headers: { ...other.headers, 'x-purpose-id': headers['x-purpose-id'] } });
    expect(stolen.json()).toEqual({ id: 'purpose_not_found' });
    const none = await server.inject({ method: 'GET', url: '/data', headers: analyst.headers });
    expect(none.json()).toEqual({ id: 'purpose_required' });
    await server.close();
  });
});
