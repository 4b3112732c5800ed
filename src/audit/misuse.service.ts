// Misuse signals (R22, R29): scans the access log in order, a bounded batch at a time, runs the
// rules (misuse.rules.ts) and puts what they flag in the administrator's queue; a flag is resolved
// with a note, recorded in the access log. Also the geofences of sensitive places the rules watch.
import type { Clock } from '../platform/clock.js';
import { DAY } from '../platform/clock.js';
import { badRequest, conflict, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import type { AccessLogEntry, Actor, AuditRecorder, ClientOrigin } from './access-log.js';
import { DEFAULT_INQUIRY_ACTIONS, isInquiry, platesIn } from './audits.inquiries.js';
import { contains, shapeProblem, type Shape } from './misuse.geometry.js';
import { HISTORY_DAYS, MISUSE_RULES, MISUSE_THRESHOLDS, ruleById, type ScanEntry } from './misuse.rules.js';
import * as store from './misuse.store.js';
import type { FlagRow, GeofenceRow } from './misuse.store.js';

export const GEOFENCE_KINDS = ['place_of_worship', 'health_clinic', 'reproductive_health', 'protest', 'school', 'shelter', 'other'] as const;
export type GeofenceKind = (typeof GEOFENCE_KINDS)[number];

export interface GeofenceInput {
  name: string;
  kind: GeofenceKind;
  active?: boolean | undefined;
  shape: Shape;
}

export interface Geofence {
  id: string;
  name: string;
  kind: string;
  active: boolean;
  shape: Shape;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

export interface FlagView extends FlagRow {
  ruleTitle: string;
  ruleText: string;
  entry: AccessLogEntry | null;
}

export interface ScanSummary extends Record<string, number> {
  scanned: number;
  flagged: number;
  toSeq: number;
}

const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

function toShape(row: GeofenceRow): Shape {
  return row.shape === 'circle'
    ? { shape: 'circle', centerLat: Number(row.centerLat), centerLon: Number(row.centerLon), radiusM: Number(row.radiusM) }
    : { shape: 'polygon', polygon: JSON.parse(row.polygon ?? '[]') as [number, number][] };
}

const geofenceView = (row: GeofenceRow): Geofence => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
  active: row.active === 1,
  shape: toShape(row),
  createdBy: row.createdBy,
  createdAt: Number(row.createdAt),
  updatedAt: Number(row.updatedAt),
});

type Row = Awaited<ReturnType<typeof store.entriesAfter>>[number];

export class MisuseService {
  private readonly inquiryActions: readonly string[];

  constructor(
    private readonly db: store.Db,
    private readonly clock: Clock,
    private readonly log: Pick<AuditRecorder, 'recordChange' | 'recordSystem'>,
    options: { inquiryActions?: readonly string[]; batchSize?: number } = {},
  ) {
    this.inquiryActions = options.inquiryActions ?? DEFAULT_INQUIRY_ACTIONS;
    this.batchSize = options.batchSize ?? 500;
  }

  private readonly batchSize: number;

  private toScan(row: Row): ScanEntry {
    const dataElements = parse(row.dataElements) as Record<string, unknown> | null;
    return {
      seq: Number(row.seq),
      at: Number(row.at),
      category: row.category,
      action: row.action,
      actorUsername: row.actorUsername,
      purposeCase: row.purposeCase,
      purposeCategory: row.purposeCategory,
      purposeReason: row.purposeReason,
      device: row.device,
      clientAddress: row.clientAddress,
      plates: platesIn(dataElements),
      success: dataElements?.outcome !== 'failure',
      inquiry: isInquiry(row, this.inquiryActions),
    };
  }

  /** Scans new access-log entries, at most `maxBatches` batches (STYLE 9). */
  async scan(maxBatches = 20): Promise<ScanSummary> {
    let scanned = 0;
    let flagged = 0;
    let toSeq = await store.lastScannedSeq(this.db);
    for (let batchNo = 0; batchNo < maxBatches; batchNo += 1) {
      const rows = await store.entriesAfter(this.db, toSeq, this.batchSize);
      if (rows.length === 0) break;
      const batch = rows.map((row) => this.toScan(row)).filter((e) => e.inquiry || e.category === 'auth');
      const first = rows[0]!;
      const last = rows.at(-1)!;
      const hits = batch.length > 0 ? await this.evaluate(batch, Number(first.seq), Number(last.seq)) : [];
      const now = this.clock.now().getTime();
      const bySeq = new Map(batch.map((e) => [e.seq, e]));
      const added = await store.insertFlags(
        this.db,
        hits.map((hit) => ({ id: newId(), rule: hit.rule, entrySeq: hit.seq, actorUsername: bySeq.get(hit.seq)?.actorUsername ?? '', at: bySeq.get(hit.seq)?.at ?? now, reason: hit.reason, status: 'open' as const, createdAt: now, resolvedBy: null, resolvedAt: null, resolution: null })),
      );
      await store.insertScan(this.db, { id: newId(), fromSeq: Number(first.seq), toSeq: Number(last.seq), flags: added, ranAt: now });
      scanned += rows.length;
      flagged += added;
      toSeq = Number(last.seq);
      if (rows.length < this.batchSize) break;
    }
    return { scanned, flagged, toSeq };
  }

  private async evaluate(batch: ScanEntry[], firstSeq: number, lastSeq: number) {
    const minAt = Math.min(...batch.map((e) => e.at));
    const maxAt = Math.max(...batch.map((e) => e.at));
    const history = (await store.inquiriesBetween(this.db, minAt - HISTORY_DAYS * DAY, lastSeq, this.inquiryActions)).map((row) => this.toScan(row));
    const plates = [...new Set(batch.flatMap((e) => (e.inquiry ? e.plates : [])))];
    const sensitive = await this.sensitivePlates(plates, minAt - MISUSE_THRESHOLDS.sensitivePlace.lookbackDays * DAY, maxAt);
    const usernames = [...new Set(batch.filter((e) => e.category === 'auth').map((e) => e.actorUsername))];
    const knownDevices = new Map<string, Set<string>>();
    for (const row of await store.earlierSignIns(this.db, usernames, firstSeq)) {
      const set = knownDevices.get(row.actorUsername) ?? new Set<string>();
      set.add(row.device ?? row.clientAddress ?? '(unknown)');
      knownDevices.set(row.actorUsername, set);
    }
    const input = { batch, history, sensitive, knownDevices };
    return MISUSE_RULES.flatMap((rule) => rule.evaluate(input).map((hit) => ({ ...hit, rule: rule.id })));
  }

  private async sensitivePlates(plates: string[], from: number, to: number): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (plates.length === 0) return out;
    const fences = (await store.activeGeofences(this.db)).map((row) => ({ name: row.name, shape: toShape(row) }));
    if (fences.length === 0) return out;
    for (const read of await store.readPositions(this.db, plates, from, to)) {
      for (const fence of fences) {
        if (!contains(fence.shape, Number(read.lat), Number(read.lon))) continue;
        const names = out.get(read.plate) ?? [];
        if (!names.includes(fence.name)) names.push(fence.name);
        out.set(read.plate, names);
      }
    }
    return out;
  }

  async flags(status: FlagRow['status'] | undefined, limit = 200): Promise<FlagView[]> {
    const rows = await store.listFlags(this.db, status, limit);
    const entries = rows.length === 0 ? [] : await this.db.selectFrom('accessLog').selectAll().where('seq', 'in', rows.map((r) => Number(r.entrySeq))).execute();
    const bySeq = new Map(entries.map((e) => [Number(e.seq), { ...e, seq: Number(e.seq), at: Number(e.at), dataElements: parse(e.dataElements), beforeValue: parse(e.beforeValue), afterValue: parse(e.afterValue) }]));
    return rows.map((row) => {
      const rule = ruleById(row.rule);
      return { ...row, entrySeq: Number(row.entrySeq), at: Number(row.at), createdAt: Number(row.createdAt), resolvedAt: row.resolvedAt === null ? null : Number(row.resolvedAt), ruleTitle: rule?.title ?? row.rule, ruleText: rule?.text ?? '', entry: bySeq.get(Number(row.entrySeq)) ?? null };
    });
  }

  async recordQueueView(actor: Actor, origin: ClientOrigin, count: number): Promise<void> {
    await this.log.recordSystem(actor, 'misuse.view', { dataElements: {}, resultCount: count, ...origin });
  }

  /** Resolves a flag with the reviewer's note (R29), recorded in the access log. */
  async resolve(actor: Actor, id: string, note: string, origin: ClientOrigin): Promise<FlagRow> {
    const flag = await store.findFlag(this.db, id);
    if (!flag) throw notFound('misuse flag', id);
    if (flag.status !== 'open') throw conflict('flag_already_resolved', `This flag was resolved by ${flag.resolvedBy ?? 'someone'}.`);
    if (note.trim().length < 5) throw badRequest('resolution_note_required', 'Say what the review found (at least 5 characters).', 'note');
    const now = this.clock.now().getTime();
    const result = await store.updateFlag(this.db, id, { status: 'resolved', resolvedBy: actor.username, resolvedAt: now, resolution: note.trim() });
    if (Number(result.numUpdatedRows) === 0) throw conflict('flag_already_resolved', 'This flag was resolved meanwhile.');
    await this.log.recordChange(actor, 'misuse.resolve', { status: 'open' }, { status: 'resolved', note: note.trim() }, { ...origin, subject: { flagId: id, rule: flag.rule, entrySeq: Number(flag.entrySeq), user: flag.actorUsername } });
    return (await store.findFlag(this.db, id))!;
  }

  async geofences(): Promise<Geofence[]> {
    return (await store.listGeofences(this.db)).map(geofenceView);
  }

  private columns(shape: Shape) {
    const problem = shapeProblem(shape);
    if (problem) throw badRequest('invalid_geofence', problem.message, problem.field);
    return shape.shape === 'circle'
      ? { shape: 'circle' as const, centerLat: shape.centerLat, centerLon: shape.centerLon, radiusM: shape.radiusM, polygon: null }
      : { shape: 'polygon' as const, centerLat: null, centerLon: null, radiusM: null, polygon: JSON.stringify(shape.polygon) };
  }

  async createGeofence(actor: Actor, input: GeofenceInput, origin: ClientOrigin): Promise<Geofence> {
    const columns = this.columns(input.shape);
    const name = input.name.trim();
    if (!name) throw badRequest('name_required', 'Name the place.', 'name');
    const now = this.clock.now().getTime();
    const id = newId();
    await store.insertGeofence(this.db, { id, name, kind: input.kind, ...columns, active: input.active === false ? 0 : 1, createdBy: actor.username, createdAt: now, updatedAt: now });
    const created = geofenceView((await store.findGeofence(this.db, id))!);
    await this.log.recordChange(actor, 'geofence.create', null, created, { ...origin, subject: { geofenceId: id } });
    return created;
  }

  async updateGeofence(actor: Actor, id: string, input: GeofenceInput, origin: ClientOrigin): Promise<Geofence> {
    const before = await store.findGeofence(this.db, id);
    if (!before) throw notFound('geofence', id);
    const columns = this.columns(input.shape);
    const name = input.name.trim();
    if (!name) throw badRequest('name_required', 'Name the place.', 'name');
    await store.updateGeofence(this.db, id, { name, kind: input.kind, ...columns, active: input.active === false ? 0 : 1, updatedAt: this.clock.now().getTime() });
    const after = geofenceView((await store.findGeofence(this.db, id))!);
    await this.log.recordChange(actor, 'geofence.update', geofenceView(before), after, { ...origin, subject: { geofenceId: id } });
    return after;
  }

  async deleteGeofence(actor: Actor, id: string, origin: ClientOrigin): Promise<void> {
    const before = await store.findGeofence(this.db, id);
    if (!before) throw notFound('geofence', id);
    await store.deleteGeofence(this.db, id);
    await this.log.recordChange(actor, 'geofence.delete', geofenceView(before), null, { ...origin, subject: { geofenceId: id } });
  }
}
