"""Honest confidence: "digit", "not sure" or "not a digit" instead of a bare "98% sure".

A network trained on MNIST has only seen digits, so it names a digit for anything: a zig-zag,
a capital A, a triangle, often with a softmax "probability" near 1. That number is how strongly
the network prefers one digit *over the other nine*, not how likely the drawing is a digit at all.
The app therefore judges every drawing with two separate questions:

1. **Is it a digit at all?** A small detector, independent of the model in use, looks at the same
   784 preprocessed inputs: a 784-128-2 ReLU/softmax network trained on MNIST digits and MNIST
   digits redrawn as canvas drawings (class 0) against generated non-digits (class 1: letters,
   scribbles, shapes from :mod:`desktop_bp.core.nondigits`, and pairs of digits drawn together).
   Its output ``s`` (the probability it gives to "not a digit") is compared with two thresholds
   stored in its file: ``s >= reject`` -> **not a digit**; ``unsure <= s < reject`` -> **not sure**.
   It ships as ``resources/nondigit_detector.npz``; ``python -m desktop_bp.core.detector_training``
   regenerates it. One drawing costs one 784x128 product (microseconds).
2. **Does the model make up its mind?** For a softmax output (probabilities that sum to 1):
   the top probability must be at least :data:`MIN_PROBABILITY`. For sigmoid outputs (the book's
   network: ten separate activations in (0, 1), *not* probabilities): the top activation must be at
   least :data:`MIN_ACTIVATION` and lead the second by at least :data:`MIN_ACTIVATION_MARGIN`.
   Otherwise: **not sure**.

A drawing that passes both is a **digit**, named with the model's top guess. :func:`rule_text`
states the rule for a given network in words. Without the detector file (a damaged install), only
the second question is asked and :func:`judge` says so in :attr:`Judgement.rule`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DETECTOR_NAME = "nondigit_detector.npz"

DIGIT, NOT_SURE, NOT_A_DIGIT = "digit", "not sure", "not a digit"
VERDICTS = (DIGIT, NOT_SURE, NOT_A_DIGIT)

MIN_PROBABILITY = 0.5          # softmax: the top probability a confident answer needs
MIN_ACTIVATION = 0.5           # sigmoid: the top activation a confident answer needs ...
MIN_ACTIVATION_MARGIN = 0.2    # ... and its lead over the second highest

# Used when the detector's file carries no thresholds of its own.
DEFAULT_REJECT = 0.5
DEFAULT_UNSURE = 0.35


def output_kind(net):
    """"probabilities" for a softmax output (they sum to 1), else "activations"."""
    return "probabilities" if getattr(net, "output", None) == "softmax" else "activations"


@dataclass(frozen=True)
class Judgement:
    """What the app says about one drawing.

    - ``digit``: the model's top guess (always given, even when the verdict is not "digit");
    - ``verdict``: "digit", "not sure" or "not a digit"; ``confident``: verdict == "digit";
    - ``outputs``: (10,) the model's output activations; ``output_kind``: "probabilities" or
      "activations"; ``top``: the top output;
    - ``nondigit_score``: the detector's probability of "not a digit" (None without a detector);
    - ``reason``: a short English phrase saying why (for logs and the command line; the window
      words its own explanation).
    """

    digit: int
    verdict: str
    outputs: np.ndarray
    output_kind: str
    top: float
    nondigit_score: float | None
    reason: str

    @property
    def confident(self):
        return self.verdict == DIGIT

    def record(self):
        """JSON-friendly dict (the keys ``desktop-bp predict --json`` prints)."""
        return {"digit": self.digit, "confident": self.confident, "verdict": self.verdict,
                "output_kind": self.output_kind,
                "outputs": [round(float(v), 6) for v in self.outputs],
                "nondigit_score": None if self.nondigit_score is None
                else round(float(self.nondigit_score), 6)}


class Detector:
    """The "is it a digit at all" detector: a small network with two outputs (digit, not a
    digit) and its two thresholds. ``scores(X)`` -> (n,) probability of "not a digit"."""

    def __init__(self, net, reject=DEFAULT_REJECT, unsure=DEFAULT_UNSURE):
        if net.sizes[-1] != 2 or net.sizes[0] != 784:
            raise ValueError(f"a detector has 784 inputs and 2 outputs, got {net.sizes}")
        self.net = net
        self.reject = float(reject)
        self.unsure = float(min(unsure, reject))

    @classmethod
    def from_network(cls, net):
        info = net.metadata.get("detector", {})
        return cls(net, info.get("reject", DEFAULT_REJECT), info.get("unsure", DEFAULT_UNSURE))

    def scores(self, X):
        out = self.net.feedforward(np.asarray(X, dtype=np.float32).reshape(-1, 784))
        if self.net.output != "softmax":         # two sigmoids: normalise them
            out = out / np.maximum(out.sum(axis=1, keepdims=True), 1e-12)
        return out[:, 1].astype(np.float64)

    def __repr__(self):
        return (f"Detector({'-'.join(map(str, self.net.sizes))}, reject={self.reject:.3f}, "
                f"unsure={self.unsure:.3f})")


def detector_path():
    """Where the bundled detector is (the installed package's copy or the source checkout's)."""
    from desktop_bp.core.pretrained import _package_resource, _source_resource

    return _package_resource(DETECTOR_NAME) or _source_resource(DETECTOR_NAME)


_cached = {}


def load_detector(path=None):
    """The bundled detector (cached after the first call), or the one at ``path``; None when the
    file is missing or damaged (the rule then falls back to the model's outputs alone)."""
    from desktop_bp.core.persistence import ModelFileError, load_model

    key = None if path is None else str(path)      # None: the bundled one, found once
    if key not in _cached:
        try:
            _cached[key] = Detector.from_network(load_model(detector_path() if path is None
                                                            else path))
        except (ModelFileError, OSError, ValueError):
            _cached[key] = None
    return _cached[key]


_BUNDLED = object()


def _model_verdicts(outputs, softmax):
    """(n, 10) outputs -> (n,) bool "the model made up its mind", and (n,) top outputs."""
    ordered = np.sort(outputs, axis=1)
    top = ordered[:, -1]
    if softmax:
        return top >= MIN_PROBABILITY, top
    second = ordered[:, -2] if outputs.shape[1] > 1 else np.zeros_like(top)
    return (top >= MIN_ACTIVATION) & (top - second >= MIN_ACTIVATION_MARGIN), top


def judge_batch(net, X, detector=_BUNDLED):
    """Judge a batch of preprocessed inputs (n, 784) -> list of :class:`Judgement`.

    ``detector``: a :class:`Detector`, None for none, or (default) the bundled one."""
    X = np.asarray(X, dtype=np.float32).reshape(-1, net.sizes[0])
    outputs = np.asarray(net.feedforward(X), dtype=np.float64)
    detector = load_detector() if detector is _BUNDLED else detector
    scores = detector.scores(X) if detector is not None and X.shape[1] == 784 else None
    softmax = net.output == "softmax"
    decided, top = _model_verdicts(outputs, softmax)
    kind = output_kind(net)
    judgements = []
    for i in range(len(X)):
        s = None if scores is None else float(scores[i])
        if s is not None and s >= detector.reject:
            verdict, reason = NOT_A_DIGIT, "it does not look like any digit"
        elif s is not None and s >= detector.unsure:
            verdict, reason = NOT_SURE, "it looks only a little like a digit"
        elif not decided[i]:
            verdict = NOT_SURE
            reason = ("no digit has a probability of at least "
                      f"{MIN_PROBABILITY:.0%}" if softmax else
                      "no output is clearly ahead of the others")
        else:
            verdict, reason = DIGIT, "it looks like a digit and one output is clearly ahead"
        judgements.append(Judgement(digit=int(np.argmax(outputs[i])), verdict=verdict,
                                    outputs=outputs[i], output_kind=kind, top=float(top[i]),
                                    nondigit_score=s, reason=reason))
    return judgements


def judge(net, x, detector=_BUNDLED):
    """Judge one preprocessed input (784,) -> :class:`Judgement`."""
    return judge_batch(net, np.asarray(x).reshape(1, -1), detector)[0]


def rule_text(net, detector=_BUNDLED):
    """The rule used for ``net``, in one English paragraph (the command line prints it; the
    window has its own translated wording of the same numbers)."""
    detector = load_detector() if detector is _BUNDLED else detector
    if net.output == "softmax":
        model = (f"the network's outputs are probabilities (softmax): it is 'not sure' when no "
                 f"digit has a probability of at least {MIN_PROBABILITY:.0%}")
    else:
        model = (f"the network's outputs are ten separate sigmoid activations, not probabilities: "
                 f"it is 'not sure' unless the highest is at least {MIN_ACTIVATION:.2f} and at "
                 f"least {MIN_ACTIVATION_MARGIN:.2f} above the second")
    if detector is None:
        return model + "; (the non-digit detector is missing, so nothing is called 'not a digit')"
    return (f"A separate detector, trained on digits against letters, scribbles and shapes, "
            f"scores how little the drawing looks like a digit: 'not a digit' from "
            f"{detector.reject:.2f}, 'not sure' from {detector.unsure:.2f}; otherwise {model}.")


def flag_rates(judgements):
    """{"digit": share, "not sure": share, "not a digit": share, "flagged": share not "digit"}."""
    n = max(len(judgements), 1)
    rates = {v: sum(j.verdict == v for j in judgements) / n for v in VERDICTS}
    rates["flagged"] = 1.0 - rates[DIGIT]
    return rates
