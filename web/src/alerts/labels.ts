// Words for the alert screens: dispositions, actions, match kinds, steps and verification fields.
import type { AlertAction, AlertDisposition, AlertView } from '../api/client.js';

export const DISPOSITION_LABELS: Record<AlertDisposition, string> = {
  arrest: 'Arrest',
  vehicle_recovered: 'Vehicle recovered',
  citation: 'Citation',
  field_interview: 'Field interview',
  no_action: 'No action',
  misread: 'Misread',
  no_longer_wanted: 'No longer wanted',
  unable_to_locate: 'Unable to locate',
};

export const ACTION_LABELS: Record<AlertAction, string> = {
  traffic_stop: 'Traffic stop',
  high_risk_stop: 'High-risk stop',
  detention: 'Detention',
  vehicle_recovery: 'Vehicle recovery',
  other: 'Other',
};

export const KIND_LABELS: Record<AlertView['hit']['kind'], string> = {
  exact: 'Exact plate',
  wildcard: 'Partial plate (wildcard)',
  confusion: 'One character differs (possible misread)',
  description: 'Vehicle description, no plate',
};

export const STATE_CHECK_LABELS: Record<AlertView['hit']['stateCheck'], string> = {
  matched: 'state matches the list',
  any: 'the list names no state',
  unread: 'the reader could not tell the state: check it on the image',
};

export const STEP_LABELS: Record<string, string> = {
  acknowledge: 'Acknowledged',
  confirm: 'Entry checked',
  exigency: 'Exigent circumstances',
  verify: 'Visual verification',
  action: 'Enforcement action',
  disposition: 'Disposition',
};

export const NEXT_LABELS: Record<AlertView['workflow']['next'], string> = {
  acknowledge: '1. Acknowledge',
  confirm: '2. Confirm the entry is still listed',
  verify: '3. Verify against the image',
  action: '4. Act (or close without a stop)',
  disposition: '5. Record the disposition',
  closed: 'Closed',
};

export const humanize = (value: string) => value.replaceAll('_', ' ');

/** The question the visual check asks for one field. */
export function verifyQuestion(alert: AlertView, field: string): string {
  const entry = alert.hit.entry;
  switch (field) {
    case 'characters':
      return `Plate on the image reads ${entry.plate ?? entry.pattern ?? ''}?`;
    case 'state':
      return entry.state ? `State on the image is ${entry.state}?` : `State on the image is ${alert.read.region || 'readable'} (the list names no state)?`;
    default: {
      const listed = entry.vehicle[field as keyof typeof entry.vehicle];
      return `${field === 'bodyType' ? 'Body type' : field[0]!.toUpperCase() + field.slice(1)} is ${listed ?? '?'}?`;
    }
  }
}
