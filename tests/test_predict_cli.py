"""``desktop-bp predict IMAGE... [--model MODEL] [--json]`` on real image files."""

import argparse
import json

import numpy as np
import pytest
from PySide6.QtGui import QImage

from desktop_bp import predict_cli
from desktop_bp.core import pretrained
from desktop_bp.core.persistence import save_model
from desktop_bp.core.preprocess import _resample_matrix


def parse(*argv):
    parser = argparse.ArgumentParser(prog="desktop-bp")
    sub = parser.add_subparsers(dest="command")
    predict_cli.add_parser(sub)
    return parser.parse_args(["predict", *argv])


def run(*argv):
    args = parse(*argv)
    return args.func(args)


def write_image(path, array):
    """Save an (h, w) grey, (h, w, 3) RGB or (h, w, 4) RGBA uint8 array with QImage."""
    array = np.ascontiguousarray(array, np.uint8)
    h, w = array.shape[:2]
    channels = 1 if array.ndim == 2 else array.shape[2]
    fmt = {1: QImage.Format.Format_Grayscale8, 3: QImage.Format.Format_RGB888,
           4: QImage.Format.Format_RGBA8888}[channels]
    image = QImage(array.data, w, h, w * channels, fmt).copy()
    assert image.save(str(path)), path
    return path


def bar_image(h=300, w=200):
    image = np.full((h, w), 255, np.uint8)
    image[40:260, 90:115] = 0
    return image


def ring_image(size=240):
    y, x = np.mgrid[0:size, 0:size] + 0.5
    r = np.hypot((y - size / 2) / 85, (x - size / 2) / 55)
    image = np.full((size, size), 255, np.uint8)
    image[np.abs(r - 1) < 0.2] = 0
    return image


@pytest.fixture
def model_file(tmp_path, trained_network):
    return save_model(tmp_path / "model.npz", trained_network)


@pytest.fixture
def images(tmp_path):
    """Digits of every kind: formats, polarities, colour, transparency, sizes."""
    folder = tmp_path / "images"
    folder.mkdir()
    bar, ring = bar_image(), ring_image()
    rgba = np.zeros(ring.shape + (4,), np.uint8)
    rgba[..., 3] = np.where(ring == 0, 255, 0)                  # black ink, transparent paper
    red_on_black = np.zeros(bar.shape + (3,), np.uint8)
    red_on_black[..., 0] = 255 - bar                            # light ink on dark paper
    return [
        (write_image(folder / "bar.png", bar), 1),
        (write_image(folder / "bar_red_on_black.jpg", red_on_black), 1),
        (write_image(folder / "ring.bmp", ring), 0),
        (write_image(folder / "ring_transparent.png", rgba), 0),
        (write_image(folder / "big_bar.png", bar_image(1200, 900)), 1),
    ]


def test_parser_registers_predict():
    args = parse("a.png", "b.jpg", "--model", "m.npz", "--json")
    assert args.images == ["a.png", "b.jpg"] and args.model == "m.npz" and args.json
    assert args.func is predict_cli.run


def test_json_lines_for_every_kind_of_image(images, model_file, capsys):
    code = run(*[str(p) for p, _ in images], "--model", str(model_file), "--json")
    out, err = capsys.readouterr()
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["file"] for line in lines] == [str(p) for p, _ in images]
    assert [line["digit"] for line in lines] == [digit for _, digit in images]
    for line in lines:
        assert set(line) == {"file", "digit", "confident", "verdict", "outputs", "output_kind",
                             "nondigit_score"}
        assert line["verdict"] in ("digit", "not sure", "not a digit")
        assert line["confident"] == (line["verdict"] == "digit")
        assert line["output_kind"] == "probabilities"
        assert len(line["outputs"]) == 10
        assert sum(line["outputs"]) == pytest.approx(1.0, abs=1e-4)


def test_sigmoid_networks_give_activations(images, tmp_path, capsys):
    from desktop_bp.core.network import Network

    model = save_model(tmp_path / "book.npz", Network([784, 30, 10], seed=0))
    path = str(images[0][0])
    assert run(path, "--model", str(model), "--json") == 0
    line = json.loads(capsys.readouterr().out)
    assert line["output_kind"] == "activations"
    assert run(path, "--model", str(model), "--rule") == 0
    out, err = capsys.readouterr()
    assert "p=" not in out and "a=" in out and "%" not in out
    assert "sigmoid activations, not probabilities" in err


def test_a_scribble_is_not_called_a_digit(model_file, tmp_path, capsys):
    from desktop_bp.core.nondigits import make_nondigit

    scribble, _ = make_nondigit(np.random.default_rng(0), "scribble")
    letter, _ = make_nondigit(np.random.default_rng(1), "letter")
    paths = [write_image(tmp_path / "s.png", scribble), write_image(tmp_path / "a.png", letter)]
    assert run(*map(str, paths), "--model", str(model_file)) == 0
    out = capsys.readouterr().out
    assert out.count("not a digit") + out.count("not sure") >= 1, out


def test_plain_output(images, model_file, capsys):
    path, digit = images[0]
    assert run(str(path), "--model", str(model_file)) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{path}: {digit}  (p=")       # a clear 1: named without a caveat


def test_unreadable_and_blank_files_are_reported_and_the_rest_still_run(images, model_file,
                                                                        tmp_path, capsys):
    garbage = tmp_path / "garbage.png"
    garbage.write_bytes(b"not an image at all")
    blank = write_image(tmp_path / "blank.png", np.full((50, 50), 255, np.uint8))
    missing = tmp_path / "missing.png"
    good, digit = images[0]
    code = run(str(garbage), str(good), str(missing), str(blank), "--model", str(model_file),
               "--json")
    out, err = capsys.readouterr()
    assert code == 1
    assert [json.loads(line)["digit"] for line in out.splitlines()] == [digit]
    assert f"{garbage}: cannot read the image" in err
    assert f"{missing}: cannot read the image" in err
    assert f"{blank}: no digit found" in err
    assert "3 of 4" in err


def test_a_bad_model_exits_with_2(images, tmp_path, capsys):
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"nope")
    assert run(str(images[0][0]), "--model", str(bad)) == 2
    assert "cannot load the model" in capsys.readouterr().err


def test_without_model_the_default_model_is_used(images, model_file, monkeypatch, capsys):
    monkeypatch.setattr(pretrained, "default_model_path", lambda: model_file)
    assert run(str(images[0][0]), "--json") == 0
    assert json.loads(capsys.readouterr().out)["digit"] == 1


def test_missing_default_model_is_explained(images, monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(pretrained, "default_model_path", lambda: tmp_path / "none.npz")
    assert run(str(images[0][0])) == 2
    assert "default model is missing" in capsys.readouterr().err


def test_many_files_go_through_the_network_in_batches(images, model_file, monkeypatch, capsys,
                                                      trained_network):
    monkeypatch.setattr(predict_cli, "BATCH", 3)
    batches = []
    real_load = predict_cli._load_network

    def load(model):
        net = real_load(model)
        real_feedforward = net.feedforward
        net.feedforward = lambda X: batches.append(len(X)) or real_feedforward(X)
        return net

    monkeypatch.setattr(predict_cli, "_load_network", load)
    files = [str(p) for p, _ in images] * 3                     # 15 files
    assert run(*files, "--model", str(model_file), "--json") == 0
    assert batches == [3, 3, 3, 3, 3]
    assert len(capsys.readouterr().out.splitlines()) == 15


@pytest.mark.mnist
def test_redrawn_mnist_digits(mnist_test_set, trained_network, model_file, tmp_path, capsys):
    """MNIST test digits enlarged onto a 280x280 canvas, off-centre, dark on light, saved as PNG:
    predict must do about as well as the network on the original images."""
    images, labels = mnist_test_set
    rng = np.random.default_rng(0)
    n = 200
    paths = []
    for i in range(n):
        ink = images[i].astype(np.float64) / 255
        rows, cols = np.flatnonzero(ink.any(1)), np.flatnonzero(ink.any(0))
        crop = ink[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
        s = rng.uniform(0.3, 0.9) * 280 / max(crop.shape)
        h, w = (max(1, round(k * s)) for k in crop.shape)
        big = _resample_matrix(crop.shape[0], h, s, 0) @ crop @ _resample_matrix(crop.shape[1], w, s, 0).T
        canvas = np.zeros((280, 280))
        y, x = rng.integers(0, 280 - h + 1), rng.integers(0, 280 - w + 1)
        canvas[y:y + h, x:x + w] = np.clip(big, 0, 1)
        paths.append(str(write_image(tmp_path / f"{i}.png", (255 * (1 - canvas)).astype(np.uint8))))
    assert run(*paths, "--model", str(model_file), "--json") == 0
    predicted = np.array([json.loads(line)["digit"] for line in capsys.readouterr().out.splitlines()])
    redrawn_accuracy = (predicted == labels[:n]).mean()
    plain_accuracy = trained_network.accuracy(images[:n].reshape(n, -1) / 255.0, labels[:n])
    assert redrawn_accuracy >= plain_accuracy - 0.03
