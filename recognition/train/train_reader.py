"""Trains the plate reader on the synthetic set and exports models/plate-reader.onnx + .json."""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import CACHE, MODELS, device, encode  # noqa: E402
from models import ALPHABET, READER_H, READER_MEAN, READER_STD, READER_W, Reader  # noqa: E402


def batches(x, y, bs, rng, dev):
    idx = rng.permutation(len(x))
    for i in range(0, len(idx) - bs + 1, bs):
        b = idx[i:i + bs]
        xb = torch.from_numpy(x[b]).float().div_(255)
        # light online jitter: shift by up to 3 px / 2 px, random contrast stretch
        dx, dy = rng.integers(-3, 4), rng.integers(-2, 3)
        xb = torch.roll(xb, shifts=(int(dy), int(dx)), dims=(1, 2))
        if rng.random() < 0.5:
            lo = xb.amin((1, 2), keepdim=True)
            hi = xb.amax((1, 2), keepdim=True)
            xb = (xb - lo) / (hi - lo + 1e-3)
        xb = ((xb - READER_MEAN) / READER_STD).unsqueeze(1).to(dev)
        labels = [encode(s) for s in y[b]]
        tgt = torch.tensor([k for l in labels for k in l], dtype=torch.long)
        lens = torch.tensor([len(l) for l in labels], dtype=torch.long)
        yield xb, tgt, lens


def export(model, path_onnx, meta):
    model.eval().cpu()
    dummy = torch.zeros(1, 1, READER_H, READER_W)
    torch.onnx.export(model, dummy, path_onnx, input_names=['image'], output_names=['logits'],
                      dynamic_axes={'image': {0: 'n'}, 'logits': {0: 'n'}}, opset_version=13)
    side = {
        'input': 'image', 'output': 'logits', 'height': READER_H, 'width': READER_W, 'channels': 1,
        'mean': READER_MEAN, 'std': READER_STD, 'alphabet': ALPHABET, 'blank': 0,
        'resize': 'stretch', 'grayscale': 'luma (0.299 R + 0.587 G + 0.114 B)',
        'confidence': meta.get('confidence', 'min'), 'confidenceThreshold': meta.get('threshold', 0.8),
        'version': meta['version'], 'trainedOn': meta['trainedOn'],
    }
    with open(path_onnx[:-5] + '.json', 'w') as f:
        json.dump(side, f, indent=2)
        f.write('\n')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', nargs='+', required=True)
    ap.add_argument('--epochs', type=float, default=6)
    ap.add_argument('--bs', type=int, default=96)
    ap.add_argument('--lr', type=float, default=3e-3)
    ap.add_argument('--seed', type=int, default=11)
    ap.add_argument('--init', default=None, help='start from this checkpoint (fine-tuning)')
    ap.add_argument('--version', default='dev')
    ap.add_argument('--export', action='store_true')
    a = ap.parse_args()
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    dev = device()
    xs, ys = [], []
    for p in a.data:
        d = np.load(p)
        xs.append(d['x'])
        ys.append(d['y'])
    x, y = np.concatenate(xs), np.concatenate(ys)
    nval = min(1000, len(x) // 20)
    xv, yv, x, y = x[:nval], y[:nval], x[nval:], y[nval:]
    print(f'train {len(x)} synthetic crops, val {nval}, device {dev}')
    model = Reader().to(dev)
    if a.init:
        model.load_state_dict(torch.load(a.init, map_location='cpu'))
    print('params', sum(p.numel() for p in model.parameters()))
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=1e-4)
    steps = int(a.epochs * (len(x) // a.bs))
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=a.lr, total_steps=steps, pct_start=0.15)
    ctc = nn.CTCLoss(blank=0, zero_infinity=True)
    step, t0 = 0, time.time()
    ckpt = os.path.join(CACHE, 'reader.pt')
    while step < steps:
        model.train()
        for xb, tgt, lens in batches(x, y, a.bs, rng, dev):
            logp = F.log_softmax(model(xb), 2).permute(1, 0, 2)
            T = logp.shape[0]
            loss = ctc(logp, tgt, torch.full((xb.shape[0],), T, dtype=torch.long), lens)
            opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5)
            opt.step()
            sched.step()
            step += 1
            if step % 200 == 0:
                print(f'step {step}/{steps} loss {loss.item():.3f} {time.time() - t0:.0f}s', flush=True)
            if step >= steps:
                break
        acc = val(model, xv, yv, dev)
        print(f'epoch done at step {step}: synthetic val exact {acc:.3f}', flush=True)
        torch.save(model.state_dict(), ckpt)
    if a.export:
        os.makedirs(MODELS, exist_ok=True)
        export(model, os.path.join(MODELS, 'plate-reader.onnx'),
               {'version': a.version, 'trainedOn': f'{len(x)} synthetic plate crops (recognition/train, seed {a.seed})'})
        print('exported models/plate-reader.onnx')


def val(model, xv, yv, dev):
    from common import ctc_decode
    model.eval()
    ok = 0
    with torch.no_grad():
        for i in range(0, len(xv), 200):
            xb = ((torch.from_numpy(xv[i:i + 200]).float() / 255 - READER_MEAN) / READER_STD).unsqueeze(1).to(dev)
            out = model(xb).cpu().numpy()
            for o, t in zip(out, yv[i:i + 200]):
                ok += ctc_decode(o)[0] == t
    return ok / max(1, len(xv))


if __name__ == '__main__':
    main()
