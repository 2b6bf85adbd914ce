"""Evaluation off the GUI thread: a worker that runs :func:`desktop_bp.core.evaluation.
evaluate_network` in a ``QThread`` and only emits; a runner in the GUI thread that owns both.

The worker checks a cancel flag between chunks (cooperative; the thread is never terminated),
and loads the data itself when it was given a loader (reading MNIST takes a moment).
"""

from __future__ import annotations

import threading
import traceback
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QObject, QThread, Signal, Slot

from desktop_bp.core.evaluation import evaluate_network
from desktop_bp.core.idx import DatasetError
from desktop_bp.ui.words import explain_dataset_error


@dataclass(frozen=True)
class EvaluationJob:
    """What to evaluate: ``net`` (the worker's own copy), ``name`` ("test", "validation"),
    and ``data``: an ``(images, labels)`` pair or a callable returning one."""

    net: object
    name: str
    data: object
    token: int = 0              # tells the view which network the result belongs to


@dataclass(frozen=True)
class EvaluationDone:
    """The result of a job: ``name`` and the :class:`~desktop_bp.core.evaluation.Evaluation`."""

    name: str
    evaluation: object
    images: object              # (n, 784) the images evaluated, for thumbnails
    token: int = 0


class EvaluationWorker(QObject):
    progress = Signal(object)           # (done, total)
    done = Signal(object)               # EvaluationDone
    error = Signal(str)
    finished = Signal()

    def __init__(self, job):
        super().__init__()
        self._job = job
        self._cancel = threading.Event()

    def cancel(self):
        self._cancel.set()

    @Slot()
    def run(self):
        try:
            data = self._job.data() if callable(self._job.data) else self._job.data
            if data is None:
                self.error.emit("no data")
                return
            images, labels = data
            result = evaluate_network(self._job.net, images, labels,
                                      progress=lambda d, t: self.progress.emit((d, t)),
                                      cancelled=self._cancel.is_set)
            if result is not None:
                self.done.emit(EvaluationDone(self._job.name, result, images, self._job.token))
        except DatasetError as exc:             # MNIST missing or damaged: say so, no traceback
            self.error.emit(explain_dataset_error(exc))
        except (ValueError, OSError) as exc:
            self.error.emit(str(exc))
        except Exception:                              # a real bug: say it, with details
            self.error.emit(traceback.format_exc())
        finally:
            self.finished.emit()


class EvaluationRunner(QObject):
    """Owns one evaluation thread at a time; its signals are emitted in the GUI thread."""

    progress = Signal(object)
    done = Signal(object)
    error = Signal(str)
    running_changed = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._thread = None
        self._worker = None

    @property
    def is_running(self):
        t = self._thread
        return t is not None and shiboken6.isValid(t) and t.isRunning()

    def start(self, job):
        if self.is_running:
            raise RuntimeError("an evaluation is already running")
        thread = QThread()
        thread.setObjectName("desktop_bp-evaluation")
        worker = EvaluationWorker(job)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(self._on_progress)
        worker.done.connect(self._on_done)
        worker.error.connect(self._on_error)
        worker.finished.connect(thread.quit)
        thread.finished.connect(self._on_thread_finished)
        self._thread, self._worker = thread, worker
        self.running_changed.emit(True)
        thread.start()

    def cancel(self):
        if self._worker is not None:
            self._worker.cancel()

    def shutdown(self, timeout_ms=5000):
        """Cancel and wait up to ``timeout_ms``; True when no thread is left running."""
        self.cancel()
        if not self.is_running:
            return True
        self._thread.quit()
        return bool(self._thread.wait(int(timeout_ms)))

    def _relay(self, name, payload):
        if shiboken6.isValid(self):
            getattr(self, name).emit(payload)

    @Slot(object)
    def _on_progress(self, value):
        self._relay("progress", value)

    @Slot(object)
    def _on_done(self, value):
        self._relay("done", value)

    @Slot(str)
    def _on_error(self, message):
        self._relay("error", message)

    @Slot()
    def _on_thread_finished(self):
        t = self._thread
        if t is not None and shiboken6.isValid(t):
            t.wait()
        self._thread = self._worker = None
        self._relay("running_changed", False)
