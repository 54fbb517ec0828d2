"""Where the data directory is, what lives in it, and keeping all of it private.

Health notes are nobody else's business: the data directory is ``0700`` and
every file in it ``0600``, whatever the umask. Modes are set explicitly
(``os.open`` with a mode, then ``fchmod``/``chmod``) because the umask can only
take permissions away, never guarantee them. Looser modes found on disk are
tightened and reported, so the user learns that something had been readable.

Layout of a data directory::

    meta.json                 {"format": "companion-data", "schema": 1}
    settings.json             preferences (companion.core.settings)
    .lock                     the inter-process lock (filelock)
    checkins/2026-11.json     one TinyDB file per UTC month
    sessions/2026-11.json     one TinyDB file per UTC month
    screenings/2026.json      one TinyDB file per UTC year
    measures/2026.json        weekly measures (PEG, bothersomeness), one file per UTC year
    backups/<kind>/...        rolling daily backups (companion.store.backups)
    backups/pre-migration-1-to-2/...   copies made before a migration
"""

from __future__ import annotations

import os
import shlex
import stat
from pathlib import Path

from companion.core.errors import DamagedFileError, DataError

__all__ = [
    "MAX_DATA_FILE_BYTES",
    "read_data_file",
    "DATA_DIR_ENV",
    "DIR_MODE",
    "FILE_MODE",
    "LOCK_NAME",
    "META_NAME",
    "SETTINGS_NAME",
    "command_for",
    "ensure_private_dir",
    "resolve_data_dir",
    "tighten_tree",
    "io_error",
    "real_data_dir",
]

DATA_DIR_ENV = "COMPANION_DATA_DIR"
"""The environment variable naming the data directory (beaten by ``--data-dir``)."""

DIR_MODE = 0o700
"""Mode of the data directory and every directory in it."""

FILE_MODE = 0o600
"""Mode of every file in the data directory."""

META_NAME = "meta.json"
"""The file recording the data format and schema version."""

SETTINGS_NAME = "settings.json"
"""The user's preferences."""

LOCK_NAME = ".lock"
"""The lock file every read-modify-write holds."""


def resolve_data_dir(cli_value: str | None) -> Path:
    """``--data-dir`` beats ``$COMPANION_DATA_DIR`` beats the platform default.

    The path as given; :meth:`companion.store.Store.open` resolves a symbolic link
    to the directory once (see :func:`real_data_dir`).
    """
    if cli_value:
        return Path(cli_value).expanduser()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs  # imported late: only needed when no directory is configured

    return platformdirs.user_data_path("companion")


def command_for(data_dir: Path, words: str) -> str:
    """``companion WORDS`` as the person should type it to act on ``data_dir``: with
    ``--data-dir`` (shell-quoted) unless a plain command would use that directory."""
    if os.path.realpath(data_dir) == os.path.realpath(resolve_data_dir(None)):
        return f"companion {words}"
    return f"companion --data-dir {shlex.quote(str(data_dir))} {words}"


def real_data_dir(path: Path) -> Path:
    """The data directory with symbolic links resolved, once, when the store opens.

    A data directory may be a link (to a synced or encrypted folder); every later
    path is built from the resolved one, so no permission change ever has to
    follow, or refuse, a link.
    """
    try:
        return Path(path).expanduser().resolve()
    except (OSError, RuntimeError) as err:  # a link loop
        raise DataError(f"cannot use {path} as the data directory: {err}") from None


MAX_DATA_FILE_BYTES = 256 << 20
"""A data file larger than this is not one the app wrote (a month of one kind
from one device is kilobytes; the largest import, 32 MB, fits many times)."""


def read_data_file(path: Path) -> tuple[os.stat_result, bytes]:
    """A file of the data directory and its ``fstat``, read as hostile.

    A FIFO, a device or a link to one (``/dev/zero``) is refused before a byte is
    read, and a file over :data:`MAX_DATA_FILE_BYTES` after that many: each raises
    :class:`DamagedFileError`. Failing to open or read raises the ``OSError``,
    as ``Path.read_bytes`` would (``FileNotFoundError`` for a missing file).
    """
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise DamagedFileError(path, "not a regular file: a FIFO, device or folder")
        raw = handle.read(MAX_DATA_FILE_BYTES + 1)
    if len(raw) > MAX_DATA_FILE_BYTES:
        raise DamagedFileError(path, f"larger than {MAX_DATA_FILE_BYTES >> 20} MiB")
    return info, raw


def io_error(action: str, path: Path, err: OSError) -> DataError:
    """A :class:`DataError` naming the path and the operating system's reason."""
    reason = err.strerror or str(err)
    return DataError(f"cannot {action} {path}: {reason}")


def ensure_private_dir(path: Path, notices: list[str]) -> None:
    """Create ``path`` (and missing parents) with mode 0700, or tighten it if it exists.

    Parents other than ``path`` itself keep the usual umask mode, like any
    other program's ``~/.local/share``.
    """
    try:
        if not path.is_dir():
            from companion.store.atomic import fsync_dir  # atomic imports this module

            path.parent.mkdir(parents=True, exist_ok=True)
            os.mkdir(path, DIR_MODE)
            os.chmod(path, DIR_MODE)
            fsync_dir(path.parent)
            return
    except FileExistsError:
        if not path.is_dir():
            raise DataError(
                f"cannot use {path} as the data directory: it is not a directory"
            ) from None
    except OSError as err:
        raise io_error("create the data directory", path, err) from None
    _tighten(path, DIR_MODE, notices)


def tighten_tree(root: str | Path, notices: list[str]) -> None:
    """Make every directory under ``root`` 0700 and every file 0600 (symlinks are skipped).

    Runs at every start over a few hundred files, so it stays with the
    ``DirEntry`` objects (one ``lstat`` each) rather than building paths.
    """
    try:
        with os.scandir(root) as scan:
            entries = list(scan)
    except FileNotFoundError:
        return  # a folder removed meanwhile by another process: nothing left to tighten
    except OSError as err:
        raise io_error("read the data directory", Path(root), err) from None
    for entry in entries:
        if entry.is_symlink():
            continue
        if entry.is_dir(follow_symlinks=False):
            _tighten(entry, DIR_MODE, notices)
            tighten_tree(entry.path, notices)
        elif entry.is_file(follow_symlinks=False):
            _tighten(entry, FILE_MODE, notices)


def _tighten(path: Path | os.DirEntry[str], wanted: int, notices: list[str]) -> None:
    # Another process's temporary file may vanish between the listing and here:
    # that is not a failure, there is simply nothing left to tighten.
    try:
        info = path.stat(follow_symlinks=False)
    except FileNotFoundError:
        return
    except OSError as err:
        raise io_error("read", Path(path), err) from None
    current = stat.S_IMODE(info.st_mode)
    if current & ~wanted == 0 or stat.S_ISLNK(info.st_mode):
        return
    try:
        os.chmod(path, wanted, follow_symlinks=False)
    except FileNotFoundError:
        return
    except OSError as err:
        notices.append(
            f"could not tighten permissions of {os.fspath(path)} ({current:04o}, "
            f"should be {wanted:04o}): {err.strerror or err}"
        )
        return
    notices.append(f"tightened permissions of {os.fspath(path)} from {current:04o} to {wanted:04o}")
