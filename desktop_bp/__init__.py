"""desktop_bp: draw a digit, train a network on MNIST and watch backpropagation work."""

__version__ = "0.1.0"

from desktop_bp.core.network import Network  # noqa: E402

__all__ = ["Network", "__version__"]
