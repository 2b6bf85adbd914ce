"""The desktop-bp command, run in-process through ``desktop_bp.cli.main`` (and once as
``python -m desktop_bp``). Sub-commands that need the real MNIST files are marked ``mnist`` and
skip without DESKTOP_BP_DATA.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from desktop_bp.cli import main

REPO = Path(__file__).resolve().parents[1]
# digits 0..9 in the 10,000 MNIST test images
TEST_LABEL_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]


@pytest.fixture
def mnist_dir():
    folder = os.environ.get("DESKTOP_BP_DATA", "").strip()
    if not folder:
        pytest.skip("set DESKTOP_BP_DATA to the folder that holds the MNIST files")
    return folder


def json_lines(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def assert_clean_error(err, *words):
    """One line on stderr, naming the command and the problem; no traceback."""
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("desktop-bp")
    for word in words:
        assert word in lines[0]


# ---------------------------------------------------------------------------------------------
# help and argument errors


def test_module_help_in_a_subprocess():
    result = subprocess.run([sys.executable, "-m", "desktop_bp", "--help"], cwd=REPO,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    for command in ("train", "evaluate", "gradcheck", "download", "bench"):
        assert command in result.stdout
    assert "Traceback" not in result.stderr


def test_subcommand_help(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["train", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for option in ("--preset", "--sizes", "--eta", "--batch-size", "--epochs", "--lmbda",
                   "--momentum", "--seed", "--data", "--out", "--json"):
        assert option in out


@pytest.mark.parametrize("argv, words", [
    (["train", "--eta", "-1"], ["--eta", "larger than 0"]),
    (["train", "--eta", "fast"], ["--eta", "must be a number"]),
    (["train", "--momentum", "1"], ["--momentum", "[0, 1)"]),
    (["train", "--sizes", "784,30,5"], ["--sizes", "784 inputs and 10 outputs"]),
    (["train", "--sizes", "100,30,10"], ["--sizes", "784 inputs and 10 outputs"]),
    (["train", "--sizes", "784"], ["--sizes", "at least two layers"]),
    (["train", "--sizes", "784,x,10"], ["--sizes", "whole numbers"]),
    (["train", "--batch-size", "0"], ["--batch-size", "at least 1"]),
    (["train", "--lmbda", "-0.5"], ["--lmbda", "cannot be negative"]),
    (["train", "--preset", "nonsense"], ["--preset", "nonsense"]),
    (["gradcheck", "--sizes", "784"], ["--sizes"]),
    (["frobnicate"], ["frobnicate"]),
])
def test_bad_arguments_exit_2_with_a_message(capsys, argv, words):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "error:" in err
    for word in words:
        assert word in err


def test_train_without_data_gives_one_clear_line(capsys, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    code = main(["train", "--epochs", "1", "--data", str(empty)])
    assert code != 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert_clean_error(captured.err, str(empty), "train-images-idx3-ubyte")
    assert "download" in captured.err           # says what to do


def test_bench_without_data_gives_one_clear_line(capsys, tmp_path):
    code = main(["bench", "--no-gui", "--no-torch", "--data", str(tmp_path)])
    assert code != 0
    assert_clean_error(capsys.readouterr().err, str(tmp_path))


@pytest.mark.parametrize("content, words", [
    (b"\x00\x01 definitely not a model", ["neither"]),
    (b"PK\x03\x04 a zip that stops here", ["truncated or damaged"]),
    (b"", []),
    (b'{"sizes": [784, 30, 10]}', []),
])
def test_evaluate_a_corrupt_file(capsys, tmp_path, content, words):
    model = tmp_path / "model.npz"
    model.write_bytes(content)
    code = main(["evaluate", str(model), "--json"])
    assert code != 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert_clean_error(captured.err, str(model), *words)


def test_evaluate_a_missing_file(capsys, tmp_path):
    code = main(["evaluate", str(tmp_path / "nowhere.npz")])
    assert code != 0
    assert_clean_error(capsys.readouterr().err, "nowhere.npz", "no such file")


# ---------------------------------------------------------------------------------------------
# gradcheck


def test_gradcheck_json(capsys):
    assert main(["gradcheck", "--json"]) == 0
    [report] = json_lines(capsys.readouterr().out)
    assert report["passed"] is True
    assert report["sizes"] == [10, 8, 7, 3] and report["method"] == "central"
    assert report["max_error"] < 1e-7 and report["tolerance"] == 1e-7
    assert len(report["layers"]) == 3
    assert all(layer["weight_error"] < 1e-7 and layer["bias_error"] < 1e-7
               for layer in report["layers"])
    assert report["speedup"] > 0


def test_gradcheck_text_and_failure(capsys):
    assert main(["gradcheck", "--sizes", "6,4,3", "--batch", "3"]) == 0
    out = capsys.readouterr().out
    assert "PASSED" in out and "6-4-3" in out and "layer 2 weights 3x4" in out
    # a tolerance nothing can meet fails, with exit code 1
    assert main(["gradcheck", "--sizes", "6,4,3", "--tolerance", "1e-30", "--json"]) == 1
    [report] = json_lines(capsys.readouterr().out)
    assert report["passed"] is False


# ---------------------------------------------------------------------------------------------
# train, evaluate and bench on the real data


@pytest.mark.mnist
def test_train_then_evaluate(capsys, tmp_path, mnist_dir):
    model = tmp_path / "model.npz"
    code = main(["train", "--json", "--train-size", "2000", "--epochs", "1", "--seed", "1",
                 "--data", mnist_dir, "--out", str(model)])
    assert code == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    epoch, finished = json_lines(captured.out)
    assert epoch["event"] == "epoch" and epoch["epoch"] == 0 and epoch["eta"] == 3.0
    assert 0.2 < epoch["test_accuracy"] <= 1.0 and 0.2 < epoch["validation_accuracy"] <= 1.0
    assert epoch["seconds"] > 0 and epoch["training_cost"] > 0
    assert finished["event"] == "finished" and finished["reason"] == "completed"
    assert finished["epochs"] == 1
    assert finished["final_test_accuracy"] == epoch["test_accuracy"]
    assert finished["model"] == str(model)
    assert model.is_file()

    assert main(["evaluate", str(model), "--json", "--data", mnist_dir]) == 0
    [result] = json_lines(capsys.readouterr().out)
    assert result["accuracy"] == pytest.approx(epoch["test_accuracy"])
    assert result["total"] == 10000
    confusion = np.array(result["confusion"])
    assert confusion.shape == (10, 10)
    assert confusion.sum() == 10000
    assert confusion.trace() == result["correct"] == round(result["accuracy"] * 10000)
    assert confusion.sum(axis=1).tolist() == TEST_LABEL_COUNTS

    # the same model as a table for people
    assert main(["evaluate", str(model), "--data", mnist_dir]) == 0
    out = capsys.readouterr().out
    assert "test accuracy" in out and "confusion matrix" in out


@pytest.mark.mnist
def test_train_text_output(capsys, mnist_dir):
    code = main(["train", "--train-size", "500", "--epochs", "2", "--sizes", "784,10,10",
                 "--cost", "cross-entropy", "--eta", "0.5", "--data", mnist_dir])
    assert code == 0
    out = capsys.readouterr().out
    assert "784-10-10 sigmoid, cross-entropy" in out and "500 images" in out
    assert "epoch   1/2" in out and "epoch   2/2" in out
    assert "Trained 2 epochs." in out


@pytest.mark.mnist
def test_bench_json(capsys, monkeypatch, mnist_dir):
    from desktop_bp import bench

    # the throughput measurements run the real code with fewer repetitions: this test checks
    # the report, not the speed (a busy machine can make 2000 multi-threaded steps take 20 s)
    engine_gflops, matmul_peak_gflops = bench.engine_gflops, bench.matmul_peak_gflops
    monkeypatch.setattr(bench, "engine_gflops", lambda: engine_gflops(steps=60))
    monkeypatch.setattr(bench, "matmul_peak_gflops", lambda: matmul_peak_gflops(size=256, repeat=3))
    code = main(["bench", "--train-size", "500", "--no-gui", "--no-torch", "--json",
                 "--data", mnist_dir])
    assert code == 0
    [result] = json_lines(capsys.readouterr().out)
    assert result["images"] == 500 and result["batch_size"] == 10
    for key in ("engine_seconds", "textbook_seconds", "speedup_vs_textbook", "engine_gflops",
                "numpy_matmul_peak_gflops", "gflops_fraction_of_peak"):
        assert result[key] > 0, key
    assert result["torch_seconds"] is None and result["speedup_vs_torch"] is None
    assert result["speedup_vs_textbook"] == pytest.approx(
        result["textbook_seconds"] / result["engine_seconds"])


# Bad combinations that only show up once the data are loaded.


@pytest.mark.mnist
def test_train_out_into_a_missing_folder(capsys, tmp_path, mnist_dir):
    target = tmp_path / "missing" / "model.npz"
    code = main(["train", "--epochs", "1", "--train-size", "100", "--data", mnist_dir,
                 "--out", str(target)])
    assert code != 0
    assert_clean_error(capsys.readouterr().err, str(target.parent))


@pytest.mark.mnist
@pytest.mark.parametrize("sizes", [[100, 30, 10], [784, 30, 5]])
def test_evaluate_a_model_that_does_not_fit_mnist(capsys, tmp_path, mnist_dir, sizes):
    from desktop_bp import Network, save_model

    model = tmp_path / "other.npz"
    save_model(model, Network(sizes, seed=0))
    code = main(["evaluate", str(model), "--data", mnist_dir])
    assert code != 0
    assert_clean_error(capsys.readouterr().err, str(model))
