"""The gradient check: backprop against finite differences, and why backprop is fast (no Qt)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from desktop_bp.core.gradcheck import GradcheckReport, gradcheck
from desktop_bp.core.network import Network, one_hot


@pytest.fixture(scope="module")
def book_report():
    """The check of the book's [784, 30, 10] network (about 24,000 parameters: a few seconds,
    so it runs once for the whole module)."""
    return gradcheck(sizes=(784, 30, 10))


def test_small_network_passes():
    report = gradcheck(sizes=(10, 8, 7, 3))
    assert isinstance(report, GradcheckReport)
    assert report.passed()
    assert report.max_error < 1e-7
    for check in report.layers:
        assert check.weight_error < 1e-7 and check.bias_error < 1e-7
        assert check.max_entry_error < 1e-8


def test_book_network_passes(book_report):
    assert book_report.sizes == [784, 30, 10]
    assert [c.shape for c in book_report.layers] == [(30, 784), (10, 30)]
    assert all(c.weight_error < 1e-7 and c.bias_error < 1e-7 for c in book_report.layers)
    assert book_report.passed()


def test_backprop_is_far_faster_than_finite_differences(book_report):
    # one backprop gives all 23,860 derivatives; finite differences need two forward passes each
    assert book_report.speedup > 100
    assert book_report.finite_difference_seconds > book_report.backprop_seconds > 0
    assert book_report.forward_seconds > 0


def test_report_fields():
    report = gradcheck(sizes=(10, 8, 7, 3), batch=4)
    assert report.sizes == [10, 8, 7, 3]
    assert report.method == "central" and report.epsilon == 1e-5
    assert report.batch == 4
    assert report.parameters == 10 * 8 + 8 + 8 * 7 + 7 + 7 * 3 + 3
    assert [c.layer for c in report.layers] == [0, 1, 2]
    assert [c.shape for c in report.layers] == [(8, 10), (7, 8), (3, 7)]
    assert report.max_error == max(max(c.weight_error, c.bias_error) for c in report.layers)
    d = json.loads(json.dumps(report.as_dict()))      # JSON-friendly
    assert d["sizes"] == [10, 8, 7, 3] and d["parameters"] == report.parameters
    assert d["layers"][2]["shape"] == [3, 7]
    assert set(d["layers"][0]) >= {"layer", "shape", "weight_error", "bias_error", "max_entry_error"}
    assert d["max_error"] == report.max_error and d["speedup"] == pytest.approx(report.speedup)
    assert not report.passed(tolerance=report.max_error / 2)


def test_forward_differences_are_less_accurate_than_central():
    central = gradcheck(sizes=(10, 8, 7, 3), method="central")
    forward = gradcheck(sizes=(10, 8, 7, 3), method="forward")
    assert forward.method == "forward" and forward.epsilon == 1e-7
    assert forward.max_error > 10 * central.max_error
    with pytest.raises(ValueError, match="method"):
        gradcheck(sizes=(3, 2), method="backward")


def test_a_wrong_gradient_is_caught(monkeypatch):
    """The check can fail: a backprop whose first-layer nabla_w is 1% off does not pass."""
    real_backprop = Network.backprop

    def off_by_one_percent(self, X, Y, lmbda=0.0, n=None):
        grads = real_backprop(self, X, Y, lmbda, n)
        grads.nabla_w[0] = grads.nabla_w[0] * 1.01
        return grads

    monkeypatch.setattr(Network, "backprop", off_by_one_percent)
    report = gradcheck(sizes=(5, 4, 3))
    assert not report.passed()
    assert report.layers[0].weight_error > 1e-3
    assert report.layers[0].bias_error < 1e-7 and report.layers[1].weight_error < 1e-7


def test_given_network_and_data_are_used_and_left_untouched():
    net = Network([6, 5, 4], activation="tanh", cost="cross-entropy", seed=3)    # float32
    before = [p.copy() for p in net.weights + net.biases]
    rng = np.random.default_rng(0)
    X, Y = rng.random((3, 6)), one_hot([0, 3, 1], 4, np.float64)
    report = gradcheck(net, X, Y, lmbda=0.5)
    assert report.passed() and report.batch == 3 and report.sizes == [6, 5, 4]
    assert net.dtype == np.float32
    for p, q in zip(net.weights + net.biases, before):
        np.testing.assert_array_equal(p, q)


@pytest.mark.parametrize("activation, cost", [("relu", "log-likelihood"), ("tanh", "quadratic")])
def test_other_networks_pass(activation, cost):
    net = Network([8, 6, 5, 4], activation=activation, cost=cost, init="scaled", seed=2)
    assert gradcheck(net, lmbda=1.0).passed()


def test_progress_reaches_the_total():
    calls = []
    gradcheck(sizes=(4, 3, 2), progress=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1] == (4 * 3 + 3 + 3 * 2 + 2,) * 2
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
