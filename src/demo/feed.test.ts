import sharp from 'sharp';
import { validate as uuidValidate, version as uuidVersion } from 'uuid';
import { describe, expect, it } from 'vitest';

import { createDemoFeed, misread } from './feed.js';
import type { DemoRead } from './feed.js';
import { distanceMeters } from './geo.js';
import { demoNetwork } from './network.js';
import type { DemoCameraSpec, LatLon } from './network.js';
import { CA_COMMERCIAL_PLATE, CA_STANDARD_PLATE, CA_VANITY_PLATE } from './plates.js';
import { createRandom } from './random.js';

// Tuesday 08:00 in El Cajon (PST): morning rush.
const RUSH = new Date('2026-03-03T16:00:00Z');

function collect(options: { seed?: number; network?: DemoCameraSpec[]; at?: () => Date } = {}) {
  const batches: { slug: string; reads: DemoRead[] }[] = [];
  const errors: unknown[] = [];
  const feed = createDemoFeed({
    seed: options.seed ?? 7,
    now: options.at ?? (() => RUSH),
    poolSize: 200,
    ...(options.network ? { network: options.network } : {}),
    submit: async (slug, reads) => {
      batches.push({ slug, reads });
    },
    onError: (e) => errors.push(e),
  });
  const reads = () => batches.flatMap((b) => b.reads.map((r) => ({ slug: b.slug, ...r })));
  return { feed, batches, errors, reads };
}

describe('createDemoFeed', () => {
  it('tick() submits well-formed reads, batched per camera', async () => {
    const { feed, batches, errors, reads } = collect();
    const count = await feed.tick();
    expect(count).toBeGreaterThan(0);
    expect(reads()).toHaveLength(count);
    expect(errors).toEqual([]);
    const slugs = new Set(demoNetwork().map((c) => c.slug));
    expect(new Set(batches.map((b) => b.slug)).size).toBe(batches.length);
    for (const read of reads()) {
      expect(slugs).toContain(read.slug);
      expect(uuidValidate(read.id)).toBe(true);
      expect(uuidVersion(read.id)).toBe(7);
      expect(new Date(read.capturedAt).toISOString()).toBe(read.capturedAt);
      expect(new Date(read.capturedAt).getTime()).toBeLessThanOrEqual(RUSH.getTime());
      expect(RUSH.getTime() - new Date(read.capturedAt).getTime()).toBeLessThan(2000);
      expect(read.plate).toMatch(/^[A-Z0-9]{1,8}$/);
      expect(read.region).toMatch(/^us-[a-z]{2}$/);
      expect(read.confidence).toBeGreaterThan(0);
      expect(read.confidence).toBeLessThanOrEqual(1);
      expect(read.heading).toBeGreaterThanOrEqual(0);
      expect(read.heading).toBeLessThan(360);
      expect(read.vehicle.make).not.toBe('');
      expect(read.vehicle.model).not.toBe('');
      expect(read.vehicle.color).not.toBe('');
      expect(read.vehicle.bodyType).not.toBe('');
      expect(read.plateImage.contentType).toBe('image/jpeg');
      expect(read.vehicleImage.contentType).toBe('image/jpeg');
    }
    const first = reads()[0] as DemoRead;
    const plateMeta = await sharp(Buffer.from(first.plateImage.base64, 'base64')).metadata();
    expect([plateMeta.format, plateMeta.width, plateMeta.height]).toEqual(['jpeg', 240, 120]);
    const vehicleMeta = await sharp(Buffer.from(first.vehicleImage.base64, 'base64')).metadata();
    expect([vehicleMeta.format, vehicleMeta.width, vehicleMeta.height]).toEqual(['jpeg', 480, 320]);
  });

  it('gives the same plates for the same seed and clock', async () => {
    const run = async (seed: number) => {
      const c = collect({ seed });
      for (let i = 0; i < 3; i++) await c.feed.tick();
      return c.reads().map((r) => `${r.slug} ${r.capturedAt} ${r.plate} ${r.region} ${r.confidence}`).sort();
    };
    const a = await run(99);
    expect(await run(99)).toEqual(a);
    expect(await run(100)).not.toEqual(a);
  });

  it('reads California plates in California formats (bar the occasional misread)', async () => {
    const { feed, reads } = collect({ seed: 3 });
    for (let i = 0; i < 12; i++) await feed.tick();
    const ca = reads().filter((r) => r.region === 'us-ca');
    expect(ca.length).toBeGreaterThan(50);
    const wellFormed = ca.filter((r) => CA_STANDARD_PLATE.test(r.plate) || CA_COMMERCIAL_PLATE.test(r.plate) || CA_VANITY_PLATE.test(r.plate));
    expect(wellFormed.length / ca.length).toBeGreaterThan(0.95);
    const standard = ca.filter((r) => CA_STANDARD_PLATE.test(r.plate));
    expect(standard.length / ca.length).toBeGreaterThan(0.8);
    // Most confidences sit in 0.85-0.99.
    const confident = ca.filter((r) => r.confidence >= 0.85 && r.confidence <= 0.995);
    expect(confident.length / ca.length).toBeGreaterThan(0.85);
  });

  it('brings the regulars back: plates recur across rounds', async () => {
    const { feed, reads } = collect({ seed: 5 });
    for (let i = 0; i < 20; i++) await feed.tick();
    const counts = new Map<string, number>();
    for (const r of reads()) counts.set(r.plate, (counts.get(r.plate) ?? 0) + 1);
    expect([...counts.values()].some((n) => n >= 2)).toBe(true);
  });

  it('puts mobile reads where the patrol car is, moving over time; fixed reads carry no location', async () => {
    let now = RUSH;
    const { feed, reads } = collect({ at: () => now });
    for (let i = 0; i < 8; i++) {
      await feed.tick();
      now = new Date(now.getTime() + 30_000);
    }
    const network = demoNetwork();
    const kind = new Map(network.map((c) => [c.slug, c.kind]));
    const all = reads();
    const mobile = all.filter((r) => kind.get(r.slug) === 'mobile');
    const fixed = all.filter((r) => kind.get(r.slug) === 'fixed');
    expect(mobile.length).toBeGreaterThan(0);
    expect(fixed.length).toBeGreaterThan(0);
    for (const r of fixed) expect(r.location).toBeUndefined();
    for (const r of mobile) {
      expect(r.location).toBeDefined();
      expect(r.location?.lat).toBeGreaterThan(32.76);
      expect(r.location?.lat).toBeLessThan(32.84);
      expect(r.location?.lon).toBeGreaterThan(-117.01);
      expect(r.location?.lon).toBeLessThan(-116.9);
    }
  });

  it('moves a patrol car along its route between rounds', async () => {
    const patrol = demoNetwork().filter((c) => c.slug === 'patrol-magnolia');
    let now = RUSH;
    const { feed, reads } = collect({ network: patrol, at: () => now });
    await feed.tick();
    now = new Date(now.getTime() + 60_000);
    await feed.tick();
    const [first, ...rest] = reads();
    const last = rest.at(-1) ?? first;
    expect(first?.location).toBeDefined();
    // ~6-11 m/s for a minute: hundreds of metres along Magnolia Ave.
    expect(distanceMeters(first?.location as LatLon, last?.location as LatLon)).toBeGreaterThan(50);
  });

  it('sends submit errors to onError and keeps going', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const feed = createDemoFeed({
      seed: 1,
      now: () => RUSH,
      poolSize: 50,
      submit: async () => {
        calls++;
        throw new Error('ingest down');
      },
      onError: (e) => errors.push(e),
    });
    const n = await feed.tick();
    expect(n).toBeGreaterThan(0);
    expect(calls).toBeGreaterThan(0);
    expect(errors).toHaveLength(calls);
    expect(String(errors[0])).toContain('ingest down');
    await expect(feed.tick()).resolves.toBeGreaterThan(0);
  });

  it('start() produces data within moments and stop() waits for submits in flight', async () => {
    let finished = 0;
    let started = 0;
    const feed = createDemoFeed({
      seed: 2,
      now: () => new Date(),
      poolSize: 50,
      intervalMs: 50,
      submit: async () => {
        started++;
        await new Promise((resolve) => setTimeout(resolve, 30));
        finished++;
      },
    });
    feed.start();
    feed.start(); // idempotent
    const deadline = Date.now() + 5000;
    while (started === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(started).toBeGreaterThan(0);
    await feed.stop();
    expect(finished).toBe(started);
    const after = started;
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(started).toBe(after);
  });

  it('produces fewer reads at 3 a.m. than in the evening rush', async () => {
    const count = async (at: Date) => {
      const feed = createDemoFeed({ seed: 4, now: () => at, poolSize: 50, readsPerMinute: 600, submit: async () => {} });
      let total = 0;
      for (let i = 0; i < 6; i++) total += await feed.tick();
      return total;
    };
    const night = await count(new Date('2026-03-04T11:00:00Z')); // 03:00 PST
    const rush = await count(new Date('2026-03-04T01:30:00Z')); // 17:30 PST
    expect(rush).toBeGreaterThan(night * 3);
  });
});

describe('misread', () => {
  it('swaps one look-alike character', () => {
    const rng = createRandom(1);
    const results = Array.from({ length: 200 }, () => misread(rng, '8BOO123'));
    for (const r of results) {
      expect(r).not.toBe('8BOO123');
      expect(r.length).toBeGreaterThanOrEqual(6);
    }
    expect(results).toContain('BBOO123');
  });
});
