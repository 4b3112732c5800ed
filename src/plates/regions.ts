/**
 * The jurisdictions whose plates we expect to read, by two-letter code (R1: "state of issue").
 *
 * US codes are USPS codes; Canadian codes are Canada Post / ISO 3166-2:CA codes. The two sets
 * share no code (a test checks this), so a bare two-letter code never needs a country to be
 * understood. The one collision is the *country* code CA (Canada) with California: see
 * normalize.ts for how it is resolved.
 */

export const US_REGIONS: Readonly<Record<string, string>> = {
  AL: 'Alabama', AK: 'Alaska', AZ: 'Arizona', AR: 'Arkansas', CA: 'California',
  CO: 'Colorado', CT: 'Connecticut', DE: 'Delaware', FL: 'Florida', GA: 'Georgia',
  HI: 'Hawaii', ID: 'Idaho', IL: 'Illinois', IN: 'Indiana', IA: 'Iowa',
  KS: 'Kansas', KY: 'Kentucky', LA: 'Louisiana', ME: 'Maine', MD: 'Maryland',
  MA: 'Massachusetts', MI: 'Michigan', MN: 'Minnesota', MS: 'Mississippi', MO: 'Missouri',
  MT: 'Montana', NE: 'Nebraska', NV: 'Nevada', NH: 'New Hampshire', NJ: 'New Jersey',
  NM: 'New Mexico', NY: 'New York', NC: 'North Carolina', ND: 'North Dakota', OH: 'Ohio',
  OK: 'Oklahoma', OR: 'Oregon', PA: 'Pennsylvania', RI: 'Rhode Island', SC: 'South Carolina',
  SD: 'South Dakota', TN: 'Tennessee', TX: 'Texas', UT: 'Utah', VT: 'Vermont',
  VA: 'Virginia', WA: 'Washington', WV: 'West Virginia', WI: 'Wisconsin', WY: 'Wyoming',
  DC: 'District of Columbia',
  // Territories issue their own plates and turn up on the mainland (and in NCIC hot lists).
  PR: 'Puerto Rico', GU: 'Guam', VI: 'U.S. Virgin Islands', AS: 'American Samoa',
  MP: 'Northern Mariana Islands',
};

export const CA_REGIONS: Readonly<Record<string, string>> = {
  AB: 'Alberta', BC: 'British Columbia', MB: 'Manitoba', NB: 'New Brunswick',
  NL: 'Newfoundland and Labrador', NS: 'Nova Scotia', NT: 'Northwest Territories',
  NU: 'Nunavut', ON: 'Ontario', PE: 'Prince Edward Island', QC: 'Quebec',
  SK: 'Saskatchewan', YT: 'Yukon',
};

/**
 * Other spellings people and older systems use. Keys are uppercase letters only (the form
 * normalizeRegion reduces a name to). PQ and NF are Canada's pre-1990s codes, still found in
 * old records; they collide with no US code.
 */
export const REGION_ALIASES: Readonly<Record<string, string>> = {
  WASHINGTONDC: 'DC',
  DISTRICTOFCOLUMBIA: 'DC',
  VIRGINISLANDS: 'VI',
  USVIRGINISLANDS: 'VI',
  NORTHERNMARIANAS: 'MP',
  NEWFOUNDLAND: 'NL',
  YUKONTERRITORY: 'YT',
  PQ: 'QC',
  NF: 'NL',
};
