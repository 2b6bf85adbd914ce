"""The backprop microscope: one backward pass, opened up on one drawing (no Qt).

For an input x (784,) or a batch (n, 784), a target digit y and a cost, :meth:`Microscope.look`
computes every quantity of chapter 2's four equations, per layer, in float64:

- forward: z^l, a^l and sigma'(z^l) (where neurons saturate);
- BP1 at the output: grad_a C, sigma'(z^L) and their Hadamard product delta^L (for cross-entropy
  with sigmoid outputs and log-likelihood with softmax outputs the product simplifies to
  a - y: the sigma' factor cancels, see :mod:`desktop_bp.core.functions`);
- BP2 at every hidden layer: (w^(l+1))^T delta^(l+1), sigma'(z^l) and their product delta^l;
- BP3 dC/db = delta and BP4 dC/dw = a_in delta_out;
- the saliency dC/dx: BP2 carried one step further, to the 784 input pixels.

Layers are numbered as in the book: the input is layer 1, so ``weights[i]`` of a
:class:`~desktop_bp.core.network.Network` is w^(i+2) and the output is layer L = len(sizes).
Every method that takes a layer takes this book number ``l`` (2 <= l <= L).

Beyond one pass: :meth:`BackwardPass.weight` reads one weight's derivative out (and checks it by
finite differences), :meth:`BackwardPass.nudge` is the chapter's "global view" (nudge w^l_jk and
watch the change travel to C), :meth:`BackwardPass.paths` lists every path from a weight to C
with its product of local rates, and :func:`gradient_check` times backprop against finite
differences on a loaded network.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from desktop_bp.core import functions as F

#: The costs the microscope can show. A cost other than the network's own is allowed: the view
#: then shows what backprop *would* compute with it.
COST_NAMES = tuple(F.COSTS)
#: At most this many paths are enumerated by :meth:`BackwardPass.paths`.
MAX_PATHS = 200_000
#: The step of the finite differences (central; float64).
EPSILON = 1e-6
#: Activations whose values a are never negative (tanh's are, in (-1, 1)).
NON_NEGATIVE_ACTIVATIONS = frozenset({"sigmoid", "relu", "softmax"})


def cancels(cost, output):
    """Whether sigma'(z^L) cancels out of BP1 for this cost and output layer (delta^L = a - y)."""
    return (cost, output) in (("cross-entropy", "sigmoid"), ("log-likelihood", "softmax"))


@dataclass
class LayerPass:
    """What one layer (book number ``l``) shows; rows are samples, (n, n_l) unless said."""

    l: int
    z: np.ndarray
    a: np.ndarray
    fprime: np.ndarray          # sigma'(z^l); for softmax the diagonal a (1 - a)
    incoming: np.ndarray        # BP1: grad_a C; BP2: (w^(l+1))^T delta^(l+1)
    delta: np.ndarray           # incoming (.) sigma'(z^l), or the cost's exact short form
    nabla_b: np.ndarray         # (n_l,) BP3, mean over the batch
    a_in: np.ndarray = field(repr=False)    # a^(l-1), the layer's input

    @cached_property
    def nabla_w(self):
        """(n_l, n_(l-1)) BP4, dC/dw = a_in delta_out, the mean over the batch (computed when
        first asked for: the layer view does not need it)."""
        with _one_blas_thread():
            return (self.delta.T @ self.a_in) / len(self.delta)

    def summary(self):
        """Count, min, max, mean and mean |.| of every array (JSON-friendly)."""
        return {name: _summary(getattr(self, name)) for name in ARRAYS}


ARRAYS = ("z", "a", "fprime", "incoming", "delta", "nabla_b", "nabla_w")


def _summary(x):
    x = np.asarray(x, dtype=np.float64)
    finite = x[np.isfinite(x)]
    if not finite.size:
        return {"shape": list(x.shape), "min": None, "max": None, "mean": None, "mean_abs": None}
    return {"shape": list(x.shape), "min": float(finite.min()), "max": float(finite.max()),
            "mean": float(finite.mean()), "mean_abs": float(np.abs(finite).mean())}


@dataclass
class WeightReadout:
    """dC/dw^l_jk = a^(l-1)_k delta^l_j (BP4), beside the same derivative by finite differences."""

    l: int
    j: int
    k: int
    weight: float
    a_in: float                 # a^(l-1)_k (mean over the batch)
    delta: float                # delta^l_j (mean over the batch)
    product: float              # dC/dw^l_jk by BP4 (the batch mean of a_k delta_j)
    finite_difference: float   # (C(w + eps) - C(w - eps)) / 2 eps

    def as_dict(self):
        return dict(self.__dict__)


@dataclass
class NudgeStep:
    """The global view for one Delta w: what changed downstream, and by how much C moved."""

    dw: float
    dz: list                    # Delta z of layers l .. L, (n, n_t) each
    da: list                    # Delta a of layers l .. L
    dC: float                   # measured: C(w + Delta w) - C(w)
    predicted: float            # dC/dw Delta w

    def as_dict(self, arrays=True):
        d = {"dw": self.dw, "dC": self.dC, "predicted": self.predicted,
             "ratio": self.dC / self.predicted if self.predicted else None}
        if arrays:
            d["da"] = [x.tolist() for x in self.da]
            d["dz"] = [x.tolist() for x in self.dz]
        return d


@dataclass
class PathSum:
    """Every path from w^l_jk to C: neurons q_l, q_(l+1), ..., q_L, and each path's product
    da^l_(q_l)/dw  *  prod_t da^(t+1)_(q_(t+1))/da^t_(q_t)  *  dC/da^L_(q_L)."""

    l: int
    j: int
    k: int
    neurons: np.ndarray         # (paths, L - l + 1): the neuron of each layer on the path
    products: np.ndarray        # (paths,)
    backprop: float             # dC/dw^l_jk from BP4

    @property
    def total(self):
        return float(self.products.sum())

    def largest(self, count=10):
        """The ``count`` paths with the largest |product|: (neurons, product) pairs."""
        order = np.argsort(-np.abs(self.products))[:count]
        return [(tuple(int(q) for q in self.neurons[i]), float(self.products[i])) for i in order]


class PathLimitError(ValueError):
    """Too many paths to enumerate."""


@dataclass
class BackwardPass:
    """One microscope reading: see the module docstring. ``layers[0]`` is layer 2."""

    net_sizes: list
    activation: str
    output: str
    cost: str
    x: np.ndarray               # (n, n_in)
    y: np.ndarray               # (n, n_out) one-hot
    target: np.ndarray          # (n,) the target digits
    cost_value: float
    layers: list
    saliency: np.ndarray        # (n, n_in) dC_x/dx per sample
    weights: list = field(repr=False)     # float64 w^2 .. w^L
    biases: list = field(repr=False)

    @property
    def L(self):
        return len(self.net_sizes)

    @property
    def cancels(self):
        return cancels(self.cost, self.output)

    def never_negative(self, name):
        """Whether a :class:`LayerPass` quantity (``"z"``, ``"a"``, ``"fprime"``,
        ``"incoming"``, ``"delta"``) is never negative in every layer, by the functions that
        make it: sigma' of an increasing activation (softmax: a (1 - a)) and the a of sigmoid,
        ReLU and softmax neurons; z, the incoming error and delta are signed."""
        if name == "fprime":
            return True
        if name == "a":
            return {self.activation, self.output} <= NON_NEGATIVE_ACTIVATIONS
        return False

    def steepest_weight(self, l):
        """(l, j, k) of the weight of layer ``l`` with the largest |dC/dw|."""
        nabla_w = self.layer(l).nabla_w
        j, k = np.unravel_index(int(np.argmax(np.abs(nabla_w))), nabla_w.shape)
        return int(l), int(j), int(k)

    def layer(self, l):
        """The :class:`LayerPass` of book layer ``l`` (2..L)."""
        self._check_layer(l)
        return self.layers[l - 2]

    def saliency_image(self, sample=0):
        """dC/dx of one sample as a 28x28 array (for a 784-pixel input)."""
        side = int(round(math.sqrt(self.x.shape[1])))
        return self.saliency[sample].reshape(side, side)

    def _check_layer(self, l):
        if not 2 <= l <= self.L:
            raise ValueError(f"layer must be between 2 and {self.L} (the book numbers the input "
                             f"layer 1), got {l}")

    def _check_weight(self, l, j, k):
        self._check_layer(l)
        n_out, n_in = self.weights[l - 2].shape
        if not (0 <= j < n_out and 0 <= k < n_in):
            raise ValueError(f"w^{l}_jk needs 0 <= j < {n_out} and 0 <= k < {n_in}, got j={j}, k={k}")

    # -- forward from a layer on, with one weight changed ---------------------------------------

    def _forward_from(self, l, w_changed):
        """(zs, activations, cost) of layers l..L with w^l replaced by ``w_changed``."""
        i = l - 2
        a = self.x if i == 0 else self.layers[i - 1].a
        zs, acts = [], []
        f = F.ACTIVATIONS[self.activation].f
        f_out = F.OUTPUT_ACTIVATIONS[self.output].f
        for t in range(i, len(self.weights)):
            w = w_changed if t == i else self.weights[t]
            z = a @ w.T + self.biases[t]
            a = f_out(z) if t == len(self.weights) - 1 else f(z)
            zs.append(z)
            acts.append(a)
        return zs, acts, F.cost_value(self.cost, self.output, acts[-1], self.y, zs[-1])

    def finite_difference(self, l, j, k, epsilon=EPSILON):
        """dC/dw^l_jk by central differences (float64)."""
        self._check_weight(l, j, k)
        w = self.weights[l - 2].copy()
        old = w[j, k]
        w[j, k] = old + epsilon
        c_plus = self._forward_from(l, w)[2]
        w[j, k] = old - epsilon
        c_minus = self._forward_from(l, w)[2]
        return (c_plus - c_minus) / (2 * epsilon)

    def weight(self, l, j, k, finite_difference=True):
        """The read-out of weight w^l_jk: a^(l-1)_k, delta^l_j, their product (BP4) and, unless
        told not to, the finite-difference value beside it."""
        self._check_weight(l, j, k)
        layer = self.layers[l - 2]
        a_in = self.x if l == 2 else self.layers[l - 3].a
        return WeightReadout(
            l=l, j=j, k=k, weight=float(self.weights[l - 2][j, k]),
            a_in=float(a_in[:, k].mean()), delta=float(layer.delta[:, j].mean()),
            product=float(layer.nabla_w[j, k]),
            finite_difference=self.finite_difference(l, j, k) if finite_difference else math.nan)

    def nudge(self, l, j, k, dws=(1.0, 0.1, 0.01, 0.001, 1e-4)):
        """The global view: for each Delta w in ``dws``, change w^l_jk by it and follow the
        change: Delta z and Delta a of layer l and of every later layer, the measured Delta C
        and the prediction dC/dw Delta w. As Delta w shrinks, the two agree (Delta C is
        dC/dw Delta w + O(Delta w^2))."""
        self._check_weight(l, j, k)
        gradient = float(self.layers[l - 2].nabla_w[j, k])
        steps = []
        for dw in dws:
            dw = float(dw)
            w = self.weights[l - 2].copy()
            w[j, k] += dw
            zs, acts, c = self._forward_from(l, w)
            later = self.layers[l - 2:]
            steps.append(NudgeStep(dw=dw, dz=[z - lay.z for z, lay in zip(zs, later)],
                                   da=[a - lay.a for a, lay in zip(acts, later)],
                                   dC=c - self.cost_value, predicted=gradient * dw))
        return steps

    def path_count(self, l):
        """How many paths lead from a weight of layer l to C."""
        self._check_layer(l)
        count = 1
        for t in range(l + 1, self.L + 1):
            count *= self.net_sizes[t - 1]
        if l == self.L and self.output == "softmax":
            count = self.net_sizes[-1]          # z^L_j moves every softmax output
        return count

    def paths(self, l, j, k, max_paths=MAX_PATHS):
        """Every path from w^l_jk to C with its product of local rates, averaged over the batch
        (see :class:`PathSum`); their sum is backprop's dC/dw^l_jk. Raises
        :class:`PathLimitError` when there are more than ``max_paths``."""
        self._check_weight(l, j, k)
        count = self.path_count(l)
        if count > max_paths:
            raise PathLimitError(f"w^{l}_jk has {count:,} paths to C, more than the {max_paths:,} "
                                 f"that are listed; pick a weight of a later layer or a smaller network")
        i = l - 2
        last = len(self.weights) - 1
        a_in = self.x if i == 0 else self.layers[i - 1].a
        n = len(self.x)
        # the first rate, da^l_q/dw^l_jk = J^l_qj a^(l-1)_k: only q = j for an elementwise
        # layer; every q for a softmax output (its Jacobian is not diagonal)
        if i == last and self.output == "softmax":
            a = self.layers[i].a
            jac_col = a * ((np.arange(a.shape[1]) == j) - a[:, j:j + 1])    # da_q/dz_j
            P = jac_col * a_in[:, k:k + 1]                                   # (n, n_L)
            first = np.arange(a.shape[1])
        else:
            P = (self.layers[i].fprime[:, j] * a_in[:, k])[:, None]          # (n, 1)
            first = np.array([j])
        dims = [len(first)]
        for t in range(i + 1, last + 1):
            # da^(t)_r / da^(t-1)_q = (J^t w^t)_rq; elementwise: sigma'(z_r) w_rq
            lay = self.layers[t]
            if t == last and self.output == "softmax":
                jac = lay.a[:, :, None] * (np.eye(lay.a.shape[1]) - lay.a[:, None, :])
                rate = jac @ self.weights[t]                                  # (n, r, q)
            else:
                rate = lay.fprime[:, :, None] * self.weights[t][None, :, :]
            if t == i + 1:
                rate = rate[:, :, first]
            # P[s, ..., q] * rate[s, r, q] -> P[s, ..., q, r]
            P = P[..., None] * rate.transpose(0, 2, 1).reshape(
                (n,) + (1,) * (P.ndim - 2) + rate.shape[2:0:-1])
            dims.append(rate.shape[1])
        grad_a = self.layers[-1].incoming                                     # dC/da^L
        if len(dims) == 1 and len(first) == 1:      # a weight of an elementwise output layer
            grad_a = grad_a[:, first]
        P = P * grad_a.reshape((n,) + (1,) * (P.ndim - 2) + (grad_a.shape[1],))
        products = P.reshape(n, -1).mean(axis=0)
        neurons = np.stack(np.unravel_index(np.arange(products.size), dims), axis=1)
        neurons[:, 0] = first[neurons[:, 0]]
        return PathSum(l=l, j=j, k=k, neurons=neurons, products=products,
                       backprop=float(self.layers[i].nabla_w[j, k]))

    # -- export -------------------------------------------------------------------------------

    def as_dict(self, summary=False):
        """The numbers shown, JSON-friendly: per layer z, a, sigma'(z), the incoming error, delta,
        dC/db and dC/dw (full nested lists, or with ``summary`` their shape, min, max, mean and
        mean |.|), the cost, the target and the saliency (28x28 for one 784-pixel input)."""
        layers = []
        for lay in self.layers:
            entry = {"layer": lay.l}
            for name in ARRAYS:
                value = getattr(lay, name)
                entry[name] = _summary(value) if summary else _jsonable(value)
            layers.append(entry)
        saliency = self.saliency_image() if len(self.x) == 1 else self.saliency
        return {"sizes": list(self.net_sizes), "activation": self.activation,
                "output": self.output, "cost": self.cost, "cancels": self.cancels,
                "target": [int(t) for t in self.target], "cost_value": self.cost_value,
                "output_activations": _jsonable(self.layers[-1].a),
                "layers": layers,
                "saliency": _summary(saliency) if summary else _jsonable(saliency)}


def _jsonable(x):
    x = np.asarray(x, dtype=np.float64)
    return np.where(np.isfinite(x), x, np.nan).tolist() if not np.all(np.isfinite(x)) else x.tolist()


_controller = None


def _one_blas_thread():
    """A context in which BLAS uses one thread. One drawing's products are small: on a busy
    machine BLAS threads that spin for cores others hold make them several times slower."""
    global _controller
    try:
        if _controller is None:
            from threadpoolctl import ThreadpoolController
            _controller = ThreadpoolController()
        return _controller.limit(limits=1, user_api="blas")
    except Exception:       # threadpoolctl missing or unable to inspect this BLAS
        import contextlib
        return contextlib.nullcontext()


class Microscope:
    """Looks at one network: keeps a float64 copy of its weights (made once, renewed when the
    network's weight arrays change) so each new stroke costs one forward and one backward pass.
    ``single_thread``: compute with one BLAS thread (faster for one drawing on a busy machine).
    """

    def __init__(self, net, single_thread=True):
        self.net = net
        self.single_thread = single_thread
        self._source = None
        self.weights = self.biases = None

    def _refresh(self):
        net = self.net
        # the arrays themselves, not their ids: holding them, no new array can take their place
        source = tuple(net.weights) + tuple(net.biases)
        if self._source is None or len(source) != len(self._source) or any(
                p is not q for p, q in zip(source, self._source)):
            self.weights = [np.asarray(w, np.float64) for w in net.weights]
            self.biases = [np.asarray(b, np.float64) for b in net.biases]
            self._source = source

    def refresh(self):
        """Take the network's current weights (call after training changed them in place)."""
        self._source = None
        self._refresh()

    def look(self, x, target=None, cost=None):
        """One backward pass on ``x`` ((n_in,) or (n, n_in)) towards ``target`` (a digit, or one
        per sample; None: the digit the network predicts) with ``cost`` (default: the
        network's own). Returns a :class:`BackwardPass`."""
        if self.single_thread:
            with _one_blas_thread():
                return self._look(x, target, cost)
        return self._look(x, target, cost)

    def _look(self, x, target, cost):
        net = self.net
        cost = net.cost_name if cost is None else cost
        if cost not in F.COSTS:
            raise ValueError(f"cost must be one of {', '.join(COST_NAMES)}, got {cost!r}")
        self._refresh()
        x = np.asarray(x, dtype=np.float64)
        if x.ndim == 1:
            x = x[None, :]
        if x.ndim != 2 or x.shape[1] != net.sizes[0]:
            raise ValueError(f"expected an input of {net.sizes[0]} values (or n rows of them), "
                             f"got shape {x.shape}")
        n_out = net.sizes[-1]
        if target is not None:
            target = np.broadcast_to(np.asarray(target), (len(x),)).astype(np.int64)
            if target.size and (target.min() < 0 or target.max() >= n_out):
                raise ValueError(f"the target must be a digit from 0 to {n_out - 1}")
        W, B = self.weights, self.biases
        hidden = F.ACTIVATIONS[net.activation]
        output = F.OUTPUT_ACTIVATIONS[net.output]
        last = len(W) - 1
        zs, acts, fps = [], [x], []
        a = x
        for i, (w, b) in enumerate(zip(W, B)):
            z = a @ w.T + b                         # rows are samples: z = a w^T + b
            fn = output if i == last else hidden
            a = fn.f(z)
            zs.append(z)
            acts.append(a)
            fps.append(fn.prime(z, a))
        if target is None:
            target = np.argmax(acts[-1], axis=1)         # the predicted digit
        y = np.zeros((len(x), n_out))
        y[np.arange(len(x)), target] = 1.0
        m = len(x)
        # BP1: delta^L = grad_a C (.) sigma'(z^L), in the cost's exact form
        grad_a = F.COSTS[cost].gradient(acts[-1], y)
        deltas = [None] * len(W)
        incoming = [None] * len(W)
        incoming[last] = grad_a
        deltas[last] = F.output_delta(cost, net.output, acts[-1], y, zs[-1])
        for i in range(last - 1, -1, -1):
            # BP2: delta^l = ((w^(l+1))^T delta^(l+1)) (.) sigma'(z^l); rows are samples
            incoming[i] = deltas[i + 1] @ W[i + 1]
            deltas[i] = incoming[i] * fps[i]
        layers = [LayerPass(l=i + 2, z=zs[i], a=acts[i + 1], fprime=fps[i], incoming=incoming[i],
                            delta=deltas[i],
                            nabla_b=deltas[i].sum(axis=0) / m,            # BP3
                            a_in=acts[i])                                 # BP4, when asked
                  for i in range(len(W))]
        return BackwardPass(
            net_sizes=list(net.sizes), activation=net.activation, output=net.output, cost=cost,
            x=x, y=y, target=target,
            cost_value=F.cost_value(cost, net.output, acts[-1], y, zs[-1]),
            layers=layers, saliency=deltas[0] @ W[0],   # BP2 carried to the inputs
            weights=W, biases=B)


def top_neurons(nabla_w, count=64, page=0):
    """Indices of the neurons (rows of ``nabla_w``) with the largest gradient (by the norm of
    their row), largest first: page ``page`` of ``count``."""
    norms = np.linalg.norm(np.asarray(nabla_w), axis=1)
    order = np.argsort(-norms, kind="stable")
    return order[page * count:(page + 1) * count]


def gradient_check(net, x, target, *, sample=200, full_below=50_000, seed=0, progress=None,
                   cancelled=None):
    """Backprop against finite differences on a loaded network, for the input(s) ``x`` and
    ``target``, with the network's own cost (float64, central differences).

    A network with fewer than ``full_below`` parameters is checked on every weight and bias;
    a larger one on ``sample`` random entries of each weight matrix and bias vector, and the
    time finite differences need for all of them is extrapolated from the time per entry.
    ``progress(done, total)`` and ``cancelled()`` as for
    :func:`~desktop_bp.core.gradcheck.gradcheck`. Returns its report.
    """
    from desktop_bp.core.gradcheck import gradcheck

    x = np.asarray(x, dtype=np.float64)
    if x.ndim == 1:
        x = x[None, :]
    target = np.broadcast_to(np.asarray(target), (len(x),)).astype(np.int64)
    y = np.zeros((len(x), net.sizes[-1]))
    y[np.arange(len(x)), target] = 1.0
    return gradcheck(net, x, y, seed=seed, progress=progress, cancelled=cancelled,
                     sample=None if net.num_parameters < full_below else sample)
