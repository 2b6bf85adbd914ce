"""The package version, in a module of its own: anything may import it without importing the
package's public API (and so without an import cycle)."""

__version__ = "0.1.0"
