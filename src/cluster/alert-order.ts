// Alert numbers in commit order across matcher processes (issue 12). An API node hands its
// live-stream clients "every alert after the last one it delivered", and a client resumes from its
// Last-Event-ID: both assume that once alert n is visible, every alert below n is too. Two matchers
// inserting at once could commit n+1 before n. Taking one transaction-scoped advisory lock around
// the insert (number assigned, row committed, lock released) keeps numbers and commits in the same
// order. Alerts are rare next to reads, so the lock costs little.
import { sql } from 'kysely';
import * as store from '../alerts/alerts.store.js';

/** pg_advisory_xact_lock key for alert inserts: "pk_alrt" in ASCII. */
export const ALERT_LOCK_KEY = 0x706b5f616c7274;

export const orderedAlertInsert: typeof store.insertAlerts = (db, rows) =>
  rows.length === 0
    ? Promise.resolve([])
    : db.transaction().execute(async (tx) => {
        await sql`select pg_advisory_xact_lock(${sql.lit(ALERT_LOCK_KEY)})`.execute(tx);
        return store.insertAlerts(tx, rows);
      });
