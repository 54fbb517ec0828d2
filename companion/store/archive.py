"""One archive of a whole data directory, and bringing one back all or nothing.

:func:`pack` reads every data file (entries of every device, settings,
``meta.json`` and the rolling backups) into a gzipped tar
in memory, holding the data lock so no save is caught half-way. The lock
file, device-local files and temporary files of interrupted saves are left
out. Encryption is the caller's business (``companion backup`` uses age).

:func:`unpack` is for bytes that may be hostile: only regular files and
folders with plain relative names are accepted, sizes are bounded, and the
result is written to a fresh private folder beside the target, checked (the
schema is readable, every data file parses) and only then renamed into
place. A failure at any step leaves the target as it was.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from companion.core.errors import DataError, InvalidInputError
from companion.store.atomic import fsync_dir
from companion.store.paths import (
    DIR_MODE,
    FILE_MODE,
    LOCK_NAME,
    META_NAME,
    io_error,
    read_data_file,
)

__all__ = ["MAX_ARCHIVE_BYTES", "LOCAL_ONLY", "is_skipped", "pack", "unpack"]

MAX_ARCHIVE_BYTES = 1 << 30
"""The most an unpacked archive may hold (20 years of entries are a few tens of MB)."""

_MAX_MEMBERS = 200_000

LOCAL_ONLY = (LOCK_NAME, ".device")
"""Files that belong to one machine and are never archived or synced."""

_KEPT_HIDDEN = {".stignore", ".gitignore"}

_SAFE_PART = re.compile(r"^[A-Za-z0-9._@+=~ ()-]{1,200}$")


def is_skipped(name: str) -> bool:
    """Whether a file name is one the archive (and sync) leaves out."""
    return name in LOCAL_ONLY or (name.startswith(".") and name.endswith(".tmp"))


def pack(data_dir: Path) -> bytes:
    """A gzipped tar of ``data_dir``'s files (call it holding the data lock)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", format=tarfile.PAX_FORMAT) as tar:
        for root, dirs, files in os.walk(data_dir):
            # Hidden folders are a sync tool's (.git, .stfolder, .stversions), not the journal.
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if is_skipped(name) or (name.startswith(".") and name not in _KEPT_HIDDEN):
                    continue
                path = Path(root, name)
                if path.is_symlink() or not path.is_file():
                    continue
                try:
                    data = read_data_file(path)[1]
                except OSError as err:
                    raise io_error("read", path, err) from None
                info = tarfile.TarInfo(path.relative_to(data_dir).as_posix())
                info.size = len(data)
                info.mode = FILE_MODE
                info.mtime = int(path.stat().st_mtime)
                tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def _members(raw: bytes, source: str) -> list[tuple[PurePosixPath, bytes]]:
    """The files of the archive, checked; :class:`InvalidInputError` if it is not ours."""
    found: list[tuple[PurePosixPath, bytes]] = []
    total = 0
    try:
        with tarfile.open(fileobj=io.BytesIO(raw), mode="r:gz") as tar:
            for count, member in enumerate(tar):
                if count >= _MAX_MEMBERS:
                    raise InvalidInputError("archive", "holds too many files", source=source)
                if member.isdir():
                    continue
                name = PurePosixPath(member.name)
                if (
                    not member.isfile()
                    or name.is_absolute()
                    or not all(_SAFE_PART.match(part) and part != ".." for part in name.parts)
                ):
                    raise InvalidInputError(
                        "archive", f"holds an unexpected entry {member.name!r}", source=source
                    )
                total += member.size
                if total > MAX_ARCHIVE_BYTES:
                    raise InvalidInputError("archive", "is larger than 1 GiB", source=source)
                handle = tar.extractfile(member)
                if handle is None:  # pragma: no cover - regular files always have content
                    continue
                found.append((name, handle.read()))
    except (tarfile.TarError, EOFError, OSError, ValueError) as err:
        raise InvalidInputError("archive", f"is damaged ({err})", source=source) from None
    if not any(name == PurePosixPath(META_NAME) for name, _ in found):
        raise InvalidInputError(
            "archive", f"is not a companion backup (no {META_NAME})", source=source
        )
    return found


def unpack(raw: bytes, target: Path, source: str) -> int:
    """Write the archive ``raw`` to ``target`` (missing or empty); returns files restored."""
    members = _members(raw, source)
    target = target.absolute()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InvalidInputError(
            "data directory",
            f"{target} is not empty; restore into a new or empty directory "
            "(or move the current one aside first)",
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.restore-", dir=target.parent))
    except OSError as err:
        raise io_error("create a folder beside", target, err) from None
    try:
        os.chmod(staging, DIR_MODE)
        for name, data in members:
            path = staging.joinpath(*name.parts)
            _make_dirs(staging, path.parent)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            with os.fdopen(fd, "wb") as handle:
                os.fchmod(handle.fileno(), FILE_MODE)
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        _verify(staging, source)
        if target.exists():
            target.rmdir()  # empty, checked above; rename cannot replace it on every system
        os.rename(staging, target)
        fsync_dir(target.parent)
    except OSError as err:
        shutil.rmtree(staging, ignore_errors=True)
        raise io_error("restore into", target, err) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return len(members)


def _make_dirs(root: Path, folder: Path) -> None:
    if folder == root or folder.is_dir():
        return
    _make_dirs(root, folder.parent)
    with contextlib.suppress(FileExistsError):
        os.mkdir(folder, DIR_MODE)
    os.chmod(folder, DIR_MODE)


def _verify(staging: Path, source: str) -> None:
    """Every data file of the restored copy must parse, or nothing is restored."""
    from companion.store.doctor import diagnose  # the same checks as `companion doctor`

    problems = [
        f"{finding.path.relative_to(staging)}: {finding.message}"
        for finding in diagnose(staging)
        if finding.level == "error"
    ]
    if problems:
        raise InvalidInputError(
            "archive", "holds damaged data: " + "; ".join(problems[:3]), source=source
        )
    if not (staging / META_NAME).is_file():  # pragma: no cover - checked in _members
        raise DataError(f"{source}: no {META_NAME}")
