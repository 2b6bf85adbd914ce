"""The microscope's pages in a window of ordinary size: the gradient check fits without
scrolling, colour bars' tick labels never run into each other, and a weight of a wide matrix can
be picked exactly."""

import numpy as np
import pytest
from PySide6.QtGui import QImage, QPainter

from mouse_drawing import stroke


@pytest.mark.parametrize("width", [1024, 1280])
def test_the_gradient_check_page_fits_a_window_800_pixels_high(qtbot, small_window, width):
    window = small_window(width)
    window.resize(width, 800)
    qtbot.waitUntil(lambda: window.height() == 800)
    link = window.microscope_link
    window.tabs.setCurrentWidget(link.gradcheck_page)
    check = link.gradcheck
    with qtbot.waitSignal(check.finished, timeout=30000):
        check.start()
    qtbot.waitUntil(lambda: not check.running and check.chart.isVisible())
    qtbot.wait(50)          # the scroll area lays out the page once its parts have their sizes
    assert link.gradcheck_page.verticalScrollBar().maximum() == 0
    assert link.gradcheck_page.horizontalScrollBar().maximum() == 0
    # the chart keeps a useful height, and the table shows every one of its rows
    assert check.chart.height() >= 150
    table = check.table
    rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
    assert table.viewport().height() >= rows


def _tick_labels(axis):
    """[(QRectF, text)] of the tick labels ``axis`` draws now."""
    image = QImage(800, 300, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    if axis.style["tickFont"] is not None:
        painter.setFont(axis.style["tickFont"])
    _axis, _ticks, texts = axis.generateDrawSpecs(painter)
    painter.end()
    return [(rect, text) for rect, _flags, text in texts]


def _microscope_at_1024(qtbot, small_window):
    """The Microscope of a 1024-pixel window, looking at a stroke."""
    window = small_window(1024)
    window.tabs.setCurrentWidget(window.microscope_link.microscope_page)
    microscope = window.microscope_link.microscope
    stroke(window.canvas, [(0.5, 0.15), (0.5, 0.85)])
    qtbot.waitUntil(lambda: microscope.bp is not None, timeout=5000)
    return microscope


def _apart(labels):
    """The drawn labels' boxes, left to right, at least 2 pixels apart."""
    rects = sorted((rect for rect, _text in labels), key=lambda r: r.left())
    return all(left.right() + 2 <= right.left() for left, right in zip(rects, rects[1:]))


def test_colour_bar_tick_labels_are_short_and_never_overlap(qtbot, small_window):
    microscope = _microscope_at_1024(qtbot, small_window)
    microscope.tabs.setCurrentIndex(1)          # BP4: the weights' bar is drawn too
    qtbot.wait(50)
    bars = list(microscope.layers.bars.values()) + [microscope.weights_bar]
    assert min(bar.axis.geometry().width() for bar in bars) < 150      # narrow ones among them
    for extent in (1e-6, 2.3e-6, 4.9e-6, 9.9e-6, 7.7e-4, 0.37, 5.0, 3.3e4):
        for bar in bars:
            bar.setLevels((-extent, extent))
            labels = _tick_labels(bar.axis)
            texts = [text for _rect, text in labels]
            assert texts, (extent, bar.axis.labelText)
            assert _apart(labels), (extent, texts)
            assert all(len(text) <= 5 for text in texts), texts      # "-2e-6", never "-2e-06"


def test_the_bars_of_quantities_from_0_have_labelled_ticks_too(qtbot, small_window):
    # a and sigma' (never negative) are drawn from 0: their bars were left without a number
    microscope = _microscope_at_1024(qtbot, small_window)
    qtbot.wait(50)
    bars = [bar for bar in microscope.layers.bars.values() if not getattr(bar, "signed", True)]
    assert len(bars) == 2
    for extent in (0.25, 0.0003, 1.0, 8.4, 17.0):
        for bar in bars:
            bar.setLevels((0.0, extent))
            labels = _tick_labels(bar.axis)
            assert labels, (extent, bar.axis.labelText)
            assert _apart(labels)


def test_round_tick_values_below_the_extent():
    from desktop_bp.ui.colour_ticks import round_below, symmetric_tick_values
    assert [round_below(e) for e in (4.9e-6, 2e-6, 0.37, 7.0, 1.0)] == \
        pytest.approx([2e-6, 2e-6, 0.2, 5.0, 1.0])
    width = lambda text: 7.0 * len(text)        # noqa: E731 - 7 pixels a character
    assert symmetric_tick_values(-4.9e-6, 4.9e-6, 300, width) == [(2e-6, [-2e-6, 0.0, 2e-6])]
    # too narrow for three labels: the two ends; narrower still: 0 alone
    assert symmetric_tick_values(-4.9e-6, 4.9e-6, 110, width)[0][1] == [-2e-6, 2e-6]
    assert symmetric_tick_values(-4.9e-6, 4.9e-6, 40, width)[0][1] == [0.0]
    # from 0: 0 sits on the bar's end, where its label is not drawn; m/2 and m are
    assert symmetric_tick_values(0.0, 0.25, 140, width) == [(0.2, [0.1, 0.2])]


def test_a_weight_of_a_wide_matrix_is_picked_by_click_then_arrow_keys(qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from desktop_bp.core.network import Network
    from desktop_bp.ui.microscope import MicroscopeView
    from test_microscope_view import click

    view = MicroscopeView()
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    view.set_network(Network([784, 512, 10], seed=1))      # w^3 is 10 x 512
    image = np.zeros((28, 28))
    image[5:23, 12:16] = 1.0
    view.set_input(image.ravel(), "a test drawing", target=3)
    view.tabs.setCurrentIndex(1)
    panel = view.matrix_panels[3]
    picked = []
    view.weight_selected.connect(picked.append)
    qtbot.waitUntil(lambda: (click(panel, 4, 300), bool(picked))[1])
    # a screen pixel is about two columns wide: the click lands near column 300 ...
    l, j, k = view.weight
    assert (l, j) == (3, 4) and abs(k - 300) <= 2
    # ... and the keys reach every one of them, one at a time
    keys = view.weights_view
    QTest.keyClick(keys, Qt.Key.Key_Right)
    assert view.weight == (3, 4, k + 1) and picked[-1] == (3, 4, k + 1)
    assert view.pick_outline.cell(panel) == (4, k + 1)     # which one is picked, drawn
    assert "arrow keys" in view.readout.text()
    QTest.keyClick(keys, Qt.Key.Key_Left)
    QTest.keyClick(keys, Qt.Key.Key_Left)
    assert view.weight == (3, 4, k - 1)
    QTest.keyClick(keys, Qt.Key.Key_Down)
    assert view.weight == (3, 5, k - 1)
    QTest.keyClick(keys, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)     # ten
    assert view.weight == (3, 5, k + 9)
    for _ in range(12):                     # kept inside the matrix
        QTest.keyClick(keys, Qt.Key.Key_Down)
    assert view.weight == (3, 9, k + 9)
    r = view.last_readout
    assert (r.l, r.j, r.k) == (3, 9, k + 9)
    assert "w<sup>3</sup><sub>9," in view.readout.text()
    # the line under the weights follows the keys too
    assert view.hover_label.text().startswith(f"layer 3, neuron 9, input {k + 9}:")
    # in a tile, the keys move over the neuron's pixels
    tile = view.tile_panel
    qtbot.waitUntil(lambda: (click(tile, 10, 13), view.weight[0] == 2)[1])
    _, j, k = view.weight
    assert k == 10 * 28 + 13
    QTest.keyClick(keys, Qt.Key.Key_Right)
    QTest.keyClick(keys, Qt.Key.Key_Up)
    assert view.weight == (2, j, 9 * 28 + 14)
    assert view.pick_outline.cell(tile) == (9, 14)          # the first tile: row 0, column 0
    assert view.pick_outline.cell(panel) is None            # one outline at a time


def test_the_microscope_looks_at_a_drawing_first_sent_to_the_gradient_check(qtbot, small_window):
    window = small_window(1024)
    link = window.microscope_link
    window.tabs.setCurrentWidget(link.gradcheck_page)
    stroke(window.canvas, [(0.5, 0.15), (0.5, 0.85)])
    qtbot.waitUntil(lambda: link.gradcheck._x is not None, timeout=5000)
    window.tabs.setCurrentWidget(link.microscope_page)
    qtbot.waitUntil(lambda: link.microscope.bp is not None, timeout=5000)
    assert link.microscope.source_label.text() == "your drawing"
