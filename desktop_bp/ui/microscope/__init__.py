"""The backprop microscope's views: one backward pass on a drawing (:class:`MicroscopeView`),
the gradient check with its timing (:class:`GradientCheckView`) and chapter 2's guided tour
(:func:`chapter_two_tour`, HTML for the Help menu)."""

import importlib

_WHERE = {"MicroscopeView": "view", "GradientCheckView": "gradcheck_view",
          "chapter_two_tour": "help", "view_help": "help"}


def __getattr__(name):
    """The views are imported when first asked for: the window starts without them."""
    if name in _WHERE:
        module = importlib.import_module(f"desktop_bp.ui.microscope.{_WHERE[name]}")
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["MicroscopeView", "GradientCheckView", "chapter_two_tour", "view_help"]
