// The demo hot list (issue 5's demo path): created once from the demo network's regular vehicles,
// imported like a CA DOJ feed, left undesignated until the Administrator chooses it (R5); once
// designated, a demo read of one of its plates is a hit.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.testkit.js';
import { DIALECTS } from '../../test/databases.js';
import { SYSTEM_ACTOR } from '../audit/access-log.js';
import { DEMO_FEED_FILE, DEMO_HOT_LIST_NAME, ensureDemoHotList } from './demo-hotlist.js';
import { createDemoFeed } from './feed.js';

describe.each(DIALECTS)('demo hot list on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(dialect);
  });
  afterAll(() => t?.cleanup());

  it('is created once from recurring demo vehicles, waits for designation, then hits their reads', async () => {
    const feed = createDemoFeed({ now: () => t.app.clock.now(), submit: async () => undefined });
    const feedDir = mkdtempSync(join(tmpdir(), 'pk-demo-feed-'));
    expect(await ensureDemoHotList(t.app.hotlists, feedDir, (n) => feed.regulars(n), t.app.clock.now())).toBe('created');
    expect(await ensureDemoHotList(t.app.hotlists, feedDir, (n) => feed.regulars(n), t.app.clock.now())).toBe('exists');

    const list = (await t.app.hotlists.lists()).find((l) => l.name === DEMO_HOT_LIST_NAME)!;
    expect(list).toMatchObject({ source: 'ca_doj', dataSource: 'state', active: false, activeEntries: 12, stale: false });
    expect(readFileSync(join(feedDir, DEMO_FEED_FILE), 'utf8').trim().split('\n')).toHaveLength(13);

    const [vehicle] = feed.regulars(1);
    const read = { plate: vehicle!.plate, region: vehicle!.state };
    expect(t.app.hotlists.match(read)).toEqual([]); // not designated yet (R5)
    await t.app.hotlists.designate(SYSTEM_ACTOR, list.id, true);
    await t.app.hotlists.idle();
    await t.app.hotlists.matcherIdle();
    expect(t.app.hotlists.match(read).map((hit) => [hit.kind, hit.entry.listId])).toEqual([['exact', list.id]]);
  });
});
