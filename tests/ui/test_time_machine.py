"""The epoch time machine on the training page: every epoch of the last run can be put back in
use, and training can branch from it."""

import numpy as np
from PySide6.QtCore import QSettings

from desktop_bp.core import checkpoint
from desktop_bp.ui import i18n
from desktop_bp.ui.app import build_window


def synthetic(n, seed=0):
    rng = np.random.default_rng(seed)
    return rng.random((n, 784), dtype=np.float32), rng.integers(0, 10, n)


def book_run_window(qtbot, tmp_path, images, epochs=None):
    """The window with a 784-8-10 book-network run set up on ``images`` synthetic images, for
    ``epochs`` (None: as many as the form allows): (window, its training panel)."""
    window = build_window(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                          recovery=checkpoint.Recovery(enabled=False),
                          data=(synthetic(images), synthetic(50, 1), synthetic(50, 2)))
    qtbot.addWidget(window, before_close_func=lambda w: w.session.state.discard_unsaved())
    panel = window.training_panel()
    panel.apply_preset("book")
    panel.form.hidden_edit.setText("8")
    panel.form.epochs_spin.setValue(panel.form.epochs_spin.maximum() if epochs is None else epochs)
    panel.form.seed_edit.setText("1")
    return window, panel


def stop_within_an_epoch(qtbot, window, panel):
    """Start ``panel``'s run and stop it one or more mini-batches into an epoch (after at
    least two); returns its FinishedEvent."""
    epochs = []
    panel.controller.epoch.connect(epochs.append)
    assert panel.start()
    qtbot.waitUntil(lambda: len(epochs) >= 2, timeout=20000)
    with qtbot.waitSignal(panel.controller.paused, timeout=20000) as blocker:
        panel.controller.pause()
    if blocker.args[0].batch == 0:              # at an epoch's start: one mini-batch into it
        with qtbot.waitSignal(panel.controller.paused, timeout=20000):
            panel.controller.step_batch()
    with qtbot.waitSignal(panel.controller.finished, timeout=20000) as blocker:
        panel.stop()
    qtbot.waitUntil(lambda: not window.session.state.run_active, timeout=10000)
    return blocker.args[0]


def test_replay_and_branch(qapp, qtbot, tmp_path, prompts):
    window, panel = book_run_window(qtbot, tmp_path, 200, 3)
    events = []
    panel.controller.epoch.connect(events.append)
    with qtbot.waitSignal(panel.controller.finished, timeout=20000):
        assert panel.start()
    qtbot.waitUntil(lambda: not window.session.state.run_active, timeout=5000)
    tm = panel.time_machine
    assert tm.kept_epochs() == [0, 1, 2, 3] and tm.isEnabled()
    # what is kept, in the window's language, with the figures of the store itself
    capacity = panel.session.snapshots.capacity()
    assert tm.budget_text().startswith(f"4 epochs kept. {capacity:,} epochs of 784-8-10 (")
    assert tm.slider.toolTip() == tm.title.toolTip() == tm.budget_text()    # not a line of its own
    try:
        i18n.set_language(qapp, i18n.SIMPLIFIED_CHINESE)
        qtbot.waitUntil(lambda: tm.budget_text().startswith("保留了 4 个迭代期"))
        assert f"784-8-10 的 {capacity:,} 个迭代期" in tm.budget_text()
    finally:
        i18n.set_language(qapp, i18n.ENGLISH)
    qtbot.waitUntil(lambda: tm.budget_text().startswith("4 epochs kept."))
    # epoch 2's weights are exactly the ones the run had after its second epoch
    tm.epoch_chosen.emit(2)
    in_use = window.network()
    for w, expected in zip(in_use.weights, events[1].weights):
        np.testing.assert_array_equal(w, expected)
    assert len(in_use.metadata["history"]) == 2 and "epoch 2" in window.file_label.text()
    np.testing.assert_array_equal(panel.heatmaps.layers[1].matrix, events[1].weights[1])
    # branch from epoch 1: Start trains it further, counting epochs on from there
    tm.branch_requested.emit(1)
    assert panel.form.continue_radio.isChecked()
    panel.form.epochs_spin.setValue(1)
    with qtbot.waitSignal(panel.controller.epoch, timeout=20000) as blocker:
        assert panel.start()
    assert blocker.args[0].epoch == 1           # the second epoch of the branched history
    qtbot.waitUntil(lambda: not window.session.state.run_active, timeout=10000)
    assert not prompts.shown                    # continuing the replayed epoch asks nothing
    assert len(window.network().metadata["history"]) == 2


def test_every_epoch_can_be_saved_with_the_model_and_replayed_after_opening(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = build_window(settings, recovery=checkpoint.Recovery(enabled=False),
                          data=(synthetic(200), synthetic(50, 1), synthetic(50, 2)))
    qtbot.addWidget(window)
    panel = window.training_panel()
    panel.apply_preset("book")
    panel.form.hidden_edit.setText("8")
    panel.form.epochs_spin.setValue(2)
    panel.form.seed_edit.setText("1")
    window.session.set_keep_epochs(True)
    with qtbot.waitSignal(panel.controller.finished, timeout=20000):
        assert panel.start()
    qtbot.waitUntil(lambda: not window.session.state.run_active, timeout=5000)
    path = tmp_path / "with-epochs.npz"
    assert window.session.save_to(path)
    epoch_one = window.session.snapshots.weights_at(1)[0]
    # another window opens the file: its time machine has the run's epochs
    other = build_window(QSettings(str(tmp_path / "t.ini"), QSettings.Format.IniFormat),
                         recovery=checkpoint.Recovery(enabled=False))
    qtbot.addWidget(other)
    assert other.open_model(path)
    other_panel = other.training_panel()
    assert other_panel.time_machine.kept_epochs() == [0, 1, 2]
    other_panel.time_machine.epoch_chosen.emit(1)
    for w, expected in zip(other.network().weights, epoch_one):
        np.testing.assert_array_equal(w, expected)
    other.session.state.discard_unsaved()


def test_the_file_menu_choice_to_save_every_epoch_is_remembered(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = build_window(settings, recovery=checkpoint.Recovery(enabled=False))
    qtbot.addWidget(window)
    assert not window.keep_epochs_action.isChecked() and not window.session.keep_epochs
    window.keep_epochs_action.trigger()
    assert window.session.keep_epochs
    again = build_window(settings, recovery=checkpoint.Recovery(enabled=False))
    qtbot.addWidget(again)
    assert again.keep_epochs_action.isChecked() and again.session.keep_epochs


def test_latest_brings_back_the_network_a_run_stopped_within_an_epoch(qtbot, tmp_path):
    window, panel = book_run_window(qtbot, tmp_path, 400)         # runs until stopped
    finished = stop_within_an_epoch(qtbot, window, panel)
    assert finished.batches_done > 0            # stopped within an epoch
    stopped = [w.copy() for w in window.network().weights]
    tm = panel.time_machine
    tm.set_epoch(1)                             # back in time ...
    assert not np.array_equal(window.network().weights[0], stopped[0])
    tm.latest_button.click()                    # ... and back to where the run stopped
    for w, expected in zip(window.network().weights, stopped):
        np.testing.assert_array_equal(w, expected)
