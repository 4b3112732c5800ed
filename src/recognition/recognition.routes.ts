// Built-in recognition over HTTP (issue 11; R3):
// - POST /api/v1/recognize: a person's image in, plates out. Nothing is stored and no ALPR data is
//   read, so no purpose is asked (the purpose gate guards stored reads, R21); the request and its
//   answer are not logged beyond Fastify's line with method, route and status — never the plates.
// - POST /api/v1/ingest/frames: a snapshot camera pushes a frame with its own key; each plate read
//   becomes a read through the one ingest path.
// - GET /api/v1/recognition/status: workers, queue and model versions.
// Images come as the raw body (Content-Type image/jpeg or image/png) or as multipart/form-data with
// one file.
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { cameraOf } from '../access/authorize.js';
import { AppError, badRequest, payloadTooLarge } from '../platform/errors.js';
import type { HttpServer } from '../platform/http.js';
import { FrameQuery, FrameResponse, RecognitionStatus, RecognizeResponse } from './recognition.schemas.js';
import type { RecognitionService } from './recognition.service.js';
import type { SnapshotIngest } from './snapshot.ingest.js';

const IMAGE_TYPES = ['image/jpeg', 'image/png'];
const acceptAnything = () => (data: unknown) => ({ value: data });

export interface RecognitionRouteOptions {
  /** config ingest.maxImageBytes: the largest image accepted. */
  maxImageBytes: number;
}

/** The image of a request: the raw body, or the one file of a multipart form. */
async function imageOf(request: FastifyRequest, maxBytes: number): Promise<Buffer> {
  const tooLarge = (bytes: number | undefined) =>
    payloadTooLarge('image_too_large', `The image is ${bytes === undefined ? 'larger than' : `${bytes} bytes; over`} ingest.maxImageBytes (${maxBytes} bytes); send a smaller JPEG.`);
  if (request.isMultipart()) {
    let image: Buffer | undefined;
    try {
      for await (const part of request.parts()) {
        if (part.type !== 'file') continue;
        const data = await part.toBuffer();
        if (image) throw badRequest('invalid_multipart', 'The form has more than one file; send one image per request.', part.fieldname);
        if (!IMAGE_TYPES.includes(part.mimetype) && part.mimetype !== 'application/octet-stream') throw badRequest('invalid_image', `The file is ${part.mimetype}; send a JPEG or PNG.`, part.fieldname);
        image = data;
      }
    } catch (error) {
      if (error instanceof AppError) throw error;
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(undefined);
      throw badRequest('invalid_multipart', `The multipart body could not be read (${(error as Error).message}); send the image as one file field.`);
    }
    if (!image) throw badRequest('invalid_request', 'The form has no file; add the image as a file field (e.g. image).', 'image');
    return image;
  }
  const body = request.body;
  if (!Buffer.isBuffer(body)) throw badRequest('invalid_request', 'Send the image as the body with Content-Type image/jpeg or image/png, or as multipart/form-data with one file.', 'image');
  if (body.length === 0) throw badRequest('invalid_image', 'The body is empty; send a JPEG or PNG image.', 'image');
  if (body.length > maxBytes) throw tooLarge(body.length);
  return body;
}

export function registerRecognitionRoutes(app: HttpServer, recognition: RecognitionService, snapshots: SnapshotIngest, options: RecognitionRouteOptions): void {
  void app.register(async (scope: HttpServer) => {
    // The raw image parser is shared with the ingest routes when they are registered first.
    if (!scope.hasContentTypeParser('image/jpeg')) scope.addContentTypeParser(IMAGE_TYPES, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    await scope.register(multipart, { limits: { fileSize: options.maxImageBytes, files: 2, fields: 4 } });

    scope.post(
      '/api/v1/recognize',
      {
        config: { access: 'recognition.run' },
        schema: {
          tags: ['recognition'],
          description:
            'Finds and reads the plates in one image (JPEG or PNG as the body, or multipart with one file). Nothing is stored. 503 recognition_queue_full when the recognizers are busy: try again shortly.',
          response: { 200: RecognizeResponse },
        },
        validatorCompiler: acceptAnything,
      },
      async (request) => {
        const result = await recognition.recognize(await imageOf(request, options.maxImageBytes));
        return { width: result.width, height: result.height, plates: result.plates, confidenceThreshold: recognition.confidenceThreshold, models: recognition.models()!, timings: result.timings };
      },
    );

    scope.post(
      '/api/v1/ingest/frames',
      {
        config: { access: 'camera' },
        schema: {
          tags: ['ingest'],
          description:
            'A snapshot camera (adapter snapshot) sends one frame; Platekeeper reads its plates and stores a read per plate, with the plate crop and the frame. A frame sent again is reported as duplicate (R2).',
          security: [{ bearer: [] }],
          querystring: FrameQuery,
          response: { 200: FrameResponse },
        },
        validatorCompiler: ({ httpPart }) => (httpPart === 'querystring' ? checkQuery : acceptAnything()),
      },
      async (request) => {
        const camera = cameraOf(request);
        const { capturedAt } = request.query as { capturedAt?: string };
        const at = capturedAt === undefined ? undefined : Date.parse(capturedAt);
        return snapshots.frame(camera, await imageOf(request, options.maxImageBytes), at);
      },
    );

    scope.get(
      '/api/v1/recognition/status',
      { config: { access: 'ingest.health' }, schema: { tags: ['recognition'], description: 'Recognition workers, queue and model versions.', response: { 200: RecognitionStatus } } },
      () => {
        const stats = recognition.stats();
        return {
          enabled: true,
          models: recognition.models() ?? null,
          confidenceThreshold: recognition.confidenceThreshold,
          workers: stats?.workers ?? 0,
          busy: stats?.busy ?? 0,
          waiting: stats?.waiting ?? 0,
          queueLimit: stats?.queueLimit ?? 0,
          completed: stats?.completed ?? 0,
          refused: stats?.refused ?? 0,
        };
      },
    );
  });
}

/** capturedAt, when given, is an ISO 8601 instant with a zone. */
function checkQuery(data: unknown): { value: unknown } | { error: Error } {
  const query = (data ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(query)) if (key !== 'capturedAt') return { error: badRequest('invalid_request', `Unknown query parameter ${key}; the only one is capturedAt.`, key) };
  const value = query.capturedAt;
  if (value !== undefined && (typeof value !== 'string' || !/(Z|[+-]\d\d:?\d\d)$/i.test(value) || Number.isNaN(Date.parse(value)))) {
    return { error: badRequest('invalid_request', 'capturedAt must be an ISO 8601 instant with a zone, e.g. 2026-11-23T08:00:00Z.', 'capturedAt') };
  }
  return { value: query };
}
