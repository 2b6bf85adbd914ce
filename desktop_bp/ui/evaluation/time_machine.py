"""The epoch time machine's slider: replay a run epoch by epoch, and branch from any of them.

The widget only chooses an epoch; the weights come from
:class:`desktop_bp.core.snapshots.EpochSnapshots` (``network_at(epoch)``), which the training page hands
to the heatmaps, the plots' cursor, the canvas's prediction and the microscope.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QLabel, QPushButton, QSlider, QVBoxLayout, QWidget

from desktop_bp.ui.i18n import Retranslating
from desktop_bp.ui.wrapping_row import WrappingRow


class TimeMachineSlider(Retranslating, QWidget):
    """Public API: :meth:`set_epochs` (``n`` epochs done: 0 = the start, ..., n), or
    :meth:`set_kept_epochs` (only some kept, past the memory budget), :meth:`set_epoch`,
    :meth:`epoch`, :meth:`set_budget_text`.

    Signals: ``epoch_chosen(int)`` (the slider moved to a kept epoch), ``branch_requested(int)``
    (continue training from that epoch), ``latest_requested()`` (back to the newest weights).
    """

    epoch_chosen = Signal(int)
    branch_requested = Signal(int)
    latest_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._kept = []
        self._went_on = None
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.slider.setPageStep(1)
        self.label = QLabel()
        self.label.setMinimumWidth(150)
        self.branch_button = QPushButton()
        self.latest_button = QPushButton()
        self.title = QLabel()
        self._budget = ""
        self.slider.valueChanged.connect(self._on_value_changed)
        self.branch_button.clicked.connect(self._on_branch)
        self.latest_button.clicked.connect(self._on_latest)

        # in a narrow window the buttons go on a line of their own
        self.row = WrappingRow([self.title, (self.slider, 1), self.label],
                               [self.latest_button, self.branch_button])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.row)
        self.set_kept_epochs([])
        self.retranslate()

    def retranslate(self):
        self.title.setText(self.tr("Time machine:"))
        self.branch_button.setText(self.tr("Branch from here"))
        self.branch_button.setToolTip(self.tr("Continue training from the weights of this "
                                              "epoch; the later epochs are left behind"))
        self.latest_button.setText(self.tr("Latest"))
        self._update_label()

    def set_epochs(self, n):
        """``n`` epochs done, every one kept (0 = before training)."""
        self.set_kept_epochs(list(range(0, int(n) + 1)) if n >= 0 else [])

    def set_kept_epochs(self, epochs, went_on=None):
        """The epochs whose weights are kept, ascending (the slider steps through them);
        ``went_on``: the epoch (from 1) the run stopped within, past the last kept one, if it
        did. Then "Latest" (the weights the run stopped with) stays offered at the last
        kept epoch too, and the label says so."""
        at_end = not self._kept or self.slider.value() == len(self._kept) - 1
        self._went_on = went_on
        self._kept = sorted(int(e) for e in epochs)
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(len(self._kept) - 1, 0))
        if at_end:
            self.slider.setValue(max(len(self._kept) - 1, 0))
        self.slider.blockSignals(False)
        self.slider.setEnabled(len(self._kept) > 1)
        self._update_label()

    def kept_epochs(self):
        return list(self._kept)

    def epoch(self):
        """The epoch the slider is on, or None when nothing is kept."""
        return self._kept[self.slider.value()] if self._kept else None

    def set_epoch(self, epoch):
        """Move to ``epoch`` (the nearest kept one at or before it); emits ``epoch_chosen``."""
        if not self._kept:
            return
        index = max([i for i, e in enumerate(self._kept) if e <= epoch] or [0])
        self.slider.setValue(index)

    def set_budget_text(self, text):
        """What is kept, e.g. :meth:`desktop_bp.core.snapshots.EpochSnapshots.describe`'s
        sentence: the tooltip of the title, slider and epoch (on the line itself, its two
        lines pushed the plots and heatmaps below the window's edge)."""
        self._budget = text
        for widget in (self.title, self.slider, self.label):
            widget.setToolTip(text)

    def budget_text(self):
        return self._budget

    @Slot(int)
    def _on_value_changed(self, index):
        self._update_label()
        if self._kept:
            self.epoch_chosen.emit(self._kept[index])

    @Slot()
    def _on_branch(self):
        if self._kept:
            self.branch_requested.emit(self.epoch())

    @Slot()
    def _on_latest(self):
        if self._kept:
            self.slider.setValue(len(self._kept) - 1)
        self.latest_requested.emit()

    def _update_label(self):
        if not self._kept:
            self.label.setText(self.tr("no epochs kept"))
        elif self.epoch() == 0:
            self.label.setText(self.tr("the start (of {0})").format(self._kept[-1]))
        else:
            self.label.setText(self.tr("epoch {0} of {1}").format(self.epoch(), self._kept[-1]))
        latest = bool(self._kept) and self.slider.value() == len(self._kept) - 1
        if latest and self._went_on is not None:
            self.label.setText(self.tr("epoch {0}; stopped in {1}").format(
                self._kept[-1], self._went_on))
        self.branch_button.setEnabled(bool(self._kept) and not latest)
        self.latest_button.setEnabled(bool(self._kept) and (not latest
                                                            or self._went_on is not None))
