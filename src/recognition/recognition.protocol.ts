// Messages between the recognition pool and its worker threads (structured-clone data only).
import type { TextReading } from './ctc.js';
import type { ModelSpecs } from './model-spec.js';
import type { FrameRecognition } from './recognizer.js';

export interface WorkerStart {
  specs: ModelSpecs;
  threads: number;
}

export type WorkerJob =
  | {
      id: number;
      op: 'recognize';
      image: Uint8Array;
      images: boolean;
      maxFrameBytes: number;
    }
  | { id: number; op: 'read'; images: Uint8Array[] };

export interface WorkerFailure {
  id: string;
  status: number;
  message: string;
  field?: string;
}

export type WorkerReply =
  | { ready: true }
  | { ready: false; error: WorkerFailure }
  | { job: number; ok: true; frame: FrameRecognition }
  | { job: number; ok: true; readings: TextReading[] }
  | { job: number; ok: false; error: WorkerFailure };
