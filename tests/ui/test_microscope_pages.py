"""The microscope in the assembled window, as a new user meets it: the toy network shows its own
input and dC/dx, every label follows the language and the mode, and the global view says where
to pick a weight (or picks one), counts the paths it lists and fits a 1280x800 window."""

import re

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop_bp.core.network import Network
from desktop_bp.ui import i18n
from mouse_drawing import draw_digit
from test_microscope_view import hover_until

CJK = re.compile(r"[\u4e00-\u9fff]")


def settle():
    for _ in range(10):
        QApplication.processEvents()


def microscope_on_a_drawing(qtbot, window):
    link = window.microscope_link
    window.tabs.setCurrentWidget(link.microscope_page)
    draw_digit(window.canvas, 7)
    microscope = link.microscope
    qtbot.waitUntil(lambda: microscope.bp is not None and microscope.bp.x.shape[1] == 784,
                    timeout=3000)
    return link, microscope


def to_toy(qtbot, link):
    link.subject_combo.setCurrentIndex(link.subject_combo.findData("toy"))
    qtbot.waitUntil(lambda: link.microscope.bp is not None and link.microscope.bp.x.shape[1] == 4)


def titles(microscope):
    """Every plot title of the BP1-BP3 tab's side panels."""
    return [microscope.input_panel._title, microscope.saliency_panel._title]


# -- the toy network --------------------------------------------------------------------------------

def test_the_toy_network_shows_its_own_input_and_dC_dx(qtbot, small_window):
    window = small_window()
    link, microscope = microscope_on_a_drawing(qtbot, window)
    assert microscope.input_panel.image.image.shape == (28, 28)
    to_toy(qtbot, link)
    bp = microscope.bp
    # its 4 inputs, drawn as the drawing is (dark = 1), and its 4 values of dC/dx
    shown = microscope.input_panel.image.image
    assert shown.shape == (1, 4)
    np.testing.assert_allclose(shown[0], 1.0 - bp.x[0], atol=1e-6)
    saliency = microscope.saliency_panel.image.image
    assert saliency.shape == (1, 4)
    np.testing.assert_allclose(saliency[0], bp.saliency[0], rtol=1e-6)
    scale = np.abs(bp.saliency[0]).max()
    np.testing.assert_allclose(microscope.saliency_bar.levels(), (-scale, scale), rtol=1e-6)
    # no strokes laid over it, none of the drawing left
    assert microscope.ink_overlay.image.shape[:2] == (1, 4)
    assert not microscope.ink_overlay.image[..., 3].any()
    assert window.canvas.saliency_rect() is None
    assert microscope.input_panel._title == "input x: 4 values"
    # BP4 has no pages of 28x28 tiles for it: no page controls (they said the last network's)
    microscope.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: 1 not in microscope._stale)
    assert not microscope.page_label.isVisibleTo(microscope)
    assert not microscope.next_button.isVisibleTo(microscope)
    microscope.tabs.setCurrentIndex(0)
    # hovering a cell reads the input out
    hover_until(qtbot, microscope.saliency_panel, 0, 2,
                lambda: microscope.saliency_readout.text().startswith("input 2:"))
    assert f"{bp.x[0, 2]:.3f}" in microscope.saliency_readout.text()
    # and back: the drawing again
    link.subject_combo.setCurrentIndex(link.subject_combo.findData("in use"))
    qtbot.waitUntil(lambda: microscope.bp.x.shape[1] == 784)
    assert microscope.input_panel.image.image.shape == (28, 28)
    assert microscope.saliency_panel.image.image.shape == (28, 28)
    assert microscope.input_panel._title == "input x"
    microscope.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: microscope.page_label.isVisibleTo(microscope))


# -- the language -----------------------------------------------------------------------------------

def switch(qapp, qtbot, microscope, code):
    i18n.set_language(qapp, code)
    chinese = code == i18n.SIMPLIFIED_CHINESE
    qtbot.waitUntil(lambda: bool(CJK.search(microscope.tabs.tabText(0))) == chinese)
    settle()


def test_every_microscope_label_follows_the_language_and_the_mode(qapp, qtbot, small_window):
    window = small_window()
    link, microscope = microscope_on_a_drawing(qtbot, window)
    english = titles(microscope)
    try:
        switch(qapp, qtbot, microscope, i18n.SIMPLIFIED_CHINESE)
        assert all(CJK.search(t) for t in titles(microscope))
        hover_until(qtbot, microscope.saliency_panel, 14, 14,
                    lambda: bool(CJK.search(microscope.saliency_readout.text())))
        drawing_zh = microscope.source_label.text()
        assert CJK.search(drawing_zh)
        to_toy(qtbot, link)             # the toy network looked at in Chinese
        random_zh = microscope.source_label.text()
        assert CJK.search(random_zh) and random_zh != drawing_zh
        switch(qapp, qtbot, microscope, i18n.ENGLISH)
        assert [t for t in titles(microscope) if CJK.search(t)] == []
        assert not CJK.search(microscope.saliency_readout.text())
        assert microscope.saliency_panel._title == "∂C/∂x: red raises C, blue lowers it"
        assert microscope.source_label.text() == "a random input"
        switch(qapp, qtbot, microscope, i18n.SIMPLIFIED_CHINESE)
        assert microscope.source_label.text() == random_zh
        link.subject_combo.setCurrentIndex(link.subject_combo.findData("in use"))
        qtbot.waitUntil(lambda: microscope.bp.x.shape[1] == 784)
        assert microscope.source_label.text() == drawing_zh
        switch(qapp, qtbot, microscope, i18n.ENGLISH)
        assert microscope.source_label.text() == "your drawing"
        assert titles(microscope) == english
    finally:
        i18n.set_language(qapp, i18n.ENGLISH)
        settle()


# -- the global view --------------------------------------------------------------------------------

def listed(nudge):
    """(the count the path list's heading gives, the rows it lists)."""
    text = nudge.paths.text()
    count = int(re.search(r"<b>([\d,]+) path", text).group(1).replace(",", ""))
    return count, text.count("<tr>")


def test_the_global_view_offers_a_weight_to_pick_and_lists_what_it_counts(qtbot, small_window):
    window = small_window()
    link, microscope = microscope_on_a_drawing(qtbot, window)
    microscope.tabs.setCurrentIndex(2)
    nudge = microscope.nudge
    # the instruction names the tab where the tiles are, and what this tab offers
    assert microscope.tabs.tabText(1) in nudge.title.text()
    assert nudge.steepest_button.text() in nudge.title.text()
    assert nudge.steepest_button.isVisible() and nudge.steepest_button.isEnabled()
    with qtbot.waitSignal(microscope.weight_selected) as picked:
        qtbot.mouseClick(nudge.steepest_button, Qt.MouseButton.LeftButton)
    l, j, k = picked.args[0]
    bp = microscope.bp
    assert l == 2               # 784-12-10: a first-layer weight has 10 paths, all listed
    gradients = np.abs(bp.layer(l).nabla_w)
    assert gradients[j, k] == gradients.max() > 0
    assert nudge.weight == (l, j, k) and microscope.last_readout is not None
    assert len(nudge.table_values()) == 6
    assert listed(nudge) == (10, 10) == (bp.path_count(l), nudge.listed_paths)
    assert "<b>10 paths</b>" in nudge.paths.text()      # the plural said as English says it
    # more paths than are listed: the heading says how many of them are shown
    window.set_network(Network([784, 5, 4, 10], seed=2), "three layers")
    qtbot.waitUntil(lambda: microscope.bp is not None and microscope.bp.L == 4, timeout=3000)
    microscope.select_weight(2, 1, 300)
    count, rows = listed(nudge)
    assert (count, rows) == (40, 8) == (microscope.bp.path_count(2), nudge.listed_paths)
    assert "the 8 with the largest products" in nudge.paths.text()
    # the steepest weight is then one whose paths are all listed, and the button says where
    assert nudge.steepest_button.text() == "Pick the steepest weight of layer 3"
    qtbot.mouseClick(nudge.steepest_button, Qt.MouseButton.LeftButton)
    assert nudge.weight[0] == 3 and listed(nudge) == (10, 10)


@pytest.mark.parametrize("size", [(1280, 800), (1400, 900)])
def test_the_global_view_fits_the_window_without_scrolling(qtbot, small_window, size):
    window = small_window(size[0])
    window.resize(*size)
    link, microscope = microscope_on_a_drawing(qtbot, window)
    microscope.tabs.setCurrentIndex(2)
    microscope.select_weight(2, 3, 14 * 28 + 14)
    nudge = microscope.nudge
    qtbot.waitUntil(lambda: nudge.steps != [])
    settle()
    # the page does not scroll: the table and the path list are in view
    assert link.microscope_page.verticalScrollBar().maximum() == 0
    table = nudge.table
    last = table.rowCount() - 1
    assert table.rowViewportPosition(last) + table.rowHeight(last) <= table.viewport().height()
    assert nudge.paths.height() >= nudge.paths.heightForWidth(nudge.paths.width())
    assert nudge.view.height() >= 120      # and the change itself is still drawn


def test_the_global_views_table_numbers_are_whole_in_a_narrow_window(qtbot, small_window):
    window = small_window(1024)
    window.resize(1024, 700)
    link, microscope = microscope_on_a_drawing(qtbot, window)
    microscope.tabs.setCurrentIndex(2)
    microscope.select_weight(2, 3, 14 * 28 + 14)
    nudge = microscope.nudge
    qtbot.waitUntil(lambda: nudge.steps != [])
    qtbot.wait(50)
    table = nudge.table
    metrics = table.fontMetrics()
    for row in range(table.rowCount()):
        for col in range(table.columnCount()):
            text = table.item(row, col).text()
            # the text and a cell's margins (a cut number ends in "…")
            assert metrics.horizontalAdvance(text) + 8 <= table.columnWidth(col), (text, col)
