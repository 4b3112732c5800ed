// Generated images with known answers for the recognition tests (issue 11): plate crops drawn by the
// demo's plate renderer, and street-like frames with such a plate pasted at a known place. Never
// real crops (those are evaluation data only, read from ../shared/data).
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { renderPlateImage } from '../demo/images.js';
import type { Box } from './detections.js';

/** The committed models, unless PLATEKEEPER_TEST_MODEL_DIR points elsewhere (a model being trained). */
// eslint-disable-next-line no-restricted-properties -- test-only switch, not server configuration
export const MODEL_DIR = process.env.PLATEKEEPER_TEST_MODEL_DIR ?? fileURLToPath(new URL('../../models', import.meta.url));

/** California-format plates (the demo renders CA in its own style). */
export const KNOWN_PLATES = ['8ABC123', '7XYZ890', '4GHJ562', '6TRK211', '2MNP447', '5LUV308'] as const;

export function plateCrop(plate: string): Promise<Buffer> {
  return renderPlateImage(plate, 'CA');
}

/**
 * A 1280×720 frame: a grey road-and-wall background with one plate, scaled to `plateWidth` pixels
 * wide, at a known box. Returns the JPEG and the plate's box.
 */
export async function sceneWith(plate: string, options: { plateWidth?: number; at?: { x: number; y: number }; format?: 'jpeg' | 'png' } = {}): Promise<{ image: Buffer; box: Box }> {
  const width = options.plateWidth ?? 180;
  const height = Math.round(width / 2);
  const at = options.at ?? { x: 560, y: 430 };
  const crop = await sharp(await plateCrop(plate)).resize(width, height, { fit: 'fill' }).png().toBuffer();
  const background = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720"><defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#8a9aa8"/><stop offset="0.55" stop-color="#6d6f73"/><stop offset="1" stop-color="#3c3d40"/></linearGradient></defs>` +
      `<rect width="1280" height="720" fill="url(#g)"/><rect x="${at.x - 150}" y="${at.y - 140}" width="${width + 300}" height="${height + 200}" rx="30" fill="#2c3e66"/>` +
      `<rect x="${at.x - 60}" y="${at.y - 120}" width="${width + 120}" height="70" rx="10" fill="#9fb4c8"/><rect x="${at.x - 12}" y="${at.y - 12}" width="${width + 24}" height="${height + 24}" rx="6" fill="#1b1b1b"/></svg>`,
  );
  const frame = sharp(background).composite([{ input: crop, left: at.x, top: at.y }]);
  const image = options.format === 'png' ? await frame.png().toBuffer() : await frame.jpeg({ quality: 90 }).toBuffer();
  return { image, box: { x: at.x, y: at.y, width, height } };
}
