"""The drawing canvas, driven by real mouse events."""

import numpy as np
import pytest

from desktop_bp.ui.canvas import DrawingCanvas
from desktop_bp.ui.prediction import InputView, PredictionView

from mouse_drawing import draw_digit, stroke, to_widget


@pytest.fixture
def canvas(qtbot):
    widget = DrawingCanvas()
    qtbot.addWidget(widget)
    widget.resize(300, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def ink(canvas, size=None):
    """Boolean mask of inked pixels."""
    return canvas.to_array(size) < 128


def connected(mask, start):
    """Whether every inked pixel is reachable from ``start`` through inked pixels."""
    reached = np.zeros_like(mask)
    reached[start] = mask[start]
    while True:
        grown = reached.copy()
        grown[1:] |= reached[:-1]
        grown[:-1] |= reached[1:]
        grown[:, 1:] |= reached[:, :-1]
        grown[:, :-1] |= reached[:, 1:]
        grown &= mask
        if (grown == reached).all():
            return bool(reached.any()) and (reached == mask).all()
        reached = grown


def test_starts_empty(canvas):
    assert canvas.is_empty()
    array = canvas.to_array()
    assert array.dtype == np.uint8 and array.shape == (300, 300)
    assert (array == 255).all()


def test_a_stroke_paints_ink_along_its_path(canvas, qtbot):
    with qtbot.waitSignal(canvas.stroke_finished):
        stroke(canvas, [(0.5, 0.2), (0.5, 0.8)])
    assert canvas.stroke_count() == 1
    mask = ink(canvas)
    assert mask[150, 150] and mask[70, 150] and mask[230, 150]
    assert not mask[150, 50] and not mask[20, 150]
    width = np.count_nonzero(mask[150])
    assert width == pytest.approx(300 * canvas.pen_fraction(), abs=3)


def test_changed_is_emitted_while_drawing(canvas, qtbot):
    changes = []
    canvas.changed.connect(lambda: changes.append(1))
    stroke(canvas, [(0.2, 0.5), (0.8, 0.5)])
    assert len(changes) > 10          # every move, so the prediction can follow the pen


def test_fast_mouse_still_draws_a_continuous_smooth_line(canvas):
    # only four far-apart points, as a fast flick of the mouse delivers them
    stroke(canvas, [(0.1, 0.1), (0.9, 0.2), (0.2, 0.9), (0.9, 0.9)], step=None)
    mask = ink(canvas)
    # one connected line from the first point to the last, through the curve's corners
    assert connected(mask, start=(30, 30))
    assert mask[270, 200:265].all()
    # anti-aliased: grey levels at the edges, not just black and white
    array = canvas.to_array()
    assert len(np.unique(array)) > 20


def test_click_draws_a_dot(canvas):
    stroke(canvas, [(0.5, 0.5)])
    assert canvas.stroke_count() == 1
    assert ink(canvas)[150, 150]


def test_undo_and_clear(canvas, qtbot):
    stroke(canvas, [(0.3, 0.2), (0.3, 0.8)])
    stroke(canvas, [(0.7, 0.2), (0.7, 0.8)])
    assert canvas.stroke_count() == 2
    with qtbot.waitSignal(canvas.changed):
        canvas.undo()
    mask = ink(canvas)
    assert canvas.stroke_count() == 1
    assert mask[150, 90] and not mask[150, 210]
    with qtbot.waitSignal(canvas.changed):
        canvas.clear()
    assert canvas.is_empty() and not ink(canvas).any()
    # a clear by mistake (Esc) loses nothing: undo brings the drawing back
    with qtbot.waitSignal(canvas.changed):
        canvas.undo()
    assert canvas.stroke_count() == 1 and ink(canvas)[150, 90]
    canvas.clear()
    stroke(canvas, [(0.5, 0.2), (0.5, 0.8)])             # a new drawing after the clear
    canvas.undo()                                        # takes back the new stroke,
    assert canvas.is_empty()
    canvas.undo()                                        # then the clear
    assert canvas.stroke_count() == 1 and ink(canvas)[150, 90] and not ink(canvas)[150, 150]
    canvas.undo()
    assert canvas.is_empty()
    canvas.undo()                      # nothing left to undo: no error
    assert canvas.is_empty()


def test_esc_clears_and_ctrl_z_brings_the_drawing_back(qtbot, tmp_path):
    from PySide6.QtCore import QSettings, Qt

    from desktop_bp.core import checkpoint
    from desktop_bp.ui.app import build_window

    window = build_window(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                          recovery=checkpoint.Recovery(enabled=False))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    stroke(window.canvas, [(0.5, 0.2), (0.5, 0.8)])
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)         # the window's shortcuts need it active
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)
    assert window.canvas.is_empty()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.canvas.stroke_count() == 1


def test_stroke_width_follows_the_canvas_size(canvas, qtbot):
    draw_digit(canvas, 0)
    small = ink(canvas).mean()
    canvas.resize(600, 600)
    qtbot.waitUntil(lambda: canvas.to_array().shape == (600, 600))
    large = ink(canvas).mean()
    assert large == pytest.approx(small, rel=0.1)       # the same share of the sheet is inked


def test_the_sheet_stays_square_in_a_wide_widget(canvas, qtbot):
    canvas.resize(500, 300)
    qtbot.waitUntil(lambda: canvas.to_array().shape == (300, 300))
    rect = canvas.square_rect()
    assert rect.width() == rect.height() == 300 and rect.x() == 100
    stroke(canvas, [(0.5, 0.2), (0.5, 0.8)])
    assert ink(canvas)[150, 150]


def test_render_at_a_fixed_size(canvas):
    draw_digit(canvas, 7)
    fixed = canvas.to_array(280)
    assert fixed.shape == (280, 280)
    assert (fixed < 128).mean() == pytest.approx(ink(canvas).mean(), rel=0.1)


def test_pen_width_is_adjustable(canvas):
    stroke(canvas, [(0.5, 0.2), (0.5, 0.8)])
    before = np.count_nonzero(ink(canvas)[150])
    canvas.set_pen_fraction(2 * canvas.pen_fraction())
    after = np.count_nonzero(ink(canvas)[150])
    assert after == pytest.approx(2 * before, rel=0.15)


def test_overlay_is_drawn_when_visible(canvas, qtbot):
    stroke(canvas, [(0.5, 0.2), (0.5, 0.8)])
    canvas.set_overlay((60, 140, 240, 160), (150.0, 150.0), (300, 300))
    without = canvas.grab().toImage()
    canvas.set_overlay_visible(True)
    assert canvas.overlay_visible()
    with_overlay = canvas.grab().toImage()
    assert with_overlay != without
    canvas.set_overlay(None)          # removing it while visible is fine
    canvas.grab()


@pytest.mark.parametrize("where", [(150.0, 296.0), (150.0, 3.0), (297.0, 150.0), (2.0, 290.0)])
def test_overlay_labels_stay_on_the_canvas(canvas, where):
    """A centre of mass near an edge: its label is moved inside rather than cut off."""
    stroke(canvas, [(0.9, 0.2), (0.98, 0.8)])
    top, left = max(0, int(where[0]) - 40), max(0, int(where[1]) - 20)
    canvas.set_overlay((top, left, min(300, top + 80), min(300, left + 40)), where, (300, 300))
    canvas.set_overlay_visible(True)
    canvas.grab()
    sheet = canvas.square_rect()
    assert len(canvas.label_rects) == 2
    for plate in canvas.label_rects:
        assert sheet.contains(plate), (plate, sheet)


def test_input_view_shows_the_pixels(qtbot):
    view = InputView()
    qtbot.addWidget(view)
    view.resize(280, 280)
    pixels = np.zeros((28, 28))
    pixels[4:24, 13:15] = 1.0
    view.set_image(pixels.ravel())
    np.testing.assert_array_equal(view.pixels(), pixels)
    image = view.grab().toImage()
    # one big dark square per ink pixel (10 px per pixel here)
    assert image.pixelColor(14 * 10 - 5, 14 * 10 + 5).lightness() < 60
    assert image.pixelColor(5 * 10 + 5, 5 * 10 + 5).lightness() > 200
    view.set_image(None)
    assert view.pixels() is None
    view.grab()


def test_prediction_view_is_sure_or_not(qtbot):
    view = PredictionView(threshold=0.6)
    qtbot.addWidget(view)
    view.resize(320, 220)
    confident = np.full(10, 0.01)
    confident[3] = 0.91
    view.set_output(confident)
    assert view.digit() == 3 and view.is_sure() and "91%" in view.headline()
    view.grab()
    unsure = np.full(10, 0.06)
    unsure[8] = 0.46
    view.set_output(unsure)
    assert view.digit() == 8 and not view.is_sure() and "not sure" in view.headline()
    view.grab()
    view.set_threshold(0.4)
    assert view.is_sure()
    view.set_output(None)
    assert view.digit() is None
    view.set_message("No model loaded")
    assert view.headline() == "No model loaded"
    view.grab()


def test_mouse_outside_the_sheet_is_clamped(canvas):
    canvas.resize(400, 300)
    stroke(canvas, [(0.5, 0.5), (-0.5, 0.5)])
    assert canvas.strokes()[0][:, 0].min() == 0.0
    assert to_widget(canvas, 0, 0).x() == 50


def test_a_press_beside_the_sheet_draws_nothing_but_a_stroke_dragged_in_starts_on_it(canvas):
    canvas.resize(400, 300)                 # a margin of 50 pixels left and right of the sheet
    stroke(canvas, [(-0.1, 0.5)])           # a click on the margin
    assert canvas.is_empty() and len(canvas.strokes()) == 0
    stroke(canvas, [(-0.1, 0.5), (0.5, 0.5)])   # pressed on the margin, dragged onto the sheet
    assert len(canvas.strokes()) == 1
    xs = canvas.strokes()[0][:, 0]
    assert 0.0 <= xs.min() <= 0.05 and xs.max() == pytest.approx(0.5)


def test_a_long_headline_gets_a_smaller_font_and_stays_in_its_place(qtbot):
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QFontMetricsF

    from desktop_bp.ui.prediction import CAPTION_FLAGS
    view = PredictionView()
    qtbot.addWidget(view)
    text = "not sure — maybe 0 (activation 0.93)"
    room = QRectF(0, 0, 80, 34)                      # a cramped window: two short lines
    font = view.fitted_font(room, text)
    assert font.pointSizeF() < view.font().pointSizeF()
    assert QFontMetricsF(font).boundingRect(room, int(CAPTION_FLAGS), text).height() \
        <= room.height()
    roomy = QRectF(0, 0, 400, 200)
    assert view.fitted_font(roomy, text).pointSizeF() == view.font().pointSizeF()
