// The plate detector's outputs into boxes on the frame (issue 11): cells of the heatmap above the
// sidecar's threshold that are the highest of their 3×3 neighbourhood, each with the box its cell
// predicts (left, top, right, bottom distances from the cell's centre, in input pixels), overlaps
// removed (non-maximum suppression), mapped back from the letterboxed input to the frame.
// Pure: tested with hand-made outputs.

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Detection {
  box: Box;
  score: number;
}

export interface DecodeDetectionsInput {
  /** [grid × grid] scores, sigmoid applied. */
  heatmap: ArrayLike<number>;
  /** [4 × grid × grid]: left, top, right, bottom planes. */
  boxes: ArrayLike<number>;
  grid: number;
  stride: number;
  threshold: number;
  nmsIou: number;
  /** Frame pixels per input pixel (the inverse of the letterbox scale). */
  scale: number;
  frame: { width: number; height: number };
  maxDetections?: number;
}

export function iou(a: Box, b: Box): number {
  const x1 = Math.max(a.x, b.x);
  const y1 = Math.max(a.y, b.y);
  const x2 = Math.min(a.x + a.width, b.x + b.width);
  const y2 = Math.min(a.y + a.height, b.y + b.height);
  const overlap = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  const union = a.width * a.height + b.width * b.height - overlap;
  return union > 0 ? overlap / union : 0;
}

export function decodeDetections(input: DecodeDetectionsInput): Detection[] {
  const { heatmap, boxes, grid, stride, threshold, scale, frame } = input;
  const plane = grid * grid;
  const candidates: Detection[] = [];
  for (let gy = 0; gy < grid; gy++) {
    for (let gx = 0; gx < grid; gx++) {
      const score = heatmap[gy * grid + gx]!;
      if (!(score >= threshold)) continue;
      let peak = true;
      for (let dy = -1; dy <= 1 && peak; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const ny = gy + dy;
          const nx = gx + dx;
          if ((dx === 0 && dy === 0) || ny < 0 || nx < 0 || ny >= grid || nx >= grid) continue;
          const other = heatmap[ny * grid + nx]!;
          // Ties go to the first cell in reading order, so a flat plateau yields one peak.
          if (other > score || (other === score && (ny < gy || (ny === gy && nx < gx)))) {
            peak = false;
            break;
          }
        }
      }
      if (!peak) continue;
      const cell = gy * grid + gx;
      const cx = (gx + 0.5) * stride;
      const cy = (gy + 0.5) * stride;
      const left = Math.max(0, cx - boxes[cell]!) * scale;
      const top = Math.max(0, cy - boxes[plane + cell]!) * scale;
      const right = Math.min(frame.width, (cx + boxes[2 * plane + cell]!) * scale);
      const bottom = Math.min(frame.height, (cy + boxes[3 * plane + cell]!) * scale);
      if (right - left < 2 || bottom - top < 2) continue;
      candidates.push({
        box: { x: left, y: top, width: right - left, height: bottom - top },
        score,
      });
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const kept: Detection[] = [];
  for (const candidate of candidates) {
    if (kept.some((k) => iou(k.box, candidate.box) > input.nmsIou)) continue;
    kept.push(candidate);
    if (kept.length >= (input.maxDetections ?? 20)) break;
  }
  return kept;
}

export function roundBox(box: Box): Box {
  const x = Math.round(box.x);
  const y = Math.round(box.y);
  return {
    x,
    y,
    width: Math.round(box.x + box.width) - x,
    height: Math.round(box.y + box.height) - y,
  };
}
