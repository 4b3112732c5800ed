/**
 * What the hot-list matcher takes and gives: entries, reads, hits, and the order hits are shown in.
 */
import type { PlatePatternErrorId } from '../plates/index.js';
import type { VehicleDescription, VehicleField } from './matcher.vehicle.js';

/**
 * Why a vehicle is wanted (R9). NCIC's hot files plus the state and agency kinds. There is no
 * immigration category: California bars using ALPR for immigration enforcement (R37), imports drop
 * such records, and the matcher refuses any entry whose category is not one of these.
 */
export const HOT_LIST_CATEGORIES = [
  'stolen_vehicle',
  'stolen_plate',
  'felony_vehicle',
  'wanted_person',
  'missing_person',
  'amber_alert',
  'protective_order',
  'terrorism',
  'gang',
  'sex_offender',
  'supervised_release',
  'other',
] as const;
export type HotListCategory = (typeof HOT_LIST_CATEGORIES)[number];

export interface HotListEntry {
  readonly id: string;
  readonly listId: string;
  /** The list's priority, copied onto each entry: 0 is the most urgent, larger is less. */
  readonly priority: number;
  readonly category: HotListCategory;
  /** The source's own words or code, shown with the hit ("NCIC SV: stolen 2024-05-02, SDPD"). */
  readonly reason?: string;
  /** Full plate, normalized (normalizePlate). */
  readonly plate?: string;
  /** Issuing state or province; absent means "any state" (see StateCheck). */
  readonly state?: string;
  /**
   * Partial plate with ? (one character) and * (any number), positional (parsePlatePattern). One
   * without either is a whole plate, and stands for `plate` when the entry has none.
   */
  readonly pattern?: string;
  /**
   * Descriptors. With no plate and no pattern the entry is a description entry (R8) and matches
   * on these; beside a plate or pattern they are only what the officer checks the image against
   * (R10), never a reason to drop or raise a hit.
   */
  readonly vehicle?: VehicleDescription;
}

/** One read as ingest stores it: plate normalized, region a two-letter code or unknown. */
export interface PlateRead {
  readonly plate: string;
  /** '' , null or undefined when the reader could not tell the state. */
  readonly region?: string | null;
  readonly vehicle?: VehicleDescription | null;
}

/**
 * How the matcher got from the read to the entry, strongest first (the order MATCH_KINDS lists):
 * - exact: every character equal.
 * - wildcard: every character the entry knows is equal; the rest were unknown to the entry (R8).
 * - confusion: one character differs, and only within an OCR confusion class (8 for B): the
 *   reader may have misread it, or this is another car. One character at most: 'ABC123' hits
 *   'A8C123', never 'A8CIZ3'.
 * - description: no plate involved; every descriptor the entry gives agrees with the read's.
 * Wildcard ranks above confusion because it contradicts nothing the entry says, while a confusion
 * hit disagrees with the list at one position.
 */
export const MATCH_KINDS = ['exact', 'wildcard', 'confusion', 'description'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

/**
 * The state rule, the same for every kind. An entry without a state matches a read from any
 * state ('any'): NCIC and agency records sometimes lack one, and dropping them would miss the car.
 * An entry with a state matches a read from that state ('matched'), or a read whose state the
 * reader could not tell ('unread', so the officer checks it on the image, R10); a read from
 * another state is no hit.
 */
export type StateCheck = 'matched' | 'any' | 'unread';

export interface ConfusedCharacter {
  /** Zero-based position in the plate. */
  readonly position: number;
  readonly read: string;
  readonly listed: string;
}

export interface Hit {
  readonly entry: HotListEntry;
  readonly kind: MatchKind;
  readonly state: StateCheck;
  /**
   * How much of the entry the read agreed with, to order hits of one kind: characters for the
   * plate kinds (exact: all; confusion: all but one; wildcard: the pattern's known characters),
   * descriptors for 'description'.
   */
  readonly strength: number;
  /** For 'confusion': the one character read differently from the list. */
  readonly confused?: ConfusedCharacter;
  /** For 'description': the descriptors that agreed (what the officer verifies first). */
  readonly agreed?: readonly VehicleField[];
}

export type RejectionReason =
  | 'id_missing'
  | 'category_unknown'
  | 'priority_invalid'
  | 'plate_empty'
  | 'description_too_broad'
  | 'entry_empty'
  | PlatePatternErrorId;

/** An entry the matcher could not use, kept so the list page can say which and why. */
export interface RejectedEntry {
  readonly id: string;
  readonly listId: string;
  readonly reason: RejectionReason;
  readonly message: string;
}

const KIND_RANK: Readonly<Record<MatchKind, number>> = { exact: 0, wildcard: 1, confusion: 2, description: 3 };
const STATE_RANK: Readonly<Record<StateCheck, number>> = { matched: 0, any: 1, unread: 1 };

/**
 * The order an officer sees hits in: the list's priority (0 first), then how it matched (exact,
 * wildcard, confusion, description), then a confirmed state before an unchecked one, then the
 * stronger hit of a kind (more characters or descriptors agreeing), then entry id so the order
 * never depends on how the lists were loaded.
 */
export function compareHits(a: Hit, b: Hit): number {
  return (
    a.entry.priority - b.entry.priority ||
    KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
    STATE_RANK[a.state] - STATE_RANK[b.state] ||
    b.strength - a.strength ||
    (a.entry.id < b.entry.id ? -1 : a.entry.id > b.entry.id ? 1 : 0)
  );
}
