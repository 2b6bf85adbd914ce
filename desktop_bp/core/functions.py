"""Activations beside their derivatives, costs beside their value and their BP1 delta: the one
registry that the readable :meth:`~desktop_bp.core.network.Network.backprop`, the fast training
step and the microscope all take their maths from.

Conventions (rows are samples, as everywhere in ``core``):

- an activation is ``f(z, out=None) -> a`` beside ``f_prime(z, a=None, out=None) -> f'(z)``; the
  derivative takes ``a = f(z)`` when the caller has it (sigma'(z) = a (1 - a) needs no second
  sigma), and both write into ``out`` when it is given;
- a cost is ``value(a, y, z) -> float`` (the mean over the batch, the book's C = 1/n sum_x C_x)
  beside ``delta(a, y, z, output_prime, out=None, scratch=None)``, BP1's output error
  delta^L = grad_a C (.) f'(z^L) for the output the engine pairs it with, and
  ``gradient(a, y)``, grad_a C_x of each sample (what the microscope shows before the product).

The fast training step calls these functions once per mini-batch of 10, where NumPy's per-call
overhead is most of the cost: ``out`` is passed positionally to the ufuncs, and the constants
(0, 1/2, 1) are 0-d arrays of the array's own dtype, which NumPy handles about twice as fast as
Python floats.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np

# the ufuncs as module names: the fast step calls these functions some 30,000 times an epoch,
# and a global name is found faster than a global name and then its attribute
_add, _subtract, _multiply, _tanh, _greater, _vdot = (
    np.add, np.subtract, np.multiply, np.tanh, np.greater, np.vdot)
class _Constants(dict):
    """dtype -> (0, 1/2, 1) as 0-d arrays of that dtype, made on first use; float64 ones for a
    dtype that is not a floating-point one (integer inputs)."""

    def __missing__(self, dtype):
        floating = np.issubdtype(dtype, np.floating)
        self[dtype] = k = tuple(np.array(c, dtype if floating else np.float64)
                                for c in (0.0, 0.5, 1.0))
        return k


_CONSTANTS = _Constants()


# ---------------------------------------------------------------------------------------------
# Activations, each beside its derivative


def sigmoid(z, out=None):
    """sigma(z) = 1 / (1 + e^-z), computed as (1 + tanh(z/2)) / 2: the same function, but it
    never overflows (no warnings for |z| up to 1e4 and beyond) and it keeps float32 as float32."""
    _, half, one = _CONSTANTS[z.dtype]
    out = _multiply(z, half, out)
    _tanh(out, out)
    _add(out, one, out)
    _multiply(out, half, out)
    return out


def sigmoid_prime(z, a=None, out=None):
    """sigma'(z) = sigma(z) (1 - sigma(z)); pass ``a = sigmoid(z)`` to skip recomputing it."""
    if a is None:
        a = sigmoid(z)
    _, _, one = _CONSTANTS[a.dtype]
    out = _subtract(one, a, out)
    _multiply(out, a, out)
    return out


def tanh(z, out=None):
    return _tanh(z, out)


def tanh_prime(z, a=None, out=None):
    """tanh'(z) = 1 - tanh(z)^2."""
    if a is None:
        a = _tanh(z)
    _, _, one = _CONSTANTS[a.dtype]
    out = _multiply(a, a, out)
    _subtract(one, out, out)
    return out


def relu(z, out=None):
    zero, _, _ = _CONSTANTS[z.dtype]
    return np.maximum(z, zero, out=out)     # (NumPy deprecates a positional out for maximum)


def relu_prime(z, a=None, out=None):
    """relu'(z) = 1 where z > 0, else 0 (0 at z = 0, by convention)."""
    zero, _, _ = _CONSTANTS[z.dtype]
    if out is None:
        return _greater(z, zero).astype(z.dtype)
    return _greater(z, zero, out)


def softmax(z, out=None):
    """Row-wise softmax: a_j = e^z_j / sum_k e^z_k, shifted by the row maximum so it never overflows."""
    out = _subtract(z, z.max(axis=1, keepdims=True), out)
    np.exp(out, out)
    out /= out.sum(axis=1, keepdims=True)
    return out


def softmax_prime(z, a=None, out=None):
    """The diagonal of softmax's Jacobian, da_j/dz_j = a_j (1 - a_j). Softmax couples its outputs
    (da_j/dz_k = a_j (delta_jk - a_k)), so this is not the whole derivative: see
    :func:`softmax_backward`. It is what "sigma'(z^L)" means for a softmax layer in a view."""
    if a is None:
        a = softmax(z)
    return sigmoid_prime(z, a, out)


def softmax_backward(a, grad_a):
    """J^T grad_a for softmax outputs a (rows are samples): a (.) (grad_a - sum_k a_k grad_a_k)."""
    return a * (grad_a - (a * grad_a).sum(axis=1, keepdims=True))


class Activation(NamedTuple):
    f: Callable          # f(z, out=None) -> a
    prime: Callable      # prime(z, a=None, out=None) -> f'(z), elementwise


ACTIVATIONS = {
    "sigmoid": Activation(sigmoid, sigmoid_prime),
    "tanh": Activation(tanh, tanh_prime),
    "relu": Activation(relu, relu_prime),
}
#: The output layer's functions. Softmax's "prime" is the diagonal of its Jacobian.
OUTPUT_ACTIVATIONS = {
    "sigmoid": Activation(sigmoid, sigmoid_prime),
    "softmax": Activation(softmax, softmax_prime),
}
OUTPUTS = tuple(OUTPUT_ACTIVATIONS)


def output_backward(output, z, a, grad_a):
    """delta^L = J(z^L)^T grad_a C for any output layer: grad_a C (.) f'(z^L) for an
    elementwise one (BP1 as the book writes it), the full Jacobian product for softmax."""
    if output == "softmax":
        return softmax_backward(a, grad_a)
    return grad_a * OUTPUT_ACTIVATIONS[output].prime(z, a)


def _log_sigmoid(z):
    """ln sigma(z) = -ln(1 + e^-z), without overflow."""
    return -np.logaddexp(0.0, -z)


def _log_softmax(z):
    zmax = z.max(axis=1, keepdims=True)
    return z - zmax - np.log(np.exp(z - zmax).sum(axis=1, keepdims=True))


def log_output(output, z):
    """(ln a, ln(1 - a)) of an output layer, computed from z so that a saturated a that rounds
    to 0 or 1 never makes ln 0."""
    z = np.asarray(z, dtype=np.float64)
    if output == "sigmoid":
        return _log_sigmoid(z), _log_sigmoid(-z)
    log_a = _log_softmax(z)
    with np.errstate(divide="ignore"):
        return log_a, np.log1p(-np.exp(log_a))


# ---------------------------------------------------------------------------------------------
# Costs, each beside its output error delta^L (BP1). All costs are means over the batch, as in
# the book's assumption 1: C = (1/n) sum_x C_x.


def quadratic_cost(a, y, z=None, output="sigmoid"):
    """C = 1/2n sum_x ||y - a^L||^2."""
    diff = a - y
    return 0.5 * float(_vdot(diff, diff)) / len(a)


def quadratic_gradient(a, y):
    """grad_a C_x = a - y."""
    return a - y


def quadratic_delta(a, y, z, output_prime, out=None, scratch=None):
    """BP1 for the quadratic cost: delta^L = grad_a C (.) f'(z^L) = (a - y) (.) f'(z^L)."""
    out = _subtract(a, y, out)
    _multiply(out, output_prime(z, a, scratch), out)
    return out


def quadratic_cost_and_delta(a, y, z, output_prime, out, scratch):
    """C and BP1's delta^L (into ``out``) at once, sharing a - y: the fast step's form of
    :func:`quadratic_cost` and :func:`quadratic_delta`. Returns C."""
    _subtract(a, y, out)                            # grad_a C = a - y
    cost = 0.5 * float(_vdot(out, out)) / len(a)
    _multiply(out, output_prime(z, a, scratch), out)
    return cost


def cross_entropy_cost(a, y, z, output="sigmoid"):
    """C = -1/n sum_x sum_j [y_j ln a_j + (1 - y_j) ln(1 - a_j)] (the book's pairing is with
    sigmoid outputs). Computed from z rather than a, since ln sigma(z) is exact where a rounds
    to 0 or 1."""
    if output == "sigmoid":
        z = z.astype(np.float64, copy=False)
        total = y * _log_sigmoid(z) + (1.0 - y) * _log_sigmoid(-z)
    else:
        log_a, log_1ma = log_output(output, z)
        total = y * log_a + (1.0 - y) * np.where(y == 1.0, 0.0, log_1ma)
    return -float(total.sum()) / len(a)


def cross_entropy_gradient(a, y):
    """grad_a C_x = (a - y) / (a (1 - a)): it grows without bound as a sigmoid saturates,
    exactly as fast as sigma'(z) = a (1 - a) shrinks."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return (a - y) / (a * (1.0 - a))


def cross_entropy_delta(a, y, z, output_prime, out=None, scratch=None):
    """BP1 for cross-entropy with sigmoid outputs: grad_a C = (a - y) / (a (1 - a)) and
    sigma'(z) = a (1 - a) cancel, delta^L = a - y."""
    return _subtract(a, y, out)


def log_likelihood_cost(a, y, z, output="softmax"):
    """C = -1/n sum_x ln a^L_y(x) (the book pairs it with softmax outputs); ln a from z (never
    ln 0)."""
    if output == "softmax":
        log_a = _log_softmax(z.astype(np.float64, copy=False))
    else:
        log_a, _ = log_output(output, z)
    return -float((y * log_a).sum()) / len(a)


def log_likelihood_gradient(a, y):
    """grad_a C_x = -y / a: only the target neuron's activation matters."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(y != 0, -y / a, 0.0)


def log_likelihood_delta(a, y, z, output_prime, out=None, scratch=None):
    """BP1 for log-likelihood with softmax outputs: delta^L = a - y."""
    return _subtract(a, y, out)


def _cost_and_delta(value, delta):
    """The fast step's (C, delta^L) for a cost whose two share nothing: delta, then value."""
    def cost_and_delta(a, y, z, output_prime, out, scratch):
        delta(a, y, z, output_prime, out, scratch)
        return value(a, y, z)
    cost_and_delta.__doc__ = f"{value.__name__} and {delta.__name__} at once (delta into out)."
    return cost_and_delta


class Cost(NamedTuple):
    value: Callable      # value(a, y, z, output=...) -> float, mean over the batch
    delta: Callable      # delta(a, y, z, output_prime, out=None, scratch=None) -> BP1's delta^L
    gradient: Callable   # gradient(a, y) -> grad_a C_x, per sample
    output: str          # the output layer this cost's ``delta`` is written for
    # value_and_delta(a, y, z, output_prime, out, scratch) -> C, with delta^L written into
    # out: the two above in one call, for the fast training step
    value_and_delta: Callable


COSTS = {
    "quadratic": Cost(quadratic_cost, quadratic_delta, quadratic_gradient, "sigmoid",
                      quadratic_cost_and_delta),
    "cross-entropy": Cost(cross_entropy_cost, cross_entropy_delta, cross_entropy_gradient, "sigmoid",
                          _cost_and_delta(cross_entropy_cost, cross_entropy_delta)),
    "log-likelihood": Cost(log_likelihood_cost, log_likelihood_delta, log_likelihood_gradient,
                           "softmax", _cost_and_delta(log_likelihood_cost, log_likelihood_delta)),
}


def cost_value(cost, output, a, y, z):
    """C for any pairing of cost and output layer (the microscope may show a cost the network
    was not trained with)."""
    return COSTS[cost].value(a, y, z, output=output)


def output_delta(cost, output, a, y, z):
    """BP1's delta^L for any pairing of cost and output layer: the cost's own short form where
    it is written for this output (quadratic with sigmoid; the a - y of cross-entropy with
    sigmoid and log-likelihood with softmax), else the general J^T grad_a C."""
    entry = COSTS[cost]
    if entry.output == output:
        return entry.delta(a, y, z, OUTPUT_ACTIVATIONS[output].prime)
    # the general form, J^T grad_a C, each product written so that a saturated output gives
    # its finite limit rather than 0 * inf
    if output == "sigmoid":
        # only log-likelihood is written for softmax: (-y/a) a (1 - a) = -y (1 - a)
        return np.where(y != 0, -y * (1.0 - a), 0.0)
    # softmax: delta_k = u_k - a_k sum_j u_j, with u = a (.) grad_a C
    if cost == "quadratic":
        u = a * (a - y)
    else:   # cross-entropy: a (a - y) / (a (1 - a)) = (a - y) / (1 - a), which is -1 where y = 1
        with np.errstate(divide="ignore", invalid="ignore"):
            u = np.where(y == 1.0, -1.0, (a - y) / (1.0 - a))
    return u - a * u.sum(axis=1, keepdims=True)
