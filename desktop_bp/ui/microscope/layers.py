"""The layer grid: for each layer (output first, as backprop goes), z, a, sigma'(z), the
incoming error and delta, one small image each, every column on one shared scale: symmetric
around 0 for signed quantities, 0 .. max for those that are never negative (sigma', and the a of
sigmoid, ReLU and softmax neurons)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_bp.core.figures import vector_grid
from desktop_bp.ui.i18n import Retranslating
from desktop_bp.ui.microscope.images import (SignedPanel, colour_bar, colour_map, largest_magnitude,
                                             levels_of, set_signed)

#: The columns: the LayerPass attribute and its heading (maths, not words; "incoming" is the
#: one word, translated where it is shown).
COLUMNS = (("z", "z"), ("a", "a"), ("fprime", "σ′(z)"), ("incoming", "incoming"),
           ("delta", "δ = ∂C/∂b"))
#: The least width of a column of the grid, in pixels.
MIN_COLUMN_WIDTH = 100


def _sup(l):
    return f"<sup>{l}</sup>"


class LayerGrid(Retranslating, QWidget):
    """Build with :meth:`set_sizes` (the network's layer sizes), draw a
    :class:`~desktop_bp.core.microscope.BackwardPass` with :meth:`show_pass`. Hovering a neuron
    fills :attr:`readout` and emits ``neuron_hovered(object)`` with (l, j) or None."""

    neuron_hovered = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.view = pg.GraphicsLayoutWidget()
        self.view.setBackground("w")
        # squeezed below this, the last column (delta, what BP1 and BP2 give) was drawn under
        # whatever lies to the right of the grid
        self.view.setMinimumWidth(MIN_COLUMN_WIDTH * len(COLUMNS))
        self.view.ci.setContentsMargins(2, 2, 2, 2)
        self.view.ci.setSpacing(3)
        self.readout = QLabel(" ")
        self.readout.setStyleSheet("color: #333")
        self.readout.setTextFormat(pg.QtCore.Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.readout)
        self.panels = {}        # (l, column name) -> SignedPanel
        self.bars = {}
        self._sizes = None
        self._pass = None
        self._sample = 0
        self.retranslate()

    def retranslate(self):
        self.readout.setText(" ")       # a read-out in the last language: the next hover says it
        if "incoming" in self.bars:
            self.bars["incoming"].axis.setLabel(self._heading("incoming"), color="#222")
        if self._pass is not None:
            self._set_titles(self._pass, self._sample)

    def _heading(self, name):
        heading = dict(COLUMNS)[name]
        return self.tr("incoming") if name == "incoming" else heading

    def set_sizes(self, sizes):
        sizes = [int(s) for s in sizes]
        if sizes == self._sizes:
            return
        self._sizes = sizes
        self._pass = None           # a pass of another network: its layers are not these
        self.view.clear()
        self.panels.clear()
        self.bars.clear()
        L = len(sizes)
        ci = self.view.ci
        for row, l in enumerate(range(L, 1, -1)):        # the output layer first
            for col, (name, _) in enumerate(COLUMNS):
                panel = SignedPanel(ci, row, col, parent=self)
                panel.hovered.connect(self._on_hovered)
                panel.layer, panel.column = l, name
                self.panels[(l, name)] = panel
            ci.layout.setRowStretchFactor(row, max(1, min(4, sizes[l - 1] // 64 + 1)))
        for col, (name, heading) in enumerate(COLUMNS):
            group = [self.panels[(l, name)] for l in range(L, 1, -1)
                     if not (name == "incoming" and l == L and L > 2)]
            self.bars[name] = colour_bar(ci, L - 1, col, group, self._heading(name))
        if L > 2:       # grad_a C: its own scale, outside the column's bar
            self.panels[(L, "incoming")].image.setColorMap(colour_map())

    @Slot(object)
    def _on_hovered(self, cell):
        panel = self.sender()
        if cell is None or self._pass is None or panel is None:
            self.neuron_hovered.emit(None)
            return
        lay = self._pass.layer(panel.layer)
        n = lay.z.shape[1]
        cols = vector_grid(np.zeros(n)).shape[1]
        j = cell[0] * cols + cell[1]
        if j >= n:
            self.neuron_hovered.emit(None)
            return
        self.readout.setText(self.tr(
            "layer {l}, neuron {j}: z = {z:.4g}, a = {a:.4g}, σ′(z) = {fp:.4g}, incoming = "
            "{inc:.4g}, δ = ∂C/∂b = {d:.4g}").format(
            l=panel.layer, j=j, z=lay.z[0, j], a=lay.a[0, j], fp=lay.fprime[0, j],
            inc=lay.incoming[0, j], d=lay.delta[0, j]))
        self.neuron_hovered.emit((panel.layer, j))

    def show_pass(self, bp, sample=0):
        """Draw one sample of a backward pass; each column on one scale (its colour bar)."""
        self.set_sizes(bp.net_sizes)
        self._pass, self._sample = bp, sample
        L = bp.L
        for name, _ in COLUMNS:
            values = {l: getattr(bp.layer(l), name)[sample] for l in range(2, L + 1)}
            # grad_a C is not the same quantity as the (w^T delta) of the hidden layers (and
            # with cross-entropy it can be huge): it keeps its own scale
            shared = [v for l, v in values.items() if not (name == "incoming" and l == L)]
            scale = largest_magnitude(*shared)
            signed = not bp.never_negative(name)
            set_signed(self.bars[name], signed)
            for l, v in values.items():
                panel = self.panels[(l, name)]
                own = name == "incoming" and l == L and L > 2
                panel.show(vector_grid(v), largest_magnitude(v) if own else scale, signed)
            self.bars[name].setLevels(levels_of(scale, signed))
        self._set_titles(bp, sample)

    def _set_titles(self, bp, sample=0):
        """Each panel's title: its quantity, layer and largest |value|."""
        L = bp.L
        own_scale = self.tr("own scale")
        for name, heading in COLUMNS:
            for l in range(2, L + 1):
                peak = largest_magnitude(getattr(bp.layer(l), name)[sample])
                title = f"{heading.split(' ')[0]}{_sup(l)}"
                if name == "incoming":
                    title = (f"∇<sub>a</sub>C <span style='color:#777'>({own_scale})</span>"
                             if l == L else f"(w{_sup(l + 1)})<sup>T</sup>δ{_sup(l + 1)}")
                self.panels[(l, name)].set_title(
                    f"{title} <span style='color:#777'>|max| {peak:.2g}</span>")

    def images(self):
        """{(l, column): the array drawn} (for tests)."""
        return {key: panel.image.image for key, panel in self.panels.items()}
