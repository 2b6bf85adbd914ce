"""The one registry of activations and costs (no Qt): each derivative and each BP1 delta against
finite differences, and the fast training step held to the readable backprop."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from desktop_bp.core import functions as F
from desktop_bp.core import network as nw
from desktop_bp.core.network import Network, one_hot

HIDDEN = list(F.ACTIVATIONS)
PAIRINGS = [(output, cost) for cost, entry in F.COSTS.items() for output in F.OUTPUTS
            if output == entry.output]        # the pairings a Network accepts


def test_network_re_exports_the_registry():
    assert nw.ACTIVATIONS is F.ACTIVATIONS and nw.COSTS is F.COSTS and nw.OUTPUTS == F.OUTPUTS
    assert nw.sigmoid is F.sigmoid and nw.sigmoid_prime is F.sigmoid_prime
    assert nw.quadratic_delta is F.quadratic_delta
    f, f_prime = nw.ACTIVATIONS["tanh"]             # still a pair
    assert (f, f_prime) == (F.tanh, F.tanh_prime)
    assert PAIRINGS == [("sigmoid", "quadratic"), ("sigmoid", "cross-entropy"),
                        ("softmax", "log-likelihood")]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "softmax"])
def test_functions_keep_the_dtype_and_write_into_out(name, dtype):
    entry = F.OUTPUT_ACTIVATIONS.get(name) or F.ACTIVATIONS[name]
    z = np.random.default_rng(0).normal(size=(4, 5)).astype(dtype)
    a = entry.f(z)
    assert a.dtype == dtype
    out = np.empty_like(z)
    assert entry.f(z, out) is out
    np.testing.assert_array_equal(out, a)
    fp = np.empty_like(z)
    assert entry.prime(z, a, fp) is fp and fp.dtype == dtype
    np.testing.assert_allclose(fp, entry.prime(z), rtol=1e-6)


def test_softmax_prime_is_the_diagonal_of_its_jacobian():
    z = np.random.default_rng(1).normal(size=(3, 4))
    a = F.softmax(z)
    h = 1e-6
    for j in range(4):
        plus, minus = z.copy(), z.copy()
        plus[:, j] += h
        minus[:, j] -= h
        column = (F.softmax(plus) - F.softmax(minus)) / (2 * h)   # da/dz_j
        np.testing.assert_allclose(F.softmax_prime(z, a)[:, j], column[:, j], atol=1e-9)
        # and J^T g for a g that picks neuron j back is that column
        g = np.zeros_like(z)
        g[:, j] = 1.0
        np.testing.assert_allclose(F.softmax_backward(a, g), column, atol=1e-9)


def _numeric_delta(cost, output, z, y, h=1e-6):
    """dC_x/dz^L by central differences, per sample (n times the batch mean's derivative)."""
    f = F.OUTPUT_ACTIVATIONS[output].f
    numeric = np.empty_like(z)
    for i, j in itertools.product(range(z.shape[0]), range(z.shape[1])):
        plus, minus = z.copy(), z.copy()
        plus[i, j] += h
        minus[i, j] -= h
        cp = F.cost_value(cost, output, f(plus)[i:i + 1], y[i:i + 1], plus[i:i + 1])
        cm = F.cost_value(cost, output, f(minus)[i:i + 1], y[i:i + 1], minus[i:i + 1])
        numeric[i, j] = (cp - cm) / (2 * h)
    return numeric


@pytest.mark.parametrize("output", F.OUTPUTS)
@pytest.mark.parametrize("cost", list(F.COSTS))
def test_output_delta_is_dc_dz_for_every_pairing(cost, output):
    """BP1 for any cost with any output layer (the microscope shows costs a network was not
    trained with): delta^L = dC/dz^L, by finite differences."""
    rng = np.random.default_rng(2)
    z = rng.normal(size=(3, 4))
    y = one_hot([0, 3, 1], 4, np.float64)
    a = F.OUTPUT_ACTIVATIONS[output].f(z)
    delta = F.output_delta(cost, output, a, y, z)
    np.testing.assert_allclose(delta, _numeric_delta(cost, output, z, y), atol=1e-7)
    if output == "sigmoid":
        # BP1 as the book writes it: grad_a C (.) sigma'(z^L)
        np.testing.assert_allclose(delta, F.COSTS[cost].gradient(a, y) * F.sigmoid_prime(z),
                                   atol=1e-12)


def test_cross_entropy_cancels_sigma_prime_even_when_saturated():
    z = np.array([[40.0, -40.0, 3.0]])
    y = np.array([[0.0, 1.0, 1.0]])
    a = F.sigmoid(z)
    np.testing.assert_allclose(F.output_delta("cross-entropy", "sigmoid", a, y, z), a - y)
    # the quadratic cost's delta of the saturated, wrong neurons is nearly 0: slow learning
    quad = F.output_delta("quadratic", "sigmoid", a, y, z)
    assert abs(quad[0, 0]) < 1e-15 and abs(quad[0, 1]) < 1e-15


def _pair(sizes, activation, output, cost, seed=0):
    """Two float64 copies of one network."""
    net = Network(sizes, activation=activation, output=output, cost=cost, init="scaled",
                  seed=seed, dtype=np.float64)
    return net, net.copy()


@pytest.mark.parametrize("momentum, lmbda", [(0.0, 0.0), (0.0, 2.0), (0.8, 0.0), (0.8, 2.0)])
@pytest.mark.parametrize("output, cost", PAIRINGS, ids=[c for _, c in PAIRINGS])
@pytest.mark.parametrize("activation", HIDDEN)
def test_fast_step_equals_readable_backprop(activation, output, cost, momentum, lmbda):
    """Every (activation, output, cost) a Network accepts, with and without L2 and momentum:
    three steps of the fast trainer give what backprop + update give, within 1e-12."""
    rng = np.random.default_rng(4)
    fast, slow = _pair([7, 6, 5, 4], activation, output, cost)
    X = rng.random((15, 7))
    Y = one_hot(rng.integers(0, 4, 15), 4, np.float64)
    trainer = fast.trainer(5)
    for k in range(3):
        rows = slice(5 * k, 5 * k + 5)
        grads = slow.backprop(X[rows], Y[rows])
        cost_fast = trainer.step(X[rows], Y[rows], 0.7, lmbda, 50, momentum)
        assert cost_fast == pytest.approx(grads.cost, rel=1e-12, abs=1e-15)
        delta, nabla_w, nabla_b = trainer.gradients()
        for l in range(3):
            np.testing.assert_allclose(delta[l], grads.delta[l], rtol=0, atol=1e-12)
            np.testing.assert_allclose(nabla_w[l], grads.nabla_w[l], rtol=0, atol=1e-12)
            np.testing.assert_allclose(nabla_b[l], grads.nabla_b[l], rtol=0, atol=1e-12)
        slow.update(grads, 0.7, lmbda, 50, momentum)
        for p, q in zip(fast.weights + fast.biases, slow.weights + slow.biases):
            np.testing.assert_allclose(p, q, rtol=0, atol=1e-12)
