"""The training page's right side: the live curves above the per-layer heatmaps, in a scroll area.

The mouse wheel over a plot scrolls the page, as over any other part of it; a plot zooms with the
wheel only while Ctrl is held, or after it was clicked (until the pointer leaves it), as maps do.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QGraphicsView, QScrollArea, QSplitter

from desktop_bp.ui.heatmaps import GradientHeatmaps
from desktop_bp.ui.plots import TrainingPlots


class WheelGuard(QObject):
    """An event filter for the viewports of plots inside ``scroll_area``: see the module doc."""

    def __init__(self, scroll_area):
        super().__init__(scroll_area)
        self._scroll = scroll_area
        self._armed = set()

    def watch(self, widget):
        for view in widget.findChildren(QGraphicsView):
            view.viewport().installEventFilter(self)

    def eventFilter(self, obj, event):
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress:
            self._armed.add(id(obj))
        elif kind == QEvent.Type.Leave:
            self._armed.discard(id(obj))
        elif kind == QEvent.Type.Wheel:
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier or id(obj) in self._armed:
                return False        # the plot zooms
            bar = self._scroll.verticalScrollBar()
            steps = event.angleDelta().y() / 120.0
            bar.setValue(bar.value() - int(round(steps * 3 * bar.singleStep())))
            return True
        return False


class PlotsHost(QScrollArea):
    """:attr:`plots` (:class:`~desktop_bp.ui.plots.TrainingPlots`) above :attr:`heatmaps`
    (:class:`~desktop_bp.ui.heatmaps.GradientHeatmaps`)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plots = TrainingPlots()
        self.heatmaps = GradientHeatmaps()
        self.splitter = QSplitter(Qt.Vertical)
        self.splitter.addWidget(self.plots)
        self.splitter.addWidget(self.heatmaps)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setChildrenCollapsible(False)
        self.setWidget(self.splitter)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAsNeeded)
        self.wheel_guard = WheelGuard(self)
        self.rewatch()

    def rewatch(self):
        """Guard the wheel of every plot view (call again after plots were rebuilt)."""
        self.wheel_guard.watch(self.splitter)
