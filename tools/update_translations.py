"""Regenerate the window's translation catalogues from the sources.

    python tools/update_translations.py           # update the .ts files, compile the .qm files
    python tools/update_translations.py --check   # the same into a temporary folder: report,
                                                  # change nothing, exit 1 if work is left

1. ``pyside6-lupdate`` reads every ``desktop_bp/ui/**/*.py`` and merges the texts passed to
   ``tr()`` / ``QCoreApplication.translate`` into ``desktop_bp/translations/desktop_bp_zh_CN.ts``
   (all texts) and ``desktop_bp_en.ts`` (only the texts with plural forms, ``%n``), keeping the
   translations already there and dropping texts the sources no longer have.
2. New texts arrive as unfinished entries: translate them in Qt Linguist (``pyside6-linguist``)
   or in the XML itself, following ``desktop_bp/translations/GLOSSARY.md``, and run this again.
3. ``pyside6-lrelease`` compiles each .ts into the .qm shipped in the package.

The .ts files keep no line numbers, so that moving code changes nothing in them, and no
"extracomment": lupdate would take every ``#:`` comment above a ``tr()`` for a note to the
translator, and here those comments document attributes. A translator who needs a hint gets it
from the disambiguation argument, ``self.tr("Show:", "heatmaps: gradients or weights")``.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "desktop_bp" / "ui"
TRANSLATIONS_DIR = ROOT / "desktop_bp" / "translations"
SOURCE_LANGUAGE = "en"
#: language code -> extra lupdate options. English holds only the plural forms ("1 layer",
#: "2 layers"): its other texts are the sources themselves.
LANGUAGES = {"zh_CN": [], "en": ["-pluralonly"]}


EXTRACOMMENT = re.compile(r"\n[ \t]*<extracomment>.*?</extracomment>", re.DOTALL)


def ts_path(code, folder=TRANSLATIONS_DIR):
    return Path(folder) / f"desktop_bp_{code}.ts"


def qm_path(code, folder=TRANSLATIONS_DIR):
    return Path(folder) / f"desktop_bp_{code}.qm"


def find_tool(name):
    """The path of Qt's ``lupdate`` or ``lrelease`` as PySide6 ships it, or None: the binary
    inside the PySide6 package, else the ``pyside6-<name>`` script beside this Python, else
    one on PATH."""
    try:
        import PySide6
    except ImportError:
        PySide6 = None
    candidates = []
    if PySide6 is not None:
        package = Path(PySide6.__file__).parent
        candidates += [package / name, package / f"{name}.exe"]
    scripts = Path(sys.executable).parent
    candidates += [scripts / f"pyside6-{name}", scripts / f"pyside6-{name}.exe"]
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    return shutil.which(f"pyside6-{name}")


def ui_sources(ui_dir=UI_DIR):
    """Every Python file of the window, sorted."""
    return sorted(str(p) for p in Path(ui_dir).rglob("*.py") if "__pycache__" not in p.parts)


def _run(tool, args):
    path = find_tool(tool)
    if path is None:
        raise FileNotFoundError(f"Qt's {tool} was not found; it ships with PySide6 "
                                f"(pip install PySide6-Essentials)")
    result = subprocess.run([path, *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{tool} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def lupdate(ts_file, code, sources=None, keep_obsolete=False):
    """Merge the texts of ``sources`` (default: the window's) into ``ts_file``. Texts no longer
    in the sources are dropped, or with ``keep_obsolete`` marked "vanished"/"obsolete"."""
    args = list(sources or ui_sources())
    args += ["-ts", str(ts_file), "-locations", "none", "-source-language", SOURCE_LANGUAGE,
             "-target-language", code, *LANGUAGES[code]]
    if not keep_obsolete:
        args.append("-no-obsolete")
    output = _run("lupdate", args)
    text = Path(ts_file).read_text(encoding="utf-8")
    Path(ts_file).write_text(EXTRACOMMENT.sub("", text), encoding="utf-8")
    return output


def lrelease(ts_file, qm_file):
    """Compile ``ts_file`` into ``qm_file``."""
    return _run("lrelease", [str(ts_file), "-qm", str(qm_file)])


def ts_entries(ts_file):
    """Each message of a .ts file as a dict: context, source, numerus (bool), status (None for
    finished, else the translation's type: "unfinished", "vanished", "obsolete") and
    translations (a list of strings, one per plural form)."""
    entries = []
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = translation.findall("numerusform")
            texts = [f.text or "" for f in forms] if forms else [translation.text or ""]
            entries.append({"context": name, "source": message.findtext("source") or "",
                            "numerus": message.get("numerus") == "yes",
                            "status": translation.get("type"), "translations": texts})
    return entries


def problems(entries):
    """What is left to do in a .ts: texts without a finished translation, and texts the
    sources no longer have (as 'context: source' lines)."""
    out = []
    for e in entries:
        label = f"{e['context']}: {e['source']!r}"
        if e["status"] in ("vanished", "obsolete"):
            out.append(f"no longer in the sources ({e['status']}): {label}")
        elif e["status"] == "unfinished" or not all(t.strip() for t in e["translations"]):
            out.append(f"not translated: {label}")
    return out


def check(folder):
    """Run lupdate over copies of the .ts files in ``folder`` (obsolete texts kept, so that
    they show) and return {code: problems}."""
    report = {}
    for code in LANGUAGES:
        copy = ts_path(code, folder)
        if ts_path(code).is_file():
            shutil.copyfile(ts_path(code), copy)
        lupdate(copy, code, keep_obsolete=True)
        report[code] = problems(ts_entries(copy))
    return report


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="report what is untranslated or stale without changing anything")
    args = parser.parse_args(argv)
    if args.check:
        with tempfile.TemporaryDirectory() as folder:
            report = check(folder)
    else:
        report = {}
        for code in LANGUAGES:
            lupdate(ts_path(code), code)
            lrelease(ts_path(code), qm_path(code))
            report[code] = problems(ts_entries(ts_path(code)))
    for code, todo in report.items():
        print(f"{ts_path(code).relative_to(ROOT)}: {len(todo) or 'nothing'} left to do")
        for line in todo:
            print(f"    {line}")
    return 1 if any(report.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
