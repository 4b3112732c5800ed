// Hot-list files as agencies receive them (R6): CSV with a header row, read as a stream, with a
// column mapping from our fields to the file's headers. Each row comes out as an entry to stage,
// a record dropped under R37 (immigration), or an unusable row with its reason.
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { normalizePlate, normalizeRegion, parsePlatePattern, PlatePatternError } from '../plates/index.js';
import { badRequest } from '../platform/errors.js';
import { HOT_LIST_CATEGORIES, type HotListCategory } from './matcher.types.js';

/** What a column can be mapped to. */
export const IMPORT_FIELDS = [
  'plate', 'state', 'plateType', 'ncicCode', 'reason', 'category', 'vehicleYear', 'vehicleMake', 'vehicleModel',
  'vehicleColor', 'vehicleBody', 'entryDate', 'originatingAgency', 'expiresAt', 'file',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export type ColumnMapping = Partial<Record<ImportField, string>>;

/** Headers recognized without a mapping (compared as lowercase letters and digits): ours, then NCIC's field codes. */
const ALIASES: Record<ImportField, readonly string[]> = {
  plate: ['plate', 'lic', 'license', 'licenseplate', 'platenumber', 'plateno', 'licno', 'tag'],
  state: ['state', 'lis', 'platestate', 'region', 'licensestate'],
  plateType: ['platetype', 'lit', 'licensetype'],
  ncicCode: ['nciccode', 'ncic', 'code', 'mke', 'messagekey'],
  reason: ['reason', 'mis', 'miscellaneous', 'description', 'remarks'],
  category: ['category'],
  vehicleYear: ['vehicleyear', 'year', 'vyr'],
  vehicleMake: ['vehiclemake', 'make', 'vma'],
  vehicleModel: ['vehiclemodel', 'model', 'vmo'],
  vehicleColor: ['vehiclecolor', 'color', 'colour', 'vco'],
  vehicleBody: ['vehiclebody', 'body', 'bodytype', 'style', 'vst'],
  entryDate: ['entrydate', 'doe', 'dateofentry', 'entered', 'date'],
  originatingAgency: ['originatingagency', 'ori', 'agency'],
  expiresAt: ['expiresat', 'expires', 'expiry', 'expiration'],
  file: ['file', 'ncicfile', 'sourcefile'],
};

const key = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Resolves the mapping against a file's headers: field → column index. Refuses a mapping that names a missing column, or no plate column. */
export function resolveMapping(headers: readonly string[], mapping: ColumnMapping): Map<ImportField, number> {
  const byKey = new Map<string, number>();
  headers.forEach((header, index) => {
    if (!byKey.has(key(header))) byKey.set(key(header), index);
  });
  const resolved = new Map<ImportField, number>();
  for (const field of IMPORT_FIELDS) {
    const named = mapping[field];
    if (named !== undefined && named !== '') {
      const index = byKey.get(key(named));
      if (index === undefined) {
        throw badRequest('import_mapping_column_missing', `The mapping sends "${field}" to column "${named}", but the file has no such column (its columns: ${headers.join(', ')}). Fix the mapping or the file.`, `mapping.${field}`);
      }
      resolved.set(field, index);
      continue;
    }
    const alias = ALIASES[field].find((a) => byKey.has(a));
    if (alias !== undefined) resolved.set(field, byKey.get(alias)!);
  }
  if (!resolved.has('plate')) {
    throw badRequest('import_mapping_plate_missing', `No column holds the plate (columns: ${headers.join(', ')}). Map "plate" to the file's plate column.`, 'mapping.plate');
  }
  return resolved;
}

/**
 * R37: California bars using ALPR for federal immigration enforcement. Records of the NCIC
 * Immigration Violator File, and any record whose reason or category is immigration status, are
 * dropped and counted.
 */
const IMMIGRATION = /immigra|\bIVF\b|deport|\balien\b|\bICE (detainer|warrant|hold)\b|removal order|visa overstay/i;
export const isImmigrationRecord = (...texts: readonly (string | null | undefined)[]): boolean => texts.some((t) => typeof t === 'string' && IMMIGRATION.test(t));

/** Dates as files carry them: ISO (2026-05-02, with or without time) or NCIC's YYYYMMDD / MMDDYYYY. */
export function parseFileDate(text: string | undefined): number | null | 'invalid' {
  if (!text) return null;
  const t = text.trim();
  let iso = t;
  if (/^\d{8}$/.test(t)) iso = Number(t.slice(0, 4)) > 1900 ? `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}` : `${t.slice(4, 8)}-${t.slice(0, 2)}-${t.slice(2, 4)}`;
  else if (/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(t)) {
    const [m = '', d = '', y = ''] = t.split('/');
    iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  }
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
  return Number.isFinite(ms) ? ms : 'invalid';
}

const CATEGORY_SET: ReadonlySet<string> = new Set(HOT_LIST_CATEGORIES);
/** NCIC message keys and file names to categories (R9). */
const NCIC_CATEGORIES: Record<string, HotListCategory> = {
  sv: 'stolen_vehicle', ev: 'stolen_vehicle', svs: 'stolen_vehicle', stolenvehicle: 'stolen_vehicle',
  slr: 'stolen_plate', lp: 'stolen_plate', el: 'stolen_plate', sfr: 'stolen_plate', stolenplate: 'stolen_plate', stolenlicenseplate: 'stolen_plate',
  fv: 'felony_vehicle', felonyvehicle: 'felony_vehicle', ew: 'wanted_person', wanted: 'wanted_person', wantedperson: 'wanted_person',
  em: 'missing_person', missing: 'missing_person', missingperson: 'missing_person', amber: 'amber_alert', amberalert: 'amber_alert',
  epo: 'protective_order', protectiveorder: 'protective_order', kst: 'terrorism', terrorism: 'terrorism', gang: 'gang', sexoffender: 'sex_offender',
};

export function categoryOf(raw: string | undefined, ncicCode: string | undefined, fallback: HotListCategory): HotListCategory | undefined {
  if (raw) {
    const snake = raw.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_');
    if (CATEGORY_SET.has(snake)) return snake as HotListCategory;
    return NCIC_CATEGORIES[key(raw)];
  }
  if (ncicCode) return NCIC_CATEGORIES[key(ncicCode)] ?? fallback;
  return fallback;
}

export interface ImportedEntry {
  plate: string | null;
  pattern: string | null;
  state: string | null;
  plateType: string | null;
  ncicCode: string | null;
  reason: string | null;
  category: HotListCategory;
  vehicleYear: number | null;
  vehicleMake: string | null;
  vehicleModel: string | null;
  vehicleColor: string | null;
  vehicleBody: string | null;
  entryDate: number | null;
  originatingAgency: string | null;
  expiresAt: number | null;
}

export type ImportedRow = { kind: 'entry'; entry: ImportedEntry } | { kind: 'immigration' } | { kind: 'invalid'; line: number; reason: string };

const cut = (text: string | undefined, max: number): string | null => {
  const t = text?.trim();
  return t ? t.slice(0, max) : null;
};

/** One record of the file as an entry, a dropped record, or an unusable one. */
export function convertRow(cells: readonly string[], columns: Map<ImportField, number>, fallback: HotListCategory, line: number): ImportedRow {
  const cell = (field: ImportField): string | undefined => {
    const index = columns.get(field);
    return index === undefined ? undefined : cells[index]?.trim() || undefined;
  };
  const ncicCode = cell('ncicCode');
  const reason = cell('reason');
  const rawCategory = cell('category');
  if (isImmigrationRecord(ncicCode, reason, rawCategory, cell('file'))) return { kind: 'immigration' };
  const rawPlate = cell('plate') ?? '';
  const isPartial = /[?*]/.test(rawPlate);
  const plate = isPartial ? rawPlate.toUpperCase().replace(/[^A-Z0-9?*]/g, '') : normalizePlate(rawPlate);
  if (!plate) return { kind: 'invalid', line, reason: 'no plate' };
  if (!isPartial && plate.length > 8) return { kind: 'invalid', line, reason: `plate "${plate}" is longer than 8 characters` };
  if (isPartial) {
    try {
      parsePlatePattern(plate);
    } catch (error) {
      if (error instanceof PlatePatternError) return { kind: 'invalid', line, reason: error.message };
      throw error;
    }
  }
  const category = categoryOf(rawCategory, ncicCode, fallback);
  if (!category) return { kind: 'invalid', line, reason: `category "${rawCategory}" is not one of ${HOT_LIST_CATEGORIES.join(', ')}` };
  const entryDate = parseFileDate(cell('entryDate'));
  const expiresAt = parseFileDate(cell('expiresAt'));
  if (entryDate === 'invalid' || expiresAt === 'invalid') return { kind: 'invalid', line, reason: 'a date is not a date (use YYYY-MM-DD or YYYYMMDD)' };
  const year = cell('vehicleYear');
  const vehicleYear = year && /^\d{2,4}$/.test(year) ? Number(year) : null;
  const state = cell('state');
  return {
    kind: 'entry',
    entry: {
      plate: isPartial ? null : plate,
      pattern: isPartial ? plate : null,
      state: state ? (normalizeRegion(state) ?? state.toUpperCase().slice(0, 8)) : null,
      plateType: cut(cell('plateType'), 20),
      ncicCode: cut(ncicCode, 40),
      reason: cut(reason, 500),
      category,
      vehicleYear,
      vehicleMake: cut(cell('vehicleMake'), 40),
      vehicleModel: cut(cell('vehicleModel'), 40),
      vehicleColor: cut(cell('vehicleColor'), 40),
      vehicleBody: cut(cell('vehicleBody'), 40),
      entryDate,
      originatingAgency: cut(cell('originatingAgency'), 60),
      expiresAt,
    },
  };
}

/**
 * Reads a CSV stream row by row. A parse error (an unclosed quote, a row with the wrong number of
 * columns, as a truncated file gives) or a source error ends the iteration with that error.
 */
export async function* readHotListCsv(source: Readable, mapping: ColumnMapping, fallback: HotListCategory): AsyncGenerator<ImportedRow> {
  const parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: false, max_record_size: 64 * 1024 });
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  let columns: Map<ImportField, number> | undefined;
  let line = 1;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!columns) {
        columns = resolveMapping(record, mapping);
        continue;
      }
      line += 1;
      yield convertRow(record, columns, fallback, line);
    }
  } finally {
    source.unpipe(parser);
    if (!source.destroyed) source.destroy();
  }
  if (!columns) throw badRequest('import_empty', 'The file is empty: it has no header row. Nothing was changed.');
}
