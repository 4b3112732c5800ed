// Per-profile hot-list rules (R5, R7, R8): LA Port allows partial plates but not descriptions; Los
// Altos allows descriptions; a profile without supervisor approval puts entries in effect at once.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DIALECTS } from '../../test/databases.js';
import { startTestApp, type Headers, type TestApp } from '../../test/app.testkit.js';
import { profilesDir } from '../policy/index.js';

/** A shipped profile with some hotLists.* keys changed. */
function profileWithHotLists(base: string, overrides: Record<string, unknown>): string {
  const document = parse(readFileSync(join(profilesDir(), `${base}.yaml`), 'utf8')) as { hotLists: Record<string, unknown>; notSetByPolicy: Record<string, string> };
  for (const [key, value] of Object.entries(overrides)) {
    document.hotLists[key] = value;
    delete document.notSetByPolicy[`hotLists.${key}`];
  }
  const file = join(mkdtempSync(join(tmpdir(), 'platekeeper-profile-')), `${base}-hotlists.yaml`);
  writeFileSync(file, stringify(document));
  return file;
}

const entry = (extra: object = {}) => ({ state: 'CA', category: 'felony_vehicle', caseAgent: 'Det. Rivera', caseNumber: '26-004512', synopsis: 'Armed robbery at the port terminal gate; suspect vehicle fled north', ...extra });

describe.each(DIALECTS)('hot-list rules per profile (%s)', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  const setUp = async (profile: string) => {
    t = await startTestApp(dialect, { profile });
    const app = t;
    const call = async (method: 'GET' | 'POST', url: string, headers: Headers, payload?: object) => {
      const response = await app.app.http.inject({ method, url, headers, ...(payload ? { payload } : {}) });
      return { status: response.statusCode, body: (response.body ? response.json() : {}) as Record<string, unknown> & { error?: { id: string } } };
    };
    const list = (await call('POST', '/api/v1/hotlists', app.admin, { name: 'Agency', source: 'agency', priority: 0 })).body as { id: string; active: boolean };
    const officer = await app.createUser(['officer']);
    return { app, call, list, officer };
  };

  it('LA Port: partial plates accepted, descriptions refused, entries wait for a supervisor, new lists wait for designation', async () => {
    const { app, call, list, officer } = await setUp('la-port-police');
    expect(list.active).toBe(false);
    const partial = await call('POST', `/api/v1/hotlists/${list.id}/entries`, officer.headers, entry({ plate: '7AB?12' }));
    expect(partial.status).toBe(201);
    expect(partial.body).toMatchObject({ status: 'pending' });
    expect((await call('POST', `/api/v1/hotlists/${list.id}/entries`, officer.headers, entry({ plate: '*1' }))).body.error?.id).toBe('entry_pattern_too_broad');
    const description = await call('POST', `/api/v1/hotlists/${list.id}/entries`, officer.headers, entry({ vehicle: { make: 'Ford', model: 'F-150', color: 'white' } }));
    expect(description.body.error?.id).toBe('description_entries_not_allowed');
    // Approved by the administrator (who holds hotlists.approve) and designated: the wildcard matches.
    expect((await call('POST', `/api/v1/hotlists/entries/${(partial.body as { id: string }).id}/approve`, app.admin)).status).toBe(204);
    expect((await call('POST', `/api/v1/hotlists/${list.id}/designation`, app.admin, { active: true })).status).toBe(200);
    await app.app.hotlists.idle();
    expect(app.app.hotlists.match({ plate: '7ABX12', region: 'CA' })[0]).toMatchObject({ kind: 'wildcard' });
  });

  it('Los Altos: a vehicle description without a plate can be entered (R8)', async () => {
    const { call, list, officer } = await setUp('los-altos-pd');
    const description = await call('POST', `/api/v1/hotlists/${list.id}/entries`, officer.headers, entry({ vehicle: { make: 'Ford', model: 'F-150', color: 'white' } }));
    expect(description.status).toBe(201);
    const tooBroad = await call('POST', `/api/v1/hotlists/${list.id}/entries`, officer.headers, entry({ vehicle: { color: 'white', bodyType: 'pickup' } }));
    expect(tooBroad.body.error?.id).toBe('description_too_broad');
  });

  it('a profile that needs no supervisor approval and no designation puts lists and entries in effect at once', async () => {
    const { app, call, list, officer } = await setUp(profileWithHotLists('ca-doj-template', { agencyEntriesNeedSupervisorApproval: false, newListNeedsAdministratorApproval: false }));
    expect(list.active).toBe(true);
    const made = await call('POST', `/api/v1/hotlists/${list.id}/entries`, officer.headers, entry({ plate: '8NOW001' }));
    expect(made.body).toMatchObject({ status: 'active' });
    await app.app.hotlists.idle();
    expect(app.app.hotlists.match({ plate: '8NOW001', region: 'CA' })).toHaveLength(1);
  });
});
