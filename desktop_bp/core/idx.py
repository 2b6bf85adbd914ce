"""Reading IDX files, the format of the MNIST database, gzipped or not; and the one error type
every problem with the data raises (:class:`DatasetError`: its message names the file and says
what to do).

Pure NumPy and the standard library.
"""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

import numpy as np

FIX_HINT = (
    "Delete it and run `desktop-bp download`, or point DESKTOP_BP_DATA at a folder holding the "
    "MNIST files."
)
GZIP_MAGIC = b"\x1f\x8b"


#: What can be wrong with the MNIST data, for a window to say in its own language (the English
#: message gives the details).
DATASET_PROBLEMS = ("missing", "unreadable", "damaged", "cannot_write", "download_failed",
                    "cancelled")


class DatasetError(Exception):
    """Any problem with the MNIST data. The message names the file and says what to do;
    ``kind`` (one of :data:`DATASET_PROBLEMS`) says which kind of problem it is."""

    def __init__(self, message="", kind="damaged"):
        super().__init__(message)
        self.kind = kind if kind in DATASET_PROBLEMS else "damaged"


class DownloadCancelled(DatasetError):
    """The download was cancelled through ``should_cancel``; no partial file was left behind."""

    def __init__(self, message="", kind="cancelled"):
        super().__init__(message, kind)


# IDX type codes -> NumPy dtypes. Multi-byte IDX values are big-endian.
IDX_TYPES = {
    0x08: np.dtype(np.uint8),
    0x09: np.dtype(np.int8),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}


def parse_idx(data: bytes, name: str = "IDX data") -> np.ndarray:
    """Decode the bytes of an IDX file into a read-only array of the shape its header gives.

    The header is ``00 00 <type> <ndim>`` then ``ndim`` big-endian uint32 dimensions; the data
    must hold exactly prod(dims) items, no more and no less. ``name`` is used in error messages.
    Raises :class:`DatasetError` on any malformed input.
    """
    if len(data) < 4:
        raise DatasetError(
            f"{name} is too short to be an IDX file ({len(data)} bytes). {FIX_HINT}"
        )
    type_code, ndim = data[2], data[3]
    if data[:2] != b"\0\0" or type_code not in IDX_TYPES or ndim == 0:
        raise DatasetError(
            f"{name} is not an IDX file (it starts with {data[:4].hex(' ')}; an IDX file starts "
            f"with 00 00, a type code such as 08 and its number of dimensions). {FIX_HINT}"
        )
    header_size = 4 + 4 * ndim
    if len(data) < header_size:
        raise DatasetError(
            f"{name} is truncated (its header needs {header_size} bytes, got {len(data)}). "
            f"{FIX_HINT}"
        )
    dims = struct.unpack(f">{ndim}I", data[4:header_size])
    dtype = IDX_TYPES[type_code]
    count = 1
    for dim in dims:
        count *= dim  # Python ints: no overflow for absurd headers
    expected = header_size + count * dtype.itemsize
    if len(data) < expected:
        raise DatasetError(
            f"{name} is truncated (its header announces {'x'.join(map(str, dims))} items: "
            f"expected {expected:,} bytes decompressed, got {len(data):,}). {FIX_HINT}"
        )
    if len(data) > expected:
        raise DatasetError(
            f"{name} has {len(data) - expected:,} bytes more than its header announces "
            f"(expected {expected:,} bytes decompressed, got {len(data):,}). {FIX_HINT}"
        )
    # frombuffer makes no copy; the array is read-only because bytes are immutable.
    return np.frombuffer(data, dtype=dtype, count=count, offset=header_size).reshape(dims)


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """Read an IDX file, gzipped or not, into a read-only array (see :func:`parse_idx`)."""
    path = Path(path)
    return parse_idx(read_decompressed(path), describe_file(path))


def describe_file(path: Path) -> str:
    """How a file is named in messages: its name and the folder it is in."""
    return f"{path.name} (in {path.parent})"


def missing_file_error(name):
    """The error for a file that is not there, saying what to do."""
    return DatasetError(f"{name} is missing. Run `desktop-bp download`, or point DESKTOP_BP_DATA "
                        "at a folder holding the MNIST files.", kind="missing")


def read_decompressed(path: Path) -> bytes:
    """The file's content, decompressed when it is gzip data whatever its extension."""
    name = describe_file(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise missing_file_error(name) from None
    except OSError as exc:
        raise DatasetError(f"{name} cannot be read ({exc.strerror or exc}). {FIX_HINT}",
                           kind="unreadable") from None
    if raw[:2] != GZIP_MAGIC:
        return raw
    try:
        return gunzip(raw)
    except EOFError:
        raise DatasetError(
            f"{name} is truncated (its gzip stream ends early). {FIX_HINT}"
        ) from None
    except (OSError, zlib.error) as exc:  # gzip.BadGzipFile is an OSError
        raise DatasetError(f"{name} is not a valid gzip file ({exc}). {FIX_HINT}") from None


def gunzip(raw: bytes) -> bytes:
    """Decompress gzip data, every member, checking each member's CRC-32 and length.

    zlib in one call is about twice as fast as ``gzip.decompress`` on the 47 MB training images.
    Raises EOFError when the data ends early and zlib.error when it is not valid gzip."""
    parts = []
    while raw:
        decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # 16+: gzip wrapper
        parts.append(decompressor.decompress(raw))
        if not decompressor.eof:
            raise EOFError("compressed data ended before the end-of-stream marker")
        # Like the gzip module, accept zero padding after the last member.
        raw = decompressor.unused_data.lstrip(b"\0")
    return parts[0] if len(parts) == 1 else b"".join(parts)
