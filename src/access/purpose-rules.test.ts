// The purpose rules as a table (R17, R21, R22, R37): what passes, what is refused, with which id,
// and that every refusal says what to write instead.
import { describe, expect, it } from 'vitest';
import { PURPOSE_CATEGORIES, PURPOSE_CATEGORY_INFO } from './purpose-categories.js';
import { checkPurpose, PURPOSE_RULE_IDS, type PurposeInput, type PurposeRuleId } from './purpose-rules.js';

const now = new Date('2026-11-23T12:00:00Z');
const rules = { prohibitImmigrationEnforcement: true, prohibitReproductiveHealthCareProsecution: true, now };
const purpose = (reason: string, over: Partial<PurposeInput> = {}): PurposeInput => ({ caseNumber: '26-004512', category: 'felony_investigation', reason, ...over });

const accepted: [string, PurposeInput][] = [
  ['a specific burglary', purpose('Burglary at 400 Main St on 11/20; white pickup seen leaving')],
  ['a suspect last name (DOJ 429.4)', purpose('Robbery at 7-Eleven 300 Broadway; suspect Garcia seen in grey Camry')],
  ['a suspect description in a reported crime', purpose('Robbery at 300 Broadway 11/19; suspect, Hispanic male 30s, fled in silver Civic')],
  ['a crime at a rally', purpose('Vandalism of patrol car at City Hall rally 11/20; suspect fled in grey Camry')],
  ['a crime against a clinic', purpose('Arson at the Planned Parenthood clinic on Elm St 11/18; sedan seen leaving', { category: 'felony_investigation' })],
  ['a crime at a place of worship', purpose('Burglary at the mosque on 3rd Ave overnight 11/19; van seen at 02:10')],
  ['hot-list source named', purpose('Verify NCIC stolen vehicle alert on camera 4 at 08:12 before stop', { category: 'hotlist_verification' })],
  ['a hit-and-run', purpose('Hit-and-run at 5th & Elm on 11/21, silver sedan fled north', { category: 'traffic_collision', caseNumber: 'ecpd2611-0042' })],
  ['an incident date with dashes', purpose('Shooting at 12 Oak Ave on 11-20-2026; canvass vehicles 23:00 to 00:30', { category: 'crime_scene_canvass' })],
  ['a month name', purpose('Carjacking on March 3 at the Parkway Plaza lot, black Charger taken')],
  ['an FBI task force', purpose('FBI task force bank robbery series, getaway car grey Altima seen at 3 banks')],
  ['an audit by an auditor', purpose('Semi-annual detection-browsing audit, sample item 4 of 10', { category: 'audit' })],
];

const rejected: [string, PurposeInput, PurposeRuleId][] = [
  // Case and incident numbers.
  ['no case number', purpose('Burglary at 400 Main St on 11/20; white pickup seen', { caseNumber: '  ' }), 'purpose_case_number_missing'],
  ['N/A', purpose('Burglary at 400 Main St on 11/20; white pickup seen', { caseNumber: 'N/A' }), 'purpose_case_number_placeholder'],
  ['none', purpose('Burglary at 400 Main St on 11/20; white pickup seen', { caseNumber: 'none' }), 'purpose_case_number_placeholder'],
  ['0000', purpose('Burglary at 400 Main St on 11/20; white pickup seen', { caseNumber: '0000' }), 'purpose_case_number_placeholder'],
  ['TBD', purpose('Burglary at 400 Main St on 11/20; white pickup seen', { caseNumber: 'TBD' }), 'purpose_case_number_placeholder'],
  ['test case', purpose('Burglary at 400 Main St on 11/20; white pickup seen', { caseNumber: 'TEST-01' }), 'purpose_case_number_placeholder'],
  ['too short', purpose('Burglary at 400 Main St on 11/20; white pickup seen', { caseNumber: 'A1' }), 'purpose_case_number_format'],
  ['odd characters', purpose('Burglary at 400 Main St on 11/20; white pickup seen', { caseNumber: '26#0045' }), 'purpose_case_number_format'],
  ['no digit', purpose('Burglary at 400 Main St on 11/20; white pickup seen', { caseNumber: 'ABCDEF' }), 'purpose_case_number_format'],
  ['an SSN as case number', purpose('Burglary at 400 Main St on 11/20; white pickup seen', { caseNumber: '123-45-6789' }), 'purpose_case_number_pii'],
  // Category.
  ['unknown category', purpose('Burglary at 400 Main St on 11/20; white pickup seen', { category: 'other' }), 'purpose_category_unknown'],
  // Generic and short reasons (R21: "investigation" alone is not a purpose).
  ['investigation', purpose('investigation'), 'purpose_reason_generic'],
  ['investigative purposes', purpose('Investigative purposes'), 'purpose_reason_generic'],
  ['law enforcement', purpose('law enforcement purposes only'), 'purpose_reason_generic'],
  ['official business', purpose('Official police business'), 'purpose_reason_generic'],
  ['check', purpose('check'), 'purpose_reason_generic'],
  ['query', purpose('query'), 'purpose_reason_generic'],
  ['lookup', purpose('plate lookup'), 'purpose_reason_generic'],
  ['ongoing criminal investigation', purpose('Ongoing criminal investigation'), 'purpose_reason_generic'],
  ['investigation plus the case number', purpose('investigation for case 26-004512'), 'purpose_reason_generic'],
  ['category words only', purpose('stolen vehicle check', { category: 'stolen_vehicle' }), 'purpose_reason_generic'],
  ['empty reason', purpose('   '), 'purpose_reason_missing'],
  ['two words', purpose('Garcia burglary'), 'purpose_reason_too_short'],
  ['under 15 characters', purpose('Garcia at Elm'), 'purpose_reason_too_short'],
  ['one word repeated', purpose('burglary burglary burglary burglary'), 'purpose_reason_too_short'],
  // Personal identifying information beyond a last name.
  ['labelled DOB', purpose('Robbery at 300 Broadway; suspect Garcia DOB 03/14/1985 in grey Camry'), 'purpose_pii_date_of_birth'],
  ['a name with an old date', purpose('Robbery at 300 Broadway; suspect Garcia (3/14/85) in grey Camry'), 'purpose_pii_date_of_birth'],
  ['born on', purpose('Robbery at 300 Broadway; suspect Garcia born on 14 March, grey Camry'), 'purpose_pii_date_of_birth'],
  ['an SSN', purpose('Robbery at 300 Broadway; suspect Garcia 123-45-6789 grey Camry'), 'purpose_pii_ssn'],
  ['a CA driver licence', purpose('Robbery at 300 Broadway; suspect Garcia D1234567 grey Camry'), 'purpose_pii_driver_license'],
  ['a labelled licence number', purpose('Robbery at 300 Broadway; suspect Garcia DL# 55123456 grey Camry'), 'purpose_pii_driver_license'],
  ['a phone number', purpose('Robbery at 300 Broadway; suspect Garcia phone (619) 555-0142'), 'purpose_pii_phone'],
  ['an e-mail address', purpose('Robbery at 300 Broadway; suspect Garcia, jgarcia77@example.com'), 'purpose_pii_email'],
  ['a full name', purpose('Robbery at 300 Broadway; suspect John Garcia fled in grey Camry'), 'purpose_pii_full_name'],
  ['last, first', purpose('Robbery at 300 Broadway; suspect: Garcia, John fled in grey Camry'), 'purpose_pii_full_name'],
  // Criminal history and CLETS.
  ['rap sheet', purpose('Robbery at 300 Broadway; Garcia RAP SHEET shows priors for robbery'), 'purpose_criminal_history'],
  ['CII number', purpose('Robbery at 300 Broadway; Garcia CII# A12345678 grey Camry'), 'purpose_criminal_history'],
  ['FBI number', purpose('Robbery at 300 Broadway; Garcia FBI # 123456AB7 grey Camry'), 'purpose_criminal_history'],
  ['prior convictions', purpose('Robbery at 300 Broadway; Garcia has prior convictions for robbery'), 'purpose_criminal_history'],
  ['a QW header', purpose('QW.CA0370000.NAM/GARCIA robbery at 300 Broadway grey Camry'), 'purpose_clets_text'],
  ['a QV mnemonic', purpose('Robbery at 300 Broadway, ran QV on grey Camry, came back stolen'), 'purpose_clets_text'],
  ['a QA mnemonic', purpose('Stolen generator, QA returned serial match, pickup seen at 300 Broadway'), 'purpose_clets_text'],
  ['10-29 result', purpose('Traffic stop 5th & Elm, driver Garcia 10-29 positive, grey Camry'), 'purpose_clets_text'],
  ['an NCIC return', purpose('Robbery at 300 Broadway; NCIC return shows warrant for Garcia'), 'purpose_clets_text'],
  ['a pasted NCIC message', purpose('NCIC WANTED PERSON\nMKE/EW ORI/CA0370000 grey Camry robbery'), 'purpose_clets_text'],
  ['a CLETS field code', purpose('Robbery at 300 Broadway; LIC/7ABC123 LIS/CA grey Camry'), 'purpose_clets_text'],
  // Federal immigration enforcement (R37).
  ['ICE', purpose('Assist ICE with locating target vehicle at 400 Main St', { category: 'agency_assist' }), 'purpose_immigration_enforcement'],
  ['CBP', purpose('CBP request: locate grey Camry seen near the port of entry', { category: 'agency_assist' }), 'purpose_immigration_enforcement'],
  ['immigration status', purpose('Verify immigration status of driver of grey Camry at 400 Main'), 'purpose_immigration_enforcement'],
  ['deportation', purpose('Locate Garcia for deportation, grey Camry seen on Elm St', { category: 'wanted_person' }), 'purpose_immigration_enforcement'],
  ['illegal alien', purpose('Illegal alien known to drive grey Camry near 400 Main St'), 'purpose_immigration_enforcement'],
  ['visa overstay', purpose('Visa overstay subject drives grey Camry, seen at 400 Main'), 'purpose_immigration_enforcement'],
  ['287(g)', purpose('287(g) task force: grey Camry at 400 Main St on 11/20', { category: 'agency_assist' }), 'purpose_immigration_enforcement'],
  ['an immigration detainer', purpose('Immigration detainer for Garcia, grey Camry seen at Elm St', { category: 'wanted_person' }), 'purpose_immigration_enforcement'],
  // Reproductive health care (R37).
  ['an abortion provider', purpose('Identify vehicles visiting abortion provider on Elm St 11/20'), 'purpose_reproductive_health_care'],
  ['an out-of-state patient', purpose('Out-of-state patient travelled here, grey Camry, Texas plates', { category: 'agency_assist' }), 'purpose_reproductive_health_care'],
  ['obtained an abortion', purpose('Woman obtained an abortion at clinic on Elm St, assault alleged by partner'), 'purpose_reproductive_health_care'],
  ['abortion pills', purpose('Mailing abortion pills from 400 Main St, grey Camry seen at post office'), 'purpose_reproductive_health_care'],
  ['reproductive health', purpose('Reproductive health clinic on Elm St, list of vehicles parked on 11/20'), 'purpose_reproductive_health_care'],
  // Protected characteristics and First Amendment activity (R22).
  ['because of race', purpose('Stop grey Camry at 400 Main because of the driver\'s race and the area'), 'purpose_protected_characteristic'],
  ['looked Middle Eastern', purpose('Grey Camry at 400 Main St because the driver looked Middle Eastern'), 'purpose_protected_characteristic'],
  ['a community as target', purpose('Track Muslim community vehicles around 3rd Ave on Fridays'), 'purpose_protected_characteristic'],
  ['vehicles at a mosque', purpose('List vehicles at the mosque on 3rd Ave during Friday prayers'), 'purpose_protected_characteristic'],
  ['protest attendance', purpose('Identify attendees of the City Hall protest on 11/20'), 'purpose_first_amendment'],
  ['a rally', purpose('Vehicles that came to the rally at Prescott Promenade 11/20'), 'purpose_first_amendment'],
  ['a demonstration even with a crime', purpose('All vehicles at the demonstration where graffiti occurred, 11/20'), 'purpose_first_amendment'],
  ['activists', purpose('Environmental activists meeting at library, their cars on Main St'), 'purpose_first_amendment'],
  ['personal use', purpose('Where my ex-girlfriend parks her grey Camry at night'), 'purpose_personal_use'],
  ['curiosity', purpose('Just curious where this grey Camry goes every day'), 'purpose_personal_use'],
];

describe('purpose rules', () => {
  it.each(accepted)('accepts %s', (_name, input) => {
    const result = checkPurpose(input, { ...rules, roles: ['auditor', 'analyst'] });
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it.each(rejected)('refuses %s', (_name, input, id) => {
    const result = checkPurpose(input, rules);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const problem = result.problems.find((p) => p.id === id);
    expect(problem, `expected ${id}, got ${result.problems.map((p) => p.id).join(', ')}`).toBeDefined();
    // Every message says what to do and cites its requirement.
    expect(problem!.message).toMatch(/\(R(17|21|22|37)\)|R37\)|R21\)|R22\)/);
    expect(problem!.message.length).toBeGreaterThan(60);
  });

  it('covers at least 30 refusals and every rule id but the role and length rules', () => {
    expect(rejected.length).toBeGreaterThanOrEqual(30);
    const covered = new Set(rejected.map(([, , id]) => id));
    const uncovered = PURPOSE_RULE_IDS.filter((id) => !covered.has(id));
    expect(uncovered.sort()).toEqual(['purpose_category_not_for_role', 'purpose_reason_too_long']);
  });

  it('normalizes what it accepts', () => {
    const result = checkPurpose(purpose('  Burglary at 400 Main St\n on 11/20;\u200B white pickup ', { caseNumber: ' ecpd-2611 ' }), rules);
    expect(result).toEqual({ ok: true, purpose: { caseNumber: 'ECPD-2611', category: 'felony_investigation', reason: 'Burglary at 400 Main St on 11/20; white pickup' } });
  });

  it('puts prohibited purposes first', () => {
    const result = checkPurpose(purpose('ICE', { caseNumber: 'N/A' }), rules);
    expect(result.ok ? [] : result.problems.map((p) => p.id)).toEqual(['purpose_immigration_enforcement', 'purpose_case_number_placeholder', 'purpose_reason_too_short']);
  });

  it('limits the audit purpose to auditors, custodians and the administrator', () => {
    const input = purpose('Semi-annual detection-browsing audit, sample item 4 of 10', { category: 'audit' });
    const officer = checkPurpose(input, { ...rules, roles: ['officer'] });
    expect(officer.ok ? [] : officer.problems.map((p) => p.id)).toEqual(['purpose_category_not_for_role']);
    expect(checkPurpose(input, { ...rules, roles: ['auditor'] }).ok).toBe(true);
  });

  it('refuses an overlong reason', () => {
    const result = checkPurpose(purpose(`Burglary at 400 Main St ${'and more detail '.repeat(40)}`), rules);
    expect(result.ok ? [] : result.problems.map((p) => p.id)).toEqual(['purpose_reason_too_long']);
  });

  it('accepts every category\'s own example', () => {
    for (const category of PURPOSE_CATEGORIES) {
      const result = checkPurpose(purpose(PURPOSE_CATEGORY_INFO[category].example, { category }), { ...rules, roles: ['administrator'] });
      expect(result.ok ? [] : result.problems, category).toEqual([]);
    }
  });
});
