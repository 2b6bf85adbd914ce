"""Benchmark of training from the window: epoch time with every live plot drawing, and how
responsive the event loop stays meanwhile.

:func:`gui_epoch_benchmark` builds the real :class:`~desktop_bp.ui.training.TrainingPanel`
(shown, off screen when there is no display) and, in each of several rounds, first times the
same run headless (the caller's function, the GUI idle: what ``desktop-bp train`` does, with
its evaluation after each epoch), then trains the preset through the worker thread with all
live drawing on. Epochs are compared with the same epochs of the headless run: the first
epoch of a run differs from the later ones (which follow an evaluation, whose BLAS threads are
still busy for a moment). Rounds side by side make the comparison fair on a machine whose
speed drifts. It measures:

- ``gui_epoch_seconds``: the engine's own SGD time per epoch (``EpochEvent.seconds``) from the
  window, after the first epoch of each run: any slowing of the training thread by the GUI
  (drawing, the GIL, copies for snapshots) shows up here; ``gui_over_headless`` is its ratio to
  the same epochs of the round's headless run (the median over rounds is reported);
- ``gui_first_epoch_seconds`` / ``gui_first_over_headless``: the first epoch of a run, which
  also pays for repainting the freshly reset window;
- ``gui_run_over_headless``: all epochs of a run, the first included, against as many headless
  ones;
- ``gui_epoch_wall_seconds``: wall-clock time from Start to the last epoch's event reaching the
  GUI, per epoch (includes evaluation on the validation and test sets, and the checkpoint);
- ``event_loop_lag_p50_ms`` / ``_p99_ms`` / ``_max_ms``: how late a 10 ms timer fires while
  training, i.e. how long the GUI thread was kept from handling input (all rounds pooled).
"""

from __future__ import annotations

import tempfile
import time

import numpy as np

TIMER_INTERVAL_MS = 10


def gui_epoch_benchmark(training, validation, test, preset="book", epochs=1, *,
                        size=(1280, 800), seed=0, warmup=True, rounds=1, headless_run=None):
    """Train ``preset`` for ``epochs`` on the given ``(images, labels)`` pairs from the panel,
    ``rounds`` times; return the timings described in the module doc (seconds, milliseconds
    and ratios, floats).

    ``headless_run()``: the seconds of each epoch (``EpochEvent.seconds``) of the same run
    without the window, timed before each round's run; without it the ratios are left out.
    ``warmup``: first train the same panel briefly on 1,000 images, so that one-time costs (the
    first paint of every plot, lazy imports) are not counted, as a headless timing that keeps
    the best of several runs does not count them either."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QObject, Qt, QTimer, Slot
    from PySide6.QtWidgets import QApplication

    from desktop_bp.ui.training import TrainingPanel

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

        @Slot(object)
        def on_epoch(self, ev):
            self.epochs.append(ev)
            self.wall_end = time.perf_counter()
            self.epoch_walls.append(self.wall_end)

        @Slot(object)
        def on_finished(self, ev):
            self.finished = ev
            self.loop.quit()

    with tempfile.TemporaryDirectory() as folder:
        panel = TrainingPanel(data=(training, validation, test), checkpoint_dir=folder)
        panel.resize(*size)
        panel.show()
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
        runs = []
        for _ in range(max(1, int(rounds))):
            headless = list(headless_run()) if headless_run is not None else None
            for _ in range(3):
                app.processEvents()
            loop = QEventLoop()
            watcher = Watcher(loop)
            panel.controller.epoch.connect(watcher.on_epoch)
            panel.controller.finished.connect(watcher.on_finished)
            t0 = time.perf_counter()
            if not panel.start():
                raise RuntimeError(f"the panel refused to start: {panel.form.validation_label.text()}")
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
            runs.append((headless, [ev.seconds for ev in watcher.epochs],
                         (watcher.wall_end - t0) / len(watcher.epochs)))
        panel.shutdown(5000)
        panel.close()
        panel.deleteLater()
        app.processEvents()
    settings = panel_settings
    if settings.training_size != len(training[1]):
        raise RuntimeError(f"the panel trained on {settings.training_size} images, "
                           f"not {len(training[1])}")
    lags = np.array(meter.lags or [0.0])
    # after the first epoch of a run: the first one also pays for repainting the freshly reset
    # window (every plot and heatmap at once), a one-off cost at Start, not a per-epoch one
    steady = [float(np.mean(s[1:] if len(s) > 1 else s)) for _, s, _ in runs]
    first = [s[0] for _, s, _ in runs]
    result = {
        "gui_epoch_seconds": float(np.median(steady)),
        "gui_first_epoch_seconds": float(np.median(first)),
        "gui_epoch_wall_seconds": float(np.median([w for _, _, w in runs])),
        "event_loop_lag_p50_ms": float(np.percentile(lags, 50)),
        "event_loop_lag_p99_ms": float(np.percentile(lags, 99)),
        "event_loop_lag_max_ms": float(lags.max()),
        "timer_ticks": int(len(meter.lags)),
        "epochs": len(runs[-1][1]),
        "rounds": len(runs),
        "round_epoch_seconds": steady,
    }
    if headless_run is not None:
        h_steady = [float(np.mean(h[1:] if len(h) > 1 else h)) for h, _, _ in runs]
        h_first = [h[0] for h, _, _ in runs]
        result["headless_epoch_seconds"] = float(np.median(h_steady))
        result["headless_first_epoch_seconds"] = float(np.median(h_first))
        result["gui_over_headless"] = float(np.median(np.divide(steady, h_steady)))
        result["gui_first_over_headless"] = float(np.median(np.divide(first, h_first)))
        result["gui_run_over_headless"] = float(np.median(
            [sum(g) / sum(h) for h, g, _ in runs]))
    return result
