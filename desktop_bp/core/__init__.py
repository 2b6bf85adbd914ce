"""The engine: pure NumPy. Nothing in this package imports Qt or pyqtgraph."""
