// The access context (invariant 1; R17, R20, R21, R25): proof that a user passed the purpose gate
// for one request. Every function that returns reads, images, hits or hot-list details takes one,
// and writes the access-log entry through it before the data leaves the server.
//
// How "only the gate can make one" is enforced:
//   1. The class has ES private fields (#recorder): TypeScript treats it nominally, so `{}`, an
//      object literal, a spread of a real context or any look-alike class is not assignable
//      (compile error), and `AccessContext.isGenuine` tells a real one at run time.
//   2. The constructor is `private` (compile error outside the class body) and also demands a
//      module-private symbol (ISSUING) that nothing outside this file can name, so even a cast to
//      `any` cannot construct one at run time.
//   3. The one function that can construct one (the issuer) is created in the class's static block
//      and handed out exactly once, by takeIssuer(), which purpose-gate.ts calls when it loads.
//      Any later caller gets an error, and if another module took it first, purpose-gate.ts fails
//      to load and the app does not start. access-context.test.ts checks that only purpose-gate.ts
//      names takeIssuer.
import type { AuditRecorder } from '../audit/access-log.js';
import type { Role } from './permissions.js';
import type { AcceptedPurpose } from './purpose-rules.js';

/** R20: where hot-list and alert data came from. Each user is authorized per source by the Administrator. */
export const DATA_SOURCES = ['agency', 'state', 'federal'] as const;
export type DataSource = (typeof DATA_SOURCES)[number];
export const DATA_SOURCE_LABELS: Record<DataSource, string> = {
  agency: 'This department (agency hot lists, its own reads)',
  state: 'State (CA DOJ hot lists)',
  federal: 'Federal (NCIC / NLETS hot lists)',
};
export const isDataSource = (value: string): value is DataSource => (DATA_SOURCES as readonly string[]).includes(value);

/** What the gate needs of the access log: the data-access half (src/audit/access-log.ts). */
export type AccessRecorder = Pick<AuditRecorder, 'recordAccess'>;

export interface ContextUser {
  userId: string;
  username: string;
  displayName: string;
  jobTitle: string;
  roles: readonly Role[];
  sessionId: string;
}

export interface AccessContextFields {
  /** One id per gate opening; every access-log entry made under it carries it. */
  id: string;
  user: ContextUser;
  purpose: AcceptedPurpose;
  /** The action the gate was opened for, e.g. 'search.plate'. */
  action: string;
  clientAddress: string | null;
  /** The agency device id when the session has one (R19), else the user agent. */
  device: string | null;
  openedAt: Date;
  dataSources: readonly DataSource[];
  recorder: AccessRecorder;
}

export interface AccessRecord {
  /** What was done, e.g. 'search.plate', 'image.view', 'hit.view'. */
  action: string;
  /** What was queried or touched (R25): plates, areas, times, ids. */
  dataElements: Record<string, unknown>;
  /** How many records the answer holds. */
  resultCount: number | null;
}

export type Issuer = (fields: AccessContextFields) => AccessContext;

const ISSUING: unique symbol = Symbol('AccessContext.issuing');
let issuer: Issuer | undefined;

export class AccessContext {
  readonly #recorder: AccessRecorder;
  readonly #dataSources: ReadonlySet<DataSource>;
  readonly id: string;
  readonly user: Readonly<ContextUser>;
  readonly purpose: Readonly<AcceptedPurpose>;
  readonly action: string;
  readonly clientAddress: string | null;
  readonly device: string | null;
  readonly openedAt: Date;

  private constructor(token: typeof ISSUING, fields: AccessContextFields) {
    if (token !== ISSUING) throw new Error('An AccessContext is made only by the purpose gate (invariant 1).');
    this.#recorder = fields.recorder;
    this.#dataSources = new Set(fields.dataSources);
    this.id = fields.id;
    this.user = Object.freeze({ ...fields.user, roles: Object.freeze([...fields.user.roles]) });
    this.purpose = Object.freeze({ ...fields.purpose });
    this.action = fields.action;
    this.clientAddress = fields.clientAddress;
    this.device = fields.device;
    this.openedAt = new Date(fields.openedAt.getTime());
    Object.freeze(this);
  }

  static {
    issuer = (fields) => new AccessContext(ISSUING, fields);
  }

  /** R20: whether this user may see data from this source (agency, state or federal). */
  maySee(source: DataSource): boolean {
    return this.#dataSources.has(source);
  }

  get dataSources(): DataSource[] {
    return [...this.#dataSources];
  }

  /** True only for a context the gate issued (a run-time check behind the compile-time one). */
  static isGenuine(value: unknown): value is AccessContext {
    return typeof value === 'object' && value !== null && #recorder in value;
  }

  /** Writes the access-log entry (R25). Use recordAccess() or readThroughLog() below. */
  async record(entry: AccessRecord): Promise<{ id: string }> {
    const logged = await this.#recorder.recordAccess({
      actor: { userId: this.user.userId, username: this.user.username },
      purpose: this.purpose,
      action: entry.action,
      dataElements: { ...entry.dataElements, accessContext: this.id, dataSources: this.dataSources },
      resultCount: entry.resultCount,
      clientAddress: this.clientAddress,
      device: this.device,
    });
    return { id: logged.id };
  }
}

/**
 * Hands the issuer to the purpose gate, once. purpose-gate.ts calls this when it loads; nothing
 * else may (access-context.test.ts enforces it). A second call throws.
 */
export function takeIssuer(): Issuer {
  const taken = issuer;
  if (!taken) throw new Error('The AccessContext issuer is already held by the purpose gate; only purpose-gate.ts may issue contexts (invariant 1).');
  issuer = undefined;
  return taken;
}

/**
 * Invariant 1: no path reads ALPR data without a purpose and a log line. Call this with the
 * context AFTER the query ran (so the count is known) and BEFORE the data is returned: await it,
 * and only then return. If the log write fails it throws, the request fails and nothing leaves
 * the server. Never fire-and-forget it, and never return data from a branch that skips it.
 */
export async function recordAccess(ctx: AccessContext, entry: AccessRecord): Promise<{ id: string }> {
  if (!AccessContext.isGenuine(ctx)) throw new Error('recordAccess needs an AccessContext from the purpose gate (invariant 1).');
  return ctx.record(entry);
}

/**
 * The usual shape of a data-returning function: run the query, log it with its result count,
 * then hand back the rows. The rows are returned only after the log entry is written.
 */
export async function readThroughLog<T>(ctx: AccessContext, what: Omit<AccessRecord, 'resultCount'>, query: () => Promise<readonly T[]>): Promise<T[]> {
  if (!AccessContext.isGenuine(ctx)) throw new Error('readThroughLog needs an AccessContext from the purpose gate (invariant 1).');
  const rows = [...(await query())];
  await ctx.record({ ...what, resultCount: rows.length });
  return rows;
}
