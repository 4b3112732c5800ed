// A search's reads as files (R32): CSV, GeoJSON, KML and a PDF report. Each carries its export id,
// case number and destruction-due date, so a copy found later says what it is and when it had to go.
import PDFDocument from 'pdfkit';
import type { ReadView } from '../search/search.schemas.js';

export const EXPORT_FORMATS = ['csv', 'geojson', 'kml', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportHeader {
  exportId: string;
  caseNumber: string;
  purposeCategory: string;
  purposeReason: string;
  description: string;
  createdBy: string;
  createdAt: Date;
  destroyDueAt: Date;
  agency: string;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  geojson: 'application/geo+json',
  kml: 'application/vnd.google-earth.kml+xml',
  pdf: 'application/pdf',
};

const CSV_COLUMNS = ['read_id', 'plate', 'region', 'plate_raw', 'captured_at', 'camera_id', 'camera_name', 'lat', 'lon', 'heading', 'make', 'model', 'color', 'body', 'confidence', 'needs_verification', 'plate_image', 'vehicle_image'] as const;

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // A leading =, +, - or @ would be run as a formula by spreadsheets (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

function row(read: ReadView): unknown[] {
  return [
    read.id,
    read.plate,
    read.region,
    read.plateRaw,
    read.capturedAt,
    read.cameraId,
    read.cameraName,
    read.lat,
    read.lon,
    read.heading,
    read.vehicle.make,
    read.vehicle.model,
    read.vehicle.color,
    read.vehicle.body,
    read.confidence,
    read.needsVerification ? 'yes' : 'no',
    read.plateImageUrl,
    read.vehicleImageUrl,
  ];
}

export function toCsv(header: ExportHeader, reads: readonly ReadView[]): string {
  const lines = [
    `# Platekeeper export ${header.exportId}; case ${header.caseNumber}; destroy by ${header.destroyDueAt.toISOString()} (R32)`,
    CSV_COLUMNS.join(','),
    ...reads.map((read) => row(read).map(csvCell).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

export function toGeoJson(header: ExportHeader, reads: readonly ReadView[]): string {
  const features = reads
    .filter((read) => read.lat !== null && read.lon !== null)
    .map((read) => ({
      type: 'Feature',
      id: read.id,
      geometry: { type: 'Point', coordinates: [read.lon, read.lat] },
      properties: { plate: read.plate, region: read.region, capturedAt: read.capturedAt, camera: read.cameraName, cameraId: read.cameraId, ...read.vehicle },
    }));
  return JSON.stringify({
    type: 'FeatureCollection',
    // Foreign members (RFC 7946 §6.1): what the file is and when it must be destroyed.
    platekeeper: { exportId: header.exportId, caseNumber: header.caseNumber, purpose: header.purposeCategory, destroyDueAt: header.destroyDueAt.toISOString(), readsWithoutLocation: reads.length - features.length },
    features,
  });
}

const xml = (text: unknown): string =>
  String(text ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');

export function toKml(header: ExportHeader, reads: readonly ReadView[]): string {
  const placemarks = reads
    .filter((read) => read.lat !== null && read.lon !== null)
    .map(
      (read) =>
        `    <Placemark id="r-${xml(read.id)}">\n      <name>${xml(read.plate)}</name>\n      <TimeStamp><when>${xml(read.capturedAt)}</when></TimeStamp>\n` +
        `      <description>${xml(`${read.region} · ${read.cameraName} · ${[read.vehicle.color, read.vehicle.make, read.vehicle.model].filter(Boolean).join(' ')}`)}</description>\n` +
        `      <Point><coordinates>${read.lon},${read.lat}</coordinates></Point>\n    </Placemark>`,
    );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<kml xmlns="http://www.opengis.net/kml/2.2">',
    '  <Document>',
    `    <name>${xml(`Platekeeper export ${header.exportId} — case ${header.caseNumber}`)}</name>`,
    `    <description>${xml(`${header.description}. Destroy by ${header.destroyDueAt.toISOString()} (R32).`)}</description>`,
    ...placemarks,
    '  </Document>',
    '</kml>',
    '',
  ].join('\n');
}

export function toPdf(header: ExportHeader, reads: readonly ReadView[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'LETTER', margin: 48, info: { Title: `ALPR search report, case ${header.caseNumber}`, Keywords: `case ${header.caseNumber}; export ${header.exportId}; destroy by ${header.destroyDueAt.toISOString().slice(0, 10)}`, Author: header.agency, Subject: header.description } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(16).text(`${header.agency}: ALPR search report`);
    doc.moveDown(0.5).fontSize(10);
    doc.text(`Case number: ${header.caseNumber}`);
    doc.text(`Purpose: ${header.purposeCategory} — ${header.purposeReason}`);
    doc.text(`Search: ${header.description}`);
    doc.text(`Prepared by ${header.createdBy} at ${header.createdAt.toISOString()}; export ${header.exportId}`);
    doc.fillColor('#a00000').text(`Destroy this copy by ${header.destroyDueAt.toISOString().slice(0, 10)} (R32), unless booked as evidence.`).fillColor('black');
    doc.moveDown();
    doc.fontSize(9).text(`${reads.length} read(s)`, { underline: true });
    doc.moveDown(0.3);
    for (const read of reads) {
      const vehicle = [read.vehicle.color, read.vehicle.make, read.vehicle.model, read.vehicle.body].filter(Boolean).join(' ');
      const place = read.lat !== null && read.lon !== null ? `${read.lat.toFixed(5)}, ${read.lon.toFixed(5)}` : 'no location';
      doc.text(`${read.capturedAt}  ${read.plate} (${read.region || '—'})  ${read.cameraName}  ${place}  ${vehicle}`);
    }
    doc.end();
  });
}
