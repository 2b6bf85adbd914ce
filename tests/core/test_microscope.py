"""The backprop microscope (no Qt): every number it shows against values computed here,
independently, with this file's own forward pass and finite differences."""

from __future__ import annotations

import json

import numpy as np
import pytest

from desktop_bp.core.microscope import (
    Microscope,
    PathLimitError,
    cancels,
    gradient_check,
    top_neurons,
)
from desktop_bp.core.network import Network

NETS = [("sigmoid", "sigmoid", "quadratic"), ("tanh", "sigmoid", "cross-entropy"),
        ("relu", "softmax", "log-likelihood")]


def _cost(weights, biases, x, target, activation, output, cost):
    """This test's own forward pass and cost for one input: column-vector style, as the book."""
    a = x.reshape(-1, 1)
    hidden = {"sigmoid": lambda z: 1 / (1 + np.exp(-z)), "tanh": np.tanh,
              "relu": lambda z: np.maximum(z, 0)}[activation]
    for i, (w, b) in enumerate(zip(weights, biases)):
        z = w @ a + b.reshape(-1, 1)
        if i < len(weights) - 1:
            a = hidden(z)
        elif output == "softmax":
            a = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
        else:
            a = 1 / (1 + np.exp(-z))
    a = a.ravel()
    y = np.zeros_like(a)
    y[target] = 1.0
    if cost == "quadratic":
        return 0.5 * np.sum((a - y) ** 2)
    if cost == "cross-entropy":
        return -np.sum(y * np.log(a) + (1 - y) * np.log(1 - a))
    return -np.log(a[target])


def _net(activation, output, cost, sizes=(12, 7, 5, 4), seed=3):
    net = Network(list(sizes), activation=activation, output=output, cost=cost, init="scaled",
                  seed=seed)
    # keep relu's kinks away from the finite differences: biases that keep z away from 0
    return net


def _numeric(fn, array, index, h=1e-6):
    old = array[index]
    array[index] = old + h
    plus = fn()
    array[index] = old - h
    minus = fn()
    array[index] = old
    return (plus - minus) / (2 * h)


@pytest.mark.parametrize("shown_cost", ["quadratic", "cross-entropy", "log-likelihood"])
@pytest.mark.parametrize("activation, output, cost", NETS)
def test_delta_nabla_w_and_saliency_match_finite_differences(activation, output, cost, shown_cost):
    net = _net(activation, output, cost)
    rng = np.random.default_rng(0)
    x = rng.random(12)
    bp = Microscope(net).look(x, 2, shown_cost)
    W = [w.astype(np.float64) for w in net.weights]
    B = [b.astype(np.float64) for b in net.biases]
    X = x.copy()

    def C():
        return _cost(W, B, X, 2, activation, output, shown_cost)

    assert bp.cost_value == pytest.approx(C(), rel=1e-10)
    for l in (2, 3, 4):
        i = l - 2
        lay = bp.layer(l)
        for j in range(W[i].shape[0]):
            # BP3: delta^l_j = dC/db^l_j
            assert lay.delta[0, j] == pytest.approx(_numeric(C, B[i], j), abs=1e-7)
            assert lay.nabla_b[j] == lay.delta[0, j]
        for j, k in ((0, 0), (1, 3), (W[i].shape[0] - 1, W[i].shape[1] - 1)):
            numeric = _numeric(C, W[i], (j, k))
            assert lay.nabla_w[j, k] == pytest.approx(numeric, abs=1e-7)
            readout = bp.weight(l, j, k)
            assert readout.product == lay.nabla_w[j, k]
            assert readout.product == pytest.approx(readout.a_in * readout.delta, rel=1e-12)
            assert readout.finite_difference == pytest.approx(numeric, abs=1e-7)
    for p in range(12):
        assert bp.saliency[0, p] == pytest.approx(_numeric(C, X, p), abs=1e-7)


def test_bp1_and_bp2_factors_are_shown_apart():
    net = _net("sigmoid", "sigmoid", "quadratic")
    x = np.random.default_rng(1).random(12)
    quad = Microscope(net).look(x, 1, "quadratic")
    out = quad.layer(4)
    y = np.eye(4)[1]
    np.testing.assert_allclose(out.incoming[0], out.a[0] - y, atol=1e-15)           # grad_a C
    np.testing.assert_allclose(out.fprime[0], out.a[0] * (1 - out.a[0]), atol=1e-15)
    np.testing.assert_allclose(out.delta, out.incoming * out.fprime, atol=1e-15)     # BP1
    hidden = quad.layer(3)
    W4 = net.weights[2].astype(np.float64)
    np.testing.assert_allclose(hidden.incoming[0], W4.T @ out.delta[0], atol=1e-14)  # (w)^T delta
    np.testing.assert_allclose(hidden.delta, hidden.incoming * hidden.fprime, atol=1e-15)
    assert not quad.cancels
    # the cost switch changes BP1: with cross-entropy sigma' cancels, delta^L = a - y
    ce = Microscope(net).look(x, 1, "cross-entropy")
    assert ce.cancels and cancels("log-likelihood", "softmax")
    np.testing.assert_allclose(ce.layer(4).delta[0], out.a[0] - y, atol=1e-15)
    np.testing.assert_allclose(ce.layer(4).incoming[0], (out.a[0] - y) / (out.a[0] * (1 - out.a[0])))
    assert not np.allclose(ce.layer(4).delta, out.delta)
    np.testing.assert_array_equal(ce.layer(4).a, out.a)      # the forward pass is the same


@pytest.mark.parametrize("activation, output, cost", NETS)
def test_path_sums_equal_backprop(activation, output, cost):
    net = _net(activation, output, cost, sizes=(4, 3, 3, 2))
    bp = Microscope(net).look(np.random.default_rng(2).random(4), 1)
    for l, j, k in ((2, 0, 1), (2, 2, 3), (3, 1, 2), (4, 1, 0)):
        paths = bp.paths(l, j, k)
        assert paths.total == pytest.approx(bp.layer(l).nabla_w[j, k], rel=1e-10, abs=1e-15)
        assert paths.backprop == bp.layer(l).nabla_w[j, k]
        assert len(paths.products) == bp.path_count(l)
        assert np.all(paths.neurons[:, 0] == j) or (l == 4 and output == "softmax")
    # a first-layer weight of 4-3-3-2 reaches C along 3 x 2 paths
    assert bp.path_count(2) == 6
    assert bp.paths(2, 0, 0).neurons.shape == (6, 3)


def test_path_sums_on_the_book_network_and_the_guard():
    net = Network([784, 30, 10], seed=0)
    bp = Microscope(net).look(np.random.default_rng(3).random(784), 7)
    paths = bp.paths(2, 4, 400)        # w^2_(4,400) reaches C through the 10 outputs
    assert len(paths.products) == 10
    assert paths.total == pytest.approx(paths.backprop, rel=1e-10)
    biggest = paths.largest(3)
    assert abs(biggest[0][1]) == np.abs(paths.products).max() and len(biggest[0][0]) == 2
    with pytest.raises(PathLimitError, match="paths"):
        bp.paths(2, 4, 400, max_paths=5)


def test_nudge_dc_approaches_the_gradient_times_dw():
    net = _net("sigmoid", "sigmoid", "quadratic")
    bp = Microscope(net).look(np.random.default_rng(4).random(12), 3)
    steps = bp.nudge(2, 1, 5, dws=(1.0, 0.1, 0.01, 0.001))
    errors = [abs(s.dC - s.predicted) / abs(s.predicted) for s in steps]
    assert errors == sorted(errors, reverse=True) and errors[-1] < 1e-2
    assert steps[-1].dC / steps[-1].predicted == pytest.approx(1.0, abs=1e-2)
    # the change travels: Delta z^2 touches neuron 1 only, then every neuron of layers 3 and 4
    dz2 = steps[0].dz[0][0]
    assert dz2[1] != 0 and np.all(np.delete(dz2, 1) == 0)
    assert dz2[1] == pytest.approx(steps[0].dw * bp.x[0, 5])        # Delta z = a_k Delta w
    assert [d.shape for d in steps[0].da] == [(1, 7), (1, 5), (1, 4)]
    assert np.all(steps[0].da[1] != 0)
    assert json.loads(json.dumps(steps[0].as_dict()))["dw"] == 1.0


def test_batch_means_and_per_sample_saliency():
    net = _net("sigmoid", "sigmoid", "quadratic")
    X = np.random.default_rng(5).random((3, 12))
    bp = Microscope(net).look(X, [0, 1, 2])
    singles = [Microscope(net).look(x, t) for x, t in zip(X, [0, 1, 2])]
    np.testing.assert_allclose(bp.layer(2).nabla_w, np.mean([s.layer(2).nabla_w for s in singles], 0))
    np.testing.assert_allclose(bp.saliency[2], singles[2].saliency[0])
    assert bp.cost_value == pytest.approx(np.mean([s.cost_value for s in singles]))


def test_saliency_image_is_28_by_28_and_export_is_json():
    net = Network([784, 6, 10], seed=1)
    bp = Microscope(net).look(np.random.default_rng(6).random(784), 3)
    image = bp.saliency_image()
    assert image.shape == (28, 28)
    np.testing.assert_array_equal(image.ravel(), bp.saliency[0])
    full = json.loads(json.dumps(bp.as_dict()))
    assert full["target"] == [3] and full["cost"] == "quadratic"
    assert np.array(full["saliency"]).shape == (28, 28)
    assert np.array(full["layers"][0]["nabla_w"]).shape == (6, 784)
    assert full["layers"][1]["layer"] == 3
    summary = json.loads(json.dumps(bp.as_dict(summary=True)))
    assert summary["layers"][0]["nabla_w"]["shape"] == [6, 784]
    assert summary["layers"][1]["delta"]["max"] == pytest.approx(bp.layer(3).delta.max())


def test_microscope_follows_new_weights():
    net = _net("sigmoid", "sigmoid", "quadratic")
    scope = Microscope(net)
    x = np.random.default_rng(7).random(12)
    before = scope.look(x, 0).cost_value
    net.set_parameters([w * 2 for w in net.weights], net.biases)     # new arrays
    assert scope.look(x, 0).cost_value != before
    for w in net.weights:               # changed in place: refresh() says so
        w *= 0.5
    scope.refresh()
    assert scope.look(x, 0).cost_value == pytest.approx(before, rel=1e-6)


def test_bad_arguments_say_what_is_wrong():
    scope = Microscope(_net("sigmoid", "sigmoid", "quadratic"))
    with pytest.raises(ValueError, match="12 values"):
        scope.look(np.zeros(5), 0)
    with pytest.raises(ValueError, match="digit from 0 to 3"):
        scope.look(np.zeros(12), 4)
    with pytest.raises(ValueError, match="cost must be one of"):
        scope.look(np.zeros(12), 0, "hinge")
    bp = scope.look(np.zeros(12), 0)
    with pytest.raises(ValueError, match="between 2 and 4"):
        bp.weight(1, 0, 0)
    with pytest.raises(ValueError, match="0 <= k < 12"):
        bp.nudge(2, 0, 12)


def test_top_neurons_pages():
    g = np.zeros((10, 4))
    g[[7, 2, 5], 0] = [3.0, -2.0, 1.0]
    np.testing.assert_array_equal(top_neurons(g, 2), [7, 2])
    np.testing.assert_array_equal(top_neurons(g, 2, page=1), [5, 0])


def test_gradient_check_small_network_checks_everything():
    net = _net("sigmoid", "sigmoid", "quadratic")
    report = gradient_check(net, np.random.default_rng(8).random(12), 1)
    assert report.checked == report.parameters == net.num_parameters and not report.sampled
    assert report.passed() and all(c.checked == c.parameters for c in report.layers)
    assert report.finite_difference_all_seconds == report.finite_difference_seconds


def test_gradient_check_samples_a_large_network_and_can_be_cancelled():
    net = Network([784, 30, 10], seed=0)
    x = np.random.default_rng(9).random(784)
    calls = []
    report = gradient_check(net, x, 4, sample=20, full_below=1000,
                            progress=lambda done, total: calls.append((done, total)))
    assert report.sampled and report.checked == 20 + 20 + 20 + 10   # w, b, w and all 10 output biases
    assert [c.checked for c in report.layers] == [40, 30]
    assert report.passed()
    assert report.finite_difference_all_seconds == pytest.approx(
        report.finite_difference_seconds * report.parameters / report.checked)
    assert calls[-1] == (report.checked, report.checked)
    asked = []

    def cancelled():
        asked.append(1)
        return len(asked) >= 3

    stopped = gradient_check(net, x, 4, sample=None, full_below=10 ** 9, cancelled=cancelled)
    assert stopped.cancelled and not stopped.passed() and stopped.checked < stopped.parameters
