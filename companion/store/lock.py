"""The data directory's inter-process lock: an exclusive ``flock`` on ``.lock``.

On POSIX the lock is taken with :func:`fcntl.flock` directly, the same lock
``filelock`` takes there, so the two exclude each other. Importing filelock 4
costs more than the rest of saving one check-in (``companion log``), so it is
imported only where there is no ``fcntl``.
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path
from typing import Protocol

from companion.core.errors import LockTimeoutError

__all__ = ["POLL_SECONDS", "DataLock", "data_lock"]

POLL_SECONDS = 0.05
"""How often a held lock is tried again until the timeout."""


class DataLock(Protocol):
    """A reentrant inter-process lock (per object; callers add their own thread lock)."""

    def acquire(self) -> None:
        """Take the lock: :class:`LockTimeoutError` after the timeout, ``OSError`` if the
        lock file cannot be opened."""

    def release(self) -> None:
        """Give back one :meth:`acquire`; the lock is freed when all are given back."""


class _FlockLock:
    def __init__(self, path: Path, timeout: float, mode: int) -> None:
        self._path = path
        self._timeout = timeout
        self._mode = mode
        self._fd: int | None = None
        self._depth = 0

    def acquire(self) -> None:
        import fcntl

        if self._depth:
            self._depth += 1
            return
        flags = os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(self._path, flags, self._mode)
        try:
            info = os.fstat(fd)
            if stat.S_IMODE(info.st_mode) != self._mode and info.st_uid == os.getuid():
                os.fchmod(fd, self._mode)  # private whatever the umask
            deadline = time.monotonic() + self._timeout
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise LockTimeoutError(self._path, self._timeout) from None
                    time.sleep(POLL_SECONDS)  # another process is saving: wait for it
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        self._depth = 1

    def release(self) -> None:
        import fcntl

        if self._depth == 0 or self._fd is None:
            return
        self._depth -= 1
        if self._depth == 0:
            fd, self._fd = self._fd, None
            try:
                fcntl.flock(fd, fcntl.LOCK_UN)
            finally:
                os.close(fd)


class _FilelockLock:
    """``filelock`` where there is no ``fcntl`` (Windows)."""

    def __init__(self, path: Path, timeout: float, mode: int) -> None:
        import filelock

        self._timeout = timeout
        self._lock = filelock.FileLock(path, timeout=timeout, mode=mode)

    def acquire(self) -> None:
        import filelock

        try:
            self._lock.acquire(timeout=self._timeout)
        except filelock.Timeout:
            raise LockTimeoutError(Path(self._lock.lock_file), self._timeout) from None

    def release(self) -> None:
        self._lock.release()


def data_lock(path: Path, timeout: float, mode: int) -> DataLock:
    """The lock on ``path``: waits up to ``timeout`` seconds; the file gets ``mode``."""
    try:
        import fcntl  # noqa: F401  # POSIX only
    except ImportError:
        return _FilelockLock(path, timeout, mode)
    return _FlockLock(path, timeout, mode)
