"""Reading image files for the network, in bounded memory.

A digit ends up as 28x28 pixels, and preprocessing works on the image as floating-point arrays
several times its size. So an image is read no larger than :data:`MAX_SIDE` pixels on its
longer side, and without transparency as 8-bit grey (a quarter of the bytes of RGBA), in the
first way that applies:

1. small images are decoded as they are;
2. formats whose decoder can scale while decoding (JPEG) are decoded at the smaller size;
3. PNG (8 bits per channel, not interlaced, the usual kind) is decoded a band of rows at a
   time (:func:`_png_bands`) and each band averaged down at once, so a 64-megapixel PNG never
   exists in memory at full size (Qt's PNG decoder has no scaled decoding: it would hold all
   256 MB of it, and its smooth scaling converts grey to 32-bit colour on the way);
4. other images are decoded whole if that takes at most :data:`DECODE_BUDGET` bytes, then
   averaged down;
5. anything else, and anything over :data:`MAX_MEGAPIXELS`, is refused with a message.

Shrinking averages blocks of ``k x k`` pixels (area averaging, as the preprocessing itself
shrinks), so thin strokes become grey rather than vanishing. Uses Qt's image readers (no
display needed), so it lives outside the Qt-free core.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import numpy as np

#: The longest side, in pixels, an image is read at: 25 times the 20 pixels a digit's longer
#: side is scaled to, and more than twice the resolution at which strokes are measured.
MAX_SIDE = 1024

#: Images larger than this many megapixels are refused (a 16,000 x 16,000 scan is 256).
MAX_MEGAPIXELS = 400

#: The most bytes a decoder may use for a whole image that cannot be read in parts.
DECODE_BUDGET = 96 * 1024 * 1024

_LUMA = np.array([0.299, 0.587, 0.114], np.float32)    # ITU-R BT.601, as preprocess uses
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}                 # colour type -> samples per pixel
_BAND_BYTES = 2 * 1024 * 1024                            # decoded bytes per PNG band, about


def read_image(path, max_side=MAX_SIDE):
    """Read an image file -> (h, w) uint8 grey array, or (h, w, 4) uint8 RGBA when the image
    has an alpha channel (transparent pixels are composited by the preprocessing), at most
    ``max_side`` pixels on its longer side (larger images are shrunk, keeping their aspect).

    Raises ``OSError`` with a reason a person can act on when the file is missing, a folder,
    not an image Qt can decode, or too large to read."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage, QImageIOHandler, QImageReader

    path = Path(path)
    if path.is_dir():
        raise OSError("that is a folder, not an image file")
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)          # honour a JPEG's EXIF orientation, as viewers do
    size = reader.size()                   # from the header, before decoding (may be unknown)
    w, h = (size.width(), size.height()) if size.isValid() else (0, 0)
    if w * h > MAX_MEGAPIXELS * 1_000_000:
        raise OSError(f"the image is {w:,} x {h:,} pixels ({w * h / 1e6:,.0f} megapixels); "
                      f"images over {MAX_MEGAPIXELS} megapixels are not read. Scale it down "
                      "with an image editor first.")
    k = _block(w, h, max_side)
    if k > 1:
        if reader.supportsOption(QImageIOHandler.ImageOption.ScaledSize):
            reader.setScaledSize(QSize(max(1, round(w / k)), max(1, round(h / k))))
        elif bytes(reader.format()) == b"png":
            shrunk = _read_png_shrunk(path, k)
            if shrunk is not None:
                return shrunk
        depth = max(QImage(1, 1, reader.imageFormat()).depth(), 8) \
            if reader.imageFormat() != QImage.Format.Format_Invalid else 32
        if w * h * depth // 8 > DECODE_BUDGET:
            raise OSError(f"the image is {w:,} x {h:,} pixels and this kind of file can only be "
                          f"read whole, which would take {w * h * depth / 8 / 2**20:,.0f} MB. "
                          f"Save it smaller, or as an ordinary PNG or JPEG.")
    image = reader.read()
    if image.isNull():
        raise OSError(reader.errorString() or "not an image")
    k = _block(image.width(), image.height(), max_side)
    if image.hasAlphaChannel():
        image = image.convertToFormat(QImage.Format.Format_RGBA8888)
        rgba = _bytes(image)[:, :4 * image.width()].reshape(image.height(), image.width(), 4)
        return rgba.copy() if k == 1 else _shrink_rows(rgba, k)
    if image.format() not in (QImage.Format.Format_Grayscale8, QImage.Format.Format_RGB32):
        image = image.convertToFormat(QImage.Format.Format_Grayscale8 if image.depth() <= 8
                                      else QImage.Format.Format_RGB32)
    if k == 1:
        return np.rint(_grey(_view(image))).astype(np.uint8)
    return _shrink_rows(_view(image), k)


def qimage_to_array(image):
    """A QImage in Format_RGBA8888 -> (h, w, 4) uint8 array, or in Format_Grayscale8 ->
    (h, w) uint8 array (a copy)."""
    from PySide6.QtGui import QImage

    channels = 1 if image.format() == QImage.Format.Format_Grayscale8 else 4
    h, w = image.height(), image.width()
    rows = _bytes(image)[:, :channels * w]
    return (rows if channels == 1 else rows.reshape(h, w, 4)).copy()


def _bytes(image):
    """(h, bytesPerLine) uint8 view of a QImage's pixels."""
    h, stride = image.height(), image.bytesPerLine()
    return np.frombuffer(image.constBits(), dtype=np.uint8, count=stride * h).reshape(h, stride)


def _view(image):
    """A Grayscale8 QImage -> (h, w) uint8 view; an RGB32 one -> (h, w) uint32 view of
    0xffRRGGBB words (whatever the machine's byte order)."""
    from PySide6.QtGui import QImage

    h, w = image.height(), image.width()
    if image.format() == QImage.Format.Format_Grayscale8:
        return _bytes(image)[:, :w]
    return _bytes(image)[:, :4 * w].view(np.uint32)


def _block(w, h, max_side):
    """The side k of the k x k blocks that bring the longer side within ``max_side``."""
    return max(1, -(-max(w, h) // max_side))


def _grey(rows):
    """Rows of pixels -> float32 grey in 0..255: (b, w) uint8 grey, (b, w) uint32 0xffRRGGBB
    words, (b, w, 3) RGB or (b, w, 4) RGBA (then the RGBA channels, as float32)."""
    if rows.ndim == 3:
        if rows.shape[2] == 4:
            return rows.astype(np.float32)
        grey = rows[:, :, 0] * _LUMA[0]
        grey += rows[:, :, 1] * _LUMA[1]
        grey += rows[:, :, 2] * _LUMA[2]
        return grey
    if rows.dtype == np.uint32:
        grey = ((rows >> 16) & 0xFF).astype(np.float32) * _LUMA[0]
        grey += ((rows >> 8) & 0xFF).astype(np.float32) * _LUMA[1]
        grey += (rows & 0xFF).astype(np.float32) * _LUMA[2]
        return grey
    return rows.astype(np.float32)


def _block_mean(rows, k):
    """(b, w[, c]) float32 rows, b <= k -> (1, ceil(w / k)[, c]) the means of k-wide blocks."""
    column_sums = np.add.reduceat(rows.sum(axis=0), np.arange(0, rows.shape[1], k), axis=0)
    widths = np.minimum(k, rows.shape[1] - np.arange(0, rows.shape[1], k))
    shape = (-1,) + (1,) * (rows.ndim - 2)
    return (column_sums / (len(rows) * widths.reshape(shape)))[None]


def _shrink(bands, k, height):
    """Average k x k blocks of an image that arrives as ``bands`` of rows (each a multiple of k
    rows, but the last), ``height`` rows in all -> uint8 (ceil(h / k), ceil(w / k)[, 4])."""
    out = None
    row = 0
    for band in bands:
        grey = _grey(band)
        for lo in range(0, len(grey), k):
            mean = _block_mean(grey[lo:lo + k], k)
            if out is None:
                out = np.empty((-(-height // k),) + mean.shape[1:], np.uint8)
            np.rint(mean, out=mean)
            out[row] = mean[0]
            row += 1
    return out[:row]


def _shrink_rows(array, k, band_rows=256):
    """:func:`_shrink` for an image already in memory (a view: no full-size copy is made)."""
    rows = max(k, band_rows // k * k)
    return _shrink((array[lo:lo + rows] for lo in range(0, len(array), rows)), k, len(array))


def _read_png_shrunk(path, k):
    """Read a PNG file shrunk by k x k block averaging, a band of rows at a time; None when it
    is of a kind this does not handle (16 bits, a palette, interlaced), to read it whole."""
    try:
        with open(path, "rb") as fh:
            header = _png_header(fh)
            if header is None:
                return None
            w, h, colour = header
            bands = _png_bands(fh, w, h, colour, k)
            return _shrink(bands, k, h)
    except (zlib.error, struct.error, ValueError) as exc:
        raise OSError(f"the PNG file is damaged ({exc})") from None


def _png_header(fh):
    """(width, height, colour type) of a PNG that :func:`_png_bands` can read, else None."""
    if fh.read(8) != _PNG_SIGNATURE:
        return None
    length, kind = struct.unpack(">I4s", fh.read(8))
    if kind != b"IHDR" or length != 13:
        return None
    w, h, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", fh.read(13))
    fh.read(4)                                       # the header's CRC
    if depth != 8 or colour not in _PNG_CHANNELS or interlace != 0:
        return None
    return w, h, colour


def _idat(fh):
    """The compressed image data of a PNG, chunk by chunk (file positioned after IHDR)."""
    while True:
        head = fh.read(8)
        if len(head) < 8:
            raise ValueError("the file ends before its image data does")
        length, kind = struct.unpack(">I4s", head)
        if kind == b"IEND":
            return
        data = fh.read(length)
        fh.read(4)                                   # CRC (zlib checks the data itself)
        if kind == b"IDAT":
            yield data


def _png_chunk(kind, payload):
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def _png_bands(fh, w, h, colour, k):
    """Decode a PNG a band of rows at a time: (rows, w) uint8 grey or (rows, w, 3|4) uint8
    arrays, every band a multiple of k rows but the last.

    The decompressed data are rows of filtered bytes, each filter referring to the row above.
    Each band is handed to Qt's decoder as a small PNG of its own, led by the previous band's
    last row, unfiltered (filter 0): every filter of the band then sees the row it expects."""
    from PySide6.QtGui import QImage

    channels = _PNG_CHANNELS[colour]
    stride = 1 + w * channels
    rows_per_band = max(k, _BAND_BYTES // (w * 4) // k * k)
    inflate = zlib.decompressobj()
    pending = b""
    above = None                                     # the previous row, unfiltered
    chunks = _idat(fh)
    compressed = b""
    done = 0
    while done < h:
        rows = min(rows_per_band, h - done)
        need = rows * stride
        while len(pending) < need:
            # at most what the band needs: a few kB of plain paper inflate to megabytes
            if not compressed:
                compressed = next(chunks, b"")
                if not compressed:
                    raise ValueError("the image data end early")
            pending += inflate.decompress(compressed, need - len(pending))
            compressed = inflate.unconsumed_tail
        band, pending = pending[:need], pending[need:]
        lead = b"" if above is None else b"\x00" + above.tobytes()
        ihdr = struct.pack(">IIBBBBB", w, rows + (above is not None), 8, colour, 0, 0, 0)
        png = (_PNG_SIGNATURE + _png_chunk(b"IHDR", ihdr)
               + _png_chunk(b"IDAT", zlib.compress(lead + band, 0)) + _png_chunk(b"IEND", b""))
        image = QImage.fromData(png, "PNG")
        if image.isNull():
            raise ValueError("a band of rows could not be decoded")
        if colour == 0:
            pixels = qimage_to_array(image.convertToFormat(QImage.Format.Format_Grayscale8))
        else:
            if image.format() not in (QImage.Format.Format_RGB32, QImage.Format.Format_ARGB32):
                raise ValueError(f"unexpected decoded format {image.format()}")
            pixels = qimage_to_array(image.convertToFormat(QImage.Format.Format_RGBA8888))
        if above is not None:
            pixels = pixels[1:]
        # the row the next band's filters refer to, as the file's own samples
        last = pixels[-1]
        above = last[:, :3] if colour == 2 else last[:, [0, 3]] if colour == 4 else last
        if colour == 2:
            pixels = pixels[:, :, :3]                # (colour 4, grey and alpha, stays RGBA)
        done += rows
        yield pixels
