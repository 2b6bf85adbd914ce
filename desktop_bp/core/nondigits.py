"""Drawings that are NOT digits, made the way a person draws on the canvas.

The network has only ever seen digits, so it names a digit for anything it is shown: a zig-zag
scribble, a capital A, a triangle. To teach the app to say "not a digit", and to measure how often
it does, we need many such drawings. :func:`make_nondigit` draws one, seeded, as dark strokes with
a round pen on a white ``canvas`` x ``canvas`` sheet (280 px like the app's canvas by default),
so it goes through exactly the same preprocessing as a drawing (:func:`~desktop_bp.core.
preprocess.to_mnist_input`).

Kinds (see :data:`KINDS`):

- ``letter``: capital and small letters and a few symbols drawn as pen strokes, each jittered
  (rotation, slant, aspect, wobbly strokes). Letters that look like digits (O, o, I, l, S, Z, B,
  G, b, g, q, z, s) are left out on purpose: a drawn "O" *is* a reasonable 0;
- ``scribble``: zig-zags, random walks, tangled curves, loose dots;
- ``shape``: squares, rectangles, triangles, diamonds, stars, crosses, hearts, spirals,
  horizontal lines and waves, concentric or crossed circles (a plain circle or ellipse is a 0
  and a plain vertical line a 1, so they are not here).

:func:`digit_union` (two MNIST digits drawn on top of each other or side by side) makes harder
non-digits for training a detector; it is not part of the measured set.

Everything is plain NumPy; the only randomness is the ``np.random.Generator`` passed in.
"""

from __future__ import annotations

import numpy as np

CANVAS = 280
PEN_FRACTION = 1 / 14          # the canvas's default pen width / side

KINDS = ("letter", "scribble", "shape")


# -- rendering -------------------------------------------------------------------------------

def render_strokes(strokes, *, canvas=CANVAS, pen=None):
    """Strokes (each an (k, 2) array of (x, y) canvas pixels, k >= 1) -> (canvas, canvas) uint8,
    dark round-capped strokes of width ``pen`` on white, with a one-pixel anti-aliased edge."""
    pen = canvas * PEN_FRACTION if pen is None else float(pen)
    radius = pen / 2.0
    ink = np.zeros((canvas, canvas), dtype=np.float64)
    for stroke in strokes:
        points = np.asarray(stroke, dtype=np.float64).reshape(-1, 2)
        if len(points) == 1:
            points = np.vstack([points, points])
        for p, q in zip(points[:-1], points[1:]):
            lo = np.floor(np.minimum(p, q) - radius - 1).astype(int)
            hi = np.ceil(np.maximum(p, q) + radius + 1).astype(int)
            x0, y0 = max(lo[0], 0), max(lo[1], 0)
            x1, y1 = min(hi[0], canvas), min(hi[1], canvas)
            if x0 >= x1 or y0 >= y1:
                continue
            ys, xs = np.mgrid[y0:y1, x0:x1]
            px, py = xs + 0.5 - p[0], ys + 0.5 - p[1]
            d = q - p
            length2 = float(d @ d)
            t = np.clip((px * d[0] + py * d[1]) / length2, 0.0, 1.0) if length2 > 0 else 0.0
            dist = np.hypot(px - t * d[0], py - t * d[1])
            cover = np.clip(radius + 0.5 - dist, 0.0, 1.0)
            np.maximum(ink[y0:y1, x0:x1], cover, out=ink[y0:y1, x0:x1])
    return np.round(255 * (1.0 - ink)).astype(np.uint8)


def _arc(cx, cy, rx, ry, start, stop, n=16):
    """Points of an elliptical arc (angles in degrees, y down, 0 = right, 90 = down)."""
    a = np.deg2rad(np.linspace(start, stop, n))
    return np.column_stack([cx + rx * np.cos(a), cy + ry * np.sin(a)])


def _pts(*xy):
    return np.array(xy, dtype=np.float64).reshape(-1, 2)


# Letters and symbols in a unit box (x right, y down; about 0..1 each), as lists of strokes.
_GLYPHS = {
    "A": [_pts(0, 1, .5, 0, 1, 1), _pts(.22, .6, .78, .6)],
    "C": [_arc(.55, .5, .45, .5, 320, 40, 20)],
    "E": [_pts(1, 0, 0, 0, 0, 1, 1, 1), _pts(0, .5, .75, .5)],
    "F": [_pts(1, 0, 0, 0, 0, 1), _pts(0, .5, .75, .5)],
    "H": [_pts(0, 0, 0, 1), _pts(1, 0, 1, 1), _pts(0, .5, 1, .5)],
    "K": [_pts(0, 0, 0, 1), _pts(1, 0, 0, .55), _pts(.3, .4, 1, 1)],
    "M": [_pts(0, 1, 0, 0, .5, .6, 1, 0, 1, 1)],
    "N": [_pts(0, 1, 0, 0, 1, 1, 1, 0)],
    "P": [_pts(0, 1, 0, 0), np.vstack([_pts(0, 0), _arc(.45, .27, .5, .27, -90, 90), _pts(0, .54)])],
    "R": [_pts(0, 1, 0, 0), np.vstack([_pts(0, 0), _arc(.45, .25, .5, .25, -90, 90), _pts(0, .5)]),
          _pts(.35, .5, 1, 1)],
    "T": [_pts(0, 0, 1, 0), _pts(.5, 0, .5, 1)],
    "U": [np.vstack([_pts(0, 0), _arc(.5, .6, .5, .4, 180, 0), _pts(1, 0)])],
    "V": [_pts(0, 0, .5, 1, 1, 0)],
    "W": [_pts(0, 0, .25, 1, .5, .35, .75, 1, 1, 0)],
    "X": [_pts(0, 0, 1, 1), _pts(1, 0, 0, 1)],
    "Y": [_pts(0, 0, .5, .5, 1, 0), _pts(.5, .5, .5, 1)],
    "D": [_pts(0, 0, 0, 1), np.vstack([_pts(0, 0), _arc(.4, .5, .6, .5, -90, 90), _pts(0, 1)])],
    "J": [_pts(.3, 0, 1, 0), np.vstack([_pts(.7, 0), _arc(.4, .7, .3, .3, 0, 160)])],
    "L": [_pts(0, 0, 0, 1, .8, 1)],
    "a": [np.vstack([_arc(.4, .65, .4, .35, -20, 340, 24)]), _pts(.8, .3, .8, 1)],
    "e": [np.vstack([_pts(0, .55, 1, .55), _arc(.5, .6, .5, .4, 0, -300, 24)])],
    "h": [_pts(0, 0, 0, 1), np.vstack([_arc(.45, .55, .45, .25, 180, 360), _pts(.9, 1)])],
    "k": [_pts(0, 0, 0, 1), _pts(.8, .35, 0, .7), _pts(.3, .6, .9, 1)],
    "m": [_pts(0, .3, 0, 1), np.vstack([_arc(.25, .45, .25, .15, 180, 360), _pts(.5, 1)]),
          np.vstack([_arc(.75, .45, .25, .15, 180, 360), _pts(1, 1)])],
    "n": [_pts(0, .3, 0, 1), np.vstack([_arc(.5, .5, .5, .2, 180, 360), _pts(1, 1)])],
    "r": [_pts(0, .3, 0, 1), _arc(.45, .5, .45, .2, 190, 300)],
    "t": [_pts(.4, 0, .4, 1, .8, 1), _pts(0, .3, .85, .3)],
    "w": [_pts(0, .3, .25, 1, .5, .5, .75, 1, 1, .3)],
    "x": [_pts(0, .3, 1, 1), _pts(1, .3, 0, 1)],
    "y": [_pts(0, .3, .5, .75), _pts(1, .3, .3, 1.1)],
    "u": [np.vstack([_pts(0, .3), _arc(.45, .7, .45, .3, 180, 0), _pts(.9, .3)]),
          _pts(.9, .3, .95, 1)],
    "+": [_pts(.5, 0, .5, 1), _pts(0, .5, 1, .5)],
    "=": [_pts(0, .35, 1, .35), _pts(0, .7, 1, .7)],
    "#": [_pts(.3, 0, .2, 1), _pts(.75, 0, .65, 1), _pts(0, .33, 1, .33), _pts(0, .66, 1, .66)],
    "*": [_pts(.5, 0, .5, 1), _pts(.07, .25, .93, .75), _pts(.93, .25, .07, .75)],
    "%": [_arc(.2, .2, .18, .18, 0, 360), _pts(.9, 0, .1, 1), _arc(.8, .8, .18, .18, 0, 360)],
    "&": [np.vstack([_pts(1, 1, .2, .35), _arc(.4, .2, .2, .2, 150, 390)[::-1], _pts(.1, .75),
                     _arc(.35, .78, .25, .22, 180, 90), _pts(.9, .5)])],
    "@": [np.vstack([_arc(.5, .5, .2, .2, 0, 360), _pts(.7, .7), _arc(.5, .5, .5, .5, 30, 330, 28)])],
    "?": [np.vstack([_arc(.5, .28, .35, .28, 190, 400), _pts(.5, .7)]), _pts(.5, .95, .5, .97)],
    "!": [_pts(.5, 0, .5, .7), _pts(.5, .95, .5, .97)],
}
LETTERS = "".join(_GLYPHS)


def _glyph(rng, name=None):
    name = name or LETTERS[int(rng.integers(len(LETTERS)))]
    return [s.copy() for s in _GLYPHS[name]]


def _polygon(n, rng, star=False):
    a0 = rng.uniform(0, 360)
    angles = np.deg2rad(a0 + np.arange(n + 1) * 360.0 / n)
    r = np.ones(n + 1)
    if star:
        angles = np.deg2rad(a0 + np.arange(2 * n + 1) * 180.0 / n)
        r = np.where(np.arange(2 * n + 1) % 2 == 0, 1.0, rng.uniform(0.35, 0.5))
    return np.column_stack([.5 + .5 * r * np.cos(angles), .5 + .5 * r * np.sin(angles)])


def _shape(rng):
    kind = int(rng.integers(12))
    if kind == 0:       # square / rectangle
        w, h = (1.0, 1.0) if rng.random() < .5 else (1.0, rng.uniform(.4, .8))
        return [_pts(0, 0, w, 0, w, h, 0, h, 0, 0)]
    if kind == 1:
        return [_polygon(3, rng)]
    if kind == 2:       # diamond
        return [_pts(.5, 0, 1, .5, .5, 1, 0, .5, .5, 0)]
    if kind == 3:
        return [_polygon(int(rng.integers(5, 7)), rng, star=True)]
    if kind == 4:       # a cross, upright or diagonal
        return _glyph(rng, "+" if rng.random() < .5 else "X")
    if kind == 5:       # heart
        return [np.vstack([_pts(.5, 1), _pts(0, .35), _arc(.25, .25, .25, .2, 180, 360),
                           _arc(.75, .25, .25, .2, 180, 360), _pts(1, .35, .5, 1)])]
    if kind == 6:       # spiral
        t = np.linspace(0, rng.uniform(3, 5) * np.pi, 60)
        r = t / t[-1] / 2
        return [np.column_stack([.5 + r * np.cos(t), .5 + r * np.sin(t)])]
    if kind == 7:       # a horizontal line, or a few parallel ones
        k = int(rng.integers(1, 4))
        return [_pts(0, y, 1, y) for y in np.linspace(.3, .7, k)] if k > 1 else [_pts(0, .5, 1, .5)]
    if kind == 8:       # wave
        x = np.linspace(0, 1, 40)
        return [np.column_stack([x, .5 + .2 * np.sin(x * rng.uniform(2, 4) * 2 * np.pi)])]
    if kind == 9:       # concentric circles
        return [_arc(.5, .5, .5, .5, 0, 360, 32), _arc(.5, .5, .25, .25, 0, 360, 20)]
    if kind == 10:      # a circle crossed out, or with a cross inside
        return [_arc(.5, .5, .5, .5, 0, 360, 32), _pts(0, .5, 1, .5), _pts(.5, 0, .5, 1)]
    # an arrow
    return [_pts(0, .5, 1, .5), _pts(.7, .25, 1, .5, .7, .75)]


def _scribble(rng):
    kind = int(rng.integers(4))
    if kind == 0:       # zig-zag: a few sharp turns, mostly sideways
        n = int(rng.integers(4, 10))
        x = np.linspace(0, 1, n) + rng.normal(0, .03, n)
        y = np.where(np.arange(n) % 2 == 0, 0.0, 1.0) * rng.uniform(.3, 1) + rng.normal(0, .08, n)
        pts = np.column_stack([x, y])
        return [pts[:, ::-1] if rng.random() < .3 else pts]
    if kind == 1:       # a smooth random walk with many turns
        n = int(rng.integers(40, 90))
        heading = np.cumsum(rng.normal(0, .5, n)) + rng.uniform(0, 2 * np.pi)
        return [np.cumsum(np.column_stack([np.cos(heading), np.sin(heading)]), axis=0)]
    if kind == 2:       # a tangle: random points joined
        return [rng.random((int(rng.integers(6, 14)), 2))]
    # loose dots and dashes
    return [rng.random((1, 2)) + rng.normal(0, .04, (int(rng.integers(1, 3)), 2))
            for _ in range(int(rng.integers(3, 9)))]


def _jitter(strokes, rng):
    """Rotate, slant, stretch and wobble unit-box strokes a little, as a hand does."""
    theta = np.deg2rad(rng.uniform(-15, 15))
    shear = rng.uniform(-.25, .25)
    aspect = np.exp(rng.uniform(-.25, .25))
    m = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    m = m @ np.array([[aspect, shear], [0.0, 1.0 / aspect]])
    out = []
    for s in strokes:
        s = np.asarray(s, dtype=np.float64)
        # resample long segments so that the wobble bends them
        dense = [s[0]]
        for p, q in zip(s[:-1], s[1:]):
            k = max(1, int(np.hypot(*(q - p)) / 0.08))
            dense.extend(p + (q - p) * t for t in np.linspace(0, 1, k + 1)[1:])
        s = np.array(dense)
        wobble = np.cumsum(rng.normal(0, .008, s.shape), axis=0)
        out.append((s - .5) @ m.T + wobble)
    return out


def _place(strokes, rng, canvas, size=(0.3, 0.9)):
    """Scale unit-box strokes so their longer side is ``size`` of the canvas, at a random place."""
    allpts = np.vstack(strokes)
    lo, hi = allpts.min(axis=0), allpts.max(axis=0)
    extent = max(float((hi - lo).max()), 1e-6)
    target = rng.uniform(*size) * canvas
    scale = target / extent
    span = (hi - lo) * scale
    pen = canvas * PEN_FRACTION * rng.uniform(0.6, 1.5)
    free = np.maximum(canvas - span - pen - 2, 0)
    offset = rng.random(2) * free + pen / 2 + 1
    return [(s - lo) * scale + offset for s in strokes], pen


def make_nondigit(rng, kind=None, *, canvas=CANVAS):
    """One non-digit drawing -> ``(image, kind)``: (canvas, canvas) uint8, dark on white, and
    the kind it is (one of :data:`KINDS`, chosen at random when None)."""
    kind = kind or KINDS[int(rng.integers(len(KINDS)))]
    if kind == "letter":
        strokes = _glyph(rng)
    elif kind == "scribble":
        strokes = _scribble(rng)
    elif kind == "shape":
        strokes = _shape(rng)
    else:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    strokes, pen = _place(_jitter(strokes, rng), rng, canvas)
    return render_strokes(strokes, canvas=canvas, pen=pen), kind


def digit_union(first, second, rng):
    """Two MNIST images (784,) in [0, 1] -> one (784,) image holding both, overlaid at a random
    offset or side by side: not one digit. (Shifted copies are clipped at the field's edges.)"""
    a = np.asarray(first, dtype=np.float32).reshape(28, 28)
    b = np.asarray(second, dtype=np.float32).reshape(28, 28)
    dy, dx = (int(v) for v in rng.integers(-6, 7, 2))
    if rng.random() < 0.5:          # side by side, then shrunk to fit the field
        wide = np.zeros((28, 56), np.float32)
        wide[:, :28], wide[:, 28:] = a, b
        out = np.zeros((28, 28), np.float32)
        out[7:21] = wide.reshape(14, 2, 28, 2).mean(axis=(1, 3))
    else:
        shifted = np.roll(np.roll(b, dy, axis=0), dx, axis=1)
        out = np.maximum(a, shifted)
    return out.ravel()


def nondigit_set(n, seed, *, canvas=CANVAS, kinds=KINDS):
    """``n`` drawings -> ``(images, kinds)``: a list of (canvas, canvas) uint8 arrays and the kind
    of each, the kinds taking turns so each is about equally represented."""
    rng = np.random.default_rng(seed)
    images, names = [], []
    for i in range(n):
        image, kind = make_nondigit(rng, kinds[i % len(kinds)], canvas=canvas)
        images.append(image)
        names.append(kind)
    return images, names
