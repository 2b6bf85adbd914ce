"""The backpropagation engine: shapes, activations, costs, BP1-BP4 and the fast SGD path (no Qt).

Gradients are checked against an independent reference written here: central finite differences
of ``Network.cost`` in float64, compared norm-wise per weight matrix and per bias vector.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from desktop_bp.core import network as nw
from desktop_bp.core.network import Network, one_hot

OUTPUT_COSTS = [("sigmoid", "quadratic"), ("sigmoid", "cross-entropy"), ("softmax", "log-likelihood")]
ACTIVATIONS = ["sigmoid", "tanh", "relu"]


def batch(rng, n, n_in, n_out, dtype=np.float64):
    """n random inputs in [0, 1) and their random one-hot targets."""
    X = rng.random((n, n_in)).astype(dtype)
    Y = one_hot(rng.integers(0, n_out, n), n_out, dtype)
    return X, Y


def numeric_gradients(net, X, Y, lmbda=0.0, n=None, eps=1e-5):
    """Central differences (C(p + eps) - C(p - eps)) / 2 eps of ``net.cost`` for every weight and
    bias; returns (nabla_w, nabla_b) lists shaped like the parameters."""
    def cost():
        return net.cost(X, Y, lmbda, n)

    result = []
    for params in (net.weights, net.biases):
        grads = []
        for p in params:
            g = np.empty_like(p)
            flat, out = p.reshape(-1), g.reshape(-1)
            for j in range(flat.size):
                old = flat[j]
                flat[j] = old + eps
                c_plus = cost()
                flat[j] = old - eps
                c_minus = cost()
                flat[j] = old
                out[j] = (c_plus - c_minus) / (2 * eps)
            grads.append(g)
        result.append(grads)
    return result


def relative_error(numeric, analytic):
    return np.linalg.norm(numeric - analytic) / (np.linalg.norm(numeric) + np.linalg.norm(analytic))


# ---------------------------------------------------------------------------------------------
# construction, shapes, dtypes


def test_shapes_follow_the_book():
    net = Network([784, 30, 10], seed=0)
    assert [w.shape for w in net.weights] == [(30, 784), (10, 30)]
    assert [b.shape for b in net.biases] == [(30,), (10,)]
    assert net.num_layers == 3
    assert net.num_parameters == 784 * 30 + 30 + 30 * 10 + 10
    X = np.random.default_rng(0).random((7, 784))
    assert net.feedforward(X).shape == (7, 10)
    prediction = net.predict(X)
    assert prediction.shape == (7,)
    assert np.issubdtype(prediction.dtype, np.integer)
    assert prediction.min() >= 0 and prediction.max() <= 9
    # one 1-D image is a batch of one
    assert net.feedforward(X[0]).shape == (1, 10)
    np.testing.assert_allclose(net.feedforward(X[0])[0], net.feedforward(X)[0], rtol=1e-5)


def test_float32_by_default_and_float64_on_request():
    X = np.random.default_rng(0).random((4, 5))
    net = Network([5, 4, 3], seed=0)
    assert net.dtype == np.float32
    assert all(p.dtype == np.float32 for p in net.weights + net.biases)
    assert net.feedforward(X).dtype == np.float32
    g = net.backprop(X, one_hot([0, 1, 2, 0], 3))
    assert all(a.dtype == np.float32 for a in g.nabla_w + g.nabla_b + g.delta)

    net64 = Network([5, 4, 3], seed=0, dtype=np.float64)
    assert all(p.dtype == np.float64 for p in net64.weights + net64.biases)
    assert net64.feedforward(X).dtype == np.float64
    # the same seed draws the same numbers in either precision
    np.testing.assert_allclose(net64.weights[0], net.weights[0], rtol=1e-6)


def test_initialisations():
    standard = Network([400, 200, 10], seed=0, init="standard")
    scaled = Network([400, 200, 10], seed=0, init="scaled")
    assert standard.weights[0].std() == pytest.approx(1.0, rel=0.02)
    assert scaled.weights[0].std() == pytest.approx(1 / math.sqrt(400), rel=0.02)
    assert scaled.weights[1].std() == pytest.approx(1 / math.sqrt(200), rel=0.05)
    # biases are N(0, 1) in both (chapter 3 keeps them)
    assert scaled.biases[0].std() == pytest.approx(1.0, rel=0.2)


@pytest.mark.parametrize("kwargs, words", [
    (dict(sizes=[784]), "two layers"),
    (dict(sizes=[784, 0, 10]), "at least one neuron"),
    (dict(sizes=[]), "two layers"),
    (dict(sizes=[4, 3], activation="softplus"), "activation"),
    (dict(sizes=[4, 3], cost="hinge"), "cost"),
    (dict(sizes=[4, 3], output="relu"), "output"),
    (dict(sizes=[4, 3], output="softmax", cost="quadratic"), "softmax"),
    (dict(sizes=[4, 3], output="sigmoid", cost="log-likelihood"), "softmax"),
    (dict(sizes=[4, 3], init="xavier"), "init"),
])
def test_invalid_arguments_raise_value_error_with_a_reason(kwargs, words):
    sizes = kwargs.pop("sizes")
    with pytest.raises(ValueError, match=words):
        Network(sizes, **kwargs)


def test_non_float_dtype_is_refused():
    with pytest.raises(ValueError):
        Network([4, 3], dtype=np.int32)


def test_inputs_of_the_wrong_width_are_refused():
    net = Network([5, 3], seed=0)
    with pytest.raises(ValueError, match=r"\(n, 5\)"):
        net.feedforward(np.zeros((2, 4)))
    with pytest.raises(ValueError):
        net.backprop(np.zeros((2, 6)), np.zeros((2, 3)))


def test_seed_reproduces_the_initial_weights():
    a, b = Network([6, 5, 3], seed=11), Network([6, 5, 3], seed=11)
    for p, q in zip(a.weights + a.biases, b.weights + b.biases):
        np.testing.assert_array_equal(p, q)
    c = Network([6, 5, 3], seed=12)
    assert not np.array_equal(a.weights[0], c.weights[0])
    d, e = Network([6, 5, 3]), Network([6, 5, 3])
    assert not np.array_equal(d.weights[0], e.weights[0])


def test_copy_is_independent():
    net = Network([6, 5, 3], seed=0)
    net.metadata["note"] = "original"
    twin = net.copy()
    twin.weights[0][...] = 0.0
    twin.biases[1] += 1.0
    twin.metadata["note"] = "changed"
    assert not np.any(net.weights[0] == 0.0)
    np.testing.assert_array_equal(net.biases[1], Network([6, 5, 3], seed=0).biases[1])
    assert net.metadata["note"] == "original"
    # training the copy leaves the original alone
    before = [w.copy() for w in net.weights]
    X, Y = batch(np.random.default_rng(1), 4, 6, 3, np.float32)
    other = net.copy()
    other.update(other.backprop(X, Y), eta=1.0)
    for w, w0 in zip(net.weights, before):
        np.testing.assert_array_equal(w, w0)
    wide = net.copy(np.float64)
    assert wide.dtype == np.float64 and wide.weights[0].dtype == np.float64
    assert net.dtype == np.float32
    np.testing.assert_array_equal(wide.weights[0], net.weights[0].astype(np.float64))


def test_set_parameters_checks_shapes_and_copies():
    net = Network([4, 3, 2], seed=0)
    w = [np.ones((3, 4)), np.ones((2, 3))]
    b = [np.zeros(3), np.zeros(2)]
    with pytest.raises(ValueError, match="number of layers"):
        net.set_parameters(w[:1], b[:1])
    with pytest.raises(ValueError, match="shape"):
        net.set_parameters([np.ones((4, 3)), w[1]], b)
    with pytest.raises(ValueError, match="shape"):
        net.set_parameters(w, [np.zeros((3, 1)), b[1]])
    net.set_parameters(w, b)
    assert net.weights[0].dtype == np.float32
    w[0][0, 0] = 5.0                      # the network keeps its own copy
    assert net.weights[0][0, 0] == 1.0
    assert net.feedforward(np.zeros(4)).shape == (1, 2)


def test_set_parameters_resets_momentum():
    net = Network([4, 3, 2], seed=0, dtype=np.float64)
    X, Y = batch(np.random.default_rng(0), 5, 4, 2)
    net.update(net.backprop(X, Y), eta=0.5, momentum=0.9)
    net.set_parameters([w.copy() for w in net.weights], [b.copy() for b in net.biases])
    fresh = net.copy()
    # with no velocity left, a momentum step is a plain step
    g = net.backprop(X, Y)
    net.update(g, eta=0.5, momentum=0.9)
    fresh.update(g, eta=0.5)
    for a, b in zip(net.weights + net.biases, fresh.weights + fresh.biases):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-15)


def test_predict_and_accuracy():
    net = Network([2, 2], seed=0, dtype=np.float64)
    net.set_parameters([10.0 * np.eye(2)], [np.zeros(2)])
    X = np.array([[1.0, 0.0], [0.0, 1.0], [0.2, 0.9], [0.7, 0.1]])
    np.testing.assert_array_equal(net.predict(X), [0, 1, 1, 0])
    assert net.accuracy(X, np.array([0, 1, 0, 0])) == 0.75
    assert net.accuracy(X, np.array([0, 1, 1, 0]), batch_size=3) == 1.0


def test_one_hot():
    y = one_hot([2, 0, 1], 3)
    np.testing.assert_array_equal(y, [[0, 0, 1], [1, 0, 0], [0, 1, 0]])
    assert y.dtype == np.float32


def test_repr_is_useful():
    net = Network([784, 30, 10], seed=0)
    assert "784, 30, 10" in repr(net) and "sigmoid" in repr(net) and "float32" in repr(net)
    assert net.describe() == "784-30-10 sigmoid, quadratic"
    X, Y = batch(np.random.default_rng(0), 3, 784, 10, np.float32)
    assert "784->30" in repr(net.backprop(X, Y))


# ---------------------------------------------------------------------------------------------
# activations, each beside its derivative


def test_sigmoid_is_stable_for_huge_inputs():
    z64 = np.array([-1e4, -800.0, -50.0, 0.0, 50.0, 800.0, 1e4])
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        a64 = nw.sigmoid(z64)
        a32 = nw.sigmoid(z64.astype(np.float32))
        p64 = nw.sigmoid_prime(z64)
        net = Network([3, 4, 2], seed=0)
        net.set_parameters([w * 1e4 for w in net.weights], [b * 1e4 for b in net.biases])
        out = net.feedforward(np.ones((2, 3)))
    assert a32.dtype == np.float32
    np.testing.assert_allclose(a64, [0.0, 0.0, 0.0, 0.5, 1.0, 1.0, 1.0], atol=1e-15)
    np.testing.assert_allclose(a32, a64, atol=1e-7)
    np.testing.assert_allclose(p64, [0, 0, 0, 0.25, 0, 0, 0], atol=1e-15)
    assert np.all(np.isfinite(out)) and np.all((out >= 0) & (out <= 1))


def test_sigmoid_matches_its_definition():
    z = np.linspace(-30, 30, 241)
    np.testing.assert_allclose(nw.sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-6, atol=1e-15)


@pytest.mark.parametrize("name", ACTIVATIONS)
def test_activation_derivative_matches_finite_differences(name):
    f, f_prime = nw.ACTIVATIONS[name]
    rng = np.random.default_rng(3)
    z = rng.uniform(-6, 6, (5, 40))
    z[np.abs(z) < 1e-3] = 0.5          # keep relu's kink out of the differences
    h = 1e-6
    numeric = (f(z + h) - f(z - h)) / (2 * h)
    np.testing.assert_allclose(f_prime(z), numeric, rtol=0, atol=1e-8)
    # given a = f(z), the derivative needs no second evaluation of f, and gives the same
    np.testing.assert_allclose(f_prime(z, f(z)), f_prime(z), rtol=0, atol=1e-15)
    # out= buffers are written and returned
    buf = np.empty_like(z)
    assert f_prime(z, f(z), out=buf) is buf
    np.testing.assert_allclose(buf, f_prime(z), atol=1e-15)
    buf = np.empty_like(z)
    assert f(z, out=buf) is buf
    np.testing.assert_allclose(buf, f(z.copy()), atol=1e-15)


def test_relu_and_its_derivative_by_hand():
    z = np.array([[-2.0, 0.0, 3.0]])
    np.testing.assert_array_equal(nw.relu(z), [[0, 0, 3]])
    np.testing.assert_array_equal(nw.relu_prime(z), [[0, 0, 1]])
    assert nw.relu_prime(z.astype(np.float32)).dtype == np.float32


def test_softmax_rows_are_probabilities_and_stable():
    z = np.array([[0.0, np.log(2.0), np.log(5.0)], [1e4, 0.0, -1e4]])
    with np.errstate(over="raise", divide="raise", invalid="raise"):   # underflow to 0 is fine
        a = nw.softmax(z)
    np.testing.assert_allclose(a[0], [1 / 8, 2 / 8, 5 / 8], rtol=1e-12)
    np.testing.assert_allclose(a[1], [1, 0, 0], atol=1e-300)
    np.testing.assert_allclose(a.sum(axis=1), 1.0)
    np.testing.assert_allclose(nw.softmax(z[:1] + 100.0), a[:1], rtol=1e-12)


# ---------------------------------------------------------------------------------------------
# costs, checked by hand on tiny examples


def test_quadratic_cost_by_hand():
    a = np.array([[0.5, 0.5], [1.0, 0.0]])
    y = np.array([[1.0, 0.0], [1.0, 0.0]])
    # C = 1/2n sum ||y - a||^2 = 1/4 (0.25 + 0.25 + 0)
    assert nw.quadratic_cost(a, y) == pytest.approx(0.125)


def one_neuron(cost, weight, bias=0.0):
    """A 1-input, 1-output float64 network with the given weight and bias."""
    net = Network([1, 1], cost=cost, dtype=np.float64)
    net.set_parameters([np.array([[weight]])], [np.array([bias])])
    return net


def test_network_costs_by_hand():
    X = np.array([[1.0], [1.0]])
    Y = np.array([[1.0], [0.0]])
    # z = ln 3, so a = sigma(z) = 3/4 for both samples
    quad = one_neuron("quadratic", math.log(3.0))
    np.testing.assert_allclose(quad.feedforward(X), [[0.75], [0.75]])
    assert quad.cost(X, Y) == pytest.approx((0.5 * 0.25 ** 2 + 0.5 * 0.75 ** 2) / 2)
    # cross-entropy: -[y ln a + (1 - y) ln(1 - a)], mean over the batch
    ce = one_neuron("cross-entropy", math.log(3.0))
    assert ce.cost(X, Y) == pytest.approx((-math.log(0.75) - math.log(0.25)) / 2)
    # log-likelihood: softmax outputs a = (1/8, 2/8, 5/8); C = -ln a_y
    ll = Network([1, 3], cost="log-likelihood", dtype=np.float64)
    assert ll.output == "softmax"
    ll.set_parameters([np.zeros((3, 1))], [np.log([1.0, 2.0, 5.0])])
    Y3 = one_hot([2, 0], 3, np.float64)
    assert ll.cost(X, Y3) == pytest.approx((-math.log(5 / 8) - math.log(1 / 8)) / 2)


def test_l2_term_by_hand():
    net = one_neuron("quadratic", 2.0, 0.5)
    X, Y = np.array([[1.0]]), np.array([[0.0]])
    plain = net.cost(X, Y)
    # + lambda/2n sum w^2, with n the training-set size
    assert net.cost(X, Y, lmbda=3.0, n=6) == pytest.approx(plain + 3.0 / 12 * 4.0)
    # n defaults to the batch size
    assert net.cost(X, Y, lmbda=3.0) == pytest.approx(plain + 3.0 / 2 * 4.0)


def test_costs_are_finite_for_saturated_outputs():
    """Computed from z, cross-entropy and log-likelihood never take ln 0."""
    z = np.array([[-1e4, 1e4]])
    y = np.array([[1.0, 0.0]])
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        ce = nw.cross_entropy_cost(nw.sigmoid(z), y, z)
        ll = nw.log_likelihood_cost(nw.softmax(z), y, z)
    assert ce == pytest.approx(2e4)
    assert ll == pytest.approx(2e4)


# ---------------------------------------------------------------------------------------------
# backprop against finite differences


@pytest.mark.parametrize("lmbda", [0.0, 0.7], ids=["no-L2", "L2"])
@pytest.mark.parametrize("output, cost", OUTPUT_COSTS, ids=[c for _, c in OUTPUT_COSTS])
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_backprop_equals_finite_differences(activation, output, cost, lmbda):
    rng = np.random.default_rng(7)
    net = Network([5, 4, 3, 3], activation=activation, output=output, cost=cost, seed=5,
                  dtype=np.float64)
    X, Y = batch(rng, 6, 5, 3)
    n = 50 if lmbda else None
    grads = net.backprop(X, Y, lmbda, n)
    numeric_w, numeric_b = numeric_gradients(net, X, Y, lmbda, n)
    for l in range(len(net.weights)):
        assert relative_error(numeric_w[l], grads.nabla_w[l]) < 1e-7, f"weights of layer {l}"
        assert relative_error(numeric_b[l], grads.nabla_b[l]) < 1e-7, f"biases of layer {l}"
    # backprop's cost is the batch cost without the L2 term
    assert grads.cost == pytest.approx(net.cost(X, Y))


def test_backprop_leaves_the_network_unchanged():
    net = Network([5, 4, 3], seed=0)
    before = [p.copy() for p in net.weights + net.biases]
    net.backprop(*batch(np.random.default_rng(0), 3, 5, 3, np.float32))
    for p, q in zip(net.weights + net.biases, before):
        np.testing.assert_array_equal(p, q)


@pytest.mark.parametrize("output, cost", OUTPUT_COSTS, ids=[c for _, c in OUTPUT_COSTS])
def test_the_four_equations(output, cost):
    """BP1-BP4 hold between the arrays backprop returns (the ones the heatmaps draw)."""
    rng = np.random.default_rng(1)
    net = Network([6, 5, 4, 3], activation="tanh", output=output, cost=cost, seed=2,
                  dtype=np.float64)
    X, Y = batch(rng, 7, 6, 3)
    g = net.backprop(X, Y)
    n = len(X)
    assert len(g.activations) == 4 and len(g.zs) == len(g.delta) == 3
    np.testing.assert_array_equal(g.activations[0], X)
    a_out, z_out = g.activations[-1], g.zs[-1]
    np.testing.assert_allclose(a_out, net.feedforward(X), rtol=1e-12)
    # BP1
    if cost == "quadratic":
        expected = (a_out - Y) * a_out * (1 - a_out)
    else:
        expected = a_out - Y
    np.testing.assert_allclose(g.delta[-1], expected, rtol=1e-12, atol=1e-15)
    for l in range(3):
        assert g.delta[l].shape == (n, net.sizes[l + 1])
        # BP2 (rows are samples, so w^T delta becomes delta @ w)
        if l < 2:
            expected = (g.delta[l + 1] @ net.weights[l + 1]) * (1 - np.tanh(g.zs[l]) ** 2)
            np.testing.assert_allclose(g.delta[l], expected, rtol=1e-12, atol=1e-15)
        # BP3: nabla_b is the batch mean of delta
        np.testing.assert_allclose(g.nabla_b[l], g.delta[l].mean(axis=0), rtol=1e-12, atol=1e-15)
        # BP4: nabla_w = delta^T a_in / n
        np.testing.assert_allclose(g.nabla_w[l], g.delta[l].T @ g.activations[l] / n,
                                   rtol=1e-12, atol=1e-15)
        assert g.nabla_w[l].shape == net.weights[l].shape
        assert g.nabla_b[l].shape == net.biases[l].shape


def test_l2_adds_lambda_over_n_times_w():
    rng = np.random.default_rng(0)
    net = Network([4, 3, 2], seed=0, dtype=np.float64)
    X, Y = batch(rng, 5, 4, 2)
    plain, reg = net.backprop(X, Y), net.backprop(X, Y, lmbda=2.0, n=40)
    for l in range(2):
        np.testing.assert_allclose(reg.nabla_w[l], plain.nabla_w[l] + 2.0 / 40 * net.weights[l])
        np.testing.assert_array_equal(reg.nabla_b[l], plain.nabla_b[l])


# ---------------------------------------------------------------------------------------------
# updates and the fast path


def test_update_is_the_books_rule():
    rng = np.random.default_rng(0)
    net = Network([4, 3, 2], seed=0, dtype=np.float64)
    X, Y = batch(rng, 5, 4, 2)
    w0, b0 = [w.copy() for w in net.weights], [b.copy() for b in net.biases]
    g = net.backprop(X, Y)
    net.update(g, eta=0.5, lmbda=2.0, n=10)
    for l in range(2):
        # w -> (1 - eta lambda / n) w - eta nabla_w;  b -> b - eta nabla_b
        np.testing.assert_allclose(net.weights[l], (1 - 0.5 * 2.0 / 10) * w0[l] - 0.5 * g.nabla_w[l])
        np.testing.assert_allclose(net.biases[l], b0[l] - 0.5 * g.nabla_b[l])


def test_momentum_goes_through_a_velocity():
    rng = np.random.default_rng(0)
    net = Network([4, 3, 2], seed=0, dtype=np.float64)
    X, Y = batch(rng, 5, 4, 2)
    w0 = net.weights[0].copy()
    g1 = net.backprop(X, Y)
    net.update(g1, eta=0.5, momentum=0.9)
    w1 = net.weights[0].copy()
    np.testing.assert_allclose(w1, w0 - 0.5 * g1.nabla_w[0])
    g2 = net.backprop(X, Y)
    net.update(g2, eta=0.5, momentum=0.9)
    # v2 = mu v1 - eta g2, with v1 = -eta g1
    np.testing.assert_allclose(net.weights[0], w1 + 0.9 * (-0.5 * g1.nabla_w[0]) - 0.5 * g2.nabla_w[0])
    net.reset_momentum()
    w2 = net.weights[0].copy()
    g3 = net.backprop(X, Y)
    net.update(g3, eta=0.5, momentum=0.9)
    np.testing.assert_allclose(net.weights[0], w2 - 0.5 * g3.nabla_w[0])


@pytest.mark.parametrize("momentum, lmbda", [(0.0, 0.0), (0.9, 0.0), (0.0, 2.0), (0.9, 2.0)],
                         ids=["plain", "momentum", "L2", "momentum+L2"])
@pytest.mark.parametrize("activation, output, cost", [
    ("sigmoid", "sigmoid", "quadratic"),
    ("tanh", "sigmoid", "cross-entropy"),
    ("relu", "softmax", "log-likelihood"),
])
def test_fast_path_equals_backprop_and_update(activation, output, cost, momentum, lmbda):
    rng = np.random.default_rng(4)
    fast = Network([6, 5, 4, 3], activation=activation, output=output, cost=cost, seed=3,
                   dtype=np.float64)
    slow = fast.copy()
    X, Y = batch(rng, 20, 6, 3)
    n, eta = 20, 0.7
    trainer = fast.trainer(8)
    # two full mini-batches of 8, then the short last one of 4, then a full one again
    for rows in (slice(0, 8), slice(8, 16), slice(16, 20), slice(4, 12)):
        g = slow.backprop(X[rows], Y[rows])
        slow.update(g, eta, lmbda, n, momentum)
        c = trainer.step(X[rows], Y[rows], eta, lmbda, n, momentum)
        assert c == pytest.approx(g.cost, rel=1e-12)
        for a, b in zip(fast.weights + fast.biases, slow.weights + slow.biases):
            np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-14)


def test_fast_path_follows_parameters_replaced_between_steps():
    # set_parameters (as a diverged run going back to its best epoch does) replaces the arrays
    # the trainer was stepping: its next step must train the new ones
    rng = np.random.default_rng(5)
    fast = Network([6, 5, 3], seed=0, dtype=np.float64)
    X, Y = batch(rng, 16, 6, 3)
    trainer = fast.trainer(8)
    trainer.step(X[:8], Y[:8], 0.5)
    other = Network([6, 5, 3], seed=9, dtype=np.float64)
    fast.set_parameters(other.weights, other.biases)
    slow = fast.copy()
    trainer.step(X[8:], Y[8:], 0.5)
    slow.update(slow.backprop(X[8:], Y[8:]), 0.5)
    for a, b in zip(fast.weights + fast.biases, slow.weights + slow.biases):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-14)
    assert not np.allclose(fast.weights[0], other.weights[0])     # it did train them


def test_fast_path_in_float32_stays_close():
    rng = np.random.default_rng(0)
    fast = Network([784, 30, 10], seed=0)
    slow = fast.copy()
    X, Y = batch(rng, 30, 784, 10, np.float32)
    trainer = fast.trainer(10)
    for k in range(3):
        rows = slice(10 * k, 10 * k + 10)
        trainer.step(X[rows], Y[rows], 3.0)
        slow.update(slow.backprop(X[rows], Y[rows]), 3.0)
    assert fast.weights[0].dtype == np.float32
    for a, b in zip(fast.weights + fast.biases, slow.weights + slow.biases):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("output, cost", OUTPUT_COSTS, ids=[c for _, c in OUTPUT_COSTS])
def test_trainer_gradients_equal_backprop(output, cost):
    rng = np.random.default_rng(2)
    net = Network([6, 5, 4, 3], activation="relu", output=output, cost=cost, seed=1,
                  dtype=np.float64)
    X, Y = batch(rng, 8, 6, 3)
    expected = net.backprop(X, Y)
    trainer = net.trainer(8)
    trainer.step(X, Y, eta=0.3)
    delta, nabla_w, nabla_b = trainer.gradients()
    for l in range(3):
        np.testing.assert_allclose(delta[l], expected.delta[l], rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(nabla_w[l], expected.nabla_w[l], rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(nabla_b[l], expected.nabla_b[l], rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(trainer.zs[l], expected.zs[l], rtol=1e-12)
    # new arrays: changing them does not touch the trainer's buffers
    nabla_w[0][...] = 0.0
    assert np.any(trainer.gradients()[1][0] != 0.0)


def test_trainer_gradients_after_a_short_batch_are_consistent():
    rng = np.random.default_rng(2)
    net = Network([6, 5, 3], seed=1, dtype=np.float64)
    X, Y = batch(rng, 13, 6, 3)
    trainer = net.trainer(8)
    trainer.step(X[:8], Y[:8], eta=0.3)
    expected = net.backprop(X[8:], Y[8:])
    trainer.step(X[8:], Y[8:], eta=0.3)
    delta, nabla_w, nabla_b = trainer.gradients()
    for l in range(2):
        np.testing.assert_allclose(nabla_w[l], expected.nabla_w[l], rtol=1e-12)
        # BP3 within what gradients() returns: nabla_b is the batch mean of delta
        np.testing.assert_allclose(nabla_b[l], delta[l].mean(axis=0), rtol=1e-10)


def test_input_gradient_matches_finite_differences():
    # the saliency of an input: dC_x/dx for one sample, by BP2 carried down to the inputs
    rng = np.random.default_rng(5)
    for activation, cost in (("sigmoid", "quadratic"), ("relu", "log-likelihood")):
        net = Network([6, 5, 4], activation=activation, cost=cost, seed=2, dtype=np.float64)
        x = rng.random((1, 6))
        y = one_hot([1], 4, np.float64)
        analytic = net.input_gradient(x, y)[0]
        numeric = np.empty(6)
        for i in range(6):
            plus, minus = x.copy(), x.copy()
            plus[0, i] += 1e-6
            minus[0, i] -= 1e-6
            numeric[i] = (net.cost(plus, y) - net.cost(minus, y)) / 2e-6
        assert np.linalg.norm(numeric - analytic) / np.linalg.norm(numeric + analytic) < 1e-7


def test_with_parameters_holds_the_given_arrays_and_its_copies_are_writable():
    net = Network([4, 3, 2], seed=0)
    net.metadata["note"] = "template"
    weights = [w * 2 for w in net.weights]
    biases = [b + 1 for b in net.biases]
    for a in weights + biases:
        a.flags.writeable = False                   # as a training run's snapshots are
    shown = net.with_parameters(weights, biases)
    assert all(a is b for a, b in zip(shown.weights + shown.biases, weights + biases))
    assert net.weights[0] is not weights[0]         # the template keeps its own
    shown.metadata["note"] = "changed"
    assert net.metadata["note"] == "template"
    x = np.random.default_rng(0).random((5, 4)).astype(net.dtype)
    expected = net.copy()
    expected.set_parameters(weights, biases)
    np.testing.assert_array_equal(shown.feedforward(x), expected.feedforward(x))
    work = shown.copy()                             # what training or a gradient check uses
    work.weights[0][0, 0] += 1.0
    assert weights[0][0, 0] != work.weights[0][0, 0]
    other_dtype = net.with_parameters([w.astype(np.float64) for w in weights], biases)
    assert other_dtype.weights[0].dtype == net.dtype and other_dtype.weights[0] is not weights[0]
