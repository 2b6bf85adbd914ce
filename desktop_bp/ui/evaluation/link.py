"""The Evaluate page in the window: the model in use evaluated on MNIST, and the person's own
handwriting kept, measured and fed back to training.

:class:`EvaluationLink` is created by the app's assembly (``ui.app``). The page's views are built
when it is first shown. It follows the session's model in use; a click on an image of the
confusion matrix (or of the personal set) puts that image in the window's input view, prediction
and microscope; an evaluation's figures are stored in the model's metadata, so that a saved model
shows them at once next time; "Keep" adds the drawing on the canvas to the personal set.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPushButton, QScrollArea,
                               QSplitter, QVBoxLayout, QWidget)

from desktop_bp.core.personal_set import PersonalSet
from desktop_bp.ui import i18n


class EvaluationLink(QObject):
    """See the module doc. ``mnist_folder()``: the folder MNIST is read from (None: the usual
    search), for the evaluation's data."""

    def __init__(self, window, session, mnist_folder=lambda: None, personal_set=None):
        super().__init__(window)
        self.window, self.session = window, session
        self._mnist_folder = mnist_folder
        self.personal_set = personal_set if personal_set is not None else PersonalSet()
        self._view = self._personal_view = None
        self._pre = None
        self._stale = True
        self.page = QScrollArea()
        self.page.setWidgetResizable(True)
        self.page.setFrameShape(QScrollArea.Shape.NoFrame)
        window.add_page(self.page, self.title)
        window.tabs.currentChanged.connect(self._on_page_changed)
        session.model_changed.connect(self._on_model_changed)
        window.input_changed.connect(self._on_input_changed)
        # the handwriting's accuracy under the prediction, said again in the new language
        i18n.on_language_change(self.page, self._update_personal_accuracy)

    def title(self):
        return self.tr("Evaluate")

    # -- the views, built on first use ----------------------------------------------------------

    @property
    def view(self):
        if self._view is None:
            self._build()
        return self._view

    @property
    def personal_view(self):
        if self._personal_view is None:
            self._build()
        return self._personal_view

    def _build(self):
        from desktop_bp.ui.evaluation.personal import PersonalSetView
        from desktop_bp.ui.evaluation.view import EvaluationView

        self._view = EvaluationView()
        self._view.set_data_loader(self._load)
        self._view.image_chosen.connect(self._show_image)
        self._view.evaluated.connect(self._store)
        self._personal_view = PersonalSetView(self.personal_set)
        self._personal_view.image_chosen.connect(self._show_image)
        self._personal_view.changed.connect(self._on_personal_changed)
        self.label_title = QLabel()
        self.label_combo = QComboBox()
        for digit in range(10):
            self.label_combo.addItem(str(digit), digit)
        self.keep_button = QPushButton()
        self.keep_button.clicked.connect(self.keep_drawing)
        keep = QHBoxLayout()
        keep.addWidget(self.label_title)
        keep.addWidget(self.label_combo)
        keep.addWidget(self.keep_button)
        keep.addStretch(1)
        personal = QWidget()
        layout = QVBoxLayout(personal)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(keep)
        layout.addWidget(self._personal_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._view)
        splitter.addWidget(personal)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        # neither part is ever squeezed below its least height: the page scrolls instead
        splitter.setChildrenCollapsible(False)
        self.page.setWidget(splitter)
        i18n.on_language_change(personal, self.retranslate)
        self.retranslate()
        self._on_input_changed(self._pre)   # a digit drawn before the page was first shown
        self._refresh()

    def retranslate(self):
        self.label_title.setText(self.tr("Your drawing is a"))
        self.keep_button.setText(self.tr("Keep it in my handwriting"))
        self.keep_button.setToolTip(self.tr(
            "Add the drawing on the canvas, labelled with the digit it really is, to your own "
            "handwriting set (PNG files and a labels file in the app's data folder)"))

    def shutdown(self):
        if self._view is not None:
            self._view.shutdown()

    # -- following the window -------------------------------------------------------------------

    def _showing(self):
        return self.window.tabs.currentWidget() is self.page

    @Slot(int)
    def _on_page_changed(self, index):
        if self._showing():
            self.view          # noqa: B018 - built on first show
            if self._stale:
                self._refresh()

    @Slot(object)
    def _on_model_changed(self, model):
        self._stale = True
        if self._showing():
            self._refresh()
        self._update_personal_accuracy()

    def _refresh(self):
        self._stale = False
        net = self.session.network
        self._view.set_network(net)
        self._personal_view.set_network(net)

    @Slot(object)
    def _on_input_changed(self, pre):
        self._pre = pre
        if self._personal_view is not None:
            self._personal_view.forget_message()    # "Kept as a 7." was the last drawing's
        if pre is not None and self._view is not None:
            digit = self.window.prediction_view.digit()
            if digit is not None:
                self.label_combo.setCurrentIndex(digit)

    def _load(self, name):
        """Runs in the evaluation's worker thread: the MNIST set ``name``."""
        from desktop_bp.core.mnist import load_mnist
        training, validation, test = load_mnist(self._mnist_folder())
        return test if name == "test" else validation

    @Slot(object)
    def _store(self, done):
        """An evaluation finished: its figures go into the model's metadata (saved with it)."""
        from desktop_bp.core.evaluation import store_summary
        net = self.session.network
        if net is not None:
            store_summary(net, done.name, done.evaluation)

    @Slot(object)
    def _show_image(self, inputs):
        self.window.show_image(inputs)

    @Slot()
    def keep_drawing(self):
        """Keep the drawing on the canvas in the personal set, with the digit chosen."""
        pre = self.window.last_preprocessed()
        if pre is None:
            self.window.statusBar().showMessage(self.tr("Draw a digit first."), 5000)
            return False
        label = int(self.label_combo.currentData())
        self.personal_view.add_drawing(pre.inputs, label, self.window.canvas.to_array())
        self.window.statusBar().showMessage(
            self.tr("Kept as a {0} in your handwriting ({1} drawings).").format(
                label, len(self.personal_set)), 5000)
        return True

    @Slot()
    def _on_personal_changed(self):
        self._update_personal_accuracy()

    def _update_personal_accuracy(self):
        """Beside the MNIST test accuracy, under the prediction: how the model in use reads
        the person's own handwriting."""
        net = self.session.network
        n = len(self.personal_set)
        if net is None or n == 0:
            self.window.set_personal_accuracy("")
            return
        accuracy = self.personal_set.accuracy(net)
        self.window.set_personal_accuracy(self.tr("your handwriting: {0:.0f}% of {1}").format(
            100 * accuracy, n))
