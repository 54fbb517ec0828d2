"""Repositories: the only way screens and commands reach stored entries.

One :class:`Repository` per kind (``store.checkins``, ``store.sessions``,
``store.screenings``, ``store.measures``). Callers work with the frozen records of
:mod:`companion.core.records`; TinyDB and the shard files stay hidden here.

Reads never take the lock: files are replaced atomically, so a reader sees a
whole old or a whole new file. Parsed shards are cached while their file is
unchanged, and each query reads only the shards its time range overlaps.
Every change runs in a :class:`~companion.store.transaction.Transaction` under the
lock and re-reads the shards it changes from disk first.

Shard boundaries, and so :meth:`Repository.months` and
:meth:`Repository.in_month`, are UTC months; for exact local-time ranges use
:meth:`Repository.between`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, Protocol, TypeVar

from companion.core.clock import Clock
from companion.core.errors import DamagedFileError, InvalidInputError
from companion.core.records import CheckIn, ScreeningRecord, StretchSession, WeeklyMeasures
from companion.core.untrusted import check_untrusted, is_storable
from companion.store.merge import MOVED, REV, is_gone, moved, stamped, tombstone, trashed, winners
from companion.store.moves import record_moves, resolution
from companion.store.shards import Listing, ShardPlan
from companion.store.storage import ShardCache

if TYPE_CHECKING:
    from companion.core.programme.flares import Flare
    from companion.core.programme.goals import GoalScores
    from companion.core.programme.medication import Dose, Medicine
    from companion.core.programme.walking import Walk
    from companion.store.transaction import Transaction

__all__ = ["Repository"]

R = TypeVar(
    "R",
    CheckIn,
    StretchSession,
    ScreeningRecord,
    WeeklyMeasures,
    # Named, not imported: the programme's modules load only when their repositories do.
    "Medicine",
    "Dose",
    "Flare",
    "Walk",
    "GoalScores",
)

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_ID_TIME = re.compile(r"^[0-9a-f]{12}")


class Backend(Protocol):
    """What a repository needs from the store."""

    data_dir: Path
    clock: Clock
    cache: ShardCache

    @property
    def device(self) -> str: ...

    def transaction(self) -> AbstractContextManager[Transaction]: ...


class _Loaded(NamedTuple, Generic[R]):
    records: list[R]
    """Every entry of the shard (live and trashed), newest first."""
    by_id: dict[str, R]
    origins: dict[str, str] | None = None
    """Entry id → the device that first saved it, when several devices wrote the shard."""
    damaged: tuple[str, ...] = ()
    """Ids of entries left out because a date lies where date arithmetic overflows."""


_Moved = dict[str, tuple[str | None, R | None, dict[str, Any]]]
"""Moved entry id → (its shard or ``None``, its record if readable, its merged version)."""


class Repository(Generic[R]):
    """Entries of one kind, sharded by time (see :mod:`companion.store.shards`)."""

    def __init__(
        self,
        backend: Backend,
        plan: ShardPlan,
        record_type: type[R],
        time_of: Callable[[R], datetime],
    ) -> None:
        self._backend = backend
        self._plan = plan
        self._type: type[R] = record_type
        self._time_of: Callable[[R], datetime] = time_of
        self.kind = plan.kind
        """``checkins``, ``sessions``, ``screenings`` or ``measures``."""
        self._merged: dict[str, tuple[list[object], _Loaded[R]]] = {}
        self._moved: tuple[list[object], _Moved[R]] | None = None
        self._overlaid: dict[str, tuple[_Loaded[R], _Moved[R], _Loaded[R]]] = {}

    # -- reading -----------------------------------------------------------

    def _load(self, name: str, listing: Listing | None = None) -> _Loaded[R]:
        """Shard ``name``, merged from every device's file (listed afresh without ``listing``).

        Entries that moved between shards show only in the shard where their
        winning version is (see :mod:`companion.store.moves`).
        """
        if listing is None:
            listing = self._plan.listing(self._backend.data_dir)
        loaded = self._load_shard(name, listing)
        moved = self._moved_entries(listing)
        if not moved:
            return loaded
        held = self._overlaid.get(name)
        if held is not None and held[0] is loaded and held[1] is moved:
            return held[2]
        records = [r for r in loaded.records if r.id not in moved]
        records += [r for shard, r, _doc in moved.values() if shard == name and r is not None]
        records.sort(key=self._order, reverse=True)
        overlaid = _Loaded(records, {r.id: r for r in records}, loaded.origins)
        self._overlaid[name] = (loaded, moved, overlaid)
        return overlaid

    def _moved_entries(self, listing: Listing) -> _Moved[R]:
        """The entries that moved between shards, merged over all of them (once per listing)."""
        if isinstance(listing.resolved, dict):
            return listing.resolved
        backend = self._backend
        found = resolution(self._plan, backend.data_dir, backend.cache, listing)
        moved: _Moved[R] = {}
        if found is not None:
            keys, merged = found
            if self._moved is not None and self._moved[0] == keys:
                moved = self._moved[1]
            else:
                folder = self._plan.folder(backend.data_dir)
                for doc_id, (shard, doc) in merged.items():
                    record = None
                    if shard is not None:
                        record = self._record(folder / f"{shard}.*.json", doc_id, doc)
                        record = record if is_storable(record) else None
                    moved[doc_id] = (shard, record, doc)
                self._moved = (keys, moved)
        listing.resolved = moved
        return moved

    def _load_shard(self, name: str, listing: Listing) -> _Loaded[R]:
        """Shard ``name`` merged from every device's file, as if no entry ever moved."""
        data_dir = self._backend.data_dir
        devices = listing.get(name, [])
        if len(devices) <= 1:
            path = self._plan.path(data_dir, name, devices[0] if devices else "")
            entry = self._backend.cache.load(path)
            if entry is None:
                return _Loaded([], {})
            loaded = entry.derived.get(self.kind)
            if loaded is None:
                loaded = self._materialise(path, entry.tables.get(self.kind, {}))
                entry.derived[self.kind] = loaded
            return loaded
        return self._load_merged(name, devices)

    def _load_merged(self, name: str, devices: list[str]) -> _Loaded[R]:
        """Several devices wrote this shard: the winning version of each entry."""
        sources: list[tuple[str, dict[str, dict[str, Any]]]] = []
        keys: list[object] = []
        for device in devices:
            path = self._plan.path(self._backend.data_dir, name, device)
            # Any device's damaged file raises: a sync tool writes under a temporary
            # name the listing never matches, so a damaged *.json is not one "still
            # arriving", and leaving it out would drop its entries without a word.
            entry = self._backend.cache.load(path)
            if entry is not None:
                sources.append((device, entry.tables.get(self.kind, {})))
                keys.append((device, entry.key))
        held = self._merged.get(name)
        if held is not None and held[0] == keys:
            return held[1]
        folder = self._plan.folder(self._backend.data_dir)
        loaded = self._materialise(folder / f"{name}.*.json", winners(sources))
        origins: dict[str, str] = {}
        for device, docs in sources:  # in device order: the first unrevised copy names it
            for doc_id, doc in docs.items():
                if REV not in doc and not is_gone(doc):
                    origins.setdefault(doc_id, device)
        loaded = loaded._replace(origins=origins)
        self._merged[name] = (keys, loaded)
        return loaded

    def _materialise(self, path: Path, docs: dict[str, dict[str, Any]]) -> _Loaded[R]:
        records: list[R] = []
        unsafe: list[str] = []
        for doc_id, doc in docs.items():
            if not is_gone(doc):
                record = self._record(path, doc_id, doc)
                # An entry dated where date arithmetic overflows (only a hand-edited or
                # hostile file holds one) is left out here and named by `companion doctor`.
                if is_storable(record):
                    records.append(record)
                else:
                    unsafe.append(record.id)
        damaged = tuple(sorted(unsafe))
        records.sort(key=self._order, reverse=True)
        return _Loaded(records, {record.id: record for record in records}, damaged=damaged)

    def _record(self, path: Path, doc_id: str, doc: dict[str, Any]) -> R:
        try:
            record = self._type.from_dict(doc)
        except InvalidInputError as err:
            raise DamagedFileError(path, f"entry {doc_id}: {err}") from None
        if record.id != doc_id:
            raise DamagedFileError(path, f"entry {doc_id} has the id {record.id!r}")
        return record

    def _order(self, record: R) -> tuple[datetime, str]:
        return (self._time_of(record), record.id)

    def between(self, start: datetime | None, end: datetime | None) -> list[R]:
        """Live entries with ``start <= time < end`` (either may be open), newest first."""
        found: list[R] = []
        listing = self._plan.listing(self._backend.data_dir)
        for name in self._plan.overlapping(self._backend.data_dir, start, end, listing):
            for record in self._load(name, listing).records:
                when = self._time_of(record)
                after_start = start is None or when >= start
                before_end = end is None or when < end
                if record.deleted_at is None and after_start and before_end:
                    found.append(record)
        return found

    def months(self) -> list[str]:
        """``YYYY-MM`` (UTC) of the months that have a shard, newest first.

        For check-ins and sessions this is a directory listing. Screenings are
        kept per year, so their months come from the (small) yearly files.
        """
        listing = self._plan.listing(self._backend.data_dir)
        names = sorted(listing, reverse=True)
        if not self._plan.yearly:
            return [name for name in names if self._holds_records(name, listing)]
        months = {
            f"{self._time_of(r).astimezone(UTC):%Y-%m}"
            for name in names
            for r in self._load(name, listing).records
            if r.deleted_at is None
        }
        return sorted(months, reverse=True)

    def oldest_month(self) -> str | None:
        """The last of :meth:`months`, reading no more shards than it must: one
        device's shards are known from the listing alone, and several devices'
        are read from the oldest until one holds entries."""
        if self._plan.yearly:
            months = self.months()
            return months[-1] if months else None
        listing = self._plan.listing(self._backend.data_dir)
        return next((name for name in sorted(listing) if self._holds_records(name, listing)), None)

    def _holds_records(self, name: str, listing: Listing) -> bool:
        # A shard written by several devices may hold only tombstones, and one
        # an entry moved out of may hold nothing else: those are read to know.
        if len(listing[name]) == 1 and not listing.moves:
            return True
        return bool(self._load(name, listing).records)

    def in_month(self, month: str) -> list[R]:
        """Live entries of the UTC month ``YYYY-MM``, newest first."""
        if not _MONTH.match(month):
            raise ValueError(f"month must look like 2026-11, not {month!r}")
        name = month[:4] if self._plan.yearly else month
        return [
            r
            for r in self._load(name).records
            if r.deleted_at is None and f"{self._time_of(r).astimezone(UTC):%Y-%m}" == month
        ]

    def iter_all(self) -> Iterator[R]:
        """Every live entry, newest first, reading one shard at a time."""
        listing = self._plan.listing(self._backend.data_dir)
        for name in sorted(listing, reverse=True):
            for record in self._load(name, listing).records:
                if record.deleted_at is None:
                    yield record

    def damaged(self) -> list[str]:
        """Ids of the entries left out of every list because a date of theirs is out of
        range (only a hand-edited or hostile file holds one); ``companion doctor``
        names the file. Reads every shard: call it off the screen's first frame."""
        listing = self._plan.listing(self._backend.data_dir)
        return [
            doc_id
            for name in sorted(listing, reverse=True)
            for doc_id in self._load(name, listing).damaged
        ]

    def trashed(self) -> list[R]:
        """Entries in the trash, most recently trashed first."""
        listing = self._plan.listing(self._backend.data_dir)
        found = [
            record
            for name in sorted(listing, reverse=True)
            for record in self._load(name, listing).records
            if record.deleted_at is not None
        ]
        found.sort(key=lambda record: (record.deleted_at, record.id), reverse=True)
        return found

    def origin(self, record: R, listing: Listing | None = None) -> str:
        """The device that first saved ``record`` (``""`` if it cannot be told).

        An entry that moved to another month names the device that moved it.
        """
        name = self._plan.name_for(self._time_of(record))
        if listing is None:
            listing = self._plan.listing(self._backend.data_dir)
        devices = listing.get(name, [])
        if len(devices) == 1:
            return devices[0]
        origins = self._load(name, listing).origins or {}
        found = origins.get(record.id)
        if found is None:  # edited everywhere: the device of its oldest version wins the name
            found = next((d for d in devices if d), "")
        return found

    def shard_entries(self, name: str, listing: Listing) -> list[R]:
        """Live entries of shard ``name`` as merged from ``listing``'s files, newest first."""
        return [r for r in self._load(name, listing).records if r.deleted_at is None]

    def folder(self) -> Path:
        """The folder of this kind's files."""
        return self._plan.folder(self._backend.data_dir)

    def listing(self) -> Listing:
        """The current shard files (to pass to :meth:`origin` for many records at once)."""
        return self._plan.listing(self._backend.data_dir)

    def latest(self) -> R | None:
        """The newest live entry, if any."""
        return next(self.iter_all(), None)

    def get(self, entry_id: str) -> R | None:
        """The entry (live or trashed) with this id, or ``None``.

        Looks first in the shard of the id's creation time, then newest first;
        an unknown id therefore reads every shard.
        """
        listing = self._plan.listing(self._backend.data_dir)
        for name in self._search_order(entry_id, listing):
            record = self._load(name, listing).by_id.get(entry_id)
            if record is not None:
                return record
        return None

    def _search_order(self, entry_id: str, listing: Listing) -> list[str]:
        names = sorted(listing, reverse=True)
        if _ID_TIME.match(entry_id):
            created = datetime.fromtimestamp(int(entry_id[:12], 16) / 1000, tz=UTC)
            guess = self._plan.name_for(created)
            if guess in names:
                names.remove(guess)
                names.insert(0, guess)
        return names

    # -- changing ----------------------------------------------------------

    def add(self, record: R) -> R:
        """Save a new entry; returns it as stored (times to the second) once it is on disk."""
        self._check_type(record)
        check_untrusted(record, self._backend.clock.now())
        doc = record.to_dict()
        with self._backend.transaction() as tx:
            name = self._plan.name_for(self._time_of(record))
            held = tx.documents(self._plan, name).get(record.id)
            if held is not None and held.get(MOVED) is not True:
                raise ValueError(f"an entry with the id {record.id} already exists")
            stored = doc if held is None else stamped(doc, held, self._backend.clock.now())
            tx.put(self._plan, name, {record.id: stored})
        return self._type.from_dict(doc)

    def update(self, record: R) -> R:
        """Replace the stored entry with the same id (moving it if its time moved).

        Returns it as stored. Raises ``KeyError`` if there is no such entry.
        The change is a new version in this device's files (see
        :mod:`companion.store.merge`); a move leaves a tombstone in the old shard.
        """
        self._check_type(record)
        check_untrusted(record, self._backend.clock.now())
        with self._backend.transaction() as tx:
            old_name, previous = self._locate(tx, record.id)
            new_name = self._plan.name_for(self._time_of(record))
            now = self._backend.clock.now()
            new_doc = record.to_dict()
            tx.put(self._plan, new_name, {record.id: stamped(new_doc, previous, now)})
            if new_name != old_name:
                self._remove(tx, old_name, record.id, moved(record.id, previous, now))
                held = tx.own_moves(self._plan).get(record.id)
                tx.put_moves(self._plan, {record.id: record_moves(held, [old_name, new_name])})
        return self._type.from_dict(new_doc)

    def trash(self, entry_id: str) -> R:
        """Move an entry to the trash (it stays on disk until purged)."""
        return self._set_deleted(entry_id, self._backend.clock.now())

    def restore(self, entry_id: str) -> R:
        """Take an entry out of the trash."""
        return self._set_deleted(entry_id, None)

    def purge(self, entry_id: str) -> None:
        """Delete a trashed entry for good. ``ValueError`` if it is not in the trash.

        This device's copy is replaced by a small tombstone (the id and when),
        which every device honours; another device's file keeps its copy
        until that device writes the shard again.
        """
        with self._backend.transaction() as tx:
            name, previous = self._locate(tx, entry_id)
            if previous.get("deleted_at") is None:
                raise ValueError(f"entry {entry_id} is not in the trash; trash it first")
            # Always a tombstone: a device not heard from yet may hold a copy.
            gone = tombstone(entry_id, previous, self._backend.clock.now())
            tx.put(self._plan, name, {entry_id: gone})

    def _remove(self, tx: Transaction, name: str, entry_id: str, marker: dict[str, Any]) -> None:
        """Move ``entry_id`` out of shard ``name``: ``marker`` stays once other devices exist."""
        if tx.shared():
            tx.put(self._plan, name, {entry_id: marker})
        else:
            tx.remove(self._plan, name, entry_id)

    def _set_deleted(self, entry_id: str, when: datetime | None) -> R:
        with self._backend.transaction() as tx:
            name, previous = self._locate(tx, entry_id)
            path = self._plan.path(self._backend.data_dir, name, self._backend.device)
            current = self._record(path, entry_id, previous)
            if (current.deleted_at is None) == (when is None):
                return current
            changed = replace(current, deleted_at=when and when.replace(microsecond=0))
            doc = trashed(changed.to_dict(), previous, self._backend.clock.now())
            tx.put(self._plan, name, {entry_id: doc})
        return changed

    def _locate(self, tx: Transaction, entry_id: str) -> tuple[str, dict[str, Any]]:
        """The shard holding ``entry_id`` and its current version, from the fresh files.

        An entry that moved is merged over every shard it was in, so a change
        to it outranks each of its versions.
        """
        listing = tx.listing(self._plan)
        moved = self._moved_entries(listing).get(entry_id)
        if moved is not None:
            shard, _record, doc = moved
            if shard is None:
                raise KeyError(entry_id)
            return shard, doc
        order = self._search_order(entry_id, listing)
        hint = next((n for n in order if entry_id in self._load(n, listing).by_id), None)
        for name in ([hint] if hint else []) + sorted(listing, reverse=True):
            held = tx.documents(self._plan, name).get(entry_id)
            if held is not None and not is_gone(held):
                return name, held
        raise KeyError(entry_id)

    def _check_type(self, record: object) -> None:
        if not isinstance(record, self._type):
            raise TypeError(f"{self.kind} holds {self._type.__name__}, not {type(record).__name__}")

    def import_into(self, tx: Transaction, records: Iterable[R]) -> tuple[int, int]:
        """Insert ``records`` whose ids are not stored yet; returns (added, skipped).

        Used by :meth:`companion.store.Store.import_records`, inside its transaction.
        """
        existing: set[str] = set()
        for name in tx.listing(self._plan):
            existing.update(tx.documents(self._plan, name))
        by_shard: dict[str, dict[str, dict[str, Any]]] = {}
        skipped = 0
        now = self._backend.clock.now()
        for record in records:
            self._check_type(record)
            check_untrusted(record, now)
            if record.id in existing:
                skipped += 1
                continue
            existing.add(record.id)
            name = self._plan.name_for(self._time_of(record))
            by_shard.setdefault(name, {})[record.id] = record.to_dict()
        for name, docs in by_shard.items():
            tx.put(self._plan, name, docs)
        return sum(len(docs) for docs in by_shard.values()), skipped
