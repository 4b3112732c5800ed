// Which cameras need a look: active ones silent for too long, and ones whose reads were refused lately.
import type { CameraHealthView } from '../api/client.js';
import { MINUTE } from '../ui/time.js';

export const SILENT_AFTER_MS = 10 * MINUTE;
export const RECENT_REJECTION_MS = 10 * MINUTE;

export interface Attention {
  silent: boolean;
  rejecting: boolean;
}

export function attentionOf(camera: CameraHealthView, now: number): Attention {
  const silent = camera.status === 'active' && camera.lastSeenAt !== null && now - Date.parse(camera.lastSeenAt) > SILENT_AFTER_MS;
  const rejecting = camera.lastRejectionAt !== null && now - Date.parse(camera.lastRejectionAt) <= RECENT_REJECTION_MS;
  return { silent, rejecting };
}
