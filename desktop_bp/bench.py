"""``desktop-bp bench``: how fast is this engine, measured side by side in one run.

Three contenders train one epoch of the book's network (784-30-10 sigmoid, quadratic cost,
eta = 3.0, mini-batches of 10) on the same shuffled images in the same mini-batches:

1. this engine (:func:`desktop_bp.core.training.train`, exactly what ``desktop-bp train`` runs);
2. the textbook algorithm: the book's per-example loop with column vectors, written as the book
   writes it. It lives here, and only here, as the yardstick;
3. PyTorch on the CPU (when installed): ``nn.Linear`` + sigmoid, the same cost, ``optim.SGD``.

It also measures the engine's floating-point throughput on 784-100-10 at mini-batch 64 against
NumPy's own float32 matrix-multiply peak on this machine, and (unless ``--no-gui``) an epoch
trained from the window against the same epoch headless, with the event loop's lateness, and
stroke -> prediction on screen in the window, idle and while the best preset trains
(``--stroke`` for that alone).
"""

from __future__ import annotations

import json
import time

import numpy as np

from desktop_bp.core.network import Network, one_hot
from desktop_bp.core.training import EpochEvent, train

BOOK = {"sizes": [784, 30, 10], "eta": 3.0, "batch_size": 10}


# -- the textbook per-example loop (the book's network.py, in Python 3 with a seeded rng) --------

def _book_sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _book_sigmoid_prime(z):
    return _book_sigmoid(z) * (1 - _book_sigmoid(z))


class TextbookNetwork:
    """The book's algorithm: every example is a column vector, backprop runs once per example
    and the gradients are summed in Python. Kept only as the benchmark's reference."""

    def __init__(self, weights, biases):
        self.weights = [w.astype(np.float64) for w in weights]
        self.biases = [b.astype(np.float64).reshape(-1, 1) for b in biases]

    def update_mini_batch(self, mini_batch, eta):
        nabla_b = [np.zeros(b.shape) for b in self.biases]
        nabla_w = [np.zeros(w.shape) for w in self.weights]
        for x, y in mini_batch:
            delta_nabla_b, delta_nabla_w = self.backprop(x, y)
            nabla_b = [nb + dnb for nb, dnb in zip(nabla_b, delta_nabla_b)]
            nabla_w = [nw + dnw for nw, dnw in zip(nabla_w, delta_nabla_w)]
        self.weights = [w - (eta / len(mini_batch)) * nw for w, nw in zip(self.weights, nabla_w)]
        self.biases = [b - (eta / len(mini_batch)) * nb for b, nb in zip(self.biases, nabla_b)]

    def backprop(self, x, y):
        nabla_b = [np.zeros(b.shape) for b in self.biases]
        nabla_w = [np.zeros(w.shape) for w in self.weights]
        activation = x
        activations = [x]
        zs = []
        for b, w in zip(self.biases, self.weights):
            z = np.dot(w, activation) + b
            zs.append(z)
            activation = _book_sigmoid(z)
            activations.append(activation)
        delta = (activations[-1] - y) * _book_sigmoid_prime(zs[-1])
        nabla_b[-1] = delta
        nabla_w[-1] = np.dot(delta, activations[-2].transpose())
        for l in range(2, len(self.weights) + 1):
            z = zs[-l]
            sp = _book_sigmoid_prime(z)
            delta = np.dot(self.weights[-l + 1].transpose(), delta) * sp
            nabla_b[-l] = delta
            nabla_w[-l] = np.dot(delta, activations[-l - 1].transpose())
        return nabla_b, nabla_w


def epoch_order(n, seed=0):
    """The order in which :func:`train` with this seed visits the images in its first epoch, so
    that every contender trains on the same mini-batches."""
    return np.random.default_rng(seed).permutation(n)


def time_textbook_epoch(net, images, labels, batch_size, eta, seed=0):
    """One epoch of the book's loop. The data are laid out as the book's ``mnist_loader`` makes
    them, a list of (x, y) with x a (784, 1) float32 column and y a (10, 1) float64 one-hot
    column; the epoch's shuffle is the book's (a list shuffle) in the engine's order."""
    book = TextbookNetwork(net.weights, net.biases)
    data = []
    for image, label in zip(images, labels):
        y = np.zeros((10, 1))
        y[label] = 1.0
        data.append((image.reshape(784, 1), y))
    order = epoch_order(len(data), seed)
    t = time.perf_counter()
    shuffled = [data[i] for i in order]
    for k in range(0, len(shuffled), batch_size):
        book.update_mini_batch(shuffled[k:k + batch_size], eta)
    return time.perf_counter() - t


def time_torch_epoch(net, images, labels, batch_size, eta, seed=0):
    """One epoch of the same network in PyTorch on the CPU, on the engine's mini-batches;
    None when torch is not installed."""
    try:
        import torch
    except ImportError:
        return None
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(784, net.sizes[1]), torch.nn.Sigmoid(),
                                torch.nn.Linear(net.sizes[1], 10), torch.nn.Sigmoid())
    with torch.no_grad():
        model[0].weight.copy_(torch.from_numpy(net.weights[0]))
        model[0].bias.copy_(torch.from_numpy(net.biases[0]))
        model[2].weight.copy_(torch.from_numpy(net.weights[1]))
        model[2].bias.copy_(torch.from_numpy(net.biases[1]))
    optimiser = torch.optim.SGD(model.parameters(), lr=eta)
    X = torch.from_numpy(np.array(images, dtype=np.float32))    # a writable copy
    Y = torch.from_numpy(one_hot(labels, 10, np.float32))
    order = torch.from_numpy(epoch_order(len(labels), seed))
    t = time.perf_counter()
    for k in range(0, len(labels), batch_size):
        rows = order[k:k + batch_size]
        x, y = X.index_select(0, rows), Y.index_select(0, rows)
        optimiser.zero_grad()
        # the book's quadratic cost, mean over the mini-batch: C = 1/2n sum ||y - a||^2
        loss = 0.5 * ((model(x) - y) ** 2).sum(dim=1).mean()
        loss.backward()
        optimiser.step()
    return time.perf_counter() - t


def _best_torch(net, images, labels, batch_size, eta, repeat):
    """PyTorch's best epoch time over its default thread count and a single thread (for a
    network this small, one thread is often faster): (seconds, threads) or (None, None)."""
    try:
        import torch
    except ImportError:
        return None, None
    default = torch.get_num_threads()
    best = (None, None)
    try:
        for threads in sorted({default, 1}, reverse=True):
            torch.set_num_threads(threads)
            seconds = min(time_torch_epoch(net, images, labels, batch_size, eta) for _ in range(repeat))
            if best[0] is None or seconds < best[0]:
                best = (seconds, threads)
    finally:
        torch.set_num_threads(default)
    return best


def time_engine_epoch(net, images, labels, batch_size, eta):
    """One epoch through the same generator ``desktop-bp train`` runs; returns (seconds, event).

    The seconds are the epoch's own, as ``train`` prints them (``EpochEvent.seconds``: the
    shuffle and every mini-batch), without what a run sets up once for all its epochs (the
    one-hot targets, the buffers), just as PyTorch's time leaves out building its tensors."""
    net = net.copy()
    for event in train(net, (images, labels), epochs=1, batch_size=batch_size, eta=eta, seed=0,
                       send_weights=False):
        if isinstance(event, EpochEvent):
            last = event
    return last.seconds, last


#: Epochs of the window benchmark's runs, and its rounds: on a shared machine one round against
#: the next varies by 10-20%, so the median of 16 paired rounds is within a few per cent.
GUI_EPOCHS = 8
GUI_ROUNDS = 16
GUI_LAG_ROUNDS = 3


def headless_epochs(net, training, validation, test, epochs):
    """A book-preset run from ``net`` as ``desktop-bp train`` runs it (validation and test after
    each epoch) and as the window's benchmark runs it (seed 0): ``{"seconds": [...], "walls":
    [...]}``, each epoch's ``EpochEvent.seconds`` (its mini-batches) and its wall-clock time from
    the previous epoch's end (or the start) to its own, evaluation included."""
    seconds, walls = [], []
    last = time.perf_counter()
    for event in train(net.copy(), training, epochs=epochs, batch_size=BOOK["batch_size"],
                       eta=BOOK["eta"], validation=validation, test=test, seed=0,
                       send_weights=False):
        if isinstance(event, EpochEvent):
            now = time.perf_counter()
            seconds.append(event.seconds)
            walls.append(now - last)
            last = now
    return {"seconds": seconds, "walls": walls}


def matmul_peak_gflops(size=1024, repeat=20):
    """NumPy's float32 matrix-multiply throughput on a large square product (best of runs)."""
    rng = np.random.default_rng(0)
    a = rng.random((size, size), dtype=np.float32)
    b = rng.random((size, size), dtype=np.float32)
    a @ b
    best = min(_timed(lambda: a @ b) for _ in range(repeat))
    return 2 * size ** 3 / best / 1e9


def engine_gflops(sizes=(784, 100, 10), batch_size=64, steps=2000):
    """The engine's useful GFLOP/s for SGD steps (forward, backprop and update matrix products)."""
    rng = np.random.default_rng(0)
    net = Network(list(sizes), seed=0)
    X = rng.random((steps * batch_size // 10, sizes[0]), dtype=np.float32)
    Y = one_hot(rng.integers(0, sizes[-1], len(X)), sizes[-1])
    stepper = net.trainer(batch_size)
    batches = len(X) // batch_size
    for k in range(min(batches, 50)):
        stepper.step(X[k * batch_size:(k + 1) * batch_size], Y[k * batch_size:(k + 1) * batch_size], 0.1)
    t = time.perf_counter()
    for s in range(steps):
        k = s % batches
        stepper.step(X[k * batch_size:(k + 1) * batch_size], Y[k * batch_size:(k + 1) * batch_size], 0.1)
    seconds = time.perf_counter() - t
    # per step: forward w x for every layer, nabla_w = delta^T a for every layer, and BP2's
    # delta @ w for every layer but the first (2 flops per multiply-add)
    pairs = list(zip(sizes[:-1], sizes[1:]))
    flops = 2 * batch_size * (2 * sum(i * o for i, o in pairs) + sum(i * o for i, o in pairs[1:]))
    return flops * steps / seconds / 1e9


def _timed(fn):
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def run_benchmarks(args):
    from desktop_bp.core.mnist import load_mnist

    training, validation, test = load_mnist(args.data)
    n = min(args.train_size, len(training[1]))
    images, labels = training[0][:n], training[1][:n]
    net = Network(BOOK["sizes"], seed=0)
    results = {"network": "784-30-10 sigmoid, quadratic cost", "images": n,
               "batch_size": BOOK["batch_size"]}
    say = (lambda *a: None) if args.json else (lambda *a: print(*a, flush=True))
    if not getattr(args, "no_book", False):
        _book_benchmarks(args, net, images, labels, results, say)
    if getattr(args, "best", False) or getattr(args, "busy", False):
        results.update(best_benchmark((images, labels), max(3, args.repeat), busy=args.busy,
                                      blas_threads=args.blas_threads))
        report_best(results, say)
    scope = microscope_benchmark(np.asarray(test[0][0], dtype=np.float32))
    if scope is not None:
        results["microscope"] = scope
        say(f"\nMicroscope, one stroke of the bundled {scope['network']} network (float64): "
            f"median {scope['median_ms']:.1f} ms, best {scope['best_ms']:.1f} ms (budget 30 ms)")
    if not args.no_gui:
        _window_benchmark(args, net, training, validation, test, images, labels, n, results, say)
        if not getattr(args, "no_stroke", False):
            from desktop_bp.stroke_bench import report_stroke, stroke_benchmark
            stroke = stroke_benchmark(((images, labels), validation, test),
                                      getattr(args, "stroke_seconds", 5.0))
            if stroke is not None:
                results["stroke"] = stroke
                report_stroke(stroke, say)
    if args.json:
        print(json.dumps(results))
    return 0


def _book_benchmarks(args, net, images, labels, results, say):
    """The book network's epoch three ways, and the engine's GFLOP/s on 784-100-10."""
    n = len(labels)
    bs, eta = BOOK["batch_size"], BOOK["eta"]
    say(f"One epoch of the book network (784-30-10, mini-batch {bs}, {n:,} images), "
        f"best of {args.repeat}:")

    # the contenders take turns, round after round, so that a machine whose speed drifts
    # slows them alike; each keeps its fastest round
    engine = textbook = torch_seconds = threads = None
    for _ in range(args.repeat):
        e = time_engine_epoch(net, images, labels, bs, eta)[0]
        t = time_textbook_epoch(net, images, labels, bs, eta)
        engine = e if engine is None else min(engine, e)
        textbook = t if textbook is None else min(textbook, t)
        if not args.no_torch:
            seconds, used = _best_torch(net, images, labels, bs, eta, 1)
            if seconds is not None and (torch_seconds is None or seconds < torch_seconds):
                torch_seconds, threads = seconds, used
    results["engine_seconds"] = engine
    say(f"  this engine            {engine:8.3f} s")
    results["textbook_seconds"] = textbook
    say(f"  textbook per-example   {textbook:8.3f} s   ({textbook / engine:.1f}x the engine's time)")
    results["torch_seconds"] = torch_seconds
    if torch_seconds is None:
        say("  PyTorch CPU            not installed (pip install torch to compare)")
    else:
        import torch
        results["torch_version"] = torch.__version__
        results["torch_threads"] = threads
        say(f"  PyTorch {torch.__version__:<14} {torch_seconds:8.3f} s   "
            f"({torch_seconds / engine:.1f}x the engine's time; its best thread count, "
            f"{threads}, of 1 and its default)")
    results["speedup_vs_textbook"] = textbook / engine
    results["speedup_vs_torch"] = None if torch_seconds is None else torch_seconds / engine

    peak = matmul_peak_gflops()
    achieved = engine_gflops()
    results.update(engine_gflops=achieved, numpy_matmul_peak_gflops=peak,
                   gflops_fraction_of_peak=achieved / peak)
    say(f"\nThroughput, 784-100-10 at mini-batch 64: {achieved:.1f} GFLOP/s; NumPy's float32 "
        f"matrix-multiply peak here: {peak:.1f} GFLOP/s ({100 * achieved / peak:.1f}% of peak)")


def _window_benchmark(args, net, training, validation, test, images, labels, n, results, say):
    """A run trained from the window against the same run headless."""
    rounds = max(GUI_ROUNDS, args.repeat)
    gui = _gui_benchmark(training, validation, test, n, rounds,
                         lambda: headless_epochs(net, (images, labels), validation, test,
                                                 GUI_EPOCHS))
    if gui is not None:
        results.update(gui)
        say(f"\nThe window: {rounds} rounds of a {gui['epochs']}-epoch book-network run headless "
            f"(as desktop-bp train: validation and test after each epoch), then the same run "
            f"from the window (a digit drawn on its canvas, every live plot drawing, the "
            f"recovery file written as the window writes it); epochs 2-{gui['epochs']}, each round's window "
            f"run against its headless run, median of the rounds:")
        if "gui_wall_over_headless" in gui:
            say(f"  wall time per epoch: window {gui['gui_epoch_wall_seconds']:.3f} s, headless "
                f"{gui['headless_epoch_wall_seconds']:.3f} s   "
                f"({100 * (gui['gui_wall_over_headless'] - 1):+.1f}%; rounds "
                f"{', '.join(f'{100 * (r - 1):+.0f}%' for r in gui['round_gui_wall_over_headless'])})")
            say(f"  the same, fastest round against fastest round: window "
                f"{min(gui['round_epoch_wall_seconds']):.3f} s, headless "
                f"{min(gui['round_headless_epoch_wall_seconds']):.3f} s   "
                f"({100 * (gui['gui_wall_over_headless_best'] - 1):+.1f}%)")
        if "gui_thread_cpu_share" in gui:
            say(f"  the window thread's CPU time while it trains: "
                f"{100 * gui['gui_thread_cpu_share']:.1f}% of the wall time (median of the rounds)")
        say(f"  its mini-batches alone: window {gui['gui_epoch_seconds']:.3f} s, headless "
            f"{gui['headless_epoch_seconds']:.3f} s   "
            f"({100 * (gui['gui_over_headless'] - 1):+.1f}%)")
        say(f"  first epoch's mini-batches: window {gui['gui_first_epoch_seconds']:.3f} s, "
            f"headless {gui['headless_first_epoch_seconds']:.3f} s   "
            f"({100 * (gui['gui_first_over_headless'] - 1):+.1f}%)")
        say(f"  event-loop lag while training (3 more runs from the window, a 10 ms timer "
            f"ticking): p50 {gui['event_loop_lag_p50_ms']:.1f} ms, "
            f"p99 {gui['event_loop_lag_p99_ms']:.1f} ms, max {gui['event_loop_lag_max_ms']:.1f} ms")


def microscope_benchmark(x, repeat=30):
    """Milliseconds to recompute the whole backprop microscope (every layer's z, a, sigma'(z),
    delta, dC/db, dC/dw and the saliency, float64) for one drawing ``x`` (784,) with the bundled
    network, as the window does after each stroke: {"network", "median_ms", "best_ms"}, or None
    when the bundled model is missing."""
    from desktop_bp.core.microscope import Microscope
    from desktop_bp.core.persistence import ModelFileError
    from desktop_bp.core.pretrained import load_default_model

    try:
        net = load_default_model()
    except ModelFileError:
        return None
    scope = Microscope(net)
    target = int(net.predict(x[None, :])[0])

    def whole():        # every view's numbers, the dC/dw of every layer included
        return [layer.nabla_w for layer in scope.look(x, target).layers]

    whole()                                     # the float64 copy of the weights, made once
    times = sorted(_timed(whole) for _ in range(repeat))
    return {"network": "-".join(map(str, net.sizes)), "median_ms": 1e3 * times[len(times) // 2],
            "best_ms": 1e3 * times[0]}


def _gui_benchmark(training, validation, test, n, rounds, headless_run):
    import os

    from desktop_bp.ui.app import display_problem

    if display_problem() is not None:
        # no window can open here: the panel still draws everything, off screen
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    try:
        from desktop_bp.ui.bench_gui import gui_epoch_benchmark
    except ImportError:
        return None
    subset = (training[0][:n], training[1][:n])
    return gui_epoch_benchmark(subset, validation, test, preset="book", epochs=GUI_EPOCHS,
                               rounds=rounds, headless_run=headless_run, lag_rounds=GUI_LAG_ROUNDS)


def run_drawn_benchmark(args):
    """``desktop-bp bench --drawn``: the MNIST test set redrawn as a person draws on the canvas
    (see :mod:`desktop_bp.core.drawn`), named by ``desktop-bp predict`` with the chosen model,
    against the same model's accuracy on the plain test images."""
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    from desktop_bp.core.drawn import label_from_name, write_drawn_set
    from desktop_bp.core.mnist import load_mnist
    from desktop_bp.core.persistence import load_any
    from desktop_bp.core.pretrained import default_model_path
    from desktop_bp.core.training import evaluate

    _, _, test = load_mnist(args.data)
    count = min(args.drawn_count, len(test[1]))
    model = Path(args.model) if args.model else default_model_path()
    net = load_any(model)
    plain = evaluate(net, (test[0][:count], test[1][:count]))[1]
    say = (lambda *a: None) if args.json else (lambda *a: print(*a, flush=True))
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.drawn_dir) if args.drawn_dir else Path(scratch)
        say(f"Redrawing {count:,} test digits as canvas drawings in {folder} ...")
        paths = write_drawn_set(folder, test[0][:count], test[1][:count], seed=args.seed)
        command = [sys.executable, "-m", "desktop_bp", "predict", "--json", "--model", str(model)]
        t = time.perf_counter()
        out = subprocess.run(command + [str(p) for p in paths], capture_output=True, text=True)
        seconds = time.perf_counter() - t
    if out.returncode not in (0, 1):
        raise RuntimeError(f"desktop-bp predict failed: {out.stderr.strip()}")
    correct = total = 0
    records = []
    for line in out.stdout.splitlines():
        record = json.loads(line)
        records.append(record)
        total += 1
        correct += record["digit"] == label_from_name(record["file"])
    drawn = correct / count      # a file without a prediction counts as wrong
    results = {"model": str(model), "images": count, "predicted": total,
               "drawn_accuracy": drawn, "mnist_test_accuracy": plain,
               "gap_points": 100 * (plain - drawn), "predict_seconds": seconds}
    say(f"{model.name}: drawn digits {100 * drawn:.2f}% ({correct:,} of {count:,}), plain MNIST "
        f"test images {100 * plain:.2f}%, a gap of {100 * (plain - drawn):.2f} points; "
        f"desktop-bp predict took {seconds:.1f} s for {count:,} files")
    results.update(drawn_confidence_figures(records, count, label_from_name))
    results.update(nondigit_figures(net, args.nondigit_count, args.nondigit_seed))
    say_confidence_figures(results, say)
    if args.json:
        print(json.dumps(results))
    return 0


# -- honest confidence: how often "not sure" / "not a digit" is said, to digits and non-digits --

#: The seed of the measured non-digits: not one the detector was trained or calibrated with.
NONDIGIT_BENCH_SEED = 7


def drawn_confidence_figures(records, count, label_of):
    """From ``desktop-bp predict --json`` records of the redrawn digits: the share of them called
    "not sure" or "not a digit" (flagged), and the accuracy on the ones called a digit."""
    verdicts = [r.get("verdict", "digit") for r in records]
    confident = [r for r, v in zip(records, verdicts) if v == "digit"]
    right = sum(r["digit"] == label_of(r["file"]) for r in confident)
    return {"drawn_flagged": 1 - len(confident) / max(count, 1),
            "drawn_not_sure": verdicts.count("not sure") / max(count, 1),
            "drawn_not_a_digit": verdicts.count("not a digit") / max(count, 1),
            "drawn_confident_accuracy": right / max(len(confident), 1)}


def nondigit_figures(net, count, seed=NONDIGIT_BENCH_SEED):
    """Generated letters, scribbles and shapes (280x280 drawings, preprocessed as the canvas
    does) judged for ``net``: the share flagged, in all and per kind."""
    from desktop_bp.core.confidence import judge_batch
    from desktop_bp.core.nondigits import nondigit_set
    from desktop_bp.core.preprocess import to_mnist_batch

    images, kinds = nondigit_set(count, seed)
    X, ok = to_mnist_batch(images)
    kinds = [k for k, keep in zip(kinds, ok) if keep]
    verdicts = [j.verdict for j in judge_batch(net, X)]
    figures = {"nondigits": len(verdicts), "nondigit_seed": seed,
               "nondigits_flagged": sum(v != "digit" for v in verdicts) / max(len(verdicts), 1),
               "nondigits_not_a_digit": verdicts.count("not a digit") / max(len(verdicts), 1)}
    for kind in sorted(set(kinds)):
        mine = [v for v, k in zip(verdicts, kinds) if k == kind]
        figures[f"nondigits_flagged_{kind}"] = sum(v != "digit" for v in mine) / len(mine)
    return figures


def say_confidence_figures(results, say):
    kinds = ", ".join(f"{k[len('nondigits_flagged_'):]}s {100 * v:.1f}%" for k, v in results.items()
                      if k.startswith("nondigits_flagged_"))
    say(f"Honest confidence: {100 * results['drawn_flagged']:.2f}% of the drawn digits called "
        f"'not sure' or 'not a digit' ({100 * results['drawn_not_a_digit']:.2f}% 'not a digit'); "
        f"accuracy on those called a digit {100 * results['drawn_confident_accuracy']:.2f}%")
    say(f"  {results['nondigits']:,} generated non-digits (seed {results['nondigit_seed']}): "
        f"{100 * results['nondigits_flagged']:.1f}% flagged "
        f"({100 * results['nondigits_not_a_digit']:.1f}% 'not a digit'); {kinds}")


# -- the best preset: its epoch idle and with a core busy, its products against NumPy's peak ----

def best_epoch_flops(sizes, images):
    """Floating-point operations (2 per multiply-add) of the matrix products of one epoch of a
    network with layer ``sizes`` over ``images`` images: the forward products w a, BP4's
    delta^T a for every layer, and BP2's delta w for every layer but the first (784-1024-512-10
    over 50,000 images: 320 GFLOP)."""
    pairs = list(zip(sizes[:-1], sizes[1:]))
    return 2 * images * (2 * sum(i * o for i, o in pairs) + sum(i * o for i, o in pairs[1:]))


def time_best_epoch(training, blas_threads=None, seed=0):
    """One epoch of the ``best`` preset on ``training``, augmentation included, as ``desktop-bp
    train --preset best`` runs it: its ``EpochEvent.seconds``."""
    from desktop_bp.core.augment import AUGMENTATIONS
    from desktop_bp.core.presets import preset

    s = preset("best")
    net = Network(s["sizes"], activation=s["activation"], cost=s["cost"], init=s["init"],
                  seed=seed)
    for event in train(net, training, epochs=1, batch_size=s["batch_size"], eta=s["eta"],
                       lmbda=s["lmbda"], momentum=s["momentum"], eta_decay=s["eta_decay"],
                       augment=AUGMENTATIONS[s["augment"]], seed=seed, send_weights=False,
                       blas_threads=blas_threads):
        if isinstance(event, EpochEvent):
            last = event
    return last.seconds


class BusyCore:
    """Another program that keeps one core busy, as a browser or a build does: a Python process
    spinning, started on entry and killed (by its process id) on exit."""

    def __enter__(self):
        import subprocess
        import sys

        self.process = subprocess.Popen([sys.executable, "-c", "while True: pass"])
        time.sleep(0.3)                 # let it reach its loop
        return self

    def __exit__(self, *exc):
        self.process.kill()
        self.process.wait()
        return False


def best_benchmark(training, rounds=3, busy=True, blas_threads=None):
    """The ``best`` preset's epoch, best of ``rounds``: idle, and (``busy``) with one core held by
    :class:`BusyCore`, the two taking turns round after round; its product GFLOP/s against
    NumPy's float32 matrix-product peak, measured in the same run (before and after the epochs,
    the higher kept; on all cores and on one)."""
    import os

    from desktop_bp.core import blas
    from desktop_bp.core.presets import preset

    sizes = preset("best")["sizes"]
    images = len(training[1])
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    free_before = blas.free_cores()
    peak = matmul_peak_gflops()
    with blas.single_threaded():
        peak_one = matmul_peak_gflops()
    idle, held = [], []
    for _ in range(rounds):
        idle.append(time_best_epoch(training, blas_threads))
        if busy:
            with BusyCore():
                held.append(time_best_epoch(training, blas_threads))
    peak = max(peak, matmul_peak_gflops())
    with blas.single_threaded():
        peak_one = max(peak_one, matmul_peak_gflops())
    flops = best_epoch_flops(sizes, images)
    results = {
        "best_images": images, "best_blas_threads": blas_threads or "chosen",
        "best_idle_seconds": min(idle), "best_idle_rounds": idle,
        "best_epoch_gflop": flops / 1e9, "best_gflops": flops / min(idle) / 1e9,
        "numpy_matmul_peak_gflops_all_cores": peak, "numpy_matmul_peak_gflops_one_core": peak_one,
        "best_fraction_of_peak": flops / min(idle) / 1e9 / max(peak, peak_one),
        "best_fraction_of_one_core_peak": flops / min(idle) / 1e9 / peak_one,
        "load_average_before": load_before, "free_cores_before": free_before,
        "usable_cores": blas.usable_cores(),
        "load_average_after": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
    }
    if busy:
        results.update(best_busy_seconds=min(held), best_busy_rounds=held,
                       best_busy_over_idle=min(held) / min(idle))
    return results


def report_best(results, say):
    """Print what :func:`best_benchmark` measured."""
    say(f"\nThe best preset (784-1024-512-10, mini-batch 128, distorted images), one epoch of "
        f"{results['best_images']:,} images, best of {len(results['best_idle_rounds'])}, BLAS "
        f"threads {results['best_blas_threads']}:")
    say(f"  idle                   {results['best_idle_seconds']:8.3f} s   "
        f"(rounds: {', '.join(f'{s:.2f}' for s in results['best_idle_rounds'])})")
    if "best_busy_seconds" in results:
        say(f"  one core busy          {results['best_busy_seconds']:8.3f} s   "
            f"({results['best_busy_over_idle']:.2f}x idle; rounds: "
            f"{', '.join(f'{s:.2f}' for s in results['best_busy_rounds'])})")
    say(f"  products: {results['best_epoch_gflop']:.0f} GFLOP per epoch, "
        f"{results['best_gflops']:.1f} GFLOP/s idle; NumPy's float32 matrix-product peak here "
        f"{results['numpy_matmul_peak_gflops_all_cores']:.1f} GFLOP/s on all cores, "
        f"{results['numpy_matmul_peak_gflops_one_core']:.1f} on one: "
        f"{100 * results['best_fraction_of_peak']:.0f}% of the peak "
        f"({100 * results['best_fraction_of_one_core_peak']:.0f}% of one core's)")
    if results["load_average_before"] is not None:
        say(f"  load average (1 minute) {results['load_average_before']:.2f} before, "
            f"{results['load_average_after']:.2f} after; {results['free_cores_before']} of "
            f"{results['usable_cores']} cores free before")


def add_best_arguments(p):
    """The ``bench`` options of the best-preset measurements."""
    p.add_argument("--best", action="store_true",
                   help="also time an epoch of the best preset and compare its products' "
                        "GFLOP/s with NumPy's matrix-product peak")
    p.add_argument("--busy", action="store_true",
                   help="also time the best preset's epoch with one core held busy by another "
                        "process the benchmark starts and stops (implies --best)")
    p.add_argument("--no-book", action="store_true",
                   help="skip the book network's comparison with the textbook loop and PyTorch")
    p.add_argument("--blas-threads", type=int, metavar="N",
                   help="BLAS threads for the best preset's epochs (default: chosen as training "
                        "chooses them)")

