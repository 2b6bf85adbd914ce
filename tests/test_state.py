"""The one owner of the app's state, without any widget: its phases, the one rule about unsaved
work, and each defect of the "one owner" issue at the level of the state (no Qt is imported:
tests/core/test_no_qt.py checks that the module loads without it)."""

import pytest

from desktop_bp.core.network import Network
from desktop_bp.ui.state import AppState, Phase, StateError


class FakeRecovery:
    def __init__(self):
        self.discarded = 0

    def discard(self):
        self.discarded += 1
        return True


def net(seed=0):
    return Network([784, 4, 10], seed=seed)


@pytest.fixture
def state():
    s = AppState(FakeRecovery())
    s.changes = []
    s.subscribe(s.changes.append)
    return s


def test_a_file_model_then_a_run_then_save(state):
    bundled = net(1)
    state.use_model(bundled, origin="bundled", label="bundled default model", path="b.npz")
    assert state.model.network is bundled and state.model.saved and not state.has_unsaved
    assert state.check("open") is None and state.check("quit") is None
    state.run_started()
    assert state.phase == Phase.RUNNING and state.run_active
    assert state.check("open") == "stop" and state.check("quit") == "stop"
    trained = net(2)
    state.publish(trained, "training: epoch 1")
    assert state.network is trained and state.has_unsaved and state.model.origin == "run"
    state.run_paused()
    assert state.phase == Phase.PAUSED
    state.run_resumed()
    state.run_stopping()
    assert state.phase == Phase.STOPPING and state.check("open") == "wait"
    state.run_ended("stopped", trained, "trained here")
    assert state.phase == Phase.FINISHED and state.has_unsaved
    assert state.check("open") == "unsaved" and state.check("start") == "unsaved"
    assert state.check("quit") == "unsaved"
    # continuing the unsaved network loses nothing: nothing to ask (defect 2)
    assert state.check("continue") is None
    state.mark_saved("/tmp/mine.npz")
    assert state.model.origin == "file" and state.model.saveable and not state.has_unsaved
    assert state.recovery.discarded == 1      # the model file holds the work now
    assert "model" in state.changes and "phase" in state.changes


def test_discard_removes_the_recovery_file_and_gives_the_file_model_back(state):
    """Defect 1: a run thrown away is never offered for recovery."""
    opened = net(1)
    state.use_model(opened, origin="file", label="mine.npz", path="mine.npz")
    state.run_started()
    state.publish(net(2), "training: epoch 1")
    state.run_ended("completed", net(3), "trained here")
    state.discard_unsaved()
    assert state.recovery.discarded == 1
    assert state.network is opened and not state.has_unsaved and state.phase == Phase.IDLE


def test_another_model_cannot_replace_a_running_network(state):
    """Defect 3: opening while a run goes on needs the run to stop first."""
    state.run_started(paused=True)
    assert state.phase == Phase.PAUSED and state.check("open") == "stop"
    with pytest.raises(StateError):
        state.use_model(net(), origin="file", label="other.npz")
    with pytest.raises(StateError):
        state.discard_unsaved()
    with pytest.raises(StateError):
        state.run_started()


def test_after_run_waits_for_the_end_of_the_run(state):
    """Defect 4's rule: what waits for a stopping run happens once its thread has ended."""
    done = []
    state.after_run(lambda: done.append("now"))        # no run: at once
    state.run_started()
    state.after_run(lambda: done.append("later"))
    state.run_stopping()
    assert done == ["now"]
    state.run_ended("stopped", net(), "trained here")
    assert done == ["now", "later"]


def test_a_diverged_run_without_a_good_epoch_gives_the_previous_model_back(state):
    before = net(1)
    state.use_model(before, origin="file", label="mine.npz")
    state.run_started()
    state.run_ended("diverged", None)
    assert state.phase == Phase.DIVERGED and state.network is before and not state.has_unsaved
    state.run_started()
    state.publish(net(2), "training: epoch 1")
    state.run_ended("diverged", net(3), "best epoch 1")
    assert state.has_unsaved and state.model.label == "best epoch 1"


def test_paused_weights_are_marked_as_not_measured(state):
    state.run_started()
    state.publish(net(2), "training: epoch 2, mini-batch 40", measured=False)
    assert not state.model.measured
    state.publish(net(3), "training: epoch 2")
    assert state.model.measured


def test_a_restored_run_is_unsaved_until_saved_or_discarded(state):
    state.restore(net(4), "recovered run")
    assert state.model.origin == "recovered" and state.has_unsaved
    assert state.check("continue") is None and state.check("open") == "unsaved"
    with pytest.raises(ValueError):
        state.check("fly")


def test_the_time_machine_replays_an_epoch_only_between_runs(state):
    state.run_started()
    with pytest.raises(StateError):
        state.replay(net(5), "epoch 2 of the last run")
    state.run_ended("completed", net(6), "trained here")
    epoch_two = net(5)
    state.replay(epoch_two, "epoch 2 of the last run")
    assert state.network is epoch_two and state.has_unsaved and state.check("continue") is None
