"""The ``desktop-bp`` command.

With no arguments it opens the window. Sub-commands serve scripts and terminals:
``train``, ``evaluate``, ``predict``, ``gradcheck``, ``download`` and ``bench``; each has
``--help`` and ``--json``. Long work shows a progress bar on stderr; results go to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np


# ---------------------------------------------------------------------------------------------
# output helpers


class ProgressBar:
    """A one-line text progress bar on stderr; silent when stderr is not a terminal."""

    def __init__(self, label, total=None, stream=None, width=30):
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.label, self.total, self.width = label, total, width
        self._last = 0.0

    def update(self, done, total=None, note=""):
        if not self.enabled:
            return
        now = time.monotonic()
        total = total if total is not None else self.total
        if now - self._last < 0.1 and (total is None or done < total):
            return
        self._last = now
        if total:
            frac = min(max(done / total, 0.0), 1.0)
            fill = int(frac * self.width)
            bar = "#" * fill + "-" * (self.width - fill)
            text = f"\r{self.label} [{bar}] {100 * frac:5.1f}% {note}"
        else:
            text = f"\r{self.label} {done:,} {note}"
        self.stream.write(text[:120].ljust(60))
        self.stream.flush()

    def close(self):
        if self.enabled:
            self.stream.write("\r" + " " * 80 + "\r")
            self.stream.flush()


def _fail(message, code=2):
    print(f"desktop-bp: {message}", file=sys.stderr)
    return code


def _sizes(text):
    try:
        sizes = [int(s) for s in text.replace(" ", "").split(",") if s]
    except ValueError:
        raise argparse.ArgumentTypeError(f"layer sizes are whole numbers separated by commas, got {text!r}")
    if len(sizes) < 2 or min(sizes) < 1:
        raise argparse.ArgumentTypeError("give at least two layers of at least one neuron, e.g. 784,30,10")
    return sizes


def _float(text, allow_zero):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}")
    if not (np.isfinite(value) and (value > 0 or (allow_zero and value == 0))):
        raise argparse.ArgumentTypeError(
            f"must be {'zero or more' if allow_zero else 'a positive number'}, got {text}")
    return value


def _positive_float(text):
    return _float(text, allow_zero=False)


def _nonnegative_float(text):
    return _float(text, allow_zero=True)


def _positive_int(text):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}")
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {text}")
    return value


def _setting(parse):
    """An argparse type from a :mod:`desktop_bp.core.run_config` parser: the command line
    checks a run's settings with the very rules the window's form uses."""
    def convert(text):
        value, error, _warning = parse(text)
        if error:
            raise argparse.ArgumentTypeError(error)
        return value
    convert.__name__ = parse.__name__.replace("parse_", "")
    return convert


def _train_sizes(text):
    from desktop_bp.core.run_config import check_sizes
    sizes, error, _ = check_sizes(_sizes(text))
    if error:
        raise argparse.ArgumentTypeError(error)
    return sizes


def _unwritable(path):
    """Why a model cannot be written to ``path`` (a reason), or None when it can."""
    if path.is_dir():
        return "that is a folder; give a file name such as model.npz"
    folder = path.resolve().parent
    if not folder.is_dir():
        return f"the folder {folder} does not exist"
    if path.exists() and not path.is_file():
        return "that is not a regular file"
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return "it is not writable"
    return None


def _load_data(path):
    from desktop_bp.core.mnist import load_mnist
    return load_mnist(path)


# ---------------------------------------------------------------------------------------------
# train


def _cmd_train(args):
    from desktop_bp.core.augment import AUGMENTATIONS
    from desktop_bp.core.mnist import DatasetError
    from desktop_bp.core.network import Network
    from desktop_bp.core.persistence import save_model
    from desktop_bp.core.presets import preset
    from desktop_bp.core.training import BatchEvent, EpochEvent, FinishedEvent, check_data, train

    try:
        settings = preset(args.preset)
    except KeyError as err:
        return _fail(err.args[0])
    for key in ("sizes", "activation", "cost", "init", "eta", "batch_size", "epochs", "lmbda",
                "momentum", "eta_decay"):
        value = getattr(args, key)
        if value is not None:
            settings[key] = value
    if args.augment is not None:
        settings["augment"] = None if args.augment == "none" else args.augment
    if args.seed is None:
        args.seed = settings.get("seed", 0)
    try:
        net = Network(settings["sizes"], activation=settings["activation"], cost=settings["cost"],
                      init=settings["init"], seed=args.seed)
    except ValueError as err:
        return _fail(str(err))
    try:
        training, validation, test = _load_data(args.data)
    except DatasetError as err:
        return _fail(str(err))
    if args.train_size:
        if args.train_size > len(training[1]) and not args.json:
            print(f"note: --train-size {args.train_size:,} is more than the {len(training[1]):,} "
                  "training images; training on all of them", file=sys.stderr)
        training = (training[0][:args.train_size], training[1][:args.train_size])
    try:
        check_data(net, training, "training")
    except ValueError as err:
        return _fail(str(err))
    if args.out:
        problem = _unwritable(Path(args.out))
        if problem:
            return _fail(f"cannot save the model to {args.out}: {problem} (checked before "
                         "training, so no work is lost)")
    augment = AUGMENTATIONS[settings["augment"]] if settings.get("augment") else None
    hyper = {k: settings[k] for k in ("eta", "batch_size", "epochs", "lmbda", "momentum", "eta_decay")}
    hyper.update(augment=settings.get("augment"), seed=args.seed, preset=args.preset,
                 training_size=len(training[1]))
    if not args.json:
        print(f"Training {net.describe()} ({net.num_parameters:,} parameters) on "
              f"{len(training[1]):,} images: eta={settings['eta']:g}, mini-batch "
              f"{settings['batch_size']}, {settings['epochs']} epoch{'s' * (settings['epochs'] != 1)}"
              + (f", lambda={settings['lmbda']:g}" if settings["lmbda"] else "")
              + (f", momentum={settings['momentum']:g}" if settings["momentum"] else "")
              + (f", augmentation: {settings['augment']}" if settings.get("augment") else ""))
    bar = ProgressBar("epoch")
    total_seconds = 0.0
    best = None
    final = None
    for event in train(net, training, epochs=settings["epochs"], batch_size=settings["batch_size"],
                       eta=settings["eta"], lmbda=settings["lmbda"], momentum=settings["momentum"],
                       eta_decay=settings["eta_decay"], augment=augment, validation=validation,
                       test=test, seed=args.seed, send_weights=False, report_interval=0.2):
        if isinstance(event, BatchEvent):
            bar.update(event.batch, event.batches, f"epoch {event.epoch + 1}/{event.epochs} "
                                                   f"cost {event.cost:.4f}")
        elif isinstance(event, EpochEvent):
            bar.close()
            total_seconds += event.seconds
            if best is None or event.validation_accuracy > best["validation_accuracy"]:
                best = event.record()
            if args.json:
                print(json.dumps({"event": "epoch", **event.record(),
                                  "total_seconds": round(total_seconds, 3)}), flush=True)
            else:
                print(f"epoch {event.epoch + 1:3d}/{event.epochs}  {event.seconds:6.2f} s  "
                      f"cost {event.training_cost:.4f}  validation {100 * event.validation_accuracy:6.2f}%  "
                      f"test {100 * event.test_accuracy:6.2f}%", flush=True)
        elif isinstance(event, FinishedEvent):
            bar.close()
            final = event
    history = net.metadata.get("history", [])
    best_test = max((h["test_accuracy"] for h in history), default=None)
    summary = {"event": "finished", "reason": final.reason, "message": final.message,
               "epochs": len(history), "training_seconds": round(total_seconds, 3),
               "final_test_accuracy": history[-1]["test_accuracy"] if history else None,
               "best_test_accuracy": best_test,
               "best_validation_epoch": best["epoch"] if best else None,
               "test_accuracy_at_best_validation": best["test_accuracy"] if best else None}
    if args.out:
        net.metadata.update(hyperparameters=hyper,
                            test_accuracy=history[-1]["test_accuracy"] if history else None,
                            validation_accuracy=history[-1]["validation_accuracy"] if history else None,
                            training_seconds=round(total_seconds, 3))
        try:
            save_model(args.out, net.copy(np.float16) if args.half else net)
            summary["model"] = str(args.out)
        except (OSError, ValueError) as err:
            # the run is not thrown away: it goes next to the requested file's folder or home
            rescue = Path.home() / f"desktop-bp-rescued-{int(time.time())}.npz"
            save_model(rescue, net)
            return _fail(f"could not save the model to {args.out} ({err}); it was saved to "
                         f"{rescue} instead", 1)
    if args.json:
        print(json.dumps(summary))
    else:
        print(final.message)
        if history:
            print(f"Training time {total_seconds:.{1 if total_seconds >= 10 else 2}f} s. Final test accuracy "
                  f"{100 * summary['final_test_accuracy']:.2f}%, best {100 * best_test:.2f}% "
                  f"(best validation at epoch {best['epoch'] + 1}: test {100 * best['test_accuracy']:.2f}%).")
        if args.out:
            kept = ("" if final.reason != "diverged" else
                    " (the weights it kept after diverging: see above)")
            print(f"Saved the model to {args.out}{kept}")
    return 0 if final.reason != "diverged" else 1


# ---------------------------------------------------------------------------------------------
# evaluate


def _cmd_evaluate(args):
    from desktop_bp.core.metrics import confusion_matrix, predictions
    from desktop_bp.core.mnist import DatasetError
    from desktop_bp.core.persistence import ModelFileError, load_any
    from desktop_bp.core.training import evaluate

    try:
        net = load_any(args.model)
    except ModelFileError as err:
        return _fail(str(err))
    try:
        _, _, test = _load_data(args.data)
    except DatasetError as err:
        return _fail(str(err))
    images, labels = test
    try:
        cost, accuracy = evaluate(net, test)
    except ValueError as err:
        return _fail(f"{args.model}: {err}")
    predicted, _ = predictions(net, images)
    confusion = confusion_matrix(labels, predicted, net.sizes[-1])
    if args.json:
        print(json.dumps({"model": str(args.model), "network": net.describe(), "accuracy": accuracy,
                          "correct": int((predicted == labels).sum()), "total": int(len(labels)),
                          "cost": cost, "confusion": confusion.tolist()}))
        return 0
    print(f"{args.model}: {net.describe()}")
    print(f"test accuracy {100 * accuracy:.2f}% ({int((predicted == labels).sum()):,} of {len(labels):,}), "
          f"cost {cost:.4f}")
    print("\nconfusion matrix (rows: true digit, columns: predicted digit)")
    print("      " + "".join(f"{d:6d}" for d in range(10)))
    for d in range(10):
        print(f"{d:6d}" + "".join(f"{v:6d}" for v in confusion[d]))
    return 0


# ---------------------------------------------------------------------------------------------
# gradcheck


def _cmd_gradcheck(args):
    from desktop_bp.core.gradcheck import gradcheck

    parameters = sum(n_in * n_out + n_out for n_in, n_out in zip(args.sizes[:-1], args.sizes[1:]))
    if parameters > 200_000 and not args.json:
        passes = parameters * (2 if args.method == "central" else 1)
        print(f"note: {parameters:,} parameters need {passes:,} forward passes by finite "
              "differences; this takes a while (that is the point: backprop needs one backward "
              "pass)", file=sys.stderr)
    bar = ProgressBar("finite differences")
    report = gradcheck(sizes=args.sizes, batch=args.batch, method=args.method,
                       epsilon=args.epsilon, seed=args.seed,
                       progress=lambda done, total: bar.update(done, total))
    bar.close()
    ok = report.passed(args.tolerance)
    if args.json:
        print(json.dumps(report.as_dict() | {"tolerance": args.tolerance, "passed": ok}))
        return 0 if ok else 1
    print(f"Gradient check of a {'-'.join(map(str, report.sizes))} network, float64, "
          f"{report.method} differences, epsilon={report.epsilon:g}, batch of {report.batch}")
    print("relative error = ||numeric - backprop|| / (||numeric|| + ||backprop||)")
    for c in report.layers:
        print(f"  layer {c.layer + 1} weights {c.shape[0]}x{c.shape[1]}: {c.weight_error:.2e}   "
              f"biases: {c.bias_error:.2e}")
    print(f"{'PASSED' if ok else 'FAILED'}: largest error {report.max_error:.2e} "
          f"(tolerance {args.tolerance:g})")
    passes = report.parameters * (2 if report.method == "central" else 1)
    print(f"\nbackprop: all {report.parameters:,} derivatives in {1e3 * report.backprop_seconds:.3f} ms "
          f"({report.backprop_seconds / max(report.forward_seconds, 1e-12):.1f} forward passes' time)")
    fd = report.finite_difference_seconds
    took = f"{fd:.2f} s" if fd >= 0.01 else f"{1e3 * fd:.2f} ms"
    print(f"finite differences: {passes:,} forward passes in {took}, "
          f"{report.speedup:,.0f} times longer")
    return 0 if ok else 1


# ---------------------------------------------------------------------------------------------
# download


def _cmd_download(args):
    from desktop_bp.core.mnist import DatasetError
    from desktop_bp.core.mnist_download import download

    bars = {}

    def progress(name, done, total):
        bar = bars.setdefault(name, ProgressBar(name))
        bar.update(done, total)

    try:
        kwargs = {"progress": progress}
        if args.mirror:
            kwargs["mirrors"] = args.mirror
        folder = download(args.dest, **kwargs)
    except DatasetError as err:
        for bar in bars.values():
            bar.close()
        return _fail(str(err), 1)
    except KeyboardInterrupt:
        return _fail("download cancelled; no partial files were kept", 130)
    for bar in bars.values():
        bar.close()
    if args.json:
        print(json.dumps({"folder": str(folder)}))
    else:
        print(f"MNIST is ready in {folder} (all four files checked).")
    return 0


# ---------------------------------------------------------------------------------------------
# bench


def _cmd_bench(args):
    from desktop_bp.bench import run_benchmarks, run_drawn_benchmark
    from desktop_bp.stroke_bench import run_stroke_benchmark

    try:
        if args.stroke:
            return run_stroke_benchmark(args)
        return run_drawn_benchmark(args) if args.drawn else run_benchmarks(args)
    except Exception as err:  # the data may be missing: say so, don't dump a traceback
        from desktop_bp.core.mnist import DatasetError
        if isinstance(err, DatasetError):
            return _fail(str(err))
        raise


# ---------------------------------------------------------------------------------------------


def build_parser():
    from desktop_bp._version import __version__
    from desktop_bp.core import run_config as rc
    from desktop_bp.core.presets import PRESETS

    parser = argparse.ArgumentParser(
        prog="desktop-bp",
        description="Draw a digit and watch a neural network learn to read it. With no command, "
                    "opens the window, which speaks English and Simplified Chinese (简体中文): it "
                    "follows the system's language, and Language in its menu bar switches. The "
                    "commands below speak English.")
    parser.add_argument("--version", action="version", version=f"desktop-bp {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    data_help = ("folder holding the MNIST files (default: $DESKTOP_BP_DATA, data/ of a source "
                 "checkout, then the app's data folder)")

    p = sub.add_parser("train", help="train a network on MNIST",
                       description="Train a network on MNIST (50,000 training, 10,000 validation and "
                                   "10,000 test images), printing each epoch's time, cost and accuracy.")
    p.add_argument("--preset", default="book", choices=list(PRESETS),
                   help="starting set-up; the options below override it (default: book)")
    p.add_argument("--sizes", type=_train_sizes, help="layer sizes, e.g. 784,30,10")
    p.add_argument("--activation", choices=["sigmoid", "tanh", "relu"])
    p.add_argument("--cost", choices=["quadratic", "cross-entropy", "log-likelihood"],
                   help="log-likelihood gives a softmax output layer")
    p.add_argument("--init", choices=["standard", "scaled"])
    p.add_argument("--eta", type=_setting(rc.parse_eta), help="learning rate")
    p.add_argument("--batch-size", type=_positive_int, help="mini-batch size")
    p.add_argument("--epochs", type=_positive_int)
    p.add_argument("--lmbda", type=_setting(rc.parse_lmbda), help="L2 regularisation lambda")
    p.add_argument("--momentum", type=_setting(rc.parse_momentum), help="in [0, 1)")
    p.add_argument("--eta-decay", type=_setting(rc.parse_eta_decay),
                   help="eta is multiplied by this after each epoch, in (0, 1]")
    p.add_argument("--augment", choices=["none", "affine"], help="distort the training images")
    p.add_argument("--train-size", type=_positive_int, help="train on the first N training images only")
    p.add_argument("--seed", type=int, help="random seed (default: the preset's, else 0)")
    p.add_argument("--data", help=data_help)
    p.add_argument("--out", metavar="MODEL", help="save the trained model to this .npz file")
    p.add_argument("--half", action="store_true",
                   help="store the weights as float16 (half the file; outputs change by ~1e-3)")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(func=_cmd_train)

    p = sub.add_parser("evaluate", help="accuracy, cost and confusion matrix of a model on the test set")
    p.add_argument("model", help="a .npz model file (or the JSON that Nielsen's network2.py writes)")
    p.add_argument("--data", help=data_help)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_evaluate)

    try:
        from desktop_bp import predict_cli
    except ImportError:
        predict_cli = None
    if predict_cli is not None:
        predict_cli.add_parser(sub)
        predict_parser = sub.choices.get("predict")
        if predict_parser is not None and predict_parser.get_default("func") is None:
            predict_parser.set_defaults(func=predict_cli.run)

    from desktop_bp import microscope_cli
    microscope_cli.add_parser(sub)

    p = sub.add_parser("gradcheck", help="check backprop against finite differences",
                       description="Compute every partial derivative of the cost twice, by backprop "
                                   "and by finite differences, in float64, and compare them and their cost.")
    p.add_argument("--sizes", type=_sizes, default=[10, 8, 7, 3], help="layer sizes (default 10,8,7,3)")
    p.add_argument("--batch", type=_positive_int, default=10, help="mini-batch size (default 10)")
    p.add_argument("--method", choices=["central", "forward"], default="central")
    p.add_argument("--epsilon", type=_positive_float)
    p.add_argument("--tolerance", type=_positive_float, default=1e-7)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_gradcheck)

    p = sub.add_parser("download", help="download and check the MNIST files")
    p.add_argument("--dest", help="folder to put them in (default: data/ of a source checkout, "
                                  "else the app's data folder)")
    p.add_argument("--mirror", action="append", metavar="URL",
                   help="a mirror to try (repeatable; replaces the built-in list)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_download)

    p = sub.add_parser("bench", help="time this engine against the textbook loop and PyTorch",
                       description="Time one epoch of the book network three ways in one run: this "
                                   "engine, the book's per-example loop and PyTorch (when installed); "
                                   "the engine's GFLOP/s; and the window's training overhead.")
    p.add_argument("--data", help=data_help)
    p.add_argument("--train-size", type=_positive_int, default=50000,
                   help="images per epoch (default 50,000)")
    p.add_argument("--repeat", type=_positive_int, default=3,
                   help="rounds: in each the contenders take turns; each keeps its fastest "
                        "(default 3; the window benchmark runs at least 10)")
    p.add_argument("--no-gui", action="store_true", help="skip the window benchmark")
    p.add_argument("--no-torch", action="store_true", help="skip PyTorch even when installed")
    p.add_argument("--drawn", action="store_true",
                   help="instead: redraw MNIST test digits as canvas drawings (scaled to 30-90%% "
                        "of a 280x280 canvas, off-centre, heavier or lighter strokes) and measure "
                        "desktop-bp predict on them against the plain test accuracy")
    p.add_argument("--drawn-count", type=_positive_int, default=10000,
                   help="how many test digits to redraw (default 10,000)")
    p.add_argument("--drawn-dir", help="keep the redrawn PNG files in this folder")
    p.add_argument("--model", help="the model for --drawn (default: the bundled one)")
    p.add_argument("--nondigit-count", type=_positive_int, default=1200,
                   help="with --drawn: generated letters, scribbles and shapes to judge (default 1200)")
    p.add_argument("--nondigit-seed", type=int, default=7, help="their seed (default 7)")
    p.add_argument("--seed", type=int, default=0, help="seed of the redrawing (default 0)")
    p.add_argument("--json", action="store_true")
    from desktop_bp.bench import add_best_arguments
    from desktop_bp.stroke_bench import add_stroke_arguments
    add_best_arguments(p)
    add_stroke_arguments(p)
    p.set_defaults(func=_cmd_bench)
    return parser


def main(argv=None):
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv:
        from desktop_bp.ui.app import main as app_main
        return app_main([])
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from desktop_bp.ui.app import main as app_main
        return app_main([])
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)


if __name__ == "__main__":
    raise SystemExit(main())
