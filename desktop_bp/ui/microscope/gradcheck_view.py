"""Why backprop is fast: the gradient check of a loaded network, run in a worker thread.

The worker calls :func:`desktop_bp.core.microscope.gradient_check` (all weights of a small
network, a stated random sample of a large one) and only emits: progress, the report, or an
error message. The view shows the per-layer relative errors against a pass mark and a bar chart
of one backward pass against finite differences for every weight (log scale).
"""

from __future__ import annotations

import math
import threading

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QSize, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_bp.core.microscope import gradient_check
from desktop_bp.ui.i18n import Retranslating
from desktop_bp.ui.microscope.help import view_help
from desktop_bp.ui.words import describe_network

#: Relative errors (float64, central differences): below PASS_MARK backprop and the finite
#: differences agree to every digit the differences can give; up to FAIL_MARK they still agree,
#: the differences themselves being that far off when the gradients are tiny (saturated
#: neurons) or pass a ReLU kink; a mistake in backprop gives 1e-2 or more.
PASS_MARK = 1e-7
FAIL_MARK = 1e-4
SAMPLE = 200            # entries per weight matrix / bias vector checked in a large network


#: The bar chart's least height: with the table and the summary above, the page fits a window
#: 800 pixels high without scrolling.
CHART_MIN_HEIGHT = 150


class _TimeChart(pg.PlotWidget):
    """The bar chart, asking for a modest height: the page is in a scroll area, which makes it
    as tall as its parts ask (a plot asks for 448 pixels), and the chart takes what is left."""

    def sizeHint(self):
        return QSize(400, 2 * CHART_MIN_HEIGHT)


class _CompactTable(QTableWidget):
    """The per-layer table, asking for the height of its rows (a few layers), not 192 pixels."""

    def sizeHint(self):
        hint = super().sizeHint()
        rows = max(2, self.rowCount())
        height = (self.horizontalHeader().sizeHint().height()
                  + rows * self.verticalHeader().defaultSectionSize() + 2 * self.frameWidth())
        return QSize(hint.width(), height)

    def minimumSizeHint(self):
        return QSize(super().minimumSizeHint().width(), min(self.sizeHint().height(), 90))


class GradientCheckWorker(QObject):
    """Runs one check; lives in a QThread. ``progress(int, int)`` done and total entries,
    ``finished(object)`` the report (``cancelled`` set when stopped), ``failed(str)``."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, net, x, target, sample=SAMPLE, full_below=50_000):
        super().__init__()
        self.net = net.copy()           # the check works on its own copy of the weights
        self.x = np.array(x, dtype=np.float64)
        self.target = target
        self.sample = sample
        self.full_below = full_below
        self._stop = threading.Event()

    def stop(self):
        self._stop.set()

    @Slot()
    def run(self):
        try:
            report = gradient_check(self.net, self.x, self.target, sample=self.sample,
                                    full_below=self.full_below,
                                    progress=lambda done, total: self.progress.emit(done, total),
                                    cancelled=self._stop.is_set)
        except Exception as exc:        # a real bug: the user gets a message, not silence
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.finished.emit(report)


class GradientCheckView(Retranslating, QWidget):
    """:meth:`set_network` and :meth:`set_input` give what to check; :meth:`start` (the "Run"
    button) runs it in a worker thread, :meth:`cancel` stops it. ``finished(object)`` carries
    the report."""

    finished = Signal(object)

    def __init__(self, net=None, parent=None):
        super().__init__(parent)
        self._net = net
        self._x = None
        self._target = 0
        self.report = None
        self._thread = None
        self._worker = None
        self.sample = SAMPLE
        self.full_below = 50_000
        self._failure = None            # the message of a check that failed
        self.run_button = QPushButton()
        self.run_button.clicked.connect(self.start)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1)
        self.progress_bar.setValue(0)
        self.help_button = QToolButton()
        self.help_button.setCheckable(True)
        self.help_label = QLabel()
        self.help_label.setWordWrap(True)
        self.help_label.setTextFormat(Qt.TextFormat.RichText)
        self.help_label.setStyleSheet("background: #fffbe6; border: 1px solid #e0d8a8; padding: 6px")
        self.help_label.hide()
        self.help_button.toggled.connect(self.help_label.setVisible)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.table = _CompactTable(0, 6)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.chart = _TimeChart(background="w")
        self.chart.setMenuEnabled(False)
        self.chart.setMouseEnabled(False, False)
        self.chart.hideButtons()
        self.chart.setMinimumHeight(CHART_MIN_HEIGHT)
        self.chart.hide()           # until a check has times to show (no empty log axis)
        self.bars = pg.BarGraphItem(x=[0, 1], height=[0, 0], width=0.6,
                                    brushes=[pg.mkBrush("#2a7ab8"), pg.mkBrush("#c8452c")])
        self.chart.addItem(self.bars)
        self.bar_labels = [pg.TextItem(color="#222", anchor=(0.5, 1.0)) for _ in range(2)]
        for label in self.bar_labels:
            self.chart.addItem(label)
        for name in ("left", "bottom"):
            axis = self.chart.getAxis(name)
            axis.setPen(pg.mkPen("#444"))
            axis.setTextPen(pg.mkPen("#222"))
        top = QHBoxLayout()
        top.addWidget(self.run_button)
        top.addWidget(self.cancel_button)
        top.addWidget(self.progress_bar, 1)
        top.addWidget(self.help_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.help_label)
        layout.addWidget(self.status)
        layout.addWidget(self.table)
        layout.addWidget(self.chart, 1)
        self.retranslate()

    def retranslate(self):
        """Every fixed text in the current language, and the report shown (if any) again; the
        "Checking…" line of a check under way is set again when it ends."""
        self.run_button.setText(self.tr("Run the gradient check"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.help_button.setText(self.tr("What am I seeing?"))
        self.help_label.setText(view_help("gradcheck"))
        self.table.setHorizontalHeaderLabels([
            self.tr("layer"), self.tr("weights"), self.tr("checked"),
            self.tr("error in w"), self.tr("error in b"), self.tr("verdict")])
        self.chart.setTitle(self.tr("time (log scale)"), color="#222", size="9pt")
        self.chart.getAxis("bottom").setTicks([[(0, self.tr("one backward pass")),
                                                (1, self.tr("finite differences, all weights"))]])
        self._show_outcome()

    def _show_outcome(self):
        """The last check's outcome, or what a check does (a running check says its progress)."""
        if self.running:
            return
        if self._failure is not None:
            self._on_failed(self._failure)
        elif self.report is not None:
            self.show_report(self.report)
        else:
            self.status.setText(self.tr("Backprop against finite differences, in float64."))

    def set_network(self, net):
        """Check ``net`` from now on; the figures of another network's check are cleared."""
        if net is self._net:
            return
        self._net = net
        self.report = None
        self._failure = None
        self.table.setRowCount(0)
        self.chart.hide()
        if not self.running:
            self.progress_bar.setRange(0, 1)
            self.progress_bar.setValue(0)       # no full bar of another network's check
        self._show_outcome()

    def set_input(self, x, target):
        """The input(s) (784,) or (n, 784) and target digit(s) the check uses (None: the
        digit(s) the network predicts)."""
        self._x = None if x is None else np.array(x, dtype=np.float64)
        self._target = target

    @property
    def running(self):
        return self._thread is not None

    @Slot()
    def start(self):
        """Start the check (with a random input when none was given)."""
        if self._net is None or self.running:
            return
        x = self._x
        if x is None:
            x = np.random.default_rng(0).random(self._net.sizes[0])
        target = self._target
        if target is None:
            predicted = self._net.predict(np.atleast_2d(x))
            target = predicted if np.ndim(x) > 1 else int(predicted[0])
        self.report = None
        self._failure = None
        self.table.setRowCount(0)
        n = self._net.num_parameters
        how = (self.tr("every one of the {n:,} weights and biases").format(n=n)
               if n < self.full_below else
               self.tr("a random sample of {s} entries of each weight matrix and bias vector "
                       "(of {n:,} parameters); the time for all is extrapolated").format(
                   s=self.sample, n=n))
        self.status.setText(self.tr("Checking {how} of {arch}…").format(
            how=how, arch=describe_network(self._net)))
        # both Python-owned, released in _on_thread_done once the thread has ended: a C++
        # deletion (a parent, deleteLater) racing the Python wrappers crashes PySide
        self._thread = QThread()
        self._worker = GradientCheckWorker(self._net, x, target, self.sample, self.full_below)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self._on_progress)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self._worker.finished.connect(self._thread.quit)
        self._worker.failed.connect(self._thread.quit)
        self._thread.finished.connect(self._on_thread_done)
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress_bar.setRange(0, 0)
        self._thread.start()

    @Slot()
    def cancel(self):
        if self._worker is not None:
            self._worker.stop()
            self.cancel_button.setEnabled(False)

    @Slot(int, int)
    def _on_progress(self, done, total):
        self.progress_bar.setRange(0, total)
        self.progress_bar.setValue(done)

    @Slot(object)
    def _on_finished(self, report):
        self.report = report
        self.show_report(report)
        self.finished.emit(report)

    @Slot(str)
    def _on_failed(self, message):
        self._failure = message
        self.status.setText(self.tr("The gradient check failed: {message}").format(message=message))

    @Slot()
    def _on_thread_done(self):
        thread = self._thread
        if thread is not None:
            thread.wait()       # returns at once: the thread has ended
        self._thread = self._worker = None
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        if self.progress_bar.maximum() == 0:
            self.progress_bar.setRange(0, 1)

    def show_report(self, report):
        """Fill the table, the chart and the summary from a GradcheckReport."""
        self.table.setRowCount(len(report.layers))
        self.table.updateGeometry()     # its height follows its rows
        for r, c in enumerate(report.layers):
            error = max(c.weight_error, c.bias_error)
            ok = error < FAIL_MARK
            verdict = (self.tr("pass (< 1e-7)") if error < PASS_MARK else
                       self.tr("pass (< 1e-4)") if ok else self.tr("FAIL (≥ 1e-4)"))
            cells = (str(c.layer + 2), f"{c.shape[0]}×{c.shape[1]}",
                     f"{c.checked:,} / {c.parameters:,}", f"{c.weight_error:.2e}",
                     f"{c.bias_error:.2e}", verdict)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 5:
                    item.setForeground(pg.mkColor("#1a7f37" if ok else "#b00020"))
                self.table.setItem(r, col, item)
        backprop, all_fd = report.backprop_seconds, report.finite_difference_all_seconds
        if report.cancelled:
            head = self.tr("Cancelled after {n:,} of the entries.").format(n=report.checked)
        elif report.passed(PASS_MARK):
            head = self.tr("<b>Passed</b>: the largest relative error is {e:.1e}.").format(
                e=report.max_error)
        elif report.passed(FAIL_MARK):
            head = self.tr("<b>Passed</b>: the largest relative error is {e:.1e}, below 1e-4 "
                           "(a mistake in backprop gives 1e-2 or more). Above 1e-7 the finite "
                           "differences themselves are off: the gradients are tiny (saturated "
                           "neurons) or pass a ReLU kink.").format(e=report.max_error)
        else:
            head = self.tr("<b>Failed</b>: the largest relative error is {e:.1e}.").format(
                e=report.max_error)
        how = (self.tr("measured") if not report.sampled
               else self.tr("extrapolated from {n:,} checked entries").format(n=report.checked))
        self.status.setText(self.tr(
            "{head} One backward pass: {bp}. One forward pass: {fw}. Finite differences for all "
            "{n:,} parameters: {fd} ({how}), {ratio:,.0f} times one backward pass.").format(
            head=head, bp=_duration(backprop), fw=_duration(report.forward_seconds),
            n=report.parameters, fd=_duration(all_fd), how=how,
            ratio=all_fd / max(backprop, 1e-12)))
        self._draw_bars(backprop, all_fd)

    def _draw_bars(self, backprop, finite):
        values = [max(backprop, 1e-9), max(finite, 1e-9)]
        logs = [math.log10(v) for v in values]
        floor = math.floor(min(logs)) - 1
        self.bars.setOpts(x=[0, 1], y0=[floor, floor], height=[v - floor for v in logs], width=0.6)
        top = math.ceil(max(logs)) + 1
        self.chart.setYRange(floor, top, padding=0)
        self.chart.setXRange(-0.6, 1.6, padding=0)
        self.chart.show()
        self.chart.getAxis("left").setTicks([[(k, _duration(10.0 ** k)) for k in range(floor, top + 1)]])
        for label, x, v, lg in zip(self.bar_labels, (0, 1), values, logs):
            label.setText(_duration(v))
            label.setPos(x, lg + 0.35)

    def bar_values(self):
        """The two bars' heights as seconds (for tests)."""
        opts = self.bars.opts
        return [10.0 ** (y0 + h) for y0, h in zip(opts["y0"], opts["height"])]

    def closeEvent(self, event):
        self.stop_and_wait()
        super().closeEvent(event)

    def stop_and_wait(self, timeout_ms=5000):
        """Ask a running check to stop and wait for its thread (at most ``timeout_ms``)."""
        if self._thread is not None:
            self.cancel()
            self._thread.quit()
            self._thread.wait(timeout_ms)


def _duration(seconds):
    """A time as a short text: 35 µs, 1.2 ms, 4.5 s, 2.1 min, 3.4 h."""
    if seconds < 1e-3:
        return f"{seconds * 1e6:.3g} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.3g} ms"
    if seconds < 120:
        return f"{seconds:.3g} s"
    if seconds < 7200:
        return f"{seconds / 60:.3g} min"
    return f"{seconds / 3600:.3g} h"
