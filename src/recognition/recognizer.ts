// Image → plates (issue 11, R3): the detector finds plates in a frame, the reader reads each one.
// Runs the two ONNX models with onnxruntime-node on the CPU; one Recognizer per worker thread
// (recognition.pool.ts), each with its own sessions. Loading checks each model against its sidecar
// with one dummy run, so a wrong or corrupt file stops the start with its name, not the first read.
import * as ort from 'onnxruntime-node';
import { decodeCtc, type TextReading } from './ctc.js';
import { decodeDetections, roundBox, type Box } from './detections.js';
import { modelError, type DetectorSpec, type ModelSpecs, type ReaderSpec } from './model-spec.js';
import { cropJpeg, decodeFrame, detectorInput, frameJpeg, readerBatchFromCrops, readerBatchFromFrame, readerRegion, type Frame } from './pixels.js';

export interface PlateReading extends TextReading {
  /** Where the plate is in the frame, in pixels (top-left origin). */
  box: Box;
  /** How sure the detector is that a plate is there (0–1). */
  detectorScore: number;
}

export interface Timings {
  decodeMs: number;
  detectMs: number;
  readMs: number;
  totalMs: number;
}

export interface FrameRecognition {
  width: number;
  height: number;
  plates: PlateReading[];
  timings: Timings;
  /** With images: true, a JPEG of each plate (same order) and of the frame (no larger than maxFrameBytes). */
  images?: { plates: Uint8Array[]; frame: Uint8Array };
}

export interface RecognizeOptions {
  images?: boolean;
  maxFrameBytes?: number;
}

/** The reader reads the detector's box widened by this much on each side (a fraction of its size). */
const READ_MARGIN = { x: 0.04, y: 0.06 };
/** The stored plate image shows a little more around the plate than the reader needs. */
const CROP_MARGIN = { x: 0.15, y: 0.25 };

const since = (start: number) => Math.round((performance.now() - start) * 100) / 100;

async function session(file: string, threads: number): Promise<ort.InferenceSession> {
  try {
    return await ort.InferenceSession.create(file, {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
  } catch (error) {
    throw modelError(file, `cannot be loaded by onnxruntime (${(error as Error).message})`);
  }
}

function needNames(s: ort.InferenceSession, file: string, inputs: string[], outputs: string[]): void {
  for (const name of inputs)
    if (!s.inputNames.includes(name)) throw modelError(file, `has no input "${name}" (it has ${s.inputNames.join(', ')}); the sidecar does not match the model`);
  for (const name of outputs)
    if (!s.outputNames.includes(name)) throw modelError(file, `has no output "${name}" (it has ${s.outputNames.join(', ')}); the sidecar does not match the model`);
}

export class Recognizer {
  private constructor(
    readonly specs: ModelSpecs,
    private readonly reader: ort.InferenceSession,
    private readonly detector: ort.InferenceSession,
  ) {}

  static async load(specs: ModelSpecs, options: { threads?: number } = {}): Promise<Recognizer> {
    const threads = options.threads ?? 1;
    const reader = await session(specs.reader.model, threads);
    needNames(reader, specs.reader.model, [specs.reader.input], [specs.reader.output]);
    const detector = await session(specs.detector.model, threads);
    needNames(detector, specs.detector.model, [specs.detector.input], [specs.detector.outputs.heatmap, specs.detector.outputs.boxes]);
    const recognizer = new Recognizer(specs, reader, detector);
    await recognizer.selfCheck();
    return recognizer;
  }

  /** One dummy run of each model: the output shapes must be what the sidecars promise. */
  private async selfCheck(): Promise<void> {
    const { reader, detector } = this.specs;
    let logits: ort.Tensor;
    try {
      logits = await this.runReader(new Float32Array(reader.width * reader.height), 1);
    } catch (error) {
      throw modelError(reader.model, `fails on a ${reader.width}×${reader.height} input (${(error as Error).message})`);
    }
    const classes = reader.alphabet.length + 1;
    if (logits.dims.length !== 3 || logits.dims[2] !== classes)
      throw modelError(reader.model, `gives logits of shape [${logits.dims.join(', ')}], not [N, T, ${classes}] for its ${reader.alphabet.length}-character alphabet`);
    const grid = detector.size / detector.stride;
    let outputs: { heatmap: ort.Tensor; boxes: ort.Tensor };
    try {
      outputs = await this.runDetector(new Float32Array(3 * detector.size * detector.size).fill(detector.pad));
    } catch (error) {
      throw modelError(detector.model, `fails on a ${detector.size}×${detector.size} input (${(error as Error).message})`);
    }
    if (outputs.heatmap.dims.join() !== [1, 1, grid, grid].join())
      throw modelError(detector.model, `gives a heatmap of shape [${outputs.heatmap.dims.join(', ')}], not [1, 1, ${grid}, ${grid}]`);
    if (outputs.boxes.dims.join() !== [1, 4, grid, grid].join())
      throw modelError(detector.model, `gives boxes of shape [${outputs.boxes.dims.join(', ')}], not [1, 4, ${grid}, ${grid}]`);
  }

  private async runReader(batch: Float32Array, n: number): Promise<ort.Tensor> {
    const spec: ReaderSpec = this.specs.reader;
    const result = await this.reader.run({
      [spec.input]: new ort.Tensor('float32', batch, [n, 1, spec.height, spec.width]),
    });
    return result[spec.output]!;
  }

  private async runDetector(input: Float32Array): Promise<{ heatmap: ort.Tensor; boxes: ort.Tensor }> {
    const spec: DetectorSpec = this.specs.detector;
    const result = await this.detector.run({
      [spec.input]: new ort.Tensor('float32', input, [1, 3, spec.size, spec.size]),
    });
    return {
      heatmap: result[spec.outputs.heatmap]!,
      boxes: result[spec.outputs.boxes]!,
    };
  }

  /** Reads a batch of prepared reader inputs. */
  private async read(batch: Float32Array, n: number): Promise<TextReading[]> {
    if (n === 0) return [];
    const logits = await this.runReader(batch, n);
    const [, frames, classes] = logits.dims as [number, number, number];
    const data = logits.data as Float32Array;
    const options = {
      alphabet: this.specs.reader.alphabet,
      confidence: this.specs.reader.confidence,
    };
    return Array.from({ length: n }, (_, i) => decodeCtc(data, frames, classes, options, i * frames * classes));
  }

  /** The crop-only mode: each image is a plate already (the reader alone). */
  async readCrops(images: Uint8Array[]): Promise<TextReading[]> {
    return this.read(await readerBatchFromCrops(images, this.specs.reader), images.length);
  }

  /** Finds and reads every plate in a frame. */
  async recognize(image: Uint8Array, options: RecognizeOptions = {}): Promise<FrameRecognition> {
    const start = performance.now();
    const frame: Frame = await decodeFrame(image);
    const decodeMs = since(start);
    const detectStart = performance.now();
    const { tensor, scale } = await detectorInput(frame, this.specs.detector);
    const out = await this.runDetector(tensor);
    const spec = this.specs.detector;
    const detections = decodeDetections({
      heatmap: out.heatmap.data as Float32Array,
      boxes: out.boxes.data as Float32Array,
      grid: spec.size / spec.stride,
      stride: spec.stride,
      threshold: spec.scoreThreshold,
      nmsIou: spec.nmsIou,
      scale,
      frame,
    });
    const detectMs = since(detectStart);
    const readStart = performance.now();
    const regions = detections.map((d) => readerRegion(d.box, frame, READ_MARGIN));
    const readings = await this.read(readerBatchFromFrame(frame, regions, this.specs.reader), regions.length);
    const plates = detections
      .map((d, i) => ({
        box: roundBox(d.box),
        detectorScore: Math.round(d.score * 10_000) / 10_000,
        ...readings[i]!,
      }))
      .filter((p) => p.text.length > 0);
    const readMs = since(readStart);
    const result: FrameRecognition = {
      width: frame.width,
      height: frame.height,
      plates,
      timings: { decodeMs, detectMs, readMs, totalMs: since(start) },
    };
    if (options.images) {
      result.images = {
        plates: await Promise.all(plates.map((p) => cropJpeg(frame, readerRegion(p.box, frame, CROP_MARGIN)))),
        frame: plates.length ? await frameJpeg(frame, image, options.maxFrameBytes ?? 2_000_000) : new Uint8Array(0),
      };
    }
    return result;
  }

  async release(): Promise<void> {
    await this.reader.release();
    await this.detector.release();
  }
}
