// Evidence bundles (R31, R32): reads "downloaded onto portable media and booked into evidence".
// A ZIP with the reads (reads.json, reads.csv), both images of each, a chain-of-custody record (who,
// when, purpose, case) and manifest.json with the SHA-256 of every other file.
//
// The ZIP is written deterministically (stored entries, one fixed timestamp, yazl), so verification
// is exact: every file must match its manifest hash, and the archive rebuilt from its own entries
// must equal the file byte for byte — any one changed byte, inside a file or in the ZIP structure,
// fails. Building is a data access: it takes an AccessContext and logs before the bundle exists.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import yauzl from 'yauzl';
import yazl from 'yazl';

/** One fixed timestamp for every entry: the real time is in chain-of-custody.json. */
const ENTRY_TIME = new Date(2000, 0, 1, 0, 0, 0);
const ENTRY_OPTIONS = { mtime: ENTRY_TIME, compress: false, forceDosTimestamp: true } as const;

export const MANIFEST = 'manifest.json';

export interface BundleFile {
  path: string;
  sha256: string;
  bytes: number;
}

export interface Manifest {
  format: 'platekeeper-evidence-bundle/1';
  bundleId: string;
  createdAt: string;
  caseNumber: string;
  files: BundleFile[];
}

export const sha256Of = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/** The ZIP bytes for these files, in this order, with manifest.json last. */
export function zipBytes(files: readonly { path: string; data: Buffer }[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const file of files) zip.addBuffer(file.data, file.path, ENTRY_OPTIONS);
  zip.end();
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => parts.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(parts)));
  });
}

/** Builds the archive: the given files, then a manifest of their hashes. */
export async function packBundle(meta: Omit<Manifest, 'format' | 'files'>, files: readonly { path: string; data: Buffer }[]): Promise<{ zip: Buffer; manifest: Manifest }> {
  const manifest: Manifest = { format: 'platekeeper-evidence-bundle/1', ...meta, files: files.map((file) => ({ path: file.path, sha256: sha256Of(file.data), bytes: file.data.length })) };
  const zip = await zipBytes([...files, { path: MANIFEST, data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) }]);
  return { zip, manifest };
}

/** Writes the bundle atomically under `dir`; returns its path and SHA-256. */
export async function writeBundle(dir: string, fileName: string, zip: Buffer): Promise<{ path: string; sha256: string }> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, fileName);
  await writeFile(`${path}.tmp`, zip);
  await rename(`${path}.tmp`, path);
  return { path, sha256: sha256Of(zip) };
}

export type VerifyOutcome = { ok: true; files: number; manifest: Manifest } | { ok: false; problem: string; file?: string };

async function entriesOf(zip: Buffer): Promise<{ path: string; data: Buffer }[]> {
  const archive = await yauzl.fromBufferPromise(zip, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true });
  const out: { path: string; data: Buffer }[] = [];
  try {
    for await (const entry of archive.eachEntry()) {
      const stream = await archive.openReadStreamPromise(entry);
      const parts: Buffer[] = [];
      for await (const chunk of stream) parts.push(chunk as Buffer);
      out.push({ path: entry.fileName, data: Buffer.concat(parts) });
    }
  } finally {
    archive.close();
  }
  return out;
}

/** Checks a bundle: every file against the manifest, then the archive itself byte for byte. */
export async function verifyBundle(zip: Buffer): Promise<VerifyOutcome> {
  let entries: { path: string; data: Buffer }[];
  try {
    entries = await entriesOf(zip);
  } catch (error) {
    return { ok: false, problem: `not a readable evidence bundle (${(error as Error).message}): the ZIP was altered or truncated` };
  }
  const manifestEntry = entries.find((entry) => entry.path === MANIFEST);
  if (!manifestEntry) return { ok: false, problem: 'manifest.json is missing', file: MANIFEST };
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestEntry.data.toString('utf8')) as Manifest;
    if (!Array.isArray(manifest.files)) throw new Error('no file list');
  } catch (error) {
    return { ok: false, problem: `manifest.json is altered: ${(error as Error).message}`, file: MANIFEST };
  }
  const byPath = new Map(entries.map((entry) => [entry.path, entry]));
  for (const file of manifest.files) {
    const entry = byPath.get(file.path);
    if (!entry) return { ok: false, problem: `${file.path} is missing`, file: file.path };
    if (sha256Of(entry.data) !== file.sha256 || entry.data.length !== file.bytes) return { ok: false, problem: `${file.path} is altered: its SHA-256 does not match the manifest`, file: file.path };
  }
  const listed = new Set(manifest.files.map((file) => file.path));
  const extra = entries.find((entry) => entry.path !== MANIFEST && !listed.has(entry.path));
  if (extra) return { ok: false, problem: `${extra.path} is not in the manifest (added after the bundle was made)`, file: extra.path };
  const rebuilt = await zipBytes(entries);
  if (!rebuilt.equals(zip)) {
    let at = 0;
    while (at < zip.length && zip[at] === rebuilt[at]) at += 1;
    const inside = entryAt(entries, at);
    return { ok: false, problem: `the archive was altered at byte ${at}${inside ? ` (in ${inside}'s ZIP header)` : ' (ZIP structure)'}`, ...(inside ? { file: inside } : {}) };
  }
  return { ok: true, files: manifest.files.length, manifest };
}

/** Which entry's local header or data spans `offset` in a stored archive built by zipBytes. */
function entryAt(entries: readonly { path: string; data: Buffer }[], offset: number): string | undefined {
  let position = 0;
  for (const entry of entries) {
    const end = position + 30 + Buffer.byteLength(entry.path) + entry.data.length;
    if (offset < end) return entry.path;
    position = end;
  }
  return undefined;
}

export async function verifyBundleFile(path: string): Promise<VerifyOutcome> {
  return verifyBundle(await readFile(path));
}
