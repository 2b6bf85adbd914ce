"""``desktop-bp bench --drawn``'s honest-confidence figures, from records and a small set."""

import pytest

from desktop_bp.bench import (NONDIGIT_BENCH_SEED, drawn_confidence_figures, nondigit_figures,
                              say_confidence_figures)
from desktop_bp.core.detector_training import CALIBRATION_SEED, TRAIN_SEED


def test_drawn_figures_from_predict_records():
    records = [{"file": "00000_7.png", "digit": 7, "verdict": "digit"},
               {"file": "00001_2.png", "digit": 3, "verdict": "digit"},
               {"file": "00002_1.png", "digit": 1, "verdict": "not sure"},
               {"file": "00003_4.png", "digit": 9, "verdict": "not a digit"}]
    label = lambda name: int(name.split("_")[1][0])     # noqa: E731
    figures = drawn_confidence_figures(records, 5, label)   # one file gave no prediction
    assert figures["drawn_flagged"] == pytest.approx(1 - 2 / 5)
    assert figures["drawn_not_sure"] == pytest.approx(1 / 5)
    assert figures["drawn_not_a_digit"] == pytest.approx(1 / 5)
    assert figures["drawn_confident_accuracy"] == pytest.approx(1 / 2)


def test_nondigit_figures_use_an_unseen_seed(trained_network):
    assert NONDIGIT_BENCH_SEED not in (TRAIN_SEED, CALIBRATION_SEED)
    figures = nondigit_figures(trained_network, 30)
    assert figures["nondigits"] == 30
    assert {"nondigits_flagged_letter", "nondigits_flagged_scribble",
            "nondigits_flagged_shape"} <= set(figures)
    assert 0.0 <= figures["nondigits_flagged"] <= 1.0
    lines = []
    say_confidence_figures({**figures, "drawn_flagged": 0.01, "drawn_not_a_digit": 0.005,
                            "drawn_confident_accuracy": 0.99}, lines.append)
    assert "30 generated non-digits" in lines[1] and "letters" in lines[1]
