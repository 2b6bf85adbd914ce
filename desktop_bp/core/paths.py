"""Where the app keeps its files: the per-user data folder and the ``data/`` of a source checkout.

Pure standard library. One environment variable redirects everything the app reads and writes on
its own: ``DESKTOP_BP_HOME``. When it is set, :func:`user_data_dir` is that folder and the source
checkout's ``data/`` is no longer used as a default (tests rely on this to keep every file inside a
temporary folder, and it gives a portable install one place for everything).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "desktop_bp"
HOME_ENV = "DESKTOP_BP_HOME"


def home_override() -> Path | None:
    """The folder named by ``DESKTOP_BP_HOME``, or None when it is unset or empty."""
    value = os.environ.get(HOME_ENV, "").strip()
    return Path(value).expanduser() if value else None


def user_data_dir() -> Path:
    """The app's per-user data folder (it may not exist yet; nothing here creates it).

    - ``DESKTOP_BP_HOME`` when set, on every platform;
    - Linux and other Unix: ``$XDG_DATA_HOME/desktop_bp``, else ``~/.local/share/desktop_bp``;
    - macOS: ``~/Library/Application Support/desktop_bp``;
    - Windows: ``%APPDATA%\\desktop_bp`` (the roaming profile), else
      ``~\\AppData\\Roaming\\desktop_bp``.
    """
    override = home_override()
    if override is not None:
        return override
    if sys.platform == "win32":
        appdata = os.environ.get("APPDATA", "").strip()
        base = Path(appdata) if appdata else Path.home() / "AppData" / "Roaming"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        xdg = os.environ.get("XDG_DATA_HOME", "").strip()
        # The XDG spec says a relative $XDG_DATA_HOME is invalid and must be ignored.
        base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".local" / "share"
    return base / APP_NAME


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
