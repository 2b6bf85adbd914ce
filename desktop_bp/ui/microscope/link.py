"""The microscope in the window: it follows the model in use and the person's drawing, and lays
the saliency ∂C/∂x over the canvas.

:class:`MicroscopeLink` is created by the app's assembly (``ui.app``). It feeds
:class:`~desktop_bp.ui.microscope.view.MicroscopeView` and
:class:`~desktop_bp.ui.microscope.gradcheck_view.GradientCheckView` from the session's
``model_changed`` and the window's ``input_changed``; while the pen moves the microscope is
recomputed at most every :data:`MIN_INTERVAL_MS` (its maths takes a few milliseconds, its drawing
more), and once more when the stroke ends. Work is done only for the page on show.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Slot
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QPushButton,
                               QScrollArea, QTextBrowser, QVBoxLayout, QWidget)

from desktop_bp.core.blas import single_threaded
from desktop_bp.core.network import Network
from desktop_bp.ui import i18n

MIN_INTERVAL_MS = 100
IN_USE, TOY = "in use", "toy"
TOY_SIZES = [4, 3, 3, 2]


def saliency_rgba(saliency):
    """A 28x28 signed array as an RGBA QImage: red where raising the pixel raises the cost of the
    chosen digit (the stroke pushes away from it), blue where it lowers it, transparent at 0."""
    s = np.asarray(saliency, dtype=np.float64)
    scale = float(np.abs(s).max()) or 1.0
    t = np.clip(s / scale, -1.0, 1.0)
    rgba = np.zeros(s.shape + (4,), np.uint8)
    rgba[..., 0] = np.where(t > 0, 220, 40)
    rgba[..., 1] = np.where(t > 0, 50, 110)
    rgba[..., 2] = np.where(t > 0, 40, 230)
    rgba[..., 3] = (np.abs(t) * 200).astype(np.uint8)
    rgba = np.ascontiguousarray(rgba)
    image = QImage(rgba.data, s.shape[1], s.shape[0], 4 * s.shape[1],
                   QImage.Format.Format_RGBA8888)
    return image.copy()         # owns its pixels: the array may go


def field_rect(pre):
    """Where the network's 28x28 field lies on the canvas, as fractions of the canvas (top,
    left, height, width): the preprocessing inverted (crop, stroke width, scale, centring, and
    the shift that keeps a wide or tall drawing inside the field), as the
    :class:`~desktop_bp.core.preprocess.Preprocessed` states it."""
    h, w = pre.source_shape
    top, left, side = pre.field_in_source()
    return (top / h, left / w, side / h, side / w)


def _scrolled():
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    return area


class MicroscopeLink(QObject):
    """See the module doc."""

    def __init__(self, window, session):
        super().__init__(window)
        self.window, self.session = window, session
        self._microscope = self._gradcheck = None     # built when first needed
        self._toy = self._toy_input = None
        self._pre = None
        self._saliency = None       # the last pass's saliency, laid again when the page returns
        self._dirty = False
        self._microscope_behind = False     # the input went to the gradient check page only
        self._clock = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._update)
        # in scroll areas: a page's least size must not set the window's (1024-pixel screens);
        # the views themselves are built when their page is first shown (a faster start)
        self.microscope_page = _scrolled()
        self.gradcheck_page = _scrolled()
        window.add_page(self.microscope_page, self.microscope_title)
        window.add_page(self.gradcheck_page, self.gradcheck_title)
        session.model_changed.connect(self._on_model_changed)
        window.input_changed.connect(self._on_input_changed)
        window.canvas.stroke_finished.connect(self._update_now)
        window.tabs.currentChanged.connect(self._on_page_changed)
        self.tour_action = QAction(window)
        self.tour_action.triggered.connect(self.show_tour)
        window.help_menu.insertAction(window.help_menu.actions()[0], self.tour_action)
        i18n.on_language_change(window.help_menu, self.retranslate)
        self._net_changed = False
        self.retranslate()

    @property
    def microscope(self):
        """The :class:`MicroscopeView` (built on first use)."""
        if self._microscope is None:
            from desktop_bp.ui.microscope.view import MicroscopeView
            self._microscope = MicroscopeView(self.session.network)
            self._microscope.saliency_changed.connect(self._on_saliency)
            # what to look through: the model in use and the drawing, or a toy network small
            # enough that every path from a weight to the cost can be listed
            self.subject_combo = QComboBox()
            self.subject_combo.addItem("", IN_USE)
            self.subject_combo.addItem("", TOY)
            self.subject_combo.currentIndexChanged.connect(self._on_subject_changed)
            self.new_toy_button = QPushButton()
            # (not clicked -> new_toy directly: clicked's "checked" False would be the seed)
            self.new_toy_button.clicked.connect(lambda: self.new_toy())
            self.new_toy_button.setVisible(False)
            row = QHBoxLayout()
            row.addWidget(self.subject_combo)
            row.addWidget(self.new_toy_button)
            row.addStretch(1)
            page = QWidget()
            layout = QVBoxLayout(page)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addLayout(row)
            layout.addWidget(self._microscope, 1)
            self.microscope_page.setWidget(page)
            self._retranslate_subject()
            i18n.on_language_change(page, self._retranslate_subject)
        return self._microscope

    def _retranslate_subject(self):
        self.subject_combo.setItemText(0, self.tr("The model in use, on your drawing"))
        self.subject_combo.setItemText(1, self.tr("A toy network 4-3-3-2 (every path listed)"))
        self.new_toy_button.setText(self.tr("New toy weights"))
        self.new_toy_button.setToolTip(self.tr("Random weights and a random input for the toy "
                                               "network"))

    @property
    def looking_at_toy(self):
        return self._microscope is not None and self.subject_combo.currentData() == TOY

    @Slot()
    def new_toy(self, seed=None):
        """A toy 4-3-3-2 network with random weights and input, in the microscope."""
        rng = np.random.default_rng(seed)
        self._toy = Network(TOY_SIZES, seed=int(rng.integers(2 ** 31)))
        self._toy_input = rng.random(TOY_SIZES[0])
        if self.looking_at_toy:
            self.microscope.set_network(self._toy)
            self.microscope.set_input(self._toy_input, self._source_label())

    @Slot(int)
    def _on_subject_changed(self, index):
        toy = self.looking_at_toy
        self.new_toy_button.setVisible(toy)
        if toy:
            if self._toy is None:
                self.new_toy(seed=0)
            else:
                self.microscope.set_network(self._toy)
                self.microscope.set_input(self._toy_input, self._source_label())
            self.window.canvas.set_saliency(None)
        else:
            self.microscope.set_network(self.session.network)
            self._dirty = True
            self._update_now()

    @property
    def gradcheck(self):
        """The :class:`GradientCheckView` (built on first use)."""
        if self._gradcheck is None:
            from desktop_bp.ui.microscope.gradcheck_view import GradientCheckView
            self._gradcheck = GradientCheckView(self.session.network)
            self.gradcheck_page.setWidget(self._gradcheck)
        return self._gradcheck

    def shutdown(self):
        """Stop a gradient check that is running (the window is closing)."""
        if self._gradcheck is not None:
            self._gradcheck.stop_and_wait()

    def microscope_title(self):
        return self.tr("Microscope")

    def gradcheck_title(self):
        return self.tr("Gradient check")

    def retranslate(self):
        self.tour_action.setText(self.tr("Chapter 2 &tour…"))
        self.tour_action.setStatusTip(self.tr("Chapter 2's lessons, and where the app shows "
                                              "each of them"))
        if self._microscope is not None and self._microscope.bp is not None:
            self._microscope.set_source_label(self._source_label())

    def _source_label(self):
        """What the microscope looks at, in the current language."""
        return self.tr("a random input") if self.looking_at_toy else self.tr("your drawing")

    def _showing(self, page):
        return self.window.tabs.currentWidget() is page

    @Slot(object)
    def _on_model_changed(self, model):
        self._net_changed = True
        self._dirty = True
        self._schedule()

    @Slot(object)
    def _on_input_changed(self, pre):
        self._pre = pre
        self._dirty = True
        if pre is None:
            self.window.canvas.set_saliency(None)
        self._schedule()

    def _schedule(self):
        if not self._showing(self.microscope_page) and not self._showing(self.gradcheck_page):
            return      # done when the page is shown
        if self._timer.isActive():
            return
        waited = self._clock.elapsed() if self._clock.isValid() else MIN_INTERVAL_MS
        self._timer.start(max(0, MIN_INTERVAL_MS - waited))

    @Slot()
    def _update_now(self):
        self._timer.stop()
        self._update()

    @Slot()
    def _update(self):
        if not self._dirty or self._pre is None:
            return
        if not self._showing(self.microscope_page) and not self._showing(self.gradcheck_page):
            return
        self._dirty = False
        self._clock.start()
        view = self.microscope if self._showing(self.microscope_page) else self.gradcheck
        if view is self.microscope and self.looking_at_toy:
            return
        if self._net_changed:
            self._net_changed = False
            if not self.looking_at_toy:     # the toy keeps its own network
                self.microscope.set_network(self.session.network)
            self.gradcheck.set_network(self.session.network)
        if view is self.microscope:
            self.microscope.set_input(self._pre.inputs, self._source_label())
        self._microscope_behind = view is not self.microscope
        self.gradcheck.set_input(self._pre.inputs, self._check_target())

    def _check_target(self):
        """The digit the gradient check measures the cost against: the network's runner-up.
        Against a digit it is sure of, C is about 1e-6 and its derivatives so small that the
        finite differences' rounding (and ReLU kinks) swamp them, which says nothing about
        backprop."""
        net = self.session.network
        if net is None or self._pre is None:
            return None
        with single_threaded():
            outputs = net.feedforward(np.asarray(self._pre.inputs, np.float32)[None, :])[0]
        return int(np.argsort(outputs)[-2])

    @Slot(int)
    def _on_page_changed(self, index):
        if not self._showing(self.microscope_page):
            self.window.canvas.set_saliency(None)   # the overlay is the microscope's alone
        if self._showing(self.microscope_page) or self._showing(self.gradcheck_page):
            if self._net_changed:
                self._net_changed = False
                if not self.looking_at_toy:
                    self.microscope.set_network(self.session.network)
                self.gradcheck.set_network(self.session.network)
                self._dirty = True
            if self._showing(self.microscope_page) and self._microscope_behind:
                self._dirty = True          # a drawing it has not looked at yet
            self._update_now()
            if self._showing(self.microscope_page) and not self._dirty \
                    and self._saliency is not None and not self.looking_at_toy:
                self._on_saliency(self._saliency)       # the pass is the same: so is its overlay

    @Slot(object)
    def _on_saliency(self, saliency):
        self._saliency = saliency
        pre = self._pre
        if pre is None or not self._showing(self.microscope_page):
            self.window.canvas.set_saliency(None)
            return
        self.window.canvas.set_saliency(saliency_rgba(saliency), field_rect(pre))

    @Slot()
    def show_tour(self):
        from desktop_bp.ui.microscope.help import chapter_two_tour
        dialog = QDialog(self.window)
        dialog.setWindowTitle(self.tr("Chapter 2 in this app"))
        browser = QTextBrowser(dialog)
        browser.setOpenExternalLinks(True)
        browser.setHtml(chapter_two_tour())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)      # Close, and Esc
        layout = QVBoxLayout(dialog)
        layout.addWidget(browser)
        layout.addWidget(buttons)
        dialog.resize(640, 560)
        dialog.show()
        return dialog
