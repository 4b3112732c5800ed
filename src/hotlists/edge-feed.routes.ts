// GET /api/v1/edge/hotlists (issue 10; R5, R9, R12): a mobile unit's key takes down the designated
// lists' active, approved entries to match reads while the car is offline. Fixed cameras are
// matched by the server and are refused. Every download is in the access log before the entries
// leave (invariant 1), with the camera, the lists and the entry count, never the plates; an
// unchanged feed answers 304 (If-None-Match) and sends nothing; gzip when the unit accepts it.
import { Type } from 'typebox';
import { cameraOf } from '../access/authorize.js';
import { originOf, type AuditRecorder } from '../audit/access-log.js';
import { forbidden } from '../platform/errors.js';
import type { HttpServer } from '../platform/http.js';
import type { EdgeFeedBuilder } from './edge-feed.js';
import { EdgeFeed } from './edge-feed.schemas.js';

/** The purpose every edge download is logged under: the unit's own matching, as the server's. */
export const EDGE_DOWNLOAD_PURPOSE = { caseNumber: null, category: 'hot_list_matching', reason: 'A mobile ALPR unit took the designated hot lists down to match its reads while offline (issue 10; R9).' };

const quoted = (version: string) => `"${version}"`;

function matches(header: string | string[] | undefined, version: string): boolean {
  if (header === undefined) return false;
  const tags = (Array.isArray(header) ? header.join(',') : header).split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  return tags.includes('*') || tags.includes(quoted(version));
}

function acceptsGzip(header: string | string[] | undefined): boolean {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  return text.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    return coding === 'gzip' && !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
  });
}

export function registerEdgeFeedRoutes(app: HttpServer, feed: EdgeFeedBuilder, audit: AuditRecorder) {
  app.get(
    '/api/v1/edge/hotlists',
    {
      config: { access: 'camera' },
      schema: {
        tags: ['edge'],
        description:
          "The designated hot lists for a mobile edge unit to match offline (its own camera key): active, approved entries in the matcher's shape, and each list's name, priority, source and last update (R12). Send the ETag back as If-None-Match: an unchanged feed answers 304. Fixed cameras are refused (403).",
        security: [{ bearer: [] }],
        headers: Type.Object({ 'if-none-match': Type.Optional(Type.String()) }),
        response: { 200: EdgeFeed, 304: Type.Null() },
      },
    },
    async (request, reply) => {
      const camera = cameraOf(request);
      if (camera.cameraKind !== 'mobile') {
        throw forbidden('edge_feed_mobile_only', 'Only mobile units take the hot lists down; this key belongs to a fixed camera, whose reads the server matches itself. Register the patrol-car unit as a mobile camera and use its key.');
      }
      const built = await feed.current();
      reply.header('etag', quoted(built.version)).header('cache-control', 'no-store');
      if (matches(request.headers['if-none-match'], built.version)) return reply.code(304).send(null);
      await audit.recordAccess({
        actor: { userId: null, username: `camera:${camera.cameraId}` },
        purpose: EDGE_DOWNLOAD_PURPOSE,
        action: 'hotlist.edge_download',
        dataElements: { cameraId: camera.cameraId, keyId: camera.keyId, version: built.version, listIds: built.listIds, entries: built.entries },
        resultCount: built.entries,
        ...originOf(request),
      });
      // Serialized (and gzipped) once per change, not per unit: Fastify sends a string or a Buffer
      // with a JSON content type as it is, past the response serializer.
      reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
      if (acceptsGzip(request.headers['accept-encoding'])) return reply.header('content-encoding', 'gzip').send(built.gzipped as unknown as EdgeFeed);
      return reply.send(built.body as unknown as EdgeFeed);
    },
  );
}
