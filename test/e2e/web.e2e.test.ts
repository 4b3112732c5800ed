// The web app end to end, in Chromium, against the built server (dist/ and web/dist, so run
// `npm run build` first): first sign-in with the bootstrap password, the forced password change,
// the camera registry with the demo network, registering a camera and its key shown once, and
// ingest health filling in from the demo network and from a read sent with the new key.
// Set PK_E2E_SCREENSHOTS=<folder> to keep a screenshot of each page.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
const ROOT = resolve(import.meta.dirname, '../..');
const SCREENSHOTS = process.env.PK_E2E_SCREENSHOTS;
const NEW_PASSWORD = 'correct horse battery staple 42';
const CAMERA_NAME = 'E2E Harbor Blvd & 3rd St NB';

const hasChromium = existsSync(CHROMIUM);
// CI sets PLATEKEEPER_REQUIRE_CHROMIUM: there a missing browser is a failure, not a skip.
if (!hasChromium && process.env.PLATEKEEPER_REQUIRE_CHROMIUM) throw new Error(`PLATEKEEPER_REQUIRE_CHROMIUM is set but there is no Chromium at ${CHROMIUM}.`);
if (!hasChromium) console.warn(`web e2e skipped: no Chromium at ${CHROMIUM} (apt-get install chromium to run it).`);

interface Server {
  child: ChildProcess;
  url: string;
  username: string;
  password: string;
}

/** Starts `platekeeper serve` on a free port; resolves once it has printed its address and the bootstrap account. */
function startServer(dataDir: string): Promise<Server> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/platekeeper.js'), 'serve', '--data-dir', dataDir, '--port', '0'], {
    cwd: ROOT,
    env: { ...process.env, PLATEKEEPER_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start in 20 s.\nstdout:\n${stdout}\nstderr:\n${stderr}`)), 20_000);
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /Platekeeper is running at (http:\/\/\S+?) /.exec(stdout)?.[1];
      const username = /^\s+username: (\S+)$/m.exec(stdout)?.[1];
      const password = /^\s+password: (\S+)$/m.exec(stdout)?.[1];
      if (url && username && password) {
        clearTimeout(timer);
        resolvePromise({ child, url, username, password });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${code}) before it was ready.\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    });
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

async function shot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({
    path: join(SCREENSHOTS, `${name}.png`),
    fullPage: true,
  });
}

/** The numbers in one ingest-health row, by column. */
async function healthRow(page: Page, cameraName: string) {
  const row = page.locator('table.health tbody tr').filter({ has: page.getByRole('rowheader', { name: cameraName }) });
  const cells = await row.locator('td').allInnerTexts();
  return {
    lastSeen: cells[0] ?? '',
    readsPerMinute: Number(cells[1] ?? Number.NaN),
    accepted: Number((cells[2] ?? '').replace(/\D/g, '')),
  };
}

describe.skipIf(!hasChromium)(`web app in Chromium${hasChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM})`}`, () => {
  let dataDir: string;
  let server: Server | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];
  let issuedKey = '';
  let example = '';

  beforeAll(async () => {
    for (const built of ['dist/cli/main.js', 'web/dist/index.html']) {
      if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` before the e2e tests.`);
    }
    dataDir = mkdtempSync(join(tmpdir(), 'pk-e2e-web-'));
    [server, browser] = await Promise.all([
      startServer(dataDir),
      chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
      }),
    ]);
    const context = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      locale: 'en-US',
    });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    if (server) await stopServer(server.child);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs in with the bootstrap password and forces a password change first', async () => {
    const { url, username, password } = server!;
    await page.goto(`${url}/cameras`);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await shot(page, '1-sign-in');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.getByRole('heading', { level: 1, name: 'Change your password' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/change-password');
    await page.getByText(/Use at least 12 characters/).waitFor(); // the rules, from the route's description

    // A weak password: the server's message appears next to the new-password field.
    await page.getByLabel('Current password').fill(password);
    await page.getByLabel('New password', { exact: true }).fill('short');
    await page.getByLabel('New password again').fill('short');
    await page.getByRole('button', { name: 'Change password' }).click();
    expect(await page.locator('#newPassword-error').innerText()).toContain('shorter than 12 characters');
    expect(await page.getByLabel('New password', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await shot(page, '2-change-password-error');

    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('New password again').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cameras' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/cameras');
    expect(await page.getByRole('banner').innerText()).toContain('Signed in as');
  });

  it('lists the demo cameras, and only the rooms that exist', async () => {
    const nav = page.getByRole('navigation', { name: 'Rooms' });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual(['Cameras', 'Ingest health']);

    const answer = (await (await page.request.get(`${server!.url}/api/v1/cameras`)).json()) as { cameras: { name: string; origin: string }[] };
    const demoNames = answer.cameras.filter((camera) => camera.origin === 'demo').map((camera) => camera.name);
    expect(demoNames.length).toBeGreaterThan(0);
    await page.locator('table tbody tr').first().waitFor();
    const rows = page.locator('table tbody tr').filter({ has: page.getByText('Demo', { exact: true }) });
    expect(await rows.count()).toBe(demoNames.length);
    const listed = await page.locator('table tbody th[scope=row]').allInnerTexts();
    for (const name of demoNames) expect(listed.some((text) => text.startsWith(name))).toBe(true);
    await shot(page, '3-cameras');
  });

  it('registers a camera with its attestation and shows its key once', async () => {
    await page.getByRole('button', { name: 'Register camera' }).click();
    const form = page.getByRole('form', { name: 'Register camera' });
    await form.getByLabel('Name').fill(CAMERA_NAME);
    await form.getByLabel('Latitude').fill('38.5801');
    await form.getByLabel('Longitude').fill('-121.4933');
    await form.getByLabel(/Direction/).fill('10');
    expect(await form.getByLabel(/Public view/).isChecked()).toBe(true);
    // The attestation's label cites R4 in the words of the rule.
    await form.getByLabel('I attest (R4): This camera records only plates exposed to public view, or a court order covers it.').check();
    await shot(page, '4-register-form');
    await form.getByRole('button', { name: 'Register camera' }).click();

    const panel = page.getByRole('region', {
      name: `Ingest key for ${CAMERA_NAME}`,
    });
    await panel.waitFor();
    issuedKey = await panel.getByLabel('Key').inputValue();
    expect(issuedKey).toMatch(/^pkc_[0-9a-f]{32}_\S{20,}$/);
    example = await panel.locator('pre').innerText();
    expect(example).toContain(`${server!.url}/api/v1/ingest/reads`);
    expect(example).toContain(`Authorization: Bearer ${issuedKey}`);
    await panel.getByRole('button', { name: 'Copy key' }).waitFor();
    await shot(page, '5-key-shown-once');

    await panel.getByRole('button', { name: 'I have saved the key' }).click();
    await panel.waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: CAMERA_NAME }) });
    expect(await row.innerText()).toContain('Public view');
    await row.getByRole('button', { name: /^Keys/ }).click();
    const keys = page.getByRole('region', {
      name: `Ingest keys of ${CAMERA_NAME}`,
    });
    await keys.getByRole('cell', { name: 'initial', exact: true }).waitFor();
    expect(await page.content()).not.toContain(issuedKey);
  });

  it('shows ingest health: demo cameras reading, then the new camera after a read with its key', async () => {
    await page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name: 'Ingest health' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ingest health' }).waitFor();

    const demoRates = page
      .locator('table.health tbody tr')
      .filter({ has: page.getByText('Demo', { exact: true }) })
      .locator('td[data-column=reads-per-minute]');
    await expect.poll(async () => (await demoRates.allInnerTexts()).filter((text) => Number(text) > 0).length, { timeout: 20_000, interval: 1_000 }).toBeGreaterThan(0);
    expect((await healthRow(page, CAMERA_NAME)).lastSeen).toBe('never');
    await shot(page, '6-ingest-health');

    // Send the read from the key panel's example, as an operator would paste it.
    const body = /-d '([\s\S]+)'$/.exec(example)?.[1];
    expect(body).toBeDefined();
    const response = await fetch(`${server!.url}/api/v1/ingest/reads`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${issuedKey}`,
        'content-type': 'application/json',
      },
      body,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ accepted: 1, rejected: 0 });

    await expect
      .poll(() => healthRow(page, CAMERA_NAME), {
        timeout: 12_000,
        interval: 500,
      })
      .toMatchObject({ accepted: 1 });
    const row = await healthRow(page, CAMERA_NAME);
    expect(row.readsPerMinute).toBeGreaterThan(0);
    expect(row.lastSeen).not.toBe('never');
    await shot(page, '7-ingest-health-new-camera');
    expect(pageErrors).toEqual([]);
  });
});
