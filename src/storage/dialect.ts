// The few places where the two backends' DDL differs, as small per-dialect functions (STYLE 6).
import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type RawBuilder } from 'kysely';
import type { DialectName } from '../platform/database.js';

/** An auto-incrementing integer primary key. */
export function withAutoId<T extends string, C extends string>(table: CreateTableBuilder<T, C>, dialect: DialectName, name: string) {
  return dialect === 'sqlite'
    ? table.addColumn(name, 'integer', (col) => col.primaryKey().autoIncrement())
    : table.addColumn(name, 'bigint', (col) => col.primaryKey().generatedByDefaultAsIdentity());
}

/** A UUID column: native uuid on PostgreSQL (16 bytes), text on SQLite. */
export const uuidType = (dialect: DialectName): 'uuid' | 'text' => (dialect === 'postgres' ? 'uuid' : 'text');

export const notNull = (col: ColumnDefinitionBuilder) => col.notNull();

/** SQL that refuses UPDATE and DELETE on a table (used for append-only logs). */
export function appendOnlyTriggers(dialect: DialectName, table: string): RawBuilder<unknown>[] {
  if (dialect === 'sqlite') {
    return ['UPDATE', 'DELETE'].map(
      (op) => sql.raw(`CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`),
    );
  }
  return [
    sql.raw(`CREATE OR REPLACE FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${table} is append-only'; END $$`),
    sql.raw(`CREATE TRIGGER ${table}_no_change BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`),
    sql.raw(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${table}_append_only()`),
  ];
}
