"""Data augmentation: small random affine distortions of 28x28 digit images.

People do not draw digits the way MNIST's writers did: a little rotated, thicker or thinner,
slightly off-centre. Training on randomly shifted, rotated, scaled and sheared copies of the
training images (a fresh draw every epoch) makes a network both more accurate on MNIST and far
more robust on drawn digits. All of it is vectorised over the batch: bilinear sampling by four
gathers per image, no per-image Python loop.

Every intermediate array lives in a per-thread workspace that is reused from call to call. A
mini-batch of 128 needs about a dozen arrays of 400 kB; allocated afresh in each call they were
returned to the system at its end and faulted in again page by page at the next (about 1,500
page faults, five times the arithmetic's time).
"""

from __future__ import annotations

import threading

import numpy as np

SIDE = 28
_STRIDE = SIDE + 2          # the padded image's side: a border of zeros all round
_PIXELS = SIDE * SIDE

_local = threading.local()


def _grid():
    """(3, 784): every target pixel's x and y about the image centre, and a row of ones."""
    ys, xs = np.mgrid[0:SIDE, 0:SIDE].astype(np.float32)
    c = (SIDE - 1) / 2.0
    return np.stack([xs.ravel() - c, ys.ravel() - c, np.ones(_PIXELS, np.float32)])


_GRID = _grid()


class _Workspace:
    """The buffers of :func:`random_affine` for up to ``rows`` images of ``dtype``."""

    def __init__(self, rows, dtype):
        self.rows, self.dtype = rows, dtype
        f32 = np.float32
        self.padded = np.zeros((rows, _STRIDE, _STRIDE), dtype)     # its border stays 0
        # each image's inverse map, a row per image and coordinate: [a_x, a_y, offset]
        self.maps = np.empty((2 * rows, 3), f32)
        self.coords = np.empty((2 * rows, _PIXELS), f32)     # x for every image, then y
        self.floor = np.empty((2 * rows, _PIXELS), f32)
        self.index = np.empty((rows, _PIXELS), np.int32)
        self.top, self.bottom, self.corner = (np.empty((rows, _PIXELS), dtype) for _ in range(3))
        self.first = (np.arange(rows, dtype=np.int32) * _STRIDE * _STRIDE)[:, None]


def _workspace(rows, dtype):
    ws = getattr(_local, "workspace", None)
    if ws is None or ws.rows < rows or ws.dtype != dtype:
        ws = _local.workspace = _Workspace(rows, dtype)
    return ws


def random_affine(images, rng, *, max_shift=2.0, max_rotation=12.0, scale=(0.9, 1.1),
                  max_shear=0.15, chunk=512, out=None):
    """Randomly distort each image in ``images`` (n, 784), values in [0, 1].

    Each image gets its own rotation in [-max_rotation, max_rotation] degrees, scale in
    ``scale``, shear in [-max_shear, max_shear] and shift in [-max_shift, max_shift] pixels,
    about the image centre, resampled bilinearly (pixels from outside the frame are 0).
    ``rng`` is a ``np.random.Generator``; the draws are made ``chunk`` images at a time.
    Returns (n, 784) in the input's dtype (``out`` if given, which may be ``images`` itself).
    """
    images = np.asarray(images)
    n = len(images)
    out = np.empty_like(images) if out is None else out
    ws = _workspace(min(n, chunk), images.dtype)
    c = (SIDE - 1) / 2.0
    for lo in range(0, n, chunk):
        hi = min(lo + chunk, n)
        m = hi - lo
        theta = np.deg2rad(rng.uniform(-max_rotation, max_rotation, m)).astype(np.float32)
        s = rng.uniform(scale[0], scale[1], m).astype(np.float32)
        sh = rng.uniform(-max_shear, max_shear, m).astype(np.float32)
        shift = rng.uniform(-max_shift, max_shift, (m, 2)).astype(np.float32)
        # The inverse map: for every target pixel (x, y), centred, where to sample in the
        # source image: x' = a11 x + a12 y + c - shift_x, y' = a21 x + a22 y + c - shift_y
        cos, sin = np.cos(theta) / s, np.sin(theta) / s
        maps = ws.maps[:2 * m].reshape(2, m, 3)
        maps[0, :, 0], maps[0, :, 1] = cos, -sin + sh * cos
        maps[1, :, 0], maps[1, :, 1] = sin, cos + sh * sin
        # + 1: the coordinates in the image padded by a pixel of zeros all round
        maps[:, :, 2] = (c + 1.0) - shift.T
        # every image's coordinates in one pass (a sum of three products per pixel, in
        # NumPy's own loop: no BLAS thread pool for this thread to share)
        np.einsum("ik,kj->ij", ws.maps[:2 * m], _GRID, out=ws.coords[:2 * m])
        _bilinear(images[lo:hi], ws, m, out[lo:hi])
    return out


def _bilinear(images, ws, m, out):
    """Sample each (784,) image at the coordinates in ``ws.coords`` (its m x-rows, then its m
    y-rows; in the padded image), zero outside the frame, into ``out``."""
    padded = ws.padded[:m]
    # pad by one pixel of zeros so every corner of every sample point has an index
    padded[:, 1:-1, 1:-1] = images.reshape(m, SIDE, SIDE)
    flat = padded.reshape(-1)
    coords, fl = ws.coords[:2 * m], ws.floor[:2 * m]
    # clipped so that all four corners lie inside the padded image; then split into the
    # top-left corner and the fractions (sx, sy) past it
    np.clip(coords, 0.0, SIDE + 0.999, out=coords)
    np.floor(coords, out=fl)
    coords -= fl
    sx, sy = coords[:m], coords[m:]
    # flat index of each top-left corner in its padded image (exact in float32), made an
    # integer once, then in the whole padded batch
    fy = fl[m:]
    fy *= _STRIDE
    fy += fl[:m]
    index = ws.index[:m]
    np.copyto(index, fy, casting="unsafe")
    index += ws.first[:m]
    # the corners right of and below a point are the same index in a view of the batch that
    # starts 1 and _STRIDE elements later ("clip": the indices are valid, and take then writes
    # straight into the buffer)
    top, bottom, corner = ws.top[:m], ws.bottom[:m], ws.corner[:m]
    flat.take(index, 0, top, "clip")
    flat[1:].take(index, 0, corner, "clip")
    corner -= top
    corner *= sx
    top += corner
    flat[_STRIDE:].take(index, 0, bottom, "clip")
    flat[_STRIDE + 1:].take(index, 0, corner, "clip")
    corner -= bottom
    corner *= sx
    bottom += corner
    bottom -= top
    bottom *= sy
    np.add(top, bottom, out=out)
    return out


AUGMENTATIONS = {"affine": random_affine}
