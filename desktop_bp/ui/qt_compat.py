"""Work-arounds for bugs in the installed Qt bindings, applied once when ``desktop_bp.ui`` is
imported.

PySide6 6.12.0 on Python 3.11: ``SignalInstance.emit()`` returns ``True`` without taking a
reference to it, so every ``signal.emit(...)`` made from Python (ours and pyqtgraph's alike)
lowers the reference count of ``True`` by one. After a few thousand emits the count reaches zero
and the interpreter aborts with "Fatal Python error: bool_dealloc". (From Python 3.12 on, True is
immortal and nothing happens.) :func:`apply` checks whether the installed bindings have the bug
and, only then, wraps ``emit`` so that it adds back the missing reference.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance

_applied = False


class _Probe(QObject):
    probe = Signal()


def emit_loses_references(trials=16):
    """True when ``emit()`` drops a reference to the bool it returns (the bug above)."""
    obj = _Probe()
    before = sys.getrefcount(True) + sys.getrefcount(False)
    for _ in range(trials):
        obj.probe.emit()
    lost = before - (sys.getrefcount(True) + sys.getrefcount(False))
    return lost >= trials


def apply():
    """Install the work-around if, and only if, the bindings need it. Idempotent."""
    global _applied
    if _applied or not emit_loses_references():
        return False
    incref = ctypes.pythonapi.Py_IncRef
    incref.argtypes = [ctypes.py_object]
    incref.restype = None
    original = SignalInstance.emit

    def emit(self, *args):
        result = original(self, *args)
        if result is True or result is False:
            incref(result)      # the reference the binding forgot to take
        return result

    emit.__doc__ = original.__doc__
    SignalInstance.emit = emit
    _applied = True
    return True
