// Eligibility for every agency kind under every shipped profile (R34; Civ. Code 1798.90.55(b)).
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../policy/index.js';
import { AGENCY_KINDS, eligibilityOf, type AgencyKind } from './sharing.eligibility.js';

const PROFILES = ['imperial-county-so', 'el-cajon-pd', 'la-port-police', 'los-altos-pd', 'ca-doj-template'] as const;

/** What the law and each policy say: the expected answer per kind, for each profile's mayReceive. */
const EXPECTED: Record<'lawEnforcementOrProsecutorial' | 'anyCaliforniaPublicAgency', Record<AgencyKind, boolean>> = {
  lawEnforcementOrProsecutorial: { ca_law_enforcement: true, ca_prosecutor: true, ca_public_agency_other: false, federal: false, out_of_state: false, private: false },
  anyCaliforniaPublicAgency: { ca_law_enforcement: true, ca_prosecutor: true, ca_public_agency_other: true, federal: false, out_of_state: false, private: false },
};

describe.each(PROFILES)('eligibility under %s', (name) => {
  const profile = loadProfile(name);
  const section = `[${profile.sharing.cite ?? ''}]`;

  it.each(AGENCY_KINDS)('%s', (kind) => {
    const result = eligibilityOf(kind, profile);
    expect(result.eligible).toBe(EXPECTED[profile.sharing.mayReceive][kind]);
    // Every answer says why, citing the policy's sharing section; the law is cited wherever it decides.
    expect(result.reason).toContain(section);
    if (kind !== 'ca_public_agency_other' || profile.sharing.mayReceive === 'anyCaliforniaPublicAgency') expect(result.reason).toContain('1798.90.55(b)');
  });

  it('never lets a federal, out-of-state or private body receive data', () => {
    for (const kind of ['federal', 'out_of_state', 'private'] as const) expect(eligibilityOf(kind, profile).eligible).toBe(false);
  });
});

describe('the shipped profiles', () => {
  it('narrow sharing as their policies say (the DOJ template alone allows any California public agency)', () => {
    expect(Object.fromEntries(PROFILES.map((name) => [name, loadProfile(name).sharing.mayReceive]))).toEqual({
      'imperial-county-so': 'lawEnforcementOrProsecutorial',
      'el-cajon-pd': 'lawEnforcementOrProsecutorial',
      'la-port-police': 'lawEnforcementOrProsecutorial',
      'los-altos-pd': 'lawEnforcementOrProsecutorial',
      'ca-doj-template': 'anyCaliforniaPublicAgency',
    });
  });

  it('even a profile widened to any California public agency excludes federal, out-of-state and private', () => {
    const wide = { ...loadProfile('el-cajon-pd'), sharing: { ...loadProfile('el-cajon-pd').sharing, mayReceive: 'anyCaliforniaPublicAgency' as const } };
    expect(AGENCY_KINDS.filter((kind) => eligibilityOf(kind, wide).eligible)).toEqual(['ca_law_enforcement', 'ca_prosecutor', 'ca_public_agency_other']);
  });
});
