// Words for the hot-list pages.
export const CATEGORY_LABELS: Record<string, string> = {
  stolen_vehicle: 'Stolen vehicle',
  stolen_plate: 'Stolen plate',
  felony_vehicle: 'Felony vehicle',
  wanted_person: 'Wanted person',
  missing_person: 'Missing person',
  amber_alert: 'AMBER alert',
  protective_order: 'Protective order',
  terrorism: 'Terrorism',
  gang: 'Gang',
  sex_offender: 'Sex offender',
  supervised_release: 'Supervised release',
  other: 'Other',
};
export const CATEGORIES = Object.keys(CATEGORY_LABELS);

export const DATA_SOURCE_LABELS: Record<string, string> = { agency: 'Agency', state: 'State', federal: 'Federal' };

export const STATUS_TONES = { pending: 'warn', active: 'good', rejected: 'bad', expired: 'muted' } as const;

/** The mapping fields offered on the import form, most used first. */
export const MAPPING_FIELDS: { field: string; label: string; hint: string }[] = [
  { field: 'plate', label: 'Plate column', hint: 'e.g. LIC, Plate, Tag Number' },
  { field: 'state', label: 'State column', hint: 'e.g. LIS, State' },
  { field: 'ncicCode', label: 'NCIC code column', hint: 'e.g. MKE' },
  { field: 'reason', label: 'Reason column', hint: 'e.g. MIS, Reason' },
  { field: 'category', label: 'Category column', hint: 'optional' },
  { field: 'vehicleMake', label: 'Make column', hint: 'e.g. VMA' },
  { field: 'vehicleModel', label: 'Model column', hint: 'e.g. VMO' },
  { field: 'vehicleColor', label: 'Color column', hint: 'e.g. VCO' },
  { field: 'vehicleYear', label: 'Year column', hint: 'e.g. VYR' },
  { field: 'entryDate', label: 'Entry date column', hint: 'e.g. DOE' },
  { field: 'originatingAgency', label: 'Originating agency column', hint: 'e.g. ORI' },
  { field: 'file', label: 'NCIC file column', hint: 'records of the Immigration Violator File are dropped (R37)' },
];

export const when = (iso: string | null): string => (iso ? new Date(iso).toLocaleString() : '—');
