// Sends the journal to the server (issue 10): the oldest unacknowledged reads first, in batches
// to POST /api/v1/ingest/reads with mode "partial", then moves the journal's cursor past every
// read the server answered for (accepted, duplicate, or rejected for good). Anything else (no
// answer, an error status, a read answered not_stored) is sent again after a backoff; the
// server's idempotency by read id makes a resend of a read it already has a "duplicate".
import type { IngestResponse } from '../ingest/ingest.schemas.js';
import { Backoff, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import type { Journal, JournalEntry } from './journal.js';

export interface ForwarderOptions {
  /** The server's base URL, e.g. https://alpr.example.gov */
  server: string;
  /** The camera's ingest key (pkc_…). */
  key: string;
  /** Reads per request (the server's ingest.maxBatchReads is the ceiling). */
  batch: number;
  fetch?: typeof fetch;
  backoff?: BackoffOptions;
  requestTimeoutMs?: number;
  /** How long to wait for new reads when the journal is empty before looking again. */
  idleMs?: number;
  log?: (line: string) => void;
}

export interface ForwarderStatus {
  backlog: number;
  lastSentAt: string | null;
  lastError: string | null;
  serverReachable: boolean | null;
  sent: number;
  rejected: number;
}

type Outcome = 'idle' | 'sent' | 'failed';

export class Forwarder {
  private readonly backoff: Backoff;
  private readonly fetch: typeof fetch;
  private batch: number;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private lastSentAt: Date | null = null;
  private lastError: string | null = null;
  private serverReachable: boolean | null = null;
  private sent = 0;
  private rejected = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly journal: Journal,
    private readonly options: ForwarderOptions,
  ) {
    this.backoff = new Backoff(options.backoff ?? DEFAULT_BACKOFF);
    this.fetch = options.fetch ?? fetch;
    this.batch = options.batch;
    this.unsubscribe = journal.onAppend(() => this.wake?.());
  }

  status(): ForwarderStatus {
    return { backlog: this.journal.backlog, lastSentAt: this.lastSentAt?.toISOString() ?? null, lastError: this.lastError, serverReachable: this.serverReachable, sent: this.sent, rejected: this.rejected };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe();
    this.wake?.();
    await this.loop;
  }

  /** One batch: send it and acknowledge what the server answered for. */
  async sendOnce(): Promise<Outcome> {
    const entries = this.journal.pending(this.batch);
    if (!entries.length) return 'idle';
    let response: Response;
    try {
      response = await this.fetch(new URL('/api/v1/ingest/reads', this.options.server), {
        method: 'POST',
        headers: { authorization: `Bearer ${this.options.key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reads: entries.map((entry) => entry.read), mode: 'partial' }),
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 60_000),
      });
    } catch (error) {
      this.serverReachable = false;
      return this.fail(`server unreachable: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`);
    }
    this.serverReachable = true;
    if (response.status === 413 && this.batch > 1) {
      this.batch = Math.max(1, Math.floor(this.batch / 2));
      return this.fail(`server refused the batch as too large; sending ${this.batch} reads per request now`);
    }
    if (response.status !== 200) return this.fail(`server answered HTTP ${response.status}: ${(await response.text().catch(() => '')).slice(0, 300)}`);
    let body: IngestResponse;
    try {
      body = (await response.json()) as IngestResponse;
    } catch (error) {
      return this.fail(`server answered with unreadable JSON: ${(error as Error).message}`);
    }
    return this.acknowledge(entries, body);
  }

  private async acknowledge(entries: JournalEntry[], body: IngestResponse): Promise<Outcome> {
    const answers = new Map<string, { status: string; reason?: string }>();
    for (const result of body.results ?? []) if (!answers.has(result.id) || result.status !== 'duplicate') answers.set(result.id, result);
    // The cursor moves over the longest run of answered reads from the oldest on.
    let upTo: JournalEntry | undefined;
    const rejected: { entry: JournalEntry; reason: string }[] = [];
    for (const entry of entries) {
      const answer = answers.get(entry.read.id);
      if (!answer || (answer.status !== 'accepted' && answer.status !== 'duplicate' && answer.status !== 'rejected')) break;
      if (answer.status === 'rejected') rejected.push({ entry, reason: answer.reason ?? 'rejected' });
      upTo = entry;
    }
    if (!upTo) return this.fail('the server stored none of the batch (not_stored); will retry');
    await this.journal.acknowledge(upTo.seq, rejected);
    for (const { entry, reason } of rejected) this.options.log?.(`edge: the server rejected read ${entry.read.id} for good (${reason}); kept in rejected.jsonl`);
    this.sent += upTo.seq - entries[0]!.seq + 1 - rejected.length;
    this.rejected += rejected.length;
    this.lastSentAt = new Date();
    this.lastError = null;
    this.backoff.reset();
    return 'sent';
  }

  private fail(message: string): Outcome {
    if (this.lastError !== message) this.options.log?.(`edge: ${message}`);
    this.lastError = message;
    return 'failed';
  }

  private async run(): Promise<void> {
    while (this.running) {
      let outcome: Outcome;
      try {
        outcome = await this.sendOnce();
      } catch (error) {
        outcome = this.fail(`forwarding failed: ${(error as Error).message}`);
      }
      if (outcome === 'sent') continue;
      // Idle: new reads wake us. Failed: wait out the backoff (new reads do not cut it short).
      await this.sleep(outcome === 'idle' ? (this.options.idleMs ?? 5_000) : this.backoff.next(), outcome === 'idle');
    }
  }

  private sleep(ms: number, wakeOnAppend: boolean): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = wakeOnAppend ? done : () => (this.running ? undefined : done());
    });
  }
}
