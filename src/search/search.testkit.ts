// Planted ground truth for the search tests: background traffic whose plates cannot match any planted
// pattern (letters KMNPRTUVWXY and digits 3, 4, 9 only: no 7, A or B, and no member of an OCR
// confusion class, so nothing of it is within confusion or one edit of a planted plate), days before
// the planted events, plus convoys, a series, a canvass scene, partial and fuzzy plates.
import { v7 as uuidv7 } from 'uuid';

export const NOW = new Date('2026-11-20T12:00:00Z');
const HOUR = 3600_000;
const MINUTE = 60_000;
/** Planted events happen on the last day; background traffic on the three days before it. */
export const EVENT_DAY = NOW.getTime() - 20 * HOUR;

/** Camera i stands at (32.70 + 0.02 i, -117.10): about 2.2 km apart, north to south. */
export const CAMERA_COUNT = 6;
export const cameraLocation = (i: number) => ({ lat: 32.7 + 0.02 * i, lon: -117.1 });

export interface PlantedRead {
  id: string;
  camera: number;
  plate: string;
  region: string;
  capturedAt: number;
  vehicle: { make: string; model: string; color: string; bodyType: string };
}

function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const GREY_SEDAN = { make: 'Honda', model: 'Civic', color: 'grey', bodyType: 'sedan' };
const RED_PICKUP = { make: 'Ford', model: 'F-150', color: 'red', bodyType: 'pickup' };
const WHITE_VAN = { make: 'Chevrolet', model: 'Express', color: 'white', bodyType: 'van' };
const NOISE_VEHICLES = [GREY_SEDAN, WHITE_VAN, { make: 'Toyota', model: 'Camry', color: 'black', bodyType: 'sedan' }, { make: 'Nissan', model: 'Altima', color: 'blue', bodyType: 'sedan' }];

export const CONVOY = {
  target: '7CNV437',
  /** Each followed the target within 60 s at two or more cameras. */
  followers: ['7FLW437', 'KX7FLW2'],
  /** Seen with the target at one camera only, or minutes off: not a convoy. */
  decoys: ['7ONC437', '7LAT437'],
  passes: [0, 1, 2, 3].map((camera) => ({ camera, at: EVENT_DAY + 2 * HOUR + camera * 10 * MINUTE })),
};

/** Three place-and-time windows of a burglary series. */
export const SERIES = {
  windows: [
    { camera: 4, from: EVENT_DAY + 6 * HOUR, to: EVENT_DAY + 7 * HOUR },
    { camera: 5, from: EVENT_DAY + 9 * HOUR, to: EVENT_DAY + 10 * HOUR },
    { camera: 0, from: EVENT_DAY + 12 * HOUR, to: EVENT_DAY + 13 * HOUR },
  ],
  /** plate → windows it is seen in. */
  seen: { '7SER437': [0, 1, 2], '7SRB437': [0, 2], '7SNG437': [1] } as Record<string, number[]>,
};

/** Partial and fuzzy plates (all CA unless said), read on the event day at camera 5 around hour 15. */
export const PLATES = ['7AB3120', '7AB9125', '7AC3121', '17AB312', '7A83120', '7AB312O', '7AB312', '7AB31200', '7AX3120', '7XX3120'];

export function plantedReads(): PlantedRead[] {
  const random = prng(42);
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const reads: PlantedRead[] = [];
  const add = (camera: number, plate: string, capturedAt: number, vehicle = GREY_SEDAN, region = 'CA') => reads.push({ id: uuidv7(), camera, plate, region, capturedAt, vehicle });

  // Background: 400 reads of 120 plates over the three days before the event day.
  const noisePlates = Array.from({ length: 120 }, () => Array.from({ length: 7 }, (_, i) => pick([...(i < 3 ? 'KMNPRTUVWXY' : '349')])).join(''));
  for (let i = 0; i < 400; i++) add(Math.floor(random() * CAMERA_COUNT), pick(noisePlates), EVENT_DAY - 3 * 24 * HOUR + Math.floor(random() * 3 * 24 * HOUR), pick(NOISE_VEHICLES));

  // Convoy: the target passes cameras 0–3, ten minutes apart.
  for (const pass of CONVOY.passes) add(pass.camera, CONVOY.target, pass.at, WHITE_VAN);
  for (const pass of CONVOY.passes.slice(0, 3)) add(pass.camera, '7FLW437', pass.at + 20_000);
  for (const pass of [CONVOY.passes[1], CONVOY.passes[3]]) if (pass) add(pass.camera, 'KX7FLW2', pass.at - 30_000);
  const first = CONVOY.passes[0];
  if (first) add(first.camera, '7ONC437', first.at + 10_000);
  for (const pass of CONVOY.passes.slice(1, 3)) add(pass.camera, '7LAT437', pass.at + 5 * MINUTE);

  // Series: each plate at the windows it is seen in, mid-window.
  for (const [plate, windows] of Object.entries(SERIES.seen)) {
    for (const w of windows) {
      const window = SERIES.windows[w];
      if (window) add(window.camera, plate, window.from + 20 * MINUTE + plate.charCodeAt(2) * 1000, RED_PICKUP);
    }
  }

  // Partial and fuzzy plates; 7AB9125 is the red pickup; 7AB3120 is read in Nevada too.
  PLATES.forEach((plate, i) => add(5, plate, EVENT_DAY + 15 * HOUR + i * MINUTE, plate === '7AB9125' ? RED_PICKUP : GREY_SEDAN));
  add(5, '7AB3120', EVENT_DAY + 16 * HOUR, GREY_SEDAN, 'NV');
  add(2, '7AB3120', EVENT_DAY + 17 * HOUR, GREY_SEDAN);
  return reads;
}

/** The native ingest body for these reads (locations are the cameras'). */
export function ingestBody(reads: readonly PlantedRead[]) {
  return {
    reads: reads.map((read) => ({
      id: read.id,
      capturedAt: new Date(read.capturedAt).toISOString(),
      plate: read.plate,
      region: read.region,
      confidence: 0.9,
      location: cameraLocation(read.camera),
      vehicle: read.vehicle,
    })),
  };
}
