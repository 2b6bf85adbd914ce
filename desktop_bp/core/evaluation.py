"""Where does a network fail? Accuracy, cost, per-digit precision and recall, the confusion
matrix, and for every cell the images that landed there, the most confident mistakes first.

:func:`evaluate_network` runs the network over an ``(images, labels)`` pair in chunks, calling
``progress(done, total)`` after each chunk and stopping early (returning None) when
``cancelled()`` says so, so a window can run it in a worker thread without freezing.

Conventions: ``confusion[i, j]`` counts images of true digit ``i`` predicted as ``j`` (rows true,
columns predicted). *Precision* of digit ``j``: of the images called ``j``, the share that are
``j`` (column ``j``); *recall* of digit ``i``: of the images of ``i``, the share called ``i``
(row ``i``). A digit never predicted has precision None (0/0), never present recall None.
The *confidence* of a prediction is its top output (a probability for softmax networks, an
activation for sigmoid ones).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from desktop_bp.core.network import one_hot

CHUNK = 2000


@dataclass
class Evaluation:
    """The result of :func:`evaluate_network` on ``n`` images.

    - ``accuracy``, ``cost``: over all images (cost: the network's own cost function, mean);
    - ``confusion``: (k, k) int64, rows true, columns predicted;
    - ``precision``, ``recall``: (k,) float64, NaN where undefined;
    - ``labels``, ``predicted``: (n,) int; ``confidence``: (n,) float64, the top output;
    - ``output_kind``: "probabilities" or "activations".
    """

    accuracy: float
    cost: float
    confusion: np.ndarray
    precision: np.ndarray
    recall: np.ndarray
    labels: np.ndarray
    predicted: np.ndarray
    confidence: np.ndarray
    output_kind: str

    @property
    def count(self):
        return int(len(self.labels))

    def cell(self, true_digit, predicted_digit):
        """Indices of the images of ``true_digit`` predicted as ``predicted_digit``, the most
        confident first (for a wrong cell: the most confident mistakes first)."""
        idx = np.flatnonzero((self.labels == true_digit) & (self.predicted == predicted_digit))
        order = np.argsort(-self.confidence[idx], kind="stable")
        return idx[order]

    def cell_with_confidence(self, true_digit, predicted_digit):
        """``[(index, confidence), ...]`` of :meth:`cell`."""
        return [(int(i), float(self.confidence[i])) for i in self.cell(true_digit, predicted_digit)]

    def mistakes(self, limit=None):
        """Indices of all wrongly predicted images, the most confident first."""
        idx = np.flatnonzero(self.labels != self.predicted)
        idx = idx[np.argsort(-self.confidence[idx], kind="stable")]
        return idx if limit is None else idx[:limit]

    def summary(self, mistakes=20):
        """A small JSON-friendly dict to keep in a model file's metadata (under
        ``metadata["evaluation"][name]``): counts, accuracy, cost, precision, recall, the
        confusion matrix and the ``mistakes`` most confident mistakes (index, true, predicted,
        confidence). About 2 KB; the per-image arrays are not kept."""
        def clean(values):
            return [None if not np.isfinite(v) else round(float(v), 6) for v in values]

        return {"count": self.count, "accuracy": round(float(self.accuracy), 6),
                "cost": None if not np.isfinite(self.cost) else round(float(self.cost), 6),
                "output_kind": self.output_kind,
                "confusion": self.confusion.astype(int).tolist(),
                "precision": clean(self.precision), "recall": clean(self.recall),
                "top_mistakes": [[int(i), int(self.labels[i]), int(self.predicted[i]),
                                  round(float(self.confidence[i]), 4)]
                                 for i in self.mistakes(mistakes)]}


def precision_recall(confusion):
    """(k, k) confusion matrix -> (precision, recall), each (k,) with NaN for 0/0."""
    confusion = np.asarray(confusion, dtype=np.float64)
    hits = np.diag(confusion)
    with np.errstate(invalid="ignore", divide="ignore"):
        precision = hits / confusion.sum(axis=0)
        recall = hits / confusion.sum(axis=1)
    return precision, recall


def evaluate_network(net, images, labels, *, chunk=CHUNK, progress=None, cancelled=None):
    """Evaluate ``net`` on images (n, n_in) with labels (n,) -> :class:`Evaluation`, or None
    when ``cancelled()`` returned True between two chunks. Raises ValueError for data the network
    cannot take (wrong width, labels out of range, no images)."""
    from desktop_bp.core.confidence import output_kind
    from desktop_bp.core.training import check_data

    labels = np.asarray(labels).astype(np.int64)
    check_data(net, (images, labels), "evaluation")
    n, k = len(labels), net.sizes[-1]
    if n == 0:
        raise ValueError("there are no images to evaluate")
    predicted = np.empty(n, np.int64)
    confidence = np.empty(n, np.float64)
    total_cost = 0.0
    for lo in range(0, n, chunk):
        if cancelled is not None and cancelled():
            return None
        hi = min(lo + chunk, n)
        X = np.asarray(images[lo:hi], dtype=net.dtype)
        zs, activations = net.forward(X)
        out = activations[-1]
        predicted[lo:hi] = np.argmax(out, axis=1)
        confidence[lo:hi] = out.max(axis=1)
        Y = one_hot(labels[lo:hi], k, net.dtype)
        total_cost += float(net.cost(X, Y)) * (hi - lo)
        if progress is not None:
            progress(hi, n)
    confusion = np.zeros((k, k), np.int64)
    np.add.at(confusion, (labels, predicted), 1)
    precision, recall = precision_recall(confusion)
    return Evaluation(accuracy=float(np.mean(predicted == labels)), cost=total_cost / n,
                      confusion=confusion, precision=precision, recall=recall, labels=labels,
                      predicted=predicted, confidence=confidence, output_kind=output_kind(net))


def store_summary(net, name, evaluation, mistakes=20):
    """Put ``evaluation``'s summary in ``net.metadata["evaluation"][name]`` (e.g. "test",
    "validation"), where :func:`desktop_bp.core.persistence.save_model` writes it."""
    stored = dict(net.metadata.get("evaluation") or {})
    stored[name] = evaluation.summary(mistakes)
    net.metadata["evaluation"] = stored
    return stored[name]


def stored_summary(net, name="test"):
    """The summary stored by :func:`store_summary` (after loading a model file), or None when
    there is none or it is malformed (model files are shared: nothing in one is trusted)."""
    stored = net.metadata.get("evaluation")
    entry = stored.get(name) if isinstance(stored, dict) else None
    if not isinstance(entry, dict):
        return None
    try:
        matrix = np.asarray(entry.get("confusion"), dtype=np.int64)
        k = matrix.shape[0]
        ok = (matrix.ndim == 2 and matrix.shape == (k, k) and k >= 1 and (matrix >= 0).all()
              and _number(entry.get("accuracy")) and isinstance(entry.get("count"), int)
              and (entry.get("cost") is None or _number(entry.get("cost")))
              and all(isinstance(entry.get(key), list) and len(entry[key]) == k
                      and all(v is None or _number(v) for v in entry[key])
                      for key in ("precision", "recall")))
    except (TypeError, ValueError, OverflowError):
        return None
    return entry if ok else None


def recorded_accuracy(net, name="test"):
    """The accuracy on the set ``name`` ("test", "validation") that training recorded in
    ``net.metadata`` (``test_accuracy``, ``validation_accuracy``: a fraction in [0, 1]), or None
    when there is none or it is not a usable number."""
    value = (net.metadata or {}).get(f"{name}_accuracy")
    return float(value) if _number(value) and 0 <= value <= 1 else None


def _number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and np.isfinite(value)
