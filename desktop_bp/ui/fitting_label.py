"""Labels that are never cut off or drawn over.

:class:`FittingLabel`: a line of text that, when it is wider than the room it is given, its middle
gives way to "…", so that both ends stay readable (a read-out's place and its value).

Made for read-outs that change as the mouse moves (the value under the pointer): a plain
``QLabel`` either asks for the whole text's width, which widens the page until it scrolls
sideways, or, given less, cuts the end off, where the value is. The line's height is fixed, so
nothing around it moves as the text changes.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QFontMetricsF, QPainter
from PySide6.QtWidgets import QLabel, QSizePolicy


class FittingLabel(QLabel):
    """A ``QLabel`` of one line of plain text, drawn whole when it fits and elided in the middle
    when it does not (see the module doc); its full text is its tooltip then. It asks for the
    text's width but takes what it is given. :meth:`shown_text` says what is drawn."""

    def __init__(self, text="", parent=None):
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setMinimumWidth(10)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def sizeHint(self):
        metrics = QFontMetricsF(self.font())
        margins = self.contentsMargins()
        return QSize(int(metrics.horizontalAdvance(self.text())) + 2 + margins.left()
                     + margins.right(), int(metrics.height()) + 4)

    def minimumSizeHint(self):
        return QSize(10, self.sizeHint().height())

    def setText(self, text):
        super().setText(text)
        self._update_tip()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._update_tip()

    def _update_tip(self):
        self.setToolTip("" if self.shown_text() == self.text() else self.text())

    def shown_text(self):
        """The text as drawn in the current width: whole, or with "…" in its middle."""
        width = max(1.0, float(self.contentsRect().width()))
        return QFontMetricsF(self.font()).elidedText(self.text(), Qt.TextElideMode.ElideMiddle,
                                                     width)

    def paintEvent(self, event):
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.setFont(self.font())
        metrics = QFontMetricsF(self.font())
        shown = self.shown_text()
        rect = self.contentsRect()
        right = bool(self.alignment() & Qt.AlignmentFlag.AlignRight)
        x = rect.right() + 1 - metrics.horizontalAdvance(shown) if right else rect.left()
        y = rect.top() + (rect.height() - metrics.height()) / 2 + metrics.ascent()
        painter.drawText(QPointF(x, y), shown)


class WrappedLabel(QLabel):
    """A word-wrapped ``QLabel`` that asks for the height its lines take at its width.

    A layout gives a wrapped label the height of its minimum size hint, worked out for some
    other width; in a narrow box a caption of three lines then got two, and the widget above
    it was drawn under its last line. This one sets its least height from its width."""

    def __init__(self, text="", parent=None):
        super().__init__(text, parent)
        self.setWordWrap(True)

    def setText(self, text):
        super().setText(text)
        self._fit_height()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._fit_height()

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._fit_height()

    def _fit_height(self):
        if self.width() > 0:
            height = self.heightForWidth(self.width())
            if height > 0 and height != self.minimumHeight():
                self.setMinimumHeight(height)
