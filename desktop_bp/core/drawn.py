"""A benchmark of digits "as a person draws them", made from MNIST test images.

MNIST digits are small, centred, grey-edged 28x28 images. Digits drawn on the app's canvas are
big or small, anywhere on a 280x280 canvas, with solid anti-aliased strokes that are heavier or
lighter than MNIST's. :func:`redraw` turns an MNIST image into such a drawing: scaled up so its
taller side covers 30-90% of the canvas, placed off-centre, its grey ramp turned into a solid
stroke whose weight is varied by where the stroke's edge is cut, dark ink on white paper.

A recogniser that only learned MNIST's own framing fails on these; one whose preprocessing
follows how MNIST was made (crop, scale to 20 px, centre of mass) should not. ``desktop-bp bench
--drawn`` measures exactly that.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np

CANVAS = 280


def _resize_bilinear(image, height, width):
    """Bilinear resize of a 2-D float array (upscaling only needs this)."""
    h, w = image.shape
    ys = (np.arange(height) + 0.5) * h / height - 0.5
    xs = (np.arange(width) + 0.5) * w / width - 0.5
    y0 = np.clip(np.floor(ys).astype(int), 0, h - 1)
    x0 = np.clip(np.floor(xs).astype(int), 0, w - 1)
    y1 = np.clip(y0 + 1, 0, h - 1)
    x1 = np.clip(x0 + 1, 0, w - 1)
    fy = np.clip(ys - y0, 0, 1)[:, None]
    fx = np.clip(xs - x0, 0, 1)[None, :]
    top = image[y0][:, x0] * (1 - fx) + image[y0][:, x1] * fx
    bottom = image[y1][:, x0] * (1 - fx) + image[y1][:, x1] * fx
    return top * (1 - fy) + bottom * fy


def redraw(image, rng, *, canvas=CANVAS, size=(0.3, 0.9), weight=(0.15, 0.6)):
    """One MNIST image (784,) in [0, 1] -> a (canvas, canvas) uint8 drawing, dark on white.

    ``size``: the range of the digit's taller side as a fraction of the canvas; ``weight``: the
    range of the grey level at which the stroke's edge is cut (low: heavy strokes, high: light
    ones)."""
    digit = np.asarray(image, dtype=np.float64).reshape(28, 28)
    rows = np.flatnonzero(digit.max(axis=1) > 0.05)
    cols = np.flatnonzero(digit.max(axis=0) > 0.05)
    if len(rows) == 0:
        return np.full((canvas, canvas), 255, np.uint8)
    digit = digit[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    target = rng.uniform(*size) * canvas
    scale = target / max(digit.shape)
    h = max(1, int(round(digit.shape[0] * scale)))
    w = max(1, int(round(digit.shape[1] * scale)))
    big = _resize_bilinear(digit, h, w)
    # a pen's solid stroke with an anti-aliased edge, cut at a random grey level
    cut = rng.uniform(*weight)
    ink = np.clip((big - cut) / 0.12 + 0.5, 0.0, 1.0)
    page = np.zeros((canvas, canvas))
    top = int(rng.integers(0, canvas - h + 1))
    left = int(rng.integers(0, canvas - w + 1))
    page[top:top + h, left:left + w] = ink
    return np.round(255 * (1.0 - page)).astype(np.uint8)


def png_bytes(grey):
    """Encode a 2-D uint8 array as an 8-bit greyscale PNG (no dependencies)."""
    grey = np.ascontiguousarray(grey, dtype=np.uint8)
    h, w = grey.shape
    raw = b"".join(b"\x00" + grey[y].tobytes() for y in range(h))

    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def write_drawn_set(folder, images, labels, *, seed=0):
    """Redraw every image into ``folder`` as ``NNNNN_d.png`` (d = the true digit).

    Returns the list of written paths, in order."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    paths = []
    for i, (image, label) in enumerate(zip(images, labels)):
        path = folder / f"{i:05d}_{int(label)}.png"
        path.write_bytes(png_bytes(redraw(image, rng)))
        paths.append(path)
    return paths


def label_from_name(path):
    """The true digit of a file written by :func:`write_drawn_set`."""
    return int(Path(path).stem.rsplit("_", 1)[1])
