// Sharing in Chromium, against the built server (run `npm run build` first), with the Los Altos PD
// profile (shares only with law enforcement and prosecutorial agencies, policy 462.7):
//   the administrator signs in and becomes eligible for data (training, job title, sources); adds a
//   California police department and a federal agency (never eligible, with the law cited); issues a
//   one-time request link; a partner officer, signed out, sends a request through it; the link then
//   refuses a second use; the administrator approves the request with a reason and releases the
//   bundle (a ZIP download, destruction date shown); the history lists the agency and its transfer;
//   a federal agency's request is refused at approval, even for the administrator.
// Set PK_E2E_SCREENSHOTS=<folder> to keep a screenshot of each page.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hasChromium, launchChromium } from './api.kit.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRead } from '../reads.fixtures.js';
import { changePassword, enrollDevice, enterPassword, ROOT, setUpAuthenticator, shot, startServer, stopServer, type Server } from './web.kit.js';


const NEW_PASSWORD = 'share only where the law allows 7';
const SDPD = 'San Diego Police Department';
const ICE = 'U.S. Immigration and Customs Enforcement';
const CASE = 'SD-26-18812';

describe.skipIf(!hasChromium)('sharing in Chromium', () => {
  let dataDir: string;
  let server: Server | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let linkUrl = '';
  const pageErrors: string[] = [];

  const newContext = async (): Promise<BrowserContext> => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US', acceptDownloads: true });
    context.setDefaultTimeout(10_000);
    context.on('page', (opened) => opened.on('pageerror', (error) => pageErrors.push(error.message)));
    return context;
  };
  /** An API call with the administrator's browser session (its cookie). */
  const api = async (method: 'GET' | 'POST' | 'PUT', path: string, data?: object): Promise<{ status: number; body: Record<string, unknown> }> => {
    const response = await page.request.fetch(`${server!.url}/api/v1${path}`, { method, ...(data ? { data } : {}) });
    return { status: response.status(), body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
  };

  beforeAll(async () => {
    for (const built of ['dist/cli/main.js', 'web/dist/index.html']) {
      if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` before the e2e tests.`);
    }
    dataDir = mkdtempSync(join(tmpdir(), 'pk-e2e-sharing-'));
    [server, browser] = await Promise.all([
      startServer(dataDir, 'los-altos-pd'),
      launchChromium(),
    ]);
    page = await (await newContext()).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    if (server) await stopServer(server.child);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('the administrator signs in and is made eligible for ALPR data', async () => {
    const { url, username, password, deviceCode } = server!;
    await page.goto(`${url}/sharing`);
    await enrollDevice(page, deviceCode);
    await enterPassword(page, username, password);
    await setUpAuthenticator(page);
    await changePassword(page, password, NEW_PASSWORD);
    await page.getByRole('heading', { level: 1, name: 'Sharing' }).waitFor();

    // Releasing data opens the purpose gate for the releasing user: training, title, sources (R15, R16, R20).
    const me = ((await api('GET', '/auth/me')).body as { user: { id: string; jobTitle: string } }).user;
    const title = await api('POST', '/access/job-titles', { title: me.jobTitle });
    expect([202, 409], JSON.stringify(title.body)).toContain(title.status);
    const course = await api('POST', '/training/courses', { title: 'ALPR use and privacy (Policy 462)', version: '2026' });
    expect(course.status).toBe(201);
    expect((await api('POST', '/training/completions', { userId: me.id, courseId: course.body.id, completedAt: new Date().toISOString().slice(0, 10) })).status).toBe(201);
    expect((await api('PUT', `/users/${me.id}/data-sources`, { sources: ['agency', 'state', 'federal'] })).status).toBe(200);

    // Reads of the plate the partner will ask about, from a registered camera.
    const camera = await api('POST', '/cameras', { name: 'E2E Harbor Dr', kind: 'fixed', location: { lat: 32.72, lon: -117.17 }, placement: 'public_view', attestation: true });
    expect(camera.status).toBe(201);
    const key = (camera.body.key as { key: string }).key;
    const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000);
    const ingest = await fetch(`${server!.url}/api/v1/ingest/reads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reads: [makeRead({ plate: '7ABC123' }, at(5)), makeRead({ plate: '7ABC123' }, at(3)), makeRead({ plate: '5XYZ987' }, at(4))] }),
    });
    expect(ingest.status).toBe(200);
  });

  it('adds agencies: eligibility is computed from the kind and shown with the law and policy cited', async () => {
    await page.getByRole('tab', { name: 'Agencies and agreements' }).click();
    const add = async (name: string, kind: string) => {
      const form = page.getByRole('form', { name: 'Add agency' });
      await form.getByLabel('Agency name').fill(name);
      await form.getByLabel('Kind').selectOption({ label: kind });
      await form.getByLabel('Jurisdiction').fill(kind === 'Federal agency' ? 'United States' : 'City of San Diego');
      await form.getByLabel('Contact', { exact: true }).fill('Records unit');
      await form.getByRole('button', { name: 'Add agency' }).click();
      await page.getByRole('rowheader', { name: new RegExp(name) }).waitFor();
    };
    await add(SDPD, 'California law enforcement');
    await add(ICE, 'Federal agency');
    const row = (name: string) => page.locator('table tbody tr').filter({ has: page.getByRole('rowheader', { name: new RegExp(name) }) });
    expect(await row(SDPD).innerText()).toContain('Eligible');
    const federal = await row(ICE).innerText();
    expect(federal).toContain('Not eligible');
    expect(federal).toContain('1798.90.55(b)');
    expect(federal).toContain('[462.7]');
    expect(federal).toContain('none: not eligible');
    // No control sets eligibility by hand.
    expect(await page.getByRole('form', { name: 'Add agency' }).getByLabel(/eligib/i).count()).toBe(0);
    await shot(page, 'sharing-1-agencies');

    await page.getByRole('button', { name: `Request link for ${SDPD}` }).click();
    linkUrl = await page.getByLabel('Link address').inputValue();
    expect(linkUrl).toMatch(/\/share-request\/[A-Za-z0-9_-]+$/);
  });

  it('a partner officer sends a request through the link, signed out; the link works once and shows no data', async () => {
    const partner = await (await newContext()).newPage();
    await partner.goto(linkUrl);
    await partner.getByRole('heading', { level: 1, name: 'Request ALPR data' }).waitFor();
    expect(await partner.locator('main').innerText()).toContain(`A written request from ${SDPD}`);
    expect(await partner.locator('main').innerText()).not.toContain('7ABC123');
    await partner.getByLabel('Name', { exact: true }).fill('Det. R. Alvarez');
    await partner.getByLabel('Rank or title').fill('Detective');
    await partner.getByLabel('Agency e-mail or phone').fill('ralvarez@sdpd.example.gov');
    await partner.getByLabel('Case or incident number').fill(CASE);
    await partner.getByLabel('Category').selectOption('stolen_vehicle');
    await partner.getByLabel('Reason').fill('Stolen grey Honda Civic taken from Harbor Dr lot, reported by owner this morning');
    await partner.getByLabel('Plates').fill('7ABC123');
    const local = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await partner.getByLabel('From', { exact: true }).fill(local(new Date(Date.now() - 24 * 3_600_000)));
    await partner.getByLabel('To', { exact: true }).fill(local(new Date(Date.now() + 3_600_000)));
    await partner.getByLabel(/I attest that this request/).check();
    await shot(partner, 'sharing-2-link-form');
    await partner.getByRole('button', { name: 'Send request' }).click();
    await partner.getByRole('heading', { level: 1, name: 'Request sent' }).waitFor();

    await partner.goto(linkUrl);
    await partner.getByText(/already used/).waitFor();
    await partner.context().close();
  });

  it('the administrator approves with a reason and releases the bundle; the transfer is logged with its destruction date', async () => {
    await page.getByRole('tab', { name: 'Requests', exact: true }).click();
    const card = page.getByRole('article', { name: `Request ${CASE} from ${SDPD}` });
    await card.waitFor();
    expect(await card.innerText()).toContain('sent through a request link');
    await card.getByLabel('Reason for the decision').fill('Verified with the SDPD watch commander; purpose documented');
    await card.getByRole('button', { name: 'Approve' }).click();
    // The queue shows pending requests: the approved one is under Approved.
    await page.getByLabel('Show').selectOption('approved');
    await card.getByText('Approved', { exact: true }).waitFor();
    await shot(page, 'sharing-3-approved');

    const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'Release bundle' }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^release-${CASE}-\\d{4}-\\d{2}-\\d{2}\\.zip$`));
    const zip = readFileSync((await download.path())!);
    expect(zip.subarray(0, 2).toString()).toBe('PK');
    await page.getByRole('status').getByText(/Released to San Diego Police Department; the bundle was downloaded\. Destroy by \d{4}-\d{2}-\d{2}/).waitFor();

    await page.getByRole('tab', { name: 'Sharing history' }).click();
    await page.getByText(`${SDPD} (California law enforcement): 1 transfer`).waitFor();
    const log = await page.getByRole('table').innerText();
    expect(log).toContain('Bundle download');
    expect(log).toContain(CASE);
    await shot(page, 'sharing-4-history');

    // The access log holds the release under the request's purpose (invariant 1).
    const entries = (await api('GET', '/audit/access-log?action=sharing.release')).body.entries as { purposeCase: string; resultCount: number }[];
    expect(entries[0]).toMatchObject({ purposeCase: CASE, resultCount: 2 });
  });

  it('refuses to approve a federal agency\'s request, even for the administrator', async () => {
    const agencies = (await api('GET', '/sharing/agencies')).body.agencies as { id: string; name: string }[];
    const ice = agencies.find((a) => a.name === ICE)!;
    const entered = await api('POST', '/sharing/requests', {
      agencyId: ice.id,
      requester: { name: 'Agent Smith', title: 'Special Agent', contact: 'smith@example.gov' },
      purpose: { caseNumber: 'HSI-26-0042', category: 'felony_investigation', reason: 'Armed robbery suspect vehicle seen near the harbor on 11/19' },
      plates: ['7ABC123'],
      from: new Date(Date.now() - 86_400_000).toISOString(),
      to: new Date().toISOString(),
      attestation: true,
    });
    expect(entered.status).toBe(201);
    await page.getByRole('tab', { name: 'Requests', exact: true }).click();
    const card = page.getByRole('article', { name: `Request HSI-26-0042 from ${ICE}` });
    await card.waitFor();
    expect(await card.innerText()).toContain('Not eligible');
    await card.getByLabel('Reason for the decision').fill('Administrator tries anyway to approve this');
    await card.getByRole('button', { name: 'Approve' }).click();
    await card.getByRole('alert').filter({ hasText: /may not receive ALPR data.*1798\.90\.55\(b\)/ }).waitFor();
    await shot(page, 'sharing-5-federal-refused');
    expect(((await api('GET', `/sharing/requests/${entered.body.id as string}`)).body as { status: string }).status).toBe('pending');
    expect(pageErrors).toEqual([]);
  });
});
