"""Reading image files in bounded memory: large images are shrunk while they are read."""

import struct
import subprocess
import sys
import textwrap
import zlib

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen

from desktop_bp import image_io
from desktop_bp.core.preprocess import to_mnist_input


def noise_image(w, h, fmt, seed=0):
    """A QImage of random pixels (every PNG row filter gets used on noise)."""
    rng = np.random.default_rng(seed)
    channels = {QImage.Format.Format_Grayscale8: 1, QImage.Format.Format_RGB888: 3,
                QImage.Format.Format_RGBA8888: 4}[fmt]
    # smooth noise, so the PNG writer picks a mixture of Sub, Up, Average and Paeth rows
    base = rng.integers(0, 256, (h, w, channels)).astype(np.int32)
    base = ((base + np.roll(base, 1, 0) + np.roll(base, 1, 1)) // 3).astype(np.uint8)
    array = np.ascontiguousarray(base if channels > 1 else base[:, :, 0])
    return QImage(array.data, w, h, w * channels, fmt).copy()


def stroke_image(w, h, alpha=False):
    """A white (or transparent) page with one black vertical stroke, like a photographed '1'."""
    image = QImage(w, h, QImage.Format.Format_ARGB32 if alpha else QImage.Format.Format_RGB32)
    image.fill(QColor(0, 0, 0, 0) if alpha else QColor("white"))
    painter = QPainter(image)
    pen = QPen(QColor("black"))
    pen.setWidth(max(3, w // 25))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.drawLine(w // 2, h // 5, w // 2 + w // 20, 4 * h // 5)
    painter.end()
    return image


def decoded(path):
    """What Qt decodes from the file, whole, as an array of the file's own samples."""
    image = QImage(str(path))
    if image.format() == QImage.Format.Format_Grayscale8:
        return image_io.qimage_to_array(image)
    return image_io.qimage_to_array(image.convertToFormat(QImage.Format.Format_RGBA8888))


def write_png(path, rows, colour):
    """A PNG written by hand (filter 0 on every row): for colour types Qt does not write."""
    h, w = rows.shape[:2]
    raw = b"".join(b"\x00" + row.tobytes() for row in rows)
    data = (image_io._PNG_SIGNATURE
            + image_io._png_chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, colour, 0, 0, 0))
            + image_io._png_chunk(b"IDAT", zlib.compress(raw, 6))
            + image_io._png_chunk(b"IEND", b""))
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("fmt", [QImage.Format.Format_Grayscale8, QImage.Format.Format_RGB888,
                                 QImage.Format.Format_RGBA8888])
def test_png_read_in_bands_equals_the_whole_image(tmp_path, monkeypatch, fmt):
    path = tmp_path / "noise.png"
    assert noise_image(301, 157, fmt).save(str(path))
    monkeypatch.setattr(image_io, "_BAND_BYTES", 301 * 4 * 10)      # bands of 10 rows
    with open(path, "rb") as fh:
        w, h, colour = image_io._png_header(fh)
        bands = list(image_io._png_bands(fh, w, h, colour, 1))
    assert (w, h) == (301, 157) and len(bands) == 16
    whole = decoded(path)
    if colour == 2:
        whole = whole[:, :, :3]
    np.testing.assert_array_equal(np.concatenate(bands), whole)


def test_grey_and_alpha_png_is_read_in_bands(tmp_path, monkeypatch):
    rng = np.random.default_rng(1)
    rows = rng.integers(0, 256, (60, 90, 2)).astype(np.uint8)
    path = write_png(tmp_path / "ga.png", rows, 4)
    monkeypatch.setattr(image_io, "_BAND_BYTES", 90 * 4 * 7)
    with open(path, "rb") as fh:
        w, h, colour = image_io._png_header(fh)
        rgba = np.concatenate(list(image_io._png_bands(fh, w, h, colour, 1)))
    np.testing.assert_array_equal(rgba[:, :, 0], rows[:, :, 0])
    np.testing.assert_array_equal(rgba[:, :, 1], rows[:, :, 0])
    np.testing.assert_array_equal(rgba[:, :, 3], rows[:, :, 1])


def block_mean(array, k):
    h, w = array.shape[:2]
    out = np.zeros((-(-h // k), -(-w // k)) + array.shape[2:])
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = array[i * k:(i + 1) * k, j * k:(j + 1) * k].mean(axis=(0, 1))
    return out


@pytest.mark.parametrize("suffix", ["png", "bmp"])
def test_large_images_are_shrunk_by_block_averages(tmp_path, suffix):
    path = tmp_path / f"page.{suffix}"
    assert stroke_image(610, 450).save(str(path))
    grey = image_io.read_image(path, max_side=100)
    assert grey.dtype == np.uint8 and grey.shape == (65, 88)        # k = 7
    rgb = decoded(path)[:, :, :3].astype(np.float64)
    expected = block_mean(rgb @ [0.299, 0.587, 0.114], 7)
    assert np.abs(grey - expected).max() <= 1.0


def test_a_large_transparent_png_keeps_its_alpha_and_reads_as_the_same_digit(tmp_path):
    big, small = tmp_path / "big.png", tmp_path / "small.png"
    assert stroke_image(1200, 1500, alpha=True).save(str(big))
    assert stroke_image(240, 300, alpha=True).save(str(small))
    rgba = image_io.read_image(big, max_side=300)
    assert rgba.shape == (300, 240, 4)
    assert rgba[0, 0, 3] == 0 and rgba[:, :, 3].max() == 255
    near = to_mnist_input(rgba) @ to_mnist_input(image_io.read_image(small))
    assert near / np.linalg.norm(to_mnist_input(rgba)) ** 2 > 0.9


def test_jpeg_is_decoded_small(tmp_path):
    path = tmp_path / "photo.jpg"
    assert stroke_image(2400, 1800).save(str(path), quality=90)
    grey = image_io.read_image(path)
    assert grey.ndim == 2 and max(grey.shape) <= image_io.MAX_SIDE
    assert grey.shape[1] / grey.shape[0] == pytest.approx(4 / 3, abs=0.01)
    assert grey.min() < 50 and grey.max() > 200


def test_small_colour_images_come_back_as_grey_at_full_size(tmp_path):
    path = tmp_path / "small.png"
    assert stroke_image(200, 150).save(str(path))
    grey = image_io.read_image(path)
    assert grey.shape == (150, 200) and grey.dtype == np.uint8


def test_absurd_sizes_are_refused_before_decoding(tmp_path):
    # a header and a few bytes of data: Qt tells the size from the header, nothing is decoded
    path = tmp_path / "huge.png"
    path.write_bytes(image_io._PNG_SIGNATURE
                     + image_io._png_chunk(b"IHDR", struct.pack(">IIBBBBB", 40_000, 30_000, 8, 2,
                                                                0, 0, 0))
                     + image_io._png_chunk(b"IDAT", zlib.compress(b"\x00" * 1000))
                     + image_io._png_chunk(b"IEND", b""))
    with pytest.raises(OSError, match="1,200 megapixels"):
        image_io.read_image(path)


def test_whole_decodes_over_the_budget_are_refused(tmp_path, monkeypatch):
    path = tmp_path / "page.bmp"
    assert stroke_image(600, 400).save(str(path))
    monkeypatch.setattr(image_io, "DECODE_BUDGET", 100_000)
    with pytest.raises(OSError, match="read whole"):
        image_io.read_image(path, max_side=100)


def test_a_damaged_png_gives_a_message(tmp_path):
    path = tmp_path / "page.png"
    assert noise_image(400, 300, QImage.Format.Format_RGB888).save(str(path))
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 2])
    with pytest.raises(OSError):
        image_io.read_image(path, max_side=100)


def test_reading_a_large_png_needs_little_memory(tmp_path):
    """Read a 4000 x 4000 PNG in a fresh process: its peak memory grows by far less than the
    64 MB the whole decoded image would take."""
    path = tmp_path / "page.png"
    assert stroke_image(4000, 4000).save(str(path))
    script = textwrap.dedent(f"""
        import resource
        from desktop_bp.image_io import read_image
        from PySide6.QtGui import QImage
        QImage(8, 8, QImage.Format.Format_RGB32).fill(0)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        grey = read_image({str(path)!r})
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(grey.shape, (after - before) // 1024)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    shape, grown_mb = out.stdout.rsplit(" ", 1)
    assert shape == "(1000, 1000)"
    assert int(grown_mb) < 30


def test_predict_feeds_the_network_on_one_blas_thread(tmp_path, monkeypatch, capsys):
    import argparse

    from desktop_bp import predict_cli
    from desktop_bp.core import blas
    from desktop_bp.core.network import Network

    if blas.current_threads() is None:
        pytest.skip("no BLAS library that threadpoolctl can control")
    path = tmp_path / "one.png"
    assert stroke_image(200, 240).save(str(path))
    seen = []
    real = Network.feedforward

    def recording(self, X):
        seen.append(blas.current_threads())
        return real(self, X)

    monkeypatch.setattr(Network, "feedforward", recording)
    parser = argparse.ArgumentParser()
    predict_cli.add_parser(parser.add_subparsers())
    args = parser.parse_args(["predict", str(path)])
    assert args.func(args) == 0
    assert seen and set(seen) == {1}      # the model's and the non-digit detector's products
    assert "one.png: " in capsys.readouterr().out
