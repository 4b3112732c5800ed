// The in-process scheduler (STYLE 9, ARCHITECTURE: scheduler). Jobs are small classes with a name,
// an interval and a perform(now) that works in bounded batches. The scheduler runs each job on its
// own timer, never two runs of one job at a time, and logs a failed run instead of throwing: one
// bad run must not stop the process or the other jobs. `runOnce` runs a job now, for tests and
// the CLI. Time is injected (invariant 5): perform() gets the clock's now, not the timer's.
import type { Clock } from './clock.js';
import type { Logger } from './logger.js';

/** What a run reports (counts of what it did), logged and returned by runOnce. */
export type JobSummary = Record<string, number | string | boolean>;

export interface Job {
  /** Stable dotted name, e.g. `access.inactivity`; used by runOnce and in logs. */
  readonly name: string;
  /** How often the job runs. */
  readonly everyMs: number;
  /** Delay before the first run after start; defaults to everyMs. */
  readonly firstRunAfterMs?: number;
  /** Does one bounded unit of work as of `now`. */
  perform(now: Date): Promise<JobSummary | void>;
}

export interface JobRun {
  name: string;
  startedAt: number;
  finishedAt: number;
  ok: boolean;
  summary?: JobSummary;
  error?: string;
  /** True when another process holds the job's lease, so this one did not run it. */
  skipped?: boolean;
}

/**
 * Who may run a job now. The single process (`--role all`) always may. In a cluster, a lease row in
 * PostgreSQL (job name, holder, expires_at; taken with `UPDATE … WHERE expires_at < now`) makes a
 * job run once across the cluster: implement this interface and pass it to the Scheduler.
 */
export interface JobLease {
  acquire(job: string, now: number, ttlMs: number): Promise<boolean>;
  release(job: string): Promise<void>;
}

export const localLease: JobLease = {
  acquire: () => Promise.resolve(true),
  release: () => Promise.resolve(),
};

interface Entry {
  job: Job;
  timer: NodeJS.Timeout | undefined;
  running: Promise<JobRun> | undefined;
  last: JobRun | undefined;
}

export class Scheduler {
  private readonly entries = new Map<string, Entry>();
  private started = false;

  constructor(
    private readonly clock: Clock,
    private readonly logger: Pick<Logger, 'info' | 'warn' | 'error' | 'debug'>,
    private readonly lease: JobLease = localLease,
  ) {}

  add(job: Job): this {
    if (this.entries.has(job.name)) throw new Error(`A job named ${job.name} is already scheduled.`);
    if (!(job.everyMs > 0)) throw new Error(`Job ${job.name} needs a positive everyMs.`);
    const entry: Entry = { job, timer: undefined, running: undefined, last: undefined };
    this.entries.set(job.name, entry);
    if (this.started) this.arm(entry, job.firstRunAfterMs ?? job.everyMs);
    return this;
  }

  get names(): string[] {
    return [...this.entries.keys()];
  }

  /** The last run of each job (for health screens). */
  status(): { name: string; everyMs: number; running: boolean; last: JobRun | undefined }[] {
    return [...this.entries.values()].map((entry) => ({ name: entry.job.name, everyMs: entry.job.everyMs, running: entry.running !== undefined, last: entry.last }));
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    for (const entry of this.entries.values()) this.arm(entry, entry.job.firstRunAfterMs ?? entry.job.everyMs);
  }

  /** Stops the timers and waits for runs in progress to finish. */
  async stop(): Promise<void> {
    this.started = false;
    const running: Promise<JobRun>[] = [];
    for (const entry of this.entries.values()) {
      clearTimeout(entry.timer);
      entry.timer = undefined;
      if (entry.running) running.push(entry.running);
    }
    await Promise.allSettled(running);
  }

  /** Runs a job now (waiting for a run in progress first). Never throws for a failed run. */
  async runOnce(name: string): Promise<JobRun> {
    const entry = this.entries.get(name);
    if (!entry) throw new Error(`No job named ${name}; jobs: ${this.names.join(', ') || '(none)'}.`);
    while (entry.running) await entry.running;
    return this.run(entry);
  }

  private arm(entry: Entry, delayMs: number): void {
    entry.timer = setTimeout(() => {
      if (!this.started) return;
      const next = () => {
        if (this.started) this.arm(entry, entry.job.everyMs);
      };
      if (entry.running) return next(); // still busy: skip this tick
      void this.run(entry).finally(next);
    }, delayMs);
    entry.timer.unref();
  }

  private run(entry: Entry): Promise<JobRun> {
    const promise = this.perform(entry.job).then((run) => {
      entry.last = run;
      entry.running = undefined;
      return run;
    });
    entry.running = promise;
    return promise;
  }

  private async perform(job: Job): Promise<JobRun> {
    const now = this.clock.now();
    const startedAt = now.getTime();
    const finish = (fields: Partial<JobRun>): JobRun => ({ name: job.name, startedAt, finishedAt: this.clock.now().getTime(), ok: true, ...fields });
    let leased = false;
    try {
      leased = await this.lease.acquire(job.name, startedAt, job.everyMs);
      if (!leased) return finish({ skipped: true });
      const summary = (await job.perform(now)) ?? undefined;
      const run = finish(summary ? { summary } : {});
      this.logger.info({ job: job.name, ...summary }, 'job finished');
      return run;
    } catch (error) {
      this.logger.error({ job: job.name, err: error }, 'job failed');
      return finish({ ok: false, error: error instanceof Error ? error.message : String(error) });
    } finally {
      if (leased) await this.lease.release(job.name).catch((error: unknown) => this.logger.warn({ job: job.name, err: error }, 'job lease release failed'));
    }
  }
}
