"""``desktop-bp predict IMAGE... [--model MODEL] [--json]``: name the digit in image files.

Each image (PNG, JPEG, BMP and the other formats Qt reads; any size, colour or grey, dark ink
on light paper or the reverse) goes through :func:`desktop_bp.core.preprocess.preprocess`, the
same function the drawing canvas uses, and is judged by :mod:`desktop_bp.core.confidence`: a
digit, "not sure" or "not a digit". One line per file says so in words, e.g.
``a.png: 7  (p=0.998)``, ``b.png: not sure, perhaps 2  (p=0.412)`` or ``c.png: not a digit (the
network's top guess would be 4, p=0.981)``; ``p=`` is a softmax probability, ``a=`` a sigmoid
output's activation (ten separate activations are not probabilities). With ``--json``, one JSON
object per line: ``file``, ``digit`` (the top guess), ``confident`` (false for "not sure" and
"not a digit"), ``verdict`` ("digit", "not sure" or "not a digit"), ``outputs`` (the ten output
activations), ``output_kind`` ("probabilities" or "activations") and ``nondigit_score`` (the
non-digit detector's score, null without it). ``--rule`` prints the rule used for the model.
Images are read with Qt's ``QImage`` (no display is needed), and fed to the network in
batches, so thousands of files in one call are fine.

A file that cannot be read, or that holds no digit (a blank image), gets a message on stderr and
the others still run; the exit status is then 1. A model that cannot be loaded exits with 2.
"""

from __future__ import annotations

import json
import sys

import numpy as np

# Reading is shared with the Python API: images are decoded at a bounded size, in 8-bit grey.
from desktop_bp.image_io import qimage_to_array, read_image  # noqa: F401 - re-exported

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
                   help="one JSON object per line: file, digit, confident, verdict, outputs, "
                        "output_kind, nondigit_score")
    p.add_argument("--rule", action="store_true",
                   help="first print (on stderr) how 'digit', 'not sure' and 'not a digit' are decided")
    p.set_defaults(func=run)
    return p


def _load_network(model):
    from desktop_bp.core.persistence import load_any
    from desktop_bp.core.pretrained import load_default_model

    return load_default_model() if model is None else load_any(model)


def _emit(args, file, judgement):
    """Print one file's judgement (a :class:`~desktop_bp.core.confidence.Judgement`)."""
    from desktop_bp.core.confidence import DIGIT, NOT_SURE

    if args.json:
        print(json.dumps({"file": file, **judgement.record()}))
        return
    label = "p" if judgement.output_kind == "probabilities" else "a"
    value = f"{label}={judgement.top:.3f}"
    listed = " ".join(f"{v:.3f}" for v in judgement.outputs)
    if judgement.verdict == DIGIT:
        words = f"{judgement.digit}  ({value})"
    elif judgement.verdict == NOT_SURE:
        words = f"not sure, perhaps {judgement.digit}  ({value}; {judgement.reason})"
    else:
        words = (f"not a digit (the network's top guess would be {judgement.digit}, {value}; "
                 f"{judgement.reason})")
    print(f"{file}: {words}  [{listed}]")


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
    from desktop_bp.core.confidence import judge_batch, rule_text

    if getattr(args, "rule", False):
        print(rule_text(net), file=sys.stderr)
    failures = 0
    pending_files, pending_inputs = [], []

    def flush():
        if pending_inputs:
            with single_threaded():     # a few small products: no BLAS thread pool
                judgements = judge_batch(net, np.stack(pending_inputs))
            for file, judgement in zip(pending_files, judgements):
                _emit(args, file, judgement)
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
