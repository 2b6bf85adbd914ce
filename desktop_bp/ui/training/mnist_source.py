"""Where the training data comes from: MNIST found on disk, chosen by the person, or downloaded
with a progress dialog and checksum checks.

:class:`MnistSource` remembers the folder chosen (or downloaded into) in the preferences that the
command line reads too (:func:`desktop_bp.core.paths.remember_mnist_folder`), and emits
``ready(str)`` when MNIST has become available, so that the panel goes on with what the person
asked for (a Start pressed before MNIST was there).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from desktop_bp.core import mnist, mnist_download, paths
from desktop_bp.ui.worker import DownloadWorker


class MnistSource(QObject):
    """See the module doc. ``folder``: a folder to use first (None: the usual search)."""

    ready = Signal(str)         # MNIST is available now (the folder)
    message = Signal(str)       # a status line

    def __init__(self, parent_widget, folder=None):
        super().__init__(parent_widget)
        self._widget = parent_widget
        self.folder = folder
        self._download_thread = None
        self._download_worker = None
        self._progress_dialog = None

    def available(self):
        return mnist.mnist_available(self.folder)

    def load(self):
        """Runs in the worker thread: read MNIST (cached per process by core.mnist)."""
        return mnist.load_mnist(self.folder)

    # -- asking --------------------------------------------------------------------------------

    @Slot()
    def offer(self):
        """MNIST is missing: offer to download it or to choose the folder that holds it."""
        box = QMessageBox(self._widget)
        box.setIcon(QMessageBox.Question)
        box.setWindowTitle(self.tr("MNIST is needed to train"))
        box.setText(self.tr("Training needs the MNIST handwritten digits (about 11 MB), which "
                            "are not on this computer yet."))
        box.setInformativeText(self.tr("Download them now, or choose a folder that already "
                                       "holds the four MNIST files. Drawing and recognising "
                                       "digits works without them."))
        download = box.addButton(self.tr("Download"), QMessageBox.AcceptRole)
        choose = box.addButton(self.tr("Choose folder…"), QMessageBox.ActionRole)
        box.addButton(QMessageBox.Cancel)
        box.exec()
        clicked = box.clickedButton()
        if clicked is download:
            self.download()
        elif clicked is choose:
            self.choose_folder()

    def choose_folder(self, folder=None):
        """Use MNIST from ``folder`` (asks for it when None). Returns True when it holds MNIST;
        then ``ready`` is emitted."""
        if folder is None:
            folder = QFileDialog.getExistingDirectory(self._widget,
                                                      self.tr("Folder that holds MNIST"))
            if not folder:
                return False
        if not mnist.mnist_available(folder):
            QMessageBox.warning(self._widget, self.tr("No MNIST there"),
                                mnist.describe_location(folder))
            return False
        self._use(str(folder))
        self.message.emit(self.tr("MNIST: {0}").format(folder))
        return True

    def _use(self, folder):
        self.folder = folder
        paths.remember_mnist_folder(folder)     # the command line finds it too
        self.ready.emit(folder)

    # -- downloading ---------------------------------------------------------------------------

    @property
    def downloading(self):
        return self._download_thread is not None

    def download(self, dest=None):
        """Download MNIST in a worker thread with a cancellable progress dialog."""
        if self._download_thread is not None:
            return
        dialog = QProgressDialog(self.tr("Downloading MNIST…"), self.tr("Cancel"), 0, 100,
                                 self._widget)
        dialog.setWindowTitle(self.tr("Downloading MNIST"))
        dialog.setWindowModality(Qt.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setValue(0)
        thread = QThread()
        worker = DownloadWorker(mnist_download.download, dest)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progress.connect(self._on_progress)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        worker.cancelled.connect(self._on_cancelled)
        worker.done.connect(thread.quit)
        # both are Python-owned: released in _on_thread_finished, not by deleteLater
        thread.finished.connect(self._on_thread_finished)
        dialog.canceled.connect(self._on_cancel_clicked)
        dialog.rejected.connect(self._on_cancel_clicked)     # Esc
        self._download_thread, self._download_worker = thread, worker
        self._progress_dialog = dialog
        thread.start()

    @Slot(object)
    def _on_progress(self, progress):
        name, done, total = progress
        if self._progress_dialog is not None and total:
            self._progress_dialog.setLabelText(
                self.tr("Downloading {0}… {1:.1f} of {2:.1f} MB").format(name, done / 1e6,
                                                                         total / 1e6))
            self._progress_dialog.setValue(int(100 * done / total))

    @Slot()
    def _on_cancel_clicked(self):
        if self._download_worker is not None:
            self._download_worker.cancel()

    @Slot(str)
    def _on_finished(self, folder):
        self._close_progress()
        self.message.emit(self.tr("MNIST downloaded to {0}.").format(folder))
        self._use(folder)

    @Slot(str)
    def _on_failed(self, reason):
        self._close_progress()
        QMessageBox.warning(
            self._widget, self.tr("MNIST could not be downloaded"),
            self.tr("{0}\n\nIf this computer is offline, copy the four MNIST files into a "
                    "folder and choose it with “Get MNIST… ▸ Choose folder…”. Everything else "
                    "in the app keeps working.").format(reason))

    @Slot(str)
    def _on_cancelled(self, message):
        self._close_progress()
        self.message.emit(self.tr("The download was cancelled."))

    @Slot()
    def _on_thread_finished(self):
        if self._download_thread is not None:
            self._download_thread.wait()    # returns at once: the thread has ended
        self._download_thread = self._download_worker = None

    def _close_progress(self):
        if self._progress_dialog is not None:
            self._progress_dialog.canceled.disconnect(self._on_cancel_clicked)
            self._progress_dialog.rejected.disconnect(self._on_cancel_clicked)
            self._progress_dialog.close()
            self._progress_dialog.deleteLater()
            self._progress_dialog = None

    def shutdown(self, timeout_ms=5000):
        if self._download_worker is not None:
            self._download_worker.cancel()
        thread = self._download_thread
        if thread is not None:
            thread.quit()
            return bool(thread.wait(int(timeout_ms)))
        return True
