// A whole Platekeeper app on a fresh database of either backend, driven through HTTP with inject.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../src/app.js';
import type { Clock } from '../src/platform/clock.js';
import { loadConfig } from '../src/platform/config.js';
import type { DialectName } from '../src/platform/database.js';
import { freshPostgresDatabase } from './databases.js';

export interface TestApp {
  app: App;
  dialect: DialectName;
  dataDir: string;
  adminToken: string;
  /** Headers that authenticate as the bootstrap administrator. */
  admin: { authorization: string };
  registerCamera(input?: Partial<{ name: string; kind: 'fixed' | 'mobile' }>): Promise<{ id: string; key: string; keyId: string }>;
  cleanup(): Promise<void>;
}

export async function startTestApp(dialect: DialectName, options: { clock?: Clock; profile?: string; flags?: Record<string, unknown> } = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'platekeeper-app-'));
  const pg = dialect === 'postgres' ? await freshPostgresDatabase() : undefined;
  const config = loadConfig({
    env: {},
    flags: { dataDir, databaseUrl: pg?.databaseUrl, 'demo.enabled': false, 'log.level': 'silent', profile: options.profile, ...options.flags },
  });
  const app = await createApp(config, options.clock ? { clock: options.clock } : {});
  await app.http.ready();
  const signIn = await app.http.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username: 'admin', password: app.bootstrap!.password } });
  if (signIn.statusCode !== 200) throw new Error(`bootstrap sign-in failed: ${signIn.body}`);
  const adminToken = (signIn.json() as { token: string }).token;
  const admin = { authorization: `Bearer ${adminToken}` };
  let cameraCount = 0;
  return {
    app,
    dialect,
    dataDir,
    adminToken,
    admin,
    async registerCamera(input = {}) {
      const kind = input.kind ?? 'fixed';
      const response = await app.http.inject({
        method: 'POST',
        url: '/api/v1/cameras',
        headers: admin,
        payload: {
          name: input.name ?? `Test camera ${++cameraCount}`,
          kind,
          ...(kind === 'fixed' ? { location: { lat: 32.7948, lon: -116.9625 }, direction: 90 } : {}),
          placement: 'public_view',
          attestation: true,
        },
      });
      if (response.statusCode !== 201) throw new Error(`camera registration failed: ${response.body}`);
      const body = response.json() as { camera: { id: string }; key: { key: string; keyId: string } };
      return { id: body.camera.id, key: body.key.key, keyId: body.key.keyId };
    },
    async cleanup() {
      await app.close();
      await pg?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
