// The closed list of purposes a user may state before touching ALPR data (R17, R21). Every access
// names one category, a case or incident number and a specific reason (purpose-rules.ts).
//
// The list follows what the five policies authorize: the hit reasons (001 427.2: stolen car or
// plate, wanted or missing person, protective order, terrorism), investigations and canvasses of
// crimes (R8, R23, R24), verifying an alert before acting (R10), the audits (R26, R28), evidence
// and records requests (R31, R39) and assisting another law-enforcement agency under an approved
// request (R34, R35). "Other" is deliberately absent: a purpose that fits none of these is not an
// authorized purpose (R17), and an agency that needs another category adds it here, reviewed.
import type { Role } from './permissions.js';

export const PURPOSE_CATEGORIES = [
  'stolen_vehicle',
  'wanted_person',
  'missing_person',
  'felony_investigation',
  'misdemeanor_investigation',
  'traffic_collision',
  'crime_scene_canvass',
  'officer_safety',
  'protective_order',
  'terrorism',
  'hotlist_verification',
  'audit',
  'records_request',
  'agency_assist',
] as const;

export type PurposeCategory = (typeof PURPOSE_CATEGORIES)[number];

export interface CategoryInfo {
  label: string;
  /** Shown under the reason field: what a good reason looks like for this category. */
  example: string;
  /** Only these roles may state this purpose; absent = anyone who passes the gate. */
  roles?: readonly Role[];
}

export const PURPOSE_CATEGORY_INFO: Record<PurposeCategory, CategoryInfo> = {
  stolen_vehicle: { label: 'Stolen vehicle or plate', example: 'Grey 2018 Camry stolen from 400 Main St overnight 11/20; owner reported' },
  wanted_person: { label: 'Wanted person (warrant)', example: 'Felony warrant for Garcia; known to drive a blue F-150' },
  missing_person: { label: 'Missing or endangered person (AMBER, Silver, Feather alert)', example: 'AMBER alert 11/21: child taken from Elm Park in a white Sienna' },
  felony_investigation: { label: 'Felony investigation', example: 'Armed robbery at 7-Eleven 300 Broadway 11/19; suspect vehicle dark sedan' },
  misdemeanor_investigation: { label: 'Misdemeanor investigation', example: 'Vandalism of bus shelter at 5th & Elm 11/18; pickup seen leaving' },
  traffic_collision: { label: 'Traffic collision or hit-and-run', example: 'Hit-and-run at 5th & Elm 11/21 08:10; silver sedan fled north' },
  crime_scene_canvass: { label: 'Canvass around a crime scene', example: 'Shooting at 12 Oak Ave 11/20 23:40; vehicles within 1 km, 23:00–00:30' },
  officer_safety: { label: 'Officer safety / BOLO', example: 'BOLO: driver threatened officer at traffic stop on Hwy 8 11/20' },
  protective_order: { label: 'Protective order violation', example: 'DV restraining order: respondent Lopez seen near protected party\'s home' },
  terrorism: { label: 'Terrorism-related investigation', example: 'Bomb threat to City Hall 11/20; caller\'s vehicle seen on camera 4' },
  hotlist_verification: { label: 'Verify a hot-list alert before acting (R10)', example: 'Alert on camera 4 at 08:12 for stolen plate; confirming before stop' },
  audit: {
    label: 'Audit of system use or data accuracy (R26, R28)',
    example: 'Semi-annual detection-browsing audit, sample item 4 of 10',
    roles: ['auditor', 'custodian', 'administrator'],
  },
  records_request: { label: 'Evidence, discovery or records request (R31, R39)', example: 'Subpoena from DA for reads of plate in robbery prosecution, court date 12/02' },
  agency_assist: { label: 'Assist another law-enforcement agency (approved request, R35)', example: 'Approved request from SDSO: carjacking in Lakeside 11/19, suspect vehicle' },
};

export const isPurposeCategory = (value: string): value is PurposeCategory => (PURPOSE_CATEGORIES as readonly string[]).includes(value);
