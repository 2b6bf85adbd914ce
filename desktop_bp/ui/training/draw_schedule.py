"""When the training page draws while a run trains.

Drawing is done by the GUI thread in Python (pyqtgraph), and the training thread needs the same
interpreter lock and, on a two-core machine, the same cores: every draw slows the training, and
a draw of 10-40 ms holds up whatever the person does in the window meanwhile. So the page draws
on a schedule rather than on every event:

- at every tick (:data:`DRAW_INTERVAL_MS`), the cheap things: progress, counters, time left;
- at every other tick, one heavy draw, in turn (:data:`CYCLE`): the curves, then the heatmaps
  with the latest epoch's weights, each every two seconds. That keeps the window's cost to
  training under 5% on a two-core machine (``desktop-bp bench``: about +1%; drawing the curves
  every second as well, +3 to +7%);
- while the person draws on the canvas (``hold()`` is true), a heavy draw waits for the pen to
  lift, up to :data:`MAX_HELD_TICKS` ticks: a stroke's prediction never waits behind the plots,
  and the plots are never more than a few seconds behind.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Slot

DRAW_INTERVAL_MS = 500
#: The heavy draw of each tick of a cycle (None: the counters only).
CYCLE = ("curves", None, "heatmaps", None)
MAX_HELD_TICKS = 4


class DrawSchedule(QObject):
    """Calls ``light()`` at every tick and ``curves()`` / ``heatmaps()`` in turn at every other
    one while started; see the module doc. :meth:`tick` is the timer's slot (tests call it)."""

    def __init__(self, light, curves, heatmaps, parent=None):
        super().__init__(parent)
        self._light, self._curves, self._heatmaps = light, curves, heatmaps
        self._ticks = 0
        self._held = 0                  # ticks a heavy draw has waited for the pen
        self.hold = lambda: False
        self._timer = QTimer(self)
        self._timer.setInterval(DRAW_INTERVAL_MS)
        self._timer.timeout.connect(self.tick)

    def start(self):
        self._timer.start()

    def stop(self):
        self._timer.stop()

    @Slot()
    def tick(self):
        self._light()
        draw = CYCLE[self._ticks % len(CYCLE)]
        if draw is not None and self._held < MAX_HELD_TICKS and self.hold():
            self._held += 1             # the person is drawing: this tick again, next time
            return
        self._held = 0
        self._ticks += 1
        if draw == "curves":
            self._curves()
        elif draw == "heatmaps":
            self._heatmaps()
