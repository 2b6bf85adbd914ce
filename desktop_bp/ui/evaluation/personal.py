"""The personal handwriting set: the drawings a person kept with the digit they really are.

Thumbnails of every drawing with its label (and, for a given network, what it reads), the set's
accuracy for that network, relabel and remove, export and import (a folder of PNGs with a
``labels.csv``, or a ``.zip``). Files are kept by :class:`desktop_bp.core.personal_set.PersonalSet`.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from desktop_bp.core.personal_set import PersonalSet
from desktop_bp.ui.evaluation.thumbnails import ThumbnailList
from desktop_bp.ui.i18n import Retranslating
from desktop_bp.ui.wrapping_row import STRETCH, WrappingRow


def breakable_path(path):
    """``path`` with a zero-width space after each separator: a word-wrapped label may break
    a long folder's path there instead of asking for its whole width on one line."""
    text = str(path)
    for separator in {os.sep, "/"}:
        text = text.replace(separator, separator + "\u200b")
    return text


class PersonalSetView(Retranslating, QWidget):
    """Public API: :meth:`set_network`, :meth:`add_drawing`, :meth:`export_to`,
    :meth:`import_from`, :meth:`personal_set`, :meth:`accuracy`.

    Signals: ``changed()`` (drawings added, removed or relabelled: the window updates the
    personal accuracy it shows), ``image_chosen(object)`` (a clicked drawing's (784,) input).
    """

    changed = Signal()
    image_chosen = Signal(object)

    def __init__(self, personal_set=None, parent=None):
        super().__init__(parent)
        self._set = personal_set if personal_set is not None else PersonalSet()
        self._net = None
        self._message = None        # a function giving the message in the current language

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.accuracy_label = QLabel()
        self.accuracy_label.setWordWrap(True)
        self.thumbnails = ThumbnailList()
        self.thumbnails.image_chosen.connect(self._on_image_chosen)
        self.thumbnails.itemSelectionChanged.connect(self._update_buttons)

        self.label_box = QSpinBox()
        self.label_box.setRange(0, 9)
        self.relabel_button = QPushButton()
        self.remove_button = QPushButton()
        self.export_button = QPushButton()
        self.import_button = QPushButton()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.relabel_button.clicked.connect(self._relabel_selected)
        self.remove_button.clicked.connect(self._remove_selected)
        self.export_button.clicked.connect(self._ask_export)
        self.import_button.clicked.connect(self._ask_import)

        self.digit_label = QLabel()
        # in a narrow window Import and Export go on a line of their own
        self.buttons = WrappingRow([self.digit_label, self.label_box, self.relabel_button,
                                    self.remove_button], [STRETCH, self.import_button,
                                                          self.export_button])

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.accuracy_label)
        layout.addWidget(self.thumbnails, 1)
        layout.addWidget(self.buttons)
        layout.addWidget(self.message)
        if self._set.problems:
            self._say_problems(lambda: self.tr("Some files in the folder were skipped:"),
                               self._set.problems)
        self.retranslate()

    def retranslate(self):
        """Every text in the current language (the thumbnails' captions and the message
        too)."""
        self.relabel_button.setText(self.tr("Set label"))
        self.relabel_button.setToolTip(self.tr("Give the selected drawing the digit chosen here"))
        self.remove_button.setText(self.tr("Remove"))
        self.export_button.setText(self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Write the set to a folder (PNG files and "
                                              "labels.csv) or a .zip archive"))
        self.import_button.setText(self.tr("Import…"))
        self.import_button.setToolTip(self.tr("Add the drawings of a folder or a .zip archive"))
        self.digit_label.setText(self.tr("Digit:"))
        self._refresh()
        if self._message is not None:
            self._message()

    # -- public --------------------------------------------------------------------------------

    def personal_set(self):
        return self._set

    def set_network(self, net):
        """The network whose reading of the set is shown (None: none)."""
        self._net = net
        self._refresh()

    def accuracy(self):
        """The set's accuracy for the network given, or None."""
        return None if self._net is None else self._set.accuracy(self._net)

    def add_drawing(self, inputs, label, original=None):
        """Keep a drawing (the canvas's 784 inputs, its true digit, optionally the canvas
        image); returns the new entry, or None with a message for a bad label."""
        try:
            entry = self._set.add(inputs, label, original)
        except (ValueError, OSError) as exc:
            reason = str(exc)       # the name exc is gone after the except block
            self._say(lambda: self.tr("The drawing was not kept: {0}").format(reason))
            return None
        self._say(lambda: self.tr("Kept as a {0}.").format(entry.label))
        self._refresh()
        self.changed.emit()
        return entry

    def export_to(self, path):
        try:
            written = self._set.export_to(path)
        except OSError as exc:
            reason = str(exc)
            self._say(lambda: self.tr("The set could not be exported: {0}").format(reason))
            return None
        count = len(self._set)
        self._say(lambda: self.tr("%n drawing(s) exported to {0}.", "", count)
                  .format(Path(written).name))
        return written

    def import_from(self, path):
        result = self._set.import_from(path)
        self._refresh()
        if result.added:
            self.changed.emit()
        if result.skipped:
            self._say_problems(lambda: self.tr("%n drawing(s) imported.", "", result.added)
                               + " " + self.tr("%n file(s) skipped:", "", len(result.skipped)),
                               result.skipped)
        else:
            self._say(lambda: self.tr("%n drawing(s) imported.", "", result.added))
        return result

    # -- slots ---------------------------------------------------------------------------------

    @Slot()
    def _relabel_selected(self):
        key = self.thumbnails.selected_key()
        if key is not None and self._set.relabel(key, self.label_box.value()):
            self._refresh()
            self.changed.emit()

    @Slot()
    def _remove_selected(self):
        key = self.thumbnails.selected_key()
        if key is not None and self._set.remove(key):
            self._refresh()
            self.changed.emit()

    @Slot()
    def _ask_export(self):
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the handwriting set"),
                                              "handwriting.zip",
                                              self.tr("Zip archive (*.zip);;Folder (*)"))
        if path:
            self.export_to(path)

    @Slot()
    def _ask_import(self):
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a handwriting set"), "",
                                              self.tr("Zip archive (*.zip)"))
        if not path:
            path = QFileDialog.getExistingDirectory(self, self.tr("Or choose a folder"))
        if path:
            self.import_from(path)

    @Slot(object)
    def _on_image_chosen(self, inputs):
        self.image_chosen.emit(inputs)

    # -- drawing -------------------------------------------------------------------------------

    def forget_message(self):
        """The last action's message goes (the drawing it spoke of has changed)."""
        if self._message is not None:
            self._message = None
            self.message.setText("")
            self.message.setToolTip("")

    def _say(self, text):
        """Show the message ``text()``, and again at each change of language."""
        def say():
            self.message.setText(text())
            self.message.setToolTip("")
        self._message = say
        say()

    def _say_problems(self, text, problems):
        """The message ``text()`` followed by the first problems (all in the tooltip)."""
        shown = "\n".join(problems[:3]) + ("\n…" if len(problems) > 3 else "")

        def say():
            self.message.setText(f"{text()}\n{shown}")
            self.message.setToolTip("\n".join(problems))
        self._message = say
        say()

    def _update_buttons(self):
        selected = self.thumbnails.selected_key() is not None
        self.relabel_button.setEnabled(selected)
        self.remove_button.setEnabled(selected)
        self.export_button.setEnabled(len(self._set) > 0)

    def _refresh(self):
        entries = self._set.entries()
        X, y = self._set.arrays()
        read = self._net.predict(X) if self._net is not None and len(y) else None
        items = []
        for i, entry in enumerate(entries):
            if read is None:
                caption = self.tr("a {0}").format(entry.label)
            elif read[i] == entry.label:
                caption = self.tr("a {0}, read ✓").format(entry.label)
            else:
                caption = self.tr("a {0}, read as {1}").format(entry.label, int(read[i]))
            items.append((entry.inputs, caption, entry.file))
        self.thumbnails.set_items(items)
        self.title.setText(self.tr("Your handwriting: %n drawing(s) in {0}", "", len(entries))
                           .format(breakable_path(self._set.folder)))
        self.title.setToolTip(str(self._set.folder))
        if read is None:
            self.accuracy_label.setText(self.tr("Keep drawings with their true digit to see how "
                                                "well the model reads your handwriting.")
                                        if not entries else self.tr("No model to read them."))
        else:
            right = int(np.sum(read == y))
            self.accuracy_label.setText(self.tr("The model in use reads {0:.0f}% of them "
                                                "({1} of {2}).").format(
                100 * right / len(y), right, len(y)))
        self._update_buttons()
