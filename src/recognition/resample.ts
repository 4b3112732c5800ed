// Grayscale and resizing exactly as the training code prepares the reader's input (issue 11):
// OpenCV's BGR2GRAY luma (0.299 R + 0.587 G + 0.114 B, in its fixed-point form) and cv2.resize
// with INTER_AREA, which averages pixel areas when shrinking in both directions and interpolates
// linearly (half-pixel centres) otherwise. A reader is sensitive to how its input was prepared;
// matching the trainer's steps keeps the accuracy measured there true here. Pure, on typed arrays.

/** One output index's source indices and weights. */
interface Taps {
  index: Int32Array;
  weight: Float32Array;
  /** Where each output's taps start in index/weight (length out + 1). */
  start: Int32Array;
}

function areaTaps(source: number, out: number): Taps {
  const scale = source / out;
  const index: number[] = [];
  const weight: number[] = [];
  const start = new Int32Array(out + 1);
  for (let o = 0; o < out; o++) {
    start[o] = index.length;
    const from = o * scale;
    const to = Math.min(source, from + scale);
    for (let s = Math.floor(from); s < Math.ceil(to - 1e-9); s++) {
      const overlap = Math.min(to, s + 1) - Math.max(from, s);
      if (overlap > 1e-9) {
        index.push(s);
        weight.push(overlap / scale);
      }
    }
  }
  start[out] = index.length;
  return {
    index: Int32Array.from(index),
    weight: Float32Array.from(weight),
    start,
  };
}

function linearTaps(source: number, out: number): Taps {
  const scale = source / out;
  const index = new Int32Array(out * 2);
  const weight = new Float32Array(out * 2);
  const start = new Int32Array(out + 1);
  for (let o = 0; o < out; o++) {
    start[o] = o * 2;
    let f = (o + 0.5) * scale - 0.5;
    let s = Math.floor(f);
    f -= s;
    if (s < 0) {
      s = 0;
      f = 0;
    }
    if (s >= source - 1) {
      s = source - 1;
      f = 0;
    }
    index[o * 2] = s;
    index[o * 2 + 1] = Math.min(source - 1, s + 1);
    weight[o * 2] = 1 - f;
    weight[o * 2 + 1] = f;
  }
  start[out] = out * 2;
  return { index, weight, start };
}

/**
 * Resizes a one-channel 8-bit image like cv2.resize(..., interpolation=INTER_AREA): area averaging
 * when neither side grows, bilinear otherwise. Returns rounded 8-bit values.
 */
export function resizeArea(src: Uint8Array, width: number, height: number, outWidth: number, outHeight: number): Uint8Array {
  const shrinking = width >= outWidth && height >= outHeight;
  const tx = shrinking ? areaTaps(width, outWidth) : linearTaps(width, outWidth);
  const ty = shrinking ? areaTaps(height, outHeight) : linearTaps(height, outHeight);
  // Horizontal pass into floats, then vertical.
  const rows = new Float32Array(height * outWidth);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < outWidth; x++) {
      let sum = 0;
      for (let k = tx.start[x]!; k < tx.start[x + 1]!; k++) sum += src[row + tx.index[k]!]! * tx.weight[k]!;
      rows[y * outWidth + x] = sum;
    }
  }
  const out = new Uint8Array(outWidth * outHeight);
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) {
      let sum = 0;
      for (let k = ty.start[y]!; k < ty.start[y + 1]!; k++) sum += rows[ty.index[k]! * outWidth + x]! * ty.weight[k]!;
      out[y * outWidth + x] = Math.min(255, Math.max(0, Math.round(sum)));
    }
  }
  return out;
}

/**
 * The luma of a region of an RGB image (OpenCV's fixed-point BGR2GRAY: (4899 R + 9617 G + 1868 B + 8192) >> 14).
 */
export function grayRegion(rgb: Uint8Array, width: number, region: { x: number; y: number; width: number; height: number }): Uint8Array {
  const out = new Uint8Array(region.width * region.height);
  for (let y = 0; y < region.height; y++) {
    let source = ((region.y + y) * width + region.x) * 3;
    let target = y * region.width;
    for (let x = 0; x < region.width; x++, source += 3, target++) out[target] = (rgb[source]! * 4899 + rgb[source + 1]! * 9617 + rgb[source + 2]! * 1868 + 8192) >> 14;
  }
  return out;
}

/**
 * Resizes an interleaved RGB image like cv2.resize(INTER_AREA) and writes it, scaled to 0..1, into
 * the top-left corner of a channels-first tensor whose planes are `size` × `size` (the detector's
 * letterbox).
 */
export function letterboxInto(rgb: Uint8Array, width: number, height: number, outWidth: number, outHeight: number, tensor: Float32Array, size: number): void {
  const shrinking = width >= outWidth && height >= outHeight;
  const tx = shrinking ? areaTaps(width, outWidth) : linearTaps(width, outWidth);
  const ty = shrinking ? areaTaps(height, outHeight) : linearTaps(height, outHeight);
  const rows = new Float32Array(height * outWidth * 3);
  for (let y = 0; y < height; y++) {
    const row = y * width * 3;
    for (let x = 0; x < outWidth; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = tx.start[x]!; k < tx.start[x + 1]!; k++) {
        const at = row + tx.index[k]! * 3;
        const w = tx.weight[k]!;
        r += rgb[at]! * w;
        g += rgb[at + 1]! * w;
        b += rgb[at + 2]! * w;
      }
      const target = (y * outWidth + x) * 3;
      rows[target] = r;
      rows[target + 1] = g;
      rows[target + 2] = b;
    }
  }
  const plane = size * size;
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let k = ty.start[y]!; k < ty.start[y + 1]!; k++) {
        const at = (ty.index[k]! * outWidth + x) * 3;
        const w = ty.weight[k]!;
        r += rows[at]! * w;
        g += rows[at + 1]! * w;
        b += rows[at + 2]! * w;
      }
      const target = y * size + x;
      tensor[target] = Math.min(255, Math.max(0, Math.round(r))) / 255;
      tensor[plane + target] = Math.min(255, Math.max(0, Math.round(g))) / 255;
      tensor[2 * plane + target] = Math.min(255, Math.max(0, Math.round(b))) / 255;
    }
  }
}
