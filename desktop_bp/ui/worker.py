"""Training off the GUI thread: a QObject worker that drives :func:`desktop_bp.core.training.train`.

Threading follows the project's rules (see the style guide, "Threads"):

- :class:`TrainingWorker` lives in a ``QThread`` (``moveToThread``); its :meth:`~TrainingWorker.run`
  slot iterates the engine's generator and only *emits* — it never touches a widget.
- Every signal carries one payload type. Arrays in events are read-only copies made by the engine.
- Stopping is cooperative: :class:`TrainingController` asks the shared
  :class:`~desktop_bp.core.training.TrainingControl` to stop and waits with a timeout; it never
  calls ``QThread.terminate()``.
- Wiring: ``worker.finished -> thread.quit``; ``thread.finished`` -> the controller lets go of
  both (they are Python-owned; a ``deleteLater`` racing the Python wrappers crashes PySide).
- The controller lives in the GUI thread and re-emits the worker's signals from bound ``@Slot``
  methods, so widgets connected to it always run in the GUI thread.

:class:`DownloadWorker` does the same for the MNIST download.
"""

from __future__ import annotations

import math
import threading
import time
import traceback
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from desktop_bp.core import checkpoint as checkpoint_mod
from desktop_bp.core.network import Network
from desktop_bp.core.run_config import RunSettings  # noqa: F401 - re-exported
from desktop_bp.core.training import (BatchEvent, EpochEvent, FinishedEvent, PausedEvent,
                                      TrainingControl, train)
from desktop_bp.ui.words import explain_dataset_error

#: Seconds between BatchEvents (the engine's throttle) and between layer snapshots.
REPORT_INTERVAL = 0.1
SNAPSHOT_INTERVAL = 0.2


@dataclass(frozen=True)
class ErrorReport:
    """A run that ended by an error, for a message box: ``title`` and ``text`` for a person;
    ``details`` (a traceback) only for a bug, never for a problem the person can act on (a
    damaged or missing data file, a setting the data does not fit)."""

    title: str
    text: str
    details: str = ""


def error_report(exc):
    """The :class:`ErrorReport` of an exception raised while training."""
    from desktop_bp.core.mnist import DatasetError
    if isinstance(exc, DatasetError):
        return ErrorReport(QCoreApplication.translate("TrainingWorker", "MNIST cannot be read"),
                           explain_dataset_error(exc))
    if isinstance(exc, MemoryError):
        return ErrorReport(QCoreApplication.translate("TrainingWorker", "Not enough memory"),
                           QCoreApplication.translate(
                               "TrainingWorker", "This network and mini-batch need more memory "
                               "than is free. Choose smaller layers or a smaller mini-batch."))
    return ErrorReport(QCoreApplication.translate("TrainingWorker", "Training failed"),
                       QCoreApplication.translate(
                           "TrainingWorker", "Training stopped because of an unexpected error "
                           "(a bug): {0}: {1}").format(type(exc).__name__, exc),
                       traceback.format_exc(limit=8))


@dataclass
class TrainingJob:
    """One run for the worker: the network it will own and train, the data as
    ``(images, labels)`` pairs (or ``load_data() -> (training, validation, test)`` to read them in
    the worker thread), the settings, and where to write recovery checkpoints
    (``checkpoint_dir`` None: the app's recovery folder; ``checkpoints=False``: none)."""

    network: Network
    settings: RunSettings
    training: tuple | None = None
    validation: tuple | None = None
    test: tuple | None = None
    load_data: object = None
    checkpoints: bool = True
    checkpoint_dir: object = None
    report_interval: float = REPORT_INTERVAL
    snapshot_interval: float = SNAPSHOT_INTERVAL


class TrainingWorker(QObject):
    """Runs one :class:`TrainingJob` in whatever thread it was moved to.

    Signals (one payload type each): ``batch(BatchEvent)``, ``epoch(EpochEvent)``,
    ``paused(PausedEvent)``, ``data_loaded(tuple)`` (training, validation, test after
    ``load_data``), ``trained(Network)`` (a copy of the final network, before ``finished``),
    ``checkpoint_failed(str)``, ``error(ErrorReport)`` and last ``finished(FinishedEvent)`` — after an
    exception its reason is "error".
    """

    batch = Signal(object)
    epoch = Signal(object)
    paused = Signal(object)
    data_loaded = Signal(object)
    trained = Signal(object)
    checkpoint_failed = Signal(str)
    error = Signal(object)     # ErrorReport
    finished = Signal(object)

    def __init__(self, job: TrainingJob, control: TrainingControl):
        super().__init__()
        self._job = job
        self._control = control
        self._writer = None     # the epochs' checkpoint writer while the run lasts

    @Slot()
    def run(self):
        """Iterate the training generator to its end, emitting every event."""
        job, control = self._job, self._control
        net = job.network
        history = list(net.metadata.get("history", []))
        try:
            if job.training is None:
                data = job.load_data()
                job.training, job.validation, job.test = data
                self.data_loaded.emit(tuple(data))
            training = _subset(job.training, job.settings.training_size)
            settings = job.settings.to_dict()
            planned = len(history) + int(job.settings.epochs)
            settings["epochs_planned"] = planned
            last_snapshot = 0.0
            finished = None
            # Every epoch's first report carries a snapshot (requested here and at each epoch's
            # end), and so does its last (the engine's epoch_end_snapshots): a run of a second
            # still draws the saturation and gradient curves, each epoch to its end.
            control.request_snapshot()
            self._writer = (checkpoint_mod.CheckpointWriter(directory=job.checkpoint_dir,
                                                            on_error=self._checkpoint_failed)
                            if job.checkpoints else None)
            for ev in train(net, training, validation=job.validation, test=job.test,
                            control=control, report_interval=job.report_interval,
                            snapshot_weights=True, epoch_end_snapshots=True,
                            **job.settings.train_kwargs()):
                if control.stopped and isinstance(ev, BatchEvent):
                    continue    # nobody wants to draw a run that is being closed
                if isinstance(ev, BatchEvent):
                    now = time.perf_counter()
                    if ev.snapshot is not None:
                        last_snapshot = now
                    elif now - last_snapshot >= job.snapshot_interval:
                        # the engine attaches one to the next report (~report_interval later);
                        # each epoch's last report has one anyway
                        control.request_snapshot()
                        last_snapshot = now
                    self.batch.emit(ev)
                elif isinstance(ev, EpochEvent):
                    control.request_snapshot()      # for the next epoch's first report
                    if self._writer is not None:    # written beside the next epoch's training
                        self._writer.submit(net.copy(), settings=settings, status="running",
                                            epochs_planned=planned)
                    self.epoch.emit(ev)
                elif isinstance(ev, PausedEvent):
                    self.paused.emit(ev)
                elif isinstance(ev, FinishedEvent):
                    finished = ev
            if finished is None:    # the generator always ends with one; be safe
                finished = FinishedEvent("completed", QCoreApplication.translate(
                    "TrainingWorker", "Training ended."), 0, None,
                                         list(net.metadata.get("history", [])))
            if finished.reason == "stopped" or finished.reason == "diverged":
                self._checkpoint(net, settings, finished.reason, planned)
            elif finished.reason == "completed":
                self._checkpoint(net, settings, "completed", planned)
            self._close_writer()
            final = net.copy()
            final.metadata["history"] = list(finished.history)
            self.trained.emit(final)
        except Exception as exc:  # noqa: BLE001 - every error must reach the user
            self._close_writer()
            report = error_report(exc)
            self.error.emit(report)
            finished = FinishedEvent("error", report.text, 0, None,
                                     list(net.metadata.get("history", history)))
        self.finished.emit(finished)

    def _close_writer(self):
        """Let the epochs' checkpoints reach the disk and end their thread."""
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.close()

    def _checkpoint(self, net, settings, status, planned):
        """The run's last checkpoint, written now, after those of its epochs."""
        self._close_writer()
        job = self._job
        if not job.checkpoints:
            return
        try:
            checkpoint_mod.save_checkpoint(net, settings=settings, status=status,
                                           epochs_planned=planned,
                                           directory=job.checkpoint_dir)
        except (OSError, ValueError, TypeError) as exc:
            self._checkpoint_failed(exc)

    def _checkpoint_failed(self, exc):
        self.checkpoint_failed.emit(QCoreApplication.translate(
            "TrainingWorker", "Could not write the recovery file: {0}").format(exc))


def _subset(data, size):
    """The first ``size`` samples of an ``(images, labels)`` pair (all when size is larger)."""
    images, labels = data
    size = int(size) if size else len(labels)
    if size >= len(labels):
        return images, labels
    return images[:size], labels[:size]


class TrainingController(QObject):
    """The GUI thread's handle on training: owns the thread, the worker and the control.

    ``start(job)`` runs a job; ``pause``, ``resume``, ``stop``, ``step_batch``, ``step_epoch``
    and ``set_eta`` act on it; ``shutdown(timeout_ms)`` stops and waits (for ``closeEvent``).
    Its signals mirror the worker's and are emitted in the GUI thread; ``running_changed(bool)``
    says when a run starts and when its thread has ended.
    """

    batch = Signal(object)
    epoch = Signal(object)
    paused = Signal(object)
    data_loaded = Signal(object)
    trained = Signal(object)
    checkpoint_failed = Signal(str)
    error = Signal(object)     # ErrorReport
    finished = Signal(object)
    running_changed = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._thread = None
        self._worker = None
        self._control = None
        self._active = False

    # -- state ---------------------------------------------------------------------------------

    @property
    def is_running(self):
        """True from :meth:`start` until the run's ``finished`` arrives."""
        return self._active

    @property
    def is_paused(self):
        return self._active and self._control is not None and self._control.paused

    @property
    def control(self):
        return self._control

    def thread_alive(self):
        """True while the training thread exists and runs (it may outlive ``finished`` by a
        moment)."""
        t = self._thread
        return t is not None and shiboken6.isValid(t) and t.isRunning()

    # -- commands ------------------------------------------------------------------------------

    def start(self, job: TrainingJob, *, paused=False):
        """Start ``job`` in a new thread. ``paused=True`` starts paused (for stepping)."""
        if self._active:
            raise RuntimeError("a training run is already going on")
        if self.thread_alive():
            # the previous run's worker has returned; its thread is only winding down
            self._thread.quit()
            self._thread.wait(5000)
        control = TrainingControl(eta=float(job.settings.eta))
        if paused:
            control.pause()
        thread = QThread()
        thread.setObjectName("desktop_bp-training")
        worker = TrainingWorker(job, control)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.batch.connect(self._on_batch)
        worker.epoch.connect(self._on_epoch)
        worker.paused.connect(self._on_paused)
        worker.data_loaded.connect(self._on_data_loaded)
        worker.trained.connect(self._on_trained)
        worker.checkpoint_failed.connect(self._on_checkpoint_failed)
        worker.error.connect(self._on_error)
        worker.finished.connect(self._on_finished)
        worker.finished.connect(thread.quit)
        # No deleteLater on the thread or the worker: both are owned by Python (no Qt parent),
        # and a C++ deletion racing the wrappers' own crashes PySide. They are released in
        # _on_thread_finished, in the GUI thread, once the thread has really ended.
        thread.finished.connect(self._on_thread_finished)
        self._thread, self._worker, self._control = thread, worker, control
        self._active = True
        self.running_changed.emit(True)
        thread.start()

    def pause(self):
        if self._active:
            self._control.pause()

    def resume(self):
        if self._active:
            self._control.resume()

    def stop(self):
        """Ask the run to stop after the current mini-batch; what was learned is kept."""
        if self._active:
            self._control.stop()

    def step_batch(self, count=1):
        if self._active:
            self._control.step_batches(count)

    def step_epoch(self):
        if self._active:
            self._control.step_epoch()

    def set_eta(self, eta):
        """Change the learning rate of the running job (ValueError if not positive/finite)."""
        eta = float(eta)
        if not (eta > 0 and math.isfinite(eta)):
            raise ValueError(f"the learning rate must be a positive number, got {eta}")
        if self._active:
            self._control.set_eta(eta)

    def shutdown(self, timeout_ms=5000):
        """Stop any run and wait up to ``timeout_ms`` for its thread to end. Returns True when
        no thread is left running. Never terminates the thread."""
        if self._control is not None:
            self._control.stop()
        if not self.thread_alive():
            return True
        self._thread.quit()   # takes effect once the worker's run() has returned
        ok = self._thread.wait(int(timeout_ms))
        return bool(ok)

    # -- slots: the worker's signals arrive here, in the GUI thread -----------------------------
    # A queued event can arrive after the panel that owns this controller was closed and
    # deleted; every slot first checks that the controller still exists.

    def _relay(self, name, payload):
        if shiboken6.isValid(self):
            getattr(self, name).emit(payload)

    @Slot(object)
    def _on_batch(self, ev):
        if self._active and not self._control.stopped:
            self._relay("batch", ev)

    @Slot(object)
    def _on_epoch(self, ev):
        self._relay("epoch", ev)

    @Slot(object)
    def _on_paused(self, ev):
        self._relay("paused", ev)

    @Slot(object)
    def _on_data_loaded(self, data):
        self._relay("data_loaded", data)

    @Slot(object)
    def _on_trained(self, net):
        self._relay("trained", net)

    @Slot(str)
    def _on_checkpoint_failed(self, message):
        self._relay("checkpoint_failed", message)

    @Slot(object)
    def _on_error(self, report):
        self._relay("error", report)

    @Slot(object)
    def _on_finished(self, ev):
        self._active = False
        self._relay("finished", ev)

    @Slot()
    def _on_thread_finished(self):
        t = self._thread
        # (a new run may already own self._thread: only a finished thread is let go)
        if t is None or not shiboken6.isValid(t) or t.isFinished():
            if t is not None and shiboken6.isValid(t):
                t.wait()    # returns at once: the thread has ended
            self._thread = self._worker = None
        if not self._active:
            self._relay("running_changed", False)


class DownloadWorker(QObject):
    """Runs ``download(dest, progress=..., should_cancel=...)`` (``core.mnist_download.download``) in a
    worker thread. Signals: ``progress(tuple)`` as ``(file, done_bytes, total_bytes)``,
    ``finished(str)`` with the folder, ``cancelled(str)``, ``failed(str)`` with the reason."""

    progress = Signal(object)
    finished = Signal(str)
    cancelled = Signal(str)
    failed = Signal(str)
    done = Signal()

    def __init__(self, download, dest=None):
        super().__init__()
        self._download = download
        self._dest = dest
        self._cancel = threading.Event()

    def cancel(self):
        """Thread-safe: ask the download to stop at its next chunk."""
        self._cancel.set()

    def _should_cancel(self):
        return self._cancel.is_set()

    def _progress(self, name, done, total):
        self.progress.emit((str(name), int(done or 0), int(total or 0)))

    @Slot()
    def run(self):
        try:
            folder = self._download(self._dest, progress=self._progress,
                                    should_cancel=self._should_cancel)
            self.finished.emit(str(folder))
        except Exception as exc:  # noqa: BLE001 - every outcome is reported
            if type(exc).__name__ == "DownloadCancelled" or self._cancel.is_set():
                self.cancelled.emit("The download was cancelled.")
            else:
                self.failed.emit(explain_dataset_error(exc) if hasattr(exc, "kind")
                                 else str(exc) or type(exc).__name__)
        self.done.emit()
