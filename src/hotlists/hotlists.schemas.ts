// One schema per shape: request validation, response serialization, OpenAPI and the web app's types.
import { Type, type Static } from 'typebox';
import { IMPORT_FIELDS } from './hotlists.csv.js';
import { HOT_LIST_CATEGORIES, type HotListCategory } from './matcher.types.js';

/** Where a list comes from, its R20 data source and the category its records default to (R9). */
export const HOT_LIST_SOURCES = {
  ncic_stolen_vehicles: { label: 'NCIC stolen vehicles (SVS)', dataSource: 'federal', category: 'stolen_vehicle' },
  ncic_stolen_plates: { label: 'NCIC stolen license plates (SLR)', dataSource: 'federal', category: 'stolen_plate' },
  ncic_felony_vehicles: { label: 'NCIC felony vehicles (SFR)', dataSource: 'federal', category: 'felony_vehicle' },
  nlets: { label: 'NLETS', dataSource: 'federal', category: 'stolen_vehicle' },
  ca_doj: { label: 'California DOJ (SVS via CLETS)', dataSource: 'state', category: 'stolen_vehicle' },
  agency: { label: 'This agency (entries by officers, approved by a supervisor)', dataSource: 'agency', category: 'other' },
} as const satisfies Record<string, { label: string; dataSource: 'agency' | 'state' | 'federal'; category: HotListCategory }>;
export type HotListSource = keyof typeof HOT_LIST_SOURCES;
export const HOT_LIST_SOURCE_NAMES = Object.keys(HOT_LIST_SOURCES) as HotListSource[];

const DateTime = Type.String({ format: 'date-time' });
const NullableDateTime = Type.Union([DateTime, Type.Null()]);
const NullableString = Type.Union([Type.String(), Type.Null()]);

export const ColumnMappingSchema = Type.Object(
  Object.fromEntries(IMPORT_FIELDS.map((field) => [field, Type.Optional(Type.String({ maxLength: 80 }))])) as Record<(typeof IMPORT_FIELDS)[number], ReturnType<typeof Type.Optional<ReturnType<typeof Type.String>>>>,
  { additionalProperties: false, description: 'Our field → the file\'s column header. Unmapped fields are found by common header names (plate, lic, state, lis, vma, …).' },
);

export const HotListInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    source: Type.Enum([...HOT_LIST_SOURCE_NAMES]),
    priority: Type.Integer({ minimum: 0, maximum: 9, description: '0 is the most urgent; orders hits an officer sees (R9).' }),
    owner: Type.Optional(Type.String({ minLength: 1, maxLength: 120, description: 'Who answers for the list (a unit or a person).' })),
    retentionDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 36500, description: 'R13: the list is deleted once not updated for this long; entries are kept this long after they end. Default: the profile\'s retention.hotLists.maxDays.' })),
    refreshIntervalHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 24, description: 'R6, R12: general lists are downloaded this often and shown stale past it; at most the profile\'s hotLists.generalDownloadIntervalHours.' })),
    feedLocation: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 500 }), Type.Null()], { description: 'R6: an http(s) URL, or a file name in the hot-list feed folder (<dataDir>/hotlist-feeds) that the scheduled download reads.' })),
    feedMapping: Type.Optional(ColumnMappingSchema),
  },
  { additionalProperties: false },
);
export type HotListInput = Static<typeof HotListInput>;

export const HotListUpdate = Type.Partial(Type.Omit(HotListInput, ['source']), { additionalProperties: false });
export type HotListUpdate = Static<typeof HotListUpdate>;

export const Designation = Type.Object({ active: Type.Boolean({ description: 'R5: whether the system uses this list.' }) }, { additionalProperties: false });

export const HotListView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  kind: Type.Enum(['general', 'agency']),
  source: Type.String(),
  sourceLabel: Type.String(),
  dataSource: Type.Enum(['agency', 'state', 'federal']),
  defaultCategory: Type.String(),
  priority: Type.Integer(),
  owner: Type.String(),
  retentionDays: Type.Integer(),
  refreshIntervalHours: Type.Integer(),
  active: Type.Boolean(),
  designatedBy: NullableString,
  designatedAt: NullableDateTime,
  lastUpdatedAt: NullableDateTime,
  stale: Type.Boolean(),
  staleReason: NullableString,
  lastImportError: NullableString,
  lastImportFailedAt: NullableDateTime,
  activeEntries: Type.Integer(),
  pendingEntries: Type.Integer(),
  feedLocation: NullableString,
  feedMapping: ColumnMappingSchema,
  deletesAt: DateTime,
  createdBy: Type.String(),
  createdAt: DateTime,
});
export type HotListView = Static<typeof HotListView>;

export const ImportView = Type.Object({
  id: Type.String(),
  listId: Type.String(),
  status: Type.Enum(['running', 'succeeded', 'failed']),
  trigger: Type.Enum(['upload', 'scheduled']),
  fileName: NullableString,
  startedBy: Type.String(),
  startedAt: DateTime,
  finishedAt: NullableDateTime,
  bytesTotal: Type.Union([Type.Integer(), Type.Null()]),
  bytesRead: Type.Integer(),
  rowsRead: Type.Integer(),
  rowsImported: Type.Integer(),
  rowsDroppedImmigration: Type.Integer({ description: 'R37: NCIC Immigration Violator File records and immigration-status entries dropped.' }),
  rowsInvalid: Type.Integer(),
  expectedRows: Type.Union([Type.Integer(), Type.Null()]),
  error: NullableString,
});
export type ImportView = Static<typeof ImportView>;

export const ImportQuery = Type.Object(
  {
    fileName: Type.Optional(Type.String({ maxLength: 200 })),
    expectedRows: Type.Optional(Type.Integer({ minimum: 0, description: 'The record count the sender states; a file with any other count changes nothing.' })),
    mapping: Type.Optional(Type.String({ maxLength: 4000, description: 'The column mapping as JSON (see ColumnMapping); default: the list\'s feed mapping.' })),
  },
  { additionalProperties: false },
);

export const VehicleInput = Type.Object(
  {
    year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100 })),
    make: Type.Optional(Type.String({ maxLength: 40 })),
    model: Type.Optional(Type.String({ maxLength: 40 })),
    color: Type.Optional(Type.String({ maxLength: 40 })),
    bodyType: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);

export const EntryInput = Type.Object(
  {
    plate: Type.Optional(Type.String({ minLength: 1, maxLength: 12, description: 'A whole plate, or a partial one with ? (one character) and * (any) where the profile allows (R8).' })),
    state: Type.Optional(Type.String({ minLength: 2, maxLength: 12 })),
    plateType: Type.Optional(Type.String({ maxLength: 20 })),
    vehicle: Type.Optional(VehicleInput),
    category: Type.Enum([...HOT_LIST_CATEGORIES]),
    reason: Type.Optional(Type.String({ maxLength: 500, description: 'Shown with a hit (R9).' })),
    caseAgent: Type.String({ minLength: 2, maxLength: 120, description: 'R7: the case agent\'s name.' }),
    caseNumber: Type.String({ minLength: 3, maxLength: 40, description: 'R7: the case number.' }),
    synopsis: Type.String({ minLength: 10, maxLength: 1000, description: 'R7: a short synopsis of the case.' }),
    expiresAt: Type.Optional(Type.String({ format: 'date-time', description: 'R13: when the entry stops matching; default the list\'s retention from now.' })),
  },
  { additionalProperties: false },
);
export type EntryInput = Static<typeof EntryInput>;

export const EntryView = Type.Object({
  id: Type.String(),
  listId: Type.String(),
  listName: Type.String(),
  status: Type.Enum(['pending', 'active', 'rejected', 'expired']),
  plate: NullableString,
  pattern: NullableString,
  state: NullableString,
  plateType: NullableString,
  ncicCode: NullableString,
  reason: NullableString,
  category: Type.String(),
  vehicle: Type.Object({ year: Type.Union([Type.Integer(), Type.Null()]), make: NullableString, model: NullableString, color: NullableString, bodyType: NullableString }),
  entryDate: NullableDateTime,
  originatingAgency: NullableString,
  caseAgent: NullableString,
  caseNumber: NullableString,
  synopsis: NullableString,
  expiresAt: NullableDateTime,
  submittedBy: NullableString,
  decidedBy: NullableString,
  decidedAt: NullableDateTime,
  decisionReason: NullableString,
  createdAt: DateTime,
});
export type EntryView = Static<typeof EntryView>;

export const EntryCreated = Type.Object({ id: Type.String(), status: Type.Enum(['pending', 'active']), message: Type.String() });

export const Decision = Type.Object({ reason: Type.Optional(Type.String({ minLength: 3, maxLength: 500 })) }, { additionalProperties: false });

export const SeenRead = Type.Object({
  id: Type.String(),
  plate: Type.String(),
  region: Type.String(),
  match: Type.Enum(['exact', 'confusion', 'wildcard', 'description']),
  capturedAt: DateTime,
  cameraId: Type.String(),
  lat: Type.Union([Type.Number(), Type.Null()]),
  lon: Type.Union([Type.Number(), Type.Null()]),
  vehicle: Type.Object({ make: NullableString, model: NullableString, color: NullableString, bodyType: NullableString }),
});
export type SeenRead = Static<typeof SeenRead>;
