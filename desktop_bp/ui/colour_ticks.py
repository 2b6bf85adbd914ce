"""Tick labels of the colour bars of signed values: short, in one notation, and never on top of
each other.

pyqtgraph labels a bar's ticks as ``%g`` does ("-2e-06", "1e-06") and always draws every label
of its first tick level, so on a narrow bar (the microscope's layer grid has 100-pixel columns)
"-2e-06 0 2e-06" ran into one another. :func:`use_symmetric_ticks` gives an axis at most three
ticks, -m, 0 and +m with m a round number (1, 2 or 5 times a power of ten), fewer when their
labels would not fit apart, and labels of at most two significant digits ("2e-6", "0.5").
"""

from __future__ import annotations

import math

from PySide6.QtGui import QFont, QFontMetricsF

#: The least room, in pixels, between two tick labels.
LABEL_GAP = 6


def compact_number(x, exponent):
    """At most 2 significant digits: plain ("-20", "0.5", "0.015") or, with ``exponent``, in
    as few characters as it takes ("7e-4", "-1.5e-5"; a plain "-0.0001" would crowd a narrow
    colour bar's label)."""
    if exponent:
        mantissa, power = f"{x:.1e}".split("e")
        mantissa = mantissa.rstrip("0").rstrip(".")
        return f"{mantissa}e{int(power)}"
    return f"{x:.2g}"


def compact_tick_strings(values, scale, spacing, extent=None):
    """Colour-bar tick labels (see :func:`compact_number`), all in the same notation: with
    exponents when the largest value shown is under 0.01 or over 10^4. ``extent``: that value
    (the bar's top), since the axis asks for its major and minor ticks separately. 0 is "0"."""
    largest = extent if extent is not None else max((abs(v * scale) for v in values),
                                                    default=0.0)
    exponent = largest < 0.01 or largest >= 1e4
    return ["0" if abs(v) < 1e-6 * spacing else compact_number(v * scale, exponent)
            for v in values]


def round_below(extent):
    """The largest 1, 2 or 5 times a power of ten that is at most ``extent`` (> 0)."""
    power = 10.0 ** math.floor(math.log10(extent))
    for step in (5.0, 2.0, 1.0):
        if step * power <= extent * (1 + 1e-9):
            return step * power
    return power


def symmetric_tick_values(low, high, length, label_size):
    """``[(m, values)]`` for an axis from ``low`` to ``high`` drawn ``length`` pixels long:
    -m, 0, +m where their labels (``label_size(text)``: the pixels a label takes along the
    axis) fit apart and inside the axis; else -m and +m, else 0 alone. An axis from 0 (``low``
    = 0) gets 0 and m, else m/2 and m, else m."""
    extent = max(abs(low), abs(high))
    if not extent > 0 or not length > 0 or high <= low:
        return [(1.0, [0.0])]
    m = round_below(extent)
    per_unit = length / (high - low)

    def sizes(values):
        strings = compact_tick_strings(values, 1.0, m, extent)
        return [label_size(s) for s in strings]

    def fits(values):
        places = [(v - low) * per_unit for v in values]
        widths = sizes(values)
        if places[0] - widths[0] / 2 < 0 or places[-1] + widths[-1] / 2 > length:
            return False        # a label past the bar's end is not drawn at all
        return all(b - a >= (wa + wb) / 2 + LABEL_GAP
                   for a, b, wa, wb in zip(places, places[1:], widths, widths[1:]))

    for _ in range(3):          # 5 -> 2 -> 1: a smaller m brings the end labels inside
        if low >= 0:            # a bar from 0 (activations, sigma'): 0 sits on its end
            for values in ([0.0, m], [m / 2, m], [m]):
                if fits(values):
                    return [(m, values)]
        else:
            if fits([-m, 0.0, m]):
                return [(m, [-m, 0.0, m])]
            if fits([-m, m]):
                return [(2 * m, [-m, m])]
        m = round_below(m * 0.99)
    return [(extent, [0.0])]


def use_symmetric_ticks(axis):
    """Give a colour bar's ``axis`` (a pyqtgraph AxisItem) the ticks and labels of this
    module."""
    def label_size(text):
        font = axis.style.get("tickFont") or QFont()
        metrics = QFontMetricsF(font)
        horizontal = axis.orientation in ("top", "bottom")
        return metrics.horizontalAdvance(text) if horizontal else metrics.height()

    def tick_values(low, high, length):
        return symmetric_tick_values(low, high, length, label_size)

    def tick_strings(values, scale, spacing):
        low, high = axis.range
        extent = max(abs(low), abs(high)) * scale
        return compact_tick_strings(values, scale, spacing, extent or None)

    axis.setSIPrefixEnableRanges(())
    axis.enableAutoSIPrefix(False)
    axis.tickValues = tick_values
    axis.tickStrings = tick_strings
