// The hot-list room's calls (hotlists.routes.ts), typed from the server's schemas (type-only imports).
import type { Static } from 'typebox';
import type * as HotLists from '../../../src/hotlists/hotlists.schemas.js';
import { ApiError } from '../api/client.js';
import { call, query, segment, send } from '../api/http.js';

export type HotList = Static<typeof HotLists.HotListView>;
export type HotListInput = Static<typeof HotLists.HotListInput>;
export type HotListUpdate = Static<typeof HotLists.HotListUpdate>;
export type HotListImport = Static<typeof HotLists.ImportView>;
export type ColumnMapping = Static<typeof HotLists.ColumnMappingSchema>;
export type HotListEntry = Static<typeof HotLists.EntryView>;
export type HotListEntryInput = Static<typeof HotLists.EntryInput>;
export type EntryCreated = Static<typeof HotLists.EntryCreated>;
export type SeenRead = Static<typeof HotLists.SeenRead>;
export interface HotListSourceInfo {
  source: string;
  label: string;
  dataSource: string;
  category: string;
}

const listPath = (id: string) => `/hotlists/${segment(id)}`;
const entryPath = (id: string, action: string) => `/hotlists/entries/${segment(id)}/${action}`;

/** Sends a CSV file as the body (the typed JSON helpers cannot), with the API's error answers as ApiError. */
async function uploadCsv(path: string, file: Blob): Promise<HotListImport> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'text/csv', accept: 'application/json' }, body: file });
  } catch {
    throw new ApiError(0, 'network_error', 'The server did not answer. Check the connection and try again.');
  }
  const data = (await response.json().catch(() => undefined)) as { error?: { id: string; message: string; field?: string } } | HotListImport | undefined;
  if (response.ok) return data as HotListImport;
  const error = (data as { error?: { id: string; message: string; field?: string } } | undefined)?.error;
  throw new ApiError(response.status, error?.id ?? 'unexpected_answer', error?.message ?? `The server answered ${response.status}; try again.`, error?.field);
}

export const hotlistsApi = {
  lists: () => call<{ lists: HotList[]; sources: HotListSourceInfo[] }>('GET', '/hotlists'),
  create: (input: HotListInput) => call<HotList>('POST', '/hotlists', input),
  update: (id: string, changes: HotListUpdate) => call<HotList>('PATCH', listPath(id), changes),
  designate: (id: string, active: boolean) => call<HotList>('POST', `${listPath(id)}/designation`, { active }),
  remove: (id: string) => send('DELETE', listPath(id)),
  importFile: (id: string, file: Blob, options: { fileName?: string; expectedRows?: number; mapping?: ColumnMapping }) =>
    uploadCsv(
      `${listPath(id)}/imports${query({ fileName: options.fileName, expectedRows: options.expectedRows, mapping: options.mapping && Object.keys(options.mapping).length ? JSON.stringify(options.mapping) : undefined })}`,
      file,
    ),
  imports: async (id: string) => (await call<{ imports: HotListImport[] }>('GET', `${listPath(id)}/imports`)).imports,
  importStatus: (importId: string) => call<HotListImport>('GET', `/hotlists/imports/${segment(importId)}`),
  entries: async (id: string, status?: string) => (await call<{ entries: HotListEntry[] }>('GET', `${listPath(id)}/entries${query({ status, limit: 200 })}`)).entries,
  createEntry: (id: string, input: HotListEntryInput) => call<EntryCreated>('POST', `${listPath(id)}/entries`, input),
  pending: async () => (await call<{ entries: HotListEntry[] }>('GET', '/hotlists/entries/pending')).entries,
  approve: (entryId: string) => send('POST', entryPath(entryId, 'approve')),
  reject: (entryId: string, reason: string) => send('POST', entryPath(entryId, 'reject'), { reason }),
  removeEntry: (entryId: string, reason: string) => send('POST', entryPath(entryId, 'remove'), { reason }),
  check: async (entryId: string) => (await call<{ reads: SeenRead[] }>('POST', entryPath(entryId, 'check'))).reads,
};
