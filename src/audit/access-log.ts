// The access log (R25, R27, R29; invariant 4): every data access, administrative change, sign-in
// and audit action, in one append-only, hash-chained table. `platekeeper audit verify` and
// GET /api/v1/audit/verify prove the chain.
//
// For other rooms, the recording API:
// - recordAccess: a read of ALPR data (search, image, hit) under a stated purpose. Invariant 1: the
//   entry is written BEFORE data leaves the server. Await it, and only then return the data; if
//   it throws, the request fails and nothing is sent. Never fire-and-forget it.
// - recordChange: an administrative change with its before and after values (no secrets: no
//   passwords, no key secrets). Write it after the change succeeded.
// - recordAuth: sign-in events, successful or not.
// - recordSystem: the audit room's own actions (viewing, exporting, verifying the log).
// Call them outside any open transaction: an append takes its own (and the chain lock).
import type { Clock } from '../platform/clock.js';
import type { DatabaseHandle } from '../platform/database.js';
import { newId } from '../platform/ids.js';
import type { Tables } from '../storage/tables.js';
import { canonicalJson, entryHash, GENESIS_HASH, type ChainFields } from './access-log.chain.js';
import { csvHeader, csvRow } from './access-log.csv.js';
import * as store from './access-log.store.js';
import type { AccessLogCategory, AccessLogFilter, AccessLogRow } from './access-log.store.js';

export type { AccessLogCategory, AccessLogFilter } from './access-log.store.js';

/** Who acted. A UserPrincipal fits as is. */
export interface Actor {
  userId: string | null;
  username: string;
  /** Defaults to this agency. */
  organization?: string;
}

/** The purpose stated for a data access (R21): the case or incident number, a category, a reason. */
export interface Purpose {
  caseNumber: string | null;
  category: string;
  reason: string;
}

/** Where a request came from. */
export interface ClientOrigin {
  clientAddress: string | null;
  device: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, username: 'system' };

export interface AccessLogInput {
  category: AccessLogCategory;
  action: string;
  actorUserId: string | null;
  actorUsername: string;
  /** Defaults to this agency. */
  organization?: string;
  purposeCase: string | null;
  purposeCategory: string;
  purposeReason: string;
  /** What was queried or touched: plates (normalized), areas, times, ids. Stored as canonical JSON. */
  dataElements: Record<string, unknown>;
  resultCount: number | null;
  clientAddress: string | null;
  device: string | null;
  beforeValue?: unknown;
  afterValue?: unknown;
}

/** A stored entry, JSON columns parsed. */
export interface AccessLogEntry extends Omit<AccessLogRow, 'dataElements' | 'beforeValue' | 'afterValue'> {
  dataElements: unknown;
  beforeValue: unknown;
  afterValue: unknown;
}

export type VerifyResult = { ok: true; entries: number; head: string } | { ok: false; entries: number; brokenAt: number; reason: string };

/** A (seq, hash) pair recorded outside the database, e.g. the head an earlier verification printed. */
export interface ChainAnchor {
  seq: number;
  hash: string;
}

export interface AccessLogOptions {
  /** This agency as recorded in entries (R25: username and organization). */
  organization: string;
  /** Rows per page when verifying and exporting. */
  pageSize?: number;
}

/** The recording half, for rooms that only write entries. */
export type AuditRecorder = Pick<AccessLog, 'recordAccess' | 'recordChange' | 'recordAuth' | 'recordSystem'>;

const parse = (text: string | null): unknown => (text === null ? null : JSON.parse(text));
const toEntry = (row: AccessLogRow): AccessLogEntry => ({ ...row, dataElements: parse(row.dataElements), beforeValue: parse(row.beforeValue), afterValue: parse(row.afterValue) });
const jsonOrNull = (value: unknown): string | null => (value === undefined || value === null ? null : canonicalJson(value));

/** The client address and device (user agent, trimmed) of an HTTP request. */
export function originOf(request: { ip: string; headers: Record<string, string | string[] | undefined> }): ClientOrigin {
  const agent = request.headers['user-agent'];
  return { clientAddress: request.ip, device: typeof agent === 'string' && agent ? agent.slice(0, 256) : null };
}

export class AccessLog {
  private readonly db: store.Db;
  private readonly chainTransaction: (typeof store.chainTransaction)[keyof typeof store.chainTransaction];
  private readonly pageSize: number;
  /** In this process, appends run one at a time in call order; chainTransaction orders processes. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    database: Pick<DatabaseHandle<Tables>, 'db' | 'dialect'>,
    private readonly clock: Clock,
    private readonly options: AccessLogOptions,
  ) {
    this.db = database.db;
    this.chainTransaction = store.chainTransaction[database.dialect];
    this.pageSize = options.pageSize ?? 1000;
  }

  async append(input: AccessLogInput): Promise<AccessLogEntry> {
    // Serialize before queueing, so a value that is not JSON fails the caller, not the chain. The
    // queue is joined before the first await, so appends keep their call order.
    const values = {
      category: input.category,
      action: input.action,
      actorUserId: input.actorUserId,
      actorUsername: input.actorUsername,
      organization: input.organization ?? this.options.organization,
      purposeCase: input.purposeCase,
      purposeCategory: input.purposeCategory,
      purposeReason: input.purposeReason,
      dataElements: canonicalJson(input.dataElements),
      resultCount: input.resultCount,
      clientAddress: input.clientAddress,
      device: input.device,
      beforeValue: jsonOrNull(input.beforeValue),
      afterValue: jsonOrNull(input.afterValue),
    };
    const run = this.tail.then(() =>
      this.chainTransaction(this.db, async (tx) => {
        const head = await store.head(tx);
        const fields = { seq: (head?.seq ?? 0) + 1, id: newId(), at: this.clock.now().getTime(), ...values, prevHash: head?.hash ?? GENESIS_HASH } satisfies ChainFields;
        const row: AccessLogRow = { ...fields, hash: entryHash(fields) };
        await store.insertEntry(tx, row);
        return toEntry(row);
      }),
    );
    this.tail = run.catch(() => undefined);
    return await run;
  }

  /** Resolves when every append asked for so far has finished. */
  async idle(): Promise<void> {
    await this.tail;
  }

  /** A data access (R25). Await it before returning data (invariant 1). */
  recordAccess(input: { actor: Actor; purpose: Purpose; action: string; dataElements: Record<string, unknown>; resultCount: number | null } & ClientOrigin): Promise<AccessLogEntry> {
    return this.append({
      category: 'data_access',
      action: input.action,
      ...this.actorFields(input.actor),
      purposeCase: input.purpose.caseNumber,
      purposeCategory: input.purpose.category,
      purposeReason: input.purpose.reason,
      dataElements: input.dataElements,
      resultCount: input.resultCount,
      clientAddress: input.clientAddress,
      device: input.device,
    });
  }

  /** An administrative change; `before` is null for a creation, `after` null for a removal. */
  recordChange(actor: Actor, action: string, before: unknown, after: unknown, context: Partial<ClientOrigin> & { subject?: Record<string, unknown>; reason?: string } = {}): Promise<AccessLogEntry> {
    return this.append({
      category: 'admin_change',
      action,
      ...this.actorFields(actor),
      purposeCase: null,
      purposeCategory: 'administration',
      purposeReason: context.reason ?? '',
      dataElements: context.subject ?? {},
      resultCount: null,
      clientAddress: context.clientAddress ?? null,
      device: context.device ?? null,
      beforeValue: before,
      afterValue: after,
    });
  }

  /** A sign-in event. A failure records the username tried (never the password) and the error id; details add to the data elements. */
  recordAuth(input: { action: string; username: string; userId: string | null; failure?: string; details?: Record<string, unknown> } & ClientOrigin): Promise<AccessLogEntry> {
    return this.append({
      category: 'auth',
      action: input.action,
      actorUserId: input.userId,
      actorUsername: input.username,
      purposeCase: null,
      purposeCategory: 'authentication',
      purposeReason: '',
      dataElements: { ...input.details, ...(input.failure ? { outcome: 'failure', failure: input.failure } : { outcome: 'success' }) },
      resultCount: null,
      clientAddress: input.clientAddress,
      device: input.device,
    });
  }

  /** The system's and the audit room's own actions, e.g. 'audit.view'. */
  recordSystem(actor: Actor, action: string, input: { dataElements: Record<string, unknown>; resultCount: number | null; reason?: string } & ClientOrigin): Promise<AccessLogEntry> {
    return this.append({
      category: 'system',
      action,
      ...this.actorFields(actor),
      purposeCase: null,
      purposeCategory: 'audit',
      purposeReason: input.reason ?? '',
      dataElements: input.dataElements,
      resultCount: input.resultCount,
      clientAddress: input.clientAddress,
      device: input.device,
    });
  }

  /**
   * Walks the whole chain in seq order, a page at a time, up to the head at the start, and names the
   * first entry where it breaks: a missing seq (a deleted row), a prev_hash that is not the previous
   * entry's hash (a row inserted, deleted and renumbered, or reordered before it), or a hash that does
   * not match the row (an edited row). With an anchor, the entry at anchor.seq must still carry
   * anchor.hash, which also catches entries cut from the end and a chain rewritten from scratch.
   */
  async verify(options: { anchor?: ChainAnchor } = {}): Promise<VerifyResult> {
    const { anchor } = options;
    const upTo = (await store.head(this.db))?.seq ?? 0;
    let expected = 1;
    let prevHash = GENESIS_HASH;
    const broken = (brokenAt: number, reason: string): VerifyResult => ({ ok: false, entries: expected - 1, brokenAt, reason });
    for (let after = 0; ; ) {
      const page = await store.pageAfter(this.db, after, upTo, this.pageSize);
      for (const row of page) {
        if (row.seq !== expected) {
          return broken(expected, `entry ${expected} is missing: the log goes from entry ${expected - 1} to entry ${row.seq} (rows deleted)`);
        }
        if (row.prevHash !== prevHash) {
          return broken(row.seq, `its prev_hash does not match the hash of entry ${row.seq - 1} (a row was inserted, deleted or moved before it, or the previous row was rewritten)`);
        }
        if (entryHash(row) !== row.hash) return broken(row.seq, 'its hash does not match its contents (the row was edited)');
        if (anchor && row.seq === anchor.seq && row.hash !== anchor.hash) {
          return broken(row.seq, `its hash ${row.hash} is not the anchored ${anchor.hash} (the chain was rewritten from here or before)`);
        }
        prevHash = row.hash;
        expected += 1;
      }
      const last = page.at(-1);
      if (!last || page.length < this.pageSize) break;
      after = last.seq;
    }
    if (anchor && anchor.seq >= expected) {
      return broken(expected, `the log ends at entry ${expected - 1}, but entry ${anchor.seq} was anchored (entries removed from the end)`);
    }
    return { ok: true, entries: expected - 1, head: prevHash };
  }

  /** One page for browsing, newest first; pass nextCursor back as `before` for the next page. */
  async query(filter: AccessLogFilter, page: { before?: number; limit: number }): Promise<{ entries: AccessLogEntry[]; nextCursor: number | null }> {
    const rows = await store.pageNewestFirst(this.db, filter, page.before, page.limit + 1);
    const entries = rows.slice(0, page.limit).map(toEntry);
    return { entries, nextCursor: rows.length > page.limit ? (entries.at(-1)?.seq ?? null) : null };
  }

  /** The seq of the newest entry (0 when empty): exports fix their snapshot with it. */
  async headSeq(): Promise<number> {
    return (await store.head(this.db))?.seq ?? 0;
  }

  count(filter: AccessLogFilter): Promise<number> {
    return store.countMatching(this.db, filter);
  }

  /** Every matching entry as CSV, newest first, read a page at a time. Pass upToSeq for a fixed snapshot. */
  async *exportCsv(filter: AccessLogFilter): AsyncGenerator<string> {
    yield csvHeader();
    let before: number | undefined;
    for (;;) {
      const rows = await store.pageNewestFirst(this.db, filter, before, this.pageSize);
      if (rows.length > 0) yield rows.map(csvRow).join('');
      const last = rows.at(-1);
      if (!last || rows.length < this.pageSize) return;
      before = last.seq;
    }
  }

  private actorFields(actor: Actor) {
    return { actorUserId: actor.userId, actorUsername: actor.username, organization: actor.organization ?? this.options.organization };
  }
}
