"""The main window: the canvas beside what the network sees and answers, and a "Train" page.

Layout (a layout that reads at 1280x800 and grows on a large screen)::

    +--------------------------------+----------------------------------+
    | canvas (square, scales)        |  [ Train | Model ]  tabs         |
    | pen width, undo, clear, overlay|                                   |
    +------------------+-------------+   the training panel, or a        |
    | 28x28 input view | prediction  |   placeholder when it is missing  |
    +------------------+-------------+----------------------------------+
    status bar: architecture · test accuracy · file

The window observes the :class:`~desktop_bp.ui.session.Session`: it predicts with the model in
use (``session.model``) and shows where it came from; opening, saving and quitting go through the
session, which asks before unsaved work is lost. The window runs
:func:`desktop_bp.core.preprocess.preprocess` on the canvas and the network's ``feedforward``,
then hands the results to the widgets, which only draw. A prediction runs at once when the last
one is done; strokes that arrive while one runs are coalesced into the next.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QApplication, QCheckBox, QFileDialog, QGroupBox, QHBoxLayout,
                               QLabel, QMainWindow, QMessageBox, QSlider,
                               QSplitter, QTabWidget, QTextBrowser, QToolButton, QVBoxLayout,
                               QWidget)

from desktop_bp._version import __version__
from desktop_bp.core import checkpoint as checkpoint_mod
from desktop_bp.core.blas import single_threaded
from desktop_bp.core.confidence import judge
from desktop_bp.core.preprocess import Preprocessed, preprocess
from desktop_bp.ui import i18n, model_files
from desktop_bp.ui.canvas import DEFAULT_PEN_FRACTION, DrawingCanvas
from desktop_bp.ui.fitting_label import WrappedLabel
from desktop_bp.ui.model_info import ModelDescriber
from desktop_bp.ui.prediction import DEFAULT_THRESHOLD, InputView, PredictionView
from desktop_bp.ui.session import Session
from desktop_bp.ui.words import describe_network

APP_TITLE = "desktop-bp"
PEN_REFERENCE = 280               # the pen slider is in pixels on a 280-pixel canvas
DEFAULT_SIZE = (1500, 950)        # at most, and at most 94% of the screen


class MainWindow(i18n.Retranslating, QMainWindow):
    """The app's main window. ``settings``: a QSettings for geometry, splitters and options;
    ``session``: the app's :class:`Session` (None: one of its own, without a recovery file
    unless ``recovery`` is given). The training page is put in with
    :meth:`set_training_panel` (``ui.app`` does it).

    Signals: ``network_changed(object)`` on every change of the network used for predictions;
    ``about_to_close()`` when the window is closing (after every question was answered).
    """

    network_changed = Signal(object)
    about_to_close = Signal()       # the window closes now: threads are to be ended
    input_changed = Signal(object)  # the Preprocessed drawing after each prediction (or None)

    def __init__(self, settings=None, parent=None, *, session=None, recovery=None):
        super().__init__(parent)
        self._settings = settings if settings is not None else QSettings()
        if session is None:
            session = Session(self._settings, recovery or checkpoint_mod.Recovery(enabled=False),
                              self)
        self.session = session
        session.dialog_parent = self
        self._training_panel = None
        self._pages = []                # (widget, title) of the tabs added by add_page
        self._shown_image = None        # an image shown instead of the drawing (show_image)
        self._personal_accuracy = ""
        self._last_preprocessed = None
        self._describer = ModelDescriber(self)

        self.setWindowTitle(APP_TITLE)
        self.setAcceptDrops(True)
        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        # strokes that arrive while a prediction runs are coalesced into one, at once after it
        self._predict_timer = QTimer(self)
        self._predict_timer.setSingleShot(True)
        self._predict_timer.setInterval(0)
        self._predict_timer.timeout.connect(self.update_prediction)
        self.canvas.changed.connect(self._schedule_prediction)
        self.canvas.stroke_finished.connect(self.update_prediction)
        session.model_changed.connect(self._on_model_changed)
        session.message.connect(self._show_message)
        self._restore_settings()
        self.retranslate()
        self._on_model_changed(session.model)

    def _build_widgets(self):
        self.canvas = DrawingCanvas()
        self.input_view = InputView()
        self.prediction_view = PredictionView()

        self.pen_slider = QSlider(Qt.Orientation.Horizontal)
        self.pen_slider.setRange(6, 40)
        self.pen_slider.setValue(round(DEFAULT_PEN_FRACTION * PEN_REFERENCE))
        self.pen_slider.setMaximumWidth(160)
        self.pen_slider.valueChanged.connect(self._pen_changed)
        self.undo_button = QToolButton()
        self.clear_button = QToolButton()
        self.overlay_check = QCheckBox()
        self.pen_label = QLabel()

        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(self.pen_label)
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

        self.input_group = input_group = QGroupBox()
        QVBoxLayout(input_group).addWidget(self.input_view)
        self.prediction_group = prediction_group = QGroupBox()
        prediction_layout = QVBoxLayout(prediction_group)
        prediction_layout.addWidget(self.prediction_view, 1)
        # how good the network is, beside how sure it is: a network at chance level can still
        # be "100% sure"
        self.network_quality_label = WrappedLabel()     # as tall as its lines: never over the bars
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
        self.train_page = QWidget()
        QVBoxLayout(self.train_page).setContentsMargins(0, 0, 0, 0)
        self.train_placeholder = QLabel()
        self.train_placeholder.setWordWrap(True)
        self.train_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.train_page.layout().addWidget(self.train_placeholder)
        self.model_info = QTextBrowser()
        self.model_info.setOpenExternalLinks(False)
        self.tabs.addTab(self.train_page, "")
        self.tabs.addTab(self.model_info, "")

        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("main_splitter")
        self.main_splitter.addWidget(self.left_splitter)
        self.main_splitter.addWidget(self.tabs)
        self.main_splitter.setStretchFactor(0, 2)
        self.main_splitter.setStretchFactor(1, 3)
        self.setCentralWidget(self.main_splitter)

    def _action(self, slot, shortcuts=(), checkable=False):
        """An action of the window, without text: :meth:`retranslate` names it."""
        action = QAction(self)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setCheckable(checkable)
        (action.toggled if checkable else action.triggered).connect(slot)
        self.addAction(action)     # shortcuts work whichever widget has the focus
        return action

    def _build_actions(self):
        K = QKeySequence.StandardKey
        self.open_action = self._action(self.open_model_dialog, [K.Open])
        self.open_bundled_action = self._action(self.open_bundled_model)
        self.save_action = self._action(self.save_model, [K.Save])
        self.save_as_action = self._action(self.save_model_as, ["Ctrl+Shift+S"])
        self.keep_epochs_action = self._action(self.session.set_keep_epochs, checkable=True)
        self.keep_epochs_action.setChecked(self.session.keep_epochs)
        self.quit_action = self._action(self.close, ["Ctrl+Q"])
        self.undo_action = self._action(self.canvas.undo, [K.Undo])
        self.clear_action = self._action(self.canvas.clear, ["Esc", "Delete"])
        self.overlay_action = self._action(self._set_overlay, ["Ctrl+B"], checkable=True)
        self.threshold_action = self._action(self.show_confidence_rule)
        self.about_action = self._action(self.show_about)
        self.about_qt_action = self._action(QApplication.aboutQt)
        self.undo_button.setDefaultAction(self.undo_action)
        self.clear_button.setDefaultAction(self.clear_action)
        self.overlay_check.toggled.connect(self.overlay_action.setChecked)
        self.overlay_action.toggled.connect(self.overlay_check.setChecked)

    def _build_menus(self):
        bar = self.menuBar()
        self.file_menu = file_menu = bar.addMenu("")
        file_menu.addAction(self.open_action)
        file_menu.addAction(self.open_bundled_action)
        self.recent_menu = file_menu.addMenu("")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addAction(self.keep_epochs_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.canvas_menu = edit_menu = bar.addMenu("")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.clear_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.overlay_action)
        edit_menu.addAction(self.threshold_action)
        # the Language menu names itself and keeps its check marks in step
        self.language_menu = i18n.build_language_menu(bar.addMenu(""), self._settings)
        self.help_menu = help_menu = bar.addMenu("")
        help_menu.addAction(self.about_action)
        help_menu.addAction(self.about_qt_action)

    def _build_status_bar(self):
        self.arch_label = QLabel()
        self.accuracy_label = QLabel()
        self.file_label = QLabel()
        for label in (self.arch_label, self.accuracy_label, self.file_label):
            label.setContentsMargins(8, 0, 8, 0)
        status = self.statusBar()
        status.addPermanentWidget(self.arch_label)
        status.addPermanentWidget(self.accuracy_label)
        status.addPermanentWidget(self.file_label)

    # -- texts -----------------------------------------------------------------------------------

    def retranslate(self):
        """Every text of the window in the current language (at the end of ``__init__`` and on
        ``QEvent.LanguageChange``); the texts about the model are rendered again from
        ``session.model``."""
        self.pen_label.setText(self.tr("Pen"))
        self.pen_slider.setToolTip(self.tr("Pen width (pixels on a 280-pixel canvas)"))
        self.overlay_check.setText(self.tr("Show preprocessing"))
        self.overlay_check.setToolTip(self.tr("Show the bounding box and the centre of mass "
                                              "the preprocessing finds (Ctrl+B)"))
        self.input_group.setTitle(self.tr("Network input, 28 × 28"))
        self.prediction_group.setTitle(self.tr("Prediction"))
        self.train_placeholder.setText(self.tr(
            "Training will appear here: set up a network, press Start and watch the cost fall "
            "and the gradients change, epoch by epoch."))
        self.tabs.setTabText(self.tabs.indexOf(self.train_page), self.tr("Train"))
        self.tabs.setTabText(self.tabs.indexOf(self.model_info), self.tr("Model"))
        for page, title in self._pages:
            self.tabs.setTabText(self.tabs.indexOf(page), title())
        for action, text, tip in (
                (self.open_action, self.tr("&Open model…"),
                 self.tr("Open a model file (.npz, or network2.py JSON)")),
                (self.open_bundled_action, self.tr("Open &bundled model"),
                 self.tr("Go back to the model that comes with the app")),
                (self.save_action, self.tr("&Save model"), self.tr("Save the model in use")),
                (self.save_as_action, self.tr("Save model &as…"),
                 self.tr("Save the model in use to a new file")),
                (self.keep_epochs_action, self.tr("Save &every epoch too"),
                 self.tr("A model trained here is saved with the weights of each of its epochs, "
                         "which the time machine replays when the file is opened again")),
                (self.quit_action, self.tr("&Quit"), ""),
                (self.undo_action, self.tr("&Undo stroke"), self.tr("Remove the last stroke")),
                (self.clear_action, self.tr("&Clear canvas"), self.tr("Remove every stroke")),
                (self.overlay_action, self.tr("Show what &preprocessing sees"),
                 self.tr("Bounding box and centre of mass on the canvas")),
                (self.threshold_action, self.tr("How the &answer is judged…"),
                 self.tr("When the app names a digit, says “not sure” or “not a digit”")),
                (self.about_action, self.tr("&About desktop-bp"), ""),
                (self.about_qt_action, self.tr("About &Qt"), "")):
            action.setText(text)
            action.setStatusTip(tip)
        # the tool buttons show their action's text unless given their own: shorter ones
        self.undo_button.setText(self.tr("Undo"))
        self.clear_button.setText(self.tr("Clear"))
        self.file_menu.setTitle(self.tr("&File"))
        self.recent_menu.setTitle(self.tr("Open &recent"))
        self.canvas_menu.setTitle(self.tr("&Canvas"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.arch_label.setToolTip(self.tr("The model in use: layer sizes, activation, cost"))
        self._show_model(self.session.model)

    # -- settings --------------------------------------------------------------------------------

    def _screen_key(self):
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            return ""
        g = screen.availableGeometry()
        return f"{g.width()}x{g.height()}"

    def _restore_settings(self):
        """Geometry and splitters as they were, when saved on a screen of this size; on another
        screen a size that fits this one (saved on 1280x800 and opened on 1920x1080, or the
        reverse, the old geometry would be cut off or cramped)."""
        s = self._settings
        geometry = s.value("window/geometry")
        same_screen = s.value("window/screen", "", type=str) == self._screen_key()
        restored = geometry is not None and same_screen and self.restoreGeometry(geometry)
        if not restored:
            self._default_geometry()
        self._fit_to_screen()
        for splitter in (self.main_splitter, self.left_splitter):
            state = s.value(f"window/{splitter.objectName()}") if restored else None
            if state is not None:
                splitter.restoreState(state)
        # without saved positions, the splitters are laid out when the window's size is known
        self._default_splitters = (not restored or s.value("window/main_splitter") is None,
                                   not restored or s.value("window/left_splitter") is None)
        self.pen_slider.setValue(s.value("canvas/pen_width", self.pen_slider.value(), type=int))
        self._pen_changed(self.pen_slider.value())
        self.overlay_action.setChecked(s.value("canvas/overlay", False, type=bool))
        self.prediction_view.set_threshold(
            s.value("prediction/threshold", DEFAULT_THRESHOLD, type=float))

    def _default_geometry(self):
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            self.resize(1200, 760)
            return
        available = screen.availableGeometry()
        self.resize(min(DEFAULT_SIZE[0], int(0.94 * available.width())),
                    min(DEFAULT_SIZE[1], int(0.94 * available.height())))
        frame = self.frameGeometry()
        frame.moveCenter(available.center())
        self.move(frame.topLeft())

    def _fit_to_screen(self):
        """Never larger than the screen's free area, never partly off it."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None or self.isMaximized() or self.isFullScreen():
            return
        available = screen.availableGeometry()
        width = min(self.width(), available.width())
        height = min(self.height(), available.height())
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        x = min(max(self.x(), available.left()), available.right() - width + 1)
        y = min(max(self.y(), available.top()), available.bottom() - height + 1)
        if (x, y) != (self.x(), self.y()):
            self.move(x, y)

    def save_settings(self):
        s = self._settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/screen", self._screen_key())
        for splitter in (self.main_splitter, self.left_splitter):
            s.setValue(f"window/{splitter.objectName()}", splitter.saveState())
        s.setValue("canvas/pen_width", self.pen_slider.value())
        s.setValue("canvas/overlay", self.overlay_action.isChecked())
        s.setValue("prediction/threshold", float(self.prediction_view.threshold()))
        s.sync()

    # -- model files (the session decides; the window offers) ------------------------------------

    def recent_models(self):
        return self.session.recent.paths()

    def _fill_recent_menu(self):
        self.recent_menu.clear()
        recent = self.recent_models()
        for path in recent:
            name = Path(path).name
            action = self.recent_menu.addAction(
                self.tr("Bundled model ({0})").format(name) if model_files.is_bundled(path)
                else name)
            action.setStatusTip(path)
            action.setData(path)
            action.triggered.connect(self._open_recent)
        if not recent:
            self.recent_menu.addAction(self.tr("(none)")).setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(self.tr("Clear list"), self.session.recent.clear)

    @Slot()
    def _open_recent(self):
        action = self.sender()
        if action is not None and action.data():
            self.open_model(action.data())

    def network(self):
        """The Network used for predictions (None when no model is loaded)."""
        return self.session.network

    def model_path(self):
        """The file the model in use came from or was last saved to (None if none)."""
        path = self.session.model.path
        return None if path is None else Path(path)

    def set_network(self, net, source_label="", path=None):
        """Use ``net`` (read from ``path``, if given) for predictions: for tests and scripts;
        a person opens files with :meth:`open_model`."""
        self.session.state.use_model(net, origin="none" if net is None else "file",
                                     label=source_label or (Path(path).name if path else ""),
                                     path=path)

    def open_model(self, path):
        """Use the model in ``path`` (after the question about unsaved work); True when it is
        in use now."""
        return self.session.open_model(path)

    @Slot()
    def open_bundled_model(self):
        return self.session.open_bundled()

    def load_startup_model(self):
        return self.session.load_startup_model()

    @Slot()
    def open_model_dialog(self):
        path = self.session.model.path
        if path is not None and not model_files.is_bundled(path):
            start = str(Path(path).parent)
        else:
            start = str(self.session.recent.folder())
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open model"), start,
                                              model_files.open_filter())
        if path:
            self.open_model(path)

    @Slot()
    def save_model(self):
        return self.session.save()

    @Slot()
    def save_model_as(self):
        return self.session.save_as()

    def save_model_to(self, path):
        return self.session.save_to(path)

    @Slot(str)
    def _show_message(self, text):
        self.statusBar().showMessage(text, 8000)

    @Slot(object)
    def _on_model_changed(self, model):
        net = model.network
        self.save_action.setEnabled(net is not None)
        self.save_as_action.setEnabled(net is not None)
        self._show_model(model)
        self._judge_again()
        self.network_changed.emit(net)

    def _show_model(self, model):
        """The status bar, the title, the quality line and the Model page for ``model``."""
        net = model.network
        if net is None:
            self.arch_label.setText(self.tr("no model"))
            self.accuracy_label.setText("")
            self.file_label.setText("")
            self.setWindowTitle(APP_TITLE)
            self.prediction_view.set_message(self.tr("No model loaded"))
        else:
            accuracy = (net.metadata or {}).get("test_accuracy")
            self.arch_label.setText(describe_network(net))
            self.accuracy_label.setText(
                self.tr("test accuracy {0:.2f}%").format(100 * float(accuracy))
                if isinstance(accuracy, (int, float)) else self.tr("test accuracy unknown"))
            label = self.session.label(model)
            name = label + (" *" if model.unsaved else "")
            self.file_label.setText(name)
            self.file_label.setToolTip(str(model.path) if model.path else label)
            self.setWindowTitle(f"{name} — {APP_TITLE}" if name else APP_TITLE)
        self._show_quality(model)
        self.model_info.setHtml(self._describer.html(model))

    def _show_quality(self, model):
        """Under the prediction: how good the network is (test set), and how it reads the
        person's own handwriting."""
        text, warn = self._describer.quality(model)
        if self._personal_accuracy and model.network is not None:
            text = self.tr("{0}; {1}").format(text, self._personal_accuracy)
        self.network_quality_label.setText(text)
        self.network_quality_label.setStyleSheet("color: #b05a00" if warn else "color: #555")

    # -- prediction ------------------------------------------------------------------------------

    @Slot()
    def _schedule_prediction(self):
        if not self._predict_timer.isActive():
            self._predict_timer.start()

    @Slot()
    def update_prediction(self):
        """Preprocess the canvas, run the network, and hand the results to the views."""
        self._predict_timer.stop()
        if not self.canvas.is_empty():
            self._shown_image = None        # a stroke: the canvas is what is looked at again
        if self._shown_image is not None:
            pre = self._shown_image
        else:
            pre = None if self.canvas.is_empty() else preprocess(self.canvas.to_array())
        self._last_preprocessed = pre
        if pre is None:
            self.canvas.set_overlay(None)
            self.input_view.set_image(None)
        else:
            if self._shown_image is None:
                self.canvas.set_overlay(pre.bbox, pre.center_of_mass, pre.source_shape)
            self.input_view.set_image(pre.image)
        net = self.session.network
        if net is None:
            self.prediction_view.set_message(self.tr("No model loaded"))
        elif pre is None:
            self.prediction_view.set_output(None)
        else:
            with single_threaded():     # one drawing: small products, no BLAS thread pool
                judgement = judge(net, pre.inputs)      # digit, not sure, or not a digit
            self.prediction_view.set_output(judgement.outputs, judgement)
        self.input_changed.emit(pre)

    def _judge_again(self):
        """Another network, the same input: judge the last preprocessed input again (while a
        run trains, each epoch's weights come here; the drawing need not be read again)."""
        if self._predict_timer.isActive():      # the input changed too
            self.update_prediction()
            return
        pre, net = self._last_preprocessed, self.session.network
        if net is None:
            self.prediction_view.set_message(self.tr("No model loaded"))
        elif pre is None:
            self.prediction_view.set_output(None)
        else:
            with single_threaded():
                judgement = judge(net, pre.inputs)
            self.prediction_view.set_output(judgement.outputs, judgement)

    def show_image(self, inputs):
        """Show an image that was not drawn (an MNIST test image, a kept drawing): ``inputs``
        are the network's 784 inputs. The canvas is cleared; the input view, the prediction and
        the microscope look at the image until the next stroke."""
        self._shown_image = Preprocessed(np.asarray(inputs, dtype=np.float32).reshape(-1),
                                         (0, 0, 28, 28), (14.0, 14.0), 1.0, False, (28, 28))
        self.canvas.clear()
        self.update_prediction()

    def set_personal_accuracy(self, text):
        """How the model in use reads the person's own handwriting ("" when unknown)."""
        self._personal_accuracy = text
        self._show_quality(self.session.model)

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
    def show_confidence_rule(self):
        """The rule behind "a digit", "not sure" and "not a digit" for the model in use."""
        net = self.session.network
        if net is None:
            text = self.tr("No model is loaded.")
        else:
            from desktop_bp.ui.evaluation.verdict import rule_explanation
            text = rule_explanation(net)
        QMessageBox.information(self, self.tr("How the answer is judged"), text)

    def set_threshold(self, threshold):
        self.prediction_view.set_threshold(threshold)
        self._settings.setValue("prediction/threshold", float(threshold))

    @Slot()
    def show_about(self):
        QMessageBox.about(
            self, self.tr("About desktop-bp"),
            f"<h3>desktop-bp {__version__}</h3><p>" + self.tr(
                "Draw a digit and watch a neural network name it; train the network on MNIST "
                "and watch backpropagation work: the cost, the gradients ∂C/∂w = a_in·δ_out and "
                "the four equations BP1–BP4 of Michael Nielsen's <i>Neural Networks and Deep "
                "Learning</i>, chapter 2.") + "</p><p>" + self.tr(
                "NumPy engine, PySide6 and pyqtgraph. MIT licence. MNIST: Yann LeCun, Corinna "
                "Cortes and Christopher J. C. Burges (CC BY-SA 3.0).") + "</p>")

    # -- the training page -----------------------------------------------------------------------

    def training_panel(self):
        return self._training_panel

    def add_page(self, widget, title):
        """Add a tab before the Model page; ``title()`` gives its text in the current language."""
        self._pages.append((widget, title))
        self.tabs.insertTab(self.tabs.indexOf(self.model_info), widget, title())

    def set_training_panel(self, widget):
        """Put ``widget`` on the "Train" page, replacing the placeholder or a previous panel."""
        layout = self.train_page.layout()
        for old in (self.train_placeholder, self._training_panel):
            if old is not None and old is not widget:
                layout.removeWidget(old)
                old.hide()
        self._training_panel = widget
        layout.addWidget(widget)
        widget.show()

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
            page = self.train_page.minimumSizeHint().width()
            left = max(300, min(left, width - page - 16))
            self.main_splitter.setSizes([left, max(1, width - left)])

    def closeEvent(self, event):
        # a run going on or an unsaved trained network: the session asks first; during a run
        # the window stays (saying "stopping…") until the training thread has ended
        if not self.session.request_quit(self.close):
            event.ignore()
            return
        self.about_to_close.emit()
        self.session.shutdown()
        self.save_settings()
        super().closeEvent(event)


def _dropped_file(mime):
    """The first local file among dropped URLs, or None."""
    if mime is None or not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile():
            return url.toLocalFile()
    return None
