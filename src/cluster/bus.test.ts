// The API role's ingest over the bus and the writer role's groups (issue 12; R2), against a
// nats-server of its own (JetStream, one node) and PostgreSQL: a read is acknowledged once it is
// on the stream (before any writer ran), a resend is a duplicate, the writer stores each read and
// its image row once however often the message comes, each with its camera's agency (carried in the
// message, or looked up for a message of an earlier version), and an image uploaded alone is stored at once.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JetStreamClient } from '@nats-io/jetstream';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.testkit.js';
import { DIALECTS } from '../../test/databases.js';
import { makeRead, tinyJpeg } from '../../test/reads.fixtures.js';
import { freePort, NATS_SERVER } from '../../deploy/local/topology.js';
import type { CameraPrincipal } from '../cameras/cameras.service.js';
import { IngestService } from '../ingest/ingest.service.js';
import { createReadSink } from '../ingest/read-sink.js';
import { systemClock } from '../platform/clock.js';
import { BatchConsumer } from './batch-consumer.js';
import { connectBus, CONSUMERS, READS_STREAM, READS_SUBJECT, type Bus } from './bus.js';
import { ReadPublisher } from './read-publisher.js';
import { encodeRead } from './read-message.js';
import { cameraAgencies, writeGroup } from './writer.js';

const natsRunnable = spawnSync(NATS_SERVER, ['--version']).status === 0;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe.skipIf(!DIALECTS.includes('postgres') || !natsRunnable)('ingest over the bus and the writer role (issue 12; R2)', () => {
  let nats: ChildProcess;
  let dir: string;
  let bus: Bus;
  let t: TestApp;
  let ingest: IngestService;
  let camera: CameraPrincipal;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pk-bus-'));
    const port = await freePort();
    nats = spawn(NATS_SERVER, ['-js', '-sd', dir, '-a', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    for (let i = 0; ; i++) {
      try {
        bus = await connectBus({ url: `nats://127.0.0.1:${port}`, replicas: 1, name: 'bus-test', logger: quiet });
        break;
      } catch (error) {
        if (i > 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    t = await startTestApp('postgres');
    const database = t.app.database;
    const knownImages = async (sha256s: string[]) => new Set((await database.db.selectFrom('images').select('sha256').where('sha256', 'in', sha256s).execute()).map((row) => row.sha256));
    ingest = new IngestService(new ReadPublisher(bus.js, database.db, createReadSink(database)), t.app.images, t.app.cameras, systemClock, t.app.config.ingest, knownImages);
    // A camera of another agency than the deployment's own (a pooled county deployment).
    const registered = await t.registerCamera({ agencyId: 'CA0371100' });
    camera = await t.app.cameras.principalFor(registered.id, registered.keyId);
  }, 60_000);

  afterAll(async () => {
    await bus?.close();
    await t?.cleanup();
    nats?.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const storedReads = async () => (await t.app.database.db.selectFrom('reads').select('id').execute()).map((row) => row.id).sort();

  it('acknowledges reads once the stream has them, reports a resend as duplicate, and the writer stores each once however often it is delivered', async () => {
    const image = { base64: (await tinyJpeg()).toString('base64'), contentType: 'image/jpeg' };
    const reads = [makeRead({ plateImage: image }), makeRead({ plate: '7XYZ001' }), makeRead({ plate: '5ABC999' })];
    const ids = reads.map((read) => read.id as string).sort();

    const first = await ingest.ingest(camera, reads);
    expect(first).toMatchObject({ accepted: 3, duplicate: 0, rejected: 0 });
    expect(await storedReads()).toEqual([]); // acknowledged: on the replicated stream, before any writer ran
    expect((await bus.jsm.streams.info(READS_STREAM)).state.messages).toBe(3);

    const resent = await ingest.ingest(camera, reads);
    expect(resent).toMatchObject({ accepted: 0, duplicate: 3 });
    expect((await bus.jsm.streams.info(READS_STREAM)).state.messages).toBe(3);

    const sink = createReadSink(t.app.database);
    const writer = new BatchConsumer(await bus.js.consumers.get(READS_STREAM, CONSUMERS.writer), async (batch) => void (await writeGroup(sink, batch, cameraAgencies(t.app.database.db))), { maxBatch: 100, logger: quiet, name: 'writer' });
    await writer.start();
    await expect.poll(storedReads, { timeout: 10_000 }).toEqual(ids);
    const sha = (await t.app.database.db.selectFrom('reads').select('plateImage').where('id', '=', reads[0]!.id as string).executeTakeFirstOrThrow()).plateImage!;
    expect(await t.app.database.db.selectFrom('images').select('sha256').where('sha256', '=', sha).execute()).toHaveLength(1);

    // The same reads delivered again (as after a writer died before its ack): nothing new.
    const row = await t.app.database.db.selectFrom('reads').selectAll().where('id', '=', reads[1]!.id as string).executeTakeFirstOrThrow();
    const again = { ...row, plate: '7XYZ001', region: 'CA' };
    await bus.js.publish(READS_SUBJECT, encodeRead(again, []));
    await expect.poll(() => writer.handled, { timeout: 10_000 }).toBe(4);
    expect(await storedReads()).toEqual(ids);

    // Every read carries its camera's agency, through the message.
    expect(camera.agencyId).toBe('CA0371100');
    const agencies = await t.app.database.db.selectFrom('reads').select('agencyId').distinct().execute();
    expect(agencies.map((r) => r.agencyId)).toEqual(['CA0371100']);

    // A message of an earlier version carries no agency: the writer takes the camera's.
    const older: Partial<typeof again> & { id: string } = { ...again, id: uuidv7() };
    delete older.agencyId;
    await bus.js.publish(READS_SUBJECT, encodeRead(older as typeof again, []));
    await expect.poll(() => writer.handled, { timeout: 10_000 }).toBe(5);
    expect((await t.app.database.db.selectFrom('reads').select('agencyId').where('id', '=', older.id).executeTakeFirstOrThrow()).agencyId).toBe('CA0371100');
    ids.push(older.id);
    ids.sort();

    // A resend after the stream's dedupe window is found in PostgreSQL and not published again.
    const offline = new ReadPublisher({ publish: () => Promise.reject(new Error('a stored read was published again')) } as unknown as JetStreamClient, t.app.database.db, sink);
    expect(await offline.write([again], [])).toEqual(new Set());
    await writer.stop();
  });

  it('stores an image uploaded alone at once (reads refer to it by hash later)', async () => {
    const row = await ingest.uploadImage(await tinyJpeg(), 'image/jpeg');
    expect(await t.app.database.db.selectFrom('images').select('sha256').where('sha256', '=', row.sha256).execute()).toHaveLength(1);
  });
});
