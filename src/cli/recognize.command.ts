// `platekeeper recognize FILE... [--json]` and `platekeeper recognize --eval DIR` (issue 11; R3,
// R28): the built-in recognizer on images from the command line, in this process (no server), and
// its accuracy on a labelled folder of plate crops or street scenes.
//
// Exit status: 0 done; 2 bad usage, or a file or folder that is not there (one line naming it);
// otherwise the platform's codes (platform/errors.ts: exitCodeFor), e.g. 70 for a broken model file.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { loadProfile } from '../policy/index.js';
import { evaluateCrops, evaluateScenes, formatCropEvaluation, formatOf, formatSceneEvaluation, readCropCases, readSceneCases, usageError } from '../recognition/evaluate.js';
import { loadModelSpecs } from '../recognition/model-spec.js';
import { Recognizer } from '../recognition/recognizer.js';
import { configFrom, withCommonOptions, type CommonOptions } from './options.js';

interface RecognizeFlags extends CommonOptions {
  json?: boolean;
  eval?: string;
  crop?: boolean;
  modelDir?: string;
}

/** The models shipped beside the code: models/ at the package root (from src/cli or dist/cli). */
const SHIPPED_MODELS = fileURLToPath(new URL('../../models', import.meta.url));

export function registerRecognizeCommand(program: Command): void {
  const command = withCommonOptions(program.command('recognize'))
    .description('read the plates in images with the built-in recognizer, or measure it on a labelled folder (--eval)')
    .argument('[files...]', 'JPEG or PNG images: street scenes, or plate crops with --crop')
    .option('--json', 'print the readings as JSON')
    .option('--crop', 'the images are plate crops already: run the reader alone')
    .option('--eval <dir>', 'measure accuracy on a folder: groundtruth.csv (file,state,PLATE) of crops, or .jpg scenes each with a .txt (file, x, y, w, h, PLATE)')
    .option('--model-dir <dir>', 'folder with plate-reader.onnx/.json and plate-detector.onnx/.json (default: recognition.modelDir, else the shipped models/)');
  // Usage errors exit 2 with one line, as the rest of this command's problems do.
  command.configureOutput({ writeErr: () => undefined }).exitOverride((error) => {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.help') throw error;
    throw usageError(error.message.replace(/^error: /, ''));
  });
  command.action(async (files: string[], flags: RecognizeFlags) => {
    if (flags.eval !== undefined && files.length) throw usageError('Give either files to read or --eval DIR, not both.');
    if (flags.eval === undefined && files.length === 0) throw usageError('Name one or more images to read (platekeeper recognize photo.jpg), or a labelled folder with --eval DIR.');
    for (const file of files) if (!existsSync(file) || !statSync(file).isFile()) throw usageError(`${file} does not exist or is not a file.`);
    const format = flags.eval !== undefined ? formatOf(flags.eval) : undefined;
    const config = configFrom(flags);
    const threshold = loadProfile(config.profile).recognition.confidenceThreshold;
    const recognizer = await Recognizer.load(loadModelSpecs(flags.modelDir ?? config.recognition.modelDir ?? SHIPPED_MODELS), { threads: 2 });
    try {
      if (format === 'crops') {
        const result = await evaluateCrops(readCropCases(flags.eval!), (images) => recognizer.readCrops(images), threshold);
        print(flags.json, result, () => formatCropEvaluation(flags.eval!, result));
      } else if (format === 'scenes') {
        const result = await evaluateScenes(readSceneCases(flags.eval!), (image) => recognizer.recognize(image), threshold);
        print(flags.json, result, () => formatSceneEvaluation(flags.eval!, result));
      } else {
        await readFiles(recognizer, files, flags, threshold);
      }
    } finally {
      await recognizer.release();
    }
  });
}

function print(json: boolean | undefined, value: unknown, lines: () => string[]): void {
  console.log(json ? JSON.stringify(value, null, 2) : lines().join('\n'));
}

const verify = (confidence: number, threshold: number) => (confidence < threshold ? ' — below the confidence threshold: verify against the image' : '');

async function readFiles(recognizer: Recognizer, files: string[], flags: RecognizeFlags, threshold: number): Promise<void> {
  const out: unknown[] = [];
  for (const file of files) {
    const image = readFileSync(file);
    if (flags.crop) {
      const [reading] = await recognizer.readCrops([image]);
      const result = { file, ...reading!, needsVerification: reading!.confidence < threshold };
      out.push(result);
      if (!flags.json) console.log(`${file}: ${reading!.text || '(nothing read)'} (${reading!.confidence.toFixed(2)})${verify(reading!.confidence, threshold)}${alternatives(reading!.alternatives)}`);
      continue;
    }
    const result = await recognizer.recognize(image);
    const plates = result.plates.map((plate) => ({ ...plate, needsVerification: plate.confidence < threshold }));
    out.push({ file, width: result.width, height: result.height, plates, timings: result.timings });
    if (flags.json) continue;
    if (plates.length === 0) console.log(`${file}: no plate found`);
    for (const plate of plates) {
      const { x, y, width, height } = plate.box;
      console.log(`${file}: ${plate.text} (${plate.confidence.toFixed(2)}) at ${x},${y} ${width}×${height}${verify(plate.confidence, threshold)}${alternatives(plate.alternatives)}`);
    }
  }
  if (flags.json) console.log(JSON.stringify(files.length === 1 ? out[0] : out, null, 2));
}

function alternatives(list: { text: string; confidence: number }[]): string {
  return list.length ? `; or ${list.slice(0, 3).map((a) => `${a.text} (${a.confidence.toFixed(2)})`).join(', ')}` : '';
}
