"""``desktop-bp microscope IMAGE --out DIR [--json] [--summary] [--nudge L,J,K[,DW]]``."""

import json
import zlib

import numpy as np
import pytest

from desktop_bp.cli import main
from desktop_bp.core.figures import write_png
from desktop_bp.core.microscope import Microscope
from desktop_bp.core.network import Network
from desktop_bp.core.persistence import save_model
from desktop_bp.core.preprocess import to_mnist_input
from desktop_bp.predict_cli import read_image


def _png_size(path):
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    w, h = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    return w, h


@pytest.fixture
def model(tmp_path):
    net = Network([784, 12, 10], cost="cross-entropy", seed=0)
    return save_model(tmp_path / "small.npz", net), net


@pytest.fixture
def digit(tmp_path):
    """A written "1": a dark bar on white paper."""
    image = np.full((120, 100, 3), 255, np.uint8)
    image[15:105, 45:58] = 0
    path = tmp_path / "one.png"
    write_png(path, image)
    return path


def test_writes_the_views_and_json_numbers(tmp_path, capsys, model, digit):
    path, net = model
    out = tmp_path / "views"
    assert main(["microscope", str(digit), "--model", str(path), "--target", "7", "--cost",
                 "quadratic", "--out", str(out), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    names = sorted(p.name for p in out.iterdir())
    assert "input.png" in names and "saliency.png" in names and "views.txt" in names
    for l in (2, 3):
        for q in ("z", "a", "fprime", "incoming", "delta", "nabla_b", "nabla_w"):
            assert f"layer{l}_{q}.png" in names
    assert _png_size(out / "input.png") == (28 * 11, 28 * 11)
    assert record["target"] == [7] and record["cost"] == "quadratic"
    assert np.array(record["saliency"]).shape == (28, 28)
    assert np.array(record["layers"][0]["nabla_w"]).shape == (12, 784)
    # the numbers are the microscope's on the same preprocessed input
    x = to_mnist_input(read_image(digit))
    bp = Microscope(net).look(x, 7, "quadratic")
    assert record["cost_value"] == pytest.approx(bp.cost_value, rel=1e-12)
    np.testing.assert_allclose(record["layers"][1]["delta"], bp.layer(3).delta, rtol=1e-12)
    np.testing.assert_allclose(record["saliency"], bp.saliency_image(), rtol=1e-12)
    # a PNG is a real PNG: its pixel data inflate to rows of (1 + 3 w) bytes
    data = (out / "saliency.png").read_bytes()
    start = data.index(b"IDAT") + 4
    length = int.from_bytes(data[start - 8:start - 4], "big")
    w, h = _png_size(out / "saliency.png")
    assert len(zlib.decompress(data[start:start + length])) == h * (1 + 3 * w)


def test_summary_and_nudge(tmp_path, capsys, model, digit):
    path, _ = model
    assert main(["microscope", str(digit), "--model", str(path), "--out", str(tmp_path / "o"),
                 "--json", "--summary", "--nudge", "2,3,400,0.5"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["layers"][0]["nabla_w"]["shape"] == [12, 784]
    assert record["target"] == [record["predicted"]]        # default target: the prediction
    nudge = record["nudge"]
    assert nudge["layer"] == 2 and [s["dw"] for s in nudge["steps"]][:2] == [0.5, 0.05]
    last = nudge["steps"][-1]
    if nudge["gradient"]:
        assert last["dC"] == pytest.approx(last["predicted"], rel=1e-3)
    assert (tmp_path / "o" / "nudge_layer3_da.png").is_file()


def test_text_output(tmp_path, capsys, model, digit):
    path, _ = model
    assert main(["microscope", str(digit), "--model", str(path), "--out", str(tmp_path / "o"),
                 "--nudge", "3,1,2"]) == 0
    out = capsys.readouterr().out
    assert "C = " in out and "measured dC" in out


@pytest.mark.parametrize("extra, message", [
    (["--target", "12"], "--target must be a digit from 0 to 9"),
    (["--target", "x"], "--target must be a digit"),
    (["--cost", "hinge"], "--cost must be one of"),
    (["--nudge", "2,3"], "--nudge takes L,J,K"),
    (["--nudge", "2,a,3"], "whole numbers"),
    (["--nudge", "2,1,1,0"], "other than 0"),
    (["--nudge", "5,1,1"], "layer must be between 2 and 3"),
    (["--nudge", "2,12,1"], "0 <= j < 12"),
    (["--summary"], "--summary goes with --json"),
])
def test_bad_arguments_are_explained(tmp_path, capsys, model, digit, extra, message):
    path, _ = model
    assert main(["microscope", str(digit), "--model", str(path), "--out", str(tmp_path / "o"),
                 *extra]) == 2
    assert message in capsys.readouterr().err


def test_bad_files(tmp_path, capsys, model):
    path, _ = model
    blank = tmp_path / "blank.png"
    write_png(blank, np.full((30, 30, 3), 255, np.uint8))
    assert main(["microscope", str(blank), "--model", str(path), "--out", str(tmp_path / "o")]) == 1
    assert "blank" in capsys.readouterr().err
    assert main(["microscope", str(tmp_path / "missing.png"), "--model", str(path),
                 "--out", str(tmp_path / "o")]) == 1
    assert "cannot read the image" in capsys.readouterr().err
    assert main(["microscope", str(blank), "--model", str(tmp_path / "nope.npz"),
                 "--out", str(tmp_path / "o")]) == 2
    assert "cannot load the model" in capsys.readouterr().err
    other = save_model(tmp_path / "other.npz", Network([30, 5, 10], seed=0))
    assert main(["microscope", str(blank), "--model", str(other), "--out", str(tmp_path / "o")]) == 2
    assert "takes 30 inputs" in capsys.readouterr().err
