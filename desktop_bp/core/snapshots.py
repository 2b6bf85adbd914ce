"""The epoch time machine: the weights of every epoch of a run, within a memory budget.

:class:`EpochSnapshots` keeps read-only copies of a network's weights and biases after each epoch
(``epoch`` 0 = before training, ``k`` = after the k-th epoch), so a slider can replay the run and
training can branch from any kept epoch (:meth:`EpochSnapshots.network_at`).

**The budget.** One snapshot of a network costs its parameter count times the bytes of its dtype
(784-30-10 in float32: 23,860 parameters = 95 KB, so 2,800 epochs fit in 256 MB; 784-1024-512-10:
1.33 million = 5.3 MB, 50 epochs). :meth:`EpochSnapshots.capacity` says how many fit. **Past the
budget** the store thins itself: it keeps every k-th epoch (k = 2, then 4, 8, ... as needed)
plus always the latest, dropping the others, so a long run is still covered end to end at a
coarser step. :attr:`EpochSnapshots.stride` tells the step in force. A network too large for
even one snapshot in the budget keeps none (:meth:`capacity` is 0).

**In a model file.** :func:`save_with_snapshots` writes the kept epochs as extra arrays
``epoch{k}_w{l}``, ``epoch{k}_b{l}`` next to ``w{l}``, ``b{l}``, listed in the metadata entry
``snapshot_epochs``; :func:`load_snapshots` reads them back (validated like the weights
themselves). Files without them load as before.
"""

from __future__ import annotations

import numpy as np

DEFAULT_BUDGET = 256 * 2**20     # bytes
MAX_STORED_EPOCHS = 100_000


def _frozen(a, dtype):
    a = np.array(a, dtype=dtype, copy=True)
    a.flags.writeable = False
    return a


def snapshot_bytes(sizes, dtype=np.float32):
    """Bytes one snapshot of a network of ``sizes`` takes."""
    params = sum((n_in + 1) * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
    return params * np.dtype(dtype).itemsize


class EpochSnapshots:
    """Weights per epoch of one run, within ``budget`` bytes (see the module doc)."""

    def __init__(self, budget=DEFAULT_BUDGET):
        self.budget = int(budget)
        self.stride = 1
        self._kept = {}            # epoch -> (weights tuple, biases tuple)
        self._sizes = None
        self._dtype = None

    def __len__(self):
        return len(self._kept)

    def __repr__(self):
        return (f"EpochSnapshots({len(self)} epochs {self.epochs[:1]}..{self.epochs[-1:]}, "
                f"stride {self.stride}, {self.used_bytes / 2**20:.1f} of "
                f"{self.budget / 2**20:.0f} MB)")

    @property
    def epochs(self):
        """The kept epochs, ascending."""
        return sorted(self._kept)

    @property
    def latest(self):
        return max(self._kept) if self._kept else None

    @property
    def sizes(self):
        """The layer sizes of the network being kept (None before its first epoch)."""
        return None if self._sizes is None else list(self._sizes)

    @property
    def used_bytes(self):
        if self._sizes is None:
            return 0
        return len(self._kept) * snapshot_bytes(self._sizes, self._dtype)

    def capacity(self, sizes=None, dtype=None):
        """How many epochs of a network of ``sizes`` (default: the one being kept) fit."""
        sizes = sizes if sizes is not None else self._sizes
        if sizes is None:
            raise ValueError("no network yet: give its sizes")
        dtype = dtype if dtype is not None else (self._dtype or np.float32)
        return self.budget // snapshot_bytes(sizes, dtype)

    def describe(self, sizes=None, dtype=None):
        """E.g. "2,811 epochs of 784-30-10 (95 KB each) fit in 256 MB"."""
        sizes = sizes if sizes is not None else self._sizes
        dtype = dtype if dtype is not None else (self._dtype or np.float32)
        each = snapshot_bytes(sizes, dtype)
        unit = f"{each / 2**10:.0f} KB" if each < 2**20 else f"{each / 2**20:.1f} MB"
        return (f"{self.capacity(sizes, dtype):,} epochs of {'-'.join(map(str, sizes))} "
                f"({unit} each) fit in {self.budget / 2**20:.0f} MB; past that, every "
                f"k-th epoch and the latest are kept")

    def clear(self):
        self._kept.clear()
        self.stride = 1
        self._sizes = self._dtype = None

    def add(self, epoch, weights, biases):
        """Keep the weights after ``epoch`` (copied, read-only). A network of another shape
        starts the store afresh. Returns False when even one snapshot exceeds the budget."""
        sizes = [np.shape(weights[0])[1]] + [np.shape(w)[0] for w in weights]
        dtype = np.result_type(*weights)
        if sizes != self._sizes or dtype != self._dtype:
            self.clear()
            self._sizes, self._dtype = sizes, np.dtype(dtype)
        capacity = self.capacity()
        if capacity < 1:
            return False
        epoch = int(epoch)
        self._kept[epoch] = (tuple(_frozen(w, dtype) for w in weights),
                             tuple(_frozen(b, dtype) for b in biases))
        while True:
            # only multiples of the stride stay, and the latest epoch, whatever it is
            latest = self.latest
            self._kept = {e: v for e, v in self._kept.items()
                          if e % self.stride == 0 or e == latest}
            if len(self._kept) <= capacity:
                break
            if capacity == 1:
                self._kept = {latest: self._kept[latest]}
                break
            self.stride *= 2
        return True

    def add_network(self, epoch, net):
        return self.add(epoch, net.weights, net.biases)

    def add_event(self, event):
        """Keep an :class:`~desktop_bp.core.training.EpochEvent` 's weights, as epoch
        ``event.epoch + 1`` (the event's epoch is 0-based; epoch 0 here is the start)."""
        if not event.weights:
            raise ValueError("this EpochEvent carries no weights (train with send_weights=True)")
        return self.add(event.epoch + 1, event.weights, event.biases)

    def weights_at(self, epoch):
        """(weights, biases) kept for ``epoch``; KeyError when it was not kept."""
        return self._kept[int(epoch)]

    def nearest(self, epoch):
        """The kept epoch closest to ``epoch`` at or before it (else the first), or None."""
        if not self._kept:
            return None
        before = [e for e in self._kept if e <= epoch]
        return max(before) if before else min(self._kept)

    def network_at(self, epoch, template):
        """A new network shaped like ``template`` holding the weights of ``epoch`` (exactly;
        KeyError when that epoch was not kept: use :meth:`nearest`)."""
        weights, biases = self.weights_at(epoch)
        net = template.copy()
        net.set_parameters(weights, biases)
        return net


def save_with_snapshots(path, net, snapshots, *, metadata=None):
    """Save ``net`` like :func:`~desktop_bp.core.persistence.save_model`, with every epoch kept
    in ``snapshots`` (an :class:`EpochSnapshots`) as extra arrays."""
    from desktop_bp.core.persistence import save_model

    extra = {}
    for epoch in snapshots.epochs:
        weights, biases = snapshots.weights_at(epoch)
        for l, (w, b) in enumerate(zip(weights, biases)):
            extra[f"epoch{epoch}_w{l}"] = np.asarray(w, dtype=net.dtype)
            extra[f"epoch{epoch}_b{l}"] = np.asarray(b, dtype=net.dtype)
    return save_model(path, net, metadata=metadata, extra_arrays=extra,
                      extra_metadata={"snapshot_epochs": snapshots.epochs})


def load_snapshots(path, budget=DEFAULT_BUDGET):
    """The snapshots stored in a model file -> :class:`EpochSnapshots` (empty for a file without
    any). Raises :class:`~desktop_bp.core.persistence.ModelFileError` for a bad file."""
    import zipfile
    from pathlib import Path

    from desktop_bp.core import persistence as p

    path = Path(path)
    net = p.load_model(path)                 # validates the file, its entries and the list
    store = EpochSnapshots(budget)
    epochs = net.metadata.get("snapshot_epochs") or []
    try:
        with zipfile.ZipFile(path) as archive:
            for epoch in epochs:
                layers = range(len(net.sizes) - 1)
                weights = [p._read_parameter(path, archive, net.sizes, l, "weights",
                                             prefix=f"epoch{epoch}_") for l in layers]
                biases = [p._read_parameter(path, archive, net.sizes, l, "biases",
                                            prefix=f"epoch{epoch}_") for l in layers]
                store.add(epoch, weights, biases)
    except p.ModelFileError:
        raise
    except Exception as exc:
        raise p.ModelFileError(path, f"damaged epoch snapshots ({type(exc).__name__}: {exc})",
                               kind="damaged")
    return store
