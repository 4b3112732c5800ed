/**
 * Plate and region text as the system stores and compares it.
 *
 * A read arrives as whatever the camera vendor, an officer or a hot list typed: "7-ABC 123",
 * "7abc123", "7·ABC·123". Matching (hot-list hits, R5–R9; searches, R24) needs one canonical
 * form. Normalizing loses what was actually read, and R10 asks the officer to verify the
 * characters against the image, so callers store the as-read text beside the normalized one;
 * nothing here tries to be reversible.
 */
import { CA_REGIONS, REGION_ALIASES, US_REGIONS } from './regions.js';

/** The longest plate any US state or Canadian province issues (vanity plates included). */
export const PLATE_MAX_LENGTH = 8;

/**
 * Uppercase A–Z and 0–9 only; every separator, symbol and space is dropped. Returns '' when
 * nothing is left, so callers can tell "no plate" from a plate.
 *
 * NFKD first so that compatibility forms (full-width "７", "Ａ" from copy-pasted lists)
 * become ASCII and accented letters keep their base letter; plates carry neither, so
 * anything that survives as non-ASCII is noise. California's
 * symbol plates (heart, star, hand, plus) lose the symbol: hot lists carry plates as letters
 * and digits only, so that is the form a match must use.
 */
export function normalizePlate(raw: string): string {
  return raw.normalize('NFKD').replace(/[^A-Za-z0-9]/g, '').toUpperCase();
}

const REGION_NAMES = new Map<string, string>();
for (const table of [US_REGIONS, CA_REGIONS]) {
  for (const [code, name] of Object.entries(table)) REGION_NAMES.set(lettersOnly(name), code);
}
for (const [alias, code] of Object.entries(REGION_ALIASES)) REGION_NAMES.set(alias, code);

/** "us-ca", "US_CA", "usa ca", "can-on": a country prefix, a separator, a two-letter code. */
const PREFIXED = /^(US|USA|CA|CAN)[\s\-_.:/]+([A-Z]{2})$/;

/**
 * The two-letter code of the region that issued a plate, or undefined when we cannot tell
 * (callers keep the raw value, so undefined loses nothing).
 *
 * Output: the USPS code for US states, DC and territories ('CA', 'PR'); the Canada Post code
 * for provinces ('ON'). The two sets are disjoint, so no country prefix is needed to read
 * the result.
 *
 * The only ambiguity is "CA", which is both California and Canada's country code. Decision:
 * a bare "CA" (any case) is California. Vendors (OpenALPR/Rekor, Plate Recognizer) send
 * California as "us-ca" and Ontario as "ca-on"; officers in a California agency typing "CA"
 * mean California. So "ca-on" gives 'ON', "us-ca" gives 'CA', and a prefix that disagrees
 * with the code ("us-on", "ca-tx") gives undefined rather than a guess. Other countries'
 * codes ("mx-bc", Baja California) give undefined, never the province that shares the code.
 */
export function normalizeRegion(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const text = raw.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').trim().toUpperCase();

  const prefixed = PREFIXED.exec(text);
  if (prefixed) {
    const [, country = '', code = ''] = prefixed;
    const table = country.startsWith('US') ? US_REGIONS : CA_REGIONS;
    const resolved = REGION_ALIASES[code] ?? code;
    return Object.hasOwn(table, resolved) ? resolved : undefined;
  }

  const letters = lettersOnly(text);
  if (Object.hasOwn(US_REGIONS, letters) || Object.hasOwn(CA_REGIONS, letters)) return letters;
  return REGION_NAMES.get(letters);
}

function lettersOnly(text: string): string {
  return text.toUpperCase().replace(/[^A-Z]/g, '');
}
