"""The stroke -> prediction benchmark behind `desktop-bp bench --stroke`: it drives the real
window with mouse events, runs unattended, idle and while a run trains, and reports every move
it sent as a latency (no timings are asserted: speed belongs in the benchmark itself)."""

import numpy as np

from desktop_bp.stroke_bench import report_stroke
from desktop_bp.ui.bench_gui import _pen_script, stroke_latency_benchmark

SUMMARIES = ("latency", "latency_after_due", "sent_to_predicted", "predicted_to_painted",
             "event_loop_lag", "event_loop_lag_not_drawing")
PARTS = {"mouse", "to_array", "preprocess", "network", "prediction_view", "canvas_paint",
         "input_view", "window_repaint"}


def check_phase(phase):
    for key in SUMMARIES:
        s = phase[key]
        assert s["count"] > 0, key
        assert 0 <= s["median_ms"] <= s["p99_ms"] <= s["max_ms"], key
    # every move sent was predicted and painted, and counted once
    assert phase["latency"]["count"] == phase["moves"] == phase["sent_to_predicted"]["count"]
    assert phase["predictions"] > 0 and phase["paints"] > 0
    assert set(phase["parts_ms"]) == PARTS
    for part in phase["parts_ms"].values():
        assert 0 <= part["median"] <= part["p99"]


def test_the_pen_draws_strokes_of_moves_and_clears_the_sheet():
    script = _pen_script()
    actions = [next(script) for _ in range(400)]
    kinds = [a for a, _ in actions]
    assert kinds[0] == "press" and "release" in kinds and "clear" in kinds
    # between a press and its release only moves, all on the sheet
    pressed = False
    for kind, point in actions:
        if kind == "press":
            assert not pressed
            pressed = True
        elif kind == "release":
            assert pressed
            pressed = False
        elif kind == "move":
            assert pressed and all(0 <= c <= 1 for c in point)
        else:
            assert kind == "clear" and not pressed


def test_stroke_latency_is_measured_idle_and_while_training(qapp):
    rng = np.random.default_rng(0)
    images = rng.random((3500, 784)).astype(np.float32)
    labels = rng.integers(0, 10, 3500)
    data = ((images[:3000], labels[:3000]), (images[3000:], labels[3000:]),
            (images[3000:], labels[3000:]))
    result = stroke_latency_benchmark(data, idle_seconds=0.3, training_seconds=0.3,
                                      preset="book")
    assert result["network"] == "784-1024-512-10"        # the bundled model is in use
    check_phase(result["idle"])
    check_phase(result["training"])
    assert result["training"]["preset"] == "book"
    assert isinstance(result["training"]["training_at_start"], bool)
    lines = []
    report_stroke(result, lines.append)
    assert any("while book trains" in line and "p99" in line for line in lines)


def test_without_data_only_the_idle_window_is_measured(qapp):
    result = stroke_latency_benchmark(None, idle_seconds=0.2, single_threaded_prediction=True)
    assert result["training"] is None and result["single_threaded_prediction"]
    check_phase(result["idle"])
