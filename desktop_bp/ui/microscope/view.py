"""The backprop microscope page: one backward pass on the current drawing, opened up.

:class:`MicroscopeView` takes a network (:meth:`~MicroscopeView.set_network`) and an input
(:meth:`~MicroscopeView.set_input`), computes the pass with
:class:`desktop_bp.core.microscope.Microscope` and shows it in three tabs: BP1-BP3 layer by
layer (with the saliency), BP4's dC/dw (first layer as 28x28 tiles, a page at a time, and a
weight's read-out beside its finite-difference value), and the global view (nudge a weight).
It owns no maths: every number drawn is the core's.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_bp.core.figures import export_views, tiles, vector_grid
from desktop_bp.core.microscope import COST_NAMES, Microscope, top_neurons
from desktop_bp.ui.i18n import Retranslating
from desktop_bp.ui.microscope.help import BP1, BP2, BP3, BP4, view_help
from desktop_bp.ui.microscope.images import SignedPanel, colour_bar, largest_magnitude
from desktop_bp.ui.microscope.layers import LayerGrid
from desktop_bp.ui.microscope.nudge import NudgePanel
from desktop_bp.ui.microscope.picking import PickOutline, stepped
from desktop_bp.ui.words import function_name
from desktop_bp.ui.wrapping_row import WrappingRow

SIDE = 28
TILES_PER_PAGE = 64
TILE_COLUMNS = 8
AUTO = -1           # the target combo's "predicted digit" entry
#: The width of the input and dC/dx beside the layer grid, and the view's least width to show
#: them (the grid's five columns need about 500 pixels).
SIDE_PANEL_WIDTH = 230
SIDE_PANEL_FROM = 760


class MicroscopeView(Retranslating, QWidget):
    """The microscope page. Signals: ``saliency_changed(object)`` the 28x28 dC/dx of the
    current input (a read-only float array) after every recompute; ``pass_changed(object)``
    the :class:`~desktop_bp.core.microscope.BackwardPass`; ``weight_selected(object)``
    (l, j, k) when a weight is picked."""

    saliency_changed = Signal(object)
    pass_changed = Signal(object)
    weight_selected = Signal(object)

    def __init__(self, net=None, parent=None):
        super().__init__(parent)
        self._scope = None
        self._net = None
        self._x = None
        self.bp = None
        self.page = 0
        self.tile_neurons = np.zeros(0, dtype=np.int64)
        self.weight = None
        self.last_readout = None        # the WeightReadout shown
        self._stale = set()
        self._build_top()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_layers_tab(), "")
        self.tabs.addTab(self._build_weights_tab(), "")
        self.nudge = NudgePanel()
        self.nudge.steepest_requested.connect(self._on_steepest_requested)
        self.tabs.addTab(self.nudge, "")
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.help_label = QLabel()
        self.help_label.setWordWrap(True)
        self.help_label.setTextFormat(Qt.TextFormat.RichText)
        self.help_label.setStyleSheet("background: #fffbe6; border: 1px solid #e0d8a8; padding: 6px")
        self.help_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.top)
        layout.addWidget(self.caption)
        layout.addWidget(self.help_label)
        layout.addWidget(self.tabs, 1)
        self._on_tab_changed(0)
        if net is not None:
            self.set_network(net)
        self.retranslate()

    def retranslate(self):
        """Every fixed text in the current language; the captions and titles drawn from the
        pass are drawn again. A source label given by the caller is the caller's to set."""
        self.tabs.setTabText(0, self.tr("BP1–BP3: layer by layer"))
        self.tabs.setTabText(1, self.tr("BP4: ∂C/∂w"))
        self.nudge.set_weights_tab(self.tabs.tabText(1))
        self.tabs.setTabText(2, self.tr("Global view: nudge a weight"))
        if self._x is None:
            self.source_label.setText(self.tr("No input yet: draw a digit."))
        self.target_combo.setItemText(0, self.tr("predicted digit"))
        self.target_combo.setToolTip(self.tr("The target y: the digit the cost measures the "
                                             "output against"))
        self._name_costs()
        self.cost_combo.setToolTip(self.tr("The cost whose gradient is shown; it may differ from "
                                           "the one the network was trained with"))
        self.export_button.setText(self.tr("Export figures…"))
        self.help_button.setText(self.tr("What am I seeing?"))
        self.target_title.setText(self.tr("Target y:"))
        self.cost_title.setText(self.tr("Cost:"))
        self._title_side()
        # what the pointer was over, read out in the last language: the next hover says it
        self.saliency_readout.setText(" ")
        self.hover_label.setText(" ")
        self._draw_readout()
        if self.bp is not None:
            self._stale |= {0, 1}
            self._draw_current_tab()
        self._draw_caption()
        self._on_help_toggled(self.help_button.isChecked())

    def _name_costs(self):
        """The cost combo's entries, the network's own cost said so."""
        own_cost = None if self._net is None else self._net.cost_name
        for i, name in enumerate(COST_NAMES):
            said = function_name(name)
            self.cost_combo.setItemText(
                i, self.tr("{cost} (the network's own)").format(cost=said)
                if name == own_cost else said)

    # -- construction ---------------------------------------------------------------------------

    def _build_top(self):
        self.source_label = QLabel()
        self.target_combo = QComboBox()
        self.target_combo.addItem("", AUTO)
        for d in range(10):
            self.target_combo.addItem(str(d), d)
        self.cost_combo = QComboBox()
        for name in COST_NAMES:
            self.cost_combo.addItem(name, name)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self._on_export_clicked)
        self.help_button = QToolButton()
        self.help_button.setCheckable(True)
        self.help_button.toggled.connect(self._on_help_toggled)
        self.target_combo.currentIndexChanged.connect(self._on_choice_changed)
        self.cost_combo.currentIndexChanged.connect(self._on_choice_changed)
        self.target_title = QLabel()
        self.cost_title = QLabel()
        # in a narrower window the two buttons go on a line of their own
        self.top = WrappingRow([(self.source_label, 1), self.target_title, self.target_combo,
                                self.cost_title, self.cost_combo],
                               [self.export_button, self.help_button])
        self.caption = QLabel(" ")
        self.caption.setTextFormat(Qt.TextFormat.RichText)
        self.caption.setWordWrap(True)

    def _build_layers_tab(self):
        self.layers = LayerGrid()
        self.side = pg.GraphicsLayoutWidget()
        self.side.setBackground("w")
        self.side.setFixedWidth(SIDE_PANEL_WIDTH)
        ci = self.side.ci
        self.input_panel = SignedPanel(ci, 0, 0, parent=self)
        self.saliency_panel = SignedPanel(ci, 1, 0, "∂C/∂x", parent=self)
        self.saliency_bar = colour_bar(ci, 2, 0, [self.saliency_panel], "∂C/∂x")
        self.saliency_panel.hovered.connect(self._on_saliency_hovered)
        # the drawing's ink laid over the saliency, so the colours read against the strokes
        self.ink_overlay = pg.ImageItem(axisOrder="row-major")
        self.ink_overlay.setZValue(1)
        self.saliency_panel.plot.addItem(self.ink_overlay)
        self.saliency_readout = QLabel(" ")
        self.saliency_readout.setWordWrap(True)
        # the input and dC/dx beside the grid; in a narrow window they give the grid their room
        # (both are on the window's left already: the network's input, the canvas's overlay)
        self.side_column = QWidget()
        self.side_column.setFixedWidth(SIDE_PANEL_WIDTH)
        side = QVBoxLayout(self.side_column)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.side, 1)
        side.addWidget(self.saliency_readout)
        tab = QWidget()
        row = QHBoxLayout(tab)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.layers, 1)
        row.addWidget(self.side_column)
        return tab

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.side_column.setVisible(event.size().width() >= SIDE_PANEL_FROM)

    def _build_weights_tab(self):
        self.weights_view = pg.GraphicsLayoutWidget()
        self.weights_view.setBackground("w")
        # a click picks a weight and gives the view the keys: the arrows then move the pick
        # one cell at a time (a screen pixel may cover two columns of a wide matrix)
        self.weights_view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.weights_view.installEventFilter(self)
        self.pick_outline = PickOutline()
        self.tile_panel = None
        self.matrix_panels = {}
        self.weights_bar = None
        self.prev_button = QPushButton("◀")
        self.next_button = QPushButton("▶")
        self.prev_button.clicked.connect(self.previous_page)
        self.next_button.clicked.connect(self.next_page)
        self.page_label = QLabel()
        self.hover_label = QLabel(" ")
        # what the pointer is over must not set the page's least width (a longer read-out
        # widened the page as the mouse moved, and then it scrolled sideways)
        self.hover_label.setMinimumWidth(1)
        self.readout = QLabel()
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        self.readout.setWordWrap(True)
        self.readout.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.readout.setMinimumWidth(200)
        self.readout.setMaximumWidth(320)
        paging = QHBoxLayout()
        paging.addWidget(self.prev_button)
        paging.addWidget(self.page_label)
        paging.addWidget(self.next_button)
        paging.addWidget(self.hover_label, 1)
        left = QVBoxLayout()
        left.addWidget(self.weights_view, 1)
        left.addLayout(paging)
        tab = QWidget()
        row = QHBoxLayout(tab)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(left, 1)
        row.addWidget(self.readout)
        return tab

    def _build_weight_panels(self, sizes):
        self.weights_view.clear()
        self.pick_outline.forget()
        ci = self.weights_view.ci
        self.matrix_panels = {}
        tiled = sizes[0] == SIDE * SIDE
        later = list(range(3 if tiled else 2, len(sizes) + 1))
        self.tile_panel = None
        if tiled:
            self.tile_panel = SignedPanel(ci, 0, 0, rowspan=max(1, len(later)), parent=self)
            self.tile_panel.hovered.connect(self._on_tile_hovered)
            self.tile_panel.clicked.connect(self._on_tile_clicked)
        for r, l in enumerate(later):
            panel = SignedPanel(ci, r, 1 if tiled else 0, aspect=False, parent=self)
            panel.layer = l
            panel.hovered.connect(self._on_matrix_hovered)
            panel.clicked.connect(self._on_matrix_clicked)
            self.matrix_panels[l] = panel
        if tiled:
            ci.layout.setColumnStretchFactor(0, 3)
            ci.layout.setColumnStretchFactor(1, 2)
        group = ([self.tile_panel] if tiled else []) + list(self.matrix_panels.values())
        self.weights_bar = colour_bar(ci, max(1, len(later)), 0, group, "∂C/∂w",
                                      colspan=2 if tiled else 1)

    # -- inputs ---------------------------------------------------------------------------------

    def set_network(self, net):
        """Show ``net`` (a :class:`~desktop_bp.core.network.Network`); its own cost becomes the
        cost shown. Recomputes for the current input."""
        self._net = net
        self._scope = None if net is None else Microscope(net)
        self.bp = None
        self.weight = None              # a weight picked in another network means nothing here
        self.last_readout = None
        self._draw_readout()
        self.nudge.clear()
        if net is not None:
            self.cost_combo.blockSignals(True)
            self._name_costs()
            if net.cost_name in COST_NAMES:
                self.cost_combo.setCurrentIndex(self.cost_combo.findData(net.cost_name))
            self.cost_combo.blockSignals(False)
            self.layers.set_sizes(net.sizes)
            self._build_weight_panels(net.sizes)
            self.export_button.setEnabled(True)
        self.recompute()

    def refresh_weights(self):
        """The network's weights changed in place (training): take them and recompute."""
        if self._scope is not None:
            self._scope.refresh()
            self.recompute()

    def set_input(self, x, source_label="", target=None):
        """Look at input ``x`` (784 values in [0, 1]; None clears). ``source_label`` says where
        it comes from ("your drawing", "test image 18"); ``target`` picks the target digit (by
        default the predicted one, recomputed at every input)."""
        self._x = None if x is None else np.array(x, dtype=np.float64).reshape(-1)
        self.set_source_label(source_label)
        if target is not None:
            self.target_combo.blockSignals(True)
            self.target_combo.setCurrentIndex(self.target_combo.findData(int(target)))
            self.target_combo.blockSignals(False)
        self.recompute()

    def set_source_label(self, text):
        """Where the input comes from ("your drawing"), translated by the caller, who sets it
        again when the language changes."""
        self.source_label.setText(text or " ")

    def set_target(self, digit):
        """Choose the target digit (None: the predicted one)."""
        self.target_combo.setCurrentIndex(self.target_combo.findData(AUTO if digit is None else int(digit)))

    def set_cost(self, name):
        self.cost_combo.setCurrentIndex(self.cost_combo.findData(name))

    @property
    def cost(self):
        return self.cost_combo.currentData()

    @property
    def target(self):
        """The target digit in use (the prediction when the combo says so), or None."""
        if self.bp is not None:
            return int(self.bp.target[0])
        return None

    @Slot(int)
    def _on_choice_changed(self, _index):
        self.recompute()

    # -- computing and drawing -------------------------------------------------------------------

    def recompute(self):
        """One backward pass for the current input, target and cost, and every view redrawn."""
        if self._scope is None or self._x is None:
            return
        if self._x.shape != (self._net.sizes[0],):
            self.caption.setText(self.tr("This input has {n} values; the network takes {m}.").format(
                n=self._x.size, m=self._net.sizes[0]))
            return
        chosen = self.target_combo.currentData()
        target = None if chosen == AUTO else chosen         # None: the predicted digit
        if target is not None and target >= self._net.sizes[-1]:
            self.caption.setText(self.tr("The network has only {n} outputs: pick a target below "
                                         "{n}.").format(n=self._net.sizes[-1]))
            return
        self.bp = bp = self._scope.look(self._x, target, self.cost)
        self._stale = {0, 1, 2}         # tabs drawn from an older pass: each when it is shown
        self._draw_caption()
        self._draw_current_tab()
        self.pass_changed.emit(bp)
        if bp.x.shape[1] == SIDE * SIDE:
            image = bp.saliency_image().copy()
            image.flags.writeable = False
            self.saliency_changed.emit(image)

    def _draw_current_tab(self):
        tab = self.tabs.currentIndex()
        if self.bp is None or tab not in self._stale:
            return
        self._stale.discard(tab)
        if tab == 0:
            self.layers.show_pass(self.bp)
            self._draw_side()
        elif tab == 1:
            self._draw_weights()
            if self.weight is not None:
                self._show_readout(*self.weight)
        else:
            self.nudge.set_pass(self.bp)

    def _draw_caption(self):
        bp = self.bp
        tab = self.tabs.currentIndex()
        if tab == 0:
            if bp is None:
                cancel = ""
            elif bp.cancels:
                cancel = self.tr("with {cost} and {output} outputs σ′ cancels: "
                                 "δ<sup>L</sup> = a − y").format(cost=function_name(bp.cost),
                                                                output=function_name(bp.output))
            elif bp.output == "softmax":
                cancel = self.tr("softmax couples its outputs: δ<sup>L</sup> = J<sup>T</sup>"
                                 "∇<sub>a</sub>C, and σ′ shows the diagonal a(1 − a)")
            else:
                cancel = self.tr("with the {cost} cost σ′(z<sup>L</sup>) stays in: saturated "
                                 "outputs learn slowly").format(cost=function_name(bp.cost))
            if cancel:
                text = self.tr("<b>BP1</b> (top row): {bp1}; {note}. <b>BP2</b> (rows below): "
                               "{bp2}. <b>BP3</b>: {bp3}.").format(bp1=BP1, note=cancel, bp2=BP2,
                                                                  bp3=BP3)
            else:       # nothing looked at yet: no note
                text = self.tr("<b>BP1</b> (top row): {bp1}. <b>BP2</b> (rows below): {bp2}. "
                               "<b>BP3</b>: {bp3}.").format(bp1=BP1, bp2=BP2, bp3=BP3)
        elif tab == 1:
            text = self.tr("<b>BP4</b>: {bp4}. Layer 2's tiles are the input drawing times each "
                           "neuron's δ.").format(bp4=BP4)
        else:
            text = self.tr("<b>The global view</b>: ΔC ≈ ∂C/∂w · Δw, and ∂C/∂w is the sum over "
                           "all paths from the weight to C of the products of the rates.")
        if bp is not None:
            text += " " + self.tr("Target y = {y}, C = {c:.4g}.").format(y=int(bp.target[0]),
                                                                       c=bp.cost_value)
        self.caption.setText(text)

    def _is_picture(self):
        """Whether the input looked at is a 28x28 picture (else a vector: the toy network's)."""
        return self.bp is None or self.bp.x.shape[1] == SIDE * SIDE

    def _as_grid(self, values):
        """An input-sized vector as the side panels draw it: 28x28, or a row (or near square)
        of cells."""
        values = np.asarray(values, dtype=np.float64)
        return values.reshape(SIDE, SIDE) if values.size == SIDE * SIDE else vector_grid(values)

    def _draw_side(self):
        """The input x and dC/dx beside the grid, for whatever input is looked at: a drawing's
        28x28 (with its ink laid over dC/dx), or a few values (the toy network's 4) as cells."""
        bp = self.bp
        x = self._as_grid(bp.x[0])
        paper = (1.0 - x).astype(np.float32)            # dark ink (1) on white (0)
        paper.flags.writeable = False
        self.input_panel.show_levels(paper, (0.0, 1.0))
        ink = np.zeros(x.shape + (4,), dtype=np.uint8)
        if self._is_picture():      # the strokes over dC/dx, grey, 35 %
            ink[..., 3] = np.rint(90 * np.clip(x, 0.0, 1.0)).astype(np.uint8)
        ink.flags.writeable = False
        self.ink_overlay.setImage(ink, autoLevels=False)
        saliency = self._as_grid(bp.saliency[0])
        scale = largest_magnitude(saliency)
        self.saliency_panel.show(saliency, scale)
        self.saliency_bar.setLevels((-scale, scale))
        self._title_side()

    def _title_side(self):
        """The side panels' titles in the current language, for the input looked at."""
        if self._is_picture():
            self.input_panel.set_title(self.tr("input x"))
        else:
            self.input_panel.set_title(self.tr("input x: {n} values").format(n=self.bp.x.shape[1]))
        self.saliency_panel.set_title(self.tr("∂C/∂x: red raises C, blue lowers it"))

    def _draw_weights(self):
        bp = self.bp
        first = bp.layer(2).nabla_w
        images = []
        for widget in (self.prev_button, self.page_label, self.next_button):
            widget.setVisible(self.tile_panel is not None)     # pages of 28x28 tiles only
        if self.tile_panel is not None:
            pages = max(1, -(-first.shape[0] // TILES_PER_PAGE))
            self.page = min(self.page, pages - 1)
            self.tile_neurons = top_neurons(first, TILES_PER_PAGE, self.page)
            images.append((self.tile_panel, tiles(first[self.tile_neurons], SIDE,
                                                  cols=TILE_COLUMNS), 2))
            self.page_label.setText(self.tr("neurons by |∂C/∂w|, page {p} of {n}").format(
                p=self.page + 1, n=pages))
            self.prev_button.setEnabled(self.page > 0)
            self.next_button.setEnabled(self.page < pages - 1)
        for l, panel in self.matrix_panels.items():
            images.append((panel, bp.layer(l).nabla_w, l))
        scale = largest_magnitude(*[image for _, image, _ in images])
        for panel, image, l in images:
            panel.show(image, scale)
            panel.set_title(self.tr("layer {l} ∂C/∂w, |max| {m:.2g}").format(
                l=l, m=largest_magnitude(image)))
        if self.weights_bar is not None:
            self.weights_bar.setLevels((-scale, scale))
        self._outline_pick()

    @Slot()
    def next_page(self):
        self.page += 1
        if self.bp is not None:
            self._draw_weights()

    @Slot()
    def previous_page(self):
        self.page = max(0, self.page - 1)
        if self.bp is not None:
            self._draw_weights()

    # -- hover and click -------------------------------------------------------------------------

    def _tile_weight(self, cell):
        """(l, j, k) of a cell of the tile image, or None (the gap between tiles)."""
        step = SIDE + 1
        row, col = cell
        if row % step == SIDE or col % step == SIDE:
            return None
        index = (row // step) * TILE_COLUMNS + col // step
        if index >= len(self.tile_neurons):
            return None
        return 2, int(self.tile_neurons[index]), (row % step) * SIDE + col % step

    @Slot(object)
    def _on_tile_hovered(self, cell):
        # leaving one image (None) keeps the read-out: the mouse may have entered another
        weight = None if cell is None or self.bp is None else self._tile_weight(cell)
        if weight is None:
            return
        self._say_weight(*weight)
        self._show_readout(*weight)

    def _say_weight(self, l, j, k):
        """The line under the weights: where w^l_jk is drawn, and its dC/dw."""
        value = self.bp.layer(l).nabla_w[j, k]
        if self.tile_panel is not None and l == 2:
            text = self.tr("neuron {j}, pixel ({x}, {y}): ∂C/∂w = {v:.4g}").format(
                j=j, x=k % SIDE, y=k // SIDE, v=value)
        else:
            text = self.tr("layer {l}, neuron {j}, input {k}: ∂C/∂w = {v:.4g}").format(
                l=l, j=j, k=k, v=value)
        self.hover_label.setText(text)

    @Slot(object)
    def _on_tile_clicked(self, cell):
        weight = None if self.bp is None else self._tile_weight(cell)
        if weight is not None:
            self.select_weight(*weight)
            self.weights_view.setFocus()

    @Slot(object)
    def _on_matrix_hovered(self, cell):
        panel = self.sender()
        if cell is None or self.bp is None:
            return
        self._say_weight(panel.layer, *cell)
        self._show_readout(panel.layer, *cell)

    @Slot(object)
    def _on_matrix_clicked(self, cell):
        panel = self.sender()
        if self.bp is not None:
            self.select_weight(panel.layer, *cell)
            self.weights_view.setFocus()

    @Slot(object)
    def _on_saliency_hovered(self, cell):
        if cell is None or self.bp is None:
            self.saliency_readout.setText(" ")
            return
        y, x = cell
        if not self._is_picture():
            i = y * self._as_grid(self.bp.x[0]).shape[1] + x
            if i < self.bp.x.shape[1]:
                self.saliency_readout.setText(self.tr("input {i}: x = {v:.3f}, ∂C/∂x = {s:.4g}").format(
                    i=i, v=self.bp.x[0, i], s=self.bp.saliency[0, i]))
            return
        self.saliency_readout.setText(self.tr("pixel ({x}, {y}): x = {v:.3f}, ∂C/∂x = {s:.4g}").format(
            x=x, y=y, v=self.bp.x[0, y * SIDE + x], s=self.bp.saliency_image()[y, x]))

    def eventFilter(self, watched, event):
        if watched is self.weights_view and event.type() == QEvent.Type.KeyPress:
            return self.step_weight(event.key(), bool(
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
        return super().eventFilter(watched, event)

    def step_weight(self, key, big=False):
        """Move the picked weight by one cell (ten with ``big``) in the direction of the arrow
        ``key``; False when there is nothing to move or ``key`` is no arrow."""
        if self.weight is None or self.bp is None:
            return False
        l = self.weight[0]
        shape = self.bp.layer(l).nabla_w.shape
        tiled = self.tile_panel is not None and l == 2
        moved = stepped(self.weight, key, shape, tiled, big)
        if moved is None:
            return False
        self.select_weight(*moved)
        return True

    def _outline_pick(self):
        """The picked weight outlined where it is drawn (nowhere: a tile on another page)."""
        cell, panel = None, None
        if self.weight is not None:
            l, j, k = self.weight
            if self.tile_panel is not None and l == 2:
                where = np.flatnonzero(self.tile_neurons == j)
                if where.size:
                    row, col = divmod(int(where[0]), TILE_COLUMNS)
                    panel = self.tile_panel
                    cell = (row * (SIDE + 1) + k // SIDE, col * (SIDE + 1) + k % SIDE)
            elif l in self.matrix_panels:
                panel, cell = self.matrix_panels[l], (j, k)
        self.pick_outline.show(panel if cell else None, *(cell or (0, 0)))

    @Slot(object)
    def _on_steepest_requested(self, weight):
        self.select_weight(*weight)

    def select_weight(self, l, j, k):
        """Pick w^l_jk (book layer numbers) for the read-out and the global view."""
        self.weight = (int(l), int(j), int(k))
        self._show_readout(*self.weight)
        self._say_weight(*self.weight)      # (moved by the arrow keys: the line follows)
        self._outline_pick()
        if 2 in self._stale:
            self.nudge.weight = self.weight     # drawn when its tab is shown
        else:
            self.nudge.set_weight(*self.weight)
        self.weight_selected.emit(self.weight)

    def _draw_readout(self):
        """The picked weight's read-out, or how to get one."""
        if self.bp is not None and self.weight is not None:
            self._show_readout(*self.weight)
        else:
            self.readout.setText(self.tr("Hover over or click a weight to read it out."))

    def _show_readout(self, l, j, k):
        r = self.bp.weight(l, j, k)
        self.last_readout = r
        self.readout.setText(self.tr(
            "<b>w<sup>{l}</sup><sub>{j},{k}</sub></b> = {w:.4g}<br><br>"
            "a<sup>{lm}</sup><sub>{k}</sub> = {a:.6g}<br>δ<sup>{l}</sup><sub>{j}</sub> = {d:.6g}"
            "<br><br><b>∂C/∂w</b> = a<sub>k</sub>·δ<sub>j</sub> = {p:.6e}<br>"
            "finite differences: {fd:.6e}<br><span style='color:#777'>(C(w+ε) − C(w−ε)) / 2ε, "
            "ε = 10<sup>−6</sup>: two more forward passes for this one weight</span>").format(
            l=l, j=j, k=k, lm=l - 1, w=r.weight, a=r.a_in, d=r.delta, p=r.product,
            fd=r.finite_difference))
        if self.weight == (l, j, k):
            self.readout.setText(self.readout.text() + "<br><br><b>" + self.tr(
                "Picked: the arrow keys move it by one row or column (with Shift, by ten).")
                + "</b>")

    # -- help and export -------------------------------------------------------------------------

    @Slot(int)
    def _on_tab_changed(self, index):
        self._draw_current_tab()
        self._draw_caption()
        self._on_help_toggled(self.help_button.isChecked())

    @Slot(bool)
    def _on_help_toggled(self, shown):
        if shown:
            names = {0: ("layers", "saliency"), 1: ("tiles", "readout"), 2: ("nudge",)}
            self.help_label.setText("<br>".join(view_help(n) for n in
                                                names[self.tabs.currentIndex()]))
        self.help_label.setVisible(shown)

    def export_figures(self, folder):
        """Write the views as the CLI does (PNG files and views.txt) into ``folder``; returns
        the paths written (empty when there is nothing to show)."""
        if self.bp is None:
            return []
        steps = self.nudge.steps if self.nudge.weight is not None and self.nudge.steps else None
        return export_views(self.bp, folder, nudge=steps)

    @Slot()
    def _on_export_clicked(self):
        if self.bp is None:
            return
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export figures into a folder"))
        if not folder:
            return
        try:
            written = self.export_figures(folder)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Export figures"),
                                self.tr("The figures could not be written: {reason}. Choose "
                                        "another folder.").format(reason=exc))
            return
        self.source_label.setText(self.tr("{n} files written to {folder}").format(
            n=len(written), folder=folder))
