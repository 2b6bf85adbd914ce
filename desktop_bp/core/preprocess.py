"""A drawn or scanned digit -> the 784 inputs an MNIST-trained network expects.

MNIST was made in a particular way (LeCun, Cortes and Burges, "The MNIST database"): each
digit was cropped to its ink, its longer side scaled to **20 pixels** keeping the aspect ratio,
with anti-aliasing (so edges become grey levels), and placed in a 28x28 field so that its
**centre of mass** sits at the centre. Ink is bright (1.0) on a dark background (0.0). A network
trained on MNIST has only ever seen digits prepared like this, so a digit drawn anywhere on a
big canvas, at any size, must go through the same steps before the network sees it:

1. grey levels in [0, 1] (colour -> luminance; transparent pixels over the paper colour);
2. polarity from the border: a light border means dark ink on light paper, which is inverted;
   the paper's own grey level is subtracted and the contrast stretched so the ink peaks at 1;
3. crop to the bounding box of the ink;
   (3b. not in MNIST's recipe, but what makes drawings look like it: a pen much wider or
   narrower than MNIST's strokes, relative to the digit's size, is thinned or thickened into
   MNIST's range; see :func:`normalise_stroke`)
4. scale so the longer side is 20 px. Shrinking averages areas (every source pixel contributes
   in proportion to the area it covers in the target pixel), never picks the nearest pixel:
   a 280-pixel stroke 20 pixels wide becomes a 2-pixel MNIST stroke with grey edges;
5. place it in 28x28 so that its centre of mass lands on pixel index (14, 14), the mean centre
   of mass of MNIST's own training digits (measured: 14.00 +- 0.29 in both axes). Steps 4 and 5
   are one resampling with a sub-pixel offset.

Coordinates: arrays are indexed ``[row, column]``; "continuous" coordinates put pixel ``i``'s
centre at ``i + 0.5``, so an image of height ``h`` spans ``[0, h)``. Bounding boxes are
``(top, left, bottom, right)`` with ``bottom``/``right`` exclusive, as slices take them.

Pure NumPy; used by the canvas, ``desktop-bp predict`` and the Python API alike.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from desktop_bp.core.blas import single_threaded

FIELD = 28                 # MNIST's image side
BOX = 20.0                 # the side the longer side of the ink is scaled to
MARGIN = 1.0               # pixels kept free at the edges of the field when the centring would clip
CENTRE = 14.5              # continuous coordinate of pixel index 14, where MNIST's centre of mass sits
MIN_CONTRAST = 0.10        # ink at least this far (on the 0..1 scale) from the paper, else "empty"
NOISE_FLOOR = 0.08         # after stretching, ink below this is paper texture / compression noise

# Stroke width relative to the longer side of the digit: 5th and 95th percentiles of MNIST's
# test digits (median 0.117). A drawing outside this band is thickened or thinned to its edge.
STROKE_BAND = (0.08, 0.18)
STROKE_WORK_SIDE = 112      # resolution (longer side, px) at which strokes are thickened/thinned

_LUMA = np.array([0.299, 0.587, 0.114])   # ITU-R BT.601, as Qt and most image libraries use


@dataclass(frozen=True)
class Preprocessed:
    """What :func:`preprocess` makes of one image.

    - ``inputs``: (784,) float32 in [0, 1], the network's input (row-major 28x28, ink = 1);
    - ``bbox``: ``(top, left, bottom, right)`` of the ink in the *source* image's pixels;
    - ``center_of_mass``: ``(row, col)`` of the ink in the source image, continuous coordinates
      (pixel ``i`` spans ``[i, i + 1)``), the point that is moved to the centre of the field;
    - ``scale``: field pixels per pixel of the crop that was scaled (20 / its longer side;
      the crop is the bbox itself unless the stroke width was normalised, see
      :func:`normalise_stroke`);
    - ``inverted``: True when the source had dark ink on light paper;
    - ``source_shape``: ``(height, width)`` of the source image;
    - ``field_scale``, ``field_offset``: the whole mapping from the source to the field, in
      continuous coordinates: ``field = field_scale * source + field_offset`` (the offset a
      ``(row, col)`` pair). None when the inputs were not made here (then :meth:`field_in_source`
      falls back on ``scale`` and ``center_of_mass``).
    """

    inputs: np.ndarray
    bbox: tuple
    center_of_mass: tuple
    scale: float
    inverted: bool
    source_shape: tuple
    field_scale: float = None
    field_offset: tuple = None

    @property
    def image(self):
        """(28, 28) view of ``inputs``."""
        return self.inputs.reshape(FIELD, FIELD)

    def field_in_source(self):
        """Where the 28x28 field lies in the source image: ``(top, left, side)`` in source
        pixels (continuous coordinates; the field is a square of ``side`` source pixels, and
        may reach beyond the source's edges). This inverts the preprocessing, so a 28x28 map
        of the inputs (the saliency) can be laid over the source and line up with its ink."""
        if self.field_scale is None or self.field_offset is None:
            # inputs given as they are: the centre of mass sat at the field's centre
            cy, cx = self.center_of_mass
            side = FIELD / self.scale
            return cy - side / 2, cx - side / 2, side
        oy, ox = self.field_offset
        return -oy / self.field_scale, -ox / self.field_scale, FIELD / self.field_scale

    def __repr__(self):
        t, l, b, r = self.bbox
        cy, cx = self.center_of_mass
        return (f"Preprocessed(bbox=({t}, {l}, {b}, {r}), center_of_mass=({cy:.1f}, {cx:.1f}), "
                f"scale={self.scale:.3g}, inverted={self.inverted})")


def to_grey(image):
    """Any image array -> (h, w) float64 luminance in [0, 1].

    Accepts (h, w) grey, (h, w, 1), (h, w, 3) RGB or (h, w, 4) RGBA; integer dtypes are scaled by
    their maximum (uint8 by 255, uint16 by 65535), bool is 0/1, floats are taken as 0..1 unless
    their maximum exceeds 1, in which case they are read as 0..255. Transparent pixels of an RGBA
    image are composited over the paper colour (white if the visible ink is dark, black if it is
    light), so a digit saved on a transparent background reads as it looks.
    """
    a = np.asarray(image)
    if a.ndim == 3 and a.shape[2] == 1:
        a = a[:, :, 0]
    if a.ndim not in (2, 3) or (a.ndim == 3 and a.shape[2] not in (3, 4)):
        raise ValueError(f"expected a (h, w) grey or (h, w, 3|4) colour image, got shape {a.shape}")
    if a.dtype == bool:
        a = a.astype(np.float64)
    elif np.issubdtype(a.dtype, np.integer):
        a = a.astype(np.float64) / float(np.iinfo(a.dtype).max)
    else:
        a = a.astype(np.float64)
        finite_max = np.nanmax(a) if a.size else 0.0
        if finite_max > 1.0:
            a = a / 255.0
        a = np.nan_to_num(a, nan=0.0)
    a = np.clip(a, 0.0, 1.0, out=a)
    if a.ndim == 2:
        return a
    grey = a[:, :, :3] @ _LUMA
    if a.shape[2] == 4:
        alpha = a[:, :, 3]
        if alpha.min() < 1.0:
            visible = alpha > 0.5
            ink_is_dark = visible.any() and grey[visible].mean() < 0.5
            paper = 1.0 if ink_is_dark else 0.0
            grey = grey * alpha + paper * (1.0 - alpha)
    return grey


def _border(grey):
    """The pixels of the outer frame (2 % of the shorter side, at least one pixel), flattened."""
    h, w = grey.shape
    k = max(1, int(round(0.02 * min(h, w))))
    return np.concatenate([grey[:k].ravel(), grey[-k:].ravel(),
                           grey[k:-k, :k].ravel(), grey[k:-k, -k:].ravel()])


def ink_map(image):
    """Any image -> ``(ink, inverted)``: (h, w) float64 ink density in [0, 1] (paper 0, the
    darkest/brightest stroke 1), or ``(None, inverted)`` when nothing stands out from the paper.

    The paper's colour is the median of the border; the ink is what differs most from it, darker
    (``inverted``: dark ink on light paper) or lighter.
    """
    grey = to_grey(image)
    if grey.size == 0:
        return None, False
    paper = float(np.median(_border(grey)))
    # The ink is whatever stands out most from the paper: darker (the usual dark ink on light
    # paper, "inverted" from MNIST's point of view) or lighter. Deciding by the paper's own
    # brightness alone fails on mid-grey paper.
    inverted = float(paper - grey.min()) >= float(grey.max() - paper)
    ink = (paper - grey) if inverted else (grey - paper)
    peak = float(ink.max())
    if peak < MIN_CONTRAST:
        return None, inverted
    ink /= peak
    ink[ink < NOISE_FLOOR] = 0.0
    return ink, inverted


def _resample_matrix(n_in, n_out, scale, offset):
    """(n_out, n_in) matrix taking a row of ``n_in`` source pixels to ``n_out`` target pixels,
    where source coordinate ``x`` lands on target coordinate ``scale * x + offset``.

    Shrinking (scale <= 1) integrates: target pixel ``i`` covers the source interval
    ``[(i - offset) / scale, (i + 1 - offset) / scale)`` and each source pixel weighs by the
    length it shares with it (times ``scale``), so ink is conserved and edges become grey.
    Enlarging (scale > 1) interpolates linearly between source pixel centres. Source pixels
    outside ``[0, n_in)`` are paper (0), so nothing is renormalised at the edges.
    """
    i = np.arange(n_out, dtype=np.float64)[:, None]
    j = np.arange(n_in, dtype=np.float64)[None, :]
    if scale <= 1.0:
        lo = (i - offset) / scale
        hi = (i + 1.0 - offset) / scale
        overlap = np.minimum(j + 1.0, hi) - np.maximum(j, lo)
        return np.clip(overlap, 0.0, None) * scale
    x = (i + 0.5 - offset) / scale          # the target pixel centre, in source coordinates
    return np.clip(1.0 - np.abs(x - (j + 0.5)), 0.0, None)


def stroke_width(ink, threshold=0.5):
    """Estimated stroke width, in pixels, of an (h, w) ink map.

    For a stroke of length L and width W, the ink covers A = L W pixels and its outline is about
    2 L long; counted along rows and columns (a staircase), the outline is on average 4/pi times
    longer. So W = A / L = 8 A / (pi P), with P the number of ink/paper edges between pixels.
    """
    mask = np.pad(ink > threshold, 1)
    area = np.count_nonzero(mask)
    if area == 0:
        return 0.0
    edges = (np.count_nonzero(mask[1:] != mask[:-1])
             + np.count_nonzero(mask[:, 1:] != mask[:, :-1]))
    return 8.0 * area / (np.pi * edges)


def _grow(ink, radius, shrink=False):
    """Grey-level dilation (or erosion with ``shrink``) by a disc of about ``radius`` pixels:
    3x3 squares and crosses in turn make an octagon. Outside the array is paper."""
    pick = np.minimum if shrink else np.maximum
    out = np.pad(ink, radius)
    for k in range(radius):
        vertical = out.copy()
        vertical[1:] = pick(vertical[1:], out[:-1])
        vertical[:-1] = pick(vertical[:-1], out[1:])
        square = k % 2 == 0
        source = vertical if square else out
        horizontal = source.copy()
        horizontal[:, 1:] = pick(horizontal[:, 1:], source[:, :-1])
        horizontal[:, :-1] = pick(horizontal[:, :-1], source[:, 1:])
        out = horizontal if square else pick(vertical, horizontal)
    return out


def normalise_stroke(crop):
    """Bring the stroke width of a cropped digit into MNIST's range -> ``(crop, factor)``.

    Drawings made with a pen much thicker or thinner than MNIST's (relative to the digit's
    size: a small digit drawn with a wide pen) are thickened or thinned to the nearest edge of
    :data:`STROKE_BAND`, working at :data:`STROKE_WORK_SIDE` pixels; ``factor`` is the new
    pixels per old pixel (1.0 when nothing changed). Digits already in the band are returned as
    they are.
    """
    crop, factor, _ = _normalise_stroke(crop)
    return crop, factor


def _normalise_stroke(crop):
    """:func:`normalise_stroke`, also returning ``(shift_y, shift_x)``: a point at ``p`` of the
    crop given lands at ``factor * p + shift`` of the crop returned (the growing pads the
    crop, and it is cropped to its ink again)."""
    none = (0.0, 0.0)
    longer = max(crop.shape)
    width = stroke_width(crop)
    relative = width / longer
    lo, hi = STROKE_BAND
    if width == 0.0 or lo <= relative <= hi:
        return crop, 1.0, none
    factor = 1.0
    if longer > STROKE_WORK_SIDE:
        factor = STROKE_WORK_SIDE / longer
        h, w = (max(1, int(np.ceil(n * factor))) for n in crop.shape)
        crop = _resample_matrix(crop.shape[0], h, factor, 0.0) @ crop @ \
            _resample_matrix(crop.shape[1], w, factor, 0.0).T
    side = max(crop.shape)
    target = lo if relative < lo else hi
    radius = int(round(abs(target - relative) * side / 2))
    if radius == 0:
        return crop, factor, none
    if relative < lo:
        crop = _grow(crop, radius)
    else:
        thinned = _grow(crop, radius, shrink=True)
        if thinned.max() < 0.5:              # nothing would be left: keep the drawing as it is
            return crop, factor, none
        crop = thinned
    rows = np.flatnonzero(crop.max(axis=1) > NOISE_FLOOR)
    cols = np.flatnonzero(crop.max(axis=0) > NOISE_FLOOR)
    shift = (float(radius - rows[0]), float(radius - cols[0]))     # padded, then cropped
    return crop[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1], factor, shift


def preprocess(image, *, normalise_strokes=True):
    """Any image of a digit -> :class:`Preprocessed` (the 784 inputs and what led to them), or
    None when the image holds no ink (an empty canvas must give no prediction).

    ``image``: (h, w) grey or (h, w, 3|4) colour array, any size, uint8 or float (see
    :func:`to_grey`), dark-on-light or light-on-dark (detected from the border).
    ``normalise_strokes``: bring very thick or thin strokes into MNIST's range (step 3b).
    Its few small products run on one BLAS thread (see :mod:`desktop_bp.core.blas`).
    """
    with single_threaded():
        return _preprocess(image, normalise_strokes)


def _preprocess(image, normalise_strokes):
    grey_shape = np.shape(image)[:2]
    ink, inverted = ink_map(image)
    if ink is None:
        return None
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    top, bottom = int(rows[0]), int(rows[-1]) + 1
    left, right = int(cols[0]), int(cols[-1]) + 1
    crop = ink[top:bottom, left:right]
    h, w = crop.shape
    # centre of mass of the crop, continuous coordinates (pixel i's centre is i + 0.5)
    mass = crop.sum()
    com = (top + float(crop.sum(axis=1) @ (np.arange(h) + 0.5)) / mass,
           left + float(crop.sum(axis=0) @ (np.arange(w) + 0.5)) / mass)
    factor, (shift_y, shift_x) = 1.0, (0.0, 0.0)
    if normalise_strokes:
        crop, factor, (shift_y, shift_x) = _normalise_stroke(crop)
        h, w = crop.shape
        mass = crop.sum()
    cy = float(crop.sum(axis=1) @ (np.arange(h) + 0.5)) / mass
    cx = float(crop.sum(axis=0) @ (np.arange(w) + 0.5)) / mass

    scale = BOX / max(h, w)
    # put the centre of mass on the centre, but keep the scaled box inside the field, a pixel
    # from its edges (MNIST networks give the outermost pixels almost no weight)
    off_y = float(np.clip(CENTRE - scale * cy, MARGIN, FIELD - MARGIN - scale * h))
    off_x = float(np.clip(CENTRE - scale * cx, MARGIN, FIELD - MARGIN - scale * w))
    rows_m = _resample_matrix(h, FIELD, scale, off_y)       # (28, h)
    cols_m = _resample_matrix(w, FIELD, scale, off_x)       # (28, w)
    field = rows_m @ crop @ cols_m.T                         # (28, 28)
    np.clip(field, 0.0, 1.0, out=field)
    inputs = field.astype(np.float32).ravel()
    inputs.setflags(write=False)
    # source -> crop (minus top, left) -> normalised crop (factor, shift) -> field (scale, off):
    # one scale and one offset in all
    field_offset = (off_y + scale * (shift_y - factor * top),
                    off_x + scale * (shift_x - factor * left))
    return Preprocessed(inputs=inputs, bbox=(top, left, bottom, right),
                        center_of_mass=com, scale=scale, inverted=inverted,
                        source_shape=tuple(grey_shape), field_scale=scale * factor,
                        field_offset=field_offset)


def to_mnist_input(image):
    """Any image of a digit -> (784,) float32 network input in [0, 1], or None when it is empty.

    The one function the canvas, ``desktop-bp predict`` and the Python API share; see
    :func:`preprocess` for the details it also returns (bounding box, centre of mass).
    """
    result = preprocess(image)
    return None if result is None else result.inputs


def to_mnist_batch(images):
    """A sequence of images -> ``(X, ok)``: X (n_ok, 784) float32 for the images that hold a digit
    and ``ok`` (n,) bool telling which ones did (empty images are left out of X)."""
    rows, ok = [], []
    for image in images:
        x = to_mnist_input(image)
        ok.append(x is not None)
        if x is not None:
            rows.append(x)
    X = np.stack(rows) if rows else np.zeros((0, FIELD * FIELD), np.float32)
    return X, np.array(ok, dtype=bool)
