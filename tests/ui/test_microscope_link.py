"""The microscope in the assembled window: it follows the drawing and the model in use, and lays
the saliency over the canvas while its page is on show."""

import numpy as np
import pytest

from desktop_bp.core.network import Network
from desktop_bp.ui.microscope.link import field_rect, saliency_rgba
from mouse_drawing import stroke


def test_the_microscope_follows_the_drawing_and_the_model(qtbot, small_window):
    window = small_window()
    microscope = window.microscope_link.microscope
    stroke(window.canvas, [(0.5, 0.15), (0.5, 0.85)])
    qtbot.waitUntil(lambda: window.last_preprocessed() is not None)
    assert microscope.bp is None            # no work for a page that is not on show
    window.tabs.setCurrentWidget(window.microscope_link.microscope_page)
    qtbot.waitUntil(lambda: microscope.bp is not None, timeout=3000)
    pre = window.last_preprocessed()
    np.testing.assert_allclose(microscope.bp.x[0], pre.inputs, atol=1e-6)
    # the engine's own delta: BP1 for the network's cost at the chosen target
    assert microscope.bp.layers[-1].delta.shape[-1] == 10
    assert window.canvas._saliency is not None          # the overlay is on the canvas
    # another model in use: the microscope looks through it
    other = Network([784, 7, 10], seed=4)
    window.set_network(other, "other")
    qtbot.waitUntil(lambda: microscope.bp is not None and microscope.bp.layers[0].z.shape[-1] == 7,
                    timeout=3000)
    # leaving the page takes the overlay away, for the gradient check's page too
    window.tabs.setCurrentWidget(window.microscope_link.gradcheck_page)
    assert window.canvas._saliency is None
    window.tabs.setCurrentWidget(window.microscope_link.microscope_page)
    qtbot.waitUntil(lambda: window.canvas._saliency is not None, timeout=3000)
    window.tabs.setCurrentWidget(window.model_info)
    assert window.canvas._saliency is None


def test_the_saliency_overlay_sits_where_the_network_looks():
    from desktop_bp.core.preprocess import Preprocessed
    inputs = np.zeros(784, np.float32)
    # inputs given as they are (no mapping stated): the centre of mass sat at the centre
    pre = Preprocessed(inputs, (40, 90, 240, 110), (140.0, 100.0), 0.1, False, (280, 280))
    top, left, height, width = field_rect(pre)
    assert (height, width) == (1.0, 1.0)        # 28 field pixels = 280 canvas pixels
    assert (top, left) == (0.0, (100 - 140) / 280)
    # a mapping stated by the preprocessing: field = 0.05 * canvas + (1, 2)
    pre = Preprocessed(inputs, (0, 0, 1, 1), (0.0, 0.0), 0.1, False, (280, 560), 0.05, (1.0, 2.0))
    top, left, height, width = field_rect(pre)
    assert (top, left) == (pytest.approx(-20 / 280), pytest.approx(-40 / 560))
    assert (height, width) == (pytest.approx(560 / 280), pytest.approx(560 / 560))
    s = np.zeros((28, 28))
    s[3, 4], s[5, 6] = 2.0, -1.0
    image = saliency_rgba(s)
    assert image.width() == 28 and image.pixelColor(4, 3).red() > 200
    assert image.pixelColor(6, 5).blue() > 200 and image.pixelColor(0, 0).alpha() == 0


def test_a_toy_network_lists_every_path(qtbot, small_window):
    window = small_window(shown=False)
    link = window.microscope_link
    window.tabs.setCurrentWidget(link.microscope_page)
    microscope = link.microscope
    link.subject_combo.setCurrentIndex(link.subject_combo.findData("toy"))
    qtbot.waitUntil(lambda: microscope.bp is not None and microscope.bp.x.shape[1] == 4)
    bp = microscope.bp
    assert [layer.z.shape[-1] for layer in bp.layers] == [3, 3, 2]
    # the book's chapter 2: dC/dw is the sum over every path of the products of the rates
    paths = bp.paths(2, 1, 2)
    assert len(paths.products) == 3 * 2       # through each of layer 3's and layer 4's neurons
    np.testing.assert_allclose(paths.total, paths.backprop, rtol=1e-9)
    np.testing.assert_allclose(paths.backprop, bp.layer(2).nabla_w[1, 2], rtol=1e-12)
    # back to the model in use: the drawing path again
    link.subject_combo.setCurrentIndex(link.subject_combo.findData("in use"))
    assert microscope._net.sizes == [784, 12, 10]


@pytest.mark.parametrize("width", [1024, 1100])
def test_the_microscope_page_never_scrolls_sideways_in_a_narrower_window(qtbot, small_window,
                                                                           width):
    from PySide6.QtWidgets import QApplication, QScrollArea

    window = small_window(width)
    stroke(window.canvas, [(0.5, 0.15), (0.5, 0.85)])
    window.tabs.setCurrentWidget(window.microscope_link.microscope_page)
    microscope = window.microscope_link.microscope
    qtbot.waitUntil(lambda: microscope.bp is not None, timeout=3000)
    for _ in range(5):
        QApplication.processEvents()
    # the layer grid keeps room for its five columns (delta, the last, was drawn under the
    # input beside it): in a narrow window the input and dC/dx give way, shown elsewhere
    from desktop_bp.ui.microscope.layers import COLUMNS, MIN_COLUMN_WIDTH
    assert microscope.layers.view.width() >= MIN_COLUMN_WIDTH * len(COLUMNS)
    for tab in (1, 2):
        microscope.tabs.setCurrentIndex(tab)
        microscope.select_weight(3, 4, 5)
        # a long read-out under the pointer, as hovering gives
        microscope.hover_label.setText("layer 3: neuron 1024, input 512: -0.000123456 " * 3)
        for _ in range(5):
            QApplication.processEvents()
        areas = [a for a in window.microscope_link.microscope_page.findChildren(QScrollArea)
                 if a.isVisible() and a.widget()]
        page = window.microscope_link.microscope_page
        if isinstance(page, QScrollArea):
            areas.append(page)
        assert areas
        for area in areas:
            assert area.horizontalScrollBar().maximum() == 0, tab


def test_the_chapter_2_tour_has_a_close_button_and_esc_closes_it(qtbot, small_window):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox
    window = small_window()
    dialog = window.microscope_link.show_tour()
    qtbot.waitExposed(dialog)
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    assert close is not None and close.isVisible()
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    dialog = window.microscope_link.show_tour()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_toy_network_survives_a_new_model_in_use_and_new_toy_weights_are_new(
        qtbot, small_window):
    from PySide6.QtCore import Qt
    window = small_window()
    link = window.microscope_link
    microscope = link.microscope
    stroke(window.canvas, [(0.5, 0.15), (0.5, 0.85)])
    window.tabs.setCurrentWidget(link.microscope_page)
    link.subject_combo.setCurrentIndex(link.subject_combo.findData("toy"))
    qtbot.waitUntil(lambda: microscope.bp is not None and microscope.bp.x.shape[1] == 4)
    # another model comes into use while the gradient check page is shown (a save does that)
    window.tabs.setCurrentWidget(link.gradcheck_page)
    window.set_network(Network([784, 9, 10], seed=5), "another")
    stroke(window.canvas, [(0.3, 0.3), (0.7, 0.7)])
    qtbot.wait(300)
    window.tabs.setCurrentWidget(link.microscope_page)
    qtbot.wait(300)
    assert microscope._net.sizes == [4, 3, 3, 2] and microscope.bp.x.shape[1] == 4
    # "New toy weights": other weights each time
    before = [w.copy() for w in microscope._net.weights]
    qtbot.mouseClick(link.new_toy_button, Qt.MouseButton.LeftButton)
    after = [w.copy() for w in microscope._net.weights]
    assert not all(np.array_equal(a, b) for a, b in zip(before, after))
    qtbot.mouseClick(link.new_toy_button, Qt.MouseButton.LeftButton)
    assert not all(np.array_equal(a, b) for a, b in zip(after, microscope._net.weights))
