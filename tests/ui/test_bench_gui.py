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
    assert result["strokes_on_canvas"] == 1     # the whole window, a drawing on its canvas


def test_rounds_compare_each_window_run_with_its_own_headless_epoch(qapp):
    rng = np.random.default_rng(1)
    images = rng.random((900, 784)).astype(np.float32)
    labels = rng.integers(0, 10, 900)
    training, held_out = (images[:600], labels[:600]), (images[600:], labels[600:])
    calls = []

    def headless():
        calls.append(1)
        k = len(calls)          # 0.5 s then 0.25 s of mini-batches; then twice that
        return {"seconds": [0.5 * k, 0.25 * k], "walls": [0.6 * k, 0.3 * k]}

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
    # and the wall-clock time between epoch ends, evaluation and recovery file included
    walls = result["round_epoch_wall_seconds"]
    assert len(walls) == 2 and all(w > 0 for w in walls)
    assert result["headless_epoch_wall_seconds"] == pytest.approx(0.45)
    assert result["gui_wall_over_headless"] == pytest.approx(np.median([walls[0] / 0.3,
                                                                        walls[1] / 0.6]))
    for key in ("gui_first_over_headless", "gui_run_over_headless"):
        assert result[key] > 0
    # the window thread's CPU time over the same epochs: some, and never more than the wall time
    shares = result["round_gui_thread_cpu_share"]
    assert len(shares) == 2 and all(0 < s <= 1 for s in shares)
    assert result["gui_thread_cpu_share"] == pytest.approx(np.median(shares))


def test_a_headless_run_without_walls_still_gives_the_batch_ratio(qapp):
    rng = np.random.default_rng(2)
    images = rng.random((700, 784)).astype(np.float32)
    labels = rng.integers(0, 10, 700)
    training, held_out = (images[:500], labels[:500]), (images[500:], labels[500:])
    result = gui_epoch_benchmark(training, held_out, held_out, preset="book", epochs=2,
                                 warmup=False, headless_run=lambda: [0.5, 0.25])
    assert result["headless_epoch_seconds"] == pytest.approx(0.25)
    assert "gui_wall_over_headless" not in result
