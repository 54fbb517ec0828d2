"""Durable, private file replacement.

A save returns only once its bytes are on disk: the new content goes to a
temporary file in the target's directory (mode 0600), is flushed and
fsync'ed, renamed over the target with ``os.replace`` (atomic on POSIX), and
the directory is fsync'ed so the rename itself survives a power cut. A
``kill -9`` at any instant therefore leaves either the old or the new file,
never a mix.

Several files can be replaced together: :func:`stage` writes and syncs every
temporary file first, then :func:`commit` renames them all. A failure before
the renames leaves everything as it was.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import NamedTuple

from companion.store.paths import FILE_MODE

__all__ = [
    "StagedFile",
    "commit",
    "discard",
    "fsync_dir",
    "remove_stale_temps",
    "stage",
    "write_atomic",
]


class StagedFile(NamedTuple):
    """A synced temporary file waiting to be renamed over ``target``."""

    target: Path
    """The file it will replace."""
    temp: Path
    """The temporary file beside it."""
    size: int
    """Bytes written."""


def fsync_dir(path: Path) -> None:
    """Make renames and deletions in ``path`` durable."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def stage(target: Path, data: bytes) -> StagedFile:
    """Write ``data`` to a new private file beside ``target`` and fsync it."""
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    temp = Path(name)
    try:
        os.fchmod(fd, FILE_MODE)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    os.close(fd)
    return StagedFile(target, temp, len(data))


def commit(staged: list[StagedFile]) -> None:
    """Rename every staged file over its target, then sync the directories."""
    for item in staged:
        os.replace(item.temp, item.target)
    for directory in sorted({item.target.parent for item in staged}):
        fsync_dir(directory)


def discard(staged: list[StagedFile]) -> None:
    """Remove staged files that will not be committed."""
    for item in staged:
        with contextlib.suppress(OSError):
            item.temp.unlink()


def remove_stale_temps(directory: Path) -> list[Path]:
    """Delete temporary files an interrupted save left in ``directory``; returns them.

    Call it only holding the data lock: every save stages its files under the
    lock, so no temporary file found then belongs to a save still running.
    """
    removed: list[Path] = []
    try:
        names = os.listdir(directory)
    except OSError:
        return removed
    for name in names:
        if name.startswith(".") and name.endswith(".tmp"):
            temp = directory / name
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
                removed.append(temp)
    if removed:
        fsync_dir(directory)
    return removed


def write_atomic(target: Path, data: bytes) -> int:
    """Replace ``target`` with ``data`` durably; returns the bytes written."""
    item = stage(target, data)
    try:
        commit([item])
    except BaseException:
        discard([item])
        raise
    return item.size
