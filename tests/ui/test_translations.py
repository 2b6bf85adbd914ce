"""The window in English and Simplified Chinese: every text has its translation, the language
follows the locale or the stored choice, and switching leaves no widget half-translated."""

import importlib.util
import re
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QMenu, QMessageBox

from desktop_bp.ui import i18n
from desktop_bp.ui.canvas import DrawingCanvas
from desktop_bp.ui.heatmaps import WEIGHTS, GradientHeatmaps
from desktop_bp.ui.plots import TrainingPlots
from desktop_bp.ui.prediction import InputView, PredictionView

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")


def _load_update_script():
    spec = importlib.util.spec_from_file_location("update_translations",
                                                  ROOT / "tools" / "update_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tools = _load_update_script()


def _need(tool):
    path = tools.find_tool(tool)
    if path is None:        # PySide6 ships it: only a stripped install lacks it
        pytest.skip(f"Qt's {tool} is not installed with this PySide6")
    return path


# -- the catalogues -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    """lupdate run over the current sources into copies of the .ts files (obsolete texts kept,
    so that they show): {code: path of the updated copy}."""
    _need("lupdate")
    folder = tmp_path_factory.mktemp("ts")
    tools.check(folder)
    return {code: tools.ts_path(code, folder) for code in tools.LANGUAGES}


def test_every_text_of_the_window_has_its_translation(checked):
    todo = {code: tools.problems(tools.ts_entries(path)) for code, path in checked.items()}
    assert not any(todo.values()), (
        "Run `python tools/update_translations.py`, translate the new texts in "
        "desktop_bp/translations/*.ts (see GLOSSARY.md) and run it again:\n"
        + "\n".join(f"{code}: {line}" for code, lines in todo.items() for line in lines))


def test_the_check_sees_new_and_vanished_texts(tmp_path):
    _need("lupdate")
    source = tmp_path / "view.py"
    source.write_text("from PySide6.QtCore import QObject\n"
                      "class View(QObject):\n"
                      "    def retranslate(self):\n"
                      "        return self.tr('Cost'), self.tr('%n epoch(s)', '', 3)\n")
    ts = tmp_path / "desktop_bp_zh_CN.ts"
    tools.lupdate(ts, "zh_CN", sources=[str(source)])
    assert sorted(tools.problems(tools.ts_entries(ts))) == [
        "not translated: View: '%n epoch(s)'", "not translated: View: 'Cost'"]
    # translated, then changed in the source: the old text is flagged, the new one unfinished
    ts.write_text(ts.read_text(encoding="utf-8")
                  .replace('<translation type="unfinished"></translation>',
                           "<translation>代价</translation>")
                  .replace('<translation type="unfinished">', "<translation>")
                  .replace("<numerusform></numerusform>", "<numerusform>%n 个迭代期</numerusform>"),
                  encoding="utf-8")
    assert tools.problems(tools.ts_entries(ts)) == []
    source.write_text(source.read_text().replace("'Cost'", "'Cost per sample'"))
    tools.lupdate(ts, "zh_CN", sources=[str(source)], keep_obsolete=True)
    assert sorted(tools.problems(tools.ts_entries(ts))) == [
        "no longer in the sources (vanished): View: 'Cost'",
        "not translated: View: 'Cost per sample'"]
    tools.lupdate(ts, "zh_CN", sources=[str(source)])      # as the update script runs it
    assert tools.problems(tools.ts_entries(ts)) == ["not translated: View: 'Cost per sample'"]


def test_texts_with_plural_forms_are_plural_in_every_catalogue(checked):
    zh = tools.ts_entries(checked["zh_CN"])
    # lupdate marks a plural only for self.tr(text, "", n) (QCoreApplication.translate with a
    # variable n is taken for a plain text): then "%n" would never become "1 epoch"/"2 epochs"
    not_plural = [e["source"] for e in zh if "%n" in e["source"] and not e["numerus"]]
    assert not not_plural, f"use self.tr(text, '', n) for these: {not_plural}"
    plural = {(e["context"], e["source"]) for e in zh if e["numerus"]}
    english = {(e["context"], e["source"]): e for e in tools.ts_entries(checked["en"])}
    assert set(english) == plural
    assert all(len(e["translations"]) == 2 for e in english.values())   # 1 layer, 2 layers


def test_translations_keep_the_placeholders_and_markup():
    token = re.compile(r"\{\w*\}|%n|%\d|&\w+;")
    for code in tools.LANGUAGES:
        for e in tools.ts_entries(tools.ts_path(code)):
            wanted = sorted(token.findall(e["source"]))
            for text in e["translations"]:
                assert sorted(token.findall(text)) == wanted, (code, e["source"], text)


def test_the_shipped_catalogues_are_compiled_from_the_sources(tmp_path):
    _need("lrelease")
    for code in tools.LANGUAGES:
        fresh = tmp_path / f"{code}.qm"
        tools.lrelease(tools.ts_path(code), fresh)
        assert fresh.read_bytes() == i18n.app_catalogue(code).read_bytes(), (
            f"{i18n.app_catalogue(code).name} is older than its .ts: run "
            "`python tools/update_translations.py`")


# -- which language -------------------------------------------------------------------------------

@pytest.mark.parametrize("name, language", [
    ("zh_CN", "zh_CN"), ("zh_SG", "zh_CN"), ("zh", "zh_CN"), ("zh_Hans", "zh_CN"),
    ("zh_Hans_HK", "zh_CN"), ("zh_TW", "en"), ("zh_HK", "en"), ("zh_Hant", "en"),
    ("en_US", "en"), ("en_GB", "en"), ("fr_FR", "en"), ("de", "en"), ("C", "en")])
def test_the_language_follows_the_locale(name, language):
    assert i18n.language_for_locale(QLocale(name)) == language


def test_a_stored_choice_overrides_the_locale(tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert i18n.startup_language(settings, QLocale("zh_CN")) == "zh_CN"
    settings.setValue(i18n.SETTINGS_KEY, "en")
    assert i18n.startup_language(settings, QLocale("zh_CN")) == "en"
    settings.setValue(i18n.SETTINGS_KEY, "zh_CN")
    assert i18n.startup_language(settings, QLocale("fr_FR")) == "zh_CN"
    settings.setValue(i18n.SETTINGS_KEY, "klingon")         # not ours: the locale decides
    assert i18n.startup_language(settings, QLocale("zh_SG")) == "zh_CN"


def test_an_unknown_language_is_refused(qapp):
    with pytest.raises(ValueError, match="unknown language 'xx'"):
        i18n.set_language(qapp, "xx")
    assert i18n.current_language() == "en"


def test_a_missing_catalogue_leaves_english_not_a_crash(qapp, qtbot, tmp_path, monkeypatch,
                                                        caplog):
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", tmp_path)      # a broken install
    try:
        assert i18n.set_language(qapp, i18n.SIMPLIFIED_CHINESE) == "zh_CN"
        assert "could not be loaded" in caplog.text
        canvas = DrawingCanvas()
        qtbot.addWidget(canvas)
        assert canvas.toolTip().startswith("Draw a digit.")
    finally:
        monkeypatch.undo()
        i18n.set_language(qapp, i18n.ENGLISH)


# -- widgets in Chinese ---------------------------------------------------------------------------

@pytest.fixture
def chinese(qapp, qtbot):
    i18n.set_language(qapp, i18n.SIMPLIFIED_CHINESE)
    yield
    i18n.set_language(qapp, i18n.ENGLISH)
    qapp.processEvents()


def _views(qtbot):
    plots, heatmaps = TrainingPlots(), GradientHeatmaps()
    canvas, input_view, prediction = DrawingCanvas(), InputView(), PredictionView()
    for widget in (plots, heatmaps, canvas, input_view, prediction):
        qtbot.addWidget(widget)
    heatmaps.set_architecture([784, 30, 10])
    plots.reset(2, reference="book")
    return plots, heatmaps, canvas, input_view, prediction


def _texts(plots, heatmaps, canvas, input_view, prediction):
    """Every word these widgets show, by where it is."""
    out = {}
    for name in ("cost_plot", "accuracy_plot", "saturation_plot", "gradient_plot"):
        plot = getattr(plots, name)
        out[f"{name} title"] = plot.titleLabel.text
        out[f"{name} x"] = plot.getAxis("bottom").labelText
        out[f"{name} y"] = plot.getAxis("left").labelText
    for view in heatmaps.layers:
        out[f"layer {view.l} title"] = view.plot.titleLabel.text
        out[f"layer {view.l} x"] = view.plot.getAxis("bottom").labelText
        out[f"layer {view.l} y"] = view.plot.getAxis("left").labelText
    out.update({"show": heatmaps.show_label.text(), "hint": heatmaps.hint.text(),
                "weights": heatmaps.weights_button.text(),
                "weights tip": heatmaps.weights_button.toolTip(),
                "gradients tip": heatmaps.gradients_button.toolTip(),
                "canvas tip": canvas.toolTip(), "input tip": input_view.toolTip(),
                "headline": prediction.headline()})
    return out


def test_widgets_built_in_chinese_show_chinese(chinese, qtbot):
    views = _views(qtbot)
    plots, heatmaps, canvas, _input, prediction = views
    texts = _texts(*views)
    assert "代价" in texts["cost_plot title"] and "验证集" in texts["cost_plot title"]
    assert "原书" in texts["accuracy_plot title"]
    assert texts["cost_plot x"] == "已训练的迭代期"
    assert texts["accuracy_plot y"] == "准确率（%）"
    assert "训练时显示" in texts["saturation_plot title"]
    assert texts["layer 0 title"] == "第 2 层 ∂C/∂w：784 → 30"     # the book's numbers
    assert texts["layer 1 y"] == "神经元 j（第 3 层）"
    assert texts["show"] == "显示："
    assert texts["headline"] == "写一个数字"
    prediction.set_output(np.eye(10)[7] * 0.9)
    assert prediction.headline() == "置信度 90%"
    untranslated = [k for k, text in texts.items() if not CJK.search(text)]
    assert not untranslated
    # Qt's own texts (message-box buttons, file dialogs) follow
    box = QMessageBox(QMessageBox.Icon.Question, "", "",
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "取消"


def test_the_microscope_names_the_costs_in_chinese(chinese, qtbot):
    from desktop_bp.core.network import Network
    from desktop_bp.ui.microscope.view import MicroscopeView

    view = MicroscopeView()
    qtbot.addWidget(view)
    view.set_network(Network([784, 6, 10], seed=0))             # quadratic cost, sigmoid
    names = [view.cost_combo.itemText(i) for i in range(view.cost_combo.count())]
    assert names[0].startswith("二次代价") and "（网络自己的）" in names[0], names
    assert all(CJK.search(name) for name in names), names
    view.set_input(np.zeros(784), "")
    assert "quadratic" not in view.caption.text() and "代价为二次代价函数时" in view.caption.text()


def test_qt_s_file_dialog_speaks_chinese_in_every_label(chinese, qtbot):
    # Qt's own catalogue misses two of its labels; the app's catalogue fills them in
    from PySide6.QtWidgets import QFileDialog, QLabel

    for mode in (QFileDialog.FileMode.ExistingFile, QFileDialog.FileMode.Directory):
        dialog = QFileDialog(None, "", "", "*.npz")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setFileMode(mode)
        qtbot.addWidget(dialog)
        labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
        assert labels and all(CJK.search(text) for text in labels), labels
        assert "查找范围(&L)：" in labels


def test_switching_back_and_forth_leaves_nothing_half_translated(qapp, qtbot):
    views = _views(qtbot)
    plots, heatmaps = views[0], views[1]
    plots.reset(2, live=True)       # the layer keys in the titles
    english = _texts(*views)
    assert not any(CJK.search(text) for text in english.values())
    try:
        for _ in range(2):
            i18n.set_language(qapp, i18n.SIMPLIFIED_CHINESE)
            qtbot.waitUntil(lambda: "代价" in plots.cost_plot.titleLabel.text)
            chinese = _texts(*views)
            assert [k for k in english if not CJK.search(chinese[k])] == []
            heatmaps.set_mode(WEIGHTS)      # texts set later speak the language too
            assert heatmaps.layers[0].plot.titleLabel.text == "第 2 层 w：784 → 30"
            heatmaps.set_mode("gradients")
            i18n.set_language(qapp, i18n.ENGLISH)
            qtbot.waitUntil(lambda: "Cost" in plots.cost_plot.titleLabel.text)
            assert _texts(*views) == english
    finally:
        i18n.set_language(qapp, i18n.ENGLISH)


def test_plural_forms_in_english_and_chinese(qapp, qtbot):
    plots = TrainingPlots()
    qtbot.addWidget(plots)
    plots.reset(2, live=True)
    plots._zero_layers = (2,)
    plots._show_zero_gradients()
    assert "in layer 2\n" in plots.zero_gradient_note.toPlainText()
    plots._zero_layers = (1, 2)
    plots._show_zero_gradients()
    assert "in layers 1, 2\n" in plots.zero_gradient_note.toPlainText()
    try:
        i18n.set_language(qapp, i18n.SIMPLIFIED_CHINESE)
        qtbot.waitUntil(lambda: "第 1, 2 层" in plots.zero_gradient_note.toPlainText())
    finally:
        i18n.set_language(qapp, i18n.ENGLISH)


# -- the Language menu ----------------------------------------------------------------------------

def test_the_language_menu_switches_and_remembers(qapp, qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    menu = QMenu()
    qtbot.addWidget(menu)
    language_menu = i18n.build_language_menu(menu, settings)
    english, chinese = language_menu.actions
    assert [a.text() for a in menu.actions()] == ["English", "简体中文"]
    assert menu.title() == "&Language" and english.isChecked() and not chinese.isChecked()
    try:
        chinese.trigger()
        assert i18n.current_language() == "zh_CN" and settings.value(i18n.SETTINGS_KEY) == "zh_CN"
        qtbot.waitUntil(lambda: menu.title() == "语言 Language(&L)")
        assert chinese.isChecked() and not english.isChecked()
        # the next start takes the stored choice, whatever the system's language
        assert i18n.install(qapp, settings, QLocale("en_US")) == "zh_CN"
        english.trigger()
        assert settings.value(i18n.SETTINGS_KEY) == "en"
        qtbot.waitUntil(lambda: menu.title() == "&Language")
        assert english.isChecked() and i18n.install(qapp, settings, QLocale("zh_CN")) == "en"
    finally:
        i18n.set_language(qapp, i18n.ENGLISH)


def test_qt_s_own_chinese_catalogue_is_found():
    path = i18n.qt_catalogue("zh_CN")
    assert path is not None and path.is_file() and path.name.endswith("zh_CN.qm")
    assert i18n.qt_catalogue("en") is None
