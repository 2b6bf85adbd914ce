"""Model files as the window offers them: where dialogs start, names that say what a model is,
the list of recent files. Remembered in QSettings; no widgets here."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QStandardPaths

MAX_RECENT = 8


def save_filter():
    return QCoreApplication.translate("ModelFiles", "desktop-bp models (*.npz)")


def open_filter():
    return ";;".join((QCoreApplication.translate("ModelFiles", "Model files (*.npz *.json)"),
                      save_filter(),
                      QCoreApplication.translate("ModelFiles", "network2.py JSON (*.json)"),
                      QCoreApplication.translate("ModelFiles", "All files (*)")))


def problem_details(exc):
    """The "Details" of a message about a model file that cannot be used (``exc``: a
    :class:`~desktop_bp.core.persistence.ModelFileError` or an ``OSError``): the file. The
    engine's own reason is in English and, for each known kind of problem, says no more than
    the window's translated sentence (:func:`desktop_bp.ui.words.model_file_problem`); it is
    added only for contents that make no usable network, where it names what is wrong (a
    layer's shape, a value), or when the file is not known."""
    path = getattr(exc, "path", None) or getattr(exc, "filename", None)
    if path is None or getattr(exc, "kind", None) == "invalid":
        return str(exc) or type(exc).__name__
    return str(path)


def documents_folder():
    """The user's Documents folder, or the home folder when there is none."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def model_file_name(net):
    """A file name that says what a model is: layer sizes, activation and test accuracy,
    e.g. ``784-30-10-sigmoid-94.8.npz``."""
    parts = ["-".join(str(s) for s in net.sizes), str(net.activation)]
    accuracy = (net.metadata or {}).get("test_accuracy")
    if isinstance(accuracy, (int, float)) and np.isfinite(accuracy):
        parts.append(f"{100 * accuracy:.1f}")
    return "-".join(parts) + ".npz"


def is_bundled(path):
    """True when ``path`` is the bundled default model (never written back to)."""
    from desktop_bp.core.pretrained import default_model_path
    try:
        return Path(path).resolve() == Path(default_model_path()).resolve()
    except (OSError, TypeError, ValueError):
        return False


def same_parameters(a, b):
    """True when networks ``a`` and ``b`` have the same layer sizes, weights and biases."""
    if a is None or b is None or list(a.sizes) != list(b.sizes):
        return False
    return all(np.array_equal(x, y) for x, y in zip(a.weights + a.biases, b.weights + b.biases))


class RecentModels:
    """Recently opened or saved model files, newest first, in ``settings``."""

    def __init__(self, settings):
        self._settings = settings

    def paths(self):
        """Existing files only."""
        try:
            paths = json.loads(self._settings.value("model/recent", "[]", type=str) or "[]")
        except (TypeError, ValueError):
            paths = []
        return [p for p in paths if isinstance(p, str) and Path(p).is_file()]

    def remember(self, path):
        path = str(Path(path).resolve())
        recent = [p for p in self.paths() if p != path]
        self._settings.setValue("model/recent", json.dumps([path] + recent[:MAX_RECENT - 1]))
        self._settings.setValue("model/last_path", path)
        if not is_bundled(path):       # the user's own folder, for the next Save dialog
            self._settings.setValue("model/last_folder", str(Path(path).parent))

    def clear(self):
        self._settings.setValue("model/recent", "[]")

    def last_path(self):
        last = self._settings.value("model/last_path", "", type=str)
        return last if last and Path(last).is_file() else None

    def folder(self):
        """Where Save dialogs start: the folder of the last model opened or saved, else the
        user's Documents folder."""
        folder = self._settings.value("model/last_folder", "", type=str)
        if folder and Path(folder).is_dir():
            return Path(folder)
        return documents_folder()

    def suggested_path(self, net):
        return self.folder() / model_file_name(net)
