"""The whole window in Chinese, and back: built in Chinese it shows Chinese menus, form labels,
buttons and plot titles; switched zh -> en -> zh while it runs, no fixed text stays behind in the
other language."""

import re

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenu

from desktop_bp.core import checkpoint
from desktop_bp.core.presets import PRESETS
from desktop_bp.ui import i18n
from desktop_bp.ui.app import build_window

from mouse_drawing import draw_digit

CJK = re.compile(r"[\u4e00-\u9fff]")
# a word of the English texts: three Latin letters or more, not part of a symbol (a_in, δ_out)
ENGLISH_WORD = re.compile(r"(?<![\w])[A-Za-z]{3,}")
# words that stay as they are in every language: names, file formats, the language names,
# activation and cost names (the network's own, as the command line writes them); "Export" is
# pyqtgraph's own context menu
NOT_TRANSLATED = {"English", "MNIST", "desktop", "npz", "JSON", "json", "network2", "sigmoid",
                  "quadratic", "relu", "softmax", "tanh", "entropy", "cross", "log",
                  "likelihood", "ReLU", "SGD", "CPU", "Export"}


@pytest.fixture
def window(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = build_window(settings, recovery=checkpoint.Recovery(enabled=False))
    qtbot.addWidget(window)
    window.load_startup_model()
    return window


@pytest.fixture
def chinese(qapp):
    i18n.set_language(qapp, i18n.SIMPLIFIED_CHINESE)
    yield
    i18n.set_language(qapp, i18n.ENGLISH)
    qapp.processEvents()


def fixed_texts(window):
    """{where: text} for every label, button, group box, menu and action of the window."""
    out = {}
    for kind in (QLabel, QAbstractButton):
        for widget in window.findChildren(kind):
            if not widget.text():
                continue
            out[f"{type(widget).__name__} {widget.objectName() or id(widget)}"] = widget.text()
            if widget.toolTip() and isinstance(widget, QAbstractButton):
                out[f"tip of {widget.text()}"] = widget.toolTip()
    for box in window.findChildren(QGroupBox):
        out[f"group {id(box)}"] = box.title()
    for menu in window.findChildren(QMenu):
        out[f"menu {id(menu)}"] = menu.title()
    for action in window.findChildren(QAction):
        if action.text() and action.data() not in i18n.LANGUAGES:   # each named in itself
            out[f"action {action.text()}"] = action.text()
            if action.statusTip():
                out[f"status tip of {action.text()}"] = action.statusTip()
    return out


def left_in_english(texts):
    return {k: t for k, t in texts.items()
            if not CJK.search(t) and set(ENGLISH_WORD.findall(t)) - NOT_TRANSLATED}


def test_the_window_built_in_chinese_speaks_chinese(chinese, window):
    panel = window.training_panel()
    assert window.file_menu.title() == "文件(&F)"
    assert window.language_menu.menu.title() == "语言 Language(&L)"
    assert window.open_action.text() == "打开模型…(&O)"
    assert panel.form._row_labels["eta"].text() == "学习率 η"
    assert panel.form._row_labels["batch"].text() == "小批量"
    assert panel.form._row_labels["epochs"].text() == "迭代期"
    assert panel.controls.start_button.text() == "开始"
    assert panel.controls.progress_group.title() == "进度"
    assert "代价" in panel.plots.cost_plot.titleLabel.text
    tabs = window.tabs
    assert tabs.tabText(tabs.indexOf(window.train_page)) == "训练"
    assert tabs.tabText(tabs.indexOf(window.model_info)) == "模型"
    assert "结构" in window.model_info.toPlainText()
    if window.network().metadata.get("hyperparameters", {}).get("preset") == "best":
        # the preset's name too
        assert "best" not in ENGLISH_WORD.findall(window.model_info.toPlainText())
    assert "第 1 章" in panel.form.preset_description.text()
    # the model in use described in Chinese too, as the status bar and the Model page show it
    assert window.arch_label.text() == "784-1024-512-10 ReLU/softmax，对数似然"
    assert "784-1024-512-10 ReLU/softmax，对数似然" in window.model_info.toPlainText()
    assert left_in_english(fixed_texts(window)) == {}


def test_switching_zh_en_zh_leaves_no_text_behind(qapp, qtbot, window):
    panel = window.training_panel()
    english = fixed_texts(window)
    assert not [t for t in english.values() if CJK.search(t)]
    try:
        for _ in range(2):
            i18n.set_language(qapp, i18n.SIMPLIFIED_CHINESE)
            qtbot.waitUntil(lambda: panel.controls.start_button.text() == "开始")
            assert left_in_english(fixed_texts(window)) == {}
            assert panel.form.preset_combo.currentText().startswith("原书")
            assert "学习率 η" in window.model_info.toPlainText() or \
                "结构" in window.model_info.toPlainText()
            i18n.set_language(qapp, i18n.ENGLISH)
            qtbot.waitUntil(lambda: panel.controls.start_button.text() == "Start")
            back = fixed_texts(window)
            assert [t for t in back.values() if CJK.search(t)] == []
            assert back == english
    finally:
        i18n.set_language(qapp, i18n.ENGLISH)


def test_a_custom_description_follows_the_language(qapp, qtbot, window):
    form = window.training_panel().form
    form.eta_edit.setText("0.5")
    form.eta_edit.textEdited.emit("0.5")        # as typed: the preset becomes "custom"
    assert form.preset_description.text().startswith("Your own settings")
    try:
        i18n.set_language(qapp, i18n.SIMPLIFIED_CHINESE)
        qtbot.waitUntil(lambda: form.preset_description.text().startswith("你自己的设置"))
        assert "原书" in form.preset_description.text()       # "from the book preset"
    finally:
        i18n.set_language(qapp, i18n.ENGLISH)


def test_the_form_s_preset_descriptions_are_the_presets_own(window):
    # the form names the presets' descriptions for translation; in English they are core's
    form = window.training_panel().form
    for name, values in PRESETS.items():
        assert form.preset_text(name) == values["description"], name


def test_the_microscope_and_evaluate_pages_follow_the_language(qapp, qtbot, window):
    # the pages are built when first shown: show each, then switch zh -> en -> zh
    window.resize(1200, 760)
    window.show()
    draw_digit(window.canvas, 7)        # the microscope then shows the drawing
    qtbot.waitUntil(lambda: window.last_preprocessed() is not None)
    pages = (window.microscope_link.microscope_page, window.microscope_link.gradcheck_page,
             window.evaluation_link.page)
    for page in pages:
        window.tabs.setCurrentWidget(page)
        qapp.processEvents()
    assert window.microscope_link.microscope is not None
    window.tabs.setCurrentWidget(pages[0])
    qtbot.waitUntil(lambda: window.microscope_link.microscope.bp is not None)
    assert window.microscope_link.gradcheck is not None
    english = fixed_texts(window)
    assert "Run the gradient check" in english.values()
    panel = window.training_panel()
    try:
        for _ in range(2):
            i18n.set_language(qapp, i18n.SIMPLIFIED_CHINESE)
            qtbot.waitUntil(lambda: panel.controls.start_button.text() == "开始")
            chinese = fixed_texts(window)
            assert left_in_english(chinese) == {}
            assert "运行梯度检验" in chinese.values()
            assert "目标 y：" in chinese.values()
            assert window.tabs.tabText(window.tabs.indexOf(pages[0])) == "显微镜"
            i18n.set_language(qapp, i18n.ENGLISH)
            qtbot.waitUntil(lambda: panel.controls.start_button.text() == "Start")
            back = fixed_texts(window)
            assert [t for t in back.values() if CJK.search(t)] == []
            assert back == english
    finally:
        i18n.set_language(qapp, i18n.ENGLISH)


def test_the_form_translates_every_check_of_the_run_settings(qtbot):
    from desktop_bp.core import run_config
    from desktop_bp.ui.training.form import RunForm
    form = RunForm()
    qtbot.addWidget(form)
    assert set(form.message_templates()) == set(run_config.TEMPLATES)
    assert set(form.field_names()) == set(run_config.FIELD_NAMES)
    # in English the window says what the command line says
    value, error, _ = run_config.parse_eta("-1")
    assert form.say(error) == str(error)
    _, error, _ = run_config.parse_momentum("x")
    assert form.say(error) == "momentum must be a number"


def test_the_panel_translates_every_explanation_of_a_divergence(qtbot):
    from desktop_bp.core import training
    from desktop_bp.ui.training import TrainingPanel
    panel = TrainingPanel(checkpoint_dir=False)
    qtbot.addWidget(panel)
    for cost, best in ((1e9, None), (1e9, 2), (float("nan"), None), (float("inf"), 3)):
        message = training.divergence_message(cost, 0.5, 1, 7, 100.0, best)
        assert message.template in training.DIVERGENCE_TEMPLATES
        assert panel.say_divergence(message) == str(message)    # English: the engine's words


def test_a_damaged_model_file_is_explained_in_chinese(chinese, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from desktop_bp.core.network import Network
    from desktop_bp.core.persistence import save_model
    shown = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda parent, title, text, *a, **k: shown.append(text)))
    good = save_model(tmp_path / "good.npz", Network([784, 16, 10], seed=0))
    damaged = tmp_path / "damaged.npz"
    damaged.write_bytes(good.read_bytes()[:300])
    current = window.network()
    assert window.open_model(damaged) is False and window.network() is current
    assert len(shown) == 1
    assert shown[0].startswith("文件已损坏或不完整")      # the window's words first
    assert "详情：" in shown[0] and "damaged.npz" in shown[0]   # then the file's details


def test_a_file_that_is_no_model_is_explained_without_english_in_chinese(chinese, window,
                                                                       tmp_path, monkeypatch):
    """The engine's reason ("neither a desktop_bp model (.npz) nor a network2.py JSON file")
    is English: the Chinese window says it in its own words, and names the file."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox
    shown = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda parent, title, text, *a, **k: shown.append(
                            (title, text))))
    notes = tmp_path / "notes.txt"
    notes.write_text("hello, not a model")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: (str(notes), "")))
    current = window.network()
    window.open_action.trigger()
    assert window.network() is current and len(shown) == 1
    title, text = shown[0]
    assert str(notes) in text and CJK.search(title) and CJK.search(text)
    # the file's path and the other format's name aside, not one English word
    words = ENGLISH_WORD.findall(title + text.replace(str(notes), "").replace("network2.py", ""))
    assert set(words) - NOT_TRANSLATED == set(), text


def test_the_progress_box_and_the_run_s_message_follow_a_language_switch(qapp, qtbot, window):
    panel = window.training_panel()
    controls = panel.controls
    controls.show_counters(24, 60, 1771, 5000)
    controls.show_accuracy(23, 0.9785, 0.977)
    controls.say(lambda: panel.tr("Training…"))     # as the training page says it
    assert controls.epoch_label.text() == "24 of 60"
    try:
        i18n.set_language(qapp, i18n.SIMPLIFIED_CHINESE)
        qtbot.waitUntil(lambda: controls.status_label.text() == "正在训练…")
        assert controls.epoch_label.text() == "24 / 60"
        assert controls.accuracy_label.text().startswith("第 23 个迭代期后")
        controls.say("a message that came already written")     # stays as it is
        i18n.set_language(qapp, i18n.ENGLISH)
        qtbot.waitUntil(lambda: controls.epoch_label.text() == "24 of 60")
        assert controls.status_label.text() == "a message that came already written"
        assert controls.accuracy_label.text().startswith("after epoch 23")
    finally:
        i18n.set_language(qapp, i18n.ENGLISH)


def test_the_status_bar_names_a_network_trained_here_in_the_current_language(
        qapp, qtbot, window):
    from desktop_bp.core.network import Network
    session = window.session
    session.state.restore(Network([784, 16, 10], seed=0),
                          lambda: session.tr("recovered run: {0}").format("784-16-10"))
    assert window.file_label.text().startswith("recovered run: 784-16-10")
    try:
        i18n.set_language(qapp, i18n.SIMPLIFIED_CHINESE)
        qtbot.waitUntil(lambda: CJK.search(window.file_label.text()) is not None)
    finally:
        i18n.set_language(qapp, i18n.ENGLISH)
    qtbot.waitUntil(lambda: window.file_label.text().startswith("recovered run"))
    session.state.discard_unsaved()


def test_after_a_switch_there_and_back_the_form_still_never_scrolls_sideways(qapp, qtbot,
                                                                             window):
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    area = window.training_panel().form_scroll

    def settle():
        for _ in range(10):
            qapp.processEvents()

    settle()
    assert area.horizontalScrollBar().maximum() == 0
    try:
        i18n.set_language(qapp, i18n.SIMPLIFIED_CHINESE)     # shorter words: a narrower form
        settle()
        assert area.horizontalScrollBar().maximum() == 0
    finally:
        i18n.set_language(qapp, i18n.ENGLISH)
    settle()
    # the form is measured once its own words are English again, not before
    assert area.horizontalScrollBar().maximum() == 0
    assert area.width() >= area.widget().minimumSizeHint().width()
