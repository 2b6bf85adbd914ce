"""The training page and the prediction beside it at the window sizes people use (1024 and
1280 pixels wide): nothing clipped, nothing touching an edge, the room used."""

import numpy as np
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
