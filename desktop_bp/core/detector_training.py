"""Train the non-digit detector that ships as ``resources/nondigit_detector.npz``.

    python -m desktop_bp.core.detector_training --data MNIST_FOLDER --out resources/nondigit_detector.npz

Class 0 ("digit"): MNIST training images as they are, and MNIST training images redrawn as canvas
drawings (:func:`desktop_bp.core.drawn.redraw`) and preprocessed like every drawing. Class 1 ("not
a digit"): letters, scribbles and shapes from :mod:`desktop_bp.core.nondigits` (seed
:data:`TRAIN_SEED`), preprocessed the same way, and pairs of MNIST digits drawn together. The
network is trained by the app's own :func:`desktop_bp.core.training.train`, with random affine
distortions. The two thresholds are then set on *validation* digits redrawn with another seed
(:data:`CALIBRATION_SEED`): ``reject`` so that :data:`TARGET_REJECTED` of real digits are called
"not a digit", ``unsure`` so that :data:`TARGET_UNSURE` more are called "not sure". The measured
rates (``desktop-bp bench --drawn``) use yet another seed for the non-digits
(``desktop_bp.bench.NONDIGIT_BENCH_SEED``), never one used here.

Drawings are made on a 112-pixel canvas here, to keep the run to a few minutes; the
preprocessing makes a 28x28 input of any canvas size alike.
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np

TRAIN_SEED = 1001
CALIBRATION_SEED = 1002
HIDDEN = 128
EPOCHS = 16
NONDIGITS = 24000
TARGET_REJECTED = 0.005
TARGET_UNSURE = 0.005
CANVAS = 112


def preprocessed(images):
    """Canvas images -> (n, 784) float32 inputs (blank ones dropped)."""
    from desktop_bp.core.preprocess import to_mnist_batch

    return to_mnist_batch(images)[0]


def redrawn_digits(images, seed, canvas=CANVAS):
    """MNIST images (n, 784) -> the same digits redrawn on a canvas and preprocessed (n', 784)."""
    from desktop_bp.core.drawn import redraw

    rng = np.random.default_rng(seed)
    return preprocessed([redraw(x, rng, canvas=canvas) for x in images])


def nondigit_inputs(n, seed, canvas=CANVAS):
    """``n`` generated non-digits, preprocessed -> (n', 784)."""
    from desktop_bp.core.nondigits import nondigit_set

    return preprocessed(nondigit_set(n, seed, canvas=canvas)[0])


def digit_unions(images, n, seed):
    from desktop_bp.core.nondigits import digit_union

    rng = np.random.default_rng(seed)
    rows = rng.integers(0, len(images), (n, 2))
    return np.stack([digit_union(images[i], images[j], rng) for i, j in rows]).astype(np.float32)


def build_training_set(training_images, *, n_plain=20000, n_redrawn=8000, n_nondigits=NONDIGITS,
                       n_unions=4000, seed=TRAIN_SEED, say=print):
    """-> (X, y): y = 0 for digits, 1 for non-digits, shuffled."""
    rng = np.random.default_rng(seed)
    pick = rng.permutation(len(training_images))
    plain = np.asarray(training_images[pick[:n_plain]], dtype=np.float32)
    t = time.perf_counter()
    redrawn = redrawn_digits(training_images[pick[n_plain:n_plain + n_redrawn]], seed)
    say(f"  {len(redrawn):,} redrawn digits ({time.perf_counter() - t:.0f} s)")
    t = time.perf_counter()
    others = nondigit_inputs(n_nondigits, seed)
    say(f"  {len(others):,} letters, scribbles and shapes ({time.perf_counter() - t:.0f} s)")
    unions = digit_unions(training_images, n_unions, seed)
    X = np.concatenate([plain, redrawn, others, unions])
    y = np.concatenate([np.zeros(len(plain) + len(redrawn), np.int64),
                        np.ones(len(others) + len(unions), np.int64)])
    order = rng.permutation(len(y))
    return X[order], y[order]


def train_detector(X, y, *, epochs=EPOCHS, hidden=HIDDEN, seed=TRAIN_SEED, say=print):
    """Train a 784-HIDDEN-2 ReLU/softmax network on (X, y) -> Network."""
    from desktop_bp.core.augment import random_affine
    from desktop_bp.core.network import Network
    from desktop_bp.core.training import EpochEvent, train

    net = Network([784, hidden, 2], activation="relu", cost="log-likelihood", init="scaled",
                  seed=seed)

    def augment(images, rng):
        return random_affine(images, rng, max_shift=1.5, max_rotation=10, max_shear=0.1)

    for event in train(net, (X, y), epochs=epochs, batch_size=64, eta=0.05, momentum=0.9,
                       eta_decay=0.85, seed=seed, augment=augment, send_weights=False):
        if isinstance(event, EpochEvent):
            say(f"  epoch {event.epoch + 1}: cost {event.training_cost:.4f}")
    return net


def calibrate(detector_net, digits):
    """Thresholds from digit inputs (n, 784): (reject, unsure)."""
    from desktop_bp.core.confidence import Detector

    scores = np.sort(Detector(detector_net).scores(digits))
    reject = float(np.quantile(scores, 1 - TARGET_REJECTED))
    unsure = float(np.quantile(scores, 1 - TARGET_REJECTED - TARGET_UNSURE))
    # never call a drawing "not a digit" unless the detector leans that way
    return max(reject, 0.5), max(min(unsure, reject), 0.2)


def main(argv=None):
    from desktop_bp.core.mnist import load_mnist
    from desktop_bp.core.persistence import save_model

    p = argparse.ArgumentParser(description="Train the non-digit detector.")
    p.add_argument("--data", help="the MNIST folder (default: as desktop-bp finds it)")
    p.add_argument("--out", required=True, help="the .npz file to write")
    p.add_argument("--epochs", type=int, default=EPOCHS)
    p.add_argument("--hidden", type=int, default=HIDDEN, help="hidden neurons")
    p.add_argument("--nondigits", type=int, default=NONDIGITS,
                   help="generated letters, scribbles and shapes to train on")
    args = p.parse_args(argv)
    training, validation, _ = load_mnist(args.data)
    print("Making the training set ...", flush=True)
    X, y = build_training_set(training[0], n_nondigits=args.nondigits,
                              say=lambda *a: print(*a, flush=True))
    print(f"Training on {len(y):,} inputs ({int(y.sum()):,} non-digits) ...", flush=True)
    net = train_detector(X, y, epochs=args.epochs, hidden=args.hidden, say=lambda *a: print(*a, flush=True))
    # calibrate the weights as they will be stored (float16), read back as float32
    net = net.copy(np.float16).copy(np.float32)
    calibration = redrawn_digits(validation[0][:5000], CALIBRATION_SEED)
    reject, unsure = calibrate(net, np.concatenate([calibration, validation[0][5000:]]))
    print(f"Thresholds: not a digit from {reject:.4f}, not sure from {unsure:.4f}")
    save_model(args.out, net.copy(np.float16), metadata={
        "detector": {"reject": reject, "unsure": unsure, "train_seed": TRAIN_SEED,
                     "calibration_seed": CALIBRATION_SEED},
        "description": "non-digit detector: output 1 is the probability of 'not a digit'",
        "command": "python -m desktop_bp.core.detector_training --out resources/nondigit_detector.npz"})
    print(f"Saved {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
