"""A feedforward network trained by backpropagation, in NumPy.

The maths is that of Michael Nielsen's *Neural Networks and Deep Learning*, chapter 2, with one
change of layout: a mini-batch is a matrix whose **rows are samples**. So where the book writes
z^l = w^l a^(l-1) + b^l for one column vector, this module writes ``z = a @ w.T + b`` for a whole
batch at once, and every per-example Python loop of the book becomes one matrix product.

Shapes, for a batch of ``n`` samples and a layer with ``n_in`` inputs and ``n_out`` neurons:

- ``weights[l]``: (n_out, n_in), the book's w^l_jk (j = neuron of this layer, k = neuron before)
- ``biases[l]``: (n_out,)
- activations and ``delta[l]``: (n, n_out)

Layer index ``l`` counts weight layers from 0, so ``weights[0]`` maps the 784 inputs to the first
hidden layer and ``weights[-1]`` produces the output a^L.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from desktop_bp.core import blas

# The activations (each beside its derivative) and the costs (each beside its value and its
# BP1 delta) live in one registry, desktop_bp.core.functions; the names are re-exported here.
from desktop_bp.core.functions import (
    ACTIVATIONS,
    COSTS,
    OUTPUT_ACTIVATIONS,
    OUTPUTS,
    Activation,
    Cost,
    cross_entropy_cost,
    cross_entropy_delta,
    log_likelihood_cost,
    log_likelihood_delta,
    quadratic_cost,
    quadratic_delta,
    relu,
    relu_prime,
    sigmoid,
    sigmoid_prime,
    softmax,
    softmax_prime,
    tanh,
    tanh_prime,
)

__all__ = [
    "Network", "Gradients", "one_hot", "INITS",
    # re-exported from desktop_bp.core.functions
    "ACTIVATIONS", "COSTS", "OUTPUT_ACTIVATIONS", "OUTPUTS", "Activation", "Cost",
    "cross_entropy_cost", "cross_entropy_delta", "log_likelihood_cost", "log_likelihood_delta",
    "quadratic_cost", "quadratic_delta", "relu", "relu_prime", "sigmoid", "sigmoid_prime",
    "softmax", "softmax_prime", "tanh", "tanh_prime",
]

INITS = ("standard", "scaled")


def one_hot(labels, n_classes=10, dtype=np.float32):
    """(n,) integer labels -> (n, n_classes) one-hot rows."""
    labels = np.asarray(labels)
    y = np.zeros((len(labels), n_classes), dtype=dtype)
    y[np.arange(len(labels)), labels] = 1.0
    return y


@dataclass
class Gradients:
    """What one backward pass computes, per weight layer ``l`` (0 = first hidden layer).

    - ``delta[l]``: (n, n_out) the error of each neuron for each sample (BP1 for the last layer,
      BP2 for the others);
    - ``nabla_b[l]``: (n_out,) dC/db, the batch mean of delta (BP3);
    - ``nabla_w[l]``: (n_out, n_in) dC/dw, the batch mean of a_in delta_out (BP4);
    - ``zs[l]`` and ``activations[l + 1]``: the weighted inputs and activations of the forward
      pass (``activations[0]`` is the input batch), kept so a viewer can show sigma'(z);
    - ``cost``: the cost of the batch before any update (without the L2 term).
    """

    delta: list
    nabla_b: list
    nabla_w: list
    zs: list
    activations: list
    cost: float

    def __repr__(self):
        shapes = ", ".join(f"{w.shape[1]}->{w.shape[0]}" for w in self.nabla_w)
        return f"Gradients(layers=[{shapes}], batch={len(self.activations[0])}, cost={self.cost:.5g})"


class Network:
    """A fully connected feedforward network.

    ``sizes`` lists the neurons per layer, input first: ``[784, 30, 10]`` is the book's network.
    ``activation`` is the hidden layers' function (sigmoid, tanh, relu); ``output`` the last
    layer's (sigmoid or softmax; softmax goes with the log-likelihood cost and is its default).
    ``init`` is "standard" (every weight and bias N(0, 1), the book's chapters 1-2) or "scaled"
    (weights N(0, 1/n_in), biases N(0, 1), chapter 3). ``seed`` makes the initial weights
    reproducible; float32 is the default ``dtype`` for speed, float64 is for gradient checks.
    """

    def __init__(self, sizes, *, activation="sigmoid", output=None, cost="quadratic",
                 init="standard", seed=None, dtype=np.float32):
        sizes = [int(s) for s in sizes]
        if len(sizes) < 2 or min(sizes) < 1:
            raise ValueError(f"sizes must list at least two layers of at least one neuron, got {sizes}")
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {sorted(ACTIVATIONS)}, got {activation!r}")
        if cost not in COSTS:
            raise ValueError(f"cost must be one of {sorted(COSTS)}, got {cost!r}")
        if output is None:
            output = "softmax" if cost == "log-likelihood" else "sigmoid"
        if output not in OUTPUTS:
            raise ValueError(f"output must be one of {OUTPUTS}, got {output!r}")
        if (output == "softmax") != (cost == "log-likelihood"):
            raise ValueError("a softmax output goes with the log-likelihood cost, and only with it")
        if init not in INITS:
            raise ValueError(f"init must be one of {INITS}, got {init!r}")
        if not np.issubdtype(np.dtype(dtype), np.floating):
            raise ValueError(f"dtype must be a floating-point type, got {np.dtype(dtype).name}")
        self.sizes = sizes
        self.activation = activation
        self.output = output
        self.cost_name = cost
        self.init = init
        self.dtype = np.dtype(dtype)
        self.metadata = {}
        rng = np.random.default_rng(seed)
        self.biases = [rng.standard_normal(n_out).astype(self.dtype) for n_out in sizes[1:]]
        scale = (lambda n_in: 1.0 / np.sqrt(n_in)) if init == "scaled" else (lambda n_in: 1.0)
        self.weights = [(rng.standard_normal((n_out, n_in)) * scale(n_in)).astype(self.dtype)
                        for n_in, n_out in zip(sizes[:-1], sizes[1:])]
        self._velocity_w = None
        self._velocity_b = None

    # -- description -------------------------------------------------------------------------

    @property
    def num_layers(self):
        return len(self.sizes)

    @property
    def num_parameters(self):
        return sum(w.size + b.size for w, b in zip(self.weights, self.biases))

    def config(self):
        """The keyword arguments that rebuild this architecture (JSON-friendly)."""
        return {"sizes": list(self.sizes), "activation": self.activation, "output": self.output,
                "cost": self.cost_name, "init": self.init}

    def describe(self):
        """A short human label, e.g. ``784-30-10 sigmoid, quadratic``."""
        out = "" if self.output == "sigmoid" else f"/{self.output}"
        return f"{'-'.join(map(str, self.sizes))} {self.activation}{out}, {self.cost_name}"

    def __repr__(self):
        return (f"Network({self.sizes}, activation={self.activation!r}, output={self.output!r}, "
                f"cost={self.cost_name!r}, dtype={self.dtype.name})")

    def _sibling(self):
        """A network of this architecture with a copy of its metadata, no momentum, and (for
        the caller to replace) this network's lists of weights and biases."""
        other = Network.__new__(Network)
        other.__dict__.update(self.__dict__)
        other.metadata = dict(self.metadata)
        other._velocity_w = other._velocity_b = None
        other.weights, other.biases = list(self.weights), list(self.biases)
        return other

    def copy(self, dtype=None):
        """An independent copy (weights copied), optionally in another dtype."""
        other = self._sibling()
        other.dtype = np.dtype(dtype or self.dtype)
        other.weights = [w.astype(other.dtype, copy=True) for w in self.weights]
        other.biases = [b.astype(other.dtype, copy=True) for b in self.biases]
        return other

    def with_parameters(self, weights, biases):
        """A network of this architecture (and a copy of its metadata) holding ``weights`` and
        ``biases`` themselves, not copies, when they are of its dtype: for showing a training
        run's read-only snapshots without copying megabytes each time. Whoever changes weights
        in place (training, the gradient check) works on a :meth:`copy`, which is writable."""
        other = self._sibling()
        other.set_parameters(weights, biases, copy=False)
        return other

    def set_parameters(self, weights, biases, copy=True):
        """Replace all weights and biases (shapes must match ``sizes``); resets momentum.
        ``copy=False`` keeps the given arrays where their dtype is already the network's."""
        if len(weights) != len(self.weights) or len(biases) != len(self.biases):
            raise ValueError("wrong number of layers")
        for w_old, w, b_old, b in zip(self.weights, weights, self.biases, biases):
            if np.shape(w) != w_old.shape or np.shape(b) != b_old.shape:
                raise ValueError(f"shape mismatch: {np.shape(w)} / {np.shape(b)}, expected "
                                 f"{w_old.shape} / {b_old.shape}")
        self.weights = [np.array(w, dtype=self.dtype, copy=copy or None) for w in weights]
        self.biases = [np.array(b, dtype=self.dtype, copy=copy or None) for b in biases]
        self._velocity_w = self._velocity_b = None

    # -- forward -------------------------------------------------------------------------------

    def _hidden(self):
        return ACTIVATIONS[self.activation]

    def _output_fn(self):
        # softmax's "prime" is the diagonal of its Jacobian; only log-likelihood goes with
        # softmax, and its delta^L = a - y needs no derivative
        return OUTPUT_ACTIVATIONS[self.output]

    def _as_batch(self, X):
        X = np.asarray(X, dtype=self.dtype)
        if X.ndim == 1:
            X = X[None, :]
        if X.ndim != 2 or X.shape[1] != self.sizes[0]:
            raise ValueError(f"expected inputs of shape (n, {self.sizes[0]}), got {X.shape}")
        return X

    def forward(self, X):
        """Full forward pass: returns ``(zs, activations)``, lists of (n, n_l) arrays;
        ``activations[0]`` is X itself."""
        X = self._as_batch(X)
        f, _ = self._hidden()
        f_out, _ = self._output_fn()
        activations, zs = [X], []
        a = X
        last = len(self.weights) - 1
        for l, (w, b) in enumerate(zip(self.weights, self.biases)):
            z = a @ w.T                 # the book's w a, for rows of samples
            z += b
            zs.append(z)
            a = f_out(z) if l == last else f(z)
            activations.append(a)
        return zs, activations

    def feedforward(self, X):
        """(n, 784) -> (n, n_out) output activations a^L. A single 1-D input gives (1, n_out)."""
        return self.forward(X)[1][-1]

    def input_gradient(self, X, Y):
        """dC_x/dx for every sample: (n, n_in), how the cost of each sample changes with each of
        its input pixels (the saliency of a drawing). It is BP2 carried one layer further down,
        to the inputs: (w^1)^T delta^1, with rows as samples."""
        grads = self.backprop(X, Y)
        return grads.delta[0] @ self.weights[0]

    def predict(self, X):
        """(n, 784) -> (n,) the index of the most active output neuron."""
        return np.argmax(self.feedforward(X), axis=1)

    def cost(self, X, Y, lmbda=0.0, n=None):
        """The mean cost over the batch, plus the L2 term lmbda/2n sum w^2 when ``lmbda`` is set
        (``n`` is the training-set size, as in the book; by default the batch size)."""
        zs, activations = self.forward(X)
        Y = np.asarray(Y, dtype=self.dtype)
        c = COSTS[self.cost_name].value(activations[-1], Y, zs[-1])
        if lmbda:
            n = len(X) if n is None else n
            c += 0.5 * lmbda / n * sum(float(np.vdot(w, w)) for w in self.weights)
        return c

    def accuracy(self, X, labels, batch_size=10000):
        """Fraction of samples whose predicted digit equals the label."""
        labels = np.asarray(labels)
        correct = 0
        for i in range(0, len(labels), batch_size):
            correct += int((self.predict(X[i:i + batch_size]) == labels[i:i + batch_size]).sum())
        return correct / max(len(labels), 1)

    # -- backward ------------------------------------------------------------------------------

    def backprop(self, X, Y, lmbda=0.0, n=None):
        """Backpropagation for a whole mini-batch as matrices. Returns :class:`Gradients`: the
        exact gradient of ``cost(X, Y, lmbda, n)`` with respect to every weight and bias."""
        X = self._as_batch(X)
        Y = np.asarray(Y, dtype=self.dtype)
        m = len(X)
        zs, activations = self.forward(X)
        cost = COSTS[self.cost_name]
        _, f_prime = self._hidden()
        _, out_prime = self._output_fn()
        L = len(self.weights)
        delta = [None] * L
        nabla_w = [None] * L
        nabla_b = [None] * L

        # BP1: delta^L = grad_a C (.) f'(z^L)  (the cost decides the form; see COSTS)
        delta[-1] = cost.delta(activations[-1], Y, zs[-1], out_prime)
        for l in range(L - 1, -1, -1):
            if l < L - 1:
                # BP2: delta^l = ((w^(l+1))^T delta^(l+1)) (.) f'(z^l); rows are samples, so
                # (w^T delta) becomes delta @ w
                delta[l] = (delta[l + 1] @ self.weights[l + 1]) * f_prime(zs[l], activations[l + 1])
            # BP3: dC/db^l_j = delta^l_j, averaged over the batch
            nabla_b[l] = delta[l].sum(axis=0) / m
            # BP4: dC/dw^l_jk = a^(l-1)_k delta^l_j, averaged over the batch
            nabla_w[l] = (delta[l].T @ activations[l]) / m
            if lmbda:
                nabla_w[l] += (lmbda / (len(X) if n is None else n)) * self.weights[l]
        return Gradients(delta=delta, nabla_b=nabla_b, nabla_w=nabla_w, zs=zs,
                         activations=activations, cost=cost.value(activations[-1], Y, zs[-1]))

    # -- learning ------------------------------------------------------------------------------

    def update(self, grads, eta, lmbda=0.0, n=1, momentum=0.0):
        """One gradient-descent step from ``grads`` (a :class:`Gradients` computed *without* the
        L2 term): w -> (1 - eta lmbda/n) w - eta nabla_w, b -> b - eta nabla_b; with momentum
        mu the step goes through a velocity, v -> mu v - eta grad, w -> w + v (chapter 3)."""
        self._step([eta * g for g in grads.nabla_w], [eta * g for g in grads.nabla_b],
                   eta, lmbda, n, momentum)

    def _step(self, step_w, step_b, eta, lmbda, n, momentum):
        """Apply steps that are already eta times the gradients (``step_w[l]`` = eta nabla_w,
        without the L2 term), in place. Shared by :meth:`update` and the fast trainer."""
        if momentum:
            if self._velocity_w is None:
                self._velocity_w = [np.zeros_like(w) for w in self.weights]
                self._velocity_b = [np.zeros_like(b) for b in self.biases]
            for w, b, sw, sb, vw, vb in zip(self.weights, self.biases, step_w, step_b,
                                            self._velocity_w, self._velocity_b):
                vw *= momentum                  # v -> mu v - eta (nabla_w + lmbda/n w)
                vw -= sw
                if lmbda:
                    vw -= (eta * lmbda / n) * w
                w += vw
                vb *= momentum
                vb -= sb
                b += vb
        else:
            for w, b, sw, sb in zip(self.weights, self.biases, step_w, step_b):
                if lmbda:
                    w *= 1.0 - eta * lmbda / n  # the book's weight decay
                w -= sw
                b -= sb

    def reset_momentum(self):
        self._velocity_w = self._velocity_b = None

    def trainer(self, batch_size):
        """A :class:`_Stepper` bound to this network: the fast path the training loop uses."""
        return _Stepper(self, batch_size)


#: A layer with at least this many weights has BP4 add straight into its velocity (momentum,
#: when the caller needs no gradients): below it the products are too small for the saved
#: passes over the velocity to be worth a call of their own (the book network's 23,520).
FUSE_MIN_WEIGHTS = 65536


class _Stepper:
    """SGD steps for a fixed mini-batch size, every buffer allocated once.

    The maths is exactly :meth:`Network.backprop` followed by :meth:`Network.update`, from the
    same registry (:mod:`desktop_bp.core.functions`). What this version changes is only the
    bookkeeping, because NumPy's per-call overhead, not arithmetic, dominates for the book's
    mini-batches of 10 (a call costs about as much as multiplying a few thousand numbers), and
    the layout of the products, which decides their speed for the large networks:

    - no array is allocated per step: every result goes into a buffer, passed positionally
      (the registry's functions take ``out`` and pass it on positionally too);
    - the per-layer arrays and functions are gathered once, in tuples (see :meth:`_bind`);
    - the output error is scaled once by eta/m right after BP1. BP2 is linear in delta, so
      every layer's delta then carries the factor, BP3/BP4 produce eta * nabla directly, and
      the update is one in-place subtraction per parameter instead of a scale and a subtraction;
    - the hidden layers keep their z, a and delta as the book writes them, a column per sample:
      z = w a_in + b, delta^l = (w^(l+1))^T delta^(l+1), dC/dw = delta a_in^T. OpenBLAS runs
      w (1024 x 784) times 128 columns 10-25% faster than 128 rows times w^T, and so the
      products of the best preset's step. The output layer (softmax and the costs work on
      rows) and everything the step hands out stay in rows: transposed views, no copies.

    After a :meth:`step`, :meth:`gradients` gives that mini-batch's true (unscaled) ``delta``,
    ``nabla_w`` and ``nabla_b``; ``zs`` and ``activations`` hold its forward pass (rows are
    samples). The next step overwrites all of them. If the network's weight or bias lists are
    replaced (as :meth:`Network.set_parameters` does), the next step picks up the new arrays.
    """

    def __init__(self, net, batch_size):
        self.net = net
        self.batch_size = m = int(batch_size)
        dt = net.dtype
        sizes = net.sizes
        self.L = len(net.weights)

        def columns():          # one (n, m) buffer per hidden layer: a column per sample
            return [np.empty((s, m), dt) for s in sizes[1:-1]]

        self._zc, self._ac, self._dc, self._fpc = columns(), columns(), columns(), columns()
        out = sizes[-1]
        self._z_out, self._a_out, self._d_out, self._fp_out = (np.empty((m, out), dt)
                                                               for _ in range(4))
        # the same buffers with rows as samples, as the rest of the program reads a batch
        # (eta/m * delta for the deltas)
        self.zs = [z.T for z in self._zc] + [self._z_out]
        self.activations = [None] + [a.T for a in self._ac] + [self._a_out]
        self.delta = [d.T for d in self._dc] + [self._d_out]
        self.step_w = [np.empty_like(w) for w in net.weights]       # eta * nabla_w
        self.step_b = [np.empty_like(b) for b in net.biases]        # eta * nabla_b
        self.ones = np.ones(m, dt)
        self._cost_and_delta = COSTS[net.cost_name].value_and_delta
        self.scale = 1.0 / m    # the eta/m that the delta buffers carry, also as a 0-d array
        self._scale = np.array(self.scale, dt)
        self._scaled_eta = 1.0
        self.eta = 1.0          # the eta that step_w and step_b carry
        self._short = None      # the Gradients of the last step, when its batch was short
        self._weights = self._biases = None
        self._fused = [False] * self.L      # per layer: BP4 went straight into the velocity
        self.has_gradients = True           # gradients() can answer for the last step

    def _bind(self):
        """Gather each layer's arrays and functions for the loops of :meth:`step`."""
        net = self.net
        W, B = self._weights, self._biases = net.weights, net.biases
        hidden = ACTIVATIONS[net.activation]
        output = OUTPUT_ACTIVATIONS[net.output]
        last = self.L - 1
        # forward through the hidden layers, in columns: (w, b as a column, z, a, f)
        self._forward = tuple((W[l], B[l][:, None], self._zc[l], self._ac[l], hidden.f)
                              for l in range(last))
        # the output layer, in rows: (w^T, b, z, a, f)
        self._forward_out = (W[last].T, B[last], self._z_out, self._a_out, output.f)
        self._output_prime = output.prime
        # backward through the hidden layers, last first, in columns: ((w^(l+1))^T,
        # delta^(l+1), delta^l, f'(z^l) buffer, z^l, a^l, f', step_b^l, step_w^l, a^(l-1) in
        # rows (None for the input, which each step brings), l)
        deltas = self._dc + [self._d_out.T]
        self._backward = tuple((W[l + 1].T, deltas[l + 1], self._dc[l], self._fpc[l],
                                self._zc[l], self._ac[l], hidden.prime, self.step_b[l],
                                self.step_w[l], self._ac[l - 1].T if l else None, l)
                               for l in range(last - 1, -1, -1))
        self._updates = tuple(zip(W, B, self.step_w, self.step_b))

    def gradients(self):
        """(delta, nabla_w, nabla_b) of the last mini-batch, as new, unscaled arrays (rows are
        samples)."""
        if not self.has_gradients:
            raise RuntimeError("the last step added its gradients straight into the velocity "
                               "(keep_gradients=False)")
        if self._short is not None:
            g = self._short
            return [d.copy() for d in g.delta], [w.copy() for w in g.nabla_w], [b.copy() for b in g.nabla_b]
        return ([np.divide(d, self.scale, order="C") for d in self.delta],
                [g / self.eta for g in self.step_w],
                [g / self.eta for g in self.step_b])

    def forward_state(self):
        """(zs, activations) of the last mini-batch's forward pass, rows as samples;
        ``activations[0]`` is its input."""
        if self._short is not None:
            return self._short.zs, self._short.activations
        return self.zs, self.activations

    def step(self, X, Y, eta, lmbda=0.0, n=1, momentum=0.0, *, keep_gradients=True, dot=np.dot,
             sub=np.subtract, mul=np.multiply, add=np.add):
        """Forward, backprop and update on one mini-batch X (m, n_in), Y (m, n_out).

        ``keep_gradients=False`` allows, with momentum, BP4 to add straight into the velocity
        (see :func:`desktop_bp.core.blas.add_product`) instead of into ``step_w``; then
        :meth:`gradients` is not available for this step (:attr:`has_gradients` says so).
        Returns the mini-batch's cost before the update (without the L2 term)."""
        m = len(X)
        if m != self.batch_size:      # the last, short batch of an epoch
            return self._short_step(X, Y, eta, lmbda, n, momentum)
        self._short = None
        net = self.net
        if net.weights is not self._weights or net.biases is not self._biases:
            self._bind()
        self.activations[0] = X
        a_in = X.T                          # the layer's input, a column per sample
        for w, b, z, a, f in self._forward:
            dot(w, a_in, z)                 # z = w a_in + b
            add(z, b, z)
            f(z, a)
            a_in = a
        wT, b, z, a, f = self._forward_out
        a_in = a_in.T                       # the output layer's input in rows (X itself if
        dot(a_in, wT, z)                    # there is no hidden layer): z = a_in w^T + b
        add(z, b, z)
        f(z, a)
        last = self.L - 1
        d, fp = self._d_out, self._fp_out
        # BP1: delta^L = grad_a C (.) f'(z^L), in the form the cost gives it (a - y when
        # sigma' cancels), and the cost itself
        cost = self._cost_and_delta(a, Y, z, self._output_prime, d, fp)
        # From here on every delta carries the factor eta/m (see the class docstring).
        self.eta = eta
        if eta != self._scaled_eta:
            self._scaled_eta = eta
            self.scale = eta / m
            self._scale[()] = self.scale
        mul(d, self._scale, d)
        ones, step_w, step_b = self.ones, self.step_w, self.step_b
        velocity = self._velocity(momentum) if momentum and not keep_gradients else None
        fused = self._fused
        # BP3: eta * dC/db = eta * mean of delta over the batch (a product with a vector of ones
        # is NumPy's cheapest sum over the batch for small batches)
        dot(ones, d, step_b[last])
        # BP4: eta * dC/dw_jk = eta * mean over the batch of a_in_k delta_out_j (or, fused, the
        # velocity's mu v - eta dC/dw in the same product)
        fused[last] = velocity is not None and self._bp4_fused(d.T, a_in, velocity[last],
                                                                momentum)
        if not fused[last]:
            dot(d.T, a_in, step_w[last])
        for w_next_T, d_next, d, fp, z, a, f_prime, sb, sw, a_in, l in self._backward:
            # BP2: delta^l = ((w^(l+1))^T delta^(l+1)) (.) f'(z^l)  (a column per sample)
            dot(w_next_T, d_next, d)
            mul(d, f_prime(z, a, fp), d)
            dot(d, ones, sb)                # BP3
            if a_in is None:                # the first layer's input: this step's batch
                a_in = X
            fused[l] = velocity is not None and self._bp4_fused(d, a_in, velocity[l], momentum)
            if not fused[l]:
                dot(d, a_in, sw)            # BP4: delta a_in^T, a_in in rows
        self.has_gradients = velocity is None or not any(fused)
        if velocity is not None:
            self._momentum_update(eta, lmbda, n, momentum)
        elif momentum or lmbda:
            net._step(step_w, step_b, eta, lmbda, n, momentum)
        else:
            for w, b, sw, sb in self._updates:
                sub(w, sw, w)
                sub(b, sb, b)
        return cost

    def _velocity(self, momentum):
        """The network's velocities (made when first needed), or None when no layer is large
        enough for the fused product to pay, or BLAS cannot add into its result here."""
        net = self.net
        if max(w.size for w in net.weights) < FUSE_MIN_WEIGHTS or not blas.has_add_product():
            return None
        if net._velocity_w is None:
            net._velocity_w = [np.zeros_like(w) for w in net.weights]
            net._velocity_b = [np.zeros_like(b) for b in net.biases]
        return net._velocity_w

    @staticmethod
    def _bp4_fused(d, a_in, v, momentum):
        """v = momentum v - d a_in in one product (d, a column per sample, carries eta/m;
        a_in has rows as samples), for a large layer."""
        return v.size >= FUSE_MIN_WEIGHTS and blas.add_product(-1.0, d, a_in, momentum, v)

    def _momentum_update(self, eta, lmbda, n, momentum):
        """The update of a momentum step some of whose layers have their velocity already."""
        net = self.net
        decay = eta * lmbda / n if lmbda else 0.0
        for l, (w, b, sw, sb) in enumerate(self._updates):
            vw, vb = net._velocity_w[l], net._velocity_b[l]
            if not self._fused[l]:          # v -> mu v - eta nabla_w, as Network._step does
                vw *= momentum
                vw -= sw
            if decay:
                vw -= decay * w
            w += vw
            vb *= momentum
            vb -= sb
            b += vb

    def _short_step(self, X, Y, eta, lmbda, n, momentum):
        self.has_gradients = True
        self._short = grads = self.net.backprop(X, Y)
        self.eta = eta
        for l in range(self.L):
            np.multiply(grads.nabla_w[l], eta, out=self.step_w[l])
            np.multiply(grads.nabla_b[l], eta, out=self.step_b[l])
        self.net._step(self.step_w, self.step_b, eta, lmbda, n, momentum)
        return grads.cost
