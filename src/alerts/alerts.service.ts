// Alerts (issue 5; R9–R12, R20, R28): every stored read is matched against the hot lists; a hit
// becomes an alert row (once per read × entry), goes live to the officers who subscribed and may
// see its list's data source, and is worked through the verification workflow the server enforces
// (alerts.workflow.ts). Viewing, receiving or acting on an alert is an access: the gate is opened
// with the hit as the purpose (alerts.purpose.ts) and the access-log entry is written before the
// alert leaves the server (invariant 1).
import { recordAccess, type AccessContext, readThroughLog } from '../access/access-context.js';
import type { UserPrincipal } from '../access/access.service.js';
import type { PurposeGate } from '../access/purpose-gate.js';
import type { AuditRecorder, ClientOrigin } from '../audit/access-log.js';
import type { Hit } from '../hotlists/matcher.types.js';
import type { PreparedRead, StoredRead } from '../ingest/read-writer.js';
import { sniffType } from '../ingest/image.store.js';
import type { Clock } from '../platform/clock.js';
import { badRequest, forbidden, notFound } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import { hitPurposes } from './alerts.purpose.js';
import type { AlertViewT, VerifyInput } from './alerts.schemas.js';
import * as store from './alerts.store.js';
import { ConnectionSet, wants, type Connection, type StreamSink } from './alerts.stream.js';
import { NO_HITS, type Disposition, type EnforcementAction, type ConfirmMethod, type HitSource, type StepName } from './alerts.types.js';
import { toView, verifyFields, type StoredEntry, type StoredMatch } from './alerts.view.js';
import { refusal, stateOf, type AlertPolicy } from './alerts.workflow.js';

export interface AlertsDeps {
  db: store.Db;
  clock: Clock;
  policy: AlertPolicy;
  /** The profile's recognition.confidenceThreshold: reads scored below it are shown as needing verification (R10). */
  verifyBelow: number;
  gate: Pick<PurposeGate, 'open' | 'check' | 'eligibility'>;
  audit: Pick<AuditRecorder, 'recordChange'>;
  images: { get(sha256: string): Promise<Buffer> };
  /** A camera's name for the alert screen (the cameras room's service). */
  cameraName(id: string): Promise<string>;
  /** Cameras to offer on the subscription page. */
  cameraChoices(): Promise<{ id: string; name: string }[]>;
  logger: Pick<Logger, 'error' | 'warn'>;
}

export type StepInput =
  | { step: 'acknowledge' }
  | { step: 'confirm'; method: ConfirmMethod; result: 'active' | 'not_active'; reference?: string }
  | { step: 'exigency'; justification: string }
  | { step: 'verify'; input: VerifyInput }
  | { step: 'action'; action: EnforcementAction; notes?: string }
  | { step: 'disposition'; disposition: Disposition; notes?: string };

/** How far back a fresh stream (no Last-Event-ID) starts: the open alerts of the last shift. */
const FRESH_WINDOW_MS = 12 * 3_600_000;
const REPLAY_PAGE = 500;

export class AlertsService {
  private source: HitSource;
  private pending: StoredRead[] = [];
  private running: Promise<void> | undefined;
  private readonly connections = new ConnectionSet();
  private readonly names = new Map<string, { name: string; at: number }>();
  private insert: typeof store.insertAlerts = store.insertAlerts;
  /** Cluster API nodes: the last alert this node handed to its connections (deliverCommitted). */
  private delivered: number | undefined;
  private catchingUp: Promise<void> | undefined;
  private catchUpAgain = false;
  private readonly stepListeners: ((seq: number) => void)[] = [];

  constructor(
    private readonly deps: AlertsDeps,
    source: HitSource = NO_HITS,
  ) {
    this.source = source;
  }

  /** Swaps the hit source (the composition root wires the hot-list service here). */
  useHitSource(source: HitSource): void {
    this.source = source;
  }

  /** Swaps how alert rows are inserted (a cluster matcher inserts them in number order across processes: src/cluster). */
  useAlertInserter(insert: typeof store.insertAlerts): void {
    this.insert = insert;
  }

  get policy(): AlertPolicy {
    return this.deps.policy;
  }

  // ── Raising alerts ─────────────────────────────────────────────────────────────────────────

  /** The 'reads.stored' listener: queues the reads and returns at once; never throws (ingest must not wait or fail). */
  onReadsStored(reads: readonly StoredRead[]): void {
    this.pending.push(...reads);
    this.running ??= this.drain();
  }

  /** Resolves once every read handed in so far is matched and its alerts published. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const reads = this.pending;
        this.pending = [];
        try {
          const raised = await this.raise(reads);
          if (raised.length) this.publish(raised);
        } catch (error) {
          this.deps.logger.error({ err: error }, 'alerts: matching stored reads failed; ingest is unaffected');
        }
      }
    } finally {
      this.running = undefined;
    }
  }

  /**
   * Cluster matcher: matches reads and stores their alerts now, returning the new rows (a read × entry
   * already alerted adds none). Throws when storing fails, so the caller can retry the reads.
   */
  raiseNow(reads: readonly PreparedRead[]): Promise<store.AlertRow[]> {
    return this.raise(reads);
  }

  /**
   * Cluster API nodes: hands this node's connections every alert committed (by any matcher) since the
   * last one it handed them, in number order. Called when a matcher announces alerts, and on a timer.
   */
  deliverCommitted(): Promise<void> {
    // The first call (at the node's start) only notes where the stream of alerts stands.
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return this.catchingUp;
    }
    this.catchingUp = (async () => {
      try {
        do {
          this.catchUpAgain = false;
          this.delivered ??= await this.lastSeq();
          for (;;) {
            const rows = await store.alertsAfter(this.deps.db, this.delivered, REPLAY_PAGE);
            if (rows.length === 0) break;
            this.delivered = rows[rows.length - 1]!.seq;
            this.publish(rows);
            if (rows.length < REPLAY_PAGE) break;
          }
        } while (this.catchUpAgain);
      } finally {
        this.catchingUp = undefined;
      }
    })();
    return this.catchingUp;
  }

  /** Calls `listener` after every workflow step recorded here (a cluster tells its other API nodes: src/cluster). */
  onStep(listener: (seq: number) => void): void {
    this.stepListeners.push(listener);
  }

  /** Cluster API nodes: tells this node's connections that another node recorded a step on alert `seq`. */
  async announceStep(seq: number): Promise<void> {
    const row = await store.alertBySeq(this.deps.db, seq);
    if (row) this.announce(row, await this.viewOf(row));
  }

  private async lastSeq(): Promise<number> {
    const row = await this.deps.db.selectFrom('alerts').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
    return Number(row?.seq ?? 0);
  }

  private async raise(reads: readonly PreparedRead[]): Promise<store.AlertRow[]> {
    const now = this.deps.clock.now().getTime();
    const rows: store.NewAlertRow[] = [];
    for (const read of reads) {
      let hits: readonly Hit[];
      try {
        hits = this.source.match({ plate: read.plate, region: read.region, vehicle: { make: read.vehicleMake, model: read.vehicleModel, color: read.vehicleColor, bodyType: read.vehicleBody } });
      } catch (error) {
        this.deps.logger.error({ err: error, readId: read.id }, 'alerts: the hit source failed on a read');
        continue;
      }
      for (const hit of hits) {
        const list = this.source.listInfo(hit.entry.listId);
        if (!list) {
          this.deps.logger.warn({ listId: hit.entry.listId }, 'alerts: a hit on a list the hot-list room no longer knows; skipped');
          continue;
        }
        const entry: StoredEntry = { plate: hit.entry.plate ?? null, state: hit.entry.state ?? null, pattern: hit.entry.pattern ?? null, reason: hit.entry.reason ?? null, vehicle: hit.entry.vehicle ?? {} };
        const match: StoredMatch = { strength: hit.strength, confused: hit.confused ? { ...hit.confused } : null, agreed: [...(hit.agreed ?? [])] };
        rows.push({
          readId: read.id,
          entryId: hit.entry.id,
          listId: list.id,
          listName: list.name,
          listSource: list.source,
          dataSource: list.dataSource,
          priority: list.priority,
          listUpdatedAt: list.lastUpdatedAt,
          category: hit.entry.category,
          entry: JSON.stringify(entry),
          matchKind: hit.kind,
          stateCheck: hit.state,
          match: JSON.stringify(match),
          plate: read.plate,
          region: read.region,
          cameraId: read.cameraId,
          capturedAt: read.capturedAt,
          lat: read.lat,
          lon: read.lon,
          confidence: read.confidence,
          vehicle: JSON.stringify({ make: read.vehicleMake, model: read.vehicleModel, color: read.vehicleColor, bodyType: read.vehicleBody }),
          plateImage: read.plateImage,
          vehicleImage: read.vehicleImage,
          createdAt: now,
          status: 'open',
          disposition: null,
          correctedPlate: null,
          closedAt: null,
        });
      }
    }
    if (rows.length === 0) return [];
    const inserted = await this.insert(this.deps.db, rows);
    return store.alertsBySeq(this.deps.db, inserted.map((row) => row.seq));
  }

  // ── The live stream ────────────────────────────────────────────────────────────────────────

  /**
   * Connects a user to the live stream. `since` (Last-Event-ID) replays every alert after it that
   * the user subscribed to and may see; without it the stream starts with the open alerts of the
   * last 12 hours. Refuses a user the gate would refuse. Returns the disconnect function.
   */
  async connect(principal: UserPrincipal, origin: ClientOrigin, since: number | undefined, sink: StreamSink): Promise<() => void> {
    const eligible = await this.deps.gate.eligibility(principal);
    if (!eligible.ok) throw forbidden(eligible.refusal.id, eligible.refusal.message);
    const sub = await store.subscriptionOf(this.deps.db, principal.userId);
    const conn = this.connections.add({
      principal,
      origin,
      dataSources: new Set(eligible.dataSources),
      lists: sub?.lists ? new Set(sub.lists) : null,
      cameras: sub?.cameras ? new Set(sub.cameras) : null,
      cursor: since ?? 0,
      sink,
    });
    void this.connections.enqueue(conn, () => this.replay(conn, since), (error) => this.fail(conn, error));
    return () => this.connections.remove(conn);
  }

  /** Live connections (for health and tests). */
  get connectionCount(): number {
    return this.connections.size;
  }

  private async replay(conn: Connection, since: number | undefined): Promise<void> {
    if (since === undefined) {
      for (const row of await store.openAlertsSince(this.deps.db, this.deps.clock.now().getTime() - FRESH_WINDOW_MS, 50)) await this.deliver(conn, row);
      return;
    }
    for (;;) {
      const rows = await store.alertsAfter(this.deps.db, conn.cursor, REPLAY_PAGE);
      for (const row of rows) await this.deliver(conn, row);
      if (rows.length < REPLAY_PAGE || conn.closed) return;
    }
  }

  private publish(rows: readonly store.AlertRow[]): void {
    for (const conn of this.connections.all()) {
      if (!rows.some((row) => wants(conn, row))) continue;
      void this.connections.enqueue(
        conn,
        async () => {
          for (const row of rows) await this.deliver(conn, row);
        },
        (error) => this.fail(conn, error),
      );
    }
  }

  /** Sends one alert to one connection, once, in order: through the gate and the access log first. */
  private async deliver(conn: Connection, row: store.AlertRow): Promise<void> {
    if (conn.closed || row.seq <= conn.cursor) return;
    conn.cursor = row.seq;
    if (!wants(conn, row)) return;
    const { ctx } = await this.openFor(conn.principal, row, conn.origin, 'alert.deliver');
    const view = await this.viewOf(row);
    await recordAccess(ctx, { action: 'alert.deliver', dataElements: this.elements(row), resultCount: 1 });
    conn.sink.send({ id: row.seq, event: 'alert', data: view });
  }

  private fail(conn: Connection, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.deps.logger.warn({ err: error, userId: conn.principal.userId }, 'alerts: stream delivery stopped');
    try {
      conn.sink.send({ event: 'notice', data: { id: (error as { id?: string }).id ?? 'stream_failed', message } });
      conn.sink.close();
    } finally {
      this.connections.remove(conn);
    }
  }

  /** Tells live connections that an alert's workflow moved (no read data: the number and the step). */
  private announce(row: store.AlertRow, view: AlertViewT): void {
    const data = { seq: row.seq, status: view.workflow.status, next: view.workflow.next, disposition: view.workflow.disposition };
    for (const conn of this.connections.all()) if (!conn.closed && wants(conn, row)) conn.sink.send({ event: 'update', data });
  }

  // ── Viewing and acting ─────────────────────────────────────────────────────────────────────

  /** Opens the gate with the hit as the purpose (refusing a user not authorized for the list's data source, R20). */
  private async openFor(principal: UserPrincipal, row: store.AlertRow, origin: ClientOrigin, action: string): Promise<{ ctx: AccessContext }> {
    const facts = { seq: row.seq, category: row.category, listName: row.listName, cameraName: await this.cameraName(row.cameraId), capturedAt: row.capturedAt };
    const candidates = hitPurposes(facts);
    const purpose = candidates.find((input) => this.deps.gate.check(principal, input).ok) ?? candidates[candidates.length - 1]!;
    // The hit is the purpose: not one the officer typed, so not offered back as a recent purpose.
    const ctx = await this.deps.gate.open(principal, purpose, { ...origin, action }, { remember: false });
    if (!ctx.maySee(row.dataSource as Parameters<AccessContext['maySee']>[0])) {
      throw forbidden('data_source_not_authorized', `This alert comes from a ${row.dataSource} hot list, and you are not authorized to see ${row.dataSource} data (R20). Ask the ALPR Administrator if your work needs it.`);
    }
    return { ctx };
  }

  private async load(seq: number): Promise<store.AlertRow> {
    const row = await store.alertBySeq(this.deps.db, seq);
    if (!row) throw notFound('alert', String(seq));
    return row;
  }

  private async viewOf(row: store.AlertRow): Promise<AlertViewT> {
    const steps = await store.stepsOf(this.deps.db, [row.seq]);
    return toView(row, steps, await this.cameraName(row.cameraId), this.deps.policy, this.deps.verifyBelow);
  }

  private elements(row: store.AlertRow): Record<string, unknown> {
    return { alert: row.seq, readId: row.readId, plate: row.plate, listId: row.listId, entryId: row.entryId, cameraId: row.cameraId };
  }

  private async cameraName(id: string): Promise<string> {
    const now = Date.now();
    const cached = this.names.get(id);
    if (cached && now - cached.at < 60_000) return cached.name;
    const name = await this.deps.cameraName(id).catch(() => id);
    this.names.set(id, { name, at: now });
    return name;
  }

  /** One alert, for a user who may see it; written to the access log as 'alert.view'. */
  async view(principal: UserPrincipal, seq: number, origin: ClientOrigin): Promise<AlertViewT> {
    const row = await this.load(seq);
    const { ctx } = await this.openFor(principal, row, origin, 'alert.view');
    const view = await this.viewOf(row);
    await recordAccess(ctx, { action: 'alert.view', dataElements: this.elements(row), resultCount: 1 });
    return view;
  }

  /** The captured image of an alert's read, through the gate and the access log ('alert.image.view'). */
  async image(principal: UserPrincipal, seq: number, which: 'plate' | 'vehicle', origin: ClientOrigin): Promise<{ data: Buffer; contentType: string }> {
    const row = await this.load(seq);
    const sha = which === 'plate' ? row.plateImage : row.vehicleImage;
    if (!sha) throw notFound(`${which} image of alert`, String(seq));
    const { ctx } = await this.openFor(principal, row, origin, 'alert.image.view');
    const data = await this.deps.images.get(sha).catch(() => {
      throw notFound('image', sha);
    });
    await recordAccess(ctx, { action: 'alert.image.view', dataElements: { ...this.elements(row), image: sha, which }, resultCount: 1 });
    return { data, contentType: sniffType(data) ?? 'application/octet-stream' };
  }

  /** Records one workflow step, in the order alerts.workflow.ts enforces; answers with the alert as it now stands. */
  async step(principal: UserPrincipal, seq: number, input: StepInput, origin: ClientOrigin): Promise<AlertViewT> {
    const row = await this.load(seq);
    const { ctx } = await this.openFor(principal, row, origin, `alert.${input.step}`);
    const steps = await store.stepsOf(this.deps.db, [seq]);
    const state = stateOf(
      steps.map((s) => ({ step: s.step as StepName, detail: JSON.parse(s.detail) as Record<string, unknown> })),
      this.deps.policy,
    );
    const refused = refusal(state, input.step, this.deps.policy, input.step === 'disposition' ? input.disposition : undefined);
    if (refused) throw refused;
    const { detail, closeAs, correctedPlate } = this.detailOf(row, input);
    const at = this.deps.clock.now().getTime();
    await store.addStep(this.deps.db, { alertSeq: seq, step: input.step, userId: principal.userId, username: principal.username, at, detail: JSON.stringify(detail) });
    if (closeAs) {
      if (closeAs !== (input.step === 'disposition' ? input.disposition : undefined)) {
        await store.addStep(this.deps.db, { alertSeq: seq, step: 'disposition', userId: principal.userId, username: principal.username, at, detail: JSON.stringify({ disposition: closeAs, automatic: true }) });
      }
      await store.close(this.deps.db, seq, closeAs, correctedPlate, at);
    }
    const updated = await this.load(seq);
    const view = await this.viewOf(updated);
    await recordAccess(ctx, { action: `alert.${input.step}`, dataElements: { ...this.elements(row), step: input.step, detail, ...(closeAs ? { disposition: closeAs } : {}) }, resultCount: 1 });
    this.announce(updated, view);
    for (const listener of this.stepListeners) listener(seq);
    return view;
  }

  private detailOf(row: store.AlertRow, input: StepInput): { detail: Record<string, unknown>; closeAs?: Disposition; correctedPlate: string | null } {
    switch (input.step) {
      case 'acknowledge':
        return { detail: {}, correctedPlate: null };
      case 'confirm':
        return {
          detail: { method: input.method, result: input.result, ...(input.reference ? { reference: input.reference } : {}) },
          ...(input.result === 'not_active' ? { closeAs: 'no_longer_wanted' as const } : {}),
          correctedPlate: null,
        };
      case 'exigency':
        return { detail: { justification: input.justification.trim() }, correctedPlate: null };
      case 'verify': {
        const checks = this.checksOf(row, input.input);
        const result = Object.values(checks).every(Boolean) ? 'match' : 'mismatch';
        const corrected = input.input.correctedPlate?.toUpperCase().replace(/[^A-Z0-9]/g, '') || null;
        if (result === 'match' && corrected) throw badRequest('corrected_plate_on_match', 'A corrected plate is recorded only for a misread: leave it out when every check agrees.', 'correctedPlate');
        const detail = { checks, result, ...(corrected ? { correctedPlate: corrected } : {}), ...(input.input.notes ? { notes: input.input.notes } : {}) };
        return result === 'mismatch' ? { detail, closeAs: 'misread', correctedPlate: corrected } : { detail, correctedPlate: null };
      }
      case 'action':
        return { detail: { action: input.action, ...(input.notes ? { notes: input.notes } : {}) }, correctedPlate: null };
      case 'disposition':
        return { detail: { disposition: input.disposition, ...(input.notes ? { notes: input.notes } : {}) }, closeAs: input.disposition, correctedPlate: null };
    }
  }

  /** Each field the visual check must cover, answered yes or no; a missing one is a 400 that records nothing. */
  private checksOf(row: store.AlertRow, input: VerifyInput): Record<string, boolean> {
    const entry = JSON.parse(row.entry) as StoredEntry;
    const checks: Record<string, boolean> = {};
    const missing: string[] = [];
    for (const field of verifyFields(entry)) {
      const answer = field === 'characters' ? input.characters : field === 'state' ? input.state : input.vehicle?.[field as keyof NonNullable<VerifyInput['vehicle']>];
      if (answer === undefined) missing.push(field);
      else checks[field] = answer;
    }
    if (missing.length) {
      throw badRequest('verification_incomplete', `Record each check against the image, yes or no: ${missing.join(', ')} (R10). Nothing was recorded.`, missing[0] === 'characters' || missing[0] === 'state' ? missing[0] : `vehicle.${missing[0]}`);
    }
    return checks;
  }

  // ── History, accuracy, subscriptions ───────────────────────────────────────────────────────

  /** Alert history with dispositions, under a stated purpose (hits are ALPR data). */
  async history(ctx: AccessContext, filter: store.HistoryFilter): Promise<AlertViewT[]> {
    const rows = await readThroughLog(ctx, { action: 'alert.history', dataElements: { ...filter } }, () => store.history(this.deps.db, { ...filter, dataSources: ctx.dataSources }));
    const steps = await store.stepsOf(this.deps.db, rows.map((row) => row.seq));
    const out: AlertViewT[] = [];
    for (const row of rows) out.push(toView(row, steps.filter((s) => s.alertSeq === row.seq), await this.cameraName(row.cameraId), this.deps.policy, this.deps.verifyBelow));
    return out;
  }

  /** R28: per camera, alerts, visual checks and misreads (counts only, no plates). */
  async accuracy(from: number, to: number) {
    const rows = await store.accuracy(this.deps.db, from, to);
    const cameras = [];
    for (const row of rows) cameras.push({ ...row, cameraName: await this.cameraName(row.cameraId), misreadRate: row.verified ? row.misreads / row.verified : null });
    return cameras.sort((a, b) => (b.misreadRate ?? -1) - (a.misreadRate ?? -1) || a.cameraName.localeCompare(b.cameraName));
  }

  /** R28: the misreads as a correction set (plate read vs. plate on the image), CSV, under a stated purpose. */
  async misreadCsv(ctx: AccessContext, from: number, to: number): Promise<string> {
    const rows = await readThroughLog(ctx, { action: 'alert.misreads.export', dataElements: { from, to } }, () => store.misreads(this.deps.db, from, to, ctx.dataSources, 100_000));
    const quote = (value: unknown) => {
      const text = value === null || value === undefined ? '' : String(value);
      return /[",\n\r]/.test(text) || /^[=+\-@]/.test(text) ? `"${text.replace(/"/g, '""').replace(/^([=+\-@])/, "'$1")}"` : text;
    };
    const lines = ['alert,read_id,camera_id,camera_name,captured_at,plate_read,corrected_plate,region,match_kind,plate_image'];
    for (const row of rows) {
      lines.push([row.seq, row.readId, row.cameraId, await this.cameraName(row.cameraId), new Date(row.capturedAt).toISOString(), row.plate, row.correctedPlate, row.region, row.matchKind, row.plateImage].map(quote).join(','));
    }
    return `${lines.join('\n')}\n`;
  }

  async subscription(userId: string) {
    const sub = await store.subscriptionOf(this.deps.db, userId);
    const lists = (await store.knownLists(this.deps.db)).map((row) => ({ id: row.listId, name: row.listName, dataSource: row.dataSource }));
    const unique = [...new Map(lists.map((list) => [list.id, list])).values()];
    return { subscription: { lists: sub?.lists ?? null, cameras: sub?.cameras ?? null }, choices: { lists: unique, cameras: await this.deps.cameraChoices() } };
  }

  async setSubscription(principal: UserPrincipal, lists: readonly string[] | null, cameras: readonly string[] | null, origin: ClientOrigin) {
    const before = await store.subscriptionOf(this.deps.db, principal.userId);
    const uniq = (values: readonly string[] | null) => (values === null ? null : [...new Set(values)]);
    await store.setSubscription(this.deps.db, principal.userId, uniq(lists), uniq(cameras), this.deps.clock.now().getTime());
    for (const conn of this.connections.ofUser(principal.userId)) {
      conn.lists = lists === null ? null : new Set(lists);
      conn.cameras = cameras === null ? null : new Set(cameras);
    }
    await this.deps.audit.recordChange(principal, 'alerts.subscription.set', before ? { lists: before.lists, cameras: before.cameras } : null, { lists: uniq(lists), cameras: uniq(cameras) }, { subject: { userId: principal.userId }, ...origin });
    return this.subscription(principal.userId);
  }
}
