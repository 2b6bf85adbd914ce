"""Python's cyclic garbage collector, run only in the GUI thread.

CPython runs a collection in whichever thread happens to allocate when a generation's count
passes its threshold: in this app that is often the training, evaluation or gradient-check
thread. A Qt object that had become garbage in a reference cycle (a window or plot item
that was let go, a widget whose Python side points back at its owner) is then deleted from
that thread: its timers cannot be stopped there and stay registered with a freed object, or
it is deleted in the middle of its own paint or timer event. Either ends in a segmentation
fault some time later, far from the cause.

:class:`GuiGarbageCollector` turns the automatic collection off and collects from a timer of
the GUI thread instead, with the interpreter's own thresholds (as pyqtgraph's
``GarbageCollector`` does); :func:`collect_now` does a full collection at a moment the caller
knows to be safe (no event of the objects being collected is being handled).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Slot

INTERVAL_MS = 500


class GuiGarbageCollector(QObject):
    """While it runs, garbage is collected only by its timer, in the thread it lives in (the
    GUI thread). :meth:`stop` gives collection back to the interpreter as it was."""

    def __init__(self, interval_ms=INTERVAL_MS, parent=None):
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        self.threshold = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(int(interval_ms))
        self._timer.timeout.connect(self.check)
        gc.disable()
        self._timer.start()

    @property
    def running(self):
        return self._timer.isActive()

    @Slot()
    def check(self):
        """Collect the generations whose counts passed their thresholds (youngest first)."""
        counts = gc.get_count()
        for generation in range(3):
            if counts[generation] <= self.threshold[generation]:
                break
            gc.collect(generation)

    def stop(self):
        self._timer.stop()
        if self._was_enabled:
            gc.enable()


def collect_now():
    """Delete the widgets waiting for ``deleteLater`` and collect every generation, here and
    now. Call it from the GUI thread between events (say, after a window was closed).
    Returns the number of unreachable objects found."""
    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return gc.collect()
