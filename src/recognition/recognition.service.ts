// Built-in plate recognition as the rest of the server uses it (issue 11; R3, R10): the worker pool
// behind it, the models' versions, and the profile's confidence threshold, below which a reading is
// marked for human verification (the same rule the alerts and read views apply to a vendor's
// confidence: a number under recognition.confidenceThreshold means "check the image").
import { loadModelSpecs, type ModelSpecs } from './model-spec.js';
import { RecognitionPool, type PoolStats } from './recognition.pool.js';
import type { Logger } from '../platform/logger.js';
import { needsVerification } from '../policy/index.js';
import type { TextReading } from './ctc.js';
import type { FrameRecognition, PlateReading, Timings } from './recognizer.js';

export interface RecognitionOptions {
  modelDir: string;
  workers: number;
  queue: number;
  /** The policy profile's recognition.confidenceThreshold. */
  confidenceThreshold: number;
  logger?: Logger;
}

export interface RecognizedPlate extends PlateReading {
  /** Confidence below the profile's threshold: a person checks the image before anyone acts on it (R10). */
  needsVerification: boolean;
}

export interface Recognition {
  width: number;
  height: number;
  plates: RecognizedPlate[];
  timings: Timings & { queueMs: number };
  images?: FrameRecognition['images'];
}

export interface ModelVersions {
  reader: string;
  detector: string;
}

export class RecognitionService {
  private pool: RecognitionPool | undefined;
  private specs: ModelSpecs | undefined;

  constructor(private readonly options: RecognitionOptions) {}

  get confidenceThreshold(): number {
    return this.options.confidenceThreshold;
  }

  /** Reads the sidecars and starts the workers (each loads and checks both models). Throws naming a missing or broken file. */
  async start(): Promise<void> {
    await this.ready();
  }

  private async ready(): Promise<RecognitionPool> {
    if (!this.pool) {
      this.specs = loadModelSpecs(this.options.modelDir);
      this.pool = new RecognitionPool({ specs: this.specs, workers: this.options.workers, queue: this.options.queue, ...(this.options.logger ? { logger: this.options.logger } : {}) });
    }
    try {
      await this.pool.start();
    } catch (error) {
      this.pool = undefined; // the next call tries again (a fixed file), and fails the same way if it is not
      throw error;
    }
    return this.pool;
  }

  models(): ModelVersions | undefined {
    return this.specs ? { reader: this.specs.reader.version, detector: this.specs.detector.version } : undefined;
  }

  needsVerification(confidence: number): boolean {
    return needsVerification(confidence, this.options.confidenceThreshold);
  }

  /** Finds and reads the plates in a frame. Throws 503 recognition_queue_full when the queue is full. */
  async recognize(image: Uint8Array, options: { images?: boolean; maxFrameBytes?: number } = {}): Promise<Recognition> {
    const result = await (await this.ready()).recognize(image, options);
    const { queueMs, ...frame } = result;
    return {
      ...frame,
      plates: frame.plates.map((plate) => ({ ...plate, needsVerification: this.needsVerification(plate.confidence) })),
      timings: { ...frame.timings, queueMs },
    };
  }

  /** The crop-only mode: each image is a plate already (the reader alone). */
  async readCrops(images: Uint8Array[]): Promise<(TextReading & { needsVerification: boolean })[]> {
    const readings = await (await this.ready()).readCrops(images);
    return readings.map((reading) => ({ ...reading, needsVerification: this.needsVerification(reading.confidence) }));
  }

  stats(): PoolStats | undefined {
    return this.pool?.stats();
  }

  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = undefined;
  }
}
