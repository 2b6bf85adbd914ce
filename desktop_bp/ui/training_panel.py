"""The training panel: set up a run, train it in a worker thread and watch backpropagation live.

Left: the run's set-up (preset, architecture, activation, cost, initialisation, eta, mini-batch,
epochs, lambda, momentum, eta decay, augmentation, training-set size, seed), validated as typed,
fresh network or continue the loaded model, the buttons and the progress. Right: the curves
(:class:`~desktop_bp.ui.plots.TrainingPlots`) above the per-layer heatmaps
(:class:`~desktop_bp.ui.heatmaps.GradientHeatmaps`).

The panel owns a :class:`~desktop_bp.ui.worker.TrainingController`; the worker's events arrive in
bound slots which only *store* them, and a timer draws the latest state (the curves and the
heatmaps in turn, each about twice a second). Drawing is Python work that holds the interpreter
lock the training thread needs, so it is kept that sparse: an epoch trained from the window then
takes about a tenth longer than headless. At every epoch end (and on pause) the panel emits
``network_changed(Network, str)`` with its own copy of the weights, for the canvas's prediction.

Wiring for the main window: ``network_changed -> MainWindow.set_network``; ``diverged(str)``:
go back to the model used before the run; call :meth:`TrainingPanel.set_loaded_network` when a
model is opened; in ``closeEvent`` call :meth:`TrainingPanel.confirm_close` (it asks before a run
or an unsaved network is lost) and then :meth:`TrainingPanel.shutdown`; call
:meth:`TrainingPanel.offer_recovery` once the window is shown.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np

from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import (QApplication, QButtonGroup, QCheckBox, QComboBox, QFileDialog,
                               QFormLayout, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QMessageBox, QProgressDialog, QPushButton, QRadioButton,
                               QScrollArea, QSizePolicy, QSpinBox, QSplitter, QVBoxLayout, QWidget)

from desktop_bp.core import checkpoint as checkpoint_mod
from desktop_bp.core.network import ACTIVATIONS, COSTS, INITS
from desktop_bp.ui.heatmaps import GRADIENTS, WEIGHTS, GradientHeatmaps
from desktop_bp.ui.plots import BOOK_REFERENCE, TrainingPlots
from desktop_bp.ui.worker import DownloadWorker, RunSettings, TrainingController, TrainingJob

try:
    from desktop_bp.core.presets import PRESETS
except ImportError:     # the presets module is optional for the panel
    PRESETS = {}

CUSTOM = "custom"
MNIST_TRAINING_SIZE = 50000
MAX_HIDDEN_LAYERS = 6
MAX_LAYER_SIZE = 4096
DRAW_INTERVAL_MS = 500          # progress at every tick; curves and heatmaps alternate (1 Hz each)
MESSAGE_LINES = 6                # the status and validation messages' box, in lines
MIN_PROGRESS_FOR_ESTIMATE = 0.005   # of the run, before a time left is estimated
ETA_TOO_SMALL = 0.001           # the book's two learning-rate warnings
ETA_TOO_LARGE = 100.0

_INVALID_STYLE = "QLineEdit { border: 1px solid #d62728; background: #fff0f0; }"
_WARNING_STYLE = "QLineEdit { border: 1px solid #e69500; background: #fff8e6; }"


class NoWheelComboBox(QComboBox):
    """A combo box that takes the mouse wheel only when it has the focus (clicked or tabbed
    into): a wheel turned while the pointer merely passes over it scrolls the form instead."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.StrongFocus)     # the wheel alone does not give it the focus

    def wheelEvent(self, event):
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()                      # unaccepted: Qt passes it on to the scroll area


class NoWheelSpinBox(QSpinBox):
    """A spin box that takes the mouse wheel only when it has the focus (see
    :class:`NoWheelComboBox`)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.StrongFocus)

    def wheelEvent(self, event):
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


#: The run settings a model trained here carries in its metadata (``hyperparameters``).
HYPERPARAMETER_KEYS = ("eta", "batch_size", "epochs", "lmbda", "momentum", "eta_decay",
                       "augment", "preset", "training_size", "seed", "activation", "cost",
                       "init", "sizes")


def _record_accuracy(net):
    """Copy the latest epoch's test and validation accuracy of ``net``'s history into its
    metadata, where the status bar and the model file look for them (an accuracy the latest
    epoch did not measure is removed rather than left over from an older model)."""
    history = net.metadata.get("history") or []
    for key in ("test_accuracy", "validation_accuracy"):
        value = history[-1].get(key) if history else None
        if value is not None:
            net.metadata[key] = value
        elif history:
            net.metadata.pop(key, None)


def describe_run(settings):
    """The ``hyperparameters`` metadata entry of a model trained with ``settings``
    (:class:`~desktop_bp.ui.worker.RunSettings`)."""
    values = settings.to_dict()
    return {k: values[k] for k in HYPERPARAMETER_KEYS if k in values}


# ---------------------------------------------------------------------------------------------
# Parsing the form's text fields: each returns (value, error or None, warning or None).


def parse_hidden_layers(text):
    """"30" or "100, 30" (commas or spaces) -> [30] / [100, 30]; "" -> [] (no hidden layer).
    An empty entry ("30,,20", "30,") is refused rather than skipped: it is most likely a layer
    size that was deleted by mistake."""
    text = text.strip()
    parts = re.split(r"\s*[,;]\s*|\s+", text) if text else []
    if "" in parts:
        return None, ("an empty entry in the hidden layers (two commas in a row, or one at the "
                      "start or end): give every layer a size"), None
    sizes = []
    for p in parts:
        if not re.fullmatch(r"\d+", p):
            return None, f"“{p}” is not a whole number of neurons", None
        size = int(p)
        if not 1 <= size <= MAX_LAYER_SIZE:
            return None, f"a layer needs 1 to {MAX_LAYER_SIZE} neurons, not {size}", None
        sizes.append(size)
    if len(sizes) > MAX_HIDDEN_LAYERS:
        return None, f"at most {MAX_HIDDEN_LAYERS} hidden layers", None
    return sizes, None, None


def _parse_float(text, name):
    try:
        value = float(text.strip().replace("_", ""))
    except ValueError:
        return None, f"{name} must be a number" if text.strip() else f"{name} is empty"
    if not math.isfinite(value):
        return None, f"{name} must be finite"
    return value, None


def _format_eta(eta):
    """η for the narrow progress column: "1000", "3", "0.25", "0.00709"."""
    eta = float(eta)
    if eta >= 1 and eta == int(eta):
        return str(int(eta))
    return f"{eta:.3g}"


def parse_eta(text):
    value, error = _parse_float(text, "η")
    if error:
        return None, error, None
    if value <= 0:
        return None, "η must be larger than 0 (it is the step size of gradient descent)", None
    if value > 1e30:
        return None, "η above 10³⁰ overflows at once", None
    warning = None
    if value <= ETA_TOO_SMALL:
        warning = (f"η = {value:g}: the book's warning — this learns far too slowly "
                   "(still far from 90% after 30 epochs)")
    elif value >= ETA_TOO_LARGE:
        warning = (f"η = {value:g}: the book's warning — steps this large overshoot; "
                   "expect no learning or divergence")
    return value, None, warning


def parse_lmbda(text):
    value, error = _parse_float(text, "λ")
    if error:
        return None, error, None
    if value < 0:
        return None, "λ (L2 regularisation) cannot be negative", None
    return value, None, None


def parse_momentum(text):
    value, error = _parse_float(text, "momentum")
    if error:
        return None, error, None
    if not 0 <= value < 1:
        return None, "momentum μ must be in [0, 1): μ ≥ 1 makes the velocity grow forever", None
    return value, None, None


def parse_eta_decay(text):
    value, error = _parse_float(text, "η decay")
    if error:
        return None, error, None
    if not 0 < value <= 1:
        return None, "η decay is a factor per epoch in (0, 1]", None
    return value, None, None


def parse_seed(text):
    text = text.strip()
    if not text:
        return None, None, None
    if not re.fullmatch(r"\d+", text) or int(text) >= 2 ** 63:
        return None, "the seed is a whole number ≥ 0, or empty for a random start", None
    return int(text), None, None


class TrainingPanel(QWidget):
    """Set up, run and watch training; see the module doc.

    ``data``: optional ``(training, validation, test)`` pairs (tests and the benchmark pass
    small ones); otherwise MNIST is found with ``core.mnist`` (from ``mnist_path`` if given) and
    read in the worker thread at the first Start. ``checkpoint_dir``: where recovery files go
    (None: the app's recovery folder; False: no checkpoints).
    """

    network_changed = Signal(object, str)   # a Network copy the GUI may predict with, a label
    diverged = Signal(str)                  # a run diverged: predict with the model from before
    running_changed = Signal(bool)
    network_discarded = Signal()    # the person let the last run's unsaved network go
    model_saved = Signal(str)
    mnist_folder_chosen = Signal(str)

    def __init__(self, parent=None, *, data=None, mnist_path=None, checkpoint_dir=None):
        super().__init__(parent)
        self._data = tuple(data) if data is not None else None
        self._mnist_path = mnist_path
        self._checkpoint_dir = checkpoint_dir
        self._loaded_net = None
        self._loaded_label = ""
        self._trained_net = None        # the latest network the GUI holds a copy of
        self._unsaved = False           # _trained_net came from a run and was not saved
        self._final_net = None          # the worker's final network, until its run's end
        self._last_batch = None         # the latest BatchEvent of the run
        #: ``net -> path`` proposing where the Save dialog starts (set by the main window)
        self.suggest_save_path = None
        self._run_settings = None
        self._run_first_epoch = 0
        self._pending_batch = None
        self._pending_snapshot = None
        self._pending_epoch = None
        self._progress_origin = None    # (seconds, fraction done) when a run's first progress came
        self._epochs_done_in_run = 0
        self._elapsed = QElapsedTimer()
        self._paused_ms = 0
        self._pause_started = None
        self._applying_preset = False
        self._download_thread = None
        self._download_worker = None
        self._progress_dialog = None
        self._time_left = None

        self.controller = TrainingController(self)
        self.controller.batch.connect(self._on_batch)
        self.controller.epoch.connect(self._on_epoch)
        self.controller.paused.connect(self._on_paused)
        self.controller.data_loaded.connect(self._on_data_loaded)
        self.controller.trained.connect(self._on_trained)
        self.controller.checkpoint_failed.connect(self._on_checkpoint_failed)
        self.controller.error.connect(self._on_error)
        self.controller.finished.connect(self._on_finished)
        self.controller.running_changed.connect(self._on_running_changed)

        self.plots = TrainingPlots()
        self.heatmaps = GradientHeatmaps()
        self._build_form()

        right = QSplitter(Qt.Vertical)
        right.addWidget(self.plots)
        right.addWidget(self.heatmaps)
        right.setStretchFactor(0, 5)
        right.setStretchFactor(1, 4)
        right.setChildrenCollapsible(False)

        scroll = QScrollArea()
        self.form_scroll = scroll
        scroll.setWidget(self._form_widget)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAsNeeded)
        scroll.setFrameShape(QScrollArea.NoFrame)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(0)
        left_layout.addWidget(self._controls_widget)
        left_layout.addWidget(scroll, 1)
        left.setMinimumWidth(240)

        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([240, 1000])
        self.splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self._draw_timer = QTimer(self)
        self._draw_timer.setInterval(DRAW_INTERVAL_MS)
        self._draw_timer.timeout.connect(self._draw_next)
        self._tick = 0

        initial = "book" if "book" in PRESETS else CUSTOM
        self.preset_combo.setCurrentIndex(max(0, self.preset_combo.findData(initial)))
        self.apply_preset(initial)
        self._update_data_size()
        self._validate()
        self._set_state("idle")
        self.plots.reset(len(self._current_sizes() or [784, 10]) - 1,
                         reference=self._reference_name())
        self.heatmaps.set_architecture(self._current_sizes() or [784, 30, 10])

    # -- building the form ---------------------------------------------------------------------

    def _build_form(self):
        form_widget = QWidget()
        outer = QVBoxLayout(form_widget)
        outer.setContentsMargins(6, 6, 6, 6)

        setup = QGroupBox("Run set-up")
        form = QFormLayout(setup)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(6)
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)     # a narrow column still fits
        self.preset_combo = NoWheelComboBox()
        self.preset_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.preset_combo.setMinimumContentsLength(8)
        self.preset_combo.addItem("custom", CUSTOM)
        labels = {"book": "book (ch. 1: 784-30-10)", "book-100": "book-100 (784-100-10)",
                  "improved": "improved (ch. 3)", "best": "best",
                  "slow-eta": "warning: η = 0.001",
                  "diverging-eta": "warning: η = 100"}
        for name, values in PRESETS.items():
            self.preset_combo.addItem(labels.get(name, name), name)
            index = self.preset_combo.count() - 1
            self.preset_combo.setItemData(index, values.get("description", ""), Qt.ToolTipRole)
        self.preset_combo.activated.connect(self._on_preset_activated)
        form.addRow("Preset", self.preset_combo)
        self.preset_description = QLabel()
        self.preset_description.setWordWrap(True)
        self.preset_description.setStyleSheet("color: #555")
        form.addRow(self.preset_description)

        self.fresh_radio = QRadioButton("New network")
        self.continue_radio = QRadioButton("Continue loaded model")
        self.fresh_radio.setChecked(True)
        self.continue_radio.setEnabled(False)
        self.continue_radio.setToolTip("Open a model first (File ▸ Open model…)")
        group = QButtonGroup(self)
        group.addButton(self.fresh_radio)
        group.addButton(self.continue_radio)
        self.continue_radio.toggled.connect(self._on_continue_toggled)
        self.continue_radio.toggled.connect(self._on_continue_chosen)
        start_box = QVBoxLayout()
        start_box.setSpacing(0)
        start_box.addWidget(self.fresh_radio)
        start_box.addWidget(self.continue_radio)
        form.addRow("Train", start_box)

        self.hidden_edit = QLineEdit()
        self.hidden_edit.setPlaceholderText("e.g. 30 or 100, 30")
        self.hidden_edit.setToolTip("Hidden layer sizes, input (784) and output (10) excluded")
        form.addRow("Hidden layers", self.hidden_edit)
        self.activation_combo = NoWheelComboBox()
        self.activation_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.activation_combo.setMinimumContentsLength(8)
        self.activation_combo.addItems(list(ACTIVATIONS))
        form.addRow("Activation", self.activation_combo)
        self.cost_combo = NoWheelComboBox()
        self.cost_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.cost_combo.setMinimumContentsLength(8)
        self.cost_combo.addItems(list(COSTS))
        self.cost_combo.setToolTip("log-likelihood goes with a softmax output layer")
        form.addRow("Cost", self.cost_combo)
        self.init_combo = NoWheelComboBox()
        self.init_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.init_combo.setMinimumContentsLength(8)
        for name in INITS:
            self.init_combo.addItem({"standard": "standard N(0, 1)",
                                     "scaled": "scaled N(0, 1/n_in)"}.get(name, name), name)
        form.addRow("Initial w", self.init_combo)

        self.eta_edit = QLineEdit()
        self.eta_edit.setToolTip("Learning rate; can be changed while training (press Enter)")
        form.addRow("Learning rate η", self.eta_edit)
        self.batch_spin = NoWheelSpinBox()
        self.batch_spin.setRange(1, MNIST_TRAINING_SIZE)
        form.addRow("Mini-batch", self.batch_spin)
        self.epochs_spin = NoWheelSpinBox()
        self.epochs_spin.setRange(1, 1000)
        form.addRow("Epochs", self.epochs_spin)
        self.lmbda_edit = QLineEdit()
        self.lmbda_edit.setToolTip("L2 regularisation λ (0: none)")
        form.addRow("L2 λ", self.lmbda_edit)
        self.momentum_edit = QLineEdit()
        self.momentum_edit.setToolTip("Momentum μ in [0, 1) (0: plain SGD)")
        form.addRow("Momentum μ", self.momentum_edit)
        self.eta_decay_edit = QLineEdit()
        self.eta_decay_edit.setToolTip("η is multiplied by this after every epoch (1: constant)")
        form.addRow("η decay", self.eta_decay_edit)
        self.augment_check = QCheckBox("random distortions")
        self.augment_check.setToolTip("Distort the training images randomly (slower, more robust)")
        form.addRow("Augment", self.augment_check)
        self.training_size_spin = NoWheelSpinBox()
        self.training_size_spin.setRange(10, MNIST_TRAINING_SIZE)
        self.training_size_spin.setValue(MNIST_TRAINING_SIZE)
        self.training_size_spin.setSingleStep(1000)
        self.training_size_spin.setToolTip("Train on the first n training images "
                                           "(a subset trains in seconds)")
        form.addRow("Images", self.training_size_spin)
        self.seed_edit = QLineEdit()
        self.seed_edit.setPlaceholderText("empty: random")
        form.addRow("Seed", self.seed_edit)
        outer.addWidget(setup)
        outer.addStretch(1)

        controls = QWidget()
        top = QVBoxLayout(controls)
        top.setContentsMargins(6, 6, 6, 0)
        top.setSpacing(4)
        self.validation_label = QLabel()
        self.validation_label.setWordWrap(True)
        self.validation_label.setTextFormat(Qt.PlainText)

        buttons = QGridLayout()
        self.start_button = QPushButton("Start")
        self.pause_button = QPushButton("Pause")
        self.resume_button = QPushButton("Resume")
        self.stop_button = QPushButton("Stop")
        self.step_batch_button = QPushButton("Step batch")
        self.step_epoch_button = QPushButton("Step epoch")
        self.start_button.setToolTip("Train with these settings")
        self.stop_button.setToolTip("Stop after the current mini-batch; what was learned is kept")
        self.step_batch_button.setToolTip("Train one mini-batch, then pause")
        self.step_epoch_button.setToolTip("Train to the end of this epoch, then pause")
        for i, button in enumerate((self.start_button, self.pause_button, self.resume_button,
                                    self.stop_button, self.step_batch_button,
                                    self.step_epoch_button)):
            buttons.addWidget(button, i // 2, i % 2)
        self.start_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.pause)
        self.resume_button.clicked.connect(self.resume)
        self.stop_button.clicked.connect(self.stop)
        self.step_batch_button.clicked.connect(self.step_batch)
        self.step_epoch_button.clicked.connect(self.step_epoch)
        top.addLayout(buttons)
        self.save_button = QPushButton("Save trained model…")
        self.save_button.clicked.connect(self.save_model_dialog)
        buttons.addWidget(self.save_button, 3, 0, 1, 2)
        self.mnist_button = QPushButton("Get MNIST…")
        self.mnist_button.setToolTip("Download MNIST or choose the folder that holds it")
        self.mnist_button.clicked.connect(self.offer_mnist)
        buttons.addWidget(self.mnist_button, 4, 0, 1, 2)

        progress = QGroupBox("Progress")
        grid = QGridLayout(progress)
        grid.setVerticalSpacing(2)
        self.epoch_label = QLabel("–")
        self.batch_label = QLabel("–")
        self.elapsed_label = QLabel("–")
        self.eta_left_label = QLabel("–")
        self.cost_label = QLabel("–")
        self.accuracy_label = QLabel("–")
        self.accuracy_label.setWordWrap(True)
        # room for "val. 97.12%, test 97.30%" on two lines: the form below does not move
        self.accuracy_label.setMinimumHeight(2 * self.fontMetrics().lineSpacing())
        self.accuracy_label.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        for row, (name, label) in enumerate((("Epoch", self.epoch_label),
                                             ("Mini-batch", self.batch_label),
                                             ("Time", self.elapsed_label),
                                             ("Cost", self.cost_label),
                                             ("Accuracy", self.accuracy_label))):
            grid.addWidget(QLabel(name + ":"), row, 0, Qt.AlignLeft | Qt.AlignTop)
            grid.addWidget(label, row, 1)
        grid.setColumnStretch(1, 1)
        top.addWidget(progress)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        # The status and the validation messages share an area of fixed height that scrolls
        # when they are long: messages appearing as one types must not push the form down
        # under the pointer.
        messages = QWidget()
        message_layout = QVBoxLayout(messages)
        message_layout.setContentsMargins(0, 0, 0, 0)
        message_layout.setSpacing(2)
        message_layout.addWidget(self.status_label)
        message_layout.addWidget(self.validation_label)
        message_layout.addStretch(1)
        self.message_area = QScrollArea()
        self.message_area.setWidget(messages)
        self.message_area.setWidgetResizable(True)
        # a framed box of whole lines that scrolls a line at a time: a long message (a
        # divergence's) shows no half-cut line that seems to slide under the form below
        self.message_area.setFrameShape(QScrollArea.StyledPanel)
        self.message_area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        line = self.fontMetrics().lineSpacing()
        self.message_area.verticalScrollBar().setSingleStep(line)
        self.message_area.setFixedHeight(MESSAGE_LINES * line
                                         + 2 * self.message_area.frameWidth())
        top.addWidget(self.message_area)
        self._controls_widget = controls

        for edit in (self.hidden_edit, self.eta_edit, self.lmbda_edit, self.momentum_edit,
                     self.eta_decay_edit):
            edit.textEdited.connect(self._on_field_edited)
        # not part of a preset: editing them keeps the preset selected
        self.seed_edit.textEdited.connect(self._revalidate)
        self.training_size_spin.valueChanged.connect(self._revalidate)
        for combo in (self.activation_combo, self.cost_combo, self.init_combo):
            combo.activated.connect(self._on_field_edited)
        for spin in (self.batch_spin, self.epochs_spin):
            spin.valueChanged.connect(self._on_field_edited)
        self.augment_check.toggled.connect(self._on_field_edited)
        self.eta_edit.editingFinished.connect(self._on_eta_committed)
        form_widget.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
        self._form_widget = form_widget
        self._setup_fields = (self.preset_combo, self.fresh_radio, self.continue_radio,
                              self.hidden_edit, self.activation_combo, self.cost_combo,
                              self.init_combo, self.batch_spin, self.epochs_spin,
                              self.lmbda_edit, self.momentum_edit, self.eta_decay_edit,
                              self.augment_check, self.training_size_spin, self.seed_edit)

    # -- presets and validation ----------------------------------------------------------------

    def apply_preset(self, name):
        """Fill the form from preset ``name`` (a key of ``core.presets.PRESETS``)."""
        values = PRESETS.get(name)
        if values is None:
            self.preset_description.setText("Your own settings.")
            return
        self._applying_preset = True
        try:
            index = self.preset_combo.findData(name)
            if index >= 0:
                self.preset_combo.setCurrentIndex(index)
            if not self.continue_radio.isChecked():
                self.hidden_edit.setText(", ".join(str(s) for s in values["sizes"][1:-1]))
                self.activation_combo.setCurrentText(values["activation"])
                self.cost_combo.setCurrentText(values["cost"])
                self.init_combo.setCurrentIndex(max(0, self.init_combo.findData(values["init"])))
            self.eta_edit.setText(f"{values['eta']:g}")
            self.batch_spin.setValue(int(values["batch_size"]))
            self.epochs_spin.setValue(int(values["epochs"]))
            self.lmbda_edit.setText(f"{values.get('lmbda', 0.0):g}")
            self.momentum_edit.setText(f"{values.get('momentum', 0.0):g}")
            self.eta_decay_edit.setText(f"{values.get('eta_decay', 1.0):g}")
            self.augment_check.setChecked(bool(values.get("augment")))
            if not self.seed_edit.text().strip():
                self.seed_edit.setText("")
            self.preset_description.setText(values.get("description", ""))
        finally:
            self._applying_preset = False
        self._validate()

    @Slot(int)
    def _on_preset_activated(self, index):
        self.apply_preset(self.preset_combo.itemData(index))

    @Slot()
    def _on_field_edited(self, *_args):
        if self._applying_preset:
            return
        if self.preset_combo.currentData() != CUSTOM:
            self.preset_combo.setCurrentIndex(self.preset_combo.findData(CUSTOM))
            self.preset_description.setText("Your own settings.")
        self._validate()

    @Slot()
    def _revalidate(self, *_args):
        self._validate()

    def _current_sizes(self):
        if self.continue_radio.isChecked() and self._loaded_net is not None:
            return list(self._loaded_net.sizes)
        hidden, error, _ = parse_hidden_layers(self.hidden_edit.text())
        return None if error else [784, *hidden, 10]

    def _validate(self):
        """Check every field; mark bad ones and list the reasons. Returns RunSettings or None."""
        errors, warnings = [], []
        results = {}
        for key, edit, parser in (("hidden", self.hidden_edit, parse_hidden_layers),
                                  ("eta", self.eta_edit, parse_eta),
                                  ("lmbda", self.lmbda_edit, parse_lmbda),
                                  ("momentum", self.momentum_edit, parse_momentum),
                                  ("eta_decay", self.eta_decay_edit, parse_eta_decay),
                                  ("seed", self.seed_edit, parse_seed)):
            value, error, warning = parser(edit.text())
            results[key] = value
            if error:
                errors.append(error)
                edit.setStyleSheet(_INVALID_STYLE)
                edit.setToolTip(error)
            elif warning:
                warnings.append(warning)
                edit.setStyleSheet(_WARNING_STYLE)
                edit.setToolTip(warning)
            else:
                edit.setStyleSheet("")
        training_size = self.training_size_spin.value()
        if self.batch_spin.value() > training_size:
            errors.append(f"the mini-batch ({self.batch_spin.value()}) is larger than the "
                          f"training set ({training_size})")
        text = "\n".join(["✗ " + e for e in errors] + ["⚠ " + w for w in warnings])
        self.validation_label.setText(text)
        self.validation_label.setStyleSheet("color: #b00000" if errors else "color: #8a5a00")
        self._valid = not errors
        self._update_buttons()
        if errors:
            return None
        if self.continue_radio.isChecked() and self._loaded_net is not None:
            net = self._loaded_net
            sizes, activation, cost, init = list(net.sizes), net.activation, net.cost_name, net.init
        else:
            sizes = [784, *results["hidden"], 10]
            activation = self.activation_combo.currentText()
            cost = self.cost_combo.currentText()
            init = self.init_combo.currentData()
        return RunSettings(sizes=sizes, activation=activation, cost=cost, init=init,
                           eta=results["eta"], batch_size=self.batch_spin.value(),
                           epochs=self.epochs_spin.value(), lmbda=results["lmbda"],
                           momentum=results["momentum"], eta_decay=results["eta_decay"],
                           augment="affine" if self.augment_check.isChecked() else None,
                           training_size=training_size, seed=results["seed"],
                           continue_training=self.continue_radio.isChecked(),
                           preset=self.preset_combo.currentData() or "")

    def settings(self):
        """The validated :class:`RunSettings` of the form, or None (reasons are shown)."""
        return self._validate()

    def set_settings(self, settings):
        """Fill the form from a :class:`RunSettings` (or its dict)."""
        if isinstance(settings, dict):
            settings = RunSettings.from_dict(settings)
        self._applying_preset = True
        try:
            preset = settings.preset if settings.preset in PRESETS else CUSTOM
            self.preset_combo.setCurrentIndex(max(0, self.preset_combo.findData(preset)))
            self.preset_description.setText(PRESETS[preset].get("description", "")
                                            if preset in PRESETS else "Your own settings.")
            self.hidden_edit.setText(", ".join(str(s) for s in settings.sizes[1:-1]))
            self.activation_combo.setCurrentText(settings.activation)
            self.cost_combo.setCurrentText(settings.cost)
            self.init_combo.setCurrentIndex(max(0, self.init_combo.findData(settings.init)))
            self.eta_edit.setText(f"{settings.eta:g}")
            self.training_size_spin.setValue(int(settings.training_size))
            self.batch_spin.setValue(int(settings.batch_size))
            self.epochs_spin.setValue(int(settings.epochs))
            self.lmbda_edit.setText(f"{settings.lmbda:g}")
            self.momentum_edit.setText(f"{settings.momentum:g}")
            self.eta_decay_edit.setText(f"{settings.eta_decay:g}")
            self.augment_check.setChecked(bool(settings.augment))
            self.seed_edit.setText("" if settings.seed is None else str(settings.seed))
        finally:
            self._applying_preset = False
        self._validate()

    def _reference_name(self):
        """The preset whose published accuracy trace fits these settings, or None: the network
        and the hyper-parameters must be the preset's (epochs, seed and subset may differ)."""
        settings = self._validate()
        if settings is None:
            return None
        for name in BOOK_REFERENCE:
            values = PRESETS.get(name)
            if values is None:
                continue
            if (list(settings.sizes) == list(values["sizes"])
                    and (settings.activation, settings.cost, settings.init)
                    == (values["activation"], values["cost"], values["init"])
                    and settings.eta == values["eta"]
                    and settings.batch_size == values["batch_size"]
                    and settings.lmbda == values.get("lmbda", 0.0)
                    and settings.momentum == values.get("momentum", 0.0)
                    and settings.eta_decay == values.get("eta_decay", 1.0)
                    and bool(settings.augment) == bool(values.get("augment"))):
                return name
        return None

    # -- data ----------------------------------------------------------------------------------

    def set_data(self, training, validation=None, test=None):
        """Use these ``(images, labels)`` pairs instead of MNIST from disk."""
        self._data = (training, validation, test)
        self._update_data_size()

    def _update_data_size(self):
        n = len(self._data[0][1]) if self._data is not None else MNIST_TRAINING_SIZE
        self._applying_preset = True     # not an edit by the person: keep the preset
        try:
            self.training_size_spin.setMaximum(n)     # a larger value is clamped to n
            self.batch_spin.setMaximum(n)
        finally:
            self._applying_preset = False
        self.mnist_button.setVisible(self._data is None and not self._mnist_available())

    def _mnist_available(self):
        try:
            from desktop_bp.core import mnist
        except ImportError:
            return False
        return mnist.mnist_available(self._mnist_path)

    def _load_data(self):
        """Runs in the worker thread: read MNIST (cached per process by core.mnist)."""
        from desktop_bp.core import mnist
        return mnist.load_mnist(self._mnist_path)

    # -- the loaded model ----------------------------------------------------------------------

    @Slot(object, str)
    def set_loaded_network(self, net, source_label=""):
        """The model the window has loaded: it can be trained further, and its stored history is
        shown in the plots (unless a run is going on)."""
        self._loaded_net = net.copy() if net is not None else None
        self._loaded_label = source_label or (net.describe() if net is not None else "")
        self.continue_radio.setEnabled(net is not None and not self.controller.is_running)
        self.continue_radio.setToolTip(
            "Open a model first (File ▸ Open model…)" if net is None else
            f"Train {net.describe()} further ({self._loaded_label})")
        if net is None:
            self.fresh_radio.setChecked(True)
        if not self.controller.is_running and net is not None:
            self._clear_progress()      # the last run's numbers and messages are not this model's
            self._show_network(net)
            if self.continue_radio.isChecked():
                self.fill_from_model(net)
        self._validate()

    def _show_network(self, net):
        """Plots and heatmaps of a network that is not training: its history and weights."""
        self.heatmaps.set_architecture(net.sizes)
        self.heatmaps.clear_gradients()
        # nothing is training, so there are no gradients to show: show what the network learned
        self.heatmaps.set_mode(WEIGHTS)
        self.heatmaps.show_weights(tuple(net.weights))
        self.plots.reset(len(net.weights), reference=None)
        self.plots.show_history(net.metadata.get("history", []))

    @Slot(bool)
    def _on_continue_toggled(self, checked):
        for widget in (self.hidden_edit, self.activation_combo, self.cost_combo,
                       self.init_combo):
            widget.setEnabled(not checked and not self.controller.is_running)
        if checked and self._loaded_net is not None:
            self._applying_preset = True
            try:
                self._show_architecture(self._loaded_net)
            finally:
                self._applying_preset = False
        self._validate()

    def _show_architecture(self, net):
        """The form's architecture fields, from ``net`` itself."""
        self.hidden_edit.setText(", ".join(str(s) for s in net.sizes[1:-1]))
        self.activation_combo.setCurrentText(net.activation)
        self.cost_combo.setCurrentText(net.cost_name)
        self.init_combo.setCurrentIndex(max(0, self.init_combo.findData(net.init)))

    @Slot(bool)
    def _on_continue_chosen(self, checked):
        """“Continue loaded model” was chosen: train it on with the settings it was trained
        with, not with whatever preset the form showed."""
        if checked and self._loaded_net is not None and not self.controller.is_running:
            self.fill_from_model(self._loaded_net)

    def fill_from_model(self, net):
        """Fill the form from ``net``'s stored ``hyperparameters`` (its architecture comes from
        the network itself). The preset shown is the one they name, else "custom" with a
        description of where the values came from."""
        hyper = (net.metadata or {}).get("hyperparameters")
        hyper = hyper if isinstance(hyper, dict) else {}
        self._applying_preset = True
        try:
            self._show_architecture(net)
            for key, edit in (("eta", self.eta_edit), ("lmbda", self.lmbda_edit),
                              ("momentum", self.momentum_edit),
                              ("eta_decay", self.eta_decay_edit)):
                if isinstance(hyper.get(key), (int, float)):
                    edit.setText(f"{hyper[key]:g}")
            if isinstance(hyper.get("batch_size"), (int, float)) and hyper["batch_size"] >= 1:
                self.batch_spin.setValue(int(hyper["batch_size"]))
            if "augment" in hyper:
                self.augment_check.setChecked(bool(hyper["augment"]))
            preset = hyper.get("preset")
            if preset in PRESETS:
                self.preset_combo.setCurrentIndex(self.preset_combo.findData(preset))
                self.preset_description.setText(PRESETS[preset].get("description", ""))
            else:
                self.preset_combo.setCurrentIndex(self.preset_combo.findData(CUSTOM))
                self.preset_description.setText(_describe_model_settings(hyper))
        finally:
            self._applying_preset = False
        self._validate()

    # -- commands ------------------------------------------------------------------------------

    @Slot()
    def start(self, paused=False):
        """Start training with the form's settings (``paused=True``: start paused, to step).
        Returns True when a run started."""
        if self.controller.is_running:
            return False
        settings = self._validate()
        if settings is None:
            return False
        if not self._confirm_discard("starting a new run"):
            return False
        job = TrainingJob(network=None, settings=settings,
                          checkpoints=self._checkpoint_dir is not False,
                          checkpoint_dir=self._checkpoint_dir or None)
        if self._data is not None:
            job.training, job.validation, job.test = self._data
        elif not self._mnist_available():
            self.offer_mnist()
            return False
        else:
            job.load_data = self._load_data
        if settings.continue_training and self._loaded_net is not None:
            net = self._loaded_net.copy()
        else:
            try:
                net = settings.make_network()
            except ValueError as exc:
                self._message("warning", "Cannot build this network", str(exc))
                return False
        job.network = net
        self._run_settings = settings
        history = list(net.metadata.get("history", []))
        self._run_first_epoch = len(history)
        self._run_history = list(history)
        self._epochs_done_in_run = 0
        self._pending_batch = self._pending_snapshot = self._pending_epoch = None
        self._progress_origin = None
        self._last_batch = None
        self._trained_net = None
        self._unsaved = False
        self._final_net = None
        self._clear_progress()
        self.plots.reset(len(net.weights), reference=self._reference_name(), live=True)
        self.plots.show_history(history)
        self.heatmaps.set_architecture(net.sizes)
        self.heatmaps.clear_gradients()
        self.heatmaps.set_mode(GRADIENTS)     # a run is about to produce them
        self.heatmaps.show_weights(tuple(net.weights))
        self._gui_template = net.copy()
        self._paused_ms = 0
        self._pause_started = None
        self._time_left = None
        self._elapsed.start()
        self.status_label.setText("Reading MNIST…" if job.load_data else "Training…")
        self._set_state("paused" if paused else "running")
        self._paint_now()
        self.controller.start(job, paused=paused)
        self._draw_timer.start()
        return True

    def _paint_now(self):
        """Lay out and paint the reset window before the training thread starts: painting holds
        the interpreter lock that thread needs, so a reset painted during the first epoch slows
        that epoch by a fifth or more. Only posted events (layouts, repaints) are handled here,
        no input."""
        app = QApplication.instance()
        if app is not None and self.isVisible():
            for _ in range(3):      # a layout done in one pass can ask for one more paint
                app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    def _clear_progress(self):
        """Start of a run: nothing of the previous run's progress or messages stays on show."""
        for label in (self.epoch_label, self.batch_label, self.elapsed_label,
                      self.eta_left_label, self.cost_label, self.accuracy_label):
            label.setText("–")
        self.status_label.setText("")

    @Slot()
    def pause(self):
        self.controller.pause()

    @Slot()
    def resume(self):
        self.controller.resume()
        self._end_pause()
        self._set_state("running")
        self.status_label.setText("Training…")

    @Slot()
    def stop(self):
        self.controller.stop()
        self.status_label.setText("Stopping after this mini-batch…")

    @Slot()
    def step_batch(self):
        """Train one mini-batch, then pause (starts a paused run when idle)."""
        if not self.controller.is_running and not self.start(paused=True):
            return
        self._end_pause()
        self.controller.control.request_snapshot()    # show this very batch's gradients
        self.controller.step_batch(1)
        self._set_state("running")

    @Slot()
    def step_epoch(self):
        """Train to the end of the current epoch, then pause."""
        if not self.controller.is_running and not self.start(paused=True):
            return
        self._end_pause()
        self.controller.step_epoch()
        self._set_state("running")

    @Slot()
    def _on_eta_committed(self):
        if not self.controller.is_running:
            return
        value, error, _ = parse_eta(self.eta_edit.text())
        if error is None:
            self.controller.set_eta(value)
            self.status_label.setText(f"η is now {value:g}.")

    def shutdown(self, timeout_ms=5000):
        """Stop training and wait for the worker thread (for the window's ``closeEvent``).
        Returns True when no thread is left running."""
        self._draw_timer.stop()
        if self._download_worker is not None:
            self._download_worker.cancel()
        ok = self.controller.shutdown(timeout_ms)
        thread = self._download_thread
        if thread is not None:
            thread.quit()
            ok = thread.wait(int(timeout_ms)) and ok
        return ok

    def closeEvent(self, event):
        """When the panel is a window of its own: stop training first."""
        self.shutdown()
        super().closeEvent(event)

    # -- slots for the worker's events (GUI thread) --------------------------------------------

    @Slot(object)
    def _on_batch(self, ev):
        self._pending_batch = self._last_batch = ev
        if ev.snapshot is not None:
            self._pending_snapshot = ev.snapshot
        self.plots.add_batch(ev)

    @Slot(object)
    def _on_epoch(self, ev):
        self._epochs_done_in_run += 1
        self._run_history.append(ev.record())
        self.plots.add_epoch(ev)
        # shown at the next draw tick, with the counters: short epochs (the book's take a fifth
        # of a second) would otherwise send the canvas, the status bar and the accuracy ahead
        # of the counters, and each repaint slows the training thread
        self._pending_epoch = ev

    def _show_epoch(self):
        """Show the latest finished epoch, if not yet shown: its accuracy, and its weights to
        the canvas and the heatmaps."""
        ev, self._pending_epoch = self._pending_epoch, None
        if ev is None:
            return
        if ev.weights:
            self.heatmaps.show_weights(ev.weights)
            self._publish(ev.weights, ev.biases, f"epoch {ev.epoch + 1}", ev)
        parts = []
        if ev.validation_accuracy is not None:
            parts.append(f"val. {100 * ev.validation_accuracy:.2f}%")
        if ev.test_accuracy is not None:
            parts.append(f"test {100 * ev.test_accuracy:.2f}%")
        self.accuracy_label.setText(", ".join(parts) or "–")

    @Slot(object)
    def _on_paused(self, ev):
        self._pause_started = self._elapsed.elapsed()
        self._show_epoch()      # before the paused weights, which are newer
        between_epochs = ev.batch == 0 and ev.epoch > 0
        if between_epochs:
            where = f"epoch {ev.epoch}"
        elif ev.batch == 0:
            where = "its start"
        else:
            where = f"epoch {ev.epoch + 1}, mini-batch {ev.batch}"
        self._publish(ev.weights, ev.biases, where, None)
        self.heatmaps.show_weights(ev.weights)
        self._set_state("paused")
        if between_epochs:     # Step epoch: the epoch it finished, not the one not yet begun
            self.status_label.setText(f"Paused after epoch {ev.epoch}.")
        elif ev.batch == 0:
            self.status_label.setText("Paused before the first mini-batch.")
        else:
            self.status_label.setText(f"Paused in epoch {ev.epoch + 1}, "
                                      f"after mini-batch {ev.batch}.")
        if self._run_settings is not None:
            total = self._run_first_epoch + int(self._run_settings.epochs)
            if self._last_batch is not None:
                batches = self._last_batch.batches
                if between_epochs:
                    self.epoch_label.setText(f"{ev.epoch} of {total}")
                    self.batch_label.setText(f"{batches} of {batches}")
                else:
                    self.epoch_label.setText(f"{ev.epoch + 1} of {total}")
                    self.batch_label.setText(f"{ev.batch} of {batches}")
            else:
                self.epoch_label.setText(f"{ev.epoch + 1} of {total}")
        self._draw()

    @Slot(object)
    def _on_data_loaded(self, data):
        self._data = tuple(data)
        self._update_data_size()
        self.status_label.setText("Training…")

    @Slot(object)
    def _on_trained(self, net):
        # kept until the run's FinishedEvent says how it ended (after a divergence the window
        # goes back to its model from before the run instead)
        self._annotate(net)
        self._final_net = net

    def _annotate(self, net):
        """Give a network trained here its settings and latest accuracies in its metadata, so
        that the window's status bar and Model page, and a saved file, show them."""
        net.metadata.pop("checkpoint", None)
        if self._run_settings is not None:
            hyper = describe_run(self._run_settings)
            # the architecture is the network's own (a continued model's, a checkpoint's)
            hyper.update(sizes=list(net.sizes), activation=net.activation, cost=net.cost_name,
                         init=net.init)
            net.metadata["hyperparameters"] = hyper
        _record_accuracy(net)

    @Slot(str)
    def _on_checkpoint_failed(self, message):
        self.status_label.setText(message)

    @Slot(str)
    def _on_error(self, message):
        self._message("critical", "Training failed", message)

    @Slot(object)
    def _on_finished(self, ev):
        self._draw()
        self._draw_timer.stop()
        if self._elapsed.isValid():
            self._show_elapsed()        # the run is over: no "time left" any more
        net, self._final_net = self._final_net, None
        message = ev.message
        if ev.reason == "diverged":
            message = self._after_divergence(ev, net)
        elif net is not None:
            self._trained_net = net
            self._unsaved = True
            self.network_changed.emit(net.copy(), f"trained here: {net.describe()}")
        if ev.reason == "stopped":
            self._show_stopped_progress(ev)
        self._set_state("idle")
        self.status_label.setText(message)
        if ev.reason == "diverged":
            self._message("warning", "Training diverged", message)

    def _after_divergence(self, ev, net):
        """A diverged run's network is not used for recognising: the window goes back to the
        model it had before the run (``diverged``). Returns the message to show."""
        message = (ev.message + "\n\nThe canvas recognises with the model it used before "
                   "this run again.")
        self.plots.mark_divergence(self._run_first_epoch + ev.epochs_done
                                   + ev.batches_done / max(ev.batches, 1))
        # the exploding steps' gradients mean nothing: show the weights the network went back to
        self.heatmaps.set_mode(WEIGHTS)
        self.heatmaps.clear_gradients()
        if net is not None:
            self.heatmaps.show_weights(tuple(net.weights))
        if ev.best_epoch is not None and net is not None:
            # epochs finished before the divergence: their best can still be saved
            self._trained_net = net
            self._unsaved = True
            message += (f" The weights of epoch {ev.best_epoch + 1}, this run's best, can "
                        "still be saved with “Save trained model…”.")
        else:
            # nothing new to save: Save offers only what this run produced
            self._trained_net = None
            self._unsaved = False
        self.diverged.emit(message)
        return message

    def _show_stopped_progress(self, ev):
        """After Stop: the Progress box shows the last mini-batch actually trained (the
        throttled reports may have missed the last few)."""
        settings = self._run_settings
        if settings is None:
            return
        n = settings.training_size
        if self._data is not None:
            n = min(n, len(self._data[0][1]))
        batches = max(1, -(-int(n) // max(int(settings.batch_size), 1)))
        total = self._run_first_epoch + int(settings.epochs)
        epoch = self._run_first_epoch + ev.epochs_done + 1      # counted from 1
        batch = 0
        counted = ev.batches_done > 0
        if counted:
            batch, batches = ev.batches_done, ev.batches
        elif self._last_batch is not None and self._last_batch.epoch + 1 == epoch:
            batch = self._last_batch.batch
        if batch == 0 and ev.epochs_done > 0 and not counted:
            # stopped at an epoch's end: the last batch done is the previous epoch's last
            epoch, batch = epoch - 1, batches
        self.epoch_label.setText(f"{epoch} of {total}")
        self.batch_label.setText(f"{batch} of {batches}")

    @Slot(bool)
    def _on_running_changed(self, running):
        self.running_changed.emit(running)

    def _publish(self, weights, biases, where, ev):
        """Give the GUI its own copy of the latest weights (for the canvas's prediction);
        ``where`` says how far the run is ("epoch 3"), ``ev`` is the epoch's event, if any."""
        net = self._gui_template.copy()
        net.set_parameters(weights, biases)
        net.metadata["history"] = list(self._run_history)
        self._annotate(net)
        self._trained_net = net
        acc = None if ev is None else (ev.test_accuracy if ev.test_accuracy is not None
                                       else ev.validation_accuracy)
        label = f"training: {net.describe()}, {where}"
        if acc is not None:
            label += f", {100 * acc:.2f}%"
        self.network_changed.emit(net, label)

    # -- drawing (throttled) -------------------------------------------------------------------

    @Slot()
    def _draw(self):
        """Draw everything that arrived (epoch ends, pauses and the end of a run)."""
        self._draw_curves()
        self._draw_heatmaps()
        self._show_epoch()

    @Slot()
    def _draw_next(self):
        """The timer's tick: the progress counters at every tick (cheap), the curves and the
        heatmaps (costly) taking turns, so that each tick's repaint is short and the window
        answers input in between."""
        self._tick += 1
        self._update_progress()
        self._show_epoch()
        if self._tick % 2:
            self.plots.flush()
        else:
            self._draw_heatmaps()

    def _draw_curves(self):
        self.plots.flush()
        self._update_progress()

    def _update_progress(self):
        ev, self._pending_batch = self._pending_batch, None
        if ev is not None:
            self._show_progress(ev)
        elif self.controller.is_running:
            self._show_elapsed()

    def _draw_heatmaps(self):
        snapshot, self._pending_snapshot = self._pending_snapshot, None
        if snapshot is not None:
            self.heatmaps.show_snapshot(snapshot)

    def _show_progress(self, ev):
        settings = self._run_settings
        done_epochs = ev.epoch - self._run_first_epoch
        self.epoch_label.setText(f"{ev.epoch + 1} of {ev.epochs}")
        self.batch_label.setText(f"{ev.batch} of {ev.batches}")
        self.cost_label.setText(f"{ev.cost:.3g} (η = {_format_eta(ev.eta)})")
        total = max(int(settings.epochs), 1) if settings else 1
        fraction = min(1.0, (done_epochs + ev.batch / max(ev.batches, 1)) / total)
        elapsed = self._elapsed_seconds()
        # the rate since the run's first progress report: reading MNIST before it, or single
        # steps (a mini-batch's worth of progress), would make a wild estimate
        if self._progress_origin is None:
            self._progress_origin = (elapsed, fraction)
        t0, f0 = self._progress_origin
        if fraction - f0 >= MIN_PROGRESS_FOR_ESTIMATE and elapsed - t0 >= 0.5:
            self._time_left = _format_clock((elapsed - t0) * (1 - fraction) / (fraction - f0))
            self.eta_left_label.setText(self._time_left)
        self._show_elapsed()

    def _elapsed_seconds(self):
        """Seconds since Start, pauses excluded."""
        ms = self._elapsed.elapsed() - self._paused_ms
        if self._pause_started is not None:
            ms -= self._elapsed.elapsed() - self._pause_started
        return max(0.0, ms / 1000.0)

    def _show_elapsed(self):
        text = _format_seconds(self._elapsed_seconds())
        if self._time_left and self.controller.is_running:
            text += f", ≈ {self._time_left} left"     # short: the column is narrow
        self.elapsed_label.setText(text)

    def _end_pause(self):
        if self._pause_started is not None:
            self._paused_ms += self._elapsed.elapsed() - self._pause_started
            self._pause_started = None

    # -- state ---------------------------------------------------------------------------------

    def _set_state(self, state):
        self._state = state
        running = state in ("running", "paused")
        for widget in self._setup_fields:
            widget.setEnabled(not running)
        if not running:
            self.continue_radio.setEnabled(self._loaded_net is not None)
            self._on_continue_toggled(self.continue_radio.isChecked())
        self._update_buttons()

    def _update_buttons(self):
        state = getattr(self, "_state", "idle")
        valid = getattr(self, "_valid", True)
        self.start_button.setEnabled(state == "idle" and valid)
        self.pause_button.setEnabled(state == "running")
        self.resume_button.setEnabled(state == "paused")
        self.stop_button.setEnabled(state in ("running", "paused"))
        self.step_batch_button.setEnabled(state == "paused" or (state == "idle" and valid))
        self.step_epoch_button.setEnabled(state == "paused" or (state == "idle" and valid))
        self.save_button.setEnabled(self._trained_net is not None and state != "running")
        # which network Save writes, whatever the canvas uses now (an opened model, say)
        net = self._trained_net
        self.save_button.setToolTip(
            "Nothing trained here yet" if net is None else
            f"Save the network trained on this page: {net.describe()}, "
            f"{len(net.metadata.get('history', []))} epochs")

    @property
    def state(self):
        """"idle", "running" or "paused"."""
        return self._state

    @property
    def trained_network(self):
        """The GUI's copy of the latest trained weights (None before any epoch)."""
        return self._trained_net

    # -- questions before work is lost -----------------------------------------------------------

    @property
    def has_unsaved_network(self):
        """True when a run left a trained network that was not saved since."""
        return self._unsaved and self._trained_net is not None

    def ask_unsaved(self, doing):
        """Ask what to do with the unsaved trained network before ``doing`` (e.g. "quitting"):
        returns "save", "discard" or "cancel"."""
        net = self._trained_net
        accuracy = net.metadata.get("test_accuracy", net.metadata.get("validation_accuracy"))
        what = net.describe() + (f", {100 * accuracy:.2f}%"
                                 if isinstance(accuracy, (int, float)) else "")
        answer = ask(self, "Unsaved network",
                     f"Discard the unsaved network trained here ({what}) before {doing}?",
                     "Save keeps it in a model file first.",
                     (QMessageBox.Save, QMessageBox.Discard, QMessageBox.Cancel),
                     QMessageBox.Save)
        return {QMessageBox.Save: "save", QMessageBox.Discard: "discard"}.get(answer, "cancel")

    def ask_stop_training(self):
        """Training is going on and the window is to close: True to stop it and quit."""
        answer = ask(self, "Training is running",
                     "Stop the training and quit?",
                     "What the network has learned so far is kept in the recovery file and "
                     "offered when the app starts again.",
                     (QMessageBox.Yes, QMessageBox.Cancel), QMessageBox.Cancel,
                     labels={QMessageBox.Yes: "Stop and quit"})
        return answer == QMessageBox.Yes

    def _confirm_discard(self, doing):
        """True when nothing unsaved would be lost, or the person saved it or let it go."""
        if not self.has_unsaved_network:
            return True
        decision = self.ask_unsaved(doing)
        if decision == "save":
            return self.save_model_dialog() is not None
        if decision == "discard":
            self.discard_trained_network()
            return True
        return False

    def discard_trained_network(self):
        """Forget the network the last run trained: gone for good, neither Save nor a diverged
        run's fallback may bring it back (and the window stops recognising with it)."""
        had = self._trained_net is not None
        self._unsaved = False
        self._trained_net = None
        self._update_buttons()
        if had:
            self.network_discarded.emit()

    def confirm_close(self):
        """For the window's ``closeEvent``: ask before a run or an unsaved network is lost.
        Returns True when the window may close (then call :meth:`shutdown`)."""
        if self.controller.is_running:
            return self.ask_stop_training()
        return self._confirm_discard("quitting")

    # -- saving and recovery -------------------------------------------------------------------

    @Slot()
    def save_model_dialog(self):
        """Ask for a file name and save the trained network with its history."""
        net = self._trained_net
        if net is None:
            return None
        if self.suggest_save_path is not None:
            default = str(self.suggest_save_path(net))
        else:
            from desktop_bp.ui.main_window import documents_folder, model_file_name
            default = str(documents_folder() / model_file_name(net))
        from desktop_bp.ui.main_window import SAVE_FILTER
        path, _ = QFileDialog.getSaveFileName(self, "Save trained model", default, SAVE_FILTER)
        if not path:
            return None
        if not path.lower().endswith(".npz"):
            path += ".npz"
        return self.save_model(path)

    def save_model(self, path):
        """Save the trained network to ``path`` (history and settings in its metadata);
        the recovery checkpoint is then no longer needed and is removed."""
        from desktop_bp.core.persistence import save_model
        net = self._trained_net.copy()
        # the settings, history and latest accuracies were recorded when it was trained
        net.metadata.pop("checkpoint", None)
        net.metadata.setdefault("history", [])
        if "hyperparameters" not in net.metadata and self._run_settings is not None:
            net.metadata["hyperparameters"] = describe_run(self._run_settings)
        _record_accuracy(net)
        try:
            save_model(path, net)
        except (OSError, ValueError, TypeError) as exc:
            self._message("critical", "Could not save the model", f"{path}:\n{exc}")
            return None
        self._unsaved = False
        if self._checkpoint_dir is not False:
            checkpoint_mod.discard_checkpoint(self._checkpoint_dir or None)
        self.status_label.setText(f"Saved {Path(path).name}.")
        self.model_saved.emit(str(path))
        return Path(path)

    def note_saved_elsewhere(self, net, path):
        """The window saved ``net`` to ``path`` (File ▸ Save model): when it is the network
        trained here, it counts as saved, as with “Save trained model…”."""
        trained = self._trained_net
        if trained is None or net is None or not _same_parameters(trained, net):
            return False
        self._unsaved = False
        if self._checkpoint_dir is not False and not self.controller.is_running:
            checkpoint_mod.discard_checkpoint(self._checkpoint_dir or None)
        self.status_label.setText(f"Saved {Path(path).name}.")
        return True

    def offer_recovery(self):
        """If a recovery checkpoint exists, ask whether to restore it. Returns True when a run
        was restored. Call once at start-up, after the window is shown."""
        if self._checkpoint_dir is False:
            return False
        path = checkpoint_mod.find_checkpoint(self._checkpoint_dir or None)
        if path is None:
            return False
        try:
            cp = checkpoint_mod.load_checkpoint(path)
        except Exception as exc:  # noqa: BLE001 - a damaged file must not stop the app
            self._message("warning", "Recovery file unreadable",
                          f"The last training run's recovery file cannot be read and is "
                          f"removed:\n{exc}")
            checkpoint_mod.discard_checkpoint(self._checkpoint_dir or None)
            return False
        answer = QMessageBox.question(
            self, "Restore the last training run?",
            f"A training run was not saved:\n{_checkpoint_summary(cp)}\n\n"
            "Restore its weights and history?",
            QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
        if answer != QMessageBox.Yes:
            checkpoint_mod.discard_checkpoint(self._checkpoint_dir or None)
            return False
        self.restore_checkpoint(cp)
        return True

    def restore_checkpoint(self, cp=None):
        """Restore a :class:`~desktop_bp.core.checkpoint.Checkpoint` (or read the recovery
        file): its network becomes the loaded model, its history fills the plots, its settings
        fill the form, and it can be saved or trained further."""
        if cp is None or isinstance(cp, (str, Path)):
            cp = checkpoint_mod.load_checkpoint(cp)
        net = cp.network
        net.metadata.pop("checkpoint", None)
        net.metadata["history"] = list(cp.history)
        if cp.settings:
            self.set_settings(cp.settings)
            self._run_settings = RunSettings.from_dict(cp.settings)
            self._annotate(net)
        self.set_loaded_network(net, f"recovered run: {net.describe()}")
        self.continue_radio.setChecked(True)
        self._trained_net = net.copy()
        self._unsaved = True        # a new run asks before it is thrown away
        self._update_buttons()
        self.status_label.setText(f"Restored: {_checkpoint_summary(cp)}")
        self.network_changed.emit(net.copy(), f"recovered run: {net.describe()}")
        return net

    # -- MNIST ---------------------------------------------------------------------------------

    @Slot()
    def offer_mnist(self):
        """MNIST is missing: offer to download it or to choose the folder that holds it."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Question)
        box.setWindowTitle("MNIST is needed to train")
        box.setText("Training needs the MNIST handwritten digits (about 11 MB), which are not "
                    "on this computer yet.")
        box.setInformativeText("Download them now, or choose a folder that already holds the "
                               "four MNIST files. Drawing and recognising digits works "
                               "without them.")
        download = box.addButton("Download", QMessageBox.AcceptRole)
        choose = box.addButton("Choose folder…", QMessageBox.ActionRole)
        box.addButton(QMessageBox.Cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is download:
            self.download_mnist()
        elif clicked is choose:
            self.choose_mnist_folder()

    def choose_mnist_folder(self, folder=None):
        """Use MNIST from ``folder`` (asks for it when None). Returns True when it holds MNIST."""
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self, "Folder that holds MNIST")
            if not folder:
                return False
        from desktop_bp.core import mnist
        if not mnist.mnist_available(folder):
            self._message("warning", "No MNIST there", mnist.describe_location(folder)
                          if hasattr(mnist, "describe_location") else
                          f"{folder} does not hold the four MNIST files.")
            return False
        self._mnist_path = str(folder)
        self._update_data_size()
        self.status_label.setText(f"MNIST: {folder}")
        self.mnist_folder_chosen.emit(str(folder))
        return True

    def download_mnist(self, dest=None):
        """Download MNIST in a worker thread with a cancellable progress dialog."""
        if self._download_thread is not None:
            return
        from desktop_bp.core import mnist
        dialog = QProgressDialog("Downloading MNIST…", "Cancel", 0, 100, self)
        dialog.setWindowTitle("Downloading MNIST")
        dialog.setWindowModality(Qt.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setValue(0)
        thread = QThread()
        worker = DownloadWorker(mnist.download, dest)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(self._on_download_progress)
        worker.finished.connect(self._on_download_finished)
        worker.failed.connect(self._on_download_failed)
        worker.cancelled.connect(self._on_download_cancelled)
        worker.done.connect(thread.quit)
        # both are Python-owned: released in _on_download_thread_finished, not by deleteLater
        thread.finished.connect(self._on_download_thread_finished)
        dialog.canceled.connect(self._on_download_cancel_clicked)
        dialog.rejected.connect(self._on_download_cancel_clicked)     # Esc
        self._download_thread, self._download_worker = thread, worker
        self._progress_dialog = dialog
        thread.start()

    @Slot(object)
    def _on_download_progress(self, progress):
        name, done, total = progress
        if self._progress_dialog is not None and total:
            self._progress_dialog.setLabelText(f"Downloading {name}… "
                                               f"{done / 1e6:.1f} of {total / 1e6:.1f} MB")
            self._progress_dialog.setValue(int(100 * done / total))

    @Slot()
    def _on_download_cancel_clicked(self):
        if self._download_worker is not None:
            self._download_worker.cancel()

    @Slot(str)
    def _on_download_finished(self, folder):
        self._close_progress()
        self._mnist_path = folder
        self._update_data_size()
        self.status_label.setText(f"MNIST downloaded to {folder}.")
        self.mnist_folder_chosen.emit(folder)

    @Slot(str)
    def _on_download_failed(self, reason):
        self._close_progress()
        self._message("warning", "MNIST could not be downloaded",
                      f"{reason}\n\nIf this computer is offline, copy the four MNIST files "
                      "into a folder and choose it with “Get MNIST… ▸ Choose folder…”. "
                      "Everything else in the app keeps working.")

    @Slot(str)
    def _on_download_cancelled(self, message):
        self._close_progress()
        self.status_label.setText(message)

    @Slot()
    def _on_download_thread_finished(self):
        if self._download_thread is not None:
            self._download_thread.wait()    # returns at once: the thread has ended
        self._download_thread = self._download_worker = None

    def _close_progress(self):
        if self._progress_dialog is not None:
            self._progress_dialog.canceled.disconnect(self._on_download_cancel_clicked)
            self._progress_dialog.rejected.disconnect(self._on_download_cancel_clicked)
            self._progress_dialog.close()
            self._progress_dialog.deleteLater()
            self._progress_dialog = None

    # -- messages ------------------------------------------------------------------------------

    def _message(self, kind, title, text):
        """A message box (``kind``: information, warning, critical); tests patch QMessageBox."""
        getattr(QMessageBox, kind)(self, title, text)


def _checkpoint_summary(cp):
    """``cp.summary()`` with the data set its best accuracy was measured on named."""
    text = cp.summary()
    for key, where in (("test_accuracy", "test"), ("validation_accuracy", "validation")):
        if any(r.get(key) is not None for r in cp.history):
            return text.replace("best accuracy", f"best {where} accuracy", 1)
    return text


def _describe_model_settings(hyper):
    """The preset description for a loaded model's stored ``hyperparameters`` (a dict)."""
    if not any(isinstance(hyper.get(k), (int, float)) for k in ("eta", "batch_size")):
        return ("The loaded model does not record how it was trained: check η and the "
                "mini-batch size before training it further.")
    parts = []
    if isinstance(hyper.get("eta"), (int, float)):
        parts.append(f"η = {hyper['eta']:.3g}")
    if isinstance(hyper.get("batch_size"), (int, float)):
        parts.append(f"mini-batches of {int(hyper['batch_size'])}")
    if hyper.get("lmbda"):
        parts.append(f"λ = {hyper['lmbda']:.3g}")
    if hyper.get("momentum"):
        parts.append(f"momentum {hyper['momentum']:.3g}")
    if isinstance(hyper.get("eta_decay"), (int, float)) and hyper["eta_decay"] != 1:
        parts.append(f"η × {hyper['eta_decay']:.3g} per epoch")
    if hyper.get("augment"):
        parts.append("augmented images")
    return "The settings the loaded model was trained with: " + ", ".join(parts) + "."


def _same_parameters(a, b):
    """True when networks ``a`` and ``b`` have the same layer sizes, weights and biases."""
    if list(a.sizes) != list(b.sizes):
        return False
    return all(np.array_equal(x, y) for x, y in zip(a.weights + a.biases, b.weights + b.biases))


def ask(parent, title, text, informative, buttons, default, labels=None):
    """A modal question with standard ``buttons`` (their text replaced by ``labels``); returns
    the StandardButton chosen (Escape: Cancel). Tests patch ``QMessageBox.exec``."""
    box = QMessageBox(QMessageBox.Question, title, text, QMessageBox.NoButton, parent)
    if informative:
        box.setInformativeText(informative)
    for button in buttons:
        box.addButton(button)
    for button, label in (labels or {}).items():
        box.button(button).setText(label)
    box.setDefaultButton(default)
    if QMessageBox.Cancel in buttons:
        box.setEscapeButton(QMessageBox.Cancel)
    return QMessageBox.StandardButton(box.exec())


def _format_seconds(seconds):
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"



def _format_clock(seconds):
    """Seconds as a short clock reading: "0:42", "1:44", "1:02:05"."""
    seconds = int(round(seconds))
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}:{seconds:02d}"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}"
