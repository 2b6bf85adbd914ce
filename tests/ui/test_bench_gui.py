"""The window benchmark behind `desktop-bp bench`: it must run to the end by itself (no
question may stop it) and report positive timings."""

import numpy as np
import pytest

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


def test_rounds_compare_each_window_run_with_its_own_headless_epoch(qapp):
    rng = np.random.default_rng(1)
    images = rng.random((900, 784)).astype(np.float32)
    labels = rng.integers(0, 10, 900)
    training, held_out = (images[:600], labels[:600]), (images[600:], labels[600:])
    calls = []

    def headless():
        calls.append(1)
        return [0.5 * len(calls), 0.25 * len(calls)]    # 0.5 s then 0.25 s; then twice that

    result = gui_epoch_benchmark(training, held_out, held_out, preset="book", epochs=2,
                                 rounds=2, warmup=False, headless_run=headless)
    assert len(calls) == 2 and result["rounds"] == 2 and result["epochs"] == 2
    assert result["headless_epoch_seconds"] == pytest.approx(0.375)    # median of 0.25, 0.5
    assert result["headless_first_epoch_seconds"] == pytest.approx(0.75)
    # each round's window epochs against the same epochs of that round's headless run
    steady = result["round_epoch_seconds"]
    assert len(steady) == 2 and all(t > 0 for t in steady)
    assert result["gui_epoch_seconds"] == pytest.approx(np.median(steady))
    assert result["gui_over_headless"] == pytest.approx(np.median([steady[0] / 0.25,
                                                                   steady[1] / 0.5]))
    for key in ("gui_first_over_headless", "gui_run_over_headless"):
        assert result[key] > 0
