// The plate lookups of SearchStore over reads written outside ingest (issue 6; R24). On PostgreSQL
// they go by plate_days (migration 1710), which a trigger keeps: reads inserted directly, reads moved
// to another plate (the purge merges plates so) and reads deleted must all come out right.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { FakeClock } from '../platform/clock.js';
import { startTestApp, type TestApp } from '../../test/app.testkit.js';
import { DIALECTS } from '../../test/databases.js';
import { SearchStore, spansOf } from './search.store.js';

const NOW = new Date('2026-11-20T12:00:00Z').getTime();
const DAY = 86_400_000;
/** One plate's reads, in days before NOW: the same day twice, adjacent days, and across a year. */
const DAYS_AGO = [0.2, 0.3, 1.2, 2.2, 40, 200, 390];

describe('spansOf', () => {
  it('joins adjacent days, newest first, and clips the ends to the range', () => {
    expect(spansOf([12, 11, 9], undefined, 13 * DAY)).toEqual([
      { from: 11 * DAY, to: 13 * DAY },
      { from: 9 * DAY, to: 10 * DAY },
    ]);
    expect(spansOf([12, 11, 9], 9 * DAY + 5, 12 * DAY + 7)).toEqual([
      { from: 11 * DAY, to: 12 * DAY + 7 },
      { from: 9 * DAY + 5, to: 10 * DAY },
    ]);
    expect(spansOf([], undefined, Infinity)).toEqual([]);
  });
});

describe.each(DIALECTS)('plate lookups over reads written directly, on %s', (dialect) => {
  let t: TestApp;
  let store: SearchStore;
  let plate: number;
  let other: number;
  const reads: { id: string; capturedAt: number }[] = [];

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock: new FakeClock(new Date(NOW)) });
    const camera = await t.registerCamera({ name: 'Gate', kind: 'fixed' });
    const db = t.app.database.db;
    const inserted = await db.insertInto('plates').values([{ plate: 'QX00001', region: 'CA' }, { plate: 'QX00002', region: 'CA' }]).returning('id').execute();
    [plate, other] = inserted.map((row) => Number(row.id)) as [number, number];
    for (const ago of DAYS_AGO) reads.push({ id: uuidv7(), capturedAt: Math.round(NOW - ago * DAY) });
    await db
      .insertInto('reads')
      .values(
        reads.map((read) => ({
          ...read,
          cameraId: camera.id,
          plateId: plate,
          plateRaw: 'QX00001',
          regionRaw: 'CA',
          plateCheck: 'standard',
          confidence: 0.9,
          receivedAt: read.capturedAt,
          lat: null,
          lon: null,
          heading: null,
          vehicleMake: null,
          vehicleModel: null,
          vehicleColor: null,
          vehicleBody: null,
          plateImage: null,
          vehicleImage: null,
          vendorData: null,
        })),
      )
      .execute();
    store = new SearchStore(db);
  });
  afterAll(async () => t?.cleanup());

  const idsOf = async (plateId: number, limit = 50) => (await store.readsOfPlates([plateId], {}, undefined, limit)).map((row) => row.id);
  const newestFirst = () => [...reads].sort((a, b) => b.capturedAt - a.capturedAt).map((read) => read.id);

  it('finds every read of a plate, newest first, whole and in pages of one', async () => {
    expect(await idsOf(plate)).toEqual(newestFirst());
    const paged: string[] = [];
    for (;;) {
      const last = paged.length ? reads.find((read) => read.id === paged.at(-1)) : undefined;
      const [row] = await store.readsOfPlates([plate], {}, last ? { t: last.capturedAt, id: last.id } : undefined, 1);
      if (!row) break;
      paged.push(row.id);
    }
    expect(paged).toEqual(newestFirst());
  });

  it('keeps to a time range', async () => {
    const rows = await store.readsOfPlates([plate], { from: NOW - 100 * DAY, to: NOW - DAY }, undefined, 50);
    expect(rows.map((row) => row.id)).toEqual(newestFirst().filter((id) => [1.2, 2.2, 40].includes(DAYS_AGO[reads.findIndex((read) => read.id === id)]!)));
  });

  it('follows a read moved to another plate, and a deleted read leaves no gap', async () => {
    const db = t.app.database.db;
    const moved = reads[5]!; // 200 days ago
    const deleted = reads[4]!; // 40 days ago
    await db.updateTable('reads').set({ plateId: other }).where('id', '=', moved.id).execute();
    await db.deleteFrom('reads').where('id', '=', deleted.id).execute();
    expect(await idsOf(other)).toEqual([moved.id]);
    expect(await idsOf(plate)).toEqual(newestFirst().filter((id) => id !== moved.id && id !== deleted.id));
    expect(await store.readsOfPlates([plate, other], {}, undefined, 50)).toHaveLength(reads.length - 1);
  });
});
