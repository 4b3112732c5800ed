// Scheduled jobs run once across the cluster (issue 12): several scheduler processes (here, several
// Schedulers on one PostgreSQL database, each with its own lease holder) ticking the same job run
// it once per interval; the holder keeps it; another takes it over only after the holder stopped
// for 1.5 intervals. PostgreSQL only: the single process (SQLite) needs no lease.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../platform/clock.js';
import { Scheduler, type Job } from '../platform/scheduler.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../../test/databases.js';
import { PostgresJobLease } from './job-lease.js';

const quietLogger = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() });

describe.skipIf(!DIALECTS.includes('postgres'))('job leases on PostgreSQL (issue 12)', () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.cleanup();
    database = undefined;
  });

  it('one of several schedulers runs each tick of a job; the holder keeps it; another takes over once it stops', async () => {
    database = await createTestDatabase('postgres');
    const clock = new FakeClock('2027-03-01T08:00:00Z');
    const runs: string[] = [];
    const job = (who: string): Job => ({ name: 'retention.purge', everyMs: 60_000, perform: async () => void runs.push(who) });
    const schedulers = ['a', 'b', 'c'].map((who) => new Scheduler(clock, quietLogger(), new PostgresJobLease(database!.handle.db, who)).add(job(who)));

    // Three processes tick at once: exactly one runs the job.
    const first = await Promise.all(schedulers.map((s) => s.runOnce('retention.purge')));
    expect(runs).toHaveLength(1);
    expect(first.filter((run) => run.skipped)).toHaveLength(2);
    const holder = runs[0]!;

    // The next interval: still one run, by the same holder (the others' ticks are skipped).
    clock.advance(60_000);
    await Promise.all(schedulers.map((s) => s.runOnce('retention.purge')));
    expect(runs).toEqual([holder, holder]);

    // The holder dies: within 1.5 intervals nobody runs it; after that exactly one survivor does.
    const survivors = schedulers.filter((_, i) => ['a', 'b', 'c'][i] !== holder);
    clock.advance(60_000);
    await Promise.all(survivors.map((s) => s.runOnce('retention.purge')));
    expect(runs).toHaveLength(2);
    clock.advance(31_000);
    await Promise.all(survivors.map((s) => s.runOnce('retention.purge')));
    expect(runs).toHaveLength(3);
    expect(runs[2]).not.toBe(holder);
  });
});
