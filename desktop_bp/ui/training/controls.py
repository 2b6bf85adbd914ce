"""The run controls and the progress: buttons, counters, time and time left, messages.

:class:`RunControls` shows what it is told (:meth:`RunControls.set_phase`,
:meth:`RunControls.show_progress`, ...) and emits the buttons' ``clicked`` signals, which the panel
connects. :class:`RunClock` measures a run's time without its pauses and estimates the time left
from the run's own progress on this machine (never from a figure written in the code).
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, Qt
from PySide6.QtWidgets import (QGridLayout, QGroupBox, QLabel, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from desktop_bp.core.run_config import format_eta
from desktop_bp.ui.i18n import Retranslating

MESSAGE_LINES = 5                   # the status and validation messages' box, in lines
MIN_PROGRESS_FOR_ESTIMATE = 0.005   # of the run, before a time left is estimated


def format_seconds(seconds):
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def format_clock(seconds):
    """Seconds as a short clock reading: "0:42", "1:44", "1:02:05"."""
    seconds = int(round(seconds))
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}:{seconds:02d}"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}"


class RunClock:
    """Seconds since a run's start, pauses excluded, and the time left at the rate measured
    since the run's first progress report (reading MNIST before it, or single steps, would
    make a wild estimate)."""

    def __init__(self):
        self._timer = QElapsedTimer()
        self._paused_ms = 0
        self._pause_started = None
        self._origin = None
        self.time_left = None

    def start(self):
        self._timer.start()
        self._paused_ms = 0
        self._pause_started = None
        self._origin = None
        self.time_left = None

    @property
    def started(self):
        return self._timer.isValid()

    def pause(self):
        if self._pause_started is None and self._timer.isValid():
            self._pause_started = self._timer.elapsed()

    def resume(self):
        if self._pause_started is not None:
            self._paused_ms += self._timer.elapsed() - self._pause_started
            self._pause_started = None

    def seconds(self):
        if not self._timer.isValid():
            return 0.0
        ms = self._timer.elapsed() - self._paused_ms
        if self._pause_started is not None:
            ms -= self._timer.elapsed() - self._pause_started
        return max(0.0, ms / 1000.0)

    def progress(self, fraction):
        """The run is ``fraction`` done: update :attr:`time_left` (seconds, or None)."""
        elapsed = self.seconds()
        if self._origin is None:
            self._origin = (elapsed, fraction)
        t0, f0 = self._origin
        if fraction - f0 >= MIN_PROGRESS_FOR_ESTIMATE and elapsed - t0 >= 0.5:
            self.time_left = (elapsed - t0) * (1 - fraction) / (fraction - f0)


class RunControls(Retranslating, QWidget):
    """Start, Pause, Resume, Stop, Step batch, Step epoch, Save trained model, Get MNIST; the
    Progress box; the messages (status above the form's validation)."""

    def __init__(self, validation_label, parent=None):
        super().__init__(parent)
        self._before_branch = None      # what the box showed before a branch point, if one is
        top = QVBoxLayout(self)
        top.setContentsMargins(6, 6, 6, 0)
        top.setSpacing(4)
        buttons = QGridLayout()
        self.start_button = QPushButton()
        self.pause_button = QPushButton()
        self.resume_button = QPushButton()
        self.stop_button = QPushButton()
        self.step_batch_button = QPushButton()
        self.step_epoch_button = QPushButton()
        for i, button in enumerate((self.start_button, self.pause_button, self.resume_button,
                                    self.stop_button, self.step_batch_button,
                                    self.step_epoch_button)):
            buttons.addWidget(button, i // 2, i % 2)
        self.save_button = QPushButton()
        buttons.addWidget(self.save_button, 3, 0, 1, 2)
        self.mnist_button = QPushButton()
        buttons.addWidget(self.mnist_button, 4, 0, 1, 2)
        top.addLayout(buttons)

        self.progress_group = progress = QGroupBox()
        grid = QGridLayout(progress)
        grid.setVerticalSpacing(2)
        self.epoch_label = QLabel("–")
        self.batch_label = QLabel("–")
        self.elapsed_label = QLabel("–")
        self.cost_label = QLabel("–")
        self.accuracy_label = QLabel("–")
        self.accuracy_label.setWordWrap(True)
        # room for two lines ("epoch 3: val. 97.12%, test 97.30%"): the form does not move
        self.accuracy_label.setMinimumHeight(2 * self.fontMetrics().lineSpacing())
        self.accuracy_label.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        self._row_labels = []       # the names of the Progress rows, named in retranslate()
        for row, label in enumerate((self.epoch_label, self.batch_label, self.elapsed_label,
                                     self.cost_label, self.accuracy_label)):
            name = QLabel()
            self._row_labels.append(name)
            grid.addWidget(name, row, 0, Qt.AlignLeft | Qt.AlignTop)
            grid.addWidget(label, row, 1)
        grid.setColumnStretch(1, 1)
        top.addWidget(progress)

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.validation_label = validation_label
        # The status and the validation messages share an area of fixed height that scrolls
        # when they are long: messages appearing as one types must not push anything down.
        messages = QWidget()
        layout = QVBoxLayout(messages)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.status_label)
        layout.addWidget(validation_label)
        layout.addStretch(1)
        self.message_area = QScrollArea()
        self.message_area.setWidget(messages)
        self.message_area.setWidgetResizable(True)
        self.message_area.setFrameShape(QScrollArea.StyledPanel)
        self.message_area.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        line = self.fontMetrics().lineSpacing()
        self.message_area.verticalScrollBar().setSingleStep(line)
        self.message_area.setFixedHeight(MESSAGE_LINES * line
                                         + 2 * self.message_area.frameWidth())
        top.addWidget(self.message_area)
        self.retranslate()

    def say(self, text):
        """Show a status message. A callable (returning the text) is asked again when the
        language changes, so that the message follows it; a plain text stays as written."""
        self._say = text if callable(text) else None
        self.status_label.setText(text() if callable(text) else text)

    def _shown(self, name, *args):
        """Remember what a counter shows, to show it again in another language."""
        self._numbers[name] = args

    def retranslate(self):
        """The fixed texts in the current language, and the counters and the status message
        shown again in it."""
        numbers = getattr(self, "_numbers", {})
        self._numbers = {}
        for name, args in list(numbers.items()):
            getattr(self, name)(*args)
        say = getattr(self, "_say", None)
        if say is not None:
            self.status_label.setText(say())
        for button, text, tip in (
                (self.start_button, self.tr("Start"), self.tr("Train with these settings")),
                (self.pause_button, self.tr("Pause"), ""),
                (self.resume_button, self.tr("Resume"), ""),
                (self.stop_button, self.tr("Stop"),
                 self.tr("Stop after the current mini-batch; what was learned is kept")),
                (self.step_batch_button, self.tr("Step batch"),
                 self.tr("Train one mini-batch, then pause")),
                (self.step_epoch_button, self.tr("Step epoch"),
                 self.tr("Train to the end of this epoch, then pause")),
                (self.mnist_button, self.tr("Get MNIST…"),
                 self.tr("Download MNIST or choose the folder that holds it"))):
            button.setText(text)
            button.setToolTip(tip)
        self.save_button.setText(self.tr("Save trained model…"))     # its tooltip: set_phase
        self.progress_group.setTitle(self.tr("Progress"))
        names = (self.tr("Epoch"), self.tr("Mini-batch"), self.tr("Time"), self.tr("Cost"),
                 self.tr("Accuracy"))
        for label, name in zip(self._row_labels, names):
            label.setText(self.tr("{0}:").format(name))

    def set_phase(self, phase, *, valid, can_save, save_tip=""):
        """Enable what ``phase`` (a :class:`~desktop_bp.ui.state.Phase` value) allows."""
        startable = phase in ("idle", "finished", "diverged") and valid
        self.start_button.setEnabled(startable)
        self.pause_button.setEnabled(phase == "running")
        self.resume_button.setEnabled(phase == "paused")
        self.stop_button.setEnabled(phase in ("running", "paused"))
        self.step_batch_button.setEnabled(phase == "paused" or startable)
        self.step_epoch_button.setEnabled(phase == "paused" or startable)
        self.save_button.setEnabled(can_save and phase not in ("running", "stopping"))
        self.save_button.setToolTip(save_tip)

    def clear_progress(self):
        for label in (self.epoch_label, self.batch_label, self.elapsed_label, self.cost_label,
                      self.accuracy_label):
            label.setText("–")
        self._numbers = {}
        self._before_branch = None
        self.say("")

    def show_progress(self, ev, epochs_total):
        """A BatchEvent's counters: epoch and mini-batch of the run, cost and η."""
        self._shown("show_progress", ev, epochs_total)
        self.epoch_label.setText(self.tr("{0} of {1}").format(ev.epoch + 1, epochs_total))
        self.batch_label.setText(self.tr("{0} of {1}").format(ev.batch, ev.batches))
        self.cost_label.setText(f"{ev.cost:.3g} (η = {format_eta(ev.eta)})")

    def show_counters(self, epoch, epochs_total, batch, batches):
        self._shown("show_counters", epoch, epochs_total, batch, batches)
        self.epoch_label.setText(self.tr("{0} of {1}").format(epoch, epochs_total))
        self.batch_label.setText(self.tr("{0} of {1}").format(batch, batches))

    def show_branch_point(self, epoch, record=None):
        """After "Branch from here": the new run's state, ``epoch`` epochs done, none of its
        own yet; ``record`` is the history entry of that epoch (None for the start).
        :meth:`leave_branch` shows again what the box showed before."""
        if self._before_branch is None:
            self._before_branch = (dict(self._numbers), getattr(self, "_say", None),
                                   self.status_label.text())
        for label in (self.elapsed_label, self.cost_label, self.accuracy_label):
            label.setText("–")
        self._numbers = {}
        self._shown("show_branch_point", epoch, record)
        self.epoch_label.setText(self.tr("{0} (branched)").format(epoch))
        self.batch_label.setText(self.tr("none yet"))
        record = record or {}
        if record.get("training_cost") is not None:
            self.cost_label.setText(self.tr("after epoch {0}: {1:.3g}").format(
                epoch, record["training_cost"]))
        if any(record.get(k) is not None for k in ("validation_accuracy", "test_accuracy")):
            self.show_accuracy(epoch, record.get("validation_accuracy"),
                               record.get("test_accuracy"))

    def leave_branch(self):
        """Back from a branch point (the time machine moved on, or "Latest"): the box and the
        message show the run's end again, as before :meth:`show_branch_point`."""
        memory = self._before_branch
        if memory is None:
            return
        numbers, say, text = memory
        self.clear_progress()
        for name, args in numbers.items():
            getattr(self, name)(*args)
        self.say(say if say is not None else text)

    def show_time(self, seconds, time_left=None):
        self._shown("show_time", seconds, time_left)
        text = format_seconds(seconds)
        if time_left is not None:
            text = self.tr("{0}, ≈ {1} left").format(text, format_clock(time_left))
        self.elapsed_label.setText(text)

    def show_accuracy(self, epoch, validation, test):
        """The accuracy measured after ``epoch`` (counted from 1), named as such: paused
        weights are newer and were not measured."""
        self._shown("show_accuracy", epoch, validation, test)
        parts = []
        if validation is not None:
            parts.append(self.tr("val. {0:.2f}%").format(100 * validation))
        if test is not None:
            parts.append(self.tr("test {0:.2f}%").format(100 * test))
        self.accuracy_label.setText(
            self.tr("after epoch {0}: {1}").format(epoch, self.tr(", ").join(parts))
            if parts else "–")
