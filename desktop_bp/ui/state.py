"""The one owner of the app's state: the model in use and the run (Qt-free).

Every part of the window observes one :class:`AppState`: the canvas predicts with
``state.model.network``, the status bar and the Model page show ``state.model``, the training page
shows ``state.phase``. None keeps its own copy of "which network". Changes go through the methods
below, which enforce one rule about unsaved work:

- A network trained here (or restored from a recovery file) is *unsaved* until it is written to a
  model file. Opening another model, starting a fresh run or quitting would lose it, so
  :meth:`AppState.check` answers ``"unsaved"`` for those actions; the window then asks the person
  (Save / Discard / Cancel). Continuing that very network loses nothing and asks nothing.
- While a run is going on (running or paused) opening a model or quitting first needs the run to
  stop (``"stop"``); while it stops, the action waits for its end (``"wait"``), see
  :meth:`AppState.after_run`.
- Discarding removes the recovery file too: recovery is for crashes and kills, never for a run the
  person threw away. Saving removes it as well: the model file holds the work.

The run is an explicit state machine::

    idle ──start──> running <──pause/resume──> paused
                       │                          │
                       └──────stop──> stopping <──┘
    running/paused/stopping ──end──> finished | diverged ──start──> running ...

Listeners (plain callables) are called with the name of what changed: ``"model"`` or ``"phase"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Phase(str, Enum):
    IDLE = "idle"
    RUNNING = "running"
    PAUSED = "paused"
    STOPPING = "stopping"
    FINISHED = "finished"
    DIVERGED = "diverged"


ACTIVE_PHASES = (Phase.RUNNING, Phase.PAUSED, Phase.STOPPING)

#: Where a model in use came from.
ORIGINS = ("none", "bundled", "file", "run", "recovered")

#: What an action needs before it may go ahead (see :meth:`AppState.check`).
ACTIONS = ("open", "start", "continue", "quit")


class StateError(RuntimeError):
    """A transition that the rules do not allow (a bug in the caller, not a user error)."""


@dataclass(frozen=True)
class ModelInUse:
    """The network the canvas predicts with, and what a person needs to know about it.

    ``origin``: one of :data:`ORIGINS`; ``label``: where it came from, for the status bar
    ("bundled default model", "book.npz", "training: epoch 3"), or a function that says it
    (in the window's current language); ``path``: its file, if any;
    ``saved``: its weights are in that file (False for a network trained here and not saved);
    ``measured``: the accuracy in its metadata was measured on these very weights (False for
    weights paused in the middle of an epoch); ``trained_here``: a network trained in this
    window and then saved, still the one its run's curves and epochs show.
    """

    network: object = None
    origin: str = "none"
    label: str = ""
    path: Path | None = None
    saved: bool = True
    measured: bool = True
    trained_here: bool = False

    @property
    def saveable(self):
        """Whether File ▸ Save may write back to :attr:`path` (the person's own .npz file)."""
        return (self.origin == "file" and self.path is not None
                and Path(self.path).suffix.lower() == ".npz")

    @property
    def unsaved(self):
        return self.network is not None and not self.saved


class AppState:
    """See the module doc. ``recovery``: an object with ``discard()`` that removes the recovery
    file (:class:`~desktop_bp.core.checkpoint.Recovery`), or None; ``defer(callback)``: how the
    actions that wait for a run's end are called (default: at once)."""

    def __init__(self, recovery=None, defer=None):
        self.recovery = recovery
        # how the actions waiting for a run's end are called: at once, or (the window) once
        # every part has drawn that end, so that none draws the old run over the new model
        self._defer = defer or (lambda callback: callback())
        self._model = ModelInUse()
        self._phase = Phase.IDLE
        self._listeners = []
        self._run_start_model = None    # the model in use when the current run began
        self._fallback = ModelInUse()   # the last model from a file: where Discard goes back to
        self._after_run = []
        self.end_reason = None          # how the last run ended ("completed", "stopped", ...)

    # -- observing ---------------------------------------------------------------------------

    def subscribe(self, listener):
        """Call ``listener(what)`` after every change; ``what`` is "model" or "phase"."""
        self._listeners.append(listener)

    def _notify(self, what):
        for listener in list(self._listeners):
            listener(what)

    @property
    def model(self) -> ModelInUse:
        return self._model

    @property
    def network(self):
        return self._model.network

    @property
    def phase(self) -> Phase:
        return self._phase

    @property
    def run_active(self):
        """A run's thread is going on: running, paused or stopping."""
        return self._phase in ACTIVE_PHASES

    @property
    def has_unsaved(self):
        return self._model.unsaved

    # -- the one rule about unsaved work -------------------------------------------------------

    def check(self, action):
        """What ``action`` (one of :data:`ACTIONS`) needs first: None (go ahead), "stop" (a run
        is going on), "wait" (a run is stopping) or "unsaved" (the network trained here would be
        lost: ask Save / Discard / Cancel)."""
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r}")
        if self._phase in (Phase.RUNNING, Phase.PAUSED):
            return "stop"
        if self._phase == Phase.STOPPING:
            return "wait"
        if self.has_unsaved and action != "continue":
            return "unsaved"
        return None

    # -- the model in use ----------------------------------------------------------------------

    def _set_model(self, model):
        self._model = model
        if model.origin in ("none", "bundled", "file") and model.saved:
            self._fallback = model
        self._notify("model")

    def use_model(self, network, *, origin="file", label="", path=None):
        """Use a model read from a file (or none). Refused while a run is going on."""
        if self.run_active:
            raise StateError("a run is going on: stop it before using another model")
        if origin not in ("none", "bundled", "file"):
            raise ValueError(f"a model read from a file has origin bundled or file, not {origin}")
        self._set_model(ModelInUse(network, origin, label, None if path is None else Path(path),
                                   saved=True))
        self._set_phase(Phase.IDLE)

    def restore(self, network, label):
        """A run restored from the recovery file: unsaved until saved or discarded."""
        if self.run_active:
            raise StateError("a run is going on")
        self._set_model(ModelInUse(network, "recovered", label, saved=False))
        self._set_phase(Phase.IDLE)

    def replay(self, network, label):
        """An earlier epoch of the last run (the time machine) becomes the model in use: like
        the run's own network, it is unsaved. Refused while a run is going on."""
        if self.run_active:
            raise StateError("a run is going on: replay once it has ended")
        self._set_model(ModelInUse(network, "run", label, saved=False))

    def mark_saved(self, path, network=None):
        """The model in use (or ``network``, its saved copy) is now in the file ``path``: it is
        the person's file from now on, and the recovery file is no longer needed."""
        network = self._model.network if network is None else network
        trained_here = self._model.origin in ("run", "recovered") or self._model.trained_here
        self._set_model(ModelInUse(network, "file", Path(path).name, Path(path), saved=True,
                                   trained_here=trained_here))
        if not self.run_active and self.recovery is not None:
            self.recovery.discard()

    def discard_unsaved(self):
        """Let the unsaved network go for good: the model from a file used before it comes
        back, and the recovery file is removed."""
        if self.run_active:
            raise StateError("a run is going on: stop it first")
        if self.recovery is not None:
            self.recovery.discard()
        if self.has_unsaved:
            self._set_model(self._fallback)
        if self._phase in (Phase.FINISHED, Phase.DIVERGED):
            self._set_phase(Phase.IDLE)

    # -- the run -------------------------------------------------------------------------------

    def _set_phase(self, phase):
        if phase != self._phase:
            self._phase = phase
            self._notify("phase")

    def run_started(self, *, paused=False):
        if self.run_active:
            raise StateError("a run is already going on")
        self._run_start_model = self._model
        self.end_reason = None
        self._set_phase(Phase.PAUSED if paused else Phase.RUNNING)

    def run_paused(self):
        if self._phase == Phase.RUNNING:
            self._set_phase(Phase.PAUSED)

    def run_resumed(self):
        if self._phase == Phase.PAUSED:
            self._set_phase(Phase.RUNNING)

    def run_stopping(self):
        if self._phase in (Phase.RUNNING, Phase.PAUSED):
            self._set_phase(Phase.STOPPING)

    def publish(self, network, label, *, measured=True):
        """The run's latest weights (a copy the GUI owns) become the model in use."""
        if not self.run_active:
            raise StateError("no run is going on")
        self._set_model(ModelInUse(network, "run", label, saved=False, measured=measured))

    def run_ended(self, reason, network=None, label="", *, measured=True):
        """The run's worker has finished. ``reason``: "completed", "stopped", "diverged" or
        "error"; ``network``: what it leaves to use (a diverged run's best epoch, or None when
        nothing is worth keeping: the model from before the run comes back)."""
        if not self.run_active:
            raise StateError("no run is going on")
        self.end_reason = reason
        if network is not None:
            self._set_model(ModelInUse(network, "run", label, saved=False, measured=measured))
        elif self._run_start_model is not None and self._model.origin == "run":
            self._set_model(self._run_start_model)
        self._set_phase(Phase.DIVERGED if reason == "diverged" else Phase.FINISHED)
        callbacks, self._after_run = self._after_run, []
        for callback in callbacks:
            self._defer(callback)

    def after_run(self, callback):
        """Call ``callback()`` once the run has ended (at once when none is going on)."""
        if self.run_active:
            self._after_run.append(callback)
        else:
            callback()

    def __repr__(self):
        m = self._model
        return (f"AppState(phase={self._phase.value}, model={m.origin}:{m.label!r}, "
                f"unsaved={self.has_unsaved})")

