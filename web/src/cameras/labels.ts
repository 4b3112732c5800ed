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

/** R4, as the administrator attests it when registering a camera. */
export const ATTESTATION_TEXT = 'This camera records only plates exposed to public view, or a court order covers it.';

const COMPASS = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'] as const;
export const compass = (degrees: number): string => COMPASS[Math.round(degrees / 45) % 8] ?? '';

/** Registered cameras first (they are the agency's own), then the demo network; by name within each. */
export function realCamerasFirst<T extends Pick<Camera, 'origin' | 'name'>>(cameras: readonly T[]): T[] {
  return [...cameras].sort((a, b) => Number(a.origin === 'demo') - Number(b.origin === 'demo') || a.name.localeCompare(b.name));
}

export const formatLocation = (location: Camera['location']): string => (location ? `${location.lat.toFixed(5)}, ${location.lon.toFixed(5)}` : '—');
