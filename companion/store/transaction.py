"""Transactions: the only way anything is written, and the TinyDB side of the store.

The caller holds the data lock; every shard touched is parsed fresh from disk
(another process may have changed it a moment ago), TinyDB edits the
in-memory copies, and :meth:`Transaction.commit` backs up, writes and syncs
all temporary files before renaming any of them.

Only this device's files are ever written (:mod:`companion.store.devices`);
:meth:`Transaction.documents` gives the merged view of every device's files
(:mod:`companion.store.merge`), fresh from disk, with this transaction's
changes in it.

This module is imported on the first save, not at start: reading the shards
needs only orjson (:mod:`companion.store.storage`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Document, Table

from companion.core.clock import Clock
from companion.core.errors import DamagedFileError
from companion.store.atomic import (
    StagedFile,
    commit,
    discard,
    fsync_dir,
    remove_stale_temps,
    stage,
)
from companion.store.backups import backup_if_due, ensure_dir
from companion.store.merge import winners
from companion.store.paths import io_error
from companion.store.shards import MOVES_TABLE, Listing, ShardPlan
from companion.store.storage import ShardCache, Tables, encode, read_shard

__all__ = ["OrjsonStorage", "ShardDB", "StrIdTable", "Transaction"]


class StrIdTable(Table):
    """A TinyDB table whose document ids are the entries' own string ids."""

    # TinyDB supports any id class but types the attribute as int's.
    document_id_class = str  # type: ignore[assignment]


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

    def __init__(self, data_dir: Path, clock: Clock, cache: ShardCache, device: str = "") -> None:
        self.data_dir = data_dir
        """The data directory the shards are in."""
        self.clock = clock
        """Dates the daily backups."""
        self.device = device
        """The device whose files this transaction writes."""
        self._cache = cache
        self._storages: dict[Path, tuple[str, OrjsonStorage]] = {}
        self._listings: dict[str, Listing] = {}
        self._others: dict[Path, Tables] = {}
        self._shared: bool | None = None
        self.bytes_written = 0
        """Bytes this transaction wrote (shards and backups)."""

    def _storage(self, plan: ShardPlan, name: str) -> OrjsonStorage:
        path = plan.path(self.data_dir, name, self.device)
        if path not in self._storages:
            self._storages[path] = (plan.kind, OrjsonStorage(path))
        return self._storages[path][1]

    def table(self, plan: ShardPlan, name: str) -> StrIdTable:
        """The TinyDB table of this device's file of shard ``name``, read fresh from disk."""
        storage = self._storage(plan, name)
        database = ShardDB(storage=lambda: storage)
        table = database.table(plan.kind)
        assert isinstance(table, StrIdTable)
        return table

    def put(self, plan: ShardPlan, name: str, docs: Mapping[str, dict[str, Any]]) -> None:
        """Write documents, keyed by entry id, into this device's file of shard ``name``."""
        own = self.own_documents(plan, name)
        table = self.table(plan, name)
        for doc_id in [doc_id for doc_id in docs if doc_id in own]:
            # TinyDB types document ids as int; this table's id class is str.
            table.update(_replace_with(docs[doc_id]), doc_ids=[doc_id])  # type: ignore[list-item]
        table.insert_multiple(
            Document(doc, doc_id=doc_id)  # type: ignore[arg-type]  # str ids, as above
            for doc_id, doc in docs.items()
            if doc_id not in own
        )

    def own_documents(self, plan: ShardPlan, name: str) -> dict[str, dict[str, Any]]:
        """The documents in this device's file of shard ``name`` (working copy; do not mutate)."""
        tables = self._storage(plan, name).read() or {}
        return tables.get(plan.kind, {})

    def documents(self, plan: ShardPlan, name: str) -> dict[str, dict[str, Any]]:
        """The winning version of every entry of shard ``name``, tombstones included.

        Merged from every device's file (fresh from disk) and this
        transaction's changes. Do not mutate.
        """
        listing = self.listing(plan)
        devices = [d for d in listing.get(name, []) if d != self.device]
        own = self.own_documents(plan, name)
        if not devices:
            return own
        sources = [(self.device, own)]
        for device in devices:
            sources.append((device, self._other(plan, name, device)))
        return winners(sources)

    def _moves_storage(self, plan: ShardPlan) -> OrjsonStorage:
        path = plan.moves_path(self.data_dir, self.device)
        if path not in self._storages:
            self._storages[path] = (plan.kind, OrjsonStorage(path))
        return self._storages[path][1]

    def own_moves(self, plan: ShardPlan) -> dict[str, dict[str, Any]]:
        """This device's moves file (:mod:`companion.store.moves`); do not mutate."""
        return (self._moves_storage(plan).read() or {}).get(MOVES_TABLE, {})

    def put_moves(self, plan: ShardPlan, docs: Mapping[str, dict[str, Any]]) -> None:
        """Record in this device's moves file the shards some entries were in."""
        storage = self._moves_storage(plan)
        tables = dict(storage.read() or {})
        tables[MOVES_TABLE] = {**tables.get(MOVES_TABLE, {}), **docs}
        storage.write(tables)

    def remove(self, plan: ShardPlan, name: str, doc_id: str) -> None:
        """Delete a document from this device's file of shard ``name``."""
        if doc_id in self.own_documents(plan, name):
            # TinyDB types document ids as int; this table's id class is str.
            self.table(plan, name).remove(doc_ids=[doc_id])  # type: ignore[list-item]

    def shared(self) -> bool:
        """Whether any other device has written into this data directory.

        Until one has, a deleted or moved entry is simply removed, as in a
        directory that is never synced; afterwards it leaves a tombstone.
        """
        if self._shared is None:
            from companion.store.devices import settings_files
            from companion.store.shards import KINDS

            devices = {device for device, _path in settings_files(self.data_dir)}
            for plan in KINDS:
                for found in self.listing(plan).values():
                    devices.update(found)
            self._shared = bool(devices - {self.device, ""})
        return self._shared

    def listing(self, plan: ShardPlan) -> Listing:
        """The shard files of ``plan`` as they were when first asked in this transaction."""
        if plan.kind not in self._listings:
            self._listings[plan.kind] = plan.listing(self.data_dir)
        return self._listings[plan.kind]

    def _other(self, plan: ShardPlan, name: str, device: str) -> dict[str, dict[str, Any]]:
        """Another device's file: read, never written. A damaged one counts as empty here
        (it may be half-way through arriving; ``companion doctor`` reports it)."""
        path = plan.path(self.data_dir, name, device)
        if path not in self._others:
            try:
                loaded = read_shard(path)
            except DamagedFileError:
                loaded = None
            self._others[path] = {} if loaded is None else loaded[1]
        return self._others[path].get(plan.kind, {})

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


def _replace_with(new_doc: dict[str, Any]) -> Callable[[MutableMapping[Any, Any]], None]:
    def replace_doc(doc: MutableMapping[Any, Any]) -> None:
        doc.clear()
        doc.update(new_doc)

    return replace_doc
