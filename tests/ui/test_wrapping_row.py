"""The row of controls that breaks in two in a narrow window."""

from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget, QVBoxLayout

from desktop_bp.ui.wrapping_row import STRETCH, WrappingRow


def _row(qtbot):
    first = [QLabel("Show the gradients of"), QPushButton("a rather long choice")]
    second = [QPushButton("another long choice"), STRETCH, QLabel("a hint")]
    row = WrappingRow(first, second)
    host = QWidget()
    QVBoxLayout(host).addWidget(row)
    qtbot.addWidget(host)
    return host, row, first, second


def test_both_halves_share_a_line_when_they_fit_and_break_when_not(qtbot):
    host, row, first, second = _row(qtbot)
    wide = row.one_line_width() + 40
    host.resize(wide, 80)
    host.show()
    qtbot.waitUntil(lambda: row.width() >= row.one_line_width())
    assert row.wrapped is False
    assert first[1].y() == second[0].y()                # side by side
    assert second[0].x() > first[1].x()
    host.resize(row.one_line_width() - 60, 120)
    qtbot.waitUntil(lambda: row.wrapped)
    QApplication.processEvents()
    assert second[0].y() > first[1].y()                 # the second half on the line below
    assert second[0].geometry().right() <= row.width()
    host.resize(wide, 80)
    qtbot.waitUntil(lambda: row.wrapped is False)


def test_the_row_asks_only_for_its_wider_half(qtbot):
    host, row, first, second = _row(qtbot)
    least = row.minimumSizeHint().width()
    assert least < row.one_line_width()
    assert least >= sum(w.minimumSizeHint().width() for w in first)
    # so the widget holding it may be narrower than the one-line row
    assert host.minimumSizeHint().width() < row.one_line_width()


def test_a_longer_word_in_the_same_width_breaks_the_line(qtbot):
    host, row, first, second = _row(qtbot)
    host.resize(row.one_line_width() + 60, 80)         # the host's margins take some
    host.show()
    qtbot.waitUntil(lambda: row.wrapped is False)
    width = row.width()
    second[0].setText("another choice, and a longer one")   # as a new language's words do
    assert row.minimumSizeHint().width() < width < row.one_line_width()
    qtbot.waitUntil(lambda: row.wrapped)
    assert row.width() == width
    second[0].setText("short")
    qtbot.waitUntil(lambda: row.wrapped is False)
