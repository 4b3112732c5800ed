// Vendor adapters over HTTP (issue 10; R1, R2, R4): each route takes a vendor's payload exactly as
// the device sends it, authenticated by the camera's own key (X-Api-Key or Bearer), and answers
// per read like the native API. The camera page's test view and setup instructions live here too.
import { Type } from 'typebox';
import { cameraOf } from '../access/authorize.js';
import type { CamerasService } from '../cameras/cameras.service.js';
import type { Config } from '../platform/config.js';
import { AppError, badRequest } from '../platform/errors.js';
import type { HttpServer } from '../platform/http.js';
import { AdapterResponse, CameraSetupView, LastPayloadView, VendorPayload } from './adapter.schemas.js';
import type { AdapterService, HttpAdapter } from './adapter.service.js';
import { readWebhookForm, WebhookForm } from './adapters/webhook-form.js';
import { cameraSetup } from './camera-setup.js';

const IdParams = Type.Object({ id: Type.String({ minLength: 1 }) });
const acceptAnything = () => (data: unknown) => ({ value: data });

/** Lines of a JSON Lines body (Plate Recognizer Stream's output file). */
class JsonLines {
  constructor(readonly lines: unknown[]) {}
}

const JSON_LINES_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines', 'application/json-lines'];

const ROUTES: { adapter: HttpAdapter; path: string; description: string }[] = [
  { adapter: 'openalpr', path: '/api/v1/ingest/openalpr', description: 'OpenALPR / Rekor Scout agent webhooks: alpr_group, alpr_results, heartbeat, alpr_alert (JSON).' },
  {
    adapter: 'platerecognizer',
    path: '/api/v1/ingest/platerecognizer',
    description: 'Plate Recognizer: a Snapshot API response, a Snapshot or Stream webhook ("data only" JSON), or Stream JSON Lines (Content-Type application/x-ndjson).',
  },
  { adapter: 'blueiris', path: '/api/v1/ingest/blueiris', description: 'Blue Iris alert action (Web request, HTTP POST) with CodeProject.AI ALPR results: {"ai_dump":&JSON, "memo":"&MEMO", "camera":"&CAM", "timestamp":"&ALERT_TIME", "Image":"&ALERT_JPEG", …}.' },
];

export function registerAdapterRoutes(app: HttpServer, adapters: AdapterService, cameras: Pick<CamerasService, 'get'>, config: Pick<Config, 'mqtt' | 'ingest' | 'recognition'>) {
  const options = config.ingest;
  // Content-type parsers stay inside this plugin: they apply to the vendor routes only.
  void app.register(async (scope: HttpServer) => {
    scope.addContentTypeParser(JSON_LINES_TYPES, { parseAs: 'string' }, (_request, body, done) => {
      const lines: unknown[] = [];
      for (const [index, line] of String(body).split(/\r?\n/).entries()) {
        if (line.trim() === '') continue;
        try {
          lines.push(JSON.parse(line));
        } catch {
          done(badRequest('invalid_json_lines', `Line ${index + 1} is not JSON; send one JSON object per line.`, `lines/${index}`), undefined);
          return;
        }
      }
      done(null, new JsonLines(lines));
    });
    // Older Stream versions post the data-only webhook as a form with one field, json.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      const json = new URLSearchParams(String(body)).get('json');
      if (json === null) {
        done(badRequest('invalid_request', 'A form body needs a "json" field holding the JSON payload.', 'json'), undefined);
        return;
      }
      try {
        done(null, JSON.parse(json));
      } catch {
        done(badRequest('invalid_request', 'The form field "json" is not JSON.', 'json'), undefined);
      }
    });
    // Other vendors do not send multipart: their routes refuse it (415) without reading the body.
    scope.addContentTypeParser('multipart/form-data', (_request, _payload, done) => {
      done(new AppError('multipart_unsupported', 415, 'Multipart uploads are accepted from Plate Recognizer\'s "webhook with image" only; send this vendor\'s JSON.'), undefined);
    });
    for (const route of ROUTES) if (route.adapter !== 'platerecognizer') postVendorRoute(scope, route, adapters);
    // Plate Recognizer's "webhook with image": multipart/form-data with `json` and `upload`.
    await scope.register(async (forms: HttpServer) => {
      forms.removeContentTypeParser('multipart/form-data');
      forms.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, async (request: { headers: Record<string, string | string[] | undefined> }, body: Buffer) =>
        readWebhookForm(body, String(request.headers['content-type']), options.maxImageBytes),
      );
      for (const route of ROUTES) if (route.adapter === 'platerecognizer') postVendorRoute(forms, route, adapters);
    });
  });

  app.get(
    '/api/v1/cameras/:id/last-payload',
    {
      config: { access: 'cameras.manage' },
      schema: {
        tags: ['cameras'],
        description: 'The test button: the last vendor payload this camera sent (its shape, without plate text or images) and what it became. Kept in memory since the server started.',
        params: IdParams,
        response: { 200: LastPayloadView },
      },
    },
    async (request) => {
      const camera = await cameras.get(request.params.id);
      return { cameraId: camera.id, adapter: camera.adapter, vendorAlerts: adapters.activity.vendorAlerts(camera.id), last: adapters.activity.lastPayload(camera.id) };
    },
  );

  app.get(
    '/api/v1/cameras/:id/setup',
    {
      config: { access: 'cameras.manage' },
      schema: { tags: ['cameras'], description: 'What to configure on the device for this camera’s adapter: URL, headers, MQTT topics, body and steps.', params: IdParams, response: { 200: CameraSetupView } },
    },
    async (request) => {
      const camera = await cameras.get(request.params.id);
      return cameraSetup({ cameraId: camera.id, adapter: camera.adapter, baseUrl: `${request.protocol}://${request.host}`, mqtt: config.mqtt, snapshot: camera.snapshot, recognition: config.recognition.enabled });
    },
  );
}

function postVendorRoute(scope: HttpServer, route: (typeof ROUTES)[number], adapters: AdapterService): void {
  scope.post(
    route.path,
    {
      config: { access: 'camera' },
      schema: { tags: ['ingest'], description: `${route.description} Each read is acknowledged once it is durable; a vendor's retry is reported as duplicate (R2).`, security: [{ bearer: [] }], body: VendorPayload, response: { 200: AdapterResponse } },
      validatorCompiler: acceptAnything,
    },
    async (request) => {
      const camera = cameraOf(request);
      if (request.body instanceof WebhookForm) return adapters.receive(camera, route.adapter, request.body.payload, request.body.bytes, request.body.image);
      const body = request.body instanceof JsonLines || typeof request.body !== 'string' ? request.body : parseText(request.body);
      if (body instanceof JsonLines) {
        if (route.adapter !== 'platerecognizer') throw badRequest('invalid_request', 'JSON Lines are accepted from Plate Recognizer Stream only; send one JSON object.');
        return adapters.receiveLines(camera, body.lines);
      }
      const bytes = Number(request.headers['content-length']);
      return adapters.receive(camera, route.adapter, body, Number.isFinite(bytes) ? bytes : undefined);
    },
  );
}

/** Blue Iris and some agents send JSON as text/plain. */
function parseText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest('invalid_request', 'The body is not JSON. Send the payload as JSON (Content-Type application/json).');
  }
}
