"""Forms left half-filled when the terminal went away, kept until the next start.

A check-in being typed lives in the app's memory as a draft (see
``companion.screens.checkin``). When the terminal hangs up (a dropped SSH
session) the app writes its drafts here before it ends, and the next start
takes them back and removes the file. The file is this device's own
(``.drafts.<device>.<pid>.json``, one per process, so two sessions that hang
up together keep both): another device never restores it, and it is never
archived (hidden files are not). It is private (0600, written
atomically) and read as hostile: bounded in size, anything but a mapping of
short names to mappings is ignored. What each draft holds is checked by
the form that restores it.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import orjson

from companion.core.files import FileRefusedError, read_regular
from companion.store.atomic import write_atomic

__all__ = ["MAX_DRAFTS_BYTES", "Drafts", "drafts_name"]

MAX_DRAFTS_BYTES = 256 << 10
"""A larger drafts file is ignored (a draft is a few kilobytes at most)."""
_MAX_DRAFTS = 100
_VERSION = 1


def drafts_name(device: str, process: int | None = None) -> str:
    """The drafts file of ``device`` (and of this process, unless ``process`` is given)."""
    return f".drafts.{device}.{os.getpid() if process is None else process}.json"


class Drafts:
    """This device's drafts files in ``data_dir``."""

    def __init__(self, data_dir: Path, device: str) -> None:
        self._data_dir = data_dir
        self._device = device
        self.path = data_dir / drafts_name(device)
        """The file this process keeps its drafts in."""

    def keep(self, drafts: Mapping[str, Mapping[str, Any]]) -> None:
        """Write ``drafts`` (none: remove the file). Raises ``OSError`` when it cannot."""
        if not drafts:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)
            return
        write_atomic(self.path, orjson.dumps({"version": _VERSION, "drafts": dict(drafts)}))

    def take(self) -> dict[str, dict[str, Any]]:
        """Every draft this device's processes kept, newest file last (its drafts win),
        removing the files; none when there is no usable file."""
        found = []
        with contextlib.suppress(OSError):
            for name in os.listdir(self._data_dir):
                if name.startswith(f".drafts.{self._device}.") and name.endswith(".json"):
                    path = self._data_dir / name
                    with contextlib.suppress(OSError):
                        found.append((os.lstat(path).st_mtime_ns, path))
        taken: dict[str, dict[str, Any]] = {}
        for _, path in sorted(found)[-_MAX_FILES:]:
            taken.update(_read(path))
        for _, path in found:
            with contextlib.suppress(OSError):
                os.unlink(path)  # taken once, usable or not
        return taken


_MAX_FILES = 20


def _read(path: Path) -> dict[str, dict[str, Any]]:
    """The drafts in one file, read as hostile (nothing when it is not one of ours)."""
    try:  # a link, a FIFO or a device is refused unread
        raw = read_regular(path, MAX_DRAFTS_BYTES, follow_links=False)
    except FileRefusedError:
        return {}
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return {}
    if not isinstance(data, dict) or data.get("version") != _VERSION:
        return {}
    drafts = data.get("drafts")
    if not isinstance(drafts, dict) or len(drafts) > _MAX_DRAFTS:
        return {}
    return {
        key: value
        for key, value in drafts.items()
        if isinstance(key, str) and len(key) <= 100 and isinstance(value, dict)
    }
