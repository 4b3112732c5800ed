// The CSV reader alone (pure, no database): mapping, aliases, immigration drops (R37), dates,
// categories, and the failures that must stop an import (truncation, missing columns).
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { categoryOf, convertRow, isImmigrationRecord, parseFileDate, readHotListCsv, resolveMapping, type ColumnMapping, type ImportedRow } from './hotlists.csv.js';

const read = async (text: string | string[], mapping: ColumnMapping = {}): Promise<ImportedRow[]> => {
  const rows: ImportedRow[] = [];
  for await (const row of readHotListCsv(Readable.from(Array.isArray(text) ? text : [text]), mapping, 'stolen_vehicle')) rows.push(row);
  return rows;
};

describe('hot-list CSV', () => {
  it('finds NCIC field codes and common headers without a mapping, and follows an explicit one', () => {
    const headers = ['LIC', 'LIS', 'VMA', 'VCO', 'MKE', 'Plate Owner'];
    const columns = resolveMapping(headers, {});
    expect(columns.get('plate')).toBe(0);
    expect(columns.get('state')).toBe(1);
    expect(columns.get('vehicleMake')).toBe(2);
    expect(columns.get('ncicCode')).toBe(4);
    expect(resolveMapping(['Tag #', 'St'], { plate: 'tag #', state: 'ST' }).get('state')).toBe(1);
    expect(() => resolveMapping(['Owner'], {})).toThrow(expect.objectContaining({ id: 'import_mapping_plate_missing' }));
    expect(() => resolveMapping(['LIC'], { state: 'Region' })).toThrow(expect.objectContaining({ id: 'import_mapping_column_missing', field: 'mapping.state' }));
  });

  it('converts a row: plate normalized, state as a code, NCIC dates, category from the message key', () => {
    const columns = resolveMapping(['LIC', 'LIS', 'MKE', 'DOE', 'VYR'], {});
    const row = convertRow(['abc-123', 'California', 'SLR', '20261101', '2019'], columns, 'stolen_vehicle', 2);
    expect(row).toMatchObject({ kind: 'entry', entry: { plate: 'ABC123', state: 'CA', category: 'stolen_plate', entryDate: Date.parse('2026-11-01T00:00:00Z'), vehicleYear: 2019 } });
    expect(convertRow(['7AB?12', 'CA', '', '', ''], columns, 'other', 3)).toMatchObject({ kind: 'entry', entry: { plate: null, pattern: '7AB?12' } });
    expect(convertRow(['', 'CA', '', '', ''], columns, 'other', 4)).toMatchObject({ kind: 'invalid', line: 4 });
    expect(convertRow(['ABC123456', 'CA', '', '', ''], columns, 'other', 5)).toMatchObject({ kind: 'invalid' });
    expect(convertRow(['ABC123', 'CA', '', 'yesterday', ''], columns, 'other', 6)).toMatchObject({ kind: 'invalid' });
    expect(parseFileDate('11/01/2026')).toBe(Date.parse('2026-11-01T00:00:00Z'));
    expect(parseFileDate('')).toBeNull();
    expect(categoryOf('Wanted Person', undefined, 'other')).toBe('wanted_person');
    expect(categoryOf('deportation', undefined, 'other')).toBeUndefined();
    expect(categoryOf(undefined, 'XX', 'felony_vehicle')).toBe('felony_vehicle');
  });

  it('drops Immigration Violator File records and immigration-status reasons (R37), and only those', async () => {
    expect(isImmigrationRecord('IVF')).toBe(true);
    expect(isImmigrationRecord(null, 'Subject of ICE detainer')).toBe(true);
    expect(isImmigrationRecord('SV', 'Removal order outstanding')).toBe(true);
    expect(isImmigrationRecord('SV', 'Stolen overnight from driveway', 'stolen_vehicle')).toBe(false);
    const rows = await read('plate,reason,file\nAAA111,stolen,SVS\nBBB222,,IVF\nCCC333,immigration status,SVS\n');
    expect(rows.map((r) => r.kind)).toEqual(['entry', 'immigration', 'immigration']);
  });

  it('fails on a truncated file, a row with another column count, and an empty file', async () => {
    await expect(read('plate,state\nAAA111,CA\nBBB2')).rejects.toThrow(/column|record/i);
    await expect(read('plate,state,reason\nAAA111,CA,"unclosed')).rejects.toThrow(/quote/i);
    await expect(read('')).rejects.toMatchObject({ id: 'import_empty' });
    // Split across chunks anywhere, a good file reads the same.
    const chunks = ['pla', 'te,sta', 'te\nAAA1', '11,CA\r\nBBB222,N', 'V\n'];
    expect((await read(chunks)).map((r) => (r.kind === 'entry' ? `${r.entry.plate}/${r.entry.state}` : r.kind))).toEqual(['AAA111/CA', 'BBB222/NV']);
  });

  it('a source that errors mid-stream (a dropped download) ends the read with that error', async () => {
    const source = new Readable({ read() {} });
    source.push('plate\nAAA111\n');
    setTimeout(() => source.destroy(new Error('connection reset')), 5);
    await expect(read_(source)).rejects.toThrow('connection reset');
  });
});

async function read_(source: Readable): Promise<number> {
  let n = 0;
  for await (const _row of readHotListCsv(source, {}, 'other')) n += 1;
  return n;
}
