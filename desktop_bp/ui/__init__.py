"""The Qt user interface. Widgets draw what they are given; the maths lives in desktop_bp.core."""
