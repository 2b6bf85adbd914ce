"""desktop_bp: draw a digit, train a network on MNIST and watch backpropagation work.

The public Python API, importable without Qt::

    from desktop_bp import Network, train, load_mnist, save_model, load_model, gradcheck
"""

from desktop_bp._version import __version__  # noqa: E402

from desktop_bp.core.gradcheck import gradcheck  # noqa: E402
from desktop_bp.core.mnist import DatasetError, load_mnist  # noqa: E402
from desktop_bp.core.network import Network  # noqa: E402
from desktop_bp.core.persistence import ModelFileError, load_model, save_model  # noqa: E402
from desktop_bp.core.preprocess import to_mnist_input  # noqa: E402
from desktop_bp.core.pretrained import load_default_model  # noqa: E402
from desktop_bp.core.training import TrainingControl, train  # noqa: E402

__all__ = ["Network", "train", "TrainingControl", "load_mnist", "DatasetError", "save_model",
           "load_model", "ModelFileError", "gradcheck", "to_mnist_input", "load_default_model",
           "__version__"]
