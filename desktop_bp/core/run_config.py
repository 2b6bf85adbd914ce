"""A training run's settings, their limits and their validation: one place for the window's form,
the command line and the recovery checkpoint.

:class:`RunSettings` is the run (JSON-friendly, stored in checkpoints); the ``parse_*`` functions
turn a field's text into a value and return ``(value, error, warning)``, where ``error`` and
``warning`` are short sentences for a person or None; :meth:`RunSettings.problems` checks a whole
set-up. :data:`HYPERPARAMETER_KEYS` are the settings a trained model carries in its metadata
(``hyperparameters``).

Pure Python; nothing here knows about Qt.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field

MNIST_TRAINING_SIZE = 50000
INPUTS, OUTPUTS = 784, 10
MAX_HIDDEN_LAYERS = 6
MAX_LAYER_SIZE = 4096
MAX_EPOCHS = 1000
ETA_TOO_SMALL = 0.001           # the book's two learning-rate warnings
ETA_TOO_LARGE = 100.0
ETA_MAX = 1e30

class Message(str):
    """A sentence for a person: in English as a ``str`` (the command line prints it), and as its
    ``template`` with ``args``, so that a window can say it in its own language."""

    def __new__(cls, template, **args):
        text = super().__new__(cls, template.format(**args))
        text.template, text.args = template, args
        return text


# Every sentence the checks below say (the window translates them; a test keeps its list equal)
EMPTY_ENTRY = ("an empty entry in the hidden layers (two commas in a row, or one at the start or "
               "end): give every layer a size")
NOT_WHOLE = "“{entry}” is not a whole number of neurons"
IN_OUT = "an MNIST network has {inputs} inputs and {outputs} outputs"
LAYER_SIZE = "a layer needs 1 to {most} neurons, not {size}"
TOO_DEEP = "at most {most} hidden layers"
NOT_A_NUMBER = "{name} must be a number"
EMPTY = "{name} is empty"
NOT_FINITE = "{name} must be finite"
ETA_POSITIVE = "η must be larger than 0 (it is the step size of gradient descent)"
ETA_OVERFLOW = "η above 10³⁰ overflows at once"
ETA_SLOW = ("η = {eta:g} is very small (the book's warning is about η = 0.001): this learns far "
            "too slowly (still far from 90% after 30 epochs)")
ETA_LARGE = ("η = {eta:g} is very large (the book's warning is about η = 100): steps this large "
             "overshoot; expect no learning or divergence")
LMBDA_NEGATIVE = "λ (L2 regularisation) cannot be negative"
MOMENTUM_RANGE = "momentum μ must be in [0, 1): μ ≥ 1 makes the velocity grow forever"
DECAY_RANGE = "η decay is a factor per epoch in (0, 1]"
SEED = "the seed is a whole number ≥ 0, or empty for a random start"
EPOCHS_RANGE = "the number of epochs must be 1 to {most}"
BATCH_EMPTY = "the mini-batch needs at least one image"
BATCH_TOO_LARGE = "the mini-batch ({batch}) is larger than the training set ({size})"
TEMPLATES = (EMPTY_ENTRY, NOT_WHOLE, IN_OUT, LAYER_SIZE, TOO_DEEP, NOT_A_NUMBER, EMPTY,
             NOT_FINITE, ETA_POSITIVE, ETA_OVERFLOW, ETA_SLOW, ETA_LARGE, LMBDA_NEGATIVE,
             MOMENTUM_RANGE, DECAY_RANGE, SEED, EPOCHS_RANGE, BATCH_EMPTY, BATCH_TOO_LARGE)
#: the names the number checks give their field (words a window translates too)
FIELD_NAMES = ("η", "λ", "momentum", "η decay")

#: The run settings a trained model carries in its metadata (``hyperparameters``).
HYPERPARAMETER_KEYS = ("eta", "batch_size", "epochs", "lmbda", "momentum", "eta_decay",
                       "augment", "preset", "training_size", "seed", "activation", "cost",
                       "init", "sizes")


@dataclass
class RunSettings:
    """Everything that sets up one training run.

    ``sizes`` includes the 784 inputs and 10 outputs; ``training_size`` is how many of the
    training images are used (the first ones; MNIST is already shuffled); ``seed`` None means
    a fresh random start; ``augment`` names an entry of ``core.augment.AUGMENTATIONS`` or is None;
    ``continue_training`` trains the model in use instead of a fresh network; ``preset`` is the
    preset the values came from (for the book's reference line), or "".
    """

    sizes: list = field(default_factory=lambda: [INPUTS, 30, OUTPUTS])
    activation: str = "sigmoid"
    cost: str = "quadratic"
    init: str = "standard"
    eta: float = 3.0
    batch_size: int = 10
    epochs: int = 30
    lmbda: float = 0.0
    momentum: float = 0.0
    eta_decay: float = 1.0
    augment: str | None = None
    training_size: int = MNIST_TRAINING_SIZE
    seed: int | None = None
    continue_training: bool = False
    preset: str = ""

    def to_dict(self):
        return asdict(self)

    @classmethod
    def from_dict(cls, values):
        """Build from a dict, ignoring unknown keys (older or newer checkpoints)."""
        known = {k: v for k, v in dict(values).items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def problems(self, training_available=None):
        """``(errors, warnings)``: lists of sentences; a run may start only without errors."""
        errors, warnings = [], []
        _, error, _ = check_sizes(self.sizes)
        if error:
            errors.append(error)
        for parser, value in ((parse_eta, self.eta), (parse_lmbda, self.lmbda),
                              (parse_momentum, self.momentum),
                              (parse_eta_decay, self.eta_decay)):
            _, error, warning = parser(str(value))
            errors += [error] if error else []
            warnings += [warning] if warning else []
        if not 1 <= int(self.epochs) <= MAX_EPOCHS:
            errors.append(Message(EPOCHS_RANGE, most=MAX_EPOCHS))
        size = int(self.training_size)
        if training_available is not None:
            size = min(size, int(training_available))
        if int(self.batch_size) < 1:
            errors.append(Message(BATCH_EMPTY))
        elif int(self.batch_size) > size:
            errors.append(Message(BATCH_TOO_LARGE, batch=int(self.batch_size), size=size))
        return errors, warnings

    def make_network(self):
        """A fresh network of this architecture, seeded by ``seed``."""
        from desktop_bp.core.network import Network
        return Network(self.sizes, activation=self.activation, cost=self.cost, init=self.init,
                       seed=self.seed)

    def train_kwargs(self):
        """The keyword arguments of :func:`~desktop_bp.core.training.train` these settings fix
        (data, control and reporting are added by the caller)."""
        augment = None
        if self.augment:
            from desktop_bp.core.augment import AUGMENTATIONS
            augment = AUGMENTATIONS[self.augment]
        return dict(epochs=int(self.epochs), batch_size=int(self.batch_size),
                    eta=float(self.eta), lmbda=float(self.lmbda),
                    momentum=float(self.momentum), eta_decay=float(self.eta_decay),
                    seed=self.seed, augment=augment)

    def hyperparameters(self, net=None):
        """The ``hyperparameters`` metadata entry of a model trained with these settings; the
        architecture is ``net``'s own when given (a continued model's, a checkpoint's)."""
        values = self.to_dict()
        hyper = {k: values[k] for k in HYPERPARAMETER_KEYS if k in values}
        if net is not None:
            hyper.update(sizes=list(net.sizes), activation=net.activation, cost=net.cost_name,
                         init=net.init)
        return hyper


# ---------------------------------------------------------------------------------------------
# Parsing a field's text: each returns (value, error or None, warning or None).


def parse_hidden_layers(text):
    """"30" or "100, 30" (commas or spaces) -> [30] / [100, 30]; "" -> [] (no hidden layer).
    An empty entry ("30,,20", "30,") is refused rather than skipped: it is most likely a layer
    size that was deleted by mistake."""
    text = str(text).strip()
    parts = re.split(r"\s*[,;]\s*|\s+", text) if text else []
    if "" in parts:
        return None, Message(EMPTY_ENTRY), None
    sizes = []
    for p in parts:
        if not re.fullmatch(r"\d+", p):
            return None, Message(NOT_WHOLE, entry=p), None
        sizes.append(int(p))
    return check_sizes([INPUTS, *sizes, OUTPUTS], hidden_only=True)


def check_sizes(sizes, hidden_only=False):
    """Layer sizes within the limits: ``(hidden sizes or sizes, error, None)``."""
    sizes = [int(s) for s in sizes]
    hidden = sizes[1:-1]
    if len(sizes) < 2 or sizes[0] != INPUTS or sizes[-1] != OUTPUTS:
        return None, Message(IN_OUT, inputs=INPUTS, outputs=OUTPUTS), None
    for size in hidden:
        if not 1 <= size <= MAX_LAYER_SIZE:
            return None, Message(LAYER_SIZE, most=MAX_LAYER_SIZE, size=size), None
    if len(hidden) > MAX_HIDDEN_LAYERS:
        return None, Message(TOO_DEEP, most=MAX_HIDDEN_LAYERS), None
    return (hidden if hidden_only else sizes), None, None


def _parse_float(text, name):
    text = str(text).strip()
    try:
        value = float(text.replace("_", ""))
    except ValueError:
        return None, Message(NOT_A_NUMBER if text else EMPTY, name=name)
    if not math.isfinite(value):
        return None, Message(NOT_FINITE, name=name)
    return value, None


def parse_eta(text):
    value, error = _parse_float(text, "η")
    if error:
        return None, error, None
    if value <= 0:
        return None, Message(ETA_POSITIVE), None
    if value > ETA_MAX:
        return None, Message(ETA_OVERFLOW), None
    warning = None
    if value <= ETA_TOO_SMALL:
        warning = Message(ETA_SLOW, eta=value)
    elif value >= ETA_TOO_LARGE:
        warning = Message(ETA_LARGE, eta=value)
    return value, None, warning


def parse_lmbda(text):
    value, error = _parse_float(text, "λ")
    if error:
        return None, error, None
    if value < 0:
        return None, Message(LMBDA_NEGATIVE), None
    return value, None, None


def parse_momentum(text):
    value, error = _parse_float(text, "momentum")
    if error:
        return None, error, None
    if not 0 <= value < 1:
        return None, Message(MOMENTUM_RANGE), None
    return value, None, None


def parse_eta_decay(text):
    value, error = _parse_float(text, "η decay")
    if error:
        return None, error, None
    if not 0 < value <= 1:
        return None, Message(DECAY_RANGE), None
    return value, None, None


def parse_seed(text):
    text = str(text).strip()
    if not text:
        return None, None, None
    if not re.fullmatch(r"\d+", text) or int(text) >= 2 ** 63:
        return None, Message(SEED), None
    return int(text), None, None


def format_eta(eta):
    """η for narrow places: "1000", "3", "0.25", "0.00709"."""
    eta = float(eta)
    if eta >= 1 and eta == int(eta):
        return str(int(eta))
    return f"{eta:.3g}"


# ---------------------------------------------------------------------------------------------
# A trained model's record


#: The metadata key of a network stopped within an epoch: ``{"batches_done": k, "batches": n}``,
#: the mini-batches of the epoch after its history's last that its weights have also learned.
PARTIAL_EPOCH = "partial_epoch"


def record_accuracy(net):
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
