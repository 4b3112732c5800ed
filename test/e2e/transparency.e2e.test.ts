// Audits, misuse review, sensitive places and the public transparency page in Chromium, against an
// in-process app serving the built web (run `npm run build:web` first):
//   1. The transparency page, with no sign-in, shows the exact counts of a known store, and neither
//      the page nor its data holds a plate or a user's name (R43, R44).
//   2. An auditor starts an audit, reviews the ten sampled inquiries one at a time, signs, and reads
//      the memorandum (R26–R28); the administrator runs the misuse scan, resolves a flag with a note
//      and adds a sensitive place (R22, R29).
// Sessions come from the testkit (the same HttpOnly cookies a browser sign-in sets); sign-in itself
// is covered by web.e2e.test.ts. Set PK_E2E_SCREENSHOTS=<folder> to keep screenshots.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hasChromium, launchChromium } from './api.kit.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedKnownStore } from '../../src/transparency/transparency.testkit.js';
import { DAY, FakeClock, HOUR } from '../../src/platform/clock.js';
import { startTestApp, type TestApp, type TestUser } from '../app.testkit.js';
import { ROOT, shot } from './web.kit.js';

const hasWeb = existsSync(join(ROOT, 'web/dist/index.html'));

async function listening(t: TestApp): Promise<string> {
  const address = await t.app.listen();
  return address.replace('0.0.0.0', '127.0.0.1');
}

describe.skipIf(!hasChromium || !hasWeb)('audits and transparency in Chromium', () => {
  let browser: Browser;
  const apps: TestApp[] = [];
  const pageErrors: string[] = [];

  const open = async (url: string, cookies: Record<string, string> = {}): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', acceptDownloads: true });
    context.setDefaultTimeout(10_000);
    const entries = Object.entries(cookies).map(([name, value]) => ({ name, value, url }));
    if (entries.length > 0) await context.addCookies(entries);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    return { context, page };
  };
  /** The cookies of a testkit session: the session token and, where the profile wants one, the agency device. */
  const cookiesOf = (t: TestApp, user: TestUser): Record<string, string> => ({
    pk_session: user.headers.authorization.slice('Bearer '.length),
    ...(t.deviceCookie ? { pk_device: t.deviceCookie.slice('pk_device='.length) } : {}),
  });

  beforeAll(async () => {
    browser = await launchChromium();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    for (const t of apps) await t.cleanup();
  });

  it('shows the public exact counts without a sign-in and leaks nothing', async () => {
    const clock = new FakeClock(new Date(Date.now() - HOUR));
    const t = await startTestApp('sqlite', { clock, profile: 'el-cajon-pd', flags: { 'server.port': 0 } });
    apps.push(t);
    const { usernames } = await seedKnownStore(t, clock);
    const url = await listening(t);
    const { context, page } = await open(url);
    const api = page.waitForResponse((response) => response.url().endsWith('/api/v1/transparency'));
    await page.goto(`${url}/transparency`);
    const body = await (await api).text();
    await page.getByRole('heading', { level: 1, name: 'ALPR transparency: El Cajon Police Department' }).waitFor();
    const figure = (name: string) => page.locator(`[data-figure="${name}"] dd`).innerText();
    expect(await figure('cameras-fixed')).toBe('2');
    expect(await figure('cameras-mobile')).toBe('1');
    expect(await figure('reads')).toBe('3');
    expect(await figure('searches')).toBe('4');
    expect(await figure('searchers')).toBe('2');
    expect(await figure('last-purge')).toMatch(/2026/);
    expect(await page.locator('[data-figure="audits"] li').count()).toBe(1);
    await expect.poll(() => page.locator('[data-figure="audits"]').innerText()).toContain('all met the policy');
    expect(await page.locator('[data-figure="administrator"]').innerText()).toMatch(/ALPR Administrator: .*Captain/);
    await shot(page, 'transparency');
    const html = await page.content();
    for (const text of [html, body]) {
      for (const plate of ['7QRS101', '7QRS202', '7QRS303', '7QRS404']) expect(text).not.toContain(plate);
      for (const name of [...usernames, 'Zed Auditor']) expect(text).not.toContain(name);
    }
    await context.close();
  }, 60_000);

  it('takes an auditor through an audit and the administrator through the misuse queue', async () => {
    const clock = new FakeClock(new Date(Date.now() - 10 * DAY));
    const t = await startTestApp('sqlite', { clock, profile: 'los-altos-pd', flags: { 'server.port': 0 } });
    apps.push(t);
    const auditor = await t.createUser(['auditor'], { username: 'e2e.auditor', displayName: 'Erin Auditor' });
    for (let i = 0; i < 12; i += 1) {
      clock.advance(HOUR);
      await t.app.accessLog.recordAccess({ actor: { userId: null, username: `analyst${i % 2}` }, purpose: { caseNumber: i < 3 ? null : `26-${300 + i}`, category: 'investigation', reason: `Case ${i}` }, action: 'search.plate', dataElements: { plate: i < 3 ? 'E2EREP1' : `E2E${i}` }, resultCount: 1, clientAddress: null, device: null });
    }
    clock.set(new Date(Date.now() - HOUR));
    await t.refreshAdmin();
    await t.signInAs(auditor);
    const url = await listening(t);

    const { context, page } = await open(url, cookiesOf(t, auditor));
    await page.goto(`${url}/audits`);
    await page.getByRole('heading', { level: 1, name: 'Audits' }).waitFor();
    await page.locator('li[data-kind="internal"]').getByRole('button', { name: 'Start and draw the sample' }).click();
    for (let i = 0; i < 10; i += 1) {
      const form = page.locator(`form.inquiry[data-position="${i}"]`);
      await form.waitFor();
      const sets = form.locator('fieldset');
      await sets.nth(0).getByLabel('Yes').check();
      await sets.nth(1).getByLabel(i === 2 ? 'No' : 'Yes').check();
      await sets.nth(2).getByLabel('Yes').check();
      if (i === 2) await form.getByLabel('Notes').fill('Case number not found in the RMS');
      await form.getByRole('button', { name: /^Save decision/ }).click();
      if (i < 9) await page.locator(`form.inquiry[data-position="${i + 1}"]`).waitFor();
    }
    await page.getByLabel('Summary for the memorandum').fill('One inquiry had no case number on file.');
    await shot(page, 'audit-sign');
    await page.getByRole('button', { name: 'Sign as auditor' }).click();
    const pdfLink = page.getByRole('link', { name: 'Download the memorandum (PDF)' });
    await pdfLink.waitFor();
    const memo = await page.request.get(`${url}${await page.getByRole('link', { name: 'Read the memorandum' }).getAttribute('href')}`);
    expect(memo.status()).toBe(200);
    const memoText = await memo.text();
    expect(memoText).toContain('Case number not found in the RMS');
    expect(memoText).toContain('Erin Auditor (e2e.auditor)');
    const download = page.waitForEvent('download');
    await pdfLink.click();
    expect((await download).suggestedFilename()).toMatch(/^audit-memorandum-.*\.pdf$/);
    await shot(page, 'audit-signed');
    await context.close();

    const admin = await open(url, cookiesOf(t, t.adminUser));
    const adminPage = admin.page;
    await adminPage.goto(`${url}/misuse`);
    await adminPage.getByRole('heading', { level: 1, name: 'Misuse review' }).waitFor();
    await adminPage.getByRole('button', { name: 'Scan the access log now' }).click();
    await adminPage.getByText(/flagged\.$/).waitFor();
    const flag = adminPage.locator('li[data-rule="repeated_plate"]').first();
    await flag.waitFor();
    expect(await flag.innerText()).toContain('E2EREP1');
    await shot(adminPage, 'misuse-queue');
    const open_ = await adminPage.locator('li.flag').count();
    await flag.getByLabel('What the review found').fill('Three follow-ups on one stolen car; case numbers added.');
    await flag.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => adminPage.locator('li.flag').count()).toBe(open_ - 1);

    await adminPage.goto(`${url}/sensitive-places`);
    await adminPage.getByRole('heading', { level: 1, name: 'Sensitive places' }).waitFor();
    await adminPage.getByLabel('Name').fill('Planned Parenthood clinic');
    await adminPage.getByLabel('Kind').selectOption('reproductive_health');
    await adminPage.getByLabel('Centre latitude').fill('37.3790');
    await adminPage.getByLabel('Centre longitude').fill('-122.1150');
    await adminPage.getByRole('button', { name: 'Add place' }).click();
    await adminPage.getByRole('cell', { name: 'Planned Parenthood clinic' }).waitFor();
    await shot(adminPage, 'sensitive-places');
    await admin.context.close();
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
