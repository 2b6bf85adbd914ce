"""The defects of the "one owner" issue, each through the real window assembled as the app
assembles it (``ui.app.build_window``): real widgets, real questions, a real training thread."""

import gzip
import os
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desktop_bp.core import checkpoint, mnist, paths
from desktop_bp.core import network as network_module
from desktop_bp.core.network import Network
from desktop_bp.core.persistence import save_model
from desktop_bp.ui.app import build_window


def synthetic(n, seed=0):
    rng = np.random.default_rng(seed)
    return rng.random((n, 784), dtype=np.float32), rng.integers(0, 10, n)


DATA = (synthetic(300), synthetic(60, 1), synthetic(60, 2))


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make(qtbot, tmp_path, settings):
    """A window as the app builds it, with its recovery file in ``tmp_path/recovery``. Its
    unsaved work is let go at the end of the test, so closing it asks nothing."""
    def let_go(window):
        session = window.session
        session.shutdown()
        qtbot.waitUntil(lambda: not session.state.run_active, timeout=10000)
        if session.state.has_unsaved:
            session.state.discard_unsaved()

    def build(data=DATA, size=(1200, 760)):
        window = build_window(settings, recovery=checkpoint.Recovery(tmp_path / "recovery"),
                              data=data)
        qtbot.addWidget(window, before_close_func=let_go)
        window.resize(*size)
        window.show()
        panel = window.training_panel()
        panel.apply_preset("book")
        panel.form.hidden_edit.setText("12")
        panel.form.epochs_spin.setValue(1)
        panel.form.seed_edit.setText("3")
        return window, panel

    return build


def train_once(qtbot, panel):
    with qtbot.waitSignal(panel.controller.finished, timeout=20000):
        assert panel.start()
    qtbot.waitUntil(lambda: not panel.controller.thread_alive(), timeout=5000)


def model_file(tmp_path, seed=7):
    return save_model(tmp_path / f"model-{seed}.npz", Network([784, 8, 10], seed=seed))


def test_1_discard_on_quit_removes_the_recovery_file(make, qtbot, prompts, tmp_path):
    window, panel = make()
    train_once(qtbot, panel)
    assert checkpoint.find_checkpoint(tmp_path / "recovery") is not None
    prompts.answers.append(QMessageBox.StandardButton.Discard)
    assert window.close()
    assert "is not saved" in prompts.shown[-1][1]
    assert checkpoint.find_checkpoint(tmp_path / "recovery") is None
    # the next start offers nothing
    again, panel = make()
    assert panel.offer_recovery() is False
    assert len(prompts.shown) == 1


def test_2_continuing_a_restored_run_asks_nothing_and_continues_it(make, qtbot, prompts,
                                                                 tmp_path, monkeypatch):
    window, panel = make()
    train_once(qtbot, panel)
    trained = window.network()
    window.session.controller.shutdown()
    # as after a crash: the recovery file is there at the next start
    second, panel = make()
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    assert panel.offer_recovery()
    np.testing.assert_array_equal(second.network().weights[0], trained.weights[0])
    assert panel.form.continue_radio.isChecked() and second.session.model.unsaved
    with qtbot.waitSignal(panel.controller.epoch, timeout=20000) as blocker:
        assert panel.start()
    assert blocker.args[0].epoch == 1         # epoch 2: the restored run goes on
    qtbot.waitUntil(lambda: not second.session.state.run_active, timeout=10000)
    assert not prompts.shown                  # nothing was asked
    assert len(second.network().metadata["history"]) == 2


def test_2_a_new_network_asks_and_discard_does_what_it_says(make, qtbot, prompts):
    window, panel = make()
    train_once(qtbot, panel)
    first = window.network()
    panel.form.fresh_radio.setChecked(True)
    panel.form.seed_edit.setText("4")
    prompts.answers.append(QMessageBox.StandardButton.Discard)
    train_once(qtbot, panel)
    title, text, buttons = prompts.shown[-1]
    assert "starting a new run" in text and "Discard" in [b.replace("&", "") for b in buttons]
    # a new network was trained: not the discarded one continued
    assert window.network() is not first
    assert not np.array_equal(window.network().weights[0], first.weights[0])
    assert len(window.network().metadata["history"]) == 1


def test_3_opening_a_model_during_a_run_asks_and_the_canvas_says_which(make, qtbot, prompts,
                                                                       tmp_path):
    window, panel = make()
    panel.form.epochs_spin.setValue(1000)
    path = model_file(tmp_path)
    with qtbot.waitSignal(panel.controller.paused, timeout=10000):
        panel.step_epoch()      # paused after an epoch: the run's network is in use
    qtbot.waitUntil(lambda: window.session.model.origin == "run", timeout=10000)
    prompts.answers.append(QMessageBox.StandardButton.Cancel)
    assert not window.open_model(path)
    assert prompts.shown[-1][0] == "Training is paused" and panel.state == "paused"
    assert window.session.model.origin == "run"
    # Stop and discard: the run ends, then the file is opened; nothing switches back later
    prompts.answers.append(QMessageBox.StandardButton.Discard)
    window.open_model(path)
    qtbot.waitUntil(lambda: window.model_path() == path, timeout=10000)
    assert window.file_label.text() == path.name and not window.session.state.has_unsaved
    assert not panel.controls.resume_button.isEnabled()
    assert checkpoint.find_checkpoint(tmp_path / "recovery") is None
    # an unsaved finished run: Open asks Save / Discard / Cancel; Cancel keeps it in use
    panel.form.epochs_spin.setValue(1)
    train_once(qtbot, panel)
    trained = window.network()
    prompts.answers.append(QMessageBox.StandardButton.Cancel)
    assert not window.open_model(path)
    assert window.network() is trained and "opening" in prompts.shown[-1][1]


def test_3_stop_and_discard_mid_run_shows_the_opened_model_everywhere(make, qtbot, prompts,
                                                                     tmp_path):
    window, panel = make()
    panel.form.epochs_spin.setValue(1000)
    path = model_file(tmp_path)
    with qtbot.waitSignal(panel.controller.epoch, timeout=10000):
        assert panel.start()
    prompts.answers.append(QMessageBox.StandardButton.Discard)      # Stop and discard
    window.open_model(path)
    qtbot.waitUntil(lambda: window.model_path() == path, timeout=10000)
    qtbot.wait(50)      # anything the run's end still had to draw has been drawn
    opened = window.network()
    assert opened.sizes == [784, 8, 10] and panel.heatmaps.mode == "weights"
    np.testing.assert_allclose(panel.heatmaps.images()[1], opened.weights[1])
    assert panel.controls.epoch_label.text() == "–"     # the stopped run's numbers are gone


def test_4_closing_during_a_long_mini_batch_waits_and_keeps_the_recovery_file(
        make, qtbot, prompts, tmp_path, monkeypatch):
    step = network_module._Stepper.step

    def slow_step(self, *args, **kwargs):       # a mini-batch of a 3000-3000 network
        time.sleep(0.4)
        return step(self, *args, **kwargs)

    monkeypatch.setattr(network_module._Stepper, "step", slow_step)
    window, panel = make()
    panel.form.epochs_spin.setValue(1000)
    with qtbot.waitSignal(panel.controller.batch, timeout=10000):
        assert panel.start()
    prompts.answers.append(QMessageBox.StandardButton.Yes)      # Stop and quit
    assert not window.close()
    assert window.isVisible() and "Stopping" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10000)
    assert not panel.controller.thread_alive()
    assert checkpoint.find_checkpoint(tmp_path / "recovery") is not None


def _damaged_mnist(folder):
    folder.mkdir()
    for name in mnist.FILES:
        data = gzip.compress(b"\x00" * 5000)
        (folder / f"{name}.gz").write_bytes(data[:len(data) // 2])    # truncated
    return folder


def test_5_a_damaged_mnist_file_is_one_clear_message(qtbot, make, tmp_path, monkeypatch):
    monkeypatch.delenv("DESKTOP_BP_DATA", raising=False)
    folder = _damaged_mnist(tmp_path / "mnist")
    shown = []

    def exec_(box):
        shown.append((box.windowTitle(), box.text(), box.detailedText()))
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    window, panel = make(data=None)
    panel.mnist.choose_folder(str(folder))
    with qtbot.waitSignal(panel.controller.finished, timeout=20000):
        assert panel.start()
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    title, text, details = shown[-1]
    assert title == "MNIST cannot be read" and "truncated" in text and str(folder) in text
    assert text.startswith("An MNIST file is damaged or incomplete: download it again.")
    assert "desktop-bp download" in text
    assert details == "" and "Traceback" not in text


def test_6_a_window_saved_on_another_screen_fits_this_one(qtbot, settings):
    screen = QApplication.primaryScreen().availableGeometry()
    first = build_window(settings, recovery=checkpoint.Recovery(enabled=False))
    qtbot.addWidget(first)
    first.resize(screen.width() + 900, screen.height() + 500)     # as on a larger screen
    first.save_settings()
    settings.setValue("window/screen", "1920x1080")
    second = build_window(settings, recovery=checkpoint.Recovery(enabled=False))
    qtbot.addWidget(second)
    assert second.width() <= screen.width() and second.height() <= screen.height()
    assert second.width() >= 0.9 * min(1500, screen.width() * 0.94)     # a sensible size
    # saved on this very screen: restored as it was
    second.resize(int(screen.width() * 0.6), int(screen.height() * 0.7))
    second.save_settings()
    third = build_window(settings, recovery=checkpoint.Recovery(enabled=False))
    qtbot.addWidget(third)
    assert (third.width(), third.height()) == (int(screen.width() * 0.6),
                                               int(screen.height() * 0.7))


@pytest.mark.mnist
def test_7_choosing_the_mnist_folder_goes_on_with_the_start(qtbot, make, monkeypatch, prompts):
    folder = os.environ.get("DESKTOP_BP_DATA")
    if not folder:
        pytest.skip("set DESKTOP_BP_DATA to the folder holding MNIST")
    monkeypatch.delenv("DESKTOP_BP_DATA")
    monkeypatch.setattr(paths, "source_data_dir", lambda: None)
    monkeypatch.chdir(Path(folder).parent)       # no data/ of the current folder either
    window, panel = make(data=None)
    if mnist.mnist_available():
        pytest.skip("MNIST is found without being chosen on this machine")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *a, **k: folder))
    monkeypatch.setattr(panel.mnist, "offer", lambda: panel.mnist.choose_folder())
    panel.form.training_size_spin.setValue(500)
    with qtbot.waitSignal(panel.controller.finished, timeout=60000) as blocker:
        assert panel.start() is False       # it asked for MNIST first …
    assert blocker.args[0].reason == "completed"     # … and then went on by itself
    assert paths.remembered_mnist_folder() == Path(folder)


def test_the_description_keeps_its_height_when_a_field_turns_the_preset_custom(make, qtbot):
    window, panel = make()
    qtbot.wait(1)
    top = panel.form.eta_edit.mapTo(panel, panel.form.eta_edit.rect().topLeft()).y()
    qtbot.keyClicks(panel.form.lmbda_edit, "1")
    assert panel.form.preset_combo.currentData() == "custom"
    assert "starting from" in panel.form.preset_description.text()
    qtbot.wait(1)
    assert panel.form.eta_edit.mapTo(panel, panel.form.eta_edit.rect().topLeft()).y() == top


def test_the_run_controls_stay_in_view_in_a_small_window(make, qtbot):
    window, panel = make(size=(1024, 700))
    qtbot.waitExposed(window)
    for button in (panel.controls.start_button, panel.controls.stop_button,
                   panel.controls.pause_button):
        corner = button.mapTo(window, button.rect().bottomRight())
        assert button.isVisible() and window.rect().contains(corner), button.text()
    assert panel.controls.epoch_label.isVisible()


def test_the_wheel_over_a_plot_scrolls_the_page_and_ctrl_zooms(make, qtbot):
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest
    window, panel = make(size=(1024, 700))
    window.set_network(Network([784, 30, 10], seed=1), "book-sized")
    qtbot.waitExposed(window)
    host = panel.host
    bar = host.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=3000)
    plot = panel.plots.cost_plot
    view = plot.getViewBox()
    before = view.viewRange()
    widget = panel.plots.view
    pos = widget.mapTo(window, widget.rect().center())
    start = bar.value()
    QTest.wheelEvent(window.windowHandle(), pos, QPoint(0, -120))
    qtbot.waitUntil(lambda: bar.value() != start, timeout=2000)
    assert view.viewRange() == before


def test_a_discarded_run_leaves_the_time_machine_and_a_damaged_file_asks_nothing(
        make, qtbot, prompts, tmp_path, monkeypatch):
    window, panel = make()
    panel.form.epochs_spin.setValue(2)
    train_once(qtbot, panel)
    session = window.session
    assert len(session.snapshots) >= 2 and panel.time_machine.isVisible()
    # a file that cannot be used is said so at once: no question about the unsaved network
    shown = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda parent, title, text, *a, **k: shown.append(text)))
    damaged = tmp_path / "damaged.npz"
    damaged.write_bytes(model_file(tmp_path).read_bytes()[:300])
    asked = len(prompts.shown)
    assert window.open_model(damaged) is False
    assert len(prompts.shown) == asked and len(shown) == 1
    assert session.state.has_unsaved                    # the trained network is still there
    # a good file, and Discard: the run's epochs go with its network
    prompts.answers.append(QMessageBox.StandardButton.Discard)
    assert window.open_model(model_file(tmp_path, seed=8)) is True
    assert len(session.snapshots) == 0
    assert not panel.time_machine.isVisible()
    assert session.run_template() is None


def test_saving_a_run_s_network_keeps_its_curves_and_numbers(make, qtbot, tmp_path):
    window, panel = make()
    panel.form.epochs_spin.setValue(2)
    train_once(qtbot, panel)
    panel._draw()                                       # everything the run left drawn
    before = panel.plots.curve_data()
    accuracy = panel.controls.accuracy_label.text()
    assert len(before["batch_cost"][0]) > 0 and accuracy != "–"
    assert window.session.save_to(tmp_path / "kept.npz")
    after = panel.plots.curve_data()
    for key, (x, y) in before.items():
        np.testing.assert_array_equal(after[key][0], x, err_msg=key)
    assert panel.controls.accuracy_label.text() == accuracy
    assert len(window.session.snapshots) >= 2           # the time machine keeps the epochs


@pytest.mark.parametrize("size", [(1203, 752), (1024, 740)])
def test_in_a_narrow_window_the_training_page_scrolls_up_and_down_never_sideways(make, qtbot,
                                                                                size):
    from PySide6.QtWidgets import QScrollArea
    window, panel = make(size=size)
    panel.time_machine.setVisible(True)         # as after a run: its row is above the plots
    qtbot.waitUntil(lambda: panel.width() > 0)
    for _ in range(5):
        QApplication.processEvents()
    # at 1024 pixels the rows of controls break in two rather than widen the page
    assert panel.heatmaps.controls.wrapped == (size[0] < 1100)
    areas = [a for a in panel.findChildren(QScrollArea) if a.isVisible() and a.widget()]
    assert len(areas) >= 2
    for area in areas:
        assert area.horizontalScrollBar().maximum() == 0, type(area.widget()).__name__
