"""Evaluation of a network: the confusion matrix against an independent count, precision and
recall, cells sorted by confidence, chunks with progress and cancel, the stored summary."""

import json

import numpy as np
import pytest

from desktop_bp.core.evaluation import (evaluate_network, precision_recall, recorded_accuracy,
                                        store_summary, stored_summary)
from desktop_bp.core.network import Network
from desktop_bp.core.persistence import load_model, save_model


@pytest.fixture
def net_and_data():
    rng = np.random.default_rng(3)
    net = Network([784, 12, 10], activation="relu", cost="log-likelihood", init="scaled", seed=1)
    X = rng.random((537, 784), dtype=np.float32)
    y = rng.integers(0, 10, 537)
    return net, X, y


def test_confusion_matrix_equals_an_independent_count(net_and_data):
    net, X, y = net_and_data
    result = evaluate_network(net, X, y, chunk=100)
    predicted = [int(np.argmax(net.feedforward(x[None])[0])) for x in X]     # one by one
    counted = np.zeros((10, 10), int)
    for t, p in zip(y, predicted):
        counted[t][p] += 1
    assert (result.confusion == counted).all()
    assert result.confusion.sum() == len(y)
    assert result.accuracy == pytest.approx(np.mean(np.array(predicted) == y))
    # cost: the network's own, over all images at once
    from desktop_bp.core.network import one_hot
    assert result.cost == pytest.approx(float(net.cost(X, one_hot(y))), rel=1e-4)


def test_precision_and_recall_by_hand():
    confusion = np.array([[5, 1, 0], [2, 3, 0], [0, 0, 0]])
    precision, recall = precision_recall(confusion)
    assert precision[:2] == pytest.approx([5 / 7, 3 / 4])
    assert recall[:2] == pytest.approx([5 / 6, 3 / 5])
    assert np.isnan(precision[2]) and np.isnan(recall[2])      # never predicted, never present


def test_cells_list_their_images_most_confident_first(net_and_data):
    net, X, y = net_and_data
    result = evaluate_network(net, X, y)
    outputs = net.feedforward(X)
    for t in range(10):
        for p in range(10):
            cell = result.cell(t, p)
            assert sorted(cell.tolist()) == np.flatnonzero((y == t) & (outputs.argmax(1) == p)).tolist()
            conf = outputs[cell].max(axis=1)
            assert (np.diff(conf) <= 1e-7).all()
    mistakes = result.mistakes()
    assert len(mistakes) == int((result.predicted != y).sum())
    assert (np.diff(result.confidence[mistakes]) <= 0).all()


def test_progress_and_cancel(net_and_data):
    net, X, y = net_and_data
    seen = []
    evaluate_network(net, X, y, chunk=200, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(200, 537), (400, 537), (537, 537)]
    calls = []
    assert evaluate_network(net, X, y, chunk=200,
                            cancelled=lambda: calls.append(1) or len(calls) > 1) is None


def test_bad_data_is_a_clear_error(net_and_data):
    net, X, y = net_and_data
    with pytest.raises(ValueError, match="784 inputs"):
        evaluate_network(net, X[:, :100], y)
    with pytest.raises(ValueError, match="no images"):
        evaluate_network(net, X[:0], y[:0])


def test_summary_is_small_json_and_survives_the_model_file(net_and_data, tmp_path):
    net, X, y = net_and_data
    result = evaluate_network(net, X, y)
    summary = store_summary(net, "test", result)
    text = json.dumps(summary)
    assert len(text) < 8000
    loaded = load_model(save_model(tmp_path / "m.npz", net))
    back = stored_summary(loaded, "test")
    assert back["confusion"] == result.confusion.tolist()
    assert back["accuracy"] == pytest.approx(result.accuracy, abs=1e-6)
    assert stored_summary(loaded, "validation") is None


@pytest.mark.parametrize("bad", [
    {"test": {"confusion": "lots"}},
    {"test": {"confusion": [[1, 2], [3]], "accuracy": 0.5, "count": 6}},
    {"test": {"confusion": [[1, 0], [0, 1]], "accuracy": "high", "count": 2,
              "precision": [1, 1], "recall": [1, 1]}},
    {"test": {"confusion": [[1, 0], [0, 1]], "accuracy": 1.0, "count": 2,
              "precision": [1], "recall": [1, 1]}},
    ["not", "a", "dict"],
])
def test_a_malformed_stored_summary_is_ignored(bad):
    net = Network([784, 2], seed=0)
    net.metadata["evaluation"] = bad
    assert stored_summary(net, "test") is None


def test_the_accuracy_recorded_in_training_is_read_only_when_it_is_a_fraction():
    net = Network([4, 3, 2], seed=0)
    assert recorded_accuracy(net) is None
    net.metadata.update(test_accuracy=0.9364, validation_accuracy=1)
    assert recorded_accuracy(net) == 0.9364 and recorded_accuracy(net, "validation") == 1.0
    for bad in (True, "0.9", float("nan"), 1.5, -0.1, None):
        net.metadata["test_accuracy"] = bad
        assert recorded_accuracy(net) is None, bad
