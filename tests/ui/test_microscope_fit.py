"""The microscope's pages in a window of ordinary size: the gradient check fits without
scrolling, colour bars' tick labels never run into each other, and a weight of a wide matrix can
be picked exactly."""

import pytest


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
