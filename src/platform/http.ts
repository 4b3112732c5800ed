// The HTTP server: one error handler (STYLE 4), the OpenAPI document, the web app's static files,
// and a start-up check that every API route declares the access it needs, so no route can be
// added without a permission check.
import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyRequest, type FastifyReply } from 'fastify';
import { AppError, isAppError } from './errors.js';

export interface RouteEntry {
  method: string;
  url: string;
  access: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route and the access it declares (the permission matrix test walks this). */
    routeTable: RouteEntry[];
  }
  interface FastifyContextConfig {
    /** What a caller must hold to use this route: a permission name, 'public', or 'camera' (an ingest key). */
    access?: string;
  }
}

/** Every error answer: a stable id, a message written for the person reading it, the field concerned. */
export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      id: Type.String({ description: 'Stable, machine-readable (snake_case).' }),
      message: Type.String({ description: 'What went wrong and what to do.' }),
      field: Type.Optional(Type.String()),
      details: Type.Optional(Type.Array(Type.Object({ field: Type.Optional(Type.String()), message: Type.String() }))),
    }),
  },
  { $id: 'ErrorResponse' },
);

interface ValidationIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Turns a schema validation failure into a field path (a.b) and a sentence a person can act on. */
export function describeValidation(issues: readonly ValidationIssue[], where: string): { field: string; message: string } {
  const issue = issues[0];
  const path = (issue?.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const params = issue?.params ?? {};
  const missing = typeof params.missingProperty === 'string' ? params.missingProperty : undefined;
  const field = missing ? [path, missing].filter(Boolean).join('.') : path;
  const name = field || where;
  let message: string;
  switch (issue?.keyword ?? '') {
    case 'required':
      message = `${name} is required`;
      break;
    case 'additionalProperties':
      message = `${[path, String(params.additionalProperty)].filter(Boolean).join('.')} is not a field here; check the spelling against /api/openapi.json`;
      break;
    case 'const': {
      // A union of literals fails once per branch: name every value allowed.
      const allowed = issues.filter((i) => i.keyword === 'const' && i.instancePath === issue?.instancePath).map((i) => JSON.stringify(i.params?.allowedValue));
      message = `${name} must be ${allowed.length > 1 ? `one of ${allowed.join(', ')}` : allowed[0]}`;
      break;
    }
    case 'enum':
      message = `${name} must be one of ${(params.allowedValues as unknown[] | undefined)?.map((v) => JSON.stringify(v)).join(', ')}`;
      break;
    default:
      message = `${name} ${(issue?.message ?? 'is invalid').replace('<=', '≤').replace('>=', '≥')}`;
  }
  return { field, message: `${message}.` };
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
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: true } },
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

  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${String(route.method)} ${route.url} declares no access; every API route must name its permission.`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') routeTable.push({ method, url: route.url, access });
    const response = (route.schema?.response ?? {}) as Record<string, unknown>;
    route.schema = {
      ...route.schema,
      description: [route.schema?.description, `Requires: ${access}.`].filter(Boolean).join(' '),
      response: { ...response, '4xx': response['4xx'] ?? ErrorResponse, '5xx': response['5xx'] ?? ErrorResponse },
    };
  });

  // Who may call comes before what they sent: an unauthorized caller learns nothing from validation errors.
  app.addHook('preValidation', async (request) => {
    const access = request.routeOptions.config.access;
    if (access) await options.authorize(request, access);
  });

  app.setErrorHandler((error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    if (isAppError(error)) {
      return reply.status(error.status).send({ error: { id: error.id, message: error.message, field: error.field, details: error.details } });
    }
    if (error.validation) {
      const { field, message } = describeValidation(error.validation, error.validationContext ?? 'body');
      return reply.status(400).send({ error: { id: 'invalid_request', message, field } });
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
