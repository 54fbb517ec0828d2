"""What every command shares: finding and opening the data directory, and messages."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from companion.core.clock import Clock
from companion.core.errors import DataError, InvalidInputError
from companion.core.fields import as_instant
from companion.core.untrusted import bounded_instant, printable
from companion.store import Store, resolve_data_dir

__all__ = [
    "LOCK_TIMEOUT_ENV",
    "at_option",
    "data_dir_of",
    "lock_timeout",
    "options_named",
    "open_store",
    "say",
    "silence_stdout",
    "warn",
    "write_stdout",
]

LOCK_TIMEOUT_ENV = "COMPANION_LOCK_TIMEOUT"
"""Seconds to wait for another companion process to finish writing (default 5)."""


def warn(message: str) -> None:
    """Print ``companion: <message>`` to stderr, control characters made visible.

    A closed or full stderr is ignored: there is nowhere else to say it.
    """
    try:
        for line in printable(message).split("\n"):
            print(f"companion: {line}", file=sys.stderr)
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass


def say(message: str) -> None:
    """Print a line of output to stdout, control characters made visible (a file
    name or a message may come from a file someone else made)."""
    print(printable(message))


def write_stdout(content: bytes) -> None:
    """Write ``content`` to stdout; on a terminal, control characters are made visible.

    A closed stdout (``>&-``) or a failed write (``/dev/full``) is a
    :class:`DataError` (exit 1) rather than a traceback.
    """
    stream = sys.stdout
    if stream is None:
        raise DataError("cannot write the output: standard output is closed")
    try:
        if stream.isatty():
            content = printable(content.decode("utf-8", "replace")).encode()
        stream.buffer.write(content)
        stream.buffer.flush()
    except (OSError, ValueError) as err:
        silence_stdout()
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        raise DataError(f"cannot write the output: {reason}") from None


def silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.close(devnull)
    except OSError:
        pass
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - open until the process exits


def at_option(text: str | None, now: datetime) -> datetime:
    """The instant ``--at`` gives (``now`` without it), within the one date rule."""
    return now if text is None else bounded_instant(as_instant(text, "--at"), "--at", now)


@contextmanager
def options_named(options: Mapping[str, str] | None = None) -> Iterator[None]:
    """Errors raised inside name the option the person typed, not the record's field.

    Records are built from options with field names as keys (no prefix); a field
    maps to ``options[field]``, else to ``--field`` with ``_`` written ``-``
    (``for_clinician`` is ``--for-clinician``). A position (``[2]``) is kept.
    """
    try:
        yield
    except InvalidInputError as err:
        field, bracket, rest = err.field.partition("[")
        option = (options or {}).get(field) or "--" + field.replace("_", "-")
        raise InvalidInputError(option + bracket + rest, err.problem) from None


def data_dir_of(args: argparse.Namespace) -> Path:
    """The data directory: ``--data-dir``, else ``$COMPANION_DATA_DIR``, else the default."""
    return resolve_data_dir(getattr(args, "data_dir", None))


def lock_timeout() -> float:
    """The lock timeout from ``$COMPANION_LOCK_TIMEOUT``, 5 seconds if unset."""
    text = os.environ.get(LOCK_TIMEOUT_ENV, "").strip()
    if not text:
        return 5.0
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 3600:
        raise InvalidInputError(LOCK_TIMEOUT_ENV, f"must be seconds from 0 to 3600, not {text!r}")
    return seconds


def open_store(args: argparse.Namespace, clock: Clock) -> Store:
    """Open the data directory, printing its notices (permissions tightened…) to stderr."""
    store = Store.open(data_dir_of(args), clock, lock_timeout=lock_timeout())
    for notice in store.notices:
        warn(notice)
    return store
