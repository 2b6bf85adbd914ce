"""Drawing on a DrawingCanvas with real mouse events (press, moves with the button held, release).

QTest cannot move the mouse with a button held, so the events are built and sent directly.
Points are given in the canvas's normalised coordinates (0..1 across the square sheet).
"""

import math

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication


def _send(widget, kind, pos, button, buttons):
    event = QMouseEvent(kind, pos, widget.mapToGlobal(pos), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def to_widget(canvas, x, y):
    rect = canvas.square_rect()
    return QPointF(rect.x() + x * rect.width(), rect.y() + y * rect.height())


def stroke(canvas, points, step=0.02):
    """One stroke through ``points`` [(x, y), ...]: a press, a move every ``step`` along each
    segment (step None: only the given points, like a fast mouse), and a release."""
    left = Qt.MouseButton.LeftButton
    none = Qt.MouseButton.NoButton
    _send(canvas, QEvent.Type.MouseButtonPress, to_widget(canvas, *points[0]), left, left)
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        n = 1 if step is None else max(1, int(math.hypot(x1 - x0, y1 - y0) / step))
        for k in range(1, n + 1):
            t = k / n
            _send(canvas, QEvent.Type.MouseMove,
                  to_widget(canvas, x0 + t * (x1 - x0), y0 + t * (y1 - y0)), none, left)
    _send(canvas, QEvent.Type.MouseButtonRelease, to_widget(canvas, *points[-1]), left, none)


def ellipse(cx, cy, rx, ry, n=48):
    """Points around an ellipse, closed, starting at the top."""
    return [(cx + rx * math.sin(2 * math.pi * k / n), cy - ry * math.cos(2 * math.pi * k / n))
            for k in range(n + 1)]


# digits drawn the way a person draws them: lists of strokes
SHAPES = {
    1: [[(0.5, 0.15), (0.5, 0.85)]],
    0: [ellipse(0.5, 0.5, 0.22, 0.32)],
    7: [[(0.28, 0.2), (0.72, 0.2), (0.45, 0.85)]],
    4: [[(0.35, 0.15), (0.25, 0.58), (0.75, 0.58)], [(0.62, 0.3), (0.62, 0.88)]],
}


def draw_digit(canvas, digit):
    for points in SHAPES[digit]:
        stroke(canvas, points)
