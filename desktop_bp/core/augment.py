"""Data augmentation: small random affine distortions of 28x28 digit images.

People do not draw digits the way MNIST's writers did: a little rotated, thicker or thinner,
slightly off-centre. Training on randomly shifted, rotated, scaled and sheared copies of the
training images (a fresh draw every epoch) makes a network both more accurate on MNIST and far
more robust on drawn digits. All of it is vectorised over the batch: bilinear sampling by four
gathers per image, no per-image Python loop.
"""

from __future__ import annotations

import numpy as np

SIDE = 28


def random_affine(images, rng, *, max_shift=2.0, max_rotation=12.0, scale=(0.9, 1.1),
                  max_shear=0.15, chunk=4096, out=None):
    """Randomly distort each image in ``images`` (n, 784), values in [0, 1].

    Each image gets its own rotation in [-max_rotation, max_rotation] degrees, scale in
    ``scale``, shear in [-max_shear, max_shear] and shift in [-max_shift, max_shift] pixels,
    about the image centre, resampled bilinearly (pixels from outside the frame are 0).
    ``rng`` is a ``np.random.Generator``. Returns (n, 784) in the input's dtype.
    """
    images = np.asarray(images)
    n = len(images)
    out = np.empty_like(images) if out is None else out
    # target pixel grid, centred: (2, 784)
    ys, xs = np.mgrid[0:SIDE, 0:SIDE].astype(np.float32)
    c = (SIDE - 1) / 2.0
    grid = np.stack([xs.ravel() - c, ys.ravel() - c])
    for lo in range(0, n, chunk):
        hi = min(lo + chunk, n)
        m = hi - lo
        theta = np.deg2rad(rng.uniform(-max_rotation, max_rotation, m)).astype(np.float32)
        s = rng.uniform(scale[0], scale[1], m).astype(np.float32)
        sh = rng.uniform(-max_shear, max_shear, m).astype(np.float32)
        shift = rng.uniform(-max_shift, max_shift, (m, 2)).astype(np.float32)
        # The inverse map: for every target pixel, where to sample in the source image.
        cos, sin = np.cos(theta) / s, np.sin(theta) / s
        a11, a12 = cos, -sin + sh * cos
        a21, a22 = sin, cos + sh * sin
        sx = a11[:, None] * grid[0] + a12[:, None] * grid[1] + c - shift[:, 0:1]
        sy = a21[:, None] * grid[0] + a22[:, None] * grid[1] + c - shift[:, 1:2]
        out[lo:hi] = _bilinear(images[lo:hi], sx, sy)
    return out


def _bilinear(images, sx, sy):
    """Sample each (784,) image at the (m, 784) coordinates ``sx, sy`` (zero outside)."""
    m = len(images)
    stride = SIDE + 2
    # pad by one pixel of zeros so every corner of every sample point has an index
    padded = np.zeros((m, stride, stride), dtype=images.dtype)
    padded[:, 1:-1, 1:-1] = images.reshape(m, SIDE, SIDE)
    flat = padded.reshape(-1)
    sx = np.clip(sx + 1.0, 0.0, SIDE + 0.999, out=sx)
    sy = np.clip(sy + 1.0, 0.0, SIDE + 0.999, out=sy)
    x0 = sx.astype(np.int32)
    y0 = sy.astype(np.int32)
    fx = sx - x0
    fy = sy - y0
    # flat index of each top-left corner in the whole padded batch
    i00 = y0 * stride + x0
    i00 += (np.arange(m, dtype=np.int32) * stride * stride)[:, None]
    top = flat.take(i00)
    top += (flat.take(i00 + 1) - top) * fx
    bottom = flat.take(i00 + stride)
    bottom += (flat.take(i00 + stride + 1) - bottom) * fx
    top += (bottom - top) * fy
    return top


AUGMENTATIONS = {"affine": random_affine}
