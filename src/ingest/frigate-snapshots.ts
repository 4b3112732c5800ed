// Frigate event snapshots as vehicle images (issue 10, R1). Frigate's MQTT messages carry no
// image; its HTTP API serves each event's best snapshot at GET /api/events/<id>/snapshot.jpg
// (Frigate 0.13–0.14 API documentation, "Events"). A read is never held back or lost for want of
// an image: a slow, missing or failing snapshot stores the read without one and says so in the log.
import type { Logger } from '../platform/logger.js';
import type { VehicleImage } from './adapter.service.js';

export interface FrigateSnapshotOptions {
  /** Frigate's base URL, e.g. http://frigate.local:5000 (config mqtt.frigateApiUrl). */
  baseUrl: string;
  maxImageBytes: number;
  timeoutMs?: number;
}

export function frigateSnapshotFetcher(options: FrigateSnapshotOptions, logger: Logger): (eventId: string) => Promise<VehicleImage | undefined> {
  const base = options.baseUrl.replace(/\/+$/, '');
  return async (eventId) => {
    const url = `${base}/api/events/${encodeURIComponent(eventId)}/snapshot.jpg?bbox=0`;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 3000) });
      const type = response.headers.get('content-type') ?? '';
      if (!response.ok || !/^image\/jpeg/.test(type)) {
        logger.warn({ eventId, status: response.status, type }, 'Frigate snapshot unavailable; read stored without an image');
        return undefined;
      }
      const bytes = Buffer.from(await response.arrayBuffer());
      if (bytes.length === 0 || bytes.length > options.maxImageBytes) {
        logger.warn({ eventId, bytes: bytes.length }, 'Frigate snapshot empty or over ingest.maxImageBytes; read stored without an image');
        return undefined;
      }
      return { base64: bytes.toString('base64'), contentType: 'image/jpeg' };
    } catch (error) {
      logger.warn({ eventId, error: (error as Error).message }, 'Frigate snapshot fetch failed; read stored without an image');
      return undefined;
    }
  };
}
