"""Finding and loading the bundled default model."""

import pytest

from desktop_bp.core import pretrained
from desktop_bp.core.network import Network
from desktop_bp.core.persistence import ModelFileError, save_model


def test_default_model_path_points_into_resources():
    path = pretrained.default_model_path()
    assert path.name == "default_model.npz"
    assert path.parent.name == "resources"


def test_load_default_model(monkeypatch, tmp_path):
    net = Network([784, 12, 10], activation="relu", cost="log-likelihood", init="scaled", seed=0)
    path = save_model(tmp_path / "default_model.npz", net)
    monkeypatch.setattr(pretrained, "default_model_path", lambda: path)
    assert pretrained.load_default_model().sizes == [784, 12, 10]


def test_missing_default_model_is_a_model_file_error(monkeypatch, tmp_path):
    monkeypatch.setattr(pretrained, "default_model_path", lambda: tmp_path / "default_model.npz")
    with pytest.raises(ModelFileError, match="missing"):
        pretrained.load_default_model()
