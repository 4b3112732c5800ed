// Recognition off the event loop (issue 11): a fixed set of worker threads, each with its own model
// sessions, and a bounded queue in front of them. When the queue is full a job is refused at once
// with a 503 that says so (the caller, or the snapshot camera's health, shows it); nothing waits
// without bound and nothing crashes. A worker that dies fails only its own job and is replaced.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError, unavailable } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import type { TextReading } from './ctc.js';
import type { ModelSpecs } from './model-spec.js';
import type { WorkerFailure, WorkerJob, WorkerReply, WorkerStart } from './recognition.protocol.js';
import type { FrameRecognition } from './recognizer.js';

export interface PoolOptions {
  specs: ModelSpecs;
  /** Worker threads (config recognition.workers). */
  workers: number;
  /** Jobs that may wait for a free worker (config recognition.queue); more are refused with 503. */
  queue: number;
  /** onnxruntime threads per worker. */
  threads?: number;
  logger?: Logger;
}

export interface PoolStats {
  workers: number;
  busy: number;
  waiting: number;
  queueLimit: number;
  completed: number;
  refused: number;
}

type JobInput =
  | {
      op: 'recognize';
      image: Uint8Array;
      images: boolean;
      maxFrameBytes: number;
    }
  | { op: 'read'; images: Uint8Array[] };

interface Pending {
  job: WorkerJob;
  queuedAt: number;
  resolve(reply: WorkerReply): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  current: Pending | undefined;
  detach(): void;
}

export const QUEUE_FULL = 'recognition_queue_full';

const here = import.meta.url;

/** The compiled worker beside this file (dist/), or the TypeScript source run through tsx (tests, npm run dev). */
function spawn(data: WorkerStart): Worker {
  const compiled = new URL('./recognition.worker.js', here);
  if (existsSync(fileURLToPath(compiled))) return new Worker(compiled, { workerData: data });
  const source = new URL('./recognition.worker.ts', here).href;
  // tsx's ESM entry (its CommonJS one cannot register hooks in a worker on Node 20).
  const tsx = pathToFileURL(join(dirname(createRequire(here).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(source)}); })`, { eval: true, workerData: data });
}

const asError = (failure: WorkerFailure): AppError => new AppError(failure.id, failure.status, failure.message, failure.field);

/**
 * Loads onnxruntime-node's native binding once in the main thread and keeps it for the process.
 * The binding registers itself from a static constructor only (no napi_register_module_v1), and its
 * library cannot be unloaded: once every worker that loaded it had exited (a server closed, a second
 * app started in the same process), the next worker's load failed with "Module did not self-register".
 * While the main thread holds it, Node hands each worker the registration it recorded the first time.
 */
function holdNativeBinding(): void {
  createRequire(import.meta.url)('onnxruntime-node');
}

export class RecognitionPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Pending[] = [];
  private starting: Promise<void> | undefined;
  private closed = false;
  private nextId = 1;
  private completed = 0;
  private refused = 0;

  constructor(private readonly options: PoolOptions) {}

  /** Starts every worker and waits until each has loaded the models; rejects with the first model error. */
  start(): Promise<void> {
    this.starting ??= (async () => {
      holdNativeBinding();
      const started = await Promise.allSettled(Array.from({ length: Math.max(1, this.options.workers) }, () => this.startWorker()));
      const failed = started.find((s) => s.status === 'rejected');
      if (failed) {
        await Promise.all(started.map(async (s) => (s.status === 'fulfilled' ? s.value.terminate() : undefined)));
        this.starting = undefined;
        throw failed.reason;
      }
      for (const s of started) if (s.status === 'fulfilled') this.slots.push(this.attach(s.value));
    })();
    return this.starting;
  }

  private startWorker(): Promise<Worker> {
    return new Promise((resolve, reject) => {
      const worker = spawn({
        specs: this.options.specs,
        threads: this.options.threads ?? 1,
      });
      // Listeners are removed one by one: removeAllListeners() would also drop the Worker's own
      // hooks that keep its message port running, and no reply would ever arrive.
      const onMessage = (reply: WorkerReply) => {
        detach();
        if ('ready' in reply && reply.ready) resolve(worker);
        else fail('error' in reply ? asError(reply.error) : new Error('The recognition worker answered before it was ready.'));
      };
      const onExit = (code: number) => fail(new Error(`The recognition worker stopped while loading the models (exit code ${code}).`));
      const detach = () => {
        worker.off('message', onMessage);
        worker.off('error', fail);
        worker.off('exit', onExit);
      };
      function fail(error: Error) {
        detach();
        void worker.terminate();
        reject(error);
      }
      worker.on('message', onMessage);
      worker.on('error', fail);
      worker.on('exit', onExit);
    });
  }

  private attach(worker: Worker): Slot {
    const slot: Slot = { worker, current: undefined, detach: () => undefined };
    const onMessage = (reply: WorkerReply) => {
      const pending = slot.current;
      slot.current = undefined;
      if (pending) {
        this.completed++;
        pending.resolve(reply);
      }
      this.dispatch();
    };
    const onError = (error: Error) => lost(error.message);
    const onExit = (code: number) => lost(`exit code ${code}`);
    slot.detach = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const lost = (why: string) => {
      const pending = slot.current;
      slot.current = undefined;
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      slot.detach();
      pending?.reject(new AppError('recognition_failed', 500, `Recognition failed: the worker thread stopped (${why}); try again.`));
      if (this.closed) return;
      this.options.logger?.error({ why }, 'recognition worker lost; starting another');
      void this.startWorker()
        .then((next) => {
          if (this.closed) return void next.terminate();
          this.slots.push(this.attach(next));
          this.dispatch();
        })
        .catch((error: unknown) => this.options.logger?.error({ error: (error as Error).message }, 'recognition worker could not be replaced'));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.current) continue;
      const next = this.waiting.shift();
      if (!next) return;
      slot.current = next;
      slot.worker.postMessage(next.job);
    }
  }

  private async submit(input: JobInput): Promise<WorkerReply> {
    if (this.closed) throw unavailable('recognition_stopped', 'Recognition is shutting down; try again once the server is back.');
    const idle = this.slots.some((s) => !s.current) && this.waiting.length === 0;
    if (!idle && this.waiting.length >= this.options.queue) {
      this.refused++;
      throw unavailable(
        QUEUE_FULL,
        `Recognition queue full: ${this.waiting.length} images are already waiting for ${this.slots.length} worker(s). Send fewer images at once or try again in a few seconds; an administrator can raise recognition.workers or recognition.queue.`,
      );
    }
    const job = { ...input, id: this.nextId++ } as WorkerJob;
    const reply = new Promise<WorkerReply>((resolve, reject) => this.waiting.push({ job, queuedAt: performance.now(), resolve, reject }));
    await this.start();
    this.dispatch();
    const answer = await reply;
    if ('ok' in answer && !answer.ok) throw asError(answer.error);
    return answer;
  }

  async recognize(image: Uint8Array, options: { images?: boolean; maxFrameBytes?: number } = {}): Promise<FrameRecognition & { queueMs: number }> {
    const queued = performance.now();
    const reply = await this.submit({
      op: 'recognize',
      image,
      images: options.images ?? false,
      maxFrameBytes: options.maxFrameBytes ?? 2_000_000,
    });
    if (!('frame' in reply)) throw new Error('unexpected worker reply');
    const queueMs = Math.max(0, Math.round((performance.now() - queued - reply.frame.timings.totalMs) * 100) / 100);
    return { ...reply.frame, queueMs };
  }

  /** The crop-only mode: each image is a plate already. */
  async readCrops(images: Uint8Array[]): Promise<TextReading[]> {
    const reply = await this.submit({ op: 'read', images });
    if (!('readings' in reply)) throw new Error('unexpected worker reply');
    return reply.readings;
  }

  stats(): PoolStats {
    return {
      workers: this.slots.length,
      busy: this.slots.filter((s) => s.current).length,
      waiting: this.waiting.length,
      queueLimit: this.options.queue,
      completed: this.completed,
      refused: this.refused,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.waiting.splice(0)) pending.reject(unavailable('recognition_stopped', 'Recognition stopped: the server is shutting down.'));
    const slots = this.slots.splice(0);
    await Promise.all(
      slots.map(async (slot) => {
        slot.detach();
        slot.current?.reject(unavailable('recognition_stopped', 'Recognition stopped: the server is shutting down.'));
        await slot.worker.terminate();
      }),
    );
  }
}
