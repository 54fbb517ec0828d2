"""Rolling daily backups of every data file.

Before a shard or ``settings.json`` is replaced, if its newest backup was taken
on an earlier local day (or it has none), the current file is copied to
``backups/<kind>/<stem>.<YYYYmmddTHHMMSS>.json`` (mode 0600). The
:data:`BACKUPS_KEPT` newest per file are kept. So a file spoilt today can be
brought back as it was at the start of one of its last five days of use
(``companion doctor --repair``). Only files that parsed are ever copied: the
store never writes over a damaged file, so it never backs one up either.
"""

from __future__ import annotations

import contextlib
import os
import re
from datetime import datetime
from pathlib import Path

from companion.core.clock import Clock
from companion.store.atomic import fsync_dir, write_atomic
from companion.store.paths import DIR_MODE, read_data_file

__all__ = [
    "BACKUPS_KEPT",
    "STAMP_FORMAT",
    "backup_folder",
    "backup_if_due",
    "backups_of",
    "ensure_dir",
    "stamp",
]

BACKUPS_KEPT = 5
"""How many backups of each file are kept."""

STAMP_FORMAT = "%Y%m%dT%H%M%S"
"""Local time of a backup, in its file name."""

_STAMP = re.compile(r"^(?P<stem>.+)\.(?P<stamp>\d{8}T\d{6})\.json$")


def stamp(clock: Clock) -> str:
    """The clock's local time as a file-name stamp."""
    return clock.now().strftime(STAMP_FORMAT)


def backup_folder(data_dir: Path, kind: str) -> Path:
    """Where backups of ``kind`` (``checkins``, ``settings``…) go."""
    return data_dir / "backups" / kind


def ensure_dir(path: Path) -> None:
    """Create ``path`` and missing parents as private directories."""
    if path.is_dir():
        return
    ensure_dir(path.parent)
    with contextlib.suppress(FileExistsError):
        os.mkdir(path, DIR_MODE)
    os.chmod(path, DIR_MODE)
    fsync_dir(path.parent)  # the new folder's name must survive a power cut too


def backups_of(data_dir: Path, kind: str, path: Path) -> list[tuple[datetime, Path]]:
    """Backups of the file ``path``, newest first, with the local time each was taken."""
    folder = backup_folder(data_dir, kind)
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    found: list[tuple[datetime, Path]] = []
    for name in names:
        match = _STAMP.match(name)
        if not match or match["stem"] != path.stem:
            continue
        try:
            taken = datetime.fromisoformat(match["stamp"])  # the basic ISO form STAMP_FORMAT writes
        except ValueError:
            continue
        found.append((taken, folder / name))
    found.sort(reverse=True)
    return found


def backup_if_due(data_dir: Path, kind: str, path: Path, clock: Clock) -> int:
    """Copy ``path`` into the backups if none was taken today; returns bytes written.

    Older backups beyond :data:`BACKUPS_KEPT` are removed.
    """
    if not path.exists():
        return 0
    existing = backups_of(data_dir, kind, path)
    if existing and existing[0][0].date() >= clock.now().date():
        return 0
    folder = backup_folder(data_dir, kind)
    ensure_dir(folder)
    target = folder / f"{path.stem}.{stamp(clock)}.json"
    written = write_atomic(target, read_data_file(path)[1])
    kept = [target] + [old for _, old in existing if old != target]
    for old in kept[BACKUPS_KEPT:]:
        with contextlib.suppress(FileNotFoundError):
            old.unlink()
    if len(kept) > BACKUPS_KEPT:
        fsync_dir(folder)
    return written
