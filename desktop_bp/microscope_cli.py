"""``desktop-bp microscope IMAGE [--model M] [--target D] [--cost C] --out DIR [--json]
[--summary] [--nudge L,J,K[,DW]]``: one backward pass on an image file, written out.

The image is read and preprocessed exactly as ``desktop-bp predict`` does it; the microscope
(:mod:`desktop_bp.core.microscope`) computes, per layer, z, a, sigma'(z), BP1/BP2's factors,
delta, dC/db and dC/dw, and the saliency dC/dx; :func:`desktop_bp.core.figures.export_views`
writes them as PNG files in ``--out`` with ``views.txt`` describing each. ``--json`` also prints
the numbers (full arrays, or with ``--summary`` their shape, min, max and means). ``--nudge``
adds the chapter's global view for weight w^L_JK (layers numbered as in the book, the input is
layer 1): Delta C measured against dC/dw Delta w for shrinking Delta w, and each later layer's
Delta a.

Exit status: 0 done, 1 the image could not be read or holds no digit, 2 bad arguments or a
model that cannot be loaded.
"""

from __future__ import annotations

import json
import sys


def add_parser(subparsers):
    """Register the ``microscope`` sub-command on an argparse ``subparsers`` object."""
    p = subparsers.add_parser(
        "microscope", help="open one backward pass on an image (BP1-BP4, saliency) as figures",
        description="Run one backward pass on the digit in IMAGE and write every layer's z, a, "
                    "sigma'(z), delta, dC/db, dC/dw and the saliency dC/dx as PNG files (with "
                    "views.txt saying what each shows). Layers are numbered as in the book: the "
                    "input is layer 1.")
    p.add_argument("image", metavar="IMAGE", help="an image file (PNG, JPEG, BMP, ...)")
    p.add_argument("--model", help="a .npz model file or a network2.py JSON file "
                                   "(default: the bundled pretrained model)")
    p.add_argument("--target", help="the target digit y (default: the predicted digit)")
    p.add_argument("--cost", help="quadratic, cross-entropy or log-likelihood (default: the "
                                  "network's own)")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the PNG files")
    p.add_argument("--json", action="store_true", help="print the numbers as one JSON object")
    p.add_argument("--summary", action="store_true",
                   help="with --json: each array's shape, min, max, mean and mean |.| only")
    p.add_argument("--nudge", metavar="L,J,K[,DW]",
                   help="the global view for weight w^L_JK: nudge it by DW (default 1.0) and "
                        "smaller steps, and follow the change to C")
    p.set_defaults(func=run)
    return p


def _fail(message, status=2):
    print(f"desktop-bp microscope: {message}", file=sys.stderr)
    return status


def parse_nudge(text):
    """"L,J,K[,DW]" -> (l, j, k, dw); raises ValueError with a readable reason."""
    parts = [p.strip() for p in str(text).split(",")]
    if len(parts) not in (3, 4):
        raise ValueError(f"--nudge takes L,J,K or L,J,K,DW (e.g. 3,4,17,0.5), got {text!r}")
    try:
        l, j, k = (int(p) for p in parts[:3])
    except ValueError:
        raise ValueError(f"--nudge: L, J and K must be whole numbers, got {text!r}") from None
    try:
        dw = float(parts[3]) if len(parts) == 4 else 1.0
    except ValueError:
        raise ValueError(f"--nudge: DW must be a number, got {parts[3]!r}") from None
    if not dw or dw != dw or abs(dw) == float("inf"):
        raise ValueError("--nudge: DW must be a finite number other than 0")
    return l, j, k, dw


def run(args) -> int:
    from desktop_bp.core.figures import export_views
    from desktop_bp.core.microscope import COST_NAMES, Microscope
    from desktop_bp.core.persistence import ModelFileError
    from desktop_bp.core.preprocess import to_mnist_input
    from desktop_bp.predict_cli import _load_network, read_image

    if args.cost is not None and args.cost not in COST_NAMES:
        return _fail(f"--cost must be one of {', '.join(COST_NAMES)}, got {args.cost!r}")
    nudge = None
    if args.nudge is not None:
        try:
            nudge = parse_nudge(args.nudge)
        except ValueError as exc:
            return _fail(str(exc))
    if args.summary and not args.json:
        return _fail("--summary goes with --json")
    try:
        net = _load_network(args.model)
    except (ModelFileError, OSError) as exc:
        return _fail(f"cannot load the model: {exc}")
    n_out = net.sizes[-1]
    target = None
    if args.target is not None:
        try:
            target = int(args.target)
        except ValueError:
            target = -1
        if not 0 <= target < n_out:
            return _fail(f"--target must be a digit from 0 to {n_out - 1}, got {args.target!r}")
    if net.sizes[0] != 784:
        return _fail(f"the model takes {net.sizes[0]} inputs, not a 28x28 image")
    try:
        x = to_mnist_input(read_image(args.image))
    except (OSError, ValueError) as exc:
        return _fail(f"{args.image}: cannot read the image: {exc}", 1)
    if x is None:
        return _fail(f"{args.image}: no digit found (the image is blank)", 1)
    if target is None:
        target = int(net.predict(x[None, :])[0])
    bp = Microscope(net).look(x, target, args.cost)
    steps = None
    if nudge is not None:
        l, j, k, dw = nudge
        try:
            steps = bp.nudge(l, j, k, dws=[dw * 10.0 ** -p for p in range(5)])
        except ValueError as exc:
            return _fail(f"--nudge: {exc}")
    try:
        written = export_views(bp, args.out, nudge=steps)
    except OSError as exc:
        return _fail(f"cannot write to {args.out}: {exc}")
    if args.json:
        out = bp.as_dict(summary=args.summary)
        out["file"] = str(args.image)
        out["predicted"] = int(net.predict(x[None, :])[0])
        out["figures"] = [str(p) for p in written]
        if steps is not None:
            l, j, k, _ = nudge
            out["nudge"] = {"layer": l, "j": j, "k": k, "gradient": float(bp.layer(l).nabla_w[j, k]),
                            "steps": [s.as_dict(arrays=not args.summary) for s in steps]}
        print(json.dumps(out))
    else:
        print(f"{args.image}: target {target}, cost {bp.cost}, C = {bp.cost_value:.6g}; "
              f"{len(written)} files in {args.out}")
        if steps is not None:
            l, j, k, _ = nudge
            print(f"nudging w^{l}_{j},{k} (dC/dw = {bp.layer(l).nabla_w[j, k]:.6g}):")
            for s in steps:
                print(f"  dw = {s.dw:<10.3g} measured dC = {s.dC: .6e}   dC/dw * dw = {s.predicted: .6e}")
    return 0
