import { describe, expect, it } from 'vitest';

import { distanceMeters } from './geo.js';
import { EL_CAJON_BOUNDS, EL_CAJON_CENTER, demoNetwork } from './network.js';
import type { LatLon } from './network.js';

const inElCajon = (p: LatLon): boolean =>
  p.lat >= EL_CAJON_BOUNDS.minLat &&
  p.lat <= EL_CAJON_BOUNDS.maxLat &&
  p.lon >= EL_CAJON_BOUNDS.minLon &&
  p.lon <= EL_CAJON_BOUNDS.maxLon;

describe('demoNetwork', () => {
  const network = demoNetwork();
  const fixed = network.filter((c) => c.kind === 'fixed');
  const mobile = network.filter((c) => c.kind === 'mobile');

  it('has 20-40 cameras with unique slugs, fixed poles and patrol cars', () => {
    expect(network.length).toBeGreaterThanOrEqual(20);
    expect(network.length).toBeLessThanOrEqual(40);
    expect(new Set(network.map((c) => c.slug)).size).toBe(network.length);
    // Names are what a registry shows (and what the runner matches existing cameras by).
    expect(new Set(network.map((c) => c.name)).size).toBe(network.length);
    expect(fixed.length).toBeGreaterThanOrEqual(20);
    expect(mobile.length).toBeGreaterThanOrEqual(6);
    for (const c of network) expect(c.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('places every fixed camera in El Cajon, facing a compass direction, in public view', () => {
    for (const c of fixed) {
      expect(c.location, c.slug).toBeDefined();
      expect(inElCajon(c.location as LatLon), c.slug).toBe(true);
      expect(Number.isInteger(c.direction)).toBe(true);
      expect(c.direction).toBeGreaterThanOrEqual(0);
      expect(c.direction).toBeLessThanOrEqual(359);
      expect(c.placement).toBe('public_view');
      expect(c.route).toBeUndefined();
      expect(c.name).toMatch(/ & .* (NB|EB|SB|WB)$/);
    }
  });

  it('gives every patrol car a loop of waypoints in El Cajon, and no fixed location', () => {
    for (const c of mobile) {
      expect(c.location).toBeUndefined();
      expect(c.route?.length ?? 0, c.slug).toBeGreaterThanOrEqual(3);
      for (const p of c.route ?? []) expect(inElCajon(p), c.slug).toBe(true);
      // Consecutive waypoints are a few blocks apart at most (cars drive streets, not jump).
      const route = c.route ?? [];
      route.forEach((p, i) => {
        const next = route[(i + 1) % route.length] as LatLon;
        expect(distanceMeters(p, next)).toBeLessThan(2500);
      });
    }
  });

  it('is centred on downtown El Cajon (Main St & Magnolia Ave)', () => {
    const main = network.find((c) => c.slug === 'main-magnolia-eb');
    expect(main?.location).toEqual(EL_CAJON_CENTER);
    expect(EL_CAJON_CENTER.lat).toBeCloseTo(32.7948, 3);
    expect(EL_CAJON_CENTER.lon).toBeCloseTo(-116.9627, 3);
    for (const c of fixed) expect(distanceMeters(c.location as LatLon, EL_CAJON_CENTER)).toBeLessThan(5000);
  });

  it('has busier arterials than side streets', () => {
    const traffic = (slug: string) => network.find((c) => c.slug === slug)?.traffic ?? 0;
    expect(traffic('main-magnolia-eb')).toBeGreaterThan(traffic('magnolia-lexington-nb'));
  });

  it('returns fresh objects each call', () => {
    const a = demoNetwork();
    (a[0]?.location as LatLon).lat = 0;
    expect(demoNetwork()[0]?.location?.lat).not.toBe(0);
  });
});
