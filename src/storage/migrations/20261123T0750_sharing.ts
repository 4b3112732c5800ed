// Sharing and release (issue 8; R34–R40): partner agencies, participating agency agreements, request
// links, written requests with their decisions, the transfers made under them, and requests from
// non-law-enforcement bodies (Public Records Act, subpoenas, litigation). No price column anywhere (R40).
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sharing_agencies')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull()) // ca_law_enforcement | ca_prosecutor | ca_public_agency_other | federal | out_of_state | private
    .addColumn('jurisdiction', 'text', (col) => col.notNull())
    .addColumn('ori', 'text')
    .addColumn('contact_name', 'text', (col) => col.notNull())
    .addColumn('contact_email', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('sharing_agreements')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('reference', 'text') // the signed document's number or file
    .addColumn('starts_at', 'bigint', (col) => col.notNull())
    .addColumn('ends_at', 'bigint') // null = no end date
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('sharing_agreement_signatories')
    .addColumn('agreement_id', 'text', (col) => col.notNull().references('sharing_agreements.id'))
    .addColumn('agency_id', 'text', (col) => col.notNull().references('sharing_agencies.id'))
    .addPrimaryKeyConstraint('sharing_agreement_signatories_pk', ['agreement_id', 'agency_id'])
    .execute();

  await db.schema
    .createTable('sharing_links')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('token_hash', 'text', (col) => col.notNull().unique()) // sha256 of the token; the token is shown once
    .addColumn('agency_id', 'text', (col) => col.notNull().references('sharing_agencies.id'))
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('expires_at', 'bigint', (col) => col.notNull())
    .addColumn('used_at', 'bigint')
    .addColumn('request_id', 'text')
    .execute();

  await db.schema
    .createTable('sharing_requests')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('agency_id', 'text', (col) => col.notNull().references('sharing_agencies.id'))
    .addColumn('agreement_id', 'text')
    .addColumn('source', 'text', (col) => col.notNull()) // entered | link
    .addColumn('requester_name', 'text', (col) => col.notNull())
    .addColumn('requester_title', 'text', (col) => col.notNull())
    .addColumn('requester_contact', 'text', (col) => col.notNull())
    .addColumn('case_number', 'text', (col) => col.notNull())
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('reason', 'text', (col) => col.notNull())
    .addColumn('plates', 'text', (col) => col.notNull()) // JSON array of normalized plates
    .addColumn('from_at', 'bigint', (col) => col.notNull())
    .addColumn('to_at', 'bigint', (col) => col.notNull())
    .addColumn('area', 'text') // JSON {south, west, north, east} or null
    .addColumn('attestation', 'text', (col) => col.notNull())
    .addColumn('received_at', 'bigint', (col) => col.notNull())
    .addColumn('entered_by', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull()) // pending | approved | denied | fulfilled
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'bigint')
    .addColumn('decision_reason', 'text')
    .addColumn('keep_until', 'bigint', (col) => col.notNull()) // retention.sharingRecords.minDays after receipt
    .execute();
  await db.schema.createIndex('sharing_requests_status').on('sharing_requests').columns(['status', 'received_at']).execute();

  await db.schema
    .createTable('sharing_transfers')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('request_id', 'text', (col) => col.notNull().references('sharing_requests.id'))
    .addColumn('agency_id', 'text', (col) => col.notNull().references('sharing_agencies.id'))
    .addColumn('method', 'text', (col) => col.notNull()) // download | email
    .addColumn('description', 'text', (col) => col.notNull())
    .addColumn('recipient', 'text', (col) => col.notNull())
    .addColumn('read_count', 'integer')
    .addColumn('bundle_sha256', 'text')
    .addColumn('transferred_at', 'bigint', (col) => col.notNull())
    .addColumn('recorded_by', 'text', (col) => col.notNull())
    .addColumn('destruction_due_at', 'bigint', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('sharing_transfers_agency').on('sharing_transfers').columns(['agency_id', 'transferred_at']).execute();

  await db.schema
    .createTable('records_requests')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('requester', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull()) // public_records_act | subpoena | litigation | other
    .addColumn('received_at', 'bigint', (col) => col.notNull())
    .addColumn('description', 'text', (col) => col.notNull())
    .addColumn('considerations', 'text', (col) => col.notNull()) // the exemptions or privileges considered
    .addColumn('outcome', 'text', (col) => col.notNull()) // pending | withheld_exempt | released_deidentified | released | withdrawn | other
    .addColumn('outcome_notes', 'text')
    .addColumn('outcome_at', 'bigint')
    .addColumn('entered_by', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'bigint', (col) => col.notNull())
    .execute();
}
