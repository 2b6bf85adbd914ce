"""Shared test set-up: no test needs a display, and no test touches the user's own files."""

import os

import pytest

# Qt widgets render off screen unless the caller chose a platform (set before any Qt import).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_app_home(tmp_path_factory, monkeypatch):
    """Point DESKTOP_BP_HOME at a fresh temporary folder for every test.

    Everything the app writes on its own (downloads without a destination, the record of verified
    MNIST files, settings) then lands in that folder, never in the user's home or the checkout.
    DESKTOP_BP_DATA is left alone: tests marked ``mnist`` read the real data through it.
    """
    home = tmp_path_factory.mktemp("desktop_bp_home")
    monkeypatch.setenv("DESKTOP_BP_HOME", str(home))
    return home
