"""The training page in parts: the set-up form, the run controls and progress, the plots host
and the MNIST source, assembled by :class:`TrainingPanel`."""

from desktop_bp.ui.training.panel import TrainingPanel

__all__ = ["TrainingPanel"]
