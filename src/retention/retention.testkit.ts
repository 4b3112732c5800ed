// Test helpers for the retention room: a migrated database of either backend with the room built
// over it, and rows written directly (cameras, plates, reads, images with their files).
import { mkdirSync } from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import { AccessLog } from '../audit/access-log.js';
import { ImageStore } from '../ingest/image.store.js';
import { FakeClock } from '../platform/clock.js';
import type { DialectName } from '../platform/database.js';
import { loadProfile, type PolicyProfile } from '../policy/index.js';
import { dayOf } from '../storage/partitions.js';
import { createTestDatabase, type TestDatabase } from '../../test/databases.js';
import { createRetentionRoom, type RetentionRoom } from './index.js';

export interface RetentionKit {
  database: TestDatabase;
  clock: FakeClock;
  profile: PolicyProfile;
  room: RetentionRoom;
  images: ImageStore;
  accessLog: AccessLog;
  camera(kind: 'fixed' | 'mobile'): Promise<string>;
  read(cameraId: string, capturedAt: number, extra?: { plate?: string; plateImage?: string | null; vehicleImage?: string | null }): Promise<string>;
  image(bytes: Buffer): Promise<string>;
  readIds(): Promise<string[]>;
  cleanup(): Promise<void>;
}

export async function retentionKit(dialect: DialectName, profileName: string, options: { batchSize?: number; pauseMs?: number; now?: string } = {}): Promise<RetentionKit> {
  const database = await createTestDatabase(dialect);
  const db = database.handle.db;
  const clock = new FakeClock(options.now ?? '2026-06-15T12:00:00Z');
  const profile = loadProfile(profileName);
  const accessLog = new AccessLog(database.handle, clock, { organization: profile.agency.name });
  mkdirSync(`${database.dataDir}/images`, { recursive: true });
  const images = new ImageStore(`${database.dataDir}/images`, 10_000_000);
  const room = createRetentionRoom({
    db,
    clock,
    profile,
    audit: accessLog,
    images,
    ingest: { idle: () => Promise.resolve(), forgetPlates: () => Promise.resolve() },
    dataDir: database.dataDir,
    limits: { batchSize: options.batchSize ?? 5000, pauseMs: options.pauseMs ?? 0 },
  });
  let cameras = 0;
  return {
    database,
    clock,
    profile,
    room,
    images,
    accessLog,
    async camera(kind) {
      const id = `cam-${kind}-${++cameras}`;
      const now = clock.now().getTime();
      await db
        .insertInto('cameras')
        .values({ id, name: id, kind, status: 'active', lat: null, lon: null, direction: null, placement: 'public_view', courtOrderRef: null, attestedBy: 'test', attestedAt: now, notes: null, createdAt: now, updatedAt: now, lastSeenAt: null, lastRejection: null, lastRejectionAt: null })
        .execute();
      return id;
    },
    async read(cameraId, capturedAt, extra = {}) {
      // PostgreSQL: the day's partition, as the ingest writer would make it, so the purge can drop it.
      await room.partitions?.create(dayOf(capturedAt));
      const plate = extra.plate ?? '8ABC123';
      await db.insertInto('plates').values({ plate, region: 'us-ca' }).onConflict((oc) => oc.doNothing()).execute();
      const { id: plateId } = await db.selectFrom('plates').select('id').where('plate', '=', plate).where('region', '=', 'us-ca').executeTakeFirstOrThrow();
      const id = uuidv7();
      await db
        .insertInto('reads')
        .values({ id, cameraId, plateId, plateRaw: plate, regionRaw: 'CA', plateCheck: 'standard', confidence: 0.9, capturedAt, receivedAt: capturedAt, lat: 32.7, lon: -117.1, heading: null, vehicleMake: 'Toyota', vehicleModel: 'Camry', vehicleColor: 'white', vehicleBody: 'sedan', plateImage: extra.plateImage ?? null, vehicleImage: extra.vehicleImage ?? null, vendorData: null })
        .execute();
      return id;
    },
    async image(bytes) {
      const sha256 = await images.put(bytes);
      await db.insertInto('images').values({ sha256, contentType: 'image/jpeg', byteSize: bytes.length, createdAt: clock.now().getTime() }).onConflict((oc) => oc.doNothing()).execute();
      return sha256;
    },
    async readIds() {
      return (await db.selectFrom('reads').select('id').orderBy('id').execute()).map((row) => row.id);
    },
    cleanup: () => database.cleanup(),
  };
}
