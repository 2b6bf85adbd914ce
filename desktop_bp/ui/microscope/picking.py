"""Picking one weight exactly in the BP4 tab: the arrow keys move the picked weight by one cell,
and an outline shows which cell it is.

A click on a heatmap picks the weight under the mouse; in a 10x512 matrix drawn 300 pixels wide
one screen pixel covers two weights, so the click alone cannot reach every one of them. The
keys step from there: in a matrix, Left/Right change the input k and Up/Down the neuron j; in a
28x28 tile, they move over the tile's pixels (the neuron stays). With Shift, ten steps at once.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QGraphicsRectItem

SIDE = 28
#: key -> (rows, columns) of one step
ARROWS = {Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1),
          Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0)}
BIG_STEP = 10


def stepped(weight, key, shape, tiled, big=False):
    """The weight (l, j, k) one step (ten with ``big``) from ``weight`` in the direction of the
    arrow ``key``, kept inside the matrix of ``shape`` (n_out, n_in); ``tiled``: the matrix is
    drawn as 28x28 tiles, so the step moves over the pixels of neuron j's tile. None when
    ``key`` is not an arrow."""
    if key not in ARROWS:
        return None
    l, j, k = weight
    d_row, d_col = (BIG_STEP * d for d in ARROWS[key]) if big else ARROWS[key]
    if tiled:
        y = min(max(k // SIDE + d_row, 0), SIDE - 1)
        x = min(max(k % SIDE + d_col, 0), SIDE - 1)
        return l, j, y * SIDE + x
    n_out, n_in = shape
    return l, min(max(j + d_row, 0), n_out - 1), min(max(k + d_col, 0), n_in - 1)


class PickOutline:
    """An outline around the picked cell, in whichever of the panels shows it."""

    def __init__(self):
        self._items = {}        # SignedPanel -> its QGraphicsRectItem

    def forget(self):
        """The panels were rebuilt: their items went with them."""
        self._items = {}

    def show(self, panel, row, col):
        """Outline cell (``row``, ``col``) of ``panel``'s image; None: no outline anywhere."""
        for other, item in self._items.items():
            item.setVisible(other is panel)
        if panel is None:
            return
        item = self._items.get(panel)
        if item is None:
            item = QGraphicsRectItem()
            pen = pg.mkPen("#111", width=2)      # cosmetic: 2 screen pixels at any zoom
            item.setPen(pen)
            item.setZValue(10)
            panel.plot.addItem(item, ignoreBounds=True)
            self._items[panel] = item
        item.setRect(QRectF(col, row, 1, 1))
        item.setVisible(True)

    def cell(self, panel):
        """(row, col) outlined in ``panel``, or None (for tests)."""
        item = self._items.get(panel)
        if item is None or not item.isVisible():
            return None
        rect = item.rect()
        return int(rect.top()), int(rect.left())
