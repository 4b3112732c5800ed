// Cameras belong to an agency and every read carries its camera's agency (issue 12: a county's
// agencies pool cameras in one deployment; reads.agency_id is the Citus distribution column), on
// both backends: the default is the deployment's own agency from its profile, the administrator
// sets another on registration or later, and cameras from before the migration are adopted by a scheduled job.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.testkit.js';
import { DIALECTS } from '../../test/databases.js';
import { makeRead } from '../../test/reads.fixtures.js';
import { ownAgencyId, PLACEHOLDER_AGENCY } from './camera-agency.js';

describe.each(DIALECTS)('camera agencies (%s)', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  const send = async (app: TestApp, key: string, read: Record<string, unknown>) => {
    const response = await app.app.http.inject({ method: 'POST', url: '/api/v1/ingest/reads', headers: { authorization: `Bearer ${key}` }, payload: { reads: [read] } });
    expect(response.statusCode, response.body).toBe(200);
    expect((response.json() as { accepted: number }).accepted).toBe(1);
  };
  const agencyOf = async (app: TestApp, id: string) => (await app.app.database.db.selectFrom('reads').select('agencyId').where('id', '=', id).executeTakeFirstOrThrow()).agencyId;

  it('a camera of agency X stores its reads with agency X; by default the profile’s own agency; a change applies to later reads', async () => {
    t = await startTestApp(dialect, { profile: 'el-cajon-pd' });
    const own = ownAgencyId(t.app.profile);
    expect(own).toBe(t.app.profile.agency.ori ?? t.app.profile.agency.shortName);
    expect(own).not.toBe(PLACEHOLDER_AGENCY);

    const ours = await t.registerCamera();
    const theirs = await t.registerCamera({ agencyId: 'CA0370000' });
    const listed = (await t.app.http.inject({ method: 'GET', url: '/api/v1/cameras', headers: t.admin })).json() as { cameras: { id: string; agencyId: string }[] };
    expect(listed.cameras.find((c) => c.id === ours.id)?.agencyId).toBe(own);
    expect(listed.cameras.find((c) => c.id === theirs.id)?.agencyId).toBe('CA0370000');

    const fromOurs = makeRead();
    const fromTheirs = makeRead({ plate: '7XYZ002' });
    await send(t, ours.key, fromOurs);
    await send(t, theirs.key, fromTheirs);
    expect(await agencyOf(t, fromOurs.id as string)).toBe(own);
    expect(await agencyOf(t, fromTheirs.id as string)).toBe('CA0370000');

    // The camera moves to another agency: reads from now on carry it; stored ones keep theirs.
    const moved = await t.app.http.inject({ method: 'PATCH', url: `/api/v1/cameras/${theirs.id}`, headers: t.admin, payload: { agencyId: 'Santee PD' } });
    expect(moved.statusCode, moved.body).toBe(200);
    const later = makeRead({ plate: '7XYZ003' });
    await send(t, theirs.key, later);
    expect(await agencyOf(t, later.id as string)).toBe('Santee PD');
    expect(await agencyOf(t, fromTheirs.id as string)).toBe('CA0370000');
  });

  it('refuses an agency id that is not one, saying what is', async () => {
    t = await startTestApp(dialect);
    const response = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/cameras',
      headers: t.admin,
      payload: { name: 'Bad agency', kind: 'mobile', placement: 'public_view', attestation: true, agencyId: "'; DROP TABLE reads --" },
    });
    expect(response.statusCode).toBe(400);
    await expect(t.app.cameras.register({ name: 'CLI camera', kind: 'mobile', placement: 'public_view', attestation: true, agencyId: '' }, 'cli')).rejects.toMatchObject({ id: 'invalid_agency' });
  });

  it('the adoption job makes cameras from before cameras had agencies the deployment’s own, with their reads; meanwhile their reads carry it already', async () => {
    t = await startTestApp(dialect);
    const camera = await t.registerCamera();
    const read = makeRead();
    await send(t, camera.key, read);
    // As the database stood after migration 20261123T1650: no owner, reads on the placeholder.
    const db = t.app.database.db;
    await db.updateTable('cameras').set({ agencyId: null }).where('id', '=', camera.id).execute();
    await db.updateTable('reads').set({ agencyId: PLACEHOLDER_AGENCY }).where('id', '=', read.id as string).execute();

    const own = t.app.cameras.ownAgency;
    // Before the job runs, an unassigned camera's new reads are the deployment's own already.
    const later = makeRead();
    await send(t, camera.key, later);
    expect(await agencyOf(t, later.id as string)).toBe(own);

    expect(await t.app.scheduler.runOnce('cameras.agency-adoption')).toMatchObject({ ok: true, summary: { camerasAdopted: 1 } });
    expect((await db.selectFrom('cameras').select('agencyId').where('id', '=', camera.id).executeTakeFirstOrThrow()).agencyId).toBe(own);
    expect(await agencyOf(t, read.id as string)).toBe(own);
    expect(await t.app.scheduler.runOnce('cameras.agency-adoption')).toMatchObject({ ok: true, summary: { camerasAdopted: 0 } });
  });
});
