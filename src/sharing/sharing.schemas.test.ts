// R40: ALPR data is never sold. No sharing schema, table or route has a price, fee, cost or payment field.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as schemas from './sharing.schemas.js';

const MONEY = /price|fee|cost|charge|payment|amount|invoice|billing|rate/i;

/** Every property name anywhere in a JSON schema. */
function propertyNames(schema: unknown, into: string[] = []): string[] {
  if (Array.isArray(schema)) {
    for (const item of schema) propertyNames(item, into);
  } else if (schema && typeof schema === 'object') {
    const record = schema as Record<string, unknown>;
    if (record.properties && typeof record.properties === 'object') into.push(...Object.keys(record.properties));
    for (const value of Object.values(record)) propertyNames(value, into);
  }
  return into;
}

describe('no price anywhere (R40)', () => {
  it('no schema of the sharing room has a money field', () => {
    const names = Object.values(schemas).flatMap((schema) => propertyNames(schema));
    expect(names.length).toBeGreaterThan(50);
    expect(names.filter((name) => MONEY.test(name))).toEqual([]);
  });

  it('the scan would catch one', () => {
    expect(propertyNames({ type: 'object', properties: { a: { type: 'object', properties: { releaseFee: {} } } } }).filter((n) => MONEY.test(n))).toEqual(['releaseFee']);
  });

  it('no sharing table has a money column', () => {
    const migration = readFileSync(new URL('../storage/migrations/20261123T0750_sharing.ts', import.meta.url), 'utf8');
    const columns = [...migration.matchAll(/addColumn\('([a-z_]+)'/g)].map((m) => m[1] ?? '');
    expect(columns.length).toBeGreaterThan(40);
    expect(columns.filter((name) => MONEY.test(name))).toEqual([]);
  });
});
