"""Know your model: the evaluation view (accuracy, per-digit precision and recall, the confusion
matrix and the images in each cell), the personal handwriting set, and the epoch time machine's
slider. Each widget takes what it shows through its setters and speaks through signals."""

from desktop_bp.ui.evaluation.personal import PersonalSetView
from desktop_bp.ui.evaluation.time_machine import TimeMachineSlider
from desktop_bp.ui.evaluation.verdict import rule_explanation, verdict_text
from desktop_bp.ui.evaluation.view import EvaluationView

__all__ = ["EvaluationView", "PersonalSetView", "TimeMachineSlider", "rule_explanation",
           "verdict_text"]
