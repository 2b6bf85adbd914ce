"""The run's set-up: preset, architecture and hyper-parameters, validated as they are typed.

:class:`RunForm` only edits settings; the values, their limits and the validation itself are
:mod:`desktop_bp.core.run_config`'s (the command line and the checkpoint use the same). The form
shows the reasons a set-up cannot start in :attr:`RunForm.validation_label` (placed by the panel
beside the run controls) and emits ``validity_changed(bool)``.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal, Slot
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QFormLayout, QGroupBox,
                               QHBoxLayout, QLabel, QLineEdit, QRadioButton, QSizePolicy,
                               QSpinBox, QVBoxLayout, QWidget)

from desktop_bp.core import run_config as rc
from desktop_bp.core.network import ACTIVATIONS, COSTS, INITS
from desktop_bp.core.presets import PRESETS
from desktop_bp.ui.fitting_label import WrappedLabel
from desktop_bp.ui.i18n import Retranslating
from desktop_bp.ui.words import describe_network, function_names

CUSTOM = "custom"

_INVALID_STYLE = "QLineEdit { border: 1px solid #d62728; background: #fff0f0; }"
_WARNING_STYLE = "QLineEdit { border: 1px solid #e69500; background: #fff8e6; }"


class NoWheelComboBox(QComboBox):
    """A combo box that takes the mouse wheel only when it has the focus (clicked or tabbed
    into): a wheel turned while the pointer merely passes over it scrolls the form instead."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.StrongFocus)     # the wheel alone does not give it the focus
        self.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(8)

    def wheelEvent(self, event):
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()                      # unaccepted: Qt passes it on to the scroll area


class NoWheelSpinBox(QSpinBox):
    """A spin box that takes the mouse wheel only when it has the focus."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.StrongFocus)

    def wheelEvent(self, event):
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


def _choose(combo, key):
    """Select the item whose data is ``key`` (the items' texts are translated)."""
    combo.setCurrentIndex(max(0, combo.findData(key)))


class DescriptionLabel(WrappedLabel):
    """A wrapped label as tall as the longest of ``texts()`` (and its own text) needs at its
    width, so that showing one or another never moves what is below it."""

    def __init__(self, texts, parent=None):
        self._texts = texts
        super().__init__("", parent)

    def _fit_height(self):
        width = self.contentsRect().width()
        if width < 40:
            return
        metrics = self.fontMetrics()
        bounds = QRect(0, 0, width, 100000)
        need = max(metrics.boundingRect(bounds, int(Qt.TextWordWrap), text).height()
                   for text in [*self._texts(), self.text()])
        if need != self.minimumHeight():
            self.setMinimumHeight(need)


class RunForm(Retranslating, QWidget):
    """See the module doc. :meth:`settings` gives the validated
    :class:`~desktop_bp.core.run_config.RunSettings` or None."""

    validity_changed = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._model = None          # the model in use: what "Continue" trains further
        self._model_label = ""
        self._applying = False
        self._valid = True
        self._running = False
        self._training_available = rc.MNIST_TRAINING_SIZE
        self._description = ("custom", None)    # what the description says: see _describe
        self._row_labels = {}                   # key -> the QLabel of a form row
        self._build()
        self.retranslate()
        initial = "book" if "book" in PRESETS else CUSTOM
        self.apply_preset(initial)

    def _preset_label(self, name):
        return {"book": self.tr("book (ch. 1: 784-30-10)"),
                "book-100": self.tr("book-100 (784-100-10)"),
                "improved": self.tr("improved (ch. 3)"), "best": self.tr("best"),
                "slow-eta": self.tr("warning: η = 0.001"),
                "diverging-eta": self.tr("warning: η = 100")}.get(name, name)

    def preset_text(self, name):
        """The description of preset ``name`` in the window's language. The English texts are
        ``core.presets``' own (a test keeps them equal); a preset without a text here shows
        the core's."""
        texts = {
            "book": self.tr(
                "Chapter 1's network: 784-30-10 sigmoid neurons, quadratic cost, eta = 3.0, "
                "mini-batches of 10, 30 epochs (the book's best: 95.42%). Without a seed every "
                "run starts from other random weights; now and then saturated output neurons "
                "hold one below 85% for an epoch or more: chapter 3's slow learning."),
            "book-100": self.tr(
                "The same with 100 hidden neurons (the book: 96.59%). With N(0, 1) weights many "
                "output neurons start saturated, and from some starting weights they never "
                "recover: the run sticks at 70-85% (seeds 0, 1, 3). Seed 2 reproduces the book; "
                "chapter 3's cure is the 'improved' preset."),
            "improved": self.tr(
                "Chapter 3's network: cross-entropy cost, weights N(0, 1/n_in), L2 "
                "regularisation lambda = 5.0, eta = 0.1, 60 epochs (the book: 98.04%)."),
            "best": self.tr(
                "The most accurate network here: two ReLU hidden layers of 1024 and 512 "
                "neurons, softmax output, momentum 0.9, an eta that decays each epoch, and "
                "randomly distorted training images, for 20 epochs. By far the heaviest preset: "
                "each epoch multiplies about 65 times as many numbers as one of the book "
                "network's."),
            "slow-eta": self.tr(
                "The book's warning: eta = 0.001 is far too small; after 30 epochs the network "
                "is still far from 90%."),
            "diverging-eta": self.tr(
                "The book's other warning: eta = 100 is far too large; the steps overshoot and "
                "the accuracy stays near chance."),
        }
        return texts.get(name) or PRESETS.get(name, {}).get("description", "")

    def _row(self, form, key, field):
        """A form row whose label :meth:`retranslate` names (``key``: see there)."""
        label = QLabel()
        self._row_labels[key] = label
        form.addRow(label, field)

    def retranslate(self):
        """Every fixed text of the form in the current language, and the description again."""
        self.setup_group.setTitle(self.tr("Run set-up"))
        for key, text in (("preset", self.tr("Preset")), ("train", self.tr("Train")),
                          ("hidden", self.tr("Hidden layers")),
                          ("activation", self.tr("Activation")),
                          ("cost", self.tr("Cost")), ("init", self.tr("Initial w")),
                          ("eta", self.tr("Learning rate η")),
                          ("batch", self.tr("Mini-batch")),
                          ("epochs", self.tr("Epochs")), ("lmbda", self.tr("L2 λ")),
                          ("momentum", self.tr("Momentum μ")),
                          ("eta_decay", self.tr("η decay")),
                          ("augment", self.tr("Augment")), ("images", self.tr("Images")),
                          ("seed", self.tr("Seed")),
                          ("handwriting", self.tr("Mine"))):
            self._row_labels[key].setText(text)
        for i in range(self.preset_combo.count()):
            name = self.preset_combo.itemData(i)
            self.preset_combo.setItemText(i, self.tr("custom") if name == CUSTOM
                                          else self._preset_label(name))
            if name != CUSTOM:
                self.preset_combo.setItemData(i, self.preset_text(name), Qt.ToolTipRole)
        names = function_names()
        for combo in (self.activation_combo, self.cost_combo):
            for i in range(combo.count()):
                combo.setItemText(i, names.get(combo.itemData(i), combo.itemData(i)))
        for i in range(self.init_combo.count()):
            name = self.init_combo.itemData(i)
            names = {"standard": self.tr("standard N(0, 1)"),
                     "scaled": self.tr("scaled N(0, 1/n_in)")}
            self.init_combo.setItemText(i, names.get(name, name))
        self.fresh_radio.setText(self.tr("New network"))
        self.continue_radio.setText(self.tr("Continue the model in use"))
        self.hidden_edit.setPlaceholderText(self.tr("e.g. 30 or 100, 30"))
        self.seed_edit.setPlaceholderText(self.tr("empty: random"))
        self.cost_combo.setToolTip(self.tr("log-likelihood goes with a softmax output layer"))
        self.augment_check.setText(self.tr("random distortions"))
        self.augment_check.setToolTip(self.tr("Distort the training images randomly (slower, "
                                              "more robust)"))
        self.training_size_spin.setToolTip(self.tr("Train on the first n training images (a "
                                                   "subset trains in seconds)"))
        self.handwriting_check.setText(self.tr("my handwriting"))
        self.handwriting_check.setToolTip(self.tr(
            "Mix the drawings kept on the Evaluate page into the training images (fine-tuning); "
            "each counts as many times as the weight beside"))
        self.handwriting_spin.setToolTip(self.tr("How many times each of your drawings appears "
                                                 "among the training images"))
        self._show_continue_tip()
        self._describe(*self._description)
        self._validate()        # field tooltips and messages

    def say(self, message):
        """A check's sentence (a :class:`~desktop_bp.core.run_config.Message`) in the window's
        language."""
        template = self.message_templates().get(getattr(message, "template", None))
        if template is None:
            return str(message)
        args = dict(message.args)
        if "name" in args:
            args["name"] = self.field_names().get(args["name"], args["name"])
        return template.format(**args)

    def message_templates(self):
        """The checks' sentences of :mod:`desktop_bp.core.run_config`, translated (a test keeps
        the English keys equal to ``run_config.TEMPLATES``)."""
        return {
            rc.EMPTY_ENTRY: self.tr(
                "an empty entry in the hidden layers (two commas in a row, or one at the start "
                "or end): give every layer a size"),
            rc.NOT_WHOLE: self.tr("“{entry}” is not a whole number of neurons"),
            rc.IN_OUT: self.tr("an MNIST network has {inputs} inputs and {outputs} outputs"),
            rc.LAYER_SIZE: self.tr("a layer needs 1 to {most} neurons, not {size}"),
            rc.TOO_DEEP: self.tr("at most {most} hidden layers"),
            rc.NOT_A_NUMBER: self.tr("{name} must be a number"),
            rc.EMPTY: self.tr("{name} is empty"),
            rc.NOT_FINITE: self.tr("{name} must be finite"),
            rc.ETA_POSITIVE: self.tr("η must be larger than 0 (it is the step size of gradient "
                                     "descent)"),
            rc.ETA_OVERFLOW: self.tr("η above 10³⁰ overflows at once"),
            rc.ETA_SLOW: self.tr("η = {eta:g} is very small (the book's warning is about "
                                 "η = 0.001): this learns far too slowly (still far from 90% "
                                 "after 30 epochs)"),
            rc.ETA_LARGE: self.tr("η = {eta:g} is very large (the book's warning is about "
                                  "η = 100): steps this large overshoot; expect no learning or "
                                  "divergence"),
            rc.LMBDA_NEGATIVE: self.tr("λ (L2 regularisation) cannot be negative"),
            rc.MOMENTUM_RANGE: self.tr("momentum μ must be in [0, 1): μ ≥ 1 makes the velocity "
                                       "grow forever"),
            rc.DECAY_RANGE: self.tr("η decay is a factor per epoch in (0, 1]"),
            rc.SEED: self.tr("the seed is a whole number ≥ 0, or empty for a random start"),
            rc.EPOCHS_RANGE: self.tr("the number of epochs must be 1 to {most}"),
            rc.BATCH_EMPTY: self.tr("the mini-batch needs at least one image"),
            rc.BATCH_TOO_LARGE: self.tr("the mini-batch ({batch}) is larger than the training "
                                        "set ({size})"),
        }

    def field_names(self):
        return {"η": "η", "λ": "λ", "momentum": self.tr("momentum"),
                "η decay": self.tr("η decay")}

    def _field_tips(self):
        """The tooltip of each line edit while its content is valid."""
        return {self.hidden_edit: self.tr("Hidden layer sizes, input (784) and output (10) "
                                          "excluded"),
                self.eta_edit: self.tr("Learning rate; can be changed while training (press "
                                       "Enter)"),
                self.lmbda_edit: self.tr("L2 regularisation λ (0: none)"),
                self.momentum_edit: self.tr("Momentum μ in [0, 1) (0: plain SGD)"),
                self.eta_decay_edit: self.tr("η is multiplied by this after every epoch "
                                             "(1: constant)"),
                self.seed_edit: ""}

    def _describe(self, kind, arg=None):
        """Show and remember the description: ``("preset", name)``, ``("custom", base
        preset or None)`` or ``("model", hyperparameters)``."""
        self._description = (kind, arg)
        if kind == "preset":
            text = self.preset_text(arg)
        elif kind == "model":
            text = self._describe_model_settings(arg)
        else:
            text = self._custom_description(arg)
        self.preset_description.setText(text)
        self.preset_description.setToolTip(text)     # the whole text, when the box cuts it

    def _build(self):
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        self.setup_group = setup = QGroupBox()
        form = QFormLayout(setup)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.setHorizontalSpacing(6)
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)     # a narrow column still fits
        self.preset_combo = NoWheelComboBox()
        self.preset_combo.addItem("", CUSTOM)
        for name in PRESETS:
            self.preset_combo.addItem("", name)
        self.preset_combo.activated.connect(self._on_preset_activated)
        self._row(form, "preset", self.preset_combo)
        # as tall as the longest description needs: switching to "custom" while typing must
        # not move the fields below, and no description is cut off
        self.preset_description = DescriptionLabel(
            lambda: [self.preset_text(name) for name in PRESETS])
        self.preset_description.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        self.preset_description.setStyleSheet("color: #555")
        form.addRow(self.preset_description)

        self.fresh_radio = QRadioButton()
        self.continue_radio = QRadioButton()
        self.fresh_radio.setChecked(True)
        self.continue_radio.setEnabled(False)
        group = QButtonGroup(self)
        group.addButton(self.fresh_radio)
        group.addButton(self.continue_radio)
        self.continue_radio.toggled.connect(self._on_continue_toggled)
        start_box = QVBoxLayout()
        start_box.setSpacing(0)
        start_box.addWidget(self.fresh_radio)
        start_box.addWidget(self.continue_radio)
        self._row(form, "train", start_box)

        self.hidden_edit = QLineEdit()
        self._row(form, "hidden", self.hidden_edit)
        self.activation_combo = NoWheelComboBox()
        for name in ACTIVATIONS:                # the key is the item's data; its text is
            self.activation_combo.addItem(name, name)   # said in the window's language
        self._row(form, "activation", self.activation_combo)
        self.cost_combo = NoWheelComboBox()
        for name in COSTS:
            self.cost_combo.addItem(name, name)
        self._row(form, "cost", self.cost_combo)
        self.init_combo = NoWheelComboBox()
        for name in INITS:
            self.init_combo.addItem(name, name)
        self._row(form, "init", self.init_combo)

        self.eta_edit = QLineEdit()
        self._row(form, "eta", self.eta_edit)
        self.batch_spin = NoWheelSpinBox()
        self.batch_spin.setRange(1, rc.MNIST_TRAINING_SIZE)
        self._row(form, "batch", self.batch_spin)
        self.epochs_spin = NoWheelSpinBox()
        self.epochs_spin.setRange(1, rc.MAX_EPOCHS)
        self._row(form, "epochs", self.epochs_spin)
        self.lmbda_edit = QLineEdit()
        self._row(form, "lmbda", self.lmbda_edit)
        self.momentum_edit = QLineEdit()
        self._row(form, "momentum", self.momentum_edit)
        self.eta_decay_edit = QLineEdit()
        self._row(form, "eta_decay", self.eta_decay_edit)
        self.augment_check = QCheckBox()
        self._row(form, "augment", self.augment_check)
        self.training_size_spin = NoWheelSpinBox()
        self.training_size_spin.setRange(10, rc.MNIST_TRAINING_SIZE)
        self.training_size_spin.setValue(rc.MNIST_TRAINING_SIZE)
        self.training_size_spin.setSingleStep(1000)
        self._row(form, "images", self.training_size_spin)
        self.seed_edit = QLineEdit()
        self._row(form, "seed", self.seed_edit)
        # fine-tuning: the person's own handwriting mixed into the training images
        self.handwriting_check = QCheckBox()
        self.handwriting_spin = NoWheelSpinBox()
        self.handwriting_spin.setRange(1, 1000)
        self.handwriting_spin.setValue(20)
        self.handwriting_spin.setPrefix("× ")
        handwriting = QHBoxLayout()
        handwriting.setContentsMargins(0, 0, 0, 0)
        handwriting.addWidget(self.handwriting_check)
        handwriting.addWidget(self.handwriting_spin)
        handwriting.addStretch(1)
        self._row(form, "handwriting", handwriting)
        outer.addWidget(setup)
        outer.addStretch(1)

        self.validation_label = QLabel()
        self.validation_label.setWordWrap(True)
        self.validation_label.setTextFormat(Qt.PlainText)

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
        self.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Preferred)
        self._setup_fields = (self.preset_combo, self.fresh_radio, self.continue_radio,
                              self.hidden_edit, self.activation_combo, self.cost_combo,
                              self.init_combo, self.batch_spin, self.epochs_spin,
                              self.lmbda_edit, self.momentum_edit, self.eta_decay_edit,
                              self.augment_check, self.training_size_spin, self.seed_edit,
                              self.handwriting_check, self.handwriting_spin)

    # -- presets -------------------------------------------------------------------------------

    def _custom_description(self, base=None):
        if base in PRESETS:
            return self.tr("Your own settings, starting from the “{0}” preset.").format(
                self._preset_label(base))
        return self.tr("Your own settings.")

    def apply_preset(self, name):
        """Fill the form from preset ``name`` (a key of ``core.presets.PRESETS``)."""
        values = PRESETS.get(name)
        if values is None:
            self._describe("custom")
            return
        self._applying = True
        try:
            self.preset_combo.setCurrentIndex(max(0, self.preset_combo.findData(name)))
            if not self.continue_radio.isChecked():
                self.hidden_edit.setText(", ".join(str(s) for s in values["sizes"][1:-1]))
                _choose(self.activation_combo, values["activation"])
                _choose(self.cost_combo, values["cost"])
                self.init_combo.setCurrentIndex(max(0, self.init_combo.findData(values["init"])))
            self.eta_edit.setText(f"{values['eta']:g}")
            self.batch_spin.setValue(int(values["batch_size"]))
            self.epochs_spin.setValue(int(values["epochs"]))
            self.lmbda_edit.setText(f"{values.get('lmbda', 0.0):g}")
            self.momentum_edit.setText(f"{values.get('momentum', 0.0):g}")
            self.eta_decay_edit.setText(f"{values.get('eta_decay', 1.0):g}")
            self.augment_check.setChecked(bool(values.get("augment")))
            self._describe("preset", name)
        finally:
            self._applying = False
        self._validate()

    @Slot(int)
    def _on_preset_activated(self, index):
        self.apply_preset(self.preset_combo.itemData(index))

    @Slot()
    def _on_field_edited(self, *_args):
        if self._applying:
            return
        current = self.preset_combo.currentData()
        if current != CUSTOM:
            self.preset_combo.setCurrentIndex(self.preset_combo.findData(CUSTOM))
            self._describe("custom", current)
        self._validate()

    @Slot()
    def _revalidate(self, *_args):
        self._validate()

    # -- validation ----------------------------------------------------------------------------

    def current_sizes(self):
        if self.continue_radio.isChecked() and self._model is not None:
            return list(self._model.sizes)
        hidden, error, _ = rc.parse_hidden_layers(self.hidden_edit.text())
        return None if error else [rc.INPUTS, *hidden, rc.OUTPUTS]

    def _validate(self):
        """Check every field; mark bad ones and list the reasons. Returns RunSettings or None."""
        errors, warnings, results = [], [], {}
        tips = self._field_tips()
        for key, edit, parser in (("hidden", self.hidden_edit, rc.parse_hidden_layers),
                                  ("eta", self.eta_edit, rc.parse_eta),
                                  ("lmbda", self.lmbda_edit, rc.parse_lmbda),
                                  ("momentum", self.momentum_edit, rc.parse_momentum),
                                  ("eta_decay", self.eta_decay_edit, rc.parse_eta_decay),
                                  ("seed", self.seed_edit, rc.parse_seed)):
            value, error, warning = parser(edit.text())
            results[key] = value
            if error:
                errors.append(error)
                edit.setStyleSheet(_INVALID_STYLE)
                edit.setToolTip(self.say(error))
            elif warning:
                warnings.append(warning)
                edit.setStyleSheet(_WARNING_STYLE)
                edit.setToolTip(self.say(warning))
            else:
                edit.setStyleSheet("")
                edit.setToolTip(tips[edit])
        settings = None
        if not errors:
            continuing = self.continue_radio.isChecked() and self._model is not None
            if continuing:
                net = self._model
                sizes, activation, cost, init = (list(net.sizes), net.activation, net.cost_name,
                                                 net.init)
            else:
                sizes = [rc.INPUTS, *results["hidden"], rc.OUTPUTS]
                activation = self.activation_combo.currentData()
                cost = self.cost_combo.currentData()
                init = self.init_combo.currentData()
            settings = rc.RunSettings(
                sizes=sizes, activation=activation, cost=cost, init=init, eta=results["eta"],
                batch_size=self.batch_spin.value(), epochs=self.epochs_spin.value(),
                lmbda=results["lmbda"], momentum=results["momentum"],
                eta_decay=results["eta_decay"],
                augment="affine" if self.augment_check.isChecked() else None,
                training_size=self.training_size_spin.value(), seed=results["seed"],
                continue_training=continuing, preset=self.preset_combo.currentData() or "")
            more_errors, _ = settings.problems(self._training_available)
            if not continuing:
                errors += more_errors
            else:       # a loaded model's architecture is its own, whatever the form's limits
                errors += [e for e in more_errors if "neurons" not in e and "layers" not in e
                           and "inputs" not in e]
        text = "\n".join(["✗ " + self.say(e) for e in errors]
                         + ["⚠ " + self.say(w) for w in warnings])
        self.validation_label.setText(text)
        self.validation_label.setStyleSheet("color: #b00000" if errors else "color: #8a5a00")
        valid = self._valid = not errors
        self.validity_changed.emit(valid)
        return settings if valid else None

    @property
    def valid(self):
        return self._valid

    def settings(self):
        """The validated :class:`RunSettings` of the form, or None (reasons are shown)."""
        return self._validate()

    def set_settings(self, settings):
        """Fill the form from a :class:`RunSettings` (or its dict)."""
        if isinstance(settings, dict):
            settings = rc.RunSettings.from_dict(settings)
        self._applying = True
        try:
            preset = settings.preset if settings.preset in PRESETS else CUSTOM
            self.preset_combo.setCurrentIndex(max(0, self.preset_combo.findData(preset)))
            self._describe(*(("preset", preset) if preset in PRESETS else ("custom", None)))
            self.hidden_edit.setText(", ".join(str(s) for s in settings.sizes[1:-1]))
            _choose(self.activation_combo, settings.activation)
            _choose(self.cost_combo, settings.cost)
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
            self._applying = False
        self._validate()

    def set_training_available(self, n):
        """How many training images there are: the limit of the size and mini-batch fields."""
        self._training_available = int(n)
        self._applying = True        # not an edit by the person: keep the preset
        try:
            self.training_size_spin.setMaximum(int(n))     # a larger value is clamped to n
            self.batch_spin.setMaximum(int(n))
        finally:
            self._applying = False
        self._validate()

    # -- the model in use ----------------------------------------------------------------------

    def set_model(self, net, label=""):
        """The model in use, which "Continue" trains further (None: nothing to continue)."""
        self._model = net
        self._model_label = label
        self.continue_radio.setEnabled(net is not None and not self._running)
        self._show_continue_tip()
        if net is None:
            self.fresh_radio.setChecked(True)
        elif self.continue_radio.isChecked() and not self._running:
            self.fill_from_model(net)
        self._validate()

    def set_model_label(self, label):
        """The name of the model in use, as the window shows it (after a language change)."""
        self._model_label = label
        self._show_continue_tip()

    def _show_continue_tip(self):
        net = self._model
        self.continue_radio.setToolTip(
            self.tr("Open a model first (File ▸ Open model…)") if net is None else
            self.tr("Train {0} further ({1})").format(describe_network(net),
                                                      self._model_label))

    @Slot(bool)
    def _on_continue_toggled(self, checked):
        for widget in (self.hidden_edit, self.activation_combo, self.cost_combo,
                       self.init_combo):
            widget.setEnabled(not checked and not self._running)
        if checked and self._model is not None and not self._running:
            # train it on with the settings it was trained with, not the preset's
            self.fill_from_model(self._model)
        self._validate()

    def _show_architecture(self, net):
        self.hidden_edit.setText(", ".join(str(s) for s in net.sizes[1:-1]))
        _choose(self.activation_combo, net.activation)
        _choose(self.cost_combo, net.cost_name)
        self.init_combo.setCurrentIndex(max(0, self.init_combo.findData(net.init)))

    def fill_from_model(self, net):
        """Fill the form from ``net``'s stored ``hyperparameters`` (its architecture comes from
        the network itself)."""
        hyper = (net.metadata or {}).get("hyperparameters")
        hyper = hyper if isinstance(hyper, dict) else {}
        self._applying = True
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
                self._describe("preset", preset)
            else:
                self.preset_combo.setCurrentIndex(self.preset_combo.findData(CUSTOM))
                self._describe("model", dict(hyper))
        finally:
            self._applying = False
        self._validate()

    def _describe_model_settings(self, hyper):
        """The description for a model's stored ``hyperparameters`` (a dict)."""
        if not any(isinstance(hyper.get(k), (int, float)) for k in ("eta", "batch_size")):
            return self.tr("The model in use does not record how it was trained: check η and "
                           "the mini-batch size before training it further.")
        parts = []
        if isinstance(hyper.get("eta"), (int, float)):
            parts.append(f"η = {hyper['eta']:.3g}")
        if isinstance(hyper.get("batch_size"), (int, float)):
            parts.append(self.tr("mini-batches of {0}").format(int(hyper["batch_size"])))
        if hyper.get("lmbda"):
            parts.append(f"λ = {hyper['lmbda']:.3g}")
        if hyper.get("momentum"):
            parts.append(self.tr("momentum {0:.3g}").format(hyper["momentum"]))
        if isinstance(hyper.get("eta_decay"), (int, float)) and hyper["eta_decay"] != 1:
            parts.append(self.tr("η × {0:.3g} per epoch").format(hyper["eta_decay"]))
        if hyper.get("augment"):
            parts.append(self.tr("augmented images"))
        return self.tr("The settings the model in use was trained with: {0}.").format(
            ", ".join(parts))

    def set_running(self, running):
        """A run is going on: the set-up cannot change (η can, in the panel)."""
        self._running = bool(running)
        for widget in self._setup_fields:
            widget.setEnabled(not running)
        if not running:
            self.continue_radio.setEnabled(self._model is not None)
            self._on_continue_toggled(self.continue_radio.isChecked())
