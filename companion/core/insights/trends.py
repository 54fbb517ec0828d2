"""Pain over time: periods, daily points, 7-day means and the clinically important change.

Pure functions over records, shared by the trends screen and the clinician
report. Days are local calendar days; a day's value is the mean of that day's
check-ins, so a day with five entries counts as much as a day with one.

The change call follows Farrar et al. 2001 (Pain 94:149): on the 0–10 pain
scale, a change of about 2 points or 30 % from baseline is clinically
important. Near zero, 30 % is a fraction of a point, so a change is called
only at 2 points, or at 30 % and at least :data:`MIN_POINTS` point. Farrar
studied improvement; using the same threshold for worsening is an
extrapolation, and the words say so. Here the baseline is the first week
with check-ins in the period and the comparison is the period's last 7 days. The call is made on the
means rounded to one decimal, the numbers the person sees, so the words and
the figures can never disagree.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from operator import attrgetter, itemgetter
from typing import Literal

from companion.core.records import CheckIn

__all__ = [
    "IMPORTANT_FRACTION",
    "IMPORTANT_POINTS",
    "MIN_DAYS_PER_WEEK",
    "PERIODS",
    "Change",
    "DayPoint",
    "Period",
    "change_call",
    "daily_points",
    "period_range",
    "rolling_mean",
    "series",
]

IMPORTANT_POINTS = 2.0
"""A change of this many points (0–10 scale) is clinically important (Farrar 2001)."""
IMPORTANT_FRACTION = 0.30
"""…and so is a change of this fraction of the baseline, when it is at least MIN_POINTS."""
MIN_POINTS = 1.0
"""The smallest change ever called, however small the baseline."""
MIN_DAYS_PER_WEEK = 3
"""Days with a check-in needed in each compared week before a change is called."""
WEEK = 7

Verdict = Literal["improving", "worsening", "no important change", "not enough data"]


@dataclass(frozen=True, slots=True)
class Period:
    """A span of days the trends can be shown over."""

    key: str
    """Stable id: ``30``, ``90``, ``365`` or ``all``."""
    label: str
    """How it is named on screen."""
    days: int | None
    """Its length in days, ending today; ``None`` for everything since the first check-in."""


PERIODS = (
    Period("30", "30 days", 30),
    Period("90", "90 days", 90),
    Period("365", "1 year", 365),
    Period("all", "all", None),
)
"""The periods offered, shortest first."""


def period_range(end: date, days: int | None, first_day: date | None) -> tuple[date, date]:
    """The first and last day (both included) of a period ending on ``end``.

    ``days=None`` means since ``first_day`` (the first check-in), or just
    ``end`` when there is none.
    """
    if days is None:
        return (min(first_day, end) if first_day else end), end
    return end - timedelta(days=days - 1), end


@dataclass(frozen=True, slots=True)
class DayPoint:
    """One local day's means; leg and back are ``None`` when that day gave none."""

    day: date
    pain: float
    leg: float | None = None
    back: float | None = None


def daily_points(checkins: Iterable[CheckIn], zone: tzinfo | None) -> list[DayPoint]:
    """Each local day with a check-in and its mean pain, leg and back scores, oldest first."""
    by_day: dict[date, list[CheckIn]] = defaultdict(list)
    for entry in checkins:
        by_day[entry.at.astimezone(zone).date()].append(entry)
    points = []
    for day, entries in sorted(by_day.items()):
        legs = [e.leg for e in entries if e.leg is not None]
        backs = [e.back for e in entries if e.back is not None]
        points.append(
            DayPoint(
                day,
                sum(e.pain for e in entries) / len(entries),
                sum(legs) / len(legs) if legs else None,
                sum(backs) / len(backs) if backs else None,
            )
        )
    return points


def series(points: Iterable[DayPoint], field: str) -> list[tuple[date, float]]:
    """``(day, value)`` of one field (``pain``, ``leg``, ``back``), skipping missing days."""
    value_of = attrgetter(field)
    return [(point.day, value) for point in points if (value := value_of(point)) is not None]


def rolling_mean(
    days: Sequence[tuple[date, float]], window: int = WEEK
) -> list[tuple[date, float]]:
    """For each day with a value, the mean over the calendar days ``(day - window, day]``.

    Days without a value are skipped, not counted as zero, so a gap in the
    diary does not pull the line down. ``days`` must be oldest first.
    """
    result = []
    start = 0
    total = 0.0
    span = timedelta(days=window)
    for end, (day, value) in enumerate(days):
        total += value
        cutoff = day - span
        while days[start][0] <= cutoff:
            total -= days[start][1]
            start += 1
        result.append((day, total / (end - start + 1)))
    return result


@dataclass(frozen=True, slots=True)
class Change:
    """The first week of a period against its last 7 days."""

    verdict: Verdict
    first_week: tuple[date, date]
    """The baseline week (first and last day)."""
    last_week: tuple[date, date]
    """The comparison week: the last 7 days of the period."""
    baseline: float | None = None
    """Mean daily pain in the first week, to one decimal."""
    recent: float | None = None
    """Mean daily pain in the last 7 days, to one decimal."""

    @property
    def difference(self) -> float | None:
        """``recent - baseline`` (negative is better), to one decimal."""
        if self.baseline is None or self.recent is None:
            return None
        return round(self.recent - self.baseline, 1)

    @property
    def percent(self) -> float | None:
        """The difference as a percentage of the baseline (``None`` when the baseline is 0)."""
        if self.difference is None or not self.baseline:
            return None
        return 100 * self.difference / self.baseline

    @property
    def important(self) -> bool:
        return self.verdict in ("improving", "worsening")

    def describe(self, what: str = "pain") -> str:
        """The call in plain words, with the numbers behind it."""
        if self.verdict == "not enough data" or self.difference is None:
            return (
                f"Not enough check-ins to call a change in {what}: it needs "
                f"{MIN_DAYS_PER_WEEK} days with a check-in in the first week and in the "
                "last 7 days, two weeks apart or more."
            )
        moved = "no change"
        if self.difference:
            direction = "lower" if self.difference < 0 else "higher"
            moved = f"{abs(self.difference):.1f} points {direction}"
            if self.percent is not None:
                moved += f", {abs(self.percent):.0f}%"
        years = self.first_week[0].year != self.last_week[1].year
        numbers = (
            f"average {what} {self.baseline:.1f} in the first week "
            f"({_span(self.first_week, years)}), {self.recent:.1f} in the last 7 days "
            f"({_span(self.last_week, years)}): {moved}"
        )
        if self.verdict == "improving":
            return f"Improving: {numbers}. A change this size is clinically important."
        if self.verdict == "worsening":
            return (
                f"Worsening: {numbers}. A rise this size is worth telling your clinician "
                "(the 2-point or 30% rule comes from studies of improvement)."
            )
        return f"No clinically important change: {numbers}."


def _span(days: tuple[date, date], years: bool = False) -> str:
    """``1–7 Nov``, ``28 Oct–3 Nov``; with ``years``, ``1–7 Nov 2025``."""
    first, last = days
    year = f" {last.year}" if years else ""
    if first.month == last.month:
        return f"{first.day}–{last.day} {last:%b}{year}"
    return f"{first.day} {first:%b}–{last.day} {last:%b}{year}"


def _between(
    days: Sequence[tuple[date, float]], first: date, last: date
) -> Sequence[tuple[date, float]]:
    """The days from ``first`` to ``last`` (both included) of ``days``, oldest first."""
    low = bisect_left(days, first, key=itemgetter(0))
    return days[low : bisect_right(days, last, lo=low, key=itemgetter(0))]


def _week_mean(days: Sequence[tuple[date, float]], first: date, last: date) -> float | None:
    values = [value for _day, value in _between(days, first, last)]
    if len(values) < MIN_DAYS_PER_WEEK:
        return None
    return round(sum(values) / len(values), 1)


def change_call(days: Sequence[tuple[date, float]], start: date, end: date) -> Change:
    """Compare the first week with check-ins in ``[start, end]`` to its last 7 days.

    ``days`` holds daily means, oldest first (see :func:`series`). Important means at least
    :data:`IMPORTANT_POINTS` points, or :data:`IMPORTANT_FRACTION` of the
    baseline and at least :data:`MIN_POINTS`, in either direction; lower is improving.
    """
    inside = _between(days, start, end)
    first_day = inside[0][0] if inside else start
    first_week = (first_day, first_day + timedelta(days=WEEK - 1))
    last_week = (end - timedelta(days=WEEK - 1), end)
    if first_week[1] >= last_week[0]:
        return Change("not enough data", first_week, last_week)
    baseline = _week_mean(inside, *first_week)
    recent = _week_mean(inside, *last_week)
    if baseline is None or recent is None:
        return Change("not enough data", first_week, last_week, baseline, recent)
    difference = round(recent - baseline, 1)
    tolerance = 1e-9
    important = abs(difference) >= IMPORTANT_POINTS - tolerance or (
        baseline > 0
        and abs(difference) >= IMPORTANT_FRACTION * baseline - tolerance
        and abs(difference) >= MIN_POINTS - tolerance
    )
    verdict: Verdict = "no important change"
    if important:
        verdict = "improving" if difference < 0 else "worsening"
    return Change(verdict, first_week, last_week, baseline, recent)
