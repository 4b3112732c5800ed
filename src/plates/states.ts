/**
 * Does a plate look like one its state issues? (R1 state of issue, R10 visual verification.)
 *
 * Three separate answers, because they mean different things:
 * - plausible: 1–8 letters/digits. Anything else is not a plate at all (a misread, a sticker).
 * - matchesStandardFormat: the shape of a serial the state issues on standard passenger
 *   plates. Helps an officer judge a read and ranks OCR alternatives.
 * - a vanity (personalized) rule, where we know the state's.
 * A plausible plate that matches no known format is NOT invalid: vanity, specialty, dealer,
 * commercial and out-of-series plates are all legal. So nothing here should reject a read or
 * a hot-list entry; it only informs.
 *
 * Formats are listed only where the serial history is well documented (the big western
 * states and the largest others). Older series stay on the road for decades, so past formats
 * are kept. Other states return 'unverified'. Letters some states skip (I, O, Q) are not
 * excluded: a stricter pattern would call real plates nonstandard for no gain.
 */
import { normalizePlate, normalizeRegion, PLATE_MAX_LENGTH } from './normalize.js';

export interface PlateFormat {
  /** An example serial in this format, as printed (e.g. '1ABC234'). */
  readonly format: string;
  readonly pattern: RegExp;
  readonly kind: 'standard' | 'vanity';
  /** When it was issued, for the reader's benefit. */
  readonly issued: string;
}

const f = (format: string, pattern: RegExp, issued: string): PlateFormat =>
  ({ format, pattern, issued, kind: 'standard' });

/** Normalized plates (no separators), so '7-ABC 123' is checked as '7ABC123'. */
export const STATE_FORMATS: Readonly<Record<string, readonly PlateFormat[]>> = {
  CA: [
    f('1ABC234', /^[1-9][A-Z]{3}[0-9]{3}$/, '1980–'),
    f('123ABC', /^[0-9]{3}[A-Z]{3}$/, '1969–1980'),
    f('ABC123', /^[A-Z]{3}[0-9]{3}$/, 'before 1969'),
    // California personalized plates hold 2 to 7 characters.
    { format: 'personalized (2–7)', pattern: /^[A-Z0-9]{2,7}$/, kind: 'vanity', issued: '1970–' },
  ],
  AZ: [
    f('ABC1234', /^[A-Z]{3}[0-9]{4}$/, '2008–'),
    f('123ABC', /^[0-9]{3}[A-Z]{3}$/, 'before 2008'),
    f('ABC123', /^[A-Z]{3}[0-9]{3}$/, '1958–1980s'),
    // After ABC1234, Arizona mixes letters and digits freely except the 4th character, which
    // is always a digit (ADOT "7-character alphanumeric" series, and a 6-character one).
    f('ABC1DEF', /^[A-Z0-9]{3}[0-9][A-Z0-9]{3}$/, 'recent'),
    f('ABC1DE', /^[A-Z0-9]{3}[0-9][A-Z0-9]{2}$/, 'recent'),
  ],
  NV: [
    f('123ABC', /^[0-9]{3}[A-Z]{3}$/, '1980s–'),
    // The series after 123ZZZ starts with two digits and a letter; the last three characters
    // are accepted as any letter or digit until we have a documented source for them.
    f('12A345', /^[0-9]{2}[A-Z][A-Z0-9]{3}$/, 'recent'),
  ],
  OR: [
    f('123ABC', /^[0-9]{3}[A-Z]{3}$/, '2004–'),
    f('ABC123', /^[A-Z]{3}[0-9]{3}$/, '1964–2004'),
  ],
  WA: [
    f('ABC1234', /^[A-Z]{3}[0-9]{4}$/, '2010–'),
    f('123ABC', /^[0-9]{3}[A-Z]{3}$/, 'late 1980s–2010'),
    f('ABC123', /^[A-Z]{3}[0-9]{3}$/, '1968–late 1980s'),
  ],
  TX: [
    f('ABC1234', /^[A-Z]{3}[0-9]{4}$/, '2012–'),
    f('AB1C234', /^[A-Z]{2}[0-9][A-Z][0-9]{3}$/, '2009–2012'),
    // The six-character era (1975–2009) used several arrangements; these are the common ones.
    // A rarer arrangement reads as 'nonstandard', which is harmless.
    f('ABC123', /^[A-Z]{3}[0-9]{3}$/, '1975–2009'),
    f('123ABC', /^[0-9]{3}[A-Z]{3}$/, '1975–2009'),
    f('A12BCD', /^[A-Z][0-9]{2}[A-Z]{3}$/, '1975–2009'),
    f('ABC12D', /^[A-Z]{3}[0-9]{2}[A-Z]$/, '1975–2009'),
  ],
  FL: [
    // Florida issues several six-character arrangements side by side.
    f('ABCD12', /^[A-Z]{4}[0-9]{2}$/, 'current'),
    f('A123BC', /^[A-Z][0-9]{3}[A-Z]{2}$/, 'current'),
    f('12ABCD', /^[0-9]{2}[A-Z]{4}$/, 'current'),
    f('1234AB', /^[0-9]{4}[A-Z]{2}$/, 'current'),
    f('AB12CD', /^[A-Z]{2}[0-9]{2}[A-Z]{2}$/, 'current'),
    f('A1234B', /^[A-Z][0-9]{4}[A-Z]$/, 'current'),
    f('ABC123', /^[A-Z]{3}[0-9]{3}$/, 'older'),
  ],
  NY: [
    f('ABC1234', /^[A-Z]{3}[0-9]{4}$/, '2001–'),
    // The Liberty series before it ran ABC123, then 1AB234, A1B234 and A123BC.
    f('ABC123', /^[A-Z]{3}[0-9]{3}$/, '1986–2001'),
    f('1AB234', /^[0-9][A-Z]{2}[0-9]{3}$/, '1986–2001'),
    f('A1B234', /^[A-Z][0-9][A-Z][0-9]{3}$/, '1986–2001'),
    f('A123BC', /^[A-Z][0-9]{3}[A-Z]{2}$/, '1986–2001'),
  ],
  IL: [
    f('AB12345', /^[A-Z]{2}[0-9]{5}$/, 'current'),
    f('A123456', /^[A-Z][0-9]{6}$/, '2000s'),
    f('ABC123', /^[A-Z]{3}[0-9]{3}$/, '1974–'),
  ],
};

export type PlateCheckStatus =
  /** Matches a standard passenger serial format of the state. */
  | 'standard'
  /** Matches the state's personalized-plate rule. */
  | 'vanity'
  /** We know the state's formats and none matches: specialty, commercial, or a misread. */
  | 'nonstandard'
  /** We have no format list for this state (or no state): nothing to check against. */
  | 'unverified'
  /** Not a plate at all: empty, too long. */
  | 'implausible';

export interface PlateCheck {
  readonly status: PlateCheckStatus;
  /** True when the plate matches a known format of the state (standard or vanity). */
  readonly valid: boolean;
  readonly plausible: boolean;
  /** The matched format's example, e.g. '1ABC234'. */
  readonly format?: string;
}

/** 1–8 letters and digits, after normalization. Says nothing about the state. */
export function isPlausiblePlate(plate: string): boolean {
  const p = normalizePlate(plate);
  return p.length >= 1 && p.length <= PLATE_MAX_LENGTH;
}

/** The standard format a plate matches in a state, e.g. '1ABC234'; undefined if none or unknown state. */
export function matchesStandardFormat(plate: string, state: string | undefined): string | undefined {
  const found = findFormat(normalizePlate(plate), state, 'standard');
  return found?.format;
}

/** Plate and state may be raw ('7-abc 123', 'us-ca'); both are normalized here. */
export function validatePlateForState(plate: string, state: string | undefined): PlateCheck {
  const p = normalizePlate(plate);
  if (p.length === 0 || p.length > PLATE_MAX_LENGTH) {
    return { status: 'implausible', valid: false, plausible: false };
  }
  const code = normalizeRegion(state);
  if (code === undefined || !Object.hasOwn(STATE_FORMATS, code)) {
    return { status: 'unverified', valid: false, plausible: true };
  }
  const found = findFormat(p, code, 'standard') ?? findFormat(p, code, 'vanity');
  if (found === undefined) return { status: 'nonstandard', valid: false, plausible: true };
  return { status: found.kind, valid: true, plausible: true, format: found.format };
}

function findFormat(plate: string, state: string | undefined, kind: PlateFormat['kind']): PlateFormat | undefined {
  const code = normalizeRegion(state);
  const formats = code === undefined ? undefined : STATE_FORMATS[code];
  return formats?.find((fmt) => fmt.kind === kind && fmt.pattern.test(plate));
}
