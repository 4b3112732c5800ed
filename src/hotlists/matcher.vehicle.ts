/**
 * Vehicle-description entries (R8: "a white Honda Civic" from a major crime, with no plate) and
 * the descriptor vocabulary both sides are compared in.
 *
 * A hot list, a camera's classifier and an officer each spell the same vehicle differently:
 * "GRY", "grey", "Gray"; "CHEV", "Chevy", "Chevrolet"; "PK", "pickup truck", "truck". Every
 * descriptor is reduced to one canonical token before comparing: lowercase letters and digits
 * only, then a synonym table (NCIC VMA/VCO/VST codes included, since general lists arrive in
 * NCIC form). Shades fold into the colour a classifier would report (navy → blue, maroon → red);
 * a description hit is a lead an officer verifies against the image (R10), so folding errs
 * toward agreeing.
 */

export const VEHICLE_FIELDS = ['make', 'model', 'color', 'bodyType'] as const;
export type VehicleField = (typeof VEHICLE_FIELDS)[number];

/** Descriptors as typed or reported; any may be missing. */
export type VehicleDescription = { readonly [F in VehicleField]?: string | null };

/** Descriptors in canonical form ('' never appears: an empty descriptor is absent). */
export type CanonicalVehicle = { [F in VehicleField]?: string };

const synonyms = (groups: Record<string, readonly string[]>): ReadonlyMap<string, string> => {
  const map = new Map<string, string>();
  for (const [canonical, spellings] of Object.entries(groups)) {
    map.set(canonical, canonical);
    for (const spelling of spellings) map.set(spelling, canonical);
  }
  return map;
};

// Keys are already lowercase letters and digits only (see token()).
const MAKES = synonyms({
  acura: ['acur'], audi: [], bmw: [], buick: ['buic'], cadillac: ['cadi', 'caddy'], chevrolet: ['chev', 'chevy'],
  chrysler: ['chry'], dodge: ['dodg'], ford: [], gmc: [], honda: ['hond'], hyundai: ['hyun'], infiniti: ['infi'],
  jeep: [], kia: [], landrover: ['lndr', 'rover'], lexus: ['lexs'], lincoln: ['linc'], mazda: ['mazd'],
  mercedesbenz: ['merz', 'mercedes', 'benz', 'mb'], mini: [], mitsubishi: ['mits'], nissan: ['niss'],
  porsche: ['pors'], ram: [], subaru: ['suba'], tesla: ['tesl'], toyota: ['toyt'], volkswagen: ['volk', 'vw'], volvo: ['volv'],
});

const COLORS = synonyms({
  black: ['blk'], white: ['whi', 'wht'], gray: ['grey', 'gry', 'charcoal'], silver: ['sil', 'slv'],
  blue: ['blu', 'dbl', 'lbl', 'navy', 'darkblue', 'lightblue'], red: ['mar', 'maroon', 'burgundy'],
  brown: ['bro', 'brn'], beige: ['bge', 'tan', 'cream', 'crm'], green: ['grn', 'dgr', 'lgr', 'darkgreen', 'lightgreen'],
  gold: ['gld'], orange: ['ong', 'org'], yellow: ['yel'], purple: ['ple', 'pur'], pink: ['pnk'],
});

const BODY_TYPES = synonyms({
  sedan: ['4d', '4door', 'saloon', '4dr'], coupe: ['cp', '2d', '2door', '2dr'], pickup: ['pk', 'truck', 'pickuptruck'],
  suv: ['ut', 'utility', 'sportutility', 'sportutilityvehicle'], van: ['vn', 'minivan', 'mv'],
  hatchback: ['hb', 'hatch'], wagon: ['sw', 'stationwagon', 'estate'], convertible: ['cv'], motorcycle: ['mc', 'motorbike'],
});

const TABLES: Readonly<Record<VehicleField, ReadonlyMap<string, string> | undefined>> = {
  make: MAKES,
  model: undefined, // models are compared by their letters and digits alone: 'F-150' = 'f150', 'CR-V' = 'crv'
  color: COLORS,
  bodyType: BODY_TYPES,
};

/** Lowercase ASCII letters and digits only; '' for nothing. */
function token(raw: string): string {
  return raw.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Canonical forms already worked out, per field. Reads repeat a small vocabulary ('Toyota',
 * 'white'), so after warm-up a read's descriptors cost one lookup each, and the same string
 * object comes back every time (its hash already computed for the index lookups). Bounded:
 * cleared when full, so junk from a misbehaving camera cannot grow it without limit.
 */
const MEMO_LIMIT = 10_000;
const memo: Record<VehicleField, Map<string, string>> = { make: new Map(), model: new Map(), color: new Map(), bodyType: new Map() };

/** One descriptor in canonical form, or undefined when there is nothing to compare. */
export function canonicalDescriptor(field: VehicleField, raw: string | null | undefined): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  const seen = memo[field];
  let value = seen.get(raw);
  if (value === undefined) {
    const text = token(raw);
    value = TABLES[field]?.get(text) ?? text;
    if (seen.size >= MEMO_LIMIT) seen.clear();
    seen.set(raw, value);
  }
  return value === '' ? undefined : value;
}

export function canonicalVehicle(vehicle: VehicleDescription | null | undefined): CanonicalVehicle {
  const out: CanonicalVehicle = {};
  if (vehicle === undefined || vehicle === null) return out;
  for (const field of VEHICLE_FIELDS) {
    const value = canonicalDescriptor(field, vehicle[field]);
    if (value !== undefined) out[field] = value;
  }
  return out;
}

/**
 * Why a description cannot be an entry, or undefined when it can. Colour and body type alone
 * ("a white pickup") describe a tenth of the traffic, and would bury every real hit: an entry
 * needs a make or a model.
 */
export function descriptionProblem(vehicle: CanonicalVehicle): string | undefined {
  if (vehicle.make === undefined && vehicle.model === undefined) {
    return 'A vehicle description needs at least a make or a model; colour and body type alone match too many vehicles.';
  }
  return undefined;
}

/**
 * The rule, stated plainly: every descriptor the entry gives is there in the read and equal. The
 * fields that agreed, or undefined. DescriptionIndex.collect applies the same rule through its index.
 */
export function agreeingFields(entry: CanonicalVehicle, read: CanonicalVehicle): VehicleField[] | undefined {
  const agreed: VehicleField[] = [];
  for (const field of VEHICLE_FIELDS) {
    const wanted = entry[field];
    if (wanted === undefined) continue;
    if (read[field] !== wanted) return undefined;
    agreed.push(field);
  }
  return agreed;
}

/**
 * Description entries by make and model: a read is compared only with the entries for its own
 * make and model (and those that give just one of the two), not with all of them.
 */
export class DescriptionIndex<T> {
  /** make → model → entries; entries that give a make but no model under the key ''. */
  readonly #byMake = new Map<string, Map<string, Described<T>[]>>();
  /** Entries that give a model but no make. */
  readonly #byModel = new Map<string, Described<T>[]>();
  #size = 0;

  add(vehicle: CanonicalVehicle, target: T): void {
    let bucket: Described<T>[] | undefined;
    if (vehicle.make !== undefined) {
      let models = this.#byMake.get(vehicle.make);
      if (models === undefined) this.#byMake.set(vehicle.make, (models = new Map()));
      bucket = models.get(vehicle.model ?? '');
      if (bucket === undefined) models.set(vehicle.model ?? '', (bucket = []));
    } else {
      bucket = this.#byModel.get(vehicle.model ?? '');
      if (bucket === undefined) this.#byModel.set(vehicle.model ?? '', (bucket = []));
    }
    bucket.push({ vehicle, target, agreed: VEHICLE_FIELDS.filter((field) => vehicle[field] !== undefined) });
    this.#size++;
  }

  get size(): number {
    return this.#size;
  }

  /** Appends every entry whose descriptors all agree with the read's, with the fields that agreed. */
  collect(read: VehicleDescription, out: DescriptionMatch<T>[]): void {
    const make = canonicalDescriptor('make', read.make);
    const model = canonicalDescriptor('model', read.model);
    const models = make === undefined ? undefined : this.#byMake.get(make);
    const candidates = [models?.get(''), model === undefined ? undefined : models?.get(model), model === undefined ? undefined : this.#byModel.get(model)];
    if (candidates[0] === undefined && candidates[1] === undefined && candidates[2] === undefined) return;
    // Make and model already agree; what is left is colour and body type.
    const color = canonicalDescriptor('color', read.color);
    const bodyType = canonicalDescriptor('bodyType', read.bodyType);
    for (const bucket of candidates) {
      for (const described of bucket ?? []) {
        const { vehicle } = described;
        if (vehicle.color !== undefined && vehicle.color !== color) continue;
        if (vehicle.bodyType !== undefined && vehicle.bodyType !== bodyType) continue;
        out.push(described);
      }
    }
  }
}

export interface DescriptionMatch<T> {
  readonly target: T;
  /** The fields the entry gives, all of which agreed. */
  readonly agreed: readonly VehicleField[];
}

interface Described<T> extends DescriptionMatch<T> {
  readonly vehicle: CanonicalVehicle;
}
