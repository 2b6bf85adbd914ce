"""Small pictures of 28x28 inputs in a wrapping list, each with a caption; clicking one emits
its input. Used for the images of a confusion-matrix cell and for the personal set."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QSize, Qt, Signal, Slot
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListView, QListWidget, QListWidgetItem

THUMB = 56


def input_pixmap(inputs, side=THUMB):
    """A (784,) input in [0, 1] (ink = 1) -> a QPixmap, dark ink on white like the canvas."""
    pixels = np.asarray(inputs, dtype=np.float64).reshape(28, 28)
    grey = np.ascontiguousarray(255 - np.clip(pixels, 0, 1) * 255 + 0.5).astype(np.uint8)
    image = QImage(grey.data, 28, 28, 28, QImage.Format.Format_Grayscale8).copy()
    return QPixmap.fromImage(image.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio,
                                          Qt.TransformationMode.FastTransformation))


class ThumbnailList(QListWidget):
    """Thumbnails with captions. :meth:`set_items` takes ``[(inputs, caption, key), ...]``;
    ``image_chosen(object)`` emits the clicked item's input (a read-only (784,) copy) and
    ``key_chosen(object)`` its key."""

    image_chosen = Signal(object)
    key_chosen = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setWordWrap(True)
        # each item as tall as its caption needs: with uniform sizes Qt measures the first
        # caption only and elides the second line of the others
        self.setUniformItemSizes(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._inputs = []
        self._keys = []
        self.itemClicked.connect(self._on_clicked)
        self._fit_captions()

    def _fit_captions(self):
        """Grid cells with room for two lines of caption under the picture, and the list at
        least one row of them high: a list squeezed lower than a row showed the captions cut
        in half. The line height is measured on Latin and Chinese text alike (the Chinese
        glyphs come from a taller fallback font)."""
        metrics = self.fontMetrics()
        line = max(metrics.lineSpacing(), metrics.boundingRect("认成 Ág").height())
        self.setGridSize(QSize(THUMB + 44, THUMB + 12 + 2 * line))
        frame = 2 * self.frameWidth()
        self.setMinimumHeight(self.gridSize().height() + frame + 6)

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_captions()

    def set_items(self, items):
        self.clear()
        self._inputs, self._keys = [], []
        for inputs, caption, key in items:
            item = QListWidgetItem(QIcon(input_pixmap(inputs)), caption)
            item.setToolTip(caption)
            item.setData(Qt.ItemDataRole.UserRole, len(self._inputs))
            self.addItem(item)
            frozen = np.array(inputs, dtype=np.float32).reshape(784)
            frozen.flags.writeable = False
            self._inputs.append(frozen)
            self._keys.append(key)

    def captions(self):
        return [self.item(i).text() for i in range(self.count())]

    def keys(self):
        return list(self._keys)

    def inputs_at(self, row):
        return self._inputs[row]

    def selected_key(self):
        items = self.selectedItems()
        return None if not items else self._keys[items[0].data(Qt.ItemDataRole.UserRole)]

    @Slot(QListWidgetItem)
    def _on_clicked(self, item):
        row = item.data(Qt.ItemDataRole.UserRole)
        self.image_chosen.emit(self._inputs[row])
        self.key_chosen.emit(self._keys[row])
