"""Atomic writes leave no litter: temporary files of killed saves are removed (no Qt)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest

from desktop_bp.core import atomic_file
from desktop_bp.core.network import Network
from desktop_bp.core.persistence import load_model, save_model

# A save whose writer stops halfway (after writing part of the file) until it is killed.
SLOW_SAVE = textwrap.dedent("""
    import sys, time
    import numpy as np
    from desktop_bp.core import persistence
    from desktop_bp.core.network import Network

    def stuck(fh, **arrays):
        fh.write(b"PK\\x03\\x04 half a model")
        fh.flush()
        print("writing", flush=True)
        time.sleep(60)

    persistence.np.savez_compressed = stuck
    persistence.save_model(sys.argv[1], Network([4, 3, 2], seed=0))
""")


def killed_save(path):
    """Start a save of ``path`` in another process and kill it mid-write."""
    process = subprocess.Popen([sys.executable, "-c", SLOW_SAVE, str(path)],
                               stdout=subprocess.PIPE, text=True,
                               cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
    try:
        assert process.stdout.readline().strip() == "writing"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
        process.stdout.close()


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL and process ids as POSIX has them")
def test_killed_saves_leave_at_most_one_temporary_file(tmp_path):
    path = save_model(tmp_path / "model.npz", Network([4, 3, 2], seed=1))
    counts = []
    for _ in range(5):
        killed_save(path)
        counts.append(len(atomic_file.temporaries(path)))
    # each kill leaves its own file; the next save, killed too, first removes the one before
    assert counts == [1] * 5
    # the model itself is untouched by all of it
    assert load_model(path).sizes == [4, 3, 2]
    # a save that finishes leaves nothing; so does a load
    killed_save(path)
    save_model(path, Network([4, 3, 2], seed=2))
    assert sorted(os.listdir(tmp_path)) == ["model.npz"]
    killed_save(path)
    load_model(path)
    assert sorted(os.listdir(tmp_path)) == ["model.npz"]


def test_a_live_writers_file_is_kept_until_it_is_long_idle(tmp_path):
    path = tmp_path / "model.npz"
    mine = tmp_path / f".model.npz.{os.getpid()}@{atomic_file._HOST}.abcd1234.tmp"
    elsewhere = tmp_path / ".model.npz.4242@another-machine.abcd1234.tmp"
    unmarked = tmp_path / ".model.npz.zz9_x8y7.tmp"
    for file in (mine, elsewhere, unmarked):
        file.write_bytes(b"partial")
    assert atomic_file.remove_stale_temporaries(path) == 0
    assert {p.name for p in atomic_file.temporaries(path)} == {mine.name, elsewhere.name,
                                                               unmarked.name}
    later = time.time() + atomic_file.STALE_SECONDS + 1
    assert atomic_file.remove_stale_temporaries(path, now=later) == 3
    assert os.listdir(tmp_path) == []


@pytest.mark.skipif(os.name != "posix", reason="process ids as POSIX has them")
def test_a_dead_writers_file_goes_at_once(tmp_path):
    process = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                             capture_output=True, text=True, check=True)
    dead = int(process.stdout)
    stale = tmp_path / f".model.npz.{dead}@{atomic_file._HOST}.abcd1234.tmp"
    stale.write_bytes(b"partial")
    assert atomic_file.remove_stale_temporaries(tmp_path / "model.npz") == 1
    assert not stale.exists()


def test_other_files_in_the_folder_are_never_touched(tmp_path):
    keep = [".model.npz.bak.abcd1234.tmp", ".model.npz.tmp", "model.npz.abcd1234.tmp",
            ".other.npz.99999999@x.abcd1234.tmp", ".model.npzz.abcd1234.tmp"]
    for name in keep:
        (tmp_path / name).write_bytes(b"x")
        os.utime(tmp_path / name, (0, 0))           # as old as can be
    save_model(tmp_path / "model.npz", Network([4, 3, 2], seed=0))
    assert sorted(os.listdir(tmp_path)) == sorted(keep + ["model.npz"])


def test_a_folder_that_cannot_be_listed_is_no_error(tmp_path):
    assert atomic_file.remove_stale_temporaries(tmp_path / "missing" / "model.npz") == 0
    assert atomic_file.temporaries(tmp_path / "missing" / "model.npz") == []


def test_write_atomically_writes_the_whole_file(tmp_path):
    path = tmp_path / "data.bin"
    atomic_file.write_atomically(path, lambda fh: fh.write(np.arange(10, dtype=np.uint8).tobytes()))
    assert path.read_bytes() == bytes(range(10))
    assert os.listdir(tmp_path) == ["data.bin"]
