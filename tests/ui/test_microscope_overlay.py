"""The saliency laid over the canvas lines up with the ink, whatever was drawn: the overlay's
28x28 field is placed by inverting the preprocessing (crop, stroke width, scale, centring)."""

import numpy as np
import pytest

from desktop_bp.core.preprocess import FIELD
from mouse_drawing import SHAPES, stroke

# drawings a person makes on the microscope's page that are not digit-shaped, and two digits
X = [[(0.2, 0.2), (0.8, 0.8)], [(0.8, 0.2), (0.2, 0.8)]]
DRAWINGS = {
    "X": X,
    "X, thin pen": X,
    "X, wide pen": X,
    "long diagonal": [[(0.08, 0.1), (0.92, 0.9)]],
    "wide": [[(0.1, 0.5), (0.9, 0.52)]],
    "tall thin, off-centre": [[(0.85, 0.1), (0.86, 0.9)]],
    "small, in a corner": [[(0.75, 0.75), (0.9, 0.8), (0.8, 0.92)]],
    "seven": SHAPES[7],
    "zero": SHAPES[0],
}


def ink_box(canvas):
    """(left, top, right, bottom) of the ink on the canvas, in widget pixels."""
    paper = canvas.to_array()
    rows = np.flatnonzero((paper < 128).any(axis=1))
    cols = np.flatnonzero((paper < 128).any(axis=0))
    rect = canvas.square_rect()
    k = rect.width() / paper.shape[1]
    return (rect.x() + cols[0] * k, rect.y() + rows[0] * k,
            rect.x() + (cols[-1] + 1) * k, rect.y() + (rows[-1] + 1) * k)


def field_ink_box(pre, drawn):
    """(left, top, right, bottom) of the network's input ink, placed where the overlay's field
    is drawn (``drawn``, a QRectF in widget pixels)."""
    seen = pre.image > 0.3
    rows, cols = np.flatnonzero(seen.any(axis=1)), np.flatnonzero(seen.any(axis=0))
    kx, ky = drawn.width() / FIELD, drawn.height() / FIELD
    return (drawn.x() + cols[0] * kx, drawn.y() + rows[0] * ky,
            drawn.x() + (cols[-1] + 1) * kx, drawn.y() + (rows[-1] + 1) * ky)


@pytest.mark.parametrize("name", list(DRAWINGS))
def test_the_saliency_overlay_covers_the_ink_of_any_drawing(qtbot, small_window, name):
    window = small_window()
    window.tabs.setCurrentWidget(window.microscope_link.microscope_page)
    canvas = window.canvas
    canvas.set_pen_fraction({"X, thin pen": 1 / 60, "X, wide pen": 1 / 6}.get(name, 1 / 14))
    for points in DRAWINGS[name]:
        stroke(canvas, points)
    qtbot.waitUntil(lambda: canvas.saliency_rect() is not None
                    and window.last_preprocessed() is not None, timeout=3000)
    qtbot.waitUntil(lambda: window.microscope_link.microscope.bp is not None and np.allclose(
        window.microscope_link.microscope.bp.x[0], window.last_preprocessed().inputs, atol=1e-6))
    pre = window.last_preprocessed()
    drawn = canvas.saliency_rect()
    assert drawn.width() == pytest.approx(drawn.height())         # square field pixels
    pixel = drawn.width() / FIELD          # one field pixel on the screen
    left, top, right, bottom = ink_box(canvas)
    f_left, f_top, f_right, f_bottom = field_ink_box(pre, drawn)
    # the ink the network sees sits on the ink drawn: same centre, within a field pixel...
    assert (f_left + f_right) / 2 == pytest.approx((left + right) / 2, abs=1.5 * pixel)
    assert (f_top + f_bottom) / 2 == pytest.approx((top + bottom) / 2, abs=1.5 * pixel)
    # ...and it covers it, no more than the stroke-width normalisation thickened it
    for inner, outer in ((left, f_left), (top, f_top)):
        assert outer <= inner + pixel
    for inner, outer in ((right, f_right), (bottom, f_bottom)):
        assert outer >= inner - pixel
    assert (f_right - f_left) <= 1.2 * (right - left) + 3 * pixel
    assert (f_bottom - f_top) <= 1.2 * (bottom - top) + 3 * pixel
