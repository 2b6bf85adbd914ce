"""MNIST: finding, verifying, downloading and reading the data (no Qt).

Most tests build tiny IDX files in a temporary folder and pass their checksums in ``files=``;
downloads are served by a local HTTP server on 127.0.0.1. Tests marked ``mnist`` read the real
data from the folder named by DESKTOP_BP_DATA and skip without it.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import pickle
import socket
import struct
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import numpy as np
import pytest

from desktop_bp.core import mnist, mnist_download, paths
from desktop_bp.core.mnist import DatasetError, DownloadCancelled, FileSpec

# ---------------------------------------------------------------------------------------------
# Helpers: IDX bytes from arrays, and a small MNIST-like folder

_IDX_CODES = {"u1": 0x08, "i1": 0x09, "i2": 0x0B, "i4": 0x0C, "f4": 0x0D, "f8": 0x0E}


def idx_bytes(array) -> bytes:
    """The IDX encoding of ``array``: 00 00 <type> <ndim>, big-endian uint32 dims, then data."""
    array = np.asarray(array)
    code = _IDX_CODES[f"{array.dtype.kind}{array.dtype.itemsize}"]
    header = bytes([0, 0, code, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    return header + array.astype(array.dtype.newbyteorder(">")).tobytes()


def spec_of(content: bytes) -> FileSpec:
    return FileSpec(hashlib.md5(content).hexdigest(), len(content))


def make_contents(rng, n_train=12, n_test=5, side=28):
    """The four decompressed files of a small MNIST: {name: bytes}, and the arrays they hold."""
    arrays = {
        mnist.TRAIN_IMAGES: rng.integers(0, 256, (n_train, side, side), dtype=np.uint8),
        mnist.TRAIN_LABELS: rng.integers(0, 10, n_train, dtype=np.uint8),
        mnist.TEST_IMAGES: rng.integers(0, 256, (n_test, side, side), dtype=np.uint8),
        mnist.TEST_LABELS: rng.integers(0, 10, n_test, dtype=np.uint8),
    }
    return {name: idx_bytes(array) for name, array in arrays.items()}, arrays


def write_folder(folder: Path, contents: dict, *, gz=True) -> dict:
    """Write the files into ``folder`` (as name.gz, or name) and return their FileSpecs."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in contents.items():
        if gz:
            (folder / f"{name}.gz").write_bytes(gzip.compress(content))
        else:
            (folder / name).write_bytes(content)
    return {name: spec_of(content) for name, content in contents.items()}


@pytest.fixture
def small(tmp_path):
    """A folder with a 12-image training file and a 5-image test file, gzipped."""
    contents, arrays = make_contents(np.random.default_rng(0))
    folder = tmp_path / "small"
    files = write_folder(folder, contents)
    return folder, files, arrays


@pytest.fixture(autouse=True)
def fresh_cache():
    mnist.clear_cache()
    yield
    mnist.clear_cache()


# ---------------------------------------------------------------------------------------------
# paths


def test_user_data_dir_honours_the_override(tmp_path, monkeypatch):
    monkeypatch.setenv("DESKTOP_BP_HOME", str(tmp_path / "home"))
    assert paths.user_data_dir() == tmp_path / "home"
    assert paths.default_download_dir() == tmp_path / "home" / "mnist"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are Linux's")
def test_user_data_dir_follows_xdg_on_linux(tmp_path, monkeypatch):
    monkeypatch.delenv("DESKTOP_BP_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert paths.user_data_dir() == tmp_path / "xdg" / "desktop_bp"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/is/ignored")
    assert paths.user_data_dir() == tmp_path / "user" / ".local" / "share" / "desktop_bp"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert paths.user_data_dir() == tmp_path / "user" / ".local" / "share" / "desktop_bp"


def test_source_data_dir_is_the_checkouts_data_folder():
    root = Path(paths.__file__).resolve().parents[2]  # the folder holding the package
    if (root / "pyproject.toml").is_file():  # running from a source checkout
        assert paths.source_data_dir() == root / "data"
    else:  # an installed package
        assert paths.source_data_dir() is None


def test_default_download_dir_prefers_a_writable_checkout(tmp_path, monkeypatch):
    monkeypatch.delenv("DESKTOP_BP_HOME")
    monkeypatch.setattr(paths, "user_data_dir", lambda: tmp_path / "user")
    monkeypatch.setattr(paths, "source_data_dir", lambda: tmp_path / "checkout" / "data")
    (tmp_path / "checkout").mkdir()
    assert paths.default_download_dir() == tmp_path / "checkout" / "data"
    monkeypatch.setattr(paths, "source_data_dir", lambda: None)  # installed
    assert paths.default_download_dir() == tmp_path / "user" / "mnist"
    # A checkout whose data/ cannot be created (its parent is missing) is passed over too.
    monkeypatch.setattr(paths, "source_data_dir", lambda: tmp_path / "gone" / "data")
    assert paths.default_download_dir() == tmp_path / "user" / "mnist"


# ---------------------------------------------------------------------------------------------
# IDX reading and header validation


@pytest.mark.parametrize("dtype", [np.uint8, np.int8, np.int16, np.int32, np.float32, np.float64])
def test_read_idx_round_trips_every_type(tmp_path, dtype):
    array = (np.arange(24).reshape(2, 3, 4) - 5).astype(dtype)
    if dtype == np.uint8:
        array = np.arange(24, dtype=np.uint8).reshape(2, 3, 4)
    (tmp_path / "a.idx").write_bytes(idx_bytes(array))
    (tmp_path / "a.idx.gz").write_bytes(gzip.compress(idx_bytes(array)))
    for name in ("a.idx", "a.idx.gz"):
        read = mnist.read_idx(tmp_path / name)
        assert read.shape == (2, 3, 4)
        np.testing.assert_array_equal(read, array)


def test_gzip_is_recognised_by_content_not_extension(tmp_path):
    labels = np.arange(10, dtype=np.uint8)
    (tmp_path / "raw-named.gz").write_bytes(idx_bytes(labels))
    (tmp_path / "gzipped-named-raw").write_bytes(gzip.compress(idx_bytes(labels)))
    for name in ("raw-named.gz", "gzipped-named-raw"):
        np.testing.assert_array_equal(mnist.read_idx(tmp_path / name), labels)


_GOOD = idx_bytes(np.arange(6, dtype=np.uint8).reshape(2, 3))


@pytest.mark.parametrize(
    "data, words",
    [
        (b"", "too short"),
        (b"\x00\x00\x08", "too short"),
        (b"PK\x03\x04" + _GOOD[4:], "not an IDX file"),
        (b"\x00\x00\x07\x02" + _GOOD[4:], "not an IDX file"),  # unknown type code
        (b"\x00\x00\x08\x00", "not an IDX file"),  # no dimensions
        (_GOOD[:9], "truncated"),  # inside the header
        (_GOOD[:-1], "truncated"),  # inside the data
        (_GOOD + b"\x00", "more than its header announces"),
        (b"\x00\x00\x08\x02\xff\xff\xff\xff\xff\xff\xff\xff", "truncated"),  # absurd dims
    ],
)
def test_bad_idx_headers_raise_dataset_error_naming_the_file(tmp_path, data, words):
    path = tmp_path / "bad-idx3-ubyte"
    path.write_bytes(data)
    with pytest.raises(DatasetError, match=words) as caught:
        mnist.read_idx(path)
    assert "bad-idx3-ubyte" in str(caught.value)


def test_bad_and_truncated_gzip_raise_dataset_error(tmp_path):
    compressed = gzip.compress(_GOOD)
    (tmp_path / "cut.gz").write_bytes(compressed[: len(compressed) // 2])
    (tmp_path / "garbage.gz").write_bytes(b"\x1f\x8b" + b"not gzip at all" * 10)
    flipped = bytearray(compressed)
    flipped[-6] ^= 0xFF  # inside the CRC-32 / length trailer
    (tmp_path / "crc.gz").write_bytes(bytes(flipped))
    with pytest.raises(DatasetError, match="cut.gz.*truncated"):
        mnist.read_idx(tmp_path / "cut.gz")
    with pytest.raises(DatasetError, match="garbage.gz.*not a valid gzip"):
        mnist.read_idx(tmp_path / "garbage.gz")
    with pytest.raises(DatasetError, match="crc.gz.*not a valid gzip") as caught:
        mnist.read_idx(tmp_path / "crc.gz")
    assert caught.value.kind == "damaged"       # what a window says in its own words
    with pytest.raises(DatasetError) as caught:
        mnist.read_idx(tmp_path / "absent.gz")
    assert caught.value.kind == "missing"
    with pytest.raises(DatasetError) as caught:
        mnist.load_mnist(tmp_path / "no such folder")
    assert caught.value.kind == "missing"


# ---------------------------------------------------------------------------------------------
# load_mnist on small files


@pytest.mark.parametrize("gz", [True, False])
def test_load_mnist_reads_and_splits_small_files(tmp_path, gz):
    contents, arrays = make_contents(np.random.default_rng(1))
    files = write_folder(tmp_path, contents, gz=gz)
    training, validation, test = mnist.load_mnist(tmp_path, files=files, validation_size=3)

    assert training[0].shape == (9, 784) and validation[0].shape == (3, 784)
    assert test[0].shape == (5, 784)
    for images, labels in (training, validation, test):
        assert images.dtype == np.float32 and labels.dtype == np.int64
        assert 0.0 <= images.min() and images.max() <= 1.0
    # Training is the first part of the training file, validation its last part.
    train_pixels = arrays[mnist.TRAIN_IMAGES].reshape(12, 784)
    np.testing.assert_array_equal(training[0], train_pixels[:9] / np.float32(255))
    np.testing.assert_array_equal(validation[0], train_pixels[9:] / np.float32(255))
    np.testing.assert_array_equal(training[1], arrays[mnist.TRAIN_LABELS][:9])
    np.testing.assert_array_equal(validation[1], arrays[mnist.TRAIN_LABELS][9:])
    np.testing.assert_array_equal(test[0] * 255, arrays[mnist.TEST_IMAGES].reshape(5, 784))
    np.testing.assert_array_equal(test[1], arrays[mnist.TEST_LABELS])


def test_default_split_is_the_books_last_10000(small):
    folder, files, _ = small
    with pytest.raises(ValueError, match="validation_size"):
        mnist.load_mnist(folder, files=files)  # 12 images cannot give 10,000 for validation
    training, validation, _ = mnist.load_mnist(folder, files=files, validation_size=0)
    assert len(training[0]) == 12 and len(validation[0]) == 0


def test_load_without_verification_still_validates_headers(tmp_path):
    contents, _ = make_contents(np.random.default_rng(2))
    write_folder(tmp_path, contents)
    training, validation, test = mnist.load_mnist(tmp_path, verify=False, validation_size=2)
    assert len(training[0]) == 10 and len(validation[0]) == 2 and len(test[0]) == 5


def test_default_checksums_reject_files_that_are_not_mnist(small):
    folder, _, _ = small
    with pytest.raises(DatasetError) as caught:
        mnist.load_mnist(folder)
    message = str(caught.value)
    assert "train-images-idx3-ubyte.gz" in message
    assert "truncated (expected 47,040,016 bytes decompressed, got 9,424)" in message
    assert "desktop-bp download" in message and "DESKTOP_BP_DATA" in message


def test_wrong_checksum_is_rejected_on_load(small):
    folder, files, _ = small
    files = dict(files)
    files[mnist.TEST_LABELS] = FileSpec("0" * 32, files[mnist.TEST_LABELS].size)
    with pytest.raises(DatasetError, match="t10k-labels-idx1-ubyte.gz.*wrong checksum"):
        mnist.load_mnist(folder, files=files, validation_size=2)


def test_mnist_specific_checks(tmp_path):
    rng = np.random.default_rng(3)
    contents, _ = make_contents(rng)
    bad_labels = dict(contents)
    bad_labels[mnist.TRAIN_LABELS] = idx_bytes(np.full(12, 10, dtype=np.uint8))
    files = write_folder(tmp_path / "labels", bad_labels)
    with pytest.raises(DatasetError, match="train-labels-idx1-ubyte.gz.*label 10"):
        mnist.load_mnist(tmp_path / "labels", files=files, validation_size=2)

    counts = dict(contents)
    counts[mnist.TEST_LABELS] = idx_bytes(np.zeros(4, dtype=np.uint8))
    files = write_folder(tmp_path / "counts", counts)
    with pytest.raises(DatasetError, match="5 images but t10k-labels-idx1-ubyte.gz holds 4"):
        mnist.load_mnist(tmp_path / "counts", files=files, validation_size=2)

    small_images, _ = make_contents(rng, side=27)
    files = write_folder(tmp_path / "side", small_images)
    with pytest.raises(DatasetError, match="28x28"):
        mnist.load_mnist(tmp_path / "side", files=files, validation_size=2)


def test_mutated_files_only_ever_raise_dataset_error(tmp_path):
    """Cut and flip bytes of every file: each load either succeeds or raises DatasetError."""
    rng = np.random.default_rng(4)
    contents, _ = make_contents(rng)
    folder = tmp_path / "fuzz"
    write_folder(folder, contents)
    originals = {path: path.read_bytes() for path in folder.iterdir()}
    for trial in range(120):
        path = list(originals)[trial % 4]
        data = bytearray(originals[path])
        if trial % 3 == 0:
            data = data[: rng.integers(0, len(data))]
        else:
            for index in rng.integers(0, len(data), size=rng.integers(1, 4)):
                data[index] ^= int(rng.integers(1, 256))
        path.write_bytes(bytes(data))
        try:
            mnist.load_mnist(folder, verify=False, validation_size=2)
        except DatasetError as exc:
            assert path.name in str(exc) or "MNIST" in str(exc)
        mnist.clear_cache()
        path.write_bytes(originals[path])


def test_loads_are_cached_per_folder_and_read_only(small):
    folder, files, _ = small
    first = mnist.load_mnist(folder, files=files, validation_size=2)
    second = mnist.load_mnist(folder, files=files, validation_size=4)
    assert first[2][0] is second[2][0]  # the same decoded test images
    assert np.shares_memory(first[0][0], second[0][0])
    assert len(second[1][0]) == 4
    with pytest.raises(ValueError):
        first[0][0][0, 0] = 1.0

    # A changed file is read again.
    unchecked = mnist.load_mnist(folder, verify=False, validation_size=2)
    assert mnist.load_mnist(folder, verify=False, validation_size=2)[2][0] is unchecked[2][0]
    changed = np.zeros((5, 28, 28), dtype=np.uint8)
    (folder / f"{mnist.TEST_IMAGES}.gz").write_bytes(gzip.compress(idx_bytes(changed)))
    stamp = (folder / f"{mnist.TEST_IMAGES}.gz").stat().st_mtime_ns + 10**9
    os.utime(folder / f"{mnist.TEST_IMAGES}.gz", ns=(stamp, stamp))
    third = mnist.load_mnist(folder, verify=False, validation_size=2)
    assert third[2][0] is not unchecked[2][0]
    assert not third[2][0].any()


def test_nielsens_pickle_is_read_when_named(tmp_path):
    rng = np.random.default_rng(5)
    sets = tuple(
        (rng.random((n, 784)).astype(np.float32), rng.integers(0, 10, n)) for n in (7, 3, 4)
    )
    path = tmp_path / "mnist.pkl.gz"
    with gzip.open(path, "wb") as out:
        pickle.dump(sets, out, protocol=2)  # the protocol Python 2 wrote
    training, validation, test = mnist.load_mnist(path)
    for (images, labels), (expected_images, expected_labels) in zip(
        (training, validation, test), sets
    ):
        assert images.dtype == np.float32 and labels.dtype == np.int64
        np.testing.assert_array_equal(images, expected_images)
        np.testing.assert_array_equal(labels, expected_labels)
    # A folder holding only the pickle does not count: a pickle is never picked up by a search.
    with pytest.raises(DatasetError, match="does not hold the MNIST files"):
        mnist.find_mnist(tmp_path)


def test_bad_pickles_raise_dataset_error(tmp_path):
    (tmp_path / "junk.pkl").write_bytes(b"\x80\x02junk")
    with pytest.raises(DatasetError, match="junk.pkl.*Nielsen"):
        mnist.load_mnist(tmp_path / "junk.pkl")
    (tmp_path / "shape.pkl").write_bytes(pickle.dumps(((1, 2), (3, 4))))
    with pytest.raises(DatasetError, match="shape.pkl.*is not Nielsen"):
        mnist.load_mnist(tmp_path / "shape.pkl")


# ---------------------------------------------------------------------------------------------
# Finding


def test_find_mnist_search_order(tmp_path, monkeypatch):
    contents, _ = make_contents(np.random.default_rng(6))
    folders = {name: tmp_path / name for name in ("explicit", "env", "checkout", "user")}
    for folder in folders.values():
        write_folder(folder, contents)
    # Leave the DESKTOP_BP_HOME redirect off so the checkout's data/ is searched too; run in an
    # empty folder, so that MNIST copied into the current folder's data/ (as the README says
    # for offline use) is not found instead
    monkeypatch.delenv("DESKTOP_BP_HOME")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(paths, "source_data_dir", lambda: folders["checkout"])
    monkeypatch.setattr(paths, "user_data_dir", lambda: tmp_path / "user-home")
    (tmp_path / "user-home").mkdir()
    (tmp_path / "user-home" / "mnist").symlink_to(folders["user"])
    monkeypatch.setenv("DESKTOP_BP_DATA", str(folders["env"]))

    assert mnist.find_mnist(folders["explicit"]) == folders["explicit"]
    assert mnist.find_mnist() == folders["env"]
    monkeypatch.delenv("DESKTOP_BP_DATA")
    assert mnist.find_mnist() == folders["checkout"]
    (folders["checkout"] / f"{mnist.TEST_LABELS}.gz").unlink()  # incomplete: passed over
    assert mnist.find_mnist() == tmp_path / "user-home" / "mnist"
    (folders["user"] / f"{mnist.TRAIN_IMAGES}.gz").unlink()
    with pytest.raises(DatasetError) as caught:
        mnist.find_mnist()
    message = str(caught.value)
    assert "MNIST was not found" in message
    assert str(folders["checkout"]) in message and "user-home" in message
    assert "desktop-bp download" in message
    assert not mnist.mnist_available()
    assert "MNIST was not found" in mnist.describe_location()


def test_the_folder_chosen_in_the_app_serves_the_command_line(tmp_path, monkeypatch):
    contents, _ = make_contents(np.random.default_rng(7))
    chosen = tmp_path / "chosen"
    write_folder(chosen, contents)
    monkeypatch.delenv("DESKTOP_BP_DATA", raising=False)
    monkeypatch.chdir(tmp_path)
    assert paths.remembered_mnist_folder() is None
    assert paths.remember_mnist_folder(chosen)
    assert paths.remembered_mnist_folder() == chosen
    assert mnist.find_mnist() == chosen
    assert "the folder chosen in the app" in mnist.describe_location()
    # the environment variable still comes first, as the README says
    env = tmp_path / "env"
    write_folder(env, contents)
    monkeypatch.setenv("DESKTOP_BP_DATA", str(env))
    assert mnist.find_mnist() == env


def test_explicit_locations_must_hold_the_data(tmp_path, monkeypatch, small):
    folder, _, _ = small
    with pytest.raises(DatasetError, match="does not exist"):
        mnist.find_mnist(tmp_path / "nowhere")
    (folder / f"{mnist.TRAIN_LABELS}.gz").unlink()
    with pytest.raises(DatasetError, match="train-labels-idx1-ubyte.gz missing"):
        mnist.find_mnist(folder)
    monkeypatch.setenv("DESKTOP_BP_DATA", str(tmp_path / "empty"))
    (tmp_path / "empty").mkdir()
    with pytest.raises(DatasetError, match="DESKTOP_BP_DATA"):
        mnist.find_mnist()
    assert not mnist.mnist_available()


def test_find_accepts_raw_files_dotted_names_and_a_file_path(tmp_path, small):
    contents, _ = make_contents(np.random.default_rng(7))
    write_folder(tmp_path / "raw", contents, gz=False)
    assert mnist.find_mnist(tmp_path / "raw") == tmp_path / "raw"
    for name in contents:
        (tmp_path / "raw" / name).rename(tmp_path / "raw" / name.replace("-idx", ".idx"))
    assert mnist.find_mnist(tmp_path / "raw") == tmp_path / "raw"
    folder, _, _ = small
    assert mnist.find_mnist(folder / f"{mnist.TEST_IMAGES}.gz") == folder
    assert mnist.mnist_available(folder)
    assert str(folder) in mnist.describe_location(folder)


# ---------------------------------------------------------------------------------------------
# Verification


def test_verify_checks_every_file_and_remembers_good_ones(small, monkeypatch):
    folder, files, _ = small
    digests = []
    real_digest = mnist._digest
    monkeypatch.setattr(mnist, "_digest", lambda path: digests.append(path) or real_digest(path))

    verified = mnist.verify(folder, files=files)
    assert set(verified) == set(files) and len(digests) == 4
    mnist.verify(folder, files=files)
    assert len(digests) == 4  # remembered in this process
    mnist.clear_cache()
    mnist.verify(folder, files=files)
    assert len(digests) == 4  # remembered in the user data folder (DESKTOP_BP_HOME here)
    assert (paths.user_data_dir() / "mnist-verified.json").is_file()

    # Damage one file without changing its size: its new mtime makes it checked again.
    path = folder / f"{mnist.TRAIN_LABELS}.gz"
    content = bytearray(gzip.decompress(path.read_bytes()))
    content[-1] ^= 0xFF
    path.write_bytes(gzip.compress(bytes(content)))
    stamp = path.stat().st_mtime_ns + 10**9
    os.utime(path, ns=(stamp, stamp))
    with pytest.raises(DatasetError, match="train-labels-idx1-ubyte.gz.*wrong checksum"):
        mnist.verify(folder, files=files)
    assert len(digests) == 5


def test_check_files_reports_per_file(small):
    folder, files, _ = small
    (folder / f"{mnist.TEST_LABELS}.gz").unlink()
    path = folder / f"{mnist.TEST_IMAGES}.gz"
    path.write_bytes(path.read_bytes()[:-100])
    report = mnist.check_files(folder, files=files)
    assert report[mnist.TRAIN_IMAGES] is None and report[mnist.TRAIN_LABELS] is None
    assert "missing" in str(report[mnist.TEST_LABELS])
    assert "truncated" in str(report[mnist.TEST_IMAGES])
    # find_mnist refuses the incomplete folder before verify looks at any file.
    with pytest.raises(DatasetError, match="t10k-labels-idx1-ubyte.gz missing"):
        mnist.verify(folder, files=files)


def test_verify_names_every_bad_file(small):
    folder, files, _ = small
    for name in (mnist.TRAIN_IMAGES, mnist.TEST_IMAGES):
        path = folder / f"{name}.gz"
        path.write_bytes(path.read_bytes()[:40])
    with pytest.raises(DatasetError) as caught:
        mnist.verify(folder, files=files)
    message = str(caught.value)
    assert "2 MNIST files" in message
    assert "train-images-idx3-ubyte.gz" in message and "t10k-images-idx3-ubyte.gz" in message


# ---------------------------------------------------------------------------------------------
# Downloading, from a local HTTP server


class _MirrorHandler(BaseHTTPRequestHandler):
    """Serves ``server.routes``: path -> bytes, or (bytes, announced length) to drop the line."""

    def do_GET(self):
        self.server.requests.append(self.path)
        route = self.server.routes.get(self.path)
        if route is None:
            self.send_error(404)
            return
        body, announced = route if isinstance(route, tuple) else (route, len(route))
        self.send_response(200)
        self.send_header("Content-Type", "application/gzip")
        self.send_header("Content-Length", str(announced))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


@pytest.fixture(scope="module")
def mirror_files():
    """Files large enough for several download chunks (random pixels do not compress)."""
    contents, arrays = make_contents(np.random.default_rng(8), n_train=200, n_test=90)
    gzipped = {name: gzip.compress(content) for name, content in contents.items()}
    return contents, gzipped, {name: spec_of(content) for name, content in contents.items()}


@pytest.fixture
def server(mirror_files, monkeypatch):
    """A local server with mirrors /good/, /truncated/, /corrupt/, /garbled/, /dropped/ and
    /empty/, plus the URL of a dead mirror (a closed port)."""
    contents, gzipped, _ = mirror_files
    for variable in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")

    routes = {}
    for name, body in gzipped.items():
        file_name = f"{name}.gz"
        routes[f"/good/{file_name}"] = body
        routes[f"/truncated/{file_name}"] = body[: len(body) // 2]
        # Valid gzip of content with one byte changed: only the md5 can tell.
        wrong = bytearray(contents[name])
        wrong[-1] ^= 0xFF
        routes[f"/corrupt/{file_name}"] = gzip.compress(bytes(wrong))
        garbled = bytearray(body)
        garbled[len(body) // 2] ^= 0xFF
        routes[f"/garbled/{file_name}"] = bytes(garbled)
        # Announces the whole file, sends half, closes the connection.
        routes[f"/dropped/{file_name}"] = (body[: len(body) // 2], len(body))

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _MirrorHandler)
    httpd.routes, httpd.requests = routes, []
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()

    with socket.socket() as probe:  # a port nobody listens on once closed
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}/"
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield {"base": base, "dead": dead, "requests": httpd.requests}
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


def _loads_like(folder, mirror_files):
    contents, _, files = mirror_files
    training, validation, test = mnist.load_mnist(folder, files=files, validation_size=50)
    assert len(training[0]) == 150 and len(validation[0]) == 50 and len(test[0]) == 90
    np.testing.assert_array_equal(
        test[1], np.frombuffer(contents[mnist.TEST_LABELS], np.uint8, offset=8)
    )


def test_download_falls_back_past_dead_truncated_and_corrupt_mirrors(
    tmp_path, server, mirror_files
):
    _, _, files = mirror_files
    base = server["base"]
    mirrors = [server["dead"]] + [
        f"{base}/{name}/" for name in ("truncated", "corrupt", "garbled", "dropped", "missing")
    ]
    mirrors.append(f"{base}/good")  # no trailing slash: joined all the same
    dest = mnist_download.download(tmp_path / "dest", mirrors=mirrors, files=files, timeout=5)
    assert dest == tmp_path / "dest"
    assert sorted(p.name for p in dest.iterdir()) == sorted(f"{name}.gz" for name in files)
    mnist.verify(dest, files=files)
    _loads_like(dest, mirror_files)


def test_download_goes_to_the_default_folder(server, mirror_files, monkeypatch):
    _, _, files = mirror_files
    monkeypatch.delenv("DESKTOP_BP_DATA", raising=False)
    dest = mnist_download.download(mirrors=[f"{server['base']}/good/"], files=files, timeout=5)
    assert dest == paths.user_data_dir() / "mnist"  # DESKTOP_BP_HOME/mnist in tests
    _loads_like(dest, mirror_files)
    assert mnist.find_mnist() == dest


@pytest.mark.parametrize(
    "mirror, words",
    [
        ("truncated", "truncated"),
        ("corrupt", "wrong checksum"),
        ("garbled", "not a valid gzip"),
        ("dropped", "stopped early|connection broke"),
        ("missing", "HTTP 404"),
    ],
)
def test_bad_copies_are_rejected_and_never_land(tmp_path, server, mirror_files, mirror, words):
    _, _, files = mirror_files
    dest = tmp_path / "dest"
    with pytest.raises(DatasetError) as caught:
        mnist_download.download(dest, mirrors=[f"{server['base']}/{mirror}/"], files=files, timeout=5)
    message = str(caught.value)
    assert "no MNIST mirror gave a valid copy" in message
    assert "train-images-idx3-ubyte.gz" in message
    assert any(word in message for word in words.split("|"))
    assert "copy the four files" in message and str(dest) in message
    assert list(dest.iterdir()) == []  # no temporary file, no bad file


def test_progress_reports_every_chunk(tmp_path, server, mirror_files):
    _, gzipped, files = mirror_files
    calls = []
    mnist_download.download(
        tmp_path, mirrors=[f"{server['base']}/good/"], files=files, timeout=5,
        progress=lambda name, done, total: calls.append((name, done, total)),
    )
    for name, body in gzipped.items():
        mine = [(done, total) for file_name, done, total in calls if file_name == f"{name}.gz"]
        assert mine[0] == (0, len(body))
        assert mine[-1] == (len(body), len(body))
        assert [done for done, _ in mine] == sorted(done for done, _ in mine)
    assert len(calls) > 2 * len(gzipped)  # the training images arrive in several chunks

    # A second run downloads nothing and reports each file as complete.
    server["requests"].clear()
    calls.clear()
    mnist_download.download(
        tmp_path, mirrors=[f"{server['base']}/good/"], files=files, timeout=5,
        progress=lambda name, done, total: calls.append((name, done, total)),
    )
    assert server["requests"] == []
    assert sorted(calls) == sorted(
        (f"{name}.gz", len(body), len(body)) for name, body in gzipped.items()
    )


def test_a_bad_file_already_there_is_replaced(tmp_path, server, mirror_files):
    _, gzipped, files = mirror_files
    bad = tmp_path / f"{mnist.TRAIN_LABELS}.gz"
    bad.write_bytes(gzipped[mnist.TRAIN_LABELS][:30])
    mnist_download.download(tmp_path, mirrors=[f"{server['base']}/good/"], files=files, timeout=5)
    assert bad.read_bytes() == gzipped[mnist.TRAIN_LABELS]
    assert f"/good/{mnist.TRAIN_LABELS}.gz" in server["requests"]


@pytest.mark.parametrize("cancel_at_poll", [1, 2, 3, 5])
def test_cancel_leaves_no_partial_file(tmp_path, server, mirror_files, cancel_at_poll):
    _, _, files = mirror_files
    polls = []

    def should_cancel():
        polls.append(1)
        return len(polls) >= cancel_at_poll

    with pytest.raises(DownloadCancelled, match="cancelled"):
        mnist_download.download(
            tmp_path, mirrors=[f"{server['base']}/good/"], files=files, timeout=5,
            should_cancel=should_cancel,
        )
    # Only whole, verified files may remain: the training images (first, several chunks) never.
    left = list(tmp_path.iterdir())
    assert all(not p.name.startswith(".") for p in left)
    assert f"{mnist.TRAIN_IMAGES}.gz" not in [p.name for p in left]
    assert mnist.check_files(tmp_path, files=files)[mnist.TRAIN_IMAGES] is not None


def test_cancel_after_a_complete_file_keeps_it(tmp_path, server, mirror_files):
    _, gzipped, files = mirror_files
    state = {"done": False}

    def progress(name, done, total):
        state["done"] = state["done"] or (name == f"{mnist.TRAIN_IMAGES}.gz" and done == total)

    with pytest.raises(DownloadCancelled):
        mnist_download.download(
            tmp_path, mirrors=[f"{server['base']}/good/"], files=files, timeout=5,
            progress=progress, should_cancel=lambda: state["done"],
        )
    assert [p.name for p in tmp_path.iterdir()] == [f"{mnist.TRAIN_IMAGES}.gz"]
    assert (tmp_path / f"{mnist.TRAIN_IMAGES}.gz").read_bytes() == gzipped[mnist.TRAIN_IMAGES]


def test_offline_gives_the_offline_message(tmp_path, server, mirror_files):
    _, _, files = mirror_files
    dest = tmp_path / "dest"
    with pytest.raises(DatasetError) as caught:
        mnist_download.download(dest, mirrors=[server["dead"], server["dead"]], files=files, timeout=5)
    assert not isinstance(caught.value, DownloadCancelled)
    message = str(caught.value)
    assert "could not reach any MNIST mirror (are you offline?)" in message
    assert "you can also copy the four files" in message and str(dest) in message
    assert list(dest.iterdir()) == []


def test_an_unwritable_destination_is_a_dataset_error(tmp_path, mirror_files):
    _, _, files = mirror_files
    (tmp_path / "a-file").write_bytes(b"")
    with pytest.raises(DatasetError, match="Cannot create the folder"):
        mnist_download.download(tmp_path / "a-file" / "dest", mirrors=[], files=files)


# ---------------------------------------------------------------------------------------------
# The real MNIST (DESKTOP_BP_DATA)


@pytest.fixture(scope="module")
def real_mnist(tmp_path_factory):
    """(folder, load_mnist()) for the real data, loaded once for this module."""
    folder = os.environ.get("DESKTOP_BP_DATA", "").strip()
    if not folder:
        pytest.skip("set DESKTOP_BP_DATA to a folder holding the MNIST files")
    # The per-test DESKTOP_BP_HOME of conftest.py is not set up yet at module scope.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DESKTOP_BP_HOME", str(tmp_path_factory.mktemp("real_mnist_home")))
        mnist.clear_cache()
        return Path(folder), mnist.load_mnist()


@pytest.mark.mnist
def test_real_mnist_shapes_and_types(real_mnist):
    _, (training, validation, test) = real_mnist
    assert training[0].shape == (50_000, 784) and training[1].shape == (50_000,)
    assert validation[0].shape == (10_000, 784) and validation[1].shape == (10_000,)
    assert test[0].shape == (10_000, 784) and test[1].shape == (10_000,)
    for images, labels in (training, validation, test):
        assert images.dtype == np.float32 and labels.dtype == np.int64
        assert images.min() == 0.0 and images.max() == 1.0
        assert set(np.unique(labels)) == set(range(10))


@pytest.mark.mnist
def test_real_mnist_known_figures(real_mnist):
    _, (training, validation, _) = real_mnist
    labels = np.concatenate([training[1], validation[1]])
    expected = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
    assert np.bincount(labels, minlength=10).tolist() == expected
    pixel_sum = training[0].sum(dtype=np.float64) + validation[0].sum(dtype=np.float64)
    mean = pixel_sum / (60_000 * 784)
    assert mean * 255 == pytest.approx(33.318, abs=5e-4)


@pytest.mark.mnist
def test_real_mnist_verifies(real_mnist):
    folder, _ = real_mnist
    verified = mnist.verify(folder)
    assert set(verified) == set(mnist.FILES)
    assert mnist.check_files(folder) == {name: None for name in mnist.FILES}


def test_data_folder_of_the_current_directory_is_searched(tmp_path, monkeypatch):
    # after `pip install .` the package no longer sits in the clone, but people still put the
    # files into the clone's data/ as its README says, and run the app from there
    monkeypatch.delenv("DESKTOP_BP_HOME", raising=False)
    monkeypatch.delenv("DESKTOP_BP_DATA", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "share"))
    monkeypatch.setattr(mnist.paths, "source_data_dir", lambda: None)
    monkeypatch.chdir(tmp_path)
    labels = [where for where, _ in mnist.search_locations()]
    folders = [folder for _, folder in mnist.search_locations()]
    assert "data/ in the current folder" in labels
    assert tmp_path / "data" in folders
    assert labels.index("data/ in the current folder") < labels.index("the user data folder")
