// The in-process scheduler: jobs run on their intervals, never overlapping; a failed run is logged and
// reported, not thrown; runOnce runs a job now with the injected clock's time; a lease can stop a run.
import { describe, expect, it, vi } from 'vitest';
import { FakeClock } from './clock.js';
import { Scheduler, type Job, type JobLease } from './scheduler.js';

const quietLogger = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class CountingJob implements Job {
  readonly name = 'test.counting';
  runs: Date[] = [];
  active = 0;
  maxActive = 0;
  constructor(
    readonly everyMs: number,
    private readonly workMs = 0,
    readonly firstRunAfterMs?: number,
  ) {}
  async perform(now: Date) {
    this.runs.push(now);
    this.maxActive = Math.max(this.maxActive, ++this.active);
    if (this.workMs) await sleep(this.workMs);
    this.active--;
    return { seen: this.runs.length };
  }
}

describe('scheduler', () => {
  it('runs a job now with the clock\'s time and reports what it did', async () => {
    const clock = new FakeClock('2027-01-15T09:00:00Z');
    const job = new CountingJob(60_000);
    const scheduler = new Scheduler(clock, quietLogger()).add(job);
    const run = await scheduler.runOnce('test.counting');
    expect(run).toMatchObject({ name: 'test.counting', ok: true, summary: { seen: 1 }, startedAt: clock.now().getTime() });
    expect(job.runs[0]!.toISOString()).toBe('2027-01-15T09:00:00.000Z');
    expect(scheduler.status()[0]).toMatchObject({ name: 'test.counting', running: false, last: { ok: true } });
    await expect(scheduler.runOnce('nope')).rejects.toThrow(/No job named nope; jobs: test.counting/);
  });

  it('logs a failed run and returns it instead of throwing', async () => {
    const logger = quietLogger();
    const failing: Job = { name: 'test.failing', everyMs: 1000, perform: () => Promise.reject(new Error('disk full')) };
    const run = await new Scheduler(new FakeClock(), logger).add(failing).runOnce('test.failing');
    expect(run).toMatchObject({ ok: false, error: 'disk full' });
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ job: 'test.failing' }), 'job failed');
  });

  it('runs jobs on their interval once started, without overlapping runs, and stops', async () => {
    const job = new CountingJob(10, 25, 5);
    const scheduler = new Scheduler(new FakeClock(), quietLogger()).add(job);
    scheduler.start();
    await sleep(120);
    await scheduler.stop();
    const count = job.runs.length;
    // Each run takes 25 ms and the next is armed 10 ms after one ends: at most 4 in 120 ms.
    expect(count).toBeGreaterThanOrEqual(1);
    expect(count).toBeLessThanOrEqual(4);
    expect(job.maxActive).toBe(1);
    await sleep(50);
    expect(job.runs.length).toBe(count);
  });

  it('waits for a run in progress before runOnce runs again', async () => {
    const job = new CountingJob(60_000, 30);
    const scheduler = new Scheduler(new FakeClock(), quietLogger()).add(job);
    const [first, second] = await Promise.all([scheduler.runOnce('test.counting'), scheduler.runOnce('test.counting')]);
    expect([first.summary, second.summary]).toEqual([{ seen: 1 }, { seen: 2 }]);
  });

  it('skips a run when another process holds the lease', async () => {
    const lease: JobLease = { acquire: () => Promise.resolve(false), release: vi.fn(() => Promise.resolve()) };
    const job = new CountingJob(1000);
    const run = await new Scheduler(new FakeClock(), quietLogger(), lease).add(job).runOnce('test.counting');
    expect(run).toMatchObject({ ok: true, skipped: true });
    expect(job.runs).toHaveLength(0);
    expect(lease.release).not.toHaveBeenCalled();
  });

  it('refuses two jobs with one name', () => {
    const scheduler = new Scheduler(new FakeClock(), quietLogger()).add(new CountingJob(1000));
    expect(() => scheduler.add(new CountingJob(1000))).toThrow(/already scheduled/);
  });
});
