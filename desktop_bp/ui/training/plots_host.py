"""The training page's right side: the live curves above the per-layer heatmaps, in a scroll area.

The mouse wheel over a plot scrolls the page, as over any other part of it; a plot zooms with the
wheel only while Ctrl is held, or after it was clicked (until the pointer leaves it), as maps do.
Over a choice (a combo box) the wheel scrolls the page too, until the choice was clicked.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Slot
from PySide6.QtWidgets import (QComboBox, QGraphicsView, QHBoxLayout, QMessageBox, QScrollArea,
                               QSplitter, QToolButton, QVBoxLayout, QWidget)

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
        # a choice changes with the wheel only once it was clicked: scrolling the page past it
        # must not turn "the 64 largest" into "neurons 577-640"
        for combo in widget.findChildren(QComboBox):
            combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            combo.installEventFilter(self)

    def eventFilter(self, obj, event):
        kind = event.type()
        if isinstance(obj, QComboBox):
            if kind == QEvent.Type.Wheel and not obj.hasFocus():
                self._scroll_by(event)
                return True
            return False
        if kind == QEvent.Type.MouseButtonPress:
            self._armed.add(id(obj))
        elif kind == QEvent.Type.Leave:
            self._armed.discard(id(obj))
        elif kind == QEvent.Type.Wheel:
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier or id(obj) in self._armed:
                return False        # the plot zooms
            self._scroll_by(event)
            return True
        return False

    def _scroll_by(self, event):
        bar = self._scroll.verticalScrollBar()
        steps = event.angleDelta().y() / 120.0
        bar.setValue(bar.value() - int(round(steps * 3 * bar.singleStep())))


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
        self.help_button = QToolButton()
        self.help_button.clicked.connect(self.show_help)
        header = QHBoxLayout()
        header.setContentsMargins(4, 2, 4, 0)
        header.addStretch(1)
        header.addWidget(self.help_button, 0, Qt.AlignmentFlag.AlignTop)
        self._header = header
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        self._page_layout = layout
        layout.addWidget(self.splitter, 1)
        self.setWidget(page)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAsNeeded)
        self.wheel_guard = WheelGuard(self)
        self.rewatch()
        self.retranslate()

    def add_header_widget(self, widget):
        """Put ``widget`` in a row of its own, the width of the page, above the plots."""
        self._page_layout.insertWidget(1, widget)

    def retranslate(self):
        self.help_button.setText(self.tr("What am I seeing?"))

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def help_html(self):
        return self.tr(
            "<h3>The curves</h3>"
            "<p><b>Cost</b>: the quadratic (or cross-entropy, log-likelihood) cost C averaged "
            "over the training set after each epoch, and over the validation set; the thin "
            "line is each mini-batch's cost. Gradient descent makes C fall; a cost that rises "
            "or explodes means η is too large.</p>"
            "<p><b>Accuracy</b>: the share of validation and test images named right after "
            "each epoch (the book's dashed line, where a preset matches it).</p>"
            "<p><b>Saturation</b>: the share of neurons whose σ′(z) is below 0.01. A saturated "
            "neuron passes almost no error back (BP2: δ = (wᵀδ) ⊙ σ′(z)), so its weights "
            "learn slowly: chapter 2's first lesson.</p>"
            "<p><b>Gradient size</b>: the mini-batch mean |∂C/∂w| per layer, on a log scale. "
            "Layers far from the output often learn more slowly (smaller gradients).</p>"
            "<h3>The heatmaps</h3>"
            "<p>∂C/∂w = a<sub>in</sub>·δ<sub>out</sub> (BP4) for the latest mini-batch, or the "
            "weights w themselves; red is positive, blue negative. The first layer is drawn as "
            "one 28×28 tile per hidden neuron: a<sub>in</sub> is the input image, so its "
            "gradient tiles look like the digits being learned from, and weights fed by "
            "pixels that are always 0 (the border) never change: small activations learn "
            "slowly. With the scale held over the run, vanishing gradients fade to white and "
            "exploding ones stand out.</p>")

    @Slot()
    def show_help(self):
        QMessageBox.information(self, self.tr("What am I seeing?"), self.help_html())

    def rewatch(self):
        """Guard the wheel of every plot view (call again after plots were rebuilt)."""
        self.wheel_guard.watch(self.splitter)
