// The plate reader's output into text (issue 11, R3): softmax over each frame's logits, greedy CTC
// decoding (best class per frame, repeats merged, blanks dropped), a confidence per character (its
// probability at the frame that emits it), other readings of the doubtful characters, and the
// plate's confidence as the model's sidecar says (the weakest character, or their mean).
// Pure: no I/O, so it is tested with hand-made logits.

export interface CharacterReading {
  char: string;
  confidence: number;
  /** Other characters the reader gave weight to at the same frame, most likely first. */
  alternatives: { char: string; confidence: number }[];
}

export interface TextReading {
  text: string;
  confidence: number;
  characters: CharacterReading[];
  /** Other whole readings: doubtful characters swapped for their runner-up, ranked by the product of probabilities. */
  alternatives: { text: string; confidence: number }[];
}

export interface DecodeOptions {
  /** Index i (≥ 1) is alphabet[i - 1]; index 0 is the CTC blank. */
  alphabet: string;
  confidence: 'min' | 'mean';
  /** Characters below this are swapped for their runner-up in the alternatives. */
  doubtfulBelow?: number;
  /** At most this many doubtful characters are varied (2^n readings). */
  maxDoubtful?: number;
  maxAlternatives?: number;
  /** Character alternatives below this probability are left out. */
  minAlternative?: number;
}

const DEFAULTS = {
  doubtfulBelow: 0.9,
  maxDoubtful: 4,
  maxAlternatives: 5,
  minAlternative: 0.01,
};

const round = (value: number): number => Math.round(value * 10_000) / 10_000;

/** Softmax of one frame's logits, in place into `out`. */
function softmax(logits: ArrayLike<number>, offset: number, classes: number, out: Float64Array): void {
  let max = -Infinity;
  for (let c = 0; c < classes; c++) max = Math.max(max, logits[offset + c]!);
  let sum = 0;
  for (let c = 0; c < classes; c++) {
    const e = Math.exp(logits[offset + c]! - max);
    out[c] = e;
    sum += e;
  }
  for (let c = 0; c < classes; c++) out[c]! /= sum;
}

export function plateConfidence(probabilities: number[], mode: 'min' | 'mean'): number {
  if (probabilities.length === 0) return 0;
  return mode === 'min' ? Math.min(...probabilities) : probabilities.reduce((a, b) => a + b, 0) / probabilities.length;
}

/**
 * Decodes one sequence of `frames` × `classes` logits (row-major, starting at `offset`).
 * classes must be alphabet.length + 1.
 */
export function decodeCtc(logits: ArrayLike<number>, frames: number, classes: number, options: DecodeOptions, offset = 0): TextReading {
  if (classes !== options.alphabet.length + 1) throw new Error(`The reader has ${classes} classes but its alphabet has ${options.alphabet.length} characters (+1 blank).`);
  const settings = { ...DEFAULTS, ...options };
  const probs = new Float64Array(classes);
  // Each emitted character: its class, and the frame (of its run) where it is most probable, with that frame's probabilities.
  const emitted: { cls: number; p: number; frame: Float64Array }[] = [];
  let previous = 0;
  for (let t = 0; t < frames; t++) {
    softmax(logits, offset + t * classes, classes, probs);
    let best = 0;
    for (let c = 1; c < classes; c++) if (probs[c]! > probs[best]!) best = c;
    if (best !== 0) {
      if (best !== previous) emitted.push({ cls: best, p: probs[best]!, frame: probs.slice() });
      else {
        const last = emitted[emitted.length - 1]!;
        if (probs[best]! > last.p) Object.assign(last, { p: probs[best]!, frame: probs.slice() });
      }
    }
    previous = best;
  }
  const characters: CharacterReading[] = emitted.map(({ cls, p, frame }) => {
    const others: { char: string; confidence: number }[] = [];
    for (let c = 1; c < classes; c++)
      if (c !== cls && frame[c]! >= settings.minAlternative)
        others.push({
          char: options.alphabet[c - 1]!,
          confidence: round(frame[c]!),
        });
    others.sort((a, b) => b.confidence - a.confidence);
    return {
      char: options.alphabet[cls - 1]!,
      confidence: round(p),
      alternatives: others.slice(0, 3),
    };
  });
  const text = characters.map((c) => c.char).join('');
  return {
    text,
    confidence: round(
      plateConfidence(
        characters.map((c) => c.confidence),
        options.confidence,
      ),
    ),
    characters,
    alternatives: alternativeReadings(characters, settings, options.confidence),
  };
}

/** Every combination of doubtful characters swapped for their runner-up, most probable first. */
function alternativeReadings(characters: CharacterReading[], settings: typeof DEFAULTS, mode: 'min' | 'mean'): { text: string; confidence: number }[] {
  const doubtful = characters
    .map((c, index) => ({ index, c }))
    .filter(({ c }) => c.confidence < settings.doubtfulBelow && c.alternatives.length > 0)
    .sort((a, b) => a.c.confidence - b.c.confidence)
    .slice(0, settings.maxDoubtful);
  const readings: { text: string; product: number; confidence: number }[] = [];
  for (let mask = 1; mask < 1 << doubtful.length; mask++) {
    const chosen = characters.map((c) => ({ char: c.char, p: c.confidence }));
    doubtful.forEach(({ index, c }, bit) => {
      if (mask & (1 << bit))
        chosen[index] = {
          char: c.alternatives[0]!.char,
          p: c.alternatives[0]!.confidence,
        };
    });
    const probabilities = chosen.map((c) => c.p);
    readings.push({
      text: chosen.map((c) => c.char).join(''),
      product: probabilities.reduce((a, b) => a * b, 1),
      confidence: round(plateConfidence(probabilities, mode)),
    });
  }
  readings.sort((a, b) => b.product - a.product);
  return readings.slice(0, settings.maxAlternatives).map(({ text, confidence }) => ({ text, confidence }));
}
