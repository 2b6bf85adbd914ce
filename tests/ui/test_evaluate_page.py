"""The Evaluate page in the assembled window: the model in use evaluated, a confusion cell's
image shown in the window, the drawing kept in the person's handwriting set, its accuracy
beside the test accuracy, and the handwriting mixed into training."""

import numpy as np
from PySide6.QtCore import QSettings

from desktop_bp.core import checkpoint
from desktop_bp.core.evaluation import stored_summary
from desktop_bp.core.network import Network
from desktop_bp.ui.app import build_window
from mouse_drawing import stroke


def synthetic(n, seed=0):
    rng = np.random.default_rng(seed)
    return rng.random((n, 784), dtype=np.float32), rng.integers(0, 10, n)


def test_evaluate_keep_and_fine_tune(qtbot, tmp_path):
    data = (synthetic(200), synthetic(60, 1), synthetic(60, 2))
    window = build_window(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                          recovery=checkpoint.Recovery(enabled=False), data=data)
    qtbot.addWidget(window)
    window.resize(1200, 760)
    window.show()
    net = Network([784, 12, 10], seed=3)
    window.set_network(net, "small")
    link = window.evaluation_link
    window.tabs.setCurrentWidget(link.page)
    view = link.view
    view.set_data(test=data[2], validation=data[1])
    with qtbot.waitSignal(view.evaluated, timeout=20000) as blocker:
        view.evaluate()
    done = blocker.args[0]
    # the figures go into the model's metadata, to be saved with it
    assert stored_summary(net, "test")["accuracy"] == done.evaluation.summary()["accuracy"]
    # an image of the matrix, chosen: the window looks at it instead of the canvas
    x = data[2][0][5]
    view.image_chosen.emit(x)
    np.testing.assert_allclose(window.last_preprocessed().inputs, x)
    assert window.prediction_view.digit() == int(np.argmax(net.feedforward(x[None])[0]))
    # a drawing kept as the digit it really is, with the accuracy beside the test accuracy
    stroke(window.canvas, [(0.5, 0.15), (0.5, 0.85)])
    qtbot.waitUntil(lambda: window.canvas.is_empty() is False and
                    window.last_preprocessed() is not None and
                    window.last_preprocessed().bbox != (0, 0, 28, 28))
    link.label_combo.setCurrentIndex(1)
    assert link.keep_drawing()
    assert len(link.personal_set) == 1 and link.personal_set.entries()[0].label == 1
    assert (link.personal_set.folder / link.personal_set.entries()[0].file).is_file()
    assert "your handwriting" in window.network_quality_label.text()
    message = link.personal_view.message
    assert message.text() == "Kept as a 1."
    # another drawing: the message spoke of the last one, and goes
    window.canvas.clear()
    stroke(window.canvas, [(0.3, 0.3), (0.7, 0.7)])
    qtbot.waitUntil(lambda: message.text() == "", timeout=3000)
    # fine-tuning: the handwriting, mixed into the training images as many times as asked
    panel = window.training_panel()
    panel.form.handwriting_check.setChecked(True)
    panel.form.handwriting_spin.setValue(7)
    mixed = panel._mixed(data[0])
    assert len(mixed[1]) == 200 + 7 and np.sum(mixed[1] == 1) == np.sum(data[0][1] == 1) + 7


def test_a_digit_drawn_before_the_page_is_first_shown_is_offered_as_its_label(qtbot,
                                                                             small_window):
    window = small_window()
    stroke(window.canvas, [(0.3, 0.2), (0.7, 0.2), (0.45, 0.85)])
    qtbot.waitUntil(lambda: window.prediction_view.digit() is not None)
    predicted = window.prediction_view.digit()
    link = window.evaluation_link
    window.tabs.setCurrentWidget(link.page)         # the page is built only now
    link.view                                       # (built on first use)
    assert link.label_combo.currentData() == predicted


def test_before_any_evaluation_the_page_gives_the_accuracy_the_model_was_trained_to(
        qtbot, small_window):
    """The status bar's test accuracy comes from the model's metadata: the page says the same
    instead of "unknown"; a model without one is unknown on both."""
    window = small_window()
    net = Network([784, 12, 10], seed=4)
    net.metadata.update(test_accuracy=0.9364, validation_accuracy=0.9412)
    window.set_network(net, "trained")
    assert "93.64%" in window.accuracy_label.text()
    link = window.evaluation_link
    window.tabs.setCurrentWidget(link.page)
    view = link.view
    assert "93.64%" in view.summary.text() and "unknown" not in view.summary.text()
    assert "evaluate again" in view.summary.text()
    view.set_choice.setCurrentIndex(view.set_choice.findData("validation"))
    assert "94.12%" in view.summary.text() and "Validation" in view.summary.text()
    view.set_choice.setCurrentIndex(view.set_choice.findData("test"))
    window.set_network(Network([784, 12, 10], seed=5), "untrained")
    assert "unknown" in view.summary.text() and "unknown" in window.accuracy_label.text()


def test_the_handwriting_s_accuracy_under_the_prediction_follows_the_language(
        qapp, qtbot, small_window):
    from desktop_bp.ui import i18n
    window = small_window()
    link = window.evaluation_link
    images, labels = synthetic(3)
    for x, y in zip(images, labels):
        link.personal_set.add(x, int(y))
    window.set_network(Network([784, 12, 10], seed=4), "another")
    assert "your handwriting" in window.network_quality_label.text()
    try:
        i18n.set_language(qapp, i18n.SIMPLIFIED_CHINESE)
        qtbot.waitUntil(lambda: "你的手写" in window.network_quality_label.text())
        assert "your handwriting" not in window.network_quality_label.text()
    finally:
        i18n.set_language(qapp, i18n.ENGLISH)
    qtbot.waitUntil(lambda: "your handwriting" in window.network_quality_label.text())
