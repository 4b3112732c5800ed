// Exports over HTTP (R32): a search downloaded as CSV, GeoJSON, KML or a PDF report, registered with
// its purpose, case number and destruction-due date before the file leaves; the custodian's registry.
import { originOf } from '../audit/access-log.js';
import { userOf } from '../access/authorize.js';
import { openGate } from '../access/gate.http.js';
import type { PurposeGate } from '../access/purpose-gate.js';
import type { HttpServer } from '../platform/http.js';
import type { SearchRequest } from '../search/search.schemas.js';
import type { SearchService } from '../search/search.service.js';
import { DestroyBody, ExportBody, ExportIdParams, ExportList, ExportListQuery, ExportView } from './exports.schemas.js';
import type { ExportRecord, ExportsService } from './exports.service.js';
import { CONTENT_TYPES, toCsv, toGeoJson, toKml, toPdf, type ExportHeader } from './formats.js';

/** Most reads one export holds. */
export const MAX_EXPORT_READS = 10_000;

/** The search in words, for the registry and the file's header. */
export function describeSearch(search: SearchRequest): string {
  const { from, to, cameraIds } = search.query;
  const q = search.query as Record<string, unknown>;
  const what = (() => {
    switch (search.kind) {
      case 'plate':
      case 'history':
      case 'fuzzy':
      case 'convoy':
        return `${search.kind} search for ${String(q.plate)}${q.region ? ` (${String(q.region)})` : ''}`;
      case 'partial':
        return `partial plate search ${String(q.pattern)} (${String(q.mode ?? 'positional')})`;
      case 'vehicle':
        return `vehicle description search ${['color', 'make', 'model', 'body', 'pattern'].map((k) => q[k]).filter(Boolean).join(' ')}`;
      case 'canvass':
        return 'canvass of an area';
      case 'places':
        return `several-places search over ${search.query.windows.length} windows`;
    }
  })();
  return `${what}${from ? ` from ${from}` : ''}${to ? ` to ${to}` : ''}${cameraIds?.length ? ` at ${cameraIds.length} camera(s)` : ''}`;
}

const view = (record: ExportRecord): ExportView => ({
  ...record,
  createdAt: new Date(record.createdAt).toISOString(),
  destroyDueAt: new Date(record.destroyDueAt).toISOString(),
  destroyedAt: record.destroyedAt === null ? null : new Date(record.destroyedAt).toISOString(),
});

export function registerExportRoutes(app: HttpServer, deps: { gate: PurposeGate; search: SearchService; exports: ExportsService; agency: string; retentionDays: number }) {
  app.post(
    '/api/v1/exports',
    {
      config: { access: 'search.run' },
      schema: {
        tags: ['exports'],
        description:
          'Runs a search (every page, up to 10,000 reads) and returns it as a file: csv, geojson, kml or pdf. Needs a stated purpose; the export is logged and registered with its case number and a destruction-due date from the profile (R32), given in the X-Export-Id and X-Destroy-Due-At headers.',
        body: ExportBody,
      },
    },
    async (request, reply) => {
      const { format, search } = request.body;
      const request_ = search as SearchRequest;
      const ctx = await openGate(deps.gate, request, `export.${format}`);
      const { reads } = await deps.search.all(ctx, request_, `export.${format}`, MAX_EXPORT_READS);
      const description = describeSearch(request_);
      const { id, destroyDueAt } = await deps.exports.register(ctx, { format, description, recordCount: reads.length, query: search });
      const header: ExportHeader = {
        exportId: id,
        caseNumber: ctx.purpose.caseNumber,
        purposeCategory: ctx.purpose.category,
        purposeReason: ctx.purpose.reason,
        description,
        createdBy: ctx.user.username,
        createdAt: ctx.openedAt,
        destroyDueAt,
        agency: deps.agency,
      };
      const body = format === 'csv' ? toCsv(header, reads) : format === 'geojson' ? toGeoJson(header, reads) : format === 'kml' ? toKml(header, reads) : await toPdf(header, reads);
      const safeCase = ctx.purpose.caseNumber.replace(/[^A-Za-z0-9-]/g, '_');
      return reply
        .type(CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="platekeeper-${safeCase}-${id.slice(0, 8)}.${format}"`)
        .header('x-export-id', id)
        .header('x-destroy-due-at', destroyDueAt.toISOString())
        .header('cache-control', 'private, no-store')
        .send(body);
    },
  );

  app.get(
    '/api/v1/exports',
    {
      config: { access: 'exports.view' },
      schema: { tags: ['exports'], description: 'The exports registry, newest first, with what is due and overdue for destruction (R32).', querystring: ExportListQuery, response: { 200: ExportList } },
    },
    async (request) => {
      const status = request.query.status ?? 'all';
      const exports = await deps.exports.list({ status, ...(request.query.caseNumber ? { caseNumber: request.query.caseNumber } : {}) });
      const overdue = (await deps.exports.overdue()).length;
      return { exports: exports.map(view), overdue, retentionDays: deps.retentionDays };
    },
  );

  app.post(
    '/api/v1/exports/:id/destroyed',
    {
      config: { access: 'exports.manage' },
      schema: { tags: ['exports'], description: 'Records that every copy of an export was destroyed (R32); written to the access log.', params: ExportIdParams, body: DestroyBody, response: { 200: ExportView } },
    },
    async (request) => {
      const record = await deps.exports.markDestroyed(userOf(request), request.params.id, { ...(request.body.note ? { note: request.body.note } : {}), ...originOf(request) });
      return view(record);
    },
  );
}
