"""The Qt user interface. Widgets draw what they are given; the maths lives in desktop_bp.core.

PySide6-Essentials 6.12.0 drops references to None and True on Python 3.11 and aborts the
interpreter after some thousands of calls; pyproject.toml therefore asks for an earlier release.
"""
