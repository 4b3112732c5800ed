// npm run bench:recognize — built-in recognition (issue 11): reader milliseconds per crop (batch 1
// and batched, model alone and from a JPEG), detector + reader per 1080p frame, the worker pool's
// throughput, and accuracy on the real evaluation data in ../shared/data when it is there (read
// in place, never copied). Targets: reader ≤ 5 ms per crop, detector + reader ≤ 60 ms per 1080p frame.
//
//   npm run bench:recognize [-- --model-dir=DIR] [--data=DIR] [--profile=NAME] [--quick]
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { loadProfile } from '../src/policy/index.js';
import { evaluateCrops, evaluateScenes, formatCropEvaluation, formatSceneEvaluation, readCropCases, readSceneCases } from '../src/recognition/evaluate.js';
import { loadModelSpecs } from '../src/recognition/model-spec.js';
import { Recognizer } from '../src/recognition/recognizer.js';
import { RecognitionPool } from '../src/recognition/recognition.pool.js';
import { KNOWN_PLATES, plateCrop, sceneWith } from '../src/recognition/recognition.testkit.js';
import { fmt, percentile } from './bench.kit.js';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=').slice(1).join('=');
const root = fileURLToPath(new URL('..', import.meta.url));
const modelDir = arg('model-dir') ?? join(root, 'models');
const dataDir = arg('data') ?? process.env.PLATEKEEPER_EVAL_DATA ?? join(root, '..', 'shared', 'data');
const quick = process.argv.includes('--quick');
const threshold = loadProfile(arg('profile') ?? 'ca-doj-template').recognition.confidenceThreshold;

async function time(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < Math.min(5, runs); i++) await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

const line = (label: string, sorted: number[], per = 1) => `  ${label.padEnd(44)} p50 ${fmt(percentile(sorted, 50) / per, 2).padStart(7)} ms   p95 ${fmt(percentile(sorted, 95) / per, 2).padStart(7)} ms`;

async function main(): Promise<void> {
  const specs = loadModelSpecs(modelDir);
  console.log(`bench:recognize — models in ${modelDir}: reader ${specs.reader.version} (${specs.reader.width}×${specs.reader.height}), detector ${specs.detector.version} (${specs.detector.size}²)`);
  console.log(`machine: ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at start (other work on the machine slows these numbers)`);
  const recognizer = await Recognizer.load(specs, { threads: 1 });
  const runs = quick ? 30 : 200;

  console.log('\nReader (one onnxruntime thread, as in a worker):');
  const crops = await Promise.all(KNOWN_PLATES.map(plateCrop));
  const one = [crops[0]!];
  const batch = Array.from({ length: 32 }, (_, i) => crops[i % crops.length]!);
  console.log(line('batch 1, from the JPEG crop', await time(runs, () => recognizer.readCrops(one))));
  console.log(line('batch 32, per crop, from JPEG crops', await time(Math.ceil(runs / 10), () => recognizer.readCrops(batch)), 32));

  console.log('\nDetector + reader per 1080p frame (decode, letterbox, detect, crop, read):');
  const realScene = join(dataDir, 'us-scenes-dev');
  const realFrame = existsSync(realScene) ? readdirSync(realScene).find((n) => n.endsWith('.jpg')) : undefined;
  const generated = await sharp((await sceneWith(KNOWN_PLATES[0], { plateWidth: 200 })).image).resize(1920, 1080).jpeg({ quality: 90 }).toBuffer();
  const frames: [string, Buffer][] = [['generated 1920×1080 frame', generated]];
  if (realFrame) frames.push([`real 1080p scene (${realFrame.slice(0, 8)}…)`, readFileSync(join(realScene, realFrame))]);
  for (const [label, frame] of frames) {
    const parts: { decodeMs: number; detectMs: number; readMs: number }[] = [];
    const total = await time(quick ? 10 : 50, async () => parts.push((await recognizer.recognize(frame)).timings));
    const median = (key: 'decodeMs' | 'detectMs' | 'readMs') => percentile(parts.map((p) => p[key]).sort((a, b) => a - b), 50);
    console.log(`${line(label, total)}   (decode ${fmt(median('decodeMs'), 1)}, detect ${fmt(median('detectMs'), 1)}, read ${fmt(median('readMs'), 1)} ms)`);
  }

  const workers = Math.max(1, Math.floor(availableParallelism() / 2));
  const count = quick ? 20 : 100;
  const pool = new RecognitionPool({ specs, workers, queue: count });
  await pool.start();
  const start = performance.now();
  await Promise.all(Array.from({ length: count }, () => pool.recognize(generated)));
  const seconds = (performance.now() - start) / 1000;
  console.log(`\nWorker pool (${workers} worker${workers === 1 ? '' : 's'}, the default here): ${fmt(count / seconds, 1)} frames/s over ${count} 1080p frames sent at once`);
  await pool.close();

  console.log(`\nAccuracy (profile threshold ${threshold}):`);
  const cropsDir = join(dataDir, 'us-plate-crops');
  if (existsSync(join(cropsDir, 'groundtruth.csv'))) {
    const result = await evaluateCrops(readCropCases(cropsDir), (images) => recognizer.readCrops(images), threshold);
    console.log(formatCropEvaluation(cropsDir, result).join('\n'));
  } else console.log(`  ${cropsDir} is not there: real-crop accuracy skipped (evaluation data is read in place, never copied into the project).`);
  if (existsSync(realScene)) {
    const result = await evaluateScenes(readSceneCases(realScene), (image) => recognizer.recognize(image), threshold);
    console.log(formatSceneEvaluation(realScene, result).join('\n'));
  } else console.log(`  ${realScene} is not there: scene accuracy skipped.`);
  await recognizer.release();
}

await main();
