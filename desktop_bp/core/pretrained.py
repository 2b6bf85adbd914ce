"""The pretrained model that ships with the app, so that drawing works at once, offline.

An installed package holds it as ``desktop_bp/resources/default_model.npz`` (``pyproject.toml``
maps the repository's top-level ``resources/`` folder to the ``desktop_bp.resources`` package);
a source checkout holds it in ``<repository>/resources/``. ``resources/README.md`` gives the
``desktop-bp train`` command that reproduces it.
"""

from __future__ import annotations

from pathlib import Path

DEFAULT_MODEL_NAME = "default_model.npz"


def _package_resource(name):
    """``name`` inside the installed ``desktop_bp.resources`` package, or None."""
    try:
        from importlib.resources import files
        resource = files("desktop_bp.resources") / name
    except (ImportError, ModuleNotFoundError, TypeError):
        return None
    # Installed as ordinary files (a wheel unpacked in site-packages), the resource is a Path.
    path = Path(str(resource))
    return path if path.is_file() else None


def _source_resource(name):
    """``name`` in the ``resources/`` folder of a source checkout (it may not exist)."""
    return Path(__file__).resolve().parent.parent.parent / "resources" / name


def default_model_path() -> Path:
    """Where the bundled default model is: the installed package's copy when there is one, else
    the source checkout's ``resources/default_model.npz``. The file may be missing (a checkout
    in which it has not been trained yet); :func:`load_default_model` says so clearly."""
    return _package_resource(DEFAULT_MODEL_NAME) or _source_resource(DEFAULT_MODEL_NAME)


def load_default_model():
    """Load the bundled default model (a :class:`~desktop_bp.core.network.Network`).

    Raises :class:`~desktop_bp.core.persistence.ModelFileError` when it is missing or damaged.
    """
    from desktop_bp.core.persistence import ModelFileError, load_model

    path = default_model_path()
    if not path.is_file():
        raise ModelFileError(path, "the bundled default model is missing (train one with "
                                   "`desktop-bp train`, see resources/README.md)", kind="missing")
    return load_model(path)
