"""Live training curves (pyqtgraph): cost, accuracy, saturation and gradient size.

:class:`TrainingPlots` draws what the training worker reports, and computes nothing itself:

- **Cost per epoch**: training and validation cost after each epoch, and the running mean of the
  mini-batch cost inside the current epoch (``BatchEvent.cost``), a smoothed line.
- **Accuracy per epoch**: validation and test accuracy in %, and, for the ``book`` preset, the
  accuracy the book itself prints for that network as a faint reference line.
- **Saturated neurons**: per layer, the % of (sample, neuron) pairs with f'(z) below the engine's
  threshold — why the book's sigmoid/quadratic network starts slowly.
- **Mean |dC/dw|**: per layer, on a log scale — how fast each layer is learning.

The x axis everywhere is "epochs trained": the value after the first epoch sits at 1 and a
mini-batch half-way through the second epoch at 1.5. Plot items are created once per run
(:meth:`reset`) and afterwards only fed with ``setData``. Titles and labels follow the window's
language (:meth:`TrainingPlots.retranslate`).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtWidgets import QGraphicsItem, QVBoxLayout, QWidget

from desktop_bp.core.training import SATURATION_THRESHOLD
from desktop_bp.ui.i18n import Retranslating

#: The book's published test accuracy for its chapter 1 network (784-30-10, sigmoid, quadratic,
#: eta = 3, mini-batches of 10): correct answers out of 10,000 after epochs 0, 1, 2 and 28
#: (the book counts epochs from 0). Plotted at "epochs trained" = book epoch + 1.
BOOK_REFERENCE = {"book": {0: 0.9129, 1: 0.9295, 2: 0.9348, 28: 0.9542}}

TRAINING_COLOUR = "#1f77b4"
VALIDATION_COLOUR = "#ff7f0e"
TEST_COLOUR = "#2ca02c"
REFERENCE_COLOUR = (120, 120, 120, 150)
DIVERGED_COLOUR = "#d62728"
LAYER_COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf"]

#: Room either side of the epoch axis, as a fraction of its range: the last epoch's dots and
#: its tick label ("30") must fit inside the plot.
X_PADDING = 0.05

#: A run of up to this many epochs has its whole length on the x axis from its start; a longer
#: one's range grows by doublings.
WHOLE_RUN_EPOCHS = 64

#: The least height of each plot when they are stacked in one column (a narrow window).
ONE_COLUMN_PLOT_HEIGHT = 150

#: The most points a time series keeps; beyond it every second point is dropped (display only).
MAX_POINTS = 8000
#: The most labelled powers of ten on the gradient plot's log axis (more overlap).
MAX_DECADE_LABELS = 5


def label_plot(plot, title, x_label, y_label, title_size="10pt"):
    """Set (or change, e.g. to another language) a plot's title (None: leave it) and axis
    labels."""
    if title is not None:
        plot.setTitle(title, color="#222", size=title_size)
    plot.getAxis("bottom").setLabel(x_label, color="#222")
    plot.getAxis("left").setLabel(y_label, color="#222")


def style_plot(plot, title, x_label, y_label, title_size="10pt"):
    """Dark text on a light background, a title and labelled axes."""
    label_plot(plot, title, x_label, y_label, title_size)
    for name in ("bottom", "left"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen("#444"))
        axis.setTextPen(pg.mkPen("#222"))
        # Plain tick values, no "(x0.001)": with pyqtgraph 0.14 disabling the prefix alone
        # hides the label's "(x...)" but can leave the ticks scaled, so no range may enable it.
        axis.setSIPrefixEnableRanges(())
        axis.enableAutoSIPrefix(False)
        # repaints of the view (a curve grew) copy the axis from a pixmap instead of drawing
        # its ticks and labels again; a change of range or size redraws it
        axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    plot.titleLabel.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
    # no grid: it is drawn by the axes across the data, so every new point would repaint them
    plot.setMenuEnabled(False)


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _power_of_ten(k):
    """10^k as text, e.g. ``10⁻³``."""
    return "10" + str(int(k)).translate(_SUPERSCRIPT)


def _set_decade_ticks(axis, lo, hi):
    """Label a log axis spanning 10^lo..10^hi at powers of ten only (pyqtgraph's own minor
    labels pile up), and at most MAX_DECADE_LABELS of them: every few decades when the range is
    wide, the decades between them as unlabelled ticks."""
    first, last = int(np.floor(lo)), int(np.ceil(hi))
    step = max(1, int(np.ceil((last - first + 1) / MAX_DECADE_LABELS)))
    first = step * int(np.floor(first / step))
    major = [(k, _power_of_ten(k)) for k in range(first, last + 1, step)]
    minor = [(k, "") for k in range(first, last + 1) if (k - first) % step]
    axis.setTicks([major, minor])


class ColumnReflow:
    """Lays out the plots of a GraphicsLayoutWidget in two columns, or in one, each under the
    other, when the widget is narrower than two columns need (the page around it then scrolls
    up and down rather than sideways, with every plot whole).

    ``two``: (item, row, col, rowspan) in the two-column layout; ``one``: the items top to
    bottom; ``stretch``: the two columns' stretch factors. Call :meth:`measure` when the items'
    least sizes change (their titles, say) and :meth:`fit` with the widget's width."""

    def __init__(self, view, row_height, two_column_height):
        self.view = view
        self.row_height = row_height        # least height of each plot in one column
        self.two_column_height = two_column_height      # least height of the view in two
        self.two, self.one, self.stretch = [], [], (1, 1)
        self.columns = 2

    def set_items(self, two, one, stretch=(1, 1)):
        self.two, self.one, self.stretch = list(two), list(one), stretch
        self.measure()
        if self.one:
            self.arrange(self.columns)      # wherever the items were put, as the state says

    def measure(self):
        if self.one:
            widest = max(item.effectiveSizeHint(Qt.MinimumSize).width() for item in self.one)
            self.view.setMinimumWidth(int(widest) + 12)     # what the layouts around must give

    def two_column_width(self):
        """The width two columns need, from the items' least widths as they are now (a
        plot's does not depend on where it sits)."""
        widths = [0.0, 0.0]
        for item, _row, col, _rowspan in self.two:
            widths[col] = max(widths[col], item.effectiveSizeHint(Qt.MinimumSize).width())
        layout = self.view.ci.layout
        left, _top, right, _bottom = layout.getContentsMargins()
        return sum(widths) + max(0.0, layout.horizontalSpacing()) + left + right + 12

    def arrange(self, columns):
        ci = self.view.ci
        for item in self.one:
            if item in ci.items:
                ci.removeItem(item)
        if columns == 2:
            for item, row, col, rowspan in self.two:
                ci.addItem(item, row, col, rowspan=rowspan)
            ci.layout.setColumnStretchFactor(0, self.stretch[0])
            ci.layout.setColumnStretchFactor(1, self.stretch[1])
            self.view.setMinimumHeight(self.two_column_height)
        else:
            for row, item in enumerate(self.one):
                ci.addItem(item, row, 0)
            ci.layout.setColumnStretchFactor(0, 1)
            ci.layout.setColumnStretchFactor(1, 0)
            self.view.setMinimumHeight(self.row_height * len(self.one))
        self.columns = columns
        # the view fits its plots to itself only when it is resized: do it now
        self.view.setRange(QRectF(0, 0, self.view.width(), self.view.height()), padding=0,
                           disableAutoPixel=False)

    def fit_soon(self, widget):
        """:meth:`fit` to ``widget``'s width now and again once new items have their final
        least sizes (after the event loop has polished them)."""
        self.fit(widget.width())
        QTimer.singleShot(0, widget, lambda: self.fit(widget.width()))

    def fit(self, width):
        """Two columns when ``width`` has room for them, else one."""
        if not self.one:
            return
        columns = 2 if width >= self.two_column_width() else 1
        if columns != self.columns:
            self.arrange(columns)


class _Series:
    """A growing (x, y) series for one curve, kept in preallocated arrays."""

    def __init__(self, curve, dot_when_alone=None, dots_up_to=1):
        self.curve = curve
        self.x = np.empty(256)
        self.y = np.empty(256)
        self.n = 0
        # symbols in this colour while the series has at most ``dots_up_to`` points: a single
        # point has no line, and a few single steps' points sit too close for a thin one; more
        # points are drawn as a line only (symbols are rebuilt for every point at every update)
        self.dot_when_alone = dot_when_alone
        self.dots_up_to = dots_up_to
        self._dotted = False

    def clear(self):
        self.n = 0
        self.curve.setData([], [])

    def append(self, x, y):
        if self.n == len(self.x):
            if self.n >= MAX_POINTS:     # thin out old points rather than grow forever
                keep = self.n // 2
                self.x[:keep] = self.x[:self.n:2][:keep]
                self.y[:keep] = self.y[:self.n:2][:keep]
                self.n = keep
            else:
                self.x = np.resize(self.x, 2 * self.n)
                self.y = np.resize(self.y, 2 * self.n)
        self.x[self.n] = x
        self.y[self.n] = np.nan if y is None else y
        self.n += 1

    def flush(self):
        few = 1 <= self.n <= self.dots_up_to
        if self.dot_when_alone is not None and self._dotted != few:
            self._dotted = few
            if self._dotted:
                self.curve.setSymbol("o")
                self.curve.setSymbolSize(5)
                self.curve.setSymbolPen(None)
                self.curve.setSymbolBrush(self.dot_when_alone)
            else:
                self.curve.setSymbol(None)
        # fresh arrays: the curve keeps what it is given
        self.curve.setData(self.x[:self.n].copy(), self.y[:self.n].copy(), connect="finite")


class TrainingPlots(Retranslating, QWidget):
    """Four live plots in one graphics view; see the module doc.

    Feed it with :meth:`reset` (at the start of a run), :meth:`show_history` (epochs already
    trained, e.g. of a loaded model), :meth:`add_epoch` (``EpochEvent``) and :meth:`add_batch`
    (``BatchEvent``; the per-layer curves need its ``snapshot``). Call :meth:`flush` to draw what
    :meth:`add_batch` collected (the panel does it from a timer, so that drawing is throttled).
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground("w")
        self.view.ci.setContentsMargins(2, 2, 2, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

        self.cost_plot = self.view.addPlot(row=0, col=0)
        self.accuracy_plot = self.view.addPlot(row=0, col=1)
        self.saturation_plot = self.view.addPlot(row=1, col=0)
        self.gradient_plot = self.view.addPlot(row=1, col=1)
        self.gradient_plot.setLogMode(x=False, y=True)
        for plot in (self.cost_plot, self.accuracy_plot, self.saturation_plot, self.gradient_plot):
            style_plot(plot, "", "", "")         # the words: retranslate()
            # Ranges are set here, once per flush, rather than by pyqtgraph's auto-range, which
            # re-ranges inside every paint and so makes each update paint two or three times.
            plot.disableAutoRange()
            plot.setXRange(0, 1, padding=X_PADDING)
            plot.getAxis("left").setWidth(56)    # tick labels changing width re-lay out nothing
        self.saturation_plot.setYRange(0, 100, padding=0.02)
        self.cost_plot.setYRange(0, 1, padding=0.02)
        self.accuracy_plot.setYRange(0, 100, padding=0.02)
        self.gradient_plot.setYRange(-4, 0, padding=0.02)
        _set_decade_ticks(self.gradient_plot.getAxis("left"), -4, 0)
        self._y_ranges = {}
        self.reflow = ColumnReflow(self.view, ONE_COLUMN_PLOT_HEIGHT, 260)
        plots = (self.cost_plot, self.accuracy_plot, self.saturation_plot, self.gradient_plot)
        self.reflow.set_items([(plot, k // 2, k % 2, 1) for k, plot in enumerate(plots)], plots)

        self.batch_cost_series = _Series(self.cost_plot.plot(
            pen=pg.mkPen(TRAINING_COLOUR, width=1, style=Qt.DotLine),
            name="mini-batches"), dot_when_alone=TRAINING_COLOUR, dots_up_to=50)  # Step batch
        self.training_cost_curve = self.cost_plot.plot(
            pen=pg.mkPen(TRAINING_COLOUR, width=2), symbol="o", symbolSize=5,
            symbolBrush=TRAINING_COLOUR, symbolPen=None, name="training")
        self.validation_cost_curve = self.cost_plot.plot(
            pen=pg.mkPen(VALIDATION_COLOUR, width=2), symbol="o", symbolSize=5,
            symbolBrush=VALIDATION_COLOUR, symbolPen=None, name="validation")

        # the first epoch's cost when it runs off the top (see _update_y_ranges): its value,
        # where its line leaves the plot, so that the cut line is not taken for a fault
        # (its left end at that epoch, on a light ground: near the y axis a centred label ran
        # behind it, and the curves cross it)
        self.off_top_note = pg.TextItem(color=TRAINING_COLOUR, anchor=(0, 0),
                                        fill=pg.mkBrush(255, 255, 255, 200))
        self.off_top_note.setVisible(False)
        self.cost_plot.addItem(self.off_top_note, ignoreBounds=True)

        # where a diverged run's cost exploded (the engine stops before reporting that batch)
        self.divergence_line = pg.InfiniteLine(angle=90, movable=False,
                                               pen=pg.mkPen(DIVERGED_COLOUR, width=2,
                                                            style=Qt.DashLine))
        self.divergence_line.setVisible(False)
        self.cost_plot.addItem(self.divergence_line, ignoreBounds=True)
        # the time machine's epoch, on the cost and accuracy plots
        self.cursor_lines = [pg.InfiniteLine(angle=90, movable=False,
                                             pen=pg.mkPen("#7a3fb0", width=1.5))
                             for _ in range(2)]
        for plot, line in zip((self.cost_plot, self.accuracy_plot), self.cursor_lines):
            line.setVisible(False)
            plot.addItem(line, ignoreBounds=True)

        self.reference_curve = self.accuracy_plot.plot(
            pen=pg.mkPen(REFERENCE_COLOUR, width=2, style=Qt.DashLine), symbol="d",
            symbolSize=6, symbolBrush=REFERENCE_COLOUR, symbolPen=None)
        self.validation_accuracy_curve = self.accuracy_plot.plot(
            pen=pg.mkPen(VALIDATION_COLOUR, width=2), symbol="o", symbolSize=5,
            symbolBrush=VALIDATION_COLOUR, symbolPen=None, name="validation")
        self.test_accuracy_curve = self.accuracy_plot.plot(
            pen=pg.mkPen(TEST_COLOUR, width=2), symbol="o", symbolSize=5,
            symbolBrush=TEST_COLOUR, symbolPen=None, name="test")

        # said inside the gradient plot when the latest gradients are exactly 0, which a log
        # axis cannot show: otherwise the plot would just look empty
        # (on a light ground: it is drawn over the curves)
        self.zero_gradient_note = pg.TextItem(color="#b05a00", anchor=(0, 0),
                                              fill=pg.mkBrush(255, 255, 255, 225),
                                              border=pg.mkPen("#e0c0a0"))
        self.zero_gradient_note.setParentItem(self.gradient_plot.getViewBox())
        self.zero_gradient_note.setPos(4, 2)
        self.zero_gradient_note.setVisible(False)
        self._zero_layers = self._zero_note_layers = ()

        self.saturation_series = []
        self.gradient_series = []
        self._num_layers = 0
        self._live_layers = False
        self._diverged = False
        self._epochs_dirty = False
        self._history = []
        self._reference_name = None
        self._last_batch_x = None
        self._x_right = None
        self._x_limit = None        # the last epoch of the run going on, if any
        self._dirty = False
        self.retranslate()

    def retranslate(self):
        """Titles, axis labels and notes in the window's current language."""
        epochs = self.tr("epochs trained")
        label_plot(self.cost_plot, None, epochs, self.tr("cost C per sample"))
        label_plot(self.accuracy_plot, None, epochs, self.tr("accuracy (%)"))
        label_plot(self.saturation_plot, None, epochs, self.tr("% with f'(z) &lt; {threshold}")
                   .format(threshold=f"{SATURATION_THRESHOLD:g}"))
        label_plot(self.gradient_plot, None, epochs, self.tr("mini-batch mean |∂C/∂w|"))
        self._set_cost_title()
        self.set_reference(self._reference_name)
        self._set_layer_titles()
        self._show_zero_gradients(force=True)
        self.reflow.measure()       # the titles may have changed the plots' least widths
        self.reflow.fit_soon(self)

    # -- set-up --------------------------------------------------------------------------------

    def reset(self, num_layers, reference=None, live=False, epochs=None):
        """Clear everything and prepare one saturation and one gradient curve per weight layer.
        ``reference`` names a preset with a published trace (see :data:`BOOK_REFERENCE`);
        ``live``: a run is starting, so the per-layer titles name their layers at once (rather
        than change, and re-lay out every plot, when its first mini-batch arrives);
        ``epochs``: the last epoch that run will reach (``BatchEvent.epochs``), so that the
        epoch axis spans it from the start rather than change at the first draw."""
        self.batch_cost_series.clear()
        for series in self.saturation_series:
            self.saturation_plot.removeItem(series.curve)
        for series in self.gradient_series:
            self.gradient_plot.removeItem(series.curve)
        self.saturation_series, self.gradient_series = [], []
        for l in range(int(num_layers)):
            colour = LAYER_COLOURS[l % len(LAYER_COLOURS)]
            self.saturation_series.append(_Series(self.saturation_plot.plot(
                pen=pg.mkPen(colour, width=2)), dot_when_alone=colour))
            # a dot while there is one point only: when the gradients vanish (exactly 0 is not
            # on a log axis, so such values are left out) one measurable point may be all
            self.gradient_series.append(_Series(self.gradient_plot.plot(
                pen=pg.mkPen(colour, width=2)), dot_when_alone=colour))
        self._num_layers = int(num_layers)
        self._live_layers = bool(live)
        self._set_layer_titles()
        self._history = []
        self._last_batch_x = None
        self._x_right = None
        self._x_limit = int(epochs) if epochs else None
        # the default ranges again: a run with nothing to show yet keeps no axes of the last one
        self._y_ranges = {}
        self.cost_plot.setYRange(0, 1, padding=0.02)
        self.accuracy_plot.setYRange(0, 100, padding=0.02)
        self.gradient_plot.setYRange(-4, 0, padding=0.02)
        _set_decade_ticks(self.gradient_plot.getAxis("left"), -4, 0)
        self.divergence_line.setVisible(False)
        self._zero_layers = ()
        self.zero_gradient_note.setVisible(False)
        self._diverged = False
        self._set_cost_title()
        self.set_reference(reference)
        self._draw_epochs()
        self.reflow.measure()       # the titles may have changed the plots' least widths
        self.reflow.fit_soon(self)

    def set_reference(self, name):
        """Show the published accuracy trace of preset ``name`` (None or unknown: hide it)."""
        self._reference_name = name if name in BOOK_REFERENCE else None
        self._set_keyed_title(self.accuracy_plot, self.tr("Accuracy"), [
            (self.tr("valid."), VALIDATION_COLOUR), (self.tr("test"), TEST_COLOUR)]
            + ([(self.tr("book"), "#888888")] if self._reference_name else []))
        if self._reference_name is None:
            self.reference_curve.setData([], [])
            return
        trace = BOOK_REFERENCE[self._reference_name]
        epochs = np.array(sorted(trace), dtype=float)
        self.reference_curve.setData(epochs + 1, [100 * trace[int(e)] for e in epochs])

    def _show_zero_gradients(self, force=False):
        zero = self._zero_layers
        if zero and (force or zero != self._zero_note_layers):
            self._zero_note_layers = zero
            self.zero_gradient_note.setText(self.tr(
                "∂C/∂w is exactly 0 in layer(s) {layers}\nfrom where its line ends (a log axis\n"
                "has no 0): saturated neurons pass\nno error back", "", len(zero)).format(
                    layers=", ".join(str(l) for l in zero)))
        if bool(zero) != self.zero_gradient_note.isVisible():
            self.zero_gradient_note.setVisible(bool(zero))

    def _set_cost_title(self):
        diverged = [(self.tr("┆ diverged"), DIVERGED_COLOUR)] if self._diverged else []
        self._set_keyed_title(self.cost_plot, self.tr("Cost"), [
            (self.tr("training"), TRAINING_COLOUR), (self.tr("valid."), VALIDATION_COLOUR),
            (self.tr("┈ batch"), TRAINING_COLOUR)] + diverged)

    def set_cursor(self, x=None):
        """Mark epoch ``x`` (the time machine's) on the cost and accuracy plots; None: none."""
        for line in self.cursor_lines:
            line.setVisible(x is not None)
            if x is not None:
                line.setValue(float(x))

    def mark_divergence(self, x):
        """A run diverged at ``x`` epochs trained: a red dashed line marks where, since the
        engine stops before it reports the mini-batch whose cost exploded."""
        self.divergence_line.setValue(float(x))
        self.divergence_line.setVisible(True)
        self._diverged = True
        self._set_cost_title()
        self._last_batch_x = max(self._last_batch_x or 0.0, float(x))
        self._update_x_range()

    def _set_layer_titles(self):
        """The saturation and gradient titles: the layers' colours while a run sends
        mini-batches; before, where the curves will come from (a stored model has no record of
        them) rather than a blank."""
        if self._live_layers:
            keys = [(self.tr("layer {layer}").format(layer=l + 2),
                     LAYER_COLOURS[l % len(LAYER_COLOURS)]) for l in range(self._num_layers)][:4]
        else:
            keys = [(self.tr("appears while training"), "#888888")]
        self._set_keyed_title(self.saturation_plot, self.tr("Saturation"), keys)
        self._set_keyed_title(self.gradient_plot, self.tr("Gradient size"), keys)

    def _show_layer_keys(self):
        self._live_layers = True
        self._set_layer_titles()

    def _set_keyed_title(self, plot, title, keys):
        """A title that is also the legend: each curve's name in its colour (a legend inside
        the plot would hide data in plots this small)."""
        names = " ".join(f"<span style='color:{colour}'>{name}</span>" for name, colour in keys)
        text = self.tr("{title}: {keys}").format(title=title, keys=names)
        plot.setTitle(f"<span style='color:#222'>{text}</span>", size="8pt")

    # -- data ----------------------------------------------------------------------------------

    def show_history(self, history):
        """Show stored epoch records (``EpochEvent.record()`` dicts), replacing the epoch curves."""
        self._history = [dict(r) for r in history or []]
        self._draw_epochs()

    def add_epoch(self, ev):
        """Append one ``EpochEvent``."""
        self._history.append(ev.record())
        self.batch_cost_series.append(ev.epoch + 1, None)   # break the within-epoch line
        # drawn at the next flush, with the batches: short epochs must not each cost a repaint
        self._epochs_dirty = True
        self._dirty = True

    def add_batch(self, ev):
        """Collect one ``BatchEvent`` (drawn at the next :meth:`flush`)."""
        x = ev.epoch + ev.batch / max(ev.batches, 1)
        self._x_limit = ev.epochs
        self.batch_cost_series.append(x, ev.cost)
        snap = ev.snapshot
        if snap is not None:
            if not self._live_layers:
                self._show_layer_keys()
            for l, series in enumerate(self.saturation_series[:len(snap.saturation)]):
                series.append(x, 100.0 * snap.saturation[l])
            for l, series in enumerate(self.gradient_series[:len(snap.mean_abs_nabla_w)]):
                g = snap.mean_abs_nabla_w[l]
                if g > 0:       # a log axis has no 0: skip it rather than break the line
                    series.append(x, g)
            self._zero_layers = tuple(l + 2 for l, g in enumerate(snap.mean_abs_nabla_w)
                                      if not g > 0)
        self._last_batch_x = x
        self._dirty = True

    def flush(self):
        """Draw what arrived since the last flush (cheap when nothing did)."""
        if not self._dirty:
            return
        self._dirty = False
        if self._epochs_dirty:
            self._epochs_dirty = False
            self._draw_epochs()
        self.batch_cost_series.flush()
        for series in self.saturation_series + self.gradient_series:
            series.flush()
        self._show_zero_gradients()
        self._update_x_range()
        self._update_y_ranges()

    # -- drawing -------------------------------------------------------------------------------

    def _epoch_column(self, key):
        values = [r.get(key) for r in self._history]
        return np.array([np.nan if v is None else v for v in values], dtype=float)

    def _draw_epochs(self):
        x = np.array([r.get("epoch", i) + 1 for i, r in enumerate(self._history)], dtype=float)
        self.training_cost_curve.setData(x, self._epoch_column("training_cost"), connect="finite")
        self.validation_cost_curve.setData(x, self._epoch_column("validation_cost"),
                                           connect="finite")
        self.validation_accuracy_curve.setData(
            x, 100 * self._epoch_column("validation_accuracy"), connect="finite")
        self.test_accuracy_curve.setData(x, 100 * self._epoch_column("test_accuracy"),
                                         connect="finite")
        self._update_x_range()
        self._update_y_ranges()

    def _update_y_ranges(self):
        """Fit each plot's y range to its data, with some hysteresis so that the axes (costly
        to redraw) change only when the data leave the range or fill less than half of it."""
        b = self.batch_cost_series
        batch_cost = b.y[:b.n]
        if self._history:
            # the first epoch's running mean starts at the untrained network's cost, often many
            # times the later ones: once an epoch is done it may run off the top rather than
            # flatten every later curve onto the floor
            first_done = min(r.get("epoch", 0) for r in self._history) + 1
            batch_cost = batch_cost[b.x[:b.n] > first_done]
        training_cost = self._epoch_column("training_cost")
        validation_cost = self._epoch_column("validation_cost")
        if len(self._history) >= 3:
            # likewise the first epoch's own cost, many times the later ones for some networks
            # (the best preset's 0.66 against 0.04): the curves' later course is what matters
            training_cost, validation_cost = training_cost[1:], validation_cost[1:]
        cost = [batch_cost, training_cost, validation_cost]
        accuracy = [100 * self._epoch_column("validation_accuracy"),
                    100 * self._epoch_column("test_accuracy")]
        reference = self.reference_curve.getData()[1]
        if reference is not None:
            accuracy.append(np.asarray(reference, dtype=float))
        gradients = []
        for series in self.gradient_series:
            y = series.y[:series.n]
            y = y[np.isfinite(y) & (y > 0)]
            gradients.append(np.log10(y))
        # a span of at least a fifth of the top value: a flat cost (eta = 100) gets ticks of
        # two decimals, not "0.5005" labels running into the axis title
        self._fit_y(self.cost_plot, cost, floor=0.0, min_span_fraction=0.2)
        self._mark_off_top()
        self._fit_y(self.accuracy_plot, accuracy, floor=0.0, ceiling=100.0)
        self._fit_y(self.gradient_plot, gradients, min_span=1.0, decade_ticks=True)

    def _mark_off_top(self):
        """Say the first epoch's training cost at the top of the cost plot when it is above
        the plot's range ("↑ 0.66")."""
        note = self.off_top_note
        top = self._y_ranges.get(id(self.cost_plot), (None, None))[1]
        first = self._history[0] if self._history else {}
        value = first.get("training_cost")
        if top is None or value is None or not value > top:
            note.setVisible(False)
            return
        note.setText(f"↑ {value:.3g}")
        note.setPos(first.get("epoch", 0) + 1, top)
        note.setVisible(True)

    def _fit_y(self, plot, columns, floor=None, ceiling=None, min_span=0.0, decade_ticks=False,
               min_span_fraction=0.0):
        values = [np.asarray(c, dtype=float).ravel() for c in columns if len(c)]
        values = np.concatenate(values) if values else np.empty(0)
        values = values[np.isfinite(values)]
        if not values.size:
            return
        lo, hi = float(values.min()), float(values.max())
        pad = 0.08 * (hi - lo) if hi > lo else max(abs(hi) * 0.1, 0.05)
        lo, hi = lo - pad, hi + pad
        min_span = max(min_span, min_span_fraction * abs(hi))
        if hi - lo < min_span:
            middle = (hi + lo) / 2
            lo, hi = middle - min_span / 2, middle + min_span / 2
        if floor is not None:
            lo = max(lo, floor)
        if ceiling is not None:
            hi = min(hi, ceiling)
        current = self._y_ranges.get(id(plot))
        if current is not None:
            c_lo, c_hi = current
            inside = c_lo <= lo and hi <= c_hi
            if inside and (hi - lo) > 0.5 * (c_hi - c_lo):
                return
        self._y_ranges[id(plot)] = (lo, hi)
        plot.setYRange(lo, hi, padding=0)
        if decade_ticks:
            # log axis: label only the powers of ten (pyqtgraph's minor labels pile up)
            _set_decade_ticks(plot.getAxis("left"), lo, hi)

    def _update_x_range(self):
        right = max([1.0] + [r.get("epoch", 0) + 1 for r in self._history]
                    + ([self._last_batch_x] if self._last_batch_x else []))
        if self._reference_name is not None:
            right = max(right, 2.0)
        right = float(np.ceil(right))
        if self._x_limit and self._x_limit <= WHOLE_RUN_EPOCHS and right <= self._x_limit:
            # a run of ordinary length spans the axis from its start: where it is going shows,
            # and the axes (costly to redraw, holding up the training thread) are laid out once
            right = float(self._x_limit)
        else:
            # a long run's range grows by doublings up to its last epoch, so that its first
            # epochs are not squeezed into a corner and the axes are redrawn a few times only
            doubled = float(2 ** np.ceil(np.log2(right)))
            right = min(doubled, max(right, float(self._x_limit or doubled)))
        if right == self._x_right:
            return
        self._x_right = right
        for plot in (self.cost_plot, self.accuracy_plot, self.saturation_plot, self.gradient_plot):
            plot.setXRange(0, right, padding=X_PADDING)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.reflow.fit(self.width())

    # -- for tests and the benchmark -----------------------------------------------------------

    def curve_data(self):
        """{name: (x, y)} of every curve, as drawn."""
        out = {"batch_cost": self.batch_cost_series.curve.getData(),
               "training_cost": self.training_cost_curve.getData(),
               "validation_cost": self.validation_cost_curve.getData(),
               "validation_accuracy": self.validation_accuracy_curve.getData(),
               "test_accuracy": self.test_accuracy_curve.getData(),
               "reference": self.reference_curve.getData()}
        for l, series in enumerate(self.saturation_series):
            out[f"saturation_{l}"] = series.curve.getData()
        for l, series in enumerate(self.gradient_series):
            out[f"mean_abs_nabla_w_{l}"] = series.curve.getData()
        return out
