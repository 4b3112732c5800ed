// For tamper tests: get past the access log's append-only triggers the way an attacker with the
// database's own rights would.
import { sql } from 'kysely';
import type { DatabaseHandle } from '../platform/database.js';
import type { Tables } from '../storage/tables.js';

export async function dropAppendOnlyTriggers(handle: DatabaseHandle<Tables>): Promise<void> {
  if (handle.dialect === 'sqlite') {
    await sql`drop trigger access_log_no_update`.execute(handle.db);
    await sql`drop trigger access_log_no_delete`.execute(handle.db);
  } else {
    await sql`alter table access_log disable trigger all`.execute(handle.db); // tests connect as the postgres superuser
  }
}
