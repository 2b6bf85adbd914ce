"""BLAS thread pools: one owner for the process, small work on one thread (no Qt)."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from desktop_bp.core import blas
from desktop_bp.core.network import Network, one_hot
from desktop_bp.core.training import EpochEvent, train

needs_blas = pytest.mark.skipif(blas.current_threads() is None,
                                reason="no BLAS library that threadpoolctl can control")


@pytest.fixture
def pool_of_two():
    """The pool at two threads for the test (whatever the machine has), restored after."""
    libraries = blas._libraries()
    saved = list(blas._state["original"])
    blas._state["original"] = [2] * len(libraries)
    with blas._lock:
        blas._apply()
    yield
    blas._state["original"] = saved
    with blas._lock:
        blas._apply()


@needs_blas
def test_single_threaded_limits_the_pool_and_gives_it_back(pool_of_two):
    assert blas.current_threads() == 2
    with blas.single_threaded():
        assert blas.current_threads() == 1
        with blas.single_threaded():            # nested
            assert blas.current_threads() == 1
        assert blas.current_threads() == 1
    assert blas.current_threads() == 2


@needs_blas
def test_small_work_in_another_thread_takes_precedence_over_training(pool_of_two):
    inside, leave = threading.Event(), threading.Event()

    def small_work():
        with blas.single_threaded():
            inside.set()
            leave.wait(10)

    with blas.TrainingPool(2) as pool:
        assert blas.current_threads() == 2
        worker = threading.Thread(target=small_work)
        worker.start()
        assert inside.wait(10)
        assert blas.current_threads() == 1      # while the window predicts, one thread
        pool.set(2)
        assert blas.current_threads() == 1
        leave.set()
        worker.join()
        assert blas.current_threads() == 2      # training's choice again
        pool.set(1)
        assert blas.current_threads() == 1
    assert blas.current_threads() == 2          # the pool's own size once training ends


@needs_blas
def test_a_spared_core_leaves_training_one_thread_fewer_while_asked(pool_of_two, monkeypatch):
    monkeypatch.setattr(blas, "usable_cores", lambda: 2)
    try:
        with blas.TrainingPool(2):
            assert blas.current_threads() == 2
            blas.spare_a_core()                 # the person puts the pen on the canvas
            assert blas.current_threads() == 1
            blas.spare_a_core(False)            # and lifts it
            assert blas.current_threads() == 2
            blas.spare_a_core()
        assert blas.current_threads() == 2      # no training: the pool's own size
    finally:
        blas.spare_a_core(False)


def test_training_threads_are_one_for_small_products_and_the_free_cores_for_large():
    assert blas.training_threads([784, 30, 10], 10, free=4) == 1
    assert blas.training_threads([784, 100, 10], 10, free=4) == 1
    assert blas.training_threads([784, 1024, 512, 10], 128, free=1) == 1
    assert blas.training_threads([784, 1024, 512, 10], 128, free=2) == 2


def test_free_cores_is_between_one_and_the_usable_cores():
    assert 1 <= blas.free_cores(0.01) <= blas.usable_cores()
    assert 1 <= blas.free_cores(0) <= blas.usable_cores()      # from the load average


class FakeClock:
    """A clock whose mini-batches take what the test says they take, per thread count."""

    def __init__(self, seconds_for):
        self.now = 0.0
        self.seconds_for = seconds_for

    def __call__(self):
        return self.now


def run(chooser, clock, batches):
    used = []
    for _ in range(batches):
        threads = chooser.tick()
        used.append(threads)
        clock.now += clock.seconds_for(threads, clock.now)
    return used


def test_the_chooser_keeps_more_threads_only_when_they_pay():
    clock = FakeClock(lambda threads, now: 0.010 if threads == 1 else 0.006)
    chooser = blas.ThreadChooser(2, probe=4, clock=clock, recheck=1e9)
    used = run(chooser, clock, 40)
    assert used[:5] == [1] * 5                  # the single thread is measured first
    assert used[-20:] == [2] * 20
    assert chooser.decisions[0][0] == 2
    assert chooser.decisions[0][1:] == pytest.approx((0.010, 0.006))


def test_the_chooser_drops_threads_that_wait_for_busy_cores_after_one_slow_batch():
    clock = FakeClock(lambda threads, now: 0.010 if threads == 1 else 0.080)
    chooser = blas.ThreadChooser(2, probe=4, clock=clock, recheck=1e9)
    used = run(chooser, clock, 30)
    assert used.count(2) <= 2                   # the warm-up batch and one timed one
    assert used[-20:] == [1] * 20
    assert chooser.decisions == [(1, pytest.approx(0.010), pytest.approx(0.080))]


def test_the_chooser_checks_again_when_the_load_changes():
    # two threads pay for the first 2 seconds, then another program takes a core
    clock = FakeClock(lambda threads, now: 0.010 if threads == 1 else
                      (0.006 if now < 2.0 else 0.050))
    chooser = blas.ThreadChooser(2, probe=4, clock=clock, recheck=1.0)
    used = run(chooser, clock, 600)
    assert used[20] == 2
    assert used[-50:] == [1] * 50
    assert [d[0] for d in chooser.decisions][:1] == [2] and chooser.decisions[-1][0] == 1


def test_a_chooser_of_one_thread_never_probes():
    clock = FakeClock(lambda threads, now: 0.01)
    chooser = blas.ThreadChooser(1, clock=clock)
    assert set(run(chooser, clock, 50)) == {1} and chooser.decisions == []


@needs_blas
@pytest.mark.parametrize("threads", [None, 1, 2])
def test_training_gives_the_same_result_whatever_the_threads(threads):
    rng = np.random.default_rng(0)
    images = rng.random((5000, 784), dtype=np.float32)
    labels = rng.integers(0, 10, 5000)
    nets = []
    for t in (1, threads):
        net = Network([784, 32, 10], seed=0)
        for event in train(net, (images, labels), epochs=1, batch_size=50, eta=0.5, seed=0,
                           blas_threads=t):
            pass
        nets.append(net)
    for a, b in zip(nets[0].weights, nets[1].weights):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5)
    assert blas.current_threads() == blas._state["original"][0]    # given back at the end


def test_augmentation_on_the_feeder_thread_draws_as_the_loop_would():
    """A large training set is augmented on the feeder's thread, a small one in the loop: the
    same seed gives the same distortions either way, so the same network."""
    from desktop_bp.core import training
    from desktop_bp.core.augment import random_affine

    rng = np.random.default_rng(3)
    images = rng.random((4100, 784), dtype=np.float32)
    labels = rng.integers(0, 10, 4100)
    results = []
    for feed_rows in (training.FEED_ROWS, 10**9):       # with the feeder, then without
        old = training.FEED_ROWS
        training.FEED_ROWS = feed_rows
        try:
            net = Network([784, 20, 10], seed=1)
            costs = [e.training_cost for e in train(net, (images, labels), epochs=2,
                                                    batch_size=100, eta=0.5, seed=4,
                                                    augment=random_affine)
                     if isinstance(e, EpochEvent)]
        finally:
            training.FEED_ROWS = old
        results.append((costs, net.weights[0].copy()))
    assert results[0][0] == results[1][0]
    np.testing.assert_array_equal(results[0][1], results[1][1])
    # and the augmentation did happen: without it the run differs
    net = Network([784, 20, 10], seed=1)
    plain = [e.training_cost for e in train(net, (images, labels), epochs=2, batch_size=100,
                                            eta=0.5, seed=4) if isinstance(e, EpochEvent)]
    assert plain != results[0][0]


@needs_blas
def test_preprocessing_runs_single_threaded(pool_of_two, monkeypatch):
    from desktop_bp.core import preprocess

    seen = []
    real = preprocess._resample_matrix

    def recording(*args):
        seen.append(blas.current_threads())
        return real(*args)

    monkeypatch.setattr(preprocess, "_resample_matrix", recording)
    image = np.zeros((60, 60))
    image[10:50, 25:35] = 1.0
    assert preprocess.preprocess(image) is not None
    assert seen and set(seen) == {1}
    assert blas.current_threads() == 2


# -- the product that adds into its result (momentum's BP4) ------------------------------------

needs_add_product = pytest.mark.skipif(not blas.has_add_product(),
                                       reason="no BLAS gemm reachable here (NumPy is used)")


@needs_add_product
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("a_transposed", [False, True])
@pytest.mark.parametrize("b_transposed", [False, True])
def test_add_product_computes_alpha_a_b_plus_beta_c_in_place(dtype, a_transposed, b_transposed):
    rng = np.random.default_rng(3)
    # each operand either C-contiguous or a transposed view of a C-contiguous array
    a = rng.random((7, 5)).astype(dtype).T if a_transposed else rng.random((5, 7)).astype(dtype)
    b = rng.random((6, 7)).astype(dtype).T if b_transposed else rng.random((7, 6)).astype(dtype)
    c = rng.random((5, 6)).astype(dtype)
    expected = 0.9 * c - 0.25 * (a @ b)
    buffer = c
    assert blas.add_product(-0.25, a, b, 0.9, c)
    assert c is buffer
    np.testing.assert_allclose(c, expected, rtol=1e-5 if dtype == np.float32 else 1e-12)


def test_add_product_refuses_what_it_cannot_do_and_changes_nothing():
    rng = np.random.default_rng(4)
    a, b = rng.random((5, 7)).astype(np.float32), rng.random((7, 6)).astype(np.float32)
    for c in (rng.random((6, 5)).astype(np.float32),             # wrong shape
              rng.random((5, 12)).astype(np.float32)[:, ::2],     # not contiguous
              rng.random((5, 6)).astype(np.float64)):             # another dtype
        before = c.copy()
        assert not blas.add_product(-1.0, a, b, 0.5, c)
        np.testing.assert_array_equal(c, before)
    c = rng.random((5, 6)).astype(np.float32)
    before = c.copy()
    assert not blas.add_product(-1.0, rng.random((5, 14)).astype(np.float32)[:, ::2], b, 0.5,
                                c)                              # an operand not contiguous
    np.testing.assert_array_equal(c, before)


def _momentum_run(monkeypatch, fuse, snapshots=False):
    from desktop_bp.core import network as network_module

    if not fuse:
        monkeypatch.setattr(network_module, "FUSE_MIN_WEIGHTS", 10 ** 12)
    rng = np.random.default_rng(5)
    images = rng.random((600, 784)).astype(np.float32)
    labels = rng.integers(0, 10, 600)
    net = Network([784, 100, 10], activation="relu", cost="log-likelihood", init="scaled",
                  seed=1)                           # 78,400 first-layer weights: fused
    events = list(train(net, (images, labels), epochs=2, batch_size=50, eta=0.05, lmbda=1.0,
                        momentum=0.9, seed=2, snapshots=snapshots, report_interval=0,
                        send_weights=False))
    monkeypatch.undo()
    return net, events


@needs_add_product
def test_momentum_steps_that_add_into_the_velocity_train_as_the_plain_ones(monkeypatch):
    fused, _ = _momentum_run(monkeypatch, fuse=True)
    plain, _ = _momentum_run(monkeypatch, fuse=False)
    for a, b in zip(fused.weights + fused.biases, plain.weights + plain.biases):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-6)


@needs_add_product
def test_a_fused_step_has_no_gradients_and_a_snapshot_gets_a_plain_one(monkeypatch):
    net = Network([784, 100, 10], activation="relu", cost="log-likelihood", seed=0)
    stepper = net.trainer(20)
    rng = np.random.default_rng(6)
    X, Y = rng.random((20, 784)).astype(np.float32), one_hot(rng.integers(0, 10, 20))
    stepper.step(X, Y, 0.1, momentum=0.9, keep_gradients=False)
    assert not stepper.has_gradients
    with pytest.raises(RuntimeError):
        stepper.gradients()
    expected = net.backprop(X, Y).nabla_w
    stepper.step(X, Y, 0.1, momentum=0.9)           # the default keeps them
    assert stepper.has_gradients
    for got, want in zip(stepper.gradients()[1], expected):
        np.testing.assert_allclose(got, want, rtol=1e-3, atol=1e-6)
    # a run asked for snapshots at every report attaches them to every event
    _, events = _momentum_run(monkeypatch, fuse=True, snapshots=True)
    batches = [ev for ev in events if type(ev).__name__ == "BatchEvent"]
    assert batches and all(ev.snapshot is not None for ev in batches)
    assert all(np.isfinite(ev.snapshot.nabla_w[0]).all() for ev in batches)
