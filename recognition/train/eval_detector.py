"""Evaluates the detector on the real street scenes (evaluation only): recall at IoU >= 0.5, false
detections per frame, and the end-to-end exact read rate (detector box -> reader)."""
import argparse
import os
import sys
import time

import cv2
import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import CACHE, ctc_decode, real_scenes  # noqa: E402
from models import DETECTOR_SIZE as S, DETECTOR_STRIDE as R, Detector  # noqa: E402


def letterbox(rgb):
    h, w = rgb.shape[:2]
    s = S / max(h, w)
    nw, nh = max(1, round(w * s)), max(1, round(h * s))
    out = np.full((S, S, 3), 0.5, np.float32)
    out[:nh, :nw] = cv2.resize(rgb, (nw, nh), interpolation=cv2.INTER_AREA).astype(np.float32) / 255
    return out, s


def decode(heat, boxes, threshold, nms_iou=0.4):
    """Same steps as the Node side: threshold, 3x3 local maxima, boxes from the peak cell, NMS."""
    h = torch.from_numpy(heat)[None, None]
    peak = (F.max_pool2d(h, 3, 1, 1) == h)[0, 0].numpy() & (heat >= threshold)
    ys, xs = np.nonzero(peak)
    dets = []
    for y, x in zip(ys, xs):
        cx, cy = (x + 0.5) * R, (y + 0.5) * R
        l, t, r, b = boxes[:, y, x]
        dets.append([cx - l, cy - t, cx + r, cy + b, heat[y, x]])
    dets.sort(key=lambda d: -d[4])
    keep = []
    for d in dets:
        if all(iou(d, k) < nms_iou for k in keep):
            keep.append(d)
    return keep


def iou(a, b):
    ix = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = ix * iy
    return inter / max(1e-6, (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--ckpt', default=os.path.join(CACHE, 'detector.pt'))
    ap.add_argument('--reader', default=os.path.join(CACHE, 'reader.pt'))
    ap.add_argument('--threshold', type=float, default=0.3)
    ap.add_argument('--dump', default=None, help='write frames with boxes to this folder')
    a = ap.parse_args()
    scenes = real_scenes()
    if scenes is None:
        print('real scenes not found (../shared/data/us-scenes-dev): skipping the detector evaluation')
        return
    torch.set_num_threads(2)
    model = Detector()
    model.load_state_dict(torch.load(a.ckpt, map_location='cpu'))
    model.eval()
    reader = None
    if a.reader and os.path.exists(a.reader):
        from eval_reader import load, prep
        reader = load(a.reader)
    found = total = fp = read_ok = 0
    ious = []
    times = []
    missed = []
    for path, gts in scenes:
        bgr = cv2.imread(path)
        rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
        t = time.perf_counter()
        x, s = letterbox(rgb)
        with torch.no_grad():
            heat, boxes = model(torch.from_numpy(x).permute(2, 0, 1)[None])
        dets = decode(heat[0, 0].numpy(), boxes[0].numpy(), a.threshold)
        times.append(time.perf_counter() - t)
        dets = [[d[0] / s, d[1] / s, d[2] / s, d[3] / s, d[4]] for d in dets]
        matched = set()
        for gx, gy, gw, gh, plate in gts:
            total += 1
            g = [gx, gy, gx + gw, gy + gh]
            best, bi = 0, -1
            for i, d in enumerate(dets):
                v = iou(g, d)
                if v > best:
                    best, bi = v, i
            ious.append(best)
            if best >= 0.5:
                found += 1
                matched.add(bi)
                if reader is not None:
                    d = dets[bi]
                    # the detector box, widened a little like the real crops
                    w, h = d[2] - d[0], d[3] - d[1]
                    x0, y0 = int(max(0, d[0] - 0.04 * w)), int(max(0, d[1] - 0.06 * h))
                    x1, y1 = int(min(bgr.shape[1], d[2] + 0.04 * w)), int(min(bgr.shape[0], d[3] + 0.06 * h))
                    with torch.no_grad():
                        out = reader(torch.from_numpy(prep(bgr[y0:y1, x0:x1])[None, None]))[0].numpy()
                    txt = ctc_decode(out)[0]
                    read_ok += txt.replace('O', '0') == plate.replace('O', '0')
            else:
                missed.append((os.path.basename(path), best))
        fp += len(dets) - len(matched)
        if a.dump:
            os.makedirs(a.dump, exist_ok=True)
            for d in dets:
                cv2.rectangle(bgr, (int(d[0]), int(d[1])), (int(d[2]), int(d[3])), (0, 0, 255), 2)
            for gx, gy, gw, gh, _ in gts:
                cv2.rectangle(bgr, (gx, gy), (gx + gw, gy + gh), (0, 255, 0), 1)
            cv2.imwrite(os.path.join(a.dump, os.path.basename(path)), bgr)
    n = len(scenes)
    print(f'scenes {n}, plates {total}: recall (IoU>=0.5) {found / total:.1%}, mean best IoU {np.mean(ious):.2f}, '
          f'false detections {fp / n:.2f} per frame at threshold {a.threshold}')
    if reader is not None:
        print(f'  end to end exact read (O/0 merged): {read_ok / total:.1%} of plates')
    print(f'  torch CPU detector time {np.median(times) * 1000:.0f} ms median per frame incl. letterbox (shared machine)')
    print('  missed:', ', '.join(f'{m} {v:.2f}' for m, v in missed[:15]))


if __name__ == '__main__':
    main()
