"""Know your model: the evaluation view (accuracy, per-digit precision and recall, the confusion
matrix and the images in each cell), the personal handwriting set, and the epoch time machine's
slider. Each widget takes what it shows through its setters and speaks through signals."""

import importlib

_WHERE = {"EvaluationView": "view", "PersonalSetView": "personal",
          "TimeMachineSlider": "time_machine", "rule_explanation": "verdict",
          "verdict_text": "verdict"}


def __getattr__(name):
    """The widgets are imported when first asked for: the window starts without them."""
    if name in _WHERE:
        module = importlib.import_module(f"desktop_bp.ui.evaluation.{_WHERE[name]}")
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["EvaluationView", "PersonalSetView", "TimeMachineSlider", "rule_explanation",
           "verdict_text"]
