"""The person's own handwriting: drawings kept with the digit they really are.

Plain files a person can open, in ``user_data_dir() / "handwriting"`` by default::

    handwriting/
      labels.csv                  file,label,added_at   (one row per drawing, UTF-8)
      0001_7.png                  the 28x28 network input, as MNIST shows it: white ink on black
      originals/0001_7.png        the canvas drawing it came from (when one was given)

Everything survives a restart: a new :class:`PersonalSet` on the same folder reads the same
drawings back. A damaged or foreign entry (a row with a bad label, a PNG that is missing or
cannot be read) is skipped and described in :attr:`PersonalSet.problems`, never raised.

Export writes the same layout to a folder or a ``.zip``; import reads either, from this app or
from anywhere: without a ``labels.csv``, a file named like ``..._7.png`` is taken as a 7. A 28x28
image with a dark border is taken as a network input as it is; anything else is preprocessed as
a drawing (:func:`desktop_bp.core.preprocess.to_mnist_input`).

:func:`mix_for_finetuning` mixes the set into a training set, each drawing repeated ``repeat``
times, for :func:`desktop_bp.core.training.train`.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from desktop_bp.core.pngfile import PNGError, png_bytes, read_png

LABELS = "labels.csv"
ORIGINALS = "originals"
FIELDS = ("file", "label", "added_at")
MAX_IMPORT_FILE = 8 * 2**20        # bytes of one PNG read from an archive
MAX_IMPORT_FILES = 100_000
_DIGIT_IN_NAME = re.compile(r"_(\d)$")


def default_folder():
    from desktop_bp.core.paths import user_data_dir

    return user_data_dir() / "handwriting"


@dataclass(frozen=True)
class Entry:
    """One kept drawing: ``file`` (the input PNG's name), ``label`` (0-9), ``added_at`` (ISO
    8601 UTC), ``inputs`` (784,) float32 in [0, 1] and ``has_original``."""

    file: str
    label: int
    added_at: str
    inputs: np.ndarray = field(repr=False)
    has_original: bool = False


@dataclass
class ImportResult:
    """What an import did: ``added`` drawings, and one message per file ``skipped``."""

    added: int = 0
    skipped: list = field(default_factory=list)

    def __str__(self):
        return f"{self.added} added, {len(self.skipped)} skipped"


def _now():
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def _as_inputs(image):
    """A PNG's pixels -> (784,) float32 network input, or None when it holds no digit."""
    from desktop_bp.core.preprocess import to_grey, to_mnist_input

    grey = to_grey(image)
    if grey.shape == (28, 28):
        border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
        if border.mean() < 0.25:            # already a network input (light ink on black)
            return grey.astype(np.float32).ravel()
    return to_mnist_input(image)


def _label_of(value):
    try:
        label = int(str(value).strip())
    except ValueError:
        return None
    return label if 0 <= label <= 9 else None


class PersonalSet:
    """The drawings in ``folder`` (default: the app's ``handwriting`` folder)."""

    def __init__(self, folder=None):
        self.folder = Path(folder) if folder is not None else default_folder()
        self.problems = []
        self._entries = []
        self.reload()

    # -- reading -------------------------------------------------------------------------

    def reload(self):
        """Read the folder again; problems found are in :attr:`problems`."""
        self.problems, self._entries = [], []
        path = self.folder / LABELS
        if not path.is_file():
            return
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            self.problems.append(f"{LABELS}: cannot be read ({exc})")
            return
        for row in csv.DictReader(io.StringIO(text)):
            name = (row.get("file") or "").strip()
            label = _label_of(row.get("label"))
            if not name or label is None or "/" in name or "\\" in name:
                self.problems.append(f"{LABELS}: a row with a bad file name or label was "
                                     f"skipped ({name!r}, {row.get('label')!r})")
                continue
            try:
                inputs = _as_inputs(read_png((self.folder / name).read_bytes()))
            except (OSError, PNGError, ValueError) as exc:
                self.problems.append(f"{name}: skipped ({exc})")
                continue
            if inputs is None:
                self.problems.append(f"{name}: skipped (the image is blank)")
                continue
            self._entries.append(Entry(name, label, (row.get("added_at") or "").strip(),
                                       inputs, (self.folder / ORIGINALS / name).is_file()))

    def __len__(self):
        return len(self._entries)

    def entries(self):
        """The drawings, oldest first (a list of :class:`Entry`)."""
        return list(self._entries)

    def arrays(self):
        """-> (X (n, 784) float32, y (n,) int64)."""
        if not self._entries:
            return np.zeros((0, 784), np.float32), np.zeros(0, np.int64)
        return (np.stack([e.inputs for e in self._entries]).astype(np.float32),
                np.array([e.label for e in self._entries], np.int64))

    def original(self, file):
        """The canvas drawing kept with ``file`` (a uint8 array), or None."""
        try:
            return read_png((self.folder / ORIGINALS / file).read_bytes())
        except (OSError, PNGError):
            return None

    def accuracy(self, net):
        """The share of the set ``net`` names correctly, or None for an empty set."""
        X, y = self.arrays()
        if len(y) == 0:
            return None
        return float(np.mean(net.predict(X) == y))

    # -- writing -------------------------------------------------------------------------

    def _write_labels(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(FIELDS)
        for e in self._entries:
            writer.writerow([e.file, e.label, e.added_at])
        temporary = self.folder / (LABELS + ".tmp")
        temporary.write_text(buffer.getvalue(), encoding="utf-8")
        temporary.replace(self.folder / LABELS)

    def _next_name(self, label):
        taken = {e.file for e in self._entries}
        number = len(self._entries) + 1
        while True:
            name = f"{number:04d}_{label}.png"
            if name not in taken and not (self.folder / name).exists():
                return name
            number += 1

    def add(self, inputs, label, original=None, added_at=None):
        """Keep one drawing: ``inputs`` (784,) in [0, 1] (the network input), ``label`` 0-9,
        ``original`` optionally the canvas image (2-D uint8, dark ink on light paper or any
        grey image). Returns the new :class:`Entry`; raises ValueError for a bad label/shape."""
        label_value = _label_of(label)
        if label_value is None:
            raise ValueError(f"the label must be a digit 0-9, got {label!r}")
        x = np.asarray(inputs, dtype=np.float32).reshape(-1)
        if x.size != 784 or not np.all(np.isfinite(x)):
            raise ValueError(f"expected 784 finite inputs, got {x.size}")
        x = np.clip(x, 0.0, 1.0)
        pixels = np.round(x * 255).astype(np.uint8)
        name = self._next_name(label_value)
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / name).write_bytes(png_bytes(pixels.reshape(28, 28)))
        has_original = False
        if original is not None:
            from desktop_bp.core.preprocess import to_grey

            grey = np.round(to_grey(original) * 255).astype(np.uint8)
            (self.folder / ORIGINALS).mkdir(exist_ok=True)
            (self.folder / ORIGINALS / name).write_bytes(png_bytes(grey))
            has_original = True
        entry = Entry(name, label_value, added_at or _now(), pixels.astype(np.float32) / 255,
                      has_original)
        self._entries.append(entry)
        self._write_labels()
        return entry

    def remove(self, file):
        """Forget one drawing and delete its files; False when there is no such drawing."""
        kept = [e for e in self._entries if e.file != file]
        if len(kept) == len(self._entries):
            return False
        self._entries = kept
        self._write_labels()
        for path in (self.folder / file, self.folder / ORIGINALS / file):
            try:
                path.unlink()
            except FileNotFoundError:
                pass
        return True

    def relabel(self, file, label):
        """Change the digit a drawing is; False when there is no such drawing."""
        label_value = _label_of(label)
        if label_value is None:
            raise ValueError(f"the label must be a digit 0-9, got {label!r}")
        for i, e in enumerate(self._entries):
            if e.file == file:
                self._entries[i] = Entry(e.file, label_value, e.added_at, e.inputs, e.has_original)
                self._write_labels()
                return True
        return False

    # -- export and import -----------------------------------------------------------------

    def export_to(self, destination):
        """Write the set to a folder, or to a ``.zip`` when ``destination`` ends in .zip, in the
        same layout as the set's own folder. Returns the path written."""
        destination = Path(destination)
        files = {LABELS: (self.folder / LABELS).read_bytes() if self._entries else
                 ",".join(FIELDS).encode() + b"\n"}
        for e in self._entries:
            files[e.file] = (self.folder / e.file).read_bytes()
            if e.has_original:
                files[f"{ORIGINALS}/{e.file}"] = (self.folder / ORIGINALS / e.file).read_bytes()
        if destination.suffix.lower() == ".zip":
            destination.parent.mkdir(parents=True, exist_ok=True)
            with zipfile.ZipFile(destination, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, data in files.items():
                    archive.writestr(name, data)
        else:
            for name, data in files.items():
                (destination / name).parent.mkdir(parents=True, exist_ok=True)
                (destination / name).write_bytes(data)
        return destination

    def import_from(self, source):
        """Add the drawings of a folder or a ``.zip`` (see the module doc) -> :class:`ImportResult`.
        Nothing here raises for a bad file: each is skipped with a message."""
        result = ImportResult()
        try:
            files = _read_source(Path(source))
        except (OSError, zipfile.BadZipFile, ValueError) as exc:
            result.skipped.append(f"{Path(source).name}: cannot be read ({exc})")
            return result
        labels = {}
        if LABELS in files:
            try:
                for row in csv.DictReader(io.StringIO(files[LABELS].decode("utf-8"))):
                    labels[(row.get("file") or "").strip()] = row.get("label")
            except (UnicodeDecodeError, csv.Error) as exc:
                result.skipped.append(f"{LABELS}: cannot be read ({exc})")
        for name in sorted(files):
            if name == LABELS or name.startswith(ORIGINALS + "/") or "/" in name:
                continue
            if not name.lower().endswith(".png"):
                result.skipped.append(f"{name}: skipped (not a PNG image)")
                continue
            match = _DIGIT_IN_NAME.search(Path(name).stem)
            label = _label_of(labels[name]) if name in labels else \
                (int(match.group(1)) if match else None)
            if label is None:
                result.skipped.append(f"{name}: skipped (no digit label in {LABELS} or its name)")
                continue
            try:
                image = read_png(files[name])
                inputs = _as_inputs(image)
            except (PNGError, ValueError) as exc:
                result.skipped.append(f"{name}: skipped ({exc})")
                continue
            if inputs is None:
                result.skipped.append(f"{name}: skipped (the image is blank)")
                continue
            original = files.get(f"{ORIGINALS}/{name}")
            try:
                original = read_png(original) if original is not None else None
            except PNGError:
                original = None
            self.add(inputs, label, original)
            result.added += 1
        return result


def _read_source(source):
    """{relative name: bytes} of the PNGs and labels file of a folder or a zip archive."""
    files = {}
    if source.is_dir():
        for path in sorted(source.rglob("*")):
            if path.is_file() and path.stat().st_size <= MAX_IMPORT_FILE:
                files[path.relative_to(source).as_posix()] = path.read_bytes()
            if len(files) > MAX_IMPORT_FILES:
                raise ValueError(f"more than {MAX_IMPORT_FILES:,} files")
        return files
    if not source.exists():
        raise OSError("no such file or folder")
    with zipfile.ZipFile(source) as archive:
        infos = [i for i in archive.infolist() if not i.is_dir()]
        if len(infos) > MAX_IMPORT_FILES:
            raise ValueError(f"more than {MAX_IMPORT_FILES:,} files")
        # archives made by zipping a folder hold it as one top folder: look inside it
        prefix = ""
        tops = {i.filename.split("/", 1)[0] for i in infos}
        if len(tops) == 1 and all("/" in i.filename for i in infos):
            prefix = tops.pop() + "/"
        for info in infos:
            if info.file_size <= MAX_IMPORT_FILE:
                files[info.filename[len(prefix):]] = archive.read(info)
    return files


def mix_for_finetuning(training, personal, repeat=10, seed=0):
    """Mix a personal set into a training set -> ``(images, labels)`` for :func:`train`.

    ``training``: ``(images (n, 784), labels (n,))``; ``personal``: a :class:`PersonalSet` or an
    ``(X, y)`` pair; ``repeat``: how many times each personal drawing appears (its weight
    against one MNIST image). The result is shuffled with ``seed``."""
    X_p, y_p = personal.arrays() if isinstance(personal, PersonalSet) else personal
    repeat = int(repeat)
    if repeat < 0:
        raise ValueError("the repeat factor must be 0 or more")
    images = np.concatenate([np.asarray(training[0], np.float32),
                             np.repeat(np.asarray(X_p, np.float32).reshape(-1, 784), repeat, axis=0)])
    labels = np.concatenate([np.asarray(training[1], np.int64),
                             np.repeat(np.asarray(y_p, np.int64), repeat)])
    order = np.random.default_rng(seed).permutation(len(labels))
    return images[order], labels[order]
