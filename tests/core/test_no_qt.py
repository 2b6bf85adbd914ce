"""The engine never imports Qt: ``desktop_bp`` and every ``desktop_bp.core`` module load in a
fresh interpreter without PySide6 or pyqtgraph."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import importlib, pkgutil, sys
import desktop_bp, desktop_bp.core
names = [m.name for m in pkgutil.iter_modules(desktop_bp.core.__path__, "desktop_bp.core.")]
for name in names:
    importlib.import_module(name)
# the one owner of the app's state is Qt-free too: its transitions are tested without widgets
importlib.import_module("desktop_bp.ui.state")
# the default-model lookup and the preprocessing run without Qt as well
from desktop_bp.core.preprocess import to_mnist_input
from desktop_bp.core.pretrained import default_model_path
import numpy as np
image = np.full((50, 50), 255, np.uint8); image[10:40, 20:25] = 0
assert to_mnist_input(image).shape == (784,)
default_model_path()
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph"))
print(len(names), "modules")
print("QT:" + ",".join(loaded))
"""


def test_core_imports_no_qt():
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("QT:"), f"core imported Qt: {result.stdout}"
