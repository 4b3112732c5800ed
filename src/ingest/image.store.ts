// Images live outside the database, content-addressed by SHA-256, in a directory (ARCHITECTURE:
// storage). A write is on disk (file and directory entry synced) before the read that refers to
// it is committed, so an acknowledged read never points at a missing image.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { badRequest, payloadTooLarge } from '../platform/errors.js';

export type ImageType = 'image/jpeg' | 'image/png';

const MAGIC: Record<ImageType, number[]> = { 'image/jpeg': [0xff, 0xd8, 0xff], 'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] };

export function sniffType(data: Buffer): ImageType | undefined {
  for (const [type, magic] of Object.entries(MAGIC) as [ImageType, number[]][]) if (magic.every((byte, i) => data[i] === byte)) return type;
  return undefined;
}

export class ImageStore {
  constructor(
    readonly root: string,
    private readonly maxBytes: number,
  ) {}

  pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  /** Checks that the bytes are the image type they claim and that it decodes; throws a 4xx otherwise. */
  async validate(data: Buffer, claimed: ImageType | undefined, field: string): Promise<ImageType> {
    if (data.length > this.maxBytes) throw payloadTooLarge('image_too_large', `${field}: the image is ${data.length} bytes; the limit is ${this.maxBytes}.`);
    const actual = sniffType(data);
    if (!actual) throw badRequest('invalid_image', `${field}: not a JPEG or PNG file (its first bytes are neither).`, field);
    if (claimed && claimed !== actual) throw badRequest('invalid_image', `${field}: contentType says ${claimed} but the data is ${actual}.`, field);
    try {
      const meta = await sharp(data).metadata();
      if (!meta.width || !meta.height) throw new Error('no dimensions');
    } catch (error) {
      throw badRequest('invalid_image', `${field}: the ${actual} cannot be decoded (${(error as Error).message}).`, field);
    }
    return actual;
  }

  /** Writes the bytes (if not already there) and returns their SHA-256. */
  async put(data: Buffer): Promise<string> {
    const sha256 = createHash('sha256').update(data).digest('hex');
    const path = this.pathOf(sha256);
    if (existsSync(path)) return sha256;
    const dir = join(this.root, sha256.slice(0, 2), sha256.slice(2, 4));
    await mkdir(dir, { recursive: true });
    const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    const file = await open(temp, 'w');
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
    const dirHandle = await open(dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
    return sha256;
  }

  get(sha256: string): Promise<Buffer> {
    return readFile(this.pathOf(sha256));
  }

  async remove(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }
}
