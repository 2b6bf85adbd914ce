"""The one place where the application is assembled: QApplication, settings, the main window.

``main()`` first checks, on Linux, that a window can be shown at all: without a display, or
without the X11 libraries Qt's xcb platform plugin needs, Qt would abort the process with a
message few people can act on. Here the user gets the reason and the fix instead.
"""

from __future__ import annotations

import ctypes
import os
import sys

ORGANIZATION = "desktop-bp"
APPLICATION = "desktop-bp"

# The shared libraries Qt 6's xcb platform plugin loads, with the Debian/Ubuntu package of each.
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}
APT_PACKAGES = ("libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 "
                "libxcb-render-util0 libxkbcommon-x11-0")
NON_WINDOWING_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay")


def missing_xcb_libraries(loader=ctypes.CDLL):
    """The xcb libraries that cannot be loaded (their file names), by trying to load each."""
    missing = []
    for name in XCB_LIBRARIES:
        try:
            loader(name)
        except OSError:
            missing.append(name)
    return missing


def x_server_reachable(display, loader=ctypes.CDLL):
    """True when an X server answers at ``display`` (tried with libxcb, as Qt would). When
    libxcb itself cannot be loaded, True: the missing-library check reports that."""
    try:
        xcb = loader("libxcb.so.1")
        xcb.xcb_connect, xcb.xcb_connection_has_error, xcb.xcb_disconnect
    except (OSError, AttributeError):
        return True
    xcb.xcb_connect.restype = ctypes.c_void_p
    xcb.xcb_connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    xcb.xcb_connection_has_error.restype = ctypes.c_int
    xcb.xcb_connection_has_error.argtypes = [ctypes.c_void_p]
    xcb.xcb_disconnect.argtypes = [ctypes.c_void_p]
    # xcb_connect never returns NULL: a failed connection is an object in an error state
    connection = xcb.xcb_connect(display.encode(), None)
    try:
        return xcb.xcb_connection_has_error(connection) == 0
    finally:
        xcb.xcb_disconnect(connection)


def display_problem(environ=None, platform=None, loader=ctypes.CDLL):
    """Why no window can be shown, as a message for the user, or None when all looks well.

    Only Linux (and other X11/Wayland systems) is checked; an explicit non-windowing
    ``QT_QPA_PLATFORM`` (offscreen, vnc, ...) needs no display.
    """
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if platform in ("win32", "darwin") or platform.startswith("cygwin"):
        return None
    requested = environ.get("QT_QPA_PLATFORM", "").split(":")[0].strip().lower()
    if requested in NON_WINDOWING_PLATFORMS:
        return None
    has_x11 = bool(environ.get("DISPLAY"))
    has_wayland = bool(environ.get("WAYLAND_DISPLAY"))
    if not has_x11 and not has_wayland:
        return ("desktop-bp: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so "
                "the window cannot open.\nRun it in a desktop session, or over SSH with X "
                "forwarding (ssh -X). The command-line tools work without a display: see "
                "`desktop-bp --help`.")
    # Qt picks xcb when asked to, or by default when there is no Wayland session to use
    uses_xcb = requested == "xcb" or (not requested and not has_wayland)
    if uses_xcb:
        missing = missing_xcb_libraries(loader)
        if not missing and has_x11 and not x_server_reachable(environ["DISPLAY"], loader):
            return (f"desktop-bp: cannot connect to the X display {environ['DISPLAY']!r} (DISPLAY), "
                    "so the window cannot open.\nCheck that the display exists and that you may "
                    "use it (over SSH: ssh -X; in a container: share the X socket). The "
                    "command-line tools work without a display: see `desktop-bp --help`.")
        if missing:
            packages = " ".join(XCB_LIBRARIES[name] for name in missing)
            return ("desktop-bp: the window cannot open because libraries that Qt needs to draw "
                    f"on X11 are missing: {', '.join(missing)}.\nInstall them with:\n\n"
                    f"    sudo apt-get install {packages}\n\n"
                    f"(all of Qt's X11 dependencies: sudo apt-get install {APT_PACKAGES})")
    return None


def configure_settings():
    """With ``DESKTOP_BP_HOME`` set, settings are an INI file in that folder (tests, portable
    installs); otherwise Qt's native place for them (the registry, a plist, ~/.config)."""
    from PySide6.QtCore import QSettings

    from desktop_bp.core.paths import home_override

    home = home_override()
    if home is not None:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(home))


def build_window(settings, *, recovery=None, data=None, mnist_path=None):
    """Assemble the window: one :class:`~desktop_bp.ui.session.Session` (the model in use and
    the run), the main window and the training page, connected here and nowhere else.
    Returns the window; its ``session`` and ``training_panel()`` are the parts."""
    from desktop_bp.core import blas, checkpoint
    from desktop_bp.ui.main_window import MainWindow
    from desktop_bp.ui.evaluation.link import EvaluationLink
    from desktop_bp.ui.microscope.link import MicroscopeLink
    from desktop_bp.ui.session import Session
    from desktop_bp.ui.training import TrainingPanel

    session = Session(settings, recovery if recovery is not None else checkpoint.Recovery())
    window = MainWindow(settings, session=session)
    session.setParent(window)
    panel = TrainingPanel(session, data=data, mnist_path=mnist_path)
    window.set_training_panel(panel)
    window.about_to_close.connect(panel.shutdown)
    window.microscope_link = MicroscopeLink(window, session)
    window.about_to_close.connect(window.microscope_link.shutdown)
    window.evaluation_link = EvaluationLink(window, session, lambda: panel.mnist.folder)
    window.about_to_close.connect(window.evaluation_link.shutdown)
    panel.set_personal_set(window.evaluation_link.personal_set)
    # the pen comes first: the plots wait, and training leaves a core to the window
    panel.hold_drawing_while(window.canvas.pen_down)
    window.canvas.pen_down_changed.connect(blas.spare_a_core)
    window.destroyed.connect(lambda: blas.spare_a_core(False))
    return window


def main(argv=None) -> int:
    """Open the main window and run the event loop; returns the exit code.

    ``argv``: extra Qt arguments (e.g. ``-style fusion``); the program name is added.
    Uses the last model used, else the bundled default; then offers the recovery file of a
    run that was not saved (the app was killed mid-training).
    """
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    from PySide6.QtCore import QCoreApplication, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from desktop_bp._version import __version__

    configure_settings()
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else APPLICATION]
                                                  + list(argv or []))
    app.setApplicationDisplayName("desktop-bp")
    from desktop_bp.ui.gc_guard import GuiGarbageCollector

    # Python's cycle collector runs in the GUI thread only, from a timer: a Qt object in a
    # reference cycle collected by the training thread's allocations would crash the app
    app.garbage_collector = GuiGarbageCollector(parent=app)
    from desktop_bp.ui import i18n

    settings = QSettings()
    i18n.install(app, settings)     # before any widget: each is built in the chosen language
    window = build_window(settings)
    window.show()
    probe = os.environ.get(FIRST_PAINT_ENV, "")
    if probe == "model":
        # for measuring start-up: quit once the model is in use and painted
        def loaded():
            window.load_startup_model()
            window.first_paint_probe = first_paint_probe(window, app.quit)
            window.update()
        QTimer.singleShot(0, loaded)
    elif probe:
        # for measuring start-up: quit as soon as the window has been painted once
        window.first_paint_probe = first_paint_probe(window, app.quit)
    else:
        # what the first paint does not need comes once the window is on screen: the model
        # (the last one used, else the bundled one), then the offer of a recovery file
        QTimer.singleShot(0, window.load_startup_model)
        QTimer.singleShot(0, window.training_panel().offer_recovery)
    return int(app.exec())


FIRST_PAINT_ENV = "DESKTOP_BP_EXIT_AFTER_FIRST_PAINT"


def first_paint_probe(window, then):
    """An event filter that calls ``then()`` once ``window`` has been painted the first time
    (to time the start-up from outside the process)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, then)
            return False

    probe = FirstPaint(window)
    window.installEventFilter(probe)
    return probe
