"""BLAS thread pools, chosen deliberately.

NumPy's matrix products run in a BLAS library (OpenBLAS in NumPy's wheels), which keeps its own
pool of threads, by default one per core. A pooled product hands its parts to the other threads
and waits for all of them. On an idle machine that pays for large products; on a desktop where
a browser, an editor or this app's own window hold cores, the waiting thread spins for a core
that is busy elsewhere, and a product that takes 10 ms on one thread can take 80. Small products
(one drawing, the book's mini-batches of 10) gain nothing from the pool even on an idle machine.

What this module decides, for the whole process. OpenBLAS has ONE pool per process: a limit set
from any thread holds for every thread. So the pool's size is kept in one place, here:

- **Small work** (preprocessing a drawing, one prediction, a heatmap) runs inside
  :func:`single_threaded`. While any thread is inside it, the pool is limited to one thread, so
  the window's work never waits on the pool, nor on a product of the training thread that holds
  it (a pooled product from a second thread queues behind the first).
- **Training** asks for a size through :class:`TrainingPool` (see :func:`training_threads` for
  the ceiling and :class:`ThreadChooser` for the choice: the loop times its own mini-batches on
  one thread and on the ceiling and keeps the faster). While small work runs, training's
  products run on one thread too: small work is short, and this keeps one rule for one pool.
- Otherwise the pool keeps the size it had when this module first changed it.

Setting OpenBLAS's size only writes a number that each product reads when it starts (its
threads stay alive), so changing it while another thread multiplies is safe and costs about a
microsecond. Nothing else in the program should change the pool (threadpoolctl's own
``threadpool_limits`` included): this module's lock is what keeps the holders consistent.
Without a BLAS that threadpoolctl can control, everything here does nothing.
"""

from __future__ import annotations

import os
import statistics
import threading
import time
from contextlib import contextmanager

import numpy as np

#: A mini-batch whose largest product has fewer multiply-adds than this runs on one thread:
#: splitting it costs more in hand-over than it saves (the book network's 10 x 784 x 30 is
#: 235,000; the best preset's 128 x 784 x 1024 is 103 million).
LARGE_PRODUCT = 4_000_000

_lock = threading.RLock()
_state = {"libraries": None, "original": None, "small": 0, "training": [], "spare": False}


def _libraries():
    """threadpoolctl's controllers of the loaded BLAS libraries (found once; NumPy, imported
    above, has loaded the one it links)."""
    if _state["libraries"] is None:
        try:
            from threadpoolctl import ThreadpoolController

            libraries = ThreadpoolController().select(user_api="blas").lib_controllers
        except Exception:       # noqa: BLE001 - no controllable BLAS: threads stay as they are
            libraries = []
        _state["libraries"] = libraries
        _state["original"] = [lib.get_num_threads() for lib in libraries]
    return _state["libraries"]


def _apply():
    """Give the pool the size the current holders want (call with the lock held)."""
    libraries = _libraries()
    for lib, original in zip(libraries, _state["original"]):
        if _state["small"]:
            wanted = 1
        elif _state["training"]:
            wanted = _state["training"][-1].threads
            if _state["spare"]:
                wanted = max(1, min(wanted, usable_cores() - 1))
        else:
            wanted = original
        if lib.get_num_threads() != wanted:
            # threadpoolctl (3.6 and later) lets only one Python thread change OpenBLAS's
            # pool and silently ignores the others; this module is the one place that
            # changes it, under its lock, from whichever thread needs it
            clear = getattr(type(lib), "clear_controlling_thread", None)
            if clear is not None:
                clear(force=True)
            lib.set_num_threads(wanted)


def current_threads():
    """The pool's size now (the first BLAS library's), or None without a controllable BLAS."""
    with _lock:
        libraries = _libraries()
        return libraries[0].get_num_threads() if libraries else None


@contextmanager
def single_threaded():
    """Run the enclosed small work with BLAS on one thread, whichever thread it runs in.

    Nested and concurrent uses are fine; the pool gets its size back when the last one ends.
    Costs about 10 microseconds."""
    with _lock:
        _state["small"] += 1
        _apply()
    try:
        yield
    finally:
        with _lock:
            _state["small"] -= 1
            _apply()


def spare_a_core(spare=True):
    """While ``spare`` holds, training leaves one core to the rest of the program: a person
    drawing on the canvas needs the window's thread to run at once, and with every core in a
    product of the training thread it waits for the scheduler's next turn (several
    milliseconds each time). Set it back to False when the need is over."""
    with _lock:
        _state["spare"] = bool(spare)
        _apply()


class TrainingPool:
    """The pool size a training run asks for, while it is open (a context manager).

    ``set(threads)`` changes it; small work in :func:`single_threaded` still takes precedence.
    If two runs are open at once, the later one's size holds."""

    def __init__(self, threads=1):
        self.threads = max(1, int(threads))

    def __enter__(self):
        with _lock:
            _state["training"].append(self)
            _apply()
        return self

    def __exit__(self, *exc):
        with _lock:
            if self in _state["training"]:
                _state["training"].remove(self)
            _apply()
        return False

    def set(self, threads):
        threads = max(1, int(threads))
        if threads != self.threads:
            with _lock:
                self.threads = threads
                _apply()


def usable_cores():
    """The cores this process may run on (its CPU affinity where the system tells it)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _busy_from_proc_stat(seconds):
    """Cores busy over the next ``seconds``, from the kernel's CPU counters (Linux), or None."""
    def sample():
        with open("/proc/stat") as fh:
            values = [int(v) for v in fh.readline().split()[1:]]
        idle = values[3] + (values[4] if len(values) > 4 else 0)      # idle + iowait
        return sum(values[:8]), idle

    try:
        total0, idle0 = sample()
        time.sleep(seconds)
        total1, idle1 = sample()
    except (OSError, ValueError, IndexError):
        return None
    if total1 <= total0:
        return None
    return (os.cpu_count() or 1) * (1.0 - (idle1 - idle0) / (total1 - total0))


def free_cores(sample_seconds=0.05):
    """How many of :func:`usable_cores` are free right now (at least 1).

    What other programs hold is measured over ``sample_seconds`` from the kernel's counters
    (Linux), or else read from the 1-minute load average. Both see a moment or a minute, not
    the future: :class:`ThreadChooser` checks the choice against the loop's own timings."""
    usable = usable_cores()
    busy = _busy_from_proc_stat(sample_seconds) if sample_seconds > 0 else None
    if busy is None:
        try:
            busy = os.getloadavg()[0]
        except (AttributeError, OSError):
            busy = 0.0
    return max(1, min(usable, usable - int(round(busy))))


def training_threads(sizes, batch_size, free=None):
    """The most BLAS threads a run of a network with layer ``sizes`` at ``batch_size`` should
    use: 1 when its largest product is small (below :data:`LARGE_PRODUCT` multiply-adds), else
    the free cores (``free``, default :func:`free_cores`). :class:`ThreadChooser` then keeps
    more than one only where the loop measures that they pay."""
    largest = max(int(batch_size) * a * b for a, b in zip(sizes[:-1], sizes[1:]))
    if largest < LARGE_PRODUCT:
        return 1
    return max(1, free_cores() if free is None else int(free))


class ThreadChooser:
    """Chooses between one BLAS thread and ``most`` by timing the loop's own mini-batches.

    Call :meth:`tick` once per mini-batch, before it starts; it returns the thread count for
    that mini-batch. It times ``probe`` mini-batches on one thread, then ``probe`` on ``most``
    (stopping early when one of those takes more than twice the single thread's median), and
    keeps ``most`` only if its median is ``margin`` times faster. Every ``recheck`` seconds it
    tries the other count again against the latest timings of the current one, since a machine's
    load comes and goes. ``most == 1`` never probes."""

    def __init__(self, most, *, probe=5, margin=1.1, recheck=20.0, clock=time.perf_counter):
        self.most = max(1, int(most))
        self.probe, self.margin, self.recheck, self.clock = probe, margin, recheck, clock
        self.threads = 1
        self._last = None                   # when the previous mini-batch started
        self._times = {1: [], self.most: []}
        self._trying = self.most if self.most > 1 else None   # the count being tried
        self._skip = 1                      # mini-batches not timed after a change (warm-up)
        self._decided_at = None
        self.decisions = []                 # (threads chosen, median 1, median most), in order

    @classmethod
    def fixed(cls, threads):
        """A chooser that always answers ``threads`` and never probes."""
        chooser = cls(1)
        chooser.threads = max(1, int(threads))
        return chooser

    def tick(self):
        now = self.clock()
        if self._last is not None:
            self._record(now - self._last)
        self._last = now
        return self.threads

    def pause(self):
        """Forget the running mini-batch (time spent paused or evaluating is not its time)."""
        self._last = None

    def _record(self, seconds):
        if self.most == 1:
            return
        if self._skip:
            self._skip -= 1
            return
        times = self._times[self.threads]
        times.append(seconds)
        del times[:-self.probe]
        if self._trying is None:        # running on the choice: recheck now and then
            if self.clock() - self._decided_at >= self.recheck and len(times) >= self.probe:
                self._trying = 1 if self.threads == self.most else self.most
                self._switch(self._trying, clear=True)
            return
        if self._trying != self.threads:
            # the first probe: measure the single thread (or the current choice) first
            if len(times) >= self.probe:
                self._switch(self._trying, clear=True)
            return
        other = 1 if self.threads == self.most else self.most
        reference = statistics.median(self._times[other]) if self._times[other] else None
        if reference is not None and seconds > 2.0 * reference:
            self._decide()              # clearly worse: no need for the whole probe
        elif len(times) >= self.probe:
            self._decide()

    def _switch(self, threads, clear=False):
        self.threads = threads
        if clear:
            self._times[threads] = []
        self._skip = 1

    def _decide(self):
        one = statistics.median(self._times[1]) if self._times[1] else float("inf")
        many = statistics.median(self._times[self.most]) if self._times[self.most] else float("inf")
        choice = self.most if many * self.margin < one else 1
        self.decisions.append((choice, one, many))
        self._trying = None
        self._decided_at = self.clock()
        if choice != self.threads:
            self._switch(choice)


# -- a product that adds into its result ------------------------------------------------------
#
# NumPy's matmul always writes a new result; BLAS's gemm computes C = alpha A B + beta C in one
# pass. Momentum SGD needs exactly that: v -> mu v - eta dC/dw, where eta dC/dw is BP4's product.
# Through NumPy it is a product into a buffer and two more passes over the velocity (5 MB for the
# best preset's first layer, several times per mini-batch: about a fifth of its step); through
# gemm the passes go away. The library is the one NumPy multiplies with (threadpoolctl says
# where it is), so the thread pool above governs it too.

_GEMM = {"loaded": False, "functions": {}}

_ROW_MAJOR, _NO_TRANS, _TRANS = 101, 111, 112


def _load_gemm():
    """ctypes functions cblas_sgemm/cblas_dgemm of NumPy's OpenBLAS, or {} when there is none
    (another BLAS, a build without these names): everything then goes through NumPy."""
    import ctypes

    functions = {}
    for lib in _libraries():
        if getattr(lib, "internal_api", "") != "openblas":
            continue
        try:
            handle = ctypes.CDLL(lib.filepath)
        except OSError:
            continue
        # NumPy's wheels: scipy-openblas with 64-bit integers (symbols ending in 64_), older
        # wheels and distributions: plain or 64_ names; the integer type follows the suffix
        for prefix in ("scipy_cblas_", "cblas_"):
            for suffix, int_type in (("64_", ctypes.c_int64), ("", ctypes.c_int32)):
                found = {}
                for letter, real, dtype in (("s", ctypes.c_float, np.float32),
                                            ("d", ctypes.c_double, np.float64)):
                    fn = getattr(handle, f"{prefix}{letter}gemm{suffix}", None)
                    if fn is None:
                        break
                    fn.restype = None
                    fn.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int, int_type, int_type,
                                   int_type, real, ctypes.c_void_p, int_type, ctypes.c_void_p,
                                   int_type, real, ctypes.c_void_p, int_type]
                    found[np.dtype(dtype)] = fn
                if len(found) == 2:
                    functions = found
                    break
            if functions:
                break
        if functions:
            break
    return functions


def _gemm_functions():
    if not _GEMM["loaded"]:
        with _lock:
            if not _GEMM["loaded"]:
                functions = _load_gemm()
                _GEMM["functions"] = functions
                _GEMM["loaded"] = True
                if functions and not _gemm_agrees_with_numpy():
                    _GEMM["functions"] = {}
    return _GEMM["functions"]


def _gemm_agrees_with_numpy():
    rng = np.random.default_rng(0)
    for dtype in (np.float32, np.float64):
        for a_rows in (True, False):
            for b_rows in (True, False):
                a = rng.random((3, 5)).astype(dtype)
                b = rng.random((5, 4)).astype(dtype)
                a = a if a_rows else np.asfortranarray(a)
                b = b if b_rows else np.asfortranarray(b)
                c = rng.random((3, 4)).astype(dtype)
                expected = 0.5 * c - 2.0 * (a @ b)
                if not add_product(-2.0, a, b, 0.5, c) or not np.allclose(c, expected,
                                                                          rtol=1e-5):
                    return False
    return True


def has_add_product():
    """Whether :func:`add_product` runs in BLAS here (else it always answers False)."""
    return bool(_gemm_functions())


def _operand(x):
    """(transpose flag, leading dimension) of a 2-d operand for row-major gemm, or None when
    it is neither C- nor Fortran-contiguous (a transposed view of a C array is Fortran)."""
    if x.flags.c_contiguous:
        return _NO_TRANS, max(1, x.shape[1])
    if x.flags.f_contiguous:
        return _TRANS, max(1, x.shape[0])
    return None


def add_product(alpha, a, b, beta, c):
    """``c = alpha a b + beta c`` in place, in one BLAS call: ``a`` (m, k) and ``b`` (k, n),
    each C-contiguous or a transposed view of a C-contiguous array, and ``c`` (m, n),
    C-contiguous, all of one float dtype. Returns False, changing nothing, when this cannot be
    done here (no such BLAS, other dtypes or layouts): the caller then uses NumPy."""
    fn = _gemm_functions().get(c.dtype)
    if (fn is None or a.dtype != c.dtype or b.dtype != c.dtype or a.ndim != 2 or b.ndim != 2
            or c.ndim != 2 or not (c.flags.c_contiguous and c.flags.writeable)):
        return False
    m, k = a.shape
    n = b.shape[1]
    if b.shape[0] != k or c.shape != (m, n) or min(k, m, n) < 1:
        return False
    op_a, op_b = _operand(a), _operand(b)
    if op_a is None or op_b is None:
        return False
    fn(_ROW_MAJOR, op_a[0], op_b[0], m, n, k, alpha, a.ctypes.data, op_a[1], b.ctypes.data,
       op_b[1], beta, c.ctypes.data, n)
    return True
