"""The training panel: validation as typed, presets, live plots and heatmaps, stepping, eta while
running, divergence, saving, recovery, MNIST download and closing a window mid-training."""

import os

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox

from desktop_bp.core import checkpoint
from desktop_bp.core.network import Network
from desktop_bp.core.persistence import load_model
from desktop_bp.core.training import evaluate, train
from desktop_bp.core.run_config import parse_eta, parse_hidden_layers
from desktop_bp.ui.training import TrainingPanel


def synthetic(n, seed=0):
    rng = np.random.default_rng(seed)
    images = rng.random((n, 784), dtype=np.float32)
    images.flags.writeable = False
    return images, rng.integers(0, 10, n)


DATA = (synthetic(400), synthetic(100, 1), synthetic(100, 2))


def run_models(panel):
    """The models a run hands the session (the canvas's network), as they come."""
    seen = []
    panel.session.model_changed.connect(
        lambda model: seen.append(model) if model.origin == "run" else None)
    return seen


def use(panel, net, label):
    """The model in use becomes ``net``, as when a file is opened."""
    panel.session.state.use_model(net, origin="file", label=label)


class Messages:
    """Stands in for the static QMessageBox functions: records, never blocks."""

    def __init__(self, monkeypatch, answer=QMessageBox.Yes):
        self.shown = []
        self.answer = answer
        for kind in ("information", "warning", "critical"):
            monkeypatch.setattr(QMessageBox, kind, self._recorder(kind))
        monkeypatch.setattr(QMessageBox, "question", self._question)

    def _recorder(self, kind):
        def show(parent, title, text, *args, **kwargs):
            self.shown.append((kind, title, text))
            return QMessageBox.Ok
        return staticmethod(show)

    def _question(self, parent, title, text, *args, **kwargs):
        self.shown.append(("question", title, text))
        return self.answer

    def kinds(self):
        return [k for k, _, _ in self.shown]


@pytest.fixture
def messages(monkeypatch):
    return Messages(monkeypatch)


@pytest.fixture
def panel(qtbot, tmp_path, messages):
    p = TrainingPanel(data=DATA, checkpoint_dir=tmp_path)
    qtbot.addWidget(p)
    p.resize(1200, 760)
    p.apply_preset("book")
    p.form.hidden_edit.setText("16")
    p.form.epochs_spin.setValue(2)
    p.form.seed_edit.setText("5")
    p.form._validate()
    yield p
    assert p.shutdown(5000)


def test_parsers_give_reasons():
    assert parse_hidden_layers("100, 30")[0] == [100, 30]
    assert parse_hidden_layers("")[0] == []
    assert "whole number" in parse_hidden_layers("30, x")[1]
    assert parse_hidden_layers("30 , 20; 10")[0] == [30, 20, 10]
    for text in ("30,,20", "30,", ", 30", "30, ,20"):
        assert "empty entry" in parse_hidden_layers(text)[1], text
    assert parse_eta("0")[1] and parse_eta("-1")[1] and parse_eta("abc")[1]
    assert parse_eta("nan")[1] and parse_eta("inf")[1]
    value, error, warning = parse_eta("0.001")
    assert value == 0.001 and error is None and "slowly" in warning
    assert "overshoot" in parse_eta("100")[2]


def test_fields_are_validated_as_typed(qtbot, panel):
    assert panel.controls.start_button.isEnabled()
    qtbot.keyClicks(panel.form.hidden_edit, ", abc")
    assert not panel.controls.start_button.isEnabled()
    assert "abc" in panel.form.validation_label.text()
    panel.form.hidden_edit.clear()
    qtbot.keyClicks(panel.form.hidden_edit, "30,,20")
    assert not panel.controls.start_button.isEnabled() and "empty entry" in panel.form.validation_label.text()
    panel.form.hidden_edit.setText("16")
    panel.form.momentum_edit.setText("1.5")
    panel.form._validate()
    assert not panel.controls.start_button.isEnabled() and "momentum" in panel.form.validation_label.text()
    panel.form.momentum_edit.setText("0.5")
    panel.form.batch_spin.setValue(300)
    panel.form.training_size_spin.setValue(200)
    assert not panel.controls.start_button.isEnabled() and "larger than" in panel.form.validation_label.text()
    panel.form.training_size_spin.setValue(400)
    assert panel.controls.start_button.isEnabled() and panel.form.validation_label.text() == ""


def test_presets_fill_the_form_and_show_the_books_warnings(qtbot, panel):
    panel.apply_preset("book")
    assert panel.form.hidden_edit.text() == "30" and panel.form.eta_edit.text() == "3"
    assert panel.form.preset_combo.currentData() == "book"
    panel.apply_preset("slow-eta")
    assert "slowly" in panel.form.validation_label.text() and panel.controls.start_button.isEnabled()
    panel.apply_preset("diverging-eta")
    assert "overshoot" in panel.form.validation_label.text()
    # a far larger eta is not the book's own example: the warning says which one that is
    panel.form.eta_edit.setText("1e6")
    panel.form._validate()
    text = panel.form.validation_label.text()
    assert "1e+06 is very large" in text and "η = 100)" in text
    qtbot.keyClicks(panel.form.lmbda_edit, "1")
    assert panel.form.preset_combo.currentData() == "custom"


def test_a_short_run_feeds_plots_heatmaps_progress_and_the_canvas(qtbot, panel, tmp_path):
    published = run_models(panel)
    panel.heatmaps.set_mode("gradients")
    with qtbot.waitSignal(panel.controller.finished, timeout=20000) as blocker:
        assert panel.start()
        assert panel.state == "running" and not panel.form.hidden_edit.isEnabled()
    assert blocker.args[0].reason == "completed"
    assert panel.state == "finished"
    curves = panel.plots.curve_data()
    assert len(curves["training_cost"][0]) == 2 and len(curves["test_accuracy"][1]) == 2
    assert np.all(np.isfinite(curves["validation_cost"][1]))
    assert len(curves["batch_cost"][0]) >= 2
    assert len(curves["saturation_0"][0]) >= 1 and len(curves["mean_abs_nabla_w_1"][0]) >= 1
    # 16 hidden neurons: a 4 x 4 grid of 28 x 28 tiles with 1-pixel gaps; then a 10 x 16 matrix
    images = panel.heatmaps.images()
    assert images[0].shape == (4 * 29 - 1, 4 * 29 - 1) and images[1].shape == (10, 16)
    assert not images[0].flags.writeable
    levels = panel.heatmaps.layers[1].bar.levels()
    assert levels[0] == -levels[1] and levels[1] > 0
    panel.heatmaps.set_mode("weights")
    np.testing.assert_allclose(panel.heatmaps.images()[1], panel.trained_network.weights[1])
    assert panel.controls.epoch_label.text() == "2 of 2" and "test" in panel.controls.accuracy_label.text()
    assert published and published[-1].network.sizes == [784, 16, 10]
    assert len(published[-1].network.metadata["history"]) == 2
    assert published[-1].network is panel.session.network and panel.session.model.unsaved
    # the recovery checkpoint exists until the model is saved
    assert checkpoint.find_checkpoint(tmp_path) is not None
    assert panel.controls.save_button.isEnabled()
    assert "784-16-10" in panel.controls.save_button.toolTip() and "2 epoch" in panel.controls.save_button.toolTip()
    assert panel.session.save_to(tmp_path / "trained.npz")
    net = load_model(tmp_path / "trained.npz")
    assert len(net.metadata["history"]) == 2 and "checkpoint" not in net.metadata
    hyper = net.metadata["hyperparameters"]
    assert hyper["eta"] == 3.0 and hyper["sizes"] == [784, 16, 10] and hyper["seed"] == 5
    assert {"eta", "batch_size", "epochs", "lmbda", "momentum", "eta_decay", "augment", "preset",
            "training_size", "seed", "activation", "cost", "init", "sizes"} <= set(hyper)
    last = net.metadata["history"][-1]
    assert net.metadata["test_accuracy"] == last["test_accuracy"]
    assert net.metadata["validation_accuracy"] == last["validation_accuracy"]
    assert not panel.has_unsaved_network
    assert checkpoint.find_checkpoint(tmp_path) is None


def test_step_batch_from_idle_then_eta_change_then_stop(qtbot, panel):
    # long enough that the run cannot finish on its own before Stop is pressed
    panel.form.epochs_spin.setValue(panel.form.epochs_spin.maximum())
    published = [panel.session.label(m) for m in run_models(panel)]
    models = run_models(panel)
    with qtbot.waitSignal(panel.controller.paused, timeout=10000) as blocker:
        panel.controls.step_batch_button.click()
    # started paused at batch 0, then stepped: wait for the pause after the first batch
    if blocker.args[0].batch == 0:
        qtbot.waitUntil(lambda: panel.controller.control.paused and panel.state == "paused"
                        and panel.controls.batch_label.text().startswith("1 of"), timeout=10000)
    assert panel.controls.resume_button.isEnabled() and panel.controls.step_epoch_button.isEnabled()
    assert panel.heatmaps._gradients is not None      # that very batch's dC/dw
    published = [panel.session.label(m) for m in models]
    assert published[-1].endswith(", epoch 1, mini-batch 1")
    assert not models[-1].measured      # paused weights: the accuracy shown is not theirs
    # one mini-batch is no ground for an estimate of the time left
    assert "left" not in panel.controls.elapsed_label.text()
    with qtbot.waitSignal(panel.controller.paused, timeout=10000) as blocker:
        panel.controls.step_epoch_button.click()
    assert (blocker.args[0].epoch, blocker.args[0].batch) == (1, 0)
    assert panel.controls.status_label.text() == "Paused after epoch 1."
    assert panel.controls.epoch_label.text() == f"1 of {panel.form.epochs_spin.maximum()}"
    # the canvas's network: the epoch's weights and accuracy first, then the paused ones,
    # named by the same epoch as the status line
    published = [panel.session.label(m) for m in models]
    assert published[-1].endswith(", epoch 1") and "%" in published[-2]
    panel.controls.resume_button.click()
    assert panel.state == "running" and panel.form.eta_edit.isEnabled()
    assert panel.controls.status_label.text() == "Training…"
    panel.form.eta_edit.setText("0.25")
    panel.form.eta_edit.editingFinished.emit()
    qtbot.waitUntil(lambda: panel.controls.cost_label.text().endswith("(η = 0.25)"), timeout=10000)
    with qtbot.waitSignal(panel.controller.finished, timeout=10000) as blocker:
        panel.controls.stop_button.click()
    assert blocker.args[0].reason == "stopped"
    assert panel.trained_network is not None and panel.controls.save_button.isEnabled()


def test_a_run_stopped_within_an_epoch_is_measured_as_it_is(qtbot, panel):
    # the last epoch's accuracy is not that of weights stopped later: the status bar, the line
    # under the prediction, the Model page and Evaluate must all say the same figure
    panel.form.epochs_spin.setValue(panel.form.epochs_spin.maximum())
    with qtbot.waitSignal(panel.controller.paused, timeout=10000):
        panel.controls.step_batch_button.click()
    qtbot.waitUntil(lambda: panel.state == "paused"
                    and panel.controls.batch_label.text().startswith("1 of"), timeout=10000)
    with qtbot.waitSignal(panel.controller.finished, timeout=10000) as blocker:
        panel.controls.stop_button.click()
    ev = blocker.args[0]
    assert (ev.reason, ev.epochs_done, ev.batches_done) == ("stopped", 0, 1)
    qtbot.waitUntil(lambda: not panel.session.state.run_active, timeout=5000)
    model = panel.session.state.model
    assert model.measured
    now = evaluate(model.network, DATA[2])[1]
    assert model.network.metadata["test_accuracy"] == ev.measured["test_accuracy"] == now


@pytest.mark.filterwarnings("ignore::RuntimeWarning")   # the engine's float32 overflow
def test_a_diverging_run_stops_with_a_message(qtbot, panel, messages):
    panel.form.activation_combo.setCurrentText("relu")
    panel.form.cost_combo.setCurrentText("log-likelihood")
    panel.form.eta_edit.setText("1e20")
    assert panel.settings() is not None
    with qtbot.waitSignal(panel.controller.finished, timeout=20000) as blocker:
        panel.start()
    assert blocker.args[0].reason == "diverged"
    qtbot.waitUntil(lambda: "warning" in messages.kinds(), timeout=5000)
    kind, title, text = messages.shown[-1]
    assert "diverged" in title.lower() and "learning rate" in text
    assert "learning rate" in panel.controls.status_label.text()
    assert "model it used before this run" in text
    # nothing was learned: no network to save or to be asked about
    assert panel.trained_network is None and not panel.has_unsaved_network
    # the cost plot marks where it exploded; the heatmaps show the weights kept, titled so
    assert panel.plots.divergence_line.isVisible()
    assert panel.heatmaps.mode == "weights"
    assert panel.heatmaps.layers[0].plot.titleLabel.text.find("∂C/∂w") < 0


@pytest.mark.filterwarnings("ignore::RuntimeWarning")   # the engine's float32 overflow
def test_a_run_diverging_before_its_first_epoch_leaves_the_heatmaps_of_the_model_in_use(
        qtbot, panel, messages):
    # the model in use is 784-12-10; the run (784-16-10) explodes in its first epoch, so the
    # model in use stays: the heatmaps show its weights under its own layers' titles
    use(panel, Network([784, 12, 10], seed=1), "opened")
    panel.form.activation_combo.setCurrentText("relu")
    panel.form.cost_combo.setCurrentText("log-likelihood")
    panel.form.eta_edit.setText("1e20")
    with qtbot.waitSignal(panel.controller.finished, timeout=20000) as blocker:
        assert panel.start()
    assert blocker.args[0].reason == "diverged" and blocker.args[0].epochs_done == 0
    assert panel.session.network.sizes == [784, 12, 10]
    # and the message names the model in use (the one before the run may have been discarded)
    qtbot.waitUntil(lambda: "warning" in messages.kinds(), timeout=5000)
    text = messages.shown[-1][2]
    assert "Nothing of this run is kept; the model in use is" in text and "opened" in text
    images = panel.heatmaps.images()
    assert images[1].shape == (10, 12)
    titles = [view.plot.titleLabel.text for view in panel.heatmaps.layers]
    assert "784 → 12" in titles[0] and "12 → 10" in titles[1], titles


def _write_checkpoint(folder):
    net = Network([784, 12, 10], seed=1)
    for _ in train(net, DATA[0], epochs=2, batch_size=20, eta=1.0, test=DATA[2], seed=2):
        pass
    settings = {"sizes": [784, 12, 10], "eta": 1.0, "batch_size": 20, "epochs": 5,
                "training_size": 400, "seed": 2, "preset": ""}
    checkpoint.save_checkpoint(net, settings=settings, epochs_planned=5, directory=folder)
    return net


def test_restore_from_a_checkpoint_file(qtbot, panel, messages, tmp_path, prompts):
    net = _write_checkpoint(tmp_path)
    assert panel.offer_recovery() is True
    assert messages.kinds() == ["question"] and "2 of 5 epochs" in messages.shown[0][2]
    assert "best test accuracy" in messages.shown[0][2]
    assert panel.form.continue_radio.isChecked() and not panel.form.hidden_edit.isEnabled()
    assert panel.form.hidden_edit.text() == "12" and panel.form.batch_spin.value() == 20
    assert len(panel.plots.curve_data()["training_cost"][0]) == 2
    np.testing.assert_array_equal(panel.session.network.weights[0], net.weights[0])
    assert panel.session.model.origin == "recovered" and panel.has_unsaved_network
    assert panel.controls.save_button.isEnabled()
    # the form shows the run's own settings, and says so
    assert panel.form.preset_combo.currentData() == "custom"
    assert panel.form.eta_edit.text() == "1" and "trained with: η = 1," in \
        panel.form.preset_description.text()
    # continue training the restored model: epochs count on from 2; continuing it loses
    # nothing, so nothing is asked (the prompts fixture fails on any question)
    panel.form.epochs_spin.setValue(1)
    with qtbot.waitSignal(panel.controller.epoch, timeout=20000) as blocker:
        assert panel.start()
    assert blocker.args[0].epoch == 2
    qtbot.waitUntil(lambda: panel.state == "finished", timeout=10000)
    assert not prompts.shown
    assert len(panel.session.network.metadata["history"]) == 3
    assert len(panel.plots.curve_data()["training_cost"][0]) == 3


def test_declining_recovery_discards_the_checkpoint(qtbot, panel, monkeypatch, tmp_path):
    _write_checkpoint(tmp_path)
    Messages(monkeypatch, answer=QMessageBox.No)
    assert panel.offer_recovery() is False
    assert checkpoint.find_checkpoint(tmp_path) is None
    assert panel.offer_recovery() is False


class Host(QMainWindow):
    """A window holding the panel, closed the way the main window is."""

    def __init__(self, panel):
        super().__init__()
        self.panel = panel
        self.setCentralWidget(panel)

    def closeEvent(self, event):
        self.panel.shutdown(5000)
        super().closeEvent(event)


def test_closing_the_window_mid_training_repeatedly(qtbot, tmp_path, messages):
    for attempt in range(3):
        panel = TrainingPanel(data=DATA, checkpoint_dir=tmp_path)
        host = Host(panel)
        qtbot.addWidget(host)
        host.show()
        panel.form.epochs_spin.setValue(1000)
        if attempt == 1:
            panel.step_batch()        # closing while paused
            qtbot.waitUntil(lambda: panel.state == "paused", timeout=10000)
        else:
            with qtbot.waitSignal(panel.controller.batch, timeout=10000):
                panel.start()
        controller = panel.controller
        assert host.close()
        assert not controller.thread_alive()
        host.deleteLater()
        qtbot.wait(1)   # let the deferred deletes run


def test_the_real_main_window_closes_mid_training(qtbot, tmp_path, messages, prompts):
    from PySide6.QtCore import QSettings

    from desktop_bp.ui.app import build_window
    for _ in range(2):
        window = build_window(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                              recovery=checkpoint.Recovery(tmp_path), data=DATA)
        qtbot.addWidget(window)
        panel = window.training_panel()
        window.show()
        panel.form.epochs_spin.setValue(1000)
        with qtbot.waitSignal(panel.controller.batch, timeout=10000):
            panel.start()
        prompts.answers.append(QMessageBox.Cancel)      # asked to stop: not now
        assert not window.close() and panel.controller.is_running
        prompts.answers.append(QMessageBox.Yes)         # "Stop and quit"
        window.close()
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=10000)
        assert not panel.controller.thread_alive()
        assert prompts.shown[-1][0] == "Training is running"
        assert "Stop and quit" in prompts.shown[-1][2]
        # the recovery file the question promised
        assert checkpoint.find_checkpoint(tmp_path) is not None


def test_missing_mnist_download_failure_says_offline(qtbot, tmp_path, monkeypatch, messages):
    from desktop_bp.core import mnist, mnist_download
    monkeypatch.delenv("DESKTOP_BP_DATA", raising=False)
    panel = TrainingPanel(checkpoint_dir=tmp_path)
    qtbot.addWidget(panel)
    assert panel.controls.mnist_button.isVisibleTo(panel)
    offered = []
    monkeypatch.setattr(panel.mnist, "offer", lambda: offered.append(True))
    assert panel.start() is False and offered

    def offline(dest=None, *, progress=None, should_cancel=None):
        progress("train-images-idx3-ubyte.gz", 0, 9912422)
        raise mnist.DatasetError("No mirror could be reached: the network is unreachable.")

    monkeypatch.setattr(mnist_download, "download", offline)
    panel.mnist.download()
    qtbot.waitUntil(lambda: panel.mnist._download_thread is None, timeout=10000)
    assert messages.shown and messages.shown[-1][0] == "warning"
    assert "offline" in messages.shown[-1][2] and "unreachable" in messages.shown[-1][2]
    assert panel.shutdown(1000)


def test_download_can_be_cancelled(qtbot, tmp_path, monkeypatch, messages):
    from desktop_bp.core import mnist, mnist_download
    monkeypatch.delenv("DESKTOP_BP_DATA", raising=False)
    panel = TrainingPanel(checkpoint_dir=tmp_path)
    qtbot.addWidget(panel)

    def slow(dest=None, *, progress=None, should_cancel=None):
        while not should_cancel():
            progress("train-images-idx3-ubyte.gz", 1000, 9912422)
            QThreadSleep.msleep(5)
        raise mnist.DownloadCancelled("cancelled")

    from PySide6.QtCore import QThread as QThreadSleep
    monkeypatch.setattr(mnist_download, "download", slow)
    panel.mnist.download()
    qtbot.waitUntil(lambda: panel.mnist._progress_dialog is not None
                    and panel.mnist._progress_dialog.value() == 0, timeout=5000)
    from PySide6.QtWidgets import QPushButton
    cancel_button = panel.mnist._progress_dialog.findChild(QPushButton)
    qtbot.mouseClick(cancel_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: panel.mnist._download_thread is None, timeout=10000)
    assert "cancelled" in panel.controls.status_label.text()
    assert not [k for k in messages.kinds() if k in ("warning", "critical")]


@pytest.mark.mnist
def test_a_short_run_on_real_mnist(qtbot, tmp_path, messages):
    if not os.environ.get("DESKTOP_BP_DATA"):
        pytest.skip("set DESKTOP_BP_DATA to the folder holding MNIST")
    panel = TrainingPanel(checkpoint_dir=tmp_path)
    qtbot.addWidget(panel)
    panel.apply_preset("book")
    panel.form.training_size_spin.setValue(2000)
    panel.form.epochs_spin.setValue(1)
    panel.form.seed_edit.setText("1")
    with qtbot.waitSignal(panel.controller.finished, timeout=30000) as blocker:
        assert panel.start()
    assert blocker.args[0].reason == "completed"
    history = blocker.args[0].history
    assert history[0]["test_accuracy"] > 0.5
    assert panel.plots.curve_data()["reference"][0] is not None    # the book's trace
    assert panel.shutdown(5000)


def test_a_loaded_model_shows_its_history_and_weights(qtbot, panel):
    net = Network([784, 12, 10], seed=4)
    net.metadata["history"] = [
        {"epoch": e, "training_cost": 1.0 / (e + 1), "validation_cost": 1.1 / (e + 1),
         "validation_accuracy": 0.8 + 0.01 * e, "test_accuracy": 0.79 + 0.01 * e}
        for e in range(3)]
    use(panel, net, "a model file")
    assert panel.form.continue_radio.isEnabled()
    curves = panel.plots.curve_data()
    np.testing.assert_allclose(curves["test_accuracy"][1], [79, 80, 81])
    np.testing.assert_allclose(curves["training_cost"][0], [1, 2, 3])
    panel.heatmaps.set_mode("weights")
    images = panel.heatmaps.images()
    assert images[0].shape == (3 * 29 - 1, 4 * 29 - 1)    # 12 tiles: 3 rows of 4
    np.testing.assert_allclose(images[1], net.weights[1])


def _wheel(widget, steps=-1):
    """Turn the wheel over the middle of ``widget`` (``steps`` < 0: towards the user), through
    the window system as a real wheel would (so that Qt passes an ignored event on to the
    parents)."""
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest
    window = widget.window()
    pos = widget.mapTo(window, widget.rect().center())
    QTest.wheelEvent(window.windowHandle(), pos, QPoint(0, 120 * steps))


def test_the_wheel_scrolls_the_form_instead_of_changing_its_fields(qtbot, panel):
    panel.resize(900, 420)          # the form is taller than its column: it scrolls
    panel.show()
    qtbot.waitExposed(panel)
    bar = panel.form_scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=2000)
    fields = (panel.form.preset_combo, panel.form.activation_combo, panel.form.cost_combo, panel.form.init_combo,
              panel.form.batch_spin, panel.form.epochs_spin, panel.form.training_size_spin)
    before = [w.currentIndex() if hasattr(w, "currentIndex") else w.value() for w in fields]
    for widget in fields:
        assert widget.focusPolicy() == Qt.StrongFocus
        panel.form_scroll.ensureWidgetVisible(widget)
        start = bar.value()
        _wheel(widget, -1 if start < bar.maximum() else 1)
        qtbot.waitUntil(lambda: bar.value() != start, timeout=2000)     # the form scrolled
    after = [w.currentIndex() if hasattr(w, "currentIndex") else w.value() for w in fields]
    assert after == before
    # once clicked into, a field takes the wheel as usual
    panel.form_scroll.ensureWidgetVisible(panel.form.epochs_spin)
    panel.form.epochs_spin.setFocus()
    qtbot.waitUntil(panel.form.epochs_spin.hasFocus, timeout=2000)
    _wheel(panel.form.epochs_spin, 1)
    assert panel.form.epochs_spin.value() == before[5] + 1


def test_the_wheel_over_the_heatmaps_choices_scrolls_the_page(qtbot, panel):
    panel.heatmaps.set_architecture([784, 200, 10])      # tiles a page at a time: a choice
    panel.resize(900, 420)
    panel.show()
    qtbot.waitExposed(panel)
    host = panel.host
    bar = host.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=2000)
    for combo in (panel.heatmaps.page_combo, panel.heatmaps.scale_combo):
        assert combo.isVisible()
        host.ensureWidgetVisible(combo)
        index, start = combo.currentIndex(), bar.value()
        _wheel(combo, -1 if start < bar.maximum() else 1)
        qtbot.waitUntil(lambda: bar.value() != start, timeout=2000)     # the page scrolled
        assert combo.currentIndex() == index                           # the choice did not


def test_messages_appearing_while_typing_do_not_move_the_form(qtbot, panel):
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.wait(1)

    def form_top():
        return panel.form.hidden_edit.mapTo(panel, panel.form.hidden_edit.rect().topLeft()).y()

    top = form_top()
    panel.form.hidden_edit.clear()
    qtbot.keyClicks(panel.form.hidden_edit, "30, x")
    panel.form.eta_edit.setText("0.0001")
    panel.form.momentum_edit.setText("2")
    panel.form._validate()
    assert panel.form.validation_label.text().count("\n") >= 2
    qtbot.wait(1)       # let the layout settle
    assert form_top() == top
    panel.controls.status_label.setText("A long status message " * 20)
    qtbot.wait(1)
    assert form_top() == top


def _train_to_the_end(qtbot, panel):
    with qtbot.waitSignal(panel.controller.finished, timeout=20000) as blocker:
        assert panel.start()
    qtbot.waitUntil(lambda: not panel.session.state.run_active, timeout=5000)
    return blocker.args[0]


def test_start_asks_before_an_unsaved_network_is_thrown_away(qtbot, panel, prompts, monkeypatch,
                                                            tmp_path):
    from PySide6.QtWidgets import QFileDialog
    panel.form.epochs_spin.setValue(1)
    _train_to_the_end(qtbot, panel)
    assert panel.has_unsaved_network and not prompts.shown
    first = panel.trained_network
    prompts.answers.append(QMessageBox.Cancel)
    assert panel.start() is False and panel.trained_network is first
    title, text, buttons = prompts.shown[-1]
    assert "is not saved" in text and "starting a new run" in text and "784-16-10" in text
    assert sorted(b.replace("&", "") for b in buttons) == ["Cancel", "Discard", "Save…"]
    # Save: the save dialog, then the new run
    target = tmp_path / "kept.npz"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(target), "")))
    prompts.answers.append(QMessageBox.Save)
    _train_to_the_end(qtbot, panel)
    np.testing.assert_array_equal(load_model(target).weights[0], first.weights[0])
    # Discard: no dialog, the run starts
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: pytest.fail("no dialog wanted")))
    prompts.answers.append(QMessageBox.Discard)
    _train_to_the_end(qtbot, panel)
    assert len(prompts.shown) == 3 and panel.has_unsaved_network


def test_progress_is_cleared_at_start_and_shows_the_last_batch_after_stop(qtbot, panel):
    _train_to_the_end(qtbot, panel)
    assert panel.controls.epoch_label.text() == "2 of 2"
    panel.controls.status_label.setText("The cost exploded in epoch 1, mini-batch 2 …")
    panel.session.state.discard_unsaved()   # (the question before discarding is tested above)
    panel.form.epochs_spin.setValue(200)
    panel.form.batch_spin.setValue(1)        # 400 mini-batches an epoch: reports miss some
    assert panel.start()
    for label in (panel.controls.epoch_label, panel.controls.batch_label, panel.controls.cost_label, panel.controls.accuracy_label):
        assert label.text() == "–"
    assert "exploded" not in panel.controls.status_label.text()
    qtbot.waitUntil(lambda: panel.controls.batch_label.text() != "–", timeout=10000)
    with qtbot.waitSignal(panel.controller.finished, timeout=10000) as blocker:
        panel.stop()
    ev = blocker.args[0]
    assert ev.reason == "stopped"
    epoch, total = panel.controls.epoch_label.text().split(" of ")
    batch, batches = panel.controls.batch_label.text().split(" of ")
    assert total == "200" and batches == "400" and int(epoch) >= 1
    if "mini-batches" in ev.message:        # "Stopped in epoch e after k of 400 mini-batches"
        assert f"epoch {epoch} after {batch} of 400" in ev.message


def test_a_run_of_a_moment_still_draws_saturation_and_gradients(qtbot, panel):
    """400 images, 3 epochs: each epoch is over before the first report interval, yet every
    epoch sends the saturation and gradient plots at least one point."""
    panel.form.epochs_spin.setValue(3)
    _train_to_the_end(qtbot, panel)
    curves = panel.plots.curve_data()
    for key in ("saturation_0", "saturation_1", "mean_abs_nabla_w_0", "mean_abs_nabla_w_1"):
        x = np.asarray(curves[key][0])
        epochs_with_points = {int(np.ceil(v)) for v in x[np.isfinite(x)]}
        assert epochs_with_points >= {1, 2, 3}, (key, x)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")   # the engine's float32 overflow
def test_a_discarded_network_is_gone_even_when_the_next_run_diverges(qtbot, panel, prompts):
    panel.form.epochs_spin.setValue(1)
    _train_to_the_end(qtbot, panel)
    assert panel.has_unsaved_network
    panel.form.activation_combo.setCurrentText("relu")
    panel.form.cost_combo.setCurrentText("log-likelihood")
    panel.form.eta_edit.setText("1e20")
    prompts.answers.append(QMessageBox.Discard)
    ev = _train_to_the_end(qtbot, panel)
    assert ev.reason == "diverged" and ev.best_epoch is None
    assert panel.trained_network is None and not panel.has_unsaved_network
    assert not panel.controls.save_button.isEnabled()
    assert panel.save_model_dialog() is None


def test_continuing_a_loaded_model_uses_its_own_settings(qtbot, panel):
    net = Network([784, 24, 12, 10], activation="relu", cost="log-likelihood", seed=1)
    net.metadata["hyperparameters"] = {"eta": 0.1, "batch_size": 32, "lmbda": 0.5,
                                       "momentum": 0.9, "eta_decay": 0.87, "augment": "affine",
                                       "preset": ""}
    panel.controls.cost_label.setText("0.2274 (η = 3)")
    panel.controls.status_label.setText("The cost exploded in epoch 1, mini-batch 2 …")
    use(panel, net, "opened")
    # the last run's progress and messages are gone
    assert panel.controls.cost_label.text() == "–" and panel.controls.status_label.text() == ""
    assert panel.form.eta_edit.text() == "3"          # a new network keeps the form
    panel.form.continue_radio.setChecked(True)
    assert (panel.form.eta_edit.text(), panel.form.batch_spin.value(), panel.form.lmbda_edit.text(),
            panel.form.momentum_edit.text(), panel.form.eta_decay_edit.text()) == ("0.1", 32, "0.5",
                                                                         "0.9", "0.87")
    assert panel.form.augment_check.isChecked() and panel.form.hidden_edit.text() == "24, 12"
    assert panel.form.activation_combo.currentText() == "relu"
    assert panel.form.preset_combo.currentData() == "custom"
    assert "η = 0.1, mini-batches of 32" in panel.form.preset_description.text()
    settings = panel.settings()
    assert settings.sizes == [784, 24, 12, 10] and settings.eta == 0.1
    # a model that names its preset shows it; one without settings says so
    net.metadata["hyperparameters"]["preset"] = "book"
    use(panel, net, "opened again")
    assert panel.form.preset_combo.currentData() == "book"
    net.metadata.pop("hyperparameters")
    use(panel, net, "no settings")
    assert panel.form.preset_combo.currentData() == "custom"
    assert "does not record" in panel.form.preset_description.text()


def test_the_gradient_axis_stays_readable_when_gradients_vanish(qtbot):
    from desktop_bp.core.training import BatchEvent, LayerSnapshot
    from desktop_bp.ui.plots import MAX_DECADE_LABELS, TrainingPlots
    plots = TrainingPlots()
    qtbot.addWidget(plots)
    plots.reset(2)
    plots.cost_plot.setYRange(0, 50)            # as a previous run may have left it
    plots.reset(2)
    assert plots.cost_plot.viewRange()[1][1] < 2
    for k, g in enumerate([1e-9, 0.0, 1e-13, 0.0, 1e-17, 1e-19, 0.0, 1e-15]):
        snap = LayerSnapshot(nabla_w=(), nabla_b=(), delta=(), saturation=(1.0, 1.0),
                             mean_abs_nabla_w=(g, g))
        plots.add_batch(BatchEvent(epoch=0, epochs=30, batch=k + 1, batches=8, cost=0.09,
                                   batch_cost=0.09, eta=100.0, seconds=0.1, snapshot=snap))
    plots.flush()
    x, y = plots.curve_data()["mean_abs_nabla_w_0"]
    assert np.isfinite(y).sum() == 5 and np.all(np.isfinite(y))    # one unbroken line
    major, minor = plots.gradient_plot.getAxis("left")._tickLevels
    assert 2 <= len(major) <= MAX_DECADE_LABELS and major[-1][0] >= -9 and major[0][0] <= -19


@pytest.fixture
def live_plots(qtbot):
    """The training plots, reset for a run that has begun."""
    from desktop_bp.ui.plots import TrainingPlots
    plots = TrainingPlots()
    qtbot.addWidget(plots)
    plots.reset(2, live=True)
    return plots


def _batch_event(epoch, batch, batches=4, epochs=30, gradient=1e-3):
    from desktop_bp.core.training import BatchEvent, LayerSnapshot
    snap = LayerSnapshot(nabla_w=(), nabla_b=(), delta=(), saturation=(0.5, 0.5),
                         mean_abs_nabla_w=(gradient, gradient))
    return BatchEvent(epoch=epoch, epochs=epochs, batch=batch, batches=batches, cost=0.1,
                      batch_cost=0.1, eta=3.0, seconds=0.1, snapshot=snap)


def _epoch_axis_rights(plots, epochs, run_epochs):
    rights = []
    for epoch in range(epochs):
        for batch in (1, 4):
            plots.add_batch(_batch_event(epoch, batch, epochs=run_epochs))
            plots.flush()
            left, right = plots.cost_plot.viewRange()[0]
            rights.append(round(left + right))      # [0, right] padded alike on both sides
    # every point drawn is inside the range
    x, _ = plots.curve_data()["batch_cost"]
    assert np.nanmax(x) <= plots.cost_plot.viewRange()[0][1]
    return rights


def test_a_runs_first_gradients_are_drawn_at_the_first_tick_not_at_the_heatmaps_turn(
        qtbot, panel):
    panel.form.epochs_spin.setValue(30)
    assert panel.start()
    panel._schedule.stop()              # the test gives the ticks
    assert panel.heatmaps.blank()       # gradient mode, none yet
    qtbot.waitUntil(lambda: panel._pending_snapshot is not None, timeout=10000)
    assert panel.heatmaps.blank()
    panel._schedule.tick()              # the first tick: the curves' turn, and the counters
    assert not panel.heatmaps.blank() and panel.heatmaps.images()[1].shape == (10, 16)
    panel.controller.stop()


def test_the_epoch_axis_spans_the_run_before_its_first_mini_batch(qtbot, panel):
    # laid out for the whole run at Start, while the training thread is not yet running: the
    # first draw during the run then repaints no epoch axis (each costs the training time)
    panel.form.epochs_spin.setValue(7)
    assert panel.start(paused=True)
    for plot in (panel.plots.cost_plot, panel.plots.gradient_plot):
        left, right = plot.viewRange()[0]
        assert round(left + right) == 7
    panel.controller.stop()


def test_a_run_of_ordinary_length_spans_the_epoch_axis_from_its_start(live_plots):
    # one layout of the axes for the whole run: none redrawn while it trains
    assert set(_epoch_axis_rights(live_plots, 12, 12)) == {12}


def test_the_epoch_axis_of_a_long_run_grows_by_doublings_up_to_its_last_epoch(live_plots):
    from desktop_bp.ui.plots import WHOLE_RUN_EPOCHS
    run = WHOLE_RUN_EPOCHS + 36
    rights = _epoch_axis_rights(live_plots, 70, run)
    assert sorted(set(rights)) == [1, 2, 4, 8, 16, 32, 64, run]
    assert all(a <= b for a, b in zip(rights, rights[1:]))


def test_a_gradient_curve_is_a_dot_while_it_has_one_point_then_a_line(live_plots):
    plots = live_plots
    curve = plots.gradient_series[0].curve
    plots.add_batch(_batch_event(0, 1, gradient=1e-3))
    plots.flush()
    assert curve.opts["symbol"] == "o"
    plots.add_batch(_batch_event(0, 2, gradient=2e-3))
    plots.flush()
    assert curve.opts["symbol"] is None
    assert len(plots.curve_data()["mean_abs_nabla_w_0"][0]) == 2


def test_a_starting_run_names_the_layers_of_its_live_curves_before_any_batch(qtbot, panel):
    panel.apply_preset("book")
    panel.form.epochs_spin.setValue(1)
    titles = lambda: (panel.plots.saturation_plot.titleLabel.text,
                      panel.plots.gradient_plot.titleLabel.text)
    assert all("appears while training" in t for t in titles())
    with qtbot.waitSignal(panel.controller.finished, timeout=20000):
        assert panel.start()
        # set before the training thread's first mini-batch could arrive
        assert all("layer 2" in t and "layer 3" in t for t in titles())   # the book's numbers
    assert all("appears while training" not in t for t in titles())


def test_the_cost_axis_leaves_out_the_untrained_start_once_an_epoch_is_done(live_plots):
    from desktop_bp.core.training import EpochEvent
    plots = live_plots
    # a first epoch whose running mean starts at 5 and ends at 0.7 (as with the best preset)
    for batch, cost in ((1, 5.0), (2, 2.0), (3, 1.0), (4, 0.7)):
        plots.add_batch(_with_cost(_batch_event(0, batch), cost))
    plots.flush()
    assert plots.cost_plot.viewRange()[1][1] > 5.0          # all of epoch 1 while it runs
    plots.add_epoch(EpochEvent(epoch=0, epochs=3, training_cost=0.6, validation_cost=0.5,
                               validation_accuracy=0.9, test_accuracy=0.9, test_cost=0.5,
                               seconds=1.0, eta=0.1))
    for batch in (1, 2):
        plots.add_batch(_with_cost(_batch_event(1, batch), 0.4))
    plots.flush()
    top = plots.cost_plot.viewRange()[1][1]
    assert 0.6 < top < 1.0      # the epoch curves fill the plot; epoch 1's start runs off it


def test_a_flat_cost_gets_a_readable_axis(live_plots):
    plots = live_plots
    for batch in (1, 2, 3):
        plots.add_batch(_with_cost(_batch_event(0, batch), 0.5003 + 1e-4 * batch))
    plots.flush()
    low, high = plots.cost_plot.viewRange()[1]
    assert high - low >= 0.2 * 0.5     # ticks of two decimals, not "0.5005"


def test_a_single_step_shows_its_cost_as_a_dot(live_plots):
    plots = live_plots
    plots.add_batch(_batch_event(0, 1, batches=5000))
    plots.flush()
    assert plots.batch_cost_series.curve.opts["symbol"] == "o"


def _with_cost(ev, cost):
    import dataclasses
    return dataclasses.replace(ev, cost=cost, batch_cost=cost)


@pytest.mark.parametrize("value, text", [(0.0007, "7e-4"), (-0.0001, "-1e-4"), (-1.5e-5, "-1.5e-5"),
                                         (0.5, "0.5"), (-20.0, "-20"), (0.012, "0.012")])
def test_colour_bar_ticks_are_short(value, text):
    from desktop_bp.ui.heatmaps import _compact_tick_strings
    assert _compact_tick_strings([value, 0.0], 1.0, 1e-4) == [text, "0"]


def test_a_first_epoch_cost_off_the_top_of_the_plot_is_said_there(live_plots):
    plots = live_plots

    def history(costs):
        return [{"epoch": k, "training_cost": c, "validation_cost": c * 0.9,
                 "validation_accuracy": 0.9, "test_accuracy": 0.9} for k, c in enumerate(costs)]

    plots.show_history(history([0.66, 0.05, 0.045, 0.04]))
    note = plots.off_top_note
    top = plots.cost_plot.viewRange()[1][1]
    assert top < 0.66 and note.isVisible() and note.toPlainText() == "↑ 0.66"
    assert note.pos().x() == 1 and note.pos().y() <= top
    plots.show_history(history([0.05, 0.06, 0.045, 0.04]))     # all of it fits
    assert not note.isVisible()


def test_gradients_of_exactly_zero_are_said_not_left_blank(qtbot, live_plots):
    from desktop_bp.core.training import LayerSnapshot
    from desktop_bp.ui.heatmaps import GradientHeatmaps
    plots = live_plots
    plots.add_batch(_batch_event(0, 1, gradient=0.0))
    plots.flush()
    note = plots.zero_gradient_note
    assert note.isVisible() and "exactly 0" in note.toPlainText()
    assert "in layers 2, 3" in note.toPlainText()       # the book's numbers: input = layer 1
    # it is drawn over the curves, on a light ground, and says why the line ends there
    assert note.fill.color().alpha() >= 200 and "line ends" in note.toPlainText()
    plots.add_batch(_batch_event(0, 2, gradient=1e-3))
    plots.flush()
    assert not note.isVisible()
    heatmaps = GradientHeatmaps()
    qtbot.addWidget(heatmaps)
    heatmaps.set_architecture([784, 4, 10])
    zeros = (np.zeros((4, 784), np.float32), np.zeros((10, 4), np.float32))
    snap = LayerSnapshot(nabla_w=zeros, nabla_b=(), delta=(), saturation=(1.0, 1.0),
                         mean_abs_nabla_w=(0.0, 0.0))
    heatmaps.show_snapshot(snap)
    assert all("all 0" in view.bar.axis.labelText for view in heatmaps.layers)
    heatmaps.show_snapshot(LayerSnapshot(nabla_w=(zeros[0] + 1e-3, zeros[1] + 1e-3), nabla_b=(),
                                         delta=(), saturation=(0.5, 0.5),
                                         mean_abs_nabla_w=(1e-3, 1e-3)))
    assert not any("all 0" in view.bar.axis.labelText for view in heatmaps.layers)


def test_the_cost_axis_follows_the_later_epochs_once_three_are_done(live_plots):
    from desktop_bp.core.training import EpochEvent
    plots = live_plots
    for epoch, cost in enumerate((0.66, 0.1, 0.06, 0.05)):
        plots.add_batch(_with_cost(_batch_event(epoch, 4), cost))
        plots.add_epoch(EpochEvent(epoch=epoch, epochs=20, training_cost=cost,
                                   validation_cost=cost, validation_accuracy=0.9,
                                   test_accuracy=0.9, test_cost=cost, seconds=1.0, eta=0.1))
        plots.flush()
        if epoch == 1:
            assert plots.cost_plot.viewRange()[1][1] > 0.66     # two epochs: all of them
    assert plots.cost_plot.viewRange()[1][1] < 0.2              # then the later ones fill it


def test_a_few_single_steps_show_as_dots_and_a_run_as_a_line(live_plots):
    plots = live_plots
    for batch in (1, 2, 3):
        plots.add_batch(_batch_event(0, batch, batches=5000))
    plots.flush()
    assert plots.batch_cost_series.curve.opts["symbol"] == "o"
    assert plots.saturation_series[0].curve.opts["symbol"] is None     # 3 points: a line
    for batch in range(4, 80):
        plots.add_batch(_batch_event(0, batch, batches=5000))
    plots.flush()
    assert plots.batch_cost_series.curve.opts["symbol"] is None


@pytest.mark.parametrize("eta, text", [(1000.0, "1000"), (3.0, "3"), (0.25, "0.25"),
                                       (0.00709431, "0.00709"), (1e-5, "1e-05")])
def test_the_learning_rate_is_shown_briefly(eta, text):
    from desktop_bp.core.run_config import format_eta
    assert format_eta(eta) == text


def _cells(view, items):
    return [view.ci.items[item][0] for item in items]


def test_plots_and_heatmaps_stack_in_one_column_when_the_window_is_narrow(qtbot):
    from desktop_bp.ui.heatmaps import GradientHeatmaps
    from desktop_bp.ui.plots import TrainingPlots
    plots = TrainingPlots()
    heatmaps = GradientHeatmaps()
    for widget in (plots, heatmaps):
        qtbot.addWidget(widget)
    heatmaps.set_architecture([784, 30, 10])
    plots.reset(2, live=True)
    items = [plots.cost_plot, plots.accuracy_plot, plots.saturation_plot, plots.gradient_plot]
    layers = [view.plot for view in heatmaps.layers]
    for widget in (plots, heatmaps):
        widget.resize(1200, 500)
        widget.show()
    qtbot.waitUntil(lambda: plots.reflow.columns == 2 and heatmaps.reflow.columns == 2)
    assert _cells(plots.view, items) == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert _cells(heatmaps.view, layers) == [(0, 0), (0, 1)]
    # narrower than two columns need (but wider than one): one column, every plot whole
    plots.resize(plots.view.minimumWidth() + 20, 700)
    heatmaps.resize(heatmaps.view.minimumWidth() + 20, 500)
    qtbot.waitUntil(lambda: plots.reflow.columns == 1 and heatmaps.reflow.columns == 1)
    assert _cells(plots.view, items) == [(0, 0), (1, 0), (2, 0), (3, 0)]
    assert _cells(heatmaps.view, layers) == [(0, 0), (1, 0)]
    assert plots.view.minimumHeight() >= 4 * 100          # the page scrolls instead
    qtbot.waitUntil(lambda: plots.view.ci.geometry().width() <= plots.view.width())
    # and back
    plots.resize(1200, 500)
    qtbot.waitUntil(lambda: plots.reflow.columns == 2)
    assert _cells(plots.view, items) == [(0, 0), (0, 1), (1, 0), (1, 1)]


def test_colour_bar_ticks_share_one_notation():
    from desktop_bp.ui.heatmaps import _compact_tick_strings
    assert _compact_tick_strings([-0.01, 0.0, 0.005, 0.01, 0.015], 1.0, 0.005) == \
        ["-0.01", "0", "0.005", "0.01", "0.015"]
    assert _compact_tick_strings([-5e-4, 0.0, 5e-4], 1.0, 5e-4) == ["-5e-4", "0", "5e-4"]


def test_major_and_minor_colour_bar_ticks_share_the_bar_s_notation():
    from desktop_bp.ui.heatmaps import _compact_tick_strings
    # the axis asks for the major ticks (0.01) and the minor ones (0.005) separately
    assert _compact_tick_strings([-0.005, 0.005], 1.0, 0.005, extent=0.012) == ["-0.005", "0.005"]
    assert _compact_tick_strings([-5e-4, 5e-4], 1.0, 5e-4, extent=8e-4) == ["-5e-4", "5e-4"]


def test_heavy_draws_take_turns_and_wait_for_the_pen_to_lift(qtbot):
    from desktop_bp.ui.training import draw_schedule
    drawn, light = [], []
    schedule = draw_schedule.DrawSchedule(lambda: light.append(1),
                                          lambda: drawn.append("curves"),
                                          lambda: drawn.append("heatmaps"))
    ticks = len(draw_schedule.CYCLE)
    for _ in range(2 * ticks):
        schedule.tick()
    # the counters at every tick; one heavy draw every other tick, curves and heatmaps in turn
    assert len(light) == 2 * ticks
    assert drawn == ["curves", "heatmaps"] * 2
    pen = {"down": True}
    schedule.hold = lambda: pen["down"]
    drawn.clear()
    for _ in range(draw_schedule.MAX_HELD_TICKS):
        schedule.tick()
    assert drawn == []                      # the person is drawing: the plots wait
    schedule.tick()
    assert drawn == ["curves"]              # but not for ever
    pen["down"] = False
    drawn.clear()
    for _ in range(ticks):
        schedule.tick()
    assert drawn == ["heatmaps", "curves"]  # the pen lifted: the usual turns again


def test_the_window_holds_its_plots_while_the_pen_is_on_the_canvas(qtbot, tmp_path):
    from PySide6.QtCore import QEvent, QSettings

    from desktop_bp.ui.app import build_window
    from mouse_drawing import _send, to_widget
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = build_window(settings, recovery=checkpoint.Recovery(enabled=False))
    qtbot.addWidget(window)
    panel, canvas = window.training_panel(), window.canvas
    from desktop_bp.core import blas
    assert not panel._schedule.hold()
    left = Qt.MouseButton.LeftButton
    try:
        _send(canvas, QEvent.Type.MouseButtonPress, to_widget(canvas, 0.5, 0.3), left, left)
        assert panel._schedule.hold()
        assert blas._state["spare"]             # training leaves the window a core
        _send(canvas, QEvent.Type.MouseButtonRelease, to_widget(canvas, 0.5, 0.6), left,
              Qt.MouseButton.NoButton)
        assert not panel._schedule.hold()
        assert not blas._state["spare"]
    finally:
        blas.spare_a_core(False)
