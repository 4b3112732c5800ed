// Sampling audits on both backends (R26–R28): a seeded draw is reproducible, the sample comes only
// from the window, a redraw is refused or recorded, and the memorandum carries the findings.
import { inflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.js';
import { DAY, FakeClock, HOUR } from '../platform/clock.js';
import { loadProfile } from '../policy/index.js';
import { AccessLog } from './access-log.js';
import { AuditDueJob } from './audits.job.js';
import { memorandumHtml, memorandumModel, memorandumPdf } from './audits.memorandum.js';
import { drawSample } from './audits.sample.js';
import { AuditsService } from './audits.service.js';

const profile = loadProfile('el-cajon-pd');
const origin = { clientAddress: '10.0.0.9', device: 'vitest' };
const auditor = { userId: 'u-auditor', username: 'a.chen', displayName: 'Alex Chen' };
const chief = { userId: 'u-admin', username: 'admin', displayName: 'Administrator' };
const noUsers = { createUser: () => Promise.reject(new Error('not in this test')) };

/** Text drawn in an uncompressed (or Flate-compressed) pdfkit PDF: the hex strings of TJ operators, decoded. */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const streams = [...raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)].map((m) => {
    const body = Buffer.from(m[1]!, 'latin1');
    try {
      return inflateSync(body).toString('latin1');
    } catch {
      return body.toString('latin1');
    }
  });
  return streams
    .join('\n')
    .split(/\n/)
    .filter((line) => /TJ$/.test(line))
    .map((line) => [...line.matchAll(/<([0-9a-fA-F]+)>/g)].map((m) => Buffer.from(m[1]!, 'hex').toString('latin1')).join(''))
    .join(' ');
}

describe('the draw', () => {
  it('is the same for the same seed, whatever the order given, and differs for another seed', () => {
    const population = Array.from({ length: 200 }, (_, i) => i * 3 + 1);
    const a = drawSample('seed-1', population, 10);
    expect(drawSample('seed-1', [...population].reverse(), 10)).toEqual(a);
    expect(new Set(a).size).toBe(10);
    expect(a.every((seq) => population.includes(seq))).toBe(true);
    expect(drawSample('seed-2', population, 10)).not.toEqual(a);
    expect(drawSample('seed-1', [5, 6], 10).sort()).toEqual([5, 6]);
  });
});

describe.each(DIALECTS)('sampling audits on %s', (dialect) => {
  let t: TestDatabase;
  let clock: FakeClock;
  let log: AccessLog;
  let audits: AuditsService;
  const search = (username: string, plate: string, action = 'search.plate', caseNumber: string | null = '26-0001') =>
    log.recordAccess({ actor: { userId: `id-${username}`, username }, purpose: { caseNumber, category: 'investigation', reason: 'Stolen vehicle' }, action, dataElements: { plate }, resultCount: 1, ...origin });

  beforeEach(async () => {
    t = await createTestDatabase(dialect);
    clock = new FakeClock('2026-01-10T12:00:00Z');
    log = new AccessLog(t.handle, clock, { organization: 'El Cajon PD' });
    audits = new AuditsService(t.handle.db, clock, log, noUsers, { audits: profile.audits, agencyName: profile.agency.name });
  });
  afterEach(async () => t?.cleanup());

  /** Plants inquiries over time; returns the seqs inside the six months before `start`. */
  async function plant(start: number): Promise<{ inside: number[]; outside: number[] }> {
    const from = new Date(start);
    from.setUTCMonth(from.getUTCMonth() - 6);
    const inside: number[] = [];
    const outside: number[] = [];
    clock.set(new Date(from.getTime() - 1)); // one millisecond before the window
    outside.push((await search('early', 'OUT1')).seq);
    clock.set(from); // the window's first instant
    inside.push((await search('edge', 'EDGE1')).seq);
    for (let i = 0; i < 24; i += 1) {
      clock.advance(7 * DAY);
      inside.push((await search(`user${i % 4}`, `PL${i}`, i % 5 === 0 ? 'alert.view' : 'search.plate')).seq);
      await log.recordChange({ userId: null, username: 'admin' }, 'camera.update', null, { i }); // not an inquiry
      await log.recordAccess({ actor: { userId: null, username: 'x' }, purpose: { caseNumber: null, category: 'system', reason: '' }, action: 'image.thumbnail.cache', dataElements: {}, resultCount: null, ...origin }); // not an inquiry
    }
    clock.set(new Date(start));
    outside.push((await search('late', 'LATE1')).seq); // at the start instant: after the window
    return { inside, outside };
  }

  it('is due now without any audit, then a year after the last one (El Cajon: yearly)', async () => {
    const [due] = await audits.due();
    expect(due).toMatchObject({ kind: 'internal', everyMonths: 12, dueAt: clock.now().getTime(), lastStartedAt: null });
    expect((await audits.due()).some((d) => d.kind === 'outside')).toBe(false);
    await audits.start(auditor, { kind: 'internal' }, origin, 'seed');
    const [next] = await audits.due();
    expect(next!.dueAt).toBe(Date.parse('2027-01-10T12:00:00Z'));
    expect(next!.inProgressId).not.toBeNull();
  });

  it('draws a seeded sample of at least 10 from the window only, reproducibly', async () => {
    const start = Date.parse('2026-07-01T00:00:00Z');
    const { inside, outside } = await plant(start);
    clock.set(new Date(start));
    const first = await audits.start(auditor, { kind: 'internal' }, origin, 'fixed-seed-42');
    const sample = first.samples.map((s) => s.entry!.seq);
    expect(sample).toHaveLength(10);
    expect(first.audit.population).toBe(inside.length);
    expect(sample.every((seq) => inside.includes(seq))).toBe(true);
    expect(sample.some((seq) => outside.includes(seq))).toBe(false);
    expect(first.samples.every((s) => s.entry!.category === 'data_access')).toBe(true);
    expect(await audits.verifySample(first.audit.id)).toMatchObject({ ok: true });
    // The same seed over the same log draws the same sample again (an audit of another agency's copy would too).
    const again = new AuditsService(t.handle.db, clock, log, noUsers, { audits: profile.audits, agencyName: 'x' });
    expect((await again.verifySample(first.audit.id)).redrawn).toEqual(sample);
    // Entries written after the start do not change the recorded population.
    clock.advance(HOUR);
    await search('after', 'AFTER1');
    expect(await audits.verifySample(first.audit.id)).toMatchObject({ ok: true });
    // A second audit cannot start while this one is open.
    await expect(audits.start(auditor, { kind: 'internal' }, origin)).rejects.toMatchObject({ id: 'audit_in_progress' });
    await expect(audits.start(auditor, { kind: 'internal', sampleSize: 5 }, origin)).rejects.toMatchObject({ id: 'sample_too_small' });
  });

  it('records an overdue audit in the access log once per due date', async () => {
    const job = new AuditDueJob(audits, log);
    await audits.start(auditor, { kind: 'internal' }, origin, 'seed');
    expect(await job.perform(clock.now())).toEqual({ recorded: 0 }); // open audit: nothing overdue
    const detail = await audits.get((await audits.list())[0]!.id);
    for (const s of detail.samples) await audits.decide(auditor, detail.audit.id, s.position, { purposeSpecific: true, caseNumberReal: true, searchMatchedPurpose: true }, origin);
    await audits.sign(auditor, detail.audit.id, { summary: 'Nothing to sample.' }, origin);
    clock.advance(200 * DAY);
    expect(await job.perform(clock.now())).toEqual({ recorded: 0 }); // not yet due (yearly)
    clock.advance(200 * DAY);
    expect(await job.perform(clock.now())).toEqual({ recorded: 1 });
    clock.advance(HOUR);
    expect(await job.perform(clock.now())).toEqual({ recorded: 0 });
    const entries = await log.query({ actionPrefix: 'audits.overdue' }, { limit: 5 });
    expect(entries.entries).toHaveLength(1);
    expect(entries.entries[0]).toMatchObject({ category: 'system', action: 'audits.overdue.internal', dataElements: { dueAt: '2027-01-10T12:00:00.000Z' } });
  });

  it('takes every inquiry when the period holds fewer than the sample size, and says so', async () => {
    for (let i = 0; i < 3; i += 1) {
      clock.advance(DAY);
      await search('quiet', `Q${i}`);
    }
    clock.advance(DAY);
    const detail = await audits.start(auditor, { kind: 'internal' }, origin, 'small');
    expect(detail.samples).toHaveLength(3);
    expect(memorandumModel(detail, 'El Cajon PD').method).toContain('Only 3 inquiries were made in the period, fewer than the policy\'s sample of 10: all were checked.');
  });

  it('records a redraw with its reason, and refuses one once the review has begun', async () => {
    const start = Date.parse('2026-07-01T00:00:00Z');
    await plant(start);
    const audit = await audits.start(auditor, { kind: 'internal' }, origin, 'seed-a');
    await expect(audits.redraw(auditor, audit.audit.id, 'because', origin)).rejects.toMatchObject({ id: 'redraw_reason_required' });
    const redrawn = await audits.redraw(auditor, audit.audit.id, 'The first draw ran before the log import finished', origin, 'seed-b');
    expect(redrawn.audit).toMatchObject({ draws: 2, seed: 'seed-b' });
    const logged = await log.query({ actionPrefix: 'audits.redraw' }, { limit: 5 });
    expect(logged.entries).toHaveLength(1);
    expect(logged.entries[0]).toMatchObject({ purposeReason: 'The first draw ran before the log import finished', beforeValue: { seed: 'seed-a' }, afterValue: { seed: 'seed-b', draw: 2 } });
    await audits.decide(auditor, audit.audit.id, 0, { purposeSpecific: true, caseNumberReal: true, searchMatchedPurpose: true }, origin);
    await expect(audits.redraw(auditor, audit.audit.id, 'Trying to get a nicer sample now', origin)).rejects.toMatchObject({ id: 'sample_in_review' });
    expect((await audits.get(audit.audit.id)).audit.seed).toBe('seed-b');
  });

  it('signs once every inquiry is decided; the memorandum (HTML and PDF) carries the findings and data errors', async () => {
    const start = Date.parse('2026-07-01T00:00:00Z');
    await plant(start);
    const { audit, samples } = await audits.start(auditor, { kind: 'internal' }, origin, 'memo-seed');
    for (const s of samples.slice(0, 9)) await audits.decide(auditor, audit.id, s.position, { purposeSpecific: true, caseNumberReal: true, searchMatchedPurpose: true }, origin);
    await expect(audits.sign(auditor, audit.id, { summary: 'Done' }, origin)).rejects.toMatchObject({ id: 'audit_incomplete' });
    await audits.decide(auditor, audit.id, 9, { purposeSpecific: false, caseNumberReal: true, searchMatchedPurpose: false, notes: 'Purpose read "investigation" only', dataErrors: 'Read 7 has plate 8ABC128 for 8ABC123' }, origin);
    const signed = await audits.sign(auditor, audit.id, { summary: 'One inquiry lacked a specific purpose.', dataErrors: 'Camera 4 clock is 3 minutes slow' }, origin);
    expect(signed.audit).toMatchObject({ status: 'signed', outcome: 'findings', signedBy: 'Alex Chen (a.chen)', keepUntil: Date.parse('2029-07-01T00:00:00Z') });
    expect(signed.nonCompliant).toBe(1);
    await expect(audits.decide(auditor, audit.id, 0, { purposeSpecific: false, caseNumberReal: false, searchMatchedPurpose: false }, origin)).rejects.toMatchObject({ id: 'audit_closed' });
    await expect(audits.approve(auditor, audit.id, origin)).rejects.toMatchObject({ id: 'approver_is_auditor' });
    const approved = await audits.approve(chief, audit.id, origin);
    expect(approved.audit.status).toBe('approved');

    const model = memorandumModel(approved, profile.agency.name);
    const html = memorandumHtml(model);
    expect(html).toContain('<h1>Memorandum</h1>');
    expect(html).toContain('Chief of Police');
    expect(html).toContain('Purpose read &quot;investigation&quot; only');
    expect(html).toContain('Read 7 has plate 8ABC128 for 8ABC123');
    expect(html).toContain('Camera 4 clock is 3 minutes slow');
    expect(html).toContain('Alex Chen (a.chen), Support Bureau Captain');
    expect(html).toContain('Administrator (admin), for the Chief of Police');
    const text = pdfText(await memorandumPdf(model, { compress: false }));
    expect(text).toContain('MEMORANDUM');
    expect(text).toContain('the purpose was not specific');
    expect(text).toContain('the search did not match the purpose');
    expect(text).toContain('Read 7 has plate 8ABC128 for 8ABC123');
    expect(text).toContain('Findings: 1 of 10 inquiries did not meet the policy');
    expect(text).toContain('Filed with the Custodian of Records');
    // The compressed PDF the API serves holds the same text.
    expect(pdfText(await memorandumPdf(model))).toContain('the purpose was not specific');
  });
});
