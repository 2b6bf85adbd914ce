"""Shared test set-up: no test needs a display, and no test touches the user's own files."""

import os
import sys
from pathlib import Path

import numpy as np
import pytest

# Qt widgets render off screen unless the caller chose a platform (set before any Qt import).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_app_home(tmp_path_factory, monkeypatch):
    """Point DESKTOP_BP_HOME at a fresh temporary folder for every test.

    Everything the app writes on its own (downloads without a destination, the record of verified
    MNIST files, settings) then lands in that folder, never in the user's home or the checkout.
    DESKTOP_BP_DATA is left alone: tests marked ``mnist`` read the real data through it.
    """
    home = tmp_path_factory.mktemp("desktop_bp_home")
    monkeypatch.setenv("DESKTOP_BP_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def isolated_qt_settings(isolated_app_home):
    """When a test uses Qt, ``QSettings()`` writes INI files inside the temporary home.

    Only applied when PySide6 is already imported (by a Qt test module), so tests that use no Qt
    never load it.
    """
    qtcore = sys.modules.get("PySide6.QtCore")
    if qtcore is None:
        return
    settings = qtcore.QSettings
    folder = str(isolated_app_home / "settings")
    settings.setDefaultFormat(settings.Format.IniFormat)
    for fmt in (settings.Format.IniFormat, settings.Format.NativeFormat):
        for scope in (settings.Scope.UserScope, settings.Scope.SystemScope):
            settings.setPath(fmt, scope, folder)


def _mnist_folder():
    folder = os.environ.get("DESKTOP_BP_DATA", "").strip()
    return Path(folder) if folder else None


@pytest.fixture(scope="session")
def mnist_test_set():
    """The 10,000 MNIST test images as (n, 28, 28) uint8 and their labels (n,); skips without
    DESKTOP_BP_DATA."""
    folder = _mnist_folder()
    if folder is None:
        pytest.skip("set DESKTOP_BP_DATA to the folder that holds the MNIST files")
    from desktop_bp.core.mnist import read_idx

    images = read_idx(_idx_file(folder, "t10k-images-idx3-ubyte"))
    labels = read_idx(_idx_file(folder, "t10k-labels-idx1-ubyte"))
    return np.asarray(images, np.uint8), np.asarray(labels, np.int64)


def _idx_file(folder, name):
    for candidate in (folder / name, folder / f"{name}.gz"):
        if candidate.is_file():
            return candidate
    pytest.skip(f"{name} not found in {folder}")


@pytest.fixture(scope="session")
def trained_network():
    """A network that recognises digits: the bundled default model when it exists, else a
    784-100-10 ReLU/softmax network trained for one epoch on MNIST (about 5 s; skips without
    DESKTOP_BP_DATA)."""
    from desktop_bp.core.network import Network, one_hot
    from desktop_bp.core.pretrained import default_model_path, load_default_model

    if default_model_path().is_file():
        return load_default_model()
    folder = _mnist_folder()
    if folder is None:
        pytest.skip("no bundled model and no DESKTOP_BP_DATA to train one")
    from desktop_bp.core.mnist import read_idx

    images = read_idx(_idx_file(folder, "train-images-idx3-ubyte"))
    labels = read_idx(_idx_file(folder, "train-labels-idx1-ubyte"))
    X = np.asarray(images, np.float32).reshape(len(images), -1) / 255.0
    Y = one_hot(labels)
    net = Network([784, 100, 10], activation="relu", cost="log-likelihood", init="scaled", seed=0)
    stepper = net.trainer(32)
    order = np.random.default_rng(0).permutation(len(X))
    for i in range(0, len(order) - 31, 32):
        batch = order[i:i + 32]
        stepper.step(X[batch], Y[batch], 0.05)
    net.metadata = {"test_accuracy": 0.95, "note": "trained by the test suite"}
    return net
