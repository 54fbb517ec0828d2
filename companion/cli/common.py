"""What every command shares: finding and opening the data directory, and messages."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from companion.core.clock import Clock
from companion.core.errors import InvalidInputError
from companion.store import Store, resolve_data_dir

__all__ = ["LOCK_TIMEOUT_ENV", "data_dir_of", "lock_timeout", "open_store", "warn"]

LOCK_TIMEOUT_ENV = "COMPANION_LOCK_TIMEOUT"
"""Seconds to wait for another companion process to finish writing (default 5)."""


def warn(message: str) -> None:
    """Print ``companion: <message>`` to stderr."""
    for line in message.splitlines() or [""]:
        print(f"companion: {line}", file=sys.stderr)


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
