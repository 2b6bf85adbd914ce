"""The training worker and its controller: signals, pause/resume/stop, stepping, divergence,
errors and clean shutdown, on small synthetic data."""

import numpy as np
import pytest

from desktop_bp.core import checkpoint
from desktop_bp.core.training import BatchEvent, EpochEvent, FinishedEvent, PausedEvent
from desktop_bp.ui.worker import RunSettings, TrainingController, TrainingJob


def synthetic(n, seed=0):
    """n random 784-vectors with labels 0..9 (read-only, like core.mnist's arrays)."""
    rng = np.random.default_rng(seed)
    images = rng.random((n, 784), dtype=np.float32)
    labels = rng.integers(0, 10, n)
    images.flags.writeable = False
    return images, labels


@pytest.fixture
def data():
    return synthetic(500), synthetic(100, 1), synthetic(100, 2)


def make_job(data, tmp_path, report_interval=0.0, **settings):
    values = dict(sizes=[784, 16, 10], eta=1.0, batch_size=10, epochs=2, training_size=500,
                  seed=3)
    values.update(settings)
    settings = RunSettings(**values)
    training, validation, test = data
    return TrainingJob(network=settings.make_network(), settings=settings, training=training,
                       validation=validation, test=test, checkpoint_dir=tmp_path,
                       report_interval=report_interval, snapshot_interval=0.0)


class Recorder:
    """Collects what a controller emits (a plain Python object: its methods are only called in
    the GUI thread, because the controller emits from there)."""

    def __init__(self, controller):
        self.events = []
        self.errors = []
        self.trained = []
        for name in ("batch", "epoch", "paused", "finished"):
            getattr(controller, name).connect(self.events.append)
        controller.error.connect(self.errors.append)
        controller.trained.connect(self.trained.append)

    def of(self, kind):
        return [e for e in self.events if isinstance(e, kind)]


@pytest.fixture
def controller(qtbot):
    c = TrainingController()
    yield c
    assert c.shutdown(5000)


def test_short_run_emits_batches_epochs_and_finished(qtbot, controller, data, tmp_path):
    rec = Recorder(controller)
    with qtbot.waitSignal(controller.finished, timeout=20000) as blocker:
        controller.start(make_job(data, tmp_path))
    finished = blocker.args[0]
    assert isinstance(finished, FinishedEvent) and finished.reason == "completed"
    epochs = rec.of(EpochEvent)
    assert [e.epoch for e in epochs] == [0, 1]
    assert epochs[-1].test_accuracy is not None and epochs[-1].validation_cost is not None
    batches = rec.of(BatchEvent)
    assert len(batches) >= 50
    snaps = [b.snapshot for b in batches if b.snapshot is not None]
    assert snaps, "snapshots are requested while training"
    assert snaps[0].nabla_w[0].shape == (16, 784) and snaps[0].weights[1].shape == (10, 16)
    assert not snaps[0].nabla_w[0].flags.writeable
    assert rec.trained and rec.trained[0].metadata["history"] == finished.history
    qtbot.waitUntil(lambda: not controller.thread_alive(), timeout=5000)
    cp = checkpoint.load_checkpoint(checkpoint.find_checkpoint(tmp_path))
    assert cp.status == "completed" and cp.epochs_done == 2


def test_pause_resume_and_stop(qtbot, controller, data, tmp_path):
    rec = Recorder(controller)
    controller.start(make_job(data, tmp_path, epochs=500))
    qtbot.waitUntil(lambda: len(rec.of(BatchEvent)) >= 3, timeout=10000)
    with qtbot.waitSignal(controller.paused, timeout=10000) as blocker:
        controller.pause()
    assert isinstance(blocker.args[0], PausedEvent)
    assert controller.is_paused
    assert blocker.args[0].weights[0].shape == (16, 784)
    n = len(rec.of(BatchEvent))
    controller.resume()
    qtbot.waitUntil(lambda: len(rec.of(BatchEvent)) > n + 2, timeout=10000)
    controller.set_eta(0.5)
    qtbot.waitUntil(lambda: rec.of(BatchEvent)[-1].eta == 0.5, timeout=10000)
    with qtbot.waitSignal(controller.finished, timeout=10000) as blocker:
        controller.stop()
    assert blocker.args[0].reason == "stopped"
    assert not controller.is_running
    assert rec.trained, "a stopped run hands over what it learned"


def test_step_batch_and_step_epoch(qtbot, controller, data, tmp_path):
    rec = Recorder(controller)
    with qtbot.waitSignal(controller.paused, timeout=10000) as blocker:
        controller.start(make_job(data, tmp_path, epochs=3), paused=True)
    assert (blocker.args[0].epoch, blocker.args[0].batch) == (0, 0)
    with qtbot.waitSignal(controller.paused, timeout=10000) as blocker:
        controller.step_batch()
    assert blocker.args[0].batch == 1
    assert rec.of(BatchEvent)[-1].batch == 1
    with qtbot.waitSignal(controller.paused, timeout=10000) as blocker:
        controller.step_batch(5)
    assert blocker.args[0].batch == 6
    with qtbot.waitSignal(controller.paused, timeout=10000) as blocker:
        controller.step_epoch()
    assert (blocker.args[0].epoch, blocker.args[0].batch) == (1, 0)
    assert [e.epoch for e in rec.of(EpochEvent)] == [0]
    with qtbot.waitSignal(controller.finished, timeout=10000) as blocker:
        controller.resume()
    assert blocker.args[0].reason == "completed"


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # the engine's float32 overflow
def test_diverging_eta_finishes_with_an_explanation(qtbot, controller, data, tmp_path):
    # ReLUs simply die at eta = 1e4 (the cost stays finite); 1e20 overflows float32 at once
    job = make_job(data, tmp_path, activation="relu", cost="log-likelihood", eta=1e20,
                   init="standard", epochs=3)
    with qtbot.waitSignal(controller.finished, timeout=20000) as blocker:
        controller.start(job)
    ev = blocker.args[0]
    assert ev.reason == "diverged"
    assert "learning rate" in ev.message and "η = 1e+20" in ev.message
    assert ev.best_epoch is None    # it diverged in the first epoch: the start weights are kept


def test_an_exception_in_the_worker_becomes_an_error_signal(qtbot, controller, tmp_path):
    bad = (np.zeros((50, 783), np.float32), np.zeros(50, int))    # wrong input size
    job = make_job((bad, None, None), tmp_path, training_size=50)
    rec = Recorder(controller)
    with qtbot.waitSignal(controller.finished, timeout=10000) as blocker:
        controller.start(job)
    assert blocker.args[0].reason == "error"
    # an unexpected error (a bug): a message, with the details behind "Show Details…"
    assert rec.errors and rec.errors[0].title == "Training failed"
    assert "Traceback" in rec.errors[0].details and "Traceback" not in rec.errors[0].text
    assert not controller.is_running


def test_a_damaged_data_file_is_one_clear_message_without_a_traceback(qtbot, controller,
                                                                      tmp_path):
    from desktop_bp.core.mnist import DatasetError

    def damaged():
        raise DatasetError("train-images-idx3-ubyte.gz (in /data) is truncated (its gzip stream "
                           "ends early). Delete it and run `desktop-bp download`.")

    job = make_job((None, None, None), tmp_path, training_size=50)
    job.training = None
    job.load_data = damaged
    rec = Recorder(controller)
    with qtbot.waitSignal(controller.finished, timeout=10000) as blocker:
        controller.start(job)
    assert blocker.args[0].reason == "error"
    report = rec.errors[0]
    assert report.title == "MNIST cannot be read" and not report.details
    assert "truncated" in report.text and "desktop-bp download" in report.text


def test_shutdown_mid_training_and_while_paused_repeatedly(qtbot, data, tmp_path):
    for paused in (False, True, False):
        controller = TrainingController()
        rec = Recorder(controller)
        controller.start(make_job(data, tmp_path, epochs=1000), paused=paused)
        qtbot.waitUntil(lambda: len(rec.events) > 0, timeout=10000)
        assert controller.shutdown(5000)
        assert not controller.thread_alive()


def test_data_can_be_loaded_in_the_worker(qtbot, controller, data, tmp_path):
    job = make_job(data, tmp_path, epochs=1)
    job.training = job.validation = job.test = None
    job.load_data = lambda: data      # called in the worker thread
    with qtbot.waitSignal(controller.data_loaded, timeout=10000) as loaded:
        with qtbot.waitSignal(controller.finished, timeout=10000):
            controller.start(job)
    assert loaded.args[0][0][0].shape == (500, 784)
