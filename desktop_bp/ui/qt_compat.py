"""Work-arounds for bugs in the installed Qt bindings, applied once when ``desktop_bp.ui`` is
imported (before any widget exists).

PySide6 6.12.0 on Python 3.11: the bindings return ``None`` from every void method
(``setText``, ``setEnabled``, ``QTimer.start``, ...) and ``True`` from ``SignalInstance.emit``
without taking a reference, as if these singletons were immortal — which they are only from
Python 3.12 on. Every such call lowers the reference count of ``None`` (or ``True``) by one; after
some tens of thousands of calls — a minute of live plotting — it reaches zero and the interpreter
aborts with "Fatal Python error: none_dealloc" (or "bool_dealloc").

:func:`apply` detects the bug and, only then, gives ``None``, ``True`` and ``False`` a reference
count so large that it can never reach zero: what Python 3.12 does for them anyway. These objects
are never freed in any Python version, so nothing else changes.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

#: Added to the reference counts: far more calls than any session can make, far below overflow.
_EXTRA_REFERENCES = 1 << 48

_applied = False


class _Probe(QObject):
    probe = Signal()


def bindings_lose_references(trials=16):
    """True when the bindings drop references to ``None`` or ``True`` (the bug above)."""
    obj = _Probe()
    singletons = (None, True, False)
    before = [sys.getrefcount(s) for s in singletons]
    for _ in range(trials):
        obj.probe.emit()
        obj.setObjectName("probe")
    after = [sys.getrefcount(s) for s in singletons]
    return any(b - a >= trials for b, a in zip(before, after))


def apply():
    """Install the work-around if, and only if, the bindings need it. Idempotent; returns True
    when it was installed by this call."""
    global _applied
    if _applied or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if not bindings_lose_references():
        return False
    for singleton in (None, True, False):
        # ob_refcnt is the first field of every CPython object (a Py_ssize_t)
        ctypes.c_ssize_t.from_address(id(singleton)).value += _EXTRA_REFERENCES
    _applied = True
    return True
