// Hot lists (issue 5; R5–R8, R12, R13, R20, R37): lists and their designation, agency entries and
// their approval, imports of general lists, retention, and the runtime matcher the alerts room calls.
import { createReadStream, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { readThroughLog, type AccessContext } from '../access/access-context.js';
import type { PurposeInput } from '../access/purpose-rules.js';
import { SYSTEM_ACTOR, type Actor, type AuditRecorder, type ClientOrigin } from '../audit/access-log.js';
import { DAY, HOUR, type Clock } from '../platform/clock.js';
import { badRequest, conflict, forbidden, notFound } from '../platform/errors.js';
import { newId } from '../platform/ids.js';
import type { Logger } from '../platform/logger.js';
import type { PolicyProfile } from '../policy/index.js';
import type { Tables } from '../storage/tables.js';
import type { ColumnMapping } from './hotlists.csv.js';
import { checkEntryInput, purposeForEntry, seenReads, toMatcherEntry } from './hotlists.entries.js';
import { beginImport, recoverInterrupted, runImport, type ImportHooks } from './hotlists.import.js';
import { RuntimeMatcher, type LoadedEntry } from './hotlists.runtime.js';
import { HOT_LIST_SOURCES, type EntryInput, type EntryView, type HotListInput, type HotListSource, type HotListUpdate, type HotListView, type ImportView, type SeenRead } from './hotlists.schemas.js';
import * as store from './hotlists.store.js';
import { deletesAt, entryView, importView, listView, parseMapping, sourceLabel } from './hotlists.views.js';
import type { Hit, HotListCategory, PlateRead } from './matcher.types.js';

export interface HotListInfo {
  id: string;
  name: string;
  priority: number;
  source: string;
  dataSource: 'agency' | 'state' | 'federal';
  lastUpdatedAt: number | null;
}

export interface HotListsOptions {
  /** Folder the scheduled download reads feed files from (a list's feedLocation names a file in it). */
  feedDir: string;
  hooks?: ImportHooks;
  /** Fetch for URL feeds (tests pass a fake). */
  fetch?: typeof fetch;
}

type Origin = Partial<ClientOrigin>;
/** Entries per page when the matcher loads: one synchronous SQLite query each, so small enough not to stall ingest. */
const PAGE = 1_000;

export class HotListsService {
  readonly #runtime: RuntimeMatcher;
  #info = new Map<string, HotListInfo>();
  readonly #importing = new Map<string, Promise<ImportView>>();
  readonly #changeListeners: (() => void)[] = [];

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly clock: Clock,
    private readonly audit: AuditRecorder,
    private readonly profile: PolicyProfile,
    private readonly logger: Logger,
    private readonly options: HotListsOptions,
  ) {
    this.#runtime = new RuntimeMatcher(() => this.#pages(), clock, (error) => this.logger.error({ err: error }, 'hot-list matcher rebuild failed; the previous matcher stays in use'));
  }

  // --- the runtime matcher (the alerts room calls these) ---

  /** Hits for one read: active, approved entries of designated lists only, in compareHits order. Synchronous; never waits for a rebuild. */
  match(read: PlateRead): readonly Hit[] {
    return this.#runtime.match(read);
  }

  /** The list behind a hit: its name, priority, source and when it was last updated (R12). */
  listInfo(listId: string): HotListInfo | undefined {
    return this.#info.get(listId);
  }

  /** Recovers imports a stopped process left half done, then loads the lists and builds the matcher. */
  async start(): Promise<void> {
    const recovered = await recoverInterrupted(this.db, this.clock);
    if (recovered) this.logger.warn({ recovered }, 'hot-list imports interrupted by a stop were discarded; the lists kept their contents');
    await this.#reloadInfo();
    await this.#runtime.rebuild();
  }

  /** Resolves once running imports and matcher rebuilds are done (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.#importing.values()]);
    await this.#runtime.idle();
  }

  get matcherStats() {
    return this.#runtime.stats;
  }

  // --- the edge feed (issue 10): what patrol-car units take down to match offline ---

  /** The designated lists (R5), as listInfo() gives them. */
  async designatedLists(): Promise<HotListInfo[]> {
    return (await store.listLists(this.db)).filter((l) => l.active === 1).map((l) => ({ id: l.id, name: l.name, priority: l.priority, source: sourceLabel(l.source), dataSource: l.dataSource, lastUpdatedAt: l.lastUpdatedAt }));
  }

  /** Resolves once a running matcher rebuild is done (not imports, which may run for minutes). */
  async matcherIdle(): Promise<void> {
    await this.#runtime.idle();
  }

  /** Exactly the entries the matcher loads (active, approved, of designated lists), page by page. */
  matchablePages(): AsyncIterable<readonly LoadedEntry[]> {
    return this.#pages();
  }

  async *#pages(): AsyncGenerator<readonly LoadedEntry[]> {
    for (const list of await store.listLists(this.db)) {
      if (list.active !== 1 || (list.kind === 'general' && list.currentImportId === null)) continue;
      let after = '';
      for (;;) {
        const rows = await store.matchableEntries(this.db, list, after, PAGE);
        if (rows.length === 0) break;
        after = rows[rows.length - 1]!.id;
        yield rows.map((row) => ({ entry: toMatcherEntry(row, list.priority), expiresAt: row.expiresAt }));
        if (rows.length < PAGE) break;
      }
    }
  }

  async #reloadInfo(): Promise<void> {
    const lists = await store.listLists(this.db);
    // source: the label an officer reads on an alert ('NCIC stolen vehicles (SVS)'), not the code.
    this.#info = new Map(lists.map((l) => [l.id, { id: l.id, name: l.name, priority: l.priority, source: sourceLabel(l.source), dataSource: l.dataSource, lastUpdatedAt: l.lastUpdatedAt }]));
  }

  /** After any change: list facts at once, the matcher in the background (swapped in when ready). */
  async #changed(): Promise<void> {
    await this.#reloadInfo();
    void this.#runtime.rebuild();
    for (const listener of this.#changeListeners) listener();
  }

  /** Calls `listener` after every change this process makes (a cluster tells its other processes: src/cluster). */
  onChanged(listener: () => void): void {
    this.#changeListeners.push(listener);
  }

  /** Reloads lists and rebuilds the matcher after another process changed them; resolves when the new matcher is in use. */
  async reload(): Promise<void> {
    await this.#reloadInfo();
    await this.#runtime.rebuild();
  }

  // --- lists (metadata: no purpose needed) ---

  async lists(): Promise<HotListView[]> {
    const lists = await store.listLists(this.db);
    // Counts without scanning the entries: a general list holds what its current import put in; an
    // agency list is counted by status over its own short index range.
    const imported = new Map((await store.importedCounts(this.db, lists.flatMap((l) => (l.kind === 'general' && l.currentImportId ? [l.currentImportId] : [])))).map((row) => [row.id, row.rowsImported]));
    const now = this.clock.now().getTime();
    const views: HotListView[] = [];
    for (const list of lists) {
      if (list.kind === 'general') {
        views.push(listView(list, { active: list.currentImportId ? (imported.get(list.currentImportId) ?? 0) : 0, pending: 0 }, now));
        continue;
      }
      const counts = await store.agencyCounts(this.db, list.id);
      const count = (status: string) => Number(counts.find((c) => c.status === status)?.count ?? 0);
      views.push(listView(list, { active: count('active'), pending: count('pending') }, now));
    }
    return views;
  }

  async list(id: string): Promise<HotListView> {
    const found = (await this.lists()).find((l) => l.id === id);
    if (!found) throw notFound('hot list', id);
    return found;
  }

  async #row(id: string): Promise<store.ListRow> {
    const row = await store.findList(this.db, id);
    if (!row) throw notFound('hot list', id);
    return row;
  }

  #checkNumbers(input: { retentionDays?: number | undefined; refreshIntervalHours?: number | undefined; feedLocation?: string | null | undefined }): void {
    const { minDays, maxDays } = this.profile.retention.hotLists;
    if (input.retentionDays !== undefined && (input.retentionDays > maxDays || input.retentionDays < Math.max(1, minDays))) {
      throw badRequest('hotlist_retention_out_of_policy', `Hot lists are kept between ${Math.max(1, minDays)} and ${maxDays} days under this agency's policy (R13); choose a retention in that range.`, 'retentionDays');
    }
    const most = this.profile.hotLists.generalDownloadIntervalHours;
    if (input.refreshIntervalHours !== undefined && input.refreshIntervalHours > most) {
      throw badRequest('hotlist_refresh_too_slow', `General lists are downloaded at least every ${most} hours under this agency's policy (R6); choose ${most} hours or less.`, 'refreshIntervalHours');
    }
    if (input.feedLocation) this.#feedSource(input.feedLocation); // validates the location
  }

  async createList(actor: Actor, input: HotListInput, origin: Origin = {}): Promise<HotListView> {
    this.#checkNumbers(input);
    if (await store.findListByName(this.db, input.name)) throw conflict('hotlist_name_taken', `A hot list named "${input.name}" exists; choose another name.`, 'name');
    const source = HOT_LIST_SOURCES[input.source as HotListSource];
    const now = this.clock.now().getTime();
    const kind = input.source === 'agency' ? 'agency' : 'general';
    // R5: the list is used only once the Administrator designates it (at once where the profile needs no approval).
    const active = this.profile.hotLists.newListNeedsAdministratorApproval ? 0 : 1;
    const id = newId();
    await store.insertList(this.db, {
      id,
      name: input.name,
      kind,
      source: input.source,
      dataSource: source.dataSource,
      defaultCategory: source.category,
      priority: input.priority,
      owner: input.owner ?? actor.username,
      retentionDays: input.retentionDays ?? this.profile.retention.hotLists.maxDays,
      refreshIntervalHours: input.refreshIntervalHours ?? this.profile.hotLists.generalDownloadIntervalHours,
      active,
      designatedBy: active ? actor.username : null,
      designatedAt: active ? now : null,
      currentImportId: null,
      lastUpdatedAt: kind === 'agency' ? now : null,
      lastImportError: null,
      lastImportFailedAt: null,
      lastAttemptAt: null,
      feedLocation: input.feedLocation ?? null,
      feedMapping: input.feedMapping ? JSON.stringify(input.feedMapping) : null,
      createdBy: actor.username,
      createdAt: now,
      updatedAt: now,
    });
    const view = await this.list(id);
    await this.audit.recordChange(actor, 'hotlist.create', null, view, { subject: { hotListId: id }, ...origin });
    await this.#changed();
    return view;
  }

  async updateList(actor: Actor, id: string, input: HotListUpdate, origin: Origin = {}): Promise<HotListView> {
    this.#checkNumbers(input);
    const before = await this.list(id);
    if (input.name && input.name !== before.name && (await store.findListByName(this.db, input.name))) throw conflict('hotlist_name_taken', `A hot list named "${input.name}" exists; choose another name.`, 'name');
    await store.updateList(this.db, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.priority !== undefined ? { priority: input.priority } : {}),
      ...(input.owner !== undefined ? { owner: input.owner } : {}),
      ...(input.retentionDays !== undefined ? { retentionDays: input.retentionDays } : {}),
      ...(input.refreshIntervalHours !== undefined ? { refreshIntervalHours: input.refreshIntervalHours } : {}),
      ...(input.feedLocation !== undefined ? { feedLocation: input.feedLocation } : {}),
      ...(input.feedMapping !== undefined ? { feedMapping: JSON.stringify(input.feedMapping) } : {}),
      updatedAt: this.clock.now().getTime(),
    });
    const after = await this.list(id);
    await this.audit.recordChange(actor, 'hotlist.update', before, after, { subject: { hotListId: id }, ...origin });
    await this.#changed();
    return after;
  }

  /** R5: only the Administrator (the route's permission) designates which lists the system uses. */
  async designate(actor: Actor, id: string, active: boolean, origin: Origin = {}): Promise<HotListView> {
    const before = await this.list(id);
    const now = this.clock.now().getTime();
    await store.updateList(this.db, id, { active: active ? 1 : 0, designatedBy: actor.username, designatedAt: now, updatedAt: now });
    const after = await this.list(id);
    await this.audit.recordChange(actor, active ? 'hotlist.designate' : 'hotlist.undesignate', { active: before.active }, { active: after.active }, { subject: { hotListId: id, name: after.name }, ...origin });
    await this.#changed();
    return after;
  }

  async deleteList(actor: Actor, id: string, origin: Origin = {}, reason?: string): Promise<void> {
    const before = await this.list(id);
    if (this.#importing.has(id)) throw conflict('hotlist_import_running', 'An import of this list is running; wait for it to finish, then delete the list.');
    await store.deleteList(this.db, id);
    await this.audit.recordChange(actor, 'hotlist.delete', before, null, { subject: { hotListId: id, name: before.name }, ...origin, ...(reason ? { reason } : {}) });
    await this.#changed();
  }

  // --- imports (R6, R37) ---

  /**
   * Starts an import of a general list from a CSV stream. Returns at once with the import id; the
   * import runs on, its progress in the imports table; `done` resolves with the final view.
   */
  async startImport(actor: Actor, listId: string, source: Readable, options: { trigger: 'upload' | 'scheduled'; fileName?: string | undefined; bytesTotal?: number | undefined; expectedRows?: number | undefined; mapping?: ColumnMapping | undefined }, origin: Origin = {}): Promise<{ importId: string; done: Promise<ImportView> }> {
    const list = await this.#row(listId);
    if (list.kind !== 'general') {
      source.destroy();
      throw badRequest('hotlist_not_general', 'Agency lists are not imported: officers enter their entries, and a supervisor approves them (R7).');
    }
    if (this.#importing.has(listId)) {
      source.destroy();
      throw conflict('hotlist_import_running', 'An import of this list is already running; wait for it (see its progress), then try again.');
    }
    const mapping = options.mapping ?? parseMapping(list.feedMapping);
    const request = { listId, source, trigger: options.trigger, startedBy: actor.username, fileName: options.fileName, bytesTotal: options.bytesTotal, expectedRows: options.expectedRows, mapping };
    const importId = await beginImport(this.db, this.clock, request);
    await store.updateList(this.db, listId, { lastAttemptAt: this.clock.now().getTime() });
    const done = (async (): Promise<ImportView> => {
      try {
        await runImport(this.db, this.clock, importId, request, list.defaultCategory as HotListCategory, this.options.hooks ?? {});
        const view = importView((await store.findImport(this.db, importId))!);
        await this.audit.recordChange(actor, view.status === 'succeeded' ? 'hotlist.import' : 'hotlist.import_failed', { currentImportId: list.currentImportId, lastUpdatedAt: list.lastUpdatedAt }, view, { subject: { hotListId: listId, name: list.name }, ...origin });
        await this.#changed();
        return view;
      } finally {
        this.#importing.delete(listId);
      }
    })();
    this.#importing.set(listId, done);
    done.catch((error: unknown) => this.logger.error({ err: error, importId }, 'hot-list import bookkeeping failed'));
    return { importId, done };
  }

  async imports(listId: string): Promise<ImportView[]> {
    await this.#row(listId);
    return (await store.importsOf(this.db, listId)).map(importView);
  }

  async importStatus(importId: string): Promise<ImportView> {
    const row = await store.findImport(this.db, importId);
    if (!row) throw notFound('hot-list import', importId);
    return importView(row);
  }

  /** A feed location as a stream: an http(s) URL, or a file inside the feed folder (never outside it). */
  #feedSource(location: string): () => Promise<{ stream: Readable; bytes?: number | undefined }> {
    if (/^https?:\/\//i.test(location)) {
      return async () => {
        const response = await (this.options.fetch ?? fetch)(location);
        if (!response.ok || !response.body) throw new Error(`the feed answered HTTP ${response.status}`);
        const length = Number(response.headers.get('content-length'));
        return { stream: Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), bytes: Number.isFinite(length) && length > 0 ? length : undefined };
      };
    }
    const root = resolve(this.options.feedDir);
    const path = resolve(root, location);
    if (!path.startsWith(root + sep)) throw badRequest('hotlist_feed_outside_folder', `A feed file must be inside the hot-list feed folder (${root}); give its name, or an https URL.`, 'feedLocation');
    return () => Promise.resolve({ stream: createReadStream(path), bytes: statSync(path).size });
  }

  /** The scheduled download (R6): every general list with a feed, once its interval has passed. */
  async downloadDue(now: number): Promise<Record<string, number>> {
    const summary = { due: 0, succeeded: 0, failed: 0 };
    for (const list of await store.listLists(this.db)) {
      if (list.kind !== 'general' || !list.feedLocation || this.#importing.has(list.id)) continue;
      // After a failed attempt, try again within the hour rather than a whole interval later (R6: at least daily).
      const wait = list.lastImportError !== null ? Math.min(HOUR, list.refreshIntervalHours * HOUR) : list.refreshIntervalHours * HOUR;
      if (list.lastAttemptAt !== null && now - list.lastAttemptAt < wait) continue;
      summary.due += 1;
      try {
        const { stream, bytes } = await this.#feedSource(list.feedLocation)();
        const { done } = await this.startImport(SYSTEM_ACTOR, list.id, stream, { trigger: 'scheduled', fileName: list.feedLocation, bytesTotal: bytes });
        if ((await done).status === 'succeeded') summary.succeeded += 1;
        else summary.failed += 1;
      } catch (error) {
        summary.failed += 1;
        const message = `The scheduled download could not start: ${(error as Error).message}. Nothing was changed.`;
        await store.updateList(this.db, list.id, { lastImportError: message, lastImportFailedAt: now, lastAttemptAt: now });
        await this.audit.recordChange(SYSTEM_ACTOR, 'hotlist.import_failed', null, { error: message }, { subject: { hotListId: list.id, name: list.name } });
      }
    }
    return summary;
  }

  // --- agency entries (R7, R8) ---

  async createEntry(actor: Actor & { userId: string }, listId: string, input: EntryInput, origin: Origin = {}): Promise<{ id: string; status: 'pending' | 'active'; message: string }> {
    const list = await this.#row(listId);
    if (list.kind !== 'agency') throw badRequest('hotlist_not_agency', 'General lists change only by import (R6); add agency entries to an agency list.');
    const fields = checkEntryInput(input, this.profile.hotLists);
    const now = this.clock.now().getTime();
    const expiresAt = input.expiresAt ? Date.parse(input.expiresAt) : now + list.retentionDays * DAY;
    if (expiresAt <= now) throw badRequest('entry_expiry_past', 'The expiry is in the past; give a future date, or leave it out for the list\'s retention.', 'expiresAt');
    const needsApproval = this.profile.hotLists.agencyEntriesNeedSupervisorApproval;
    const id = newId();
    const row = {
      id, listId, importId: null, status: needsApproval ? ('pending' as const) : ('active' as const),
      ...fields,
      plateType: input.plateType ?? null, ncicCode: null, reason: input.reason ?? null, category: input.category,
      vehicleYear: input.vehicle?.year ?? null, vehicleMake: input.vehicle?.make ?? null, vehicleModel: input.vehicle?.model ?? null,
      vehicleColor: input.vehicle?.color ?? null, vehicleBody: input.vehicle?.bodyType ?? null,
      entryDate: now, originatingAgency: this.profile.agency.ori ?? this.profile.agency.name,
      caseAgent: input.caseAgent, caseNumber: input.caseNumber.trim().toUpperCase(), synopsis: input.synopsis,
      expiresAt, submittedById: actor.userId, submittedBy: actor.username, decidedBy: null, decidedAt: null, decisionReason: null,
      createdAt: now, updatedAt: now,
    };
    await store.insertEntries(this.db, [row]);
    if (!needsApproval) await store.updateList(this.db, listId, { lastUpdatedAt: now, updatedAt: now });
    await this.audit.recordChange(actor, 'hotlist.entry_create', null, entryView(row, list.name), { subject: { hotListId: listId, entryId: id }, ...origin });
    if (!needsApproval) await this.#changed();
    return {
      id,
      status: row.status,
      message: needsApproval ? 'Entered. It takes effect once a supervisor approves it (R7).' : 'Entered and in effect (this agency\'s policy needs no supervisor approval).',
    };
  }

  /**
   * A changed agency entry (R7: updates are approved like new entries). The entry takes the new
   * values and, where the profile needs approval, waits again: the changed record is not acted on
   * until another supervisor approves it. The updater becomes its submitter.
   */
  async updateEntry(actor: Actor & { userId: string }, entryId: string, input: EntryInput, origin: Origin = {}): Promise<{ id: string; status: 'pending' | 'active'; message: string }> {
    const before = await store.findEntry(this.db, entryId);
    if (!before || before.importId !== null) throw notFound('hot-list entry', entryId);
    if (before.status !== 'pending' && before.status !== 'active') throw conflict('entry_already_ended', `This entry is ${before.status}; enter a new one instead.`);
    const list = await this.#row(before.listId);
    const fields = checkEntryInput(input, this.profile.hotLists);
    const now = this.clock.now().getTime();
    const expiresAt = input.expiresAt ? Date.parse(input.expiresAt) : (before.expiresAt ?? now + list.retentionDays * DAY);
    if (expiresAt <= now) throw badRequest('entry_expiry_past', 'The expiry is in the past; give a future date, or leave it out to keep the current one.', 'expiresAt');
    const needsApproval = this.profile.hotLists.agencyEntriesNeedSupervisorApproval;
    const status = needsApproval ? ('pending' as const) : ('active' as const);
    await store.updateEntry(this.db, entryId, {
      ...fields, status, plateType: input.plateType ?? null, reason: input.reason ?? null, category: input.category,
      vehicleYear: input.vehicle?.year ?? null, vehicleMake: input.vehicle?.make ?? null, vehicleModel: input.vehicle?.model ?? null,
      vehicleColor: input.vehicle?.color ?? null, vehicleBody: input.vehicle?.bodyType ?? null,
      caseAgent: input.caseAgent, caseNumber: input.caseNumber.trim().toUpperCase(), synopsis: input.synopsis, expiresAt,
      submittedById: actor.userId, submittedBy: actor.username, decidedBy: null, decidedAt: null, decisionReason: null, updatedAt: now,
    });
    await store.updateList(this.db, list.id, { lastUpdatedAt: now, updatedAt: now });
    const after = (await store.findEntry(this.db, entryId))!;
    await this.audit.recordChange(actor, 'hotlist.entry_update', entryView(before, list.name), entryView(after, list.name), { subject: { hotListId: list.id, entryId }, ...origin });
    await this.#changed();
    return { id: entryId, status, message: needsApproval ? 'Changed. The entry is not acted on until a supervisor approves the change (R7).' : 'Changed and in effect.' };
  }

  async #pendingEntry(entryId: string): Promise<{ entry: store.EntryRow; list: store.ListRow }> {
    const entry = await store.findEntry(this.db, entryId);
    if (!entry || entry.importId !== null) throw notFound('hot-list entry', entryId);
    if (entry.status !== 'pending') throw conflict('entry_not_pending', `This entry is ${entry.status}, not waiting for approval.`);
    return { entry, list: await this.#row(entry.listId) };
  }

  /** R7: a supervisor approves; never the person who entered it. */
  async approve(actor: Actor & { userId: string }, entryId: string, origin: Origin = {}): Promise<void> {
    const { entry, list } = await this.#pendingEntry(entryId);
    if (entry.submittedById === actor.userId) throw forbidden('self_approval_refused', 'You entered this record, so another supervisor must approve it (R7).');
    const now = this.clock.now().getTime();
    await store.updateEntry(this.db, entryId, { status: 'active', decidedBy: actor.username, decidedAt: now, updatedAt: now });
    await store.updateList(this.db, list.id, { lastUpdatedAt: now, updatedAt: now });
    await this.audit.recordChange(actor, 'hotlist.entry_approve', { status: 'pending' }, { status: 'active' }, { subject: { hotListId: list.id, entryId, caseNumber: entry.caseNumber }, ...origin });
    await this.#changed();
  }

  async reject(actor: Actor & { userId: string }, entryId: string, reason: string, origin: Origin = {}): Promise<void> {
    const { entry, list } = await this.#pendingEntry(entryId);
    const now = this.clock.now().getTime();
    await store.updateEntry(this.db, entryId, { status: 'rejected', decidedBy: actor.username, decidedAt: now, decisionReason: reason, updatedAt: now });
    await this.audit.recordChange(actor, 'hotlist.entry_reject', { status: 'pending' }, { status: 'rejected', reason }, { subject: { hotListId: list.id, entryId, caseNumber: entry.caseNumber }, ...origin, reason });
  }

  /** Ends an agency entry now (vehicle recovered, case closed). */
  async removeEntry(actor: Actor, entryId: string, reason: string, origin: Origin = {}): Promise<void> {
    const entry = await store.findEntry(this.db, entryId);
    if (!entry || entry.importId !== null) throw notFound('hot-list entry', entryId);
    if (entry.status === 'expired' || entry.status === 'rejected') throw conflict('entry_already_ended', `This entry is already ${entry.status}.`);
    const now = this.clock.now().getTime();
    await store.updateEntry(this.db, entryId, { status: 'expired', expiresAt: now, decisionReason: reason, updatedAt: now });
    await store.updateList(this.db, entry.listId, { lastUpdatedAt: now, updatedAt: now });
    await this.audit.recordChange(actor, 'hotlist.entry_remove', { status: entry.status }, { status: 'expired', reason }, { subject: { hotListId: entry.listId, entryId }, ...origin, reason });
    await this.#changed();
  }

  // --- entry details: hot-list data, only through the purpose gate (invariant 1; R20) ---

  async entries(ctx: AccessContext, listId: string, options: { status?: store.EntryRow['status'] | undefined; limit: number; offset: number }): Promise<EntryView[]> {
    const list = await this.#row(listId);
    if (!ctx.maySee(list.dataSource)) throw forbidden('data_source_not_authorized', `You are not authorized to see ${list.dataSource} hot-list data (R20). Ask the ALPR Administrator if your work needs it.`);
    return readThroughLog(ctx, { action: 'hotlist.entries', dataElements: { hotListId: listId, name: list.name, status: options.status ?? 'all', offset: options.offset } }, async () =>
      (await store.currentEntries(this.db, list, options)).map((row) => entryView(row, list.name)),
    );
  }

  /** The approvals queue (R7): pending agency entries the supervisor may see. */
  async pending(ctx: AccessContext): Promise<EntryView[]> {
    const names = new Map((await store.listLists(this.db)).map((l) => [l.id, l]));
    return readThroughLog(ctx, { action: 'hotlist.pending', dataElements: { queue: 'agency entries awaiting approval' } }, async () =>
      (await store.pendingEntries(this.db)).filter((row) => ctx.maySee(names.get(row.listId)?.dataSource ?? 'agency')).map((row) => entryView(row, names.get(row.listId)?.name ?? '')),
    );
  }

  /** The purpose a check of this entry runs under (its own case). Throws when there is no case to state. */
  async checkPurpose(entryId: string): Promise<PurposeInput> {
    const entry = await store.findEntry(this.db, entryId);
    if (!entry) throw notFound('hot-list entry', entryId);
    if (!entry.caseNumber) throw badRequest('entry_has_no_case', 'Only agency entries carry a case to state as the purpose; search general-list plates from the search page with your own purpose.');
    return purposeForEntry(entry);
  }

  /** "Has this plate been seen?" over stored reads (a search: logged before the reads leave). */
  async checkEntry(ctx: AccessContext, entryId: string): Promise<SeenRead[]> {
    const entry = await store.findEntry(this.db, entryId);
    if (!entry) throw notFound('hot-list entry', entryId);
    const list = await this.#row(entry.listId);
    if (!ctx.maySee(list.dataSource)) throw forbidden('data_source_not_authorized', `You are not authorized to see ${list.dataSource} hot-list data (R20).`);
    return readThroughLog(ctx, { action: 'hotlist.entry_check', dataElements: { hotListId: entry.listId, entryId, plate: entry.plate, pattern: entry.pattern, state: entry.state, caseNumber: entry.caseNumber } }, () =>
      seenReads(this.db, entry),
    );
  }

  // --- retention (R13) ---

  async applyRetention(now: number): Promise<Record<string, number>> {
    const expired = Number((await store.expireEntries(this.db, now)).numUpdatedRows);
    let entriesDeleted = 0;
    let listsDeleted = 0;
    for (const list of await store.listLists(this.db)) {
      if (deletesAt(list) <= now && !this.#importing.has(list.id)) {
        await this.deleteList(SYSTEM_ACTOR, list.id, {}, `retention: not updated for ${list.retentionDays} days (R13)`);
        listsDeleted += 1;
        continue;
      }
      entriesDeleted += Number((await store.deleteEndedEntries(this.db, list.id, now - list.retentionDays * DAY)).numDeletedRows);
    }
    if (expired || entriesDeleted) {
      await this.audit.recordChange(SYSTEM_ACTOR, 'hotlist.retention', null, { expired, entriesDeleted }, { reason: 'hot-list entries expired and ended entries deleted after retention (R13)' });
      await this.#changed();
    }
    return { expired, entriesDeleted, listsDeleted };
  }
}
