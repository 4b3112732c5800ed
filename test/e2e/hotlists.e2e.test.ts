// Hot lists end to end, in Chromium, against the built server (`npm run build:server` and
// `npm run build:web` first), with the Los Altos PD profile (agency devices, second factor, training,
// partial plates and descriptions allowed, supervisor approval). In the browser: the Administrator
// creates a general list, imports a CSV with a column mapping (an immigration record is dropped and
// counted, R37), and designates it (R5); an officer enters an agency record with case agent, case
// number and synopsis (R7); a supervisor states a purpose, sees it in the approvals queue and
// approves it. The access log holds each change, and the queue view under the supervisor's case.
// Set PK_E2E_SCREENSHOTS=<folder> to keep a screenshot of each step.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterPassword, ROOT, room, shot, startServer, stopServer, totpCode, type Server } from './web.kit.js';
import { Api, enrollDeviceCookie, firstSignIn, hasChromium, launchChromium } from './api.kit.js';

const PROFILE = 'los-altos-pd';

interface Person {
  username: string;
  password: string;
  secret: string;
  cookie: string;
}

const NCIC_CSV = ['Tag Number,LIS,VMA,VCO,MKE,MIS,FILE', '7ABC123,CA,HOND,GRY,SV,STOLEN FROM DRIVEWAY,SVS', '8XYZ777,NV,TOYT,BLK,SV,,SVS', 'IMM0001,CA,FORD,WHI,EW,,IVF'].join('\n');

describe.skipIf(!hasChromium)('hot lists in Chromium', () => {
  let dataDir: string;
  let server: Server | undefined;
  let browser: Browser | undefined;
  let admin: Api;
  const people: Record<'admin' | 'officer' | 'supervisor', Person> = {} as never;
  const pageErrors: string[] = [];

  const signedIn = async (who: Person, path = '/'): Promise<Page> => {
    const context = await browser!.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-US' });
    context.setDefaultTimeout(10_000);
    await context.addCookies([{ name: 'pk_device', value: who.cookie, url: server!.url }]);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${server!.url}${path}`);
    await enterPassword(page, who.username, who.password);
    await page.getByRole('heading', { level: 1, name: 'Enter your code' }).waitFor();
    await page.getByLabel('6-digit code').fill(totpCode(who.secret, 1));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await room(page, 'Hot lists');
    await page.getByRole('heading', { level: 1, name: 'Hot lists' }).waitFor();
    return page;
  };

  beforeAll(async () => {
    for (const built of ['dist/cli/main.js', 'web/dist/index.html']) {
      if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` before the e2e tests.`);
    }
    dataDir = mkdtempSync(join(tmpdir(), 'pk-e2e-hotlists-'));
    [server, browser] = await Promise.all([
      startServer(dataDir, PROFILE),
      launchChromium(),
    ]);
    const base = server.url;
    const adminCookie = await enrollDeviceCookie(base, server.deviceCode);
    admin = new Api(base, `pk_device=${adminCookie}`);
    const adminPassword = 'hot lists need a designation 5';
    people.admin = { username: server.username, password: adminPassword, secret: await firstSignIn(admin, server.username, server.password, adminPassword), cookie: adminCookie };

    const course = await admin.call<{ id: string }>('POST', '/training/courses', { title: 'ALPR use and privacy (Policy 462)', version: '2026.1' });
    for (const [key, role, title] of [['officer', 'officer', 'Sworn police officer'], ['supervisor', 'supervisor', 'Sworn police officer']] as const) {
      const temporary = `Temporary-${key}-pw-2026`;
      const user = await admin.call<{ id: string }>('POST', '/users', { username: `e${key}`, displayName: `E2E ${key}`, jobTitle: title, roles: [role], password: temporary });
      await admin.call('POST', '/training/completions', { userId: user.id, courseId: course.id, completedAt: new Date().toISOString().slice(0, 10) });
      await admin.call('PUT', `/users/${user.id}/data-sources`, { sources: ['agency', 'state', 'federal'] });
      const device = await admin.call<{ enrollmentCode: string }>('POST', '/devices', { name: `${key} MDC`, kind: 'workstation', identifier: `LAPD-${key.toUpperCase()}-1` });
      const cookie = await enrollDeviceCookie(base, device.enrollmentCode);
      const password = `${key} verifies before acting 7`;
      people[key] = { username: `e${key}`, password, secret: await firstSignIn(new Api(base, `pk_device=${cookie}`), `e${key}`, temporary, password), cookie };
    }
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    if (server) await stopServer(server.child);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('the Administrator creates, imports with a mapping, and designates a general list (R5, R6, R37)', async () => {
    const page = await signedIn(people.admin);
    await page.getByRole('button', { name: 'New list' }).click();
    const form = page.getByRole('form', { name: 'New hot list' });
    await form.getByLabel('Name').fill('NCIC stolen vehicles');
    await form.getByLabel('Source').selectOption({ label: 'NCIC stolen vehicles (SVS) — Federal data' });
    await form.getByLabel('Priority').fill('0');
    await form.getByRole('button', { name: 'Create list' }).click();
    const row = page.getByRole('row', { name: /NCIC stolen vehicles/ });
    await row.getByText('Not designated').waitFor();

    await row.getByRole('button', { name: 'Import' }).click();
    const importForm = page.getByRole('form', { name: 'Import into NCIC stolen vehicles' });
    await importForm.getByLabel('CSV file').setInputFiles({ name: 'svs.csv', mimeType: 'text/csv', buffer: Buffer.from(NCIC_CSV) });
    await importForm.getByLabel('Plate column').fill('Tag Number');
    await importForm.getByLabel('Records in the file (optional)').fill('3');
    await shot(page, 'hotlists-1-import');
    await importForm.getByRole('button', { name: 'Import file' }).click();
    await page.getByText('Imported.').waitFor();
    await page.getByText('1 immigration record dropped').waitFor();
    await shot(page, 'hotlists-2-imported');

    await row.getByRole('button', { name: 'Designate' }).click();
    await row.getByText('Designated', { exact: true }).waitFor();
    await row.getByRole('button', { name: 'History' }).click();
    const history = page.getByRole('table', { name: 'Import history' });
    await history.getByText('succeeded').waitFor();
    expect(await history.locator('tbody tr td').allInnerTexts()).toEqual(expect.arrayContaining(['3', '2', '1']));
    await shot(page, 'hotlists-3-designated');
    await page.context().close();

    const lists = await admin.call<{ lists: { name: string; active: boolean; activeEntries: number; stale: boolean }[] }>('GET', '/hotlists');
    // Beside it, the demo's own list (src/demo/demo-hotlist.ts), left undesignated (R5).
    expect(lists.lists).toEqual([
      expect.objectContaining({ name: 'NCIC stolen vehicles', active: true, activeEntries: 2, stale: false }),
      expect.objectContaining({ name: 'Demo: sample stolen vehicles (not real)', active: false, activeEntries: 12 }),
    ]);
  }, 60_000);

  it('an officer enters an agency record and another supervisor approves it from the queue under a purpose (R7)', async () => {
    const agency = await admin.call<{ id: string }>('POST', '/hotlists', { name: 'Los Altos BOLO', source: 'agency', priority: 1 });
    await admin.call('POST', `/hotlists/${agency.id}/designation`, { active: true });

    const officer = await signedIn(people.officer);
    const entry = officer.getByRole('form', { name: 'Agency hot-list entry' });
    await entry.getByLabel('List').selectOption({ label: 'Los Altos BOLO' });
    await entry.getByLabel('Plate').fill('6TR?512');
    await entry.getByLabel('State').fill('CA');
    await entry.getByLabel('Make').fill('Honda');
    await entry.getByLabel('Case agent').fill('Det. Rivera');
    await entry.getByLabel('Case number').fill('26-004512');
    await entry.getByLabel('Synopsis').fill('Grey Honda Civic taken at gunpoint from the gas station on El Camino Real');
    await entry.getByRole('button', { name: 'Enter for approval' }).click();
    await officer.getByText('It takes effect once a supervisor approves it').waitFor();
    await shot(officer, 'hotlists-4-entered');
    await officer.context().close();

    const supervisor = await signedIn(people.supervisor);
    const approvals = supervisor.getByRole('region', { name: 'Approvals' });
    const purpose = approvals.getByRole('form', { name: 'Purpose' });
    await purpose.getByLabel('Case or incident number').fill('26-004512');
    await purpose.getByLabel('Purpose category').selectOption({ label: 'Stolen vehicle or plate' });
    await purpose.getByLabel('Reason').fill('Reviewing the BOLO entry for the carjacked grey Honda Civic before it takes effect');
    await purpose.getByRole('button', { name: 'Use this purpose' }).click();
    const queue = approvals.getByRole('table', { name: '1 entry awaiting approval' });
    await queue.getByText('6TR?512').waitFor();
    await shot(supervisor, 'hotlists-5-queue');
    await queue.getByRole('button', { name: 'Approve' }).click();
    await approvals.getByText('No entries.').waitFor();
    await supervisor.context().close();

    const lists = await admin.call<{ lists: { name: string; activeEntries: number; pendingEntries: number }[] }>('GET', '/hotlists');
    expect(lists.lists.find((l) => l.name === 'Los Altos BOLO')).toMatchObject({ activeEntries: 1, pendingEntries: 0 });
    const log = await admin.call<{ entries: { action: string; actorUsername: string; purposeCase: string | null }[] }>('GET', '/audit/access-log?limit=200');
    const actions = log.entries.map((e) => `${e.action}:${e.actorUsername}`);
    expect(actions).toEqual(expect.arrayContaining(['hotlist.create:admin', 'hotlist.import:admin', 'hotlist.designate:admin', 'hotlist.entry_create:eofficer', 'hotlist.entry_approve:esupervisor', 'hotlist.pending:esupervisor']));
    expect(log.entries.find((e) => e.action === 'hotlist.pending')?.purposeCase).toBe('26-004512');
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
