// The pure halves of recognition (issue 11; R3, R10): CTC decoding of the reader's logits, and the
// detector's heatmap and boxes into frame boxes. Hand-made outputs with known answers.
import { describe, expect, it } from 'vitest';
import { decodeCtc } from './ctc.js';
import { decodeDetections, iou } from './detections.js';
import { alignment, score } from './evaluate.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const C = ALPHABET.length + 1;
const cls = (char: string) => ALPHABET.indexOf(char) + 1;

/** Logits for frames, each a map of class → probability (the rest share what is left). */
function logits(frames: Record<number, number>[]): Float32Array {
  const out = new Float32Array(frames.length * C);
  frames.forEach((frame, t) => {
    const rest = (1 - Object.values(frame).reduce((a, b) => a + b, 0)) / (C - Object.keys(frame).length);
    for (let c = 0; c < C; c++) out[t * C + c] = Math.log(frame[c] ?? Math.max(rest, 1e-9));
  });
  return out;
}

describe('CTC decoding (R3)', () => {
  it('merges repeats, drops blanks, keeps a doubled character split by a blank', () => {
    const frames = [{ 0: 0.9 }, { [cls('7')]: 0.9 }, { [cls('7')]: 0.95 }, { 0: 0.9 }, { [cls('7')]: 0.8 }, { [cls('A')]: 0.99 }, { 0: 0.99 }];
    const reading = decodeCtc(logits(frames), frames.length, C, { alphabet: ALPHABET, confidence: 'min' });
    expect(reading.text).toBe('77A');
    expect(reading.characters.map((c) => c.confidence)).toEqual([0.95, 0.8, 0.99]);
    expect(reading.confidence).toBe(0.8);
    expect(decodeCtc(logits(frames), frames.length, C, { alphabet: ALPHABET, confidence: 'mean' }).confidence).toBeCloseTo((0.95 + 0.8 + 0.99) / 3, 3);
  });

  it('offers the runner-up of doubtful characters as alternatives, most probable first (R10)', () => {
    const frames = [{ [cls('8')]: 0.55, [cls('B')]: 0.4 }, { 0: 0.9 }, { [cls('0')]: 0.7, [cls('O')]: 0.28 }, { 0: 0.9 }, { [cls('1')]: 0.99 }];
    const reading = decodeCtc(logits(frames), frames.length, C, { alphabet: ALPHABET, confidence: 'min' });
    expect(reading.text).toBe('801');
    expect(reading.characters[0]!.alternatives[0]).toEqual({ char: 'B', confidence: 0.4 });
    expect(reading.alternatives.map((a) => a.text)).toEqual(['B01', '8O1', 'BO1']);
    expect(reading.alternatives[0]!.confidence).toBe(0.4);
  });

  it('reads nothing from blanks alone, with confidence 0', () => {
    const reading = decodeCtc(logits([{ 0: 0.99 }, { 0: 0.99 }]), 2, C, { alphabet: ALPHABET, confidence: 'min' });
    expect(reading).toMatchObject({ text: '', confidence: 0, characters: [], alternatives: [] });
  });

  it('refuses logits whose classes do not match the alphabet', () => {
    expect(() => decodeCtc(new Float32Array(10), 1, 10, { alphabet: ALPHABET, confidence: 'min' })).toThrow(/alphabet/);
  });
});

describe('detector decoding', () => {
  const grid = 8;
  const stride = 4;
  const outputs = (peaks: { gx: number; gy: number; score: number; ltrb: [number, number, number, number] }[]) => {
    const heatmap = new Float32Array(grid * grid).fill(0.01);
    const boxes = new Float32Array(4 * grid * grid);
    for (const p of peaks) {
      heatmap[p.gy * grid + p.gx] = p.score;
      p.ltrb.forEach((v, k) => (boxes[k * grid * grid + p.gy * grid + p.gx] = v));
    }
    return { heatmap, boxes };
  };

  it('keeps local maxima above the threshold and maps them back to the frame', () => {
    const { heatmap, boxes } = outputs([{ gx: 2, gy: 3, score: 0.9, ltrb: [4, 2, 6, 2] }]);
    heatmap[3 * grid + 3] = 0.6; // a neighbour of the peak: not a peak itself
    const found = decodeDetections({ heatmap, boxes, grid, stride, threshold: 0.5, nmsIou: 0.4, scale: 2, frame: { width: 1000, height: 1000 } });
    expect(found).toHaveLength(1);
    // Cell centre (10, 14) in input pixels; box (6, 12)–(16, 16); ×2 into the frame.
    expect(found[0]!.box).toEqual({ x: 12, y: 24, width: 20, height: 8 });
    expect(found[0]!.score).toBeCloseTo(0.9);
  });

  it('removes overlapping boxes (NMS) but keeps separate plates, and clips to the frame', () => {
    const { heatmap, boxes } = outputs([
      { gx: 1, gy: 1, score: 0.9, ltrb: [6, 2, 6, 2] },
      { gx: 3, gy: 1, score: 0.8, ltrb: [12, 2, 2, 2] },
      { gx: 6, gy: 6, score: 0.7, ltrb: [2, 2, 40, 2] },
    ]);
    const found = decodeDetections({ heatmap, boxes, grid, stride, threshold: 0.5, nmsIou: 0.4, scale: 1, frame: { width: 30, height: 30 } });
    expect(found.map((d) => d.score.toFixed(1))).toEqual(['0.9', '0.7']);
    expect(found[1]!.box.x + found[1]!.box.width).toBe(30);
    expect(iou({ x: 0, y: 0, width: 10, height: 10 }, { x: 5, y: 0, width: 10, height: 10 })).toBeCloseTo(1 / 3);
  });
});

describe('evaluation scores (R28)', () => {
  it('aligns reads with the truth and counts confusions, O/0 and the threshold sides', () => {
    expect(alignment('8ABC123', '8A8C12').edits).toEqual([['3', ''], ['B', '8']]);
    const result = score(
      [
        { truth: 'ABC123', read: 'ABC123', confidence: 0.95 },
        { truth: 'O12345', read: '012345', confidence: 0.9 },
        { truth: '8ABC12', read: 'BABC12', confidence: 0.5 },
      ],
      0.8,
    );
    expect(result).toMatchObject({ total: 3, exact: 1, exactO0: 2, above: { total: 2, exact: 1 }, below: { total: 1, exact: 0 } });
    expect(result.characterAccuracy).toBeCloseTo(16 / 18);
    expect(result.confusions).toEqual(expect.arrayContaining([{ truth: 'O', read: '0', count: 1 }, { truth: '8', read: 'B', count: 1 }]));
  });
});
