// Investigative search's HTTP shapes (issue 6; R21–R25; STYLE 3): one body per kind, the common
// filters (time range, cameras, page), and the read and vehicle views results are made of.
import { Type, type Static } from 'typebox';
import { PurposeBody } from '../access/purpose.schemas.js';

export const SEARCH_KINDS = ['plate', 'partial', 'fuzzy', 'vehicle', 'canvass', 'places', 'convoy', 'history'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

const Instant = (description: string) => Type.String({ format: 'date-time', description });
const PlateText = Type.String({ minLength: 1, maxLength: 20, description: 'As read or remembered; spaces and dashes are ignored.' });
const Region = Type.Optional(Type.String({ minLength: 2, maxLength: 10, description: 'State or province, e.g. "CA" or "us-ca"; leave out for every state.' }));

/** Filters every kind takes (the issue: "all kinds combine with time range and camera filters"). */
const Common = {
  from: Type.Optional(Instant('Reads captured at or after this instant.')),
  to: Type.Optional(Instant('Reads captured before this instant.')),
  cameraIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 500, description: 'Only reads from these cameras.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'Results per page.' })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 400, description: 'nextCursor of the previous page.' })),
  /** The purpose itself, where no stated-purpose id is sent (openGate). */
  purpose: Type.Optional(PurposeBody),
};

export const LatLon = Type.Object({ lat: Type.Number({ minimum: -90, maximum: 90 }), lon: Type.Number({ minimum: -180, maximum: 180 }) }, { additionalProperties: false });
export type LatLon = Static<typeof LatLon>;

export const Area = Type.Union(
  [
    Type.Object({ center: LatLon, radiusMeters: Type.Number({ minimum: 1, maximum: 50_000 }) }, { additionalProperties: false }),
    Type.Object({ polygon: Type.Array(LatLon, { minItems: 3, maxItems: 200 }) }, { additionalProperties: false }),
  ],
  { description: 'A circle (center and radius in meters) or a polygon (3 to 200 corners).' },
);
export type Area = Static<typeof Area>;

export const PlateSearch = Type.Object({ ...Common, plate: PlateText, region: Region }, { additionalProperties: false });
export const PartialSearch = Type.Object(
  {
    ...Common,
    pattern: Type.String({ minLength: 1, maxLength: 20, description: "'7AB?12*': ? one unknown character, * any number. With mode 'ordered' or 'unordered', only the characters remembered." }),
    mode: Type.Optional(Type.Union([Type.Literal('positional'), Type.Literal('ordered'), Type.Literal('unordered')], { description: "positional: where the characters were; ordered: in this order, anywhere; unordered: in any order ('any position')." })),
    region: Region,
  },
  { additionalProperties: false },
);
export const FuzzySearch = Type.Object({ ...Common, plate: PlateText, region: Region }, { additionalProperties: false });
export const VehicleSearch = Type.Object(
  {
    ...Common,
    make: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    model: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    color: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    body: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    pattern: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: 'A partial plate, as in partial search (positional).' })),
  },
  { additionalProperties: false },
);
export const CanvassSearch = Type.Object({ ...Common, area: Area, from: Instant('Start of the window.'), to: Instant('End of the window (at most 7 days after from).') }, { additionalProperties: false });
export const Window = Type.Object({ area: Area, from: Instant('Start.'), to: Instant('End (at most 7 days after from).'), label: Type.Optional(Type.String({ maxLength: 80 })) }, { additionalProperties: false });
export const PlacesSearch = Type.Object(
  {
    ...Common,
    windows: Type.Array(Window, { minItems: 2, maxItems: 10, description: 'Place-and-time windows (a series of burglaries).' }),
    minWindows: Type.Optional(Type.Integer({ minimum: 2, maximum: 10, description: 'Seen in at least this many windows.' })),
  },
  { additionalProperties: false },
);
export const ConvoySearch = Type.Object(
  {
    ...Common,
    plate: PlateText,
    region: Region,
    withinSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 900, description: 'Seen within this many seconds of the target at the same camera.' })),
    minCameras: Type.Optional(Type.Integer({ minimum: 2, maximum: 50, description: 'At this many distinct cameras or more.' })),
  },
  { additionalProperties: false },
);
export const HistorySearch = Type.Object({ ...Common, plate: PlateText, region: Region }, { additionalProperties: false });

export type PlateSearch = Static<typeof PlateSearch>;
export type PartialSearch = Static<typeof PartialSearch>;
export type FuzzySearch = Static<typeof FuzzySearch>;
export type VehicleSearch = Static<typeof VehicleSearch>;
export type CanvassSearch = Static<typeof CanvassSearch>;
export type PlacesSearch = Static<typeof PlacesSearch>;
export type ConvoySearch = Static<typeof ConvoySearch>;
export type HistorySearch = Static<typeof HistorySearch>;

export const SEARCH_BODIES = {
  plate: PlateSearch,
  partial: PartialSearch,
  fuzzy: FuzzySearch,
  vehicle: VehicleSearch,
  canvass: CanvassSearch,
  places: PlacesSearch,
  convoy: ConvoySearch,
  history: HistorySearch,
} as const;

/** A search of any kind, as exports and the web app name it. */
export type SearchRequest =
  | { kind: 'plate'; query: PlateSearch }
  | { kind: 'partial'; query: PartialSearch }
  | { kind: 'fuzzy'; query: FuzzySearch }
  | { kind: 'vehicle'; query: VehicleSearch }
  | { kind: 'canvass'; query: CanvassSearch }
  | { kind: 'places'; query: PlacesSearch }
  | { kind: 'convoy'; query: ConvoySearch }
  | { kind: 'history'; query: HistorySearch };

export const ReadView = Type.Object({
  id: Type.String(),
  plate: Type.String({ description: 'Normalized plate.' }),
  region: Type.String(),
  plateRaw: Type.String(),
  confidence: Type.Union([Type.Number(), Type.Null()]),
  needsVerification: Type.Boolean({ description: "Confidence below the profile's recognition.confidenceThreshold: check the characters against the image before relying on the read (R10)." }),
  capturedAt: Type.String({ format: 'date-time' }),
  cameraId: Type.String(),
  cameraName: Type.String(),
  lat: Type.Union([Type.Number(), Type.Null()]),
  lon: Type.Union([Type.Number(), Type.Null()]),
  heading: Type.Union([Type.Number(), Type.Null()]),
  vehicle: Type.Object({ make: Type.Union([Type.String(), Type.Null()]), model: Type.Union([Type.String(), Type.Null()]), color: Type.Union([Type.String(), Type.Null()]), body: Type.Union([Type.String(), Type.Null()]) }),
  plateImageUrl: Type.Union([Type.String(), Type.Null()], { description: 'GET it with the purpose (X-Purpose-Id or ?purpose=): images pass the gate too.' }),
  vehicleImageUrl: Type.Union([Type.String(), Type.Null()]),
  closeness: Type.Optional(Type.Integer({ description: 'Fuzzy only: 0 the plate itself, 1 within OCR confusion, 2 one edit.' })),
});
export type ReadView = Static<typeof ReadView>;

export const VehicleMatch = Type.Object({
  plate: Type.String(),
  region: Type.String(),
  /** places: the windows (0-based) it was seen in; convoy: the cameras it was seen at with the target. */
  matched: Type.Array(Type.String()),
  reads: Type.Array(ReadView),
});
export type VehicleMatch = Static<typeof VehicleMatch>;

export const SearchPage = Type.Object({
  kind: Type.Enum([...SEARCH_KINDS]),
  reads: Type.Array(ReadView, { description: 'Plate, partial, fuzzy, vehicle, canvass and history: the reads, newest first (fuzzy: closest first).' }),
  vehicles: Type.Array(VehicleMatch, { description: 'Several places and convoy: the vehicles found, with their reads.' }),
  plates: Type.Array(Type.Object({ plate: Type.String(), region: Type.String(), closeness: Type.Optional(Type.Integer()) }), { description: 'Partial and fuzzy: the distinct plates matched (fuzzy: closest first).' }),
  truncated: Type.Boolean({ description: 'More plates matched than are searched at once: narrow the pattern or the region.' }),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type SearchPage = Static<typeof SearchPage>;

export const CamerasForMap = Type.Object({
  cameras: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), lat: Type.Union([Type.Number(), Type.Null()]), lon: Type.Union([Type.Number(), Type.Null()]) })),
});

export const ImageParams = Type.Object({ sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }) });
