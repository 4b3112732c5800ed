// The native ingest API (R1, R2): batches of reads from a camera or edge unit, authenticated by
// the camera's own key. The body is checked read by read in the service, so that a partial batch
// can reject single reads; the schema here documents the shape.
import { cameraOf } from '../access/authorize.js';
import { badRequest } from '../platform/errors.js';
import type { HttpServer } from '../platform/http.js';
import type { ImageType } from './image.store.js';
import { IngestBatch, IngestResponse, UploadedImage } from './ingest.schemas.js';
import type { IngestService } from './ingest.service.js';

const acceptAnything = () => (data: unknown) => ({ value: data });

export function registerIngestRoutes(app: HttpServer, ingest: IngestService) {
  app.addContentTypeParser(['image/jpeg', 'image/png'], { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post(
    '/api/v1/ingest/reads',
    {
      config: { access: 'camera' },
      schema: {
        tags: ['ingest'],
        description: 'A batch of reads. Each read is acknowledged (accepted or duplicate) only once it is durable; resending a batch never duplicates a read (R2).',
        security: [{ bearer: [] }],
        body: IngestBatch,
        response: { 200: IngestResponse },
      },
      validatorCompiler: acceptAnything,
    },
    async (request) => {
      const body = request.body as unknown;
      if (typeof body !== 'object' || body === null || !Array.isArray((body as { reads?: unknown }).reads)) {
        throw badRequest('invalid_request', 'The body must be a JSON object with a "reads" array (see /api/openapi.json).', 'reads');
      }
      const { reads, mode } = body as { reads: unknown[]; mode?: unknown };
      if (mode !== undefined && mode !== 'atomic' && mode !== 'partial') throw badRequest('invalid_request', 'mode must be "atomic" or "partial".', 'mode');
      return ingest.ingest(cameraOf(request), reads, mode);
    },
  );

  app.post(
    '/api/v1/ingest/images',
    {
      config: { access: 'camera' },
      schema: {
        tags: ['ingest'],
        description: 'Upload one image (Content-Type image/jpeg or image/png, raw bytes); reads may then refer to it by its SHA-256.',
        security: [{ bearer: [] }],
        response: { 201: UploadedImage },
      },
    },
    async (request, reply) => {
      const data = request.body;
      if (!Buffer.isBuffer(data)) throw badRequest('invalid_image', 'Send the image bytes with Content-Type image/jpeg or image/png.');
      const claimed = request.headers['content-type']?.split(';')[0]?.trim() as ImageType | undefined;
      const row = await ingest.uploadImage(data, claimed);
      return reply.status(201).send({ sha256: row.sha256, contentType: row.contentType, byteSize: row.byteSize });
    },
  );
}
