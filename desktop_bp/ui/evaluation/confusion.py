"""The confusion matrix as a heatmap: rows are the true digits, columns the predicted ones, the
count written in every cell; clicking a cell emits ``cell_clicked((true, predicted))``.

Colours follow log(1 + count), so the few mistakes off the diagonal show beside the thousands
on it; the diagonal and the mistakes use the same scale.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, Qt, Signal, Slot
from PySide6.QtGui import QFont

from desktop_bp.ui.i18n import Retranslating
from desktop_bp.ui.plots import label_plot, style_plot


class _CellImage(pg.ImageItem):
    """The matrix image; ``clicked((row, column))`` says which cell a click landed on (a
    signal, not a stored callback: no reference cycle between the item and the plot)."""

    clicked = Signal(object)

    def __init__(self):
        super().__init__(axisOrder="row-major")

    def mouseClickEvent(self, ev):
        if ev.button() == Qt.MouseButton.LeftButton:
            pos = ev.pos()
            self.clicked.emit((int(pos.y()), int(pos.x())))
            ev.accept()


class ConfusionHeatmap(Retranslating, pg.PlotWidget):
    """Set with :meth:`set_matrix` ((k, k) counts); :meth:`select` outlines a cell."""

    cell_clicked = Signal(object)        # (true digit, predicted digit)

    def __init__(self, parent=None):
        super().__init__(parent, background="w")
        plot = self.getPlotItem()
        style_plot(plot, None, "", "")
        plot.invertY(True)
        # cells fill the panel (not locked square): the axes then end where the matrix does
        plot.hideButtons()
        plot.setMouseEnabled(False, False)
        self.image = _CellImage()
        self.image.clicked.connect(self._clicked)
        plot.addItem(self.image)
        self.image.setColorMap(pg.colormap.get("CET-L17"))
        ticks = [[(i + 0.5, str(i)) for i in range(10)]]
        plot.getAxis("bottom").setTicks(ticks)
        plot.getAxis("left").setTicks(ticks)
        self._texts = []
        self._k = 0
        self._matrix = None
        self._outline = pg.PlotDataItem(pen=pg.mkPen("#d62728", width=3))
        plot.addItem(self._outline)
        self.setMinimumSize(300, 300)
        self.retranslate()

    def retranslate(self):
        label_plot(self.getPlotItem(),
                   QCoreApplication.translate("ConfusionHeatmap",
                                              "Confusion matrix (click a cell)"),
                   QCoreApplication.translate("ConfusionHeatmap", "predicted digit"),
                   QCoreApplication.translate("ConfusionHeatmap", "true digit"))

    def matrix(self):
        return None if self._matrix is None else self._matrix.copy()

    def set_matrix(self, counts):
        """(k, k) int counts, rows true, columns predicted (None clears)."""
        plot = self.getPlotItem()
        if counts is None:
            self._matrix = None
            self.image.clear()
            for t in self._texts:
                t.setText("")
            self._outline.setData([], [])
            return
        counts = np.asarray(counts, dtype=np.int64)
        k = counts.shape[0]
        if k != self._k:
            for t in self._texts:
                plot.removeItem(t)
            self._texts = []
            font = QFont()
            font.setPointSizeF(8.0 if k <= 10 else 6.0)
            for i in range(k * k):
                text = pg.TextItem("", anchor=(0.5, 0.5))
                text.setFont(font)
                text.setPos(i % k + 0.5, i // k + 0.5)
                plot.addItem(text)
                self._texts.append(text)
            self._k = k
            plot.setRange(xRange=(0, k), yRange=(0, k), padding=0.005)
        self._matrix = counts
        shade = np.log1p(counts).astype(np.float32)
        top = float(shade.max()) or 1.0
        self.image.setImage(np.array(shade, copy=True), levels=(0.0, top))
        self.image.setRect(0, 0, k, k)
        for i, text in enumerate(self._texts):
            value = int(counts[i // k, i % k])
            text.setText(str(value) if value else "")
            dark = shade[i // k, i % k] > 0.55 * top
            text.setColor("#ffffff" if dark else "#111111")
        self._outline.setData([], [])

    def select(self, true_digit, predicted_digit):
        x, y = predicted_digit, true_digit
        self._outline.setData([x, x + 1, x + 1, x, x], [y, y, y + 1, y + 1, y])

    def cell_centre(self, true_digit, predicted_digit):
        """Where the cell's centre is, in this widget's pixel coordinates (for tests)."""
        scene = self.getPlotItem().vb.mapViewToScene(QPointF(predicted_digit + 0.5,
                                                             true_digit + 0.5))
        return self.mapFromScene(scene)

    @Slot(object)
    def _clicked(self, cell):
        row, col = cell
        if self._matrix is not None and 0 <= row < self._k and 0 <= col < self._k:
            self.select(row, col)
            self.cell_clicked.emit((row, col))
