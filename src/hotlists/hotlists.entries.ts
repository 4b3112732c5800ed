// Agency entries (R7, R8, R37): what an officer may enter, and the "has this plate been seen?"
// search over stored reads for an entry (a search: the caller holds an AccessContext).
import { normalizePlate, normalizeRegion, parsePlatePattern, PlatePatternError, confusableVariants, matchesPattern, patternToSqlLike } from '../plates/index.js';
import type { PolicyProfile } from '../policy/index.js';
import { badRequest, forbidden } from '../platform/errors.js';
import type { PurposeInput } from '../access/purpose-rules.js';
import { isImmigrationRecord } from './hotlists.csv.js';
import type { EntryInput, SeenRead } from './hotlists.schemas.js';
import * as store from './hotlists.store.js';
import { agreeingFields, canonicalVehicle, descriptionProblem } from './matcher.vehicle.js';
import type { HotListEntry } from './matcher.types.js';
import { HOT_LIST_CATEGORIES, type HotListCategory } from './matcher.types.js';

export interface CheckedEntryFields {
  plate: string | null;
  pattern: string | null;
  state: string | null;
}

/** Checks what an officer entered against the profile (R8) and R37; returns the plate fields to store. */
export function checkEntryInput(input: EntryInput, rules: PolicyProfile['hotLists']): CheckedEntryFields {
  if (isImmigrationRecord(input.reason, input.synopsis)) {
    throw forbidden('immigration_enforcement_prohibited', 'California law bars using ALPR for federal immigration enforcement (R37): an entry whose reason is immigration status cannot be made.');
  }
  const state = input.state ? (normalizeRegion(input.state) ?? null) : null;
  if (input.state && !state) throw badRequest('entry_state_unknown', `"${input.state}" is not a US state or Canadian province; use its two-letter code (CA, NV, ON).`, 'state');
  const raw = input.plate?.trim() ?? '';
  if (raw) {
    if (/[?*]/.test(raw)) {
      if (!rules.partialPlateEntries) {
        throw badRequest('partial_plates_not_allowed', 'This agency\'s policy does not allow partial-plate entries (R8): enter the whole plate, or ask the ALPR Administrator about the policy.', 'plate');
      }
      const pattern = raw.toUpperCase().replace(/[^A-Z0-9?*]/g, '');
      try {
        parsePlatePattern(pattern);
      } catch (error) {
        if (error instanceof PlatePatternError) throw badRequest(`entry_${error.id}`, `${error.message} (partial plates use ? for one unknown character and * for any number).`, 'plate');
        throw error;
      }
      if (pattern.replace(/[?*]/g, '').length < 2) throw badRequest('entry_pattern_too_broad', 'A partial plate needs at least two known characters, or it would hit most cars.', 'plate');
      return { plate: null, pattern, state };
    }
    const plate = normalizePlate(raw);
    if (!plate || plate.length > 8) throw badRequest('entry_plate_invalid', 'A plate is 1 to 8 letters and digits.', 'plate');
    return { plate, pattern: null, state };
  }
  if (!input.vehicle) throw badRequest('entry_empty', 'Enter a plate, a partial plate or (where the policy allows) a vehicle description.', 'plate');
  if (!rules.vehicleDescriptionEntries) {
    throw badRequest('description_entries_not_allowed', 'This agency\'s policy does not allow vehicle-description entries without a plate (R8): add the plate or a partial plate.', 'vehicle');
  }
  const problem = descriptionProblem(canonicalVehicle(input.vehicle));
  if (problem) throw badRequest('description_too_broad', problem, 'vehicle');
  return { plate: null, pattern: null, state };
}

/** The purpose an entry's check runs under: its own case (R17, R21). */
export function purposeForEntry(entry: store.EntryRow): PurposeInput {
  const synopsis = (entry.synopsis ?? entry.reason ?? '').replace(/\s+/g, ' ').trim();
  return {
    caseNumber: entry.caseNumber ?? '',
    category: 'hotlist_verification',
    reason: `Has the vehicle of hot-list entry for case ${entry.caseNumber ?? ''} been seen: ${synopsis}`.slice(0, 480),
  };
}

const CATEGORY_SET: ReadonlySet<string> = new Set(HOT_LIST_CATEGORIES);

/** An entry row as the matcher takes it. */
export function toMatcherEntry(row: store.MatcherRow, priority: number): HotListEntry {
  const reason = [row.ncicCode, row.reason ?? row.synopsis].filter(Boolean).join(': ');
  const vehicle = { make: row.vehicleMake, model: row.vehicleModel, color: row.vehicleColor, bodyType: row.vehicleBody };
  return {
    id: row.id,
    listId: row.listId,
    priority,
    category: (CATEGORY_SET.has(row.category) ? row.category : 'other') as HotListCategory,
    ...(reason ? { reason } : {}),
    ...(row.plate ? { plate: row.plate } : {}),
    ...(row.pattern ? { pattern: row.pattern } : {}),
    ...(row.state ? { state: row.state } : {}),
    ...(Object.values(vehicle).some(Boolean) ? { vehicle } : {}),
  };
}

const LIMIT = 200;

/** Stored reads of an entry's vehicle: exact and one-confusion-away plates, a partial plate's matches, or agreeing descriptions. */
export async function seenReads(db: store.Db, entry: store.EntryRow): Promise<SeenRead[]> {
  const stateOk = (region: string) => !entry.state || !region || region === entry.state;
  let rows: (store.ReadHitRow & { match: SeenRead['match'] })[] = [];
  if (entry.plate) {
    const plates = (await store.platesIn(db, confusableVariants(entry.plate, 1))).filter((p) => stateOk(p.region));
    const kind = new Map(plates.map((p) => [p.id, p.plate === entry.plate ? ('exact' as const) : ('confusion' as const)]));
    if (plates.length) rows = (await store.readsOfPlates(db, [...kind.keys()], LIMIT)).map((r) => ({ ...r, match: r.plate === entry.plate ? 'exact' : 'confusion' }));
  } else if (entry.pattern) {
    const pattern = parsePlatePattern(entry.pattern);
    const plates = (await store.platesLike(db, patternToSqlLike(pattern), 5_000)).filter((p) => matchesPattern(p.plate, pattern) && stateOk(p.region));
    if (plates.length) rows = (await store.readsOfPlates(db, plates.map((p) => p.id), LIMIT)).map((r) => ({ ...r, match: 'wildcard' }));
  } else {
    const wanted = canonicalVehicle({ make: entry.vehicleMake, model: entry.vehicleModel, color: entry.vehicleColor, bodyType: entry.vehicleBody });
    const makes = [entry.vehicleMake, wanted.make].filter((m): m is string => Boolean(m));
    if (makes.length) {
      const candidates = await store.readsByMakes(db, makes, LIMIT * 5);
      rows = candidates
        .filter((r) => agreeingFields(wanted, canonicalVehicle({ make: r.vehicleMake, model: r.vehicleModel, color: r.vehicleColor, bodyType: r.vehicleBody })) !== undefined)
        .slice(0, LIMIT)
        .map((r) => ({ ...r, match: 'description' }));
    }
  }
  return rows.map((r) => ({
    id: r.id,
    plate: r.plate,
    region: r.region,
    match: r.match,
    capturedAt: new Date(r.capturedAt).toISOString(),
    cameraId: r.cameraId,
    lat: r.lat,
    lon: r.lon,
    vehicle: { make: r.vehicleMake, model: r.vehicleModel, color: r.vehicleColor, bodyType: r.vehicleBody },
  }));
}
