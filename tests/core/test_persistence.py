"""Model files: round trips, atomic saving, validation of hostile files, network2.py JSON."""

import io
import json
import os
import pickle
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

from desktop_bp.core import persistence
from desktop_bp.core.network import Network, sigmoid
from desktop_bp.core.persistence import (
    FORMAT_NAME,
    FORMAT_VERSION,
    ModelFileError,
    export_nielsen_json,
    import_nielsen_json,
    load_any,
    load_model,
    save_model,
)

SIZES = [5, 4, 3]


def small_net(dtype=np.float32, **kwargs):
    net = Network(SIZES, seed=7, dtype=dtype, **kwargs)
    net.metadata = {
        "hyperparameters": {"eta": 3.0, "batch_size": 10, "epochs": 2},
        "history": [{"epoch": 1, "training_cost": 0.31, "validation_accuracy": 0.9},
                    {"epoch": 2, "training_cost": 0.22, "validation_accuracy": 0.93}],
        "test_accuracy": 0.9321,
    }
    return net


def assert_same_network(a, b):
    assert a.config() == b.config()
    assert a.dtype == b.dtype
    for x, y in zip(a.weights + a.biases, b.weights + b.biases):
        assert x.dtype == y.dtype and x.shape == y.shape
        np.testing.assert_array_equal(x, y)


def assert_valid_network(net):
    """What any successfully loaded network must satisfy, whatever the file looked like."""
    assert isinstance(net, Network)
    assert len(net.weights) == len(net.biases) == len(net.sizes) - 1
    for l, (w, b) in enumerate(zip(net.weights, net.biases)):
        assert w.shape == (net.sizes[l + 1], net.sizes[l])
        assert b.shape == (net.sizes[l + 1],)
        assert w.dtype == b.dtype == net.dtype
        assert np.isfinite(w).all() and np.isfinite(b).all()
    assert isinstance(net.metadata, dict)
    net.feedforward(np.zeros((2, net.sizes[0])))


# ---------------------------------------------------------------------------------------------
# Round trips


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("architecture", [
    {},
    {"activation": "tanh", "cost": "log-likelihood", "init": "scaled"},
    {"activation": "relu", "cost": "cross-entropy"},
])
def test_round_trip_keeps_parameters_config_and_metadata(tmp_path, dtype, architecture):
    net = small_net(dtype, **architecture)
    extra = {"note": "trained for a test", "test_accuracy": np.float64(0.95),
             "confusion": np.eye(3, dtype=np.int64)}
    path = save_model(tmp_path / "model.npz", net, metadata=extra)
    assert path == tmp_path / "model.npz"
    assert os.listdir(tmp_path) == ["model.npz"]

    loaded = load_model(path)
    assert_same_network(loaded, net)
    meta = dict(loaded.metadata)
    assert isinstance(meta.pop("created"), str)
    assert isinstance(meta.pop("app_version"), str)
    assert meta == {**net.metadata, "note": "trained for a test", "test_accuracy": 0.95,
                    "confusion": [[1, 0, 0], [0, 1, 0], [0, 0, 1]]}
    np.testing.assert_array_equal(loaded.feedforward(np.eye(5)), net.feedforward(np.eye(5)))


def test_file_is_a_plain_npz_with_json_metadata(tmp_path):
    net = small_net()
    path = save_model(tmp_path / "model.npz", net)
    with np.load(path, allow_pickle=False) as npz:
        assert sorted(npz.files) == ["b0", "b1", "metadata", "w0", "w1"]
        assert npz["w0"].shape == (4, 5) and npz["b1"].shape == (3,)
        info = json.loads(npz["metadata"].tobytes().decode("utf-8"))
    assert info["format"] == FORMAT_NAME and info["format_version"] == FORMAT_VERSION
    assert info["sizes"] == SIZES
    assert (info["activation"], info["output"], info["cost"], info["init"], info["dtype"]) == \
        ("sigmoid", "sigmoid", "quadratic", "standard", "float32")
    assert info["history"] == net.metadata["history"]


def test_saving_again_keeps_created_and_the_architecture_wins(tmp_path):
    net = small_net()
    first = load_model(save_model(tmp_path / "a.npz", net))
    first.metadata["sizes"] = [1, 2]           # stale free-form keys cannot override the arrays
    second = load_model(save_model(tmp_path / "b.npz", first))
    assert second.metadata["created"] == first.metadata["created"]
    assert second.sizes == SIZES


def test_non_finite_metadata_is_stored_as_null(tmp_path):
    net = small_net()
    net.metadata["history"][1]["training_cost"] = float("nan")
    loaded = load_model(save_model(tmp_path / "m.npz", net))
    assert loaded.metadata["history"][1]["training_cost"] is None


def test_float16_and_big_endian_and_fortran_arrays_load(tmp_path):
    parts = model_parts(small_net())
    parts["w0"] = parts["w0"].astype(np.float16)
    parts["b0"] = parts["b0"].astype(">f4")
    parts["w1"] = np.asfortranarray(parts["w1"])
    net = load_model(write_npz(tmp_path / "m.npz", parts))
    assert_valid_network(net)
    assert net.dtype == np.float32
    np.testing.assert_array_equal(net.weights[0], parts["w0"].astype(np.float32))
    np.testing.assert_array_equal(net.weights[1], parts["w1"])


# ---------------------------------------------------------------------------------------------
# Atomic saving


def _fail_midway(fh, **arrays):
    fh.write(b"PK\x03\x04 half a model")
    raise OSError("disk full")


@pytest.mark.parametrize("failure", ["write", "replace"])
def test_failed_save_leaves_previous_file_intact(tmp_path, monkeypatch, failure):
    path = save_model(tmp_path / "model.npz", small_net())
    before = path.read_bytes()
    if failure == "write":
        monkeypatch.setattr(persistence.np, "savez_compressed", _fail_midway)
    else:
        def refuse(src, dst):
            raise OSError("rename failed")
        monkeypatch.setattr(persistence.os, "replace", refuse)
    other = Network(SIZES, seed=99)
    with pytest.raises(OSError):
        save_model(path, other)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["model.npz"]
    assert_same_network(load_model(path), small_net())


def test_failed_save_of_a_new_file_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(persistence.np, "savez_compressed", _fail_midway)
    with pytest.raises(OSError):
        save_model(tmp_path / "new.npz", small_net())
    assert os.listdir(tmp_path) == []


def test_unsaveable_network_or_metadata_writes_nothing(tmp_path):
    path = save_model(tmp_path / "model.npz", small_net())
    before = path.read_bytes()
    with pytest.raises(TypeError, match="cannot be saved as JSON"):
        save_model(path, small_net(), metadata={"callback": print})
    broken = small_net()
    broken.weights[1][0, 0] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        save_model(path, broken)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["model.npz"]


def test_overwrite_keeps_file_permissions(tmp_path):
    path = save_model(tmp_path / "model.npz", small_net())
    os.chmod(path, 0o640)
    save_model(path, small_net())
    assert (path.stat().st_mode & 0o777) == 0o640


# ---------------------------------------------------------------------------------------------
# Building valid and invalid archives by hand


def model_parts(net):
    """The entries of a model file as {name: array or metadata dict}, to be mutated."""
    parts = {}
    for l, (w, b) in enumerate(zip(net.weights, net.biases)):
        parts[f"w{l}"], parts[f"b{l}"] = w.copy(), b.copy()
    parts["metadata"] = {"format": FORMAT_NAME, "format_version": FORMAT_VERSION,
                         **net.config(), "dtype": net.dtype.name, **net.metadata}
    return parts


def npy_bytes(array):
    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, np.asanyarray(array), allow_pickle=True)
    return buffer.getvalue()


def npy_header(descr, shape):
    return f"{{'descr': {descr!r}, 'fortran_order': False, 'shape': {shape!r}, }}"


def raw_npy(header, payload=b""):
    """A .npy entry with a hand-written header (to declare shapes the data does not have)."""
    text = header.encode("latin1") + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(text)) + text + payload


def write_npz(path, parts, compression=zipfile.ZIP_DEFLATED):
    """Write ``parts`` as an npz: arrays via .npy, dicts as UTF-8 JSON uint8 arrays, bytes raw.
    A name given as a (name, value) list entry may repeat."""
    items = parts if isinstance(parts, list) else list(parts.items())
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for name, value in items:
            if isinstance(value, dict):
                value = np.frombuffer(json.dumps(value).encode("utf-8"), dtype=np.uint8)
            data = value if isinstance(value, bytes) else npy_bytes(value)
            archive.writestr(f"{name}.npy", data)
    return Path(path)


class PlantMarker:
    """Unpickling this runs ``Path(marker).touch()``: the proof that a file executed code."""

    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (Path(self.marker),))


def pickle_array(marker):
    return np.array([PlantMarker(marker), 1.0], dtype=object)


def with_meta(**changes):
    def mutate(parts):
        parts["metadata"].update(changes)
    return mutate


def without_meta(key):
    def mutate(parts):
        del parts["metadata"][key]
    return mutate


def set_entry(name, value):
    def mutate(parts):
        parts[name] = value(parts) if callable(value) else value
    return mutate


def drop_entry(name):
    def mutate(parts):
        del parts[name]
    return mutate


def nan_at(name, value):
    def mutate(parts):
        parts[name] = parts[name].copy()
        parts[name].flat[1] = value
    return mutate


# Each: (label, mutation of the parts, a fragment of the expected message). All must be refused.
BAD_STRUCTURES = [
    ("no metadata", drop_entry("metadata"), "no metadata entry"),
    ("metadata bad json",
     set_entry("metadata", np.frombuffer(b'{"format": "desktop_bp.mo', np.uint8)),
     "not valid JSON"),
    ("metadata invalid utf-8", set_entry("metadata", np.frombuffer(b'{"a": "\xff\xfe"}', np.uint8)),
     "not valid UTF-8"),
    ("metadata a list", set_entry("metadata", np.frombuffer(b"[1, 2]", np.uint8)), "not an object"),
    ("metadata floats", set_entry("metadata", np.zeros(8)), "not JSON text"),
    ("metadata 2-d", set_entry("metadata", np.zeros((2, 2), np.uint8)), "not JSON text"),
    ("metadata deep json", set_entry("metadata", np.frombuffer(b"[" * 100_000, np.uint8)),
     "not valid JSON"),
    ("no format", without_meta("format"), "not a desktop_bp model file"),
    ("other format", with_meta(format="keras.model"), "not a desktop_bp model file"),
    ("no version", without_meta("format_version"), "version"),
    ("version string", with_meta(format_version="1"), "version"),
    ("version float", with_meta(format_version=1.5), "version"),
    ("version bool", with_meta(format_version=True), "version"),
    ("version zero", with_meta(format_version=0), "version"),
    ("future version", with_meta(format_version=FORMAT_VERSION + 1), "newer desktop_bp"),
    ("no sizes", without_meta("sizes"), "'sizes'"),
    ("no activation", without_meta("activation"), "'activation'"),
    ("no output", without_meta("output"), "'output'"),
    ("no cost", without_meta("cost"), "'cost'"),
    ("sizes string", with_meta(sizes="5,4,3"), "sizes"),
    ("sizes empty", with_meta(sizes=[]), "sizes"),
    ("sizes one layer", with_meta(sizes=[5]), "sizes"),
    ("sizes negative", with_meta(sizes=[5, -4, 3]), "neurons"),
    ("sizes zero", with_meta(sizes=[5, 0, 3]), "neurons"),
    ("sizes float", with_meta(sizes=[5, 4.0, 3]), "whole numbers"),
    ("sizes bool", with_meta(sizes=[5, True, 3]), "whole numbers"),
    ("sizes nested", with_meta(sizes=[5, [4], 3]), "whole numbers"),
    ("sizes huge layer", with_meta(sizes=[5, 10**6, 3]), "neurons"),
    ("sizes huge total", with_meta(sizes=[100_000, 100_000, 100_000]), "parameters"),
    ("sizes disagree", with_meta(sizes=[5, 4, 2]), "layer 2 weights (w1) have shape (3, 4)"),
    ("sizes more layers", with_meta(sizes=[5, 4, 3, 2]), "missing"),
    ("unknown activation", with_meta(activation="softplus"), "unknown activation"),
    ("activation not str", with_meta(activation=3), "unknown activation"),
    ("unknown output", with_meta(output="linear"), "unknown output"),
    ("softmax with quadratic", with_meta(output="softmax"), "inconsistent architecture"),
    ("unknown cost", with_meta(cost="hinge"), "unknown cost"),
    ("unknown init", with_meta(init="xavier"), "unknown init"),
    ("unknown dtype", with_meta(dtype="int8"), "dtype"),
    ("history string", with_meta(history="abc"), "'history'"),
    ("history numbers", with_meta(history=[1, 2]), "'history'"),
    ("hyperparameters list", with_meta(hyperparameters=[3.0]), "'hyperparameters'"),
    ("accuracy string", with_meta(test_accuracy="high"), "'test_accuracy'"),
    ("created number", with_meta(created=2024), "'created'"),
    ("missing w1", drop_entry("w1"), "missing"),
    ("missing b0", drop_entry("b0"), "missing"),
    ("extra array", set_entry("w2", np.zeros((2, 3), np.float32)), "unexpected entries"),
    ("extra script", set_entry("setup.py", b"import os"), "unexpected entries"),
    ("w0 transposed", set_entry("w0", lambda p: p["w0"].T.copy()), "layer 1 weights (w0)"),
    ("w1 wrong columns", set_entry("w1", np.zeros((3, 5), np.float32)),
     "layer 2 weights (w1) have shape (3, 5) but the layer before has 4 neurons"),
    ("w1 wrong rows", set_entry("w1", np.zeros((2, 4), np.float32)), "that layer has 3 neurons"),
    ("w0 3-d", set_entry("w0", np.zeros((4, 5, 1), np.float32)), "should be a matrix"),
    ("w0 vector", set_entry("w0", np.zeros(20, np.float32)), "should be a matrix"),
    ("b0 column", set_entry("b0", np.zeros((4, 1), np.float32)), "layer 1 biases (b0)"),
    ("b1 scalar", set_entry("b1", np.float32(1.0)), "layer 2 biases (b1)"),
    ("w0 int", set_entry("w0", lambda p: p["w0"].astype(np.int64)), "dtype int64"),
    ("w0 bool", set_entry("w0", lambda p: p["w0"] > 0), "dtype bool"),
    ("w0 complex", set_entry("w0", lambda p: p["w0"].astype(np.complex64)), "complex64"),
    ("w0 long double", set_entry("w0", lambda p: p["w0"].astype(np.longdouble)), "dtype"),
    ("w0 structured", set_entry("w0", np.zeros((4, 5), dtype=[("x", "f4")])), "dtype"),
    ("w0 strings", set_entry("w0", np.full((4, 5), "1.0")), "dtype"),
    ("w0 nan", nan_at("w0", np.nan), "layer 1 weights (w0) contain NaN"),
    ("b1 inf", nan_at("b1", np.inf), "layer 2 biases (b1) contain infinite values"),
    ("w1 -inf", nan_at("w1", -np.inf), "infinite"),
    ("b0 nan float16", set_entry("b0", np.array([0, np.nan, 1, 2], np.float16)), "NaN"),
    ("w0 huge declared shape",
     set_entry("w0", raw_npy(npy_header("<f4", (1_000_000_000, 1_000_000_000)))),
     "layer 1 weights (w0) have shape"),
    ("w0 header lies small",
     set_entry("w0", raw_npy(npy_header("<f4", (4, 5)), b"\0" * 8)),
     "truncated"),
    ("w0 trailing bytes",
     set_entry("w0", lambda p: npy_bytes(p["w0"]) + b"\0" * 4), "too many"),
    ("w0 zip bomb", set_entry("w0", lambda p: npy_bytes(p["w0"]) + bytes(5 * 2**20)),
     "larger than its shape allows"),
    ("w0 header not a dict", set_entry("w0", raw_npy("[1, 2, 3]")), "damaged"),
    ("w0 header code", set_entry("w0", raw_npy("__import__('os').system('echo hi')")), "damaged"),
    ("w0 not npy", set_entry("w0", b"hello, world"), "damaged"),
    ("w0 npy version 9", set_entry("w0", lambda p: b"\x93NUMPY\x09\x00" + npy_bytes(p["w0"])[8:]),
     "version"),
    ("metadata huge declared", set_entry("metadata", raw_npy(npy_header("|u1", (10**12,)))),
     "truncated"),
    ("metadata negative shape", set_entry("metadata", raw_npy(npy_header("|u1", (-5,)))),
     "too many"),
]


@pytest.mark.parametrize("label, mutate, message", BAD_STRUCTURES,
                         ids=[case[0] for case in BAD_STRUCTURES])
def test_bad_model_files_are_refused_clearly(tmp_path, label, mutate, message):
    parts = model_parts(small_net())
    mutate(parts)
    path = write_npz(tmp_path / "bad.npz", parts)
    with pytest.raises(ModelFileError) as caught:
        load_model(path)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)          # the message names the file
    assert caught.value.path == path


def test_metadata_as_a_unicode_scalar_loads(tmp_path):
    parts = model_parts(small_net())
    parts["metadata"] = np.array(json.dumps(parts["metadata"]))
    net = load_model(write_npz(tmp_path / "m.npz", parts))
    assert net.metadata["test_accuracy"] == pytest.approx(0.9321)


def test_duplicate_entries_are_refused(tmp_path):
    parts = list(model_parts(small_net()).items())
    parts.append(("w0", np.zeros((4, 5), np.float32)))
    with pytest.warns(UserWarning):                # zipfile warns about the duplicate name
        path = write_npz(tmp_path / "dup.npz", parts)
    with pytest.raises(ModelFileError, match="twice"):
        load_model(path)


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"\x00" * 100, "not a desktop_bp model file"),
    (b'{"sizes": [5, 4, 3]}', "looks like JSON"),
    (b"PK\x03\x04", "truncated or damaged"),
    (b"PK\x05\x06" + bytes(18), "not a desktop_bp model file"),
])
def test_non_archives_are_refused(tmp_path, content, message):
    path = tmp_path / "model.npz"
    path.write_bytes(content)
    with pytest.raises(ModelFileError, match=message):
        load_model(path)


def test_missing_file_and_folder_are_refused(tmp_path):
    with pytest.raises(ModelFileError, match="no such file"):
        load_model(tmp_path / "nothing.npz")
    with pytest.raises(ModelFileError, match="folder"):
        load_model(tmp_path)


def test_zip_of_other_things_is_refused(tmp_path):
    path = tmp_path / "photos.npz"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("holiday.jpg", b"\xff\xd8\xff" + bytes(100))
    with pytest.raises(ModelFileError, match="not a desktop_bp model file"):
        load_model(path)


# ---------------------------------------------------------------------------------------------
# Pickles are never executed


def test_the_marker_payload_really_executes_when_unpickled(tmp_path):
    """The control for the test below: the same payload run through np.load(allow_pickle=True)
    does create its marker, so its absence below means nothing was executed."""
    control = tmp_path / "control-marker"
    parts = model_parts(small_net())
    parts["w0"] = pickle_array(control)
    path = write_npz(tmp_path / "control.npz", parts)
    with np.load(path, allow_pickle=True) as npz:
        npz["w0"]
    assert control.exists()


@pytest.mark.parametrize("entry", ["w0", "b1", "metadata"])
def test_pickled_objects_inside_are_never_executed(tmp_path, entry):
    marker = tmp_path / "marker"
    parts = model_parts(small_net())
    parts[entry] = pickle_array(marker)
    path = write_npz(tmp_path / "evil.npz", parts)
    for loader in (load_model, load_any):
        with pytest.raises(ModelFileError, match="pickled data|Python objects"):
            loader(path)
    assert not marker.exists()


def test_a_plain_pickle_file_is_never_executed(tmp_path):
    marker = tmp_path / "marker"
    path = tmp_path / "model.npz"
    path.write_bytes(pickle.dumps(PlantMarker(marker)))
    for loader in (load_model, load_any, import_nielsen_json):
        with pytest.raises(ModelFileError):
            loader(path)
    assert not marker.exists()


# ---------------------------------------------------------------------------------------------
# Fuzzing: every mutated file either loads into a valid network or raises ModelFileError


def mutations(valid, rng):
    """(label, bytes) pairs derived from the bytes of a valid model file."""
    n = len(valid)
    yield "empty", b""
    for length in sorted({1, 2, 3, 4, 22, 30, n - 22, n - 1, *rng.integers(1, n, 80).tolist()}):
        yield f"truncated to {length}", valid[:length]
    for i in range(150):
        data = bytearray(valid)
        for pos in rng.integers(0, n, rng.integers(1, 9)):
            data[pos] ^= int(rng.integers(1, 256))
        yield f"flips #{i}", bytes(data)
    for i in range(40):
        # the central directory and local headers are where damage confuses zipfile most
        data = bytearray(valid)
        region = (0, 80) if i % 2 else (max(n - 400, 0), n)
        for pos in rng.integers(*region, rng.integers(1, 4)):
            data[pos] = int(rng.integers(0, 256))
        yield f"header damage #{i}", bytes(data)
    for i in range(20):
        yield f"random #{i}", rng.integers(0, 256, rng.integers(1, 3000)).astype(np.uint8).tobytes()
    for i in range(10):
        noise = rng.integers(0, 256, rng.integers(1, 3000)).astype(np.uint8).tobytes()
        yield f"zip magic + random #{i}", b"PK\x03\x04" + noise
    for i in range(20):
        # a valid file with a random chunk replaced by random bytes of the same length
        start = int(rng.integers(0, n - 1))
        stop = min(n, start + int(rng.integers(1, 200)))
        chunk = rng.integers(0, 256, stop - start).astype(np.uint8).tobytes()
        yield f"chunk replaced #{i}", valid[:start] + chunk + valid[stop:]


def test_fuzzed_model_files_load_or_raise_model_file_error(tmp_path):
    valid = save_model(tmp_path / "valid.npz", small_net()).read_bytes()
    rng = np.random.default_rng(20240601)
    path = tmp_path / "mutant.npz"
    outcomes = {"loaded": 0, "refused": 0}
    cases = list(mutations(valid, rng))
    assert len(cases) >= 300
    for label, content in cases:
        path.write_bytes(content)
        for loader in (load_model, load_any):
            try:
                net = loader(path)
            except ModelFileError as exc:
                assert str(exc), label
                outcomes["refused"] += 1
            except Exception as exc:   # noqa: BLE001 - the point of the test
                pytest.fail(f"{label}: {loader.__name__} raised {type(exc).__name__}: {exc}")
            else:
                assert_valid_network(net)
                outcomes["loaded"] += 1
    assert outcomes["refused"] > len(cases)        # most mutations break the file


def test_fuzzed_metadata_loads_or_raises_model_file_error(tmp_path):
    """Random replacements of single metadata values by values of other JSON types."""
    rng = np.random.default_rng(7)
    strange = [None, True, -1, 0, 2**70, 1e308, "", "sigmoid", [], [1, "a"], {}, {"a": [None]},
               [5, 4, 3], "x" * 1000, 3.5, [[5]], FORMAT_NAME]
    base = model_parts(small_net())
    keys = list(base["metadata"])
    path = tmp_path / "m.npz"
    for i in range(120):
        parts = model_parts(small_net())
        key = keys[int(rng.integers(len(keys)))]
        parts["metadata"][key] = strange[int(rng.integers(len(strange)))]
        write_npz(path, parts)
        try:
            net = load_model(path)
        except ModelFileError:
            continue
        except Exception as exc:       # noqa: BLE001
            pytest.fail(f"case {i} ({key}={parts['metadata'][key]!r}): {type(exc).__name__}: {exc}")
        assert_valid_network(net)


# ---------------------------------------------------------------------------------------------
# Nielsen's network2.py JSON


def network2_json(sizes, rng, cost="CrossEntropyCost"):
    """A file laid out exactly as network2.py's Network.save writes it: weights (n_out, n_in),
    biases as column vectors (n_out, 1), the cost class's name."""
    weights = [rng.standard_normal((y, x)) / np.sqrt(x) for x, y in zip(sizes[:-1], sizes[1:])]
    biases = [rng.standard_normal((y, 1)) for y in sizes[1:]]
    data = {"sizes": sizes, "weights": [w.tolist() for w in weights],
            "biases": [b.tolist() for b in biases], "cost": cost}
    return json.dumps(data), weights, biases


def test_network2_json_imports_and_computes_as_the_book_does(tmp_path):
    rng = np.random.default_rng(3)
    sizes = [6, 5, 4, 3]
    text, weights, biases = network2_json(sizes, rng)
    path = tmp_path / "net.json"
    path.write_text(text)

    net = import_nielsen_json(path, dtype=np.float64)
    assert net.sizes == sizes and net.cost_name == "cross-entropy"
    assert net.activation == net.output == "sigmoid"
    assert [w.shape for w in net.weights] == [(5, 6), (4, 5), (3, 4)]
    assert [b.shape for b in net.biases] == [(5,), (4,), (3,)]

    X = rng.random((7, 6))
    by_hand = []
    for x in X:
        a = x.reshape(-1, 1)                            # the book's column vector
        for w, b in zip(weights, biases):
            a = 1.0 / (1.0 + np.exp(-(w @ a + b)))      # network2.py's feedforward
        by_hand.append(a[:, 0])
    np.testing.assert_allclose(net.feedforward(X), np.array(by_hand), rtol=1e-12, atol=1e-14)

    as_float32 = import_nielsen_json(path)
    assert as_float32.dtype == np.float32
    np.testing.assert_allclose(as_float32.feedforward(X), np.array(by_hand), atol=1e-5)
    assert load_any(path).sizes == sizes


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("cost, book_cost", [("quadratic", "QuadraticCost"),
                                             ("cross-entropy", "CrossEntropyCost")])
def test_network2_json_round_trip(tmp_path, dtype, cost, book_cost):
    net = small_net(dtype, cost=cost)
    path = export_nielsen_json(tmp_path / "net.json", net)
    data = json.loads(path.read_text())
    assert sorted(data) == ["biases", "cost", "sizes", "weights"]
    assert data["cost"] == book_cost and data["sizes"] == SIZES
    assert [np.shape(b) for b in data["biases"]] == [(4, 1), (3, 1)]   # column vectors
    assert [np.shape(w) for w in data["weights"]] == [(4, 5), (3, 4)]
    back = import_nielsen_json(path, dtype=dtype)
    assert_same_network(back, net)
    assert os.listdir(tmp_path) == ["net.json"]


def test_flat_biases_import_too(tmp_path):
    net = small_net()
    data = {"sizes": SIZES, "weights": [w.tolist() for w in net.weights],
            "biases": [b.tolist() for b in net.biases], "cost": "QuadraticCost"}
    path = tmp_path / "flat.json"
    path.write_text(json.dumps(data))
    assert_same_network(import_nielsen_json(path), net)


@pytest.mark.parametrize("kwargs", [{"activation": "relu"}, {"cost": "log-likelihood"},
                                    {"activation": "tanh", "cost": "cross-entropy"}])
def test_export_refuses_what_network2_cannot_represent(tmp_path, kwargs):
    with pytest.raises(ValueError, match="network2.py"):
        export_nielsen_json(tmp_path / "net.json", Network(SIZES, **kwargs))
    assert os.listdir(tmp_path) == []


def _book_data():
    text, _, _ = network2_json(SIZES, np.random.default_rng(1), cost="QuadraticCost")
    return json.loads(text)


def _json_case(change):
    data = _book_data()
    change(data)
    return json.dumps(data)


BAD_JSON = [
    ("not json", "{'sizes': [5, 4, 3]}", "not valid JSON"),
    ("truncated", json.dumps(_book_data())[:200], "not valid JSON"),
    ("a list", "[5, 4, 3]", "expected an object"),
    ("no biases", _json_case(lambda d: d.pop("biases")), "no biases"),
    ("no cost", _json_case(lambda d: d.pop("cost")), "no cost"),
    ("unknown cost", _json_case(lambda d: d.update(cost="LogLikelihoodCost")), "unknown cost"),
    ("cost not a string", _json_case(lambda d: d.update(cost=["QuadraticCost"])), "unknown cost"),
    ("sizes strings", _json_case(lambda d: d.update(sizes=["5", "4", "3"])), "whole numbers"),
    ("sizes mismatch", _json_case(lambda d: d.update(sizes=[5, 4, 2])), "layer 2 weights"),
    ("too few weights", _json_case(lambda d: d["weights"].pop()), "need 2 weights arrays, found 1"),
    ("weights a dict", _json_case(lambda d: d.update(weights={"0": 1})), "need 2 weights arrays"),
    ("weight string", _json_case(lambda d: d["weights"][0][1].__setitem__(2, "0.5")), "numbers"),
    ("weight null", _json_case(lambda d: d["weights"][1][0].__setitem__(0, None)), "numbers"),
    ("weights bools", _json_case(lambda d: d["weights"].__setitem__(1, [[True] * 4] * 3)), "numbers"),
    ("ragged weights", _json_case(lambda d: d["weights"][0][1].pop()), "numbers"),
    ("huge integer", _json_case(lambda d: d["weights"][0][0].__setitem__(0, 10**400)), "numbers"),
    ("transposed weights", _json_case(
        lambda d: d["weights"].__setitem__(0, np.array(d["weights"][0]).T.tolist())),
     "layer 1 weights (w0) have shape (5, 4)"),
    ("bias row vector", _json_case(
        lambda d: d["biases"].__setitem__(0, [np.ravel(d["biases"][0]).tolist()] * 2)), "layer 1 biases"),
    ("bias matrix", _json_case(lambda d: d["biases"].__setitem__(1, [[0.0, 1.0]] * 3)), "layer 2 biases"),
    ("nan weight", _json_case(lambda d: d["weights"][0][0].__setitem__(0, float("nan"))), "NaN"),
    ("infinite bias", _json_case(lambda d: d["biases"][1][0].__setitem__(0, float("inf"))), "infinite"),
    ("too big for float32", _json_case(lambda d: d["weights"][1][0].__setitem__(0, 1e39)), "infinite"),
    ("deep nesting", "{" + '"a": [' * 50_000, "not valid JSON"),
]


@pytest.mark.parametrize("label, text, message", BAD_JSON, ids=[c[0] for c in BAD_JSON])
def test_bad_network2_json_is_refused(tmp_path, label, text, message):
    path = tmp_path / "bad.json"
    path.write_text(text)
    for loader in (import_nielsen_json, load_any):
        with pytest.raises(ModelFileError) as caught:
            loader(path)
        assert message in str(caught.value) and str(path) in str(caught.value)


def test_non_utf8_json_is_refused(tmp_path):
    path = tmp_path / "bad.json"
    path.write_bytes(b'{"sizes": "\xff"}')
    with pytest.raises(ModelFileError, match="UTF-8"):
        import_nielsen_json(path)


def test_fuzzed_network2_json_loads_or_raises_model_file_error(tmp_path):
    valid = json.dumps(_book_data()).encode()
    rng = np.random.default_rng(11)
    path = tmp_path / "m.json"
    for i in range(120):
        data = bytearray(valid)
        if i % 3 == 0:
            data = data[: int(rng.integers(1, len(data)))]
        else:
            for pos in rng.integers(0, len(data), rng.integers(1, 4)):
                data[pos] = int(rng.choice(list(b'{}[],:."e-0123456789nulltrue ')))
        path.write_bytes(bytes(data))
        try:
            net = load_any(path)
        except ModelFileError:
            continue
        except Exception as exc:       # noqa: BLE001
            pytest.fail(f"case {i}: {type(exc).__name__}: {exc}")
        assert_valid_network(net)


# ---------------------------------------------------------------------------------------------
# Dispatch and layering


def test_load_any_dispatches_on_content_not_name(tmp_path):
    net = small_net()
    npz_named_json = save_model(tmp_path / "model.json", net)
    json_named_npz = export_nielsen_json(tmp_path / "model.npz", net)
    assert_same_network(load_any(npz_named_json), net)
    assert_same_network(load_any(json_named_npz), net)
    garbage = tmp_path / "notes.txt"
    garbage.write_text("hello")
    with pytest.raises(ModelFileError, match="neither"):
        load_any(garbage)


def test_persistence_imports_no_qt():
    code = ("import sys, desktop_bp.core.persistence; "
            "print(any(m.split('.')[0] in ('PySide6', 'pyqtgraph') for m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=Path(__file__).resolve().parents[2])
    assert result.stdout.strip() == "False"


def test_each_model_file_problem_says_its_kind(tmp_path):
    from desktop_bp.core.network import Network
    good = persistence.save_model(tmp_path / "good.npz", Network([4, 3, 2], seed=0))
    (tmp_path / "empty.npz").write_bytes(b"")
    (tmp_path / "cut.npz").write_bytes(good.read_bytes()[:200])
    (tmp_path / "text.npz").write_bytes(b"hello, not a model")
    (tmp_path / "a folder.npz").mkdir()
    expected = {"missing.npz": "missing", "empty.npz": "empty", "cut.npz": "damaged",
                "text.npz": "not_model", "a folder.npz": "folder"}
    for name, kind in expected.items():
        with pytest.raises(persistence.ModelFileError) as caught:
            persistence.load_model(tmp_path / name)
        assert caught.value.kind == kind, (name, str(caught.value))
    error = persistence.ModelFileError(tmp_path / "x.npz", "why", kind="newer")
    again = pickle.loads(pickle.dumps(error))
    assert (again.kind, again.reason, again.path) == ("newer", "why", tmp_path / "x.npz")
    assert persistence.ModelFileError(None, "why", kind="no such kind").kind == "invalid"
