"""Daily summaries of check-ins and sessions, kept per UTC month in a private cache file.

Whole-history trends over decades would otherwise read every shard. The
summaries of :mod:`companion.core.insights.daily` add up exactly, so each
month's are kept in :data:`CACHE_NAME` and only months whose files changed
are worked out again from their merged entries.

A month's summaries are used only while its key is unchanged: the time zone
(local days depend on it) and the ``(size, mtime_ns, inode)`` of every file the
merged month is made of — every device's file of that month for both kinds,
and, once any entry has moved between months, every moves file plus, for a
month named in one, the files of every month named in any (a moved entry's
winning version is weighed over all of them, see :mod:`companion.store.moves`).
So the cache can never disagree with the merged data.

The file is private (0600, written atomically like the shards) and never
synced or archived (see :mod:`companion.store.devices`). It is read as
hostile: bounded in size, every value checked; on any problem it is ignored
and the summaries are worked out again.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timezone, tzinfo
from itertools import pairwise
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import orjson

from companion.core.collection import paused_collection
from companion.core.errors import CompanionError, DamagedFileError
from companion.core.files import FileRefusedError, read_regular
from companion.core.insights.daily import (
    DaySummary,
    instant_key,
    merge_days,
    summarise,
)
from companion.core.records import DESCRIPTORS, SITTING_MAX, CheckIn, StretchSession
from companion.core.untrusted import is_storable
from companion.store.atomic import write_atomic
from companion.store.devices import SUMMARIES_NAME, ensure_ignored
from companion.store.moves import moved_shards
from companion.store.repository import Repository
from companion.store.shards import Listing
from companion.store.storage import ShardCache

__all__ = ["CACHE_NAME", "MAX_CACHE_BYTES", "DailySummaries"]

CACHE_NAME = SUMMARIES_NAME
"""The cache file in the data directory (per machine: never synced)."""
MAX_CACHE_BYTES = 64 << 20
"""A larger cache file is ignored (50 years of summaries take a few MB)."""
_VERSION = 2
_MAX_INT = 1 << 40
_MAX_TEXT = 10_000
_MIN_INSTANT = instant_key(datetime.min.replace(tzinfo=UTC))
_MAX_INSTANT = instant_key(datetime.max.replace(tzinfo=UTC))

T = TypeVar("T")


class _Invalid(Exception):
    """The cache file is not one this module wrote: ignore it."""


def zone_key(zone: tzinfo | None) -> str | None:
    """A stable name for ``zone``, or ``None`` when it cannot be named (then nothing is cached)."""
    if isinstance(zone, ZoneInfo):
        return f"zone:{zone.key}"
    if isinstance(zone, timezone):
        offset = zone.utcoffset(None)
        return f"offset:{int(offset.total_seconds() * 1_000_000)}"
    return None


class DailySummaries:
    """The daily summaries of every live check-in and session, from the cache where it holds."""

    def __init__(
        self,
        data_dir: Path,
        cache: ShardCache,
        checkins: Repository[CheckIn],
        sessions: Repository[StretchSession],
    ) -> None:
        self._path = data_dir / CACHE_NAME
        self._cache = cache
        self._checkins = checkins
        self._sessions = sessions

    def days(self, zone: tzinfo | None, *, details: bool = True) -> dict[date, DaySummary]:
        """Each local day's summary (equal to :func:`summarise` of every live entry).

        With ``details=False`` the days read from the cache carry no notes for the
        clinician, pain descriptors or sitting times: the trends never show them,
        and rebuilding a check-in for each note was a third of the reading. The
        cache keeps them all the same.
        """
        with paused_collection():
            return self._days(zone, details)

    def _days(self, zone: tzinfo | None, details: bool) -> dict[date, DaySummary]:
        named = zone_key(zone)
        checkin_files = self._checkins.listing()
        session_files = self._sessions.listing()
        keys = {
            month: [
                named,
                self._key(self._checkins, checkin_files, month),
                self._key(self._sessions, session_files, month),
            ]
            for month in sorted(set(checkin_files) | set(session_files))
        }
        held = self._read(named, details) if named is not None else {}
        months: dict[str, _Month] = {}
        for month, key in keys.items():
            kept = held.get(month)
            if kept is not None and kept.key == key:
                months[month] = kept
                continue
            months[month] = _Month(
                key,
                summarise(
                    self._checkins.shard_entries(month, checkin_files),
                    self._sessions.shard_entries(month, session_files),
                    zone,
                ),
            )
        if named is not None and (
            held.keys() != months.keys() or any(held[m].key != months[m].key for m in months)
        ):
            self._write(named, months)
        return merge_days(month.days for month in months.values())

    # -- keys --------------------------------------------------------------

    def _key(self, repo: Repository[Any], listing: Listing, month: str) -> list[Any]:
        folder = os.fspath(repo.folder())  # plain strings: decades of months take a stat each
        files = [_stat(folder, _file(month, device)) for device in listing.get(month, [])]
        if not listing.moves:
            return files
        movers = [_stat(folder, _file("moves", mover)) for mover in listing.moves]
        linked = self._linked(repo, listing)
        if month not in linked:
            return [files, movers]
        every = [
            _stat(folder, _file(name, device))
            for name in sorted(linked)
            for device in listing.get(name, [])
        ]
        return [files, movers, every]

    def _linked(self, repo: Repository[Any], listing: Listing) -> set[str]:
        """Every month named in a moves file (readable ones: the merge skips the others)."""
        names: set[str] = set()
        for mover in listing.moves:
            try:
                entry = self._cache.load(repo.folder() / _file("moves", mover))
            except DamagedFileError:
                continue
            if entry is not None:
                for shards in moved_shards(entry.tables).values():
                    names.update(shards)
        return names

    # -- the file ----------------------------------------------------------

    def _read(self, named: str, details: bool = True) -> dict[str, _Month]:
        try:  # a FIFO or a device in its place is refused, never waited on
            raw = read_regular(self._path, MAX_CACHE_BYTES)
        except FileRefusedError:
            return {}
        try:
            data = orjson.loads(raw)
            if not isinstance(data, dict) or data.get("version") != _VERSION:
                raise _Invalid
            if data.get("zone") != named:
                return {}
            months = _of(dict, data.get("months"))
            return {
                _text(month): _decode(_of(list, held[0]), held[1], details)
                for month, held in months.items()
                if _of(list, held) and len(held) == 2
            }
        except (orjson.JSONDecodeError, _Invalid, CompanionError, ValueError, TypeError):
            return {}

    def _write(self, named: str, months: dict[str, _Month]) -> None:
        data = {
            "version": _VERSION,
            "zone": named,
            "months": {
                name: [month.key, _encode(month.days, month.unread)]
                for name, month in months.items()
            },
        }
        # Only a cache: a read-only or full disk costs time next time, nothing else.
        with contextlib.suppress(OSError):
            ensure_ignored(self._path.parent)  # never synced, even from an older folder
        with contextlib.suppress(OSError):
            write_atomic(self._path, orjson.dumps(data))


def _file(name: str, device: str) -> str:
    return f"{name}.{device}.json" if device else f"{name}.json"


def _stat(folder: str, name: str) -> list[Any]:
    try:
        info = os.stat(os.path.join(folder, name))
    except OSError:
        return [name, None]
    return [name, info.st_size, info.st_mtime_ns, info.st_ino]


_COLUMNS = (
    "checkins",
    "pain_sum",
    "pain_min",
    "pain_max",
    "leg_sum",
    "leg_count",
    "back_sum",
    "back_count",
    "sleep_sum",
    "sleep_count",
)
"""The whole-number fields, one list each (``-1`` for no pain range)."""
_HIGHEST = {"pain_min": 10, "pain_max": 10}
"""Columns with a smaller bound than :data:`_MAX_INT`."""
_SETS = ("triggers", "medication")
_DETAILS: dict[str, type] = {"notes": list, "descriptors": dict, "sitting": list}
"""Columns only the clinician report reads (the trends leave them unread), and their kind."""


@dataclass(frozen=True, slots=True)
class _Month:
    """One month's key and summaries, as cached."""

    key: list[Any]
    days: dict[date, DaySummary]
    unread: dict[str, Any] | None = None
    """The :data:`_DETAILS` columns as cached, when they were not read into the days
    (written back unchanged; they are checked whenever they are read)."""


def _encode(days: dict[date, DaySummary], unread: dict[str, Any] | None = None) -> dict[str, Any]:
    """A month's summaries as columns: flat lists parse far faster than a dict per day.

    ``unread`` stands for the days' details when they were not read."""
    ordered = sorted(days.items())
    encoded: dict[str, Any] = {"day": [day.toordinal() for day, _ in ordered]}
    for name in _COLUMNS:
        column = [getattr(s, name) for _, s in ordered]
        encoded[name] = [-1 if value is None else value for value in column]
    for name in _SETS:
        found: dict[str, list[int]] = {}
        for index, (_, s) in enumerate(ordered):
            for label in getattr(s, name):
                found.setdefault(label, []).append(index)
        encoded[name] = found
    areas: dict[str, list[int]] = {}
    sessions: dict[str, list[int]] = {}
    notes: list[Any] = []
    descriptors: dict[str, list[int]] = {}
    sitting: list[Any] = []
    for index, (_, s) in enumerate(ordered):
        for word, count in s.descriptors.items():
            descriptors.setdefault(word, []).extend((index, count))
        sitting.extend([index, key, entry, minutes] for key, entry, minutes in s.sitting)
        for area, count in s.areas.items():
            areas.setdefault(area, []).extend((index, count))
        for routine, (done, stopped) in s.sessions.items():
            sessions.setdefault(routine, []).extend((index, done, stopped))
        notes.extend([index, note.to_dict()] for note in s.notes)
    encoded |= {
        "areas": areas,
        "sessions": sessions,
        "notes": notes,
        "descriptors": descriptors,
        "sitting": sitting,
    }
    return encoded | (unread or {})


def _of(kind: type[T], value: object) -> T:
    if not isinstance(value, kind):
        raise _Invalid
    return value


def _ints(
    value: object, length: int | None = None, low: int = 0, high: int = _MAX_INT
) -> list[int]:
    """A list of whole numbers in ``[low, high]`` (of ``length`` items when given)."""
    numbers = _of(list, value)
    if length is not None and len(numbers) != length:
        raise _Invalid
    # map(type) and set() run in C, several times faster than a check per item.
    if numbers and (set(map(type, numbers)) != {int} or min(numbers) < low or max(numbers) > high):
        raise _Invalid
    return numbers


def _text(value: object) -> str:
    text = _of(str, value)
    if len(text) > _MAX_TEXT:
        raise _Invalid
    return text


def _decode(key: list[Any], raw: Any, details: bool) -> _Month:
    """A cached month; its details are left unread (but kept) unless ``details``."""
    columns = _of(dict, raw)
    days = _days(columns)
    if details:
        _read_details(days, columns)
        return _Month(key, days)
    return _Month(
        key, days, {name: _of(kind, columns.get(name)) for name, kind in _DETAILS.items()}
    )


def _days(columns: dict[str, Any]) -> dict[date, DaySummary]:
    """The days of a cached month, without their details."""
    ordinals = _ints(columns.get("day"), None, 1, date.max.toordinal())
    count = len(ordinals)
    if any(later <= earlier for earlier, later in pairwise(ordinals)):
        raise _Invalid  # written oldest first, one entry a day: the details count on it
    values = [
        _ints(columns.get(name), count, -1 if name in _HIGHEST else 0, _HIGHEST.get(name, _MAX_INT))
        for name in _COLUMNS
    ]
    days = [
        DaySummary(
            n,
            p,
            lo if lo >= 0 else None,
            hi if hi >= 0 else None,
            ls,
            lc,
            bs,
            bc,
            sleep_sum=ss,
            sleep_count=sc,
        )
        for n, p, lo, hi, ls, lc, bs, bc, ss, sc in zip(*values, strict=True)
    ]
    for name in _SETS:
        labels = [getattr(summary, name) for summary in days]
        for label, indexes in _of(dict, columns.get(name)).items():
            text = _text(label)
            for index in _ints(indexes, None, 0, count - 1):
                labels[index].add(text)
    for area, pairs in _of(dict, columns.get("areas")).items():
        text = _text(area)
        for index, many in _rows(pairs, 2, count):
            days[index].areas[text] = many
    for routine, triples in _of(dict, columns.get("sessions")).items():
        text = _text(routine)
        for index, done, stopped in _rows(triples, 3, count):
            days[index].sessions[text] = [done, stopped]
    return {date.fromordinal(day): summary for day, summary in zip(ordinals, days, strict=True)}


def _read_details(days: dict[date, DaySummary], columns: dict[str, Any]) -> None:
    """Add a cached month's details (:data:`_DETAILS`) to its ``days``."""
    ordered = list(days.values())
    count = len(ordered)
    for word, pairs in _of(dict, columns.get("descriptors")).items():
        if word not in DESCRIPTORS:
            raise _Invalid
        for index, many in _rows(pairs, 2, count):
            ordered[index].descriptors[word] = many
    for held in _of(list, columns.get("sitting")):
        index, key, entry, minutes = _of(list, held)
        _ints([key], None, _MIN_INSTANT, _MAX_INSTANT)
        _ints([minutes], None, 0, SITTING_MAX)
        ordered[_index(index, count)].sitting.append((key, _text(entry), minutes))
    for held in _of(list, columns.get("notes")):
        index, doc = _of(list, held)
        note = CheckIn.from_dict(_of(dict, doc))
        if not is_storable(note):
            raise _Invalid
        ordered[_index(index, count)].notes.append(note)


def _rows(value: object, width: int, count: int) -> Iterator[tuple[int, ...]]:
    """Whole numbers ``width`` at a time, each row led by a day's index below ``count``."""
    numbers = _ints(value)
    if len(numbers) % width or (numbers and max(numbers[::width]) >= count):
        raise _Invalid
    return zip(*(numbers[column::width] for column in range(width)), strict=True)


def _index(value: int, count: int) -> int:
    if not 0 <= value < count:
        raise _Invalid
    return value
