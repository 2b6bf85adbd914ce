"""Read and write small PNG images with NumPy and zlib alone (no Qt in the core).

:func:`png_bytes` (from :mod:`desktop_bp.core.drawn`) writes 8-bit greyscale; :func:`read_png`
reads the common 8-bit kinds (grey, grey + alpha, RGB, RGBA; not interlaced), which covers what
this app writes and what most painting programs save. Anything else raises :class:`PNGError`
with a reason a person can act on.
"""

from __future__ import annotations

import struct
import zlib

import numpy as np

from desktop_bp.core.drawn import png_bytes

__all__ = ["PNGError", "png_bytes", "read_png"]

SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_PIXELS = 4096 * 4096
_CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}


class PNGError(ValueError):
    """A file that is not a PNG this module can read."""


def read_png(data):
    """PNG file bytes -> uint8 array: (h, w) grey, (h, w, 3) RGB or (h, w, 4) RGBA (grey with
    alpha is returned as RGBA)."""
    if not data.startswith(SIGNATURE):
        raise PNGError("not a PNG image")
    pos, header, idat = len(SIGNATURE), None, []
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if len(body) != length or pos + 12 + length > len(data):
            raise PNGError("the PNG file is cut short")
        crc = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0]
        if zlib.crc32(kind + body) & 0xFFFFFFFF != crc:
            raise PNGError("the PNG file is damaged (a checksum does not match)")
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    if header is None or not idat:
        raise PNGError("the PNG file has no image data")
    w, h, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in _CHANNELS or interlace:
        raise PNGError("only 8-bit, non-interlaced grey or colour PNG images can be read "
                       f"(this one has bit depth {depth}, colour type {colour})")
    if w == 0 or h == 0 or w * h > MAX_PIXELS:
        raise PNGError(f"the PNG image is {w}x{h} pixels, outside what can be read")
    c = _CHANNELS[colour]
    stride = w * c
    try:
        raw = zlib.decompressobj().decompress(b"".join(idat), (stride + 1) * h)
    except zlib.error as exc:
        raise PNGError(f"the PNG file is damaged ({exc})") from None
    if len(raw) < (stride + 1) * h:
        raise PNGError("the PNG file is cut short")
    rows = np.frombuffer(raw, np.uint8, (stride + 1) * h).reshape(h, stride + 1)
    image = _unfilter(rows, c)
    image = image.reshape(h, w, c)
    if c == 1:
        return image[:, :, 0]
    if c == 2:
        grey, alpha = image[:, :, 0], image[:, :, 1]
        return np.dstack([grey, grey, grey, alpha])
    return image


def _unfilter(rows, bpp):
    """Undo PNG's per-row filters (None, Sub, Up, Average, Paeth) -> (h, stride) uint8."""
    h, n = rows.shape[0], rows.shape[1] - 1
    out = np.zeros((h, n), np.int32)
    prev = np.zeros(n, np.int32)
    for y in range(h):
        kind, line = rows[y, 0], rows[y, 1:].astype(np.int32)
        if kind == 0:
            cur = line
        elif kind == 2:
            cur = (line + prev) & 0xFF
        elif kind in (1, 3, 4):
            cur = line.copy()
            for x in range(n):
                left = cur[x - bpp] if x >= bpp else 0
                up = prev[x]
                if kind == 1:
                    cur[x] = (cur[x] + left) & 0xFF
                elif kind == 3:
                    cur[x] = (cur[x] + (left + up) // 2) & 0xFF
                else:
                    corner = prev[x - bpp] if x >= bpp else 0
                    p = left + up - corner
                    pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                    pred = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
                    cur[x] = (cur[x] + pred) & 0xFF
        else:
            raise PNGError(f"the PNG file is damaged (unknown row filter {kind})")
        out[y] = cur
        prev = cur
    return out.astype(np.uint8)
