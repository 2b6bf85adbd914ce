"""What a trained network gets right and wrong on a labelled set.

:func:`predictions` runs the network over a whole ``(images, labels)`` pair in batches;
:func:`confusion_matrix` counts (true digit, predicted digit) pairs; :func:`misread` lists the
images whose predicted digit is wrong, so a viewer can open them from a confusion-matrix cell.
"""

from __future__ import annotations

import numpy as np


def predictions(net, images, batch_size=5000):
    """(n, 784) images -> (n,) predicted digits and (n, n_out) output activations."""
    outputs = np.concatenate([net.feedforward(images[i:i + batch_size])
                              for i in range(0, len(images), batch_size)]) if len(images) else \
        np.zeros((0, net.sizes[-1]), dtype=net.dtype)
    return np.argmax(outputs, axis=1), outputs


def confusion_matrix(labels, predicted, n_classes=10):
    """(n_classes, n_classes) counts: row = true digit, column = predicted digit."""
    matrix = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(matrix, (np.asarray(labels), np.asarray(predicted)), 1)
    return matrix


def misread(labels, predicted, true_digit=None, predicted_digit=None):
    """Indices of the wrongly predicted samples, optionally only those of one confusion-matrix
    cell (``true_digit`` read as ``predicted_digit``)."""
    labels, predicted = np.asarray(labels), np.asarray(predicted)
    wrong = labels != predicted
    if true_digit is not None:
        wrong &= labels == true_digit
    if predicted_digit is not None:
        wrong &= predicted == predicted_digit
    return np.flatnonzero(wrong)
