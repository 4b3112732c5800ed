// Investigative search (issue 6; R21–R25, R32). Search needs no new index on `reads`: partial and
// fuzzy plates are resolved over the distinct plates (an in-process index, src/search/plate-index.ts),
// then reads are fetched by (plate_id, captured_at); canvass, several places and vehicle descriptions
// walk (captured_at) or (camera_id, captured_at), which the core migration already keeps for ingest
// and retention. Every extra index on `reads` would slow ingest (ARCHITECTURE: storage).
//
// The exports registry (R32): every download, print or share of ALPR data, with its purpose and case
// number and the day it must be destroyed by.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('exports')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('format', 'text', (col) => col.notNull()) // csv | geojson | kml | pdf | bundle | release | …
    .addColumn('description', 'text', (col) => col.notNull()) // what was exported (the query, in words)
    .addColumn('query', 'text') // JSON: the search that produced it, when it came from search
    .addColumn('record_count', 'bigint', (col) => col.notNull())
    .addColumn('case_number', 'text', (col) => col.notNull())
    .addColumn('purpose_category', 'text', (col) => col.notNull())
    .addColumn('purpose_reason', 'text', (col) => col.notNull())
    .addColumn('access_context', 'text', (col) => col.notNull())
    .addColumn('created_by_id', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text', (col) => col.notNull())
    .addColumn('created_at', 'bigint', (col) => col.notNull())
    .addColumn('destroy_due_at', 'bigint', (col) => col.notNull())
    .addColumn('destroyed_at', 'bigint')
    .addColumn('destroyed_by', 'text')
    .addColumn('note', 'text')
    // 1: booked into evidence with the case (R31), so not destroyed on the exports schedule (R32).
    .addColumn('evidence', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('exports_due').on('exports').columns(['destroyed_at', 'destroy_due_at']).execute();
  await db.schema.createIndex('exports_case').on('exports').columns(['case_number']).execute();
}
