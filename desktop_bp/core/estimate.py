"""How long a training run will take on this machine, from what this machine measures.

No figure is written in the code: :func:`measure` times a few mini-batches of the run's own
network (the same SGD step, augmentation and BLAS threads the run will use, on random images)
and the evaluation of a few hundred images, and :func:`estimate` scales them to the run. Once
the run has finished an epoch, :func:`remaining` takes over from the epochs' own times, which
also see what the machine's other programs are doing.

Qt-free: the window shows what these return.
"""

from __future__ import annotations

import math
import statistics
import time
from dataclasses import dataclass

import numpy as np

from desktop_bp.core import blas
from desktop_bp.core.network import Network, one_hot

#: Images evaluated after every epoch by default (MNIST's validation and test sets).
EVALUATION_IMAGES = 20_000


@dataclass(frozen=True)
class Measurement:
    """Seconds per mini-batch (step and augmentation) and per evaluated image, measured here."""

    batch_seconds: float
    batch_size: int
    image_seconds: float

    def __repr__(self):
        return (f"Measurement({1e3 * self.batch_seconds:.2f} ms per mini-batch of "
                f"{self.batch_size}, {1e6 * self.image_seconds:.1f} us per evaluated image)")


@dataclass(frozen=True)
class Estimate:
    """A run's expected duration in seconds: ``epoch_seconds`` for one epoch (its mini-batches
    and the evaluation after it) and ``total_seconds`` for all ``epochs``."""

    epoch_seconds: float
    total_seconds: float
    epochs: int


def measure(settings, *, batches=6, images=500, seed=0):
    """Time ``batches`` mini-batches (after one not timed) of the network ``settings`` describe
    (a preset dict, or the same keys: ``sizes``, ``activation``, ``cost``, ``init``,
    ``batch_size``, ``eta``, ``momentum``, ``lmbda``, ``augment``), and the evaluation of
    ``images`` images. Takes a fraction of a second for the largest preset."""
    from desktop_bp.core.augment import AUGMENTATIONS

    rng = np.random.default_rng(seed)
    sizes = list(settings["sizes"])
    m = int(settings["batch_size"])
    net = Network(sizes, activation=settings.get("activation", "sigmoid"),
                  cost=settings.get("cost", "quadratic"), init=settings.get("init", "standard"),
                  seed=seed)
    augment = AUGMENTATIONS[settings["augment"]] if settings.get("augment") else None
    X = rng.random((m, sizes[0]), dtype=np.float32)
    Y = one_hot(rng.integers(0, sizes[-1], m), sizes[-1], net.dtype)
    stepper = net.trainer(m)
    times = []
    # the same thread count the run starts with (it may move to more where they pay)
    with blas.TrainingPool(1):
        for k in range(batches + 1):
            t = time.perf_counter()
            x = augment(X, rng) if augment is not None else X
            stepper.step(x, Y, settings.get("eta", 0.1) * 1e-3, settings.get("lmbda", 0.0),
                         10_000, settings.get("momentum", 0.0))
            if k:
                times.append(time.perf_counter() - t)
        test = rng.random((images, sizes[0]), dtype=np.float32)
        t = time.perf_counter()
        net.cost(test, one_hot(rng.integers(0, sizes[-1], images), sizes[-1], net.dtype))
        net.predict(test)
        image_seconds = (time.perf_counter() - t) / images
    return Measurement(statistics.median(times), m, image_seconds)


def estimate(measurement, training_size, epochs, evaluation_images=EVALUATION_IMAGES):
    """The expected duration of ``epochs`` epochs on ``training_size`` images, each followed by
    the evaluation of ``evaluation_images`` images, from a :class:`Measurement`."""
    batches = math.ceil(int(training_size) / measurement.batch_size)
    epoch = batches * measurement.batch_seconds + evaluation_images * measurement.image_seconds
    return Estimate(epoch_seconds=epoch, total_seconds=epoch * int(epochs), epochs=int(epochs))


def remaining(epoch_seconds, epochs_left):
    """Seconds left once some epochs are done, from their wall times ``epoch_seconds`` (the
    median of the last three, so one epoch slowed by another program does not swing it)."""
    if not epoch_seconds:
        raise ValueError("no epoch has finished yet: use estimate() before the first")
    return statistics.median(list(epoch_seconds)[-3:]) * max(0, int(epochs_left))
