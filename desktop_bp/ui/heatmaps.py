"""Heatmaps of dC/dw = a_in delta_out (BP4) for every layer, or of the weights themselves.

- The first layer's weights connect the 784 pixels to each hidden neuron, so its row ``j``
  (784 values) is shown as a 28x28 tile: one tile per hidden neuron, laid out in a grid with a
  one-pixel gap, so a person sees which pixels each neuron is learning from.
- Later layers are shown as matrices: row ``j`` = neuron of this layer, column ``k`` = neuron
  of the layer before (the book's w_jk).
- Signed values get a diverging colour map (blue < 0 < red, white at 0) with levels symmetric
  around zero, one scale per layer, and a colour bar beside each layer.

Layers are numbered as in the book (and in the microscope): the input is layer 1, so the
first weight matrix is w^2, into layer 2.

A switch chooses what is shown: the latest mini-batch's gradients (from a ``LayerSnapshot``) or
the current weights (from the snapshot, an epoch's end or a loaded model). The items are built
once per architecture (:meth:`GradientHeatmaps.set_architecture`) and then fed with
``setImage``; every image handed over is a fresh read-only array. Titles and labels follow the
window's language (:meth:`GradientHeatmaps.retranslate`).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QLabel, QRadioButton, QSizePolicy,
                               QVBoxLayout, QWidget)

from desktop_bp.ui.colour_ticks import compact_tick_strings as _compact_tick_strings
from desktop_bp.ui.fitting_label import FittingLabel
from desktop_bp.ui.i18n import Retranslating
from desktop_bp.ui.plots import ColumnReflow, label_plot, style_plot
from desktop_bp.ui.wrapping_row import WrappingRow

SIDE = 28
COLOUR_MAP = "CET-D1"       # blue - white - red, perceptually uniform

GRADIENTS = "gradients"
WEIGHTS = "weights"
HELD, EACH = "held", "each"         # the colour scale: held over the run, or per update
LARGEST = "largest"                 # the page of the first layer's tiles with the largest values
TILES_PER_PAGE = 64



def tile_grid(rows_of_pixels, side=SIDE, gap=1):
    """(n, side*side) -> a 2-D image of n side x side tiles in a near-square grid, separated
    by ``gap`` pixels of NaN (drawn transparent). Returns (image, (grid_rows, grid_cols)).
    Pure array layout, no arithmetic on the values."""
    n = len(rows_of_pixels)
    cols = max(1, math.ceil(math.sqrt(n)))
    rows = max(1, math.ceil(n / cols))
    step = side + gap
    padded = np.full((rows * cols, step, step), np.nan, dtype=np.float32)
    padded[:n, :side, :side] = np.asarray(rows_of_pixels, dtype=np.float32).reshape(n, side, side)
    # (grid row, grid col, pixel row, pixel col) -> (grid row, pixel row, grid col, pixel col)
    image = padded.reshape(rows, cols, step, step).transpose(0, 2, 1, 3)
    image = image.reshape(rows * step, cols * step)[:rows * step - gap, :cols * step - gap]
    image = np.ascontiguousarray(image)
    return image, (rows, cols)


class _LayerView:
    """The plot, image and colour bar of one weight layer."""

    def __init__(self, layout, row, col, l, n_in, n_out, colour_map, rowspan=1):
        self.l, self.n_in, self.n_out = l, n_in, n_out
        self.tiled = n_in == SIDE * SIDE
        self.plot = layout.addPlot(row=row, col=col, rowspan=rowspan)
        self.plot.invertY(True)           # row 0 at the top, digits upright
        self.plot.setAspectLocked(self.tiled)
        self.plot.hideButtons()
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        style_plot(self.plot, "", "", "", title_size="9pt")     # the words: set_mode
        self.bar = pg.ColorBarItem(values=(-1.0, 1.0), colorMap=colour_map, interactive=False,
                                   width=10)
        self.bar.setImageItem(self.image, insert_in=self.plot)
        self.bar.axis.setPen(pg.mkPen("#444"))
        self.bar.axis.setTextPen(pg.mkPen("#222"))
        # no "(x0.001)" after the label, which ran past short plots and the window's edge:
        # the ticks say the values themselves, briefly ("2e-05")
        self.bar.axis.setSIPrefixEnableRanges(())
        self.bar.axis.enableAutoSIPrefix(False)
        self._extent = 1.0             # the top of the colour bar's scale
        self.bar.axis.tickStrings = lambda values, scale, spacing: _compact_tick_strings(
            values, scale, spacing, self._extent)
        tick_font = QFont()
        tick_font.setPointSizeF(7.0)
        self.bar.axis.setStyle(tickFont=tick_font)
        self.bar.axis.setWidth(46)      # changing tick labels must not re-lay out the view
        self.plot.getAxis("left").setWidth(42)
        self.plot.disableAutoRange()    # the range is set once, to the image (see show)
        self._shape = None
        self.grid = None
        self.rows = None            # the neurons drawn as tiles, when not all of them
        self.matrix = None
        self.all_zero = False       # every value drawn is exactly 0 (the colour bar says so)
        self.set_mode(GRADIENTS)

    def set_mode(self, mode):
        """Title and labels for ``mode`` (GRADIENTS or WEIGHTS), in the window's language."""
        self._what = "∂C/∂w" if mode == GRADIENTS else "w"
        name = QCoreApplication.translate(
            "GradientHeatmaps", "Layer {layer} {what}: {n_in} → {n_out}").format(
            layer=self.l + 2, what=self._what, n_in=self.n_in, n_out=self.n_out)
        if self.tiled:
            x_label = QCoreApplication.translate("GradientHeatmaps",
                                                 "pixel x (one 28×28 tile per neuron)")
            y_label = QCoreApplication.translate("GradientHeatmaps", "pixel y (28 px per tile)")
        else:
            x_label = QCoreApplication.translate(
                "GradientHeatmaps", "input k (layer {layer})").format(layer=self.l + 1)
            y_label = QCoreApplication.translate(
                "GradientHeatmaps", "neuron j (layer {layer})").format(layer=self.l + 2)
        label_plot(self.plot, name, x_label, y_label, title_size="9pt")
        self._label_bar()

    def _label_bar(self):
        # all 0 (saturated neurons pass no error back) would otherwise look like a blank plot;
        # said on the colour bar, whose length has room (a longer title would widen the plot)
        if self.all_zero:
            self.bar.axis.setLabel(QCoreApplication.translate(
                "GradientHeatmaps", "{what}: all 0").format(what=self._what), color="#b05a00")
        else:
            self.bar.axis.setLabel(self._what, color="#222")

    def show(self, matrix, scale=None, rows=None):
        """Draw an (n_out, n_in) array with levels symmetric around zero: ±``scale``, else
        ±max|value|. ``rows``: the neurons to draw as tiles (the first layer; all when None)."""
        matrix = np.asarray(matrix)
        self.rows = None if rows is None else np.asarray(rows)
        self.matrix = matrix
        if self.tiled:
            image, self.grid = tile_grid(matrix if rows is None else matrix[self.rows])
        else:
            image = np.array(matrix, dtype=np.float32)      # a fresh copy for the item
        image.flags.writeable = False
        if image.shape != self._shape:
            self._shape = image.shape
            self.plot.setRange(xRange=(0, image.shape[1]), yRange=(0, image.shape[0]),
                               padding=0.02)
        finite = image[np.isfinite(image)]
        largest = float(np.abs(finite).max()) if finite.size else 0.0
        if (not largest > 0) != self.all_zero:
            self.all_zero = not largest > 0
            self._label_bar()
        scale = largest if scale is None else max(float(scale), largest)
        if not scale > 0:
            scale = 1e-12
        self.image.setImage(image, autoLevels=False, levels=(-scale, scale))
        self._extent = scale
        low, high = self.bar.levels()
        if not (low == -high and abs(high - scale) <= 1e-6 * scale):
            # (a scale held over the run stays: its colour bar's axis is not drawn again; the
            # image's float32 maximum may differ from the held one in the last digits)
            self.bar.setLevels((-scale, scale))


#: The least height of each layer's heatmap when they are stacked in one column.
ONE_COLUMN_LAYER_HEIGHT = 170


class GradientHeatmaps(Retranslating, QWidget):
    """One heatmap per weight layer with a switch between gradients and weights.

    :meth:`set_architecture` (sizes, input first) builds the layer views; :meth:`show_snapshot`
    takes a ``LayerSnapshot``, :meth:`show_weights` a tuple of weight matrices (epoch end, pause,
    loaded model). Drawing happens at once; the panel throttles how often it calls them.
    ``mode_changed(str)`` reports the switch ("gradients" or "weights").
    """

    mode_changed = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._colour_map = pg.colormap.get(COLOUR_MAP)
        self.gradients_button = QRadioButton("∂C/∂w = a_in·δ_out")     # an equation: no words
        self.weights_button = QRadioButton()
        self.gradients_button.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.gradients_button)
        group.addButton(self.weights_button)
        self.gradients_button.toggled.connect(self._on_mode_toggled)
        # blue < 0 < red, or the value under the pointer: on a line of its own under the
        # heatmaps, the page's width (beside the choices it was cut off), in two lines when
        # even that is too narrow, never cut off
        self.hint = FittingLabel()
        self.hint.setStyleSheet("color: #555")
        self.hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.hint.setContentsMargins(4, 0, 6, 0)
        self.show_label = QLabel()
        # the colour scale: held over the run (vanishing and exploding gradients look
        # different) or renormalised at each update
        self.scale_combo = QComboBox()
        self.scale_combo.addItem("", HELD)
        self.scale_combo.addItem("", EACH)
        self.scale_combo.currentIndexChanged.connect(self._redraw)
        # the first layer's tiles a page at a time: 1,024 tiles in 200 pixels cannot be read
        self.page_combo = QComboBox()
        self.page_combo.currentIndexChanged.connect(self._redraw)
        for combo in (self.scale_combo, self.page_combo):
            # their whole text: in a narrow window their line breaks (see the row below)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        # in a narrow window the choices of scale and page go on a line of their own
        self.controls = WrappingRow(
            [self.show_label, self.gradients_button, self.weights_button],
            [self.scale_combo, self.page_combo], margins=(4, 0, 4, 0))
        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground("w")
        self.view.ci.setContentsMargins(2, 2, 2, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.controls)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.hint)
        self.layers = []
        self._sizes = None
        self._gradients = None
        self._weights = None
        self._held = {}             # layer -> the largest |∂C/∂w| of this run so far
        self.reflow = ColumnReflow(self.view, ONE_COLUMN_LAYER_HEIGHT, 170)
        self._fit_timer = QTimer(self)          # once the plots are laid out at a new size
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_first_layer)
        self.view.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self.view.viewport().installEventFilter(self)   # the pointer leaving: the legend again
        self.retranslate()

    def retranslate(self):
        """Every text in the window's current language."""
        self.gradients_button.setToolTip(self.tr("The gradient of the latest mini-batch (BP4)"))
        self.weights_button.setText(self.tr("weights w"))
        self.weights_button.setToolTip(self.tr("The weights as they are now"))
        self.hint.setText(self.tr("blue < 0 < red"))
        self.show_label.setText(self.tr("Show:"))
        self.scale_combo.setItemText(0, self.tr("scale: whole run"))
        self.scale_combo.setItemText(1, self.tr("scale: each update"))
        self.scale_combo.setToolTip(self.tr(
            "Held: one colour scale per layer, the largest value of the run so far, so that "
            "gradients that vanish fade and gradients that explode stand out. Each update: the "
            "scale follows the latest values (any gradient looks vivid)."))
        self._fill_pages()
        mode = self.mode
        for view in self.layers:
            view.set_mode(mode)
        if self.layers:
            self.reflow.measure()       # the titles may have changed the plots' least widths
            self.reflow.fit_soon(self)

    @property
    def mode(self):
        return GRADIENTS if self.gradients_button.isChecked() else WEIGHTS

    def set_mode(self, mode):
        (self.gradients_button if mode == GRADIENTS else self.weights_button).setChecked(True)

    def set_architecture(self, sizes):
        """Build one view per weight layer of a network with these layer sizes."""
        sizes = [int(s) for s in sizes]
        if sizes == self._sizes:
            return
        self.view.clear()
        self.reflow.set_items([], [])
        pairs = list(zip(sizes[:-1], sizes[1:]))
        later = max(1, len(pairs) - 1)
        self.layers = [
            _LayerView(self.view.ci, 0, 0, 0, *pairs[0], self._colour_map, rowspan=later)
        ] + [_LayerView(self.view.ci, l - 1, 1, l, n_in, n_out, self._colour_map)
             for l, (n_in, n_out) in enumerate(pairs) if l > 0]
        for view in self.layers:
            view.set_mode(self.mode)
        self._sizes = sizes
        self._gradients = self._weights = None
        self._held = {}
        self._fill_pages()
        # two columns whatever the depth: the first layer (the tile grid, given the most room)
        # on the left spanning the rows, every later layer stacked on the right
        self.reflow.set_items([(self.layers[0].plot, 0, 0, later)]
                              + [(view.plot, view.l - 1, 1, 1) for view in self.layers[1:]],
                              [view.plot for view in self.layers], stretch=(3, 2))
        self.reflow.fit_soon(self)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.reflow.fit(self.width())
        self._fit_timer.start()

    def _fit_first_layer(self):
        """In one column, the first layer's plot as tall as its tile grid needs to fill the
        column's width (its aspect is locked: at the least height of a row its tiles were
        drawn small, in the middle of a wide, empty plot); in two columns, as the layout says.
        The page around scrolls up and down for the room."""
        if not self.layers:
            return
        first = self.layers[0]
        rows, cols = first._shape or (1, 1)         # the image drawn (or a square, none yet)
        if self.reflow.columns != 1 or not first.tiled:
            want = 0
        else:
            box = first.plot.vb.geometry()
            frame = first.plot.geometry().height() - box.height()     # title, axis
            want = int(max(ONE_COLUMN_LAYER_HEIGHT,
                           min(box.width() * rows / max(cols, 1) + frame, 2.5 * self.width())))
        view_height = want + ONE_COLUMN_LAYER_HEIGHT * (len(self.layers) - 1) + 12
        if abs(first.plot.minimumHeight() - want) <= 2 and (
                not want or self.view.minimumHeight() == view_height):
            return
        first.plot.setMinimumHeight(want)
        if want:
            self.view.setMinimumHeight(view_height)
        else:
            self.reflow.arrange(self.reflow.columns)    # the view's least height, as it was

    def show_snapshot(self, snapshot):
        """Take the latest ``LayerSnapshot``; draws its gradients (or its weights, when it has
        them and the switch says weights)."""
        self._gradients = snapshot.nabla_w
        if snapshot.weights is not None:
            self._weights = snapshot.weights
        self._redraw()

    def show_weights(self, weights):
        """Take the current weight matrices (tuple of (n_out, n_in))."""
        self._weights = tuple(weights)
        if self.mode == WEIGHTS or self._gradients is None:
            self._redraw()

    def blank(self):
        """Whether the heatmaps show nothing: gradient mode, and no gradients yet."""
        return self.mode == GRADIENTS and self._gradients is None

    def clear_gradients(self):
        """Forget the gradients (and the scale held over the run: a new run starts); in
        gradient mode the heatmaps are then left blank (never the weights under a "∂C/∂w"
        title)."""
        self._gradients = None
        self._held = {}
        if self.mode == GRADIENTS:
            self._redraw()

    def _redraw(self):
        mode = self.mode
        data = self._gradients if mode == GRADIENTS else self._weights
        if data is None:
            for view in self.layers:
                view.image.clear()
            return
        held = mode == GRADIENTS and self.scale_combo.currentData() == HELD
        for view, matrix in zip(self.layers, data):
            scale = None
            if held:
                largest = float(np.nanmax(np.abs(matrix))) if np.size(matrix) else 0.0
                scale = self._held[view.l] = max(self._held.get(view.l, 0.0), largest)
            view.show(matrix, scale, self._tile_rows(view, matrix))
        self._fit_timer.start()         # the first layer's image may have a new shape

    # -- the first layer's tiles, a page at a time ------------------------------------------

    def _fill_pages(self):
        """Pages of :data:`TILES_PER_PAGE` neurons: the largest now, or by number."""
        n = self._sizes[1] if self._sizes and len(self._sizes) > 1 else 0
        combo = self.page_combo
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        if n > TILES_PER_PAGE:
            combo.addItem(self.tr("the %n largest", "", TILES_PER_PAGE), LARGEST)
            for start in range(0, n, TILES_PER_PAGE):
                stop = min(n, start + TILES_PER_PAGE)
                combo.addItem(self.tr("neurons {0}–{1}").format(start, stop - 1), start)
            combo.setToolTip(self.tr(
                "Layer 2 has %n neurons: its tiles are shown a page at a time, either the "
                "ones with the largest values now or by number. Point at a tile to read it.",
                "", n))
            index = combo.findData(current)
            combo.setCurrentIndex(index if index >= 0 else 0)
        combo.setVisible(n > TILES_PER_PAGE)
        combo.blockSignals(False)

    def _tile_rows(self, view, matrix):
        if not view.tiled or len(matrix) <= TILES_PER_PAGE:
            return None
        choice = self.page_combo.currentData()
        if choice == LARGEST or choice is None:
            size = np.abs(np.asarray(matrix, dtype=np.float32)).mean(axis=1)
            return np.sort(np.argsort(size)[::-1][:TILES_PER_PAGE])
        return np.arange(choice, min(len(matrix), choice + TILES_PER_PAGE))

    def read_out(self, view, x, y):
        """What is under image coordinates (``x``, ``y``) of ``view``: (neuron j, input k,
        value), counted from 0, or None."""
        if view.matrix is None or x < 0 or y < 0:
            return None
        col, row = int(x), int(y)
        if view.tiled:
            if view.grid is None:
                return None
            step = SIDE + 1
            tile_row, py = divmod(row, step)
            tile_col, px = divmod(col, step)
            if px >= SIDE or py >= SIDE or tile_col >= view.grid[1]:
                return None
            tile = tile_row * view.grid[1] + tile_col
            rows = view.rows if view.rows is not None else np.arange(len(view.matrix))
            if tile >= len(rows):
                return None
            j, k = int(rows[tile]), py * SIDE + px
        else:
            j, k = row, col
            if j >= view.matrix.shape[0] or k >= view.matrix.shape[1]:
                return None
        return j, k, float(view.matrix[j, k])

    @Slot(object)
    def _on_mouse_moved(self, pos):
        for view in self.layers:
            if view.plot.sceneBoundingRect().contains(pos):
                point = view.image.mapFromScene(pos)
                found = self.read_out(view, point.x(), point.y())
                if found is not None:
                    j, k, value = found
                    # numbered from 0, as the axes, the Microscope's w^l_jk and NumPy do
                    where = (self.tr("neuron {0}, pixel ({1}, {2})").format(
                        j, k % SIDE, k // SIDE) if view.tiled else
                        self.tr("neuron {0}, input {1}").format(j, k))
                    self.hint.setText(self.tr("layer {0}: {1}: {2:.3g}").format(
                        view.l + 2, where, value))
                    return
        self.hint.setText(self.tr("blue < 0 < red"))

    def eventFilter(self, watched, event):
        if watched is self.view.viewport() and event.type() == QEvent.Type.Leave:
            self.hint.setText(self.tr("blue < 0 < red"))
        return super().eventFilter(watched, event)

    @Slot(bool)
    def _on_mode_toggled(self, _checked):
        mode = self.mode
        for view in self.layers:
            view.set_mode(mode)
        self._redraw()
        self.mode_changed.emit(mode)

    def images(self):
        """The arrays currently drawn, one per layer (for tests)."""
        return [view.image.image for view in self.layers]
