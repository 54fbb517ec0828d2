"""The content index's file: ``.content-index.json`` in the data directory.

See :mod:`companion.core.content.index` for what it holds and when it is
trusted. Like the daily summaries it is a per-machine cache, private (0600,
written atomically) and never synced or backed up; a read-only or full disk
only means the content is read again at the next start.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import orjson

from companion.core.content.index import (
    MAX_INDEX_BYTES,
    ContentIndex,
    IndexKey,
    decode_index,
    encode_index,
)
from companion.core.files import FileRefusedError, read_regular
from companion.store.atomic import write_atomic
from companion.store.devices import CONTENT_INDEX_NAME, ensure_ignored

__all__ = ["read_index", "write_index"]


def read_index(data_dir: Path, key: IndexKey) -> ContentIndex | None:
    """The index kept in ``data_dir`` if it was written for ``key``, else None."""
    try:
        raw = read_regular(data_dir / CONTENT_INDEX_NAME, MAX_INDEX_BYTES)
    except FileRefusedError:
        return None
    return decode_index(raw, key)


def write_index(data_dir: Path, index: ContentIndex, key: IndexKey) -> bool:
    """Keep ``index`` for the next start, if ``key`` is settled and the index reads
    back whole; returns whether it was written."""
    if not key.settled:
        return False
    try:
        raw = encode_index(index, key)
    except orjson.JSONEncodeError:  # a title no JSON can hold (never one from the content)
        return False
    if decode_index(raw, key) != index:
        return False
    with contextlib.suppress(OSError):
        ensure_ignored(data_dir)  # never synced, even from an older folder
    try:
        write_atomic(data_dir / CONTENT_INDEX_NAME, raw)
    except OSError:
        return False
    return True
