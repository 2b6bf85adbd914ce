"""The Evaluate page in a small window (1024 x 700): nothing scrolls sideways, nothing is cut at
the right, every label's words can be read (the page scrolls up and down instead), and the
thumbnails' captions have room under their pictures, in English and in Chinese."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect, Qt

from desktop_bp.ui import i18n
from desktop_bp.ui.evaluation.thumbnails import THUMB


def synthetic(n, seed=0):
    rng = np.random.default_rng(seed)
    return rng.random((n, 784), dtype=np.float32), rng.integers(0, 10, n)


def evaluate_page(qtbot, small_window, width, height, drawings=12):
    """The window at ``width`` x ``height`` on the Evaluate page, evaluated (on small
    synthetic data), a mistake's images listed, and ``drawings`` kept in the handwriting."""
    window = small_window(width=width)
    window.resize(width, height)
    link = window.evaluation_link
    window.tabs.setCurrentWidget(link.page)
    view = link.view
    images, labels = synthetic(80, 2)
    view.set_data(test=(images, labels))
    with qtbot.waitSignal(view.evaluated, timeout=20000) as blocker:
        view.evaluate()
    confusion = blocker.args[0].evaluation.confusion.copy()
    np.fill_diagonal(confusion, 0)
    view.show_cell(*np.unravel_index(np.argmax(confusion), confusion.shape))
    assert view.thumbnails.count() > 0
    for i in range(drawings):
        link.personal_view.add_drawing(images[i], int(labels[i]))
    return window, link


def right_edge_in_page(link, widget):
    """Where ``widget``'s right edge is, in the page's viewport coordinates."""
    return widget.mapTo(link.page.viewport(), QPoint(widget.width(), 0)).x()


def readable(label):
    """A label shows all its words: wide enough for them on one line, or wrapped and tall
    enough for its lines at its width."""
    if label.wordWrap():
        return label.height() >= label.heightForWidth(label.width())
    return label.width() >= label.sizeHint().width()


@pytest.mark.parametrize("language", [i18n.ENGLISH, i18n.SIMPLIFIED_CHINESE])
def test_the_evaluate_page_fits_a_1024_by_700_window(qapp, qtbot, small_window, language):
    window, link = evaluate_page(qtbot, small_window, 1024, 700)
    try:
        i18n.set_language(qapp, language)
        evaluate = "Evaluate" if language == i18n.ENGLISH else "评估"
        qtbot.waitUntil(lambda: link.view.evaluate_button.text() == evaluate)
        fits_without_scrolling_sideways(qtbot, link, language)
    finally:
        i18n.set_language(qapp, i18n.ENGLISH)


def fits_without_scrolling_sideways(qtbot, link, language):
    page, view, personal = link.page, link.view, link.personal_view
    labels = {"data": view.data_label, "status": view.status, "summary": view.summary,
              "cell title": view.cell_title, "handwriting": personal.title,
              "its accuracy": personal.accuracy_label, "keep": link.label_title,
              "digit": personal.digit_label}
    # laid out (a change of language may show or hide the page's vertical scroll bar)
    qtbot.waitUntil(lambda: all(readable(label) for label in labels.values()))
    qtbot.waitUntil(lambda: not page.horizontalScrollBar().isVisible())
    qtbot.waitUntil(lambda: page.widget().width() == page.viewport().width())
    assert page.horizontalScrollBar().maximum() == 0
    viewport = page.viewport().width()
    for name, label in labels.items():
        assert label.isVisible() and readable(label), (name, label.text())
        assert right_edge_in_page(link, label) <= viewport, name
    for name, widget in {"progress": view.progress, "matrix": view.heatmap,
                         "mistakes": view.thumbnails, "table": view.table,
                         "handwriting": personal.thumbnails,
                         "export": personal.export_button, "keep": link.keep_button}.items():
        assert widget.isVisible() and right_edge_in_page(link, widget) <= viewport, name
        assert widget.width() >= widget.minimumSizeHint().width(), name
    # the words of the cell's title, e.g. "9 images of the digit 4 read as 7, the most
    # confident mistakes first", all there
    assert ("the most confident mistakes first" if language == i18n.ENGLISH else
            "最有把握的错误排在前面") in view.cell_title.text()
    assert view.progress.width() >= 120
    # the matrix's images went below the figures rather than beside them
    assert view.panels.stacked() and not view.figures.stacked()


@pytest.mark.parametrize("size", [(1280, 800), (1500, 900)])
def test_a_wide_window_keeps_the_three_panels_side_by_side(qtbot, small_window, size):
    window, link = evaluate_page(qtbot, small_window, *size, drawings=0)
    view = link.view
    qtbot.waitUntil(lambda: not view.panels.stacked())
    assert not view.figures.stacked()
    assert view.heatmap.x() > view.table.x()
    assert view.thumbnails.mapTo(view, QPoint(0, 0)).x() > \
        view.heatmap.mapTo(view, QPoint(view.heatmap.width(), 0)).x()


def captions_shown_whole(thumbnails):
    """Each thumbnail of the first row: its picture and every line of its caption inside the
    list's visible area and inside its grid cell."""
    metrics = thumbnails.fontMetrics()
    grid = thumbnails.gridSize()
    visible = thumbnails.viewport().rect()
    problems = []
    for row in range(thumbnails.count()):
        item = thumbnails.item(row)
        rect = thumbnails.visualItemRect(item)
        if rect.top() > visible.top() + 4:
            break                                   # the first row only: the rest scrolls
        text = metrics.boundingRect(QRect(0, 0, grid.width() - 4, 1000),
                                    int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignHCenter),
                                    item.text())
        needed = THUMB + text.height()
        if rect.height() < needed or needed > grid.height() or rect.bottom() > visible.bottom():
            problems.append((item.text(), rect, needed, grid.height(), visible.bottom()))
    return problems


@pytest.mark.parametrize("size", [(1024, 700), (1200, 760), (1280, 800)])
def test_the_handwriting_captions_are_whole_in_both_languages(qapp, qtbot, small_window, size):
    window, link = evaluate_page(qtbot, small_window, *size)
    personal = link.personal_view.thumbnails
    try:
        for language, read in ((i18n.ENGLISH, "read"), (i18n.SIMPLIFIED_CHINESE, "认成")):
            i18n.set_language(qapp, language)
            qtbot.waitUntil(lambda: any(read in c for c in personal.captions()))
            qapp.processEvents()
            assert personal.height() >= personal.gridSize().height()
            assert captions_shown_whole(personal) == [], language
            assert captions_shown_whole(link.view.thumbnails) == [], language
    finally:
        i18n.set_language(qapp, i18n.ENGLISH)
