"""Downloading MNIST: several mirrors tried in turn, every file checked by the md5 of its
decompressed content (see :mod:`desktop_bp.core.mnist`, which finds and reads the files), progress
reported and cancellable, nothing half-written left behind.

Pure standard library; nothing here imports Qt.
"""

from __future__ import annotations

import http.client
import os
import tempfile
import urllib.error
import urllib.request
from pathlib import Path
from typing import BinaryIO, Callable, Mapping

from desktop_bp.core import mnist, paths

CHUNK_SIZE = 64 * 1024  # download chunk: small enough to poll should_cancel often
USER_AGENT = "desktop_bp-mnist-downloader"


class _MirrorFailed(Exception):
    """One mirror could not deliver one file. ``reachable`` is False when it never answered."""

    def __init__(self, reason: str, *, reachable: bool):
        super().__init__(reason)
        self.reachable = reachable


ProgressCallback = Callable[[str, int, "int | None"], None]


def download(
    dest: str | os.PathLike | None = None,
    *,
    mirrors=None,
    progress: ProgressCallback | None = None,
    should_cancel: Callable[[], bool] | None = None,
    timeout: float = 30,
    files: Mapping[str, mnist.FileSpec] = mnist.FILES,
) -> Path:
    """Download the four MNIST ``.gz`` files into ``dest`` and return that folder.

    ``dest`` defaults to :func:`desktop_bp.core.paths.default_download_dir`. For each file,
    ``mirrors`` (default :data:`mnist.DEFAULT_MIRRORS`, base URLs) are tried in order; a file goes to a
    temporary file in ``dest`` and is renamed into place only once the md5 of its decompressed
    content matches ``files``, so a truncated or corrupted copy from one mirror leads to the next
    mirror and never lands in ``dest``. Files already present and valid are skipped.

    ``progress(file_name, bytes_done, bytes_total_or_None)`` is called as bytes arrive (and once
    with done == total for a file that was already there). ``should_cancel()`` is polled between
    chunks; when it returns True, :class:`mnist.DownloadCancelled` is raised and the partial file is
    removed (files already completed stay: they are whole and verified). ``timeout`` is in
    seconds, per connection attempt and per read.

    Raises :class:`mnist.DatasetError` when no mirror delivers a valid copy, with a message that says
    whether any mirror could be reached at all.
    """
    dest = Path(dest).expanduser() if dest is not None else paths.default_download_dir()
    mirrors = list(mnist.DEFAULT_MIRRORS if mirrors is None else mirrors)
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise mnist.DatasetError(
            f"Cannot create the folder {dest} ({exc.strerror or exc}). Choose another folder, or "
            f"point DESKTOP_BP_HOME at a writable one.",
            kind="cannot_write",
        ) from None
    for name, spec in files.items():
        _check_cancel(should_cancel, dest)
        existing = mnist._locate(dest, name)
        if existing is not None:
            try:
                mnist._verify_file(existing, spec)
            except mnist.DatasetError:
                pass  # a bad copy: fetched again below and replaced (.gz is preferred on reading)
            else:
                if progress is not None:
                    size = existing.stat().st_size
                    progress(existing.name, size, size)
                continue
        _download_file(dest, name, spec, mirrors, progress, should_cancel, timeout)
    return dest


def _check_cancel(should_cancel, dest: Path) -> None:
    if should_cancel is not None and should_cancel():
        raise mnist.DownloadCancelled(
            f"The MNIST download was cancelled; no partial file was left in {dest}."
        )


def _download_file(dest, name, spec, mirrors, progress, should_cancel, timeout) -> None:
    file_name = f"{name}.gz"
    target = dest / file_name
    failures: list[tuple[str, _MirrorFailed]] = []
    for mirror in mirrors:
        _check_cancel(should_cancel, dest)
        url = mirror.rstrip("/") + "/" + file_name
        try:
            fd, tmp_name = tempfile.mkstemp(dir=dest, prefix=f".{file_name}.", suffix=".part")
        except OSError as exc:
            raise mnist.DatasetError(
                f"Cannot write into {dest} ({exc.strerror or exc}). Choose another folder.",
                kind="cannot_write",
            ) from None
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                _fetch(url, out, file_name, dest, progress, should_cancel, timeout)
            try:
                md5, size = mnist._digest(tmp)
            except mnist._ContentProblem as exc:
                raise _MirrorFailed(f"{file_name} {exc}", reachable=True) from None
            problem = mnist._content_problem(size, md5, spec)
            if problem is not None:
                raise _MirrorFailed(f"{file_name} {problem}", reachable=True)
            os.replace(tmp, target)
            mnist._mark_verified(target, target.stat(), spec)
            return
        except _MirrorFailed as exc:
            failures.append((url, exc))
        except OSError as exc:  # our side: disk full, permissions
            raise mnist.DatasetError(
                f"Cannot write {file_name} into {dest} ({exc.strerror or exc}). Free some space "
                f"or choose another folder.",
                kind="cannot_write",
            ) from None
        finally:
            # Whatever happened (failure, cancel, interrupt), no partial file stays behind.
            tmp.unlink(missing_ok=True)
    raise mnist.DatasetError(_download_failed_message(file_name, dest, failures),
                             kind="download_failed")


def _fetch(url, out: BinaryIO, file_name, dest, progress, should_cancel, timeout) -> None:
    """Stream ``url`` into ``out``. Raises _MirrorFailed, or mnist.DownloadCancelled."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        response = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as exc:  # the server answered, without the file
        raise _MirrorFailed(f"HTTP {exc.code} {exc.reason}", reachable=True) from None
    except urllib.error.URLError as exc:
        raise _MirrorFailed(str(exc.reason), reachable=False) from None
    except (OSError, http.client.HTTPException, ValueError) as exc:  # timeouts, bad URLs
        raise _MirrorFailed(str(exc) or type(exc).__name__, reachable=False) from None
    with response:
        length = response.headers.get("Content-Length")
        total = int(length) if length and length.isdigit() else None
        done = 0
        if progress is not None:
            progress(file_name, done, total)
        while True:
            _check_cancel(should_cancel, dest)
            try:
                chunk = response.read(CHUNK_SIZE)
            except (OSError, http.client.HTTPException) as exc:
                raise _MirrorFailed(
                    f"the connection broke after {done:,} bytes ({exc or type(exc).__name__})",
                    reachable=True,
                ) from None
            if not chunk:
                break
            out.write(chunk)
            done += len(chunk)
            if progress is not None:
                progress(file_name, done, total)
            if done == total:
                break  # all announced bytes are here: a cancel now would throw away a whole file
    if total is not None and done != total:
        raise _MirrorFailed(
            f"the download stopped early ({done:,} of {total:,} bytes)", reachable=True
        )


def _download_failed_message(file_name: str, dest: Path, failures) -> str:
    tried = "\n".join(f"  - {url}: {failure}" for url, failure in failures) or "  (no mirror given)"
    names = ", ".join(f"{name}.gz" for name in mnist.FILES)
    if any(failure.reachable for _, failure in failures):
        headline = f"Could not download {file_name}: no MNIST mirror gave a valid copy."
    else:
        headline = (
            f"Could not download {file_name}: could not reach any MNIST mirror (are you offline?)."
        )
    return (
        f"{headline}\nTried:\n{tried}\n"
        f"Run `desktop-bp download` again later; you can also copy the four files ({names}) into "
        f"{dest}, or point {mnist.DATA_ENV} at a folder holding them."
    )
