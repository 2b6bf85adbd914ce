"""The evaluation view: where does the model in use fail?

Evaluate runs in a worker thread (progress bar, Cancel; the window never freezes). The result
shows as the accuracy and cost, a table of per-digit precision and recall, and the confusion
matrix; clicking a cell lists its images as thumbnails (true digit, predicted digit, confidence),
the most confident mistakes first; clicking a thumbnail emits ``image_chosen`` with its 784
inputs, for the canvas or the microscope.

A model whose file already holds an evaluation (``metadata["evaluation"]``) shows it at once
from :meth:`set_network`; its images are listed after the next Evaluate.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (QComboBox, QHeaderView, QLabel, QProgressBar, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from desktop_bp.core.evaluation import recorded_accuracy, stored_summary
from desktop_bp.ui.evaluation.confusion import ConfusionHeatmap
from desktop_bp.ui.evaluation.stacking import StackingSplitter
from desktop_bp.ui.evaluation.thumbnails import ThumbnailList
from desktop_bp.ui.evaluation.worker import EvaluationJob, EvaluationRunner
from desktop_bp.ui.i18n import Retranslating
from desktop_bp.ui.wrapping_row import WrappingRow

MAX_THUMBNAILS = 200
SETS = ("test", "validation")


class EvaluationView(Retranslating, QWidget):
    """Public API: :meth:`set_network`, :meth:`set_data`, :meth:`set_data_loader`,
    :meth:`evaluate`, :meth:`cancel`, :meth:`show_cell`, :meth:`shutdown`.

    Signals: ``image_chosen(object)`` (a (784,) input), ``evaluated(object)`` (an
    :class:`~desktop_bp.ui.evaluation.worker.EvaluationDone`: store its summary in the model's
    metadata with :func:`desktop_bp.core.evaluation.store_summary`), ``running_changed(bool)``.
    """

    image_chosen = Signal(object)
    evaluated = Signal(object)
    running_changed = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._net = None
        self._data = {}
        self._loader = None
        self._results = {}           # set name -> EvaluationDone of the network shown
        self._outcome = None         # of the running job: None until it is done or failed
        self._token = 0              # counts the networks shown; a late result of another is dropped
        self._runner = EvaluationRunner(self)
        self._runner.progress.connect(self._on_progress)
        self._runner.done.connect(self._on_done)
        self._runner.error.connect(self._on_error)
        self._runner.running_changed.connect(self._on_running_changed)
        # label name -> a function giving its text in the current language (see retranslate)
        self._texts = {}

        self.set_choice = QComboBox()
        self.set_choice.addItem("", "test")
        self.set_choice.addItem("", "validation")
        self.evaluate_button = QPushButton()
        self.cancel_button = QPushButton()
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.set_choice.currentIndexChanged.connect(self._on_set_changed)
        self.evaluate_button.clicked.connect(self.evaluate)
        self.cancel_button.clicked.connect(self.cancel)

        self.data_label = QLabel()
        self.progress.setMinimumWidth(160)
        # in a narrow window the progress bar goes on a line of its own
        self.top_row = WrappingRow([self.data_label, self.set_choice, self.evaluate_button,
                                    self.cancel_button], [(self.progress, 1)])

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.table = QTableWidget(10, 3)
        self.table.verticalHeader().setVisible(False)
        # rows as tall as their text: the ten digits fit beside the matrix without scrolling
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setMinimumWidth(220)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.table, 1)

        self.heatmap = ConfusionHeatmap()
        self.heatmap.cell_clicked.connect(self._on_cell_clicked)

        self.cell_title = QLabel()
        self.cell_title.setWordWrap(True)
        self.thumbnails = ThumbnailList()
        self.thumbnails.image_chosen.connect(self._on_image_chosen)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.cell_title)
        right_layout.addWidget(self.thumbnails, 1)
        right.setMinimumWidth(230)      # two columns of thumbnails

        # the figures beside the matrix, and the matrix's images beside both; in a narrow
        # window the images go below, and in a narrower one the figures above the matrix
        self.figures = StackingSplitter()
        self.figures.addWidget(left)
        self.figures.addWidget(self.heatmap)
        self.figures.setStretchFactor(0, 2)
        self.figures.setStretchFactor(1, 4)
        self.panels = StackingSplitter()
        self.panels.addWidget(self.figures)
        self.panels.addWidget(right)
        self.panels.setStretchFactor(0, 6)
        self.panels.setStretchFactor(1, 3)

        layout = QVBoxLayout(self)
        layout.addWidget(self.top_row)
        layout.addWidget(self.status)
        layout.addWidget(self.panels, 1)
        self._update_buttons()
        self._say("status", lambda: self.tr("Evaluate the model to see where it fails."))
        self._say("cell_title", lambda: self.tr("Click a cell of the matrix to see its images."))
        self.retranslate()

    def retranslate(self):
        """Every text in the current language; the status, summary and cell title say what
        they said, again."""
        self.set_choice.setItemText(0, self.tr("Test set"))
        self.set_choice.setItemText(1, self.tr("Validation set"))
        self.evaluate_button.setText(self.tr("Evaluate"))
        self.evaluate_button.setToolTip(self.tr("Run the model in use on every image of the "
                                                "chosen set"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.data_label.setText(self.tr("Data:"))
        self.table.setHorizontalHeaderLabels([self.tr("Digit"), self.tr("Precision"),
                                              self.tr("Recall")])
        self.table.setToolTip(self.tr("Precision: of the images called this digit, the share "
                                      "that are it. Recall: of the images of this digit, the "
                                      "share called it."))
        for name, text in self._texts.items():
            getattr(self, name).setText(text())

    def _say(self, name, text):
        """Set the label ``name`` (an attribute) to ``text()``, and again at each change of
        language."""
        self._texts[name] = text
        getattr(self, name).setText(text())

    # -- inputs --------------------------------------------------------------------------------

    def set_network(self, net):
        """The model to evaluate (None: none). A stored evaluation in its metadata is shown.
        An evaluation still running for the previous model is cancelled."""
        self._runner.cancel()
        self._token += 1
        self._net = net
        self._results = {}
        self._show_chosen()
        self._update_buttons()

    def _show_chosen(self):
        """The figures of the chosen set: this session's evaluation, else the stored one."""
        self.thumbnails.set_items([])
        self._say("cell_title", lambda: self.tr("Click a cell of the matrix to see its images."))
        done = self._results.get(self._chosen_set())
        summary = None if self._net is None else stored_summary(self._net, self._chosen_set())
        if done is not None:
            self._show_summary(done.evaluation.summary(), stored=False)
        elif summary is not None:
            self._show_summary(summary, stored=True)
        else:
            self._clear_figures()

    def set_data(self, test=None, validation=None):
        """``(images (n, 784), labels (n,))`` pairs to evaluate on."""
        self._data = {name: data for name, data in (("test", test), ("validation", validation))
                      if data is not None}
        self._update_buttons()

    def set_data_loader(self, loader):
        """A callable ``loader(name) -> (images, labels)`` run in the worker thread when a set
        was not given to :meth:`set_data` (loading MNIST takes a moment)."""
        self._loader = loader
        self._update_buttons()

    def result(self):
        """The :class:`~desktop_bp.ui.evaluation.worker.EvaluationDone` of the chosen set (this
        session's, for the network shown), or None."""
        return self._results.get(self._chosen_set())

    # -- actions -------------------------------------------------------------------------------

    def _chosen_set(self):
        return self.set_choice.currentData() or "test"

    @Slot()
    def evaluate(self):
        if self._net is None or self._runner.is_running:
            return
        name = self._chosen_set()
        data = self._data.get(name)
        if data is None and self._loader is not None:
            loader = self._loader
            data = lambda: loader(name)      # noqa: E731  (runs in the worker thread)
        if data is None:
            self._say("status", lambda: self.tr("No data to evaluate on: download MNIST first."))
            return
        self.progress.setValue(0)
        self._say("status", lambda: self.tr("Evaluating…"))
        self._outcome = None
        self._runner.start(EvaluationJob(self._net.copy(), name, data, self._token))

    @Slot()
    def cancel(self):
        self._runner.cancel()

    def shutdown(self, timeout_ms=5000):
        """For the window's ``closeEvent``: cancel and wait for the worker thread."""
        return self._runner.shutdown(timeout_ms)

    def show_cell(self, true_digit, predicted_digit):
        """List the images of one cell (as a click on it does)."""
        self.heatmap.select(true_digit, predicted_digit)
        self._on_cell_clicked((true_digit, predicted_digit))

    # -- slots ---------------------------------------------------------------------------------

    @Slot(object)
    def _on_progress(self, value):
        done, total = value
        self.progress.setMaximum(int(total))
        self.progress.setValue(int(done))

    @Slot(object)
    def _on_done(self, done):
        self._outcome = "done"
        if done.token != self._token:          # evaluated for a network no longer shown
            return
        self._results[done.name] = done
        if done.name != self._chosen_set():
            self.set_choice.setCurrentIndex(self.set_choice.findData(done.name))
        self._show_chosen()
        self.evaluated.emit(done)

    @Slot(str)
    def _on_error(self, message):
        self._outcome = "failed"
        self._say("status", lambda: self.tr("The evaluation failed: {0}").format(message.strip()))

    @Slot(bool)
    def _on_running_changed(self, running):
        if not running and self._outcome is None:
            self._say("status", lambda: self.tr("Evaluation cancelled."))
        self._update_buttons(running)
        self.running_changed.emit(running)

    @Slot(object)
    def _on_cell_clicked(self, cell):
        true_digit, predicted_digit = cell
        result = self.result()
        if result is None:
            self._say("cell_title", lambda: self.tr("Evaluate the model to list the images of "
                                                    "this cell."))
            return
        evaluation, images = result.evaluation, result.images
        indices = evaluation.cell(true_digit, predicted_digit)
        kind = evaluation.output_kind
        items = []
        for i in indices[:MAX_THUMBNAILS]:
            value = evaluation.confidence[i]
            if kind == "probabilities":
                caption = self.tr("#{0}: {1} → {2}\np = {3:.2f}").format(
                    int(i), true_digit, predicted_digit, value)
            else:
                caption = self.tr("#{0}: {1} → {2}\na = {3:.2f}").format(
                    int(i), true_digit, predicted_digit, value)
            items.append((images[i], caption, int(i)))
        self.thumbnails.set_items(items)
        self._say("cell_title", lambda: self._cell_text(true_digit, predicted_digit,
                                                        len(indices)))

    def _cell_text(self, true_digit, predicted_digit, count):
        if true_digit == predicted_digit:
            text = self.tr("%n image(s) of the digit %1 read correctly, the most confident first.", "",
                           count).replace("%1", str(true_digit))
        else:
            text = self.tr("%n image(s) of the digit %1 read as %2, the most confident mistakes first.", "",
                           count).replace("%1", str(true_digit)).replace(
                "%2", str(predicted_digit))
        if count > MAX_THUMBNAILS:
            text += " " + self.tr("(the first {0} shown)").format(MAX_THUMBNAILS)
        return text

    @Slot(int)
    def _on_set_changed(self, _index):
        self._show_chosen()

    @Slot(object)
    def _on_image_chosen(self, inputs):
        self.image_chosen.emit(inputs)

    # -- drawing -------------------------------------------------------------------------------

    def _update_buttons(self, running=None):
        running = self._runner.is_running if running is None else running
        has_data = bool(self._data) or self._loader is not None
        self.evaluate_button.setEnabled(not running and self._net is not None and has_data)
        self.cancel_button.setEnabled(running)
        self.set_choice.setEnabled(not running)

    def _clear_figures(self):
        self.heatmap.set_matrix(None)
        self._say_recorded_accuracy()
        if not self._runner.is_running:
            # no "Evaluation done." (nor its full bar) left over from another model's figures
            self._say("status", lambda: self.tr("Evaluate the model to see where it fails."))
            self.progress.setValue(0)
        for row in range(self.table.rowCount()):
            for col, text in enumerate((str(row), "–", "–")):
                self.table.setItem(row, col, QTableWidgetItem(text))

    def _say_recorded_accuracy(self):
        """Before any evaluation: the accuracy recorded when the model was trained (the one
        the status bar shows), else that it is unknown."""
        test = self._chosen_set() == "test"
        accuracy = None if self._net is None else recorded_accuracy(self._net,
                                                                    self._chosen_set())
        if accuracy is None:
            self._say("summary", lambda: self.tr("Accuracy unknown: evaluate the model."))
        elif test:
            self._say("summary", lambda: self.tr(
                "<b>Test accuracy {0:.2f}%</b> (measured when it was trained); evaluate again "
                "to see the details.").format(100 * accuracy))
        else:
            self._say("summary", lambda: self.tr(
                "<b>Validation accuracy {0:.2f}%</b> (measured when it was trained); evaluate "
                "again to see the details.").format(100 * accuracy))

    def _show_summary(self, summary, stored):
        confusion = np.asarray(summary["confusion"], dtype=np.int64)
        self.heatmap.set_matrix(confusion)
        test = self._chosen_set() == "test"
        cost = summary.get("cost")
        cost_text = "–" if cost is None else f"{cost:.4f}"
        wrong = int(confusion.sum() - np.trace(confusion))
        self._say("summary", lambda: self.tr("<b>Accuracy {0:.2f}%</b> on the {1} ({2:,} images, "
                                             "{3:,} wrong); mean cost {4}").format(
            100 * summary["accuracy"],
            self.tr("test set") if test else self.tr("validation set"),
            summary["count"], wrong, cost_text))
        self._say("status", lambda: self.tr("Stored with the model: evaluate again to list the "
                                            "images.") if stored else self.tr("Evaluation done."))
        self.table.setRowCount(len(confusion))
        for row in range(len(confusion)):
            values = (summary["precision"][row], summary["recall"][row])
            self.table.setItem(row, 0, QTableWidgetItem(str(row)))
            for col, value in enumerate(values, start=1):
                text = "–" if value is None else f"{100 * value:.1f}%"
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
