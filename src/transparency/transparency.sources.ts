// Where the transparency page's figures come from (R43, R44). A TransparencySource computes some of
// the figures for a window; the service merges what every source gives and marks the rest "not yet
// available". Built in: cameras, reads, searches (from the access log) and audits. Hits, agencies
// shared with and the last purge are read from the alerts, sharing and retention rooms' tables
// when those exist (probed with plain SQL; a missing table leaves the figure unavailable); a room
// that prefers to answer itself passes its own source to TransparencyService instead.
import { sql, type Kysely } from 'kysely';
import { DEFAULT_INQUIRY_ACTIONS } from '../audit/audits.inquiries.js';
import { inquiryWhere } from '../audit/audits.inquiries.js';
import type { Tables } from '../storage/tables.js';

export interface AuditOutcome {
  kind: 'internal' | 'outside';
  outsideAgency: string | null;
  periodFrom: number;
  periodTo: number;
  signedAt: number;
  approved: boolean;
  sampleSize: number;
  /** compliant | findings */
  outcome: string;
}

/** Every figure, null until a source provides it. Counts only: never a plate, a read or a user. */
export interface TransparencyFigures {
  cameras: { fixed: number; mobile: number } | null;
  readsLast30Days: number | null;
  hitsLast30Days: { total: number; confirmed: number } | null;
  searchesLast30Days: { searches: number; searchers: number } | null;
  sharedWith: string[] | null;
  audits: AuditOutcome[] | null;
  lastPurgeAt: number | null;
  /** True once a source has answered lastPurgeAt (null then means: never purged). */
  purgeKnown: boolean;
}

export interface TransparencyWindow {
  now: number;
  /** now - 30 days. */
  since: number;
}

export interface TransparencySource {
  readonly name: string;
  collect(window: TransparencyWindow): Promise<Partial<TransparencyFigures>>;
}

type Db = Kysely<Tables>;
const count = (row: { n: number | string | bigint } | undefined) => Number(row?.n ?? 0);

export function cameraSource(db: Db): TransparencySource {
  return {
    name: 'cameras',
    async collect() {
      const rows = await db.selectFrom('cameras').select(['kind', (eb) => eb.fn.countAll<number | string>().as('n')]).where('status', '=', 'active').groupBy('kind').execute();
      const of = (kind: string) => count(rows.find((row) => row.kind === kind));
      return { cameras: { fixed: of('fixed'), mobile: of('mobile') } };
    },
  };
}

export function readsSource(db: Db): TransparencySource {
  return {
    name: 'reads',
    async collect({ since, now }) {
      const row = await db.selectFrom('reads').select((eb) => eb.fn.countAll<number | string>().as('n')).where('capturedAt', '>=', since).where('capturedAt', '<=', now).executeTakeFirst();
      return { readsLast30Days: count(row) };
    },
  };
}

export function searchesSource(db: Db, actions: readonly string[] = DEFAULT_INQUIRY_ACTIONS): TransparencySource {
  return {
    name: 'searches',
    async collect({ since, now }) {
      const row = await db
        .selectFrom('accessLog')
        .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.count<number | string>('actorUsername').distinct().as('users')])
        .where('at', '>=', since)
        .where('at', '<=', now)
        .where(inquiryWhere(actions))
        .executeTakeFirst();
      return { searchesLast30Days: { searches: count(row), searchers: Number(row?.users ?? 0) } };
    },
  };
}

export function auditsSource(db: Db): TransparencySource {
  return {
    name: 'audits',
    async collect() {
      const rows = await db.selectFrom('audits').selectAll().where('status', 'in', ['signed', 'approved']).orderBy('signedAt', 'desc').execute();
      return {
        audits: rows.map((a) => ({
          kind: a.kind,
          outsideAgency: a.outsideAgency,
          periodFrom: Number(a.periodFrom),
          periodTo: Number(a.periodTo),
          signedAt: Number(a.signedAt),
          approved: a.status === 'approved',
          sampleSize: a.sampleSize,
          outcome: a.outcome ?? 'findings',
        })),
      };
    },
  };
}

/** Rows of a query on a table another room may not have created yet; undefined when it fails. */
async function probe<T>(db: Db, query: ReturnType<typeof sql<T>>): Promise<T[] | undefined> {
  try {
    return (await query.execute(db)).rows;
  } catch {
    return undefined;
  }
}

/** Hits (alerts) in the window, and those an officer confirmed (an alert step 'confirm'). */
export function alertsTableSource(db: Db): TransparencySource {
  return {
    name: 'alerts',
    async collect({ since, now }) {
      const total = await probe<{ n: number | string }>(db, sql`select count(*) as n from alerts where created_at >= ${since} and created_at <= ${now}`);
      if (!total) return {};
      const confirmed = await probe<{ n: number | string }>(
        db,
        sql`select count(distinct s.alert_seq) as n from alert_steps s join alerts a on a.seq = s.alert_seq where s.step = 'confirm' and a.created_at >= ${since} and a.created_at <= ${now}`,
      );
      return { hitsLast30Days: { total: Number(total[0]?.n ?? 0), confirmed: Number(confirmed?.[0]?.n ?? 0) } };
    },
  };
}

/** Agencies this agency has transferred data to (names only). */
export function sharingTableSource(db: Db): TransparencySource {
  return {
    name: 'sharing',
    async collect() {
      const rows = await probe<{ name: string }>(db, sql`select distinct g.name as name from sharing_transfers t join sharing_agencies g on g.id = t.agency_id order by g.name`);
      return rows ? { sharedWith: rows.map((row) => row.name) } : {};
    },
  };
}

/** The last completed (not dry-run) purge. */
export function purgeTableSource(db: Db): TransparencySource {
  return {
    name: 'purges',
    async collect() {
      const rows = await probe<{ at: number | string | null }>(db, sql`select max(finished_at) as at from purge_runs where dry_run = 0 and outcome = 'ok'`);
      if (!rows) return {};
      const at = rows[0]?.at;
      return { lastPurgeAt: at === null || at === undefined ? null : Number(at), purgeKnown: true };
    },
  };
}

/**
 * Every built-in source. Agencies shared with come from the sharing room's own service, which the
 * app adds (app.ts); sharingTableSource reads the same tables for installations without it.
 */
export function defaultSources(db: Db, inquiryActions?: readonly string[]): TransparencySource[] {
  return [cameraSource(db), readsSource(db), searchesSource(db, inquiryActions), auditsSource(db), alertsTableSource(db), purgeTableSource(db)];
}
