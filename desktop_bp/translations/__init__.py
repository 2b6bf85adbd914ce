"""The window's translation catalogues: ``desktop_bp_<code>.ts`` (sources, edited) and ``.qm``
(compiled, shipped). See GLOSSARY.md and ``tools/update_translations.py``."""
