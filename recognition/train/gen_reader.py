"""Generates the reader's synthetic training set into .cache/reader-<n>.npz (seeded, in shards of
1000 so the result does not depend on the number of worker processes)."""
import argparse
import os
import sys
from multiprocessing import Pool

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from models import READER_H, READER_W  # noqa: E402

SHARD = 1000


def shard(args):
    seed, i = args
    from render import reader_sample
    rng = np.random.default_rng([seed, i])
    xs = np.empty((SHARD, READER_H, READER_W), np.uint8)
    ys = []
    for k in range(SHARD):
        xs[k], y = reader_sample(rng, READER_W, READER_H)
        ys.append(y)
    return xs, ys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--count', type=int, default=100000)
    ap.add_argument('--seed', type=int, default=11)
    ap.add_argument('--workers', type=int, default=2)
    ap.add_argument('--out', default=os.path.join(os.path.dirname(os.path.abspath(__file__)), '.cache'))
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    path = os.path.join(a.out, f'reader-{a.seed}-{a.count}.npz')
    if os.path.exists(path):
        print('reuse', path)
        return
    n = (a.count + SHARD - 1) // SHARD
    with Pool(a.workers) as p:
        res = p.map(shard, [(a.seed, i) for i in range(n)], chunksize=1)
    xs = np.concatenate([r[0] for r in res])
    ys = np.array([y for r in res for y in r[1]])
    np.savez(path, x=xs, y=ys)
    print('wrote', path, xs.shape)


if __name__ == '__main__':
    main()
