"""Forms left half-filled when the terminal went away, kept until the next start.

A check-in being typed lives in the app's memory as a draft (see
``companion.screens.checkin``). When the terminal hangs up (a dropped SSH
session) the app writes its drafts here before it ends, and the next start
takes them back and removes the file. The file is this device's own
(``.drafts.<device>.json``): another device never restores it, and it is
never archived (hidden files are not). It is private (0600, written
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

from companion.core.errors import DamagedFileError
from companion.store.atomic import write_atomic
from companion.store.paths import read_data_file

__all__ = ["MAX_DRAFTS_BYTES", "Drafts", "drafts_name"]

MAX_DRAFTS_BYTES = 256 << 10
"""A larger drafts file is ignored (a draft is a few kilobytes at most)."""
_MAX_DRAFTS = 100
_VERSION = 1


def drafts_name(device: str) -> str:
    """The drafts file of ``device`` in the data directory."""
    return f".drafts.{device}.json"


class Drafts:
    """This device's drafts file in ``data_dir``."""

    def __init__(self, data_dir: Path, device: str) -> None:
        self.path = data_dir / drafts_name(device)

    def keep(self, drafts: Mapping[str, Mapping[str, Any]]) -> None:
        """Write ``drafts`` (none: remove the file). Raises ``OSError`` when it cannot."""
        if not drafts:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path)
            return
        write_atomic(self.path, orjson.dumps({"version": _VERSION, "drafts": dict(drafts)}))

    def take(self) -> dict[str, dict[str, Any]]:
        """The drafts kept, removing the file; none when there is no usable file."""
        try:
            too_large = os.stat(self.path).st_size > MAX_DRAFTS_BYTES
            _, raw = (None, b"") if too_large else read_data_file(self.path)
        except FileNotFoundError:
            return {}
        except (OSError, DamagedFileError):
            raw = b""
        with contextlib.suppress(OSError):
            os.unlink(self.path)  # taken once, usable or not
        if not raw or len(raw) > MAX_DRAFTS_BYTES:
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
