"""Writing a file atomically, and cleaning up after writes that were cut short.

A file is written to a temporary file beside it, flushed to disk, and renamed over it, so a
reader sees the old file or the new one, never half of one. A program killed mid-write leaves
its temporary file behind; :func:`remove_stale_temporaries` removes those of one file's name, so
that however often writes are killed, their litter does not pile up.

Temporary files are named ``.NAME.PID@HOST.XXXXXXXX.tmp``: the process and machine that write
them. One is stale when the process that wrote it, on this machine, no longer runs (it can never
be finished), or, whoever wrote it (another machine sharing the folder, or a name without the
mark), when it has not been written to for :data:`STALE_SECONDS`. A live writer's file is never
touched: its process runs, and its file changes as it writes.
"""

from __future__ import annotations

import os
import re
import socket
import stat
import tempfile
import time
from pathlib import Path

#: A temporary file nobody has written to for this long is abandoned, whoever wrote it.
STALE_SECONDS = 15 * 60

_HOST = re.sub(r"[^A-Za-z0-9-]", "-", socket.gethostname())[:40] or "host"
# what follows ".NAME." in the temporary files of NAME: an optional PID@HOST mark, then
# mkstemp's eight random characters
_TEMPORARY = re.compile(r"(?:(?P<pid>\d+)@(?P<host>[A-Za-z0-9-]+)\.)?[a-z0-9_]{8}\.tmp")


def write_atomically(path, write):
    """Call ``write(fh)`` on a binary temporary file beside ``path``, flush and fsync it, then
    rename it onto ``path`` (an atomic replace on POSIX and Windows alike). On any error the
    temporary file is removed and an existing ``path`` is untouched. Temporary files that
    earlier writes of ``path`` left behind are removed first."""
    path = Path(path)
    folder = path.parent
    remove_stale_temporaries(path)
    # mkstemp makes the file readable by its owner only; a shared file should have the
    # permissions of the file it replaces, or the usual ones for a new file.
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = 0o644
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}@{_HOST}.",
                                    suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except OSError:
            pass
        raise
    _fsync_folder(folder)


def temporaries(path):
    """The temporary files of ``path``'s writes in its folder (finished or not)."""
    path = Path(path)
    prefix = f".{path.name}."
    try:
        names = os.listdir(path.parent)
    except OSError:
        return []
    return [path.parent / name for name in names
            if name.startswith(prefix) and _TEMPORARY.fullmatch(name[len(prefix):])]


def remove_stale_temporaries(path, now=None):
    """Remove the stale temporary files (see the module doc) of writes of ``path``; returns how
    many were removed. Never raises: a folder that cannot be listed or changed is left as is."""
    path = Path(path)
    now = time.time() if now is None else now
    removed = 0
    for temporary in temporaries(path):
        match = _TEMPORARY.fullmatch(temporary.name[len(path.name) + 2:])
        try:
            idle = now - temporary.stat().st_mtime
        except OSError:
            continue                    # gone already (its writer renamed or removed it)
        pid = match["pid"]
        writer_gone = (pid is not None and match["host"] == _HOST
                       and not _process_runs(int(pid)))
        if writer_gone or idle >= STALE_SECONDS:
            try:
                temporary.unlink()
                removed += 1
            except OSError:
                pass
    return removed


def _process_runs(pid):
    """Whether process ``pid`` runs on this machine (assumed so where that cannot be asked)."""
    if pid == os.getpid():
        return True
    if os.name != "posix":
        return True     # Windows' os.kill would end the process: leave it to the idle time
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True     # it runs, as another user
    return True


def _fsync_folder(folder):
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
