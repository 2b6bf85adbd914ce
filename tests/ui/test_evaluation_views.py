"""The evaluation widgets with real Qt: the evaluation completes in its worker thread, clicking a
confusion-matrix cell lists that cell's images, the personal set view follows its folder, the
time machine's slider emits epochs."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from desktop_bp.core.evaluation import store_summary
from desktop_bp.core.network import Network
from desktop_bp.core.personal_set import PersonalSet
from desktop_bp.ui import i18n
from desktop_bp.ui.evaluation import EvaluationView, PersonalSetView, TimeMachineSlider


@pytest.fixture
def small():
    rng = np.random.default_rng(0)
    net = Network([784, 16, 10], activation="relu", cost="log-likelihood", init="scaled", seed=0)
    X = rng.random((900, 784), dtype=np.float32)
    y = rng.integers(0, 10, 900)
    return net, X, y


def evaluated_view(qtbot, net, X, y):
    view = EvaluationView()
    qtbot.addWidget(view)
    view.set_network(net)
    view.set_data(test=(X, y))
    assert view.evaluate_button.isEnabled()
    with qtbot.waitSignal(view.evaluated, timeout=20000) as blocker:
        qtbot.mouseClick(view.evaluate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.cancel_button.isEnabled())
    return view, blocker.args[0]


def test_evaluation_completes_in_the_worker(qtbot, small):
    net, X, y = small
    view, done = evaluated_view(qtbot, net, X, y)
    predicted = net.predict(X)
    assert done.evaluation.accuracy == pytest.approx(np.mean(predicted == y))
    assert view.progress.value() == view.progress.maximum() == 900
    np.testing.assert_array_equal(view.heatmap.matrix(), done.evaluation.confusion)
    assert f"{100 * np.mean(predicted == y):.2f}%" in view.summary.text()
    recall_0 = np.mean(predicted[y == 0] == 0)
    assert view.table.item(0, 2).text() == f"{100 * recall_0:.1f}%"
    view.shutdown()


def test_clicking_a_confusion_cell_lists_its_images(qtbot, small):
    net, X, y = small
    view, done = evaluated_view(qtbot, net, X, y)
    view.resize(1100, 700)
    view.show()
    qtbot.waitExposed(view)
    predicted = net.predict(X)
    confidence = net.feedforward(X).max(axis=1)
    counts = done.evaluation.confusion.copy()
    np.fill_diagonal(counts, 0)
    t, p = np.unravel_index(np.argmax(counts), counts.shape)         # the busiest mistake
    pos = view.heatmap.cell_centre(t, p)
    chosen = []
    view.image_chosen.connect(chosen.append)
    qtbot.mouseClick(view.heatmap.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    expected = np.flatnonzero((y == t) & (predicted == p))
    expected = expected[np.argsort(-confidence[expected], kind="stable")]
    assert view.thumbnails.keys() == expected.tolist()
    assert view.thumbnails.count() == counts[t, p]
    assert view.thumbnails.captions()[0].startswith(f"#{expected[0]}: {t} → {p}")
    assert f" as {p}" in view.cell_title.text()
    item = view.thumbnails.item(0)
    qtbot.mouseClick(view.thumbnails.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.thumbnails.visualItemRect(item).center())
    assert len(chosen) == 1
    np.testing.assert_array_equal(chosen[0], X[expected[0]])
    view.shutdown()


def test_cancel_stops_the_evaluation(qtbot, small):
    net, _, _ = small
    rng = np.random.default_rng(1)
    X = rng.random((60000, 784), dtype=np.float32)
    view = EvaluationView()
    qtbot.addWidget(view)
    view.set_network(net)
    view.set_data(test=(X, rng.integers(0, 10, 60000)))
    with qtbot.waitSignal(view.running_changed, timeout=20000,
                          check_params_cb=lambda running: not running):
        view.evaluate()
        view.cancel()
    assert view.result() is None
    assert "cancelled" in view.status.text()


def test_a_stored_evaluation_shows_at_once(qtbot, small):
    from desktop_bp.core.evaluation import evaluate_network

    net, X, y = small
    store_summary(net, "test", evaluate_network(net, X, y))
    view = EvaluationView()
    qtbot.addWidget(view)
    view.set_network(net)
    assert view.heatmap.matrix().sum() == 900
    view.show_cell(0, 0)
    assert "Evaluate" in view.cell_title.text() and view.thumbnails.count() == 0


def test_personal_set_view_reflects_adds(qtbot, tmp_path, small):
    net, X, _ = small
    personal = PersonalSet(tmp_path / "hw")
    view = PersonalSetView(personal)
    qtbot.addWidget(view)
    assert view.thumbnails.count() == 0
    with qtbot.waitSignal(view.changed):
        view.add_drawing(X[0], 3)
    view.add_drawing(X[1], 8)
    assert view.thumbnails.count() == 2
    assert view.title.text().startswith("Your handwriting: 2 drawing")
    view.set_network(net)
    read = net.predict(X[:2])
    expected = np.mean(read == [3, 8])
    assert f"({int(expected * 2)} of 2)" in view.accuracy_label.text()
    view.thumbnails.setCurrentRow(0)
    view.label_box.setValue(5)
    view.relabel_button.click()
    view.thumbnails.setCurrentRow(1)
    view.remove_button.click()
    assert PersonalSet(tmp_path / "hw").arrays()[1].tolist() == [5]
    assert view.add_drawing(X[2], 12) is None and "not kept" in view.message.text()
    exported = view.export_to(tmp_path / "out.zip")
    other = PersonalSetView(PersonalSet(tmp_path / "other"))
    qtbot.addWidget(other)
    result = other.import_from(exported)
    assert result.added == 1 and other.thumbnails.count() == 1


def test_time_machine_slider(qtbot):
    slider = TimeMachineSlider()
    qtbot.addWidget(slider)
    slider.set_epochs(5)
    assert slider.epoch() == 5 and not slider.branch_button.isEnabled()
    with qtbot.waitSignal(slider.epoch_chosen) as blocker:
        slider.slider.setValue(2)
    assert blocker.args == [2] and "epoch 2 of 5" in slider.label.text()
    with qtbot.waitSignal(slider.branch_requested) as blocker:
        slider.branch_button.click()
    assert blocker.args == [2]
    slider.set_kept_epochs([0, 4, 8, 11])
    slider.set_epoch(9)
    assert slider.epoch() == 8


def test_verdict_words():
    from desktop_bp.core.confidence import judge
    from desktop_bp.ui.evaluation.verdict import rule_explanation, verdict_text

    book = Network([784, 10], seed=0)
    book.weights[0][:] = 0
    book.biases[0][:] = [5, -5, -5, -5, -5, -5, -5, -5, -5, -5]
    j = judge(book, np.zeros(784), detector=None)
    assert verdict_text(j) == "0 (activation 0.99)"
    assert "not probabilities" in rule_explanation(book) and "%" not in rule_explanation(book)
    book.biases[0][:] = -1
    assert verdict_text(judge(book, np.zeros(784), detector=None)).startswith("Not sure")
    softmax = Network([784, 10], cost="log-likelihood", seed=0)
    softmax.weights[0][:] = 0
    softmax.biases[0][:] = [4, 0, 0, 0, 0, 0, 0, 0, 0, 0]       # e^4 / (e^4 + 9) = 0.86
    assert verdict_text(judge(softmax, np.zeros(784), detector=None)) == "0 (probability 86%)"


def test_validation_set_and_a_new_network(qtbot, small):
    net, X, y = small
    view = EvaluationView()
    qtbot.addWidget(view)
    view.set_network(net)
    loaded = []
    view.set_data_loader(lambda name: loaded.append(name) or (X[:300], y[:300]))
    view.set_choice.setCurrentIndex(view.set_choice.findData("validation"))
    with qtbot.waitSignal(view.evaluated, timeout=20000) as blocker:
        view.evaluate()
    qtbot.waitUntil(lambda: view.evaluate_button.isEnabled())
    assert loaded == ["validation"] and blocker.args[0].name == "validation"
    assert view.heatmap.matrix().sum() == 300 and "validation set" in view.summary.text()
    view.set_choice.setCurrentIndex(view.set_choice.findData("test"))
    assert view.heatmap.matrix() is None and view.result() is None       # not evaluated yet
    view.set_choice.setCurrentIndex(view.set_choice.findData("validation"))
    assert view.result() is blocker.args[0]
    assert "Evaluation done" in view.status.text()
    view.set_network(net.copy())                     # another model: its own figures
    assert view.result() is None and view.heatmap.matrix() is None
    assert "Evaluation done" not in view.status.text()        # that was the other model's
    assert view.progress.value() == 0


def test_the_personal_set_s_words_follow_the_language(qapp, qtbot, tmp_path, small):
    net, X, _ = small
    view = PersonalSetView(PersonalSet(tmp_path / "hw"))
    qtbot.addWidget(view)
    view.add_drawing(X[0], 3)
    assert view.add_drawing(X[1], 12) is None           # a bad label: said, not raised
    english = view.message.text()
    assert english.startswith("The drawing was not kept: ")
    try:
        i18n.set_language(qapp, i18n.SIMPLIFIED_CHINESE)
        qtbot.waitUntil(lambda: view.remove_button.text() == "删除")
        assert view.message.text().startswith("这个字没有保存：")
        assert view.message.text().endswith(english.split(": ", 1)[1])   # the reason kept
        assert view.title.text().startswith("你的手写：")
    finally:
        i18n.set_language(qapp, i18n.ENGLISH)
    qtbot.waitUntil(lambda: view.remove_button.text() == "Remove")
    assert view.message.text() == english
