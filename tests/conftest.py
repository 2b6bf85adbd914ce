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
def trained_network(request):
    """A network that recognises digits: the bundled default model when it exists, else a
    784-100-10 ReLU/softmax network trained on 20,000 MNIST images for one epoch (about 92 %,
    a few seconds; kept in pytest's cache folder for the next run). Skips without
    DESKTOP_BP_DATA when there is no bundled model."""
    from desktop_bp.core.network import Network, one_hot
    from desktop_bp.core.persistence import ModelFileError, load_model, save_model
    from desktop_bp.core.pretrained import default_model_path, load_default_model

    if default_model_path().is_file():
        return load_default_model()
    folder = _mnist_folder()
    if folder is None:
        pytest.skip("no bundled model and no DESKTOP_BP_DATA to train one")
    cache = getattr(request.config, "cache", None)      # None with -p no:cacheprovider
    cached = None if cache is None else Path(cache.mkdir("desktop_bp")) / "test_network_v1.npz"
    if cached is not None and cached.is_file():
        try:
            return load_model(cached)
        except ModelFileError:
            pass
    from desktop_bp.core.mnist import read_idx

    images = read_idx(_idx_file(folder, "train-images-idx3-ubyte"))
    labels = read_idx(_idx_file(folder, "train-labels-idx1-ubyte"))
    order = np.random.default_rng(0).permutation(len(images))[:20000]
    X = np.asarray(images, np.float32).reshape(len(images), -1)[order] / 255.0
    Y = one_hot(np.asarray(labels)[order])
    net = Network([784, 100, 10], activation="relu", cost="log-likelihood", init="scaled", seed=0)
    stepper = net.trainer(50)
    for i in range(0, len(X), 50):
        stepper.step(X[i:i + 50], Y[i:i + 50], 0.2)
    net.metadata = {"test_accuracy": 0.92, "note": "trained by the test suite"}
    if cached is not None:
        save_model(cached, net)
    return net
