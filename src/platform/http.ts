// The HTTP server: one error handler (STYLE 4), the OpenAPI document, the web app's static files,
// and a start-up check that every API route declares the access it needs, so no route can be
// added without a permission check.
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyRequest, type FastifyReply } from 'fastify';
import { AppError, isAppError } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What a caller must hold to use this route: a permission name, 'public', or 'camera' (an ingest key). */
    access?: string;
  }
}

export type HttpServer = FastifyInstance<any, any, any, FastifyBaseLogger, TypeBoxTypeProvider>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface HttpServerOptions {
  logger: FastifyBaseLogger;
  bodyLimit: number;
  trustProxy: boolean;
  /** Folder of the built web app (index.html and assets); skipped when absent. */
  webRoot?: string;
  version: string;
  /** Checks the caller against a route's declared access; throws an AppError to refuse. */
  authorize(request: FastifyRequest, access: string): Promise<void>;
}

export async function createHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: options.bodyLimit,
    trustProxy: options.trustProxy,
    logController: new LogController({ disableRequestLogging: true }),
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Platekeeper API', version: options.version, description: 'ALPR with the law built in. Every route states the permission it needs.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'pk_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
  });

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} declares no access; every API route must name its permission.`);
    route.schema = { ...route.schema, description: [route.schema?.description, `Requires: ${access}.`].filter(Boolean).join(' ') };
  });

  app.addHook('preHandler', async (request) => {
    const access = request.routeOptions.config.access;
    if (access) await options.authorize(request, access);
  });

  app.setErrorHandler((error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    if (isAppError(error)) {
      return reply.status(error.status).send({ error: { id: error.id, message: error.message, field: error.field, details: error.details } });
    }
    if (error.validation) {
      const first = error.validation[0];
      const field = (first?.instancePath || (first?.params as { missingProperty?: string } | undefined)?.missingProperty || '').replace(/^\//, '');
      const missing = (first?.params as { missingProperty?: string } | undefined)?.missingProperty;
      const where = error.validationContext ?? 'body';
      const message = missing
        ? `${where}: ${[field.replace(new RegExp(`/?${missing}$`), ''), missing].filter(Boolean).join('/')} is required.`
        : `${where}${field ? `/${field}` : ''} ${first?.message ?? 'is invalid'}.`;
      return reply.status(400).send({ error: { id: 'invalid_request', message, field: missing ? [field.replace(new RegExp(`/?${missing}$`), ''), missing].filter(Boolean).join('/') : field } });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const id = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'body_too_large' : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported_media_type' : 'bad_request';
      return reply.status(status).send({ error: { id, message: error.message } });
    }
    request.log.error({ err: error, requestId: request.id }, 'unhandled error');
    return reply.status(500).send({ error: { id: 'internal', message: `Something went wrong on the server; quote request ${request.id} to the administrator.` } });
  });

  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  if (options.webRoot && existsSync(options.webRoot)) {
    await app.register(fastifyStatic, { root: options.webRoot, wildcard: false });
    app.setNotFoundHandler((request, reply) => {
      if (request.url.startsWith('/api/') || request.method !== 'GET') {
        return reply.status(404).send({ error: { id: 'route_not_found', message: `No route ${request.method} ${request.url.split('?')[0]}; see /api/openapi.json.` } });
      }
      return reply.sendFile('index.html'); // the web app routes on the client
    });
  } else {
    app.setNotFoundHandler((request, reply) =>
      reply.status(404).send({ error: { id: 'route_not_found', message: `No route ${request.method} ${request.url.split('?')[0]}; see /api/openapi.json.` } }),
    );
  }
  return app;
}
