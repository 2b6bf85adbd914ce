"""The training loop: stochastic gradient descent as a generator of progress events.

``train(net, training, ...)`` trains ``net`` in place while it is iterated. Between mini-batches
it yields :class:`BatchEvent` (throttled in time, so a viewer is never flooded), after every epoch
an :class:`EpochEvent`, when a pause takes effect a :class:`PausedEvent`, and last a
:class:`FinishedEvent` that says why it ended. A :class:`TrainingControl` shared with another
thread stops, pauses, single-steps it and changes eta while it runs; all of that is cooperative
and takes effect between mini-batches. Nothing here knows about Qt.

Data travels as ``(images, labels)`` pairs: images (n, 784) float in [0, 1], labels (n,) ints.
"""

from __future__ import annotations

import inspect
import math
import sys
import threading
import time
from dataclasses import dataclass, field

import numpy as np

from desktop_bp.core import blas
from desktop_bp.core.run_config import Message
from desktop_bp.core.network import ACTIVATIONS, Network, one_hot, sigmoid_prime

#: A mini-batch cost this many times the run's first (or 1, if larger) counts as diverging, as
#: do NaN and infinity: an eta that large makes every step overshoot, and ReLU networks then die.
EXPLOSION_FACTOR = 100.0

#: sigma'(z) below this counts as a saturated neuron (sigmoid's maximum is 0.25 at z = 0; 0.01
#: is reached at |z| ~ 4.6, where a neuron learns 25 times slower than it could).
SATURATION_THRESHOLD = 0.01


#: The feeder gathers mini-batches in chunks of about this many rows (6 MB of MNIST images),
#: into a ring of FEED_SLOTS buffers; training sets under two chunks are gathered batch by
#: batch. Larger chunks cost more first-touch page faults than they save in hand-overs.
FEED_ROWS = 2000
FEED_SLOTS = 3


class _Feeder:
    """Gathers an epoch's shuffled mini-batches on a helper thread, chunks ahead of the loop.

    Copying the ten random rows of a book-network mini-batch out of MNIST's 157 MB waits on
    memory for about 3 µs, a tenth of the step it feeds. NumPy's ``take`` lets go of the
    interpreter lock while it copies, so a second thread can gather the next chunk of
    mini-batches on the other core while the loop trains on this one, and the loop reads each
    mini-batch as a view. The same mini-batches in the same order: results do not change.

    With ``augment`` the feeder also distorts each mini-batch, drawing from ``rng`` in the same
    order as the loop would (the loop draws from it only before an epoch's first mini-batch,
    when the feeder has not started, and after its last full one, when the feeder is done), so
    the distortions run on the other core too and seeded runs stay the same.

    :meth:`epoch` iterates ``(X, Y)`` views of the full mini-batches of one epoch's ``order``
    ((batches, batch_size) row numbers). Each view stays valid until the next is taken.
    Closing the iterator early (a stopped run) stops the thread.
    """

    def __init__(self, images, targets, batch_size, dtype, augment=None, rng=None):
        self.images, self.targets = images, targets
        self.batch_size = batch_size
        self.augment, self.rng = augment, rng
        self._augment_out = augment is not None and _takes_out(augment)
        self.chunk = max(1, FEED_ROWS // batch_size)          # mini-batches per chunk
        self._x = [np.empty((self.chunk, batch_size, images.shape[1]), dtype)
                   for _ in range(FEED_SLOTS)]
        self._y = [np.empty((self.chunk, batch_size, targets.shape[1]), dtype)
                   for _ in range(FEED_SLOTS)]

    def epoch(self, order):
        chunks = -(-len(order) // self.chunk)
        free, full = threading.Semaphore(FEED_SLOTS), threading.Semaphore(0)
        state = {"cancelled": False, "error": None}

        def fill():
            try:
                for c in range(chunks):
                    free.acquire()
                    if state["cancelled"]:
                        return
                    rows = order[c * self.chunk:(c + 1) * self.chunk].reshape(-1)
                    x = self._x[c % FEED_SLOTS]
                    y = self._y[c % FEED_SLOTS]
                    # the first len(rows) rows of a slot: contiguous, as take's out must be
                    self.images.take(rows, 0, x.reshape(-1, x.shape[2])[:len(rows)], "clip")
                    self.targets.take(rows, 0, y.reshape(-1, y.shape[2])[:len(rows)], "clip")
                    if self.augment is not None:
                        for batch in x[:len(rows) // self.batch_size]:
                            if self._augment_out:
                                self.augment(batch, self.rng, out=batch)
                            else:
                                batch[...] = self.augment(batch, self.rng)
                    full.release()
            except BaseException as exc:    # noqa: BLE001 - handed to the training loop
                state["error"] = exc
                full.release()

        thread = threading.Thread(target=fill, name="desktop_bp-feeder", daemon=True)
        thread.start()
        try:
            for c in range(chunks):
                full.acquire()
                if state["error"] is not None:
                    raise state["error"]
                size = min(self.chunk, len(order) - c * self.chunk)
                yield from zip(self._x[c % FEED_SLOTS][:size], self._y[c % FEED_SLOTS][:size])
                free.release()
        finally:
            state["cancelled"] = True
            for _ in range(FEED_SLOTS):
                free.release()
            thread.join()


def _takes_out(fn):
    """Whether ``fn`` takes an ``out`` keyword (so an augmentation can write in place)."""
    try:
        return "out" in inspect.signature(fn).parameters
    except (TypeError, ValueError):
        return False


def _frozen(a):
    """A read-only copy, safe to hand to another thread."""
    a = np.array(a, copy=True)
    a.flags.writeable = False
    return a


@dataclass(frozen=True)
class LayerSnapshot:
    """Per weight layer ``l`` (0 = first hidden layer), copies of the latest mini-batch's
    backprop quantities: ``nabla_w[l]`` (n_out, n_in), ``nabla_b[l]`` (n_out,), ``delta[l]``
    (batch, n_out), the fraction of saturated (sample, neuron) pairs ``saturation[l]`` and the
    mean |dC/dw| ``mean_abs_nabla_w[l]``; plus ``weights[l]`` when asked for."""

    nabla_w: tuple
    nabla_b: tuple
    delta: tuple
    saturation: tuple
    mean_abs_nabla_w: tuple
    weights: tuple | None = None


@dataclass(frozen=True)
class BatchEvent:
    epoch: int              # 0-based
    epochs: int
    batch: int              # mini-batches done in this epoch
    batches: int            # mini-batches per epoch
    cost: float             # mean mini-batch cost so far this epoch
    batch_cost: float       # the latest mini-batch's cost
    eta: float
    seconds: float          # training time spent in this epoch so far
    snapshot: LayerSnapshot | None = None


@dataclass(frozen=True)
class EpochEvent:
    epoch: int              # 0-based
    epochs: int
    training_cost: float    # mean mini-batch cost over the epoch (+ L2 term when lmbda is set)
    validation_cost: float | None
    validation_accuracy: float | None
    test_cost: float | None
    test_accuracy: float | None
    seconds: float          # wall time of the epoch's mini-batches (pauses excluded), not of evaluation
    eta: float
    weights: tuple = ()     # read-only copies of the weights and biases after the epoch
    biases: tuple = ()

    def record(self):
        """The JSON-friendly history entry of this epoch."""
        return {"epoch": self.epoch, "training_cost": self.training_cost,
                "validation_cost": self.validation_cost,
                "validation_accuracy": self.validation_accuracy,
                "test_cost": self.test_cost, "test_accuracy": self.test_accuracy,
                "seconds": round(self.seconds, 4), "eta": self.eta}


@dataclass(frozen=True)
class PausedEvent:
    epoch: int
    batch: int
    weights: tuple
    biases: tuple


@dataclass(frozen=True)
class FinishedEvent:
    reason: str             # "completed", "stopped" or "diverged"
    message: str
    epochs_done: int
    best_epoch: int | None  # the epoch whose weights the network holds after divergence
    history: list = field(default_factory=list)
    batches_done: int = 0   # mini-batches done in the epoch that was cut short (0: none was)
    batches: int = 0        # mini-batches per epoch
    # an epoch cut short leaves weights that no epoch's figures describe: their validation and
    # test accuracy, measured when the run stopped ({"validation_accuracy": ..., ...})
    measured: dict = field(default_factory=dict)


class TrainingControl:
    """Thread-safe knobs for a running :func:`train` generator.

    Call these from any thread; the generator reads them between mini-batches."""

    def __init__(self, eta=None):
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._stop = False
        self._paused = False
        self._batch_budget = None     # mini-batches left before pausing (None: no limit)
        self._pause_at_epoch_end = False
        self._eta = eta
        self._snapshot_requested = False

    # -- called from the controlling thread ---------------------------------------------------

    def stop(self):
        with self._lock:
            self._stop = True
            self._wake.notify_all()

    def pause(self):
        with self._lock:
            self._paused = True

    def resume(self):
        with self._lock:
            self._paused = False
            self._batch_budget = None
            self._pause_at_epoch_end = False
            self._wake.notify_all()

    def step_batches(self, count=1):
        """Run ``count`` mini-batches, then pause again."""
        with self._lock:
            self._paused = False
            self._batch_budget = int(count)
            self._pause_at_epoch_end = False
            self._wake.notify_all()

    def step_epoch(self):
        """Run to the end of the current epoch, then pause."""
        with self._lock:
            self._paused = False
            self._batch_budget = None
            self._pause_at_epoch_end = True
            self._wake.notify_all()

    def set_eta(self, eta):
        eta = float(eta)
        if not (eta > 0 and math.isfinite(eta)):
            raise ValueError(f"the learning rate must be a positive number, got {eta}")
        with self._lock:
            self._eta = eta

    def request_snapshot(self):
        with self._lock:
            self._snapshot_requested = True

    @property
    def stopped(self):
        return self._stop

    @property
    def paused(self):
        return self._paused

    @property
    def eta(self):
        return self._eta

    # -- called by the generator --------------------------------------------------------------

    def _after_batch(self):
        with self._lock:
            if self._batch_budget is not None:
                self._batch_budget -= 1
                if self._batch_budget <= 0:
                    self._batch_budget = None
                    self._paused = True

    def _after_epoch(self):
        with self._lock:
            if self._pause_at_epoch_end:
                self._pause_at_epoch_end = False
                self._paused = True

    def _wait_while_paused(self):
        with self._lock:
            while self._paused and not self._stop:
                self._wake.wait()
            return not self._stop

    def _take_snapshot_request(self):
        with self._lock:
            wanted, self._snapshot_requested = self._snapshot_requested, False
            return wanted


# How a divergence is explained: one whole sentence per case, so that a window can translate it
DIVERGED_START = ("The cost exploded from {first:.3g} to {cost:.3g} in epoch {epoch}, mini-batch "
                  "{batch}: the learning rate η = {eta:g} is too large for this network, so "
                  "every step overshoots. Training stopped; the network keeps its starting "
                  "weights. Try a learning rate ten times smaller.")
DIVERGED_BEST = ("The cost exploded from {first:.3g} to {cost:.3g} in epoch {epoch}, mini-batch "
                 "{batch}: the learning rate η = {eta:g} is too large for this network, so "
                 "every step overshoots. Training stopped; the network keeps the weights of epoch "
                 "{best}, its best. Try a learning rate ten times smaller.")
NONFINITE_START = ("The cost became {value} in epoch {epoch}, mini-batch {batch}: the learning "
                   "rate η = {eta:g} is too large for this network, so every step overshoots. "
                   "Training stopped; the network keeps its starting weights. Try a learning "
                   "rate ten times smaller.")
NONFINITE_BEST = ("The cost became {value} in epoch {epoch}, mini-batch {batch}: the learning "
                  "rate η = {eta:g} is too large for this network, so every step overshoots. "
                  "Training stopped; the network keeps the weights of epoch {best}, its best. Try "
                  "a learning rate ten times smaller.")
DIVERGENCE_TEMPLATES = (DIVERGED_START, DIVERGED_BEST, NONFINITE_START, NONFINITE_BEST)


def divergence_message(cost, first_cost, epoch, batch, eta, best_epoch):
    """The :class:`~desktop_bp.core.run_config.Message` of a run whose cost exploded at
    mini-batch ``batch`` of ``epoch`` (both 0-based)."""
    args = dict(epoch=epoch + 1, batch=batch + 1, eta=eta)
    if best_epoch is not None:
        args["best"] = best_epoch + 1
    if math.isfinite(cost):
        template = DIVERGED_START if best_epoch is None else DIVERGED_BEST
        args.update(first=first_cost, cost=cost)
    else:
        template = NONFINITE_START if best_epoch is None else NONFINITE_BEST
        args["value"] = "NaN" if math.isnan(cost) else "∞"
    return Message(template, **args)


def check_data(net, data, name="data"):
    """Raise ValueError, with a reason a person can act on, when ``net`` cannot be trained or
    evaluated on the ``(images, labels)`` pair ``data``."""
    images, labels = data
    if np.ndim(images) != 2 or len(images) != len(labels):
        raise ValueError(f"the {name} images must be an (n, {net.sizes[0]}) array with one label "
                         f"each, got {np.shape(images)} and {len(labels)} labels")
    if np.shape(images)[1] != net.sizes[0]:
        raise ValueError(f"the network has {net.sizes[0]} inputs but the {name} images have "
                         f"{np.shape(images)[1]} pixels (MNIST images have 784: 28x28)")
    if len(labels) and (int(np.max(labels)) >= net.sizes[-1] or int(np.min(labels)) < 0):
        raise ValueError(f"the network has {net.sizes[-1]} output neurons but the {name} labels go "
                         f"up to {int(np.max(labels))} (MNIST needs 10 outputs, one per digit)")


def evaluate(net, data, lmbda=0.0, n=None, batch_size=5000):
    """(cost, accuracy) of ``net`` on an ``(images, labels)`` pair, in batches."""
    check_data(net, data)
    images, labels = data
    total_cost = 0.0
    correct = 0
    for i in range(0, len(labels), batch_size):
        X = images[i:i + batch_size]
        y = labels[i:i + batch_size]
        Y = one_hot(y, net.sizes[-1], net.dtype)
        total_cost += net.cost(X, Y) * len(y)
        correct += int((net.predict(X) == y).sum())
    cost = total_cost / len(labels)
    if lmbda:
        cost += 0.5 * lmbda / (n or len(labels)) * sum(float(np.vdot(w, w)) for w in net.weights)
    return cost, correct / len(labels)


def _snapshot(net, stepper, with_weights):
    delta, nabla_w, nabla_b = stepper.gradients()
    zs, activations = stepper.forward_state()
    L = len(net.weights)
    hidden_prime = ACTIVATIONS[net.activation][1]
    saturation = []
    for l in range(L):
        z, a = zs[l], activations[l + 1]
        if l < L - 1:
            fp = hidden_prime(z, a)
        elif net.output == "sigmoid":
            fp = sigmoid_prime(z, a)
        else:   # softmax: the diagonal of its Jacobian, a_j (1 - a_j)
            fp = a * (1.0 - a)
        saturation.append(float((fp < SATURATION_THRESHOLD).mean()))
    return LayerSnapshot(
        nabla_w=tuple(_frozen(g) for g in nabla_w),
        nabla_b=tuple(_frozen(g) for g in nabla_b),
        delta=tuple(_frozen(d) for d in delta),
        saturation=tuple(saturation),
        mean_abs_nabla_w=tuple(float(np.abs(g).mean()) for g in nabla_w),
        weights=tuple(_frozen(w) for w in net.weights) if with_weights else None,
    )


def train(net: Network, training, *, epochs, batch_size, eta, lmbda=0.0, momentum=0.0,
          validation=None, test=None, seed=None, control=None, report_interval=0.05,
          snapshots=False, snapshot_weights=False, eta_decay=1.0, augment=None,
          send_weights=True, blas_threads=None, epoch_end_snapshots=False):
    """Train ``net`` in place by mini-batch SGD, yielding progress events (see module doc).

    - ``training``, ``validation``, ``test``: ``(images, labels)`` pairs; the last two optional.
    - ``eta``: learning rate; ``lmbda``: L2 regularisation (the book's lambda, with n = training
      size); ``momentum``: mu of momentum SGD; ``eta_decay``: eta is multiplied by it after each
      epoch.
    - ``seed``: seeds the shuffling (and ``augment``), so a seeded network trains identically.
    - ``report_interval``: seconds between :class:`BatchEvent` s (0: after every mini-batch);
      ``snapshots``: attach a :class:`LayerSnapshot` to every BatchEvent (else only when the
      control asks for one); ``snapshot_weights``: include the weights in snapshots;
      ``epoch_end_snapshots``: attach one to every epoch's last BatchEvent as well, so that a
      live view's per-layer curves reach the end of each epoch.
    - ``augment(images, rng) -> images``: applied to every mini-batch before its SGD step
      (on the feeder's thread for large training sets; with an ``out`` keyword, in place).
    - ``blas_threads``: the BLAS threads the products use. None (the default) chooses: one
      for small products, and for large ones the faster of one and the free cores, timed on
      the run's own mini-batches and checked again now and then (see :mod:`desktop_bp.core.blas`).
      A number fixes it.

    If the cost becomes NaN or infinite, or explodes to ``EXPLOSION_FACTOR`` times its first
    value, the network is given back the weights of its best epoch so far (or its starting
    weights) and the generator finishes with reason "diverged".
    """
    images, labels = training
    images = np.asarray(images, dtype=net.dtype)
    labels = np.asarray(labels)
    n = len(labels)
    if n == 0:
        raise ValueError("the training set is empty")
    batch_size = int(batch_size)
    if batch_size < 1:
        raise ValueError("the mini-batch size must be at least 1")
    if epochs < 1:
        raise ValueError("train for at least one epoch")
    if not (eta > 0 and math.isfinite(eta)):
        raise ValueError(f"the learning rate must be a positive number, got {eta}")
    check_data(net, training, "training")
    for name, data in (("validation", validation), ("test", test)):
        if data is not None:
            check_data(net, data, name)
    control = control or TrainingControl()
    if control.eta is None:
        control.set_eta(eta)
    rng = np.random.default_rng(seed)
    Y_all = one_hot(labels, net.sizes[-1], net.dtype)
    stepper = net.trainer(batch_size)
    batches = -(-n // batch_size)
    # Mini-batches are gathered row by row (much cheaper than permuting the whole training set
    # each epoch, a 157 MB copy for MNIST): by a feeder thread for large training sets, else
    # into these buffers.
    X_batch = np.empty((batch_size, images.shape[1]), dtype=net.dtype)
    Y_batch = np.empty((batch_size, Y_all.shape[1]), dtype=net.dtype)
    history = list(net.metadata.get("history", []))
    first_epoch = len(history)
    best = ([w.copy() for w in net.weights], [b.copy() for b in net.biases])
    best_score, best_epoch = -math.inf, None
    first_cost = None       # the first mini-batch's cost, before any step of this run

    def score(ev):
        for acc in (ev.validation_accuracy, ev.test_accuracy):
            if acc is not None:
                return acc
        return -ev.training_cost

    def finished(reason, message, epochs_done, batches_done=0, measured=None):
        return FinishedEvent(reason=reason, message=message, epochs_done=epochs_done,
                             best_epoch=best_epoch, history=list(history),
                             batches_done=batches_done, batches=batches,
                             measured=measured or {})

    def measure_now():
        """The accuracies of the weights as they are (a run stopped within an epoch)."""
        out = {}
        for key, data in (("validation_accuracy", validation), ("test_accuracy", test)):
            if data is not None:
                out[key] = evaluate(net, data, lmbda, n)[1]
        return out

    def paused_event(epoch, batch):
        return PausedEvent(epoch=epoch, batch=batch,
                           weights=tuple(_frozen(w) for w in net.weights),
                           biases=tuple(_frozen(b) for b in net.biases))

    full = n // batch_size          # mini-batches of full size; a shorter one may follow
    limit = sys.float_info.max      # a cost above this (or NaN: no comparison holds) diverged
    feeder = (_Feeder(images, Y_all, batch_size, net.dtype, augment, rng)
              if full * batch_size >= 2 * FEED_ROWS else None)
    fed = None                      # the feeder's iterator over this epoch's mini-batches
    chooser = (blas.ThreadChooser(blas.training_threads(net.sizes, batch_size))
               if blas_threads is None else blas.ThreadChooser.fixed(blas_threads))
    choosing = chooser.most > 1
    pool = blas.TrainingPool(chooser.threads).__enter__()
    try:
        for e in range(epochs):
            epoch = first_epoch + e
            t_start = time.perf_counter()
            perm = rng.permutation(n)
            order = perm[:full * batch_size].reshape(full, batch_size)
            if feeder is not None:
                fed = feeder.epoch(order)
            outside = 0.0               # seconds of this epoch spent paused
            cost_sum = 0.0
            next_report = time.perf_counter() + report_interval
            for k in range(batches):
                if control._paused:
                    pause_start = time.perf_counter()
                    yield paused_event(epoch, k)
                    resumed = control._wait_while_paused()
                    outside += time.perf_counter() - pause_start
                    chooser.pause()
                    if not resumed:
                        break
                if control._stop:
                    break
                if choosing:            # (for small networks a call per batch counts)
                    pool.set(chooser.tick())
                eta_now = control._eta
                if fed is not None and k < full:
                    X, Y = next(fed)
                elif k < full:
                    # mode="clip" (the rows are always valid) lets take write straight into the
                    # buffer; the default mode="raise" copies through a temporary
                    rows = order[k]
                    X = images.take(rows, 0, X_batch, "clip")
                    Y = Y_all.take(rows, 0, Y_batch, "clip")
                else:   # the last, shorter mini-batch of the epoch
                    rows = perm[full * batch_size:]
                    X, Y = images[rows], Y_all[rows]
                if augment is not None and (fed is None or k >= full):
                    X = augment(X, rng)
                # a report is due after this mini-batch: then a snapshot may want its
                # gradients; otherwise the step may add them straight into the velocity
                last = k == batches - 1
                report = time.perf_counter() >= next_report or last
                keep = snapshots or (report and (control._snapshot_requested
                                                 or (epoch_end_snapshots and last)))
                batch_cost = stepper.step(X, Y, eta_now, lmbda, n, momentum, keep_gradients=keep)
                if control._batch_budget is not None:
                    control._after_batch()
                if not batch_cost <= limit:
                    net.set_parameters(*best)
                    # the network's history is how the weights it holds came about: the epochs
                    # after the one it goes back to are undone
                    del history[first_epoch if best_epoch is None else best_epoch + 1:]
                    net.metadata["history"] = list(history)
                    yield finished("diverged", divergence_message(
                        batch_cost, first_cost, epoch, k, eta_now, best_epoch), e, k + 1)
                    return
                if first_cost is None:
                    first_cost = batch_cost
                    limit = EXPLOSION_FACTOR * max(first_cost, 1.0)
                cost_sum += batch_cost
                now = time.perf_counter()
                if report or control._paused:
                    # (a pause that came during a fused step leaves the request for later)
                    want = stepper.has_gradients and (snapshots or control._take_snapshot_request()
                                                      or (epoch_end_snapshots and last))
                    event = BatchEvent(epoch=epoch, epochs=first_epoch + epochs, batch=k + 1,
                                       batches=batches, cost=cost_sum / (k + 1), batch_cost=batch_cost,
                                       eta=eta_now, seconds=now - t_start - outside,
                                       snapshot=_snapshot(net, stepper, snapshot_weights) if want else None)
                    yield event
                    chooser.pause()     # the time the consumer took is not this mini-batch's
                    next_report = time.perf_counter() + report_interval
            else:
                k = batches
            if fed is not None:
                fed.close()     # its thread is done, or told to stop (a stopped epoch)
            if control._stop and k < batches:
                if k == 0 and e > 0:
                    yield finished("stopped", f"Stopped at the start of epoch {epoch + 1}.", e)
                else:
                    yield finished("stopped", f"Stopped in epoch {epoch + 1} after {k} of {batches} "
                                              "mini-batches; what was learned is kept.", e, k,
                                   measured=measure_now())
                return
            trained = time.perf_counter() - t_start - outside
            training_cost = cost_sum / batches
            if lmbda:
                training_cost += 0.5 * lmbda / n * sum(float(np.vdot(w, w)) for w in net.weights)
            v_cost = v_acc = t_cost = t_acc = None
            if validation is not None:
                v_cost, v_acc = evaluate(net, validation, lmbda, n)
            if test is not None:
                t_cost, t_acc = evaluate(net, test, lmbda, n)
            ev = EpochEvent(epoch=epoch, epochs=first_epoch + epochs, training_cost=training_cost,
                            validation_cost=v_cost, validation_accuracy=v_acc, test_cost=t_cost,
                            test_accuracy=t_acc, seconds=trained, eta=control._eta,
                            weights=tuple(_frozen(w) for w in net.weights) if send_weights else (),
                            biases=tuple(_frozen(b) for b in net.biases) if send_weights else ())
            history.append(ev.record())
            net.metadata["history"] = list(history)
            if score(ev) > best_score:
                best_score, best_epoch = score(ev), epoch
                best = ([w.copy() for w in net.weights], [b.copy() for b in net.biases])
            if eta_decay != 1.0:
                control.set_eta(control._eta * eta_decay)
            control._after_epoch()
            chooser.pause()             # evaluation is not a mini-batch
            yield ev
            if control._stop:
                if e < epochs - 1:
                    yield finished("stopped", f"Stopped after epoch {epoch + 1}; what was learned is kept.", e + 1)
                    return
        yield finished("completed", f"Trained {epochs} epoch{'s' * (epochs != 1)}.", epochs)
    finally:
        if fed is not None:    # the generator was closed mid-epoch
            fed.close()
        pool.__exit__(None, None, None)
