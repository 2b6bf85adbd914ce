"""The backprop microscope's views: one backward pass on a drawing (:class:`MicroscopeView`),
the gradient check with its timing (:class:`GradientCheckView`) and chapter 2's guided tour
(:func:`chapter_two_tour`, HTML for the Help menu)."""

from desktop_bp.ui.microscope.gradcheck_view import GradientCheckView
from desktop_bp.ui.microscope.help import chapter_two_tour, view_help
from desktop_bp.ui.microscope.view import MicroscopeView

__all__ = ["MicroscopeView", "GradientCheckView", "chapter_two_tour", "view_help"]
