"""The window's side of :class:`~desktop_bp.ui.state.AppState`: the questions, the model files,
the training thread and the recovery file, in one object every widget observes.

:class:`Session` holds the Qt-free state and re-emits its changes as Qt signals
(``model_changed(ModelInUse)``, ``phase_changed(str)``), so that widgets connect bound slots. It
also does what changes the state and needs Qt: reading and writing model files (with their
dialogs and the list of recent files), asking before unsaved work is lost (one rule, in
:meth:`Session.confirm`), running the training thread (:class:`~desktop_bp.ui.worker.
TrainingController`) and offering the recovery file at start. Widgets never decide these things
themselves; they call the session and draw what it says.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop_bp.core import checkpoint as checkpoint_mod
from desktop_bp.core.run_config import PARTIAL_EPOCH, RunSettings, record_accuracy
from desktop_bp.core.snapshots import EpochSnapshots
from desktop_bp.ui import model_files
from desktop_bp.ui.state import AppState, Phase
from desktop_bp.ui.worker import TrainingController
from desktop_bp.ui.words import describe_network, model_file_problem

BUNDLED = "bundled"


class Session(QObject):
    """See the module doc. ``settings``: a QSettings; ``recovery``: a
    :class:`~desktop_bp.core.checkpoint.Recovery` (None: the app's recovery folder)."""

    model_changed = Signal(object)      # ModelInUse
    phase_changed = Signal(str)         # a Phase value
    recent_changed = Signal()
    model_saved = Signal(str)           # a path
    message = Signal(str)               # a short note for the status bar

    def __init__(self, settings, recovery=None, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.recovery = recovery if recovery is not None else checkpoint_mod.Recovery()
        self.state = AppState(self.recovery, defer=_after_this_event)
        self.state.subscribe(self._on_state_changed)
        self.recent = model_files.RecentModels(settings)
        self.controller = TrainingController(self)
        self.controller.paused.connect(self._on_paused)
        self.controller.trained.connect(self._on_trained)
        self.controller.finished.connect(self._on_finished)
        self.controller.error.connect(self._on_error)
        self.controller.running_changed.connect(self._on_thread_running)
        self.dialog_parent = None       # the window, for dialogs
        self.run_settings = None
        self._template = None           # a copy of the run's network: weights are set into copies
        self.run_history = []
        # every epoch's weights of the last run (the time machine), within a memory budget
        self.snapshots = EpochSnapshots()
        # File ▸ "Save every epoch's weights": the time machine's epochs go into saved files
        self.keep_epochs = settings.value("model/keep_epochs", False, type=bool)
        self._final = None
        # (network, label) the last run ended with: the time machine's "Latest" (a run stopped
        # within an epoch holds more than its last epoch's weights)
        self.run_end = None
        self._quit_requested = None     # called once the run's thread has ended

    # -- observing -----------------------------------------------------------------------------

    def _on_state_changed(self, what):
        if what == "model":
            self.model_changed.emit(self.state.model)
        else:
            self.phase_changed.emit(self.state.phase.value)

    @property
    def model(self):
        return self.state.model

    @property
    def network(self):
        return self.state.network

    def label(self, model=None):
        """The name of ``model`` (default: the model in use) as the window shows it, in the
        current language: the bundled model is named again after a language change."""
        model = self.model if model is None else model
        if model.origin == BUNDLED:
            return self.tr("bundled default model")
        # a label made here is a function of the language: asked again each time it is shown
        return model.label() if callable(model.label) else model.label

    # -- questions: the one rule about unsaved work --------------------------------------------

    def _ask(self, title, text, informative, buttons, default, labels=None, icon=None):
        box = QMessageBox(icon or QMessageBox.Question, title, text, QMessageBox.NoButton,
                          self.dialog_parent)
        if informative:
            box.setInformativeText(informative)
        for button in buttons:
            box.addButton(button)
        for button, label in (labels or {}).items():
            box.button(button).setText(label)
        box.setDefaultButton(default)
        if QMessageBox.Cancel in buttons:
            box.setEscapeButton(QMessageBox.Cancel)
        return QMessageBox.StandardButton(box.exec())

    def _describe(self, net):
        accuracy = (net.metadata or {}).get("test_accuracy",
                                            (net.metadata or {}).get("validation_accuracy"))
        return describe_network(net) + (f", {100 * accuracy:.2f}%"
                                         if isinstance(accuracy, (int, float)) else "")

    def confirm(self, action, doing, then):
        """Do ``then()`` when ``action`` ("open", "start", "continue", "quit") loses nothing,
        else ask first. ``doing`` completes "… before <doing>?", e.g. "opening book.npz".
        Returns True when ``then`` ran now, False when it waits for a run to stop or was
        cancelled."""
        need = self.state.check(action)
        if need is None:
            then()
            return True
        if need == "wait":
            self.state.after_run(lambda: self.confirm(action, doing, then))
            return False
        if need == "stop":
            answer = self._ask(
                self._run_title(),
                self.tr("Stop the training before {0}?").format(doing),
                self.tr("Save keeps what it has learned in a model file first; Discard lets it "
                        "go."),
                (QMessageBox.Save, QMessageBox.Discard, QMessageBox.Cancel), QMessageBox.Save,
                labels={QMessageBox.Save: self.tr("Stop and save…"),
                        QMessageBox.Discard: self.tr("Stop and discard")})
            if answer == QMessageBox.Cancel:
                return False
            keep = answer == QMessageBox.Save

            def after_stop():
                if self.state.has_unsaved and keep:
                    if self.save_as() and self.state.check(action) is None:
                        then()
                    return
                if self.state.has_unsaved:
                    self._discard_run()
                then()

            self.state.after_run(after_stop)
            self.stop_run()
            return False
        # unsaved
        net = self.state.network
        answer = self._ask(
            self.tr("Unsaved network"),
            self.tr("The network trained here ({0}) is not saved. Save it before {1}?")
            .format(self._describe(net), doing),
            self.tr("Discard lets it go for good (its recovery file too)."),
            (QMessageBox.Save, QMessageBox.Discard, QMessageBox.Cancel), QMessageBox.Save,
            labels={QMessageBox.Save: self.tr("Save…"), QMessageBox.Discard: self.tr("Discard")})
        if answer == QMessageBox.Save:
            if self.save_as() and self.state.check(action) is None:
                then()
                return True
            return False
        if answer == QMessageBox.Discard:
            self._discard_run()
            self.message.emit(self.tr("The trained network was discarded."))
            then()
            return True
        return False

    def _discard_run(self):
        """Let the unsaved network go for good, its epochs in the time machine with it."""
        self._forget_epochs()
        self.state.discard_unsaved()

    def _forget_epochs(self):
        """The time machine's epochs belong to the last run's network: once another network is
        in use (a file without epochs, a discarded run) they go."""
        self.snapshots = EpochSnapshots()
        self._template = None
        self.run_history = []
        self.run_end = None

    def _run_title(self):
        if self.state.phase == Phase.PAUSED:
            return self.tr("Training is paused")
        return self.tr("Training is running")

    def request_quit(self, close):
        """For the window's ``closeEvent``: True when it may close now. During a run, asks to
        stop it (the recovery file keeps what was learned, as promised) and returns False; the
        run then stops between two mini-batches and ``close()`` is called once the training
        thread has ended, so that no thread is ever destroyed while it runs."""
        if self._quit_requested is not None:
            return not self.controller.is_running and not self.controller.thread_alive()
        if self.state.run_active:
            answer = self._ask(
                self._run_title(), self.tr("Stop the training and quit?"),
                self.tr("What the network has learned so far is kept in the recovery file and "
                        "offered when the app starts again."),
                (QMessageBox.Yes, QMessageBox.Cancel), QMessageBox.Cancel,
                labels={QMessageBox.Yes: self.tr("Stop and quit")})
            if answer != QMessageBox.Yes:
                return False
            self._quit_requested = close
            self.stop_run()
            self.message.emit(self.tr("Stopping… the window closes when the current mini-batch "
                                      "ends."))
            return False
        if self.controller.thread_alive():
            # the run has ended and its thread is only winding down: a moment
            self.controller.shutdown(5000)
        if not self.state.has_unsaved:
            return True
        closed = []
        self.confirm("quit", self.tr("quitting"), lambda: closed.append(True))
        return bool(closed)

    @Slot(bool)
    def _on_thread_running(self, running):
        if not running and self._quit_requested is not None:
            close = self._quit_requested
            close()

    # -- model files ---------------------------------------------------------------------------

    def _read(self, path):
        """A network from ``path``, or None after telling the person why not."""
        from desktop_bp.core.persistence import ModelFileError, load_any
        try:
            return load_any(path)
        except (ModelFileError, OSError) as exc:
            self._warn(self.tr("Cannot open the model"),
                       self.tr("{problem}\n\nDetails: {details}\n\nThe current model stays in "
                               "use.").format(problem=model_file_problem(exc),
                                             details=model_files.problem_details(exc)))
        except Exception as exc:  # noqa: BLE001 - a bug must not take the window down
            self._error(self.tr("Cannot open the model"),
                        self.tr("Unexpected error while reading {0}.").format(path), exc)
        return None

    def open_model(self, path):
        """Use the model in ``path``, after the question about unsaved work. Returns True when
        it is in use now."""
        doing = (self.tr("opening the bundled model") if model_files.is_bundled(path)
                 else self.tr("opening {0}").format(Path(path).name))
        net = self._read(path)          # a file that cannot be used is said so before any
        if net is None:                 # question about the network in use
            return False
        return self.confirm("open", doing,
                            lambda: self._use_file(path, net)) and self.model.path is not None \
            and Path(self.model.path) == Path(path)

    def _use_file(self, path, net):
        """Use ``net``, read from ``path`` (see :meth:`open_model`)."""
        self.recent.remember(path)
        self.recent_changed.emit()
        self._forget_epochs()
        if (net.metadata or {}).get("snapshot_epochs"):
            self._load_epochs(path, net)
        if model_files.is_bundled(path):
            self.state.use_model(net, origin=BUNDLED, label=self.tr("bundled default model"),
                                 path=path)
        else:
            self.state.use_model(net, origin="file", label=Path(path).name, path=path)
        self.message.emit(self.tr("Opened {0}").format(path))
        return True

    def _load_epochs(self, path, net):
        """A file saved with every epoch's weights: the time machine replays them."""
        from desktop_bp.core.persistence import ModelFileError
        from desktop_bp.core.snapshots import load_snapshots
        try:
            store = load_snapshots(path)
        except (ModelFileError, OSError):
            return
        self.snapshots = store
        self._template = net.copy()
        self.run_history = list(net.metadata.get("history") or [])
        self.run_end = None

    def set_keep_epochs(self, keep):
        self.keep_epochs = bool(keep)
        self.settings.setValue("model/keep_epochs", self.keep_epochs)

    def open_bundled(self):
        from desktop_bp.core.pretrained import default_model_path
        return self.open_model(str(default_model_path()))

    def load_startup_model(self):
        """The last model used, else the bundled default; True when one was loaded."""
        from desktop_bp.core.persistence import ModelFileError, load_any
        from desktop_bp.core.pretrained import default_model_path
        last = self.recent.last_path()
        for path in ([last] if last else []) + [str(default_model_path())]:
            try:
                net = load_any(path)
            except (ModelFileError, OSError):
                continue
            bundled = model_files.is_bundled(path)
            self.state.use_model(net, origin=BUNDLED if bundled else "file",
                                 label=(self.tr("bundled default model") if bundled
                                        else Path(path).name), path=path)
            return True
        self.state.use_model(None, origin="none")
        self.message.emit(self.tr("No model loaded: the bundled model cannot be read."))
        return False

    def save(self):
        """Save to the model's own file when it is the person's .npz, else ask for a name."""
        if self.model.saveable:
            return self.save_to(self.model.path)
        return self.save_as()

    def save_as(self):
        net = self.network
        if net is None:
            self._info(self.tr("Nothing to save"), self.tr("No model is loaded."))
            return False
        start = (str(Path(self.model.path).with_suffix(".npz")) if self.model.saveable
                 else str(self.recent.suggested_path(net)))
        path, _ = QFileDialog.getSaveFileName(self.dialog_parent, self.tr("Save model as"),
                                              start, model_files.save_filter())
        if not path:
            return False
        if Path(path).suffix.lower() != ".npz":
            path += ".npz"
        return self.save_to(path)

    def save_to(self, path):
        """Write the model in use to ``path`` (with its history and settings); it is then the
        person's file, and the recovery file is no longer needed."""
        from desktop_bp.core.persistence import save_model
        from desktop_bp.core.snapshots import save_with_snapshots
        net = self.network
        if net is None:
            return False
        copy = net.copy()
        copy.metadata.pop("checkpoint", None)
        copy.metadata.setdefault("history", [])
        if self.model.origin in ("run", "recovered") and PARTIAL_EPOCH not in copy.metadata:
            # (the weights of a run stopped within an epoch were annotated and measured when
            # it ended: the history's last full epoch would say less of them)
            self.annotate(copy)
        try:
            if (self.keep_epochs and self.model.origin == "run"
                    and len(self.snapshots) > 1):
                save_with_snapshots(path, copy, self.snapshots)
            else:
                save_model(path, copy)
        except (OSError, ValueError, TypeError) as exc:
            self._error(self.tr("Cannot save the model"),
                        self.tr("Saving to {0} failed: {1}").format(path, exc), None)
            return False
        self.recent.remember(path)
        self.recent_changed.emit()
        self.state.mark_saved(path, copy)
        self.model_saved.emit(str(path))
        self.message.emit(self.tr("Saved {0}").format(path))
        return True

    # -- the run -------------------------------------------------------------------------------

    def annotate(self, net):
        """Give a network trained here its settings and latest accuracies in its metadata."""
        net.metadata.pop("checkpoint", None)
        net.metadata.pop(PARTIAL_EPOCH, None)     # said again by a run stopped within an epoch
        if self.run_settings is not None:
            net.metadata["hyperparameters"] = self.run_settings.hyperparameters(net)
        record_accuracy(net)

    def start_run(self, job, *, paused=False, before_thread=None):
        """Run ``job`` (:class:`~desktop_bp.ui.worker.TrainingJob`) in the training thread. The
        caller has already confirmed the start (:meth:`confirm`); ``before_thread()`` is called
        once the state says the run has begun, before its thread starts."""
        net = job.network
        self.run_settings = job.settings
        self._template = net.copy()
        self.run_history = list(net.metadata.get("history", []))
        self._final = None
        self.run_end = None
        self.state.run_started(paused=paused)
        if before_thread is not None:
            before_thread()
        self.controller.start(job, paused=paused)

    def pause(self):
        self.controller.pause()

    def resume(self):
        self.controller.resume()
        self.state.run_resumed()

    def stop_run(self):
        self.controller.stop()
        self.state.run_stopping()

    def step(self, batches=None):
        """Train ``batches`` mini-batches (None: to the end of the epoch), then pause."""
        if batches is None:
            self.controller.step_epoch()
        else:
            self.controller.control.request_snapshot()
            self.controller.step_batch(batches)
        self.state.run_resumed()

    def run_template(self):
        """A copy of the last run's network as it began (for networks of its epochs)."""
        return None if self._template is None else self._template.copy()

    def run_went_on(self):
        """The epoch (counted from 1) the last run stopped within, past its last full one, or
        None when it ended at an epoch's end (or there is none)."""
        end = self.run_end
        if end is None or PARTIAL_EPOCH not in end[0].metadata:
            return None
        return len(end[0].metadata.get("history", [])) + 1

    def record_epoch(self, ev):
        self.run_history.append(ev.record())

    def publish(self, weights, biases, where, ev=None, measured=None):
        """The run's weights become the model in use: ``where`` says how far the run is
        ("epoch 3", or a function that says it in the current language); ``ev`` is the epoch's
        event (None: paused mid-epoch, not measured)."""
        if not self.state.run_active or self._template is None:
            return
        # the run's own read-only copies, not copied again (megabytes for the best preset)
        net = self._template.with_parameters(weights, biases)
        net.metadata["history"] = list(self.run_history)
        self.annotate(net)
        measured = ev is not None if measured is None else measured
        acc = None if ev is None else (ev.test_accuracy if ev.test_accuracy is not None
                                       else ev.validation_accuracy)
        shown = "" if acc is None else f", {100 * acc:.2f}%"

        def label():
            place = where() if callable(where) else where
            return self.tr("training: {0}, {1}").format(describe_network(net), place) + shown
        self.state.publish(net, label, measured=measured)

    @Slot(object)
    def _on_paused(self, ev):
        self.state.run_paused()

    @Slot(object)
    def _on_trained(self, net):
        self.annotate(net)
        self._final = net

    @Slot(object)
    def _on_finished(self, ev):
        net, self._final = self._final, None
        if ev.reason == "diverged" and ev.best_epoch is None:
            net = None       # nothing learned before the divergence is worth keeping
        elif ev.reason == "error":
            net = None
        if net is not None:
            def label():
                if ev.reason == "diverged":
                    return self.tr("best epoch {0}, before it diverged: {1}").format(
                        ev.best_epoch + 1, describe_network(net))
                return self.tr("trained here: {0}").format(describe_network(net))
        else:
            label = ""
        # stopped within an epoch: the run measured the weights as they are, if it had the data
        # to (else the accuracy on record is the last finished epoch's)
        measured = not (ev.reason == "stopped" and ev.batches_done > 0)
        if not measured and net is not None and ev.measured:
            net.metadata.update(ev.measured)
            measured = True
        if net is not None and ev.reason == "stopped" and ev.batches_done > 0:
            # its weights have learned more than its history's full epochs say
            net.metadata[PARTIAL_EPOCH] = {"batches_done": int(ev.batches_done),
                                           "batches": int(ev.batches),
                                           "measured": bool(ev.measured)}
        self.run_end = None if net is None else (net, label)
        self.state.run_ended(ev.reason, net, label, measured=measured)

    @Slot(object)
    def _on_error(self, report):
        """A run ended by an error: a problem the person can act on is one clear message;
        only a bug shows its details, behind "Show Details…"."""
        box = QMessageBox(QMessageBox.Critical, report.title, report.text, QMessageBox.Ok,
                          self.dialog_parent)
        if report.details:
            box.setDetailedText(report.details)
        box.exec()

    # -- recovery ------------------------------------------------------------------------------

    def offer_recovery(self):
        """If a recovery file exists, ask whether to restore it; returns the restored
        :class:`~desktop_bp.core.checkpoint.Checkpoint`, or None."""
        if self.recovery.find() is None:
            return None
        try:
            cp = self.recovery.load()
        except Exception as exc:  # noqa: BLE001 - a damaged file must not stop the app
            self._warn(self.tr("Recovery file unreadable"),
                       self.tr("The last training run's recovery file cannot be read and is "
                               "removed. {problem}\n\nDetails: {details}").format(
                                   problem=model_file_problem(exc),
                                   details=model_files.problem_details(exc)))
            self.recovery.discard()
            return None
        answer = QMessageBox.question(
            self.dialog_parent, self.tr("Restore the last training run?"),
            self.tr("A training run was not saved:\n{0}\n\nRestore its weights and history?")
            .format(checkpoint_summary(cp)), QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
        if answer != QMessageBox.Yes:
            self.recovery.discard()
            return None
        self.restore_checkpoint(cp)
        return cp

    def restore_checkpoint(self, cp):
        """A recovered run becomes the model in use (unsaved), with its settings."""
        net = cp.network
        net.metadata.pop("checkpoint", None)
        net.metadata["history"] = list(cp.history)
        if cp.settings:
            self.run_settings = RunSettings.from_dict(cp.settings)
            self.annotate(net)
        self.state.restore(net, lambda: self.tr("recovered run: {0}").format(
            describe_network(net)))
        return net

    # -- messages ------------------------------------------------------------------------------

    def _warn(self, title, text):
        QMessageBox.warning(self.dialog_parent, title, text)

    def _info(self, title, text):
        QMessageBox.information(self.dialog_parent, title, text)

    def _error(self, title, text, exc):
        if exc is None:
            QMessageBox.critical(self.dialog_parent, title, text)
            return
        box = QMessageBox(QMessageBox.Critical, title, text, QMessageBox.Ok, self.dialog_parent)
        if exc is not None:
            import traceback
            box.setDetailedText("".join(traceback.format_exception(exc)))
        box.exec()

    def shutdown(self, timeout_ms=5000):
        """Stop any run and wait for its thread (tests, and the app's very end)."""
        return self.controller.shutdown(timeout_ms)


def _after_this_event(callback):
    """Call ``callback`` once the event being handled has reached every receiver."""
    QTimer.singleShot(0, callback)


def checkpoint_summary(cp):
    """``cp.summary()`` in the window's language, with the data set its best accuracy was
    measured on named: "784-30-10 sigmoid, quadratic: 3 of 30 epochs, best test accuracy
    94.10% (interrupted, 2024-05-01 10:32 UTC)"."""
    state = {
        "running": QCoreApplication.translate("Session", "interrupted"),
        "completed": QCoreApplication.translate("Session", "finished, not saved"),
        "stopped": QCoreApplication.translate("Session", "stopped, not saved"),
        "diverged": QCoreApplication.translate("Session", "diverged, best epoch kept"),
        "error": QCoreApplication.translate("Session", "ended by an error"),
    }.get(cp.status, cp.status)
    when = (cp.saved_at.replace("T", " ")[:16] + " UTC" if cp.saved_at
            else QCoreApplication.translate("Session", "unknown time"))
    text = QCoreApplication.translate("Session", "{arch}: {done} of {planned} epochs").format(
        arch=describe_network(cp.network), done=cp.epochs_done, planned=cp.epochs_planned)
    accuracy = cp.best_accuracy
    if accuracy is not None:
        tested = any(r.get("test_accuracy") is not None for r in cp.history)
        text = (QCoreApplication.translate("Session", "{0}, best test accuracy {1:.2f}%")
                if tested else
                QCoreApplication.translate("Session", "{0}, best validation accuracy {1:.2f}%")
                ).format(text, 100 * accuracy)
    return QCoreApplication.translate("Session", "{0} ({1}, {2})").format(text, state, when)


__all__ = ["Session", "Phase", "checkpoint_summary"]
