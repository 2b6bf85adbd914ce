"""What the training page and the Model page say about a run's state: the Progress box after
"Branch from here", and the epochs of a run stopped within an epoch."""

import re

from test_time_machine import book_run_window, stop_within_an_epoch

from desktop_bp.ui import i18n


def test_after_branching_the_progress_box_shows_the_branch_not_the_old_run(qapp, qtbot, tmp_path):
    window, panel = book_run_window(qtbot, tmp_path, 200, 3)
    with qtbot.waitSignal(panel.controller.finished, timeout=20000):
        assert panel.start()
    qtbot.waitUntil(lambda: not window.session.state.run_active, timeout=5000)
    controls = panel.controls
    assert controls.epoch_label.text() == "3 of 3"          # the run that ended
    first = window.session.run_history[0]
    panel.time_machine.branch_requested.emit(1)
    assert controls.epoch_label.text() == "1 (branched)"
    assert controls.batch_label.text() == "none yet"
    assert controls.elapsed_label.text() == "–"
    assert controls.cost_label.text() == f"after epoch 1: {first['training_cost']:.3g}"
    assert controls.accuracy_label.text().startswith("after epoch 1: ")
    assert f"{100 * first['validation_accuracy']:.2f}%" in controls.accuracy_label.text()
    assert "press Start" in controls.status_label.text()
    # in the other language too, message and counters alike
    try:
        i18n.set_language(qapp, i18n.SIMPLIFIED_CHINESE)
        qtbot.waitUntil(lambda: "分支" in controls.epoch_label.text())
        assert controls.epoch_label.text().startswith("1")
        assert not re.search("[A-Za-z]{3,}", controls.epoch_label.text())
        assert controls.status_label.text() and "press Start" not in controls.status_label.text()
    finally:
        i18n.set_language(qapp, i18n.ENGLISH)
    qtbot.waitUntil(lambda: controls.epoch_label.text() == "1 (branched)")
    # "Latest" (or the slider moving on) leaves the branch point: the run's end again, with
    # its message, not "epoch 1 is the model in use"
    ended = "Trained 3 epochs."
    machine = panel.time_machine
    machine.slider.setValue(1)              # epoch 1, chosen on the slider
    machine.branch_button.click()
    assert controls.epoch_label.text() == "1 (branched)"
    machine.latest_button.click()
    assert controls.epoch_label.text() == "3 of 3" and controls.status_label.text() == ended
    machine.slider.setValue(2)
    machine.branch_button.click()
    assert controls.epoch_label.text() == "2 (branched)"
    machine.slider.setValue(1)
    assert controls.epoch_label.text() == "3 of 3" and "press Start" not in (
        controls.status_label.text())


def test_the_model_page_counts_full_epochs_and_the_part_of_the_next(qapp, qtbot, tmp_path):
    window, panel = book_run_window(qtbot, tmp_path, 400)         # runs until stopped
    finished = stop_within_an_epoch(qtbot, window, panel)
    assert finished.batches_done > 0
    full = len(window.network().metadata["history"])
    text = window.model_info.toPlainText()
    assert (f"{full} full epochs and part of epoch {full + 1} "
            f"({finished.batches_done} of {finished.batches} mini-batches)") in text
    assert f"{full} epochs," not in text
    # the accuracy shown is that of the weights the run stopped with, and says so
    assert "Test accuracy (of the final weights)" in text
    try:
        i18n.set_language(qapp, i18n.SIMPLIFIED_CHINESE)
        qtbot.waitUntil(lambda: "完整" in window.model_info.toPlainText())
        chinese = window.model_info.toPlainText()
        assert f"第 {full + 1} 个迭代期的一部分" in chinese
        assert f"{finished.batches_done}/{finished.batches}" in chinese
        assert "最终权重" in chinese
    finally:
        i18n.set_language(qapp, i18n.ENGLISH)
    # a run that is continued from there and completes its epochs says nothing of a part
    panel.form.continue_radio.setChecked(True)
    panel.form.epochs_spin.setValue(1)
    with qtbot.waitSignal(panel.controller.finished, timeout=20000):
        assert panel.start()
    qtbot.waitUntil(lambda: not window.session.state.run_active, timeout=10000)
    text = window.model_info.toPlainText()
    assert "part of epoch" not in text and "final weights" not in text
    assert f"{full + 1} epochs," in text


def test_saving_a_run_stopped_within_an_epoch_keeps_the_accuracy_of_its_weights(qtbot,
                                                                                 tmp_path):
    from desktop_bp.core.persistence import load_model
    from desktop_bp.core.run_config import PARTIAL_EPOCH
    window, panel = book_run_window(qtbot, tmp_path, 400)         # runs until stopped
    finished = stop_within_an_epoch(qtbot, window, panel)
    measured = finished.measured["test_accuracy"]
    last_epoch = window.session.run_history[-1]["test_accuracy"]
    assert window.network().metadata["test_accuracy"] == measured
    path = tmp_path / "stopped.npz"
    assert window.session.save_to(path)
    # the file, and the model in use (now that file), keep the figure of the weights saved,
    # not the last full epoch's, and still say the run ended within an epoch
    for net in (window.network(), load_model(path)):
        assert net.metadata["test_accuracy"] == measured, (measured, last_epoch)
        assert net.metadata[PARTIAL_EPOCH]["batches_done"] == finished.batches_done
    assert "part of epoch" in window.model_info.toPlainText()


def test_the_time_machine_keeps_the_weights_a_run_stopped_with_within_reach(qtbot, tmp_path):
    import numpy as np
    window, panel = book_run_window(qtbot, tmp_path, 400)         # runs until stopped
    finished = stop_within_an_epoch(qtbot, window, panel)
    full = len(window.session.run_history)
    machine = panel.time_machine
    # at the last kept epoch, the label says the run went on, and "Latest" is offered
    assert machine.label.text() == f"epoch {full}; stopped in {full + 1}"
    assert machine.latest_button.isEnabled()
    stopped = [w.copy() for w in window.network().weights]
    machine.slider.setValue(machine.slider.maximum() - 1)
    machine.slider.setValue(machine.slider.maximum())       # the last full epoch's weights
    assert not all(np.array_equal(a, b) for a, b in zip(stopped, window.network().weights))
    machine.latest_button.click()                           # the weights it stopped with
    assert all(np.array_equal(a, b) for a, b in zip(stopped, window.network().weights))
    assert finished.batches_done > 0
