"""The global view: nudge one weight with a slider and watch Delta z, Delta a travel to C;
the measured Delta C beside dC/dw Delta w for shrinking Delta w; the paths from the weight to C."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSlider,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_bp.core.figures import vector_grid
from desktop_bp.core.microscope import PathLimitError
from desktop_bp.ui.i18n import Retranslating
from desktop_bp.ui.microscope.images import SignedPanel, colour_map, largest_magnitude

#: The table's steps: Delta w = 1, 0.1, ..., 1e-5 times the sign of the slider.
SHRINKING = tuple(10.0 ** -p for p in range(6))
#: Slider positions: -100 .. 100, Delta w = sign * 10^(-4 + 4 |v| / 100) (0 at the middle).
SLIDER_RANGE = 100
#: A weight's paths are all listed up to this many; beyond, the largest products.
LISTED_PATHS = 12
SHOWN_PATHS = 8


class _ChangeView(pg.GraphicsLayoutWidget):
    """The images of the change: they take the room left, and ask for little (the default
    asks for its scene's size, and the page then scrolled in a 1280x800 window)."""

    def sizeHint(self):
        return QSize(400, 200)


def slider_to_dw(v):
    if v == 0:
        return 0.0
    return math.copysign(10.0 ** (-4 + 4 * abs(v) / SLIDER_RANGE), v)


class NudgePanel(Retranslating, QWidget):
    """:meth:`set_pass` gives the backward pass, :meth:`set_weight` the weight (book layer l,
    neuron j, input k); the slider sets Delta w. A weight is picked on the BP4 tab, or here with
    the "steepest weight" button: ``steepest_requested(object)`` then carries (l, j, k), the
    weight with the largest |dC/dw| of the earliest layer whose paths are all listed."""

    steepest_requested = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.weights_tab = "BP4"        # the name of the tab with the dC/dw tiles and matrices
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setWordWrap(True)
        self.steepest_button = QPushButton()
        self.steepest_button.clicked.connect(self._on_steepest_clicked)
        self.steepest_button.setEnabled(False)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(-SLIDER_RANGE, SLIDER_RANGE)
        self.slider.setValue(SLIDER_RANGE // 2)
        self.slider.valueChanged.connect(self._on_slider)
        self.dw_label = QLabel()
        self.dw_label.setMinimumWidth(110)
        self.result = QLabel(" ")
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.result.setWordWrap(True)       # a long line must not widen the page
        self.view = _ChangeView()
        self.view.setBackground("w")
        self.view.setMinimumHeight(120)
        self.table = QTableWidget(len(SHRINKING), 4)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        # as tall as its rows: every step shown, no inner scrolling
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.paths = QLabel(" ")
        self.paths.setTextFormat(Qt.TextFormat.RichText)
        self.paths.setWordWrap(True)
        self.paths.setAlignment(Qt.AlignmentFlag.AlignTop)
        row = QHBoxLayout()
        row.addWidget(QLabel("Δw"))
        row.addWidget(self.slider, 1)
        row.addWidget(self.dw_label)
        below = QHBoxLayout()
        below.addWidget(self.table, 3)
        below.addWidget(self.paths, 2)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.steepest_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addLayout(row)
        layout.addWidget(self.result)
        layout.addWidget(self.view, 1)
        layout.addLayout(below)
        self._pass = None
        self.weight = None
        self.panels = []
        self._layers = None
        self.steps = []         # the table's NudgeSteps, largest Delta w first
        self.listed_paths = 0   # how many paths the list shows
        self._on_slider(self.slider.value())
        self.retranslate()

    def retranslate(self):
        self.slider.setToolTip(self.tr("Δw, on a logarithmic scale from −1 to +1 (0 in the "
                                       "middle)"))
        self.table.setHorizontalHeaderLabels(["Δw", self.tr("ΔC measured"), "∂C/∂w · Δw",
                                              self.tr("ratio")])
        self._name_steepest()
        self.steepest_button.setToolTip(self.tr("The weight with the largest |∂C/∂w| of the "
                                                "earliest layer whose paths to C can all be "
                                                "listed"))
        self.refresh()

    def _name_steepest(self):
        """The button says which layer it picks in (the earliest whose paths are all listed,
        not the steepest of the whole network)."""
        layer = self.steepest_layer() if hasattr(self, "_pass") else None
        self.steepest_button.setText(
            self.tr("Pick the steepest weight") if layer is None else
            self.tr("Pick the steepest weight of layer {0}").format(layer))

    def set_weights_tab(self, name):
        """The name of the tab where weights are picked (the caller's, translated)."""
        self.weights_tab = name
        self.refresh(table=False)

    def steepest_layer(self):
        """The earliest layer whose weights' paths to C are all listed (the last layer when
        none is), or None before a pass."""
        bp = self._pass
        if bp is None:
            return None
        return next((l for l in range(2, bp.L + 1) if bp.path_count(l) <= LISTED_PATHS), bp.L)

    @Slot()
    def _on_steepest_clicked(self):
        if self._pass is not None:
            self.steepest_requested.emit(self._pass.steepest_weight(self.steepest_layer()))

    @property
    def dw(self):
        return slider_to_dw(self.slider.value())

    def set_pass(self, bp):
        self._pass = bp
        self.steepest_button.setEnabled(bp is not None)
        self._name_steepest()
        if self.weight is not None:
            l, j, k = self.weight
            if not 2 <= l <= bp.L or j >= bp.weights[l - 2].shape[0] \
                    or k >= bp.weights[l - 2].shape[1]:
                self.weight = None      # a weight of another network
        self.refresh()

    def clear(self):
        """Forget the weight and everything drawn for it (another network is looked at)."""
        self.weight = None
        self.refresh()

    def set_weight(self, l, j, k):
        self.weight = (int(l), int(j), int(k))
        self.refresh()

    def _build(self, layers):
        if layers == self._layers:
            return
        self._layers = layers
        self.view.clear()
        ci = self.view.ci
        self.panels = []
        for col, l in enumerate(layers):
            pz = SignedPanel(ci, 0, col, parent=self)
            pa = SignedPanel(ci, 1, col, parent=self)
            self.panels.append((l, pz, pa))
        # each panel on its own scale (its title says it): the change shrinks, or grows, by
        # orders of magnitude from layer to layer, and a shared scale would hide the later ones
        cmap = colour_map()
        for _, pz, pa in self.panels:
            pz.image.setColorMap(cmap)
            pa.image.setColorMap(cmap)

    @Slot(int)
    def _on_slider(self, value):
        self.dw_label.setText(f"Δw = {slider_to_dw(value):+.3g}")
        self.refresh(table=False)

    def refresh(self, table=True):
        bp, weight = self._pass, self.weight
        if bp is None or weight is None:
            # nothing picked (or the pick belonged to another network): no old figures
            self.title.setText(self.tr("Pick a weight on the <b>{tab}</b> tab (click a pixel of "
                                       "a ∂C/∂w tile or a cell of a ∂C/∂w matrix), or here with "
                                       "<i>{button}</i>.").format(
                tab=self.weights_tab, button=self.steepest_button.text()))
            self.result.setText(" ")
            self.paths.setText(" ")
            self.listed_paths = 0
            self.steps = []
            self.table.clearContents()
            self.view.clear()
            self.panels, self._layers = [], None
            return
        l, j, k = weight
        gradient = float(bp.layer(l).nabla_w[j, k])
        title = self.tr(
            "Nudging w<sup>{l}</sup><sub>{j},{k}</sub> = {w:.4g} (∂C/∂w = {g:.4g}): the change "
            "moves z<sup>{l}</sup><sub>{j}</sub>, then every later layer, then C.").format(
            l=l, j=j, k=k, w=float(bp.weights[l - 2][j, k]), g=gradient)
        if bp.weight(l, j, k, finite_difference=False).a_in == 0.0:
            # every figure below is 0, and why is the lesson itself
            title += " " + self.tr(
                "<b>Its input a<sup>{lm}</sup><sub>{k}</sub> is 0 for this drawing</b>, so "
                "nudging it changes nothing and ∂C/∂w = a·δ = 0: a weight fed by a small "
                "activation learns slowly. Pick a weight whose input is not 0 (a pixel of the "
                "ink, or an active neuron).").format(lm=l - 1, k=k)
        self.title.setText(title)
        dw = self.dw
        step = bp.nudge(l, j, k, dws=(dw,))[0]
        self._build(list(range(l, bp.L + 1)))
        for (lay, pz, pa), dz, da in zip(self.panels, step.dz, step.da):
            for panel, name, values in ((pz, "Δz", dz[0]), (pa, "Δa", da[0])):
                scale = largest_magnitude(values)
                panel.show(vector_grid(values), scale)
                panel.set_title(self.tr("{name}<sup>{l}</sup>, blue −{s:.2g} … red +{s:.2g}").format(
                    name=name, l=lay, s=scale))
        self.result.setText(self.tr(
            "Δw = {dw:+.3g}: measured ΔC = {dc:+.4e}, ∂C/∂w · Δw = {p:+.4e}").format(
            dw=dw, dc=step.dC, p=step.predicted))
        if table:
            self._fill_table(bp, l, j, k, gradient)

    def _fill_table(self, bp, l, j, k, gradient):
        sign = -1.0 if gradient > 0 else 1.0        # the direction that lowers C
        self.steps = bp.nudge(l, j, k, dws=[sign * d for d in SHRINKING])
        for r, s in enumerate(self.steps):
            ratio = f"{s.dC / s.predicted:.6f}" if s.predicted else "—"
            # (four digits: the ratio column says how closely they agree, and longer numbers
            # were cut in a window 1024 pixels wide)
            for c, text in enumerate((f"{s.dw:+.0e}", f"{s.dC:+.4g}", f"{s.predicted:+.4g}",
                                      ratio)):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        try:
            paths = bp.paths(l, j, k)
        except PathLimitError:
            self.listed_paths = 0
            self.paths.setText(self.tr("{n:,} paths lead from this weight to C: too many to list "
                                       "here. Pick a weight of a later layer.").format(
                n=bp.path_count(l)))
            return
        n = len(paths.products)
        shown = paths.largest(n if n <= LISTED_PATHS else SHOWN_PATHS)
        self.listed_paths = len(shown)
        rows = "".join(f"<tr><td>{' → '.join(str(q) for q in neurons)}</td>"
                       f"<td align='right'>{product:+.3e}</td></tr>"
                       for neurons, product in shown)
        if len(shown) == n:
            heading = self.tr("<b>%n path(s)</b> from w<sup>{l}</sup><sub>{j},{k}</sub> to C "
                              "(neurons of layers {l}…{L}; largest products first):", "", n)
        else:
            heading = self.tr("<b>%n paths</b> from w<sup>{l}</sup><sub>{j},{k}</sub> to C "
                              "(neurons of layers {l}…{L}); the {shown} with the largest "
                              "products:", "", n)
        self.paths.setText(heading.format(l=l, j=j, k=k, L=bp.L, shown=len(shown))
                           + self.tr("<table>{rows}</table>sum of all paths = {total:.6e}<br>"
                                     "backprop's ∂C/∂w = {bp:.6e}").format(
                               rows=rows, total=paths.total, bp=paths.backprop))

    def table_values(self):
        """[(dw, dC, predicted)] of the table (for tests)."""
        return [(s.dw, s.dC, s.predicted) for s in self.steps]

