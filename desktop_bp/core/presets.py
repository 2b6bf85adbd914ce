"""Named training set-ups: the book's networks, its two learning-rate warnings, and our best.

Each preset is a plain dict of the keywords that build a :class:`~desktop_bp.core.network.Network`
(``sizes``, ``activation``, ``cost``, ``init``) and those that :func:`~desktop_bp.core.training.train`
takes (``eta``, ``batch_size``, ``epochs``, ``lmbda``, ``momentum``, ``eta_decay``), plus
``augment`` (the name of an augmentation in :mod:`desktop_bp.core.augment`, or None), a
``description`` and, where the starting weights decide the outcome, a default ``seed``.

Descriptions say what a run does, never how long it takes: that depends on the machine and on
what else runs on it, and :mod:`desktop_bp.core.estimate` measures it here.
"""

from __future__ import annotations

from copy import deepcopy

_BOOK = {
    "sizes": [784, 30, 10], "activation": "sigmoid", "cost": "quadratic", "init": "standard",
    "eta": 3.0, "batch_size": 10, "epochs": 30, "lmbda": 0.0, "momentum": 0.0,
    "eta_decay": 1.0, "augment": None,
}

PRESETS = {
    "book": dict(_BOOK, description=(
        "Chapter 1's network: 784-30-10 sigmoid neurons, quadratic cost, eta = 3.0, "
        "mini-batches of 10, 30 epochs (the book's best: 95.42%). Without a seed every run "
        "starts from other random weights; now and then saturated output neurons hold one "
        "below 85% for an epoch or more: chapter 3's slow learning.")),
    "book-100": dict(_BOOK, sizes=[784, 100, 10], seed=2, description=(
        "The same with 100 hidden neurons (the book: 96.59%). With N(0, 1) weights many output "
        "neurons start saturated, and from some starting weights they never recover: the run "
        "sticks at 70-85% (seeds 0, 1, 3). Seed 2 reproduces the book; chapter 3's cure is the "
        "'improved' preset.")),
    "improved": dict(_BOOK, sizes=[784, 100, 10], cost="cross-entropy", init="scaled", eta=0.1,
                     lmbda=5.0, epochs=60, description=(
        "Chapter 3's network: cross-entropy cost, weights N(0, 1/n_in), L2 regularisation "
        "lambda = 5.0, eta = 0.1, 60 epochs (the book: 98.04%).")),
    "best": {
        "sizes": [784, 1024, 512, 10], "activation": "relu", "cost": "log-likelihood",
        "init": "scaled", "eta": 0.1, "batch_size": 128, "epochs": 20, "lmbda": 0.0,
        "momentum": 0.9, "eta_decay": 0.87, "augment": "affine",
        "description": ("The most accurate network here: two ReLU hidden layers of 1024 and 512 "
                        "neurons, softmax output, momentum 0.9, an eta that decays each epoch, and "
                        "randomly distorted training images, for 20 epochs. By far the heaviest "
                        "preset: each epoch multiplies about 65 times as many numbers as one of "
                        "the book network's."),
    },
    "slow-eta": dict(_BOOK, eta=0.001, description=(
        "The book's warning: eta = 0.001 is far too small; after 30 epochs the network is still "
        "far from 90%.")),
    "diverging-eta": dict(_BOOK, eta=100.0, description=(
        "The book's other warning: eta = 100 is far too large; the steps overshoot and the "
        "accuracy stays near chance.")),
}

NETWORK_KEYS = ("sizes", "activation", "cost", "init")
TRAINING_KEYS = ("eta", "batch_size", "epochs", "lmbda", "momentum", "eta_decay")


def preset(name):
    """A copy of the named preset (KeyError with the known names if there is none)."""
    try:
        return deepcopy(PRESETS[name])
    except KeyError:
        raise KeyError(f"no preset {name!r}; the presets are {', '.join(PRESETS)}") from None
