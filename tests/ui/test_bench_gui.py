"""The window benchmark behind `desktop-bp bench`: it must run to the end by itself (no
question may stop it) and report positive timings."""

import numpy as np

from desktop_bp.ui.bench_gui import gui_epoch_benchmark


def test_the_window_benchmark_runs_unattended_and_reports_timings(qapp):
    rng = np.random.default_rng(0)
    images = rng.random((1500, 784)).astype(np.float32)
    labels = rng.integers(0, 10, 1500)
    training = (images[:1200], labels[:1200])
    held_out = (images[1200:], labels[1200:])
    result = gui_epoch_benchmark(training, held_out, held_out, preset="book", epochs=1)
    assert result["epochs"] == 1
    assert result["gui_epoch_seconds"] > 0
    assert result["event_loop_lag_p99_ms"] >= result["event_loop_lag_p50_ms"] >= 0
    assert result["timer_ticks"] > 0
