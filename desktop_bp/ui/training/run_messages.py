"""What the training page says about how a run ended, in the window's language.

The engine says it in English (for a divergence a :class:`~desktop_bp.core.run_config.Message`
with its template and values); these functions say it again in the window's words. The texts
keep the training page's translation context, ``TrainingPanel``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def finished_message(ev, first):
    """How the run that began at epoch ``first`` was stopped (a ``FinishedEvent``); for
    another ending, the engine's own message (the training page says a completed run's, with
    its plural, and :func:`divergence_text` a divergence's)."""
    if ev.reason == "stopped":
        if ev.batches_done:
            return translate(
                "TrainingPanel", "Stopped in epoch {0} after {1} of {2} mini-batches; what was "
                "learned is kept.").format(first + ev.epochs_done + 1, ev.batches_done,
                                           ev.batches)
        if ev.epochs_done:
            return translate(
                "TrainingPanel", "Stopped after epoch {0}; what was learned is kept.").format(
                first + ev.epochs_done)
        return translate("TrainingPanel", "Stopped before the first mini-batch.")
    return ev.message


def divergence_text(ev, model=None):
    """What a divergence did, and which weights the canvas uses now (``model``: the name of
    the model in use, when the run left none of its own)."""
    explanation = say_divergence(ev.message)
    if ev.best_epoch is not None:
        return explanation + " " + translate(
            "TrainingPanel", "The canvas now uses the weights of epoch {0}, this run's best; "
            "Save keeps them.").format(ev.best_epoch + 1)
    if model:
        # (the model used before the run, or, if that was discarded at Start, the one the
        # window fell back on)
        return explanation + " " + translate(
            "TrainingPanel", "Nothing of this run is kept; the model in use is {0}.").format(
                model)
    return explanation + " " + translate(
        "TrainingPanel", "The canvas uses the model it used before this run again.")


def say_divergence(message):
    """The engine's explanation of a divergence (a
    :class:`~desktop_bp.core.run_config.Message`) in the window's language."""
    from desktop_bp.core import training
    templates = {
        training.DIVERGED_START: translate(
            "TrainingPanel",
            "The cost exploded from {first:.3g} to {cost:.3g} in epoch {epoch}, mini-batch "
            "{batch}: the learning rate η = {eta:g} is too large for this network, so every "
            "step overshoots. Training stopped; the network keeps its starting weights. Try "
            "a learning rate ten times smaller."),
        training.DIVERGED_BEST: translate(
            "TrainingPanel",
            "The cost exploded from {first:.3g} to {cost:.3g} in epoch {epoch}, mini-batch "
            "{batch}: the learning rate η = {eta:g} is too large for this network, so every "
            "step overshoots. Training stopped; the network keeps the weights of epoch "
            "{best}, its best. Try a learning rate ten times smaller."),
        training.NONFINITE_START: translate(
            "TrainingPanel",
            "The cost became {value} in epoch {epoch}, mini-batch {batch}: the learning rate "
            "η = {eta:g} is too large for this network, so every step overshoots. Training "
            "stopped; the network keeps its starting weights. Try a learning rate ten times "
            "smaller."),
        training.NONFINITE_BEST: translate(
            "TrainingPanel",
            "The cost became {value} in epoch {epoch}, mini-batch {batch}: the learning rate "
            "η = {eta:g} is too large for this network, so every step overshoots. Training "
            "stopped; the network keeps the weights of epoch {best}, its best. Try a learning "
            "rate ten times smaller."),
    }
    template = templates.get(getattr(message, "template", None))
    return str(message) if template is None else template.format(**message.args)
