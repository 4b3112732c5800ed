// The web app end to end, in Chromium, against the built server (dist/ and web/dist, so run
// `npm run build` first), with the Los Altos PD profile: sign-in only from an enrolled agency device
// and with a second factor (R19), training before data (R15), authorized job titles (R16).
//   1. The administrator's first sign-in: enroll the browser as the first agency device, the bootstrap
//      password, an authenticator (TOTP) with recovery codes, the forced password change; then the
//      camera registry, a camera's key shown once, and ingest health.
//   2. The purpose gate as an officer meets it: the administrator adds a course, registers a device
//      and creates an officer; the officer enrolls the device and an authenticator, is refused at
//      the purpose form for want of training, signs in again with a code; the administrator records
//      the training and the data sources; the officer's vague purpose is refused at the reason field
//      and a specific one accepted; the access log's chain verifies.
// Set PK_E2E_SCREENSHOTS=<folder> to keep a screenshot of each page.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, hasChromium, launchChromium } from './api.kit.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rekorGroup } from '../../src/ingest/adapters/fixtures/openalpr.fixtures.js';
import { changePassword, enrollDevice, enterPassword, ROOT, room, setUpAuthenticator, shot, startServer, stopServer, totpCode, type Server } from './web.kit.js';

const PROFILE = 'los-altos-pd';
const NEW_PASSWORD = 'correct horse battery staple 42';
const OFFICER_PASSWORD = 'plates are public, purposes are not';
const CAMERA_NAME = 'E2E Harbor Blvd & 3rd St NB';
const COURSE = 'ALPR use and privacy (Policy 462)';

if (!hasChromium) console.warn(`web e2e skipped: no Chromium at ${CHROMIUM} (apt-get install chromium to run it).`);

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

  const newContext = async (): Promise<BrowserContext> => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US', acceptDownloads: true });
    context.setDefaultTimeout(10_000);
    context.on('page', (opened) => opened.on('pageerror', (error) => pageErrors.push(error.message)));
    return context;
  };

  beforeAll(async () => {
    for (const built of ['dist/cli/main.js', 'web/dist/index.html']) {
      if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` before the e2e tests.`);
    }
    dataDir = mkdtempSync(join(tmpdir(), 'pk-e2e-web-'));
    [server, browser] = await Promise.all([
      startServer(dataDir, PROFILE),
      launchChromium(),
    ]);
    page = await (await newContext()).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    if (server) await stopServer(server.child);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('enrolls the first device, then signs in with the bootstrap password, an authenticator and a forced password change', async () => {
    const { url, username, password, deviceCode } = server!;
    await page.goto(`${url}/cameras`);
    // R19: this profile allows sign-in only from agency devices; the server printed the first one's code.
    await shot(page, '1-enroll-device');
    await enrollDevice(page, deviceCode);
    await shot(page, '1-sign-in');
    await enterPassword(page, username, password);
    await setUpAuthenticator(page, '2');

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

    await changePassword(page, password, NEW_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Cameras' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/cameras');
    expect(await page.getByRole('banner').innerText()).toContain('Signed in as');
  });

  it('lists the demo cameras, and the rooms the administrator holds', async () => {
    const nav = page.getByRole('navigation', { name: 'Rooms' });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual([
      ...['Cameras', 'Ingest health', 'Users', 'Training', 'Devices', 'Job titles', 'Sensitive places'],
      ...['Live alerts', 'Alert subscriptions', 'Hot lists', 'Recognize an image'],
      ...['Search', 'Evidence export', 'Legal holds'],
      ...['Exports', 'Retention', 'Sharing', 'Enter sharing request'],
      ...['Access log', 'Audits', 'Misuse review', 'Alert history', 'Alert accuracy'],
      'My access',
    ]);
    expect(await nav.getByRole('heading').allInnerTexts()).toEqual(['Administration', 'Patrol', 'Investigations', 'Records and sharing', 'Oversight', 'You'].map((s) => s.toUpperCase()));

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
    await form.getByLabel('Adapter').selectOption({ label: 'OpenALPR / Rekor agent' });
    expect(await form.getByLabel(/Public view/).isChecked()).toBe(true);
    // The attestation's label cites R4 in the words of the rule.
    await form.getByLabel('I attest (R4): This camera records only plates exposed to public view, or a court order covers it.').check();
    await shot(page, '4-register-form');
    await form.getByRole('button', { name: 'Register camera' }).click();

    const panel = page.getByRole('region', { name: `Ingest key for ${CAMERA_NAME}` });
    await panel.waitFor();
    issuedKey = await panel.getByLabel('Key').inputValue();
    expect(issuedKey).toMatch(/^pkc_[0-9a-f]{32}_\S{20,}$/);
    example = await panel.locator('pre').innerText();
    expect(example).toContain(`${server!.url}/api/v1/ingest/reads`);
    expect(example).toContain(`Authorization: Bearer ${issuedKey}`);
    await panel.getByRole('button', { name: 'Copy key' }).waitFor();
    // Beside the key: what to configure on the OpenALPR agent, without the key itself.
    const setup = page.getByRole('region', { name: `Connect ${CAMERA_NAME}: OpenALPR / Rekor agent` });
    const openalprUrl = `${server!.url}/api/v1/ingest/openalpr`;
    await setup.getByText(openalprUrl, { exact: true }).waitFor();
    await setup.getByText('X-Api-Key', { exact: true }).waitFor();
    expect(await setup.innerText()).not.toContain(issuedKey);
    await shot(page, '5-key-shown-once');

    await panel.getByRole('button', { name: 'I have saved the key' }).click();
    await panel.waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: CAMERA_NAME }) });
    expect(await row.innerText()).toContain('Public view');
    await row.getByRole('button', { name: /^Keys/ }).click();
    const keys = page.getByRole('region', { name: `Ingest keys of ${CAMERA_NAME}` });
    await keys.getByRole('cell', { name: 'initial', exact: true }).waitFor();
    expect(await page.content()).not.toContain(issuedKey);

    // The agent posts a plate group (timed now) to the setup's URL; the Test view shows it accepted, plate text redacted.
    const now = Date.now();
    const group = { ...rekorGroup, epoch_start: now - 2_000, epoch_end: now - 1_000 };
    const sent = await fetch(openalprUrl, { method: 'POST', headers: { 'x-api-key': issuedKey, 'content-type': 'application/json' }, body: JSON.stringify(group) });
    expect(await sent.json()).toMatchObject({ format: 'alpr_group', accepted: 1 });
    await row.getByRole('button', { name: /^Test/ }).click();
    const test = page.getByRole('region', { name: `Test ${CAMERA_NAME}` });
    await test.getByText('1 accepted').waitFor();
    expect(await test.locator('pre').innerText()).toContain('"data_type": "alpr_group"');
    expect(await test.innerText()).not.toContain(rekorGroup.best_plate_number);
    await shot(page, '5b-test-payload');
  });

  it('shows ingest health: demo cameras reading, then the new camera after a read with its key', async () => {
    await room(page, 'Ingest health');
    await page.getByRole('heading', { level: 1, name: 'Ingest health' }).waitFor();

    const demoRates = page
      .locator('table.health tbody tr')
      .filter({ has: page.getByText('Demo', { exact: true }) })
      .locator('td[data-column=reads-per-minute]');
    await expect.poll(async () => (await demoRates.allInnerTexts()).filter((text) => Number(text) > 0).length, { timeout: 20_000, interval: 1_000 }).toBeGreaterThan(0);
    // The camera has one read so far: the OpenALPR group sent while registering it.
    await expect.poll(async () => (await healthRow(page, CAMERA_NAME)).accepted, { timeout: 12_000, interval: 500 }).toBe(1);
    await shot(page, '6-ingest-health');

    // Send the read from the key panel's example, as an operator would paste it.
    const body = /-d '([\s\S]+)'$/.exec(example)?.[1];
    expect(body).toBeDefined();
    const response = await fetch(`${server!.url}/api/v1/ingest/reads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${issuedKey}`, 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ accepted: 1, rejected: 0 });

    await expect.poll(() => healthRow(page, CAMERA_NAME), { timeout: 12_000, interval: 500 }).toMatchObject({ accepted: 2 });
    const row = await healthRow(page, CAMERA_NAME);
    expect(row.readsPerMinute).toBeGreaterThan(0);
    expect(row.lastSeen).not.toBe('never');
    await shot(page, '7-ingest-health-new-camera');
    expect(pageErrors).toEqual([]);
  });

  it('refuses an untrained officer at the purpose form, then a vague purpose, and accepts a specific one', async () => {
    const admin = page;
    const officer = await (await newContext()).newPage();

    // The administrator adds the required course (R15) …
    await room(admin, 'Training');
    await admin.getByRole('button', { name: 'Add course' }).click();
    const courseForm = admin.getByRole('form', { name: 'Add course' });
    await courseForm.getByLabel('Title').fill(COURSE);
    await courseForm.getByLabel(/^Version/).fill('2026.1');
    await courseForm.getByRole('button', { name: 'Add course' }).click();
    await admin.getByRole('rowheader', { name: new RegExp(`^${COURSE.replace(/[()]/g, '\\$&')}`) }).waitFor();

    // … registers the officer's patrol-car computer, whose one-time code is shown once (R19) …
    await room(admin, 'Devices');
    await admin.getByRole('button', { name: 'Register device' }).click();
    const deviceForm = admin.getByRole('form', { name: 'Register device' });
    await deviceForm.getByLabel('Name').fill('Patrol car 12 MDC');
    await deviceForm.getByLabel('Kind').selectOption('mobile_data_computer');
    await deviceForm.getByLabel('Asset tag or serial number').fill('LAPD-MDC-0012');
    await deviceForm.getByRole('button', { name: 'Register device' }).click();
    const deviceCode = await admin.getByLabel('Enrollment code', { exact: true }).innerText();
    expect(deviceCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await shot(admin, '8-device-code');
    await admin.getByRole('button', { name: 'I have given the code to the device' }).click();

    // … and creates the officer with an authorized job title (R16) and a temporary password.
    await room(admin, 'Users');
    await admin.getByRole('button', { name: 'Create user' }).click();
    const userForm = admin.getByRole('form', { name: 'Create user' });
    await userForm.getByText(/Use at least 12 characters/).waitFor(); // the password rules, from the server
    await userForm.getByLabel('Username').fill('jofficer');
    await userForm.getByLabel('Full name').fill('Jamie Officer');
    await userForm.getByLabel('Job title').fill('Sworn police officer');
    await userForm.getByLabel('Patrol officer').check();
    await userForm.getByRole('button', { name: 'Generate' }).click();
    const temporary = await userForm.getByLabel('Temporary password').inputValue();
    await shot(admin, '9-create-user');
    await userForm.getByRole('button', { name: 'Create user' }).click();
    await admin.getByRole('heading', { name: 'Account created for Jamie Officer' }).waitFor();

    // The officer enrolls the device, sets up an authenticator and a password of their own …
    await officer.goto(server!.url);
    await enrollDevice(officer, deviceCode);
    await enterPassword(officer, 'jofficer', temporary);
    const { secret, recoveryCodes } = await setUpAuthenticator(officer);
    await changePassword(officer, temporary, OFFICER_PASSWORD);

    // … lands on "Live alerts", and on "My access" the purpose form is replaced by the gate's refusal: no training (R15).
    await officer.getByRole('heading', { level: 1, name: 'Live alerts' }).waitFor();
    expect(await officer.getByRole('navigation', { name: 'Rooms' }).getByRole('link').allInnerTexts()).toEqual(['Live alerts', 'Alert subscriptions', 'Hot lists', 'Recognize an image', 'Search', 'My access']);
    await room(officer, 'My access');
    await officer.getByRole('heading', { level: 1, name: 'My access' }).waitFor();
    const refusal = officer.locator('.refusal-panel[data-refusal=training_missing]');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain(`You have not completed the required training "${COURSE}"`);
    expect(await officer.getByLabel('Reason').count()).toBe(0);
    await shot(officer, '10-officer-untrained');

    // Signing in again takes the code from the app (the next step's, since this step's was just used) …
    await officer.getByRole('button', { name: 'Sign out', exact: true }).click();
    await enterPassword(officer, 'jofficer', OFFICER_PASSWORD);
    await officer.getByRole('heading', { level: 1, name: 'Enter your code' }).waitFor();
    await officer.getByLabel('6-digit code').fill(totpCode(secret, 1));
    await officer.getByRole('button', { name: 'Sign in' }).click();
    await officer.getByRole('heading', { level: 1, name: 'My access' }).waitFor(); // back where they were

    // The administrator records the training and the data sources the officer may see (R20).
    const row = admin.getByRole('row').filter({ has: admin.getByRole('rowheader', { name: /Jamie Officer/ }) });
    const account = admin.getByRole('group', { name: 'Account of jofficer' });
    if (!(await account.isVisible())) await row.getByRole('button', { name: /^Manage/ }).click();
    await account.getByLabel('Course', { exact: true }).selectOption({ label: `${COURSE} v2026.1` });
    await account.getByRole('button', { name: 'Record completion' }).click();
    await account.getByText(/^Recorded: /).waitFor();
    await account.getByLabel(/This department/).check();
    await account.getByRole('button', { name: 'Save data sources' }).click();
    await account.getByText('Saved.').waitFor();
    await shot(admin, '11-user-trained');

    // Now the form shows. A vague purpose is refused at the reason field with the rule's message (R21) …
    await officer.reload();
    const form = officer.getByRole('form', { name: 'Purpose' });
    await form.getByLabel('Case or incident number').fill('26-004512');
    await form.getByLabel('Purpose category').selectOption({ label: 'Felony investigation' });
    expect(await form.getByLabel('Reason').getAttribute('placeholder')).toContain('Armed robbery'); // the category's example
    await form.getByLabel('Reason').fill('investigation');
    await form.getByRole('button', { name: 'Check purpose' }).click();
    const reasonError = officer.locator('#purpose-reason-error');
    await reasonError.waitFor();
    expect(await reasonError.innerText()).toContain('"investigation" does not say which investigation this is');
    expect(await form.getByLabel('Reason').getAttribute('aria-invalid')).toBe('true');
    expect(await officer.locator('#purpose-caseNumber-error').count()).toBe(0);
    await shot(officer, '12-vague-purpose');

    // … and a specific one is accepted.
    await form.getByLabel('Reason').fill('Armed robbery at 7-Eleven 300 Broadway on 11/19; dark sedan seen leaving northbound');
    await form.getByRole('button', { name: 'Check purpose' }).click();
    await officer.getByText('This purpose would be accepted').waitFor();
    expect(await officer.locator('#purpose-reason-error').count()).toBe(0);
    await shot(officer, '13-purpose-accepted');

    // A recovery code signs in once in place of the app's code.
    await officer.getByRole('button', { name: 'Sign out', exact: true }).click();
    await enterPassword(officer, 'jofficer', OFFICER_PASSWORD);
    await officer.getByRole('button', { name: 'Use a recovery code' }).click();
    await officer.getByLabel('Recovery code').fill(recoveryCodes[0]!);
    await officer.getByRole('button', { name: 'Sign in' }).click();
    await officer.getByRole('heading', { level: 1, name: 'My access' }).waitFor();
    await officer.getByText('9 of 10 recovery codes left.').waitFor();

    // The access log holds all of it, and its hash chain is intact (R25).
    await room(admin, 'Access log');
    await admin.getByRole('button', { name: 'Verify chain' }).click();
    await admin.getByText(/^Intact\. All \d+ entries verified\./).waitFor();
    await admin.getByLabel('Username').fill('jofficer');
    await admin.getByRole('button', { name: 'Apply filters' }).click();
    const who = admin.locator('table.access-log tbody tr td:nth-child(3)');
    await expect.poll(async () => new Set(await who.allInnerTexts())).toEqual(new Set(['jofficer']));
    await admin.locator('table.access-log tbody tr[data-action="auth.recovery_code"]').waitFor();
    await shot(admin, '14-access-log');
    expect(pageErrors).toEqual([]);
  });
});
