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

import numpy as np

# Reading is shared with the Python API: images are decoded at a bounded size, in 8-bit grey.
from desktop_bp.image_io import qimage_to_array, read_image  # noqa: F401  (re-exported)

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
    from desktop_bp.core.blas import single_threaded
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
            with single_threaded():     # a few small products: no BLAS thread pool
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
