// Helpers for the web app's Chromium tests: the built server as a child process, screenshots, and
// the sign-in steps (agency device, password, authenticator, recovery codes, password change).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as OTPAuth from 'otpauth';
import type { Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
const SCREENSHOTS = process.env.PK_E2E_SCREENSHOTS;

export interface Server {
  child: ChildProcess;
  url: string;
  username: string;
  password: string;
  /** The first agency device's one-time code (the profile allows sign-in only from agency devices). */
  deviceCode: string;
}

/** Starts `platekeeper serve` on a free port; resolves once it has printed its address, the bootstrap account and the first device's code. */
export function startServer(dataDir: string, profile: string): Promise<Server> {
  const child = spawn(process.execPath, [join(ROOT, 'bin/platekeeper.js'), 'serve', '--data-dir', dataDir, '--port', '0', '--profile', profile], {
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
      const deviceCode = /^\s+device enrollment code: (\S+)$/m.exec(stdout)?.[1];
      if (url && username && password && deviceCode) {
        clearTimeout(timer);
        resolvePromise({ child, url, username, password, deviceCode });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${code}) before it was ready.\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    });
  });
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

export async function shot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * The code an authenticator app shows. `stepsAhead` 1 gives the next 30-second step's code, which the
 * server accepts (one step of drift): a later sign-in within the same step as the last one would
 * otherwise be refused as a replay.
 */
export function totpCode(secret: string, stepsAhead = 0): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + stepsAhead * 30_000 });
}

export async function enrollDevice(page: Page, code: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Enroll this device' }).waitFor();
  await page.getByLabel('Enrollment code').fill(code);
  await page.getByRole('button', { name: 'Enroll this device' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
}

export async function enterPassword(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** First sign-in's second step: reads the key as a person typing it would, confirms a code, saves the recovery codes (downloaded as text). */
export async function setUpAuthenticator(page: Page, shotPrefix?: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  await page.getByRole('heading', { level: 1, name: 'Set up your second factor' }).waitFor();
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
  if (!(await page.getByRole('img', { name: /^QR code to add Platekeeper/ }).isVisible())) throw new Error('The authenticator setup shows no QR code.');
  if (shotPrefix) await shot(page, `${shotPrefix}-set-up-authenticator`);
  await page.getByLabel('6-digit code').fill(totpCode(secret));
  await page.getByRole('button', { name: 'Confirm code' }).click();

  await page.getByRole('heading', { level: 1, name: 'Save your recovery codes' }).waitFor();
  const recoveryCodes = await page.locator('ol.recovery-codes li').allInnerTexts();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download as text file' }).click()]);
  const text = readFileSync((await download.path())!, 'utf8');
  if (recoveryCodes.length !== 10 || !recoveryCodes.every((code) => text.includes(code))) throw new Error(`The downloaded recovery codes differ from the ten shown:\n${text}`);
  if (shotPrefix) await shot(page, `${shotPrefix}-recovery-codes`);
  if (await page.getByRole('button', { name: 'Continue' }).isEnabled()) throw new Error('Continue is enabled before the user confirms the codes are saved.');
  await page.getByLabel('I have saved my recovery codes').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  return { secret, recoveryCodes };
}

export async function changePassword(page: Page, current: string, next: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Change your password' }).waitFor();
  await page.getByLabel('Current password').fill(current);
  await page.getByLabel('New password', { exact: true }).fill(next);
  await page.getByLabel('New password again').fill(next);
  await page.getByRole('button', { name: 'Change password' }).click();
}

export const room = (page: Page, name: string) => page.getByRole('navigation', { name: 'Rooms' }).getByRole('link', { name, exact: true }).click();
