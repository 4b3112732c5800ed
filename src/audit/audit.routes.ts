// The access log over HTTP (R25, R27): browse with filters, download as CSV, verify the chain.
// Looking at the log is itself logged (category 'system'), before the answer leaves.
import { Readable } from 'node:stream';
import type { Static } from 'typebox';
import { userOf } from '../access/authorize.js';
import { badRequest } from '../platform/errors.js';
import type { HttpServer } from '../platform/http.js';
import { normalizePlate } from '../plates/index.js';
import { originOf, type AccessLog, type AccessLogEntry, type AccessLogFilter } from './access-log.js';
import { AccessLogFilterQuery, AccessLogListQuery, AccessLogPage, VerifyAnswer } from './audit.schemas.js';

function toFilter(query: Static<typeof AccessLogFilterQuery>): AccessLogFilter {
  const filter: AccessLogFilter = {};
  if (query.from) filter.from = Date.parse(query.from);
  if (query.to) filter.to = Date.parse(query.to);
  if (filter.from !== undefined && filter.to !== undefined && filter.from >= filter.to) throw badRequest('invalid_time_range', '"from" must be before "to".', 'from');
  if (query.username) filter.username = query.username.trim().toLowerCase();
  if (query.action) filter.actionPrefix = query.action;
  if (query.category) filter.category = query.category;
  if (query.caseNumber) filter.caseNumber = query.caseNumber.trim();
  if (query.plate !== undefined) {
    const plate = normalizePlate(query.plate);
    if (!plate) throw badRequest('invalid_plate', 'The plate has no letters or digits.', 'plate');
    filter.plate = plate;
  }
  return filter;
}

const view = (entry: AccessLogEntry) => ({ ...entry, at: new Date(entry.at).toISOString() });

export function registerAuditRoutes(app: HttpServer, log: AccessLog) {
  app.get(
    '/api/v1/audit/access-log',
    {
      config: { access: 'audit.view' },
      schema: {
        tags: ['audit'],
        description: 'Access log entries, newest first (R25). Filters combine; page with `before` = the previous answer\'s nextCursor. This view is itself logged.',
        querystring: AccessLogListQuery,
        response: { 200: AccessLogPage },
      },
    },
    async (request) => {
      const { before, limit = 100, ...filters } = request.query;
      const page = await log.query(toFilter(filters), { ...(before !== undefined ? { before } : {}), limit });
      await log.recordSystem(userOf(request), 'audit.view', { dataElements: { filter: filters, before: before ?? null }, resultCount: page.entries.length, ...originOf(request) });
      return { entries: page.entries.map(view), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/audit/access-log.csv',
    {
      config: { access: 'audit.export' },
      schema: {
        tags: ['audit'],
        description: 'Every matching entry as CSV, newest first, as of the request (the export is itself logged, after this snapshot).',
        querystring: AccessLogFilterQuery,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const filter = { ...toFilter(request.query), upToSeq: await log.headSeq() };
      const count = await log.count(filter);
      const entry = await log.recordSystem(userOf(request), 'audit.export', { dataElements: { filter: request.query, upToSeq: filter.upToSeq }, resultCount: count, ...originOf(request) });
      const stamp = new Date(entry.at).toISOString().replace(/[:.]/g, '-');
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="access-log-${stamp}.csv"`)
        .send(Readable.from(log.exportCsv(filter)));
    },
  );

  app.get(
    '/api/v1/audit/verify',
    {
      config: { access: 'audit.view' },
      schema: { tags: ['audit'], description: 'Walks the hash chain and names the first entry where it breaks (invariant 4).', response: { 200: VerifyAnswer } },
    },
    async (request) => {
      const result = await log.verify();
      await log.recordSystem(userOf(request), 'audit.verify', { dataElements: { result }, resultCount: result.entries, ...originOf(request) });
      return result;
    },
  );
}
