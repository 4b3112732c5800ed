// Live alerts end to end, in Chromium, against the built server (`npm run build:server` and
// `npm run build:web` first), with the Los Altos PD profile (agency devices, second factor,
// training, CLETS check mandatory). The administrator's setup goes through the HTTP API: a CA DOJ
// hot list imported from CSV and designated (R5, R6), a camera, and an officer with training, job
// title, data sources and an agency device. In the browser the officer opens Live alerts; a camera
// read of a listed plate raises an alert that arrives live with its image; the officer acknowledges,
// records the CLETS check, verifies characters and state against the image, records the stop and
// closes the alert as vehicle recovered (R9–R12). The access log holds the delivery, the image view
// and every step under the hit's purpose (HIT-<n>).
// Set PK_E2E_SCREENSHOTS=<folder> to keep a screenshot of each step.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterPassword, ROOT, room, shot, startServer, stopServer, totpCode, type Server } from './web.kit.js';
import { Api, enrollDeviceCookie, firstSignIn, hasChromium, launchChromium } from './api.kit.js';

const PROFILE = 'los-altos-pd';
const PLATE = '8ABC123';
const OFFICER_PASSWORD = 'verify before you stop 2026';

describe.skipIf(!hasChromium)('live alerts in Chromium', () => {
  let dataDir: string;
  let server: Server | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let admin: Api;
  let cameraKey = '';
  let officerSecret = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    for (const built of ['dist/cli/main.js', 'web/dist/index.html']) {
      if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` before the e2e tests.`);
    }
    dataDir = mkdtempSync(join(tmpdir(), 'pk-e2e-alerts-'));
    [server, browser] = await Promise.all([
      startServer(dataDir, PROFILE),
      launchChromium(['--autoplay-policy=no-user-gesture-required']),
    ]);
    const base = server.url;
    admin = new Api(base, `pk_device=${await enrollDeviceCookie(base, server.deviceCode)}`);
    await firstSignIn(admin, server.username, server.password, 'correct horse battery staple 42');

    // A CA DOJ list from a CSV file, designated by the administrator (R5, R6).
    const list = await admin.call<{ id: string }>('POST', '/hotlists', { name: 'CA DOJ stolen vehicles', source: 'ca_doj', priority: 0 });
    const started = await admin.call<{ id: string }>('POST', `/hotlists/${list.id}/imports`, `plate,state,make,color\n${PLATE},CA,Toyota,white\n5ZZZ001,CA,Honda,grey\n`, 'text/csv');
    for (let i = 0; ; i++) {
      const status = (await admin.call<{ status: string }>('GET', `/hotlists/imports/${started.id}`)).status;
      if (status === 'succeeded') break;
      if (status === 'failed' || i > 200) throw new Error(`the hot-list import ended ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await admin.call('POST', `/hotlists/${list.id}/designation`, { active: true });

    const camera = await admin.call<{ key: { key: string } }>('POST', '/cameras', { name: 'E2E San Antonio Rd NB', kind: 'fixed', location: { lat: 37.3852, lon: -122.1141 }, direction: 0, placement: 'public_view', attestation: true });
    cameraKey = camera.key.key;

    // The officer: authorized title, required course, data sources, an agency device.
    const temporary = 'Temporary-officer-pw-2026';
    const officer = await admin.call<{ id: string }>('POST', '/users', { username: 'oofficer', displayName: 'Olive Officer', jobTitle: 'Sworn police officer', roles: ['officer'], password: temporary });
    const course = await admin.call<{ id: string }>('POST', '/training/courses', { title: 'ALPR use and privacy (Policy 462)', version: '2026.1' });
    await admin.call('POST', '/training/completions', { userId: officer.id, courseId: course.id, completedAt: new Date().toISOString().slice(0, 10) });
    await admin.call('PUT', `/users/${officer.id}/data-sources`, { sources: ['agency', 'state', 'federal'] });
    const device = await admin.call<{ enrollmentCode: string }>('POST', '/devices', { name: 'Patrol MDC 12', kind: 'workstation', identifier: 'LAPD-MDC-0012' });
    const officerCookie = await enrollDeviceCookie(base, device.enrollmentCode);
    officerSecret = await firstSignIn(new Api(base, `pk_device=${officerCookie}`), 'oofficer', temporary, OFFICER_PASSWORD);

    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-US' });
    context.setDefaultTimeout(10_000);
    await context.addCookies([{ name: 'pk_device', value: officerCookie, url: base }]);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    if (server) await stopServer(server.child);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('a camera read raises an alert the officer sees live, verifies and closes with a disposition', async () => {
    await page.goto(`${server!.url}/alerts`);
    await enterPassword(page, 'oofficer', OFFICER_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Enter your code' }).waitFor();
    await page.getByLabel('6-digit code').fill(totpCode(officerSecret, 1));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await room(page, 'Live alerts');
    await page.getByRole('heading', { level: 1, name: 'Live alerts' }).waitFor();
    await page.locator('[data-status="live"]').waitFor();
    await page.getByRole('button', { name: 'Turn sound on' }).click();
    await shot(page, 'alerts-1-waiting');

    // The camera reads the listed plate (with a plate image).
    const plateJpeg = (await sharp({ create: { width: 120, height: 40, channels: 3, background: '#f8fafc' } }).jpeg().toBuffer()).toString('base64');
    const read = { id: uuidv7(), capturedAt: new Date().toISOString(), plate: PLATE, region: 'CA', confidence: 0.95, vehicle: { make: 'Toyota', model: 'Camry', color: 'white' }, plateImage: { base64: plateJpeg, contentType: 'image/jpeg' } };
    const ingested = await fetch(`${server!.url}/api/v1/ingest/reads`, { method: 'POST', headers: { authorization: `Bearer ${cameraKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ reads: [read] }) });
    expect(ingested.status, await ingested.text()).toBe(200);

    // It arrives live: plate, list, last update, and the image through the gate.
    const alert = page.getByRole('region', { name: 'Alert' });
    await expect.poll(async () => (await alert.getByTestId('alert-plate').innerText().catch(() => '')).includes(PLATE), { timeout: 10_000 }).toBe(true);
    const text = await alert.innerText();
    expect(text).toContain('CA DOJ stolen vehicles');
    expect(text).toMatch(/last updated/);
    expect(text).toContain('E2E San Antonio Rd NB');
    const image = alert.getByRole('img', { name: /^Plate image for alert \d+$/ });
    await expect.poll(async () => image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(120);
    const seq = Number(/alert (\d+)$/.exec((await image.getAttribute('alt')) ?? '')?.[1]);
    await shot(page, 'alerts-2-arrived');

    // One step at a time, in the order the server enforces.
    await alert.getByRole('button', { name: 'Acknowledge' }).click();
    await alert.getByRole('button', { name: 'Still listed' }).click(); // CLETS inquiry (the default choice)
    await alert.getByRole('group', { name: /^Plate on the image reads/ }).getByLabel('Yes').check();
    await alert.getByRole('group', { name: /^State on the image is CA/ }).getByLabel('Yes').check();
    await alert.getByRole('group', { name: /^Make is Toyota/ }).getByLabel('Yes').check();
    await alert.getByRole('group', { name: /^Color is white/ }).getByLabel('Yes').check();
    await shot(page, 'alerts-3-verify');
    await alert.getByRole('button', { name: 'Record verification' }).click();
    await alert.getByRole('button', { name: 'Record action' }).click();
    await alert.getByLabel('Disposition').selectOption({ label: 'Vehicle recovered' });
    await alert.getByRole('button', { name: 'Close alert' }).click();
    await alert.getByText('Vehicle recovered', { exact: true }).waitFor();
    expect(await alert.getByRole('heading', { level: 2 }).innerText()).toContain('Closed');
    await shot(page, 'alerts-4-closed');

    // The access log: delivery, image and every step, under the hit's purpose.
    const log = await admin.call<{ entries: { action: string; purposeCase: string | null; purposeCategory: string }[] }>('GET', '/audit/access-log?username=oofficer&limit=100');
    const mine = log.entries.filter((entry) => entry.purposeCase === `HIT-${seq}`);
    expect(mine.every((entry) => entry.purposeCategory === 'hotlist_verification')).toBe(true);
    expect(mine.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['alert.deliver', 'alert.image.view', 'alert.acknowledge', 'alert.confirm', 'alert.verify', 'alert.action', 'alert.disposition']),
    );
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
