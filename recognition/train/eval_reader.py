"""Evaluates the reader on the real crops (evaluation only, never trained on): exact plate accuracy
(strict and with O/0 merged), character accuracy (1 - edit distance / length), accuracy above and
below the confidence threshold, speed, and the commonest confusions."""
import argparse
import collections
import os
import sys
import time

import cv2
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import CACHE, ctc_decode, real_crops  # noqa: E402
from models import READER_H, READER_MEAN, READER_STD, READER_W, Reader  # noqa: E402


def prep(bgr):
    g = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    g = cv2.resize(g, (READER_W, READER_H), interpolation=cv2.INTER_AREA)
    return (g.astype(np.float32) / 255 - READER_MEAN) / READER_STD


def edit(a, b):
    d = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        prev, d[0] = d[0], i
        for j in range(1, len(b) + 1):
            cur = d[j]
            d[j] = min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] != b[j - 1]))
            prev = cur
    return d[len(b)]


def load(path):
    m = Reader()
    m.load_state_dict(torch.load(path, map_location='cpu'))
    return m.eval()


def read_all(model, imgs):
    torch.set_num_threads(2)
    x = torch.from_numpy(np.stack([prep(i) for i in imgs])[:, None])
    with torch.no_grad():
        out = torch.cat([model(x[i:i + 128]) for i in range(0, len(x), 128)]).numpy()
    return [ctc_decode(o) for o in out]


def report(preds, truths, states, threshold=0.8, show=15):
    n = len(truths)
    m0 = lambda s: s.replace('O', '0')  # noqa: E731
    exact = sum(p == t for (p, _), t in zip(preds, truths))
    exact0 = sum(m0(p) == m0(t) for (p, _), t in zip(preds, truths))
    chars = sum(len(t) for t in truths)
    cerr = sum(edit(p, t) for (p, _), t in zip(preds, truths))
    cerr0 = sum(edit(m0(p), m0(t)) for (p, _), t in zip(preds, truths))
    print(f'plates {n}: exact {exact / n:.1%} (O/0 merged {exact0 / n:.1%}); '
          f'character accuracy {1 - cerr / chars:.1%} (O/0 merged {1 - cerr0 / chars:.1%})')
    for agg in ('min', 'mean'):
        conf = [(min(c) if agg == 'min' else float(np.mean(c))) if c else 0.0 for _, c in preds]
        hi = [i for i in range(n) if conf[i] >= threshold]
        lo = [i for i in range(n) if conf[i] < threshold]
        f = lambda ix: sum(m0(preds[i][0]) == m0(truths[i]) for i in ix) / max(1, len(ix))  # noqa: E731
        print(f'  confidence={agg} threshold {threshold}: {len(hi)} above, exact(O/0) {f(hi):.1%}; '
              f'{len(lo)} below, exact(O/0) {f(lo):.1%}')
    conf = collections.Counter()
    for (p, _), t in zip(preds, truths):
        if len(p) == len(t):
            for a, b in zip(t, p):
                if a != b:
                    conf[f'{a}->{b}'] += 1
        elif p != t:
            conf['length ' + ('short' if len(p) < len(t) else 'long')] += 1
    print('  confusions:', ', '.join(f'{k} {v}' for k, v in conf.most_common(20)))
    bys = collections.defaultdict(lambda: [0, 0])
    for (p, _), t, s in zip(preds, truths, states):
        bys[s][0] += m0(p) == m0(t)
        bys[s][1] += 1
    worst = sorted(bys.items(), key=lambda kv: kv[1][0] / kv[1][1])[:12]
    print('  weakest states:', ', '.join(f'{s} {a}/{b}' for s, (a, b) in worst))
    return exact / n, exact0 / n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--ckpt', default=os.path.join(CACHE, 'reader.pt'))
    ap.add_argument('--show', type=int, default=0, help='print this many misreads')
    a = ap.parse_args()
    rows = real_crops()
    if rows is None:
        print('real crops not found (../shared/data/us-plate-crops): skipping the real-data evaluation')
        return
    model = load(a.ckpt)
    imgs = [cv2.imread(p) for p, _, _ in rows]
    preds = read_all(model, imgs)
    truths = [t for _, _, t in rows]
    report(preds, truths, [s for _, s, _ in rows])
    if a.show:
        k = 0
        for (p, c), (path, s, t) in zip(preds, rows):
            if p.replace('O', '0') != t.replace('O', '0') and k < a.show:
                print(f'    {os.path.basename(path)} truth {t} read {p} conf {min(c) if c else 0:.2f}')
                k += 1
    # speed: one crop at a time, as the server does
    x = torch.from_numpy(prep(imgs[0])[None, None])
    with torch.no_grad():
        for _ in range(5):
            model(x)
        t = time.perf_counter()
        for _ in range(100):
            model(x)
    print(f'  torch CPU speed: {(time.perf_counter() - t) * 10:.2f} ms per crop (batch 1, 2 threads, shared machine)')


if __name__ == '__main__':
    main()
