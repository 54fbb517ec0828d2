"""Health checks of a data directory, and repair from backups.

:func:`diagnose` only reads: directory and file permissions, the schema in
``meta.json``, whether every data file parses (and every entry in it is
valid), how many backups exist, and leftovers of interrupted saves.
:func:`repair` (called with the lock held) restores the newest backup that
parses over each damaged file, keeping the damaged file beside it as
``<name>.damaged-<stamp>``, and removes leftover temporary files.
"""

from __future__ import annotations

import os
import shlex
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

import orjson

from companion.core.clock import Clock
from companion.core.errors import DamagedFileError, DataError, InvalidInputError
from companion.core.settings import Settings
from companion.core.untrusted import is_storable
from companion.core.words import count_of
from companion.store import migrations
from companion.store.atomic import commit, fsync_dir, stage, write_atomic
from companion.store.backups import backups_of, stamp
from companion.store.devices import (
    DEVICES_FOLDER,
    conflict_copies,
    devices_in,
    settings_files,
    this_device,
)
from companion.store.merge import is_gone
from companion.store.migrations import read_schema
from companion.store.paths import DIR_MODE, FILE_MODE, META_NAME, command_for, read_data_file
from companion.store.salvage import RECORD_TYPES, merge_with_backup, salvage_shard
from companion.store.shards import KINDS, MOVES_TABLE
from companion.store.storage import decode, encode

__all__ = ["DoctorFinding", "data_dir_link", "diagnose", "repair"]

Level = Literal["ok", "warning", "error"]

_RECORD_TYPES = RECORD_TYPES


@dataclass(frozen=True, slots=True)
class DoctorFinding:
    """One result of a check."""

    level: Level
    """``ok``, ``warning`` (works, but look) or ``error`` (something cannot be read)."""
    path: Path
    """The file or directory checked."""
    message: str
    """What was found, in plain words."""


def check_shard(path: Path, kind: str) -> int:
    """Parse a shard and validate every entry; returns how many it holds.

    Raises :class:`DamagedFileError` describing the first problem.
    """
    try:
        raw = read_data_file(path)[1]
    except OSError as err:
        raise DamagedFileError(path, f"cannot be read: {err.strerror or err}") from None
    tables = decode(raw, path)
    if path.name.startswith(f"{MOVES_TABLE}."):  # entries moved between shards, by id
        return len(tables.get(MOVES_TABLE, {}))
    docs = tables.get(kind, {})
    for doc_id, doc in docs.items():
        if is_gone(doc):
            continue
        try:
            record = _RECORD_TYPES[kind].from_dict(doc)
        except InvalidInputError as err:
            raise DamagedFileError(path, f"entry {doc_id}: {err}") from None
        if record.id != doc_id:
            raise DamagedFileError(path, f"entry {doc_id} has the id {record.id!r}")
        if not is_storable(record):
            raise DamagedFileError(
                path,
                f"entry {doc_id} is dated out of range (before 1900 or after 2199); "
                "screens and commands leave it out",
            )
    return len(docs)


def check_settings(path: Path) -> None:
    """Raise :class:`DamagedFileError` if ``settings.json`` cannot be used."""
    try:
        data = orjson.loads(read_data_file(path)[1])
    except orjson.JSONDecodeError as err:
        raise DamagedFileError(path, f"not valid JSON: {err}") from None
    if not isinstance(data, dict):
        raise DamagedFileError(path, "expected a JSON object of settings")
    Settings.from_dict(data)


def _data_files(data_dir: Path) -> list[tuple[str, Path]]:
    """Every file that has backups: (backup kind, path)."""
    files = []
    for plan in KINDS:
        listing = plan.listing(data_dir)
        files += [
            (plan.kind, plan.path(data_dir, name, device))
            for name, devices in sorted(listing.items(), reverse=True)
            for device in devices
        ]
        files += [(plan.kind, plan.moves_path(data_dir, device)) for device in listing.moves]
    files.extend(("settings", path) for _device, path in settings_files(data_dir))
    return files


def _check_file(kind: str, path: Path) -> str:
    """A description of a healthy file; raises :class:`DamagedFileError` otherwise."""
    if kind == "settings":
        check_settings(path)
        return "settings parse"
    count = check_shard(path, kind)
    return f"parses ({count} {'entry' if count == 1 else 'entries'})"


def _temp_files(data_dir: Path) -> list[Path]:
    found: list[Path] = []
    for root, _dirs, files in os.walk(data_dir):
        found.extend(Path(root, f) for f in files if f.startswith(".") and f.endswith(".tmp"))
    return sorted(found)


def diagnose(data_dir: Path) -> list[DoctorFinding]:
    """Check ``data_dir`` without changing anything."""
    findings: list[DoctorFinding] = []
    if not data_dir.is_dir():
        return [DoctorFinding("error", data_dir, "the data directory does not exist")]
    findings.extend(_permissions(data_dir))
    meta = data_dir / META_NAME
    try:
        schema = read_schema(data_dir)
    except DamagedFileError as err:
        findings.append(DoctorFinding("error", meta, f"damaged: {err.detail}"))
    except DataError as err:
        findings.append(DoctorFinding("error", meta, str(err)))
    else:
        if schema is None:
            findings.append(DoctorFinding("warning", meta, "missing; it is written on next start"))
        elif schema > migrations.CURRENT_SCHEMA:
            message = (
                f"schema {schema} was written by a newer version "
                f"(this one reads up to {migrations.CURRENT_SCHEMA})"
            )
            findings.append(DoctorFinding("error", meta, message))
        else:
            state = (
                "current"
                if schema == migrations.CURRENT_SCHEMA
                else f"upgraded to {migrations.CURRENT_SCHEMA} on next start"
            )
            findings.append(DoctorFinding("ok", meta, f"schema {schema} ({state})"))
    backups_total = 0
    for kind, path in _data_files(data_dir):
        backups = backups_of(data_dir, kind, path)
        backups_total += len(backups)
        try:
            findings.append(DoctorFinding("ok", path, _check_file(kind, path)))
        except DamagedFileError as err:
            good = sum(1 for _, backup in backups if _parses(kind, backup))
            hint = (
                f"{count_of(good, 'good backup')}; "
                f"`{command_for(data_dir, 'doctor --repair')}` restores the newest"
                if good
                else "no good backup exists"
            )
            findings.append(DoctorFinding("error", path, f"damaged: {err.detail} ({hint})"))
    findings.append(
        DoctorFinding(
            "ok",
            data_dir / "backups",
            f"{count_of(backups_total, 'backup')} of data files",
        )
    )
    for temp in _temp_files(data_dir):
        findings.append(
            DoctorFinding("warning", temp, "left over by an interrupted save; --repair removes it")
        )
    findings.extend(_devices(data_dir))
    return findings


def _devices(data_dir: Path) -> list[DoctorFinding]:
    """Each device with its last write; newer writers; conflict copies left by sync tools."""
    findings = []
    here = this_device(data_dir)
    infos = devices_in(data_dir, [(plan.kind, plan.listing(data_dir)) for plan in KINDS])
    for info in infos if len(infos) > 1 or any(i.device != here for i in infos) else []:
        name = info.device or "files of the single-device layout"
        host = f" on {info.host}" if info.host else ""
        mine = " (this device)" if info.device == here and here else ""
        when = datetime.fromtimestamp(info.last_write).astimezone()
        message = (
            f"device {name}{host}{mine}: {count_of(info.files, 'file')}, "
            f"last write {when:%Y-%m-%d %H:%M}"
        )
        findings.append(DoctorFinding("ok", data_dir / DEVICES_FOLDER, message))
        if info.schema is not None and info.schema > migrations.CURRENT_SCHEMA:
            message = (
                f"device {info.device}{host} writes schema {info.schema}, newer than this "
                f"version understands ({migrations.CURRENT_SCHEMA}): upgrade companion here "
                "before trusting what it shows of that device's entries"
            )
            findings.append(DoctorFinding("warning", data_dir / DEVICES_FOLDER, message))
    for copy in conflict_copies(data_dir):
        if copy.parent == data_dir and copy.name.startswith("settings"):
            message = (
                "a sync tool's conflict copy of settings; merged key by key (the value "
                "saved last wins). Check the settings, then delete it"
            )
        else:
            message = (
                "a sync tool's conflict copy; the companion does not read it (entries of "
                "copies found at the upgrade to schema 2 were merged by id). Check it, "
                "then delete it"
            )
        findings.append(DoctorFinding("warning", copy, message))
    return findings


def _unwritable(folder: Path) -> DoctorFinding | None:
    """An error if this user cannot add or replace files in ``folder`` (a save
    writes a new file beside the old and renames it, so the folder is what counts).
    ``os.access`` answers for the real user, so root passes, as its saves would."""
    if os.access(folder, os.W_OK | os.X_OK):
        return None
    mode = stat.S_IMODE(os.stat(folder).st_mode)
    message = (
        f"cannot be written by you (mode {mode:04o}): nothing can be saved in it; "
        f"make it writable (chmod u+rwx {shlex.quote(str(folder))})"
    )
    return DoctorFinding("error", folder, message)


def _permissions(data_dir: Path) -> list[DoctorFinding]:
    findings = [finding for finding in [_unwritable(data_dir)] if finding is not None]
    checked = 0
    for root, dirs, files in os.walk(data_dir):
        for name, wanted in [(d, DIR_MODE) for d in dirs] + [(f, FILE_MODE) for f in files]:
            path = Path(root, name)
            checked += 1
            try:
                info = os.lstat(path)
            except FileNotFoundError:
                continue  # removed meanwhile (another process's temporary file)
            if stat.S_ISLNK(info.st_mode):
                findings.append(_link_finding(path))
                continue
            if stat.S_ISDIR(info.st_mode) and (unwritable := _unwritable(path)) is not None:
                findings.append(unwritable)
            mode = stat.S_IMODE(info.st_mode)
            if mode & ~wanted:
                message = f"mode {mode:04o} lets others read it (should be {wanted:04o})"
                findings.append(DoctorFinding("warning", path, message))
    mode = stat.S_IMODE(os.stat(data_dir).st_mode)
    if mode & ~DIR_MODE:
        message = f"mode {mode:04o} lets others in (should be {DIR_MODE:04o})"
        findings.insert(0, DoctorFinding("warning", data_dir, message))
    elif not findings:
        message = f"private ({mode:04o}; all {checked} files and folders in it are private)"
        findings.append(DoctorFinding("ok", data_dir, message))
    return findings


def _link_finding(path: Path) -> DoctorFinding:
    """A symbolic link inside the data directory: never followed for permissions,
    and a save replaces it with a regular file."""
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    message = (
        f"is a symbolic link to {target}; the companion does not follow it "
        "(a save replaces it with a regular file)"
    )
    return DoctorFinding("warning", path, message)


def data_dir_link(given: Path) -> DoctorFinding | None:
    """Where a data directory given as a symbolic link points, for ``doctor``."""
    path = Path(given).expanduser()
    if not path.is_symlink():
        return None
    return DoctorFinding("ok", path, f"a symbolic link to {path.resolve()}, which is used")


def _parses(kind: str, path: Path) -> bool:
    try:
        _check_file(kind, path)
    except DamagedFileError:
        return False
    return True


def repair(data_dir: Path, clock: Clock) -> list[str]:
    """Restore damaged files from their newest good backup. Call it holding the lock."""
    actions: list[str] = []
    for kind, path in _data_files(data_dir):
        if _parses(kind, path):
            continue
        good = next(
            ((taken, b) for taken, b in backups_of(data_dir, kind, path) if _parses(kind, b)),
            None,
        )
        if kind != "settings":
            actions.append(_salvage(path, kind, good, clock))
            continue
        if good is None:
            actions.append(f"no good backup of {path} exists; it was left as it is")
            continue
        taken, backup = good
        kept = path.with_name(f"{path.name}.damaged-{stamp(clock)}")
        write_atomic(kept, read_data_file(path)[1])
        commit([stage(path, read_data_file(backup)[1])])
        actions.append(
            f"restored {path} from the backup of {taken:%Y-%m-%d %H:%M} ({backup.name}); "
            f"entries saved after that are only in the damaged file, kept as {kept.name}"
        )
    if (data_dir / META_NAME).exists() and not _meta_ok(data_dir):
        actions.append(f"{data_dir / META_NAME} is damaged and has no backup; it was left as it is")
    for temp in _temp_files(data_dir):
        temp.unlink(missing_ok=True)
        fsync_dir(temp.parent)
        actions.append(f"removed {temp}, left over by an interrupted save")
    return actions or ["nothing needed repair"]


def _salvage(path: Path, kind: str, good: tuple[datetime, Path] | None, clock: Clock) -> str:
    """Rewrite a damaged shard from what can be read of it plus its newest good
    backup; the damaged file is kept byte for byte beside it."""
    raw = read_data_file(path)[1]
    kept = path.with_name(f"{path.name}.damaged-{stamp(clock)}")
    write_atomic(kept, raw)
    salvaged = salvage_shard(raw, kind)
    merged, from_backup = merge_with_backup(salvaged, good[1] if good else None, kind)
    commit([stage(path, encode({kind: merged}))])
    backup = f"the backup of {good[0]:%Y-%m-%d %H:%M}" if good else "no backup (none was good)"
    lost = salvaged.unreadable
    lines = ", ".join(str(n) for n in lost[:10]) + (" …" if len(lost) > 10 else "")
    could_not = (
        f"{count_of(len(lost), 'line')} could not be read (line {lines})"
        if lost
        else "every line was read"
    )
    return (
        f"repaired {path}: {count_of(len(salvaged.docs), 'entry', 'entries')} recovered from it, "
        f"{from_backup} more from {backup}; {could_not}; "
        f"the damaged file is kept as {kept.name}"
    )


def _meta_ok(data_dir: Path) -> bool:
    try:
        read_schema(data_dir)
    except DataError:
        return False
    return True
