// The export files' escaping: a camera name cannot become a spreadsheet formula or break the KML.
import { describe, expect, it } from 'vitest';
import type { ReadView } from '../search/search.schemas.js';
import { toCsv, toGeoJson, toKml, type ExportHeader } from './formats.js';

const header: ExportHeader = {
  exportId: '0193-test',
  caseNumber: '26-1',
  purposeCategory: 'felony_investigation',
  purposeReason: 'r',
  description: 'd & <e>',
  createdBy: 'x',
  createdAt: new Date('2026-11-20T00:00:00Z'),
  destroyDueAt: new Date('2026-12-20T00:00:00Z'),
  agency: 'A',
};
const read: ReadView = {
  id: 'r1',
  plate: '7ABC123',
  region: 'CA',
  plateRaw: '7ABC123',
  confidence: 0.9,
  needsVerification: false,
  capturedAt: '2026-11-20T01:00:00.000Z',
  cameraId: 'c1',
  cameraName: '=HYPERLINK("http://evil") & <Main "St">',
  lat: 32.1,
  lon: -117.2,
  heading: null,
  vehicle: { make: 'Ford', model: null, color: 'red, dark', body: null },
  plateImageUrl: null,
  vehicleImageUrl: null,
};

describe('export formats', () => {
  it('CSV: formulas are defused and commas and quotes quoted', () => {
    const lines = toCsv(header, [read]).split('\r\n');
    expect(lines[2]).toContain(`"'=HYPERLINK(""http://evil"") & <Main ""St"">"`);
    expect(lines[2]).toContain('"red, dark"');
  });

  it('KML escapes markup; GeoJSON leaves out reads without a place and says how many', () => {
    const kml = toKml(header, [read]);
    expect(kml).toContain('&lt;Main &quot;St&quot;&gt;');
    expect(kml).toContain('d &amp; &lt;e&gt;');
    expect(kml).toContain('<coordinates>-117.2,32.1</coordinates>');
    const geo = JSON.parse(toGeoJson(header, [read, { ...read, id: 'r2', lat: null, lon: null }])) as { features: unknown[]; platekeeper: { readsWithoutLocation: number } };
    expect(geo.features).toHaveLength(1);
    expect(geo.platekeeper.readsWithoutLocation).toBe(1);
  });
});
