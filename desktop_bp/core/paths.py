"""Where the app keeps its files: the per-user data folder and the ``data/`` of a source checkout.

Pure standard library. One environment variable redirects everything the app reads and writes on
its own: ``DESKTOP_BP_HOME``. When it is set, :func:`user_data_dir` is that folder and the source
checkout's ``data/`` is no longer used as a default (tests rely on this to keep every file inside a
temporary folder, and it gives a portable install one place for everything).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

APP_NAME = "desktop_bp"
HOME_ENV = "DESKTOP_BP_HOME"


def home_override() -> Path | None:
    """The folder named by ``DESKTOP_BP_HOME``, or None when it is unset or empty."""
    value = os.environ.get(HOME_ENV, "").strip()
    return Path(value).expanduser() if value else None


def user_data_dir() -> Path:
    """The app's per-user data folder (it may not exist yet; nothing here creates it).

    ``DESKTOP_BP_HOME`` when set, on every platform; otherwise the platform's own place, as
    platformdirs names it: ``$XDG_DATA_HOME/desktop_bp`` (else ``~/.local/share/desktop_bp``) on
    Linux, ``~/Library/Application Support/desktop_bp`` on macOS, ``%APPDATA%\\desktop_bp``
    (the roaming profile) on Windows.
    """
    override = home_override()
    if override is not None:
        return override
    import platformdirs

    # platformdirs reads XDG_DATA_HOME itself, and ignores a relative one as the spec says
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True))


# ---------------------------------------------------------------------------------------------
# Preferences shared by the window and the command line (a small JSON file in the data folder)

PREFERENCES_FILE = "preferences.json"


def preferences_path() -> Path:
    return user_data_dir() / PREFERENCES_FILE


def read_preference(key, default=None):
    """A value the window or the command line remembered, or ``default``. A missing or damaged
    file counts as empty: preferences are never worth an error."""
    try:
        values = json.loads(preferences_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default
    return values.get(key, default) if isinstance(values, dict) else default


def write_preference(key, value) -> bool:
    """Remember ``value`` under ``key`` (None forgets it). Written atomically; returns False
    when the folder is not writable (the value is then simply not remembered)."""
    path = preferences_path()
    try:
        values = json.loads(path.read_text(encoding="utf-8"))
        values = values if isinstance(values, dict) else {}
    except (OSError, ValueError):
        values = {}
    if value is None:
        values.pop(key, None)
    else:
        values[key] = value
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(values, indent=1), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        return False
    return True


def remembered_mnist_folder() -> Path | None:
    """The MNIST folder chosen in the window (or downloaded into), when it still exists."""
    folder = read_preference("mnist_folder")
    if isinstance(folder, str) and folder and Path(folder).is_dir():
        return Path(folder)
    return None


def remember_mnist_folder(folder) -> bool:
    return write_preference("mnist_folder", None if folder is None else str(Path(folder)))


def source_data_dir() -> Path | None:
    """The ``data/`` folder of a source checkout, or None when the package is installed.

    The repository root is the folder that holds the ``desktop_bp`` package, recognised by its
    ``pyproject.toml`` (an installed package sits in ``site-packages``, which has none). The
    returned folder may not exist yet.
    """
    package_dir = Path(__file__).resolve().parent.parent
    root = package_dir.parent
    if (root / "pyproject.toml").is_file():
        return root / "data"
    return None


def default_download_dir() -> Path:
    """Where a download goes when no folder is given.

    The source checkout's ``data/`` when running from one whose ``data/`` is writable (so a
    developer's MNIST stays next to the code, git-ignored), otherwise ``user_data_dir()/"mnist"``.
    With ``DESKTOP_BP_HOME`` set it is always ``$DESKTOP_BP_HOME/mnist``.
    """
    fallback = user_data_dir() / "mnist"
    if home_override() is not None:
        return fallback
    source = source_data_dir()
    if source is not None and _is_writable(source):
        return source
    return fallback


def _is_writable(folder: Path) -> bool:
    """True when files can be created in ``folder`` (or it can be created, when it is missing)."""
    if folder.is_dir():
        return os.access(folder, os.W_OK | os.X_OK)
    parent = folder.parent
    return not folder.exists() and parent.is_dir() and os.access(parent, os.W_OK | os.X_OK)
