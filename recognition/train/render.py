"""Synthetic US plate rendering: a clean plate at 320x160 with its label, then camera effects.

Everything takes a numpy Generator so a seed reproduces the data exactly.
"""
import os
import math
import numpy as np
import cv2
from PIL import Image, ImageDraw, ImageFont

from states import STATES, SPECIALTY_BG

PW, PH = 320, 160
LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
DIGITS = '0123456789'
# Serials rarely use I, O, Q; the real ground truth writes O mostly as 0.
LETTER_W = np.array([0.3 if c in 'IOQ' else 1.0 for c in LETTERS])
LETTER_W /= LETTER_W.sum()

FONT_DIRS = ['/usr/share/fonts/truetype', '/usr/share/fonts/opentype']
# Plate characters: narrow bold gothics look closest to the embossed plate fonts.
PLATE_FONTS = [
    'liberation/LiberationSansNarrow-Bold.ttf', 'liberation/LiberationSansNarrow-Regular.ttf',
    'dejavu/DejaVuSansCondensed-Bold.ttf', 'dejavu/DejaVuSansCondensed.ttf',
    'urw-base35/NimbusSansNarrow-Bold.otf', 'urw-base35/NimbusSansNarrow-Regular.otf',
    'roboto/unhinted/RobotoCondensed-Bold.ttf', 'roboto/unhinted/RobotoCondensed-Regular.ttf',
    'roboto/unhinted/RobotoCondensed-Medium.ttf',
    'bebas-neue/BebasNeue-Bold.otf', 'bebas-neue/BebasNeue-Regular.otf', 'bebas-neue/BebasNeue-Book.otf',
    'opendin/OSP-DIN.ttf', 'liberation/LiberationSans-Bold.ttf', 'freefont/FreeSansBold.ttf',
    'dejavu/DejaVuSansMono-Bold.ttf', 'liberation/LiberationMono-Bold.ttf', 'croscore/Arimo-Bold.ttf',
    'noto/NotoSans-Bold.ttf', 'dejavu/DejaVuSans-Bold.ttf',
]
# weights: the narrow bold ones most often
PLATE_FONT_W = [6, 2, 4, 1, 5, 2, 4, 2, 2, 4, 3, 1, 3, 2, 2, 1, 1, 1, 1, 1]
HEADER_FONTS = [
    'liberation/LiberationSerif-Bold.ttf', 'liberation/LiberationSerif-BoldItalic.ttf',
    'dejavu/DejaVuSerif-Bold.ttf', 'freefont/FreeSerifBoldItalic.ttf', 'freefont/FreeSerifItalic.ttf',
    'liberation/LiberationSans-Bold.ttf', 'liberation/LiberationSans-BoldItalic.ttf',
    'dejavu/DejaVuSans-Bold.ttf', 'freefont/FreeSansBold.ttf', 'liberation/LiberationSansNarrow-Bold.ttf',
    'urw-base35/NimbusSans-Bold.otf', 'noto/NotoSans-BoldItalic.ttf', 'roboto/unhinted/RobotoCondensed-Bold.ttf',
    'liberation/LiberationSerif-Regular.ttf', 'dejavu/DejaVuSerifCondensed-Bold.ttf',
]


def _find(rel):
    for d in FONT_DIRS:
        p = os.path.join(d, rel)
        if os.path.exists(p):
            return p
    return None


def available(fonts, weights=None):
    out, w = [], []
    for i, f in enumerate(fonts):
        p = _find(f)
        if p:
            out.append(p)
            w.append(weights[i] if weights else 1)
    if not out:
        raise SystemExit('no usable fonts found: apt-get install fonts-liberation fonts-dejavu-core')
    w = np.array(w, float)
    return out, w / w.sum()


PLATE_FONT_PATHS, PLATE_FONT_P = available(PLATE_FONTS, PLATE_FONT_W)
HEADER_FONT_PATHS, _ = available(HEADER_FONTS)
_font_cache = {}


def font(path, size):
    key = (path, size)
    f = _font_cache.get(key)
    if f is None:
        f = ImageFont.truetype(path, size)
        _font_cache[key] = f
    return f


def rand_text(rng, fmt):
    out = []
    for c in fmt:
        if c == 'A':
            out.append(rng.choice(list(LETTERS), p=LETTER_W))
        elif c == '9':
            out.append(DIGITS[rng.integers(10)])
        elif c == 'X':
            out.append(rng.choice(list(LETTERS + DIGITS)))
        else:
            out.append(c)
    return ''.join(out)


def rand_plate_text(rng, state):
    """Returns the printed string (with separators) for one plate."""
    r = rng.random()
    if r < 0.62:
        fmt = STATES[state][5][rng.integers(len(STATES[state][5]))]
        return rand_text(rng, fmt)
    if r < 0.85:  # vanity: 2-8 letters/digits, mostly letters, sometimes with a gap
        n = int(rng.choice([2, 3, 4, 5, 6, 7, 7, 8], p=[.03, .07, .15, .2, .25, .15, .1, .05]))
        alnum = LETTERS + DIGITS
        s = ''.join(rng.choice(list(LETTERS)) if rng.random() < 0.75 else rng.choice(list(alnum)) for _ in range(n))
        if n >= 4 and rng.random() < 0.3:
            k = int(rng.integers(1, n))
            s = s[:k] + rng.choice([' ', '-', '*']) + s[k:]
        return s
    # other random formats of any state
    st = list(STATES)[rng.integers(len(STATES))]
    fmt = STATES[st][5][rng.integers(len(STATES[st][5]))]
    return rand_text(rng, fmt)


def label_of(text):
    return ''.join(c for c in text if c.isalnum())


def _jit(rng, col, amt=25):
    d = rng.integers(-amt, amt + 1, 3)
    return tuple(min(255, max(0, int(c + e))) for c, e in zip(col, d))


def _gradient(top, bottom, h, w):
    t = np.linspace(0, 1, h)[:, None, None]
    g = np.array(top, float)[None, None] * (1 - t) + np.array(bottom, float)[None, None] * t
    return np.repeat(g, w, axis=1)


def _draw_text_fit(draw, xy_box, text, fpath, color, rng, max_size=None, anchor='mm', stroke=0):
    """Draws text centred in box (x0,y0,x1,y1), as large as fits."""
    x0, y0, x1, y1 = xy_box
    bw, bh = x1 - x0, y1 - y0
    size = max(6, int(max_size or bh))
    f = font(fpath, size)
    l, t, r, b = draw.textbbox((0, 0), text, font=f, stroke_width=stroke)
    if r - l > bw:
        size = max(6, int(size * bw / (r - l)))
        f = font(fpath, size)
    draw.text(((x0 + x1) / 2, (y0 + y1) / 2), text, font=f, fill=color, anchor=anchor, stroke_width=stroke,
              stroke_fill=color)


def _emblem(draw, rng, cx, cy, r):
    col = tuple(int(v) for v in rng.integers(0, 255, 3))
    k = rng.integers(4)
    if k == 0:
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=col)
    elif k == 1:
        pts = [(cx + r * math.cos(a), cy + r * math.sin(a)) for a in np.linspace(0, 2 * math.pi, int(rng.integers(3, 9)), endpoint=False) + rng.random()]
        draw.polygon(pts, fill=col)
    elif k == 2:  # star-ish / zia: cross of bars
        w = max(1, r // 4)
        draw.rectangle((cx - r, cy - w, cx + r, cy + w), fill=col)
        draw.rectangle((cx - w, cy - r, cx + w, cy + r), fill=col)
        draw.ellipse((cx - r // 2, cy - r // 2, cx + r // 2, cy + r // 2), fill=col)
    else:  # heart / flag-like bars
        for i in range(3):
            draw.rectangle((cx - r, cy - r + i * r * 2 // 3, cx + r, cy - r + i * r * 2 // 3 + r // 3), fill=col)


def _scenery(img, rng):
    """Faint picture behind the characters: mountains, sun, trees, waves."""
    d = ImageDraw.Draw(img, 'RGBA')
    for _ in range(int(rng.integers(1, 5))):
        col = tuple(int(v) for v in rng.integers(60, 255, 3)) + (int(rng.integers(40, 140)),)
        k = rng.integers(4)
        if k == 0:  # mountain range
            base = int(rng.integers(90, 160))
            xs = np.sort(rng.integers(0, PW, int(rng.integers(3, 8))))
            pts = [(0, base)] + [(int(x), int(base - rng.integers(10, 70))) for x in xs] + [(PW, base), (PW, PH), (0, PH)]
            d.polygon(pts, fill=col)
        elif k == 1:
            cx, cy, r = rng.integers(0, PW), rng.integers(0, PH), rng.integers(10, 60)
            d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=col)
        elif k == 2:  # band / wave
            y = int(rng.integers(0, PH))
            h = int(rng.integers(4, 30))
            pts = [(x, y + int(h * math.sin(x / rng.uniform(15, 60)))) for x in range(0, PW + 10, 10)]
            d.line(pts, fill=col, width=int(rng.integers(2, 12)))
        else:  # tree / figure on the side
            x = int(rng.choice([rng.integers(5, 60), rng.integers(PW - 60, PW - 5), rng.integers(0, PW)]))
            d.polygon([(x, 30), (x - 20, 140), (x + 20, 140)], fill=col)


def render_plate(rng, state=None, text=None):
    """Returns (RGB uint8 PW x PH plate, label, meta)."""
    if state is None:
        state = list(STATES)[rng.integers(len(STATES))]
    name, bg_t, bg_b, name_col, text_col, fmts, slogans = STATES[state]
    if text is None:
        text = rand_plate_text(rng, state)
    specialty = rng.random() < 0.25
    if specialty:
        bg_t = SPECIALTY_BG[rng.integers(len(SPECIALTY_BG))]
        bg_b = SPECIALTY_BG[rng.integers(len(SPECIALTY_BG))] if rng.random() < 0.5 else bg_t
        dark = sum(bg_t) < 380
        text_col = (235, 235, 235) if dark else tuple(int(v) for v in rng.integers(0, 120, 3))
        name_col = text_col if rng.random() < 0.5 else tuple(int(v) for v in rng.integers(0, 255, 3))
    bg = _gradient(_jit(rng, bg_t, 12), _jit(rng, bg_b, 12), PH, PW).astype(np.uint8)
    img = Image.fromarray(bg)
    if rng.random() < 0.6:
        _scenery(img, rng)
    d = ImageDraw.Draw(img)
    text_col = _jit(rng, text_col, 20)

    # header and footer
    hfont = HEADER_FONT_PATHS[rng.integers(len(HEADER_FONT_PATHS))]
    top_h = int(rng.integers(16, 32))
    if rng.random() < 0.93:
        nm = name if rng.random() < 0.8 else name.upper()
        if rng.random() < 0.15:
            nm = slogans[rng.integers(len(slogans))] or nm
        hw = int(rng.integers(120, 260))
        _draw_text_fit(d, (PW / 2 - hw / 2, 3, PW / 2 + hw / 2, 3 + top_h), nm, hfont, _jit(rng, name_col, 30), rng)
    bot_h = int(rng.integers(10, 24))
    if rng.random() < 0.8:
        sl = slogans[rng.integers(len(slogans))]
        if sl:
            sw = int(rng.integers(100, 300))
            _draw_text_fit(d, (PW / 2 - sw / 2, PH - 4 - bot_h, PW / 2 + sw / 2, PH - 4), sl,
                           HEADER_FONT_PATHS[rng.integers(len(HEADER_FONT_PATHS))],
                           _jit(rng, name_col if rng.random() < 0.5 else text_col, 30), rng)

    # stickers in the corners (month/year), sometimes with tiny digits
    for corner in range(4):
        if rng.random() < (0.45 if corner < 2 else 0.25):
            sw, sh = int(rng.integers(22, 46)), int(rng.integers(16, 30))
            x = int(rng.integers(4, 20)) if corner % 2 == 0 else PW - sw - int(rng.integers(4, 20))
            y = int(rng.integers(3, 14)) if corner < 2 else PH - sh - int(rng.integers(3, 14))
            sc = tuple(int(v) for v in rng.integers(0, 256, 3))
            d.rectangle((x, y, x + sw, y + sh), fill=sc)
            tc = (0, 0, 0) if sum(sc) > 380 else (255, 255, 255)
            st = rng.choice(['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC',
                             str(rng.integers(0, 99)).zfill(2), str(rng.integers(1990, 2025)), str(rng.integers(1, 13))])
            _draw_text_fit(d, (x + 1, y + 1, x + sw - 1, y + sh - 1), st, PLATE_FONT_PATHS[0], tc, rng)

    # main characters
    fpath = rng.choice(PLATE_FONT_PATHS, p=PLATE_FONT_P)
    char_h = int(rng.uniform(62, 92))
    cy = int(rng.uniform(78, 90))
    margin = int(rng.uniform(10, 34))
    stacked = None
    if rng.random() < 0.08:  # small stacked characters at the left, not part of the reading
        stacked = ''.join(rng.choice(list(LETTERS + DIGITS)) for _ in range(int(rng.integers(2, 4))))
    x_left = margin + (28 if stacked else 0)
    avail = PW - x_left - margin
    parts = _layout_chars(d, text, fpath, char_h, avail, rng)
    total = sum(p[1] for p in parts)
    scale = min(1.0, avail / max(total, 1))
    f = font(fpath, max(8, int(char_h * scale)))
    # start x so the string is centred in the available room
    x = x_left + (avail - total * scale) / 2
    bold = int(rng.integers(0, 3)) if rng.random() < 0.4 else 0
    emb = rng.random() < 0.3
    for ch, w in parts:
        w *= scale
        if ch == '*':
            _emblem(d, rng, int(x + w / 2), cy, int(char_h * scale * 0.28))
        elif ch == '.':
            r = max(2, int(char_h * scale * 0.06))
            d.ellipse((x + w / 2 - r, cy - r, x + w / 2 + r, cy + r), fill=text_col)
        elif ch == '-':
            hh = max(2, int(char_h * scale * 0.07))
            d.rectangle((x + w * 0.15, cy - hh, x + w * 0.85, cy + hh), fill=text_col)
        elif ch != ' ':
            if emb:  # embossed edge: a light and a dark offset copy
                d.text((x + w / 2 - 1, cy - 1), ch, font=f, fill=_jit(rng, (255, 255, 255), 10), anchor='mm', stroke_width=bold)
                d.text((x + w / 2 + 1, cy + 1), ch, font=f, fill=(40, 40, 40), anchor='mm', stroke_width=bold)
            d.text((x + w / 2, cy), ch, font=f, fill=text_col, anchor='mm', stroke_width=bold, stroke_fill=text_col)
        x += w
    if stacked:
        sh = int(char_h * scale / len(stacked)) - 1
        sf = font(PLATE_FONT_PATHS[0], max(8, sh))
        sx = margin + 10
        for i, ch in enumerate(stacked):
            d.text((sx, cy - char_h * scale / 2 + sh * (i + 0.5)), ch, font=sf, fill=text_col, anchor='mm')

    # bolt holes and an optional frame
    if rng.random() < 0.5:
        for bx in (int(PW * 0.25), int(PW * 0.75)):
            for by in (14, PH - 14):
                if rng.random() < 0.7:
                    d.ellipse((bx - 5, by - 4, bx + 5, by + 4), fill=tuple(int(v) for v in rng.integers(60, 220, 3)))
    arr = np.array(img)
    if rng.random() < 0.35:  # plate frame: thick border, maybe dealer text on the bottom bar
        fc = tuple(int(v) for v in rng.integers(0, 255, 3)) if rng.random() < 0.5 else (20, 20, 20)
        t = int(rng.integers(3, 10))
        bt = int(rng.integers(t, 26))
        cv2.rectangle(arr, (0, 0), (PW - 1, PH - 1), fc, t * 2)
        arr[PH - bt:] = fc
        if bt > 12 and rng.random() < 0.6:
            im2 = Image.fromarray(arr)
            d2 = ImageDraw.Draw(im2)
            dealer = ''.join(rng.choice(list(LETTERS + ' '), size=int(rng.integers(6, 20))))
            _draw_text_fit(d2, (40, PH - bt + 1, PW - 40, PH - 1), dealer, HEADER_FONT_PATHS[0],
                           (230, 230, 230) if sum(fc) < 380 else (20, 20, 20), rng)
            arr = np.array(im2)
    return arr, label_of(text), {'state': state, 'text': text}


def _layout_chars(d, text, fpath, char_h, avail, rng):
    f = font(fpath, char_h)
    spacing = rng.uniform(-0.02, 0.12) * char_h
    parts = []
    for ch in text:
        if ch == ' ':
            parts.append((ch, char_h * rng.uniform(0.15, 0.45)))
        elif ch == '*':
            parts.append((ch, char_h * rng.uniform(0.45, 0.7)))
        elif ch in '-.':
            parts.append((ch, char_h * rng.uniform(0.25, 0.4)))
        else:
            l, t, r, b = d.textbbox((0, 0), ch, font=f, anchor='lt')
            parts.append((ch, (r - l) + spacing))
    # Monospace-ish spread on some plates: space out short strings
    total = sum(p[1] for p in parts)
    if total < avail * 0.7 and rng.random() < 0.5:
        k = (avail * rng.uniform(0.75, 0.95)) / total
        parts = [(c, w * k) if c.isalnum() else (c, w * k) for c, w in parts]
    return parts


# ---------------------------------------------------------------- camera effects

def perspective_warp(rng, plate, surround=None, max_skew=0.08, max_rot=4, margin=(-0.03, 0.12)):
    """Puts the plate on a surround (car body) under a random perspective and crops the plate region
    with a random margin, like a detector box. Returns an RGB image."""
    h, w = plate.shape[:2]
    pad = int(max(h, w) * 0.25)
    if surround is None:
        col = rng.integers(0, 256, 3)
        surround = np.empty((h + 2 * pad, w + 2 * pad, 3), np.uint8)
        surround[:] = col
        surround = np.clip(surround.astype(np.int16) + rng.integers(-20, 20, surround.shape[:2])[..., None], 0, 255).astype(np.uint8)
        # bumper edges / shadows around the plate
        for _ in range(int(rng.integers(0, 4))):
            y = int(rng.integers(0, surround.shape[0]))
            cv2.line(surround, (0, y), (surround.shape[1], y + int(rng.integers(-20, 20))),
                     tuple(int(v) for v in rng.integers(0, 256, 3)), int(rng.integers(2, 12)))
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    j = rng.uniform(-max_skew, max_skew, (4, 2)) * np.array([w, h]) * 0.5
    ang = math.radians(rng.uniform(-max_rot, max_rot))
    c = np.array([w / 2, h / 2])
    R = np.array([[math.cos(ang), -math.sin(ang)], [math.sin(ang), math.cos(ang)]])
    dst = ((src - c) @ R.T + c + j + pad).astype(np.float32)
    M = cv2.getPerspectiveTransform(src, dst)
    big = surround.copy()
    warped = cv2.warpPerspective(plate, M, (big.shape[1], big.shape[0]), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), M, (big.shape[1], big.shape[0]))
    big = np.where(mask[..., None] > 127, warped, big)
    x0, y0 = dst.min(0)
    x1, y1 = dst.max(0)
    bw, bh = x1 - x0, y1 - y0
    ml, mr = rng.uniform(*margin, 2) * bw
    mt, mb = rng.uniform(*margin, 2) * bh
    cx0, cy0 = int(max(0, x0 - ml)), int(max(0, y0 - mt))
    cx1, cy1 = int(min(big.shape[1], x1 + mr)), int(min(big.shape[0], y1 + mb))
    return big[cy0:cy1, cx0:cx1]


def camera_effects(rng, img):
    """Photometric degradations on an RGB crop; returns RGB uint8."""
    img = img.astype(np.float32)
    h, w = img.shape[:2]
    # shadow over part of the plate
    if rng.random() < 0.2:
        x = int(rng.integers(0, w))
        m = np.ones((h, w), np.float32)
        m[:, x:] *= rng.uniform(0.4, 0.8)
        if rng.random() < 0.5:
            m = m[:, ::-1]
        img *= m[..., None]
    # glare: a bright blob
    if rng.random() < 0.2:
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        s = rng.uniform(0.1, 0.5) * w
        g = np.exp(-((np.arange(w)[None] - cx) ** 2 + (np.arange(h)[:, None] - cy) ** 2) / (2 * s * s))
        img += g[..., None] * rng.uniform(60, 200)
    # dirt: dark blotches
    if rng.random() < 0.25:
        m = np.zeros((h, w), np.float32)
        for _ in range(int(rng.integers(2, 12))):
            cv2.circle(m, (int(rng.integers(0, w)), int(rng.integers(0, h))), int(rng.integers(2, max(3, w // 8))), float(rng.uniform(0.2, 0.6)), -1)
        m = cv2.GaussianBlur(m, (0, 0), max(1, w / 60))
        img *= (1 - m[..., None])
    # brightness / contrast / gamma / colour cast
    img = img * rng.uniform(0.6, 1.3) + rng.uniform(-40, 40)
    img *= rng.uniform(0.85, 1.15, 3)[None, None]
    img = np.clip(img, 0, 255)
    if rng.random() < 0.5:
        img = 255 * (img / 255) ** rng.uniform(0.6, 1.6)
    # night IR-like: grey, hard contrast, bright background, faint print
    if rng.random() < 0.08:
        g = img.mean(2)
        g = np.clip((g - g.mean()) * rng.uniform(1.5, 3) + rng.uniform(140, 200), 0, 255)
        img = np.repeat(g[..., None], 3, 2)
    if rng.random() < 0.03:
        img = 255 - img
    img = img.astype(np.uint8)
    # blur: defocus or motion
    r = rng.random()
    if r < 0.25:
        img = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.5, 2.0) * w / 200)
    elif r < 0.35:
        k = int(rng.integers(3, max(4, w // 25)))
        kern = np.zeros((k, k), np.float32)
        kern[k // 2] = 1 / k
        M = cv2.getRotationMatrix2D((k / 2 - 0.5, k / 2 - 0.5), float(rng.uniform(-30, 30)), 1)
        kern = cv2.warpAffine(kern, M, (k, k))
        kern /= max(kern.sum(), 1e-6)
        img = cv2.filter2D(img, -1, kern)
    # low resolution: shrink then enlarge
    if rng.random() < 0.35:
        s = rng.uniform(0.2, 0.6)
        small = cv2.resize(img, (max(8, int(w * s)), max(4, int(h * s))), interpolation=cv2.INTER_AREA)
        img = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
    # noise
    if rng.random() < 0.5:
        img = np.clip(img.astype(np.float32) + rng.normal(0, rng.uniform(2, 12), img.shape), 0, 255).astype(np.uint8)
    # JPEG
    if rng.random() < 0.6:
        ok, buf = cv2.imencode('.jpg', img, [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(15, 90))])
        img = cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)
    return img


def reader_sample(rng, W, H):
    """One grayscale reader input (H x W uint8) and its label."""
    plate, label, meta = render_plate(rng)
    # scale the plate to a real-crop-like size before warping (crops are 60..320 px wide)
    s = rng.uniform(0.3, 1.0)
    plate = cv2.resize(plate, (int(PW * s), int(PH * s)), interpolation=cv2.INTER_AREA)
    if rng.random() < 0.15:  # a few strongly tilted ones
        crop = perspective_warp(rng, plate, max_skew=0.15, max_rot=9)
    else:
        crop = perspective_warp(rng, plate)
    if crop.shape[1] > 2 * W:  # effects at about twice the model's resolution: cheaper, same result
        crop = cv2.resize(crop, (2 * W, max(4, int(crop.shape[0] * 2 * W / crop.shape[1]))), interpolation=cv2.INTER_AREA)
    crop = camera_effects(rng, crop)
    g = cv2.cvtColor(crop, cv2.COLOR_RGB2GRAY)
    g = cv2.resize(g, (W, H), interpolation=cv2.INTER_AREA)
    return g, label
