"""``desktop-bp bench --stroke``: stroke -> prediction on screen in the real window, idle and
while the best preset trains (the window is driven by :mod:`desktop_bp.ui.bench_gui`); the full
``desktop-bp bench`` runs it too, after the window's training benchmark."""

from __future__ import annotations

import json


STROKE_TARGETS_MS = {"idle": 16.0, "training": 33.0}    # p99 of stroke -> prediction on screen


def stroke_benchmark(data=None, seconds=5.0, preset="best", single_threaded_prediction=False):
    """Stroke to prediction on screen in the real window (see
    :func:`desktop_bp.ui.bench_gui.stroke_latency_benchmark`): idle, and while ``preset``
    trains on ``data`` (``(training, validation, test)``; None: idle only), ``seconds`` each.
    None when Qt cannot be imported."""
    import os

    from desktop_bp.ui.app import display_problem

    if display_problem() is not None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"     # the window still draws, off screen
    try:
        from desktop_bp.ui.bench_gui import stroke_latency_benchmark
    except ImportError:
        return None
    return stroke_latency_benchmark(data, idle_seconds=seconds, training_seconds=seconds,
                                    preset=preset,
                                    single_threaded_prediction=single_threaded_prediction)


def report_stroke(results, say):
    """Print what :func:`stroke_benchmark` measured."""
    say(f"\nStroke -> prediction on screen, the window ({results['network']} model in use, "
        f"{results['platform']} platform) driven by a mouse move every "
        f"{results['interval_ms']} ms; from each move to the end of the prediction view's "
        f"repaint that shows it (targets: p99 at most {STROKE_TARGETS_MS['idle']:.0f} ms idle, "
        f"{STROKE_TARGETS_MS['training']:.0f} ms while training)"
        + (" [what-if: prediction with BLAS on one thread]"
           if results.get("single_threaded_prediction") else "") + ":")
    for name in ("idle", "training"):
        phase = results.get(name)
        if phase is None:
            continue
        title = "idle" if name == "idle" else f"while {phase['preset']} trains"
        lat, due, lag = phase["latency"], phase["latency_after_due"], phase["event_loop_lag"]
        if not lat["count"]:
            say(f"  {title:24s} no prediction was painted")
            continue
        verdict = "ok" if lat["p99_ms"] <= STROKE_TARGETS_MS[name] else "over target"
        say(f"  {title:24s} median {lat['median_ms']:6.1f} ms, p99 {lat['p99_ms']:6.1f} ms "
            f"({verdict}), max {lat['max_ms']:.1f} ms; {lat['count']} moves, "
            f"{phase['predictions']} predictions")
        say(f"  {'':24s} counted from when the move was due (timer lateness included): "
            f"median {due['median_ms']:.1f} ms, p99 {due['p99_ms']:.1f} ms")
        alone = phase["event_loop_lag_not_drawing"]
        say(f"  {'':24s} event-loop lag (10 ms timer) while drawing: p50 {lag['median_ms']:.1f} "
            f"ms, p99 {lag['p99_ms']:.1f} ms; just before, not drawing: p50 "
            f"{alone['median_ms']:.1f} ms, p99 {alone['p99_ms']:.1f} ms")
        halves = (phase["sent_to_predicted"], phase["predicted_to_painted"])
        say(f"  {'':24s} move -> prediction made: median {halves[0]['median_ms']:.1f} ms, p99 "
            f"{halves[0]['p99_ms']:.1f} ms; -> painted: median {halves[1]['median_ms']:.1f} ms, "
            f"p99 {halves[1]['p99_ms']:.1f} ms")
        if name == "training" and not (phase["training_at_start"] and phase["still_training"]):
            say(f"  {'':24s} (the run did not train throughout: it ended before or while the "
                f"pen drew; give it more images)")
        parts = ", ".join(f"{part} {v['median']:.2f}/{v['p99']:.1f}"
                          for part, v in phase["parts_ms"].items())
        say(f"  {'':24s} parts, median/p99 ms: {parts}")
    if results["load_average_before"] is not None:
        say(f"  load average (1 minute) {results['load_average_before']:.2f} before, "
            f"{results['load_average_after']:.2f} after")


def run_stroke_benchmark(args):
    """``desktop-bp bench --stroke``: only the stroke -> prediction measurement."""
    from desktop_bp.core.mnist import DatasetError, load_mnist

    say = (lambda *a: None) if args.json else (lambda *a: print(*a, flush=True))
    try:
        training, validation, test = load_mnist(args.data)
        n = min(args.train_size, len(training[1]))
        data = ((training[0][:n], training[1][:n]), validation, test)
    except DatasetError as err:
        say(f"{err}\nMeasuring the idle window only (training needs MNIST).")
        data = None
    results = stroke_benchmark(data, args.stroke_seconds,
                               single_threaded_prediction=args.stroke_single_blas)
    if results is None:
        say("Qt (PySide6) cannot be imported: no window to measure.")
        return 1
    report_stroke(results, say)
    if args.json:
        print(json.dumps({"stroke": results}))
    return 0


def _drawing_seconds(text):
    import argparse
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < value <= 600:
        raise argparse.ArgumentTypeError(f"give between 0 and 600 seconds, not {text}")
    return value


def add_stroke_arguments(p):
    """The ``bench`` options of the stroke -> prediction measurement."""
    p.add_argument("--stroke", action="store_true",
                   help="instead: only time stroke -> prediction on screen in the window, idle "
                        "and while the best preset trains")
    p.add_argument("--stroke-seconds", type=_drawing_seconds, default=5.0, metavar="S",
                   help="seconds of drawing idle and again while training (default 5)")
    p.add_argument("--stroke-single-blas", action="store_true",
                   help="what-if: predict with BLAS on one thread (as small work should)")
    p.add_argument("--no-stroke", action="store_true",
                   help="skip the stroke -> prediction measurement in the full run")
