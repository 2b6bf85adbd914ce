"""Garbage is collected in the GUI thread only: never by a collection that a worker thread's
allocations happened to start."""

import gc
import threading

import shiboken6
from PySide6.QtWidgets import QWidget

from desktop_bp.ui.gc_guard import GuiGarbageCollector, collect_now


class Cycle:
    """An object in a reference cycle that records the thread its finaliser ran in."""

    def __init__(self, record):
        self.record = record
        self.me = self

    def __del__(self):
        self.record.append(threading.get_ident())


def test_a_workers_allocations_collect_nothing_the_gui_thread_does(qtbot):
    collector = GuiGarbageCollector(interval_ms=10)
    try:
        assert not gc.isenabled() and collector.running
        finalised = []
        Cycle(finalised)                    # garbage, reachable only from itself

        def allocate():
            junk = []
            for i in range(20 * sum(gc.get_threshold())):
                junk.append([i])            # well past every threshold
        worker = threading.Thread(target=allocate)
        worker.start()
        worker.join()
        assert finalised == []
        collector.threshold = (0, 0, 0)     # collect at the next tick
        qtbot.waitUntil(lambda: bool(finalised), timeout=5000)
        assert finalised == [threading.get_ident()]
    finally:
        collector.stop()


def test_stop_gives_collection_back_as_it_was():
    was = gc.isenabled()
    gc.enable()
    try:
        collector = GuiGarbageCollector()
        assert not gc.isenabled()
        collector.stop()
        assert gc.isenabled() and not collector.running
    finally:
        if not was:
            gc.disable()


def test_collect_now_deletes_widgets_waiting_for_deletelater():
    widget = QWidget()
    widget.deleteLater()
    finalised = []
    Cycle(finalised)
    collect_now()
    assert not shiboken6.isValid(widget)
    assert finalised == [threading.get_ident()]
