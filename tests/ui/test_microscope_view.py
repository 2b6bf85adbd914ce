"""The microscope's views with a small network: they show the engine's numbers, read out what
the mouse is over, follow the cost switch, and run the gradient check without blocking."""

import sys
import threading

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from desktop_bp.core.figures import vector_grid
from desktop_bp.core.network import Network, one_hot
from desktop_bp.ui.microscope import GradientCheckView, MicroscopeView, chapter_two_tour, view_help
from desktop_bp.ui.microscope import gradcheck_view


@pytest.fixture
def net():
    return Network([784, 6, 5, 10], seed=4)        # sigmoid, quadratic, float32


@pytest.fixture
def x():
    image = np.zeros((28, 28))
    image[5:23, 12:16] = 1.0                        # a "1"
    return image.ravel()


@pytest.fixture
def view(qtbot, net, x):
    widget = MicroscopeView()
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_network(net)
    with qtbot.waitSignal(widget.saliency_changed) as blocker:
        widget.set_input(x, "a test drawing", target=3)
    widget.saliency = blocker.args[0]
    return widget


def _cell_point(panel, row, col):
    gv = panel.plot.scene().views()[0]
    scene = panel.plot.vb.mapViewToScene(QPointF(col + 0.5, row + 0.5))
    return gv.viewport(), QPointF(gv.mapFromScene(scene))


def _send(widget, kind, pos, button, buttons):
    event = QMouseEvent(kind, pos, widget.mapToGlobal(pos), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def hover(panel, row, col):
    """A real mouse move (no button) over cell (row, col) of a SignedPanel's image."""
    widget, point = _cell_point(panel, row, col)
    none = Qt.MouseButton.NoButton
    _send(widget, QEvent.Type.MouseMove, point, none, none)


def hover_until(qtbot, panel, row, col, shown):
    """Hover until ``shown()`` (the layout of a tab just shown may still be settling)."""
    qtbot.waitUntil(lambda: (hover(panel, row, col), shown())[1])


def click(panel, row, col):
    widget, point = _cell_point(panel, row, col)
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    _send(widget, QEvent.Type.MouseMove, point, none, none)
    _send(widget, QEvent.Type.MouseButtonPress, point, left, left)
    _send(widget, QEvent.Type.MouseButtonRelease, point, left, none)


def test_the_view_shows_the_engines_numbers(view, net, x):
    engine = net.copy(np.float64).backprop(x[None, :], one_hot([3], 10, np.float64))
    drawn = view.layers.images()
    for i, l in enumerate((2, 3, 4)):
        np.testing.assert_allclose(view.bp.layer(l).delta, engine.delta[i], rtol=1e-5, atol=1e-9)
        np.testing.assert_allclose(drawn[(l, "delta")], vector_grid(engine.delta[i][0]),
                                   rtol=1e-5, atol=1e-9)
        np.testing.assert_allclose(drawn[(l, "z")], vector_grid(engine.zs[i][0]), rtol=1e-5, atol=1e-6)
    # the saliency signal carries dC/dx as 28x28, read-only, and it is the engine's
    assert view.saliency.shape == (28, 28) and not view.saliency.flags.writeable
    expected = net.copy(np.float64).input_gradient(x[None, :], one_hot([3], 10, np.float64))[0]
    np.testing.assert_allclose(view.saliency.ravel(), expected, rtol=1e-6, atol=1e-12)
    assert view.target == 3 and "a test drawing" in view.source_label.text()
    # BP4 tab: layer 2's dC/dw tiles are the engine's nabla_w rows
    view.tabs.setCurrentIndex(1)
    first = view.tile_panel.image.image
    j = int(view.tile_neurons[0])
    np.testing.assert_allclose(first[:28, :28], engine.nabla_w[0][j].reshape(28, 28),
                               rtol=1e-5, atol=1e-9)
    np.testing.assert_allclose(view.matrix_panels[4].image.image, engine.nabla_w[2],
                               rtol=1e-5, atol=1e-9)


def test_hover_reads_out_neuron_pixel_and_value(view, qtbot):
    view.tabs.setCurrentIndex(1)
    qtbot.wait(10)
    j = int(view.tile_neurons[0])
    hover_until(qtbot, view.tile_panel, 10, 13,             # first tile, pixel (13, 10)
                lambda: "pixel (13, 10)" in view.hover_label.text())
    value = view.bp.layer(2).nabla_w[j, 10 * 28 + 13]
    assert f"neuron {j}" in view.hover_label.text() and f"{value:.4g}" in view.hover_label.text()
    r = view.last_readout
    assert (r.l, r.j, r.k) == (2, j, 10 * 28 + 13)
    assert r.finite_difference == pytest.approx(r.product, rel=1e-5, abs=1e-12)
    assert "finite differences" in view.readout.text()
    # a later layer's matrix: neuron j, input k
    hover_until(qtbot, view.matrix_panels[3], 2, 4,
                lambda: "layer 3, neuron 2, input 4" in view.hover_label.text())
    # the layer grid: neuron read-out
    view.tabs.setCurrentIndex(0)
    qtbot.wait(10)
    hover_until(qtbot, view.layers.panels[(3, "delta")], 0, 1,
                lambda: "layer 3, neuron 1" in view.layers.readout.text())


def test_click_selects_a_weight_for_the_readout_and_the_nudge(view, qtbot):
    view.tabs.setCurrentIndex(1)
    picked = []
    view.weight_selected.connect(picked.append)
    qtbot.waitUntil(lambda: (click(view.matrix_panels[4], 7, 2), bool(picked))[1])
    assert picked[0] == (4, 7, 2)
    view.tabs.setCurrentIndex(2)
    steps = view.nudge.table_values()
    assert len(steps) == 6
    dw, dC, predicted = steps[-1]
    assert dC == pytest.approx(predicted, rel=1e-3)
    assert "sum of all paths" in view.nudge.paths.text()
    view.nudge.slider.setValue(-100)                     # Delta w = -1
    assert "Δw = -1" in view.nudge.result.text()


def test_another_network_leaves_no_figures_of_the_last_one(view, qtbot, x):
    view.tabs.setCurrentIndex(1)
    picked = []
    view.weight_selected.connect(picked.append)
    qtbot.waitUntil(lambda: (click(view.matrix_panels[4], 7, 2), bool(picked))[1])
    view.tabs.setCurrentIndex(2)
    assert view.nudge.table_values() and "w<sup>4</sup>" in view.nudge.title.text()
    # a network with fewer layers: its layer 4 does not exist, and nothing of the old pick stays
    view.set_network(Network([784, 30, 10], seed=1))
    view.set_input(x, "a test drawing")
    assert view.weight is None and view.nudge.weight is None
    assert view.nudge.table_values() == [] and view.nudge.paths.text().strip() == ""
    assert "Pick a weight" in view.nudge.title.text()
    assert view.nudge.result.text().strip() == "" and not view.nudge.panels
    view.tabs.setCurrentIndex(1)
    assert "Hover over or click" in view.readout.text()


def test_cost_switch_changes_bp1(view, qtbot):
    quadratic = view.layers.images()[(4, "delta")].copy()
    assert "stays in" in view.caption.text()
    view.set_cost("cross-entropy")
    out = view.bp.layer(4)
    y = np.eye(10)[3]
    after = view.layers.images()[(4, "delta")]
    np.testing.assert_allclose(after, vector_grid(out.a[0] - y), rtol=1e-6, atol=1e-7)   # a - y
    assert not np.allclose(after, quadratic)
    assert "σ′ cancels" in view.caption.text() and view.bp.cost == "cross-entropy"
    # the network's own cost is marked, and a new network resets the choice to its own
    assert "network's own" in view.cost_combo.itemText(view.cost_combo.findData("quadratic"))
    view.set_network(Network([784, 6, 10], cost="log-likelihood", seed=1))
    assert view.cost == "log-likelihood" and view.bp.output == "softmax"


def test_target_follows_the_prediction_when_asked(view, x):
    view.set_target(None)
    predicted = int(np.argmax(view.bp.layer(4).a[0]))
    assert view.target == predicted
    view.set_target(8)
    assert view.target == 8 and view.bp.y[0, 8] == 1.0


def test_paging_and_export(view, tmp_path):
    view.tabs.setCurrentIndex(1)
    assert "page 1 of 1" in view.page_label.text() and not view.next_button.isEnabled()
    written = view.export_figures(tmp_path / "figs")
    names = {p.name for p in written}
    assert {"input.png", "saliency.png", "layer2_nabla_w.png", "views.txt"} <= names


def test_help_texts(view):
    view.help_button.setChecked(True)
    assert view.help_label.isVisible() and "BP2" in view.help_label.text()
    view.tabs.setCurrentIndex(1)
    assert "28×28" in view.help_label.text()
    tour = chapter_two_tour()
    for word in ("Saturation", "BP1", "Finite differences", "δ<sup>L</sup>"):
        assert word in tour
    assert "paths" in view_help("nudge")


@pytest.fixture
def check_view(qtbot):
    widget = GradientCheckView()
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    widget.show()
    return widget


def test_gradient_check_view_completes(check_view, qtbot):
    net = Network([20, 8, 4], seed=2)
    check_view.set_network(net)
    check_view.set_input(np.random.default_rng(0).random(20), 1)
    with qtbot.waitSignal(check_view.finished, timeout=20000) as blocker:
        check_view.start()
    report = blocker.args[0]
    assert report.passed() and report.checked == net.num_parameters
    qtbot.waitUntil(lambda: not check_view.running)
    assert check_view.table.rowCount() == 2
    assert check_view.table.item(0, 5).text().startswith("pass")
    assert check_view.table.item(1, 2).text() == "36 / 36"
    backprop, finite = check_view.bar_values()
    assert backprop == pytest.approx(report.backprop_seconds, rel=1e-6)
    assert finite == pytest.approx(report.finite_difference_all_seconds, rel=1e-6)
    assert "Passed" in check_view.status.text() and check_view.run_button.isEnabled()
    # another network: the figures above were of this one, and go
    check_view.set_network(Network([20, 5, 4], seed=3))
    assert check_view.report is None and check_view.table.rowCount() == 0
    assert not check_view.chart.isVisible() and "Passed" not in check_view.status.text()
    assert check_view.progress_bar.value() == 0


@pytest.mark.parametrize("error, row, passed", [(3e-9, "pass (< 1e-7)", "Passed"),
                                                 (1.2e-7, "pass (< 1e-4)", "Passed"),
                                                 (5e-3, "FAIL (≥ 1e-4)", "Failed")])
def test_the_verdict_fails_backprop_only_where_it_is_wrong(check_view, error, row, passed):
    # 1.2e-7 is what a saturated book network gives: the finite differences are that far off,
    # not backprop, which a mistake puts at 1e-2 or more
    from desktop_bp.core.gradcheck import GradcheckReport, LayerCheck
    report = GradcheckReport(sizes=[784, 30, 10], method="central", epsilon=1e-5, batch=1,
                             parameters=330, backprop_seconds=1e-4, forward_seconds=5e-5,
                             finite_difference_seconds=0.03, checked=330)
    report.layers.append(LayerCheck(layer=0, shape=(30, 784), weight_error=error,
                                    bias_error=error / 2, max_entry_error=1e-12, checked=300,
                                    parameters=300))
    check_view.show_report(report)
    assert check_view.table.item(0, 5).text() == row
    assert check_view.status.text().startswith(f"<b>{passed}</b>")


def test_gradient_check_without_a_target_checks_the_predicted_digit(check_view, qtbot):
    # the window's link gives the drawing with no target: the check must still run
    net = Network([20, 8, 4], seed=2)
    x = np.random.default_rng(0).random(20)
    check_view.set_network(net)
    check_view.set_input(x, None)
    with qtbot.waitSignal(check_view.finished, timeout=20000) as blocker:
        check_view.start()
    report = blocker.args[0]
    assert report.passed() and report.checked == net.num_parameters
    qtbot.waitUntil(lambda: not check_view.running)
    assert "Passed" in check_view.status.text()


def test_gradient_check_view_can_be_cancelled(check_view, qtbot, monkeypatch):
    # The worker's first "cancelled?" question waits until Cancel was pressed: on a busy
    # machine the whole check could otherwise end before the click.
    pressed = threading.Event()
    check = gradcheck_view.gradient_check

    def gated_check(*args, cancelled, **kwargs):
        def asked():
            pressed.wait(20)
            return cancelled()
        return check(*args, cancelled=asked, **kwargs)

    monkeypatch.setattr(gradcheck_view, "gradient_check", gated_check)
    check_view.set_network(Network([784, 30, 10], seed=0))
    check_view.full_below = 10 ** 9                      # every weight
    try:
        with qtbot.waitSignal(check_view.finished, timeout=30000) as blocker:
            check_view.start()
            assert check_view.running and not check_view.run_button.isEnabled()
            qtbot.waitUntil(lambda: check_view.progress_bar.value() > 0, timeout=20000)
            check_view.cancel()
            pressed.set()
    finally:
        pressed.set()       # never leave the worker waiting
    report = blocker.args[0]
    assert report.cancelled and report.checked < report.parameters
    qtbot.waitUntil(lambda: not check_view.running)
    assert "Cancelled" in check_view.status.text() and check_view.run_button.isEnabled()


def test_nudging_a_weight_whose_input_is_0_says_why_nothing_changes(view):
    view.tabs.setCurrentIndex(2)
    view.select_weight(2, 0, 0)                 # pixel (0, 0): no ink, a = 0
    assert "is 0 for this drawing" in view.nudge.title.text()
    assert all(dC == 0.0 for _, dC, _ in view.nudge.table_values())
    view.select_weight(2, 0, 10 * 28 + 13)      # a pixel of the drawn "1"
    assert "is 0 for this drawing" not in view.nudge.title.text()
    assert any(dC != 0.0 for _, dC, _ in view.nudge.table_values())


def test_a_language_switch_after_another_network_raises_nothing(qapp, view, x):
    from desktop_bp.ui import i18n

    errors = []
    old_hook = sys.excepthook
    sys.excepthook = lambda *exc: errors.append(exc)    # Qt reports a slot's exception here
    try:
        view.tabs.setCurrentIndex(1)        # the layer grid is not redrawn for the new pass
        view.set_network(Network([784, 30, 10], seed=1))     # one layer fewer than before
        i18n.set_language(qapp, i18n.SIMPLIFIED_CHINESE)
        qapp.processEvents()
        i18n.set_language(qapp, i18n.ENGLISH)
        qapp.processEvents()
        view.set_input(x, "a test drawing")
        assert view.bp is not None and view.bp.L == 3
    finally:
        sys.excepthook = old_hook
    assert not errors, errors


def test_before_anything_is_looked_at_the_caption_has_no_empty_note(qtbot, net):
    widget = MicroscopeView()
    qtbot.addWidget(widget)
    widget.set_network(net)
    text = widget.caption.text()
    assert "BP1" in text and "; ." not in text


def _lut_ends(image_item):
    """The colours the item draws its lowest and highest levels with (RGB)."""
    lut = image_item.lut if not callable(image_item.lut) else image_item.lut(image_item.image)
    return tuple(lut[0][:3]), tuple(lut[-1][:3])


@pytest.mark.parametrize("activation, a_signed", [("sigmoid", False), ("tanh", True)])
def test_quantities_that_are_never_negative_get_a_sequential_map_from_0(qtbot, x, activation,
                                                                          a_signed):
    widget = MicroscopeView()
    qtbot.addWidget(widget)
    widget.set_network(Network([784, 6, 5, 10], activation=activation, seed=4))
    widget.set_input(x, "a test drawing", target=3)
    bp, grid = widget.bp, widget.layers
    for name, signed in (("a", a_signed), ("fprime", False), ("z", True), ("delta", True)):
        peak = max(np.abs(getattr(bp.layer(l), name)).max() for l in (2, 3, 4))
        expected = (-peak, peak) if signed else (0.0, peak)
        np.testing.assert_allclose(grid.bars[name].levels(), expected, rtol=1e-5)
        for l in (2, 3, 4):
            item = grid.panels[(l, name)].image
            np.testing.assert_allclose(item.getLevels(), expected, rtol=1e-5)
            low, high = _lut_ends(item)
            if signed:      # blue, white in the middle, red
                assert low[2] > low[0] and high[0] > high[2]
            else:           # white at 0 (the paper), dark green at the top
                assert min(low) > 240 and high[1] > high[0] + 30 and max(high) < 90
    if activation == "sigmoid":     # sigma' within 0 .. 0.25: its bar starts at 0, not -0.25
        assert grid.bars["fprime"].levels()[0] == 0.0 and grid.bars["fprime"].levels()[1] <= 0.25
