// Frigate over MQTT against a real Mosquitto broker (issue 10; R1, R2): one read per tracked car
// with its best plate, stored once at the object's end; replays are duplicates; people, unmapped
// cameras and broken messages store nothing; and the subscriber reconnects on its own after the
// broker restarts. Skipped when no broker answers at 127.0.0.1:1883, unless PLATEKEEPER_REQUIRE_MQTT
// is set (then that is a failure).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { createServer, Socket, type AddressInfo } from 'node:net';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_TIME, cameraFor, countReads, healthOf, storedRead, type AdapterCamera } from '../../test/adapters.testkit.js';
import { startTestApp, type TestApp } from '../../test/app.testkit.js';
import { tinyJpeg } from '../../test/reads.fixtures.js';
import { DIALECTS } from '../../test/databases.js';
import { FakeClock } from '../platform/clock.js';
import { carPass, frigatePersonEnd } from './adapters/fixtures/frigate.fixtures.js';
import { MqttSubscriber } from './mqtt.subscriber.js';

const BROKER = { host: '127.0.0.1', port: 1883 };

function answers(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(1000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.connect(port, host);
  });
}

const REQUIRED = Boolean(process.env.PLATEKEEPER_REQUIRE_MQTT);
const brokerUp = await answers(BROKER.port, BROKER.host);
if (!brokerUp && REQUIRED) throw new Error(`PLATEKEEPER_REQUIRE_MQTT is set but no MQTT broker answers at ${BROKER.host}:${BROKER.port}.`);
if (!brokerUp) console.log(`MQTT tests skipped: no broker at ${BROKER.host}:${BROKER.port} (start Mosquitto, or set PLATEKEEPER_REQUIRE_MQTT to make this a failure).`);
const mosquittoBinary = spawnSync('mosquitto', ['-h'], { encoding: 'utf8' }).error === undefined;

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function publishAll(url: string, prefix: string, messages: [string, unknown][]): Promise<void> {
  const client = await mqtt.connectAsync(url, { clientId: `pk-test-pub-${randomBytes(3).toString('hex')}` });
  try {
    for (const [topic, message] of messages) await client.publishAsync(`${prefix}/${topic}`, typeof message === 'string' ? message : JSON.stringify(message), { qos: 1 });
  } finally {
    await client.endAsync();
  }
}

describe.skipIf(!brokerUp).each(DIALECTS)('Frigate over MQTT on %s', (dialect) => {
  const clock = new FakeClock(BASE_TIME);
  const prefix = `pk-test-${randomBytes(4).toString('hex')}`;
  const url = `mqtt://${BROKER.host}:${BROKER.port}`;
  let t: TestApp;
  let driveway: AdapterCamera;

  // Frigate's HTTP API, for event snapshots: a JPEG for every event but those whose id says noimage.
  let snapshotJpeg: Buffer;
  const snapshotRequests: string[] = [];
  const frigateApi = createHttpServer((request, response) => {
    snapshotRequests.push(request.url ?? '');
    if (/noimage/.test(request.url ?? '')) return void response.writeHead(404).end('Event not found');
    response.writeHead(200, { 'content-type': 'image/jpeg' }).end(snapshotJpeg);
  });

  beforeAll(async () => {
    snapshotJpeg = await tinyJpeg();
    await new Promise<void>((resolve) => frigateApi.listen(0, '127.0.0.1', resolve));
    const frigateApiUrl = `http://127.0.0.1:${(frigateApi.address() as AddressInfo).port}`;
    t = await startTestApp(dialect, { clock, flags: { 'ingest.maxPastDays': 3650, 'server.port': 0, 'mqtt.url': url, 'mqtt.topicPrefix': prefix, 'mqtt.frigateApiUrl': frigateApiUrl } });
    driveway = await cameraFor(t, 'frigate');
    // The administrator maps Frigate's camera name in platekeeper.yaml and restarts; the test
    // fills the same map before listen() starts the subscriber.
    t.app.config.mqtt.cameras.driveway_cam = driveway.id;
    await t.app.listen();
    await until(() => t.app.mqtt!.status().connected, 'the subscriber to connect');
  });
  afterAll(async () => {
    await t?.cleanup();
    frigateApi.close();
  });

  const handled = (count: number) => until(async () => t.app.mqtt!.status().messages >= count && (await t.app.mqtt!.idle(), true), `${count} messages`);

  it('stores one read per tracked car, with its best plate, when Frigate ends the object', async () => {
    const before = await countReads(t);
    const objectId = `1607123955.475377-${randomBytes(3).toString('hex')}`;
    const pass = carPass('driveway_cam', objectId);
    await publishAll(url, prefix, pass.slice(0, 4));
    await handled(4);
    expect(await countReads(t)).toBe(before); // nothing until the end
    await publishAll(url, prefix, pass.slice(4));
    await handled(5);
    expect(await countReads(t)).toBe(before + 1);
    const last = t.app.adapters.activity.lastPayload(driveway.id)!;
    expect(last.outcome).toMatchObject({ status: 200, accepted: 1 });
    const { vendor, ...read } = await storedRead(t, last.outcome.results[0]!.id);
    // The lpr update (123ABC at 0.95) beats the events' ABC12345 (0.933451) and the last, worse ABC1234.
    expect(read).toMatchObject({ cameraId: driveway.id, plate: '123ABC', plateRaw: '123ABC', confidence: 0.95, capturedAt: 1607123958748, region: '', lat: 32.7948, lon: -116.9625 });
    expect(vendor).toMatchObject({ adapter: 'frigate', camera: 'driveway_cam', label: 'car', name: "John's Car", entered_zones: ['yard', 'driveway'], end_time: 1607123966.3 });
    expect(t.app.adapters.openFrigateTracks).toBe(0);
    // The event's snapshot, fetched from Frigate's API, is the vehicle image.
    expect(read.vehicleImage).toBe(createHash('sha256').update(snapshotJpeg).digest('hex'));
    expect(snapshotRequests.at(-1)).toBe(`/api/events/${encodeURIComponent(objectId)}/snapshot.jpg?bbox=0`);
  });

  it('stores the read without an image when Frigate has no snapshot for the event', async () => {
    const before = t.app.mqtt!.status().messages;
    await publishAll(url, prefix, carPass('driveway_cam', `1607123955.475377-noimage-${randomBytes(3).toString('hex')}`));
    await handled(before + 5);
    const last = t.app.adapters.activity.lastPayload(driveway.id)!;
    const read = await storedRead(t, last.outcome.results[0]!.id);
    expect(read.vehicleImage).toBeNull();
  });

  it('reports a replayed object as a duplicate (R2)', async () => {
    const pass = carPass('driveway_cam', `replayed-${randomBytes(3).toString('hex')}`);
    const start = t.app.mqtt!.status().messages;
    await publishAll(url, prefix, pass);
    await handled(start + pass.length);
    const before = await countReads(t);
    await publishAll(url, prefix, pass);
    await handled(start + 2 * pass.length);
    expect(await countReads(t)).toBe(before);
    expect(t.app.adapters.activity.lastPayload(driveway.id)!.outcome).toMatchObject({ accepted: 0, duplicate: 1 });
  });

  it('stores nothing for people, unmapped cameras and broken messages; counts the broken one on health', async () => {
    const before = await countReads(t);
    const start = t.app.mqtt!.status();
    const unmapped = carPass('garage_cam', 'unmapped-1');
    await publishAll(url, prefix, [['events', { ...frigatePersonEnd, after: { ...frigatePersonEnd.after, camera: 'driveway_cam' } }], ...unmapped, ['events', { type: 'end', after: { camera: 'driveway_cam' } }], ['events', 'not json']]);
    await handled(start.messages + unmapped.length + 3);
    expect(await countReads(t)).toBe(before);
    expect(t.app.mqtt!.status().errors).toBe(start.errors + 2);
    const health = await healthOf(t, clock, driveway.id);
    expect(health.lastRejection).toMatch(/after\/id/);
  });
});

describe.skipIf(!mosquittoBinary)('the MQTT subscriber', () => {
  it('reconnects on its own after the broker restarts, and subscribes again', async () => {
    const port = await freePort();
    let broker = startBroker(port);
    const seen: unknown[] = [];
    const subscriber = new MqttSubscriber({ url: `mqtt://127.0.0.1:${port}`, topicPrefix: 'frigate', reconnectMs: 100 }, { frigate: async (_kind, message) => void seen.push(message) }, silentLogger, new FakeClock(BASE_TIME));
    try {
      await until(() => answers(port), 'the broker to start');
      subscriber.start();
      await until(() => subscriber.status().connected, 'the first connection');
      await publishAll(`mqtt://127.0.0.1:${port}`, 'frigate', [['events', { n: 1 }]]);
      await until(() => seen.length === 1, 'the first message');

      broker.kill('SIGTERM');
      await until(() => !subscriber.status().connected, 'the subscriber to notice');
      broker = startBroker(port);
      await until(() => subscriber.status().connects >= 2, 'the reconnection');
      await publishAll(`mqtt://127.0.0.1:${port}`, 'frigate', [['events', { n: 2 }]]);
      await until(() => seen.length === 2, 'a message after the restart');
      expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
    } finally {
      await subscriber.stop();
      broker.kill('SIGTERM');
    }
  });
});

function startBroker(port: number): ChildProcess {
  return spawn('mosquitto', ['-p', String(port)], { stdio: 'ignore' });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const silentLogger = { info() {}, debug() {}, warn() {}, error() {} } as unknown as ConstructorParameters<typeof MqttSubscriber>[2];
