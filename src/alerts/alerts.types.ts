// What the alerts room takes from the hot-list room (a narrow interface, so either side can change
// behind it) and the shapes it keeps.
import type { Hit, PlateRead } from '../hotlists/matcher.types.js';
import type { DataSource } from '../access/access-context.js';

/** A hot list as an alert shows it (R9, R12). */
export interface ListInfo {
  readonly id: string;
  readonly name: string;
  readonly priority: number;
  /** The source's name: 'NCIC stolen vehicles', 'CA DOJ SVS', 'agency'. */
  readonly source: string;
  /** R20: who may see hits on it. */
  readonly dataSource: DataSource;
  /** R12: when the list's contents were last replaced or changed; null when never loaded. */
  readonly lastUpdatedAt: number | null;
}

/**
 * The hot-list room's side: HotListsService provides exactly these. match() gives hits ordered by
 * compareHits; listInfo() the list as it is now.
 */
export interface HitSource {
  match(read: PlateRead): readonly Hit[];
  listInfo(listId: string): ListInfo | undefined;
}

/** A source that matches nothing: the app runs with it until hot lists are wired. */
export const NO_HITS: HitSource = { match: () => [], listInfo: () => undefined };

export const DISPOSITIONS = [
  'arrest',
  'vehicle_recovered',
  'citation',
  'field_interview',
  'no_action',
  'misread',
  'no_longer_wanted',
  'unable_to_locate',
] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** Dispositions that are the outcome of a stop: an enforcement action must be recorded first (R10). */
export const ENFORCEMENT_DISPOSITIONS: readonly Disposition[] = ['arrest', 'vehicle_recovered', 'citation', 'field_interview'];

export const ENFORCEMENT_ACTIONS = ['traffic_stop', 'high_risk_stop', 'detention', 'vehicle_recovery', 'other'] as const;
export type EnforcementAction = (typeof ENFORCEMENT_ACTIONS)[number];

export const CONFIRM_METHODS = ['clets', 'dispatch'] as const;
export type ConfirmMethod = (typeof CONFIRM_METHODS)[number];

export const STEPS = ['acknowledge', 'confirm', 'exigency', 'verify', 'action', 'disposition'] as const;
export type StepName = (typeof STEPS)[number];
