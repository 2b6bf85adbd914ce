"""The window's language: English or Simplified Chinese, switchable while the app runs.

At start-up :func:`install` picks the language (the one chosen in the Language menu and stored
under :data:`SETTINGS_KEY`, else the system's: Simplified Chinese for ``zh_CN``, ``zh_SG``,
``zh``, ``zh_Hans``..., English otherwise) and installs two translators on the application: the
app's own catalogue (``desktop_bp/translations/desktop_bp_<code>.qm``) and Qt's
(``qtbase_zh_CN.qm``, shipped with PySide6), so that Qt's standard dialogs and message-box
buttons speak the same language. English installs only the app's plural forms
(``desktop_bp_en.qm``: "1 layer" / "2 layers"); its words are the source texts themselves.

:func:`set_language` switches at run time: it removes the translators and installs the new
ones, and Qt then sends ``QEvent.LanguageChange`` to every widget. A widget whose texts are set
once in ``__init__`` would keep the old language, so every widget with words follows one
pattern (:class:`Retranslating`)::

    class SomePanel(Retranslating, QWidget):
        def __init__(self, parent=None):
            super().__init__(parent)
            self.run_button = QPushButton()
            ...                             # build, without texts
            self.retranslate()              # every text set in one place

        def retranslate(self):
            self.run_button.setText(self.tr("Train"))
            self.run_button.setToolTip(self.tr("Train the network on MNIST"))

Texts painted in ``paintEvent`` need nothing more: they are translated when painted, and Qt
repaints a widget after a language change. A menu or action owned by a window is given its text
in the window's ``retranslate``; an object that cannot be subclassed can be watched with
:func:`on_language_change`. Texts that a widget receives from outside (``set_message(text)``)
are translated by the caller, who sets them again in its own ``retranslate``.

The main window adds the Language menu with :func:`build_language_menu`. The catalogues are
regenerated with ``python tools/update_translations.py``; see the README.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import (QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QLibraryInfo,
                            QLocale, QObject, QTranslator, Slot)
from PySide6.QtGui import QAction, QActionGroup

log = logging.getLogger(__name__)

ENGLISH = "en"
SIMPLIFIED_CHINESE = "zh_CN"
#: Every language of the window, each named in itself (these names are never translated).
LANGUAGES = {ENGLISH: "English", SIMPLIFIED_CHINESE: "简体中文"}
#: The QSettings key of the language chosen in the menu; without it the system's is used.
SETTINGS_KEY = "ui/language"

#: The app's compiled catalogues, ``desktop_bp_<code>.qm``, shipped inside the package.
TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"
CATALOGUE = "desktop_bp"
#: Qt's own catalogues for each language, tried in this order (``qt_zh_CN`` is the older
#: meta-catalogue that loads ``qtbase_zh_CN``).
QT_CATALOGUES = {SIMPLIFIED_CHINESE: ("qtbase_zh_CN.qm", "qt_zh_CN.qm"), ENGLISH: ()}
#: Texts of Qt's own dialogs that its catalogue leaves in English: Qt 6 gave the file dialog's
#: two labels a shortcut, and ``qtbase_zh_CN`` still translates them without it. The app's
#: catalogue carries them in Qt's context (listed here so that lupdate finds them); Qt asks
#: it when its own has no answer.
QT_CATALOGUE_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)

_current = {"language": ENGLISH, "translators": []}


# -- which language -------------------------------------------------------------------------------

def language_for_locale(locale=None):
    """The window language for a locale (default: the system's): the first of its preferred
    UI languages that is English or Chinese decides. Chinese in the simplified script
    (zh_CN, zh_SG, zh, zh_Hans, ...) gives Simplified Chinese; Chinese in the traditional script
    (zh_TW, zh_HK, zh_Hant), English, or none of them gives English."""
    locale = QLocale.system() if locale is None else locale
    for name in locale.uiLanguages():
        preferred = QLocale(name)
        if preferred.language() == QLocale.Language.Chinese:
            if preferred.script() == QLocale.Script.TraditionalHanScript:
                return ENGLISH
            return SIMPLIFIED_CHINESE
        if preferred.language() == QLocale.Language.English:
            return ENGLISH
    return ENGLISH


def stored_language(settings):
    """The language chosen in the menu and stored in ``settings``, or None (never chosen, or a
    value this version does not know)."""
    if settings is None:
        return None
    value = settings.value(SETTINGS_KEY)
    return value if isinstance(value, str) and value in LANGUAGES else None


def startup_language(settings=None, locale=None):
    """The stored choice, else the system locale's language."""
    return stored_language(settings) or language_for_locale(locale)


def current_language():
    """The language installed last by :func:`install` or :func:`set_language`."""
    return _current["language"]


# -- translators ----------------------------------------------------------------------------------

def app_catalogue(code):
    """The app's compiled catalogue for ``code`` (a Path; it may be missing in a broken
    install)."""
    return TRANSLATIONS_DIR / f"{CATALOGUE}_{code}.qm"


def qt_catalogue(code):
    """Qt's own catalogue for ``code`` shipped with PySide6, or None (English, or not found)."""
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    for name in QT_CATALOGUES.get(code, ()):
        if (folder / name).is_file():
            return folder / name
    return None


def _load(path):
    translator = QTranslator()
    if path is not None and translator.load(str(path)):
        return translator
    log.warning("translation catalogue %s could not be loaded; its texts stay in English", path)
    return None


def install(app, settings=None, locale=None):
    """At start-up, before the windows are built: install the translators of the stored or
    the system's language (see :func:`startup_language`). Returns the language code."""
    return set_language(app, startup_language(settings, locale))


def set_language(app, code, settings=None):
    """Install the translators for language ``code`` (a key of :data:`LANGUAGES`) instead of
    the current ones; with ``settings``, remember the choice. Every widget then receives
    ``QEvent.LanguageChange`` (posted: it arrives when the event loop runs). Returns ``code``.
    A missing catalogue is logged and its texts stay in English."""
    if code not in LANGUAGES:
        raise ValueError(f"unknown language {code!r}; known: {', '.join(LANGUAGES)}")
    for translator in _current["translators"]:
        app.removeTranslator(translator)
    translators = []
    paths = [app_catalogue(code)]           # for English, its plural forms only
    if QT_CATALOGUES[code]:
        qt = qt_catalogue(code)
        if qt is None:
            log.warning("Qt's own catalogue for %s was not found; Qt's dialogs stay in English",
                        code)
        else:
            paths.append(qt)
    for path in paths:
        translator = _load(path)
        if translator is not None:
            app.installTranslator(translator)
            translators.append(translator)
    _current["language"], _current["translators"] = code, translators
    if settings is not None:
        settings.setValue(SETTINGS_KEY, code)
    return code


# -- widgets that follow the language -------------------------------------------------------------

class Retranslating:
    """Mixin for a QWidget subclass (put it first: ``class View(Retranslating, QWidget)``): on
    ``QEvent.LanguageChange`` it calls ``self.retranslate()``, where the widget sets all its
    texts, tooltips and titles. Call ``self.retranslate()`` once at the end of ``__init__``."""

    def retranslate(self):
        """Set every text of the widget in the current language."""

    def changeEvent(self, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class _LanguageChangeFilter(QObject):
    def __init__(self, watched, callback):
        super().__init__(watched)       # lives and dies with the watched object
        self._callback = callback
        watched.installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.LanguageChange:
            self._callback()
        return False


def on_language_change(widget, callback):
    """Call ``callback()`` whenever ``widget`` (any QWidget, e.g. a QMenu) receives
    ``QEvent.LanguageChange``: for objects that are not subclassed. Returns the event filter
    (owned by ``widget``)."""
    return _LanguageChangeFilter(widget, callback)


class LanguageMenu(QObject):
    """The entries of a Language menu; see :func:`build_language_menu`. ``actions``: one
    checkable QAction per language, in the order of :data:`LANGUAGES`."""

    def __init__(self, menu, settings=None, app=None):
        super().__init__(menu)          # lives and dies with the menu
        self.menu = menu
        self._settings = settings
        self._app = app if app is not None else QCoreApplication.instance()
        self.group = QActionGroup(menu)
        self.group.setExclusive(True)
        self.actions = []
        for code, name in LANGUAGES.items():
            action = QAction(name, menu)
            action.setCheckable(True)
            action.setData(code)
            self.group.addAction(action)
            menu.addAction(action)
            self.actions.append(action)
        self.group.triggered.connect(self._choose)
        menu.installEventFilter(self)
        self.retranslate()

    def retranslate(self):
        # the Chinese title keeps the word "Language", for whoever cannot read the rest
        self.menu.setTitle(QCoreApplication.translate("LanguageMenu", "&Language"))
        for action in self.actions:
            action.setChecked(action.data() == current_language())

    @Slot(QAction)
    def _choose(self, action):
        code = action.data()
        if code != current_language():
            set_language(self._app, code)
        if self._settings is not None:
            self._settings.setValue(SETTINGS_KEY, code)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False


def build_language_menu(menu, settings=None, app=None):
    """Fill ``menu`` (a QMenu the window added to its menu bar, e.g.
    ``build_language_menu(self.menuBar().addMenu(""), settings)``) with one checkable entry
    per language, each named in itself. Choosing one switches the window's language at once and
    stores the choice in ``settings``. The menu sets its own title ("Language", translated) and
    keeps it and the check marks up to date. Returns the :class:`LanguageMenu`."""
    return LanguageMenu(menu, settings, app)
