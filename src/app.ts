// The composition root: builds every room from the configuration and wires them together. Rooms
// get only what they use (STYLE 2).
import { dirname, join, resolve } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AccessService } from './access/access.service.js';
import { registerAccessRoutes } from './access/access.routes.js';
import { createAuthorizer } from './access/authorize.js';
import { registerCameraRoutes } from './cameras/cameras.routes.js';
import { CamerasService } from './cameras/cameras.service.js';
import { DemoNetworkRunner } from './demo/demo.runner.js';
import { ImageStore } from './ingest/image.store.js';
import { registerIngestRoutes } from './ingest/ingest.routes.js';
import { IngestService } from './ingest/ingest.service.js';
import { ReadWriter, type StoredRead } from './ingest/read-writer.js';
import { systemClock, type Clock } from './platform/clock.js';
import type { Config } from './platform/config.js';
import { openDatabase, type DatabaseHandle } from './platform/database.js';
import { EventBus } from './platform/events.js';
import { createHttpServer, type HttpServer } from './platform/http.js';
import { createLogger, type Logger } from './platform/logger.js';
import { loadProfile, type PolicyProfile } from './policy/index.js';
import { migrateToLatest } from './storage/migrate.js';
import type { Tables } from './storage/tables.js';

/** Events between rooms, by name. */
export interface AppEvents extends Record<string, unknown> {
  'reads.stored': StoredRead[];
}

export interface App {
  config: Config;
  profile: PolicyProfile;
  database: DatabaseHandle<Tables>;
  http: HttpServer;
  events: EventBus<AppEvents>;
  clock: Clock;
  logger: Logger;
  access: AccessService;
  cameras: CamerasService;
  ingest: IngestService;
  writer: ReadWriter;
  images: ImageStore;
  demo: DemoNetworkRunner | undefined;
  /** Bootstrap credentials when this start created the first administrator. */
  bootstrap: { username: string; password: string } | undefined;
  listen(): Promise<string>;
  close(): Promise<void>;
}

export interface AppOptions {
  clock?: Clock;
  logger?: Logger;
}

const here = dirname(fileURLToPath(import.meta.url));
/** The package root, from src/ (tsx) or dist/ (compiled). */
export const packageRoot = resolve(here, '..');

function version(): string {
  try {
    return (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.log.level);
  const profile = loadProfile(config.profile);
  const database = await openDatabase<Tables>({ ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}), dataDir: config.dataDir });
  try {
    await migrateToLatest(database.db, database.dialect);
  } catch (error) {
    await database.close();
    throw error;
  }
  const db = database.db;
  const events = new EventBus<AppEvents>();

  const access = new AccessService(db, clock, {
    idleTimeoutMinutes: profile.access.idleTimeoutMinutes,
    lifetimeHours: profile.access.sessionLifetimeHours,
    lockoutAfterFailures: 5,
    lockoutMinutes: 15,
  });
  const cameras = new CamerasService(db, clock);
  const images = new ImageStore(resolve(config.dataDir, 'images'), config.ingest.maxImageBytes);
  const writer = new ReadWriter(db, (reads) => events.emit('reads.stored', reads));
  const knownImages = async (sha256s: string[]) =>
    new Set((await db.selectFrom('images').select('sha256').where('sha256', 'in', sha256s).execute()).map((row) => row.sha256));
  const ingest = new IngestService(writer, images, cameras, clock, config.ingest, knownImages);

  const webRoot = join(packageRoot, 'web', 'dist');
  const http = await createHttpServer({
    logger,
    bodyLimit: config.ingest.maxBodyBytes,
    trustProxy: config.server.trustProxy,
    ...(existsSync(webRoot) ? { webRoot } : {}),
    version: version(),
    authorize: createAuthorizer(access, cameras),
  });
  registerAccessRoutes(http, access, { secureCookies: false, sessionHours: profile.access.sessionLifetimeHours });
  registerCameraRoutes(http, cameras);
  registerIngestRoutes(http, ingest);

  const bootstrap = await access.bootstrap(profile.agency.name);
  const demo = config.demo.enabled ? new DemoNetworkRunner(cameras, ingest, clock, logger, config.demo.readsPerMinute) : undefined;

  let closed = false;
  return {
    config,
    profile,
    database,
    http,
    events,
    clock,
    logger,
    access,
    cameras,
    ingest,
    writer,
    images,
    demo,
    bootstrap,
    async listen() {
      const address = await http.listen({ host: config.server.host, port: config.server.port });
      cameras.startHealthFlush();
      await demo?.start();
      return address;
    },
    async close() {
      if (closed) return;
      closed = true;
      await demo?.stop();
      await http.close();
      await writer.idle();
      await cameras.stop();
      await database.close();
    },
  };
}
