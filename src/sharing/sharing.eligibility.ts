// Who may receive ALPR data (R34, R36, R40): computed from the agency's kind and the policy profile,
// never entered by hand. California Civil Code 1798.90.55(b) allows sharing only with a *public
// agency* (a California state or local agency): federal agencies, out-of-state agencies and private
// entities are not public agencies, whatever they call themselves, and no setting, agreement or
// administrator can make them eligible. Some policies narrow the circle further to law enforcement
// and prosecutorial agencies (profile.sharing.mayReceive).
import type { PolicyProfile } from '../policy/index.js';

export const AGENCY_KINDS = ['ca_law_enforcement', 'ca_prosecutor', 'ca_public_agency_other', 'federal', 'out_of_state', 'private'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];
export const isAgencyKind = (value: string): value is AgencyKind => (AGENCY_KINDS as readonly string[]).includes(value);

export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = {
  ca_law_enforcement: 'California law enforcement agency',
  ca_prosecutor: 'California prosecutor (District Attorney, City Attorney, Attorney General)',
  ca_public_agency_other: 'Other California public agency',
  federal: 'Federal agency',
  out_of_state: 'Agency of another state',
  private: 'Private entity or person',
};

export const CIVIL_CODE = 'Cal. Civ. Code § 1798.90.55(b)';

export interface Eligibility {
  eligible: boolean;
  /** Why, in words, citing the law and the policy section. */
  reason: string;
  /** The citations the reason rests on. */
  citations: string[];
}

export type SharingPolicy = Pick<PolicyProfile, 'sharing' | 'policy'>;

/** The policy section on sharing, as it is cited, e.g. "[462.7]". */
export const policySection = (profile: SharingPolicy): string => `[${profile.sharing.cite ?? profile.policy.sectionPrefix}]`;

/** Whether an agency of this kind may receive ALPR data under this profile, and why. */
export function eligibilityOf(kind: AgencyKind, profile: SharingPolicy): Eligibility {
  const section = policySection(profile);
  const policy = `policy ${section}`;
  const narrow = profile.sharing.mayReceive === 'lawEnforcementOrProsecutorial';
  const circle = narrow ? 'law enforcement or prosecutorial agencies' : 'California public agencies';
  switch (kind) {
    case 'ca_law_enforcement':
    case 'ca_prosecutor':
      return {
        eligible: true,
        reason: `A California ${kind === 'ca_prosecutor' ? 'prosecutorial' : 'law enforcement'} agency is a public agency (${CIVIL_CODE}), and ${policy} shares with ${circle} (R34). Each request still needs a written request and approval (R35).`,
        citations: [CIVIL_CODE, section],
      };
    case 'ca_public_agency_other':
      return narrow
        ? {
            eligible: false,
            reason: `A California public agency, but not a law enforcement or prosecutorial one: ${policy} shares only with law enforcement or prosecutorial agencies (R34), narrower than ${CIVIL_CODE} allows.`,
            citations: [section],
          }
        : {
            eligible: true,
            reason: `A California public agency (${CIVIL_CODE}), and ${policy} shares with any California public agency (R34). Each request still needs a written request and approval (R35).`,
            citations: [CIVIL_CODE, section],
          };
    case 'federal':
      return {
        eligible: false,
        reason: `A federal agency is not a "public agency" under ${CIVIL_CODE} (a California state or local agency), so ALPR data may never be shared with it, whatever it calls itself or whatever agreement it signs (R34; ${policy}).`,
        citations: [CIVIL_CODE, section],
      };
    case 'out_of_state':
      return {
        eligible: false,
        reason: `An agency of another state is not a "public agency" under ${CIVIL_CODE} (a California state or local agency), so ALPR data may never be shared with it, even if it is a law enforcement agency (R34; ${policy}).`,
        citations: [CIVIL_CODE, section],
      };
    case 'private':
      return {
        eligible: false,
        reason: `A private entity is not a public agency: ${CIVIL_CODE} forbids sharing ALPR data with it, and ALPR data is never sold (R34, R40; ${policy}).`,
        citations: [CIVIL_CODE, section],
      };
  }
}
