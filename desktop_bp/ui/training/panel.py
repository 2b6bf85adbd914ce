"""The training page: set up a run, train it in a worker thread and watch backpropagation live.

Left: the run controls and progress (:class:`~desktop_bp.ui.training.controls.RunControls`,
always in view) above the set-up form (:class:`~desktop_bp.ui.training.form.RunForm`, which
scrolls). Right: the curves above the per-layer heatmaps
(:class:`~desktop_bp.ui.training.plots_host.PlotsHost`).

The panel decides nothing about the app's state: the :class:`~desktop_bp.ui.session.Session` owns
the model in use, the run's phase and the training thread, and asks before work is lost. The
worker's events arrive in bound slots which only *store* them; a timer draws the latest state
(the curves and the heatmaps in turn, each about once a second): drawing holds the interpreter
lock the training thread needs. At every epoch end (and on pause) the panel hands the session a
copy of the weights, which becomes the model in use, so the canvas recognises with it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QSettings, Qt, QTimer, Slot
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QMessageBox, QScrollArea, QSplitter,
                               QVBoxLayout, QWidget)

from desktop_bp.core import checkpoint as checkpoint_mod
from desktop_bp.core.presets import PRESETS
from desktop_bp.core.run_config import MNIST_TRAINING_SIZE, parse_eta
from desktop_bp.ui.heatmaps import GRADIENTS, WEIGHTS
from desktop_bp.ui.i18n import Retranslating
from desktop_bp.ui.plots import BOOK_REFERENCE
from desktop_bp.ui.evaluation.time_machine import TimeMachineSlider
from desktop_bp.ui.session import Session, checkpoint_summary
from desktop_bp.ui.training.controls import RunClock, RunControls
from desktop_bp.ui.training.form import RunForm
from desktop_bp.ui.training.mnist_source import MnistSource
from desktop_bp.ui.training.draw_schedule import DrawSchedule
from desktop_bp.ui.training.run_messages import (divergence_text, finished_message,
                                                 say_divergence)
from desktop_bp.ui.training.plots_host import PlotsHost
from desktop_bp.ui.worker import TrainingJob
from desktop_bp.ui.words import describe_network


class TrainingPanel(Retranslating, QWidget):
    """See the module doc. ``session``: the app's :class:`Session` (None: a session of its own,
    for a panel shown alone); ``data``: optional ``(training, validation, test)`` pairs (tests
    and the benchmark pass small ones), otherwise MNIST is read in the worker thread at the
    first Start; ``checkpoint_dir`` for a session of its own: where recovery files go (None:
    the app's recovery folder; False: none)."""

    def __init__(self, session=None, parent=None, *, data=None, mnist_path=None,
                 checkpoint_dir=None):
        super().__init__(parent)
        if session is None:
            recovery = checkpoint_mod.Recovery(checkpoint_dir or None,
                                               enabled=checkpoint_dir is not False)
            session = Session(QSettings(), recovery, self)
        self.session = session
        self.controller = session.controller
        self._data = tuple(data) if data is not None else None
        self._pending_start = None       # a Start waiting for MNIST: paused or not
        self._personal = None            # the person's handwriting, for fine-tuning
        self._run_first_epoch = 0
        self._pending_batch = self._pending_snapshot = self._pending_epoch = None
        self._pending_accuracy = self._published = None
        self._last_batch = None
        self.clock = RunClock()

        self.form = RunForm()
        self.controls = RunControls(self.form.validation_label)
        self.host = PlotsHost()
        self.plots, self.heatmaps = self.host.plots, self.host.heatmaps
        # the epoch time machine: every epoch's weights of the last run (the session's)
        self.time_machine = TimeMachineSlider()
        self.host.add_header_widget(self.time_machine)
        self.time_machine.label.setMinimumWidth(0)      # narrow windows: the plots come first
        self.time_machine.setVisible(False)             # until a run has epochs to replay
        self.time_machine.epoch_chosen.connect(self._replay_epoch)
        self.time_machine.branch_requested.connect(self._branch_from)
        self.time_machine.latest_requested.connect(self._replay_latest)
        self.mnist = MnistSource(self, mnist_path)

        self.form_scroll = QScrollArea()
        self.form_scroll.setWidget(self.form)
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QScrollArea.NoFrame)
        self._fit_form_column()
        self.form.installEventFilter(self)      # its least width changes: measured again
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(0)
        left_layout.addWidget(self.controls)        # always in view: only the form scrolls
        left_layout.addWidget(self.form_scroll, 1)
        left.setMinimumWidth(240)
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.host)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([250, 1000])
        self.splitter.setChildrenCollapsible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        c = self.controls
        for button, slot in ((c.start_button, self.start), (c.pause_button, self.pause),
                             (c.resume_button, self.resume), (c.stop_button, self.stop),
                             (c.step_batch_button, self.step_batch),
                             (c.step_epoch_button, self.step_epoch),
                             (c.save_button, self.save_model_dialog),
                             (c.mnist_button, self.mnist.offer)):
            button.clicked.connect(slot)
        self.form.eta_edit.editingFinished.connect(self._on_eta_committed)
        self.form.validity_changed.connect(self._update_buttons)
        self.mnist.ready.connect(self._on_mnist_ready)
        self.mnist.message.connect(c.say)
        ctl = self.controller
        ctl.batch.connect(self._on_batch)
        ctl.epoch.connect(self._on_epoch)
        ctl.paused.connect(self._on_paused)
        ctl.data_loaded.connect(self._on_data_loaded)
        ctl.checkpoint_failed.connect(c.say)
        ctl.finished.connect(self._on_finished)
        session.model_changed.connect(self._on_model_changed)
        session.phase_changed.connect(self._on_phase_changed)

        self._schedule = DrawSchedule(self._update_progress, self._draw_curves_and_epoch,
                                      self._draw_heatmaps_and_epoch, self)

        self._update_data_size()
        if session.network is None:
            # no model yet (it is read once the window is on screen): empty curves; the
            # heatmaps are built for the first network shown, not for a guess
            self.plots.reset(len(self.form.current_sizes() or [784, 10]) - 1,
                             reference=self._reference_name())
        self._on_model_changed(session.model)
        self._update_buttons()

    # -- what the panel shows of the session ---------------------------------------------------

    @property
    def state(self):
        """The run's phase: "idle", "running", "paused", "stopping", "finished", "diverged"."""
        return self.session.state.phase.value

    @property
    def trained_network(self):
        """The network trained (or restored) here while it is the model in use, else None."""
        model = self.session.model
        return model.network if model.origin in ("run", "recovered") else None

    @property
    def has_unsaved_network(self):
        return self.session.state.has_unsaved

    @Slot(object)
    def _on_model_changed(self, model):
        self.form.set_model(model.network, self.session.label(model))
        if model.origin in ("file", "bundled", "none"):
            self._update_time_machine()     # a file saved with its epochs can be replayed
        if model.network is not None and not self.session.state.run_active \
                and model.origin != "run" and not model.trained_here:
            # (a network trained here and just saved keeps its run's curves and numbers)
            self.controls.clear_progress()  # the last run's numbers are not this model's
            self._show_network(model.network)
        self._update_buttons()

    def _fit_form_column(self):
        """The form's column at least as wide as the form (and its scroll bar): it scrolls up
        and down, never sideways."""
        bar = self.form_scroll.verticalScrollBar().sizeHint().width()
        self.form_scroll.setMinimumWidth(self.form.minimumSizeHint().width() + bar)

    def eventFilter(self, watched, event):
        # the form's least width changed (new words after a language switch, a field shown):
        # measured once its layout has settled, and not once the column is gone
        if watched is self.form and event.type() == QEvent.Type.LayoutRequest:
            QTimer.singleShot(0, self.form_scroll, self._fit_form_column)
        return super().eventFilter(watched, event)

    def retranslate(self):
        """The panel's own words: the Save button's tooltip (its parts retranslate
        themselves)."""
        self._update_buttons()
        model = self.session.model
        self.form.set_model_label(self.session.label(model))
        if len(self.session.snapshots):
            self.time_machine.set_budget_text(self._budget_text())

    @Slot(str)
    def _on_phase_changed(self, phase):
        self.form.set_running(self.session.state.run_active)
        self._update_time_machine()
        if phase == "stopping":
            self.controls.say(lambda: self.tr(
                "Stopping: the run ends once the mini-batch (or the evaluation) under way is "
                "done; what was learned is kept."))
        self._update_buttons()

    def _update_buttons(self, *_args):
        model = self.session.model
        net = self.trained_network
        tip = (self.tr("Nothing trained here yet") if net is None else
               self.tr("Save the network trained here: {0}, %n epoch(s)", "",
                       len(net.metadata.get("history", []))).format(describe_network(net)))
        self.controls.set_phase(self.state, valid=self.form.valid,
                                can_save=model.unsaved, save_tip=tip)

    def _show_network(self, net):
        """Plots and heatmaps of a network that is not training: its history and weights."""
        self.heatmaps.set_architecture(net.sizes)
        self.heatmaps.clear_gradients()
        self.heatmaps.set_mode(WEIGHTS)
        self.heatmaps.show_weights(tuple(net.weights))
        self.plots.reset(len(net.weights), reference=None)
        self.plots.show_history(net.metadata.get("history", []))
        self.host.rewatch()

    # -- set-up and data -----------------------------------------------------------------------

    def apply_preset(self, name):
        self.form.apply_preset(name)

    def settings(self):
        return self.form.settings()

    def set_settings(self, settings):
        self.form.set_settings(settings)

    def hold_drawing_while(self, predicate):
        """Put off the heavy draws (curves, heatmaps) while ``predicate()`` is true (the person
        is drawing on the canvas), a few ticks at most (see :mod:`.draw_schedule`)."""
        self._schedule.hold = predicate

    def set_personal_set(self, personal):
        """The person's own handwriting (a :class:`~desktop_bp.core.personal_set.PersonalSet`),
        which "my handwriting" mixes into the training images."""
        self._personal = personal

    def _mixed(self, training):
        """The training images, with the person's handwriting mixed in when asked."""
        from desktop_bp.core.personal_set import mix_for_finetuning
        personal = self._personal
        if not self.form.handwriting_check.isChecked() or personal is None or not len(personal):
            return training
        return mix_for_finetuning(training, personal.arrays(), self.form.handwriting_spin.value())

    def set_data(self, training, validation=None, test=None):
        """Use these ``(images, labels)`` pairs instead of MNIST from disk."""
        self._data = (training, validation, test)
        self._update_data_size()

    def _update_data_size(self):
        n = len(self._data[0][1]) if self._data is not None else MNIST_TRAINING_SIZE
        self.form.set_training_available(n)
        self.controls.mnist_button.setVisible(self._data is None and not self.mnist.available())

    def _reference_name(self):
        """The preset whose published accuracy trace fits these settings, or None."""
        settings = self.form.settings()
        if settings is None:
            return None
        for name in BOOK_REFERENCE:
            values = PRESETS.get(name)
            if values is None:
                continue
            if (list(settings.sizes) == list(values["sizes"])
                    and (settings.activation, settings.cost, settings.init)
                    == (values["activation"], values["cost"], values["init"])
                    and settings.eta == values["eta"]
                    and settings.batch_size == values["batch_size"]
                    and settings.lmbda == values.get("lmbda", 0.0)
                    and settings.momentum == values.get("momentum", 0.0)
                    and settings.eta_decay == values.get("eta_decay", 1.0)
                    and bool(settings.augment) == bool(values.get("augment"))):
                return name
        return None

    @Slot(str)
    def _on_mnist_ready(self, folder):
        self._update_data_size()
        if self._pending_start is not None:      # go on with the Start that asked for MNIST
            paused, self._pending_start = self._pending_start, None
            self.start(paused=paused)

    # -- commands ------------------------------------------------------------------------------

    @Slot()
    def start(self, paused=False):
        """Start training with the form's settings (``paused=True``: start paused, to step).
        Returns True when a run started."""
        if self.session.state.run_active:
            return False
        settings = self.form.settings()
        if settings is None:
            return False
        if self._data is None and not self.mnist.available():
            self._pending_start = bool(paused)
            self.mnist.offer()
            return False
        action = "continue" if settings.continue_training else "start"
        started = []
        self.session.confirm(action, self.tr("starting a new run"),
                             lambda: started.append(self._start_now(settings, paused)))
        return bool(started and started[0])

    def _start_now(self, settings, paused):
        recovery = self.session.recovery
        job = TrainingJob(network=None, settings=settings, checkpoints=recovery.enabled,
                          checkpoint_dir=recovery.directory)
        if self._data is not None:
            job.training, job.validation, job.test = self._data
            job.training = self._mixed(job.training)
        else:
            mixed, load = self._mixed, self.mnist.load

            def load_data():        # in the worker thread
                training, validation, test = load()
                return mixed(training), validation, test
            job.load_data = load_data
        model = self.session.model
        if settings.continue_training and model.network is not None:
            net = model.network.copy()
        else:
            try:
                net = settings.make_network()
            except (ValueError, MemoryError) as exc:
                QMessageBox.warning(self, self.tr("Cannot build this network"), str(exc))
                return False
        job.network = net
        self._run_first_epoch = len(net.metadata.get("history", []))
        self.session.snapshots.clear()
        self.session.snapshots.add_network(self._run_first_epoch, net)
        self.plots.set_cursor(None)
        self._pending_batch = self._pending_snapshot = self._pending_epoch = None
        self._pending_accuracy = self._published = None
        self._last_batch = None
        self.controls.clear_progress()
        self.plots.reset(len(net.weights), reference=self._reference_name(), live=True,
                         epochs=self._run_first_epoch + int(settings.epochs))
        self.plots.show_history(net.metadata.get("history", []))
        self.heatmaps.set_architecture(net.sizes)
        self.heatmaps.clear_gradients()
        self.heatmaps.set_mode(GRADIENTS)     # a run is about to produce them
        self.heatmaps.show_weights(tuple(net.weights))
        self.host.rewatch()
        self.clock.start()
        reading = job.load_data is not None
        self.controls.say(lambda: self.tr("Reading MNIST…") if reading else self.tr("Training…"))
        self.session.start_run(job, paused=paused, before_thread=self._paint_now)
        self._schedule.start()
        return True

    def _paint_now(self):
        """Lay out and paint the reset window before the training thread starts: painting holds
        the interpreter lock that thread needs. Only posted events (layouts, repaints) are
        handled here, no input."""
        app = QApplication.instance()
        if app is not None and self.isVisible():
            for _ in range(3):      # a layout done in one pass can ask for one more paint
                app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    @Slot()
    def pause(self):
        self.session.pause()

    @Slot()
    def resume(self):
        self.clock.resume()
        self.session.resume()
        self.controls.say(lambda: self.tr("Training…"))

    @Slot()
    def stop(self):
        self.session.stop_run()
        self.controls.say(lambda: self.tr(
            "Stopping: the run ends once the mini-batch (or the evaluation) under way is done; "
            "what was learned is kept."))

    @Slot()
    def step_batch(self):
        """Train one mini-batch, then pause (starts a paused run when idle)."""
        if not self.session.state.run_active and not self.start(paused=True):
            return
        self.clock.resume()
        self.session.step(1)

    @Slot()
    def step_epoch(self):
        """Train to the end of the current epoch, then pause."""
        if not self.session.state.run_active and not self.start(paused=True):
            return
        self.clock.resume()
        self.session.step(None)

    @Slot()
    def _on_eta_committed(self):
        if not self.session.state.run_active:
            return
        value, error, _ = parse_eta(self.form.eta_edit.text())
        if error is None:
            self.controller.set_eta(value)
            self.controls.say(lambda: self.tr("η is now {0:g}.").format(value))

    @Slot()
    def save_model_dialog(self):
        """Save the network trained here (the model in use) under a name the person picks."""
        if not self.session.model.unsaved:
            return None
        return self.session.model.path if self.session.save_as() else None

    def offer_recovery(self):
        """Offer the recovery file, once the window is shown; True when a run was restored."""
        cp = self.session.offer_recovery()
        if cp is None:
            return False
        self._after_restore(cp)
        return True

    def restore_checkpoint(self, cp=None):
        if cp is None or isinstance(cp, (str, Path)):
            cp = checkpoint_mod.load_checkpoint(cp)
        net = self.session.restore_checkpoint(cp)
        self._after_restore(cp)
        return net

    def _after_restore(self, cp):
        if cp.settings:
            self.form.set_settings(cp.settings)
        self.form.continue_radio.setChecked(True)
        # Continue finishes the run that was planned ("14 of 30 epochs": 16 more)
        self.form.epochs_spin.setValue(max(1, cp.epochs_planned - cp.epochs_done))
        self.controls.say(lambda: self.tr("Restored: {0}").format(checkpoint_summary(cp)))

    def shutdown(self, timeout_ms=5000):
        """Stop training and wait for the worker threads. True when none is left running."""
        self._schedule.stop()
        ok = self.mnist.shutdown(timeout_ms)
        return self.session.shutdown(timeout_ms) and ok

    # -- the worker's events (GUI thread): stored, drawn by the timer --------------------------

    @Slot(object)
    def _on_batch(self, ev):
        self._pending_batch = self._last_batch = ev
        if ev.snapshot is not None:
            self._pending_snapshot = ev.snapshot
        self.plots.add_batch(ev)

    @Slot(object)
    def _on_epoch(self, ev):
        self.session.record_epoch(ev)
        if ev.weights:
            self.session.snapshots.add_event(ev)
        self.plots.add_epoch(ev)
        # its accuracy shown at the next tick, with the counters; its weights at the next
        # heatmap tick (each repaint slows the training)
        self._pending_epoch = self._pending_accuracy = ev

    def _show_epoch(self):
        ev, self._pending_epoch = self._pending_epoch, None
        if ev is None:
            return
        if ev.weights:
            self.heatmaps.show_weights(ev.weights)
        self._publish_epoch(ev)
        self._show_accuracy()

    def _publish_epoch(self, ev=None):
        """The latest epoch's weights become the model in use (the canvas, the status bar),
        once each: at the curves' tick as well as the heatmaps', so that they are at most a
        second behind the progress box."""
        ev = self._pending_epoch if ev is None else ev
        if ev is None or ev is self._published or not ev.weights:
            return
        self._published = ev
        self.session.publish(ev.weights, ev.biases,
                             lambda: self.tr("epoch {0}").format(ev.epoch + 1), ev)

    def _draw_curves_and_epoch(self):
        self.plots.flush()
        self._publish_epoch()

    def _show_accuracy(self):
        ev, self._pending_accuracy = self._pending_accuracy, None
        if ev is not None:
            self.controls.show_accuracy(ev.epoch + 1, ev.validation_accuracy, ev.test_accuracy)

    @Slot(object)
    def _on_paused(self, ev):
        self.clock.pause()
        self._show_epoch()      # before the paused weights, which are newer
        between_epochs = ev.batch == 0 and ev.epoch > 0
        if between_epochs:
            where = self.tr("epoch {0}").format(ev.epoch)
            status = lambda: self.tr("Paused after epoch {0}.").format(ev.epoch)   # noqa: E731
        elif ev.batch == 0:
            where = self.tr("its start")
            status = lambda: self.tr("Paused before the first mini-batch.")      # noqa: E731
        else:
            where = self.tr("epoch {0}, mini-batch {1}").format(ev.epoch + 1, ev.batch)
            status = lambda: self.tr(                                           # noqa: E731
                "Paused in epoch {0}, after mini-batch {1}. The accuracy shown is the last "
                "finished epoch's.").format(ev.epoch + 1, ev.batch)
        self.session.publish(ev.weights, ev.biases, where, None, measured=between_epochs)
        self.heatmaps.show_weights(ev.weights)
        self.controls.say(status)
        settings = self.session.run_settings
        if settings is not None:
            total = self._run_first_epoch + int(settings.epochs)
            if self._last_batch is not None:
                batches = self._last_batch.batches
                if between_epochs:
                    self.controls.show_counters(ev.epoch, total, batches, batches)
                else:
                    self.controls.show_counters(ev.epoch + 1, total, ev.batch, batches)
        self._draw()

    @Slot(object)
    def _on_data_loaded(self, data):
        self._data = tuple(data)
        self._update_data_size()
        self.controls.say(lambda: self.tr("Training…"))

    @Slot(object)
    def _on_finished(self, ev):
        self._draw()
        self._schedule.stop()
        self.controls.show_time(self.clock.seconds())     # the run is over: no time left
        say = lambda: self._finished_message(ev)                                # noqa: E731
        if ev.reason == "diverged":
            self._after_divergence(ev)
            say = lambda: divergence_text(                                      # noqa: E731
                ev, self.session.label(self.session.model) if self.session.network else None)
        elif ev.reason == "error" and self.session.network is not None:
            self._show_network(self.session.network)    # the model in use, not an empty run
        elif ev.reason == "stopped":
            self._show_stopped_progress(ev)
        self.controls.say(say)
        self._update_buttons()
        if ev.reason == "diverged":
            QMessageBox.warning(self, self.tr("Training diverged"), say())

    def _finished_message(self, ev):
        if ev.reason == "completed":
            return self.tr("Trained %n epoch(s).", "", ev.epochs_done)
        return finished_message(ev, self._run_first_epoch)

    def _after_divergence(self, ev):
        self.plots.mark_divergence(self._run_first_epoch + ev.epochs_done
                                   + ev.batches_done / max(ev.batches, 1))
        # the exploding steps' gradients mean nothing: show the weights kept
        self.heatmaps.set_mode(WEIGHTS)
        self.heatmaps.clear_gradients()
        net = self.session.network
        if net is not None:         # the run's last good epoch, or the model used before it
            self.heatmaps.set_architecture(net.sizes)
            self.heatmaps.show_weights(tuple(net.weights))

    def say_divergence(self, message):
        """The engine's explanation of a divergence in the window's language."""
        return say_divergence(message)

    def _show_stopped_progress(self, ev):
        """After Stop: the Progress box shows the last mini-batch actually trained."""
        settings = self.session.run_settings
        if settings is None:
            return
        n = settings.training_size
        if self._data is not None:
            n = min(n, len(self._data[0][1]))
        batches = max(1, -(-int(n) // max(int(settings.batch_size), 1)))
        total = self._run_first_epoch + int(settings.epochs)
        epoch = self._run_first_epoch + ev.epochs_done + 1      # counted from 1
        batch = 0
        counted = ev.batches_done > 0
        if counted:
            batch, batches = ev.batches_done, ev.batches
        elif self._last_batch is not None and self._last_batch.epoch + 1 == epoch:
            batch = self._last_batch.batch
        if batch == 0 and ev.epochs_done > 0 and not counted:
            epoch, batch = epoch - 1, batches
        self.controls.show_counters(epoch, total, batch, batches)

    # -- drawing (throttled) -------------------------------------------------------------------

    @Slot()
    def _draw(self):
        self.plots.flush()
        self._update_progress()
        self._draw_heatmaps()
        self._show_epoch()

    def _draw_heatmaps_and_epoch(self):
        self._draw_heatmaps()
        self._show_epoch()      # the epoch's weights: heatmaps, the prediction, the title

    def _update_progress(self):
        self._show_accuracy()
        if self._pending_snapshot is not None and self.heatmaps.blank():
            self._draw_heatmaps()       # a run's first gradients: not blank until their turn
        ev, self._pending_batch = self._pending_batch, None
        settings = self.session.run_settings
        if ev is not None:
            self.controls.show_progress(ev, ev.epochs)
            total = max(int(settings.epochs), 1) if settings else 1
            done = ev.epoch - self._run_first_epoch + ev.batch / max(ev.batches, 1)
            self.clock.progress(min(1.0, done / total))
        if self.clock.started:
            running = self.session.state.phase.value == "running"
            self.controls.show_time(self.clock.seconds(),
                                    self.clock.time_left if running else None)

    def _draw_heatmaps(self):
        snapshot, self._pending_snapshot = self._pending_snapshot, None
        if snapshot is not None:
            self.heatmaps.show_snapshot(snapshot)

    # -- the epoch time machine ----------------------------------------------------------------

    def _update_time_machine(self):
        tm = self.time_machine
        active = self.session.state.run_active
        tm.set_kept_epochs(self.session.snapshots.epochs, self.session.run_went_on())
        tm.setEnabled(not active and len(self.session.snapshots) > 1)
        tm.setVisible(len(self.session.snapshots) > 1)
        if len(self.session.snapshots):
            tm.set_budget_text(self._budget_text())

    def _budget_text(self):
        """What the time machine keeps, in the window's language (the words of
        ``EpochSnapshots.describe``)."""
        s = self.session.snapshots
        each = s.used_bytes // len(s)
        unit = f"{each / 2**10:.0f} KB" if each < 2**20 else f"{each / 2**20:.1f} MB"
        return self.tr("%n epoch(s) kept. {capacity:,} epochs of {arch} ({each} each) fit in "
                       "{budget:.0f} MB; past that, every k-th epoch and the latest are kept",
                       "", len(s)).format(capacity=s.capacity(), arch="-".join(map(str, s.sizes)),
                                          each=unit, budget=s.budget / 2**20)

    def network_at(self, epoch):
        """The last run's network after ``epoch`` (0: its start), with its history so far."""
        template = self.session.run_template()
        if template is None:
            return None
        net = self.session.snapshots.network_at(epoch, template)
        net.metadata["history"] = list(self.session.run_history[:epoch])
        self.session.annotate(net)
        return net

    @Slot(int)
    def _replay_epoch(self, epoch):
        """The time machine moved: that epoch's weights are in use, on the canvas, in the
        heatmaps and the microscope, with a cursor on the curves."""
        if self.session.state.run_active or epoch not in self.session.snapshots.epochs:
            return
        self.controls.leave_branch()    # a branch point shown before is no longer in use
        net = self.network_at(epoch)
        if net is None:
            return
        self.session.state.replay(net, self.tr("epoch {0} of the last run").format(epoch))
        self.heatmaps.set_mode(WEIGHTS)
        self.heatmaps.show_weights(tuple(net.weights))
        self.plots.set_cursor(epoch)

    @Slot(int)
    def _branch_from(self, epoch):
        """Continue training from an earlier epoch: it becomes the model in use, and Start
        trains it further (the later epochs are left behind)."""
        self._replay_epoch(epoch)
        self.form.continue_radio.setChecked(True)
        history = self.session.run_history      # the Progress box: the branch, not the old run
        self.controls.show_branch_point(epoch, history[epoch - 1] if epoch > 0 else None)
        self.controls.say(lambda: self.tr(
            "Epoch {0} is the model in use: press Start to train it further from there.")
            .format(epoch))

    @Slot()
    def _replay_latest(self):
        self.controls.leave_branch()
        end = self.session.run_end
        if end is not None and not self.session.state.run_active:
            # the network the run ended with, not its last epoch's (stopped within an epoch,
            # it has learned more than that)
            net, label = end
            self.session.state.replay(net, label)
            self.heatmaps.show_weights(tuple(net.weights))
            self.plots.set_cursor(None)
        elif self.session.snapshots.latest is not None:
            self._replay_epoch(self.session.snapshots.latest)
            self.plots.set_cursor(None)

    def closeEvent(self, event):
        """When the panel is a window of its own: stop training first."""
        self.shutdown()
        super().closeEvent(event)
