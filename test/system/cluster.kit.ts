// What the cluster tests and bench:cluster share (issue 12): the prerequisites (nats-server,
// PostgreSQL, dist/), an agency set up through the HTTP API of a running topology (administrator,
// a designated CA DOJ hot list, a camera, optionally an officer for the live stream), and a load
// generator that sends camera batches round-robin over the API nodes the way cameras behind a load
// balancer would, resending a batch that was not acknowledged.
import { v7 as uuidv7 } from 'uuid';
import { missingPrerequisite, type Topology } from '../../deploy/local/topology.js';
import { Api, enrollDeviceCookie, firstSignIn } from '../e2e/api.kit.js';

export const POSTGRES_URL = process.env.PLATEKEEPER_TEST_DATABASE_URL;
/** The cluster tests are about the bus: built-in recognition (issue 11) stays off, so API nodes start without loading its models. */
export const NO_RECOGNITION = { recognition: { enabled: false } };

/** Why the cluster tests cannot run here (they skip), or undefined; throws where CI requires PostgreSQL. */
export async function clusterSkipReason(): Promise<string | undefined> {
  const missing = await missingPrerequisite(POSTGRES_URL);
  if (missing && process.env.PLATEKEEPER_REQUIRE_POSTGRES) throw new Error(`The cluster tests cannot run: ${missing} (PLATEKEEPER_REQUIRE_POSTGRES is set).`);
  if (missing) console.log(`Cluster tests skipped: ${missing}.`);
  return missing;
}

const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
/**
 * Listed plates, pairwise at least three characters apart (the digit repeats in four places; the
 * letters differ for the same digit), so a read of one never matches another's entry through a
 * one-character confusion: each hit read raises exactly one alert.
 */
export function listedPlate(i: number): string {
  const d = String(i % 10);
  const l = (k: number) => LETTERS[(Math.floor(i / 10) * 3 + k) % LETTERS.length]!;
  return `${d}${l(0)}${l(1)}${l(2)}${d}${d}${d}`;
}
/** A plate no entry is near (letters first, a shape no listed plate has). */
export const freePlate = (n: number) => `ZZ${String(n % 100_000).padStart(5, '0')}`;

export interface Agency {
  admin: Api;
  cameraKey: string;
  listId: string;
  plates: string[];
}

async function waitForImport(api: Api, importId: string): Promise<void> {
  for (let i = 0; ; i++) {
    const status = (await api.call<{ status: string }>('GET', `/hotlists/imports/${importId}`)).status;
    if (status === 'succeeded') return;
    if (status === 'failed' || i > 400) throw new Error(`the hot-list import ended ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The administrator signs in on the first API node, designates a CA DOJ list of `listed` plates and adds a camera. */
export async function setUpAgency(topology: Topology, listed = 20): Promise<Agency> {
  const base = topology.apiUrls[0]!;
  if (!topology.credentials || !topology.deviceCode) throw new Error('the topology printed no first-start credentials');
  const admin = new Api(base, `pk_device=${await enrollDeviceCookie(base, topology.deviceCode)}`);
  await firstSignIn(admin, topology.credentials.username, topology.credentials.password, 'cluster of three machines 2026');
  const plates = Array.from({ length: listed }, (_, i) => listedPlate(i));
  const list = await admin.call<{ id: string }>('POST', '/hotlists', { name: 'CA DOJ stolen vehicles (cluster)', source: 'ca_doj', priority: 0 });
  const started = await admin.call<{ id: string }>('POST', `/hotlists/${list.id}/imports`, `plate,state\n${plates.map((plate) => `${plate},CA`).join('\n')}\n`, 'text/csv');
  await waitForImport(admin, started.id);
  await admin.call('POST', `/hotlists/${list.id}/designation`, { active: true });
  const camera = await admin.call<{ key: { key: string } }>('POST', '/cameras', { name: 'Cluster test camera', kind: 'fixed', location: { lat: 37.3852, lon: -122.1141 }, direction: 0, placement: 'public_view', attestation: true });
  return { admin, cameraKey: camera.key.key, listId: list.id, plates };
}

/** An officer with the required course, data sources and an agency device, signed in on `base`. */
export async function setUpOfficer(agency: Agency, base: string): Promise<{ api: Api; headers: Record<string, string> }> {
  const { admin } = agency;
  const temporary = 'Temporary-officer-pw-2026';
  const officer = await admin.call<{ id: string }>('POST', '/users', { username: 'cofficer', displayName: 'Cora Officer', jobTitle: 'Sworn police officer', roles: ['officer'], password: temporary });
  const course = await admin.call<{ id: string }>('POST', '/training/courses', { title: 'ALPR use and privacy', version: '2026.1' });
  await admin.call('POST', '/training/completions', { userId: officer.id, courseId: course.id, completedAt: new Date().toISOString().slice(0, 10) });
  await admin.call('PUT', `/users/${officer.id}/data-sources`, { sources: ['agency', 'state', 'federal'] });
  const device = await admin.call<{ enrollmentCode: string }>('POST', '/devices', { name: 'Patrol MDC 7', kind: 'workstation', identifier: 'CLUSTER-MDC-0007' });
  const cookie = `pk_device=${await enrollDeviceCookie(base, device.enrollmentCode)}`;
  const api = new Api(base, cookie);
  await firstSignIn(api, 'cofficer', temporary, 'officer on a cluster 2026');
  return { api, headers: { authorization: `Bearer ${api.token}`, cookie } };
}

export interface SentRead {
  id: string;
  plate: string;
  hit: boolean;
}

export interface LoadOptions {
  /** Base URLs, taken round-robin (a load balancer). A function, so restarted nodes are found. */
  urls: () => string[];
  cameraKey: string;
  plates: string[];
  /** Fraction of reads that carry a listed plate. */
  hitFraction: number;
  batch: number;
  senders: number;
  /** Stop after this many reads were acknowledged (or when stop() is called). */
  maxReads?: number;
  /** Reads/s over all senders (paced); as fast as answered when absent. */
  rate?: number;
  onAck?: (reads: SentRead[], at: number) => void;
  /** Called when a batch goes out (again, when it is resent), with performance.now(). */
  onSend?: (reads: SentRead[], at: number) => void;
}

/** Cameras sending batches; a batch that got no 200 is resent (same ids) until acknowledged. */
export class LoadGenerator {
  readonly acknowledged = new Map<string, SentRead>();
  readonly failures: string[] = [];
  requests = 0;
  private stopped = false;
  private counter = 0;
  private next = 0;
  private running: Promise<void>[] = [];

  constructor(private readonly options: LoadOptions) {}

  start(): this {
    this.running = Array.from({ length: this.options.senders }, () => this.sender());
    return this;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.running);
  }

  private makeBatch(): { reads: Record<string, unknown>[]; sent: SentRead[] } {
    const reads: Record<string, unknown>[] = [];
    const sent: SentRead[] = [];
    for (let i = 0; i < this.options.batch; i++) {
      const n = this.counter++;
      const hit = Math.random() < this.options.hitFraction;
      const plate = hit ? this.options.plates[n % this.options.plates.length]! : freePlate(n);
      const id = uuidv7();
      reads.push({ id, capturedAt: new Date().toISOString(), plate, region: 'CA', confidence: 0.9 });
      sent.push({ id, plate, hit });
    }
    return { reads, sent };
  }

  private async sender(): Promise<void> {
    let pending: { reads: Record<string, unknown>[]; sent: SentRead[] } | undefined;
    // Paced: each sender sends one batch per interval, so that all of them together make `rate`.
    const interval = this.options.rate ? (this.options.batch * this.options.senders * 1000) / this.options.rate : 0;
    let due = performance.now() + Math.random() * interval;
    while (!this.stopped && (this.options.maxReads === undefined || this.acknowledged.size < this.options.maxReads)) {
      if (interval && !pending) {
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        due += interval;
      }
      pending ??= this.makeBatch();
      const urls = this.options.urls();
      const url = urls[this.next++ % urls.length]!;
      this.requests++;
      this.options.onSend?.(pending.sent, performance.now());
      try {
        const response = await fetch(`${url}/api/v1/ingest/reads`, {
          method: 'POST',
          headers: { authorization: `Bearer ${this.options.cameraKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ reads: pending.reads }),
          signal: AbortSignal.timeout(15_000),
        });
        const text = await response.text();
        if (response.status === 200) {
          const body = JSON.parse(text) as { results: { id: string; status: string }[] };
          const ok = new Set(body.results.filter((r) => r.status === 'accepted' || r.status === 'duplicate').map((r) => r.id));
          const acked = pending.sent.filter((read) => ok.has(read.id));
          for (const read of acked) this.acknowledged.set(read.id, read);
          this.options.onAck?.(acked, performance.now());
          pending = undefined;
        } else {
          this.failures.push(`${response.status} ${text.slice(0, 200)}`);
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      } catch (error) {
        // The node died under the request: nothing acknowledged; resend (to the next node).
        this.failures.push((error as Error).message);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }
}
