"""Trains the plate detector on synthetic scenes and exports models/plate-detector.onnx + .json.

Scenes are drawn S x S (letterboxed like inference) by worker processes; training sees random
crops of them (fully convolutional, so a 192 crop costs a quarter of the full frame)."""
import argparse
import json
import math
import os
import sys
import time
from multiprocessing import Pool

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import CACHE, MODELS, device  # noqa: E402
from models import DETECTOR_SIZE as S, DETECTOR_STRIDE as R, Detector  # noqa: E402

SHARD = 200


def gen_shard(args):
    seed, i = args
    from scenes import scene
    rng = np.random.default_rng([seed, 1000 + i])
    imgs = np.empty((SHARD, S, S, 3), np.uint8)
    boxes = []
    for k in range(SHARD):
        imgs[k], b = scene(rng, S)
        boxes.append(b)
    return imgs, boxes


def generate(count, seed, workers):
    path = os.path.join(CACHE, f'scenes-{seed}-{count}.npz')
    if os.path.exists(path):
        d = np.load(path, allow_pickle=True)
        return d['x'], list(d['b'])
    os.makedirs(CACHE, exist_ok=True)
    with Pool(workers) as p:
        res = p.map(gen_shard, [(seed, i) for i in range((count + SHARD - 1) // SHARD)], chunksize=1)
    x = np.concatenate([r[0] for r in res])
    b = [bb for r in res for bb in r[1]]
    bo = np.empty(len(b), object)
    bo[:] = b
    np.savez(path, x=x, b=bo)
    return x, b


def targets(boxes, size):
    """Heatmap (gaussian at each box centre) and box-distance targets on the stride-R grid."""
    g = size // R
    hm = np.zeros((g, g), np.float32)
    reg = np.zeros((4, g, g), np.float32)
    wt = np.zeros((g, g), np.float32)
    cy, cx = (np.mgrid[0:g, 0:g] + 0.5) * R
    for x0, y0, x1, y1 in boxes:
        bw, bh = x1 - x0, y1 - y0
        if bw < 4 or bh < 2:
            continue
        mx, my = (x0 + x1) / 2, (y0 + y1) / 2
        sx, sy = max(0.8, bw / R * 0.18), max(0.8, bh / R * 0.25)
        gss = np.exp(-((cx / R - mx / R) ** 2 / (2 * sx * sx) + (cy / R - my / R) ** 2 / (2 * sy * sy)))
        hm = np.maximum(hm, gss)
        inside = (cx > x0) & (cx < x1) & (cy > y0) & (cy < y1) & (gss > 0.3)
        # the cell holding the centre always regresses, even for tiny plates
        ci, cj = min(g - 1, int(my // R)), min(g - 1, int(mx // R))
        inside[ci, cj] = True
        d = np.stack([cx - x0, cy - y0, x1 - cx, y1 - cy])
        upd = inside & (gss >= wt)
        reg[:, upd] = np.maximum(d[:, upd], 0.5)
        wt[upd] = np.maximum(gss[upd], 0.5)
        hm[ci, cj] = 1.0
    return hm, reg, wt


def batch(x, boxes, idx, crop, rng):
    imgs, hms, regs, wts = [], [], [], []
    for i in idx:
        b = boxes[i].copy()
        if crop < S:
            if len(b) and rng.random() < 0.7:  # centre the crop near a plate most of the time
                k = rng.integers(len(b))
                cxp, cyp = (b[k, 0] + b[k, 2]) / 2, (b[k, 1] + b[k, 3]) / 2
                ox = int(np.clip(cxp - rng.uniform(0.15, 0.85) * crop, 0, S - crop))
                oy = int(np.clip(cyp - rng.uniform(0.15, 0.85) * crop, 0, S - crop))
            else:
                ox, oy = int(rng.integers(0, S - crop + 1)), int(rng.integers(0, S - crop + 1))
            ox, oy = ox // R * R, oy // R * R
            im = x[i, oy:oy + crop, ox:ox + crop]
            if len(b):
                b = b - [ox, oy, ox, oy]
                cb = np.clip(b, 0, crop)
                area = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
                carea = (cb[:, 2] - cb[:, 0]).clip(0) * (cb[:, 3] - cb[:, 1]).clip(0)
                b = cb[carea > 0.6 * area]
        else:
            im = x[i]
        if rng.random() < 0.5:  # mirror: plates stay plates, text direction does not matter here
            im = im[:, ::-1]
            if len(b):
                b = np.stack([crop - b[:, 2], b[:, 1], crop - b[:, 0], b[:, 3]], 1)
        hm, reg, wt = targets(b, crop)
        imgs.append(np.ascontiguousarray(im))
        hms.append(hm)
        regs.append(reg)
        wts.append(wt)
    xb = torch.from_numpy(np.stack(imgs)).permute(0, 3, 1, 2).float().div_(255)
    return xb, torch.from_numpy(np.stack(hms))[:, None], torch.from_numpy(np.stack(regs)), torch.from_numpy(np.stack(wts))[:, None]


def focal(logit, gt):
    p = torch.sigmoid(logit).clamp(1e-4, 1 - 1e-4)
    pos = gt.eq(1).float()
    neg = 1 - pos
    pl = -torch.log(p) * (1 - p) ** 2 * pos
    nl = -torch.log(1 - p) * p ** 2 * (1 - gt) ** 4 * neg
    return (pl.sum() + nl.sum()) / pos.sum().clamp(min=1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--scenes', type=int, default=4000)
    ap.add_argument('--seed', type=int, default=11)
    ap.add_argument('--steps', type=int, default=1500)
    ap.add_argument('--bs', type=int, default=16)
    ap.add_argument('--crop', type=int, default=192)
    ap.add_argument('--lr', type=float, default=3e-3)
    ap.add_argument('--workers', type=int, default=2)
    ap.add_argument('--init', default=None)
    ap.add_argument('--version', default='dev')
    ap.add_argument('--threshold', type=float, default=0.3)
    ap.add_argument('--export', action='store_true')
    a = ap.parse_args()
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    t0 = time.time()
    x, boxes = generate(a.scenes, a.seed, a.workers)
    print(f'{len(x)} synthetic scenes ({sum(len(b) for b in boxes)} plates) in {time.time() - t0:.0f}s', flush=True)
    dev = device()
    model = Detector().to(dev)
    if a.init:
        model.load_state_dict(torch.load(a.init, map_location='cpu'))
    print('params', sum(p.numel() for p in model.parameters()))
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=a.lr, total_steps=a.steps, pct_start=0.1)
    ckpt = os.path.join(CACHE, 'detector.pt')
    t0 = time.time()
    for step in range(1, a.steps + 1):
        model.train()
        idx = rng.integers(0, len(x), a.bs)
        xb, hm, reg, wt = batch(x, boxes, idx, a.crop, rng)
        xb, hm, reg, wt = xb.to(dev), hm.to(dev), reg.to(dev), wt.to(dev)
        hlog, braw = model.raw(xb)
        lh = focal(hlog, hm)
        # boxes in log space relative to 16 px, as the exported head computes exp(raw) * 16
        tgt = torch.log(reg.clamp(min=0.5) / 16.0)
        lb = (F.smooth_l1_loss(braw, tgt, reduction='none', beta=0.1) * wt).sum() / wt.sum().clamp(min=1) / 4 * 4
        loss = lh + lb
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 10)
        opt.step()
        sched.step()
        if step % 100 == 0:
            print(f'step {step}/{a.steps} heat {lh.item():.3f} box {lb.item():.3f} {time.time() - t0:.0f}s', flush=True)
            torch.save(model.state_dict(), ckpt)
    torch.save(model.state_dict(), ckpt)
    if a.export:
        export(model, a)


def export(model, a):
    model.eval().cpu()
    os.makedirs(MODELS, exist_ok=True)
    path = os.path.join(MODELS, 'plate-detector.onnx')
    torch.onnx.export(model, torch.zeros(1, 3, S, S), path, input_names=['image'], output_names=['heatmap', 'boxes'],
                      opset_version=13)
    side = {
        'input': 'image', 'size': S, 'stride': R, 'outputs': {'heatmap': 'heatmap', 'boxes': 'boxes'},
        'scoreThreshold': a.threshold, 'nmsIou': 0.4,
        'letterbox': {'placement': 'top-left', 'pad': 0.5, 'scale': 'fit (size / max(width, height))'},
        'color': 'RGB', 'range': [0, 1],
        'boxesFormat': 'distances (left, top, right, bottom) from the cell centre ((col + 0.5) * stride, (row + 0.5) * stride) to the box edges, input pixels',
        'version': a.version, 'trainedOn': f'{a.scenes} synthetic scenes (recognition/train, seed {a.seed})',
    }
    with open(path[:-5] + '.json', 'w') as f:
        json.dump(side, f, indent=2)
        f.write('\n')
    print('exported models/plate-detector.onnx')


if __name__ == '__main__':
    main()
