"""The window's words for a :class:`~desktop_bp.core.confidence.Judgement`: what the prediction
panel says under the big digit ("not a digit", "not sure, perhaps 2", "7, p = 0.98"), and the
rule it follows, translated. Softmax outputs are called probabilities; sigmoid outputs are
activations, never "% sure"."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop_bp.core.confidence import (DIGIT, MIN_ACTIVATION, MIN_ACTIVATION_MARGIN,
                                        MIN_PROBABILITY, NOT_SURE, load_detector)


def verdict_text(judgement):
    """One short line for the prediction panel."""
    probabilities = judgement.output_kind == "probabilities"
    if judgement.verdict == DIGIT:
        if probabilities:
            return QCoreApplication.translate("Verdict", "{0} (probability {1:.0%})").format(
                judgement.digit, judgement.top)
        return QCoreApplication.translate("Verdict", "{0} (activation {1:.2f})").format(
            judgement.digit, judgement.top)
    if judgement.verdict == NOT_SURE:
        return QCoreApplication.translate("Verdict", "Not sure — perhaps {0}").format(
            judgement.digit)
    return QCoreApplication.translate("Verdict", "Not a digit")


def rule_explanation(net, detector=None):
    """How "digit", "not sure" and "not a digit" are decided for ``net`` (a tooltip)."""
    detector = load_detector() if detector is None else detector
    if net.output == "softmax":
        model = QCoreApplication.translate(
            "Verdict", "This network's outputs are probabilities (softmax): it is “not sure” "
            "when no digit reaches {0:.0%}.").format(MIN_PROBABILITY)
    else:
        model = QCoreApplication.translate(
            "Verdict", "This network's ten outputs are separate sigmoid activations, not "
            "probabilities: it is “not sure” unless the highest is at least {0:.2f} "
            "and {1:.2f} above the second.").format(MIN_ACTIVATION, MIN_ACTIVATION_MARGIN)
    if detector is None:
        return model
    detector_text = QCoreApplication.translate(
        "Verdict", "A separate detector, trained on digits against letters, scribbles and "
        "shapes, says “not a digit” when a drawing looks like none of the ten digits.")
    return QCoreApplication.translate("Verdict", "{detector} {model}").format(
        detector=detector_text, model=model)
