/**
 * The demo feed: drives the simulated El Cajon network, producing reads (with plate and vehicle
 * images) every couple of seconds and handing them, camera by camera, to `submit`.
 *
 * Reads are planned synchronously from one seeded generator, so a given seed and clock give the
 * same plates, cameras and confidences every time; only the UUIDs (v7, time-ordered) differ.
 */

import { v7 as uuidv7 } from 'uuid';

import { LoopRoute, normalizeBearing, offsetMeters } from './geo.js';
import { renderPlateImage, renderVehicleImage } from './images.js';
import { DEMO_TIME_ZONE, demoNetwork } from './network.js';
import type { DemoCameraSpec, LatLon } from './network.js';
import { regionCode } from './plates.js';
import { createRandom } from './random.js';
import type { Random } from './random.js';
import { isCommuteTime, localTime, trafficFactor } from './traffic.js';
import type { LocalTime } from './traffic.js';
import { SIMILAR_COLORS, createVehiclePool, randomVehicle } from './vehicles.js';
import type { BodyType, DemoVehicle } from './vehicles.js';

export interface DemoImage {
  base64: string;
  contentType: 'image/jpeg';
}

export interface DemoRead {
  /** UUID v7 whose timestamp is capturedAt. */
  id: string;
  /** ISO 8601. */
  capturedAt: string;
  /** The plate as the engine read it (occasionally wrong, as real engines are). */
  plate: string;
  /** Lowercase vendor region code, e.g. 'us-ca'. */
  region: string;
  /** 0-1. */
  confidence: number;
  /** Mobile cameras only: where the read happened. Fixed cameras leave it to the camera's own location. */
  location?: LatLon;
  /** Direction of travel of the vehicle read, compass degrees. */
  heading?: number;
  vehicle: { make: string; model: string; color: string; bodyType: BodyType };
  plateImage: DemoImage;
  vehicleImage: DemoImage;
}

export interface DemoFeedOptions {
  /** Seed for everything random; the same seed and clock give the same reads. */
  seed?: number;
  now: () => Date;
  submit: (cameraSlug: string, reads: DemoRead[]) => Promise<void>;
  /** Reads per minute across the network at a weekday midday (rush hours ~1.5x, nights ~0.15x). Default 300. */
  readsPerMinute?: number;
  /** Receives submit failures and any other error from a round; the loop carries on. Default: console.error. */
  onError?: (error: unknown) => void;
  /** Time between rounds when started. Default 2000 ms. */
  intervalMs?: number;
  /** The cameras to simulate. Default: demoNetwork(). */
  network?: DemoCameraSpec[];
  /** How many regular vehicles (commuters, locals) recur past the cameras. Default 600. */
  poolSize?: number;
}

export interface DemoFeed {
  /** Begin producing a round every intervalMs (the first one at once). Idempotent. */
  start(): void;
  /** Stop the loop and wait for every round and submit in flight. */
  stop(): Promise<void>;
  /** Produce and submit one round of reads now; resolves to the number of reads produced. */
  tick(): Promise<number>;
  /** Some of the regular vehicles (they recur past the cameras), evenly spread over the pool: the demo hot list's entries. */
  regulars(count: number): DemoVehicle[];
}

export const DEFAULT_SEED = 1912; // El Cajon's year of incorporation.
const DEFAULT_READS_PER_MINUTE = 300;
const DEFAULT_INTERVAL_MS = 2000;
const DEFAULT_POOL_SIZE = 600;
const MISREAD_RATE = 0.03;
const COLOR_CONFUSION_RATE = 0.04;
/** Regulars' cameras: their home camera and those within this distance of it. */
const CORRIDOR_METERS = 1300;

/** Characters OCR engines confuse, both ways. */
const CONFUSABLE: Readonly<Record<string, readonly string[]>> = {
  '0': ['O', 'D'], O: ['0'], D: ['0'], Q: ['0'],
  '8': ['B'], B: ['8'],
  '1': ['I', '7'], I: ['1'], '7': ['1'],
  '5': ['S'], S: ['5'],
  '2': ['Z'], Z: ['2'],
  '6': ['G'], G: ['6'],
  M: ['N'], N: ['M'], H: ['M'],
};

/** Replace one confusable character (or, rarely, drop one); unchanged if nothing is confusable. */
export function misread(rng: Random, plate: string): string {
  const positions = [...plate].map((ch, i) => (CONFUSABLE[ch] ? i : -1)).filter((i) => i >= 0);
  if (positions.length === 0 || (plate.length > 4 && rng.chance(0.1))) {
    const drop = rng.int(0, plate.length - 1);
    return plate.slice(0, drop) + plate.slice(drop + 1);
  }
  const i = rng.pick(positions);
  const swaps = CONFUSABLE[plate[i] as string] ?? [];
  return plate.slice(0, i) + rng.pick(swaps) + plate.slice(i + 1);
}

interface CameraState {
  spec: DemoCameraSpec;
  traffic: number;
  route?: LoopRoute;
  /** Patrol speed in m/s and where on its loop the car was at the epoch. */
  speed: number;
  phase: number;
  regulars: DemoVehicle[];
}

interface PlannedRead {
  camera: CameraState;
  capturedAt: Date;
  vehicle: DemoVehicle;
  plate: string;
  confidence: number;
  color: string;
  location?: LatLon;
  heading: number;
}

function anchors(spec: DemoCameraSpec): LatLon[] {
  if (spec.location) return [spec.location];
  return spec.route ?? [];
}

function nearestMeters(a: readonly LatLon[], b: readonly LatLon[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (const p of a) {
    for (const q of b) {
      const dLat = (p.lat - q.lat) * 111_195;
      const dLon = (p.lon - q.lon) * 111_195 * Math.cos((p.lat * Math.PI) / 180);
      best = Math.min(best, Math.hypot(dLat, dLon));
    }
  }
  return best;
}

/** Knuth's method for small means, a rounded normal for large ones. */
function poisson(rng: Random, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 40) return Math.max(0, Math.round(mean + rng.gaussian() * Math.sqrt(mean)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

const round = (value: number, places: number): number => {
  const f = 10 ** places;
  return Math.round(value * f) / f;
};

export function createDemoFeed(options: DemoFeedOptions): DemoFeed {
  const seed = options.seed ?? DEFAULT_SEED;
  const readsPerMinute = options.readsPerMinute ?? DEFAULT_READS_PER_MINUTE;
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  const onError = options.onError ?? ((error: unknown) => console.error('[demo feed]', error));
  const network = options.network ?? demoNetwork();
  if (network.length === 0) throw new RangeError('the demo network has no cameras');
  if (!(readsPerMinute > 0)) throw new RangeError('readsPerMinute must be positive');
  if (!(intervalMs > 0)) throw new RangeError('intervalMs must be positive');

  const rng = createRandom(seed);
  const referenceYear = options.now().getUTCFullYear();
  const pool = createVehiclePool(rng, options.poolSize ?? DEFAULT_POOL_SIZE, referenceYear);

  const cameras: CameraState[] = network.map((spec) => {
    const route = spec.kind === 'mobile' && spec.route && spec.route.length >= 2 ? new LoopRoute(spec.route) : undefined;
    return {
      spec,
      traffic: spec.traffic ?? 1,
      ...(route ? { route } : {}),
      speed: rng.float(6, 11),
      phase: route ? rng.float(0, route.length) : 0,
      regulars: [],
    };
  });

  // Give each regular a home camera (busier cameras get more) and the cameras around it.
  const trafficWeights = cameras.map((c) => [c, c.traffic] as const);
  for (const vehicle of pool) {
    const home = rng.weighted(trafficWeights);
    home.regulars.push(vehicle);
    const homeAnchors = anchors(home.spec);
    for (const other of cameras) {
      if (other === home) continue;
      if (nearestMeters(homeAnchors, anchors(other.spec)) <= CORRIDOR_METERS && rng.chance(0.35)) other.regulars.push(vehicle);
    }
  }

  function plan(at: Date): PlannedRead[] {
    const local: LocalTime = localTime(at, DEMO_TIME_ZONE);
    const weights = cameras.map((c) => [c, c.traffic * trafficFactor(c.spec.profile ?? 'arterial', local)] as const);
    const nominal = cameras.reduce((sum, c) => sum + c.traffic, 0);
    const current = weights.reduce((sum, [, w]) => sum + w, 0);
    const mean = ((readsPerMinute * intervalMs) / 60_000) * (current / nominal);
    // At least one read a round, so a new install sees data within seconds even at 3 a.m.
    const count = Math.max(1, poisson(rng, mean));
    const regularShare = isCommuteTime(local) ? 0.65 : 0.45;

    const reads: PlannedRead[] = [];
    for (let n = 0; n < count; n++) {
      const camera = current > 0 ? rng.weighted(weights) : rng.pick(cameras);
      const capturedAt = new Date(at.getTime() - rng.int(0, intervalMs - 1));
      const vehicle =
        camera.regulars.length > 0 && rng.chance(regularShare)
          ? rng.pick(camera.regulars)
          : randomVehicle(rng, referenceYear);

      let plate = vehicle.plate;
      let confidence: number;
      if (rng.chance(MISREAD_RATE)) {
        plate = misread(rng, plate);
        confidence = rng.float(0.52, 0.82);
      } else if (rng.chance(0.06)) {
        confidence = rng.float(0.7, 0.85); // dirty, angled or partly hidden plates
      } else {
        confidence = Math.min(0.995, Math.max(0.85, 0.985 - Math.abs(rng.gaussian()) * 0.04));
      }
      const similar = SIMILAR_COLORS[vehicle.color];
      const color = similar && rng.chance(COLOR_CONFUSION_RATE) ? rng.pick(similar) : vehicle.color;

      let heading: number;
      let location: LatLon | undefined;
      if (camera.route) {
        const position = camera.route.at(camera.phase + (camera.speed * capturedAt.getTime()) / 1000);
        const oncoming = rng.chance(0.4);
        heading = normalizeBearing(position.heading + (oncoming ? 180 : 0) + rng.gaussian() * 3);
        // The vehicle read is a lane or a parking space away from the patrol car.
        const side = rng.chance(0.5) ? 90 : -90;
        const spot = offsetMeters(position.location, position.heading + side, rng.float(2.5, 9));
        location = { lat: round(spot.lat, 6), lon: round(spot.lon, 6) };
      } else {
        heading = normalizeBearing((camera.spec.direction ?? 0) + rng.gaussian() * 3);
      }

      reads.push({
        camera,
        capturedAt,
        vehicle,
        plate,
        confidence: round(confidence, 3),
        color,
        ...(location ? { location } : {}),
        heading: Math.round(heading) % 360,
      });
    }
    return reads;
  }

  async function toRead(p: PlannedRead): Promise<DemoRead> {
    const [plateJpeg, vehicleJpeg] = await Promise.all([
      renderPlateImage(p.vehicle.plate, p.vehicle.state),
      renderVehicleImage(p.vehicle),
    ]);
    return {
      id: uuidv7({ msecs: p.capturedAt.getTime() }),
      capturedAt: p.capturedAt.toISOString(),
      plate: p.plate,
      region: regionCode(p.vehicle.state),
      confidence: p.confidence,
      ...(p.location ? { location: p.location } : {}),
      heading: p.heading,
      vehicle: { make: p.vehicle.make, model: p.vehicle.model, color: p.color, bodyType: p.vehicle.bodyType },
      plateImage: { base64: plateJpeg.toString('base64'), contentType: 'image/jpeg' },
      vehicleImage: { base64: vehicleJpeg.toString('base64'), contentType: 'image/jpeg' },
    };
  }

  async function submitBatch(slug: string, planned: PlannedRead[]): Promise<void> {
    try {
      const reads = await Promise.all(planned.map(toRead));
      await options.submit(slug, reads);
    } catch (error) {
      onError(error);
    }
  }

  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(promise: Promise<T>): Promise<T> => {
    inFlight.add(promise);
    void promise.then(
      () => inFlight.delete(promise),
      () => inFlight.delete(promise),
    );
    return promise;
  };

  async function runRound(): Promise<number> {
    const planned = plan(options.now());
    const byCamera = new Map<string, PlannedRead[]>();
    for (const read of planned.sort((a, b) => a.capturedAt.getTime() - b.capturedAt.getTime())) {
      const slug = read.camera.spec.slug;
      const batch = byCamera.get(slug);
      if (batch) batch.push(read);
      else byCamera.set(slug, [read]);
    }
    await Promise.all([...byCamera].map(([slug, batch]) => submitBatch(slug, batch)));
    return planned.length;
  }

  let running = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const schedule = (delayMs: number): void => {
    timer = setTimeout(loop, delayMs);
    timer.unref();
  };

  function loop(): void {
    timer = undefined;
    if (!running) return;
    const started = Date.now();
    void track(runRound())
      .catch(onError)
      .finally(() => {
        if (running && timer === undefined) schedule(Math.max(0, intervalMs - (Date.now() - started)));
      });
  }

  return {
    regulars(count) {
      const step = Math.max(1, Math.floor(pool.length / Math.max(1, count)));
      return pool.filter((_, i) => i % step === 0).slice(0, count);
    },
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    async stop() {
      running = false;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    tick() {
      return track(runRound());
    },
  };
}
