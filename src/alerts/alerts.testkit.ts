// A hit source for tests, built from the real matcher over in-test entries (the hot-list room's
// service provides the same two methods), and helpers to raise alerts through ingest.
import type { TestApp } from '../../test/app.testkit.js';
import { makeRead } from '../../test/reads.fixtures.js';
import { buildMatcher, type HotListEntry } from '../hotlists/matcher.js';
import type { HitSource, ListInfo } from './alerts.types.js';

export const LISTS: Record<string, ListInfo> = {
  ncic: { id: 'list-ncic-sv', name: 'NCIC stolen vehicles', priority: 0, source: 'NCIC', dataSource: 'federal', lastUpdatedAt: Date.parse('2026-11-23T04:00:00Z') },
  doj: { id: 'list-doj-svs', name: 'CA DOJ stolen vehicles', priority: 1, source: 'CA DOJ', dataSource: 'state', lastUpdatedAt: Date.parse('2026-11-22T23:00:00Z') },
  agency: { id: 'list-agency', name: 'Agency hot list', priority: 2, source: 'agency', dataSource: 'agency', lastUpdatedAt: null },
};

export const ENTRIES: HotListEntry[] = [
  { id: 'e-ncic-1', listId: LISTS.ncic!.id, priority: 0, category: 'stolen_vehicle', reason: 'NCIC SV: stolen 2026-11-01, SDPD', plate: '8ABC123', state: 'CA', vehicle: { make: 'Toyota', color: 'white' } },
  { id: 'e-doj-1', listId: LISTS.doj!.id, priority: 1, category: 'stolen_plate', reason: 'SVS stolen plate', plate: '7XYZ555', state: 'CA' },
  { id: 'e-agency-1', listId: LISTS.agency!.id, priority: 2, category: 'felony_vehicle', reason: 'Robbery suspect vehicle, case 26-1001', plate: '5DEF999' },
];

export function testHitSource(entries: readonly HotListEntry[] = ENTRIES, lists: Record<string, ListInfo> = LISTS): HitSource {
  const matcher = buildMatcher(entries);
  const byId = new Map(Object.values(lists).map((list) => [list.id, list]));
  return { match: (read) => matcher.match(read), listInfo: (id) => byId.get(id) };
}

/** Sends reads from a camera and waits until their alerts are raised and published. */
export async function sendReads(t: TestApp, key: string, reads: Record<string, unknown>[]): Promise<void> {
  const response = await t.app.http.inject({ method: 'POST', url: '/api/v1/ingest/reads', headers: { authorization: `Bearer ${key}` }, payload: { reads } });
  if (response.statusCode !== 200) throw new Error(`ingest: ${response.statusCode} ${response.body}`);
  await t.settle();
}

export const hitRead = (plate: string, overrides: Record<string, unknown> = {}, at?: Date) => makeRead({ plate, ...overrides }, at);

export async function alertSeqs(t: TestApp): Promise<number[]> {
  return (await t.app.database.db.selectFrom('alerts').select('seq').orderBy('seq').execute()).map((row) => Number(row.seq));
}
