"""The core's own PNG reader against PNG files Qt writes (which use every row filter)."""

import numpy as np
import pytest
from PySide6.QtGui import QImage

from desktop_bp.core.pngfile import PNGError, png_bytes, read_png


def qt_png(array, tmp_path):
    array = np.ascontiguousarray(array, np.uint8)
    h, w = array.shape[:2]
    channels = 1 if array.ndim == 2 else array.shape[2]
    fmt = {1: QImage.Format.Format_Grayscale8, 3: QImage.Format.Format_RGB888,
           4: QImage.Format.Format_RGBA8888}[channels]
    image = QImage(array.data, w, h, w * channels, fmt).copy()
    path = tmp_path / "x.png"
    assert image.save(str(path))
    return path.read_bytes()


@pytest.mark.parametrize("shape", [(37, 29), (30, 41, 3), (25, 33, 4)])
def test_reads_what_qt_writes(tmp_path, shape):
    rng = np.random.default_rng(0)
    # smooth gradients plus noise: the encoder then picks Sub, Up, Average and Paeth rows
    ramp = np.add.outer(np.arange(shape[0]), np.arange(shape[1])) * 3
    array = (ramp.reshape(shape[:2] + (1,) * (len(shape) - 2)) + rng.integers(0, 20, shape))
    array = (array % 256).astype(np.uint8)
    if len(shape) == 3 and shape[2] == 4:
        array[..., 3] = 255            # Qt stores premultiplied-free RGBA exactly when opaque
    np.testing.assert_array_equal(read_png(qt_png(array, tmp_path)), array)


def test_round_trip_and_damage():
    grey = np.arange(28 * 28, dtype=np.uint8).reshape(28, 28)
    data = png_bytes(grey)
    np.testing.assert_array_equal(read_png(data), grey)
    with pytest.raises(PNGError, match="not a PNG"):
        read_png(b"GIF89a")
    with pytest.raises(PNGError, match="checksum|cut short"):
        read_png(data[:40] + b"\x00" + data[41:])
    with pytest.raises(PNGError, match="cut short"):
        read_png(data[:30])
