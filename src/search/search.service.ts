// Investigative search (issue 6; R21–R25): eight kinds over the read store, every one behind the
// purpose gate. The public methods take an AccessContext (only the gate makes one) and write the
// access-log line, with the data elements queried, before any read leaves (invariant 1). Plates
// are resolved over the distinct plates first (PlateIndex), then reads are fetched by plate id.
import { recordAccess, type AccessContext } from '../access/access-context.js';
import { badRequest, forbidden } from '../platform/errors.js';
import { needsVerification } from '../policy/index.js';
import { normalizePlate, normalizeRegion, parsePlatePattern, PlatePatternError, type PlatePattern } from '../plates/index.js';
import { boundingBox, contains } from './geo.js';
import type { PlateIndex } from './plate-index.js';
import type { Area, ReadView, SearchKind, SearchPage, SearchRequest, VehicleMatch } from './search.schemas.js';
import type { After, ReadFilters, ReadRow, SearchStore } from './search.store.js';

/** Partial plates: more distinct plates than this and the pattern must be narrowed. */
export const MAX_PATTERN_PLATES = 5_000;
/** Reads one place-and-time window may hold for several-places search. */
export const MAX_WINDOW_READS = 50_000;
/** Target reads a convoy search follows. */
export const MAX_CONVOY_TARGET_READS = 2_000;
const MAX_WINDOW_MS = 7 * 24 * 3600 * 1000;

interface Outcome {
  page: SearchPage;
  dataElements: Record<string, unknown>;
}

type Cursor = { t: number; id: string; c?: number } | { o: number };

const encodeCursor = (cursor: Cursor): string => Buffer.from(JSON.stringify(cursor)).toString('base64url');

function decodeCursor(text: string | undefined): Cursor | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof value.o === 'number' && Number.isInteger(value.o) && value.o >= 0) return { o: value.o };
    if (typeof value.t === 'number' && typeof value.id === 'string' && /^[0-9a-f-]{1,64}$/i.test(value.id)) {
      return { t: value.t, id: value.id, ...(typeof value.c === 'number' ? { c: value.c } : {}) };
    }
  } catch {
    // falls through to the error
  }
  throw badRequest('invalid_cursor', 'The cursor is not one this server gave: send nextCursor from the previous page unchanged, or leave it out for the first page.', 'cursor');
}

const afterOf = (cursor: Cursor | undefined): After | undefined => (cursor && 't' in cursor ? { t: cursor.t, id: cursor.id } : undefined);
const offsetOf = (cursor: Cursor | undefined): number => (cursor && 'o' in cursor ? cursor.o : 0);

function instant(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw badRequest('invalid_time', `${field}: not an instant; write it as ISO 8601, e.g. 2026-11-23T08:00:00Z.`, field);
  return ms;
}

function range(from: string | undefined, to: string | undefined): { from?: number; to?: number } {
  const f = instant(from, 'from');
  const t = instant(to, 'to');
  if (f !== undefined && t !== undefined && f >= t) throw badRequest('invalid_time_range', '"from" must be before "to".', 'from');
  return { ...(f !== undefined ? { from: f } : {}), ...(t !== undefined ? { to: t } : {}) };
}

function windowOf(from: string, to: string, field: string): { from: number; to: number } {
  const r = range(from, to);
  const f = r.from ?? 0;
  const t = r.to ?? 0;
  if (t - f > MAX_WINDOW_MS) throw badRequest('window_too_long', `${field}: a window is at most 7 days; split a longer period into several searches.`, field);
  return { from: f, to: t };
}

function plateOf(text: string): string {
  const plate = normalizePlate(text);
  if (!plate) throw badRequest('invalid_plate', 'The plate has no letters or digits; enter it as read, e.g. 7ABC123.', 'plate');
  return plate;
}

function regionOf(text: string | undefined): string | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const region = normalizeRegion(text);
  if (region === undefined) throw badRequest('invalid_region', `"${text}" is not a US state or Canadian province; write its two-letter code, e.g. CA.`, 'region');
  return region;
}

function patternOf(text: string, mode: 'positional' | 'ordered' | 'unordered' = 'positional'): PlatePattern {
  try {
    return parsePlatePattern(text, mode);
  } catch (error) {
    if (error instanceof PlatePatternError) throw badRequest(error.id, error.message, 'pattern');
    throw error;
  }
}

function areaElements(area: Area): Record<string, unknown> {
  return 'center' in area ? { center: area.center, radiusMeters: area.radiusMeters } : { polygon: area.polygon };
}

/** R20: reads are this agency's own data; a user not authorized for the agency source sees none. */
export function mayReadAgencyData(ctx: AccessContext): void {
  if (!ctx.maySee('agency')) throw forbidden('data_source_not_authorized', "You are not authorized to see this department's own reads (R20). Ask the ALPR Administrator if your work needs it.");
}

export interface CameraInfo {
  id: string;
  name: string;
  lat: number | null;
  lon: number | null;
}

export class SearchService {
  /** Camera names and places for result rows, kept a short while (200 rows each search otherwise). */
  private cameraCache: { at: number; byId: Map<string, CameraInfo> } | undefined;

  constructor(
    private readonly store: SearchStore,
    private readonly index: PlateIndex,
    /** The profile's recognition.confidenceThreshold: reads scored below it are shown as needing verification (R10). */
    private readonly verifyBelow: number,
  ) {}

  private async cameraMap(): Promise<Map<string, CameraInfo>> {
    const now = Date.now();
    if (!this.cameraCache || now - this.cameraCache.at > 10_000) this.cameraCache = { at: now, byId: new Map((await this.store.cameras()).map((camera) => [camera.id, camera])) };
    return this.cameraCache.byId;
  }

  /** The plate index's size and memory (typed arrays), for operators and the bench. */
  plateIndexStats(): { plates: number; bytes: number } {
    return { plates: this.index.size, bytes: this.index.bytes };
  }

  /** Cameras for the map (no reads: not ALPR data). */
  cameras(): Promise<CameraInfo[]> {
    return this.store.cameras();
  }

  /** One page of a search, logged (R25) before it is returned. */
  async run(ctx: AccessContext, request: SearchRequest): Promise<SearchPage> {
    mayReadAgencyData(ctx);
    const { page, dataElements } = await this.execute(request);
    await recordAccess(ctx, { action: `search.${request.kind}`, dataElements, resultCount: page.reads.length + page.vehicles.length });
    return page;
  }

  /**
   * Every page of a search up to `maxRecords` reads (for exports), logged once under `action`
   * (e.g. 'export.csv') before it is returned.
   */
  async all(ctx: AccessContext, request: SearchRequest, action: string, maxRecords: number): Promise<{ reads: ReadView[]; dataElements: Record<string, unknown> }> {
    mayReadAgencyData(ctx);
    const reads: ReadView[] = [];
    const seen = new Set<string>();
    let cursor: string | undefined = request.query.cursor;
    let first: Record<string, unknown> | undefined;
    for (;;) {
      const { page, dataElements } = await this.execute({ ...request, query: { ...request.query, limit: 500, ...(cursor ? { cursor } : {}) } } as SearchRequest);
      first ??= dataElements;
      const pageReads = page.reads.length > 0 ? page.reads : page.vehicles.flatMap((vehicle) => vehicle.reads);
      for (const read of pageReads) {
        if (seen.has(read.id) || reads.length >= maxRecords) continue;
        seen.add(read.id);
        reads.push(read);
      }
      if (!page.nextCursor || reads.length >= maxRecords) break;
      cursor = page.nextCursor;
    }
    const dataElements = { ...first, exported: reads.length };
    await recordAccess(ctx, { action, dataElements, resultCount: reads.length });
    return { reads, dataElements };
  }

  private async execute(request: SearchRequest): Promise<Outcome> {
    // Kinds that resolve plates catch the plate index up first; area and description kinds need not.
    if (request.kind !== 'canvass' && request.kind !== 'places' && !(request.kind === 'vehicle' && !request.query.pattern)) await this.index.refresh();
    const cameras = await this.cameraMap();
    const view = (row: ReadRow, closeness?: number): ReadView => ({
      id: row.id,
      plate: row.plate,
      region: row.region,
      plateRaw: row.plateRaw,
      confidence: row.confidence,
      needsVerification: needsVerification(row.confidence, this.verifyBelow),
      capturedAt: new Date(row.capturedAt).toISOString(),
      cameraId: row.cameraId,
      cameraName: cameras.get(row.cameraId)?.name ?? row.cameraId,
      lat: row.lat,
      lon: row.lon,
      heading: row.heading,
      vehicle: { make: row.vehicleMake, model: row.vehicleModel, color: row.vehicleColor, body: row.vehicleBody },
      plateImageUrl: row.plateImage ? `/api/v1/images/${row.plateImage}` : null,
      vehicleImageUrl: row.vehicleImage ? `/api/v1/images/${row.vehicleImage}` : null,
      ...(closeness !== undefined ? { closeness } : {}),
    });
    const q = request.query;
    const filters: ReadFilters = { ...range(q.from, q.to), ...(q.cameraIds?.length ? { cameraIds: q.cameraIds } : {}) };
    const common = { from: q.from ?? null, to: q.to ?? null, cameraIds: q.cameraIds ?? null, cursor: q.cursor ?? null };
    const limit = q.limit ?? 50;
    const cursor = decodeCursor(q.cursor);
    const empty = (kind: SearchKind): SearchPage => ({ kind, reads: [], vehicles: [], plates: [], truncated: false, nextCursor: null });
    const keysetPage = (kind: SearchKind, rows: ReadRow[]): SearchPage => {
      const more = rows.length > limit;
      const shown = rows.slice(0, limit);
      const last = shown.at(-1);
      return { ...empty(kind), reads: shown.map((row) => view(row)), nextCursor: more && last ? encodeCursor({ t: last.capturedAt, id: last.id }) : null };
    };

    switch (request.kind) {
      case 'plate':
      case 'history': {
        const query = request.query;
        const plate = plateOf(query.plate);
        const region = regionOf(query.region);
        const ids = this.index.exact(plate, region).map((entry) => entry.plateId);
        const rows = await this.store.readsOfPlates(ids, filters, afterOf(cursor), limit + 1);
        return { page: keysetPage(request.kind, rows), dataElements: { kind: request.kind, plate, region: region ?? null, ...common } };
      }
      case 'partial': {
        const query = request.query;
        const pattern = patternOf(query.pattern, query.mode);
        const region = regionOf(query.region);
        const plates = this.platesMatching(pattern, region);
        const rows = await this.store.readsOfPlates(
          plates.map((entry) => entry.plateId),
          filters,
          afterOf(cursor),
          limit + 1,
        );
        const page = keysetPage('partial', rows);
        page.plates = plates.slice(0, 200).map((entry) => ({ plate: entry.plate, region: entry.region }));
        page.truncated = plates.length > 200;
        return { page, dataElements: { kind: 'partial', pattern: pattern.text, mode: pattern.mode, region: region ?? null, platesMatched: plates.length, ...common } };
      }
      case 'fuzzy': {
        const query = request.query;
        const plate = plateOf(query.plate);
        const region = regionOf(query.region);
        const candidates = this.index.fuzzy(plate, region, MAX_PATTERN_PLATES);
        const start = cursor && 't' in cursor ? (cursor.c ?? 0) : 0;
        const out: { row: ReadRow; closeness: number }[] = [];
        let next: string | null = null;
        for (const tier of [0, 1, 2]) {
          if (tier < start) continue;
          const ids = candidates.filter((c) => c.closeness === tier).map((c) => c.plateId);
          if (ids.length === 0) continue;
          const need = limit - out.length;
          const rows = await this.store.readsOfPlates(ids, filters, tier === start ? afterOf(cursor) : undefined, need + 1);
          out.push(...rows.slice(0, need).map((row) => ({ row, closeness: tier })));
          const last = out.at(-1);
          if (rows.length > need && last) {
            next = encodeCursor({ t: last.row.capturedAt, id: last.row.id, c: tier });
            break;
          }
        }
        const page: SearchPage = {
          ...empty('fuzzy'),
          reads: out.map(({ row, closeness }) => view(row, closeness)),
          plates: candidates.slice(0, 200).map((c) => ({ plate: c.plate, region: c.region, closeness: c.closeness })),
          truncated: candidates.length > 200,
          nextCursor: next,
        };
        return { page, dataElements: { kind: 'fuzzy', plate, region: region ?? null, platesMatched: candidates.length, ...common } };
      }
      case 'vehicle': {
        const query = request.query;
        const description = {
          ...(query.make ? { make: query.make } : {}),
          ...(query.model ? { model: query.model } : {}),
          ...(query.color ? { color: query.color } : {}),
          ...(query.body ? { body: query.body } : {}),
        };
        if (Object.keys(description).length === 0 && !query.pattern) {
          throw badRequest('description_empty', 'Describe the vehicle: give at least a make, model, color, body type or partial plate.', 'make');
        }
        const pattern = query.pattern ? patternOf(query.pattern) : undefined;
        const plateIds = pattern ? this.platesMatching(pattern, undefined).map((entry) => entry.plateId) : undefined;
        const rows = await this.store.readsByDescription(description, plateIds, filters, afterOf(cursor), limit + 1);
        return { page: keysetPage('vehicle', rows), dataElements: { kind: 'vehicle', ...description, pattern: pattern?.text ?? null, ...common } };
      }
      case 'canvass': {
        const query = request.query;
        const window = windowOf(query.from, query.to, 'to');
        const rows = await this.inArea(query.area, { ...filters, ...window }, afterOf(cursor), limit + 1);
        return { page: keysetPage('canvass', rows), dataElements: { kind: 'canvass', area: areaElements(query.area), ...common } };
      }
      case 'places': {
        const query = request.query;
        const minWindows = query.minWindows ?? 2;
        if (minWindows > query.windows.length) throw badRequest('min_windows_too_high', `minWindows is ${minWindows} but only ${query.windows.length} windows were given.`, 'minWindows');
        const seen = new Map<number, { windows: Set<number>; rows: ReadRow[] }>();
        for (const [i, w] of query.windows.entries()) {
          const window = windowOf(w.from, w.to, `windows/${i}/to`);
          const rows = await this.inArea(w.area, { ...window, ...(filters.cameraIds ? { cameraIds: filters.cameraIds } : {}) }, undefined, MAX_WINDOW_READS + 1);
          if (rows.length > MAX_WINDOW_READS) throw badRequest('window_too_broad', `Window ${i + 1} holds more than ${MAX_WINDOW_READS} reads; make its area or time shorter.`, `windows/${i}`);
          for (const row of rows) {
            const entry = seen.get(row.plateId) ?? { windows: new Set<number>(), rows: [] };
            entry.windows.add(i);
            entry.rows.push(row);
            seen.set(row.plateId, entry);
          }
        }
        const vehicles = [...seen.values()]
          .filter((entry) => entry.windows.size >= minWindows)
          .sort((a, b) => b.windows.size - a.windows.size || (a.rows[0]?.plate ?? '').localeCompare(b.rows[0]?.plate ?? ''))
          .map(
            (entry): VehicleMatch => ({
              plate: entry.rows[0]?.plate ?? '',
              region: entry.rows[0]?.region ?? '',
              matched: [...entry.windows].sort((a, b) => a - b).map((i) => query.windows[i]?.label ?? `window ${i + 1}`),
              reads: entry.rows.sort((a, b) => b.capturedAt - a.capturedAt).map((row) => view(row)),
            }),
          );
        return {
          page: this.offsetPage('places', vehicles, offsetOf(cursor), limit),
          dataElements: { kind: 'places', windows: query.windows.map((w) => ({ ...areaElements(w.area), from: w.from, to: w.to })), minWindows, ...common },
        };
      }
      case 'convoy': {
        const query = request.query;
        const plate = plateOf(query.plate);
        const region = regionOf(query.region);
        const withinMs = (query.withinSeconds ?? 60) * 1000;
        const minCameras = query.minCameras ?? 2;
        const targetIds = new Set(this.index.exact(plate, region).map((entry) => entry.plateId));
        const targets = await this.store.readsOfPlates([...targetIds], filters, undefined, MAX_CONVOY_TARGET_READS);
        const companions = new Map<number, Map<string, string[]>>();
        const capturedAt = new Map<string, number>();
        // Oldest first, so each vehicle's cameras are listed in the order it met the target.
        for (const target of [...targets].reverse()) {
          for (const other of await this.store.plateIdsAtCamera(target.cameraId, target.capturedAt - withinMs, target.capturedAt + withinMs + 1)) {
            if (targetIds.has(other.plateId)) continue;
            capturedAt.set(other.id, other.capturedAt);
            const byCamera = companions.get(other.plateId) ?? new Map<string, string[]>();
            byCamera.set(target.cameraId, [...(byCamera.get(target.cameraId) ?? []), other.id]);
            companions.set(other.plateId, byCamera);
          }
        }
        const found = [...companions.values()].filter((byCamera) => byCamera.size >= minCameras).sort((a, b) => b.size - a.size);
        const offset = offsetOf(cursor);
        const slice = found.slice(offset, offset + limit);
        const rows = await this.store.readsById([...new Set(slice.flatMap((byCamera) => [...byCamera.values()].flat()))].map((id) => ({ id, capturedAt: capturedAt.get(id) ?? 0 })));
        const vehicles = slice.map((byCamera): VehicleMatch => {
          const ids = new Set([...byCamera.values()].flat());
          const reads = rows.filter((row) => ids.has(row.id));
          return {
            plate: reads[0]?.plate ?? '',
            region: reads[0]?.region ?? '',
            matched: [...byCamera.keys()].map((id) => cameras.get(id)?.name ?? id),
            reads: reads.map((row) => view(row)),
          };
        });
        const page: SearchPage = { ...empty('convoy'), vehicles, nextCursor: offset + limit < found.length ? encodeCursor({ o: offset + limit }) : null };
        return { page, dataElements: { kind: 'convoy', plate, region: region ?? null, withinSeconds: withinMs / 1000, minCameras, targetReads: targets.length, ...common } };
      }
    }
  }

  private offsetPage(kind: SearchKind, vehicles: VehicleMatch[], offset: number, limit: number): SearchPage {
    return {
      kind,
      reads: [],
      vehicles: vehicles.slice(offset, offset + limit),
      plates: [],
      truncated: false,
      nextCursor: offset + limit < vehicles.length ? encodeCursor({ o: offset + limit }) : null,
    };
  }

  private platesMatching(pattern: PlatePattern, region: string | undefined) {
    const plates = this.index.matching(pattern, region, MAX_PATTERN_PLATES);
    if (plates.length > MAX_PATTERN_PLATES) {
      throw badRequest(
        'pattern_too_broad',
        `"${pattern.text}" matches more than ${MAX_PATTERN_PLATES} distinct plates. Add the characters you are sure of, a state, or search by vehicle description with the partial plate.`,
        'pattern',
      );
    }
    return plates;
  }

  /** Reads inside an area, newest first: the bounding box in SQL, the exact shape here, in batches until `limit`. */
  private async inArea(area: Area, filters: ReadFilters, after: After | undefined, limit: number): Promise<ReadRow[]> {
    const box = boundingBox(area);
    const out: ReadRow[] = [];
    let position = after;
    const batch = Math.min(Math.max(limit, 200), 10_000);
    for (;;) {
      const rows = await this.store.readsInBox(box, filters, position, batch);
      for (const row of rows) if (row.lat !== null && row.lon !== null && contains(area, { lat: row.lat, lon: row.lon })) out.push(row);
      const last = rows.at(-1);
      if (out.length >= limit || rows.length < batch || !last) return out.slice(0, limit);
      position = { t: last.capturedAt, id: last.id };
    }
  }
}
