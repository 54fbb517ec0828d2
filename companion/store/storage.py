"""Shard files on orjson: their format, parsing, and the cache of parsed files.

Each shard (``checkins/2026-11.json``) is a TinyDB database whose one table
is named after the kind of entry; documents are keyed by the entry's own
string id, so a lookup or update by id is a dict access. TinyDB itself is
used to change them, inside a transaction (:mod:`companion.store.transaction`);
reading needs only orjson, so starting the app does not import TinyDB.

The file is ordinary JSON with one document per line, which keeps it
readable, diffable and compact::

    {"checkins": {
    "0199a1b2c3d4e5f6a7b8": {"id": "0199a1b2c3d4e5f6a7b8", "at": "...", ...},
    "0199a1b2c3d4e5f6a7b9": {"id": "0199a1b2c3d4e5f6a7b9", "at": "...", ...}
    }}

Reads go through the :class:`ShardCache`, which reuses a parsed file for as
long as its ``(st_mtime_ns, st_size, st_ino)`` is unchanged: repeated reads
are cheap, while another process's writes (always a new inode, see
:mod:`companion.store.atomic`) are still noticed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson

from companion.core.errors import DamagedFileError
from companion.store.paths import io_error, read_data_file

__all__ = [
    "CachedShard",
    "ShardCache",
    "Tables",
    "decode",
    "encode",
    "read_shard",
]

Tables = dict[str, dict[str, dict[str, Any]]]
"""A TinyDB database in memory: table name → document id → document."""

StatKey = tuple[int, int, int]


def encode(tables: Tables) -> bytes:
    """Serialise ``tables`` with orjson, one document per line, ids in order."""
    parts: list[bytes] = []
    for name in sorted(tables):
        docs = tables[name]
        lines = b",\n".join(
            orjson.dumps(doc_id) + b": " + orjson.dumps(docs[doc_id]) for doc_id in sorted(docs)
        )
        body = b"\n" + lines + b"\n" if lines else b""
        parts.append(orjson.dumps(name) + b": {" + body + b"}")
    return b"{" + b",\n".join(parts) + b"}\n"


def decode(raw: bytes, path: Path) -> Tables:
    """Parse and check the structure of a shard; :class:`DamagedFileError` if it is not one."""
    if not raw.strip():
        raise DamagedFileError(path, "the file is empty")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as err:
        raise DamagedFileError(path, f"not valid JSON: {err}") from None
    if not isinstance(data, dict):
        raise DamagedFileError(path, "expected a JSON object of tables")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise DamagedFileError(path, f"table {name!r} is not an object")
        for doc_id, doc in table.items():
            if not isinstance(doc, dict):
                raise DamagedFileError(path, f"entry {doc_id!r} in {name!r} is not an object")
    return data


def read_shard(path: Path) -> tuple[StatKey, Tables] | None:
    """Read and parse ``path``; ``None`` if it does not exist (see :func:`read_data_file`)."""
    try:
        info, raw = read_data_file(path)
    except FileNotFoundError:
        return None
    except OSError as err:
        raise io_error("read", path, err) from None
    return stat_key(info), decode(raw, path)


def stat_key(info: os.stat_result) -> StatKey:
    """What identifies one version of a file."""
    return (info.st_mtime_ns, info.st_size, info.st_ino)


class CachedShard:
    """A parsed shard file and what repositories derived from it."""

    __slots__ = ("derived", "key", "tables")

    def __init__(self, key: StatKey, tables: Tables) -> None:
        self.key = key
        """``(st_mtime_ns, st_size, st_ino)`` of the file that was parsed."""
        self.tables = tables
        """The parsed content. Shared: never mutate it."""
        self.derived: dict[str, Any] = {}
        """Per-kind materialised records, filled lazily by the repositories."""


class ShardCache:
    """Parsed shard files, reused while the file on disk is unchanged."""

    def __init__(self) -> None:
        self._entries: dict[Path, CachedShard] = {}
        self.parsed = 0
        """How many times a file was actually parsed (startup cost, benchmarks)."""

    def load(self, path: Path) -> CachedShard | None:
        """The current content of ``path`` (``None`` if missing); parses only when it changed."""
        cached = self._entries.get(path)
        try:
            info = os.stat(path)
        except FileNotFoundError:
            self._entries.pop(path, None)
            return None
        except OSError as err:
            raise io_error("read", path, err) from None
        if cached is not None and cached.key == stat_key(info):
            return cached
        loaded = read_shard(path)
        if loaded is None:
            self._entries.pop(path, None)
            return None
        self.parsed += 1
        entry = CachedShard(*loaded)
        self._entries[path] = entry
        return entry

    def remember(self, path: Path, tables: Tables) -> None:
        """Record content this process just wrote, so it need not be parsed again."""
        try:
            info = os.stat(path)
        except FileNotFoundError:
            self._entries.pop(path, None)
            return
        self._entries[path] = CachedShard(stat_key(info), tables)

    def forget(self, path: Path) -> None:
        """Drop ``path`` from the cache."""
        self._entries.pop(path, None)
