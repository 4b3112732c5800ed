// The demo's hot list: a handful of the demo network's regular vehicles, so a new installation can
// see the whole path (read → hit → alert → verification) without real NCIC or CA DOJ data. It is a
// general list fed from a file in the hot-list feed folder, like a real CA DOJ download (R6), and it
// is NOT designated: the Administrator decides to use it, as for any list (R5). Its name says demo.
import { once } from 'node:events';
import { createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYSTEM_ACTOR } from '../audit/access-log.js';
import type { HotListsService } from '../hotlists/hotlists.service.js';
import type { DemoVehicle } from './vehicles.js';

export const DEMO_HOT_LIST_NAME = 'Demo: sample stolen vehicles (not real)';
export const DEMO_FEED_FILE = 'demo-stolen-vehicles.csv';
const ENTRIES = 12;

export type DemoHotLists = Pick<HotListsService, 'lists' | 'createList' | 'startImport'>;

/** The feed file a real CA DOJ download would leave: NCIC-style columns, one vehicle a row. */
export function demoFeedCsv(vehicles: readonly DemoVehicle[], now: Date): string {
  const entered = now.toISOString().slice(0, 10);
  const field = (value: string | number) => `"${String(value).replaceAll('"', '""')}"`;
  const rows = vehicles.map((v) => [v.plate, v.state, 'PC', 'Stolen vehicle (demo record, not real)', v.year, v.make, v.model, v.color, entered, 'CA0370000'].map(field).join(','));
  return ['plate,state,plate_type,reason,year,make,model,color,entry_date,originating_agency', ...rows].join('\n') + '\n';
}

/** Creates the demo list and imports its feed once; later starts leave it (and the Administrator's choices) alone. */
export async function ensureDemoHotList(hotlists: DemoHotLists, feedDir: string, regulars: (count: number) => DemoVehicle[], now: Date): Promise<'created' | 'exists'> {
  if ((await hotlists.lists()).some((list) => list.name === DEMO_HOT_LIST_NAME)) return 'exists';
  mkdirSync(feedDir, { recursive: true });
  const path = join(feedDir, DEMO_FEED_FILE);
  writeFileSync(path, demoFeedCsv(regulars(ENTRIES), now));
  const list = await hotlists.createList(SYSTEM_ACTOR, { name: DEMO_HOT_LIST_NAME, source: 'ca_doj', priority: 5, owner: 'Platekeeper demo', feedLocation: DEMO_FEED_FILE });
  const stream = createReadStream(path);
  await once(stream, 'open');
  const { done } = await hotlists.startImport(SYSTEM_ACTOR, list.id, stream, { trigger: 'scheduled', fileName: DEMO_FEED_FILE });
  await done;
  return 'created';
}
