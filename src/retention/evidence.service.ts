// Evidence export (R31, R32): builds a bundle of reads with their images through the purpose gate,
// keeps it under <dataDir>/evidence for download, and books it as evidence (exempt from the R32
// destruction date of ordinary exports). Other rooms call buildEvidenceBundle() — the sharing room
// for releases to partner agencies (pass `recipient`; it is then recorded as an outside copy, R33).
import type { Kysely } from 'kysely';
import { recordAccess, type AccessContext } from '../access/access-context.js';
import type { ImageStore } from '../ingest/image.store.js';
import type { Clock } from '../platform/clock.js';
import { existsSync } from 'node:fs';
import { AppError, badRequest, notFound } from '../platform/errors.js';
import { isUuid, newId } from '../platform/ids.js';
import type { EvidenceBundlesTable, Tables } from '../storage/tables.js';
import { packBundle, writeBundle, type BundleFile } from './evidence.bundle.js';
import type { OutsideCopiesService } from './outside-copies.service.js';

export const MAX_BUNDLE_READS = 5000;

export interface BundleOptions {
  caseNumber?: string;
  /** Who receives the bundle when it leaves the agency (partner, prosecutor); recorded as an outside copy. */
  recipient?: string;
}

export interface BuiltBundle {
  id: string;
  path: string;
  fileName: string;
  sha256: string;
  byteSize: number;
  files: BundleFile[];
  readCount: number;
  caseNumber: string;
}

/** What the exports registry (src/exports) takes, when it is wired in. */
export interface ExportsRegistry {
  register(ctx: AccessContext, input: { format: string; description: string; recordCount: number; caseNumber: string; evidence?: boolean }): Promise<unknown>;
}

const CSV_COLUMNS = ['id', 'capturedAt', 'plate', 'region', 'plateAsRead', 'confidence', 'cameraId', 'cameraName', 'cameraKind', 'lat', 'lon', 'heading', 'vehicleMake', 'vehicleModel', 'vehicleColor', 'vehicleBody', 'plateImageFile', 'vehicleImageFile'] as const;
const csvCell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) || /^[=+\-@]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const extension = (contentType: string) => (contentType === 'image/png' ? 'png' : 'jpg');

export class EvidenceService {
  private exportsRegistry: ExportsRegistry | undefined;

  constructor(
    private readonly db: Kysely<Tables>,
    private readonly clock: Clock,
    private readonly images: Pick<ImageStore, 'get'>,
    private readonly dir: string,
    private readonly outside: OutsideCopiesService,
    private readonly agency: string,
  ) {}

  /** Wires the exports registry (R32) once that room exists. */
  useExportsRegistry(registry: ExportsRegistry): void {
    this.exportsRegistry = registry;
  }

  /** Builds an evidence bundle of these reads under the gate's context; the access-log line is written first. */
  async buildEvidenceBundle(ctx: AccessContext, readIds: readonly string[], options: BundleOptions = {}): Promise<BuiltBundle> {
    const ids = [...new Set(readIds)];
    if (!ids.length) throw badRequest('no_reads_selected', 'Name the reads to export (readIds).', 'readIds');
    if (ids.length > MAX_BUNDLE_READS) throw badRequest('too_many_reads', `A bundle takes at most ${MAX_BUNDLE_READS} reads; make several.`, 'readIds');
    const bad = ids.find((id) => !isUuid(id));
    if (bad) throw badRequest('invalid_read_id', `"${bad}" is not a read id (a UUID).`, 'readIds');
    const caseNumber = (options.caseNumber ?? ctx.purpose.caseNumber).trim().toUpperCase();
    const recipient = options.recipient?.trim() || null;
    const rows = [];
    for (let i = 0; i < ids.length; i += 500) {
      rows.push(
        ...(await this.db
          .selectFrom('reads')
          .innerJoin('plates', 'plates.id', 'reads.plateId')
          .leftJoin('cameras', 'cameras.id', 'reads.cameraId')
          .select(['reads.id', 'reads.capturedAt', 'plates.plate', 'plates.region', 'reads.plateRaw', 'reads.confidence', 'reads.cameraId', 'cameras.name as cameraName', 'cameras.kind as cameraKind', 'reads.lat', 'reads.lon', 'reads.heading', 'reads.vehicleMake', 'reads.vehicleModel', 'reads.vehicleColor', 'reads.vehicleBody', 'reads.plateImage', 'reads.vehicleImage'])
          .where('reads.id', 'in', ids.slice(i, i + 500))
          .execute()),
      );
    }
    const found = new Set(rows.map((row) => row.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) throw notFound('read', missing.slice(0, 5).join(', '));
    rows.sort((a, b) => a.capturedAt - b.capturedAt || a.id.localeCompare(b.id));

    const id = newId();
    const createdAt = this.clock.now();
    // Invariant 1: the access-log line is written before any of the data is packed or leaves.
    const logged = await recordAccess(ctx, { action: 'evidence.export', dataElements: { bundleId: id, caseNumber, readIds: ids, recipient }, resultCount: rows.length });

    const shas = [...new Set(rows.flatMap((row) => [row.plateImage, row.vehicleImage]).filter((sha): sha is string => sha !== null))];
    const types = new Map<string, string>();
    for (let i = 0; i < shas.length; i += 500) for (const image of await this.db.selectFrom('images').select(['sha256', 'contentType']).where('sha256', 'in', shas.slice(i, i + 500)).execute()) types.set(image.sha256, image.contentType);
    const imageFiles: { path: string; data: Buffer }[] = [];
    const imagePath = new Map<string, string>();
    for (const sha of shas) {
      const path = `images/${sha}.${extension(types.get(sha) ?? 'image/jpeg')}`;
      imagePath.set(sha, path);
      imageFiles.push({ path, data: await this.images.get(sha) });
    }
    const reads = rows.map((row) => ({
      id: row.id,
      capturedAt: new Date(row.capturedAt).toISOString(),
      plate: row.plate,
      region: row.region || null,
      plateAsRead: row.plateRaw,
      confidence: row.confidence,
      cameraId: row.cameraId,
      cameraName: row.cameraName,
      cameraKind: row.cameraKind,
      lat: row.lat,
      lon: row.lon,
      heading: row.heading,
      vehicleMake: row.vehicleMake,
      vehicleModel: row.vehicleModel,
      vehicleColor: row.vehicleColor,
      vehicleBody: row.vehicleBody,
      plateImageFile: row.plateImage ? imagePath.get(row.plateImage)! : null,
      vehicleImageFile: row.vehicleImage ? imagePath.get(row.vehicleImage)! : null,
    }));
    const csv = [CSV_COLUMNS.join(','), ...reads.map((read) => CSV_COLUMNS.map((column) => csvCell(read[column])).join(','))].join('\r\n') + '\r\n';
    const custody = {
      bundleId: id,
      agency: this.agency,
      caseNumber,
      createdAt: createdAt.toISOString(),
      createdBy: { userId: ctx.user.userId, username: ctx.user.username, displayName: ctx.user.displayName, jobTitle: ctx.user.jobTitle },
      purpose: { caseNumber: ctx.purpose.caseNumber, category: ctx.purpose.category, reason: ctx.purpose.reason },
      accessLogEntry: logged.id,
      recipient,
      readCount: reads.length,
      imageCount: imageFiles.length,
      bookedAsEvidence: 'R31: downloaded onto portable media and booked into evidence; exempt from the R32 destruction date of ordinary downloads.',
      transfers: [{ at: createdAt.toISOString(), from: 'Platekeeper server', to: ctx.user.username, action: 'exported' }],
      verify: 'platekeeper evidence verify <this file>: every file is listed with its SHA-256 in manifest.json.',
    };
    const { zip, manifest } = await packBundle({ bundleId: id, createdAt: createdAt.toISOString(), caseNumber }, [
      { path: 'reads.json', data: Buffer.from(`${JSON.stringify(reads, null, 2)}\n`) },
      { path: 'reads.csv', data: Buffer.from(csv) },
      ...imageFiles,
      { path: 'chain-of-custody.json', data: Buffer.from(`${JSON.stringify(custody, null, 2)}\n`) },
    ]);
    const fileName = `evidence-${caseNumber.replace(/[^A-Z0-9-]/g, '_')}-${id}.zip`;
    const written = await writeBundle(this.dir, fileName, zip);
    const row: EvidenceBundlesTable = {
      id,
      caseNumber,
      recipient,
      createdById: ctx.user.userId,
      createdBy: ctx.user.username,
      createdAt: createdAt.getTime(),
      purpose: JSON.stringify(custody.purpose),
      readCount: reads.length,
      fileName,
      sha256: written.sha256,
      byteSize: zip.length,
      bookedEvidence: 1,
    };
    await this.db.insertInto('evidenceBundles').values(row).execute();
    if (recipient) {
      await this.outside.record(
        { userId: ctx.user.userId, username: ctx.user.username },
        { recipient, description: `Evidence bundle ${fileName} (${reads.length} reads)`, caseNumber, source: 'evidence', readCount: reads.length, newestCapturedAt: rows.at(-1)?.capturedAt ?? null },
      );
    }
    await this.exportsRegistry?.register(ctx, { format: 'evidence-zip', description: `Evidence bundle ${fileName} (R31: booked into evidence)`, recordCount: reads.length, caseNumber, evidence: true });
    return { id, path: written.path, fileName, sha256: written.sha256, byteSize: zip.length, files: manifest.files, readCount: reads.length, caseNumber };
  }

  async list(): Promise<EvidenceBundlesTable[]> {
    return this.db.selectFrom('evidenceBundles').selectAll().orderBy('createdAt', 'desc').limit(500).execute();
  }

  async get(id: string): Promise<EvidenceBundlesTable & { path: string }> {
    const row = await this.db.selectFrom('evidenceBundles').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('evidence bundle', id);
    return { ...row, path: `${this.dir}/${row.fileName}` };
  }

  /** Downloading a bundle again is a data access too: logged under the caller's context before the bytes leave. */
  async open(ctx: AccessContext, id: string): Promise<EvidenceBundlesTable & { path: string }> {
    const bundle = await this.get(id);
    if (!existsSync(bundle.path)) throw new AppError('bundle_purged', 410, `The server copy of ${bundle.fileName} was purged after the export retention (R32); the booked copy is with evidence. Build a new bundle if the reads still exist.`);
    await recordAccess(ctx, { action: 'evidence.download', dataElements: { bundleId: id, caseNumber: bundle.caseNumber, sha256: bundle.sha256 }, resultCount: bundle.readCount });
    return bundle;
  }
}
