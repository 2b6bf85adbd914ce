"""The training page and the prediction beside it at the window sizes people use (1024 and
1280 pixels wide): nothing clipped, nothing touching an edge, the room used."""

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from desktop_bp.core.network import Network
#: The least margin, in pixels, between what the prediction draws and its box's edges.
MARGIN = 6


def _ink_columns_and_rows(image, x0, x1, background):
    """(rows, columns) of ``image`` (a QImage) between x0 and x1 holding any pixel that is not
    ``background``."""
    rows, cols = set(), set()
    for y in range(image.height()):
        for x in range(x0, x1):
            if image.pixelColor(x, y) != background:
                rows.add(y)
                cols.add(x)
    return rows, cols


def test_the_ten_digits_and_bars_keep_a_margin_to_the_prediction_box(small_window, qtbot):
    window = small_window(1024)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.height() == 700)
    view = window.prediction_view
    # a caption of three lines under the bars (with the personal set's figure): the box makes
    # room for it rather than drawing it over the last digits
    caption = window.network_quality_label
    caption.setText("This network: 99.1% right on the test set; your handwriting: 100% of 2")
    qtbot.waitUntil(lambda: caption.height() >= caption.heightForWidth(caption.width())
                    and view.geometry().bottom() < caption.geometry().top())
    assert view.height() >= view.minimumHeight()
    outputs = np.linspace(0.0, 1.0, 10)
    view.set_output(outputs)
    qtbot.waitUntil(lambda: view.isVisible() and view.height() > 0)
    image = view.grab().toImage()
    w, h = image.width(), image.height()
    bars_left = max(90, int(w * 0.34)) + 1        # right of the big digit and its caption
    background = image.pixelColor(w - 1, h - 1)
    rows, cols = _ink_columns_and_rows(image, bars_left, w, background)
    assert rows and cols
    # the digits 0 and 9, the bars, the values and the threshold's line: all inside the
    # margin, above and below, and to the right
    assert min(rows) >= MARGIN and max(rows) < h - MARGIN, (min(rows), max(rows), h)
    assert max(cols) < w - MARGIN, (max(cols), w)


def _laid_out(heatmaps):
    """Every layer's image drawn inside its plot (the views have their final ranges)."""
    for view in heatmaps.layers:
        box, image = view.plot.vb.sceneBoundingRect(), view.image.sceneBoundingRect()
        if not (image.width() <= box.width() + 1 and image.height() <= box.height() + 1):
            return False
    return True


def _hover(view, item, fx=0.5, fy=0.5):
    """Move the mouse over ``item`` (in the GraphicsLayoutWidget ``view``), at a fraction of
    its box, as a person would."""
    box = item.sceneBoundingRect()
    scene_point = QPointF(box.left() + fx * box.width(), box.top() + fy * box.height())
    point = view.mapFromScene(scene_point)
    move_to(view.viewport(), point)
    return point


def move_to(widget, point):
    """A real mouse move (no button held) sent to ``widget``, at ``point`` (QPoint)."""
    position = QPointF(point)
    QApplication.sendEvent(widget, QMouseEvent(
        QEvent.Type.MouseMove, position, QPointF(widget.mapToGlobal(point)),
        Qt.MouseButton.NoButton, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))


@pytest.mark.parametrize("width", [1024, 1280])
def test_the_heatmaps_read_out_is_never_cut_off(qtbot, small_window, width):
    window = small_window(width)
    window.set_network(Network([784, 100, 10], seed=5), "book-100")      # pages of tiles too
    panel = window.training_panel()
    heatmaps = panel.heatmaps
    qtbot.waitUntil(lambda: heatmaps.layers and heatmaps.layers[0].matrix is not None)
    qtbot.waitUntil(lambda: _laid_out(heatmaps))
    bar = panel.host.verticalScrollBar()
    bar.setValue(bar.maximum())         # the heatmaps in sight, under the curves
    hint = heatmaps.hint
    legend = hint.text()
    assert legend == "blue < 0 < red"
    for view in heatmaps.layers:
        _hover(heatmaps.view, view.image, 0.95, 0.95)
        qtbot.waitUntil(lambda: hint.text() != legend)
        qtbot.wait(50)      # the view takes the next move only after this one's events
        assert hint.text().startswith(f"layer {view.l + 2}: neuron ")
        # every character drawn, within the label, and the label within the row
        image = hint.grab().toImage()
        background = image.pixelColor(image.width() - 1, 0)
        ink = [x for x in range(image.width()) for y in range(image.height())
               if image.pixelColor(x, y) != background]
        assert ink and max(ink) < image.width() - 1
        assert hint.shown_text() == hint.text()         # room for all of it
        corner = hint.mapTo(heatmaps, hint.rect().bottomRight())
        assert corner.x() < heatmaps.width() and corner.y() < heatmaps.height()
        move_to(heatmaps.view.viewport(), QPoint(1, 1))       # off the plots: the legend
        qtbot.waitUntil(lambda: hint.text() == legend)
        qtbot.wait(50)
    # neurons and inputs numbered from 0, as the axes, the Microscope and NumPy number them
    _hover(heatmaps.view, heatmaps.layers[1].image, 0.004, 0.04)
    qtbot.waitUntil(lambda: "neuron 0, input 0:" in hint.text())
    assert heatmaps.page_combo.itemText(1) == "neurons 0–63"
    # the pointer leaving the heatmaps leaves no stale read-out behind
    _hover(heatmaps.view, heatmaps.layers[0].image, 0.95, 0.95)
    qtbot.waitUntil(lambda: hint.text() != legend)
    QApplication.sendEvent(heatmaps.view.viewport(), QEvent(QEvent.Type.Leave))
    assert hint.text() == legend
    # and the page does not scroll sideways for it
    assert panel.host.horizontalScrollBar().maximum() == 0


def test_a_read_out_too_long_for_its_room_keeps_both_ends(qtbot):
    from desktop_bp.ui.fitting_label import FittingLabel
    label = FittingLabel("layer 2: neuron 100, pixel (17, 16): -0.0342")
    qtbot.addWidget(label)
    label.resize(120, label.sizeHint().height())
    label.show()
    shown = label.shown_text()
    assert "…" in shown and shown.startswith("layer") and shown.endswith("-0.0342")
    assert label.fontMetrics().horizontalAdvance(shown) <= label.contentsRect().width()
    assert label.toolTip() == label.text()          # the whole of it, on demand
    assert label.minimumSizeHint().width() <= 10    # it never widens the page


def test_in_one_column_the_first_layer_s_tiles_fill_its_width(qtbot, small_window):
    window = small_window(1024)
    window.set_network(Network([784, 30, 10], seed=5), "book-sized")
    heatmaps = window.training_panel().heatmaps
    qtbot.waitUntil(lambda: heatmaps.layers and heatmaps.layers[0].matrix is not None)
    assert heatmaps.reflow.columns == 1             # narrow: one heatmap under the other
    first = heatmaps.layers[0]

    def filled():
        image, box = first.image.sceneBoundingRect(), first.plot.vb.sceneBoundingRect()
        return image.width() >= 0.9 * box.width() and image.height() <= box.height() + 1
    qtbot.waitUntil(filled)
    # as tall as the tiles need, and the page scrolls up and down for it, not sideways
    assert first.plot.vb.sceneBoundingRect().height() > heatmaps.reflow.row_height
    host = window.training_panel().host
    assert host.horizontalScrollBar().maximum() == 0
    # wide again: two columns, and the least heights they had
    window.resize(1500, 760)
    qtbot.waitUntil(lambda: heatmaps.reflow.columns == 2)
    qtbot.waitUntil(lambda: first.plot.minimumHeight() == 0)
    assert heatmaps.view.minimumHeight() == heatmaps.reflow.two_column_height
