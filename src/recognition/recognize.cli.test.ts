// `platekeeper recognize` as an operator runs it, in its own process (issue 11; R3, R28): exit 2
// with one line naming the problem for bad usage or a missing folder, 0 with the figures for a
// labelled folder (generated crops here, never real ones), 0 with JSON for a file.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iou, type Box } from './detections.js';
import { KNOWN_PLATES, MODEL_DIR, plateCrop, sceneWith } from './recognition.testkit.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

function recognize(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'recognize', ...args],
      { cwd: root, env: { PATH: process.env.PATH ?? '' }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

describe('platekeeper recognize', () => {
  let dir: string;
  let box: Box;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'platekeeper-recognize-'));
    const crops = join(dir, 'crops');
    mkdirSync(crops);
    const rows = [];
    for (const [i, plate] of KNOWN_PLATES.entries()) {
      writeFileSync(join(crops, `p${i}.jpg`), await plateCrop(plate));
      rows.push(`p${i}.jpg,ca,${plate}`);
    }
    writeFileSync(join(crops, 'groundtruth.csv'), `${rows.join('\n')}\n`);
    const scene = await sceneWith(KNOWN_PLATES[0]);
    box = scene.box;
    writeFileSync(join(dir, 'scene.jpg'), scene.image);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 2 with one line for bad usage and for a folder that is not there', async () => {
    const none = await recognize([]);
    expect(none.code).toBe(2);
    expect(none.stderr.trim().split('\n')).toHaveLength(1);
    const missing = await recognize(['--eval', join(dir, 'nowhere')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(join(dir, 'nowhere'));
    expect((await recognize(['--no-such-option'])).code).toBe(2);
  });

  it('prints exact and character accuracy, confusions and the threshold split for a labelled folder (R28)', async () => {
    const run = await recognize(['--eval', join(dir, 'crops'), '--model-dir', MODEL_DIR]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/6 plate crops/);
    expect(run.stdout).toMatch(/exact plates: [\d.]+% \(\d\/6\); with O and 0 as one/);
    expect(run.stdout).toMatch(/characters: [\d.]+%/);
    expect(run.stdout).toMatch(/at the profile's threshold 0\.8: \d+ read at or above it/);
    expect(run.stdout).toMatch(/top confusions/);
  });

  it('reads a file, as JSON with --json', async () => {
    const run = await recognize([join(dir, 'scene.jpg'), '--json', '--model-dir', MODEL_DIR]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { width: number; plates: { text: string; box: Box; confidence: number; needsVerification: boolean }[] };
    expect(result.width).toBe(1280);
    const found = result.plates.find((p) => iou(p.box, box) >= 0.5);
    expect(found?.text.length, run.stdout).toBeGreaterThanOrEqual(5);
    expect(found?.needsVerification).toBe(found!.confidence < 0.8);
  });
});
