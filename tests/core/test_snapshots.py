"""The epoch time machine: weights per epoch, the budget, thinning, and model files."""

import numpy as np
import pytest

from desktop_bp.core.network import Network
from desktop_bp.core.persistence import ModelFileError, load_model, save_model
from desktop_bp.core.snapshots import (EpochSnapshots, load_snapshots, save_with_snapshots,
                                       snapshot_bytes)
from desktop_bp.core.training import EpochEvent, train


def small_data(n=120, seed=0):
    rng = np.random.default_rng(seed)
    return rng.random((n, 784), dtype=np.float32), rng.integers(0, 10, n)


def test_time_machine_weights_of_epoch_k_equal_the_run_after_epoch_k():
    net = Network([784, 8, 10], seed=0)
    store = EpochSnapshots()
    store.add(0, net.weights, net.biases)
    start = [w.copy() for w in net.weights]
    after = {}
    for event in train(net, small_data(), epochs=4, batch_size=10, eta=3.0, seed=0):
        if isinstance(event, EpochEvent):
            store.add_event(event)
            after[event.epoch + 1] = [w.copy() for w in event.weights] + \
                                     [b.copy() for b in event.biases]
    assert store.epochs == [0, 1, 2, 3, 4]
    for k in range(1, 5):
        again = store.network_at(k, net)
        for stored, run in zip(again.weights + again.biases, after[k]):
            np.testing.assert_array_equal(stored, run)
    np.testing.assert_array_equal(store.network_at(0, net).weights[0], start[0])
    # the last epoch's snapshot is the trained network itself
    np.testing.assert_array_equal(store.network_at(4, net).weights[1], net.weights[1])
    assert not store.weights_at(2)[0][0].flags.writeable


def test_capacity_and_thinning_past_the_budget():
    sizes = [784, 30, 10]
    each = snapshot_bytes(sizes)
    assert each == 23860 * 4
    store = EpochSnapshots(budget=5 * each)
    assert store.capacity(sizes) == 5
    assert "5 epochs of 784-30-10" in store.describe(sizes)
    net = Network(sizes, seed=0)
    for epoch in range(0, 12):
        store.add_network(epoch, net)
        assert len(store) <= 5 and store.latest == epoch
    # past the budget: every k-th epoch and the latest
    assert store.stride == 4
    assert store.epochs == [0, 4, 8, 11]
    too_small = EpochSnapshots(budget=each - 1)
    assert too_small.capacity(sizes) == 0 and not too_small.add_network(0, net)


def test_snapshots_round_trip_through_a_model_file(tmp_path):
    net = Network([784, 6, 10], seed=0)
    store = EpochSnapshots()
    for epoch in range(3):
        net.weights[0] += 1.0
        store.add_network(epoch, net)
    path = save_with_snapshots(tmp_path / "m.npz", net, store)
    loaded = load_model(path)                    # still an ordinary model file
    np.testing.assert_array_equal(loaded.weights[0], net.weights[0])
    back = load_snapshots(path)
    assert back.epochs == [0, 1, 2]
    for epoch in range(3):
        np.testing.assert_array_equal(back.weights_at(epoch)[0][0], store.weights_at(epoch)[0][0])
    # saving the loaded network again without snapshots leaves a plain file
    plain = save_model(tmp_path / "plain.npz", loaded)
    assert load_snapshots(plain).epochs == []


def test_files_without_snapshots_and_damaged_lists(tmp_path):
    net = Network([784, 6, 10], seed=0)
    assert load_snapshots(save_model(tmp_path / "old.npz", net)).epochs == []
    with pytest.raises(ModelFileError, match="snapshot_epochs"):
        load_model(save_model(tmp_path / "bad.npz", net, extra_metadata={"snapshot_epochs": "x"}))
    # an announced epoch whose arrays are missing
    with pytest.raises(ModelFileError, match="missing"):
        load_model(save_model(tmp_path / "gone.npz", net, extra_metadata={"snapshot_epochs": [3]}))
