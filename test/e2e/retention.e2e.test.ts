// Retention, legal holds and evidence export end to end, in Chromium, against the built server
// (`npm run build:server` and `npm run build:web` first), with the El Cajon PD profile. Setup through
// the API (first sign-in, a camera and a read with both images, a custodian of records with
// training, title, data sources and an agency device); then in the browser the custodian sees the
// retention rules, previews the purge, states a purpose, places a hold on the read, and builds and
// downloads an evidence bundle that verifies (R30–R33).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../src/retention/evidence.bundle.js';
import { enterPassword, ROOT, room, shot, startServer, stopServer, totpCode, type Server } from './web.kit.js';
import { Api, enrollDeviceCookie, firstSignIn, hasChromium, launchChromium } from './api.kit.js';

const PROFILE = 'el-cajon-pd';
const CASE = '26-031415';
const PASSWORD = 'holds keep evidence safe 31';

describe.skipIf(!hasChromium)('retention, holds and evidence in Chromium', () => {
  let dataDir: string;
  let server: Server | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let secret = '';
  let readId = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    for (const built of ['dist/cli/main.js', 'web/dist/index.html']) if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` first.`);
    dataDir = mkdtempSync(join(tmpdir(), 'pk-e2e-retention-'));
    [server, browser] = await Promise.all([startServer(dataDir, PROFILE), launchChromium()]);
    const base = server.url;
    const admin = new Api(base, `pk_device=${await enrollDeviceCookie(base, server.deviceCode)}`);
    await firstSignIn(admin, server.username, server.password, 'correct horse battery staple 42');
    const camera = await admin.call<{ key: { key: string } }>('POST', '/cameras', { name: 'E2E Main St & Magnolia NB', kind: 'fixed', location: { lat: 32.7948, lon: -116.9625 }, direction: 0, placement: 'public_view', attestation: true });
    readId = uuidv7();
    const jpeg = (await sharp({ create: { width: 120, height: 40, channels: 3, background: '#f8fafc' } }).jpeg().toBuffer()).toString('base64');
    const png = (await sharp({ create: { width: 160, height: 100, channels: 3, background: '#64748b' } }).png().toBuffer()).toString('base64');
    const read = { id: readId, capturedAt: new Date(Date.now() - 3_600_000).toISOString(), plate: '8EVD314', region: 'CA', confidence: 0.95, plateImage: { base64: jpeg, contentType: 'image/jpeg' }, vehicleImage: { base64: png, contentType: 'image/png' } };
    const ingested = await fetch(`${base}/api/v1/ingest/reads`, { method: 'POST', headers: { authorization: `Bearer ${camera.key.key}`, 'content-type': 'application/json' }, body: JSON.stringify({ reads: [read] }) });
    expect(ingested.status).toBe(200);

    await admin.call('POST', '/access/job-titles', { title: 'Records supervisor' });
    const temporary = 'Temporary-custodian-pw-2026';
    const custodian = await admin.call<{ id: string }>('POST', '/users', { username: 'ccustodian', displayName: 'Casey Custodian', jobTitle: 'Records supervisor', roles: ['custodian'], password: temporary });
    const course = await admin.call<{ id: string }>('POST', '/training/courses', { title: 'ALPR use and privacy (Policy 427)', version: '2026.1' });
    await admin.call('POST', '/training/completions', { userId: custodian.id, courseId: course.id, completedAt: new Date().toISOString().slice(0, 10) });
    await admin.call('PUT', `/users/${custodian.id}/data-sources`, { sources: ['agency', 'state', 'federal'] });
    const device = await admin.call<{ enrollmentCode: string }>('POST', '/devices', { name: 'Records workstation 1', kind: 'workstation', identifier: 'ECPD-WS-0101' });
    const cookie = await enrollDeviceCookie(base, device.enrollmentCode);
    secret = await firstSignIn(new Api(base, `pk_device=${cookie}`), 'ccustodian', temporary, PASSWORD);

    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-US', acceptDownloads: true });
    context.setDefaultTimeout(10_000);
    await context.addCookies([{ name: 'pk_device', value: cookie, url: base }]);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (server) await stopServer(server.child);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the rules, previews the purge, places a hold and exports a bundle that verifies', async () => {
    await page.goto(`${server!.url}/retention`);
    await enterPassword(page, 'ccustodian', PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Enter your code' }).waitFor();
    await page.getByLabel('6-digit code').fill(totpCode(secret, 1));
    await page.getByRole('button', { name: 'Sign in' }).click();

    await room(page, 'Retention');
    await page.getByRole('heading', { level: 1, name: 'Retention' }).waitFor();
    const rules = page.getByRole('region', { name: 'Retention per data class' });
    await rules.getByRole('rowheader', { name: /Reads from fixed cameras/ }).waitFor();
    expect(await rules.innerText()).toContain('[427.6]');
    expect(await page.getByText('are kept and never purged automatically').count()).toBe(1);
    await page.getByRole('button', { name: 'Preview (dry run)' }).click();
    await page.getByRole('heading', { name: 'Dry run: what the purge would remove now' }).waitFor();
    await shot(page, 'retention-1-policy-preview');

    await room(page, 'Legal holds');
    await page.getByRole('heading', { level: 1, name: 'Legal holds' }).waitFor();
    const purpose = page.getByRole('form', { name: 'Purpose' });
    await purpose.getByLabel('Case or incident number').fill(CASE);
    await purpose.getByLabel('Purpose category').selectOption({ label: 'Felony investigation' });
    await purpose.getByLabel('Reason').fill('Robbery at the Magnolia Ave pharmacy on 11/20; keeping the getaway car read as evidence for trial');
    await purpose.getByRole('button', { name: 'Use this purpose' }).click();
    const form = page.getByRole('form', { name: 'Place a legal hold' });
    await form.getByLabel('Why these reads are held').fill('Evidence for trial in the pharmacy robbery; discovery expected');
    await form.getByLabel('Read ids').fill(readId);
    await form.getByRole('button', { name: 'Place hold' }).click();
    await page.getByText(`Hold placed for case ${CASE} on 1 read.`).waitFor();
    await page.getByRole('region', { name: 'Legal holds' }).getByRole('cell', { name: CASE, exact: true }).waitFor();
    await shot(page, 'retention-2-hold');

    await room(page, 'Evidence export');
    await page.getByRole('heading', { level: 1, name: 'Evidence export' }).waitFor();
    const evidence = page.getByRole('form', { name: 'Build an evidence bundle' });
    await evidence.getByLabel('Read ids').fill(readId);
    await evidence.getByRole('button', { name: 'Build bundle' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the bundle' }).click()]);
    const zip = readFileSync((await download.path())!);
    const outcome = await verifyBundle(zip);
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(outcome.manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining(['reads.json', 'reads.csv', 'chain-of-custody.json']));
    await shot(page, 'retention-3-evidence');
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
