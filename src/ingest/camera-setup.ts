// What to configure on a device so that it sends to Platekeeper, per adapter (issue 10): the URL,
// header, topic and body the camera page shows. The key itself is never shown again (it is stored
// hashed); the text says where it goes.
import type { CameraAdapter } from '../cameras/cameras.schemas.js';

export interface CameraSetup {
  adapter: CameraAdapter;
  url: string | null;
  headers: Record<string, string>;
  topics: string[];
  body: string | null;
  steps: string[];
}

export interface SetupInput {
  cameraId: string;
  adapter: CameraAdapter;
  /** Adapter snapshot: the URL Platekeeper fetches (password hidden) and how often, when one is set. */
  snapshot?: { url: string; intervalSeconds: number } | null;
  /** Adapter snapshot: whether built-in recognition is on (config recognition.enabled). */
  recognition?: boolean;
  /** Where devices reach this server, e.g. https://alpr.agency.example */
  baseUrl: string;
  mqtt: { url?: string | undefined; topicPrefix: string; cameras: Record<string, string> };
}

const KEY = '<this camera’s key: pkc_…, shown once when issued; issue a new one under Keys if you do not have it>';

export const BLUE_IRIS_BODY =
  '{"ai_dump":&JSON, "memo":"&MEMO", "plate_number":"&PLATE", "camera":"&CAM", "timestamp":"&ALERT_TIME", "Image":"&ALERT_JPEG", "ALERT_PATH":"&ALERT_PATH", "ALERT_CLIP":"&ALERT_CLIP"}';

export function cameraSetup(input: SetupInput): CameraSetup {
  const base = input.baseUrl.replace(/\/+$/, '');
  const none = { headers: {}, topics: [], body: null };
  switch (input.adapter) {
    case 'native':
      return {
        adapter: 'native',
        ...none,
        url: `${base}/api/v1/ingest/reads`,
        headers: { Authorization: `Bearer ${KEY}` },
        steps: ['POST batches of reads as JSON to the URL (schema: /api/openapi.json, "IngestBatch").', 'Give every read its own UUID: resending a batch never stores a read twice.'],
      };
    case 'openalpr':
      return {
        adapter: 'openalpr',
        ...none,
        url: `${base}/api/v1/ingest/openalpr`,
        headers: { 'X-Api-Key': KEY },
        steps: [
          'In the Rekor Scout agent (or OpenALPR alprd), set the data destination / WebHook URL to the URL above, with the X-Api-Key header.',
          'Send plate groups (alpr_group); each becomes one read. Per-frame alpr_results are accepted too, one read per plate per frame.',
          'Heartbeats keep the camera’s last-seen current. The agent’s own alerts (alpr_alert) are counted here but are not Platekeeper hits.',
          'Point each agent camera at its own Platekeeper camera (one key per camera), so reads carry the right place.',
        ],
      };
    case 'platerecognizer':
      return {
        adapter: 'platerecognizer',
        ...none,
        url: `${base}/api/v1/ingest/platerecognizer`,
        headers: { 'X-Api-Key': KEY },
        steps: [
          'Stream: add the URL as a webhook target in config.ini with the header above; with the image option on, the frame is kept as each read\'s vehicle image. Restart Stream.',
          'Snapshot: add the URL as a "Data Only" or "Webhook with Image" webhook, or POST each Snapshot API response to it yourself.',
          'Back-fill from Stream’s JSON Lines file: POST it with Content-Type application/x-ndjson; reads already received are reported as duplicates.',
        ],
      };
    case 'frigate': {
      const name = Object.entries(input.mqtt.cameras).find(([, id]) => id === input.cameraId)?.[0];
      return {
        adapter: 'frigate',
        ...none,
        url: input.mqtt.url ? input.mqtt.url.replace(/\/\/[^@/]*@/, '//') : null,
        topics: [`${input.mqtt.topicPrefix}/events`, `${input.mqtt.topicPrefix}/tracked_object_update`],
        steps: [
          input.mqtt.url ? 'Platekeeper subscribes to the broker above.' : 'Set mqtt.url in platekeeper.yaml (or PLATEKEEPER_MQTT_URL) to the broker Frigate publishes to, and restart.',
          name
            ? `This camera is Frigate’s "${name}" (mqtt.cameras).`
            : `Map the Frigate camera to this one in platekeeper.yaml: mqtt.cameras: { <frigate camera name>: ${input.cameraId} }, and restart.`,
          'In Frigate, enable lpr (license plate recognition) for the camera and track car and motorcycle objects.',
          'Each tracked vehicle becomes one read, with its best plate, when Frigate ends the object.',
        ],
      };
    }
    case 'blueiris':
      return {
        adapter: 'blueiris',
        url: `${base}/api/v1/ingest/blueiris`,
        headers: { 'x-api-key': KEY, 'Content-Type': 'application/json' },
        topics: [],
        body: BLUE_IRIS_BODY,
        steps: [
          'Camera settings → Alerts → On alert → add a "Web request or MQTT" action: HTTP POST to the URL above.',
          'Add the headers above and paste the body (keep &JSON without quotes).',
          'Run CodeProject.AI’s License Plate Reader module and let the camera’s AI use it.',
          'Set the PC’s time zone, or config ingest.vendorTimeZone, to the zone Blue Iris reports alert times in.',
        ],
      };
    case 'snapshot':
      // Issue 11: Platekeeper reads the plates itself. Either it pulls (snapshotUrl) or the camera pushes frames.
      return {
        adapter: 'snapshot',
        url: `${base}/api/v1/ingest/frames`,
        headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'image/jpeg' },
        topics: [],
        body: null,
        steps: [
          input.recognition === false ? 'Built-in recognition is off on this server (recognition.enabled: false): turn it on and restart, or frames cannot be read.' : 'Platekeeper reads the plates itself, with the models it ships (no cloud service).',
          input.snapshot
            ? `Pull: Platekeeper fetches ${input.snapshot.url} every ${input.snapshot.intervalSeconds} s. Fetch errors and timeouts show on Ingest health.`
            : 'Pull: set the camera’s JPEG snapshot URL (snapshotUrl, e.g. http://user:password@10.0.0.5/cgi-bin/snapshot.cgi) and an interval, and Platekeeper fetches it.',
          'Push instead (or as well): POST each JPEG or PNG frame to the URL above with the headers; add ?capturedAt=<ISO time> when the frame is not from now. An upload repeated is not stored twice.',
          'Aim the camera so plates are at least 100 pixels wide in the frame; every plate read becomes a read with its plate crop and the frame as images. Reads below the agency’s confidence threshold are marked for verification.',
        ],
      };
  }
}
