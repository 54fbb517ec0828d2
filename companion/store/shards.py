"""Sharding by time, and transactions that change several shards at once.

Why shard, and why by UTC month: every TinyDB write rewrites its whole file,
and startup must not parse twenty years of entries to draw a dashboard of the
last few weeks. At the sizing target (25,000 check-ins and 25,000 stretch
sessions over 20 years, about 105 of each a month) a month file holds roughly
40 KB, so a save (rewrite one month, plus at most one daily backup copy of it)
stays far under 128 KiB, and the dashboard reads one or two files. A week
would give hundreds of tiny files; a year would make each save ~0.5 MB.
Months are taken in UTC so an entry never changes file when the user's time
zone or daylight-saving offset does. Screenings are rare (a few a year), so
they are sharded by UTC year, and so are the weekly measures.

Writing happens in a transaction, see :mod:`companion.store.transaction`.
"""

from __future__ import annotations

import os
import re
from datetime import MAXYEAR, UTC, datetime
from pathlib import Path
from typing import NamedTuple

from companion.store.paths import io_error

__all__ = [
    "CHECKINS",
    "MOVES_TABLE",
    "DOSES",
    "FLARES",
    "GOALS",
    "KINDS",
    "Listing",
    "MEASURES",
    "MEDICINES",
    "PROGRAMME_KINDS",
    "SCREENINGS",
    "SESSIONS",
    "WALKS",
    "ShardPlan",
]

_MONTH = re.compile(r"^([0-9]{4}-(?:0[1-9]|1[0-2]))(?:\.([0-9a-f]{10}))?\.json$")
_YEAR = re.compile(r"^([0-9]{4})(?:\.([0-9a-f]{10}))?\.json$")
_MOVES = re.compile(r"^moves(?:\.([0-9a-f]{10}))?\.json$")
MOVES_TABLE = "moves"
"""The table of a moves file: entry id → ``{"shards": [names]}``."""


class Listing(dict[str, list[str]]):
    """Shard name → the devices with a file of it (``""`` for the single-file layout of schema 1).

    Also the devices with a moves file (:attr:`moves`): each device records
    there the shards every entry it moved to another shard was in, so that
    the merge can weigh all versions of such an entry together
    (:func:`companion.store.merge.resolve`).
    """

    def __init__(self) -> None:
        super().__init__()
        self.moves: list[str] = []
        """Devices with a moves file of this kind."""
        self.resolved: object = None
        """What a repository worked out from the moves files (cached for this listing)."""


class ShardPlan(NamedTuple):
    """How one kind of entry is split into files."""

    kind: str
    """The folder and TinyDB table name: ``checkins``, ``sessions``, ``measures``…"""
    yearly: bool = False
    """One file per UTC year instead of per UTC month."""

    def folder(self, data_dir: Path) -> Path:
        return data_dir / self.kind

    def moves_path(self, data_dir: Path, device: str = "") -> Path:
        """The file where ``device`` records the entries it moved between shards."""
        suffix = f".{device}" if device else ""
        return self.folder(data_dir) / f"moves{suffix}.json"

    def path(self, data_dir: Path, name: str, device: str = "") -> Path:
        """The file of shard ``name`` written by ``device`` (see :mod:`companion.store.devices`)."""
        suffix = f".{device}" if device else ""
        return self.folder(data_dir) / f"{name}{suffix}.json"

    def name_for(self, at: datetime) -> str:
        """The shard an entry at ``at`` lives in: ``2026-11`` (or ``2026``)."""
        utc = at.astimezone(UTC)
        return f"{utc.year:04d}" if self.yearly else f"{utc.year:04d}-{utc.month:02d}"

    def bounds(self, name: str) -> tuple[datetime, datetime]:
        """The UTC instants ``[start, end)`` a shard covers."""
        if self.yearly:
            year, month = int(name), 1
            next_year, next_month = year + 1, 1
        else:
            year, month = int(name[:4]), int(name[5:7])
            next_year, next_month = year + month // 12, month % 12 + 1
        start = datetime(max(year, 1), month, 1, tzinfo=UTC)
        if next_year > MAXYEAR:  # the last shard a hostile file can name: no year 10000
            return start, datetime.max.replace(tzinfo=UTC)
        return start, datetime(next_year, next_month, 1, tzinfo=UTC)

    def listing(self, data_dir: Path) -> Listing:
        """Every shard file, by shard name and device (a directory listing, nothing parsed).

        Only complete files have these names: temporary files of a save, a
        sync tool's partial downloads and conflict copies never match.
        """
        try:
            files = os.listdir(self.folder(data_dir))
        except FileNotFoundError:
            return Listing()
        except OSError as err:
            raise io_error("read", self.folder(data_dir), err) from None
        pattern = _YEAR if self.yearly else _MONTH
        found = Listing()
        for file_name in files:
            match = pattern.match(file_name)
            if match:
                found.setdefault(match[1], []).append(match[2] or "")
            elif moves := _MOVES.match(file_name):
                found.moves.append(moves[1] or "")
        found.moves.sort()
        for devices in found.values():
            devices.sort()
        return found

    def names(self, data_dir: Path) -> list[str]:
        """Shards that exist, newest first (a directory listing, nothing parsed)."""
        return sorted(self.listing(data_dir), reverse=True)

    def overlapping(
        self,
        data_dir: Path,
        start: datetime | None,
        end: datetime | None,
        listing: Listing | None = None,
    ) -> list[str]:
        """Existing shards that may hold entries in ``[start, end)``, newest first."""
        chosen = []
        names = self.names(data_dir) if listing is None else sorted(listing, reverse=True)
        for name in names:
            shard_start, shard_end = self.bounds(name)
            if (start is None or shard_end > start) and (end is None or shard_start < end):
                chosen.append(name)
        return chosen


CHECKINS = ShardPlan("checkins")
"""Check-ins: one file per UTC month."""
SESSIONS = ShardPlan("sessions")
"""Stretch sessions: one file per UTC month."""
SCREENINGS = ShardPlan("screenings", yearly=True)
"""Screenings: one file per UTC year."""
MEASURES = ShardPlan("measures", yearly=True)
"""Weekly measures (PEG and bothersomeness): about 52 a year, one file per UTC year."""
MEDICINES = ShardPlan("medicines", yearly=True)
"""The person's medicines (a handful), by when each was added: one file per UTC year."""
DOSES = ShardPlan("doses")
"""Doses taken: one file per UTC month, like check-ins."""
FLARES = ShardPlan("flares", yearly=True)
"""Flares, by start: a few a year."""
WALKS = ShardPlan("walks")
"""Minutes walked: one file per UTC month."""
GOALS = ShardPlan("goals", yearly=True)
"""Weekly personal-goal (PSFS) scores: one file per UTC year."""
PROGRAMME_KINDS = (MEDICINES, DOSES, FLARES, WALKS, GOALS)
"""The self-management programme's kinds (kept and synced like the journal)."""
KINDS = (CHECKINS, SESSIONS, SCREENINGS, MEASURES, *PROGRAMME_KINDS)
"""Every kind of entry, in the order they are listed and checked."""
