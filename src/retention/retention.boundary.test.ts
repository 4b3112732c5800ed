// Each shipped profile's read retention at and around the boundary, with a fake clock, on both
// databases (R30; invariant 5). The rule (retention.rules.ts): a read captured on UTC day D and kept
// N days is kept through the end of day D+N and purged from 00:00 UTC on day D+N+1.
import { afterEach, describe, expect, it } from 'vitest';
import { DAY } from '../platform/clock.js';
import { DIALECTS } from '../../test/databases.js';
import { SYSTEM_ACTOR } from '../audit/access-log.js';
import { retentionKit, type RetentionKit } from './retention.testkit.js';
import { dueAt, retentionCutoff, startOfUtcDay } from './retention.rules.js';

const PROFILES = [
  // profile, fixed maxDays, mobile maxDays (from the YAML; the test reads them too)
  ['imperial-county-so', 730, 730],
  ['el-cajon-pd', 30, 30],
  ['la-port-police', 1825, 1825],
  ['los-altos-pd', 30, 365],
  ['ca-doj-template', 180, 180],
] as const;

describe('retention rules (pure)', () => {
  it('cuts at 00:00 UTC, N days before today', () => {
    const now = Date.parse('2026-04-01T00:00:00.000Z');
    expect(new Date(retentionCutoff(now, 30)).toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(new Date(retentionCutoff(now - 1, 30)).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(new Date(dueAt(Date.parse('2026-03-01T15:00:00Z'), 30)).toISOString()).toBe('2026-04-01T00:00:00.000Z');
    expect(startOfUtcDay(Date.parse('2026-03-01T23:59:59.999Z'))).toBe(Date.parse('2026-03-01T00:00:00Z'));
  });
});

describe.each(DIALECTS)('read retention at the boundary, every profile (%s)', (dialect) => {
  let kit: RetentionKit | undefined;
  afterEach(async () => {
    await kit?.cleanup();
    kit = undefined;
  });

  it.each(PROFILES)('%s: fixed %i days, mobile %i days', async (profile, fixedDays, mobileDays) => {
    kit = await retentionKit(dialect, profile);
    expect(kit.profile.retention.fixedReads.maxDays).toBe(fixedDays);
    expect(kit.profile.retention.mobileReads.maxDays).toBe(mobileDays);
    const day = Date.parse('2024-01-10T00:00:00.000Z'); // day D
    const cams = { fixed: await kit.camera('fixed'), mobile: await kit.camera('mobile') };
    for (const [kind, days] of [['fixed', fixedDays], ['mobile', mobileDays]] as const) {
      const first = await kit.read(cams[kind], day); // 00:00:00.000 on D
      const last = await kit.read(cams[kind], day + DAY - 1); // 23:59:59.999 on D
      const next = await kit.read(cams[kind], day + DAY); // 00:00 on D+1

      // Last instant of day D+N: nothing of day D goes.
      kit.clock.set(new Date(day + (days + 1) * DAY - 1));
      let run = await kit.room.purge.run({ trigger: 'cli', actor: SYSTEM_ACTOR });
      expect(run.outcome).toBe('ok');
      let ids = await kit.readIds();
      expect(ids).toEqual(expect.arrayContaining([first, last, next]));

      // 00:00 UTC on day D+N+1: both reads of day D go, the read of D+1 stays.
      kit.clock.set(new Date(day + (days + 1) * DAY));
      run = await kit.room.purge.run({ trigger: 'cli', actor: SYSTEM_ACTOR });
      ids = await kit.readIds();
      expect(ids).not.toContain(first);
      expect(ids).not.toContain(last);
      expect(ids).toContain(next);
      const className = kind === 'fixed' ? 'fixedReads' : 'mobileReads';
      const result = run.classes.find((c) => c.className === className)!;
      expect(result.deleted).toBe(2);
      expect(result.oldestRemaining).toBe(day + DAY);

      // The other kind's reads of day D are untouched when its retention is longer.
      const otherKind = kind === 'fixed' ? 'mobile' : 'fixed';
      const otherDays = kind === 'fixed' ? mobileDays : fixedDays;
      if (otherDays > days) expect(run.classes.find((c) => c.className === (otherKind === 'fixed' ? 'fixedReads' : 'mobileReads'))!.deleted).toBe(0);
      // reset for the next kind
      kit.clock.set('2026-06-15T12:00:00Z');
      await kit.database.handle.db.deleteFrom('reads').execute();
    }
  });
});
