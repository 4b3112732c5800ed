// Imports of general lists (R6, R37): stage every row under a new import id, then swap in one
// transaction (the list's current import pointer moves, the old rows go). A file that fails to
// parse, ends early, has another row count than stated, or a process that dies before the swap,
// changes nothing the matcher uses: staged rows belong to an import that never became current.
import type { Readable } from 'node:stream';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import { AppError, isAppError } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import type { Tables } from '../storage/tables.js';
import { readHotListCsv, type ColumnMapping } from './hotlists.csv.js';
import * as store from './hotlists.store.js';
import type { HotListCategory } from './matcher.types.js';

export interface ImportRequest {
  listId: string;
  source: Readable;
  trigger: 'upload' | 'scheduled';
  startedBy: string;
  fileName?: string | undefined;
  bytesTotal?: number | undefined;
  expectedRows?: number | undefined;
  mapping: ColumnMapping;
}

export interface ImportHooks {
  /** Called after every row is staged and before the swap: tests make it throw to act out a crash. */
  beforeSwap?(importId: string): Promise<void> | void;
}

const BATCH = 1_000;

/** Creates the import row; then run() streams, stages and swaps. */
export async function beginImport(db: Kysely<Tables>, clock: Clock, request: ImportRequest): Promise<string> {
  const id = newId();
  await store.insertImport(db, {
    id,
    listId: request.listId,
    status: 'running',
    trigger: request.trigger,
    fileName: request.fileName ?? null,
    startedBy: request.startedBy,
    startedAt: clock.now().getTime(),
    finishedAt: null,
    bytesTotal: request.bytesTotal ?? null,
    expectedRows: request.expectedRows ?? null,
    mapping: JSON.stringify(request.mapping),
    error: null,
  });
  return id;
}

export async function runImport(db: Kysely<Tables>, clock: Clock, importId: string, request: ImportRequest, fallback: HotListCategory, hooks: ImportHooks): Promise<void> {
  let bytesRead = 0;
  request.source.on('data', (chunk: Buffer | string) => {
    bytesRead += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
  });
  const counts = { rowsRead: 0, rowsImported: 0, rowsDroppedImmigration: 0, rowsInvalid: 0 };
  const firstInvalid: string[] = [];
  let swapped = false;
  let batch: store.NewEntry[] = [];
  const flush = async () => {
    if (batch.length) await store.insertEntries(db, batch);
    counts.rowsImported += batch.length;
    batch = [];
    await store.updateImport(db, importId, { ...counts, bytesRead });
    // SQLite runs each statement synchronously and a stream from memory never waits for I/O: give
    // the event loop a turn per batch, so reads keep arriving (and matching) during a large import.
    await yieldToLoop();
  };
  try {
    const now = clock.now().getTime();
    for await (const row of readHotListCsv(request.source, request.mapping, fallback)) {
      counts.rowsRead += 1;
      if (row.kind === 'immigration') counts.rowsDroppedImmigration += 1;
      else if (row.kind === 'invalid') {
        counts.rowsInvalid += 1;
        if (firstInvalid.length < 3) firstInvalid.push(`line ${row.line}: ${row.reason}`);
      } else {
        batch.push({ id: newId(), listId: request.listId, importId, status: 'active', ...row.entry, createdAt: now, updatedAt: now });
        if (batch.length >= BATCH) await flush();
      }
    }
    await flush();
    if (request.expectedRows !== undefined && counts.rowsRead !== request.expectedRows) {
      throw new AppError('import_row_count', 422, `The file holds ${counts.rowsRead} records but ${request.expectedRows} were stated: it may be truncated. Nothing was changed; fetch the file again.`);
    }
    if (counts.rowsImported === 0) {
      throw new AppError('import_no_entries', 422, `The file gave no usable entries (${counts.rowsRead} records read${firstInvalid.length ? `; ${firstInvalid.join('; ')}` : ''}). Nothing was changed: an empty download is treated as a failure, not as an empty list.`);
    }
    await hooks.beforeSwap?.(importId);
    const finishedAt = clock.now().getTime();
    // The swap: one transaction moves the list's current-import pointer (the old rows stop counting
    // at that instant) and closes the import; the old rows are deleted after, in batches.
    await db.transaction().execute(async (tx) => {
      await store.updateList(tx, request.listId, { currentImportId: importId, lastUpdatedAt: finishedAt, lastImportError: null, lastImportFailedAt: null, updatedAt: finishedAt });
      await store.updateImport(tx, importId, {
        status: 'succeeded',
        finishedAt,
        ...counts,
        bytesRead,
        error: counts.rowsInvalid ? `${counts.rowsInvalid} records could not be used and were skipped (${firstInvalid.join('; ')}).` : null,
      });
    });
    swapped = true;
  } catch (error) {
    const message = isAppError(error) ? error.message : `The file could not be read: ${(error as Error)?.message ?? String(error)}. Nothing was changed.`;
    const failedAt = clock.now().getTime();
    await store.deleteImportRows(db, request.listId, importId);
    await store.updateImport(db, importId, { status: 'failed', finishedAt: failedAt, ...counts, rowsImported: 0, bytesRead, error: message });
    await store.updateList(db, request.listId, { lastImportError: message, lastImportFailedAt: failedAt, lastAttemptAt: failedAt });
    if (!request.source.destroyed) request.source.destroy();
  }
  // Outside the try: the swap stands whatever happens here, and the next start finishes the cleanup.
  if (swapped) await purgeReplaced(db, request.listId, importId).catch(() => undefined);
}

/** Deletes a general list's rows that are not its current import, 2,000 at a time, yielding between batches. */
export async function purgeReplaced(db: Kysely<Tables>, listId: string, currentImportId: string): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await store.deleteReplacedRows(db, listId, currentImportId, 2_000);
    total += deleted;
    if (deleted < 2_000) return total;
    await yieldToLoop();
  }
}

/**
 * After a restart: an import still 'running' died with the process before its swap. Its staged
 * rows go and the list says so (its contents never changed).
 */
export async function recoverInterrupted(db: Kysely<Tables>, clock: Clock): Promise<number> {
  const running = await store.runningImports(db);
  const now = clock.now().getTime();
  for (const row of running) {
    const message = 'The import was interrupted (the server stopped before it finished). Nothing was changed; the next download or upload replaces the list.';
    await store.deleteImportRows(db, row.listId, row.id);
    await store.updateImport(db, row.id, { status: 'failed', finishedAt: now, rowsImported: 0, error: message });
    await store.updateList(db, row.listId, { lastImportError: message, lastImportFailedAt: now });
  }
  // Replaced contents a stop left behind (the swap committed, the batched delete did not finish).
  for (const list of await store.listLists(db)) {
    if (list.kind === 'general' && list.currentImportId !== null) await purgeReplaced(db, list.id, list.currentImportId);
  }
  return running.length;
}
