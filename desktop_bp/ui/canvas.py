"""The drawing canvas: a square sheet of paper to draw a digit on with the mouse or a pen tablet.

As in Qt's Scribble example, strokes are painted into an off-screen image in the input handlers
and ``paintEvent`` only blits that image. Each stroke is also kept as a list of points in
*normalised* coordinates (0..1 across the square), so the sheet can be re-rendered at any size
(the canvas scales with the window) and the last stroke can be undone.

Strokes are anti-aliased with round caps and joins; consecutive points are joined by quadratic
curves through the midpoints, so a fast mouse (few, far-apart points) still draws a smooth line.
The pen width is a fraction of the canvas side, so a digit looks the same at any window size;
a tablet's pressure thins the stroke.

The canvas owns no maths: what the preprocessing saw (bounding box, centre of mass) is handed to
:meth:`DrawingCanvas.set_overlay` by whoever runs the preprocessing. Its words follow the
window's language: the painted ones are translated when painted, the tooltip in ``retranslate``.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_bp.ui.i18n import Retranslating

PAPER = 255          # grey level of the paper (the canvas image is Format_Grayscale8)
INK = 0              # grey level of the ink
DEFAULT_PEN_FRACTION = 1 / 14     # pen width / canvas side: MNIST-like strokes for a digit ~60 % tall
MIN_PRESSURE_SCALE = 0.35         # a tablet's lightest touch still draws this fraction of the width


_STROKE = "stroke"        # an entry of DrawingCanvas._undoable: a stroke was drawn


class DrawingCanvas(Retranslating, QWidget):
    """A square drawing area (centred in the widget) with ``clear``, ``undo`` and ``to_array``.

    Signals:
    - ``changed()``: the drawing changed (every new point while drawing, clear, undo);
    - ``stroke_finished()``: a stroke was completed (pen or button released);
    - ``pen_down_changed(bool)``: a stroke began (True) or ended, however (False).
    """

    changed = Signal()
    stroke_finished = Signal()
    pen_down_changed = Signal(bool)

    def __init__(self, parent=None, *, pen_fraction=DEFAULT_PEN_FRACTION):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(140, 140)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._pen_fraction = float(pen_fraction)
        self._strokes = []          # list of strokes, each a list of (x, y, pressure), x/y in 0..1
        self._current = None        # the stroke being drawn, also the last item of _strokes
        # what undo takes back, last first: STROKE for a stroke drawn, or the strokes a clear
        # removed (so that Esc or Clear by mistake loses nothing)
        self._undoable = []
        self._told_pen_down = False
        self._drawn_to = None       # where the painted part of the current stroke ends (QPointF)
        self._image = QImage()
        self._overlay = None        # (bbox, center_of_mass, source_shape) from the preprocessing
        self._saliency = None       # (QImage of the 28x28 field, its rect in image pixels)
        self._overlay_visible = False
        self.label_rects = []       # where the overlay's labels were last painted
        self._tablet_down = False
        self.retranslate()

    def retranslate(self):
        self.setToolTip(self.tr("Draw a digit. Ctrl+Z undoes the last stroke (or clear), Esc clears."))

    # -- public API ------------------------------------------------------------------------------

    def clear(self):
        """Remove every stroke (:meth:`undo` brings them back)."""
        if not self._strokes:
            return
        self._undoable.append(self._strokes)
        self._strokes = []
        self._current = None
        self._render()
        self._tell_pen()
        self.changed.emit()

    def undo(self):
        """Take back the last stroke, or the last clear (nothing happens when there is neither)."""
        if not self._undoable:
            return
        last = self._undoable.pop()
        if last is _STROKE:
            self._strokes.pop()
        else:
            self._strokes = last
        self._current = None
        self._render()
        self._tell_pen()
        self.changed.emit()

    def is_empty(self):
        return not self._strokes

    def pen_down(self):
        """Whether a stroke is being drawn (the button or pen is down on the canvas)."""
        return self._current is not None

    def _tell_pen(self):
        down = self._current is not None
        if down != self._told_pen_down:
            self._told_pen_down = down
            self.pen_down_changed.emit(down)

    def stroke_count(self):
        return len(self._strokes)

    def strokes(self):
        """The strokes as a list of (k, 3) float arrays of (x, y, pressure), x and y in 0..1."""
        return [np.array(s, dtype=np.float64).reshape(-1, 3) for s in self._strokes]

    def pen_fraction(self):
        return self._pen_fraction

    def set_pen_fraction(self, fraction):
        """Pen width as a fraction of the canvas side (re-renders the existing strokes)."""
        fraction = float(fraction)
        if fraction == self._pen_fraction:
            return
        self._pen_fraction = fraction
        self._render()
        self.changed.emit()

    def to_array(self, size=None):
        """The drawing as an (n, n) uint8 array, dark ink (0) on white paper (255).

        With ``size`` None, ``n`` is the on-screen sheet in device pixels (what the user sees);
        otherwise the strokes are rendered afresh at ``size`` x ``size``.
        """
        image = self._image if size is None else self._rendered(int(size))
        if image.isNull():
            return np.full((1, 1), PAPER, np.uint8)
        h, w, stride = image.height(), image.width(), image.bytesPerLine()
        buffer = np.frombuffer(image.constBits(), dtype=np.uint8, count=stride * h)
        return buffer.reshape(h, stride)[:, :w].copy()

    def set_overlay(self, bbox=None, center_of_mass=None, source_shape=None):
        """What the preprocessing saw, in the pixels of the array :meth:`to_array` returned:
        ``bbox`` (top, left, bottom, right), ``center_of_mass`` (row, col) in continuous
        coordinates, and that array's ``source_shape`` (h, w). ``bbox=None`` removes it."""
        self._overlay = None if bbox is None else (tuple(bbox), tuple(center_of_mass),
                                                   tuple(source_shape))
        if self._overlay_visible:
            self.update()

    def set_saliency(self, image=None, field_rect=None):
        """Lay ``image`` (a QImage of the 28x28 field, e.g. signed colours of ∂C/∂x with an alpha
        that grows with |∂C/∂x|) over the drawing, stretched to ``field_rect`` = (top, left,
        height, width) of the field as fractions of the canvas; None removes it."""
        self._saliency = None if image is None or field_rect is None else (image, field_rect)
        self.update()

    def saliency_rect(self):
        """Where the saliency's 28x28 field is drawn, in widget pixels (a QRectF; it may reach
        beyond the sheet, which clips it), or None when there is none."""
        if self._saliency is None:
            return None
        top, left, height, width = self._saliency[1]
        rect = self.square_rect()
        w, h = rect.width(), rect.height()
        return QRectF(rect.x() + left * w, rect.y() + top * h, width * w, height * h)

    def set_overlay_visible(self, visible):
        """Show or hide the bounding box and the centre of mass."""
        self._overlay_visible = bool(visible)
        self.update()

    def overlay_visible(self):
        return self._overlay_visible

    def square_rect(self):
        """The sheet, in widget coordinates: the largest centred square (QRectF)."""
        side = min(self.width(), self.height())
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def sizeHint(self):
        return QSize(480, 480)

    def hasHeightForWidth(self):
        return True

    def heightForWidth(self, width):
        return width

    # -- rendering -------------------------------------------------------------------------------

    def _device_side(self):
        return max(1, int(round(self.square_rect().width() * self.devicePixelRatioF())))

    def _new_image(self, side):
        image = QImage(side, side, QImage.Format.Format_Grayscale8)
        image.fill(QColor(PAPER, PAPER, PAPER))
        return image

    def _pen(self, side, pressure):
        width = self._pen_fraction * side
        width *= MIN_PRESSURE_SCALE + (1.0 - MIN_PRESSURE_SCALE) * min(max(pressure, 0.0), 1.0)
        return QPen(QColor(INK, INK, INK), max(width, 1.0), Qt.PenStyle.SolidLine,
                    Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)

    def _rendered(self, side):
        """All strokes rendered on a fresh ``side`` x ``side`` image."""
        image = self._new_image(side)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for stroke in self._strokes:
            self._paint_stroke(painter, stroke, side)
        painter.end()
        return image

    def _render(self):
        self._image = self._rendered(self._device_side())
        if self._current:
            # a stroke in progress (the window was resized mid-stroke): its full render ended at
            # its last point, so the live painting continues from there
            side = self._image.width()
            x, y, _ = self._current[-1]
            self._drawn_to = QPointF(x * side, y * side)
        self.update()

    def _paint_stroke(self, painter, stroke, side):
        """A whole stroke: a dot for a single point, else midpoint quadratic curves."""
        pts = [QPointF(x * side, y * side) for x, y, _ in stroke]
        if len(pts) == 1:
            painter.setPen(self._pen(side, stroke[0][2]))
            painter.drawPoint(pts[0])
            return
        start = pts[0]
        for k in range(1, len(pts)):
            end = pts[k] if k == len(pts) - 1 else (pts[k] + pts[k + 1]) / 2
            self._paint_segment(painter, side, start, pts[k], end, stroke[k][2])
            start = end

    def _paint_segment(self, painter, side, start, control, end, pressure):
        painter.setPen(self._pen(side, pressure))
        path = QPainterPath(start)
        path.quadTo(control, end)
        painter.drawPath(path)

    def _paint_live(self, final=False):
        """Paint the newest piece of the current stroke onto the image (no full re-render)."""
        stroke = self._current
        if not stroke or self._image.isNull():
            return
        side = self._image.width()
        painter = QPainter(self._image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pts = [QPointF(x * side, y * side) for x, y, _ in stroke[-2:]]
        if len(stroke) == 1:
            painter.setPen(self._pen(side, stroke[0][2]))
            painter.drawPoint(pts[0])
            self._drawn_to = pts[0]
        elif final:
            # finish at the last point itself
            painter.setPen(self._pen(side, stroke[-1][2]))
            painter.drawLine(self._drawn_to, pts[-1])
            self._drawn_to = pts[-1]
        else:
            # curve from the previous midpoint, through the previous point, to the new midpoint
            end = (pts[0] + pts[1]) / 2
            self._paint_segment(painter, side, self._drawn_to, pts[0], end, stroke[-1][2])
            self._drawn_to = end
        painter.end()
        self.update()

    # -- input -----------------------------------------------------------------------------------

    def _normalised(self, pos):
        rect = self.square_rect()
        x = (pos.x() - rect.x()) / max(rect.width(), 1.0)
        y = (pos.y() - rect.y()) / max(rect.height(), 1.0)
        return min(max(x, 0.0), 1.0), min(max(y, 0.0), 1.0)

    def _begin(self, pos, pressure=1.0):
        x, y = self._normalised(pos)
        self._current = [(x, y, pressure)]
        self._strokes.append(self._current)
        self._undoable.append(_STROKE)
        self._paint_live()
        self._tell_pen()
        self.changed.emit()

    def _extend(self, pos, pressure=1.0):
        if self._current is None:
            return
        x, y = self._normalised(pos)
        lx, ly, _ = self._current[-1]
        # ignore moves of less than a device pixel: they add nothing but work
        if abs(x - lx) + abs(y - ly) < 1.0 / max(self._image.width(), 1):
            return
        self._current.append((x, y, pressure))
        self._paint_live()
        self.changed.emit()

    def _end(self, pos, pressure=1.0):
        if self._current is None:
            return
        x, y = self._normalised(pos)
        if len(self._current) > 1 or (x, y) != self._current[0][:2]:
            if (x, y) != self._current[-1][:2]:
                self._current.append((x, y, pressure))
            self._paint_live(final=True)
        self._current = None
        self._drawn_to = None
        self._tell_pen()
        self.changed.emit()
        self.stroke_finished.emit()

    # A stroke starts on the sheet: a press on the margin beside it (the widget is seldom
    # square) draws nothing, but a stroke dragged in from there starts where it enters. Once
    # started, a stroke may leave the sheet; it is held at the edge.

    def _on_sheet(self, pos):
        return self.square_rect().contains(pos)

    def mousePressEvent(self, event):
        if event.button() == Qt.MouseButton.LeftButton:
            if self._on_sheet(event.position()):
                self._begin(event.position())
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event):
        if event.buttons() & Qt.MouseButton.LeftButton:
            if self._current is not None:
                self._extend(event.position())
            elif self._on_sheet(event.position()):
                self._begin(event.position())
            event.accept()
        else:
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event):
        if event.button() == Qt.MouseButton.LeftButton and self._current is not None:
            self._end(event.position())
            event.accept()
        else:
            super().mouseReleaseEvent(event)

    def tabletEvent(self, event):
        """A pen tablet: like the mouse, with the pressure thinning the stroke. Accepting the
        event stops Qt from also synthesising mouse events for it."""
        kind = event.type()
        pressure = event.pressure()
        if kind == event.Type.TabletPress:
            self._tablet_down = True
            if self._on_sheet(event.position()):
                self._begin(event.position(), pressure)
        elif kind == event.Type.TabletMove and self._tablet_down:
            if self._current is not None:
                self._extend(event.position(), pressure)
            elif self._on_sheet(event.position()):
                self._begin(event.position(), pressure)
        elif kind == event.Type.TabletRelease and self._tablet_down:
            self._tablet_down = False
            self._end(event.position(), pressure)
        event.accept()

    # -- painting --------------------------------------------------------------------------------

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if self._image.width() != self._device_side():
            self._render()

    def paintEvent(self, event):
        painter = QPainter(self)
        rect = self.square_rect()
        painter.drawImage(rect, self._image)
        palette = self.palette()
        painter.setPen(QPen(palette.color(palette.ColorRole.Mid), 1))
        painter.drawRect(rect.adjusted(0.5, 0.5, -0.5, -0.5))
        if not self._strokes:
            painter.setPen(QColor(150, 150, 150))
            font = painter.font()
            font.setPointSizeF(max(10.0, rect.width() / 28))
            painter.setFont(font)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.tr("Draw a digit here"))
        if self._saliency is not None and self._strokes:
            painter.save()
            painter.setClipRect(rect)
            painter.drawImage(self.saliency_rect(), self._saliency[0])
            painter.restore()
        if self._overlay_visible and self._overlay is not None:
            self._paint_overlay(painter, rect)

    def _paint_overlay(self, painter, rect):
        (top, left, bottom, right), (cy, cx), (h, w) = self._overlay
        sx, sy = rect.width() / max(w, 1), rect.height() / max(h, 1)
        box = QRectF(rect.x() + left * sx, rect.y() + top * sy,
                     (right - left) * sx, (bottom - top) * sy)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(30, 120, 220), 1.5, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(box)
        centre = QPointF(rect.x() + cx * sx, rect.y() + cy * sy)
        painter.setPen(QPen(QColor(220, 50, 40), 2))
        arm = max(6.0, rect.width() / 40)
        painter.drawLine(centre - QPointF(arm, 0), centre + QPointF(arm, 0))
        painter.drawLine(centre - QPointF(0, arm), centre + QPointF(0, arm))
        painter.drawEllipse(centre, arm / 2, arm / 2)
        font = painter.font()
        font.setPointSizeF(9)
        painter.setFont(font)
        self.label_rects = []
        self._label(painter, rect, box.bottomLeft() + QPointF(2, 14), self.tr("bounding box"),
                    QColor(30, 120, 220))
        # right of the cross, or left of it when that would run off the sheet
        text = self.tr("centre of mass")
        width = painter.fontMetrics().horizontalAdvance(text) + 4
        at = centre + QPointF(arm + 3, -3)
        if at.x() + width > rect.right():
            at = centre + QPointF(-arm - 3 - width, -3)
        self._label(painter, rect, at, text, QColor(220, 50, 40))

    def _label(self, painter, bounds, baseline_left, text, colour):
        """Text on a translucent white plate, readable over ink, kept inside ``bounds`` (the
        sheet). The plates drawn last are in ``label_rects`` (for tests)."""
        metrics = painter.fontMetrics()
        plate = QRectF(baseline_left.x() - 2, baseline_left.y() - metrics.ascent() - 1,
                       metrics.horizontalAdvance(text) + 4, metrics.height() + 2)
        dx = max(bounds.left() + 1 - plate.left(), min(0.0, bounds.right() - 1 - plate.right()))
        dy = max(bounds.top() + 1 - plate.top(), min(0.0, bounds.bottom() - 1 - plate.bottom()))
        plate.translate(dx, dy)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 200))
        painter.drawRoundedRect(plate, 3, 3)
        painter.setPen(colour)
        painter.drawText(baseline_left + QPointF(dx, dy), text)
        self.label_rects.append(QRectF(plate))
