"""Recovery checkpoints: a training run is never lost, not even when the app is killed.

After its epochs (at most every :data:`MIN_CHECKPOINT_INTERVAL` seconds, on a thread of its own,
:class:`CheckpointWriter`, so that training never waits for the disk) and when it ends, a run's
training worker writes the network, its history and the run's settings to one recovery file in
``user_data_dir()/recovery/``. The write goes through
:func:`~desktop_bp.core.persistence.save_model`, so it is atomic: a crash mid-write leaves the
previous checkpoint intact. On the next start the app asks :func:`find_checkpoint` whether one is
there and offers to restore it (:func:`load_checkpoint`); once the model is saved, restored or
declined, :func:`discard_checkpoint` removes it.

A checkpoint is an ordinary model file whose metadata also holds::

    {"checkpoint": {"status": "running" | "completed" | "stopped" | "diverged",
                    "saved_at": ISO 8601 UTC time, "epochs_done": int, "epochs_planned": int,
                    "settings": {...the run's set-up...}},
     "history": [...one record per epoch, see EpochEvent.record()...],
     "hyperparameters": {...eta, batch_size, lmbda, ...}}

Pure standard library and NumPy; nothing here knows about Qt.
"""

from __future__ import annotations

import datetime
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from desktop_bp.core.network import Network
from desktop_bp.core.paths import user_data_dir
from desktop_bp.core.persistence import ModelFileError, load_model, save_model
from desktop_bp.core.run_config import HYPERPARAMETER_KEYS

RECOVERY_FOLDER = "recovery"
CHECKPOINT_NAME = "last_run.npz"

STATUSES = ("running", "completed", "stopped", "diverged", "error")

#: Seconds at least between two recovery checkpoints of one run (see :class:`CheckpointWriter`).
MIN_CHECKPOINT_INTERVAL = 2.0


def recovery_dir() -> Path:
    """The folder that holds the recovery checkpoint (it may not exist yet)."""
    return user_data_dir() / RECOVERY_FOLDER


def checkpoint_path(directory=None) -> Path:
    """The recovery file's path, in ``directory`` or :func:`recovery_dir`."""
    return Path(directory if directory is not None else recovery_dir()) / CHECKPOINT_NAME


@dataclass
class Checkpoint:
    """A restored run: ``network`` (its ``metadata["history"]`` is ``history``), the run's
    ``settings`` dict, its ``status`` (one of :data:`STATUSES`), ``epochs_done`` of
    ``epochs_planned``, ``saved_at`` (ISO 8601 UTC) and the file's ``path``."""

    network: Network
    path: Path
    status: str = "running"
    saved_at: str = ""
    epochs_done: int = 0
    epochs_planned: int = 0
    settings: dict = field(default_factory=dict)
    history: list = field(default_factory=list)

    @property
    def best_accuracy(self):
        """The highest test (else validation) accuracy in the history, as a fraction, or None."""
        for key in ("test_accuracy", "validation_accuracy"):
            values = [r.get(key) for r in self.history if r.get(key) is not None]
            if values:
                return max(values)
        return None

    def summary(self):
        """One human sentence, e.g. ``784-30-10 sigmoid, quadratic: 3 of 30 epochs, 94.1%
        (interrupted, 2024-05-01 10:32 UTC)``."""
        acc = self.best_accuracy
        acc_text = f", best accuracy {100 * acc:.2f}%" if acc is not None else ""
        state = {"running": "interrupted", "completed": "finished, not saved",
                 "stopped": "stopped, not saved", "diverged": "diverged, best epoch kept",
                 "error": "ended by an error"}.get(self.status, self.status)
        when = self.saved_at.replace("T", " ")[:16] + " UTC" if self.saved_at else "unknown time"
        return (f"{self.network.describe()}: {self.epochs_done} of {self.epochs_planned} "
                f"epochs{acc_text} ({state}, {when})")

    def __repr__(self):
        return f"Checkpoint({self.summary()!r})"


def save_checkpoint(net, *, settings=None, status="running", epochs_planned=None,
                    directory=None) -> Path:
    """Write ``net`` (weights, biases and ``net.metadata["history"]``) with the run's
    ``settings`` as the recovery checkpoint, atomically. Returns the file's path.

    Call it only from the thread that owns ``net`` (the training worker, between events).
    ``status`` is "running" after an epoch, or the reason the run ended.
    """
    if status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}, got {status!r}")
    settings = dict(settings or {})
    history = list(net.metadata.get("history", []))
    planned = int(epochs_planned if epochs_planned is not None
                  else settings.get("epochs_planned", settings.get("epochs", len(history))))
    path = checkpoint_path(directory)
    path.parent.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    metadata = {
        "history": history,
        "hyperparameters": {k: settings[k] for k in HYPERPARAMETER_KEYS if k in settings},
        "checkpoint": {"status": status, "saved_at": now, "epochs_done": len(history),
                       "epochs_planned": planned, "settings": settings},
    }
    if history and history[-1].get("test_accuracy") is not None:
        metadata["test_accuracy"] = history[-1]["test_accuracy"]
    return save_model(path, net, metadata=metadata)


def find_checkpoint(directory=None) -> Path | None:
    """The recovery file if there is one, else None."""
    path = checkpoint_path(directory)
    return path if path.is_file() else None


def load_checkpoint(path=None) -> Checkpoint:
    """Read a recovery file (by default the one :func:`find_checkpoint` finds).

    Raises :class:`FileNotFoundError` when there is none and
    :class:`~desktop_bp.core.persistence.ModelFileError` when it is damaged or not a checkpoint.
    """
    if path is None:
        path = find_checkpoint()
        if path is None:
            raise FileNotFoundError(f"no recovery checkpoint in {recovery_dir()}")
    path = Path(path)
    net = load_model(path)
    info = net.metadata.get("checkpoint")
    if not isinstance(info, dict):
        raise ModelFileError(path, "a model file, but not a recovery checkpoint", kind="not_model")
    history = net.metadata.get("history") or []
    if not isinstance(history, list):
        raise ModelFileError(path, "its training history is not a list")
    settings = info.get("settings") if isinstance(info.get("settings"), dict) else {}
    return Checkpoint(network=net, path=path, status=str(info.get("status", "running")),
                      saved_at=str(info.get("saved_at", "")),
                      epochs_done=int(info.get("epochs_done", len(history)) or 0),
                      epochs_planned=int(info.get("epochs_planned", len(history)) or 0),
                      settings=settings, history=list(history))


def discard_checkpoint(directory=None) -> bool:
    """Remove the recovery file (and any temporary file a killed write left). True if a
    checkpoint was removed."""
    path = checkpoint_path(directory)
    removed = False
    try:
        path.unlink()
        removed = True
    except FileNotFoundError:
        pass
    for leftover in path.parent.glob(f".{path.name}*.tmp") if path.parent.is_dir() else ():
        try:
            leftover.unlink()
        except OSError:
            pass
    return removed


class Recovery:
    """The recovery file of one folder (``directory`` None: :func:`recovery_dir`), as one object
    the app's state can hold; ``enabled=False`` stands for no recovery file at all (tests, the
    benchmark)."""

    def __init__(self, directory=None, enabled=True):
        self.directory = directory
        self.enabled = bool(enabled)

    def path(self) -> Path:
        return checkpoint_path(self.directory)

    def find(self) -> Path | None:
        return find_checkpoint(self.directory) if self.enabled else None

    def load(self) -> Checkpoint:
        return load_checkpoint(self.path())

    def discard(self) -> bool:
        return discard_checkpoint(self.directory) if self.enabled else False

    def __repr__(self):
        return f"Recovery({str(self.path()) if self.enabled else 'disabled'})"


class CheckpointWriter:
    """Writes recovery checkpoints on a thread of its own, so that a run never waits for its
    disk: compressing and syncing a file takes milliseconds to tens of milliseconds, a real
    share of an epoch that lasts a fifth of a second.

    :meth:`submit` hands over a network that nobody changes any more (a copy) and returns at
    once; a checkpoint still waiting when the next one comes is replaced by it (only the latest
    matters). Checkpoints are written at most every ``min_interval`` seconds: a run of short
    epochs (the book network's take 0.15 s) does not write six files a second, and a crash loses
    at most that long, or one epoch, of training. :meth:`flush` writes what waits at once and
    returns when it is on disk; :meth:`close` also ends the thread. A write that fails calls
    ``on_error(exc)`` from the writer's thread; the next write is tried all the same. Keyword
    arguments of :meth:`submit` are those of :func:`save_checkpoint`."""

    def __init__(self, *, directory=None, on_error=None, min_interval=MIN_CHECKPOINT_INTERVAL,
                 clock=None):
        self.directory, self.on_error = directory, on_error
        self.min_interval = float(min_interval)
        self._clock = clock or time.monotonic
        self._cond = threading.Condition()
        self._pending = None            # (net, kwargs) waiting to be written
        self._busy = False              # a write is in progress
        self._hurry = 0                 # flushes waiting: write what is pending now
        self._closed = False
        self._last_write = None         # when the last write started (the clock's time)
        self.written = 0                # checkpoints written (for tests and curiosity)
        self._thread = threading.Thread(target=self._run, name="desktop_bp-checkpoint",
                                        daemon=True)
        self._thread.start()

    def submit(self, net, **kwargs):
        with self._cond:
            if self._closed:
                raise RuntimeError("the checkpoint writer is closed")
            self._pending = (net, kwargs)
            self._cond.notify_all()

    def flush(self, timeout=None):
        """Write what is pending now and wait until it is on disk; False if ``timeout`` ran
        out first."""
        with self._cond:
            self._hurry += 1
            self._cond.notify_all()
            try:
                return self._cond.wait_for(lambda: self._pending is None and not self._busy,
                                           timeout)
            finally:
                self._hurry -= 1

    def close(self, timeout=None):
        """Write what is pending, then end the thread."""
        self.flush(timeout)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout)

    def _due_in(self):
        """Seconds until the next write may start (0 or less: now)."""
        if self._hurry or self._closed or self._last_write is None:
            return 0.0
        return self._last_write + self.min_interval - self._clock()

    def _run(self):
        while True:
            with self._cond:
                while True:
                    if self._pending is None:
                        if self._closed:
                            return
                        self._cond.wait()
                        continue
                    wait = self._due_in()
                    if wait <= 0:
                        break
                    self._cond.wait(wait)       # a newer checkpoint may replace this one
                (net, kwargs), self._pending = self._pending, None
                self._busy = True
                self._last_write = self._clock()
            try:
                save_checkpoint(net, directory=self.directory, **kwargs)
                self.written += 1
            except Exception as exc:    # noqa: BLE001 - told to the run, which goes on
                if self.on_error is not None:
                    self.on_error(exc)
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()
