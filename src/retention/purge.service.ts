// The purge (R30–R33; invariant 3): every purged class past its retention, in bounded batches,
// except what a legal hold keeps. Each run — scheduled, from the CLI or the API, dry runs too —
// leaves a purge_runs row and an access-log record (classes, counts, oldest remaining). Where the
// profile says purges reach outside servers (R33), copies sent outside whose data is now past
// retention get a destruction notice, listed for the custodian.
import type { Kysely } from 'kysely';
import type { Actor, AuditRecorder } from '../audit/access-log.js';
import type { Clock } from '../platform/clock.js';
import { newId } from '../platform/ids.js';
import type { PolicyProfile } from '../policy/index.js';
import type { Tables } from '../storage/tables.js';
import type { OutsideCopiesService } from './outside-copies.service.js';
import type { PurgeOutcome, PurgeTarget } from './purge.targets.js';
import { CLASS_LABELS, deleteCutoff, KEPT_CLASSES, PURGED_CLASSES, readCutoff, ruleOf, startOfUtcDay, type RetentionClass } from './retention.rules.js';

export interface ClassResult extends PurgeOutcome {
  className: RetentionClass;
  label: string;
  /** Records before this instant were eligible; null for classes that are kept. */
  cutoff: number | null;
  /** purged | kept (no maximum: never purged) | not_available (no target wired for it yet) */
  status: 'purged' | 'kept' | 'not_available';
}

export interface PurgeRun {
  id: string;
  startedAt: number;
  finishedAt: number;
  trigger: 'schedule' | 'cli' | 'api';
  dryRun: boolean;
  actor: string;
  classes: ClassResult[];
  totalDeleted: number;
  /** Outside copies (R33) newly due for destruction by this run. */
  notices: number;
  outcome: 'ok' | 'failed';
  error: string | null;
}

export interface PurgeOptions {
  trigger: PurgeRun['trigger'];
  actor: Actor;
  dryRun?: boolean;
}

export interface PurgeLimits {
  /** Rows per transaction. */
  batchSize: number;
  /** Pause between batches, in ms (0 = just yield to the event loop). */
  pauseMs: number;
}

export const DEFAULT_PURGE_LIMITS: PurgeLimits = { batchSize: 5000, pauseMs: 50 };

export class PurgeService {
  private readonly targets = new Map<string, PurgeTarget>();
  private running: Promise<PurgeRun> | undefined;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly clock: Clock,
    private readonly profile: Pick<PolicyProfile, 'retention'>,
    private readonly audit: Pick<AuditRecorder, 'recordSystem'>,
    private readonly outside: OutsideCopiesService,
    private readonly limits: PurgeLimits = DEFAULT_PURGE_LIMITS,
  ) {}

  /** Adds a class's target (other rooms register theirs: alerts, hot lists, exports). */
  register(target: PurgeTarget): this {
    this.targets.set(target.className, target);
    return this;
  }

  get classes(): string[] {
    return [...this.targets.keys()];
  }

  /** Runs a purge; a second call while one runs waits for it and runs after (never two at once). */
  async run(options: PurgeOptions): Promise<PurgeRun> {
    while (this.running) await this.running.catch(() => undefined);
    this.running = this.perform(options);
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }

  private cutoffOf(className: (typeof PURGED_CLASSES)[number], now: number): number {
    if (className === 'fixedReads') return readCutoff(this.profile, 'fixed', now);
    if (className === 'mobileReads') return readCutoff(this.profile, 'mobile', now);
    return deleteCutoff(ruleOf(this.profile, className), now)!;
  }

  private async perform(options: PurgeOptions): Promise<PurgeRun> {
    const now = this.clock.now().getTime();
    const dryRun = options.dryRun ?? false;
    const pause = () => new Promise<void>((resolve) => (this.limits.pauseMs > 0 ? setTimeout(resolve, this.limits.pauseMs) : setImmediate(resolve)));
    const classes: ClassResult[] = [];
    const runId = newId();
    let error: string | null = null;
    // Reads first: their images and plates go with them; then images past their own time; then the rest.
    for (const className of PURGED_CLASSES) {
      const cutoff = this.cutoffOf(className, now);
      const target = this.targets.get(className);
      const base = { className, label: CLASS_LABELS[className], cutoff };
      if (!target) {
        classes.push({ ...base, status: 'not_available', deleted: 0, held: 0, oldestRemaining: null });
        continue;
      }
      try {
        const started = performance.now();
        const outcome = await target.purgeBefore(cutoff, { now, batchSize: this.limits.batchSize, dryRun, pause, runId });
        classes.push({ ...base, status: 'purged', ...outcome, details: { ...outcome.details, ms: Math.round(performance.now() - started) } });
      } catch (caught) {
        error = `${className}: ${caught instanceof Error ? caught.message : String(caught)}`;
        classes.push({ ...base, status: 'purged', deleted: 0, held: 0, oldestRemaining: null, details: { failed: 1 } });
        break; // the next run picks up where this one stopped
      }
    }
    for (const className of KEPT_CLASSES) classes.push({ className, label: CLASS_LABELS[className], cutoff: null, status: 'kept', deleted: 0, held: 0, oldestRemaining: null });

    const readCutoffs = { fixed: this.cutoffOf('fixedReads', now), mobile: this.cutoffOf('mobileReads', now) };
    const notices = this.profile.retention.purgeOutsideServers && !error ? await this.outside.markDue(Math.min(readCutoffs.fixed, readCutoffs.mobile), now, dryRun) : [];
    const run: PurgeRun = {
      id: runId,
      startedAt: now,
      finishedAt: this.clock.now().getTime(),
      trigger: options.trigger,
      dryRun,
      actor: options.actor.username,
      classes,
      totalDeleted: classes.reduce((sum, c) => sum + (c.status === 'purged' ? c.deleted : 0), 0),
      notices: notices.length,
      outcome: error ? 'failed' : 'ok',
      error,
    };
    if (!dryRun) {
      // Dry runs are recorded too, so the page can show the latest preview: in purge_runs only.
      await this.audit.recordSystem(options.actor, 'retention.purge', {
        dataElements: {
          runId: run.id,
          trigger: run.trigger,
          outcome: run.outcome,
          ...(error ? { error } : {}),
          classes: classes.map((c) => ({ class: c.className, status: c.status, cutoff: c.cutoff === null ? null : new Date(c.cutoff).toISOString(), deleted: c.deleted, held: c.held, oldestRemaining: c.oldestRemaining === null ? null : new Date(c.oldestRemaining).toISOString(), ...c.details })),
          ...(this.profile.retention.purgeOutsideServers
            ? { outsideCopiesDue: notices.map((n) => ({ id: n.id, recipient: n.recipient, description: n.description })), note: 'R33: copies on outside servers and with partners are due for destruction too.' }
            : {}),
        },
        resultCount: run.totalDeleted,
        reason: 'scheduled retention purge (R30–R33)',
        clientAddress: null,
        device: null,
      });
      run.finishedAt = this.clock.now().getTime();
    }
    await this.db
      .insertInto('purgeRuns')
      .values({ ...run, dryRun: dryRun ? 1 : 0, classes: JSON.stringify(classes) })
      .execute();
    return run;
  }

  /** Whether a full (not dry) scheduled run finished ok on the UTC day of `now`. */
  async ranOn(now: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('purgeRuns')
      .select('id')
      .where('trigger', '=', 'schedule')
      .where('dryRun', '=', 0)
      .where('outcome', '=', 'ok')
      .where('startedAt', '>=', startOfUtcDay(now))
      .executeTakeFirst();
    return row !== undefined;
  }

  async history(limit = 50): Promise<PurgeRun[]> {
    const rows = await this.db.selectFrom('purgeRuns').selectAll().orderBy('startedAt', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map((row) => ({ ...row, dryRun: row.dryRun === 1, classes: JSON.parse(row.classes) as ClassResult[] }));
  }
}
