// Misuse signals on both backends (R22, R29): each rule fires on a planted pattern and stays quiet
// on normal use; flags are resolved with a note that goes to the access log.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.js';
import { DAY, FakeClock, HOUR, MINUTE } from '../platform/clock.js';
import { newId } from '../platform/ids.js';
import { AccessLog } from './access-log.js';
import { contains } from './misuse.geometry.js';
import { MISUSE_RULES } from './misuse.rules.js';
import { MisuseService } from './misuse.service.js';

const admin = { userId: 'u-admin', username: 'admin' };

describe('geometry', () => {
  it('knows inside from outside for circles and polygons', () => {
    const circle = { shape: 'circle' as const, centerLat: 32.7948, centerLon: -116.9625, radiusM: 100 };
    expect(contains(circle, 32.7952, -116.9625)).toBe(true); // ~45 m north
    expect(contains(circle, 32.797, -116.9625)).toBe(false); // ~245 m north
    const square = { shape: 'polygon' as const, polygon: [[32.79, -116.97], [32.79, -116.96], [32.8, -116.96], [32.8, -116.97]] as [number, number][] };
    expect(contains(square, 32.795, -116.965)).toBe(true);
    expect(contains(square, 32.805, -116.965)).toBe(false);
  });

  it('names the clause each rule protects', () => {
    for (const rule of MISUSE_RULES) expect(rule.text).toMatch(/Protects .*R\d+/);
  });
});

describe.each(DIALECTS)('misuse rules on %s', (dialect) => {
  let t: TestDatabase;
  let clock: FakeClock;
  let log: AccessLog;
  let misuse: MisuseService;
  const search = (username: string, plate: string, caseNumber: string | null = '26-0001', reason = 'Stolen vehicle report 26-0001', device = 'workstation-1') =>
    log.recordAccess({ actor: { userId: `id-${username}`, username }, purpose: { caseNumber, category: 'investigation', reason }, action: 'search.plate', dataElements: { plate }, resultCount: 1, clientAddress: '10.0.0.5', device });
  const signIn = (username: string, device: string) => log.recordAuth({ action: 'auth.sign_in', username, userId: `id-${username}`, clientAddress: '10.0.0.5', device });
  const rulesFired = async () => {
    await misuse.scan();
    return (await misuse.flags(undefined)).map((f) => f.rule).sort();
  };

  /** Normal use: two investigators searching a few plates each in office hours, each plate under its own case. */
  async function normalWeekdays(days: number) {
    for (let d = 0; d < days; d += 1) {
      clock.set(new Date(Date.parse('2026-03-02T16:00:00Z') + d * DAY));
      for (let i = 0; i < 3; i += 1) {
        clock.advance(20 * MINUTE);
        await search('analyst.a', `A${d}X${i}`, `26-${1000 + d * 10 + i}`, `Burglary ${d}-${i}`);
        await search('analyst.b', `B${d}Y${i}`, `26-${5000 + d * 10 + i}`, `Robbery ${d}-${i}`);
      }
    }
  }

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    clock = new FakeClock('2026-03-01T16:00:00Z');
    log = new AccessLog(t.handle, clock, { organization: 'El Cajon PD' });
    misuse = new MisuseService(t.handle.db, clock, log, { batchSize: 50 });
  });
  afterEach(async () => t?.cleanup());

  it('stays quiet on normal use', async () => {
    await signIn('analyst.a', 'workstation-1');
    await normalWeekdays(12);
    await signIn('analyst.a', 'workstation-1');
    // One case, one plate, searched three times: follow-up, not misuse.
    for (let i = 0; i < 3; i += 1) await search('analyst.a', '7XYZ123', '26-0777', 'Hit and run 26-0777');
    expect(await rulesFired()).toEqual([]);
    expect((await misuse.scan()).scanned).toBe(0); // nothing new
  });

  it('flags the same plate searched under different or no cases', async () => {
    await normalWeekdays(2);
    await search('analyst.a', '5EXP123', '26-0100', 'Stolen car 26-0100');
    clock.advance(DAY);
    await search('analyst.a', '5EXP123', '26-0200', 'Vandalism 26-0200');
    clock.advance(DAY);
    await search('analyst.a', '5EXP123', null, 'Follow-up');
    const flags = (await (async () => (await misuse.scan(), misuse.flags('open')))());
    expect(flags.map((f) => f.rule)).toEqual(['repeated_plate']);
    expect(flags[0]!.reason).toBe('Plate 5EXP123 searched 3 times in 30 days under 2 different case numbers and once with none.');
    expect(flags[0]!.ruleText).toContain('1798.90.51');
    expect(flags[0]!.entry?.purposeReason).toBe('Follow-up');
  });

  it('flags searches in bulk, once per burst', async () => {
    await normalWeekdays(1);
    for (let i = 0; i < 40; i += 1) {
      clock.advance(10_000);
      await search('analyst.b', `BULK${i}`, `26-9${String(i).padStart(3, '0')}`, `Sweep ${i}`);
    }
    expect(await rulesFired()).toEqual(['bulk_searches']);
  });

  it('flags a search outside the user\'s usual hours', async () => {
    await normalWeekdays(10); // 16:00–17:00 UTC every day
    clock.set(new Date(Date.parse('2026-03-12T03:10:00Z')));
    await search('analyst.a', 'NIGHT1', '26-4444', 'Assault 26-4444');
    const flags = (await misuse.scan(), await misuse.flags('open'));
    expect(flags.map((f) => [f.rule, f.actorUsername])).toEqual([['off_hours', 'analyst.a']]);
    expect(flags[0]!.reason).toContain('03:00 UTC');
  });

  it('flags one purpose reused across many unrelated plates', async () => {
    await normalWeekdays(1);
    for (let i = 0; i < 9; i += 1) {
      clock.advance(2 * HOUR);
      await search('analyst.a', `REUSE${i}`, '26-0001', 'Investigation');
    }
    expect(await rulesFired()).toEqual(['purpose_reused']);
  });

  it('flags a search for a vehicle read inside a sensitive place, not outside it', async () => {
    await misuse.createGeofence(admin, { name: 'St. Mary\'s Church', kind: 'place_of_worship', shape: { shape: 'circle', centerLat: 32.7948, centerLon: -116.9625, radiusM: 150 } }, { clientAddress: null, device: null });
    await expect(misuse.createGeofence(admin, { name: 'Bad', kind: 'other', shape: { shape: 'polygon', polygon: [[1, 2], [3, 4]] } }, { clientAddress: null, device: null })).rejects.toMatchObject({ id: 'invalid_geofence' });
    const db = t.handle.db;
    const now = clock.now().getTime();
    await db.insertInto('cameras').values({ id: 'cam-1', name: 'Main St', kind: 'fixed', status: 'active', lat: 32.79, lon: -116.96, direction: null, placement: 'public_view', courtOrderRef: null, attestedBy: 'admin', attestedAt: now, notes: null, createdAt: now, updatedAt: now, lastSeenAt: null, lastRejection: null, lastRejectionAt: null }).execute();
    const plate = async (text: string) => Number((await db.insertInto('plates').values({ plate: text, region: 'us-ca' }).returning('id').executeTakeFirstOrThrow()).id);
    const read = async (plateId: number, plateRaw: string, lat: number, lon: number) =>
      db.insertInto('reads').values({ id: newId(), cameraId: 'cam-1', plateId, plateRaw, regionRaw: null, plateCheck: 'standard', confidence: 0.9, capturedAt: now - 5 * DAY, receivedAt: now - 5 * DAY, lat, lon, heading: null, vehicleMake: null, vehicleModel: null, vehicleColor: null, vehicleBody: null, plateImage: null, vehicleImage: null, vendorData: null }).execute();
    await read(await plate('CHURCH1'), 'CHURCH1', 32.7950, -116.9626);
    await read(await plate('STREET1'), 'STREET1', 32.8100, -116.9800);
    await search('analyst.a', 'STREET1', '26-0300', 'Theft 26-0300');
    await search('analyst.a', 'CHURCH1', '26-0301', 'Theft 26-0301');
    const flags = (await misuse.scan(), await misuse.flags('open'));
    expect(flags.map((f) => f.rule)).toEqual(['sensitive_place']);
    expect(flags[0]!.reason).toContain('CHURCH1 was read at St. Mary\'s Church');
  });

  it('flags a sign-in from a new device, not the first sign-in or a known device, and resolves with a note in the log', async () => {
    await signIn('analyst.a', 'workstation-1');
    await signIn('analyst.a', 'workstation-1');
    await misuse.scan();
    await signIn('analyst.a', 'home-laptop');
    await signIn('analyst.b', 'workstation-2');
    const flags = (await misuse.scan(), await misuse.flags('open'));
    expect(flags.map((f) => [f.rule, f.actorUsername])).toEqual([['new_device', 'analyst.a']]);
    await expect(misuse.resolve(admin, flags[0]!.id, 'ok', { clientAddress: null, device: null })).rejects.toMatchObject({ id: 'resolution_note_required' });
    const resolved = await misuse.resolve(admin, flags[0]!.id, 'Confirmed with the analyst: new agency laptop', { clientAddress: null, device: null });
    expect(resolved).toMatchObject({ status: 'resolved', resolvedBy: 'admin' });
    await expect(misuse.resolve(admin, flags[0]!.id, 'again and again', { clientAddress: null, device: null })).rejects.toMatchObject({ id: 'flag_already_resolved' });
    expect(await misuse.flags('open')).toEqual([]);
    const logged = await log.query({ actionPrefix: 'misuse.resolve' }, { limit: 5 });
    expect(logged.entries[0]).toMatchObject({ category: 'admin_change', afterValue: { status: 'resolved', note: 'Confirmed with the analyst: new agency laptop' } });
  });
});
