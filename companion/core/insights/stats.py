"""Numbers drawn from check-ins: daily means and simple summaries.

Pure functions over records; the trends screen and the clinician report
build on the same ones.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, tzinfo

from companion.core.clock import day_bounds
from companion.core.records import CheckIn

__all__ = ["day_bounds", "daily_means", "mean"]


def mean(values: Iterable[float]) -> float | None:
    """The arithmetic mean, or ``None`` for no values."""
    items = list(values)
    return sum(items) / len(items) if items else None


def daily_means(
    checkins: Iterable[CheckIn], zone: tzinfo | None, field: str = "pain"
) -> list[tuple[date, float]]:
    """Mean of ``field`` for each local day that has a value, oldest first."""
    by_day: dict[date, list[int]] = defaultdict(list)
    for entry in checkins:
        value = getattr(entry, field)
        if value is not None:
            by_day[entry.at.astimezone(zone).date()].append(value)
    return [(day, sum(values) / len(values)) for day, values in sorted(by_day.items())]


def values_of(days: Sequence[tuple[date, float]]) -> list[float]:
    """Just the numbers of a ``daily_means`` result."""
    return [value for _, value in days]
