"""Questions asked with a QMessageBox instance (``box.exec()``) never block a test: the
``prompts`` fixture answers them from a list and records them. A question no test expected is
answered with Cancel and fails the test.

The widgets speak English, as the app does when it starts in English: with its English
catalogue (plural forms, "1 layer" / "2 layers") installed.

Garbage is collected in the GUI thread only (``ui.gc_guard``): a window a test let go, or
any Qt object in a reference cycle, is never deleted by a collection that happened to start
in a worker thread. Widgets given to ``qtbot.addWidget`` are kept alive until pytest-qt has
closed them, then deleted, and the garbage collected, before the next test starts."""

import pytest
import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from desktop_bp.ui.gc_guard import GuiGarbageCollector, collect_now


class Prompts:
    def __init__(self):
        self.shown = []         # (title, text, button texts)
        self.answers = []       # StandardButtons to answer with, in order
        self.unexpected = []

    def exec(self, box):
        buttons = [b.text() for b in box.buttons()]
        self.shown.append((box.windowTitle(), box.text(), buttons))
        if not self.answers:
            self.unexpected.append((box.windowTitle(), box.text()))
            return int(QMessageBox.Cancel.value)
        return int(self.answers.pop(0).value)

    def titles(self):
        return [title for title, _, _ in self.shown]


@pytest.fixture(autouse=True, scope="session")
def english(qapp):
    from desktop_bp.ui import i18n
    i18n.set_language(qapp, i18n.ENGLISH)


@pytest.fixture(autouse=True, scope="session")
def garbage_collected_in_the_gui_thread(qapp):
    collector = GuiGarbageCollector()
    yield collector
    collect_now()       # while the application still exists
    collector.stop()


@pytest.fixture(autouse=True)
def widgets_deleted_in_the_gui_thread(qtbot):
    """pytest-qt keeps only weak references to the widgets it will close: a window the test
    no longer refers to, held only by its own reference cycles, would otherwise be deleted by
    whichever collection finds it first, maybe in the middle of one of its own events."""
    kept = []
    register = qtbot.addWidget

    def add_widget(widget, *args, **kwargs):
        kept.append(widget)
        return register(widget, *args, **kwargs)

    qtbot.addWidget = add_widget
    yield
    kept.clear()        # pytest-qt has closed them and called deleteLater
    collect_now()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item):
    """Before pytest-qt closes the test's widgets: one the test deleted itself is left out."""
    widgets = getattr(item, "qt_widgets", None)
    if widgets:
        item.qt_widgets = [(ref, before_close) for ref, before_close in widgets
                           if ref() is None or shiboken6.isValid(ref())]
    return (yield)


@pytest.fixture(autouse=True)
def prompts(monkeypatch):
    recorder = Prompts()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: recorder.exec(box))
    yield recorder
    assert not recorder.unexpected, f"unexpected questions: {recorder.unexpected}"


@pytest.fixture
def small_window(qtbot, tmp_path):
    """``make(width=1200, shown=True)``: the whole window as the app builds it (no recovery
    file), 760 pixels high, with a small 784-12-10 network in use."""
    from desktop_bp.core import checkpoint
    from desktop_bp.core.network import Network
    from desktop_bp.ui.app import build_window

    def make(width=1200, shown=True):
        window = build_window(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                              recovery=checkpoint.Recovery(enabled=False))
        qtbot.addWidget(window)
        if shown:
            window.resize(width, 760)
            window.show()
        window.set_network(Network([784, 12, 10], seed=3), "small")
        return window
    return make
