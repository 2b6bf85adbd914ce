"""Benchmarks of the window: training from it (epoch time with every live plot drawing, and how
responsive the event loop stays meanwhile), and drawing in it (:func:`stroke_latency_benchmark`:
mouse event to prediction on screen, idle and while a run trains).

:func:`gui_epoch_benchmark` builds the whole window as the app does (shown, off screen when there
is no display), draws a digit on its canvas (predicted anew whenever an epoch's weights come),
and, in each of several rounds, first times the
same run headless (the caller's function, the GUI idle: what ``desktop-bp train`` does, with
its evaluation after each epoch), then trains the preset through the worker thread with all
live drawing on and the recovery file written as the window writes it. Epochs are compared with the
same epochs of the headless run, after the first (which also pays for repainting the freshly
reset window); each round's window run with the headless run just before it, and the median of
the rounds is reported, so that a machine whose speed drifts does not decide the figure. It
measures:

- ``gui_epoch_wall_seconds``: wall-clock time from one epoch's end to the next as the window
  sees it (the epoch's event reaching the GUI thread): mini-batches, validation, test, the
  recovery file and whatever the drawing takes from the training thread.
  ``gui_wall_over_headless`` is its ratio to the headless run's wall-clock time between epoch
  ends: the window's whole cost to training, what a person waits for;
- ``gui_epoch_seconds``: the engine's own SGD time per epoch (``EpochEvent.seconds``) from the
  window; ``gui_over_headless`` its ratio to the same epochs headless (the mini-batches alone);
- ``gui_first_epoch_seconds`` / ``gui_first_over_headless``: the first epoch of a run;
- ``gui_run_over_headless``: the mini-batches of all epochs of a run, the first included;
- ``event_loop_lag_p50_ms`` / ``_p99_ms`` / ``_max_ms``: how late a 10 ms timer fires while
  training, i.e. how long the GUI thread was kept from handling input, over ``lag_rounds`` more
  runs from the window after the timed ones (the timer's hundred wake-ups a second would cost
  the timed runs a little of their own).
"""

from __future__ import annotations

import tempfile
import time

import numpy as np

TIMER_INTERVAL_MS = 10


def gui_epoch_benchmark(training, validation, test, preset="book", epochs=1, *,
                        size=(1280, 800), seed=0, warmup=True, rounds=1, headless_run=None,
                        lag_rounds=1):
    """Train ``preset`` for ``epochs`` on the given ``(images, labels)`` pairs from the panel,
    ``rounds`` times; return the timings described in the module doc (seconds, milliseconds
    and ratios, floats).

    ``headless_run()``: the seconds of each epoch (``EpochEvent.seconds``) of the same run
    without the window, timed before each round's run; without it the ratios are left out.
    ``warmup``: first train the same panel briefly on 1,000 images, so that one-time costs (the
    first paint of every plot, lazy imports) are not counted, as a headless timing that keeps
    the best of several runs does not count them either."""
    import os

    from PySide6.QtCore import QElapsedTimer, QEventLoop, QObject, QSettings, Qt, QTimer, Slot
    from PySide6.QtWidgets import QApplication

    from desktop_bp.core import checkpoint
    from desktop_bp.ui.app import build_window

    app = QApplication.instance() or QApplication([])

    class LagMeter(QObject):
        """A precise 10 ms timer that records how late each tick is."""

        def __init__(self):
            super().__init__()
            self.timer = QTimer(self)
            self.timer.setTimerType(Qt.PreciseTimer)
            self.timer.setInterval(TIMER_INTERVAL_MS)
            self.timer.timeout.connect(self.tick)
            self.clock = QElapsedTimer()
            self.lags = []
            self.times = []
            self.last = None

        def start(self):
            self.clock.start()
            self.last = self.clock.nsecsElapsed()
            self.timer.start()

        @Slot()
        def tick(self):
            now = self.clock.nsecsElapsed()
            self.lags.append(max(0.0, (now - self.last) / 1e6 - TIMER_INTERVAL_MS))
            self.times.append(now / 1e9)
            self.last = now

    class Watcher(QObject):
        def __init__(self, loop):
            super().__init__()
            self.loop = loop
            self.epochs = []
            self.finished = None
            self.wall_end = None
            self.epoch_walls = []
            self.epoch_cpu = []         # the window thread's CPU time at each epoch's end

        @Slot(object)
        def on_epoch(self, ev):
            self.epochs.append(ev)
            self.wall_end = time.perf_counter()
            self.epoch_walls.append(self.wall_end)
            self.epoch_cpu.append(time.thread_time())

        @Slot(object)
        def on_finished(self, ev):
            self.finished = ev
            self.loop.quit()

    with tempfile.TemporaryDirectory() as folder:
        # the whole window, as a person has it: the canvas with a drawing (predicted anew with
        # each epoch's weights) beside the training page, and its recovery file
        settings = QSettings(os.path.join(folder, "settings.ini"), QSettings.Format.IniFormat)
        window = build_window(settings, recovery=checkpoint.Recovery(folder),
                              data=(training, validation, test))
        window.resize(*size)
        window.show()
        window.load_startup_model()
        panel = window.training_panel()
        for _ in range(5):
            app.processEvents()
        draw_a_digit(window.canvas)
        strokes = window.canvas.stroke_count()
        panel.apply_preset(preset)
        panel.form.epochs_spin.setValue(int(epochs))
        panel.form.seed_edit.setText(str(seed))
        for _ in range(5):
            app.processEvents()
        if warmup:
            n = min(1000, len(training[1]))
            panel.set_data((training[0][:n], training[1][:n]), validation, test)
            warm = QEventLoop()
            panel.controller.finished.connect(warm.quit)
            panel.form.epochs_spin.setValue(1)
            panel.start()
            warm.exec()
            panel.controller.finished.disconnect(warm.quit)
            panel.session.state.discard_unsaved()     # the warm-up's network is nobody's work
            panel.set_data(training, validation, test)
            panel.apply_preset(preset)
            panel.form.epochs_spin.setValue(int(epochs))
            panel.form.seed_edit.setText(str(seed))
        panel.form.training_size_spin.setValue(len(training[1]))    # all of it, after the warm-up
        meter = LagMeter()

        def window_run(lag):
            """One run from the window: its epochs' timings; with ``lag``, the lag meter's
            timer ticks meanwhile (its own wake-ups cost the training a little, so the runs
            that are timed go without it)."""
            nonlocal panel_settings
            for _ in range(3):
                app.processEvents()
            loop = QEventLoop()
            watcher = Watcher(loop)
            panel.controller.epoch.connect(watcher.on_epoch)
            panel.controller.finished.connect(watcher.on_finished)
            t0 = time.perf_counter()
            if not panel.start():
                raise RuntimeError(f"the panel refused to start: {panel.form.validation_label.text()}")
            if lag:
                meter.start()     # from here on the window is training: its lateness is the lag
            loop.exec()
            meter.timer.stop()
            panel.controller.epoch.disconnect(watcher.on_epoch)
            panel.controller.finished.disconnect(watcher.on_finished)
            panel_settings = panel.session.run_settings
            if watcher.finished is None or watcher.finished.reason != "completed" or not watcher.epochs:
                reason = watcher.finished.message if watcher.finished else "no result"
                panel.shutdown(5000)
                raise RuntimeError(f"the benchmark run did not complete: {reason}")
            panel.session.state.discard_unsaved()     # the next round starts afresh, unasked
            ends = [t0] + watcher.epoch_walls
            walls = [b - a for a, b in zip(ends[:-1], ends[1:])]
            cpu = watcher.epoch_cpu
            return {"seconds": [ev.seconds for ev in watcher.epochs], "walls": walls,
                    "gui_cpu": [b - a for a, b in zip(cpu[:-1], cpu[1:])]}

        panel_settings = None
        runs = []
        for _ in range(max(1, int(rounds))):
            headless = _as_timings(headless_run()) if headless_run is not None else None
            runs.append((headless, window_run(lag=False)))
        for _ in range(max(1, int(lag_rounds))):
            window_run(lag=True)
        panel.shutdown(5000)
        window.hide()
        window.deleteLater()
        app.processEvents()
    settings = panel_settings
    if settings.training_size != len(training[1]):
        raise RuntimeError(f"the panel trained on {settings.training_size} images, "
                           f"not {len(training[1])}")
    result = _epoch_summary(runs, np.array(meter.lags or [0.0]))
    result["strokes_on_canvas"] = strokes
    return result


def draw_a_digit(canvas):
    """Draw a 7 on ``canvas`` with mouse events, as a person would."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    rect = canvas.square_rect()
    points = [(0.28, 0.2), (0.5, 0.2), (0.72, 0.2), (0.6, 0.5), (0.45, 0.85)]
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    for i, (x, y) in enumerate(points):
        pos = QPointF(rect.x() + x * rect.width(), rect.y() + y * rect.height())
        kind = (QMouseEvent.Type.MouseButtonPress if i == 0 else QMouseEvent.Type.MouseMove)
        QApplication.sendEvent(canvas, QMouseEvent(kind, pos, canvas.mapToGlobal(pos), left,
                                                   left, Qt.KeyboardModifier.NoModifier))
    QApplication.sendEvent(canvas, QMouseEvent(QMouseEvent.Type.MouseButtonRelease, pos,
                                               canvas.mapToGlobal(pos), left, none,
                                               Qt.KeyboardModifier.NoModifier))
    QApplication.processEvents()


def _as_timings(timings):
    """A headless run's timings as ``{"seconds": [...], "walls": [...]}`` (a plain list is its
    epochs' seconds, without wall-clock times)."""
    if isinstance(timings, dict):
        return {"seconds": list(timings["seconds"]), "walls": list(timings.get("walls") or [])}
    return {"seconds": list(timings), "walls": []}


def _steady(values):
    """The epochs after a run's first (all of them for a run of one epoch), summed."""
    return float(np.sum(values[1:] if len(values) > 1 else values))


def _epoch_summary(runs, lags):
    """The figures of :func:`gui_epoch_benchmark` from its rounds ``[(headless, window)]``.

    After the first epoch of a run: the first also pays for repainting the freshly reset window
    (every plot and heatmap at once), a one-off cost at Start, not a per-epoch one. Ratios are
    taken round by round (each window run against the headless run just before it) and their
    median reported, so that a machine whose speed drifts between rounds does not decide them."""
    per = [len(w["seconds"][1:]) or 1 for _, w in runs]
    steady = [_steady(w["seconds"]) / k for (_, w), k in zip(runs, per)]
    walls = [_steady(w["walls"]) / k for (_, w), k in zip(runs, per)]
    first = [w["seconds"][0] for _, w in runs]
    result = {
        "gui_epoch_seconds": float(np.median(steady)),
        "gui_first_epoch_seconds": float(np.median(first)),
        "gui_epoch_wall_seconds": float(np.median(walls)),
        "event_loop_lag_p50_ms": float(np.percentile(lags, 50)),
        "event_loop_lag_p99_ms": float(np.percentile(lags, 99)),
        "event_loop_lag_max_ms": float(lags.max()),
        "timer_ticks": int(len(lags)),
        "epochs": len(runs[-1][1]["seconds"]),
        "rounds": len(runs),
        "round_epoch_seconds": steady,
        "round_epoch_wall_seconds": walls,
    }
    if all(w.get("gui_cpu") for _, w in runs):
        # the window thread's CPU time per epoch after the first, against the epoch's wall time:
        # the share of the run that drawing takes (holding the interpreter lock for most of it)
        shares = [sum(w["gui_cpu"]) / _steady(w["walls"]) for _, w in runs]
        result.update(gui_thread_cpu_share=float(np.median(shares)),
                      round_gui_thread_cpu_share=[float(r) for r in shares])
    if runs[0][0] is None:
        return result
    h_steady = [_steady(h["seconds"]) / k for (h, _), k in zip(runs, per)]
    h_first = [h["seconds"][0] for h, _ in runs]
    result.update(
        headless_epoch_seconds=float(np.median(h_steady)),
        headless_first_epoch_seconds=float(np.median(h_first)),
        gui_over_headless=float(np.median(np.divide(steady, h_steady))),
        round_gui_over_headless=[float(r) for r in np.divide(steady, h_steady)],
        gui_first_over_headless=float(np.median(np.divide(first, h_first))),
        gui_run_over_headless=float(np.median([sum(w["seconds"]) / sum(h["seconds"])
                                               for h, w in runs])))
    if all(h["walls"] for h, _ in runs):
        h_walls = [_steady(h["walls"]) / k for (h, _), k in zip(runs, per)]
        ratios = np.divide(walls, h_walls)
        result.update(headless_epoch_wall_seconds=float(np.median(h_walls)),
                      gui_wall_over_headless=float(np.median(ratios)),
                      round_gui_wall_over_headless=[float(r) for r in ratios],
                      round_headless_epoch_wall_seconds=h_walls,
                      # the fastest round of each against the other: what is left when the
                      # machine's other work, which only ever slows a round, is least
                      gui_wall_over_headless_best=float(min(walls) / min(h_walls)))
    return result


# ---------------------------------------------------------------------------------------------
# stroke -> prediction on screen


PEN_INTERVAL_MS = 8     # a mouse or pen reports about every 8 ms (125 Hz)

# the strokes drawn, over and over (normalised canvas coordinates): a 1, a 7, a 0, a 4
_STROKES = (
    ((0.5, 0.15), (0.5, 0.85)),
    ((0.28, 0.2), (0.72, 0.2), (0.45, 0.85)),
    tuple((0.5 + 0.22 * np.sin(2 * np.pi * k / 24), 0.5 - 0.32 * np.cos(2 * np.pi * k / 24))
          for k in range(25)),
    ((0.35, 0.15), (0.25, 0.58), (0.75, 0.58)),
    ((0.62, 0.3), (0.62, 0.88)),
)


def _pen_script(step=0.015):
    """Endless pen actions: ("press" | "move" | "release", (x, y)) along :data:`_STROKES`, a
    move every ``step`` of the sheet, and ("clear", None) after every two strokes."""
    import math
    drawn = 0
    while True:
        for points in _STROKES:
            yield "press", points[0]
            for (x0, y0), (x1, y1) in zip(points, points[1:]):
                n = max(1, int(math.hypot(x1 - x0, y1 - y0) / step))
                for k in range(1, n + 1):
                    yield "move", (x0 + k / n * (x1 - x0), y0 + k / n * (y1 - y0))
            yield "release", points[-1]
            drawn += 1
            if drawn % 2 == 0:
                yield "clear", None


def _summary(values):
    """Median, p99, max and count of a list of milliseconds (None when empty)."""
    if not values:
        return {"count": 0, "median_ms": None, "p99_ms": None, "max_ms": None}
    a = np.asarray(values, dtype=np.float64)
    return {"count": int(a.size), "median_ms": float(np.median(a)),
            "p99_ms": float(np.percentile(a, 99)), "max_ms": float(a.max())}


def stroke_latency_benchmark(data=None, *, idle_seconds=4.0, training_seconds=6.0,
                             preset="best", interval_ms=PEN_INTERVAL_MS, size=(1280, 800),
                             first_batch_timeout_s=120.0, single_threaded_prediction=False):
    """Stroke to prediction on screen, in the real window driven by mouse events.

    The window is built as the app builds it (:func:`desktop_bp.ui.app.build_window`, settings
    in a temporary INI file, no recovery file), shown, with the bundled model in use. A precise
    timer sends the canvas a real ``QMouseEvent`` every ``interval_ms`` from inside the running
    event loop, as a pen would: presses, moves with the button held, releases, a clear after
    every two strokes. For each move, the latency is the time from sending the event to the end
    of the first paint of the prediction view that shows a prediction made after it (any
    coalescing counts). ``*_after_due`` adds how late the timer fired: the wait a real event
    would have spent in the queue.

    First for ``idle_seconds`` with nothing else running; then, when ``data`` (``(training,
    validation, test)``, each ``(images, labels)``) is given, for ``training_seconds`` while
    ``preset`` trains in the window's training panel (from its first mini-batch on; the run is
    stopped after; ``training_at_start`` and ``still_training`` say whether it ran throughout).

    Returns ``{"idle": phase, "training": phase or None, ...}``, each phase with ``latency`` /
    ``latency_after_due`` summaries (``median_ms``, ``p99_ms``, ``max_ms``, ``count``), the same for its two halves (``sent_to_predicted``: the move until the
    prediction that includes it has been made; ``predicted_to_painted``: from then until it is
    painted), ``event_loop_lag`` (a 10 ms timer's lateness while drawing, same keys),
    ``event_loop_lag_not_drawing`` (the same over up to 2 s just before, without drawing),
    ``predictions``, ``paints``, and ``parts_ms``: medians and p99s of the pieces of one update
    (mouse handling, canvas to array, preprocessing, network, each view's paint, and
    ``window_repaint``: in a repaint of the window that paints a prediction, from its start to
    the end of the prediction view's paint, the views' paints included).

    ``single_threaded_prediction``: a what-if for the window's code: run the preprocessing and
    the network inside :func:`desktop_bp.core.blas.single_threaded`, as small work should."""
    import os

    from PySide6.QtCore import (QElapsedTimer, QEvent, QEventLoop, QObject, QPointF, QSettings,
                                Qt, QTimer, Slot)
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    from desktop_bp.core import checkpoint
    from desktop_bp.ui import main_window as main_window_module
    from desktop_bp.ui.app import build_window

    app = QApplication.instance() or QApplication([])
    clock = QElapsedTimer()
    clock.start()

    def now_ms():
        return clock.nsecsElapsed() / 1e6

    class Probe(QObject):
        """Watches the window: which moves a finished prediction includes, and when the
        prediction view has painted it. Paints of the watched views are timed by running
        their paintEvent from this filter."""

        def __init__(self, views):
            super().__init__()
            self.views = views          # widget -> name
            self.reset()

        def reset(self):
            self.waiting = []           # (sent, due) of moves no prediction has included yet
            self.predicted = []         # included in a finished prediction, not yet painted
            self.latency, self.after_due = [], []
            self.to_prediction, self.to_paint = [], []      # sent -> predicted -> painted
            self.parts = {name: [] for name in ("mouse", "to_array", "preprocess", "network",
                                                *self.views.values())}
            self.predictions = self.paints = 0
            self.repaint_start = None

        def sent(self, sent, due, handled):
            self.waiting.append((sent, due))
            self.parts["mouse"].append(handled - sent)

        @Slot(object)
        def on_prediction(self, _pre):
            # the GUI thread sends the events, so every move sent so far is in this prediction
            done = now_ms()
            self.predicted.extend((sent, due, done) for sent, due in self.waiting)
            self.waiting = []
            self.predictions += 1
            self.repaint_start = None       # a repaint begun before this one does not show it

        def eventFilter(self, obj, event):
            name = self.views.get(obj)
            if name is None or event.type() != QEvent.Type.Paint:
                return False
            if name == "window_repaint":
                # the window's own background is painted first in each repaint (its views are
                # not opaque): from here to the prediction view's paint is the window's share
                self.repaint_start = now_ms()
                return False
            start = now_ms()
            obj.paintEvent(event)
            end = now_ms()
            self.parts[name].append(end - start)
            if name == "prediction_view":
                self.paints += 1
                if self.repaint_start is not None:
                    self.parts["window_repaint"].append(end - self.repaint_start)
                    self.repaint_start = None
                for sent, due, done in self.predicted:
                    self.latency.append(end - sent)
                    self.after_due.append(end - due)
                    self.to_prediction.append(done - sent)
                    self.to_paint.append(end - done)
                self.predicted = []
            return True

    class Pen(QObject):
        """Sends the canvas the next pen action every ``interval_ms`` until stopped."""

        def __init__(self, canvas, probe, loop):
            super().__init__()
            self.canvas, self.probe, self.loop = canvas, probe, loop
            self.script = _pen_script()
            self.timer = QTimer(self)
            self.timer.setTimerType(Qt.TimerType.PreciseTimer)
            self.timer.setInterval(interval_ms)
            self.timer.timeout.connect(self.tick)
            self.end = self.last = 0.0
            self.down = False

        def run(self, seconds):
            self.last = now_ms()
            self.end = self.last + 1e3 * seconds
            self.timer.start()
            self.loop.exec()

        def _send(self, kind, point, button, buttons):
            rect = self.canvas.square_rect()
            pos = QPointF(rect.x() + point[0] * rect.width(), rect.y() + point[1] * rect.height())
            event = QMouseEvent(kind, pos, self.canvas.mapToGlobal(pos), button, buttons,
                                Qt.KeyboardModifier.NoModifier)
            QApplication.sendEvent(self.canvas, event)

        @Slot()
        def tick(self):
            sent = now_ms()
            due, self.last = self.last + interval_ms, sent
            action, point = next(self.script)
            left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
            if action == "press":
                self.down = True
                self._send(QEvent.Type.MouseButtonPress, point, left, left)
            elif action == "move":
                self._send(QEvent.Type.MouseMove, point, none, left)
                self.probe.sent(sent, min(due, sent), now_ms())
            elif action == "release":
                self.down = False
                self._send(QEvent.Type.MouseButtonRelease, point, left, none)
                if sent >= self.end:
                    self.timer.stop()
                    self.loop.quit()
            else:
                self.canvas.clear()

    class LagMeter(QObject):
        def __init__(self):
            super().__init__()
            self.timer = QTimer(self)
            self.timer.setTimerType(Qt.TimerType.PreciseTimer)
            self.timer.setInterval(TIMER_INTERVAL_MS)
            self.timer.timeout.connect(self.tick)
            self.lags, self.last = [], 0.0

        def start(self):
            self.lags, self.last = [], now_ms()
            self.timer.start()

        @Slot()
        def tick(self):
            t = now_ms()
            self.lags.append(max(0.0, t - self.last - TIMER_INTERVAL_MS))
            self.last = t

    from contextlib import nullcontext

    from desktop_bp.core import blas

    def timed(fn, name, probe, blas_limit=nullcontext):
        def wrapper(*args, **kwargs):
            start = now_ms()
            try:
                with blas_limit():
                    return fn(*args, **kwargs)
            finally:
                probe.parts[name].append(now_ms() - start)
        return wrapper

    def phase(pen, probe, meter, seconds):
        meter.start()                           # first the event loop alone, no drawing
        alone = QEventLoop()
        QTimer.singleShot(int(1e3 * min(2.0, seconds)), alone.quit)
        alone.exec()
        meter.timer.stop()
        lag_alone = _summary(meter.lags)
        probe.reset()
        meter.start()
        pen.run(seconds)
        meter.timer.stop()
        for _ in range(40):                     # the last prediction reaches the screen
            settle = QEventLoop()
            QTimer.singleShot(50, settle.quit)
            settle.exec()
            if not (probe.waiting or probe.predicted):
                break
        parts = {name: {"median": float(np.median(v)), "p99": float(np.percentile(v, 99))}
                 for name, v in probe.parts.items() if v}
        return {"latency": _summary(probe.latency), "latency_after_due": _summary(probe.after_due),
                "sent_to_predicted": _summary(probe.to_prediction),
                "predicted_to_painted": _summary(probe.to_paint),
                "event_loop_lag": _summary(meter.lags), "event_loop_lag_not_drawing": lag_alone,
                "moves": len(probe.parts["mouse"]),
                "predictions": probe.predictions, "paints": probe.paints, "parts_ms": parts}

    result = {"interval_ms": interval_ms, "platform": app.platformName(),
              "single_threaded_prediction": bool(single_threaded_prediction),
              "load_average_before": os.getloadavg()[0] if hasattr(os, "getloadavg") else None}
    saved = main_window_module.preprocess, main_window_module.judge
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(os.path.join(folder, "settings.ini"), QSettings.Format.IniFormat)
        window = build_window(settings, recovery=checkpoint.Recovery(enabled=False), data=data)
        try:
            window.resize(*size)
            window.show()
            window.load_startup_model()
            for _ in range(5):
                app.processEvents()
            result["network"] = "-".join(str(n) for n in window.session.network.sizes)
            views = {window.prediction_view: "prediction_view", window.canvas: "canvas_paint",
                     window.input_view: "input_view", window: "window_repaint"}
            probe = Probe(views)
            for view in views:
                view.installEventFilter(probe)
            window.input_changed.connect(probe.on_prediction)
            limit = blas.single_threaded if single_threaded_prediction else nullcontext
            main_window_module.preprocess = timed(saved[0], "preprocess", probe, limit)
            main_window_module.judge = timed(saved[1], "network", probe, limit)
            window.canvas.to_array = timed(window.canvas.to_array, "to_array", probe)
            loop = QEventLoop()
            pen, meter = Pen(window.canvas, probe, loop), LagMeter()
            pen.run(min(0.5, idle_seconds))      # warm-up: first paints, lazy imports
            result["idle"] = phase(pen, probe, meter, idle_seconds)
            result["training"] = None
            if data is not None:
                result["training"] = _while_training(window, preset, data, first_batch_timeout_s,
                                                     lambda: phase(pen, probe, meter,
                                                                   training_seconds))
                result["training"]["preset"] = preset
        finally:
            main_window_module.preprocess, main_window_module.judge = saved
            window.training_panel().shutdown(10000)
            window.hide()
            window.deleteLater()
            app.processEvents()
    result["load_average_after"] = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return result


def _while_training(window, preset, data, timeout_s, measure):
    """Start ``preset`` in the window's training panel on ``data``, wait for its first
    mini-batch, run ``measure()``, stop the run and wait for its end; returns what ``measure``
    returned."""
    from PySide6.QtCore import QEventLoop, QTimer

    panel = window.training_panel()
    panel.apply_preset(preset)
    panel.set_data(*data)
    panel.form.training_size_spin.setValue(len(data[0][1]))
    first = QEventLoop()
    panel.controller.batch.connect(first.quit)
    panel.controller.finished.connect(first.quit)
    QTimer.singleShot(int(1e3 * timeout_s), first.quit)
    if not panel.start():
        raise RuntimeError(f"the panel refused to start: {panel.form.validation_label.text()}")
    first.exec()
    panel.controller.batch.disconnect(first.quit)
    panel.controller.finished.disconnect(first.quit)
    started = panel.controller.is_running     # False: the run was over before its first batch
    measured = measure()
    # both True when the whole drawing happened while the run trained (always, for best on MNIST)
    measured["training_at_start"] = started
    measured["still_training"] = panel.controller.is_running
    if panel.controller.is_running:
        done = QEventLoop()
        panel.controller.finished.connect(done.quit)
        QTimer.singleShot(int(1e3 * timeout_s), done.quit)
        panel.stop()
        done.exec()
    window.session.state.discard_unsaved()
    return measured
