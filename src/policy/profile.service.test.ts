// A profile file that loosens protection waits for an administrator's approval; a stricter one
// applies at the next start (issue: accounts, "changes that loosen protection").
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { createApp, type App } from '../app.js';
import { startTestApp, type TestApp } from '../../test/app.testkit.js';
import { profileWithAccess } from '../../test/profile.fixtures.js';
import { loadProfile } from './index.js';
import { loosenings } from './profile.loosening.js';

const setAccess = (file: string, key: string, value: unknown) => {
  const document = parse(readFileSync(file, 'utf8')) as { access: Record<string, unknown> };
  document.access[key] = value;
  writeFileSync(file, stringify(document));
};

describe('policy profile changes', () => {
  it('names what loosens: longer retention, wider sharing, weaker sign-in', () => {
    const base = loadProfile('los-altos-pd');
    const looser = structuredClone(base);
    looser.retention.fixedReads.maxDays = 365;
    looser.sharing.mayReceive = 'anyCaliforniaPublicAgency';
    looser.access.twoFactorRequired = false;
    expect(loosenings(base, looser).map((l) => l.path)).toEqual(['retention.fixedReads.maxDays', 'sharing.mayReceive', 'access.twoFactorRequired']);
    const stricter = structuredClone(base);
    stricter.retention.mobileReads.maxDays = 90;
    stricter.access.sessionLifetimeHours = 8;
    expect(loosenings(base, stricter)).toEqual([]);
  });

  let t: TestApp | undefined;
  const others: App[] = [];
  afterAll(async () => {
    for (const app of others) await app.close();
    await t?.cleanup();
  });

  it('keeps enforcing the profile in force until a looser file is approved, and adopts a stricter one at once', async () => {
    const file = profileWithAccess({ sessionLifetimeHours: 12 });
    t = await startTestApp('sqlite', { profile: file });
    const second = await t.createUser(['administrator'], { username: 'second.admin' });
    const restart = async () => {
      const app = await createApp(t!.app.config);
      others.push(app);
      return app;
    };

    setAccess(file, 'sessionLifetimeHours', 20);
    expect((await restart()).profile.access.sessionLifetimeHours).toBe(12);
    const pending = (await t.app.http.inject({ method: 'GET', url: '/api/v1/approvals?status=pending', headers: t.admin })).json().changes as { id: string; kind: string; summary: string }[];
    const change = pending.find((c) => c.kind === 'policy_profile.adopt')!;
    expect(change.summary).toMatch(/access.sessionLifetimeHours 12 → 20/);
    expect((await t.app.http.inject({ method: 'POST', url: `/api/v1/approvals/${change.id}/approve`, headers: second.headers })).statusCode).toBe(200);
    expect((await restart()).profile.access.sessionLifetimeHours).toBe(20);

    setAccess(file, 'sessionLifetimeHours', 8);
    expect((await restart()).profile.access.sessionLifetimeHours).toBe(8);
    const actions = (await t.app.database.db.selectFrom('accessLog').select('action').execute()).map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(['profile.adopt', 'approval.request', 'approval.approve', 'profile.change']));
  });
});
