// Images into the models' input tensors and plate crops out (issue 11), with sharp. The detector
// sees the frame scaled to fit S×S, placed top-left, the rest filled with the sidecar's pad value
// (RGB 0..1, channels first); the reader sees a grayscale crop stretched to W×H, normalized with the
// sidecar's mean and std. A file that is not a JPEG or PNG, or does not decode, is a 400 that says so.
import sharp from 'sharp';
import { badRequest, payloadTooLarge } from '../platform/errors.js';
import type { Box } from './detections.js';
import { grayRegion, resizeArea } from './resample.js';
import type { DetectorSpec, ReaderSpec } from './model-spec.js';

/** Larger frames are refused rather than decoded (about 50 megapixels; a 4K frame is 8). */
const MAX_PIXELS = 50_000_000;

export type ImageKind = 'image/jpeg' | 'image/png';

export function sniffImage(data: Uint8Array): ImageKind | undefined {
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data[0] === 0x89 && data[1] === 0x50 && data[2] === 0x4e && data[3] === 0x47) return 'image/png';
  return undefined;
}

/** A decoded frame: RGB, 8 bits, row-major, upright (EXIF orientation applied). */
export interface Frame {
  data: Buffer;
  width: number;
  height: number;
  kind: ImageKind;
}

function checkKind(data: Uint8Array, field: string): ImageKind {
  const kind = sniffImage(data);
  if (!kind) throw badRequest('invalid_image', `${field}: not a JPEG or PNG file (its first bytes are neither). Send a JPEG or PNG image.`, field);
  return kind;
}

function decodeFailure(error: unknown, kind: ImageKind, field: string): Error {
  const message = (error as Error).message ?? String(error);
  if (/pixel limit/i.test(message)) return payloadTooLarge('image_too_large', `${field}: the image has more than ${MAX_PIXELS / 1_000_000} megapixels; send a smaller frame.`);
  return badRequest('invalid_image', `${field}: the ${kind === 'image/jpeg' ? 'JPEG' : 'PNG'} cannot be decoded (${message}).`, field);
}

export async function decodeFrame(data: Uint8Array, field = 'image'): Promise<Frame> {
  const kind = checkKind(data, field);
  try {
    const { data: pixels, info } = await sharp(data, {
      limitInputPixels: MAX_PIXELS,
    })
      .rotate()
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`${info.channels} channels after conversion`);
    return { data: pixels, width: info.width, height: info.height, kind };
  } catch (error) {
    throw decodeFailure(error, kind, field);
  }
}

const rawInput = (frame: Frame) => ({
  raw: { width: frame.width, height: frame.height, channels: 3 as const },
});

/** The detector's input [1, 3, S, S] and the factor from input pixels back to frame pixels. */
export async function detectorInput(frame: Frame, spec: Pick<DetectorSpec, 'size' | 'pad'>): Promise<{ tensor: Float32Array; scale: number }> {
  const size = spec.size;
  const fit = size / Math.max(frame.width, frame.height);
  const width = Math.max(1, Math.min(size, Math.round(frame.width * fit)));
  const height = Math.max(1, Math.min(size, Math.round(frame.height * fit)));
  // The training code shrinks with cv2 INTER_AREA; libvips's cubic reduce lands within ~1.4 grey
  // levels of it on average at a third of the cost (resample.ts letterboxInto is the exact one).
  const scaled = await sharp(frame.data, rawInput(frame))
    .resize(width, height, { fit: 'fill', kernel: 'cubic' })
    .raw()
    .toBuffer();
  const plane = size * size;
  const tensor = new Float32Array(3 * plane).fill(spec.pad);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const source = (y * width + x) * 3;
      const target = y * size + x;
      tensor[target] = scaled[source]! / 255;
      tensor[plane + target] = scaled[source + 1]! / 255;
      tensor[2 * plane + target] = scaled[source + 2]! / 255;
    }
  }
  return { tensor, scale: 1 / fit };
}

/** Writes one normalized grayscale W×H image into `out` at `offset`. */
function normalize(gray: Uint8Array, spec: ReaderSpec, out: Float32Array, offset: number): void {
  const { mean, std } = spec.scale;
  for (let i = 0; i < spec.width * spec.height; i++) out[offset + i] = (gray[i]! / 255 - mean) / std;
}

/** The reader's input from a region of an RGB image: luma, then stretched to W×H (as in training). */
function readerPixels(rgb: Uint8Array, width: number, region: Box, spec: ReaderSpec): Uint8Array {
  return resizeArea(grayRegion(rgb, width, region), region.width, region.height, spec.width, spec.height);
}

/**
 * The region the reader reads: the detector's box, a little wider so that no character's edge is
 * cut (the same widening the training code's end-to-end evaluation uses; whole pixels, rounded down).
 */
export function readerRegion(box: Box, frame: { width: number; height: number }, margin: { x: number; y: number }): Box {
  const x = Math.floor(Math.max(0, box.x - box.width * margin.x));
  const y = Math.floor(Math.max(0, box.y - box.height * margin.y));
  const right = Math.floor(Math.min(frame.width, box.x + box.width * (1 + margin.x)));
  const bottom = Math.floor(Math.min(frame.height, box.y + box.height * (1 + margin.y)));
  return {
    x,
    y,
    width: Math.max(1, right - x),
    height: Math.max(1, bottom - y),
  };
}

/** Reader inputs for regions of a decoded frame, as one batch [N, 1, H, W]. */
export function readerBatchFromFrame(frame: Frame, regions: Box[], spec: ReaderSpec): Float32Array {
  const size = spec.width * spec.height;
  const batch = new Float32Array(regions.length * size);
  regions.forEach((region, index) => normalize(readerPixels(frame.data, frame.width, region, spec), spec, batch, index * size));
  return batch;
}

/** Reader inputs for images that are plate crops already (the crop-only mode), as one batch. */
export async function readerBatchFromCrops(images: Uint8Array[], spec: ReaderSpec): Promise<Float32Array> {
  const size = spec.width * spec.height;
  const batch = new Float32Array(images.length * size);
  await Promise.all(
    images.map(async (data, index) => {
      const frame = await decodeFrame(data, images.length > 1 ? `images/${index}` : 'image');
      normalize(readerPixels(frame.data, frame.width, { x: 0, y: 0, width: frame.width, height: frame.height }, spec), spec, batch, index * size);
    }),
  );
  return batch;
}

/** A region of the frame as a JPEG (the plate image stored with a read). */
export function cropJpeg(frame: Frame, region: Box): Promise<Buffer> {
  return sharp(frame.data, rawInput(frame))
    .extract({
      left: region.x,
      top: region.y,
      width: region.width,
      height: region.height,
    })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** The whole frame as a JPEG no larger than maxBytes (the vehicle image stored with a read). */
export async function frameJpeg(frame: Frame, original: Uint8Array, maxBytes: number): Promise<Buffer> {
  if (frame.kind === 'image/jpeg' && original.length <= maxBytes) return Buffer.from(original);
  let width = frame.width;
  for (let quality = 85; ; quality -= 10) {
    const jpeg = await sharp(frame.data, rawInput(frame))
      .resize(width, null)
      .jpeg({ quality: Math.max(quality, 40) })
      .toBuffer();
    if (jpeg.length <= maxBytes || width < 320) return jpeg;
    if (quality <= 45) width = Math.round(width * 0.7);
  }
}
