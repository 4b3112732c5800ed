// The release bundle's CSV: spreadsheet formulas neutralized, quoting where needed.
import { describe, expect, it } from 'vitest';
import { readsCsv } from './sharing.bundle.js';

const read = (overrides: Partial<Parameters<typeof readsCsv>[0][number]> = {}) => ({
  id: 'r1',
  plate: '7ABC123',
  region: 'us-ca',
  capturedAt: Date.parse('2026-11-19T08:00:00Z'),
  cameraName: 'Harbor Dr',
  lat: 32.72,
  lon: -117.16,
  vehicleMake: 'Honda',
  vehicleModel: 'Civic',
  vehicleColor: 'grey',
  ...overrides,
});

describe('readsCsv', () => {
  it('writes a header and one line per read, times in UTC', () => {
    expect(readsCsv([read()]).split('\r\n')).toEqual([
      'read_id,plate,region,captured_at,camera,lat,lon,vehicle_make,vehicle_model,vehicle_color',
      'r1,7ABC123,us-ca,2026-11-19T08:00:00.000Z,Harbor Dr,32.72,-117.16,Honda,Civic,grey',
      '',
    ]);
  });

  it('neutralizes formulas and quotes commas and quotes', () => {
    const line = readsCsv([read({ cameraName: '=HYPERLINK("http://x")', vehicleModel: 'Civic, "Si"', vehicleMake: null })]).split('\r\n')[1];
    expect(line).toBe(`r1,7ABC123,us-ca,2026-11-19T08:00:00.000Z,"'=HYPERLINK(""http://x"")",32.72,-117.16,,"Civic, ""Si""",grey`);
  });
});
