/**
 * Realistic-looking license plates for the demo network.
 *
 * Roughly 85% California (as you would see on a street in San Diego County), the rest from the
 * states that send the most visitors and new residents. Formats follow each state's current
 * standard passenger serial; a CA plate's leading digit follows the vehicle's age the way the
 * real sequential series does (1AAA000 began in 1980, 9AAA000 around 2022), so most plates on
 * the road today start with 5–9 and old cars carry low digits.
 */

import type { Random } from './random.js';

/** Letters used in serials: no I, O or Q (they read as 1, 0 and O), as California does. */
export const SERIAL_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

/** California standard passenger (1ABC234 .. 9XYZ999). */
export const CA_STANDARD_PLATE = /^[1-9][A-HJ-NPR-Z]{3}[0-9]{3}$/;
/** California commercial (1A23456). */
export const CA_COMMERCIAL_PLATE = /^[1-9][A-HJ-NPR-Z][0-9]{5}$/;
/** California environmental/personalized ("vanity"): 2 to 7 letters and digits. */
export const CA_VANITY_PLATE = /^[A-Z0-9]{2,7}$/;

export type PlateKind = 'standard' | 'commercial' | 'vanity';

export interface GeneratedPlate {
  /** Characters only, uppercase, no spaces or dashes: what an ALPR engine reports. */
  plate: string;
  /** USPS code of the issuing state, e.g. 'CA'. */
  state: string;
  kind: PlateKind;
}

export interface PlateOptions {
  /** Model year of the vehicle that carries the plate (steers a CA plate's leading digit). */
  year?: number;
  /** Calendar year "now"; defaults to the current UTC year. */
  referenceYear?: number;
  /** Force the issuing state (USPS code). */
  state?: string;
}

/**
 * Serial formats: L = letter, D = digit, anything else is literal and only used for display.
 * The plate string itself keeps letters and digits only.
 */
interface StateFormat {
  state: string;
  format: string;
  /** Share of out-of-state plates seen in El Cajon (relative). */
  weight: number;
}

export const OUT_OF_STATE_FORMATS: readonly StateFormat[] = [
  { state: 'AZ', format: 'LLL DDDD', weight: 24 },
  { state: 'NV', format: 'DDL DDD', weight: 14 },
  { state: 'TX', format: 'LLL-DDDD', weight: 12 },
  { state: 'WA', format: 'LLL DDDD', weight: 8 },
  { state: 'IL', format: 'LL DDDDD', weight: 7 },
  { state: 'OR', format: 'DDD LLL', weight: 7 },
  { state: 'FL', format: 'LLL LDD', weight: 7 },
  { state: 'NY', format: 'LLL-DDDD', weight: 7 },
  { state: 'CO', format: 'DDD-LLL', weight: 7 },
  { state: 'UT', format: 'LDD DLL', weight: 6 },
];

const CA_SHARE = 0.85;
const LETTERS: readonly string[] = SERIAL_LETTERS.split('');

/** Fill a format such as 'LLL-DDDD' and drop its separators. */
export function fillFormat(rng: Random, format: string): string {
  let out = '';
  for (const ch of format) {
    if (ch === 'L') out += rng.pick(LETTERS);
    else if (ch === 'D') out += String(rng.int(0, 9));
  }
  return out;
}

/** The display form of a plate for its state ('ABC1234' → 'ABC-1234' in Texas). */
export function displayPlate(plate: string, state: string): string {
  if (state === 'CA') return plate;
  const format = OUT_OF_STATE_FORMATS.find((f) => f.state === state)?.format;
  const serialLength = format?.replace(/[^LD]/g, '').length;
  if (format === undefined || serialLength !== plate.length) return plate;
  let i = 0;
  let out = '';
  for (const ch of format) out += ch === 'L' || ch === 'D' ? plate[i++] : ch;
  return out;
}

/** The lowercase vendor region code ('CA' → 'us-ca'). */
export function regionCode(state: string): string {
  return `us-${state.toLowerCase()}`;
}

/**
 * Model years in which California's sequential series reached each leading digit
 * (1AAA000 in 1980 ... 9AAA000 in 2022), approximately.
 */
const CA_SERIES_START = [1980, 1987, 1993, 1998, 2003, 2008, 2012, 2016, 2022] as const;

/** The leading digit California would have issued for a new car of model year `year`. */
export function caSeriesDigit(year: number): number {
  let digit = 1;
  CA_SERIES_START.forEach((start, i) => {
    if (year >= start) digit = i + 1;
  });
  return digit;
}

/** A plausible model year for a car on the road in `referenceYear` (median age ~8 years, long tail). */
export function randomModelYear(rng: Random, referenceYear: number): number {
  // Exponential-ish age with a long tail of old cars, fewer brand-new ones than 1-3 year olds.
  const age = Math.min(35, Math.floor(-Math.log(1 - rng.next()) * 11));
  if (age === 0 && rng.chance(0.4)) return referenceYear - 1;
  return referenceYear - age;
}

const VANITY_WORDS = [
  'SURF', 'TACO', 'PADRES', 'BOLT', 'GOSD', 'ECAJON', 'BIGBOX', 'LUVSD', 'MAMA', 'PAPA',
  'GRAMS', 'ZOOM', 'EV', 'TESLA', 'BEACH', 'HIKER', 'ROAM', 'GR8', 'DOC', 'RN', 'CHEF',
  'MATH', 'BAJA', 'OCEAN', 'DESERT', 'VIBES', 'LOVE', 'SUN', 'AZTEC', 'VALLEY',
];

function vanityPlate(rng: Random): string {
  const word = rng.pick(VANITY_WORDS);
  const room = 7 - word.length;
  if (room <= 0) return word;
  const suffix = rng.weighted<string>([
    ['', 3],
    [String(rng.int(1, 99)), 3],
    ['4U', 1],
    ['4ME', 1],
    ['LYF', 1],
    ['ONE', 1],
  ]);
  return (word + suffix).slice(0, 7);
}

function caStandardPlate(rng: Random, year: number, referenceYear: number): string {
  // Replacement, personalized-then-surrendered and transferred-in cars get a current series.
  const digit = rng.chance(0.08) ? caSeriesDigit(referenceYear) : caSeriesDigit(year);
  return `${digit}${fillFormat(rng, 'LLLDDD')}`;
}

function caCommercialPlate(rng: Random, year: number): string {
  // The commercial series advances more slowly: recent trucks carry 6-9, older ones lower.
  const digit = Math.max(1, Math.min(9, caSeriesDigit(year) + rng.int(-1, 0)));
  return `${digit}${fillFormat(rng, 'LDDDDD')}`;
}

/** One random plate: ~85% California (mostly standard), ~15% out of state. */
export function randomPlate(rng: Random, options: PlateOptions = {}): GeneratedPlate {
  const referenceYear = options.referenceYear ?? new Date().getUTCFullYear();
  const year = options.year ?? randomModelYear(rng, referenceYear);
  const state = options.state ?? (rng.chance(CA_SHARE) ? 'CA' : pickOutOfState(rng));

  if (state === 'CA') {
    const kind = rng.weighted<PlateKind>([
      ['standard', 92],
      ['commercial', 4.5],
      ['vanity', 3.5],
    ]);
    const plate =
      kind === 'standard'
        ? caStandardPlate(rng, year, referenceYear)
        : kind === 'commercial'
          ? caCommercialPlate(rng, year)
          : vanityPlate(rng);
    return { plate, state, kind };
  }

  const format = OUT_OF_STATE_FORMATS.find((f) => f.state === state)?.format ?? 'LLLDDDD';
  return { plate: fillFormat(rng, format), state, kind: 'standard' };
}

function pickOutOfState(rng: Random): string {
  return rng.weighted(OUT_OF_STATE_FORMATS.map((f) => [f.state, f.weight] as const));
}
