"""A row of controls that breaks into two rows when the window is too narrow for one.

A row of controls as wide as all of them together sets the least width of the page it is on:
in a narrow window that page then scrolls sideways, and the plots below it are cut off at the
right. This row asks only for the width of its wider half, and puts its second half on a line
of its own whenever the two do not fit side by side.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QHBoxLayout, QLayout, QVBoxLayout, QWidget

#: Put in a half's list for a stretch that pushes what follows to the right.
STRETCH = "stretch"


class WrappingRow(QWidget):
    """``first`` and ``second`` (lists of widgets, ``(widget, stretch factor)`` pairs or
    :data:`STRETCH`) on one line when they fit, else ``second`` on a line below ``first``.
    :attr:`wrapped` says which."""

    def __init__(self, first, second, parent=None, margins=(0, 0, 0, 0)):
        super().__init__(parent)
        self._first, self._second = list(first), list(second)
        self._top, self._bottom = QHBoxLayout(), QHBoxLayout()
        for row in (self._top, self._bottom):
            row.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(*margins)
        layout.setSpacing(2)
        layout.addLayout(self._top)
        layout.addLayout(self._bottom)
        # this widget decides its least width itself (minimumSizeHint), not its layout: with
        # both halves on one line the layout's least width is the one this row must not ask
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.wrapped = None
        self._arrange(False)

    @staticmethod
    def _fill(row, items):
        for item in items:
            if isinstance(item, str):
                row.addStretch(1)
            elif isinstance(item, tuple):
                row.addWidget(*item)
            else:
                row.addWidget(item)

    @staticmethod
    def _clear(row):
        while row.count():
            row.takeAt(0)

    def _arrange(self, wrapped):
        if wrapped == self.wrapped:
            return
        self.wrapped = wrapped
        self._clear(self._top)
        self._clear(self._bottom)
        lines = [(self._top, self._first), (self._bottom, self._second)] if wrapped else \
            [(self._top, self._first + self._second)]
        for row, items in lines:
            self._fill(row, items)
            if not any(isinstance(item, str) or (isinstance(item, tuple) and item[1] > 0)
                       for item in items):
                row.addStretch(1)       # nothing takes the room left: the line keeps left
        self.updateGeometry()

    def _width_of(self, items):
        """The least width of ``items`` on a line (as a layout takes it: a widget's minimum
        width where one is set, else its minimum size hint)."""
        widgets = [item[0] if isinstance(item, tuple) else item for item in items
                   if not isinstance(item, str)]
        widgets = [w for w in widgets if not w.isHidden()]
        if not widgets:
            return 0
        spacing = max(0, self._top.spacing())
        margins = self.layout().contentsMargins()
        return (sum(w.minimumWidth() or w.minimumSizeHint().width() for w in widgets)
                + spacing * (len(widgets) - 1) + margins.left() + margins.right())

    def one_line_width(self):
        """The least width with both halves on one line."""
        spacing = max(0, self._top.spacing())
        return self._width_of(self._first) + spacing + self._width_of(self._second)

    def minimumSizeHint(self):
        height = self.layout().minimumSize().height()
        return QSize(max(self._width_of(self._first), self._width_of(self._second)), height)

    def sizeHint(self):
        hint = self.layout().sizeHint()
        return QSize(max(hint.width(), self.minimumSizeHint().width()), hint.height())

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._arrange(event.size().width() < self.one_line_width())

    def event(self, event):
        # a child's size changed (new words after a language switch, a widget shown or
        # hidden): the same width may now hold both halves, or no longer
        if event.type() == QEvent.Type.LayoutRequest:
            self._arrange(self.width() < self.one_line_width())
        return super().event(event)
