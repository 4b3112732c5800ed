// Investigative search end to end, in Chromium, against the built server (`npm run build:server` and
// `npm run build:web` first), with the Los Altos PD profile (agency devices, second factor, training).
// The setup an administrator would do in other rooms (first sign-in, a camera and its reads with
// images, an analyst with training, job title, data sources and an agency device) goes through the
// HTTP API; then, in the browser, the analyst states a purpose, runs a partial-plate search, sees the
// thumbnails, opens a read with both images, and exports the results as CSV. The access log holds
// the search, the image views and the export, each with the case number (R21, R24, R25, R32).
// Set PK_E2E_SCREENSHOTS=<folder> to keep a screenshot of each step.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterPassword, ROOT, room, shot, startServer, stopServer, totpCode, type Server } from './web.kit.js';
import { Api, enrollDeviceCookie, firstSignIn, hasChromium, launchChromium } from './api.kit.js';

const PROFILE = 'los-altos-pd';
const CASE = '26-008877';
const ANALYST_PASSWORD = 'partial plates need a purpose 7';

describe.skipIf(!hasChromium)('investigative search in Chromium', () => {
  let dataDir: string;
  let server: Server | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let admin: Api;
  let analystSecret = '';
  let analystCookie = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    for (const built of ['dist/cli/main.js', 'web/dist/index.html']) {
      if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` before the e2e tests.`);
    }
    dataDir = mkdtempSync(join(tmpdir(), 'pk-e2e-search-'));
    [server, browser] = await Promise.all([
      startServer(dataDir, PROFILE),
      launchChromium(),
    ]);
    const base = server.url;

    // The administrator: first device, first sign-in.
    admin = new Api(base, `pk_device=${await enrollDeviceCookie(base, server.deviceCode)}`);
    await firstSignIn(admin, server.username, server.password, 'correct horse battery staple 42');

    // A camera and its reads: the partial plate's two matches carry plate and vehicle images.
    const camera = await admin.call<{ camera: { id: string }; key: { key: string } }>('POST', '/cameras', {
      name: 'E2E El Monte & Foothill EB',
      kind: 'fixed',
      location: { lat: 37.3852, lon: -122.1141 },
      direction: 90,
      placement: 'public_view',
      attestation: true,
    });
    const plateJpeg = (await sharp({ create: { width: 120, height: 40, channels: 3, background: '#f8fafc' } }).jpeg().toBuffer()).toString('base64');
    const vehiclePng = (await sharp({ create: { width: 160, height: 100, channels: 3, background: '#64748b' } }).png().toBuffer()).toString('base64');
    const now = Date.now();
    const reads = ['7AB3120', '7AB9125', '8XYZ123', '7AC3121'].map((plate, i) => ({
      id: uuidv7(),
      capturedAt: new Date(now - (i + 1) * 600_000).toISOString(),
      plate,
      region: 'CA',
      confidence: 0.94,
      vehicle: { make: 'Honda', model: 'Civic', color: 'grey', bodyType: 'sedan' },
      ...(plate.startsWith('7AB') ? { plateImage: { base64: plateJpeg, contentType: 'image/jpeg' }, vehicleImage: { base64: vehiclePng, contentType: 'image/png' } } : {}),
    }));
    const ingested = await fetch(`${base}/api/v1/ingest/reads`, { method: 'POST', headers: { authorization: `Bearer ${camera.key.key}`, 'content-type': 'application/json' }, body: JSON.stringify({ reads }) });
    expect(ingested.status, await ingested.text()).toBe(200);

    // The analyst: authorized title, required course completed, data sources, an agency device.
    const temporary = 'Temporary-analyst-pw-2026';
    const analyst = await admin.call<{ id: string }>('POST', '/users', { username: 'eanalyst', displayName: 'Emery Analyst', jobTitle: 'Crime analyst', roles: ['analyst'], password: temporary });
    const course = await admin.call<{ id: string }>('POST', '/training/courses', { title: 'ALPR use and privacy (Policy 462)', version: '2026.1' });
    await admin.call('POST', '/training/completions', { userId: analyst.id, courseId: course.id, completedAt: new Date().toISOString().slice(0, 10) });
    await admin.call('PUT', `/users/${analyst.id}/data-sources`, { sources: ['agency', 'state', 'federal'] });
    const device = await admin.call<{ enrollmentCode: string }>('POST', '/devices', { name: 'Analyst workstation 3', kind: 'workstation', identifier: 'LAPD-WS-0003' });
    analystCookie = await enrollDeviceCookie(base, device.enrollmentCode);
    analystSecret = await firstSignIn(new Api(base, `pk_device=${analystCookie}`), 'eanalyst', temporary, ANALYST_PASSWORD);

    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'en-US', timezoneId: 'UTC', acceptDownloads: true });
    context.setDefaultTimeout(10_000);
    await context.addCookies([{ name: 'pk_device', value: analystCookie, url: base }]);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (server) await stopServer(server.child);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('states a purpose, runs a partial-plate search, opens a read with both images, and exports it', async () => {
    await page.goto(`${server!.url}/search`);
    await enterPassword(page, 'eanalyst', ANALYST_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Enter your code' }).waitFor();
    await page.getByLabel('6-digit code').fill(totpCode(analystSecret, 1));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await room(page, 'Search');
    await page.getByRole('heading', { level: 1, name: 'Search' }).waitFor();

    // The purpose comes first: no search form until one is stated (R21).
    expect(await page.getByRole('form', { name: 'Search' }).count()).toBe(0);
    const purpose = page.getByRole('form', { name: 'Purpose' });
    await purpose.getByLabel('Case or incident number').fill(CASE);
    await purpose.getByLabel('Purpose category').selectOption({ label: 'Felony investigation' });
    await purpose.getByLabel('Reason').fill('Armed robbery at 7-Eleven 300 Broadway on 11/19; grey Honda Civic seen leaving, partial plate 7AB');
    await shot(page, 'search-1-purpose');
    await purpose.getByRole('button', { name: 'Use this purpose' }).click();
    await page.getByText(`Searching for case ${CASE}`).waitFor();

    // A partial plate: 7AB?12* finds the two 7AB plates, not 7AC3121 or 8XYZ123 (R24).
    const form = page.getByRole('form', { name: 'Search' });
    await form.getByRole('button', { name: 'Partial plate' }).click();
    await form.getByLabel('Partial plate', { exact: true }).fill('7AB?12*');
    await form.getByRole('button', { name: 'Search', exact: true }).click();
    const results = page.getByRole('region', { name: 'Results' });
    await results.getByRole('heading', { name: '2 reads' }).waitFor();
    const plates = await results.locator('table.search-results tbody tr td:nth-child(2)').allInnerTexts();
    expect(plates.map((p) => p.trim()).sort()).toEqual(['7AB3120', '7AB9125']);
    // Thumbnails come through the gate, with the stated purpose in the URL, and load.
    const thumbs = results.locator('img.thumb');
    await expect.poll(async () => thumbs.evaluateAll((images) => images.filter((img) => (img as HTMLImageElement).naturalWidth > 0).length)).toBe(2);
    expect(await thumbs.first().getAttribute('src')).toMatch(/^\/api\/v1\/images\/[0-9a-f]{64}\?purpose=/);
    await shot(page, 'search-2-results');

    // The read detail shows both images.
    await results.getByRole('button', { name: /^Open read of 7AB3120/ }).click();
    const detail = page.getByRole('region', { name: 'Read of 7AB3120' });
    await detail.getByRole('img', { name: 'Plate image of 7AB3120' }).waitFor();
    await expect.poll(async () => detail.locator('img').evaluateAll((images) => images.map((img) => (img as HTMLImageElement).naturalWidth))).toEqual([120, 160]);
    expect(await detail.innerText()).toContain('E2E El Monte & Foothill EB');
    await shot(page, 'search-3-read');

    // Export as CSV: the file names the case, holds both reads, and the export is registered (R32).
    const [download] = await Promise.all([page.waitForEvent('download'), results.getByRole('button', { name: 'CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^platekeeper-${CASE}-[0-9a-f]{8}\\.csv$`));
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain(`case ${CASE}`);
    expect(csv).toContain('7AB3120');
    expect(csv).toContain('7AB9125');
    expect(csv).not.toContain('7AC3121');
    await results.getByText(/is registered; destroy every copy by/).waitFor();
    await shot(page, 'search-4-exported');

    // A canvass around the camera for the last two hours: all four reads, the area drawn on the map (R23).
    await form.getByRole('button', { name: 'Canvass' }).click();
    await form.getByLabel('Near camera').selectOption({ label: 'E2E El Monte & Foothill EB' });
    expect(await form.getByLabel('Latitude').inputValue()).toBe('37.3852');
    await form.getByLabel('Radius (m)').fill('300');
    const local = (ms: number) => new Date(ms).toISOString().slice(0, 16);
    await form.getByLabel('From', { exact: true }).fill(local(Date.now() - 2 * 3600_000));
    await form.getByLabel('To', { exact: true }).fill(local(Date.now() + 3600_000));
    await form.getByRole('button', { name: 'Search', exact: true }).click();
    await results.getByRole('heading', { name: '4 reads' }).waitFor();
    expect(await page.locator('.search-map path.leaflet-interactive').count()).toBeGreaterThanOrEqual(5); // the circle and four reads
    await shot(page, 'search-5-canvass');

    // The access log holds the search, the image views and the export, each under the case (R25).
    const log = await admin.call<{ entries: { action: string; purposeCase: string | null; actorUsername: string }[] }>('GET', `/audit/access-log?username=eanalyst&limit=100`);
    const actions = log.entries.filter((entry) => entry.purposeCase === CASE).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['search.partial', 'image.view', 'export.csv', 'export.register']));
    const canvassed = await admin.call<{ entries: { action: string }[] }>('GET', `/audit/access-log?username=eanalyst&action=search.canvass`);
    expect(canvassed.entries).toHaveLength(1);
    const registry = await admin.call<{ exports: { caseNumber: string; format: string; recordCount: number; status: string }[] }>('GET', '/exports');
    expect(registry.exports).toEqual([expect.objectContaining({ caseNumber: CASE, format: 'csv', recordCount: 2, status: 'due' })]);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
