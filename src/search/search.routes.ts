// Investigative search over HTTP (issue 6; R21–R25): one POST per kind, each opening the purpose
// gate and answering only after the access-log line is written; cameras for the map; and images,
// which are ALPR data too, fetched through the gate (GET /api/v1/images/:sha256?purpose=…).
import { createReadStream, existsSync } from 'node:fs';
import type { Static, TSchema } from 'typebox';
import { Type } from 'typebox';
import { recordAccess } from '../access/access-context.js';
import { openGate, PurposeQuery } from '../access/gate.http.js';
import type { PurposeGate } from '../access/purpose-gate.js';
import type { ImageStore } from '../ingest/image.store.js';
import { notFound } from '../platform/errors.js';
import type { HttpServer } from '../platform/http.js';
import { CamerasForMap, ImageParams, SEARCH_BODIES, SEARCH_KINDS, SearchPage, type SearchKind, type SearchRequest } from './search.schemas.js';
import { mayReadAgencyData, type SearchService } from './search.service.js';
import type { SearchStore } from './search.store.js';

const DESCRIPTIONS: Record<SearchKind, string> = {
  plate: 'Reads of one plate (with or without its state), newest first.',
  partial: "Reads of plates matching a partial plate: '7AB?12*' (? one character, * any number), or the characters remembered in order ('ordered') or in any order ('unordered') (R24).",
  fuzzy: 'Reads of plates within OCR confusion (0/O/D/Q, 1/I, 2/Z, 5/S, 6/G, 8/B) or one edit of the plate, closest first.',
  vehicle: 'Reads of a vehicle description: make, model, color, body type, with or without a partial plate (R24).',
  canvass: 'Every read within a circle or polygon and a time window of at most 7 days (R23).',
  places: 'Vehicles seen in at least minWindows of several place-and-time windows (a series).',
  convoy: 'Vehicles seen within withinSeconds of the target plate at minCameras or more cameras.',
  history: "One plate's reads over time, for the map and timeline.",
};

export function registerSearchRoutes(app: HttpServer, deps: { gate: PurposeGate; search: SearchService; store: SearchStore; images: ImageStore }) {
  for (const kind of SEARCH_KINDS) {
    const body: TSchema = SEARCH_BODIES[kind];
    app.post(
      `/api/v1/search/${kind}`,
      {
        config: { access: 'search.run' },
        schema: { tags: ['search'], description: `${DESCRIPTIONS[kind]} Needs a stated purpose (X-Purpose-Id) or \`purpose\` in the body; written to the access log with what was queried (R25).`, body, response: { 200: SearchPage } },
      },
      async (request) => {
        const ctx = await openGate(deps.gate, request, `search.${kind}`);
        return deps.search.run(ctx, { kind, query: request.body } as SearchRequest);
      },
    );
  }

  app.get(
    '/api/v1/search/cameras',
    {
      config: { access: 'search.run' },
      schema: { tags: ['search'], description: 'Cameras and their locations, for the search map and the camera filter (no reads).', response: { 200: CamerasForMap } },
    },
    async () => ({ cameras: await deps.search.cameras() }),
  );

  app.get(
    '/api/v1/images/:sha256',
    {
      config: { access: 'images.view' },
      schema: {
        tags: ['search'],
        description: 'A plate or vehicle image, by the SHA-256 a read gives. Images are ALPR data: send the stated purpose (X-Purpose-Id, or ?purpose= in an <img src>); each view is logged (R25).',
        params: ImageParams,
        querystring: Type.Object({ ...PurposeQuery }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const { sha256 } = request.params as Static<typeof ImageParams>;
      const ctx = await openGate(deps.gate, request, 'image.view');
      mayReadAgencyData(ctx);
      const image = await deps.store.imageInfo(sha256);
      const path = deps.images.pathOf(sha256);
      if (!image || !existsSync(path)) throw notFound('image', sha256);
      await recordAccess(ctx, { action: 'image.view', dataElements: { image: sha256 }, resultCount: 1 });
      return reply.type(image.contentType).header('cache-control', 'private, no-store').send(createReadStream(path));
    },
  );
}
