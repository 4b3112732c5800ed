// A known store for the transparency tests (unit and Chromium): cameras, reads, searches and a
// signed audit, with the exact counts the page must show.
import { sql } from 'kysely';
import type { TestApp } from '../../test/app.testkit.js';
import { makeRead } from '../../test/reads.fixtures.js';
import { DAY, MINUTE, type FakeClock } from '../platform/clock.js';

export const PLATES = ['7QRS101', '7QRS202', '7QRS303', '7QRS404'];

export async function seedKnownStore(t: TestApp, clock: FakeClock): Promise<{ usernames: string[]; lastPurgeAt: number }> {
  const fixed1 = await t.registerCamera({ kind: 'fixed' });
  await t.registerCamera({ kind: 'fixed' });
  await t.registerCamera({ kind: 'mobile' });
  const now = clock.now().getTime();
  // Three reads in the last 30 days, and one older (sent when it was new: ingest refuses reads over 30 days old).
  const ingest = async (reads: Record<string, unknown>[]) => {
    const response = await t.app.http.inject({ method: 'POST', url: '/api/v1/ingest/reads', headers: { authorization: `Bearer ${fixed1.key}` }, payload: { reads } });
    if (response.statusCode >= 300) throw new Error(`ingest: ${response.body}`);
  };
  clock.set(new Date(now - 31 * DAY));
  await ingest([makeRead({ plate: PLATES[3] }, new Date(now - 31 * DAY - MINUTE))]);
  clock.set(new Date(now));
  await ingest([makeRead({ plate: PLATES[0] }, new Date(now - 2 * DAY)), makeRead({ plate: PLATES[1] }, new Date(now - 10 * DAY)), makeRead({ plate: PLATES[2] }, new Date(now - MINUTE))]);
  // Four searches by two people in the window, one by a third person 31 days ago, and non-inquiries.
  const search = (username: string, plate: string) =>
    t.app.accessLog.recordAccess({ actor: { userId: null, username }, purpose: { caseNumber: '26-000777', category: 'investigation', reason: 'Known store' }, action: 'search.plate', dataElements: { plate }, resultCount: 1, clientAddress: null, device: null });
  const usernames = ['zq.jones', 'zq.smith', 'zq.earlier', 'zq.auditor'];
  clock.set(new Date(now - 31 * DAY));
  await search('zq.earlier', PLATES[3]!);
  clock.set(new Date(now - 5 * DAY));
  await search('zq.jones', PLATES[0]!);
  await search('zq.jones', PLATES[1]!);
  await search('zq.smith', PLATES[1]!);
  await t.app.accessLog.recordAccess({ actor: { userId: null, username: 'zq.jones' }, purpose: { caseNumber: '26-000777', category: 'investigation', reason: 'Known store' }, action: 'alert.view', dataElements: { plate: PLATES[2] }, resultCount: 1, clientAddress: null, device: null });
  await t.app.accessLog.recordSystem({ userId: null, username: 'zq.auditor' }, 'audit.view', { dataElements: {}, resultCount: 0, clientAddress: null, device: null });
  clock.set(new Date(now));
  // One signed, compliant audit.
  const auditor = { userId: 'x', username: 'zq.auditor', displayName: 'Zed Auditor' };
  const origin = { clientAddress: null, device: null };
  const { audit, samples } = await t.app.audits.start(auditor, { kind: 'internal' }, origin, 'transparency-seed');
  for (const s of samples) await t.app.audits.decide(auditor, audit.id, s.position, { purposeSpecific: true, caseNumberReal: true, searchMatchedPurpose: true }, origin);
  await t.app.audits.sign(auditor, audit.id, { summary: 'All good.' }, origin);
  // Purges: a real one two days ago, then a dry run and a failed run (neither counts).
  const purge = (id: string, at: number, dryRun: number, outcome: string) =>
    sql`insert into purge_runs (id, started_at, finished_at, trigger, dry_run, actor, classes, total_deleted, notices, outcome) values (${id}, ${at - 1000}, ${at}, 'schedule', ${dryRun}, 'system', '[]', 0, 0, ${outcome})`.execute(t.app.database.db);
  await purge('p1', now - 2 * DAY, 0, 'ok');
  await purge('p2', now - DAY, 1, 'ok');
  await purge('p3', now - DAY / 2, 0, 'failed');
  return { usernames, lastPurgeAt: now - 2 * DAY };
}
