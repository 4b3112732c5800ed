// The public transparency page's data (R43, R44): no sign-in. Counts and policy only.
import type { HttpServer } from '../platform/http.js';
import { notFound } from '../platform/errors.js';
import { TransparencyAnswer } from './transparency.schemas.js';
import type { TransparencyReport, TransparencyService } from './transparency.service.js';

const iso = (ms: number) => new Date(ms).toISOString();

export function transparencyView(report: TransparencyReport) {
  const { figures } = report;
  return {
    ...report,
    generatedAt: iso(report.generatedAt),
    figures: {
      ...figures,
      audits: figures.audits?.map((a) => ({ ...a, periodFrom: iso(a.periodFrom), periodTo: iso(a.periodTo), signedAt: iso(a.signedAt) })) ?? null,
      lastPurgeAt: figures.lastPurgeAt === null ? null : iso(figures.lastPurgeAt),
    },
  };
}

export function registerTransparencyRoutes(app: HttpServer, transparency: TransparencyService) {
  app.get(
    '/api/v1/transparency',
    { config: { access: 'public' }, schema: { tags: ['transparency'], description: 'The public transparency page (R43, R44): policy, Administrator, retention and counts. Refreshed each minute.', response: { 200: TransparencyAnswer } } },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return transparencyView(await transparency.report());
    },
  );

  app.get('/api/v1/transparency/policy', { config: { access: 'public' }, schema: { tags: ['transparency'], description: 'The ALPR usage and privacy policy document itself (R43).', produces: ['text/plain'] } }, async (_request, reply) => {
    const text = transparency.policyDocument();
    if (text === undefined) throw notFound('policy document');
    return reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(text);
  });
}
