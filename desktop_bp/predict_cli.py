"""``desktop-bp predict IMAGE... [--model MODEL] [--json]``: name the digit in image files.

Each image (PNG, JPEG, BMP and the other formats Qt reads; any size, colour or grey, dark ink
on light paper or the reverse) goes through :func:`desktop_bp.core.preprocess.preprocess`, the
same function the drawing canvas uses, and the network's output is printed: one line per file,
or with ``--json`` one JSON object per line with the keys ``file``, ``digit`` and
``probabilities`` (the ten output activations). Images are read with Qt's ``QImage`` (no display
is needed), and fed to the network in batches, so thousands of files in one call are fine.

A file that cannot be read, or that holds no digit (a blank image), gets a message on stderr and
the others still run; the exit status is then 1. A model that cannot be loaded exits with 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

BATCH = 512          # images per feedforward


def add_parser(subparsers):
    """Register the ``predict`` sub-command on an argparse ``subparsers`` object."""
    p = subparsers.add_parser(
        "predict", help="name the digit in image files",
        description="Name the digit in each image file (PNG, JPEG, BMP, ...; any size, colour or "
                    "grey, either polarity), after the same MNIST-style preprocessing the canvas "
                    "uses. Exit status 1 if some file could not be read or held no digit.")
    p.add_argument("images", nargs="+", metavar="IMAGE", help="image files")
    p.add_argument("--model", help="a .npz model file or a network2.py JSON file "
                                   "(default: the bundled pretrained model)")
    p.add_argument("--json", action="store_true",
                   help="one JSON object per line: file, digit, probabilities")
    p.set_defaults(func=run)
    return p


def read_image(path):
    """Read an image file -> (h, w, 4) uint8 RGBA array. Raises ``OSError`` with Qt's reason
    when the file is missing or not an image Qt can decode."""
    from PySide6.QtGui import QImage, QImageReader

    if Path(path).is_dir():
        raise OSError("that is a folder, not an image file")
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)          # honour a JPEG's EXIF orientation, as viewers do
    image = reader.read()
    if image.isNull():
        raise OSError(reader.errorString() or "not an image")
    return qimage_to_array(image.convertToFormat(QImage.Format.Format_RGBA8888))


def qimage_to_array(image):
    """A QImage in Format_RGBA8888 -> (h, w, 4) uint8 array (a copy)."""
    h, w = image.height(), image.width()
    stride = image.bytesPerLine()
    buffer = np.frombuffer(image.constBits(), dtype=np.uint8, count=stride * h)
    return buffer.reshape(h, stride)[:, :4 * w].reshape(h, w, 4).copy()


def _load_network(model):
    from desktop_bp.core.persistence import load_any
    from desktop_bp.core.pretrained import load_default_model

    return load_default_model() if model is None else load_any(model)


def _emit(args, file, probabilities, label="p"):
    digit = int(np.argmax(probabilities))
    if args.json:
        print(json.dumps({"file": file, "digit": digit,
                          "probabilities": [round(float(p), 6) for p in probabilities]}))
    else:
        listed = " ".join(f"{p:.3f}" for p in probabilities)
        print(f"{file}: {digit}  ({label}={probabilities[digit]:.3f})  [{listed}]")


def run(args) -> int:
    """Run ``predict`` for parsed arguments (``images``, ``model``, ``json``); returns the exit
    status: 0 all files named, 1 some file unreadable or blank, 2 the model could not be loaded."""
    from desktop_bp.core.persistence import ModelFileError
    from desktop_bp.core.preprocess import to_mnist_input

    try:
        net = _load_network(args.model)
    except (ModelFileError, OSError) as exc:
        print(f"desktop-bp predict: cannot load the model: {exc}", file=sys.stderr)
        return 2
    failures = 0
    pending_files, pending_inputs = [], []

    def flush():
        if pending_inputs:
            outputs = net.feedforward(np.stack(pending_inputs))
            # softmax outputs are probabilities; sigmoid outputs are ten separate activations
            label = "p" if net.output == "softmax" else "a"
            for file, output in zip(pending_files, outputs):
                _emit(args, file, output, label)
            sys.stdout.flush()
            pending_files.clear()
            pending_inputs.clear()

    for file in args.images:
        try:
            inputs = to_mnist_input(read_image(file))
        except (OSError, ValueError) as exc:
            print(f"{file}: cannot read the image: {exc}", file=sys.stderr)
            failures += 1
            continue
        if inputs is None:
            print(f"{file}: no digit found (the image is blank)", file=sys.stderr)
            failures += 1
            continue
        pending_files.append(file)
        pending_inputs.append(inputs)
        if len(pending_inputs) >= BATCH:
            flush()
    flush()
    if failures:
        print(f"desktop-bp predict: {failures} of {len(args.images)} file(s) gave no prediction",
              file=sys.stderr)
    return 1 if failures else 0
