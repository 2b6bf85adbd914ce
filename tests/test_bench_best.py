"""``desktop-bp bench --best/--busy``: the best preset's epoch idle and with a core held busy."""

import json
import os
import time

import pytest

from desktop_bp import bench
from desktop_bp.cli import main


@pytest.fixture
def mnist_dir():
    folder = os.environ.get("DESKTOP_BP_DATA", "").strip()
    if not folder:
        pytest.skip("set DESKTOP_BP_DATA to the folder that holds the MNIST files")
    return folder


def test_the_best_presets_products_are_320_gflop_an_epoch():
    assert bench.best_epoch_flops([784, 1024, 512, 10], 50_000) / 1e9 == pytest.approx(319.4, abs=0.1)
    # the book network: forward and BP4 for both layers, BP2 for the second
    assert bench.best_epoch_flops([784, 30, 10], 1) == 2 * (2 * (784 * 30 + 30 * 10) + 30 * 10)


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="needs /proc")
def test_the_busy_process_spins_and_is_stopped():
    with bench.BusyCore() as busy:
        process = busy.process
        start = cpu_seconds(process.pid)
        time.sleep(0.3)
        assert process.poll() is None
        assert cpu_seconds(process.pid) > start        # it is burning CPU time
    assert process.poll() is not None                  # killed and reaped


@pytest.mark.mnist
def test_bench_best_and_busy_json(capsys, monkeypatch, mnist_dir):
    matmul_peak_gflops = bench.matmul_peak_gflops
    monkeypatch.setattr(bench, "matmul_peak_gflops", lambda: matmul_peak_gflops(size=256, repeat=3))
    code = main(["bench", "--no-book", "--busy", "--no-gui", "--json", "--train-size", "300",
                 "--repeat", "1", "--blas-threads", "1", "--data", mnist_dir])
    assert code == 0
    result = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert "engine_seconds" not in result                 # the book network was skipped
    assert result["best_images"] == 300 and result["best_blas_threads"] == 1
    assert len(result["best_idle_rounds"]) == 3 and len(result["best_busy_rounds"]) == 3
    assert result["best_idle_seconds"] == min(result["best_idle_rounds"])
    assert result["best_busy_over_idle"] == pytest.approx(
        result["best_busy_seconds"] / result["best_idle_seconds"])
    assert result["best_gflops"] == pytest.approx(
        bench.best_epoch_flops([784, 1024, 512, 10], 300) / 1e9 / result["best_idle_seconds"])
    peaks = (result["numpy_matmul_peak_gflops_all_cores"], result["numpy_matmul_peak_gflops_one_core"])
    assert result["best_fraction_of_peak"] == pytest.approx(result["best_gflops"] / max(peaks))
    assert result["best_fraction_of_one_core_peak"] == pytest.approx(result["best_gflops"] / peaks[1])
