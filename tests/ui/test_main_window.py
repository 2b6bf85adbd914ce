"""The main window: draw and see the digit named, open/save models through the window's actions,
bad model files, drag and drop, remembered settings, the Train page, and the app's entry point."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QMimeData, QPointF, QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QDropEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop_bp.core import checkpoint, pretrained
from desktop_bp.core.network import Network
from desktop_bp.core.persistence import load_model, save_model
from desktop_bp.ui import main_window as main_window_module
from desktop_bp.ui import model_files
from desktop_bp.ui.main_window import MainWindow
from desktop_bp.ui.training import TrainingPanel
from mouse_drawing import SHAPES, _send, draw_digit, stroke, to_widget

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def no_default_model(monkeypatch, tmp_path):
    """As in a checkout where the default model has not been trained yet."""
    monkeypatch.setattr(pretrained, "default_model_path", lambda: tmp_path / "missing.npz")


@pytest.fixture
def messages(monkeypatch):
    """QMessageBox's static functions record their calls instead of blocking."""
    calls = []

    def recorder(kind):
        def record(parent, title, text, *args, **kwargs):
            calls.append((kind, title, text))
            return QMessageBox.StandardButton.Ok
        return record

    for kind in ("warning", "critical", "information", "about", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(recorder(kind)))
    return calls


@pytest.fixture
def make_window(qtbot, settings, no_default_model):
    def make(**kwargs):
        window = MainWindow(settings, **kwargs)
        qtbot.addWidget(window)
        window.resize(1100, 720)
        window.show()
        qtbot.waitExposed(window)
        return window
    return make


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def model_file(tmp_path, trained_network):
    return save_model(tmp_path / "digits.npz", trained_network)


def small_network(seed=1):
    net = Network([784, 16, 10], activation="relu", cost="log-likelihood", init="scaled", seed=seed)
    net.metadata = {"test_accuracy": 0.5}
    return net


# -- drawing and recognising -----------------------------------------------------------------------

@pytest.mark.parametrize("digit", sorted(SHAPES))
def test_drawn_digits_are_recognised(window, qtbot, trained_network, digit):
    window.set_network(trained_network, "test network")
    draw_digit(window.canvas, digit)
    qtbot.waitUntil(lambda: window.prediction_view.digit() == digit, timeout=2000)
    assert window.prediction_view.output().shape == (10,)
    # the 28x28 view shows exactly what the network received
    pre = window.last_preprocessed()
    np.testing.assert_allclose(window.input_view.pixels(), pre.image, atol=1e-6)
    assert pre.image.max() > 0.9


def test_prediction_follows_the_pen_and_is_throttled(window, qtbot, monkeypatch):
    window.set_network(small_network(), "small")
    calls = []
    real = main_window_module.preprocess
    monkeypatch.setattr(main_window_module, "preprocess",
                        lambda image: calls.append(1) or real(image))
    canvas = window.canvas
    left = Qt.MouseButton.LeftButton
    _send(canvas, QEvent.Type.MouseButtonPress, to_widget(canvas, 0.5, 0.2), left, left)
    for k in range(1, 40):
        _send(canvas, QEvent.Type.MouseMove, to_widget(canvas, 0.5, 0.2 + k * 0.015),
              Qt.MouseButton.NoButton, left)
    # the button is still held: the prediction arrives anyway, from the coalescing timer
    qtbot.waitUntil(lambda: window.prediction_view.digit() is not None, timeout=2000)
    assert 1 <= len(calls) < 10           # 40 moves, coalesced into a few predictions
    _send(canvas, QEvent.Type.MouseButtonRelease, to_widget(canvas, 0.5, 0.8), left,
          Qt.MouseButton.NoButton)
    assert window.prediction_view.digit() is not None


def test_another_network_judges_the_same_drawing_without_reading_it_again(
        window, qtbot, trained_network, monkeypatch):
    from desktop_bp.core.confidence import judge
    window.set_network(trained_network, "test network")
    draw_digit(window.canvas, 7)
    qtbot.waitUntil(lambda: window.prediction_view.digit() == 7, timeout=2000)
    pre = window.last_preprocessed()
    calls = []
    real = main_window_module.preprocess
    monkeypatch.setattr(main_window_module, "preprocess",
                        lambda image: calls.append(1) or real(image))
    other = small_network(seed=3)
    window.set_network(other, "small")          # as each epoch's weights come while training
    assert calls == []                          # the drawing was not read again
    assert window.last_preprocessed() is pre
    np.testing.assert_allclose(window.prediction_view.output(),
                               judge(other, pre.inputs).outputs, rtol=1e-5)
    # a stroke still reads the canvas
    stroke(window.canvas, [(0.2, 0.9), (0.8, 0.9)])
    qtbot.waitUntil(lambda: len(calls) > 0, timeout=2000)


def test_clear_and_undo_through_the_actions(window, qtbot, trained_network):
    window.set_network(trained_network, "test network")
    stroke(window.canvas, [(0.5, 0.15), (0.5, 0.85)])
    qtbot.waitUntil(lambda: window.prediction_view.digit() == 1)
    stroke(window.canvas, [(0.2, 0.5), (0.8, 0.5)])          # a cross: no longer a 1
    qtbot.waitUntil(lambda: window.last_preprocessed().bbox[1] < 100)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: window.prediction_view.digit() == 1)
    assert window.canvas.stroke_count() == 1
    window.clear_action.trigger()
    assert window.canvas.is_empty()
    qtbot.waitUntil(lambda: window.prediction_view.digit() is None)
    assert window.input_view.pixels() is None
    assert window.last_preprocessed() is None


def test_shortcuts(window):
    def keys(action):
        return {s.toString(QKeySequence.SequenceFormat.PortableText) for s in action.shortcuts()}
    assert "Ctrl+O" in keys(window.open_action)
    assert "Ctrl+S" in keys(window.save_action)
    assert "Ctrl+Shift+S" in keys(window.save_as_action)
    assert "Ctrl+Z" in keys(window.undo_action)
    assert {"Esc", "Del"} <= keys(window.clear_action)
    assert "Ctrl+Q" in keys(window.quit_action)


def test_escape_key_clears_the_canvas(window, qtbot):
    window.set_network(small_network(), "small")
    stroke(window.canvas, [(0.5, 0.2), (0.5, 0.8)])
    window.activateWindow()
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)
    qtbot.waitUntil(window.canvas.is_empty, timeout=1000)


def test_overlay_toggle(window, qtbot):
    window.set_network(small_network(), "small")
    assert not window.canvas.overlay_visible()
    window.overlay_check.setChecked(True)
    assert window.overlay_action.isChecked() and window.canvas.overlay_visible()
    stroke(window.canvas, [(0.5, 0.2), (0.5, 0.8)])
    window.grab()
    window.overlay_action.setChecked(False)
    assert not window.overlay_check.isChecked() and not window.canvas.overlay_visible()


def test_not_sure_below_the_threshold(window, qtbot):
    window.set_network(small_network(), "an untrained network is never sure")
    window.set_threshold(0.99)
    stroke(window.canvas, [(0.5, 0.2), (0.5, 0.8)])
    qtbot.waitUntil(lambda: window.prediction_view.digit() is not None)
    assert not window.prediction_view.is_sure()
    assert "not sure" in window.prediction_view.headline()


def test_the_prediction_says_how_good_the_network_is(window):
    net = small_network()
    for key in ("test_accuracy", "validation_accuracy"):
        net.metadata.pop(key, None)
    window.set_network(net, "no record")
    assert window.network_quality_label.text() == "This network: accuracy unknown"
    net.metadata["test_accuracy"] = 0.096
    window.set_network(net, "chance level")
    text = window.network_quality_label.text()
    assert "9.6% right on the test set" in text and "guessing: 10%" in text
    net.metadata["test_accuracy"] = 0.9542
    window.set_network(net, "the book's")
    assert window.network_quality_label.text() == "This network: 95.4% right on the test set"
    window.set_network(None)
    assert window.network_quality_label.text() == ""


# -- models: open, save, bad files, drop -----------------------------------------------------------

def test_open_and_save_through_the_actions(window, qtbot, monkeypatch, messages, model_file,
                                           tmp_path, trained_network):
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(model_file), "")))
    window.open_action.trigger()
    assert window.network().sizes == trained_network.sizes
    assert window.model_path() == model_file
    assert "784-" in window.arch_label.text()
    assert "test accuracy" in window.accuracy_label.text() and "%" in window.accuracy_label.text()
    assert window.file_label.text() == "digits.npz"
    assert str(model_file.resolve()) in window.recent_models()
    assert messages == []

    target = tmp_path / "saved" / "copy"           # no suffix: .npz is added
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    window.save_as_action.trigger()
    saved = target.with_suffix(".npz")
    copy = load_model(saved)
    for w_saved, w in zip(copy.weights, trained_network.weights):
        np.testing.assert_array_equal(w_saved, w)
    assert window.model_path() == saved and window.file_label.text() == "copy.npz"

    saved.unlink()                                   # Save writes back to the same file
    window.save_action.trigger()
    assert saved.is_file() and messages == []


def test_save_without_a_file_asks_for_one(window, monkeypatch, messages, tmp_path):
    window.set_network(small_network(), "trained in this window")
    asked = []
    target = tmp_path / "trained.npz"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: asked.append(1) or (str(target), "")))
    window.save_action.trigger()
    assert asked and target.is_file()
    # a cancelled dialog saves nothing
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    assert window.save_model_as() is False


def test_the_save_dialog_starts_in_the_last_folder_with_a_descriptive_name(window, monkeypatch,
                                                                          messages, tmp_path):
    proposed = []

    def dialog(parent, caption, start, *args, **kwargs):
        proposed.append(Path(start))
        return str(tmp_path / "mine" / "kept.npz"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    (tmp_path / "mine").mkdir()
    window.set_network(small_network(), "trained in this window")
    assert window.save_model_as()
    # the Documents folder (the home folder if there is none); relu, test accuracy 0.5
    assert proposed[0] == model_files.documents_folder() / "784-16-10-relu-50.0.npz"
    assert proposed[0].parent.is_dir()
    window.set_network(small_network(seed=2), "trained again")
    assert window.save_model_as()
    assert proposed[1] == tmp_path / "mine" / "784-16-10-relu-50.0.npz"


def test_save_failure_is_reported(window, messages, tmp_path):
    window.set_network(small_network(), "small")
    assert window.save_model_to(tmp_path / "no such folder" / "x.npz") is False
    assert messages and messages[0][0] == "critical"


def bad_files(folder):
    """Files that are not models, each with a name a user could pick."""
    files = {}
    files["garbage.npz"] = b"\x00\x01 this is not a zip"
    files["empty.npz"] = b""
    files["truncated.npz"] = save_model(folder / "good.npz", small_network()).read_bytes()[:200]
    with zipfile.ZipFile(folder / "foreign.npz", "w") as archive:
        archive.writestr("readme.txt", "a zip, but not a model")
    files["foreign.npz"] = (folder / "foreign.npz").read_bytes()
    np.savez(folder / "arrays.npz", a=np.zeros(3))
    files["arrays.npz"] = (folder / "arrays.npz").read_bytes()
    files["other.json"] = b'{"name": "not a network"}'
    files["picture.png"] = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
    paths = []
    for name, data in files.items():
        path = folder / "bad" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        paths.append(path)
    return paths


EXPECTED_PROBLEM = {
    "garbage.npz": "This is not a desktop-bp model file", "empty.npz": "The file is empty.",
    "truncated.npz": "The file is damaged or incomplete",
    "foreign.npz": "This is not a desktop-bp model file",
    "arrays.npz": "This is not a desktop-bp model file",
    "other.json": "This is not a desktop-bp model file",
    "picture.png": "This is not a desktop-bp model file"}


def test_bad_model_files_give_a_message_and_keep_the_current_model(window, monkeypatch,
                                                                   messages, tmp_path):
    current = small_network()
    window.set_network(current, "the current model")
    for path in bad_files(tmp_path):
        messages.clear()
        monkeypatch.setattr(QFileDialog, "getOpenFileName",
                            staticmethod(lambda *a, p=path, **k: (str(p), "")))
        window.open_action.trigger()
        assert window.network() is current, path.name
        assert len(messages) == 1 and messages[0][0] == "warning", path.name
        assert path.name in messages[0][2]
        # what is wrong, in the window's words first; the file's own details after
        assert messages[0][2].startswith(EXPECTED_PROBLEM[path.name]), messages[0][2]
    assert window.recent_models() == []
    missing = tmp_path / "gone.npz"
    assert window.open_model(missing) is False and window.network() is current


def test_cancelled_open_changes_nothing(window, monkeypatch, messages):
    current = small_network()
    window.set_network(current, "current")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: ("", "")))
    window.open_action.trigger()
    assert window.network() is current and messages == []


def drop(window, path):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    pos = QPointF(window.width() / 2, window.height() / 2)
    enter_actions = Qt.DropAction.CopyAction
    event = QDropEvent(pos, enter_actions, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    return event


def test_dropping_a_model_file_opens_it(window, model_file, messages, trained_network):
    window.set_network(small_network(), "small")
    drop(window, model_file)
    assert window.network().sizes == trained_network.sizes
    assert window.model_path() == model_file and messages == []


def test_dropping_something_else_keeps_the_model(window, tmp_path, messages):
    current = small_network()
    window.set_network(current, "current")
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    drop(window, text)
    assert window.network() is current and messages and messages[0][0] == "warning"


# -- start-up and settings -------------------------------------------------------------------------

def test_starts_without_any_model(window, messages, qtbot):
    assert window.load_startup_model() is False
    assert window.network() is None
    assert window.arch_label.text() == "no model"
    stroke(window.canvas, [(0.5, 0.2), (0.5, 0.8)])
    qtbot.waitUntil(lambda: window.input_view.pixels() is not None)
    assert window.prediction_view.digit() is None
    assert window.prediction_view.headline() == "No model loaded"
    assert window.save_model() is False and messages[0][0] == "information"


def test_starts_with_the_default_model(make_window, monkeypatch, model_file):
    monkeypatch.setattr(pretrained, "default_model_path", lambda: model_file)
    window = make_window()
    assert window.load_startup_model()
    assert window.network() is not None
    assert "default" in window.model_info.toPlainText()


def test_remembers_settings_and_the_last_model(qtbot, make_window, model_file, settings):
    first = make_window()
    first.pen_slider.setValue(30)
    first.set_threshold(0.8)
    first.overlay_action.setChecked(True)
    first.main_splitter.setSizes([420, 680])
    assert first.open_model(model_file)
    first.close()

    second = make_window()
    assert second.pen_slider.value() == 30
    assert second.canvas.pen_fraction() == pytest.approx(30 / 280)
    assert second.prediction_view.threshold() == pytest.approx(0.8)
    assert second.overlay_action.isChecked()
    assert abs(second.main_splitter.sizes()[0] - 420) <= 10
    assert second.load_startup_model()
    assert second.model_path() == Path(str(model_file.resolve()))
    assert second.recent_models()[0] == str(model_file.resolve())


def test_recent_models_menu(window, model_file, qtbot):
    window.open_model(model_file)
    window._fill_recent_menu()
    actions = [a for a in window.recent_menu.actions() if a.data()]
    assert [a.text() for a in actions] == ["digits.npz"]
    window.set_network(small_network(), "other")
    actions[0].trigger()
    assert window.model_path() == model_file


def test_the_bundled_model_can_be_opened_again(window, model_file, monkeypatch, messages,
                                               tmp_path):
    bundled = tmp_path / "resources" / "default_model.npz"
    bundled.parent.mkdir()
    save_model(bundled, small_network(seed=7))
    monkeypatch.setattr(pretrained, "default_model_path", lambda: bundled)
    window.open_model(model_file)
    assert window.open_bundled_action in window.menuBar().actions()[0].menu().actions()
    window.open_bundled_action.trigger()
    np.testing.assert_array_equal(window.network().weights[0], small_network(seed=7).weights[0])
    assert window.model_path() == bundled and "bundled" in window.file_label.text()
    window._fill_recent_menu()
    texts = [a.text() for a in window.recent_menu.actions() if a.data()]
    assert texts == ["Bundled model (default_model.npz)", "digits.npz"]
    # opened from the list too, it is never written back to: Save asks for a new file
    window.open_model(model_file)
    [a for a in window.recent_menu.actions() if a.data() == str(bundled.resolve())][0].trigger()
    assert window.model_path() == bundled
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: asked.append(a[2]) or ("", "")))
    window.save_action.trigger()
    assert asked and Path(asked[0]).parent != bundled.parent
    # ... and the Open dialog starts in the folder last used, not beside the bundled model
    opened = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: opened.append((a[2], a[3])) or ("", "")))
    window.open_action.trigger()
    assert Path(opened[0][0]) == model_file.parent
    assert model_files.save_filter() in opened[0][1]
    # a missing bundled model: a message, and the current model stays
    monkeypatch.setattr(pretrained, "default_model_path", lambda: tmp_path / "gone.npz")
    assert window.open_bundled_model() is False
    assert messages[-1][0] == "warning" and window.model_path() == bundled


def test_model_page_describes_the_model(window):
    net = small_network()
    net.metadata = {"test_accuracy": 0.9731, "hyperparameters": {"eta": 0.1, "epochs": 5},
                    "history": {"test_accuracy": [0.9, 0.95, 0.9731]}}
    window.set_network(net, "a described model")
    text = window.model_info.toPlainText()
    assert "784-16-10" in text and "97.31%" in text and "Learning rate η" in text
    assert "0.1" in text and "Epochs planned" in text and "3 epochs" in text
    assert "eta" not in text        # entries as a person reads them, not raw keys


# -- the Train page --------------------------------------------------------------------------------

def test_the_train_page_has_a_placeholder_until_a_panel_is_set(window, qtbot, model_file,
                                                               trained_network):
    assert window.tabs.tabText(0) == "Train"
    assert "Training will appear here" in window.train_placeholder.text()
    panel = QWidget()
    window.set_training_panel(panel)
    assert window.training_panel() is panel and window.train_placeholder.isHidden()
    # a run's network becomes the model in use, and the window says where it came from
    state = window.session.state
    state.run_started()
    trained = trained_network.copy()
    state.publish(trained, "training: epoch 1")
    assert window.network() is trained and window.model_path() is None
    assert "training: epoch 1" in window.file_label.text() and "*" in window.file_label.text()
    stroke(window.canvas, [(0.5, 0.15), (0.5, 0.85)])
    qtbot.waitUntil(lambda: window.prediction_view.digit() == 1)
    state.run_ended("error")        # nothing kept: the model from before the run comes back
    assert window.network() is None and not state.has_unsaved


def test_the_real_training_panel_is_assembled(qtbot, settings, no_default_model):
    from desktop_bp.ui.app import build_window
    window = build_window(settings)
    qtbot.addWidget(window)
    panel = window.training_panel()
    assert panel is not None and panel.session is window.session
    assert window.train_placeholder.isHidden()
    window.close()


def test_the_chosen_mnist_folder_is_used_again_next_time(qtbot, settings, no_default_model,
                                                        tmp_path, monkeypatch):
    from desktop_bp.core import mnist, paths
    from desktop_bp.ui.app import build_window
    folder = tmp_path / "my-mnist"
    folder.mkdir()
    monkeypatch.setattr(mnist, "mnist_available", lambda path=None: True)
    first = build_window(settings)
    qtbot.addWidget(first)
    assert first.training_panel().mnist.choose_folder(str(folder))
    first.close()
    # remembered where the command line looks too
    assert paths.remembered_mnist_folder() == folder


# -- the app ---------------------------------------------------------------------------------------

def run_python(code, env_changes, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in env_changes or env_changes[k] is not None}
    env.update({k: v for k, v in env_changes.items() if v is not None})
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    # the app speaks the system's language at first start: English here, whatever the machine's
    env.pop("LANGUAGE", None)
    env.update({"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"})
    return subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)


def test_app_main_opens_the_window_and_remembers_it(tmp_path):
    code = (
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from desktop_bp.ui import main_window, app\n"
        "shown = main_window.MainWindow.show\n"
        "def show(self):\n"
        "    shown(self)\n"
        "    print('TITLE', self.windowTitle(), 'PANEL', self.training_panel() is not None)\n"
        "    QTimer.singleShot(50, self.close)\n"
        "main_window.MainWindow.show = show\n"
        "raise SystemExit(app.main([]))\n")
    home = tmp_path / "home"
    result = run_python(code, {"QT_QPA_PLATFORM": "offscreen", "DESKTOP_BP_HOME": str(home)},
                        tmp_path)
    assert result.returncode == 0, result.stderr
    assert "TITLE" in result.stdout
    settings_files = list(home.rglob("*.ini"))
    assert settings_files and "geometry" in settings_files[0].read_text()


def test_app_main_without_a_display_explains_instead_of_crashing(tmp_path):
    if sys.platform in ("win32", "darwin"):
        pytest.skip("only Linux needs a display server")
    result = run_python("from desktop_bp.ui.app import main; raise SystemExit(main([]))",
                        {"QT_QPA_PLATFORM": None, "DISPLAY": None, "WAYLAND_DISPLAY": None,
                         "DESKTOP_BP_HOME": str(tmp_path)}, tmp_path)
    assert result.returncode == 1
    assert "no display" in result.stderr


def test_missing_xcb_libraries_are_named_with_their_packages():
    from desktop_bp.ui.app import display_problem

    def loader(name):
        if "cursor" in name or "icccm" in name:
            raise OSError(f"{name}: cannot open shared object file")

    message = display_problem({"DISPLAY": ":0"}, "linux", loader)
    assert "libxcb-cursor0" in message and "libxcb-icccm4" in message
    assert "apt-get install" in message and "libxkbcommon-x11-0" in message
    assert display_problem({"DISPLAY": ":0"}, "linux", lambda name: None) is None
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, "linux", loader) is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, "linux", loader) is None
    assert display_problem({}, "win32", loader) is None


def test_an_unreachable_x_display_is_explained():
    from desktop_bp.ui.app import display_problem

    class Function:
        def __init__(self, result):
            self.result = result

        def __call__(self, *args):
            return self.result

    class FakeXcb:
        """libxcb whose connections all fail, as with DISPLAY pointing at no server."""
        xcb_connect = Function(1234)
        xcb_connection_has_error = Function(1)
        xcb_disconnect = Function(None)

    def loader(name):
        return FakeXcb() if name == "libxcb.so.1" else object()

    message = display_problem({"DISPLAY": ":55"}, "linux", loader)
    assert message is not None and "cannot connect to the X display ':55'" in message
    FakeXcb.xcb_connection_has_error = Function(0)
    assert display_problem({"DISPLAY": ":55"}, "linux", loader) is None


# -- the window and the real training panel ---------------------------------------------------------

def _panel_window(make_window, tmp_path, qtbot):
    rng = np.random.default_rng(0)
    data = tuple((rng.random((n, 784), dtype=np.float32), rng.integers(0, 10, n))
                 for n in (300, 60, 60))
    window = make_window(recovery=checkpoint.Recovery(tmp_path / "recovery"))
    panel = TrainingPanel(window.session, data=data)
    window.set_training_panel(panel)
    window.about_to_close.connect(panel.shutdown)
    panel.apply_preset("book")
    panel.form.hidden_edit.setText("12")
    panel.form.epochs_spin.setValue(1)
    panel.form.seed_edit.setText("3")
    return window, panel


def test_quitting_with_an_unsaved_trained_network_asks_first(make_window, tmp_path, qtbot,
                                                            prompts, monkeypatch):
    window, panel = _panel_window(make_window, tmp_path, qtbot)
    with qtbot.waitSignal(panel.controller.finished, timeout=20000):
        assert panel.start()
    qtbot.waitUntil(lambda: not panel.session.state.run_active, timeout=5000)
    # the window recognises with the trained network, which carries its settings
    assert window.network().metadata["hyperparameters"]["sizes"] == [784, 12, 10]
    assert "How it was trained" in window.model_info.toHtml()
    prompts.answers.append(QMessageBox.StandardButton.Cancel)
    assert not window.close() and window.isVisible()
    assert "is not saved" in prompts.shown[-1][1] and "quitting" in prompts.shown[-1][1]
    # Save: the file becomes the window's model, with its test accuracy in the status bar
    target = tmp_path / "mine.npz"
    proposed = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: proposed.append(Path(args[2]))
                                     or (str(target), "")))
    prompts.answers.append(QMessageBox.StandardButton.Save)
    assert window.close()
    assert proposed[0].parent == model_files.documents_folder()
    assert proposed[0].name.startswith("784-12-10-sigmoid-") and proposed[0].suffix == ".npz"
    assert window.model_path() == target and window.file_label.text() == "mine.npz"
    accuracy = load_model(target).metadata["test_accuracy"]
    assert window.accuracy_label.text() == f"test accuracy {100 * accuracy:.2f}%"
    assert len(prompts.shown) == 2


@pytest.mark.filterwarnings("ignore::RuntimeWarning")   # the engine's float32 overflow
def test_a_diverged_run_gives_the_window_its_previous_model_back(make_window, tmp_path, qtbot,
                                                                 prompts, messages, model_file):
    window, panel = _panel_window(make_window, tmp_path, qtbot)
    assert window.open_model(model_file)
    before = window.network()
    panel.form.fresh_radio.setChecked(True)
    panel.form.activation_combo.setCurrentText("relu")
    panel.form.cost_combo.setCurrentText("log-likelihood")
    panel.form.eta_edit.setText("1e20")
    with qtbot.waitSignal(panel.controller.finished, timeout=20000) as blocker:
        assert panel.start()
    assert blocker.args[0].reason == "diverged"
    qtbot.waitUntil(lambda: not panel.session.state.run_active, timeout=5000)
    assert window.network() is before and window.model_path() == Path(model_file)
    assert window.file_label.text() == Path(model_file).name
    # the message names it
    assert any("Nothing of this run is kept; the model in use is" in text
               and Path(model_file).name in text for kind, title, text in messages), messages
    assert window.close()       # nothing unsaved: no question
    assert not prompts.shown


def test_discarding_the_trained_network_gives_the_window_its_previous_model_back(
        make_window, tmp_path, qtbot, prompts, model_file):
    window, panel = _panel_window(make_window, tmp_path, qtbot)
    assert window.open_model(model_file)
    before = window.network()
    panel.form.fresh_radio.setChecked(True)
    with qtbot.waitSignal(panel.controller.finished, timeout=20000):
        assert panel.start()
    qtbot.waitUntil(lambda: not panel.session.state.run_active, timeout=5000)
    assert window.network() is not before and panel.has_unsaved_network
    # a new run, and the unsaved network let go: the window no longer recognises with it
    prompts.answers.append(QMessageBox.StandardButton.Discard)
    panel.form.epochs_spin.setValue(1)
    with qtbot.waitSignal(panel.controller.finished, timeout=20000):
        assert panel.start()
        assert window.network() is before and window.model_path() == Path(model_file)
    qtbot.waitUntil(lambda: not panel.session.state.run_active, timeout=5000)
    prompts.answers.append(QMessageBox.StandardButton.Discard)     # the second run's network
    assert window.close()


def test_file_save_of_the_trained_network_counts_as_saved(make_window, tmp_path, qtbot, prompts,
                                                          monkeypatch):
    window, panel = _panel_window(make_window, tmp_path, qtbot)
    with qtbot.waitSignal(panel.controller.finished, timeout=20000):
        assert panel.start()
    qtbot.waitUntil(lambda: not panel.session.state.run_active, timeout=5000)
    assert panel.has_unsaved_network
    target = tmp_path / "from-the-menu.npz"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(target), "")))
    window.save_action.trigger()
    assert target.is_file() and not panel.has_unsaved_network
    assert window.close()       # nothing unsaved: no question
    assert not prompts.shown
