"""Finding, verifying, downloading and reading MNIST.

The data is the four IDX files of the MNIST database, each stored gzipped (``name.gz``, as they are
downloaded) or decompressed (``name``); the reader sniffs the gzip magic rather than trusting the
extension. Every file is checked by the md5 of its **decompressed** content, which is what
identifies MNIST (the gzip bytes differ between mirrors that recompressed the files).

Data travels as ``(images, labels)`` pairs:

- ``images``: (n, 784) float32 in [0, 1], i.e. pixel / 255, rows are samples, each row a 28x28 image
  in row-major order (the book's input vector x, laid out as a row);
- ``labels``: (n,) int64 digits 0..9.

:func:`load_mnist` splits the data as Michael Nielsen's book does: training = the first 50,000
images of the training file, validation = its last 10,000, test = the 10,000 of ``t10k``.

Where the data is looked for, in order (see :func:`search_locations`): an explicit path, the folder
named by ``DESKTOP_BP_DATA``, the ``data/`` of a source checkout, ``user_data_dir()/"mnist"``.

Downloading is :mod:`desktop_bp.core.mnist_download`'s.

Every problem with the data (missing, truncated, bad gzip, bad header, wrong checksum, a failed
download) raises :class:`DatasetError`, whose message names the file and says what to do.

Pure NumPy and the standard library: nothing here imports Qt.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import pickle
import tempfile
import threading
import zlib
from pathlib import Path
from typing import Callable, Mapping, NamedTuple

import numpy as np

from desktop_bp.core import paths
from desktop_bp.core.idx import (FIX_HINT, GZIP_MAGIC, DatasetError,  # noqa: F401 - re-exported
                                 DownloadCancelled, describe_file, gunzip, missing_file_error,
                                 parse_idx, read_decompressed, read_idx)

DATA_ENV = "DESKTOP_BP_DATA"


class FileSpec(NamedTuple):
    """What an MNIST file must decompress to: its md5 (hex) and its size in bytes."""

    md5: str
    size: int


TRAIN_IMAGES = "train-images-idx3-ubyte"
TRAIN_LABELS = "train-labels-idx1-ubyte"
TEST_IMAGES = "t10k-images-idx3-ubyte"
TEST_LABELS = "t10k-labels-idx1-ubyte"

#: The four IDX files, by their name without ``.gz``, with the md5 and size of the decompressed
#: content (identical for every mirror). Each may be stored as ``name.gz`` or as ``name``.
FILES: dict[str, FileSpec] = {
    TRAIN_IMAGES: FileSpec("6bbc9ace898e44ae57da46a324031adb", 47_040_016),
    TRAIN_LABELS: FileSpec("a25bea736e30d166cdddb491f175f624", 60_008),
    TEST_IMAGES: FileSpec("2646ac647ad5339dbf082846283269ea", 7_840_016),
    TEST_LABELS: FileSpec("27ae3e4e09519cfbb04c329615203637", 10_008),
}

#: Tried in this order; each serves the four ``.gz`` files under the same names.
DEFAULT_MIRRORS = (
    "https://ossci-datasets.s3.amazonaws.com/mnist/",
    "https://storage.googleapis.com/cvdf-datasets/mnist/",
    "https://yann.lecun.com/exdb/mnist/",
)

IMAGE_SIDE = 28
IMAGE_SIZE = IMAGE_SIDE * IMAGE_SIDE  # 784 inputs
VALIDATION_SIZE = 10_000  # the book's validation set: the training file's last 10,000 images

_READ_CHUNK_SIZE = 1 << 20  # read chunk when hashing a file
_MARKER_FILE_NAME = "mnist-verified.json"
_MAX_CACHED_FOLDERS = 2  # the full MNIST decodes to about 220 MB of float32


# ---------------------------------------------------------------------------------------------
# Checksums, and the marker that lets a verified file skip its md5 next time


class _ContentProblem(Exception):
    """A short reason, phrased to follow a file name ("is truncated (...)")."""


def _md5(data: bytes = b""):
    # md5 identifies the official files here; it is not used for security.
    return hashlib.md5(data, usedforsecurity=False)


def _digest(path: Path) -> tuple[str, int]:
    """(md5 hex, size in bytes) of the file's decompressed content, read in chunks.

    Raises _ContentProblem for bad gzip data and OSError when the file cannot be read."""
    with open(path, "rb") as head:
        compressed = head.read(2) == GZIP_MAGIC
    md5, size = _md5(), 0
    try:
        with (gzip.open(path, "rb") if compressed else open(path, "rb")) as stream:
            while chunk := stream.read(_READ_CHUNK_SIZE):
                md5.update(chunk)
                size += len(chunk)
    except EOFError:
        raise _ContentProblem("is truncated (its gzip stream ends early)") from None
    except gzip.BadGzipFile as exc:
        raise _ContentProblem(f"is not a valid gzip file ({exc})") from None
    except zlib.error as exc:
        raise _ContentProblem(f"is not a valid gzip file ({exc})") from None
    return md5.hexdigest(), size


def _content_problem(size: int, md5: str, spec: FileSpec) -> str | None:
    """Why ``size`` bytes of decompressed content with this md5 are not what ``spec`` describes."""
    if size < spec.size:
        return f"is truncated (expected {spec.size:,} bytes decompressed, got {size:,})"
    if size > spec.size:
        return f"is too long (expected {spec.size:,} bytes decompressed, got {size:,})"
    if md5 != spec.md5:
        return (
            f"has the wrong checksum (the md5 of its decompressed content is {md5}, expected "
            f"{spec.md5}): it is corrupted or is not the MNIST file it is named after"
        )
    return None


# Verified files, so that a file is hashed at most once per process and, through a small JSON
# file in the user data folder, once per change of the file. The key is the resolved path; the
# fingerprint is (size, mtime, inode, expected md5, expected size). This guards against
# accidental damage (a truncated copy, a half-finished download), not against tampering.
_verified: dict[str, list] = {}
_marker_lock = threading.Lock()


def _fingerprint(stat: os.stat_result, spec: FileSpec) -> list:
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino, spec.md5, spec.size]


def _marker_path() -> Path:
    return paths.user_data_dir() / _MARKER_FILE_NAME


def _read_markers() -> dict:
    try:
        markers = json.loads(_marker_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return markers if isinstance(markers, dict) else {}


def _is_marked(path: Path, stat: os.stat_result, spec: FileSpec) -> bool:
    key, fingerprint = str(path.resolve()), _fingerprint(stat, spec)
    with _marker_lock:
        if _verified.get(key) == fingerprint:
            return True
        if _read_markers().get(key) == fingerprint:
            _verified[key] = fingerprint
            return True
    return False


def _mark_verified(path: Path, stat: os.stat_result, spec: FileSpec) -> None:
    key, fingerprint = str(path.resolve()), _fingerprint(stat, spec)
    with _marker_lock:
        _verified[key] = fingerprint
        markers = _read_markers()
        markers[key] = fingerprint
        marker = _marker_path()
        # Best effort: a read-only home only costs an md5 at the next start.
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=marker.parent, prefix=f".{marker.name}.", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as out:
                    json.dump(markers, out, indent=1)
                os.replace(tmp, marker)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
        except OSError:
            pass


def _verify_file(path: Path, spec: FileSpec) -> None:
    """Raise DatasetError unless the file decompresses to the content ``spec`` describes."""
    name = describe_file(path)
    try:
        stat = path.stat()
        if _is_marked(path, stat, spec):
            return
        md5, size = _digest(path)
    except FileNotFoundError:
        raise missing_file_error(name) from None
    except OSError as exc:
        raise DatasetError(f"{name} cannot be read ({exc.strerror or exc}). {FIX_HINT}",
                           kind="unreadable") from None
    except _ContentProblem as exc:
        raise DatasetError(f"{name} {exc}. {FIX_HINT}") from None
    problem = _content_problem(size, md5, spec)
    if problem is not None:
        raise DatasetError(f"{name} {problem}. {FIX_HINT}")
    _mark_verified(path, stat, spec)


def check_files(
    folder: str | os.PathLike, *, files: Mapping[str, FileSpec] = FILES
) -> dict[str, DatasetError | None]:
    """Check every file of ``files`` in ``folder``; never raises.

    Returns, per file name (without ``.gz``), None when it is present and correct, else the
    DatasetError that says what is wrong. Files verified before and unchanged since (same size,
    modification time and inode) are not hashed again.
    """
    folder = Path(folder)
    report: dict[str, DatasetError | None] = {}
    for name, spec in files.items():
        path = _locate(folder, name)
        if path is None:
            report[name] = DatasetError(
                f"{name}.gz is missing from {folder}. Run `desktop-bp download`, or copy the "
                f"MNIST files into that folder.",
                kind="missing",
            )
            continue
        try:
            _verify_file(path, spec)
        except DatasetError as exc:
            report[name] = exc
        else:
            report[name] = None
    return report


def verify(
    folder: str | os.PathLike | None = None, *, files: Mapping[str, FileSpec] = FILES
) -> dict[str, Path]:
    """Verify the md5 of the decompressed content of every MNIST file in ``folder``.

    ``folder`` defaults to :func:`find_mnist`'s answer. Returns {file name: the path checked}.
    Raises :class:`DatasetError` naming every missing or bad file. Fast after the first time:
    see :func:`check_files`.
    """
    folder = find_mnist(folder)
    if folder.is_file():
        raise DatasetError(
            f"{folder} is a single file; verification checks a folder holding the four MNIST IDX "
            f"files (Nielsen's mnist.pkl.gz has no official checksum)."
        )
    report = check_files(folder, files=files)
    errors = [error for error in report.values() if error is not None]
    if len(errors) == 1:
        raise DatasetError(str(errors[0]), errors[0].kind)
    if errors:
        kinds = {error.kind for error in errors}
        raise DatasetError(
            f"{len(errors)} MNIST files in {folder} are not right:\n"
            + "\n".join(f"- {error}" for error in errors),
            kinds.pop() if len(kinds) == 1 else "damaged",
        )
    return {name: _locate(folder, name) for name in files}


# ---------------------------------------------------------------------------------------------
# Finding the data


def _file_names(name: str) -> tuple[str, ...]:
    """The names a file may be stored under, preferred first: the downloaded ``.gz``, the
    decompressed file, and the dotted spelling some copies use (``train-images.idx3-ubyte``)."""
    dotted = name.replace("-idx", ".idx")
    return (f"{name}.gz", name, f"{dotted}.gz", dotted)


def _locate(folder: Path, name: str) -> Path | None:
    """The path of file ``name`` in ``folder``, gzipped or not, or None when it is missing."""
    for candidate in _file_names(name):
        path = folder / candidate
        if path.is_file():
            return path
    return None


def _missing_files(folder: Path) -> list[str]:
    return [f"{name}.gz" for name in FILES if _locate(folder, name) is None]


def search_locations(path: str | os.PathLike | None = None) -> list[tuple[str, Path]]:
    """The places :func:`find_mnist` looks, in order, as (where it comes from, folder) pairs.

    An explicit ``path``; ``$DESKTOP_BP_DATA``; the folder chosen in the window (or downloaded
    into), which the command line uses too; the ``data/`` of a source checkout (skipped when
    ``DESKTOP_BP_HOME`` redirects the app's files); ``data/`` in the current folder (so that a
    clone installed with ``pip install .``, whose package no longer sits in the clone, still
    finds the files its README tells people to put there); ``user_data_dir()/"mnist"``.
    """
    locations = []
    if path is not None:
        locations.append(("the path given", Path(path).expanduser()))
    env = os.environ.get(DATA_ENV, "").strip()
    if env:
        locations.append((DATA_ENV, Path(env).expanduser()))
    remembered = paths.remembered_mnist_folder()
    if remembered is not None:
        locations.append(("the folder chosen in the app", remembered))
    if paths.home_override() is None:
        source = paths.source_data_dir()
        if source is not None:
            locations.append(("the source checkout", source))
        here = Path.cwd() / "data"
        if source is None or here.resolve() != source.resolve():
            locations.append(("data/ in the current folder", here))
    locations.append(("the user data folder", paths.user_data_dir() / "mnist"))
    return locations


def _find(path: str | os.PathLike | None) -> tuple[Path, str]:
    """(location, where it comes from); see :func:`find_mnist`."""
    locations = search_locations(path)
    for label, location in locations:
        # What the user named explicitly must hold the data: falling back to another folder
        # would silently train on something they did not ask for.
        explicit = label in ("the path given", DATA_ENV)
        if location.is_file():
            if not explicit:
                continue
            # A path to one of the IDX files stands for its folder; any other file is taken
            # to be Nielsen's pickle, which is only ever read when named explicitly.
            if any(location.name in _file_names(name) for name in FILES):
                location = location.parent
            else:
                return location, label
        if location.is_dir() and not _missing_files(location):
            return location, label
        if explicit:
            origin = "the folder given" if label == "the path given" else DATA_ENV
            if not location.is_dir():
                raise DatasetError(
                    f"{location} ({origin}) does not exist. Point it at a folder holding the "
                    f"four MNIST files, or run `desktop-bp download`.",
                    kind="missing",
                )
            missing = ", ".join(_missing_files(location))
            raise DatasetError(
                f"{location} ({origin}) does not hold the MNIST files: {missing} missing. Copy "
                f"them there, point {DATA_ENV} at a folder holding them, or run "
                f"`desktop-bp download`.",
                kind="missing",
            )
    looked = "\n".join(f"  - {location} ({label})" for label, location in locations)
    names = ", ".join(f"{name}.gz" for name in FILES)
    raise DatasetError(
        f"MNIST was not found. Looked in:\n{looked}\n"
        f"Run `desktop-bp download` to fetch it (about 11 MB) into "
        f"{paths.default_download_dir()}, or copy the four files ({names}) into one of these "
        f"folders, or point {DATA_ENV} at a folder holding them.",
        kind="missing",
    )


def find_mnist(path: str | os.PathLike | None = None) -> Path:
    """The folder holding the four MNIST files (gzipped or not), or a file named explicitly.

    Search order: ``path``, ``$DESKTOP_BP_DATA``, the folder chosen in the window, the source
    checkout's ``data/``, then ``user_data_dir()/"mnist"``. An explicit ``path`` or ``DESKTOP_BP_DATA`` must hold the data
    (a DatasetError says what is missing there); the other folders are skipped when incomplete.
    A ``path`` naming a file is returned as is (Nielsen's ``mnist.pkl.gz``), unless it is one of
    the IDX files, which stands for its folder. Files are not verified here (see :func:`verify`).
    """
    return _find(path)[0]


def mnist_available(path: str | os.PathLike | None = None) -> bool:
    """True when :func:`find_mnist` finds the data. Cheap (no file is read): fit for startup."""
    try:
        find_mnist(path)
    except DatasetError:
        return False
    return True


def describe_location(path: str | os.PathLike | None = None) -> str:
    """One message for the user: where MNIST is, or where it was looked for and what to do."""
    try:
        location, label = _find(path)
    except DatasetError as exc:
        return str(exc)
    kind = "Nielsen's pickle" if location.is_file() else "MNIST"
    return f"{kind} in {location} (from {label})."


# ---------------------------------------------------------------------------------------------
# Loading

Pair = tuple[np.ndarray, np.ndarray]

# Decoded arrays per location, keyed by what was read (the resolved path and each file's size,
# mtime and inode) and how: a changed file is read again. Values are read-only arrays, so that
# no caller can change what the next caller gets.
_loaded: dict[tuple, tuple] = {}
_load_lock = threading.Lock()


def clear_cache() -> None:
    """Forget the decoded arrays and the in-process record of verified files."""
    with _load_lock:
        _loaded.clear()
    with _marker_lock:
        _verified.clear()


def _stat_key(path: Path) -> tuple:
    try:
        stat = path.stat()
    except OSError as exc:
        raise DatasetError(
            f"{describe_file(path)} cannot be read ({exc.strerror or exc}). {FIX_HINT}",
            kind="unreadable",
        ) from None
    return (path.name, stat.st_size, stat.st_mtime_ns, stat.st_ino)


def _cached(key: tuple, load: Callable[[], tuple]) -> tuple:
    # One lock for the whole load: a second caller waits for the first decode rather than
    # decoding the same 55 MB again.
    with _load_lock:
        if key not in _loaded:
            while len(_loaded) >= _MAX_CACHED_FOLDERS:
                del _loaded[next(iter(_loaded))]
            _loaded[key] = load()
        return _loaded[key]


def _read_mnist_file(path: Path, spec: FileSpec | None) -> np.ndarray:
    """The IDX array in ``path``, checked against ``spec`` (size and md5) unless it is None."""
    stat = None
    if spec is not None:
        try:
            stat = path.stat()
        except OSError as exc:
            raise DatasetError(
                f"{describe_file(path)} cannot be read ({exc.strerror or exc}). {FIX_HINT}",
                kind="unreadable",
            ) from None
    data = read_decompressed(path)
    if spec is not None and not _is_marked(path, stat, spec):
        # The md5 is taken of the bytes about to be decoded: verified and read in one pass.
        problem = _content_problem(len(data), _md5(data).hexdigest(), spec)
        if problem is not None:
            raise DatasetError(f"{describe_file(path)} {problem}. {FIX_HINT}")
        _mark_verified(path, stat, spec)
    return parse_idx(data, describe_file(path))


def _images_and_labels(images_path: Path, labels_path: Path, files, verify: bool) -> Pair:
    """Decode an images file and its labels: (images (n, 784) float32, labels (n,) int64)."""
    raw_images = _read_mnist_file(images_path, files[_base_name(images_path)] if verify else None)
    raw_labels = _read_mnist_file(labels_path, files[_base_name(labels_path)] if verify else None)
    if raw_images.dtype != np.uint8 or raw_images.ndim != 3 or raw_images.shape[1:] != (
        IMAGE_SIDE,
        IMAGE_SIDE,
    ):
        raise DatasetError(
            f"{describe_file(images_path)} does not hold 28x28 uint8 images (it holds "
            f"{raw_images.dtype} of shape {raw_images.shape}). {FIX_HINT}"
        )
    if raw_labels.dtype != np.uint8 or raw_labels.ndim != 1:
        raise DatasetError(
            f"{describe_file(labels_path)} does not hold uint8 labels (it holds "
            f"{raw_labels.dtype} of shape {raw_labels.shape}). {FIX_HINT}"
        )
    if len(raw_images) != len(raw_labels):
        raise DatasetError(
            f"{images_path.name} holds {len(raw_images):,} images but {labels_path.name} holds "
            f"{len(raw_labels):,} labels (in {images_path.parent}). {FIX_HINT}"
        )
    if raw_labels.size and raw_labels.max() > 9:
        raise DatasetError(
            f"{describe_file(labels_path)} holds a label {int(raw_labels.max())}; MNIST labels "
            f"are 0..9. {FIX_HINT}"
        )
    images = raw_images.reshape(len(raw_images), IMAGE_SIZE).astype(np.float32)
    images /= np.float32(255.0)  # pixel / 255, divided in float32
    labels = raw_labels.astype(np.int64)
    images.setflags(write=False)
    labels.setflags(write=False)
    return images, labels


def _base_name(path: Path) -> str:
    """The FILES key a stored file name stands for."""
    for name in FILES:
        if path.name in _file_names(name):
            return name
    raise KeyError(path.name)


def _split(training_file: Pair, validation_size: int) -> tuple[Pair, Pair]:
    images, labels = training_file
    if not 0 <= validation_size <= len(images):
        raise ValueError(
            f"validation_size must be between 0 and {len(images)}, got {validation_size}"
        )
    cut = len(images) - validation_size
    # Slices are views of the cached read-only arrays: no copy.
    return (images[:cut], labels[:cut]), (images[cut:], labels[cut:])


def load_mnist(
    path: str | os.PathLike | None = None,
    *,
    verify: bool = True,
    files: Mapping[str, FileSpec] = FILES,
    validation_size: int = VALIDATION_SIZE,
) -> tuple[Pair, Pair, Pair]:
    """Load MNIST as (training, validation, test), each a pair (images, labels).

    images: (n, 784) float32 in [0, 1] (pixel / 255); labels: (n,) int64 in 0..9. Split as in
    the book: training = the first 50,000 images of the training file, validation = its last
    ``validation_size`` (10,000), test = the 10,000 ``t10k`` images. The arrays are read-only
    (they are shared by every caller in the process: copy before changing them).

    ``path`` is found by :func:`find_mnist`. It may name Nielsen's ``mnist.pkl.gz``, which is then
    read by :func:`load_mnist_pickle` (only ever when named explicitly: unpickling runs code).

    Every file is checked against ``files`` (md5 and size of its decompressed content) the first
    time it is read; ``verify=False`` skips that check, for data that is not the official MNIST
    (the IDX headers are still fully validated). Decoded arrays are cached per folder for the life
    of the process, so a second call costs nothing unless a file changed.
    Raises :class:`DatasetError` for any problem with the data.
    """
    location = find_mnist(path)
    if location.is_file():
        return load_mnist_pickle(location)
    located = {}
    for name in (TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS):
        found = _locate(location, name)
        if found is None:  # removed since find_mnist looked
            raise DatasetError(f"{name}.gz is missing from {location}. {FIX_HINT}", kind="missing")
        located[name] = found
    key = (
        "idx",
        str(location.resolve()),
        tuple(_stat_key(found) for found in located.values()),
        tuple(sorted(files.items())) if verify else None,
    )

    def load():
        training_file = _images_and_labels(
            located[TRAIN_IMAGES], located[TRAIN_LABELS], files, verify
        )
        test = _images_and_labels(located[TEST_IMAGES], located[TEST_LABELS], files, verify)
        return training_file, test

    training_file, test = _cached(key, load)
    training, validation = _split(training_file, validation_size)
    return training, validation, test


def load_mnist_pickle(path: str | os.PathLike) -> tuple[Pair, Pair, Pair]:
    """Read Nielsen's ``mnist.pkl.gz`` (or an uncompressed ``mnist.pkl``).

    The file is a pickle of ((train_x, train_y), (val_x, val_y), (test_x, test_y)) with images
    (n, 784) floats in [0, 1] and labels (n,) ints, written by Python 2 (hence
    ``encoding="latin1"``). Returns the same layout as :func:`load_mnist`: float32 images, int64
    labels, read-only, cached per file.

    Security: unpickling can run any code the file asks for. Only read a file you trust, and only
    when the user explicitly points at it; :func:`find_mnist` never picks a pickle by itself.
    """
    path = Path(path)
    key = ("pickle", str(path.resolve()), _stat_key(path))
    return _cached(key, lambda: _read_pickle(path))


def _read_pickle(path: Path) -> tuple[Pair, Pair, Pair]:
    name = describe_file(path)
    data = read_decompressed(path)
    try:
        content = pickle.loads(data, encoding="latin1")
    # A broken pickle can raise nearly anything (UnpicklingError, EOFError, AttributeError,
    # ImportError, ...): all of them mean the same thing to the user.
    except Exception as exc:
        raise DatasetError(
            f"{name} could not be read as Nielsen's mnist.pkl.gz ({type(exc).__name__}: {exc}). "
            f"Use the four MNIST IDX files instead (`desktop-bp download`)."
        ) from None
    layout_error = DatasetError(
        f"{name} is not Nielsen's mnist.pkl.gz: it should hold ((train_x, train_y), (val_x, "
        f"val_y), (test_x, test_y)) with images (n, 784) and labels (n,). Use the four MNIST IDX "
        f"files instead (`desktop-bp download`)."
    )
    if not isinstance(content, (tuple, list)) or len(content) != 3:
        raise layout_error
    pairs = []
    for pair in content:
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise layout_error
        try:
            images = np.array(pair[0], dtype=np.float32)
            labels = np.array(pair[1])
        except (TypeError, ValueError):
            raise layout_error from None
        if (
            images.ndim != 2
            or images.shape[1] != IMAGE_SIZE
            or labels.shape != (len(images),)
            or labels.dtype.kind not in "iu"
            or not np.all(np.isfinite(images))
            or (labels.size and (labels.min() < 0 or labels.max() > 9))
        ):
            raise layout_error
        labels = labels.astype(np.int64)
        images.setflags(write=False)
        labels.setflags(write=False)
        pairs.append((images, labels))
    return tuple(pairs)
