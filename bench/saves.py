"""Bytes written by one save on the big data directory, counted two ways.

``store.bytes_written`` is what the store says it wrote; the files check is
the total size of every file in the data directory that is new or was
replaced (a different inode, size or mtime) across the save. They should
agree; the larger one is held to the target.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path

from companion.core.clock import FakeClock
from companion.core.ids import new_id
from companion.core.records import CheckIn
from companion.store import Store

__all__ = ["SaveCost", "save_costs"]

FileState = tuple[int, int, int]


@dataclass(frozen=True)
class SaveCost:
    """What one ``store.checkins.add`` wrote."""

    label: str
    reported: int
    """The change in ``store.bytes_written``."""
    on_disk: int
    """Total size of the files the save created or replaced."""
    files: list[str]
    """Those files, relative to the data directory."""

    @property
    def worst(self) -> int:
        return max(self.reported, self.on_disk)


def _snapshot(data_dir: Path) -> dict[str, FileState]:
    """Every file under ``data_dir`` → (inode, size, mtime_ns)."""
    state: dict[str, FileState] = {}
    for folder, _dirs, names in os.walk(data_dir):
        for name in names:
            path = Path(folder, name)
            info = path.stat()
            state[str(path.relative_to(data_dir))] = (info.st_ino, info.st_size, info.st_mtime_ns)
    return state


def _one_save(store: Store, clock: FakeClock, label: str) -> SaveCost:
    """Add one ordinary check-in at the clock's time and measure what it cost."""
    data_dir = store.data_dir
    before_files = _snapshot(data_dir)
    before = store.bytes_written
    now = clock.now()
    checkin = CheckIn(id=new_id(now), at=now, pain=5, leg=6, where=("left calf",), note="bench")
    store.checkins.add(checkin)
    after_files = _snapshot(data_dir)
    changed = sorted(name for name, state in after_files.items() if before_files.get(name) != state)
    return SaveCost(
        label,
        store.bytes_written - before,
        sum(after_files[name][1] for name in changed),
        changed,
    )


def save_costs(data_dir: Path) -> list[SaveCost]:
    """On a working copy ``data_dir``: the day's first save, then a normal one.

    The first save of a day also copies the month's file into the daily backups.
    """
    today = datetime.now().astimezone().date()
    clock = FakeClock(current=datetime.combine(today, time(10, 0)).astimezone())
    store = Store.open(data_dir, clock)
    costs = [_one_save(store, clock, "first save of the day (makes the daily backup)")]
    clock.advance(300)
    costs.append(_one_save(store, clock, "normal save"))
    return costs
