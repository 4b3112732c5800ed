// Downloads a search as a file (R32). The export is a POST (the search travels in the body), so the
// browser cannot simply follow a link: fetch it with the stated purpose, then save the blob.
import { ApiError, type ExportFormat, type SearchBodies, type SearchKind } from '../api/client.js';
import { statedPurpose } from '../api/http.js';

export interface ExportReceipt {
  exportId: string;
  destroyDueAt: string;
  filename: string;
}

export async function downloadExport<K extends SearchKind>(format: ExportFormat, kind: K, query: SearchBodies[K]): Promise<ExportReceipt> {
  const purposeId = statedPurpose()?.purposeId;
  const { cursor: _cursor, limit: _limit, ...whole } = query as SearchBodies[K] & { cursor?: string; limit?: number };
  const response = await fetch('/api/v1/exports', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', ...(purposeId ? { 'x-purpose-id': purposeId } : {}) },
    body: JSON.stringify({ format, search: { kind, query: whole } }),
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as { error?: { id: string; message: string; field?: string } } | undefined;
    throw new ApiError(response.status, body?.error?.id ?? 'export_failed', body?.error?.message ?? `The export failed (${response.status}); try again.`, body?.error?.field);
  }
  const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `platekeeper-export.${format}`;
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
  return { exportId: response.headers.get('x-export-id') ?? '', destroyDueAt: response.headers.get('x-destroy-due-at') ?? '', filename };
}
