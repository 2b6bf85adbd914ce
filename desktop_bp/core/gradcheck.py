"""Backpropagation checked against finite differences, and why backprop is fast.

The book's chapter 2 ends with the argument for backprop: to estimate every dC/dw_j by finite
differences, dC/dw_j ~ (C(w + eps e_j) - C(w)) / eps, costs one extra forward pass *per weight*,
while backprop gets all of them for about the cost of two forward passes. :func:`gradcheck` does
both on the same network and mini-batch, in float64, and reports per layer how close they are
and how long each took. For a large network it checks a stated random sample of each layer's
weights and biases, and extrapolates the time finite differences would need for all of them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from desktop_bp.core.network import Network, one_hot


@dataclass
class LayerCheck:
    layer: int                  # 0 = first weight layer
    shape: tuple                # the weight matrix's (n_out, n_in)
    weight_error: float         # ||numeric - backprop|| / (||numeric|| + ||backprop||) over w
    bias_error: float           # the same over b
    max_entry_error: float      # the largest |numeric - backprop| of any single entry
    checked: int = 0            # how many of the layer's weights and biases were checked
    parameters: int = 0         # how many it has


@dataclass
class GradcheckReport:
    sizes: list
    method: str                 # "central" or "forward"
    epsilon: float
    batch: int
    parameters: int
    layers: list = field(default_factory=list)
    backprop_seconds: float = 0.0
    forward_seconds: float = 0.0          # one forward pass (cost evaluation) of the batch
    finite_difference_seconds: float = 0.0       # measured, for the entries checked
    checked: int = 0                              # parameters checked (all, or a sample)
    cancelled: bool = False                       # stopped before every layer was checked

    @property
    def sampled(self):
        return self.checked < self.parameters

    @property
    def finite_difference_all_seconds(self):
        """The time finite differences need for every parameter: measured when all were
        checked, else extrapolated from the time per checked parameter."""
        if not self.checked:
            return 0.0
        return self.finite_difference_seconds * self.parameters / self.checked

    @property
    def max_error(self):
        return max((max(c.weight_error, c.bias_error) for c in self.layers), default=0.0)

    @property
    def speedup(self):
        """How many times longer finite differences take (for every parameter) than one backprop."""
        return self.finite_difference_all_seconds / max(self.backprop_seconds, 1e-12)

    def passed(self, tolerance=1e-7):
        return bool(self.layers) and not self.cancelled and self.max_error < tolerance

    def as_dict(self):
        return {"sizes": self.sizes, "method": self.method, "epsilon": self.epsilon,
                "batch": self.batch, "parameters": self.parameters,
                "layers": [c.__dict__ | {"shape": list(c.shape)} for c in self.layers],
                "max_error": self.max_error, "backprop_seconds": self.backprop_seconds,
                "forward_seconds": self.forward_seconds,
                "finite_difference_seconds": self.finite_difference_seconds,
                "finite_difference_all_seconds": self.finite_difference_all_seconds,
                "checked": self.checked, "cancelled": self.cancelled,
                "speedup": self.speedup}


def _relative(numeric, analytic):
    denom = np.linalg.norm(numeric) + np.linalg.norm(analytic)
    return 0.0 if denom == 0 else float(np.linalg.norm(numeric - analytic) / denom)


def gradcheck(net=None, X=None, Y=None, *, sizes=(10, 8, 7, 3), batch=10, method="central",
              epsilon=None, lmbda=0.0, seed=0, progress=None, sample=None, cancelled=None):
    """Compare backprop's gradient with finite differences for every weight and bias (or, with
    ``sample``, for at most that many randomly chosen entries of each weight matrix and each
    bias vector; the report says how many were checked).

    ``net`` defaults to a fresh ``Network(sizes)``; it is copied to float64 and left untouched.
    ``X`` (n, n_in) and one-hot ``Y`` (n, n_out) default to ``batch`` random samples.
    ``method`` is "central" ((C(w+eps) - C(w-eps)) / 2 eps, error O(eps^2)) or "forward"
    (the book's (C(w+eps) - C(w)) / eps, error O(eps)). ``progress(done, total)`` is called now
    and then with the number of entries done and to do; ``cancelled()``, when given, is asked
    as often, and a True answer stops the check (the report then has ``cancelled`` set and the
    layers finished so far). Returns a :class:`GradcheckReport`.
    """
    if method not in ("central", "forward"):
        raise ValueError("method must be 'central' or 'forward'")
    rng = np.random.default_rng(seed)
    net = Network(list(sizes), seed=seed, dtype=np.float64) if net is None else net.copy(np.float64)
    if X is None:
        X = rng.random((batch, net.sizes[0]))
    X = np.asarray(X, dtype=np.float64)
    if Y is None:
        Y = one_hot(rng.integers(0, net.sizes[-1], len(X)), net.sizes[-1], np.float64)
    Y = np.asarray(Y, dtype=np.float64)
    if epsilon is None:
        epsilon = 1e-5 if method == "central" else 1e-7
    n = len(X)

    def cost():
        return net.cost(X, Y, lmbda, n)

    # time one backprop and one forward pass (best of a few: the machine may be busy)
    grads = net.backprop(X, Y, lmbda, n)
    backprop_seconds = min(_timed(lambda: net.backprop(X, Y, lmbda, n)) for _ in range(5))
    forward_seconds = min(_timed(cost) for _ in range(5))

    report = GradcheckReport(sizes=list(net.sizes), method=method, epsilon=epsilon, batch=n,
                             parameters=net.num_parameters, backprop_seconds=backprop_seconds,
                             forward_seconds=forward_seconds)
    # which entries of each parameter array are checked: all, or a random sample
    chosen = []
    for param in (p for l in range(len(net.weights)) for p in (net.weights[l], net.biases[l])):
        if sample is None or param.size <= sample:
            chosen.append(np.arange(param.size))
        else:
            chosen.append(np.sort(rng.choice(param.size, int(sample), replace=False)))
    total = sum(len(c) for c in chosen)
    every = max(1, min(256, total // 200))      # how often progress and cancelled are called
    done = 0
    c0 = cost() if method == "forward" else None
    t0 = time.perf_counter()
    for l in range(len(net.weights)):
        numeric, analytic = [], []
        for param, grad, entries in ((net.weights[l], grads.nabla_w[l], chosen[2 * l]),
                                     (net.biases[l], grads.nabla_b[l], chosen[2 * l + 1])):
            flat = param.reshape(-1)
            out = np.empty(len(entries))
            for i, j in enumerate(entries):
                old = flat[j]
                flat[j] = old + epsilon
                c_plus = cost()
                if method == "central":
                    flat[j] = old - epsilon
                    out[i] = (c_plus - cost()) / (2 * epsilon)
                else:
                    out[i] = (c_plus - c0) / epsilon
                flat[j] = old
                done += 1
                if done % every == 0:
                    if progress is not None:
                        progress(done, total)
                    if cancelled is not None and cancelled():
                        report.cancelled = True
                        report.finite_difference_seconds = time.perf_counter() - t0
                        report.checked = done
                        return report
            numeric.append(out)
            analytic.append(grad.reshape(-1)[entries])
        (nw, nb), (aw, ab) = numeric, analytic
        report.layers.append(LayerCheck(
            layer=l, shape=net.weights[l].shape,
            weight_error=_relative(nw, aw), bias_error=_relative(nb, ab),
            max_entry_error=float(max(np.abs(nw - aw).max(initial=0.0),
                                      np.abs(nb - ab).max(initial=0.0))),
            checked=len(nw) + len(nb), parameters=net.weights[l].size + net.biases[l].size))
        report.checked = done
        report.finite_difference_seconds = time.perf_counter() - t0
    if progress is not None and done % every:
        progress(done, total)
    return report


def _timed(fn):
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t
