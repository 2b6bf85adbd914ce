"""Questions asked with a QMessageBox instance (``box.exec()``) never block a test: the
``prompts`` fixture answers them from a list and records them. A question no test expected is
answered with Cancel and fails the test.

The widgets speak English, as the app does when it starts in English: with its English
catalogue (plural forms, "1 layer" / "2 layers") installed."""

import pytest
from PySide6.QtWidgets import QMessageBox


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


@pytest.fixture(autouse=True)
def prompts(monkeypatch):
    recorder = Prompts()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: recorder.exec(box))
    yield recorder
    assert not recorder.unexpected, f"unexpected questions: {recorder.unexpected}"
