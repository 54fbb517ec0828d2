"""The data lock: exclusive against filelock (what other tools and older versions take),
reentrant, and its file private."""

from __future__ import annotations

import stat
from pathlib import Path

import filelock
import pytest

from companion.core.errors import LockTimeoutError
from companion.store.lock import data_lock


def test_a_lock_held_by_filelock_times_out(tmp_path: Path) -> None:
    path = tmp_path / ".lock"
    with filelock.FileLock(path):
        lock = data_lock(path, 0.1, 0o600)
        with pytest.raises(LockTimeoutError) as raised:
            lock.acquire()
    assert raised.value.lock_path == path
    lock.acquire()  # free again
    with pytest.raises(filelock.Timeout):
        filelock.FileLock(path, timeout=0.1).acquire()
    lock.release()
    with filelock.FileLock(path, timeout=0.1):
        pass


def test_the_lock_is_reentrant_and_freed_by_the_last_release(tmp_path: Path) -> None:
    path = tmp_path / ".lock"
    lock = data_lock(path, 0.1, 0o600)
    lock.acquire()
    lock.acquire()
    lock.release()
    with pytest.raises(filelock.Timeout):
        filelock.FileLock(path, timeout=0.05).acquire()
    lock.release()
    with filelock.FileLock(path, timeout=0.1):
        pass


def test_the_lock_file_is_private_whatever_it_was(tmp_path: Path) -> None:
    path = tmp_path / ".lock"
    path.touch()
    path.chmod(0o644)
    lock = data_lock(path, 0.1, 0o600)
    lock.acquire()
    lock.release()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
