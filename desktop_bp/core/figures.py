"""The microscope's views as PNG files, without Qt: signed colours and a small PNG writer.

Every view is drawn with a diverging colour map, blue < 0 < red and white at 0, its levels
symmetric around zero; the views of one quantity across layers share nothing but the map, so
each file's scale is written beside it in ``views.txt``. Pixels are blown up (nearest
neighbour) so a 28x28 drawing is readable. Used by ``desktop-bp microscope`` and by the
window's "Export figures...".
"""

from __future__ import annotations

import json
import math
import struct
import zlib
from pathlib import Path

import numpy as np

from desktop_bp.core.microscope import top_neurons

# blue - white - red (the ends of the CET-D1 map the window uses)
_BLUE = np.array([33, 81, 200], dtype=np.float64)
_WHITE = np.array([255, 255, 255], dtype=np.float64)
_RED = np.array([200, 30, 40], dtype=np.float64)
_GAP = np.array([200, 200, 200], dtype=np.uint8)       # padding between tiles (NaN)

#: What each per-layer quantity is, in the book's notation (the captions of views.txt).
CAPTIONS = {
    "z": "z^l = w^l a^(l-1) + b^l, the weighted input",
    "a": "a^l = sigma(z^l), the activation",
    "fprime": "sigma'(z^l): near 0 where a neuron saturates",
    "incoming": "BP1: grad_a C at the output; BP2: (w^(l+1))^T delta^(l+1) at hidden layers",
    "delta": "delta^l: BP1 delta^L = grad_a C (.) sigma'(z^L); BP2 delta^l = ((w^(l+1))^T delta^(l+1)) (.) sigma'(z^l)",
    "nabla_b": "BP3: dC/db^l_j = delta^l_j",
    "nabla_w": "BP4: dC/dw^l_jk = a^(l-1)_k delta^l_j",
}


def signed_colours(values, scale=None):
    """(h, w) values -> (h, w, 3) uint8 RGB, blue < 0 < red, levels +-``scale`` (default: the
    largest |value|). NaN is drawn grey."""
    values = np.asarray(values, dtype=np.float64)
    finite = np.isfinite(values)
    if scale is None:
        scale = float(np.abs(values[finite]).max()) if finite.any() else 0.0
    scale = scale if scale > 0 else 1.0
    t = np.clip(np.where(finite, values, 0.0) / scale, -1.0, 1.0)[..., None]
    rgb = np.where(t < 0, _WHITE + (_WHITE - _BLUE) * t, _WHITE + (_RED - _WHITE) * t)
    rgb = np.rint(rgb).astype(np.uint8)
    rgb[~finite] = _GAP
    return rgb


def grey(values):
    """(h, w) values in [0, 1] -> RGB, ink (1) dark on white paper (0), as drawn."""
    v = np.rint(255 * (1.0 - np.clip(np.asarray(values, np.float64), 0, 1))).astype(np.uint8)
    return np.repeat(v[..., None], 3, axis=2)


def enlarge(rgb, factor):
    return np.repeat(np.repeat(rgb, factor, axis=0), factor, axis=1)


def write_png(path, rgb):
    """Write an (h, w, 3) uint8 array as an 8-bit RGB PNG."""
    rgb = np.ascontiguousarray(rgb, dtype=np.uint8)
    h, w, _ = rgb.shape
    raw = b"".join(b"\x00" + rgb[r].tobytes() for r in range(h))     # filter type 0 per row

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    Path(path).write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                           + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def vector_grid(values):
    """A layer's (n,) values as a near-square 2-D grid (a single row for up to 16 neurons),
    padded with NaN."""
    values = np.asarray(values, dtype=np.float64).ravel()
    n = len(values)
    cols = n if n <= 16 else math.ceil(math.sqrt(n))
    rows = math.ceil(n / cols)
    grid = np.full(rows * cols, np.nan)
    grid[:n] = values
    return grid.reshape(rows, cols)


def tiles(rows_of_pixels, side=28, gap=1, cols=None):
    """(n, side*side) -> one image of n tiles, ``cols`` to a row, NaN between them."""
    n = len(rows_of_pixels)
    cols = cols or max(1, math.ceil(math.sqrt(n)))
    rows = max(1, math.ceil(n / cols))
    step = side + gap
    image = np.full((rows * step - gap, cols * step - gap), np.nan)
    for i, row in enumerate(np.asarray(rows_of_pixels, dtype=np.float64)):
        r, c = divmod(i, cols)
        image[r * step:r * step + side, c * step:c * step + side] = row.reshape(side, side)
    return image


def _factor(shape, target=320):
    return max(1, min(16, target // max(shape)))


def export_views(bp, folder, *, sample=0, tile_count=64, nudge=None):
    """Write the views of :class:`~desktop_bp.core.microscope.BackwardPass` ``bp`` (one sample
    of it) as PNG files in ``folder``, with ``views.txt`` (each file, what it shows, its colour
    scale) and, when ``nudge`` (a list of NudgeStep) is given, the global view's Delta a per
    layer. Returns the paths written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written, lines = [], []

    def save(name, rgb, caption, scale=None):
        path = folder / name
        write_png(path, enlarge(rgb, _factor(rgb.shape[:2])))
        written.append(path)
        where = "" if scale is None else f"  [blue -{scale:.3g} .. white 0 .. red +{scale:.3g}]"
        lines.append(f"{name}: {caption}{where}")

    def scale_of(x):
        x = np.asarray(x, dtype=np.float64)
        x = x[np.isfinite(x)]
        return float(np.abs(x).max()) if x.size and np.abs(x).max() > 0 else 1.0

    n_in = bp.x.shape[1]
    side = int(round(math.sqrt(n_in)))
    square = side * side == n_in
    if square:
        save("input.png", grey(bp.x[sample].reshape(side, side)), "the input x, 28x28")
        sal = bp.saliency[sample].reshape(side, side)
        s = scale_of(sal)
        save("saliency.png", signed_colours(sal, s),
             f"saliency dC/dx (BP2 carried to the inputs), target {int(bp.target[sample])}, "
             f"cost {bp.cost}: red pixels raise C, blue ones lower it", s)
    for lay in bp.layers:
        for name in ("z", "a", "fprime", "incoming", "delta", "nabla_b"):
            values = getattr(lay, name)
            values = values if name == "nabla_b" else values[sample]
            s = scale_of(values)
            save(f"layer{lay.l}_{name}.png", signed_colours(vector_grid(values), s),
                 f"layer {lay.l}, {CAPTIONS[name]}", s)
        g = lay.nabla_w
        if lay.l == 2 and square:
            chosen = top_neurons(g, tile_count)
            image = tiles(g[chosen], side)
            what = (f"the {len(chosen)} neurons with the largest gradient, in order: "
                    f"{', '.join(str(int(j)) for j in chosen)}")
        else:
            image, what = g, f"row j = neuron of layer {lay.l}, column k = neuron of layer {lay.l - 1}"
        s = scale_of(image)
        save(f"layer{lay.l}_nabla_w.png", signed_colours(image, s),
             f"layer {lay.l}, {CAPTIONS['nabla_w']}; {what}", s)
    if nudge:
        step = nudge[0]
        for t, da in enumerate(step.da):
            l = bp.L - len(step.da) + 1 + t
            s = scale_of(da[sample])
            save(f"nudge_layer{l}_da.png", signed_colours(vector_grid(da[sample]), s),
                 f"global view: Delta a^{l} after Delta w = {step.dw:g}", s)
        lines.append("nudge: " + json.dumps([n.as_dict(arrays=False) for n in nudge]))
    notes = folder / "views.txt"
    notes.write_text(f"Backprop microscope: network {'-'.join(map(str, bp.net_sizes))} "
                     f"{bp.activation}/{bp.output}, cost {bp.cost}, target {int(bp.target[sample])}, "
                     f"C = {bp.cost_value:.6g}\n"
                     "Layers are numbered as in the book: the input is layer 1.\n\n"
                     + "\n".join(lines) + "\n", encoding="utf-8")
    written.append(notes)
    return written
