"""The main window: the canvas beside what the network sees and answers, and a "Train" page.

Layout (a layout that reads at 1280x800 and grows on a large screen)::

    +--------------------------------+----------------------------------+
    | canvas (square, scales)        |  [ Train | Model ]  tabs         |
    | pen width, undo, clear, overlay|                                   |
    +------------------+-------------+   the training panel, or a        |
    | 28x28 input view | prediction  |   placeholder when it is missing  |
    +------------------+-------------+----------------------------------+
    status bar: architecture · test accuracy · file

The window is where the maths meets the widgets: it runs
:func:`desktop_bp.core.preprocess.preprocess` on the canvas and the network's ``feedforward``,
then hands the results to the widgets, which only draw. Predictions while drawing are coalesced
by a single-shot timer (at most one per ~16 ms, a frame), so drawing stays smooth.

Wiring for the training panel (issue "Watch it learn"):

- :meth:`MainWindow.set_training_panel` puts a widget on the "Train" page. At start-up the window
  tries ``desktop_bp.ui.training_panel.TrainingPanel()`` itself; a placeholder remains when that
  module is missing.
- The panel's signal ``network_changed(object, str)`` (a copy of the weights being trained and a
  label) is connected to :meth:`MainWindow.set_trained_network`, so the canvas recognises with
  the latest epoch's weights.
- The panel's slot ``set_loaded_network(net, source_label)`` receives every model opened from a
  file or loaded at start (:attr:`MainWindow.model_loaded`): to continue training it, or to plot
  its stored history.
- The panel's signal ``model_saved(str)`` adds the saved file to the recent models.
- The panel's ``running_changed(True)`` makes the window remember its model; the panel's
  ``diverged(str)`` gives it back (:meth:`MainWindow.restore_model_before_training`), and so
  does its ``network_discarded()`` while the window still uses the discarded network.
- The panel's ``suggest_save_path`` is set to :meth:`MainWindow.suggested_save_path`, so its Save
  dialog starts where the window's does.
- When the window closes, the panel's ``confirm_close()`` may keep it open (a run going on, an
  unsaved network); then its ``shutdown()`` stops the worker and waits for it.
- :attr:`MainWindow.network_changed` is emitted with the Network (or None) on every change.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from PySide6.QtCore import QSettings, QStandardPaths, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSlider,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_bp import __version__
from desktop_bp.core.preprocess import preprocess
from desktop_bp.ui.canvas import DEFAULT_PEN_FRACTION, DrawingCanvas
from desktop_bp.ui.prediction import DEFAULT_THRESHOLD, InputView, PredictionView

APP_TITLE = "desktop-bp"
SAVE_FILTER = "desktop-bp models (*.npz)"
MODEL_FILTER = ("Model files (*.npz *.json);;" + SAVE_FILTER
                + ";;network2.py JSON (*.json);;All files (*)")
MAX_RECENT = 8
PREDICT_INTERVAL_MS = 16          # one frame at 60 Hz: predictions are coalesced to this rate
BUNDLED_LABEL = "bundled default model"
PEN_REFERENCE = 280               # the pen slider is in pixels on a 280-pixel canvas


def _model_error_types():
    from desktop_bp.core.persistence import ModelFileError
    return (ModelFileError, OSError)


class MainWindow(QMainWindow):
    """The app's main window. ``settings``: a QSettings to remember geometry, splitters, models
    and options in (default: ``QSettings()`` of the application's organisation and name).
    ``with_training_panel``: build ``TrainingPanel`` when its module is there (tests of the
    drawing side pass False, or give their own widget to :meth:`set_training_panel`).

    Signals: ``network_changed(object)`` on every change of the network used for predictions;
    ``model_loaded(object, str)`` (network, label) when a model is opened from a file or loaded at
    start.
    """

    network_changed = Signal(object)
    model_loaded = Signal(object, str)

    def __init__(self, settings=None, parent=None, *, with_training_panel=True):
        super().__init__(parent)
        self._settings = settings if settings is not None else QSettings()
        self._net = None
        self._path = None             # the file the current model was read from / saved to
        self._saveable_path = False   # whether "Save" may write back to _path
        self._source = ""             # a short label for where the model came from
        self._training_panel = None
        self._last_preprocessed = None
        self._before_training = None  # (net, path, saveable, source) when the last run began
        self._from_training = False   # the network in use came from the training panel

        self.setWindowTitle(APP_TITLE)
        self.setAcceptDrops(True)
        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self._predict_timer = QTimer(self)
        self._predict_timer.setSingleShot(True)
        self._predict_timer.setInterval(PREDICT_INTERVAL_MS)
        self._predict_timer.timeout.connect(self.update_prediction)
        self.canvas.changed.connect(self._schedule_prediction)
        self.canvas.stroke_finished.connect(self.update_prediction)
        self._restore_settings()
        if with_training_panel:
            self._install_training_panel()
        self._show_model_info()

    # -- construction ----------------------------------------------------------------------------

    def _build_widgets(self):
        self.canvas = DrawingCanvas()
        self.input_view = InputView()
        self.prediction_view = PredictionView()

        self.pen_slider = QSlider(Qt.Orientation.Horizontal)
        self.pen_slider.setRange(6, 40)
        self.pen_slider.setValue(round(DEFAULT_PEN_FRACTION * PEN_REFERENCE))
        self.pen_slider.setToolTip("Pen width (pixels on a 280-pixel canvas)")
        self.pen_slider.setMaximumWidth(160)
        self.pen_slider.valueChanged.connect(self._pen_changed)
        self.undo_button = QToolButton()
        self.clear_button = QToolButton()
        self.overlay_check = QCheckBox("Show preprocessing")
        self.overlay_check.setToolTip("Show the bounding box and the centre of mass the "
                                      "preprocessing finds (Ctrl+B)")

        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(QLabel("Pen"))
        controls.addWidget(self.pen_slider)
        controls.addSpacing(8)
        controls.addWidget(self.undo_button)
        controls.addWidget(self.clear_button)
        controls.addSpacing(8)
        controls.addWidget(self.overlay_check)
        controls.addStretch(1)

        canvas_box = QWidget()
        canvas_layout = QVBoxLayout(canvas_box)
        canvas_layout.setContentsMargins(0, 0, 0, 0)
        canvas_layout.addWidget(self.canvas, 1)
        canvas_layout.addLayout(controls)

        input_group = QGroupBox("Network input, 28 × 28")
        QVBoxLayout(input_group).addWidget(self.input_view)
        prediction_group = QGroupBox("Prediction")
        prediction_layout = QVBoxLayout(prediction_group)
        prediction_layout.addWidget(self.prediction_view, 1)
        # how good the network is, beside how sure it is: a network at chance level can still
        # be "100% sure"
        self.network_quality_label = QLabel()
        self.network_quality_label.setWordWrap(True)
        self.network_quality_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        small = self.network_quality_label.font()
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
        self.network_quality_label.setFont(small)
        prediction_layout.addWidget(self.network_quality_label)
        answer_box = QWidget()
        answer_layout = QHBoxLayout(answer_box)
        answer_layout.setContentsMargins(0, 0, 0, 0)
        answer_layout.addWidget(input_group, 2)
        answer_layout.addWidget(prediction_group, 3)

        self.left_splitter = QSplitter(Qt.Orientation.Vertical)
        self.left_splitter.setObjectName("left_splitter")
        self.left_splitter.addWidget(canvas_box)
        self.left_splitter.addWidget(answer_box)
        self.left_splitter.setStretchFactor(0, 3)
        self.left_splitter.setStretchFactor(1, 1)
        self.left_splitter.setChildrenCollapsible(False)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # The Train page scrolls rather than forcing the window wider than the screen when the
        # panel's minimum size is larger than the space left beside the canvas.
        self.train_page = QWidget()
        QVBoxLayout(self.train_page).setContentsMargins(0, 0, 0, 0)
        self.train_scroll = QScrollArea()
        self.train_scroll.setWidgetResizable(True)
        self.train_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.train_scroll.setWidget(self.train_page)
        self.train_placeholder = QLabel(
            "Training will appear here: set up a network, press Start and watch the cost fall "
            "and the gradients change, epoch by epoch.")
        self.train_placeholder.setWordWrap(True)
        self.train_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.train_page.layout().addWidget(self.train_placeholder)
        self.model_info = QTextBrowser()
        self.model_info.setOpenExternalLinks(False)
        self.tabs.addTab(self.train_scroll, "Train")
        self.tabs.addTab(self.model_info, "Model")

        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("main_splitter")
        self.main_splitter.addWidget(self.left_splitter)
        self.main_splitter.addWidget(self.tabs)
        self.main_splitter.setStretchFactor(0, 2)
        self.main_splitter.setStretchFactor(1, 3)
        self.setCentralWidget(self.main_splitter)

    def _action(self, text, slot, shortcuts=(), tip=None, checkable=False):
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if tip:
            action.setStatusTip(tip)
        action.setCheckable(checkable)
        (action.toggled if checkable else action.triggered).connect(slot)
        self.addAction(action)     # shortcuts work whichever widget has the focus
        return action

    def _build_actions(self):
        K = QKeySequence.StandardKey
        self.open_action = self._action("&Open model…", self.open_model_dialog, [K.Open],
                                        "Open a model file (.npz, or network2.py JSON)")
        self.open_bundled_action = self._action(
            "Open &bundled model", self.open_bundled_model,
            tip="Go back to the model that comes with the app")
        self.save_action = self._action("&Save model", self.save_model, [K.Save],
                                        "Save the current model")
        self.save_as_action = self._action("Save model &as…", self.save_model_as,
                                           ["Ctrl+Shift+S"], "Save the current model to a new file")
        self.quit_action = self._action("&Quit", self.close, ["Ctrl+Q"])
        self.undo_action = self._action("&Undo stroke", self.canvas.undo, [K.Undo],
                                        "Remove the last stroke")
        self.clear_action = self._action("&Clear canvas", self.canvas.clear, ["Esc", "Delete"],
                                         "Remove every stroke")
        self.overlay_action = self._action("Show what &preprocessing sees", self._set_overlay,
                                           ["Ctrl+B"], "Bounding box and centre of mass on the "
                                           "canvas", checkable=True)
        self.threshold_action = self._action("&Confidence threshold…", self.ask_threshold,
                                             tip="Below this output activation the answer is "
                                                 "'not sure'")
        self.about_action = self._action("&About desktop-bp", self.show_about)
        self.about_qt_action = self._action("About &Qt", QApplication.aboutQt)
        self.undo_button.setDefaultAction(self.undo_action)
        self.clear_button.setDefaultAction(self.clear_action)
        self.undo_button.setText("Undo")
        self.clear_button.setText("Clear")
        self.overlay_check.toggled.connect(self.overlay_action.setChecked)
        self.overlay_action.toggled.connect(self.overlay_check.setChecked)

    def _build_menus(self):
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.open_action)
        file_menu.addAction(self.open_bundled_action)
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Canvas")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.clear_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.overlay_action)
        edit_menu.addAction(self.threshold_action)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about_action)
        help_menu.addAction(self.about_qt_action)

    def _build_status_bar(self):
        self.arch_label = QLabel()
        self.accuracy_label = QLabel()
        self.file_label = QLabel()
        for label in (self.arch_label, self.accuracy_label, self.file_label):
            label.setContentsMargins(8, 0, 8, 0)
        self.arch_label.setToolTip("The loaded network: layer sizes, activation, cost")
        status = self.statusBar()
        status.addPermanentWidget(self.arch_label)
        status.addPermanentWidget(self.accuracy_label)
        status.addPermanentWidget(self.file_label)

    # -- settings --------------------------------------------------------------------------------

    def _restore_settings(self):
        s = self._settings
        geometry = s.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            screen = QApplication.primaryScreen()
            if screen is not None:
                available = screen.availableGeometry()
                self.resize(min(1500, int(0.94 * available.width())),
                            min(950, int(0.94 * available.height())))
            else:
                self.resize(1200, 760)
        for splitter in (self.main_splitter, self.left_splitter):
            state = s.value(f"window/{splitter.objectName()}")
            if state is not None:
                splitter.restoreState(state)
        # without saved positions, the splitters are laid out when the window's size is known
        self._default_splitters = (s.value("window/main_splitter") is None,
                                   s.value("window/left_splitter") is None)
        pen = _to_int(s.value("canvas/pen_width"), self.pen_slider.value())
        self.pen_slider.setValue(pen)
        self._pen_changed(self.pen_slider.value())
        self.overlay_action.setChecked(_to_bool(s.value("canvas/overlay"), False))
        self.prediction_view.set_threshold(
            _to_float(s.value("prediction/threshold"), DEFAULT_THRESHOLD))

    def save_settings(self):
        s = self._settings
        s.setValue("window/geometry", self.saveGeometry())
        for splitter in (self.main_splitter, self.left_splitter):
            s.setValue(f"window/{splitter.objectName()}", splitter.saveState())
        s.setValue("canvas/pen_width", self.pen_slider.value())
        s.setValue("canvas/overlay", self.overlay_action.isChecked())
        s.setValue("prediction/threshold", self.prediction_view.threshold())
        s.sync()

    def recent_models(self):
        """Recently opened or saved model files, newest first (existing files only)."""
        try:
            paths = json.loads(self._settings.value("model/recent", "[]") or "[]")
        except (TypeError, ValueError):
            paths = []
        return [p for p in paths if isinstance(p, str) and Path(p).is_file()]

    def _remember(self, path):
        path = str(Path(path).resolve())
        recent = [p for p in self.recent_models() if p != path]
        self._settings.setValue("model/recent", json.dumps([path] + recent[:MAX_RECENT - 1]))
        self._settings.setValue("model/last_path", path)
        if not _is_bundled(path):       # the user's own folder, for the next Save dialog
            self._settings.setValue("model/last_folder", str(Path(path).parent))

    def model_folder(self):
        """Where Save dialogs start: the folder of the last model opened or saved, else the
        user's Documents folder."""
        folder = self._settings.value("model/last_folder")
        if isinstance(folder, str) and folder and Path(folder).is_dir():
            return Path(folder)
        return documents_folder()

    def suggested_save_path(self, net):
        """The Save dialog's proposal for ``net``: :func:`model_file_name` in
        :meth:`model_folder`."""
        return self.model_folder() / model_file_name(net)

    def _fill_recent_menu(self):
        self.recent_menu.clear()
        recent = self.recent_models()
        for path in recent:
            name = Path(path).name
            action = self.recent_menu.addAction(
                f"Bundled model ({name})" if _is_bundled(path) else name)
            action.setStatusTip(path)
            action.setData(path)
            action.triggered.connect(self._open_recent)
        if not recent:
            self.recent_menu.addAction("(none)").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear list", self._clear_recent)

    @Slot()
    def _open_recent(self):
        action = self.sender()
        if action is not None and action.data():
            self.open_model(action.data())

    @Slot()
    def _clear_recent(self):
        self._settings.setValue("model/recent", "[]")

    # -- the model -------------------------------------------------------------------------------

    def network(self):
        """The Network used for predictions (None when no model is loaded)."""
        return self._net

    def model_path(self):
        """The file the current model came from or was last saved to (None if none)."""
        return self._path

    @Slot(object)
    @Slot(object, str)
    def set_network(self, net, source_label="", path=None, saveable=False):
        """Use ``net`` for predictions from now on. ``source_label`` says where it came from
        (shown in the status bar when there is no file); ``path`` is its file, if any, and
        ``saveable`` whether Save may write back to that file."""
        self._net = net
        self._from_training = False
        self._path = None if path is None else Path(path)
        self._saveable_path = bool(saveable and path is not None)
        self._source = source_label or ("" if path is None else Path(path).name)
        self._show_model_info()
        self.update_prediction()
        self.network_changed.emit(net)

    @Slot(object)
    @Slot(object, str)
    def set_trained_network(self, net, label=""):
        """A network from the training panel (a copy of the weights being trained): predictions
        use it from now on; Save asks for a file name."""
        self.set_network(net, label or "trained in this window")
        self._from_training = True

    @Slot(str)
    def note_saved_model(self, path):
        """A model file saved elsewhere (the training panel): listed among the recent models,
        and when it holds the network in use, that file becomes the current model's file (its
        name, settings and test accuracy are then shown as for an opened model)."""
        if not path:
            return
        self._remember(path)
        from desktop_bp.core.persistence import load_any
        try:
            saved = load_any(path)
        except _model_error_types():
            return
        if self._net is not None and _same_parameters(saved, self._net):
            self.set_network(saved, path=path, saveable=Path(path).suffix.lower() == ".npz")

    def open_model(self, path):
        """Load a model file and use it. On failure show a message box, keep the current model
        and return False."""
        from desktop_bp.core.persistence import load_any

        try:
            net = load_any(path)
        except _model_error_types() as exc:
            QMessageBox.warning(self, "Cannot open the model",
                                f"The file could not be opened as a model:\n\n{exc}\n\n"
                                "The current model stays loaded.")
            return False
        except Exception as exc:            # an unexpected bug must not take the window down
            QMessageBox.critical(self, "Cannot open the model",
                                 f"Unexpected error while reading {path}:\n\n{exc!r}")
            return False
        self._remember(path)
        if _is_bundled(path):
            self.set_network(net, BUNDLED_LABEL, path=path)
        else:
            self.set_network(net, path=path, saveable=Path(path).suffix.lower() == ".npz")
        self.model_loaded.emit(net, self._source)
        self.statusBar().showMessage(f"Opened {path}", 5000)
        return True

    @Slot()
    def open_bundled_model(self):
        """Use the model that comes with the app again (it is then listed in Open recent).
        Returns True when it was loaded."""
        from desktop_bp.core.pretrained import default_model_path, load_default_model
        try:
            net = load_default_model()
        except _model_error_types() as exc:
            QMessageBox.warning(self, "Cannot open the bundled model",
                                f"{exc}\n\nThe current model stays loaded.")
            return False
        path = default_model_path()
        self._remember(path)
        self.set_network(net, BUNDLED_LABEL, path=path)
        self.model_loaded.emit(net, self._source)
        self.statusBar().showMessage("Opened the bundled model", 5000)
        return True

    def load_startup_model(self):
        """The last model used, else the bundled default; returns True when one was loaded."""
        from desktop_bp.core.persistence import load_any
        from desktop_bp.core.pretrained import default_model_path, load_default_model

        last = self._settings.value("model/last_path")
        if last and Path(str(last)).is_file():
            try:
                net = load_any(last)
            except _model_error_types():
                pass
            else:
                if _is_bundled(last):
                    self.set_network(net, BUNDLED_LABEL, path=last)
                else:
                    self.set_network(net, path=last,
                                     saveable=Path(str(last)).suffix.lower() == ".npz")
                self.model_loaded.emit(net, self._source)
                return True
        try:
            net = load_default_model()
        except _model_error_types() as exc:
            self.set_network(None)
            self.statusBar().showMessage(f"No model loaded: {exc}")
            return False
        self.set_network(net, BUNDLED_LABEL, path=default_model_path())
        self.model_loaded.emit(net, self._source)
        return True

    @Slot()
    def open_model_dialog(self):
        # the folder of the current model, unless it is the bundled one (inside the installed
        # package): then the folder last used, else Documents
        if self._path is not None and not _is_bundled(self._path):
            start = str(self._path.parent)
        else:
            start = str(self.model_folder())
        path, _ = QFileDialog.getOpenFileName(self, "Open model", start, MODEL_FILTER)
        if path:
            self.open_model(path)

    @Slot()
    def save_model(self):
        """Save to the current file when it is the user's own .npz, else ask for a name."""
        if self._path is not None and self._saveable_path:
            return self.save_model_to(self._path)
        return self.save_model_as()

    @Slot()
    def save_model_as(self):
        if self._net is None:
            QMessageBox.information(self, "Nothing to save", "No model is loaded.")
            return False
        if self._saveable_path:
            start = str(self._path.with_suffix(".npz"))
        else:
            start = str(self.suggested_save_path(self._net))
        path, _ = QFileDialog.getSaveFileName(self, "Save model as", start, SAVE_FILTER)
        if not path:
            return False
        if Path(path).suffix.lower() != ".npz":
            path += ".npz"
        return self.save_model_to(path)

    def save_model_to(self, path):
        """Save the current model as ``path`` (.npz); a message box on failure."""
        from desktop_bp.core.persistence import save_model

        if self._net is None:
            QMessageBox.information(self, "Nothing to save", "No model is loaded.")
            return False
        try:
            save_model(path, self._net)
        except (OSError, ValueError, TypeError) as exc:
            QMessageBox.critical(self, "Cannot save the model", f"Saving to {path} failed:\n\n{exc}")
            return False
        self._path = Path(path)
        self._saveable_path = True
        self._source = self._path.name
        self._remember(path)
        # the network trained on the Train page, saved from here, is no longer "unsaved"
        note_saved = getattr(self._training_panel, "note_saved_elsewhere", None)
        if callable(note_saved):
            note_saved(self._net, path)
        self._show_model_info()
        self.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    def _show_model_info(self):
        net = self._net
        if net is None:
            self.arch_label.setText("no model")
            self.accuracy_label.setText("")
            self.file_label.setText("")
            self.setWindowTitle(APP_TITLE)
            self.model_info.setHtml("<p>No model is loaded. Open one (Ctrl+O), drop a model file "
                                    "on the window, or train one on the Train page.</p>")
            self.prediction_view.set_message("No model loaded")
            self.network_quality_label.setText("")
            return
        meta = net.metadata or {}
        self._show_network_quality(meta)
        accuracy = meta.get("test_accuracy")
        self.arch_label.setText(net.describe())
        self.accuracy_label.setText("test accuracy " + (f"{100 * float(accuracy):.2f}%"
                                                        if isinstance(accuracy, (int, float))
                                                        else "unknown"))
        name = self._path.name if self._path is not None and self._saveable_path else self._source
        self.file_label.setText(name or "")
        self.file_label.setToolTip(str(self._path) if self._path else "")
        self.setWindowTitle(f"{name} — {APP_TITLE}" if name else APP_TITLE)
        self.model_info.setHtml(_model_html(net, self._path, self._source))

    def _show_network_quality(self, meta):
        """Under the prediction: the network's measured accuracy (test set, else validation
        set), so that a confident answer of a bad network is seen for what it is."""
        label = self.network_quality_label
        for key, where in (("test_accuracy", "test"), ("validation_accuracy", "validation")):
            accuracy = meta.get(key)
            if isinstance(accuracy, (int, float)) and np.isfinite(accuracy):
                text = f"This network: {100 * accuracy:.1f}% right on the {where} set"
                if accuracy < 0.5:     # short: more lines would crowd the bars above
                    text += " (guessing: 10%)"
                label.setText(text)
                label.setStyleSheet("color: #b05a00" if accuracy < 0.5 else "color: #555")
                return
        label.setText("This network: accuracy unknown")
        label.setStyleSheet("color: #555")

    # -- prediction ------------------------------------------------------------------------------

    @Slot()
    def _schedule_prediction(self):
        if not self._predict_timer.isActive():
            self._predict_timer.start()

    @Slot()
    def update_prediction(self):
        """Preprocess the canvas, run the network, and hand the results to the views."""
        self._predict_timer.stop()
        image = self.canvas.to_array()
        pre = None if self.canvas.is_empty() else preprocess(image)
        self._last_preprocessed = pre
        if pre is None:
            self.canvas.set_overlay(None)
            self.input_view.set_image(None)
        else:
            self.canvas.set_overlay(pre.bbox, pre.center_of_mass, pre.source_shape)
            self.input_view.set_image(pre.image)
        if self._net is None:
            self.prediction_view.set_message("No model loaded")
        elif pre is None:
            self.prediction_view.set_output(None)
        else:
            self.prediction_view.set_output(self._net.feedforward(pre.inputs)[0])

    def last_preprocessed(self):
        """The :class:`~desktop_bp.core.preprocess.Preprocessed` of the last prediction, or None."""
        return self._last_preprocessed

    # -- options ---------------------------------------------------------------------------------

    @Slot(int)
    def _pen_changed(self, value):
        self.canvas.set_pen_fraction(value / PEN_REFERENCE)

    @Slot(bool)
    def _set_overlay(self, visible):
        self.canvas.set_overlay_visible(visible)

    @Slot()
    def ask_threshold(self):
        value, ok = QInputDialog.getInt(
            self, "Confidence threshold",
            "Say \"not sure\" when the largest output activation is below (%):",
            round(100 * self.prediction_view.threshold()), 0, 100)
        if ok:
            self.set_threshold(value / 100)

    def set_threshold(self, threshold):
        self.prediction_view.set_threshold(threshold)
        self._settings.setValue("prediction/threshold", float(threshold))

    @Slot()
    def show_about(self):
        QMessageBox.about(
            self, "About desktop-bp",
            f"<h3>desktop-bp {__version__}</h3>"
            "<p>Draw a digit and watch a neural network name it; train the network on MNIST and "
            "watch backpropagation work: the cost, the gradients ∂C/∂w = a<sub>in</sub>·δ<sub>out"
            "</sub> and the four equations BP1–BP4 of Michael Nielsen's <i>Neural Networks and "
            "Deep Learning</i>, chapter 2.</p><p>NumPy engine, PySide6 and pyqtgraph. MIT licence."
            " MNIST: Yann LeCun, Corinna Cortes and Christopher J. C. Burges (CC BY-SA 3.0).</p>")

    # -- the training panel ----------------------------------------------------------------------

    def _install_training_panel(self):
        try:
            from desktop_bp.ui.training_panel import TrainingPanel
        except ImportError:
            return
        folder = self._settings.value("data/mnist_folder")
        folder = folder if isinstance(folder, str) and Path(folder).is_dir() else None
        try:
            panel = TrainingPanel(mnist_path=folder)
        except Exception as exc:          # keep the window usable if the panel cannot start
            self.train_placeholder.setText(f"The training panel could not start:\n{exc!r}")
            return
        self.set_training_panel(panel)

    def training_panel(self):
        return self._training_panel

    def set_training_panel(self, widget):
        """Put ``widget`` on the "Train" page (replacing the placeholder or a previous panel) and
        connect it by the protocol in this module's docstring."""
        layout = self.train_page.layout()
        for old in (self.train_placeholder, self._training_panel):
            if old is not None and old is not widget:
                layout.removeWidget(old)
                old.hide()
        self._training_panel = widget
        layout.addWidget(widget)
        widget.show()
        # whichever of these signals the widget has (a placeholder has none)
        for name, slot in (("network_changed", self.set_trained_network),
                           ("running_changed", self._training_running),
                           ("diverged", self.restore_model_before_training),
                           ("network_discarded", self._trained_network_discarded),
                           ("model_saved", self.note_saved_model),
                           ("mnist_folder_chosen", self.remember_mnist_folder)):
            signal = getattr(widget, name, None)
            if signal is not None and hasattr(signal, "connect"):
                signal.connect(slot)
        if hasattr(widget, "suggest_save_path"):
            widget.suggest_save_path = self.suggested_save_path
        receiver = getattr(widget, "set_loaded_network", None)
        if callable(receiver):
            self.model_loaded.connect(receiver)
            if self._net is not None:
                receiver(self._net, self._source)

    @Slot(bool)
    def _training_running(self, running):
        if running:     # remembered, to go back to if the run diverges
            self._before_training = (self._net, self._path, self._saveable_path, self._source)

    @Slot()
    def _trained_network_discarded(self):
        """The person let the panel's unsaved network go: if the window still recognises with
        it, it goes back to the model it had before that run."""
        if self._from_training:
            self._back_to_model_before_training("The trained network was discarded")

    @Slot(str)
    def restore_model_before_training(self, message=""):
        """A run diverged: recognise with the model used before it began again (its file and
        label too), not with the run's weights."""
        self._back_to_model_before_training("Training diverged")

    def _back_to_model_before_training(self, why):
        """Recognise with the model (and its file and label) used when the last run began."""
        if self._before_training is None:
            return
        net, path, saveable, source = self._before_training
        self.set_network(net, source, path=path, saveable=saveable)
        self.statusBar().showMessage(f"{why}: back to {source or 'no model'}", 8000)

    @Slot(str)
    def remember_mnist_folder(self, folder):
        """The folder the user chose (or downloaded MNIST into) is used again next time."""
        self._settings.setValue("data/mnist_folder", str(folder))

    # -- events ----------------------------------------------------------------------------------

    def dragEnterEvent(self, event):
        if _dropped_file(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event):
        self.dragEnterEvent(event)

    def dropEvent(self, event):
        path = _dropped_file(event.mimeData())
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_model(path)

    def showEvent(self, event):
        super().showEvent(event)
        main_default, left_default = self._default_splitters
        self._default_splitters = (False, False)
        width, height = self.main_splitter.width(), self.main_splitter.height()
        if left_default:
            self.left_splitter.setSizes([max(200, height - 230), 230])
        if main_default:
            # the canvas column about as wide as the canvas is tall; the rest for training
            left = int(min(max(340, 0.3 * width), height - 280, 0.45 * width))
            # ... but never so wide that the Train page has to scroll sideways
            page = self.train_scroll.widget().minimumSizeHint().width()
            left = max(300, min(left, width - page - 16))
            self.main_splitter.setSizes([left, max(1, width - left)])

    def closeEvent(self, event):
        # a run going on or an unsaved trained network: ask first
        confirm = getattr(self._training_panel, "confirm_close", None)
        if callable(confirm) and not confirm():
            event.ignore()
            return
        shutdown = getattr(self._training_panel, "shutdown", None)
        if callable(shutdown):
            shutdown()
        self.save_settings()
        super().closeEvent(event)


# -- helpers -------------------------------------------------------------------------------------

def _dropped_file(mime):
    """The first local file among dropped URLs, or None."""
    if mime is None or not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile():
            return url.toLocalFile()
    return None


def documents_folder():
    """The user's Documents folder, or the home folder when there is none."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def model_file_name(net):
    """A file name that says what a model is: layer sizes, activation and test accuracy,
    e.g. ``784-30-10-sigmoid-94.8.npz``."""
    parts = ["-".join(str(s) for s in net.sizes), str(net.activation)]
    accuracy = (net.metadata or {}).get("test_accuracy")
    if isinstance(accuracy, (int, float)) and np.isfinite(accuracy):
        parts.append(f"{100 * accuracy:.1f}")
    return "-".join(parts) + ".npz"


def _is_bundled(path):
    """True when ``path`` is the bundled default model (never written back to)."""
    from desktop_bp.core.pretrained import default_model_path
    try:
        return Path(path).resolve() == Path(default_model_path()).resolve()
    except (OSError, TypeError, ValueError):
        return False


def _same_parameters(a, b):
    """True when networks ``a`` and ``b`` have the same layer sizes, weights and biases."""
    if list(a.sizes) != list(b.sizes):
        return False
    return all(np.array_equal(x, y) for x, y in zip(a.weights + a.biases, b.weights + b.biases))


def _to_int(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _to_float(value, default):
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def _to_bool(value, default):
    if value is None:
        return default
    if isinstance(value, str):
        return value.lower() in ("1", "true", "yes")
    return bool(value)


def _model_html(net, path, source):
    """A short HTML description of a model for the Model page."""
    from html import escape

    meta = dict(net.metadata or {})
    rows = [("Architecture", net.describe()),
            ("Layers", " → ".join(str(s) for s in net.sizes)),
            ("Parameters", f"{net.num_parameters:,} ({np.dtype(net.dtype).name})"),
            ("File", str(path) if path else "—"),
            ("Source", source or "—")]
    accuracy = meta.pop("test_accuracy", None)
    if isinstance(accuracy, (int, float)):
        rows.append(("Test accuracy", f"{100 * accuracy:.2f}%"))
    for key in ("created", "app_version"):
        if key in meta:
            rows.append((key.replace("_", " ").capitalize(), str(meta.pop(key))))
    hyper = meta.pop("hyperparameters", None)
    history = meta.pop("history", None)
    html = ["<table cellspacing='4'>"]
    html += [f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in rows]
    html.append("</table>")
    if isinstance(hyper, dict) and hyper:
        html.append("<h4>Hyper-parameters</h4><table cellspacing='4'>")
        html += [f"<tr><td>{escape(str(k))}</td><td>{escape(_short(v))}</td></tr>"
                 for k, v in hyper.items()]
        html.append("</table>")
    if isinstance(history, dict) and history:
        html.append("<h4>Training history</h4><table cellspacing='4'>")
        for key, values in history.items():
            if isinstance(values, list) and values:
                html.append(f"<tr><td>{escape(str(key))}</td><td>{len(values)} epochs, last "
                            f"{escape(_short(values[-1]))}</td></tr>")
        html.append("</table>")
    elif isinstance(history, list) and history:
        html.append(f"<h4>Training history</h4><p>{len(history)} epochs recorded.</p>")
    other = {k: v for k, v in meta.items() if not isinstance(v, (dict, list))}
    if other:
        html.append("<h4>Other information</h4><table cellspacing='4'>")
        html += [f"<tr><td>{escape(str(k))}</td><td>{escape(_short(v))}</td></tr>"
                 for k, v in other.items()]
        html.append("</table>")
    return "".join(html)


def _short(value, limit=80):
    text = f"{value:.4g}" if isinstance(value, float) else str(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"
