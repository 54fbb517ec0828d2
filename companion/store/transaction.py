"""Transactions: the only way anything is written, and the TinyDB side of the store.

The caller holds the data lock; every shard touched is parsed fresh from disk
(another process may have changed it a moment ago), TinyDB edits the
in-memory copies, and :meth:`Transaction.commit` backs up, writes and syncs
all temporary files before renaming any of them.

This module is imported on the first save, not at start: reading the shards
needs only orjson (:mod:`companion.store.storage`).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from companion.core.clock import Clock
from companion.store.atomic import (
    StagedFile,
    commit,
    discard,
    fsync_dir,
    remove_stale_temps,
    stage,
)
from companion.store.backups import backup_if_due, ensure_dir
from companion.store.paths import io_error
from companion.store.shards import ShardPlan
from companion.store.storage import ShardCache, Tables, encode, read_shard

__all__ = ["OrjsonStorage", "ShardDB", "StrIdTable", "Transaction"]


class StrIdTable(Table):
    """A TinyDB table whose document ids are the entries' own string ids."""

    document_id_class = str


class ShardDB(TinyDB):
    """A TinyDB database with string document ids."""

    table_class = StrIdTable


class OrjsonStorage(Storage):
    """A TinyDB storage for one shard file, used as a working copy inside a transaction.

    The first ``read`` parses the file fresh from disk with orjson (the caller
    holds the lock, and another process may have written a moment ago).
    ``write`` keeps the new state in memory; :meth:`serialised` gives the bytes
    the transaction then writes durably, together with its other files.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        """The shard file."""
        self._working: Tables | None = None
        self._loaded = False
        self.dirty = False
        """Whether a write is waiting to be committed."""

    def read(self) -> Tables | None:
        if not self._loaded:
            loaded = read_shard(self.path)
            self._working = None if loaded is None else loaded[1]
            self._loaded = True
        return self._working

    def write(self, data: Tables) -> None:
        self._working = data
        self._loaded = True
        self.dirty = True

    @property
    def working(self) -> Tables:
        """The working copy (empty if the file did not exist)."""
        return self._working or {}

    def serialised(self) -> bytes:
        """The working copy as the file's new content (see :func:`encode`)."""
        return encode(self.working)


class Transaction:
    """Working copies of the shards being changed; written together by :meth:`commit`.

    Create it only while holding the data lock.
    """

    def __init__(self, data_dir: Path, clock: Clock, cache: ShardCache) -> None:
        self.data_dir = data_dir
        """The data directory the shards are in."""
        self.clock = clock
        """Dates the daily backups."""
        self._cache = cache
        self._storages: dict[Path, tuple[str, OrjsonStorage]] = {}
        self.bytes_written = 0
        """Bytes this transaction wrote (shards and backups)."""

    def _storage(self, plan: ShardPlan, name: str) -> OrjsonStorage:
        path = plan.path(self.data_dir, name)
        if path not in self._storages:
            self._storages[path] = (plan.kind, OrjsonStorage(path))
        return self._storages[path][1]

    def table(self, plan: ShardPlan, name: str) -> StrIdTable:
        """The TinyDB table of shard ``name``, on a working copy read fresh from disk."""
        storage = self._storage(plan, name)
        database = ShardDB(storage=lambda: storage)
        return database.table(plan.kind)

    def insert(self, plan: ShardPlan, name: str, docs: Mapping[str, dict[str, Any]]) -> None:
        """Add documents, keyed by entry id, to shard ``name``."""
        table = self.table(plan, name)
        table.insert_multiple(Document(doc, doc_id=doc_id) for doc_id, doc in docs.items())

    def documents(self, plan: ShardPlan, name: str) -> dict[str, dict]:
        """The raw documents of shard ``name`` in the working copy (do not mutate)."""
        tables = self._storage(plan, name).read() or {}
        return tables.get(plan.kind, {})

    def commit(self) -> None:
        """Back up, write, sync and rename every changed shard."""
        dirty = [(kind, s) for kind, s in self._storages.values() if s.dirty]
        staged: list[StagedFile] = []
        removed: list[Path] = []
        path = self.data_dir
        try:
            for folder in {storage.path.parent for _kind, storage in dirty}:
                remove_stale_temps(folder)  # left by a save that was killed midway
            for kind, storage in dirty:
                path = storage.path
                self.bytes_written += backup_if_due(self.data_dir, kind, path, self.clock)
            for _kind, storage in dirty:
                path = storage.path
                if not any(storage.working.values()):
                    removed.append(path)
                    continue
                ensure_dir(path.parent)
                staged.append(stage(path, storage.serialised()))
            path = self.data_dir
            commit(staged)
            for path in removed:
                if path.exists():
                    path.unlink()
                    fsync_dir(path.parent)
        except OSError as err:
            discard(staged)
            raise io_error("save", path, err) from None
        self.bytes_written += sum(item.size for item in staged)
        for _kind, storage in dirty:
            if storage.path in removed:
                self._cache.forget(storage.path)
            else:
                self._cache.remember(storage.path, storage.working)
