// The purpose rules (R17, R21, R22, R37): pure checks of what a user states before any ALPR data is
// touched. A purpose is a category from a closed list (purpose-categories.ts), a case or incident
// number, and a reason specific enough that an auditor can tell which investigation it served.
//
// Every refusal has a stable id and a message that says what to write instead. Rules of two kinds:
//   invalid     the purpose is not good enough yet (generic, too short, a placeholder case number,
//               personal identifying information, criminal history or CLETS text): fix and resend.
//   prohibited  the purpose itself is not allowed (immigration enforcement, reproductive health
//               care, a protected characteristic, First Amendment activity, personal use).
//
// How far the prohibited rules go (a documented choice, R22): a physical description of a specific
// suspect in a reported crime ("Hispanic male, 30s, fled in silver Civic") is allowed; what is
// refused is a characteristic named as the *basis* ("because he looked Middle Eastern"), or a group
// or place of worship as the target ("vehicles at the mosque"). Mentioning a protest, a clinic or a
// place of worship is allowed when the reason names a crime committed there ("arson at the Planned
// Parenthood clinic", "vandalism during the City Hall rally"), because refusing those would stop
// the police protecting exactly the people R22 and R37 protect; a dragnet over who attended an
// assembly, or care itself as the target ("obtained an abortion"), is refused whatever else is said.
import {
  CASE_NUMBER_PLACEHOLDER_WORDS, CASE_NUMBER_PLACEHOLDERS, CLETS_FIELD, CLETS_MNEMONIC, CLETS_TEXT, CRIME_TERMS, CRIMES_AGAINST_CARE,
  CRIMINAL_HISTORY, DOB_LABEL, DRIVER_LICENSE, EMAIL, FIRST_AMENDMENT_CONTEXT, FIRST_AMENDMENT_TARGETING, FULL_DATE, FULL_NAME,
  GENERIC_WORDS, IMMIGRATION, IMMIGRATION_CASED, MARCH_ASSEMBLY, NOT_A_NAME, PERSONAL_USE, PHONE, PROTECTED_BASIS, PROTECTED_GROUP,
  REPRODUCTIVE_CONTEXT, REPRODUCTIVE_TARGETING, SSN,
} from './purpose-patterns.js';
import { isPurposeCategory, PURPOSE_CATEGORIES, PURPOSE_CATEGORY_INFO, type PurposeCategory } from './purpose-categories.js';

export interface PurposeInput {
  caseNumber: string;
  category: string;
  reason: string;
}

/** A purpose that passed every rule, normalized (case number upper case, whitespace collapsed). */
export interface AcceptedPurpose {
  caseNumber: string;
  category: PurposeCategory;
  reason: string;
}

export const PURPOSE_RULE_IDS = [
  'purpose_case_number_missing',
  'purpose_case_number_placeholder',
  'purpose_case_number_format',
  'purpose_case_number_pii',
  'purpose_category_unknown',
  'purpose_category_not_for_role',
  'purpose_reason_missing',
  'purpose_reason_too_long',
  'purpose_reason_generic',
  'purpose_reason_too_short',
  'purpose_pii_date_of_birth',
  'purpose_pii_ssn',
  'purpose_pii_driver_license',
  'purpose_pii_phone',
  'purpose_pii_email',
  'purpose_pii_full_name',
  'purpose_criminal_history',
  'purpose_clets_text',
  'purpose_immigration_enforcement',
  'purpose_reproductive_health_care',
  'purpose_protected_characteristic',
  'purpose_first_amendment',
  'purpose_personal_use',
] as const;
export type PurposeRuleId = (typeof PURPOSE_RULE_IDS)[number];

export interface PurposeProblem {
  id: PurposeRuleId;
  field: 'caseNumber' | 'category' | 'reason';
  kind: 'invalid' | 'prohibited';
  message: string;
}

export type PurposeCheck = { ok: true; purpose: AcceptedPurpose } | { ok: false; problems: PurposeProblem[] };

export interface PurposeRuleOptions {
  /** The profile's purpose rules (R37); every California profile has both on. */
  prohibitImmigrationEnforcement: boolean;
  prohibitReproductiveHealthCareProsecution: boolean;
  /** For telling a date of birth from an incident date. */
  now: Date;
  /** The user's roles, for categories limited to some roles; absent = not checked. */
  roles?: readonly string[];
}

export const REASON_MIN_CHARS = 15;
export const REASON_MIN_WORDS = 3;
export const REASON_MAX_CHARS = 500;
/** A full date this many years old or older reads as a date of birth: no profile keeps ALPR data that long. */
export const DOB_YEARS = 10;

const EXAMPLE = '"Burglary at 400 Main St on 11/20; white pickup seen leaving"';
const LAST_NAME_ONLY = 'Only a suspect\'s last name may identify a person in a purpose (R21)';
const CASE_FORMAT = /^[A-Z0-9](?:[A-Z0-9-]{2,28})[A-Z0-9]$/;

/** NFKC, invisible characters out, whitespace collapsed: what is stored is what was checked. */
export const normalizeText = (value: string): string => visible(value).replace(/\s+/g, ' ').trim();
const visible = (value: string): string => value.normalize('NFKC').replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '');

export function checkPurpose(input: PurposeInput, options: PurposeRuleOptions): PurposeCheck {
  const caseNumber = normalizeText(input.caseNumber).toUpperCase();
  const category = normalizeText(input.category);
  const reason = normalizeText(input.reason);
  const problems = [...caseNumberProblems(caseNumber), ...categoryProblems(category, options), ...reasonProblems(reason, visible(input.reason), options)];
  if (problems.length > 0 || !isPurposeCategory(category)) {
    // Prohibited purposes first: they are the ones that matter most, and the gate reports the first.
    return { ok: false, problems: [...problems.filter((p) => p.kind === 'prohibited'), ...problems.filter((p) => p.kind === 'invalid')] };
  }
  return { ok: true, purpose: { caseNumber, category, reason } };
}

function caseNumberProblems(caseNumber: string): PurposeProblem[] {
  const problem = (id: PurposeRuleId, message: string): PurposeProblem[] => [{ id, field: 'caseNumber', kind: 'invalid', message }];
  if (caseNumber === '') {
    return problem('purpose_case_number_missing', 'Enter the case or incident number this search is for (R21). If there is no case yet, ask dispatch for an incident number.');
  }
  if (SSN.test(caseNumber)) {
    return problem('purpose_case_number_pii', 'That looks like a Social Security number, not a case number. Enter the case or incident number only (R21).');
  }
  const bare = caseNumber.replace(/[-\s/.]/g, '').toLowerCase();
  if (CASE_NUMBER_PLACEHOLDERS.has(bare) || CASE_NUMBER_PLACEHOLDER_WORDS.test(bare) || /^(.)\1*$/.test(bare)) {
    return problem(
      'purpose_case_number_placeholder',
      `"${caseNumber}" is a placeholder, not a case number. Enter the real case or incident number from your report or CAD (e.g. "26-004512"); if there is none yet, ask dispatch for an incident number (R21).`,
    );
  }
  if (!CASE_FORMAT.test(caseNumber) || !/\d/.test(caseNumber)) {
    return problem(
      'purpose_case_number_format',
      'A case or incident number is 4–30 letters, digits and dashes with at least one digit, starting and ending with a letter or digit, e.g. "26-004512" or "ECPD2611-0042" (R21).',
    );
  }
  return [];
}

function categoryProblems(category: string, options: PurposeRuleOptions): PurposeProblem[] {
  if (!isPurposeCategory(category)) {
    const list = PURPOSE_CATEGORIES.map((id) => `${id} (${PURPOSE_CATEGORY_INFO[id].label})`).join('; ');
    return [{ id: 'purpose_category_unknown', field: 'category', kind: 'invalid', message: `Choose the purpose category that fits this search: ${list} (R17).` }];
  }
  const allowed = PURPOSE_CATEGORY_INFO[category].roles;
  if (allowed && options.roles && !options.roles.some((role) => (allowed as readonly string[]).includes(role))) {
    return [
      {
        id: 'purpose_category_not_for_role',
        field: 'category',
        kind: 'invalid',
        message: `The purpose "${PURPOSE_CATEGORY_INFO[category].label}" is for ${allowed.join(', ')} only; choose the category that fits your own work (R17).`,
      },
    ];
  }
  return [];
}

function reasonProblems(reason: string, lines: string, options: PurposeRuleOptions): PurposeProblem[] {
  const problems: PurposeProblem[] = [];
  const invalid = (id: PurposeRuleId, message: string) => problems.push({ id, field: 'reason', kind: 'invalid', message });
  const prohibited = (id: PurposeRuleId, message: string) => problems.push({ id, field: 'reason', kind: 'prohibited', message });

  if (reason === '') {
    invalid('purpose_reason_missing', `Say what you are investigating and why this plate or area, e.g. ${EXAMPLE} (R21).`);
    return problems;
  }
  if (reason.length > REASON_MAX_CHARS) {
    invalid('purpose_reason_too_long', `Keep the reason under ${REASON_MAX_CHARS} characters: the crime, the place and time, and why this vehicle (R21). Details belong in your report.`);
  }

  // Prohibited purposes (R37, R22).
  if (options.prohibitImmigrationEnforcement && (IMMIGRATION.test(reason) || IMMIGRATION_CASED.test(reason))) {
    prohibited(
      'purpose_immigration_enforcement',
      'ALPR data may not be used or shared for federal immigration enforcement: ICE, CBP, immigration status, detainers or removal (California Values Act, Gov. Code 7284.6; Civ. Code 1798.90.55(b); R37). This search cannot be run. If you are investigating a crime, describe the crime without immigration terms; if "ICE" meant methamphetamine, write "methamphetamine".',
    );
  }
  if (options.prohibitReproductiveHealthCareProsecution && reproductiveProhibited(reason)) {
    prohibited(
      'purpose_reproductive_health_care',
      'ALPR data may not be used to investigate or prosecute anyone for seeking, providing or helping with reproductive health care that is lawful in California, including people from out of state (R37). This search cannot be run. Investigating a crime against a patient, provider or clinic (arson, threats, assault, a blockade) is allowed: name that crime.',
    );
  }
  if (PROTECTED_BASIS.test(reason) || (PROTECTED_GROUP.test(reason) && !CRIME_TERMS.test(reason))) {
    prohibited(
      'purpose_protected_characteristic',
      'A search may not be based on race, religion, ethnicity, national origin, sexual orientation, gender, disability or another protected characteristic, nor target a community or place of worship (R22). Describe the crime and the specific vehicle; a description of a specific suspect in a reported crime is fine, e.g. "Robbery at 300 Broadway 11/19; suspect, Hispanic male 30s, fled in silver Civic".',
    );
  }
  if (FIRST_AMENDMENT_TARGETING.test(reason) || ((FIRST_AMENDMENT_CONTEXT.test(reason) || MARCH_ASSEMBLY.test(reason)) && !CRIME_TERMS.test(reason))) {
    prohibited(
      'purpose_first_amendment',
      'ALPR data may not be used to identify or follow people for speech, assembly or the press: attending a protest, rally, vigil, march or meeting (R22). If a crime happened at an event, name the crime and the suspect vehicle, e.g. "Vandalism of patrol car at City Hall rally 11/20; suspect fled in grey Camry". Lists of who attended are refused.',
    );
  }
  if (PERSONAL_USE.test(reason)) {
    prohibited(
      'purpose_personal_use',
      'ALPR data is for law-enforcement purposes only, never personal use (R22). Matters involving your own family, partner, friends or neighbours go to another member through a report; do not search them yourself.',
    );
  }

  // Quality: generic or too short (R21). Generic first: its message is the more useful one.
  const words = reason.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];
  if (words.every((word) => GENERIC_WORDS.has(word) || /^\d+$/.test(word))) {
    invalid(
      'purpose_reason_generic',
      `"${reason.length > 60 ? `${reason.slice(0, 57)}…` : reason}" does not say which investigation this is. Say what you are investigating and why this plate, e.g. ${EXAMPLE}. The case number goes in its own field (R21).`,
    );
  } else if (reason.length < REASON_MIN_CHARS || new Set(words).size < REASON_MIN_WORDS) {
    invalid(
      'purpose_reason_too_short',
      `The reason is too short to show the need for this search: at least ${REASON_MIN_WORDS} different words and ${REASON_MIN_CHARS} characters naming the crime, the place or vehicle, and why, e.g. "Hit-and-run at 5th & Elm on 11/21, silver sedan fled north" (R21).`,
    );
  }

  // Personal identifying information beyond a last name (R21).
  if (DOB_LABEL.test(reason) || oldFullDate(reason, options.now)) {
    invalid('purpose_pii_date_of_birth', `Leave dates of birth out: ${LAST_NAME_ONLY}. A full date ${DOB_YEARS} or more years old reads as a date of birth; for an old case write the year alone ("2014 homicide").`);
  }
  if (SSN.test(reason)) invalid('purpose_pii_ssn', `Leave Social Security numbers out: ${LAST_NAME_ONLY}.`);
  if (DRIVER_LICENSE.test(reason)) {
    invalid('purpose_pii_driver_license', `Leave driver licence numbers out (one letter and seven digits, or any labelled licence number): ${LAST_NAME_ONLY}. The case number goes in its own field.`);
  }
  if (PHONE.test(reason)) invalid('purpose_pii_phone', `Leave phone numbers out: ${LAST_NAME_ONLY}.`);
  if (EMAIL.test(reason)) invalid('purpose_pii_email', `Leave e-mail addresses out: ${LAST_NAME_ONLY}.`);
  if (hasFullName(reason)) invalid('purpose_pii_full_name', `Write only the suspect's last name ("suspect Garcia"), not a full name: ${LAST_NAME_ONLY}.`);

  // Criminal history and CLETS (R21). CLETS headers are matched on the text as typed, line by line.
  if (CRIMINAL_HISTORY.test(reason)) {
    invalid(
      'purpose_criminal_history',
      'Leave criminal history out of the purpose: rap sheets, CII, FBI or SID numbers, booking numbers, prior arrests or convictions, probation or parole terms (R21). Say what you are investigating now.',
    );
  }
  if (CLETS_TEXT.test(lines) || CLETS_MNEMONIC.test(reason) || CLETS_FIELD.test(reason)) {
    invalid(
      'purpose_clets_text',
      'Information obtained from CLETS may not go in the purpose (R21): no message text, QW/QV/QA headers, 10-29 results, NCIC/DMV returns or field codes like LIC/ or NIC/. Describe the investigation in your own words; naming the list an alert came from ("stolen vehicle list") is fine. If 10-29 was a date, write 10/29.',
    );
  }
  return problems;
}

function reproductiveProhibited(reason: string): boolean {
  if (REPRODUCTIVE_TARGETING.test(reason)) return true;
  return REPRODUCTIVE_CONTEXT.test(reason) && !(CRIME_TERMS.test(reason) || CRIMES_AGAINST_CARE.test(reason));
}

function hasFullName(reason: string): boolean {
  for (const match of reason.matchAll(FULL_NAME)) {
    const [, first, second] = match;
    if (first && second && !NOT_A_NAME.has(first) && !NOT_A_NAME.has(second)) return true;
  }
  return false;
}

/** A full date at least DOB_YEARS before now (no ALPR data is kept that long, so it is not an incident date). */
function oldFullDate(reason: string, now: Date): boolean {
  const thisYear = now.getUTCFullYear();
  for (const match of reason.matchAll(FULL_DATE)) {
    const [, m, d, y, isoYear, isoMonth, isoDay] = match;
    const month = Number(m ?? isoMonth);
    const day = Number(d ?? isoDay);
    let year = Number(y ?? isoYear);
    if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) continue;
    if (y !== undefined && y.length === 2) year += year > thisYear % 100 ? 1900 : 2000;
    if (thisYear - year >= DOB_YEARS) return true;
  }
  return false;
}

/** A reason the gate and the check endpoint share: the first problem is the headline. */
export function describeProblems(problems: readonly PurposeProblem[]): string {
  return problems.map((problem) => problem.message).join(' ');
}
