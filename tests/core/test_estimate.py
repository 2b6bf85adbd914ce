"""Run-time estimates come from measurements on this machine, not from the code (no Qt)."""

from __future__ import annotations

import re

import pytest

from desktop_bp.core import estimate
from desktop_bp.core.presets import PRESETS, preset


def test_measure_times_the_presets_own_network():
    m = estimate.measure(preset("book"), batches=3, images=50)
    assert m.batch_size == 10
    assert m.batch_seconds > 0 and m.image_seconds > 0
    assert "per mini-batch of 10" in repr(m)


def test_estimate_scales_the_measurement_to_the_run():
    m = estimate.Measurement(batch_seconds=0.01, batch_size=100, image_seconds=1e-5)
    e = estimate.estimate(m, training_size=50_000, epochs=20)
    assert e.epoch_seconds == pytest.approx(500 * 0.01 + 20_000 * 1e-5)
    assert e.total_seconds == pytest.approx(20 * e.epoch_seconds)
    # a last, shorter mini-batch counts as one
    assert estimate.estimate(m, 50_050, 1, evaluation_images=0).epoch_seconds == \
        pytest.approx(501 * 0.01)


def test_remaining_follows_the_epochs_own_times():
    assert estimate.remaining([10.0, 12.0, 11.0], 4) == pytest.approx(44.0)
    # one epoch slowed down by another program does not swing the median
    assert estimate.remaining([10.0, 10.0, 10.0, 55.0], 2) == pytest.approx(20.0)
    assert estimate.remaining([5.0], 0) == 0
    with pytest.raises(ValueError):
        estimate.remaining([], 3)


@pytest.mark.parametrize("name", list(PRESETS))
def test_preset_descriptions_promise_no_time(name):
    text = PRESETS[name]["description"]
    assert not re.search(r"\b(second|minute|hour)s?\b", text), text
