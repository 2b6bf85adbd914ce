"""A splitter whose panels sit side by side when the width holds them all, else one above the
other.

A horizontal splitter asks for the least widths of all its panels together: on a page in a
scroll area, a window narrower than that scrolls sideways and cuts the panels at the right. This
splitter asks only for the width of its widest panel, and turns vertical whenever its panels do
not fit side by side. Nested, the inner one keeps its panels side by side as long as they fit:
the outer one counts the inner one's side-by-side width, so it stacks first.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QSplitter


def least_width(widget):
    """The width ``widget`` needs side by side with others (a stacking splitter: its panels
    side by side)."""
    if isinstance(widget, StackingSplitter):
        return widget.side_by_side_width()
    return widget.minimumWidth() or widget.minimumSizeHint().width()


class StackingSplitter(QSplitter):
    """A :class:`QSplitter` that is horizontal when its width holds every panel's least
    width, else vertical. :meth:`stacked` says which."""

    def __init__(self, parent=None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setChildrenCollapsible(False)

    def _panels(self):
        return [self.widget(i) for i in range(self.count()) if not self.widget(i).isHidden()]

    def side_by_side_width(self):
        panels = self._panels()
        return (sum(least_width(w) for w in panels)
                + self.handleWidth() * max(len(panels) - 1, 0))

    def stacked(self):
        return self.orientation() == Qt.Orientation.Vertical

    def minimumSizeHint(self):
        # the height is the current orientation's; the width, only the widest panel's
        widest = max((w.minimumWidth() or w.minimumSizeHint().width() for w in self._panels()),
                     default=0)
        return QSize(widest, super().minimumSizeHint().height())

    def _arrange(self, width):
        wanted = (Qt.Orientation.Horizontal if width >= self.side_by_side_width()
                  else Qt.Orientation.Vertical)
        if wanted != self.orientation():
            self.setOrientation(wanted)
            self.updateGeometry()

    def resizeEvent(self, event):
        self._arrange(event.size().width())
        super().resizeEvent(event)

    def event(self, event):
        # a panel's least width changed (new words after a language switch): the same width
        # may now hold them side by side, or no longer
        if event.type() == QEvent.Type.LayoutRequest:
            self._arrange(self.width())
        return super().event(event)
