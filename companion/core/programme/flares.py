"""Flares: a stretch of worse days, started with one key and ended by the person.

Recurrence is the outcome the WalkBack trial measured (time to the next
episode), so the report gives each flare's length and the days between flares.
A flare is never ended for the person: after :data:`CALM_DAYS_TO_ASK` calmer
days in a row the app only asks whether it is over.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo
from typing import Any, NamedTuple, Self

from companion.core.errors import InvalidInputError
from companion.core.fields import (
    as_id,
    as_instant,
    as_optional_instant,
    as_score,
    iso,
    optional_iso,
)
from companion.core.records import CheckIn, require_object

__all__ = [
    "CALM_DAYS_TO_ASK",
    "Flare",
    "FlareSummary",
    "active_flare",
    "ask_if_over",
    "day_of_flare",
    "flare_days",
    "flare_plan_items",
    "summarise",
]

CALM_DAYS_TO_ASK = 3
"""Calmer days in a row (every check-in at least 2 points under the flare's start)
after which the app asks whether the flare is over."""

CALMER_BY = 2
"""Points under the flare's starting pain that count as calmer (the NRS's
clinically important change, clinical-facts §5)."""


@dataclass(frozen=True, slots=True)
class Flare:
    """One flare: when it started, the pain then, and when the person said it was over."""

    id: str
    started_at: datetime
    pain: int
    """Pain 0–10 when the flare was logged."""
    ended_at: datetime | None = None
    deleted_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.ended_at is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "started_at": iso(self.started_at),
            "pain": self.pain,
            "ended_at": optional_iso(self.ended_at),
            "deleted_at": optional_iso(self.deleted_at),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, prefix: str = "") -> Self:
        require_object(data, prefix)
        p = prefix
        started = as_instant(data.get("started_at"), f"{p}started_at")
        ended = as_optional_instant(data.get("ended_at"), f"{p}ended_at")
        if ended is not None and ended < started:
            raise InvalidInputError(f"{p}ended_at", "is before started_at")
        return cls(
            id=as_id(data.get("id"), f"{p}id"),
            started_at=started,
            pain=as_score(data.get("pain"), f"{p}pain"),
            ended_at=ended,
            deleted_at=as_optional_instant(data.get("deleted_at"), f"{p}deleted_at"),
        )

    def ended(self, at: datetime) -> Self:
        """A copy ended at ``at`` (never before it started)."""
        if at < self.started_at:
            raise InvalidInputError("end", "is before the flare started")
        return replace(self, ended_at=at)


def active_flare(flares: Iterable[Flare]) -> Flare | None:
    """The open flare, if any (the newest, should there be more than one)."""
    return max((f for f in flares if f.is_open), key=lambda f: f.started_at, default=None)


def day_of_flare(flare: Flare, now: datetime) -> int:
    """Day 1 is the day the flare started (local days)."""
    zone = now.tzinfo
    return (now.astimezone(zone).date() - flare.started_at.astimezone(zone).date()).days + 1


def ask_if_over(flare: Flare, checkins: Iterable[CheckIn], now: datetime) -> bool:
    """Whether the last :data:`CALM_DAYS_TO_ASK` days before today were all calmer.

    Each of those days needs a check-in, and every check-in then must be at
    least :data:`CALMER_BY` points under the flare's starting pain.
    """
    if not flare.is_open:
        return False
    zone = now.tzinfo
    today = now.astimezone(zone).date()
    start_day = flare.started_at.astimezone(zone).date()
    by_day: dict[date, list[int]] = {}
    for entry in checkins:
        by_day.setdefault(entry.at.astimezone(zone).date(), []).append(entry.pain)
    days = [date.fromordinal(today.toordinal() - n) for n in range(1, CALM_DAYS_TO_ASK + 1)]
    if any(day <= start_day for day in days):
        return False
    threshold = flare.pain - CALMER_BY
    return all(day in by_day and max(by_day[day]) <= threshold for day in days)


class FlareSummary(NamedTuple):
    """Flares over a period, for trends and the report."""

    flares: tuple[Flare, ...]
    """Oldest first."""
    lengths: tuple[int, ...]
    """Each flare's length in days (an open one: so far)."""
    days_between: tuple[int, ...]
    """Days from the end of one flare to the start of the next."""


def _days(start: datetime, end: datetime, zone: tzinfo | None) -> int:
    return (end.astimezone(zone).date() - start.astimezone(zone).date()).days


def summarise(flares: Iterable[Flare], now: datetime) -> FlareSummary:
    """Lengths (inclusive days) and gaps between consecutive flares."""
    zone = now.tzinfo
    ordered = tuple(sorted(flares, key=lambda f: f.started_at))
    lengths = tuple(_days(f.started_at, f.ended_at or now, zone) + 1 for f in ordered)
    gaps = tuple(
        max(0, _days(earlier.ended_at or now, later.started_at, zone))
        for earlier, later in zip(ordered, ordered[1:], strict=False)
    )
    return FlareSummary(ordered, lengths, gaps)


def flare_days(flares: Iterable[Flare], start: date, end: date, now: datetime) -> list[date]:
    """The local days from ``start`` to ``end`` on which a flare was on (an open
    one: up to ``now``), oldest first, each once: the charts mark these."""
    zone = now.tzinfo
    days: set[date] = set()
    for flare in flares:
        first = max(start, flare.started_at.astimezone(zone).date())
        last = min(end, (flare.ended_at or now).astimezone(zone).date())
        days.update(date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1))
    return sorted(days)


def flare_plan_items(own: str, helpful: Sequence[str], library: Sequence[str]) -> list[str]:
    """The person's own plan (one item a line); when they have written none yet,
    suggestions from "what seems to help" and the library, marked as such."""
    items = [line.strip() for line in own.splitlines() if line.strip()]
    if items:
        return items
    return [f"{text} (suggested)" for text in (*helpful, *library)]
