"""Devices: one data directory on one machine, which writes only its own files.

A data directory may be kept in step with copies on other machines by a
file-sync tool (Syncthing, Nextcloud, Dropbox) or git. So that no tool ever
has to choose between two versions of one file, every file holding entries
or settings belongs to exactly one device, named in the file name::

    checkins/2026-11.3f9a0c1d2e.json      this device's check-ins of November
    checkins/2026-11.81be55aa07.json      the laptop's
    settings.3f9a0c1d2e.json

Reading merges the files of every device (:mod:`companion.store.merge`).

The device id lives in ``.device``, which is never synced (``.stignore`` and
``.gitignore`` say so) and records the host name and the identity of the
folder it was made for: a ``.device`` that arrives by some other route (a
copy, a sync tool that ignores the ignore files) does not match and a new id
is made, so two machines never share one.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from companion.core.errors import DamagedFileError
from companion.store.atomic import write_atomic
from companion.store.paths import LOCK_NAME, read_data_file
from companion.store.shards import Listing

__all__ = [
    "DEVICES_FOLDER",
    "CHART_MEMO_NAME",
    "CONTENT_INDEX_NAME",
    "DRAFTS_PATTERN",
    "LOCAL_FILES",
    "DEVICE_NAME",
    "DeviceInfo",
    "adopt_device",
    "device_labels",
    "ensure_device",
    "devices_in",
    "is_device_id",
    "record_device",
    "this_device",
    "IGNORE_FILES",
    "conflict_copies",
    "conflict_original",
    "device_of",
    "ensure_ignored",
    "local_device",
    "settings_conflict_copies",
    "settings_files",
    "write_ignore_files",
]

DEVICE_NAME = ".device"
"""This machine's device id for the data directory (never synced)."""
SUMMARIES_NAME = ".daily-summaries.json"
"""The daily summaries cache (:mod:`companion.store.summaries`): per machine, never synced."""
CONTENT_INDEX_NAME = ".content-index.json"
"""What the dashboard shows of the content (:mod:`companion.store.content_index`): per machine."""
CHART_MEMO_NAME = ".dashboard-chart.json"
"""The dashboard chart as last drawn (:mod:`companion.store.chart_memo`): per machine."""
DRAFTS_PATTERN = ".drafts.*.json"
"""Forms left half-filled at a hang-up (:mod:`companion.store.drafts`): per machine."""

_DEVICE_ID = re.compile(r"^[0-9a-f]{10}$")

LOCAL_FILES = (
    LOCK_NAME,
    DEVICE_NAME,
    SUMMARIES_NAME,
    CONTENT_INDEX_NAME,
    CHART_MEMO_NAME,
    DRAFTS_PATTERN,
)
"""The per-machine files at the top of a data directory (never synced)."""
_IGNORED = [*LOCAL_FILES, ".*.tmp", "*.restore-*"]

IGNORE_FILES = {
    ".stignore": "// companion: per-machine and temporary files stay on this machine\n"
    + "".join(f"(?d){pattern}\n" for pattern in _IGNORED),
    ".gitignore": "# companion: per-machine and temporary files stay on this machine\n"
    + "".join(f"{pattern}\n" for pattern in _IGNORED),
}
"""Ignore lists for Syncthing and git, written into every data directory."""


def _folder_identity(data_dir: Path) -> list[Any]:
    info = os.stat(data_dir)
    return [_host_name(), info.st_dev, info.st_ino]


def _host_name() -> str:
    """This machine's host name (``uname``'s node name, which ``gethostname`` also gives
    on POSIX; the socket module is imported only where there is no ``uname``)."""
    uname = getattr(os, "uname", None)
    if uname is not None:
        return str(uname().nodename)
    import socket

    return socket.gethostname()


def local_device(data_dir: Path) -> str:
    """This machine's device id for ``data_dir``, made (and saved) on first use."""
    return ensure_device(data_dir)[0]


def ensure_device(data_dir: Path) -> tuple[str, int]:
    """This machine's device id for ``data_dir`` and the bytes written to record it."""
    path = data_dir / DEVICE_NAME
    identity = _folder_identity(data_dir)
    try:
        saved: Any = orjson.loads(read_data_file(path)[1])
    except (OSError, orjson.JSONDecodeError):
        saved = None
    if (
        isinstance(saved, dict)
        and isinstance(saved.get("id"), str)
        and _DEVICE_ID.match(saved["id"])
        and saved.get("folder") == identity
    ):
        return str(saved["id"]), 0
    import secrets  # only when this machine has no id for the directory yet

    device = secrets.token_hex(5)
    return device, write_atomic(path, orjson.dumps({"id": device, "folder": identity}))


def adopt_device(data_dir: Path) -> int:
    """Keep the recorded device id for a data directory moved or copied on purpose.

    Only for a copy that replaces the original (a move to a new disk, the
    benchmarks' working copies): two folders with one id must never both be used.
    """
    saved: Any = orjson.loads(read_data_file(data_dir / DEVICE_NAME)[1])
    record = {"id": saved["id"], "folder": _folder_identity(data_dir)}
    return write_atomic(data_dir / DEVICE_NAME, orjson.dumps(record))


def device_of(file_name: str) -> str:
    """The device that wrote ``2026-11.3f9a0c1d2e.json`` (``""`` for the old layout)."""
    parts = file_name.split(".")
    return parts[1] if len(parts) == 3 else ""


def write_ignore_files(data_dir: Path) -> int:
    """Write ``.stignore`` and ``.gitignore`` where they are missing; returns bytes written."""
    written = 0
    for name, text in IGNORE_FILES.items():
        path = data_dir / name
        if not path.exists():
            written += write_atomic(path, text.encode())
    return written


def ensure_ignored(data_dir: Path) -> int:
    """Make ``.stignore`` and ``.gitignore`` list every per-machine file: written where
    missing, and the patterns a folder made by an older version lacks added to its
    own (nothing else in them changes). Syncthing takes the first pattern that
    matches, so its are put first; git's last, as git lets the last one win. A
    link or anything but a plain UTF-8 file is left alone. Returns bytes written."""
    written = write_ignore_files(data_dir)
    for name in IGNORE_FILES:
        path = data_dir / name
        try:
            if not stat.S_ISREG(os.lstat(path).st_mode):
                continue  # a link or a folder: not ours to rewrite
            text = read_data_file(path)[1].decode("utf-8")
        except (OSError, DamagedFileError, UnicodeDecodeError):
            continue
        prefix = "(?d)" if name == ".stignore" else ""
        lines = set(text.splitlines())
        missing = [f"{prefix}{p}" for p in _IGNORED if f"{prefix}{p}" not in lines]
        if not missing:
            continue
        newline = "\r\n" if "\r\n" in text else "\n"
        added = newline.join(missing) + newline
        if name == ".stignore":
            updated = added + text
        else:
            updated = text + ("" if not text or text.endswith("\n") else newline) + added
        written += write_atomic(path, updated.encode("utf-8"))
    return written


_CONFLICT = re.compile(
    r"^(?P<base>[^ ]+?)(?:\.sync-conflict-[0-9A-Za-z-]+| \([^)]*conflicted copy[^)]*\))\.json$"
)


def conflict_original(file_name: str) -> str | None:
    """``2026-11.json`` for a sync tool's conflict copy of it, else ``None``.

    Syncthing: ``2026-11.sync-conflict-20261201-101010-ABCDEFG.json``;
    Nextcloud and Dropbox: ``2026-11 (conflicted copy 2026-12-01 101010).json``.
    """
    match = _CONFLICT.match(file_name)
    return f"{match['base']}.json" if match else None


def conflict_copies(data_dir: Path) -> list[Path]:
    """Every conflict copy a sync tool left among the data files (backups excluded)."""
    found: list[Path] = []
    for root, dirs, files in os.walk(data_dir):
        dirs[:] = [d for d in dirs if d != "backups" and not d.startswith(".")]
        found.extend(Path(root, name) for name in files if conflict_original(name))
    return sorted(found)


_SETTINGS = re.compile(r"^settings(?:\.([0-9a-f]{10}))?\.json$")


def settings_files(data_dir: Path) -> list[tuple[str, Path]]:
    """Every device's settings file: ``(device, path)``, ``""`` for schema 1's ``settings.json``."""
    return _settings_named(data_dir, lambda name: name)


def settings_conflict_copies(data_dir: Path) -> list[tuple[str, Path]]:
    """A sync tool's conflict copies of settings files: ``(device of the original, path)``.

    Two machines once wrote one settings file (the single-device layout, or a
    copied ``.device``); the settings merge reads the copies key by key like
    any device's file, in name order so every device picks the same value.
    """
    return _settings_named(data_dir, conflict_original)


def _settings_named(
    data_dir: Path, settings_name: Callable[[str], str | None]
) -> list[tuple[str, Path]]:
    """``(device, path)`` of each file whose ``settings_name`` is a settings file's name."""
    try:
        names = os.listdir(data_dir)
    except FileNotFoundError:
        return []
    found = []
    for name in sorted(names):
        original = settings_name(name)
        match = _SETTINGS.match(original) if original else None
        if match:
            found.append((match[1] or "", data_dir / name))
    return found


DEVICES_FOLDER = "devices"
"""``devices/<id>.json``: what each device is (host name, the schema it writes); synced."""


def record_device(data_dir: Path, device: str, schema: int) -> int:
    """Write ``devices/<device>.json`` if it is missing or out of date; returns bytes written."""
    path = data_dir / DEVICES_FOLDER / f"{device}.json"
    wanted = {"id": device, "host": _host_name(), "schema": schema}
    try:
        if orjson.loads(read_data_file(path)[1]) == wanted:
            return 0
    except (OSError, orjson.JSONDecodeError):
        pass
    from companion.store.backups import ensure_dir

    ensure_dir(path.parent)
    return write_atomic(path, orjson.dumps(wanted))


class DeviceInfo(NamedTuple):
    """One device seen in a data directory."""

    device: str
    """Its id (``""`` for files of the schema 1 layout)."""
    host: str
    """The host name it recorded, if any."""
    schema: int | None
    """The schema it writes, if recorded."""
    last_write: float
    """The newest modification time of its files (seconds since the epoch)."""
    files: int
    """How many data files it has written."""


def devices_in(data_dir: Path, plans: list[tuple[str, Listing]]) -> list[DeviceInfo]:
    """Every device with files in ``data_dir``, from the shard listings of each kind."""
    seen: dict[str, list[float]] = {}

    def note(device: str, path: Path) -> None:
        with contextlib.suppress(OSError):  # gone since the listing: nothing to date
            seen.setdefault(device, []).append(path.stat().st_mtime)

    for kind, listing in plans:
        for name, found in listing.items():
            for device in found:
                suffix = f".{device}" if device else ""
                note(device, data_dir / kind / f"{name}{suffix}.json")
    for device, path in settings_files(data_dir):
        note(device, path)
    infos = []
    for device, times in sorted(seen.items()):
        recorded: Any = {}
        with contextlib.suppress(OSError, orjson.JSONDecodeError):
            recorded = orjson.loads(read_data_file(data_dir / DEVICES_FOLDER / f"{device}.json")[1])
        recorded = recorded if isinstance(recorded, dict) else {}
        host = recorded.get("host") if isinstance(recorded.get("host"), str) else ""
        schema = recorded.get("schema") if isinstance(recorded.get("schema"), int) else None
        infos.append(DeviceInfo(device, host, schema, max(times), len(times)))
    return infos


def is_device_id(text: str) -> bool:
    """Whether ``text`` has the shape of a device id (safe in a file name)."""
    return bool(_DEVICE_ID.match(text))


def this_device(data_dir: Path) -> str:
    """The device id recorded in ``data_dir`` without making one (``""`` if none)."""
    try:
        saved: Any = orjson.loads(read_data_file(data_dir / DEVICE_NAME)[1])
    except (OSError, DamagedFileError, orjson.JSONDecodeError):
        return ""
    return str(saved.get("id", "")) if isinstance(saved, dict) else ""


def device_labels(data_dir: Path) -> dict[str, str]:
    """Device id → a short name for people: its host name (with the id's start if two
    devices share a host), or the id's start if it recorded no host."""
    try:
        names = sorted(os.listdir(data_dir / DEVICES_FOLDER))
    except FileNotFoundError:
        return {}
    hosts: dict[str, str] = {}
    for name in names:
        device = name.removesuffix(".json")
        if not _DEVICE_ID.match(device) or not name.endswith(".json"):
            continue
        recorded: Any = {}
        with contextlib.suppress(OSError, orjson.JSONDecodeError):
            recorded = orjson.loads(read_data_file(data_dir / DEVICES_FOLDER / name)[1][:4096])
        host = recorded.get("host") if isinstance(recorded, dict) else None
        hosts[device] = _printable(host)[:24] if isinstance(host, str) else ""
    labels = {}
    for device, host in hosts.items():
        shared = sum(1 for other in hosts.values() if other == host) > 1
        labels[device] = f"{host} {device[:4]}" if host and shared else host or device[:6]
    return labels


def _printable(text: str) -> str:
    """A host name from another device's file, without control characters."""
    return "".join(ch for ch in text if ch.isprintable())
