// How camera fields read on screen.
import type { Camera } from '../api/client.js';

export const KIND_LABELS: Record<Camera['kind'], string> = {
  fixed: 'Fixed',
  mobile: 'Mobile (patrol car)',
};
export const PLACEMENT_LABELS: Record<Camera['placement'], string> = {
  public_view: 'Public view',
  court_order: 'Court order',
};
export const STATUS_LABELS: Record<Camera['status'], string> = {
  active: 'Active',
  disabled: 'Disabled',
};

/** How a camera sends its reads (issue 10), with one line of help each; the values are the schema's. */
export const ADAPTER_LABELS: Record<Camera['adapter'], string> = {
  native: 'Native API',
  openalpr: 'OpenALPR / Rekor agent',
  platerecognizer: 'Plate Recognizer',
  blueiris: 'Blue Iris + CodeProject.AI',
  frigate: 'Frigate over MQTT',
  snapshot: 'Snapshot (Platekeeper reads the plates)',
};
export const ADAPTER_HELP: Record<Camera['adapter'], string> = {
  native: 'The camera or an edge unit posts batches of reads to Platekeeper’s own ingest API.',
  openalpr: 'A Rekor Scout or OpenALPR agent posts its plate groups to a webhook URL, with this camera’s key.',
  platerecognizer: 'Plate Recognizer Stream or Snapshot posts “data only” webhooks (or Stream’s JSON Lines file).',
  blueiris: 'A Blue Iris alert action posts CodeProject.AI’s plate results as a web request.',
  frigate: 'Platekeeper subscribes to Frigate’s MQTT events; the camera is mapped by Frigate’s camera name.',
  snapshot: 'A plain IP camera: Platekeeper fetches its JPEG snapshot URL at an interval (or the camera uploads frames) and reads the plates itself.',
};

/** R4, as the administrator attests it when registering a camera. */
export const ATTESTATION_TEXT = 'This camera records only plates exposed to public view, or a court order covers it.';

const COMPASS = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const;
export const compass = (degrees: number): string => COMPASS[Math.round(degrees / 45) % 8] ?? '';

/** Registered cameras first (they are the agency's own), then the demo network; by name within each. */
export function realCamerasFirst<T extends Pick<Camera, 'origin' | 'name'>>(cameras: readonly T[]): T[] {
  return [...cameras].sort((a, b) => Number(a.origin === 'demo') - Number(b.origin === 'demo') || a.name.localeCompare(b.name));
}

export const formatLocation = (location: Camera['location']): string => (location ? `${location.lat.toFixed(5)}, ${location.lon.toFixed(5)}` : '—');
