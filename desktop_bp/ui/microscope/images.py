"""Images for the microscope: a plot that keeps one ImageItem and reports which cell the mouse is
over. Signed quantities (z, delta, dC/dw, dC/dx) are drawn with a diverging colour map whose
levels are symmetric around zero; quantities that are never negative (a sigmoid's or softmax's
activations, sigma') with a sequential one, levels 0 .. max.

Layouts (a layer's neurons as a near-square grid, 28x28 tiles) come from
:mod:`desktop_bp.core.figures`, so the window and the exported files draw the same picture.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QPointF, Signal

from desktop_bp.ui.colour_ticks import use_symmetric_ticks

COLOUR_MAP = "CET-D1"       # blue - white - red, perceptually uniform
#: For quantities that are never negative: ColorBrewer's "Greens", from white (0, the paper) to
#: dark green, in steps of even lightness; neither the diverging map's red nor its blue
SEQUENTIAL_COLOURS = ("#f7fcf5", "#e5f5e0", "#c7e9c0", "#a1d99b", "#74c476", "#41ab5d",
                      "#238b45", "#006d2c", "#00441b")


def colour_map():
    return pg.colormap.get(COLOUR_MAP)


def sequential_colour_map():
    """A fresh ColorMap (``pg.colormap.get`` hands out shared ones: never change those)."""
    n = len(SEQUENTIAL_COLOURS)
    return pg.ColorMap(np.linspace(0.0, 1.0, n), [pg.mkColor(c) for c in SEQUENTIAL_COLOURS],
                       name="Greens")


def levels_of(scale, signed=True):
    """The levels of an image drawn at ``scale``: symmetric around 0, or 0 .. scale."""
    return (-scale, scale) if signed else (0.0, scale)


def largest_magnitude(*arrays):
    """The largest finite |value| of the arrays (1e-12 when all are 0 or empty)."""
    best = 0.0
    for a in arrays:
        a = np.asarray(a, dtype=np.float64)
        a = a[np.isfinite(a)]
        if a.size:
            best = max(best, float(np.abs(a).max()))
    return best if best > 0 else 1e-12


class SignedPanel(QObject):
    """One plot with one image of signed values. ``hovered(object)`` carries (row, col) of the
    cell under the mouse (None when it leaves the image); ``clicked(object)`` the cell
    clicked. The image is replaced with :meth:`show`; the item is kept."""

    hovered = Signal(object)
    clicked = Signal(object)

    def __init__(self, layout, row, col, title="", *, aspect=True, rowspan=1, colspan=1,
                 parent=None):
        super().__init__(parent)
        self.plot = layout.addPlot(row=row, col=col, rowspan=rowspan, colspan=colspan)
        self.plot.invertY(True)
        self.plot.setAspectLocked(aspect)
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(False, False)
        for name in ("left", "bottom"):
            self.plot.hideAxis(name)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setAutoDownsample(True)     # big matrices drawn without aliasing specks
        self.plot.addItem(self.image)
        self.set_title(title)
        self._shape = None
        self._last = None
        self.plot.scene().sigMouseMoved.connect(self._on_moved)
        self.plot.scene().sigMouseClicked.connect(self._on_clicked)

    def set_title(self, title, size="8pt"):
        if title != getattr(self, "_title", None):      # setting a title lays the plot out
            self._title = title
            self.plot.setTitle(title, color="#222", size=size)

    def show(self, values, scale, signed=True):
        """Draw a 2-D array with levels -scale .. +scale (``signed``) or 0 .. scale (a fresh
        read-only copy is handed to the item)."""
        image = np.array(values, dtype=np.float32)
        levels = levels_of(scale, signed)
        np.clip(image, *levels, out=image)      # an infinite value is drawn saturated
        image.flags.writeable = False
        self.show_levels(image, levels)

    def show_levels(self, image, levels):
        """Draw ``image`` (a read-only array, kept by the item) with ``levels`` as given."""
        if image.shape != self._shape:
            self._shape = image.shape
            self.plot.setRange(xRange=(0, image.shape[1]), yRange=(0, image.shape[0]), padding=0.02)
        self.image.setImage(image, autoLevels=False, levels=levels)

    def cell_at(self, scene_pos):
        """(row, col) of the image under a scene position, or None."""
        if self._shape is None or not self.plot.sceneBoundingRect().contains(scene_pos):
            return None
        p = self.plot.vb.mapSceneToView(QPointF(scene_pos))
        row, col = int(np.floor(p.y())), int(np.floor(p.x()))
        if 0 <= row < self._shape[0] and 0 <= col < self._shape[1]:
            return row, col
        return None

    def _on_moved(self, scene_pos):
        cell = self.cell_at(scene_pos)
        if cell != self._last:
            self._last = cell
            self.hovered.emit(cell)

    def _on_clicked(self, event):
        cell = self.cell_at(event.scenePos())
        if cell is not None:
            self.clicked.emit(cell)


def colour_bar(layout, row, col, images, label, orientation="horizontal", colspan=1,
               signed=True):
    """A colour bar under (or beside) a group of images, which it keeps at one shared scale:
    diverging (``signed``) or sequential from 0 (see :func:`set_signed`)."""
    bar = pg.ColorBarItem(values=levels_of(1.0, signed),
                          colorMap=colour_map() if signed else sequential_colour_map(),
                          interactive=False, orientation=orientation, width=8)
    bar.signed = signed
    bar.setImageItem([panel.image for panel in images])
    layout.addItem(bar, row=row, col=col, colspan=colspan)
    bar.axis.setPen(pg.mkPen("#444"))
    bar.axis.setTextPen(pg.mkPen("#222"))
    use_symmetric_ticks(bar.axis)       # -m, 0, +m in short labels that never overlap
    bar.axis.setLabel(label, color="#222")
    return bar


def set_signed(bar, signed):
    """Switch a colour bar (and its images) between the diverging and the sequential map."""
    if getattr(bar, "signed", True) != signed:
        bar.signed = signed
        bar.setColorMap(colour_map() if signed else sequential_colour_map())
