"""Model files: save (atomic), load (validated), and Nielsen's ``network2.py`` JSON.

The native format is a NumPy ``.npz`` archive (a zip of ``.npy`` files) holding, for a network
with ``L`` weight layers:

- ``w0`` .. ``w{L-1}``: the weights, ``w{l}`` of shape (sizes[l+1], sizes[l]) — the book's w^l_jk;
- ``b0`` .. ``b{L-1}``: the biases, ``b{l}`` of shape (sizes[l+1],);
- ``metadata``: a UTF-8 JSON object stored as a 1-D ``uint8`` array, so that reading it never
  needs pickle. It holds ``format`` ("desktop_bp.model"), ``format_version``, the architecture
  (``sizes``, ``activation``, ``output``, ``cost``, ``init``, ``dtype``) and free-form information
  about the model (``hyperparameters``, ``history``, ``test_accuracy``, ``created``,
  ``app_version``, ...);
- optionally ``epoch{k}_w{l}``, ``epoch{k}_b{l}``: the weights after epoch ``k`` (the epoch time
  machine, :mod:`desktop_bp.core.snapshots`), for every ``k`` the metadata's ``snapshot_epochs``
  lists. Files without them are as before.

Model files are meant to be shared, so loading treats every file as hostile. Instead of
``np.load`` this module reads the zip itself: each entry's ``.npy`` header (a literal dict,
parsed without evaluating code) is checked against the shapes the metadata announces *before*
its data is decompressed, every entry's CRC is verified, and an array of Python objects is
refused from its header alone, so pickle is never reached. Every problem with a file raises
:class:`ModelFileError`; nothing else escapes :func:`load_model`.

``network2.py`` (the book's chapter 3 code) saves ``{"sizes", "weights", "biases", "cost"}`` as
JSON with every bias a column vector (n_out, 1); :func:`import_nielsen_json` and
:func:`export_nielsen_json` read and write exactly that, so models move between the two.
"""

from __future__ import annotations

import datetime
import io
import json
import math
import os
import zipfile
from pathlib import Path

import numpy as np

from desktop_bp.core.atomic_file import remove_stale_temporaries
from desktop_bp.core.atomic_file import write_atomically as _write_atomically
from desktop_bp.core.network import ACTIVATIONS, COSTS, INITS, OUTPUTS, Network

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "ModelFileError",
    "export_nielsen_json",
    "import_nielsen_json",
    "load_any",
    "load_model",
    "save_model",
]

FORMAT_NAME = "desktop_bp.model"
FORMAT_VERSION = 1

# Limits that keep a hostile or damaged file from exhausting memory. They are far above any
# network this app trains ([784, 100, 10] has 79,510 parameters).
MAX_LAYER_SIZE = 100_000          # neurons in one layer
MAX_LAYERS = 1_000                # entries in ``sizes``
MAX_PARAMETERS = 100_000_000      # weights + biases (400 MB as float32)
MAX_METADATA_BYTES = 16 * 2**20   # the JSON metadata entry
MAX_JSON_BYTES = 256 * 2**20      # a network2.py JSON file (about 12 million parameters)
MAX_NPY_HEADER = 10_000           # characters in one .npy header, NumPy's own default limit

_ZIP_MAGIC = b"PK\x03\x04"
_METADATA = "metadata"
# Optional: the epochs whose weights are stored as epoch{k}_w{l} / epoch{k}_b{l} (the time machine).
_SNAPSHOT_EPOCHS = "snapshot_epochs"
MAX_SNAPSHOT_EPOCHS = 100_000
# Metadata keys that describe the file and the architecture; the rest is free-form information
# and becomes ``net.metadata`` when the file is loaded.
_ARCHITECTURE_KEYS = ("format", "format_version", "sizes", "activation", "output", "cost",
                      "init", "dtype")
_FLOAT_DTYPES = ("float16", "float32", "float64")
# network2.py stores its cost class's name; these are the two classes it defines.
_NIELSEN_COSTS = {"QuadraticCost": "quadratic", "CrossEntropyCost": "cross-entropy"}


#: What can be wrong with a model file, for a window to say in its own language (the English
#: ``reason`` gives the details).
MODEL_FILE_PROBLEMS = ("missing", "folder", "permission", "unreadable", "empty", "not_model",
                       "damaged", "newer", "unsafe", "too_large", "invalid")


class ModelFileError(ValueError):
    """A model file that cannot be used: missing, empty, damaged, not a model file, or a model
    whose contents are inconsistent. ``path`` is the file and ``reason`` the problem in words;
    ``str(error)`` gives both, ready to show to the user. ``kind`` (one of
    :data:`MODEL_FILE_PROBLEMS`) says which kind of problem it is."""

    def __init__(self, path, reason, kind="invalid"):
        self.path = None if path is None else Path(path)
        self.reason = reason
        self.kind = kind if kind in MODEL_FILE_PROBLEMS else "invalid"
        super().__init__(reason if path is None else f"{path}: {reason}")

    def __reduce__(self):
        return (type(self), (self.path, self.reason, self.kind))


# ---------------------------------------------------------------------------------------------
# Saving


def save_model(path, net, *, metadata=None, extra_arrays=None, extra_metadata=None) -> Path:
    """Save ``net`` to ``path`` (exactly that name; no suffix is added) as a native ``.npz``.

    The metadata written is ``net.metadata`` updated with ``metadata``, plus ``created`` (an ISO
    8601 UTC timestamp, kept if already present), ``app_version``, and the format and
    architecture keys, which always describe ``net`` itself. Values must be JSON-friendly; NumPy
    scalars and arrays are converted, and NaN or infinite floats are stored as ``null`` so the
    file stays standard JSON.

    The write is atomic: the file is written to a temporary file in the same folder, flushed to
    disk, then renamed over ``path`` (see :mod:`desktop_bp.core.atomic_file`, which also removes
    what earlier saves of ``path`` that were killed left behind). If anything fails, the
    temporary file is removed, any previous ``path`` is left untouched and the error propagates (``ValueError`` or
    ``TypeError`` for a network or metadata that cannot be saved, ``OSError`` for the disk).
    Returns ``path`` as a :class:`~pathlib.Path`.

    ``extra_arrays`` / ``extra_metadata``: the epoch time machine's optional snapshot arrays
    (``epoch{k}_w{l}``, ``epoch{k}_b{l}``) and their ``snapshot_epochs`` list, written by
    :func:`desktop_bp.core.snapshots.save_with_snapshots`.
    """
    path = Path(path)
    arrays = _parameter_arrays(net)
    arrays.update(extra_arrays or {})
    info = _jsonable(dict(net.metadata), "metadata")
    info.update(_jsonable(dict(metadata or {}), "metadata"))
    info.pop(_SNAPSHOT_EPOCHS, None)         # only ever describes the arrays written here
    info.update(_jsonable(dict(extra_metadata or {}), "metadata"))
    info.setdefault("created", datetime.datetime.now(datetime.timezone.utc)
                    .isoformat(timespec="seconds"))
    info["app_version"] = _app_version()
    # The architecture goes last so that no free-form entry can contradict the arrays.
    info.update(format=FORMAT_NAME, format_version=FORMAT_VERSION, **net.config(),
                dtype=np.dtype(net.dtype).name)
    text = json.dumps(info, allow_nan=False, ensure_ascii=False)
    arrays[_METADATA] = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)

    def write(fh):
        # Every array here is numeric (float or uint8), so NumPy never pickles anything: the
        # file loads with allow_pickle=False. (The allow_pickle keyword of savez_compressed is
        # not passed because older NumPy would store it as an array named "allow_pickle".)
        np.savez_compressed(fh, **arrays)

    _write_atomically(path, write)
    return path


def _parameter_arrays(net):
    """{"w0": (n_1, n_0), "b0": (n_1,), ...} in the network's dtype, checked so that a file we
    write is always a file we can load."""
    dtype = np.dtype(net.dtype)
    if dtype.name not in _FLOAT_DTYPES:
        raise ValueError(f"cannot save a network of dtype {dtype}; expected one of {_FLOAT_DTYPES}")
    sizes = list(net.sizes)
    problem = _sizes_problem(sizes)
    if problem:
        raise ValueError(f"cannot save this network: {problem}")
    if len(net.weights) != len(sizes) - 1 or len(net.biases) != len(sizes) - 1:
        raise ValueError(f"cannot save this network: sizes {sizes} need {len(sizes) - 1} weight "
                         f"layers, it has {len(net.weights)} weights and {len(net.biases)} biases")
    arrays = {}
    for l, (w, b) in enumerate(zip(net.weights, net.biases)):
        for name, array, kind in ((f"w{l}", w, "weights"), (f"b{l}", b, "biases")):
            problem = _shape_problem(sizes, l, kind, np.shape(array))
            if problem:
                raise ValueError(f"cannot save this network: {problem}")
            array = np.ascontiguousarray(array, dtype=dtype)
            if not np.isfinite(array).all():
                raise ValueError(f"cannot save this network: {_finite_problem(l, kind, array)}")
            arrays[name] = array
    return arrays


def _jsonable(value, where):
    """``value`` converted to plain JSON types (dict with str keys, list, str, int, float, bool,
    None). NumPy scalars and arrays become Python numbers and lists, tuples become lists,
    dates and paths become strings, non-finite floats become None. ``where`` names the value
    in the TypeError raised for anything else."""
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return value if math.isfinite(value) else None
    if isinstance(value, np.ndarray):
        return _jsonable(value.tolist(), where)
    if isinstance(value, dict):
        return {str(k): _jsonable(v, f"{where}[{k!r}]") for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v, f"{where}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    raise TypeError(f"{where} is a {type(value).__name__}, which cannot be saved as JSON")


def _app_version():
    from desktop_bp._version import __version__
    return __version__


# ---------------------------------------------------------------------------------------------
# Loading


def load_model(path) -> Network:
    """Load a native ``.npz`` model file written by :func:`save_model`.

    Everything is validated: the file is a zip holding exactly ``metadata``, ``w0..``, ``b0..``;
    the metadata is a JSON object of a supported format and version with a valid architecture;
    each array's shape chains from layer to layer, its dtype is float16, float32 or float64 and
    all its values are finite. The network is float64 if the file stores float64, else float32.
    ``net.metadata`` is the stored metadata without the format and architecture keys.

    Raises :class:`ModelFileError` for any problem with the file, and nothing else; no content
    of the file is ever executed.
    """
    path = Path(path)
    remove_stale_temporaries(path)      # what saves of this file that were killed left
    head = _read_head(path)
    if not head.startswith(_ZIP_MAGIC):
        hint = ("; it looks like JSON — open it as a network2.py file"
                if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") else "")
        raise ModelFileError(path, f"not a desktop_bp model file (not a NumPy .npz archive{hint})",
                             kind="not_model")
    try:
        with zipfile.ZipFile(path) as archive:
            return _load_archive(path, archive)
    except ModelFileError:
        raise
    except Exception as exc:
        # A damaged archive can make zipfile, zlib or the .npy header parser raise nearly any
        # exception type (BadZipFile, zlib.error, EOFError, NotImplementedError for an unknown
        # compression method, RuntimeError for an "encrypted" entry, ...). The promise to the
        # caller is one exception type for every bad file, so all of them become this one.
        raise ModelFileError(path, f"truncated or damaged ({type(exc).__name__}: {exc})",
                             kind="damaged") from exc


def _read_head(path, n=4096):
    """The first ``n`` bytes of the file; ModelFileError if it is missing, unreadable or empty."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(n)
    except FileNotFoundError:
        raise ModelFileError(path, "no such file", kind="missing") from None
    except IsADirectoryError:
        raise ModelFileError(path, "is a folder, not a model file", kind="folder") from None
    except PermissionError:
        raise ModelFileError(path, "permission denied", kind="permission") from None
    except OSError as exc:
        raise ModelFileError(path, f"cannot be read ({exc.strerror or exc})",
                             kind="unreadable") from None
    if not head:
        raise ModelFileError(path, "the file is empty", kind="empty")
    return head


def _load_archive(path, archive):
    infos = archive.infolist()
    names = [info.filename for info in infos]
    if f"{_METADATA}.npy" not in names:
        raise ModelFileError(path, "not a desktop_bp model file (it has no metadata entry)",
                             kind="not_model")
    if len(set(names)) != len(names):
        raise ModelFileError(path, "damaged (an entry appears twice in the archive)",
                             kind="damaged")
    info = _check_metadata(path, _read_metadata(path, archive))
    sizes = info["sizes"]
    n_layers = len(sizes) - 1
    expected = {f"{_METADATA}.npy"} | {f"{kind}{l}.npy" for l in range(n_layers) for kind in "wb"}
    expected |= {f"epoch{e}_{kind}{l}.npy" for e in _snapshot_epochs(path, info["raw"])
                 for l in range(n_layers) for kind in "wb"}
    missing = sorted(expected - set(names), key=_natural_key)
    extra = sorted(set(names) - expected, key=_natural_key)
    if missing:
        raise ModelFileError(path, f"arrays missing for sizes {sizes}: "
                                   f"{', '.join(m[:-4] for m in missing)}")
    if extra:
        shown = ", ".join(repr(e) for e in extra[:5]) + (", ..." if len(extra) > 5 else "")
        raise ModelFileError(path, f"unexpected entries for sizes {sizes}: {shown}")

    weights, biases = [], []
    for l in range(n_layers):
        weights.append(_read_parameter(path, archive, sizes, l, "weights"))
        biases.append(_read_parameter(path, archive, sizes, l, "biases"))
    # float16 is a storage format only; the engine computes in float32 or float64.
    dtype = np.float64 if any(a.dtype == np.float64 for a in weights + biases) else np.float32
    try:
        net = Network(sizes, activation=info["activation"], output=info["output"],
                      cost=info["cost"], init=info["init"], seed=0, dtype=dtype)
        net.set_parameters(weights, biases)
    except ValueError as exc:
        raise ModelFileError(path, f"inconsistent architecture ({exc})") from exc
    net.metadata = {k: v for k, v in info["raw"].items() if k not in _ARCHITECTURE_KEYS}
    return net


def _snapshot_epochs(path, raw):
    """The ``snapshot_epochs`` list of the metadata (empty when absent), validated."""
    epochs = raw.get(_SNAPSHOT_EPOCHS, [])
    if (not isinstance(epochs, list) or len(epochs) > MAX_SNAPSHOT_EPOCHS
            or not all(_is_int(e) and 0 <= e for e in epochs) or len(set(epochs)) != len(epochs)):
        raise ModelFileError(path, "the metadata's 'snapshot_epochs' should list distinct epoch "
                                   "numbers")
    return epochs


def _natural_key(name):
    """Sort "w2.npy" before "w10.npy"."""
    stem = name[:-4] if name.endswith(".npy") else name
    return (stem[:1], int(stem[1:]) if stem[1:].isdigit() else math.inf, name)


def _read_npy(path, archive, name, max_items, max_itemsize=8):
    """Read the entry ``name.npy``: returns ``(shape, fortran_order, dtype, raw)`` where ``raw``
    is the CRC-checked bytes after the header. Refuses, before decompressing anything, an entry
    whose declared size exceeds a header plus ``max_items`` values of ``max_itemsize`` bytes."""
    info = archive.getinfo(f"{name}.npy")
    limit = 16 + 4 * MAX_NPY_HEADER + max_items * max_itemsize
    if info.file_size > limit:
        raise ModelFileError(path, f"the {name} entry is larger than its shape allows "
                                   f"({info.file_size:,} bytes); damaged or not a model file",
                             kind="damaged")
    data = archive.read(info)            # zipfile verifies the CRC once the entry is fully read
    fp = io.BytesIO(data)
    npy = np.lib.format
    version = npy.read_magic(fp)
    if version == (1, 0):
        shape, fortran, dtype = npy.read_array_header_1_0(fp, max_header_size=MAX_NPY_HEADER)
    elif version == (2, 0):
        shape, fortran, dtype = npy.read_array_header_2_0(fp, max_header_size=MAX_NPY_HEADER)
    else:
        raise ModelFileError(path, f"the {name} entry uses .npy version {version}, not 1.0 or 2.0",
                             kind="damaged")
    if dtype.hasobject:
        # Object arrays are stored as pickles; unpickling runs code chosen by the file's author.
        raise ModelFileError(path, f"the {name} entry holds Python objects (pickled data); "
                                   "refusing to load it", kind="unsafe")
    return shape, fortran, dtype, data[fp.tell():]


def _from_raw(path, name, shape, fortran, dtype, raw):
    """The array of ``shape`` and ``dtype`` in ``raw``, which must hold exactly its bytes."""
    count = math.prod(shape)
    nbytes = count * dtype.itemsize
    if len(raw) < nbytes:
        raise ModelFileError(path, f"the {name} entry is truncated "
                                   f"({len(raw):,} of {nbytes:,} bytes)", kind="damaged")
    if len(raw) > nbytes:
        raise ModelFileError(path, f"the {name} entry is damaged "
                                   f"({len(raw) - nbytes:,} bytes too many)", kind="damaged")
    array = np.frombuffer(raw, dtype=dtype, count=count)
    return array.reshape(shape, order="F" if fortran else "C")


def _read_metadata(path, archive):
    """The metadata entry decoded into a dict (a uint8 array of UTF-8 JSON, or a 0-d string)."""
    shape, fortran, dtype, raw = _read_npy(path, archive, _METADATA, MAX_METADATA_BYTES, 1)
    if dtype == np.uint8 and len(shape) == 1:
        text = _from_raw(path, _METADATA, shape, fortran, dtype, raw).tobytes()
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise ModelFileError(path, "the metadata is not valid UTF-8 text",
                                 kind="damaged") from None
    elif dtype.kind == "U" and math.prod(shape) == 1 and len(shape) <= 1:
        text = str(_from_raw(path, _METADATA, shape, fortran, dtype, raw).reshape(()).item())
    else:
        raise ModelFileError(path, f"not a desktop_bp model file (metadata is a {dtype} array "
                                   f"of shape {shape}, not JSON text)", kind="not_model")
    try:
        info = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise ModelFileError(path, f"the metadata is not valid JSON ({exc})",
                             kind="damaged") from None
    if not isinstance(info, dict):
        raise ModelFileError(path, f"the metadata is a JSON {type(info).__name__}, not an object",
                             kind="damaged")
    return info


def _check_metadata(path, info):
    """Validate the format and architecture keys; returns them (with defaults) and ``raw``."""
    fmt = info.get("format")
    if fmt != FORMAT_NAME:
        found = "has no 'format' entry" if fmt is None else f"format is {fmt!r}"
        raise ModelFileError(path, f"not a desktop_bp model file ({found})", kind="not_model")
    version = info.get("format_version")
    if not _is_int(version) or version < 1:
        raise ModelFileError(path, f"unsupported model format version {version!r}", kind="newer")
    if version > FORMAT_VERSION:
        raise ModelFileError(path, f"made by a newer desktop_bp (model format version {version}; "
                                   f"this version reads up to {FORMAT_VERSION}): update desktop_bp "
                                   "to open it", kind="newer")
    for key in ("sizes", "activation", "output", "cost"):
        if key not in info:
            raise ModelFileError(path, f"the metadata has no {key!r} entry")
    sizes = info["sizes"]
    problem = _sizes_problem(sizes)
    if problem:
        raise ModelFileError(path, problem)
    checked = {"sizes": sizes, "init": info.get("init", "standard"), "raw": info}
    for key, allowed in (("activation", ACTIVATIONS), ("output", OUTPUTS), ("cost", COSTS),
                         ("init", INITS)):
        value = info.get(key, checked.get(key))
        if not isinstance(value, str) or value not in allowed:
            raise ModelFileError(path, f"unknown {key} {value!r} (expected one of "
                                       f"{', '.join(sorted(allowed))})")
        checked[key] = value
    if "dtype" in info and info["dtype"] not in _FLOAT_DTYPES:
        raise ModelFileError(path, f"unknown dtype {info['dtype']!r} in the metadata")
    # The free-form keys the app reads back: a wrong type here would break the window later.
    for key, types, label in (("hyperparameters", dict, "an object"),
                              ("history", list, "a list"),
                              ("created", str, "a string"),
                              ("app_version", str, "a string")):
        if key in info and not isinstance(info[key], types):
            raise ModelFileError(path, f"the metadata's {key!r} should be {label}, "
                                       f"got {type(info[key]).__name__}")
    if any(not isinstance(entry, dict) for entry in info.get("history", [])):
        raise ModelFileError(path, "the metadata's 'history' should list one object per epoch")
    accuracy = info.get("test_accuracy")
    if accuracy is not None and (isinstance(accuracy, bool)
                                 or not isinstance(accuracy, (int, float))):
        raise ModelFileError(path, f"the metadata's 'test_accuracy' should be a number, "
                                   f"got {type(accuracy).__name__}")
    return checked


def _read_parameter(path, archive, sizes, l, kind, prefix=""):
    """Layer ``l``'s weights (sizes[l+1], sizes[l]) or biases (sizes[l+1],) as a float array
    (``prefix``: "epoch{k}_" for a time-machine snapshot)."""
    name = f"{prefix}{kind[0]}{l}"
    expected = (sizes[l + 1], sizes[l]) if kind == "weights" else (sizes[l + 1],)
    shape, fortran, dtype, raw = _read_npy(path, archive, name, math.prod(expected))
    problem = _shape_problem(sizes, l, kind, shape)
    if problem:
        raise ModelFileError(path, problem)
    if dtype.kind != "f" or dtype.itemsize not in (2, 4, 8):
        raise ModelFileError(path, f"layer {l + 1} {kind} ({name}) have dtype {dtype}; expected "
                                   "float16, float32 or float64")
    array = _from_raw(path, name, shape, fortran, dtype, raw)
    # A native-endian, writable copy: frombuffer views the read-only bytes of the file.
    array = array.astype(np.float64 if dtype.itemsize == 8 else np.float32)
    if not np.isfinite(array).all():
        raise ModelFileError(path, _finite_problem(l, kind, array))
    return array


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _sizes_problem(sizes):
    """What is wrong with ``sizes`` as a list of layer widths, or None."""
    if not isinstance(sizes, list) or not all(_is_int(n) for n in sizes):
        return f"sizes should be a list of whole numbers, got {_short(sizes)}"
    if not 2 <= len(sizes) <= MAX_LAYERS:
        return f"sizes should list 2 to {MAX_LAYERS} layers, got {len(sizes)}"
    if min(sizes) < 1 or max(sizes) > MAX_LAYER_SIZE:
        return f"every layer should have 1 to {MAX_LAYER_SIZE:,} neurons, got sizes {_short(sizes)}"
    n_parameters = sum((n_in + 1) * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:]))
    if n_parameters > MAX_PARAMETERS:
        return (f"sizes {_short(sizes)} mean {n_parameters:,} parameters, more than the "
                f"{MAX_PARAMETERS:,} this app loads")
    return None


def _shape_problem(sizes, l, kind, shape):
    """What is wrong with the shape of layer ``l``'s weights or biases, or None. Layers are
    counted from 1 in messages: layer 1 maps the inputs to the first hidden layer."""
    shape = tuple(shape)
    name = f"layer {l + 1} {kind} ({kind[0]}{l})"
    n_in, n_out = sizes[l], sizes[l + 1]
    if kind == "weights":
        if len(shape) != 2:
            return f"{name} should be a matrix ({n_out}, {n_in}), got shape {shape}"
        if shape[0] != n_out:
            return f"{name} have shape {shape} but that layer has {n_out} neurons"
        if shape[1] != n_in:
            return f"{name} have shape {shape} but the layer before has {n_in} neurons"
    elif shape != (n_out,):
        return (f"{name} have shape {shape} but that layer has {n_out} neurons, "
                f"so ({n_out},) was expected")
    return None


def _finite_problem(l, kind, array):
    what = "NaN" if np.isnan(array).any() else "infinite values"
    return f"layer {l + 1} {kind} ({kind[0]}{l}) contain {what}"


def _short(value, limit=60):
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "..."


# ---------------------------------------------------------------------------------------------
# Nielsen's network2.py JSON


def export_nielsen_json(path, net) -> Path:
    """Write ``net`` as the JSON that ``network2.py``'s ``Network.save`` writes and its ``load``
    reads: ``{"sizes": [...], "weights": [(n_out, n_in) nested lists], "biases": [(n_out, 1)
    column vectors], "cost": "QuadraticCost" | "CrossEntropyCost"}``. Atomic, like
    :func:`save_model`.

    network2.py is sigmoid everywhere, with a quadratic or cross-entropy cost; any other network
    raises ``ValueError`` (as does a network with non-finite weights)."""
    path = Path(path)
    if net.activation != "sigmoid" or net.output != "sigmoid":
        raise ValueError(f"network2.py only has sigmoid neurons; this network is {net.describe()}")
    cost = {v: k for k, v in _NIELSEN_COSTS.items()}.get(net.cost_name)
    if cost is None:
        raise ValueError(f"network2.py has no {net.cost_name} cost "
                         "(only quadratic and cross-entropy)")
    arrays = _parameter_arrays(net)
    n_layers = len(net.sizes) - 1
    data = {
        "sizes": list(net.sizes),
        # float32 values widen to float64 exactly, and JSON's repr of a float64 round-trips.
        "weights": [arrays[f"w{l}"].astype(np.float64).tolist() for l in range(n_layers)],
        # The book keeps each bias as a column vector, b^l of shape (n_out, 1).
        "biases": [arrays[f"b{l}"].astype(np.float64).reshape(-1, 1).tolist()
                   for l in range(n_layers)],
        "cost": cost,
    }
    text = json.dumps(data, allow_nan=False)
    _write_atomically(path, lambda fh: fh.write(text.encode("utf-8")))
    return path


def import_nielsen_json(path, *, dtype=np.float32) -> Network:
    """Read a JSON file written by ``network2.py``'s ``Network.save`` into a sigmoid
    :class:`Network` of ``dtype``. Biases may be column vectors (n_out, 1), as the book writes
    them, or flat (n_out,). Raises :class:`ModelFileError` for anything wrong: not JSON, missing
    keys, an unknown cost, non-numeric values, shapes that do not chain, NaN or infinities."""
    path = Path(path)
    dtype = np.dtype(dtype)
    _read_head(path)
    try:
        if path.stat().st_size > MAX_JSON_BYTES:
            raise ModelFileError(path, f"too large for a network2.py JSON file (over "
                                       f"{MAX_JSON_BYTES // 2**20} MB)", kind="too_large")
        raw = path.read_bytes()
    except OSError as exc:
        raise ModelFileError(path, f"cannot be read ({exc.strerror or exc})",
                             kind="unreadable") from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ModelFileError(path, "not a network2.py JSON file (not UTF-8 text)",
                             kind="not_model") from None
    except (ValueError, RecursionError) as exc:
        raise ModelFileError(path, f"not valid JSON ({exc})", kind="not_model") from None
    if not isinstance(data, dict):
        raise ModelFileError(path, "not a network2.py JSON file (expected an object with "
                                   "sizes, weights, biases and cost)", kind="not_model")
    missing = [key for key in ("sizes", "weights", "biases", "cost") if key not in data]
    if missing:
        raise ModelFileError(path, f"not a network2.py JSON file (no {', '.join(missing)})",
                             kind="not_model")
    sizes = data["sizes"]
    problem = _sizes_problem(sizes)
    if problem:
        raise ModelFileError(path, problem)
    cost = _NIELSEN_COSTS.get(data["cost"]) if isinstance(data["cost"], str) else None
    if cost is None:
        raise ModelFileError(path, f"unknown cost {_short(data['cost'])} (network2.py writes "
                                   "QuadraticCost or CrossEntropyCost)")
    n_layers = len(sizes) - 1
    params = {}
    for kind in ("weights", "biases"):
        values = data[kind]
        if not isinstance(values, list) or len(values) != n_layers:
            found = f"{len(values)}" if isinstance(values, list) else f"a {type(values).__name__}"
            raise ModelFileError(path, f"sizes {_short(sizes)} need {n_layers} {kind} arrays, "
                                       f"found {found}")
        arrays = []
        for l, value in enumerate(values):
            array = _numeric_array(path, value, f"layer {l + 1} {kind}")
            if kind == "biases" and array.ndim == 2 and array.shape[1:] == (1,):
                array = array[:, 0]          # the book's column vector (n_out, 1)
            problem = _shape_problem(sizes, l, kind, array.shape)
            if problem:
                raise ModelFileError(path, problem)
            # Values beyond float32's range become inf here, and are refused just below.
            with np.errstate(over="ignore"):
                array = array.astype(dtype)
            if not np.isfinite(array).all():
                extra = "" if dtype == np.float64 else f" (or values too large for {dtype})"
                raise ModelFileError(path, _finite_problem(l, kind, array) + extra)
            arrays.append(array)
        params[kind] = arrays
    net = Network(sizes, activation="sigmoid", output="sigmoid", cost=cost, init="standard",
                  seed=0, dtype=dtype)
    net.set_parameters(params["weights"], params["biases"])
    net.metadata = {"imported_from": "network2.py JSON"}
    return net


def _numeric_array(path, value, what):
    """A nested list of JSON numbers as a float64 array; ModelFileError for anything else
    (strings, booleans, nulls, ragged lists, numbers beyond float64)."""
    try:
        array = np.asarray(value)
    except (ValueError, TypeError, OverflowError, RecursionError):
        array = None
    if array is None or array.dtype.kind not in "iuf":
        raise ModelFileError(path, f"{what} are not a regular array of numbers")
    return array.astype(np.float64)


# ---------------------------------------------------------------------------------------------


def load_any(path) -> Network:
    """Open either kind of model file, chosen by its content rather than its name: a zip
    archive is a native model (:func:`load_model`), a JSON object a network2.py file
    (:func:`import_nielsen_json`). Raises :class:`ModelFileError` for anything else."""
    path = Path(path)
    remove_stale_temporaries(path)      # what saves of this file that were killed left
    head = _read_head(path)
    if head.startswith(b"PK"):
        return load_model(path)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
        # JSON; import_nielsen_json explains what is wrong if it is not network2.py's object
        return import_nielsen_json(path)
    raise ModelFileError(path, "neither a desktop_bp model (.npz) nor a network2.py JSON file",
                         kind="not_model")
