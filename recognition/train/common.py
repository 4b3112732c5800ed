"""Shared helpers: device choice, CTC decoding, real-data readers for evaluation."""
import csv
import os

import numpy as np
import torch

from models import ALPHABET

DATA = os.environ.get('PLATEKEEPER_EVAL_DATA',
                      os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared', 'data'))
HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.join(HERE, '..', '..', 'models')
CACHE = os.path.join(HERE, '.cache')


def device():
    if torch.cuda.is_available():
        return torch.device('cuda')
    torch.set_num_threads(int(os.environ.get('TRAIN_THREADS', '2')))
    return torch.device('cpu')


def encode(label):
    return [ALPHABET.index(c) + 1 for c in label]


def ctc_decode(logits):
    """Greedy CTC on [T,C] logits -> (text, per-character confidences), the same as the Node side:
    softmax, argmax per frame, merge repeats, drop blanks; a character's confidence is the highest
    probability among the frames that produced it."""
    e = np.exp(logits - logits.max(1, keepdims=True))
    p = e / e.sum(1, keepdims=True)
    best = p.argmax(1)
    text, conf = [], []
    prev = 0
    for t, k in enumerate(best):
        if k != 0 and k != prev:
            text.append(ALPHABET[k - 1])
            conf.append(p[t, k])
        elif k != 0 and k == prev:
            conf[-1] = max(conf[-1], p[t, k])
        prev = k
    return ''.join(text), conf


def real_crops():
    """[(path, state, plate)] of the evaluation crops, or None when the data is absent."""
    d = os.path.join(DATA, 'us-plate-crops')
    gt = os.path.join(d, 'groundtruth.csv')
    if not os.path.exists(gt):
        return None
    with open(gt) as f:
        return [(os.path.join(d, r[0]), r[1], r[2]) for r in csv.reader(f) if r]


def real_scenes():
    d = os.path.join(DATA, 'us-scenes-dev')
    if not os.path.isdir(d):
        return None
    out = []
    for n in sorted(os.listdir(d)):
        if n.endswith('.txt'):
            boxes = []
            img = None
            with open(os.path.join(d, n)) as f:
                for line in f:
                    p = line.rstrip('\n').split('\t')
                    if len(p) >= 6:
                        img = p[0]
                        boxes.append((int(p[1]), int(p[2]), int(p[3]), int(p[4]), p[5]))
            out.append((os.path.join(d, img or n[:-4] + '.jpg'), boxes))
    return out
