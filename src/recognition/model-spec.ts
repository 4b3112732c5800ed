// The two models' sidecar files (issue 11): models/plate-reader.json and plate-detector.json say
// how to feed each ONNX file and read its outputs, so sizes and thresholds live with the model that
// was trained for them, not in the code. A missing or malformed file stops the start with a message
// naming it (the server must not run with a recognizer it cannot trust).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { AppError } from '../platform/errors.js';

const MeanStd = Type.Union([Type.Number(), Type.Array(Type.Number(), { minItems: 1, maxItems: 1 })]);

export const ReaderSidecar = Type.Object({
  input: Type.String({ minLength: 1 }),
  output: Type.String({ minLength: 1 }),
  height: Type.Integer({ minimum: 4, maximum: 512 }),
  width: Type.Integer({ minimum: 4, maximum: 2048 }),
  channels: Type.Literal(1),
  mean: MeanStd,
  std: MeanStd,
  alphabet: Type.String({ minLength: 1 }),
  blank: Type.Literal(0),
  confidence: Type.Union([Type.Literal('min'), Type.Literal('mean')]),
  version: Type.String(),
  trainedOn: Type.Optional(Type.Unknown()),
});
export type ReaderSidecar = Static<typeof ReaderSidecar>;

export const DetectorSidecar = Type.Object({
  input: Type.String({ minLength: 1 }),
  size: Type.Integer({ minimum: 32, maximum: 4096 }),
  stride: Type.Integer({ minimum: 1, maximum: 64 }),
  outputs: Type.Object({
    heatmap: Type.String({ minLength: 1 }),
    boxes: Type.String({ minLength: 1 }),
  }),
  scoreThreshold: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }),
  nmsIou: Type.Number({ minimum: 0, maximum: 1 }),
  // "top-left" with pad beside it, or { placement: "top-left", pad } (both forms are in use).
  letterbox: Type.Union([
    Type.Literal('top-left'),
    Type.Object({
      placement: Type.Literal('top-left'),
      pad: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    }),
  ]),
  pad: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  version: Type.String(),
  trainedOn: Type.Optional(Type.Unknown()),
});
export type DetectorSidecar = Static<typeof DetectorSidecar>;

export interface ReaderSpec extends ReaderSidecar {
  /** The ONNX file. */
  model: string;
  /** mean and std as numbers. */
  scale: { mean: number; std: number };
}

export interface DetectorSpec extends DetectorSidecar {
  model: string;
  /** The letterbox's fill value (0–1). */
  pad: number;
}

export interface ModelSpecs {
  reader: ReaderSpec;
  detector: DetectorSpec;
}

export const READER_FILES = {
  model: 'plate-reader.onnx',
  sidecar: 'plate-reader.json',
} as const;
export const DETECTOR_FILES = {
  model: 'plate-detector.onnx',
  sidecar: 'plate-detector.json',
} as const;

/** A model that cannot be used: the message names the file and what to do. */
export function modelError(file: string, problem: string): AppError {
  return new AppError(
    'recognition_model_invalid',
    500,
    `Recognition model file ${file} ${problem}. Restore it from the repository (models/), point recognition.modelDir at a folder that holds it, or set recognition.enabled: false.`,
  );
}

function readSidecar<T extends typeof ReaderSidecar | typeof DetectorSidecar>(schema: T, file: string): Static<T> {
  if (!existsSync(file)) throw modelError(file, 'is missing');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw modelError(file, `is not JSON (${(error as Error).message})`);
  }
  const first = Value.Errors(schema, parsed)[0];
  if (first) {
    const key = first.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(top level)';
    const missing = (first.params as { requiredProperties?: string[] } | undefined)?.requiredProperties?.[0];
    throw modelError(file, `is not a valid sidecar: ${missing ? `"${missing}" is required` : `"${key}" ${first.message}`}`);
  }
  return parsed as Static<T>;
}

function modelFile(file: string): string {
  if (!existsSync(file)) throw modelError(file, 'is missing');
  if (statSync(file).size < 64) throw modelError(file, 'is empty or truncated');
  return file;
}

const one = (value: number | number[]): number => (Array.isArray(value) ? value[0]! : value);

/** Reads and checks both sidecars and that both ONNX files are there (their contents are checked when loaded). */
export function loadModelSpecs(modelDir: string): ModelSpecs {
  const readerSidecar = readSidecar(ReaderSidecar, join(modelDir, READER_FILES.sidecar));
  const reader: ReaderSpec = {
    ...readerSidecar,
    model: modelFile(join(modelDir, READER_FILES.model)),
    scale: { mean: one(readerSidecar.mean), std: one(readerSidecar.std) },
  };
  if (reader.scale.std === 0) throw modelError(join(modelDir, READER_FILES.sidecar), 'has std 0');
  const detectorSidecar = readSidecar(DetectorSidecar, join(modelDir, DETECTOR_FILES.sidecar));
  const pad = detectorSidecar.pad ?? (typeof detectorSidecar.letterbox === 'object' ? detectorSidecar.letterbox.pad : undefined) ?? 0.5;
  const detector: DetectorSpec = {
    ...detectorSidecar,
    pad,
    model: modelFile(join(modelDir, DETECTOR_FILES.model)),
  };
  if (detector.size % detector.stride !== 0) throw modelError(join(modelDir, DETECTOR_FILES.sidecar), `has size ${detector.size}, not a multiple of stride ${detector.stride}`);
  return { reader, detector };
}
