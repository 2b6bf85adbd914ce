"""What the network receives and what it answers: the 28x28 input drawn large, and the prediction
(the digit, large, and the ten output activations as bars).

Both widgets only draw what they are given through their setters; the preprocessing and the
feedforward happen elsewhere. Their words follow the window's language: the painted ones are
translated when painted, the tooltip in ``retranslate``.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_bp.ui.i18n import Retranslating

DEFAULT_THRESHOLD = 0.6
#: The margin, in pixels, between the ten bars (with their digits) and the widget's edges.
BARS_MARGIN = 8


class InputView(Retranslating, QWidget):
    """The 28x28 image the network receives, one big square per pixel with a faint grid.

    :meth:`set_image` takes a (28, 28) or (784,) array in [0, 1] with ink = 1 (MNIST's
    convention), drawn as dark ink on white paper like the canvas; None shows an empty field.
    """

    def __init__(self, parent=None, side=28):
        super().__init__(parent)
        self._side = side
        self._grid_cache = None         # (cell size, pixmap of the grid)
        self._pixels = None           # (side, side) float array or None
        self._image = QImage()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(2 * side, 2 * side)
        self.retranslate()

    def retranslate(self):
        self.setToolTip(self.tr("The 28×28 input the network receives: the drawing cropped, "
                                "scaled to 20 pixels and centred by its centre of mass, as "
                                "MNIST was made."))

    def set_image(self, pixels):
        if pixels is None:
            self._pixels = None
            self._image = QImage()
        else:
            pixels = np.asarray(pixels, dtype=np.float64).reshape(self._side, self._side)
            self._pixels = pixels.copy()
            grey = np.ascontiguousarray(255 - np.clip(pixels, 0, 1) * 255 + 0.5).astype(np.uint8)
            # QImage does not own the buffer: keep the array alive with a copy()
            self._image = QImage(grey.data, self._side, self._side, self._side,
                                 QImage.Format.Format_Grayscale8).copy()
        self.update()

    def pixels(self):
        """The (28, 28) array last shown (a copy), or None."""
        return None if self._pixels is None else self._pixels.copy()

    def sizeHint(self):
        return QSize(196, 196)

    def hasHeightForWidth(self):
        return True

    def heightForWidth(self, width):
        return width

    def _grid(self, cell):
        """A transparent pixmap of the cell grid and of the 20x20 box MNIST scales the digit
        into, for cells of ``cell`` pixels (cached)."""
        if self._grid_cache is not None and self._grid_cache[0] == cell:
            return self._grid_cache[1]
        n = self._side
        side = cell * n
        pixmap = QPixmap(side, side)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setPen(QPen(QColor(200, 200, 200, 110), 1))
        for k in range(1, n):
            painter.drawLine(k * cell, 0, k * cell, side)
            painter.drawLine(0, k * cell, side, k * cell)
        painter.setPen(QPen(QColor(30, 120, 220, 120), 1, Qt.PenStyle.DashLine))
        painter.drawRect(QRectF(4 * cell, 4 * cell, 20 * cell, 20 * cell))
        painter.end()
        self._grid_cache = (cell, pixmap)
        return pixmap

    def paintEvent(self, event):
        painter = QPainter(self)
        n = self._side
        cell = max(1, int(min(self.width(), self.height()) // n))
        side = cell * n                  # whole pixels per cell keep the grid even
        rect = QRectF((self.width() - side) // 2, (self.height() - side) // 2, side, side)
        if self._image.isNull():
            painter.fillRect(rect, QColor(255, 255, 255))
        else:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            painter.drawImage(rect, self._image)
        if cell >= 4:
            # the grid is drawn once per size and then only blitted: 54 semi-transparent lines
            # at every stroke were most of this view's paint, in the GUI thread
            painter.drawPixmap(int(rect.left()), int(rect.top()), self._grid(cell))
        painter.setPen(QPen(self.palette().color(self.palette().ColorRole.Mid), 1))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        if self._image.isNull():
            painter.setPen(QColor(150, 150, 150))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.tr("28 × 28 input"))


CAPTION_FLAGS = (Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
                 | Qt.TextFlag.TextWordWrap)


class PredictionView(QWidget):
    """The predicted digit, large, and the ten output activations a^L as horizontal bars.

    :meth:`set_output` takes the (10,) output activations (softmax probabilities, or sigmoid
    activations for the book's networks) or None (nothing drawn); when the largest activation is
    below the threshold the digit is shown as "?" with "not sure". :meth:`set_message` shows a
    text instead (e.g. no model loaded); the caller translates it (and sets it again when the
    language changes).
    """

    def __init__(self, parent=None, threshold=DEFAULT_THRESHOLD):
        super().__init__(parent)
        self._output = None
        self._threshold = float(threshold)
        self._message = None        # None: the default, "Draw a digit" in the current language
        self._judgement = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(180, 160)

    # -- setters ---------------------------------------------------------------------------------

    def set_output(self, activations, judgement=None):
        """The ten outputs (or None); ``judgement``: the app's verdict on the drawing (a
        :class:`~desktop_bp.core.confidence.Judgement`: "digit", "not sure" or "not a digit",
        and whether the outputs are probabilities or activations). Without one, the confidence
        threshold decides."""
        if activations is None:
            self._output = None
        else:
            activations = np.asarray(activations, dtype=np.float64).ravel()
            self._output = np.nan_to_num(activations.copy(), nan=0.0)
        self._judgement = None if activations is None else judgement
        self._message = None
        self.update()

    def verdict(self):
        """"digit", "not sure" or "not a digit" (None when nothing is predicted)."""
        if self._output is None:
            return None
        if self._judgement is not None:
            return self._judgement.verdict
        return "digit" if self.is_sure() else "not sure"

    def set_message(self, text):
        """Show ``text`` instead of a prediction (clears the bars); None: the default prompt."""
        self._output = None
        self._message = text
        self.update()

    def set_threshold(self, threshold):
        self._threshold = float(threshold)
        self.update()

    # -- what is shown (read by tests) -----------------------------------------------------------

    def threshold(self):
        return self._threshold

    def output(self):
        return None if self._output is None else self._output.copy()

    def digit(self):
        """The predicted digit, or None when nothing is predicted."""
        return None if self._output is None else int(np.argmax(self._output))

    def is_sure(self):
        if self._output is None:
            return False
        if self._judgement is not None:
            return self._judgement.confident
        return float(self._output.max()) >= self._threshold

    def _activations(self):
        """The outputs are sigmoid activations, not probabilities: never said as "% sure"."""
        return self._judgement is not None and self._judgement.output_kind == "activations"

    def fitted_font(self, room, text):
        """The widget's font, smaller if need be (down to 6 points) for ``text``, wrapped, to
        fit ``room``: a long headline ("not sure — maybe 0 (activation 0.93)") must not run out
        of its place over what is below."""
        font = QFont(self.font())
        size = font.pointSizeF()
        while size > 6 and QFontMetricsF(font).boundingRect(
                room, int(CAPTION_FLAGS), text).height() > room.height():
            size -= 0.5
            font.setPointSizeF(size)
        return font

    def headline(self):
        """The text under the big digit."""
        if self._output is None:
            return self.tr("Draw a digit") if self._message is None else self._message
        top = float(self._output.max())
        if self.verdict() == "not a digit":
            return self.tr("not a digit")
        if self._activations():
            if self.is_sure():
                return self.tr("activation {0:.2f}").format(top)
            return self.tr("not sure — maybe {0} (activation {1:.2f})").format(self.digit(), top)
        percent = f"{100 * top:.0f}"
        if self.is_sure():
            return self.tr("{percent}% sure").format(percent=percent)
        return self.tr("not sure — maybe {digit} ({percent}%)").format(digit=self.digit(),
                                                                        percent=percent)

    def sizeHint(self):
        return QSize(300, 210)

    def bars_rect(self):
        """Where the ten bars and their digits are drawn: beside the big digit, with a margin
        of :data:`BARS_MARGIN` pixels to the widget's edges (the box around it, the line
        under it)."""
        left_w = max(90, int(self.width() * 0.34))
        return QRectF(left_w + 8, BARS_MARGIN, self.width() - left_w - 8 - BARS_MARGIN,
                      self.height() - 2 * BARS_MARGIN)

    def row_font(self, row):
        """The widget's font, smaller if need be, so that a line of text fits a bar's row of
        ``row`` pixels (the digits would otherwise run over the rows' ends). Worked out once
        per row height and font: every stroke repaints this view."""
        key = (row, self.font().key())
        cached = getattr(self, "_row_font", None)
        if cached is not None and cached[0] == key:
            return cached[1]
        font = QFont(self.font())
        size = font.pointSizeF()
        while size > 5 and QFontMetricsF(font).height() > row:
            size -= 0.5
            font.setPointSizeF(size)
        self._row_font = (key, font)
        return font

    # -- painting --------------------------------------------------------------------------------

    def paintEvent(self, event):
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(palette.ColorRole.WindowText)
        accent = palette.color(palette.ColorRole.Highlight)
        w, h = self.width(), self.height()
        left_w = max(90, int(w * 0.34))
        big = QRectF(0, 0, left_w, h * 0.72)
        caption = QRectF(0, h * 0.72, left_w, h * 0.28)

        font = QFont(self.font())
        font.setPixelSize(max(24, int(min(left_w, h) * 0.62)))
        font.setBold(True)
        painter.setFont(font)
        if self._output is None:
            painter.setPen(palette.color(palette.ColorRole.PlaceholderText))
            painter.drawText(big, Qt.AlignmentFlag.AlignCenter, "–")
        else:
            sure = self.is_sure()
            if self.verdict() == "not a digit":
                painter.setPen(palette.color(palette.ColorRole.PlaceholderText))
                painter.drawText(big, Qt.AlignmentFlag.AlignCenter, "✗")
            else:
                painter.setPen(text_colour if sure else QColor(200, 120, 0))
                painter.drawText(big, Qt.AlignmentFlag.AlignCenter,
                                 str(self.digit()) if sure else "?")
        room = caption.adjusted(4, 0, -4, 0)
        headline = self.headline()
        painter.setFont(self.fitted_font(room, headline))
        painter.setPen(text_colour)
        painter.drawText(room, CAPTION_FLAGS, headline)

        # the ten bars, clear of the box's edges: each digit's line of text fits its row
        bars = self.bars_rect()
        row = bars.height() / 10
        painter.setFont(self.row_font(row))
        metrics = painter.fontMetrics()
        label_w = metrics.horizontalAdvance("0") + 8
        value_w = metrics.horizontalAdvance("100%") + 6
        track_w = max(10.0, bars.width() - label_w - value_w - 4)
        best = self.digit()
        for d in range(10):
            y = bars.top() + d * row
            value = 0.0 if self._output is None or d >= len(self._output) else float(self._output[d])
            painter.setPen(text_colour)
            painter.drawText(QRectF(bars.left(), y, label_w - 4, row),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, str(d))
            track = QRectF(bars.left() + label_w, y + row * 0.18, track_w, row * 0.64)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(palette.ColorRole.AlternateBase).darker(106))
            painter.drawRect(track)
            colour = accent if d == best else QColor(140, 140, 140)
            painter.setBrush(colour)
            painter.drawRect(QRectF(track.left(), track.top(),
                                    track.width() * min(max(value, 0.0), 1.0), track.height()))
            if self._output is not None:
                painter.setPen(text_colour)
                painter.drawText(QRectF(track.right() + 4, y, value_w, row),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                 f"{value:.2f}" if self._activations() else f"{100 * value:.0f}%")
        if self._judgement is not None:
            return          # the verdict's rule decides, not the threshold
        # the threshold, as a tick across the tracks
        painter.setPen(QPen(QColor(200, 120, 0, 160), 1, Qt.PenStyle.DashLine))
        x = bars.left() + label_w + track_w * self._threshold
        painter.drawLine(x, bars.top(), x, bars.bottom())
