"""Synthetic street scenes for the detector: a frame of random aspect letterboxed into S x S
(top-left, grey 0.5 padding, as at inference), procedural background, vehicles with plates,
distractors (signs with text, plate-less rectangles), then camera effects."""
import math

import cv2
import numpy as np
from PIL import Image, ImageDraw

from render import HEADER_FONT_PATHS, LETTERS, PLATE_FONT_PATHS, _draw_text_fit, perspective_warp, render_plate

ASPECTS = [(16, 9), (4, 3), (1, 1), (3, 2), (9, 16), (3, 4)]


def _col(rng, lo=0, hi=256):
    return tuple(int(v) for v in rng.integers(lo, hi, 3))


def _background(rng, w, h):
    img = Image.new('RGB', (w, h), _col(rng))
    d = ImageDraw.Draw(img)
    hor = int(h * rng.uniform(0.2, 0.6))
    sky = np.array(_col(rng, 120, 256), float)
    ground = np.array(_col(rng, 40, 160), float)
    arr = np.zeros((h, w, 3), np.float32)
    t = np.linspace(0, 1, hor)[:, None]
    arr[:hor] = (sky * (1 - t * 0.4))[:, None, :]
    arr[hor:] = ground
    img = Image.fromarray(arr.astype(np.uint8))
    d = ImageDraw.Draw(img)
    # buildings with window grids
    for _ in range(int(rng.integers(0, 7))):
        bx, bw = int(rng.integers(-50, w)), int(rng.integers(30, max(40, w // 2)))
        by = int(rng.integers(0, hor + 10))
        c = _col(rng, 40, 230)
        d.rectangle((bx, by, bx + bw, hor + int(rng.integers(0, 40))), fill=c)
        if rng.random() < 0.6:
            ww, wh = int(rng.integers(4, 20)), int(rng.integers(4, 20))
            wc = _col(rng, 0, 200)
            for yy in range(by + 5, hor, wh * 2):
                for xx in range(bx + 5, bx + bw - ww, ww * 2):
                    d.rectangle((xx, yy, xx + ww, yy + wh), fill=wc)
    # trees and poles
    for _ in range(int(rng.integers(0, 6))):
        x, y, r = int(rng.integers(0, w)), int(rng.integers(0, hor + 20)), int(rng.integers(10, 80))
        d.ellipse((x - r, y - r, x + r, y + r), fill=(int(rng.integers(20, 90)), int(rng.integers(60, 150)), int(rng.integers(20, 80))))
    for _ in range(int(rng.integers(0, 4))):
        x = int(rng.integers(0, w))
        d.line((x, int(rng.integers(0, hor)), x, h), fill=_col(rng, 30, 200), width=int(rng.integers(2, 10)))
    # road markings, curbs
    for _ in range(int(rng.integers(0, 6))):
        y = int(rng.integers(hor, h))
        d.line((int(rng.integers(-w, w)), y, int(rng.integers(0, 2 * w)), y + int(rng.integers(-80, 80))),
               fill=_col(rng, 150, 256) if rng.random() < 0.5 else (230, 200, 40), width=int(rng.integers(2, 10)))
    return img, hor


def _sign(rng, d, w, h):
    """Text on a rectangle: the commonest false positive for a plate detector."""
    sw = int(rng.integers(20, max(24, w // 3)))
    sh = int(sw * rng.uniform(0.2, 0.9))
    x, y = int(rng.integers(-sw // 2, w)), int(rng.integers(-sh // 2, h))
    bg = _col(rng)
    d.rectangle((x, y, x + sw, y + sh), fill=bg)
    fg = (0, 0, 0) if sum(bg) > 380 else (255, 255, 255)
    txt = ''.join(rng.choice(list(LETTERS + '0123456789 '), size=int(rng.integers(2, 12))))
    fonts = PLATE_FONT_PATHS + HEADER_FONT_PATHS
    _draw_text_fit(d, (x + 2, y + 2, x + sw - 2, y + sh - 2), txt, fonts[rng.integers(len(fonts))], fg, rng)


def _vehicle(rng, img, cx, bottom, vw, plate_w):
    """Draws a car seen from the back or front; returns the (x, y) centre where the plate goes."""
    d = ImageDraw.Draw(img)
    vh = int(vw * rng.uniform(0.6, 0.95))
    x0, y0, x1, y1 = cx - vw // 2, bottom - vh, cx + vw // 2, bottom
    body = _col(rng)
    r = int(vw * 0.08)
    d.rounded_rectangle((x0, y0 + vh * 0.1, x1, y1), radius=r, fill=body)
    # window
    wc = _col(rng, 0, 90)
    d.polygon([(x0 + vw * 0.12, y0 + vh * 0.45), (x0 + vw * 0.22, y0), (x1 - vw * 0.22, y0), (x1 - vw * 0.12, y0 + vh * 0.45)], fill=wc)
    # lights
    lc = (int(rng.integers(150, 256)), int(rng.integers(0, 80)), int(rng.integers(0, 60))) if rng.random() < 0.6 else _col(rng, 180, 256)
    ly = y0 + vh * rng.uniform(0.5, 0.62)
    lw, lh = vw * rng.uniform(0.1, 0.2), vh * rng.uniform(0.06, 0.14)
    d.rectangle((x0 + vw * 0.04, ly, x0 + vw * 0.04 + lw, ly + lh), fill=lc)
    d.rectangle((x1 - vw * 0.04 - lw, ly, x1 - vw * 0.04, ly + lh), fill=lc)
    # bumper
    by = y0 + vh * rng.uniform(0.75, 0.85)
    d.rectangle((x0, by, x1, by + vh * 0.08), fill=_col(rng, 0, 120))
    # wheels
    for wx in (x0 + vw * 0.05, x1 - vw * 0.25):
        d.rectangle((wx, y1 - vh * 0.05, wx + vw * 0.2, y1 + vh * 0.08), fill=(20, 20, 20))
    # grille or badge sometimes
    if rng.random() < 0.5:
        d.rectangle((cx - vw * 0.15, ly, cx + vw * 0.15, ly + lh), fill=_col(rng, 0, 120))
    py = y0 + vh * rng.uniform(0.62, 0.8)
    return cx + int(rng.uniform(-0.08, 0.08) * vw), int(py)


def _effects(rng, arr):
    a = arr.astype(np.float32)
    a = a * rng.uniform(0.5, 1.3) + rng.uniform(-40, 40)
    a *= rng.uniform(0.85, 1.15, 3)[None, None]
    a = np.clip(a, 0, 255)
    if rng.random() < 0.1:  # night
        a = a * rng.uniform(0.2, 0.5)
    if rng.random() < 0.1:  # IR greyscale
        a = np.repeat(a.mean(2, keepdims=True), 3, 2)
    a = a.astype(np.uint8)
    if rng.random() < 0.3:
        a = cv2.GaussianBlur(a, (0, 0), rng.uniform(0.4, 1.5))
    if rng.random() < 0.5:
        a = np.clip(a.astype(np.float32) + rng.normal(0, rng.uniform(2, 10), a.shape), 0, 255).astype(np.uint8)
    if rng.random() < 0.6:
        ok, buf = cv2.imencode('.jpg', a, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(30, 95))])
        a = cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)
    return a


def scene(rng, S=512):
    """Returns (RGB uint8 S x S letterboxed frame, boxes [[x0,y0,x1,y1], ...] in that frame)."""
    aw, ah = ASPECTS[rng.integers(len(ASPECTS))] if rng.random() < 0.9 else (int(rng.integers(1, 20)), int(rng.integers(1, 20)))
    if aw >= ah:
        w, h = S, max(32, int(S * ah / aw))
    else:
        w, h = max(32, int(S * aw / ah)), S
    img, hor = _background(rng, w, h)
    d = ImageDraw.Draw(img)
    for _ in range(int(rng.integers(0, 5))):
        _sign(rng, d, w, h)
    boxes = []
    n = int(rng.choice([0, 1, 1, 1, 2, 2, 3, 4]))
    placed = []
    for _ in range(n):
        # plate widths at this scale: mostly 16..80 px, a few up to 260 (close-ups)
        pw = float(np.exp(rng.uniform(math.log(14), math.log(90)))) if rng.random() < 0.85 else rng.uniform(90, 260)
        pw = min(pw, w * 0.8)
        vw = int(pw * rng.uniform(3.5, 6))
        cx = int(rng.integers(0, w))
        bottom = int(rng.integers(int(h * 0.3), h + vw // 3))
        # no overlapping vehicles, so no plate is painted over by a later one
        if any(abs(cx - px) < (vw + pv) / 2 and abs(bottom - pb) < (vw + pv) * 0.5 for px, pb, pv, _ in placed):
            continue
        placed.append((cx, bottom, vw, pw))
    placed.sort(key=lambda p: p[1])
    for cx, bottom, vw, pw in placed:
        if rng.random() < 0.9:
            px, py = _vehicle(rng, img, cx, bottom, vw, pw)
        else:  # a plate on its own (held, on a wall, crop edge)
            px, py = cx, int(rng.integers(0, h))
        plate, _, _ = render_plate(rng)
        ph = pw * rng.uniform(0.45, 0.56)
        plate = cv2.resize(plate, (max(4, int(pw * 1.0)), max(2, int(ph))), interpolation=cv2.INTER_AREA)
        # perspective: warp with a transparent surround via a mask
        crop, quad = _warp_plate(rng, plate)
        ch, cw = crop.shape[:2]
        x0, y0 = int(px - cw / 2), int(py - ch / 2)
        base = np.array(img)
        m = quad
        xs0, ys0 = max(0, x0), max(0, y0)
        xs1, ys1 = min(w, x0 + cw), min(h, y0 + ch)
        if xs1 - xs0 < 3 or ys1 - ys0 < 2:
            continue
        sub = base[ys0:ys1, xs0:xs1]
        cs = crop[ys0 - y0:ys1 - y0, xs0 - x0:xs1 - x0]
        ms = m[ys0 - y0:ys1 - y0, xs0 - x0:xs1 - x0, None] / 255.0
        base[ys0:ys1, xs0:xs1] = (sub * (1 - ms) + cs * ms).astype(np.uint8)
        img = Image.fromarray(base)
        d = ImageDraw.Draw(img)
        yy, xx = np.nonzero(m > 127)
        if len(xx) == 0:
            continue
        bx0, by0, bx1, by1 = x0 + xx.min(), y0 + yy.min(), x0 + xx.max() + 1, y0 + yy.max() + 1
        # keep plates that are mostly inside the frame
        vis = (min(bx1, w) - max(bx0, 0)) * (min(by1, h) - max(by0, 0)) / max(1, (bx1 - bx0) * (by1 - by0))
        if vis > 0.6:
            boxes.append([max(0, bx0), max(0, by0), min(w, bx1), min(h, by1)])
    arr = _effects(rng, np.array(img))
    out = np.full((S, S, 3), 127, np.uint8)
    out[:h, :w] = arr
    return out, np.array(boxes, np.float32).reshape(-1, 4)


def _warp_plate(rng, plate):
    h, w = plate.shape[:2]
    pad = max(2, int(0.3 * max(h, w)))
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    j = rng.uniform(-0.1, 0.1, (4, 2)) * np.array([w, h])
    ang = math.radians(rng.uniform(-10, 10))
    c = np.array([w / 2, h / 2])
    R = np.array([[math.cos(ang), -math.sin(ang)], [math.sin(ang), math.cos(ang)]])
    dst = ((src - c) @ R.T + c + j + pad).astype(np.float32)
    M = cv2.getPerspectiveTransform(src, dst)
    size = (w + 2 * pad, h + 2 * pad)
    crop = cv2.warpPerspective(plate, M, size, flags=cv2.INTER_LINEAR)
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), M, size)
    return crop, mask
