"""The Qt user interface. Widgets draw what they are given; the maths lives in desktop_bp.core."""

from desktop_bp.ui import qt_compat as _qt_compat

_qt_compat.apply()
