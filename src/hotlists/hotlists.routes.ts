// Hot lists over HTTP (issue 5; R5–R8, R12, R13, R20, R37). List metadata is open to holders of
// hotlists.view; entries are hot-list details and go through the purpose gate (invariant 1).
import { createReadStream, createWriteStream, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Type } from 'typebox';
import { userOf } from '../access/authorize.js';
import { openGate, PurposeQuery } from '../access/gate.http.js';
import type { PurposeGate } from '../access/purpose-gate.js';
import { originOf } from '../audit/access-log.js';
import { badRequest, payloadTooLarge } from '../platform/errors.js';
import type { HttpServer } from '../platform/http.js';
import { newId } from '../platform/ids.js';
import { IMPORT_FIELDS, type ColumnMapping } from './hotlists.csv.js';
import { Decision, Designation, EntryCreated, EntryInput, EntryView, HOT_LIST_SOURCES, HotListInput, HotListUpdate, HotListView, ImportQuery, ImportView, SeenRead } from './hotlists.schemas.js';
import type { HotListsService } from './hotlists.service.js';

const IdParams = Type.Object({ id: Type.String({ minLength: 1 }) });
const EntryParams = Type.Object({ entryId: Type.String({ minLength: 1 }) });
const tags = ['hotlists'];

const SourceInfo = Type.Object({ source: Type.String(), label: Type.String(), dataSource: Type.String(), category: Type.String() });

function parseMappingQuery(text: string | undefined): ColumnMapping | undefined {
  if (text === undefined || text === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest('import_mapping_invalid', 'mapping must be a JSON object of field → column header, e.g. {"plate":"LIC","state":"LIS"}.', 'mapping');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw badRequest('import_mapping_invalid', 'mapping must be a JSON object of field → column header.', 'mapping');
  const mapping: ColumnMapping = {};
  for (const [field, column] of Object.entries(parsed)) {
    if (!(IMPORT_FIELDS as readonly string[]).includes(field)) throw badRequest('import_mapping_field_unknown', `"${field}" is not an import field; use ${IMPORT_FIELDS.join(', ')}.`, `mapping.${field}`);
    if (typeof column !== 'string') throw badRequest('import_mapping_invalid', `mapping.${field} must be a column header (text).`, `mapping.${field}`);
    mapping[field as keyof ColumnMapping] = column;
  }
  return mapping;
}

/** The largest upload spooled to disk (NCIC's stolen-vehicle file is a few hundred MB at most as CSV). */
const MAX_UPLOAD_BYTES = 1_000_000_000;

export function registerHotListRoutes(app: HttpServer, hotlists: HotListsService, gate: PurposeGate, options: { uploadDir: string; maxUploadBytes?: number }) {
  app.get(
    '/api/v1/hotlists',
    { config: { access: 'hotlists.view' }, schema: { tags, description: 'Every hot list with its designation, counts, staleness (R12) and retention (R13).', response: { 200: Type.Object({ lists: Type.Array(HotListView), sources: Type.Array(SourceInfo) }) } } },
    async () => ({
      lists: await hotlists.lists(),
      sources: Object.entries(HOT_LIST_SOURCES).map(([source, info]) => ({ source, label: info.label, dataSource: info.dataSource, category: info.category })),
    }),
  );

  app.post(
    '/api/v1/hotlists',
    { config: { access: 'hotlists.manage' }, schema: { tags, description: 'Create a list. It is used only once designated (R5).', body: HotListInput, response: { 201: HotListView } } },
    async (request, reply) => reply.status(201).send(await hotlists.createList(userOf(request), request.body, originOf(request))),
  );

  app.get('/api/v1/hotlists/:id', { config: { access: 'hotlists.view' }, schema: { tags, params: IdParams, response: { 200: HotListView } } }, async (request) => hotlists.list(request.params.id));

  app.patch(
    '/api/v1/hotlists/:id',
    { config: { access: 'hotlists.manage' }, schema: { tags, params: IdParams, body: HotListUpdate, response: { 200: HotListView } } },
    async (request) => hotlists.updateList(userOf(request), request.params.id, request.body, originOf(request)),
  );

  app.post(
    '/api/v1/hotlists/:id/designation',
    { config: { access: 'hotlists.manage' }, schema: { tags, description: 'R5: the ALPR Administrator designates which lists the system uses.', params: IdParams, body: Designation, response: { 200: HotListView } } },
    async (request) => hotlists.designate(userOf(request), request.params.id, request.body.active, originOf(request)),
  );

  app.delete(
    '/api/v1/hotlists/:id',
    { config: { access: 'hotlists.manage' }, schema: { tags, params: IdParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await hotlists.deleteList(userOf(request), request.params.id, originOf(request));
      return reply.status(204).send(null);
    },
  );

  // The upload is spooled to a file first (its size gives the progress bar), then imported in the background.
  void app.register(async (scope: HttpServer) => {
    scope.addContentTypeParser(['text/csv', 'application/octet-stream'], (_request, payload, done) => done(null, payload));
    scope.post(
      '/api/v1/hotlists/:id/imports',
      {
        config: { access: 'hotlists.manage' },
        schema: {
          tags,
          description: 'Replace a general list with a CSV file (body, Content-Type text/csv). Answers 202 with the import; poll GET /api/v1/hotlists/imports/{importId}. The list changes only if the whole file imports (R6); immigration records are dropped and counted (R37).',
          params: IdParams,
          querystring: ImportQuery,
          response: { 202: ImportView },
        },
      },
      async (request, reply) => {
        const body = request.body as Readable | undefined;
        if (!body || typeof (body as Readable).pipe !== 'function') throw badRequest('import_body_missing', 'Send the CSV file as the request body with Content-Type text/csv.');
        const mapping = parseMappingQuery(request.query.mapping);
        await hotlists.list(request.params.id); // 404 before reading the body
        mkdirSync(options.uploadDir, { recursive: true });
        const file = join(options.uploadDir, `${newId()}.csv`);
        try {
          let bytes = 0;
          const cap = options.maxUploadBytes ?? MAX_UPLOAD_BYTES;
          await pipeline(
            body,
            new Transform({
              transform(chunk: Buffer, _encoding, callback) {
                bytes += chunk.length;
                if (bytes > cap) callback(payloadTooLarge('import_too_large', `The file is larger than ${Math.round(cap / 1_000_000)} MB; split it, or have the list downloaded from its feed. Nothing was changed.`));
                else callback(null, chunk);
              },
            }),
            createWriteStream(file),
          );
          const { importId, done } = await hotlists.startImport(
            userOf(request),
            request.params.id,
            createReadStream(file),
            { trigger: 'upload', fileName: request.query.fileName, bytesTotal: statSync(file).size, expectedRows: request.query.expectedRows, mapping },
            originOf(request),
          );
          void done.finally(() => rmSync(file, { force: true }));
          return reply.status(202).send(await hotlists.importStatus(importId));
        } catch (error) {
          rmSync(file, { force: true });
          throw error;
        }
      },
    );
  });

  app.get(
    '/api/v1/hotlists/:id/imports',
    { config: { access: 'hotlists.view' }, schema: { tags, description: 'Import history with dropped and skipped counts (R6, R37).', params: IdParams, response: { 200: Type.Object({ imports: Type.Array(ImportView) }) } } },
    async (request) => ({ imports: await hotlists.imports(request.params.id) }),
  );

  app.get(
    '/api/v1/hotlists/imports/:importId',
    { config: { access: 'hotlists.view' }, schema: { tags, description: 'One import and its progress.', params: Type.Object({ importId: Type.String() }), response: { 200: ImportView } } },
    async (request) => hotlists.importStatus(request.params.importId),
  );

  app.get(
    '/api/v1/hotlists/:id/entries',
    {
      config: { access: 'hotlists.view' },
      schema: {
        tags,
        description: 'A list\'s entries: hot-list details, so the request carries a stated purpose (X-Purpose-Id) and is logged (invariant 1, R20).',
        params: IdParams,
        querystring: Type.Object({
          ...PurposeQuery,
          status: Type.Optional(Type.Enum(['pending', 'active', 'rejected', 'expired'])),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
          offset: Type.Integer({ minimum: 0, default: 0 }),
        }),
        response: { 200: Type.Object({ entries: Type.Array(EntryView) }) },
      },
    },
    async (request) => {
      const ctx = await openGate(gate, request, 'hotlist.entries');
      return { entries: await hotlists.entries(ctx, request.params.id, { status: request.query.status, limit: request.query.limit, offset: request.query.offset }) };
    },
  );

  app.post(
    '/api/v1/hotlists/:id/entries',
    { config: { access: 'hotlists.enter' }, schema: { tags, description: 'An agency entry with case agent, case number and synopsis (R7); partial plates and descriptions where the profile allows (R8). It takes effect once a supervisor approves it.', params: IdParams, body: EntryInput, response: { 201: EntryCreated } } },
    async (request, reply) => reply.status(201).send(await hotlists.createEntry(userOf(request), request.params.id, request.body, originOf(request))),
  );

  app.patch(
    '/api/v1/hotlists/entries/:entryId',
    { config: { access: 'hotlists.enter' }, schema: { tags, description: 'Change an agency entry (all fields again). Where the profile needs approval it waits for a supervisor again, like a new entry (R7).', params: EntryParams, body: EntryInput, response: { 200: EntryCreated } } },
    async (request) => hotlists.updateEntry(userOf(request), request.params.entryId, request.body, originOf(request)),
  );

  app.get(
    '/api/v1/hotlists/entries/pending',
    { config: { access: 'hotlists.approve' }, schema: { tags, description: 'The approvals queue (R7); hot-list details, so it needs a stated purpose.', querystring: Type.Object({ ...PurposeQuery }), response: { 200: Type.Object({ entries: Type.Array(EntryView) }) } } },
    async (request) => ({ entries: await hotlists.pending(await openGate(gate, request, 'hotlist.pending')) }),
  );

  app.post(
    '/api/v1/hotlists/entries/:entryId/approve',
    { config: { access: 'hotlists.approve' }, schema: { tags, description: 'R7: a supervisor other than the one who entered it approves.', params: EntryParams, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await hotlists.approve(userOf(request), request.params.entryId, originOf(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/hotlists/entries/:entryId/reject',
    { config: { access: 'hotlists.approve' }, schema: { tags, params: EntryParams, body: Type.Object({ reason: Type.String({ minLength: 3, maxLength: 500 }) }, { additionalProperties: false }), response: { 204: Type.Null() } } },
    async (request, reply) => {
      await hotlists.reject(userOf(request), request.params.entryId, request.body.reason, originOf(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/hotlists/entries/:entryId/remove',
    { config: { access: 'hotlists.enter' }, schema: { tags, description: 'End an agency entry now (vehicle recovered, case closed).', params: EntryParams, body: Decision, response: { 204: Type.Null() } } },
    async (request, reply) => {
      await hotlists.removeEntry(userOf(request), request.params.entryId, request.body.reason ?? 'removed', originOf(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/hotlists/entries/:entryId/check',
    {
      config: { access: 'hotlists.enter' },
      schema: { tags, description: '"Has this plate been seen?": stored reads of the entry\'s vehicle (exact, one OCR confusion away, partial or description). A search under the entry\'s own case as the purpose, logged (R17, R21, R25).', params: EntryParams, response: { 200: Type.Object({ reads: Type.Array(SeenRead) }) } },
    },
    async (request) => {
      const purpose = await hotlists.checkPurpose(request.params.entryId);
      const origin = originOf(request);
      const ctx = await gate.open(userOf(request), purpose, { clientAddress: origin.clientAddress, device: origin.device, action: 'hotlist.entry_check' });
      return { reads: await hotlists.checkEntry(ctx, request.params.entryId) };
    },
  );
}
