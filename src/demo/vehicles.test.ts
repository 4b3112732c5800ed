import { describe, expect, it } from 'vitest';

import { createRandom } from './random.js';
import { VEHICLE_CATALOG, createVehiclePool, randomVehicle } from './vehicles.js';

describe('createVehiclePool', () => {
  it('makes distinct, reproducible regulars', () => {
    const a = createVehiclePool(createRandom(8), 500, 2026);
    const b = createVehiclePool(createRandom(8), 500, 2026);
    expect(a).toHaveLength(500);
    expect(a).toEqual(b);
    expect(new Set(a.map((v) => `${v.state}:${v.plate}`)).size).toBe(500);
  });

  it('pairs makes, models and bodies as sold, within their model years', () => {
    for (const v of createVehiclePool(createRandom(9), 800, 2026)) {
      const model = VEHICLE_CATALOG.find((e) => e.make === v.make && e.model === v.model);
      expect(model, `${v.make} ${v.model}`).toBeDefined();
      expect(v.bodyType).toBe(model?.bodyType);
      expect(v.year).toBeGreaterThanOrEqual(model?.since ?? 0);
      expect(v.year).toBeLessThanOrEqual(Math.min(model?.until ?? 2026, 2026));
    }
  });

  it('paints most cars white, black, gray or silver', () => {
    const pool = createVehiclePool(createRandom(10), 2000, 2026);
    const neutral = pool.filter((v) => ['white', 'black', 'gray', 'silver'].includes(v.color));
    expect(neutral.length / pool.length).toBeGreaterThan(0.65);
    expect(neutral.length / pool.length).toBeLessThan(0.85);
    expect(new Set(pool.map((v) => v.color)).size).toBeGreaterThan(8);
  });

  it('only offers models already on sale in the reference year', () => {
    const rng = createRandom(12);
    const models = Array.from({ length: 500 }, () => randomVehicle(rng, 2015)).map((v) => `${v.make} ${v.model}`);
    expect(models).not.toContain('Tesla Model Y');
    expect(models).not.toContain('Tesla Model 3');
    expect(models).not.toContain('Kia Telluride');
  });
});
