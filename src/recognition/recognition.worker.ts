// One recognition worker thread (issue 11): loads both models once, then answers the pool's jobs
// one at a time. Errors go back as plain data (id, status, message) for the pool to rethrow; an
// error loading the models goes back first, instead of "ready", and the thread ends.
import { parentPort, workerData } from 'node:worker_threads';
import { isAppError } from '../platform/errors.js';
import type { ModelSpecs } from './model-spec.js';
import { Recognizer } from './recognizer.js';
import type { WorkerJob, WorkerReply, WorkerStart } from './recognition.protocol.js';

const port = parentPort!;
const start = workerData as WorkerStart;

function failure(error: unknown): {
  id: string;
  status: number;
  message: string;
  field?: string;
} {
  if (isAppError(error))
    return {
      id: error.id,
      status: error.status,
      message: error.message,
      ...(error.field ? { field: error.field } : {}),
    };
  return {
    id: 'recognition_failed',
    status: 500,
    message: `Recognition failed: ${(error as Error).message ?? String(error)}`,
  };
}

let recognizer: Recognizer;
try {
  recognizer = await Recognizer.load(start.specs as ModelSpecs, {
    threads: start.threads,
  });
  port.postMessage({ ready: true } satisfies WorkerReply);
} catch (error) {
  port.postMessage({
    ready: false,
    error: failure(error),
  } satisfies WorkerReply);
  port.close();
}

port.on('message', (job: WorkerJob) => {
  void (async () => {
    try {
      if (job.op === 'read') {
        const readings = await recognizer.readCrops(job.images);
        port.postMessage({
          job: job.id,
          ok: true,
          readings,
        } satisfies WorkerReply);
      } else {
        const result = await recognizer.recognize(job.image, {
          images: job.images,
          maxFrameBytes: job.maxFrameBytes,
        });
        // Copied, not transferred: sharp's and Node's buffers may share pooled memory.
        port.postMessage({
          job: job.id,
          ok: true,
          frame: result,
        } satisfies WorkerReply);
      }
    } catch (error) {
      port.postMessage({
        job: job.id,
        ok: false,
        error: failure(error),
      } satisfies WorkerReply);
    }
  })();
});
