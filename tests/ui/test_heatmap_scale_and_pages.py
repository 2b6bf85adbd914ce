"""The training heatmaps a person can read: a colour scale held over the run (so vanishing
gradients fade), and the first layer's tiles a page at a time with a read-out under the mouse."""

import numpy as np

from desktop_bp.core.training import LayerSnapshot
from desktop_bp.ui.heatmaps import GRADIENTS, GradientHeatmaps


def snapshot(nabla_w):
    return LayerSnapshot(nabla_w=tuple(nabla_w), nabla_b=(), delta=(), saturation=(),
                         mean_abs_nabla_w=())


def gradient_maps(qtbot, seed):
    """Heatmaps of a 784-16-10 network in gradient mode, showing random gradients: (the
    heatmaps, those gradients)."""
    maps = GradientHeatmaps()
    qtbot.addWidget(maps)
    maps.set_architecture([784, 16, 10])
    maps.set_mode(GRADIENTS)
    rng = np.random.default_rng(seed)
    big = [rng.normal(size=(16, 784)), rng.normal(size=(10, 16))]
    maps.show_snapshot(snapshot(big))
    return maps, big


def test_the_scale_is_held_over_the_run_unless_asked_otherwise(qtbot):
    maps, big = gradient_maps(qtbot, 0)
    first = maps.layers[1].bar.levels()[1]
    assert np.isclose(first, np.abs(big[1]).max(), rtol=1e-6)
    maps.show_snapshot(snapshot([g * 1e-6 for g in big]))      # the gradients vanish ...
    assert np.isclose(maps.layers[1].bar.levels()[1], first)    # ... and look faint
    maps.scale_combo.setCurrentIndex(maps.scale_combo.findData("each"))
    assert np.isclose(maps.layers[1].bar.levels()[1], first * 1e-6)   # renormalised: vivid
    maps.scale_combo.setCurrentIndex(maps.scale_combo.findData("held"))
    maps.clear_gradients()                                         # a new run: a new scale
    maps.show_snapshot(snapshot([g * 1e-6 for g in big]))
    assert np.isclose(maps.layers[1].bar.levels()[1], first * 1e-6)


def test_a_held_scale_does_not_redraw_the_colour_bars(qtbot, monkeypatch):
    # every setLevels redraws the bar's axis (Python, holding the lock training needs)
    maps, big = gradient_maps(qtbot, 1)
    calls = []
    for view in maps.layers:
        monkeypatch.setattr(view.bar, "setLevels", lambda levels, *a, **k: calls.append(levels))
    maps.show_snapshot(snapshot([g * 0.5 for g in big]))        # within the held scale
    assert calls == []
    maps.show_snapshot(snapshot([g * 2.0 for g in big]))        # past it: the scale grows
    assert len(calls) == 2


def test_a_large_first_layer_is_shown_a_page_of_tiles_at_a_time(qtbot):
    maps = GradientHeatmaps()
    qtbot.addWidget(maps)
    maps.set_architecture([784, 100, 10])
    assert maps.page_combo.isVisibleTo(maps) and maps.page_combo.count() == 1 + 2
    w = np.zeros((100, 784), np.float32)
    w[42, 5 * 28 + 3] = 7.0         # neuron 43, pixel (3, 5): the largest by far
    w[:, 0] = np.linspace(0.01, 0.02, 100)
    maps.set_mode("weights")
    maps.show_weights((w, np.zeros((10, 100), np.float32)))
    view = maps.layers[0]
    assert len(view.rows) == 64 and 42 in view.rows         # the 64 largest: 8 x 8 tiles
    assert view.grid == (8, 8)
    tile = list(view.rows).index(42)
    x = (tile % 8) * 29 + 3 + 0.5
    y = (tile // 8) * 29 + 5 + 0.5
    assert maps.read_out(view, x, y) == (42, 5 * 28 + 3, 7.0)
    assert maps.read_out(view, 28.5, 0.5) is None            # the gap between tiles
    maps.page_combo.setCurrentIndex(2)                        # neurons 65-100
    assert list(view.rows) == list(range(64, 100)) and view.grid == (6, 6)
    assert maps.read_out(view, 0.5, 0.5)[0] == 64
