"""The walking plan: a baseline from the person's own first week, then small
weekly steps, holding in a flare and stepping back after one (pacing,
clinical-facts §6; WalkBack's progressive, individualised walking).

Weeks are counted from the first logged walk: week 0 (its first seven local
days) sets the baseline, the mean minutes of the days walked. Each later week
the target is ``baseline + level × step``; the level rises by one at the start
of each week, stays put while a flare is open as the week starts, and drops by
one in the week after a flare ended.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, NamedTuple, Self

from companion.core.fields import (
    as_id,
    as_instant,
    as_optional_instant,
    as_score,
    iso,
    optional_iso,
)
from companion.core.programme.flares import Flare
from companion.core.records import require_object

__all__ = ["MAX_MINUTES", "PlanWeek", "Walk", "WalkingPlan", "minutes_by_day", "walking_plan"]

MAX_MINUTES = 24 * 60
"""The most minutes one entry may hold."""

STEP_SHARE = 0.1
"""Each step adds a tenth of the baseline…"""
MIN_STEP = 2
"""…but at least two minutes."""


@dataclass(frozen=True, slots=True)
class Walk:
    """Minutes walked, logged in the check-in or with ``companion log --walked``."""

    id: str
    at: datetime
    minutes: int
    deleted_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": iso(self.at),
            "minutes": self.minutes,
            "deleted_at": optional_iso(self.deleted_at),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, prefix: str = "") -> Self:
        require_object(data, prefix)
        p = prefix
        return cls(
            id=as_id(data.get("id"), f"{p}id"),
            at=as_instant(data.get("at"), f"{p}at"),
            minutes=as_score(data.get("minutes"), f"{p}minutes", low=1, high=MAX_MINUTES),
            deleted_at=as_optional_instant(data.get("deleted_at"), f"{p}deleted_at"),
        )


def minutes_by_day(walks: Iterable[Walk], zone: tzinfo | None) -> dict[date, int]:
    """Minutes walked on each local day that has a walk."""
    totals: dict[date, int] = defaultdict(int)
    for walk in walks:
        totals[walk.at.astimezone(zone).date()] += walk.minutes
    return dict(totals)


class PlanWeek(NamedTuple):
    """One week of the plan."""

    start: date
    target: int
    """Minutes a day to aim for (0 in the baseline week: just walk as usual)."""
    change: str
    """``baseline``, ``step up``, ``hold (flare)`` or ``step back (after a flare)``."""
    walked: float | None
    """Mean minutes on the days walked that week, if any."""


@dataclass(frozen=True, slots=True)
class WalkingPlan:
    """The plan up to today."""

    baseline: float | None
    """Mean minutes a day in the first week; ``None`` until that week is over."""
    step: int
    weeks: tuple[PlanWeek, ...]

    @property
    def today_target(self) -> int | None:
        """Today's target in minutes, or ``None`` while the baseline is still being measured."""
        if self.baseline is None or not self.weeks:
            return None
        return self.weeks[-1].target

    def target_phrase(self) -> str | None:
        """``24 min today`` (with ``(held: flare)`` or ``(stepped back)``), once there is a plan."""
        if self.baseline is None or not self.weeks:
            return None
        week = self.weeks[-1]
        note = {"hold (flare)": " (held: flare)", "step back (after a flare)": " (stepped back)"}
        return f"{week.target} min today{note.get(week.change, '')}"

    def describe_today(self) -> str:
        """One line for the dashboard."""
        if not self.weeks:
            return "Walking: log minutes walked to start a plan"
        phrase = self.target_phrase()
        if phrase is None:
            return "Walking: first week, walk as usual (this sets your baseline)"
        return f"Walking: {phrase}"


def _open_at(flares: Iterable[Flare], day: date, zone: tzinfo | None) -> bool:
    """Whether a flare had started by ``day`` and was not over before it."""
    return any(
        f.started_at.astimezone(zone).date() <= day
        and (f.ended_at is None or f.ended_at.astimezone(zone).date() >= day)
        for f in flares
    )


def _ended_in(flares: Iterable[Flare], start: date, end: date, zone: tzinfo | None) -> bool:
    return any(
        f.ended_at is not None and start <= f.ended_at.astimezone(zone).date() < end for f in flares
    )


def walking_plan(walks: Iterable[Walk], flares: Iterable[Flare], now: datetime) -> WalkingPlan:
    """The plan's weeks from the first walk up to the week holding ``now``."""
    zone = now.tzinfo
    flares = list(flares)
    days = minutes_by_day(walks, zone)
    if not days:
        return WalkingPlan(None, 0, ())
    first = min(days)
    today = now.astimezone(zone).date()
    weeks: list[PlanWeek] = []

    def walked(start: date) -> float | None:
        values = [days[d] for d in days if start <= d < start + timedelta(days=7)]
        return sum(values) / len(values) if values else None

    baseline_walked = walked(first)
    weeks.append(PlanWeek(first, 0, "baseline", baseline_walked))
    if today < first + timedelta(days=7):
        return WalkingPlan(None, 0, tuple(weeks))
    baseline = baseline_walked or 0.0
    step = max(MIN_STEP, round(baseline * STEP_SHARE))
    level = 0
    start = first + timedelta(days=7)
    while start <= today:
        if _open_at(flares, start, zone):
            change = "hold (flare)"
        elif _ended_in(flares, start - timedelta(days=7), start, zone):
            level = max(0, level - 1)
            change = "step back (after a flare)"
        else:
            level += 1
            change = "step up"
        weeks.append(PlanWeek(start, round(baseline) + level * step, change, walked(start)))
        start += timedelta(days=7)
    return WalkingPlan(baseline, step, tuple(weeks))
