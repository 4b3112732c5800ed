// Measuring the recognizer on labelled folders (issue 11; R28): `platekeeper recognize --eval DIR`
// and npm run bench:recognize. Two formats:
// - crops: DIR/groundtruth.csv with `file,state,PLATE` rows, one plate per image (the reader alone);
// - scenes: DIR/*.jpg each with a .txt beside it, lines `file<TAB>x<TAB>y<TAB>width<TAB>height<TAB>PLATE`
//   (the detector, then the reader on what it found).
// Ground truth prints O and 0 as on the plate; many states' plates do not tell them apart, so exact
// accuracy is given strictly and with O and 0 as one.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { badRequest } from '../platform/errors.js';
import type { TextReading } from './ctc.js';
import { iou, type Box } from './detections.js';

export interface CropCase {
  file: string;
  state: string;
  plate: string;
}

export interface SceneCase {
  file: string;
  plates: { box: Box; plate: string }[];
}

export type EvalFormat = 'crops' | 'scenes';

/** A usage problem: the CLI exits 2 with the message. */
export const usageError = (message: string) => Object.assign(badRequest('invalid_usage', message), { exitCode: 2 });

export function formatOf(dir: string): EvalFormat {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw usageError(`${dir} is not a folder; --eval needs a folder with groundtruth.csv (plate crops) or .jpg scenes with a .txt beside each.`);
  if (existsSync(join(dir, 'groundtruth.csv'))) return 'crops';
  if (readdirSync(dir).some((name) => name.endsWith('.txt') && existsSync(join(dir, name.replace(/\.txt$/, '.jpg'))))) return 'scenes';
  throw usageError(`${dir} has neither groundtruth.csv (plate crops: file,state,PLATE) nor .jpg scenes with a .txt beside each (file, x, y, width, height, PLATE, tab-separated).`);
}

export function readCropCases(dir: string): CropCase[] {
  const cases: CropCase[] = [];
  for (const line of readFileSync(join(dir, 'groundtruth.csv'), 'utf8').split(/\r?\n/)) {
    const [file, state, plate] = line.split(',').map((cell) => cell.trim());
    if (!file || !plate || file === 'file') continue;
    cases.push({ file: join(dir, file), state: state ?? '', plate: plate.toUpperCase() });
  }
  if (cases.length === 0) throw usageError(`${join(dir, 'groundtruth.csv')} has no rows of file,state,PLATE.`);
  return cases;
}

export function readSceneCases(dir: string): SceneCase[] {
  const cases: SceneCase[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.txt')).sort()) {
    const plates: SceneCase['plates'] = [];
    let file = join(dir, name.replace(/\.txt$/, '.jpg'));
    for (const line of readFileSync(join(dir, name), 'utf8').split(/\r?\n/)) {
      const cells = line.split('\t');
      if (cells.length < 6) continue;
      file = join(dir, cells[0]!);
      plates.push({ box: { x: Number(cells[1]), y: Number(cells[2]), width: Number(cells[3]), height: Number(cells[4]) }, plate: cells[5]!.trim().toUpperCase() });
    }
    if (plates.length && existsSync(file)) cases.push({ file, plates });
  }
  return cases;
}

const sameO0 = (text: string) => text.replace(/O/g, '0');

/** Edit operations turning truth into read: substitutions as [truth, read], deletions as [truth, ''], insertions as ['', read]. */
export function alignment(truth: string, read: string): { distance: number; edits: [string, string][] } {
  const rows = truth.length + 1;
  const cols = read.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) for (let j = 1; j < cols; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (truth[i - 1] === read[j - 1] ? 0 : 1));
  const edits: [string, string][] = [];
  let i = truth.length;
  let j = read.length;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && d[i]![j] === d[i - 1]![j - 1]! + (truth[i - 1] === read[j - 1] ? 0 : 1)) {
      if (truth[i - 1] !== read[j - 1]) edits.push([truth[i - 1]!, read[j - 1]!]);
      i--;
      j--;
    } else if (i > 0 && d[i]![j] === d[i - 1]![j]! + 1) {
      edits.push([truth[i - 1]!, '']);
      i--;
    } else {
      edits.push(['', read[j - 1]!]);
      j--;
    }
  }
  return { distance: d[truth.length]![read.length]!, edits };
}

export interface ReadScore {
  truth: string;
  read: string;
  confidence: number;
}

export interface Accuracy {
  total: number;
  exact: number;
  exactO0: number;
  /** Characters right: 1 − edit distance / plate length, over all plates. */
  characterAccuracy: number;
  confusions: { truth: string; read: string; count: number }[];
  threshold: number;
  above: { total: number; exact: number };
  below: { total: number; exact: number };
}

export function score(results: ReadScore[], threshold: number): Accuracy {
  let exact = 0;
  let exactO0 = 0;
  let characters = 0;
  let wrong = 0;
  const confusions = new Map<string, number>();
  const above = { total: 0, exact: 0 };
  const below = { total: 0, exact: 0 };
  for (const r of results) {
    const right = r.read === r.truth;
    if (right) exact++;
    if (sameO0(r.read) === sameO0(r.truth)) exactO0++;
    const { distance, edits } = alignment(r.truth, r.read);
    characters += r.truth.length;
    wrong += Math.min(distance, r.truth.length);
    for (const [t, x] of edits) confusions.set(`${t}\u0000${x}`, (confusions.get(`${t}\u0000${x}`) ?? 0) + 1);
    const side = r.confidence >= threshold ? above : below;
    side.total++;
    if (right) side.exact++;
  }
  return {
    total: results.length,
    exact,
    exactO0,
    characterAccuracy: characters ? (characters - wrong) / characters : 0,
    confusions: [...confusions.entries()]
      .map(([key, count]) => {
        const [truth, read] = key.split('\u0000') as [string, string];
        return { truth, read, count };
      })
      .sort((a, b) => b.count - a.count)
      .slice(0, 10),
    threshold,
    above,
    below,
  };
}

export interface CropEvaluation extends Accuracy {
  msPerCrop: number;
}

/** Reads every crop (in batches) and scores the readings. */
export async function evaluateCrops(cases: CropCase[], read: (images: Uint8Array[]) => Promise<TextReading[]>, threshold: number, batch = 32): Promise<CropEvaluation> {
  const results: ReadScore[] = [];
  let ms = 0;
  for (let start = 0; start < cases.length; start += batch) {
    const slice = cases.slice(start, start + batch);
    const images = slice.map((c) => readFileSync(c.file));
    const began = performance.now();
    const readings = await read(images);
    ms += performance.now() - began;
    slice.forEach((c, i) => results.push({ truth: c.plate, read: readings[i]!.text, confidence: readings[i]!.confidence }));
  }
  return { ...score(results, threshold), msPerCrop: cases.length ? ms / cases.length : 0 };
}

export interface SceneEvaluation {
  scenes: number;
  plates: number;
  /** Plates the detector found (a box with IoU ≥ 0.5). */
  found: number;
  /** Plates found and read exactly (strictly, and with O and 0 as one). */
  exact: number;
  exactO0: number;
  /** Boxes that match no labelled plate, per scene. */
  falseDetectionsPerScene: number;
  reads: Accuracy;
  msPerFrame: { p50: number; p95: number };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function evaluateScenes(
  cases: SceneCase[],
  recognize: (image: Uint8Array) => Promise<{ plates: { box: Box; text: string; confidence: number }[] }>,
  threshold: number,
): Promise<SceneEvaluation> {
  let plates = 0;
  let found = 0;
  let falseDetections = 0;
  const reads: ReadScore[] = [];
  const times: number[] = [];
  for (const scene of cases) {
    const began = performance.now();
    const result = await recognize(readFileSync(scene.file));
    times.push(performance.now() - began);
    const matched = new Set<number>();
    for (const truth of scene.plates) {
      plates++;
      let best = -1;
      let bestIou = 0;
      result.plates.forEach((p, i) => {
        const overlap = iou(p.box, truth.box);
        if (overlap > bestIou) [best, bestIou] = [i, overlap];
      });
      if (bestIou >= 0.5) {
        found++;
        matched.add(best);
        reads.push({ truth: truth.plate, read: result.plates[best]!.text, confidence: result.plates[best]!.confidence });
      } else reads.push({ truth: truth.plate, read: '', confidence: 0 });
    }
    falseDetections += result.plates.length - matched.size;
  }
  const accuracy = score(reads, threshold);
  return {
    scenes: cases.length,
    plates,
    found,
    exact: accuracy.exact,
    exactO0: accuracy.exactO0,
    falseDetectionsPerScene: cases.length ? falseDetections / cases.length : 0,
    reads: accuracy,
    msPerFrame: { p50: percentile(times, 50), p95: percentile(times, 95) },
  };
}

const pct = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)}%` : '—');

export function formatCropEvaluation(dir: string, e: CropEvaluation): string[] {
  return [
    `${dir}: ${e.total} plate crops`,
    `  exact plates: ${pct(e.exact, e.total)} (${e.exact}/${e.total}); with O and 0 as one: ${pct(e.exactO0, e.total)} (${e.exactO0}/${e.total})`,
    `  characters: ${(100 * e.characterAccuracy).toFixed(1)}%`,
    ...formatThreshold(e),
    `  top confusions (truth → read): ${formatConfusions(e.confusions)}`,
    `  reader: ${e.msPerCrop.toFixed(2)} ms per crop (batches, including decoding)`,
  ];
}

export function formatSceneEvaluation(dir: string, e: SceneEvaluation): string[] {
  return [
    `${dir}: ${e.scenes} scenes, ${e.plates} plates`,
    `  detector: ${pct(e.found, e.plates)} of plates found (IoU ≥ 0.5), ${e.falseDetectionsPerScene.toFixed(2)} other boxes per scene`,
    `  end to end exact reads: ${pct(e.exact, e.plates)} (${e.exact}/${e.plates}); with O and 0 as one: ${pct(e.exactO0, e.plates)}`,
    `  characters (of found and missed plates): ${(100 * e.reads.characterAccuracy).toFixed(1)}%`,
    ...formatThreshold(e.reads),
    `  top confusions (truth → read): ${formatConfusions(e.reads.confusions)}`,
    `  ${e.msPerFrame.p50.toFixed(0)} ms per frame (p50), ${e.msPerFrame.p95.toFixed(0)} ms (p95), detector + reader + decoding`,
  ];
}

function formatThreshold(e: Accuracy): string[] {
  return [
    `  at the profile's threshold ${e.threshold}: ${e.above.total} read at or above it, ${pct(e.above.exact, e.above.total)} exact; ${e.below.total} below it (marked for verification), ${pct(e.below.exact, e.below.total)} exact`,
  ];
}

function formatConfusions(confusions: Accuracy['confusions']): string {
  if (confusions.length === 0) return 'none';
  return confusions.map((c) => `${c.truth || '∅'}→${c.read || '∅'} ×${c.count}`).join(', ');
}
