// Paging through reads of many plates (issue 6; R24): a partial plate's reads come in keyset pages
// (newest first), and reads that share an instant — several cars at one camera in the same
// millisecond — are neither lost nor repeated across pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { FakeClock } from '../platform/clock.js';
import { startTestApp, type Headers, type TestApp } from '../../test/app.testkit.js';
import { DIALECTS } from '../../test/databases.js';
import type { SearchPage } from './search.schemas.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const PLATES = ['QZ10001', 'QZ10002', 'QZ10003', 'QZ10004', 'QZ10005'];
/** Each plate read at these instants (seconds before NOW): three instants shared by every plate. */
const SECONDS_AGO = [600, 600, 300, 300, 120, 60];
/** One more plate, read over most of a year: pages cross the groups of days PostgreSQL fetches plates in. */
const YEAR_PLATE = 'QZ20001';
const DAYS_AGO = [0.5, 1, 1.5, 3, 10, 20, 45, 90, 150, 200, 300, 360];
/** Sixty plates read twice each at two shared instants: more plates than PostgreSQL fetches in one query per window. */
const MANY = Array.from({ length: 60 }, (_, i) => `QY${String(i).padStart(5, '0')}`);

describe.each(DIALECTS)('search paging on %s', (dialect) => {
  let t: TestApp;
  let headers: Headers;
  const ids: string[] = [];
  const manyIds: string[] = [];

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock: new FakeClock(NOW), flags: { 'ingest.maxPastDays': 400 } });
    const camera = await t.registerCamera({ name: 'Gate', kind: 'fixed' });
    const reads = PLATES.flatMap((plate) =>
      SECONDS_AGO.map((ago) => ({ id: uuidv7(), plate, region: 'CA', confidence: 0.9, capturedAt: new Date(NOW.getTime() - ago * 1000).toISOString() })),
    );
    for (const days of DAYS_AGO) reads.push({ id: uuidv7(), plate: YEAR_PLATE, region: 'CA', confidence: 0.9, capturedAt: new Date(NOW.getTime() - days * 86_400_000).toISOString() });
    ids.push(...reads.map((read) => read.id));
    const many = MANY.flatMap((plate) => [400, 400, 30].map((days) => ({ id: uuidv7(), plate, region: 'CA', confidence: 0.9, capturedAt: new Date(NOW.getTime() - days * 60_000).toISOString() })));
    manyIds.push(...many.map((read) => read.id));
    reads.push(...many);
    const response = await t.app.http.inject({ method: 'POST', url: '/api/v1/ingest/reads', headers: { authorization: `Bearer ${camera.key}` }, payload: { reads } });
    expect(response.statusCode, response.body).toBe(200);
    headers = await t.withPurpose(await t.createEligibleUser(['analyst']));
  });
  afterAll(async () => t?.cleanup());

  const page = async (body: object): Promise<SearchPage> => {
    const response = await t.app.http.inject({ method: 'POST', url: '/api/v1/search/partial', headers, payload: body });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  const walk = async (body: object, limit: number) => {
    const seen: { id: string; at: string }[] = [];
    let cursor: string | undefined;
    do {
      const next = await page({ ...body, limit, ...(cursor ? { cursor } : {}) });
      expect(next.reads.length).toBeLessThanOrEqual(limit);
      seen.push(...next.reads.map((read) => ({ id: read.id, at: read.capturedAt })));
      cursor = next.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.map((read) => read.at)).toEqual(seen.map((read) => read.at).sort().reverse());
    return seen.map((read) => read.id).sort();
  };

  it.each([1, 3, 5])('pages of %i over a year of one plate and of six plates lose and repeat nothing (R24)', async (limit) => {
    expect(await walk({ pattern: 'QZ2*' }, limit)).toEqual(ids.slice(-DAYS_AGO.length).sort());
    expect(await walk({ pattern: 'QZ*' }, limit)).toEqual([...ids].sort());
  });

  it.each([1, 7, 50])('pages of %i over sixty plates with shared instants lose and repeat nothing (R24)', async (limit) => {
    expect(await walk({ pattern: 'QY*' }, limit)).toEqual([...manyIds].sort());
  });

  it.each([1, 2, 3, 4, 7])('pages of %i over reads of five plates at shared instants: each read once, newest first (R24)', async (limit) => {
    const seen: { id: string; at: string }[] = [];
    let cursor: string | undefined;
    do {
      const next = await page({ pattern: 'QZ1*', limit, ...(cursor ? { cursor } : {}) });
      expect(next.reads.length).toBeLessThanOrEqual(limit);
      seen.push(...next.reads.map((read) => ({ id: read.id, at: read.capturedAt })));
      cursor = next.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.map((read) => read.id).sort()).toEqual(ids.slice(0, PLATES.length * SECONDS_AGO.length).sort());
    expect(seen.map((read) => read.at)).toEqual(seen.map((read) => read.at).sort().reverse());
  });

  it('a time range and a page limit combine (R24)', async () => {
    const recent = await page({ pattern: 'QZ1*', from: new Date(NOW.getTime() - 200_000).toISOString(), limit: 100 });
    expect(recent.reads).toHaveLength(PLATES.length * 2);
  });
});
