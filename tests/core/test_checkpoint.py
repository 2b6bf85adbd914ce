"""Recovery checkpoints: written atomically after epochs, found, restored, discarded."""

import numpy as np
import pytest

from desktop_bp.core import checkpoint
from desktop_bp.core.network import Network
from desktop_bp.core.persistence import ModelFileError, save_model
from desktop_bp.core.training import train


def _small_data(n=200, seed=0):
    rng = np.random.default_rng(seed)
    return rng.random((n, 784), dtype=np.float32), rng.integers(0, 10, n)


def _trained_net(epochs=2):
    net = Network([784, 12, 10], seed=1)
    data = _small_data()
    for _ in train(net, data, epochs=epochs, batch_size=20, eta=1.0, test=_small_data(50, 1),
                   seed=2):
        pass
    return net


SETTINGS = {"sizes": [784, 12, 10], "activation": "sigmoid", "cost": "quadratic",
            "init": "standard", "eta": 1.0, "batch_size": 20, "epochs": 5, "lmbda": 0.0,
            "momentum": 0.0, "eta_decay": 1.0, "augment": None, "training_size": 200,
            "seed": 2, "preset": ""}


def test_default_location_is_in_the_app_data_folder(isolated_app_home):
    assert checkpoint.recovery_dir() == isolated_app_home / "recovery"
    assert checkpoint.find_checkpoint() is None


def test_save_find_load_round_trip(isolated_app_home):
    net = _trained_net()
    path = checkpoint.save_checkpoint(net, settings=SETTINGS, epochs_planned=5)
    assert path.parent == isolated_app_home / "recovery"
    assert checkpoint.find_checkpoint() == path
    cp = checkpoint.load_checkpoint()
    assert cp.status == "running"
    assert (cp.epochs_done, cp.epochs_planned) == (2, 5)
    assert cp.settings["eta"] == 1.0 and cp.settings["sizes"] == [784, 12, 10]
    assert [r["epoch"] for r in cp.history] == [0, 1]
    assert cp.network.metadata["history"] == cp.history
    assert cp.network.metadata["hyperparameters"]["batch_size"] == 20
    for w, w2 in zip(net.weights, cp.network.weights):
        np.testing.assert_array_equal(w, w2)
    assert "2 of 5 epochs" in cp.summary() and "interrupted" in cp.summary()
    assert cp.best_accuracy is not None


def test_overwrite_keeps_one_file_and_discard_removes_it(tmp_path):
    net = _trained_net(1)
    checkpoint.save_checkpoint(net, settings=SETTINGS, directory=tmp_path)
    net.metadata["history"].append(dict(net.metadata["history"][0], epoch=1))
    checkpoint.save_checkpoint(net, settings=SETTINGS, status="completed", directory=tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [checkpoint.CHECKPOINT_NAME]
    cp = checkpoint.load_checkpoint(checkpoint.find_checkpoint(tmp_path))
    assert cp.status == "completed" and cp.epochs_done == 2
    (tmp_path / f".{checkpoint.CHECKPOINT_NAME}.abc.tmp").write_bytes(b"half a file")
    assert checkpoint.discard_checkpoint(tmp_path) is True
    assert list(tmp_path.iterdir()) == []
    assert checkpoint.discard_checkpoint(tmp_path) is False


def test_a_plain_model_file_or_garbage_is_not_a_checkpoint(tmp_path):
    path = checkpoint.checkpoint_path(tmp_path)
    save_model(path, Network([784, 10], seed=0))
    with pytest.raises(ModelFileError):
        checkpoint.load_checkpoint(path)
    path.write_bytes(b"not a zip")
    with pytest.raises(ModelFileError):
        checkpoint.load_checkpoint(path)
    with pytest.raises(FileNotFoundError):
        checkpoint.load_checkpoint()


def test_bad_status_is_refused(tmp_path):
    with pytest.raises(ValueError):
        checkpoint.save_checkpoint(Network([784, 10], seed=0), status="sleeping",
                                   directory=tmp_path)


def _net_after(epochs):
    net = Network([4, 3, 2], seed=epochs)
    net.metadata["history"] = [{"epoch": e, "training_cost": 1.0 / (e + 1)}
                               for e in range(epochs)]
    return net


def test_the_writer_writes_in_the_background_and_the_latest_wins(tmp_path, monkeypatch):
    import threading

    gate, entered = threading.Event(), threading.Event()
    real_save = checkpoint.save_checkpoint
    threads = []

    def slow_save(net, **kwargs):
        threads.append(threading.current_thread().name)
        entered.set()
        gate.wait(5)
        return real_save(net, **kwargs)

    monkeypatch.setattr(checkpoint, "save_checkpoint", slow_save)
    writer = checkpoint.CheckpointWriter(directory=tmp_path)
    writer.submit(_net_after(1), status="running", epochs_planned=5)   # held at the gate
    assert entered.wait(5)
    for epochs in (2, 3, 4):                # each replaces the one waiting before it
        writer.submit(_net_after(epochs), status="running", epochs_planned=5)
    assert not writer.flush(timeout=0.05)   # submit returned at once; the write still waits
    gate.set()
    assert writer.flush(timeout=5)
    assert writer.written == 2              # epoch 1 (already started), then only epoch 4
    restored = checkpoint.load_checkpoint(checkpoint.checkpoint_path(tmp_path))
    assert restored.epochs_done == 4 and restored.epochs_planned == 5
    np.testing.assert_array_equal(restored.network.weights[0], _net_after(4).weights[0])
    assert threads and all(name != threading.current_thread().name for name in threads)
    writer.close(timeout=5)
    with pytest.raises(RuntimeError):
        writer.submit(_net_after(5), status="running")


def test_a_failed_background_write_is_reported_and_the_next_one_tried(tmp_path):
    blocked = tmp_path / "not_a_folder"
    blocked.write_text("a file where the folder should be")
    errors = []
    writer = checkpoint.CheckpointWriter(directory=blocked, on_error=errors.append)
    writer.submit(_net_after(1), status="running")
    assert writer.flush(timeout=5)
    assert len(errors) == 1 and isinstance(errors[0], OSError)
    writer.directory = tmp_path             # the disk is back
    writer.submit(_net_after(2), status="running")
    writer.close(timeout=5)
    assert checkpoint.load_checkpoint(checkpoint.checkpoint_path(tmp_path)).epochs_done == 2


def test_checkpoints_of_short_epochs_are_written_at_most_every_min_interval(tmp_path):
    import time

    writer = checkpoint.CheckpointWriter(directory=tmp_path, min_interval=1.0)
    start = time.monotonic()
    writer.submit(_net_after(1), status="running")          # the first: at once

    def written(count, within):
        deadline = time.monotonic() + within
        while writer.written < count and time.monotonic() < deadline:
            time.sleep(0.01)
        return writer.written >= count

    assert written(1, 5)
    for epochs in (2, 3):                   # two more epochs end well within the interval
        writer.submit(_net_after(epochs), status="running")
    time.sleep(0.2)
    assert writer.written == 1              # waiting for the interval, not writing each
    assert written(2, 5)
    assert time.monotonic() - start >= 0.9
    assert writer.written == 2              # epoch 3 replaced epoch 2 while it waited
    path = checkpoint.checkpoint_path(tmp_path)
    assert checkpoint.load_checkpoint(path).epochs_done == 3
    writer.submit(_net_after(4), status="running")
    writer.close(timeout=5)                 # the run's end does not wait for the interval
    assert time.monotonic() - start < 1.9
    assert checkpoint.load_checkpoint(path).epochs_done == 4
