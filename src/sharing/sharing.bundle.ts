// The release bundle (R32, R35, R38): a ZIP with a manifest (who asked, why, who approved, what was
// selected, when it must be destroyed), the reads as CSV, and a notice of the conditions of release.
// A minimal bundle built here; the retention room's evidence bundle (buildEvidenceBundle) can replace
// it once it exists (with images). Nothing of it is kept on the server: only its SHA-256.
import { createHash } from 'node:crypto';
import yazl from 'yazl';
import type { ReleasedRead } from './sharing.store.js';

export interface BundleManifest {
  kind: 'platekeeper.sharing-release';
  version: 1;
  releasedBy: { agency: string; ori: string | null; user: string };
  releasedTo: { agency: string; kind: string; ori: string | null; recipient: string };
  request: { id: string; receivedAt: string; requester: { name: string; title: string; contact: string }; attestation: string };
  purpose: { caseNumber: string; category: string; reason: string };
  approval: { by: string; at: string; reason: string };
  criteria: { plates: string[]; from: string; to: string; area: unknown };
  readCount: number;
  generatedAt: string;
  destroyBy: string;
  files: Record<string, { sha256: string; bytes: number }>;
}

const csvCell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = String(value);
  // Text starting with = + - @ would run as a formula in a spreadsheet: neutralize it (numbers stay numbers).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function readsCsv(reads: readonly ReleasedRead[]): string {
  const header = ['read_id', 'plate', 'region', 'captured_at', 'camera', 'lat', 'lon', 'vehicle_make', 'vehicle_model', 'vehicle_color'];
  const lines = reads.map((r) => [r.id, r.plate, r.region, new Date(r.capturedAt).toISOString(), r.cameraName, r.lat, r.lon, r.vehicleMake, r.vehicleModel, r.vehicleColor].map(csvCell).join(','));
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

export function buildReleaseBundle(manifest: Omit<BundleManifest, 'files'>, reads: readonly ReleasedRead[], notice: string): Promise<{ zip: Buffer; sha256: string; manifest: BundleManifest }> {
  const csv = Buffer.from(readsCsv(reads));
  const noticeBuffer = Buffer.from(notice);
  const full: BundleManifest = {
    ...manifest,
    files: { 'reads.csv': { sha256: sha256(csv), bytes: csv.length }, 'NOTICE.txt': { sha256: sha256(noticeBuffer), bytes: noticeBuffer.length } },
  };
  const zip = new yazl.ZipFile();
  const mtime = new Date(manifest.generatedAt);
  zip.addBuffer(Buffer.from(`${JSON.stringify(full, null, 2)}\n`), 'manifest.json', { mtime });
  zip.addBuffer(csv, 'reads.csv', { mtime });
  zip.addBuffer(noticeBuffer, 'NOTICE.txt', { mtime });
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => {
      const buffer = Buffer.concat(chunks);
      resolve({ zip: buffer, sha256: sha256(buffer), manifest: full });
    });
  });
}
