"""Long series squeezed to the width of a chart: the mean of each run of whole weeks.

A terminal chart has two braille dots across per column; decades of daily
points drawn on 70 columns only pile up on each other, and plotext takes
seconds to draw them. Above the points the chart can show apart,
:func:`bin_days` picks a width of whole weeks so they fit, and :func:`bin_means` gives the mean
of the values in each bin, placed at the bin's middle day. The chart says so
(:func:`describe_bin`): they are not daily points.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

__all__ = ["bin_days", "bin_means", "describe_bin"]

WEEK = 7


def bin_days(days: int, points: int) -> int:
    """Days per point: 1 when ``days`` fit in ``points``, else the fewest whole weeks that fit."""
    points = max(points, 1)
    if days <= points:
        return 1
    weeks = -(-days // (WEEK * points))  # ceiling division
    return weeks * WEEK


def bin_means(
    values: Iterable[tuple[date, float]], start: date, width: int, days: int | None = None
) -> list[tuple[float, float]]:
    """``(x, mean)`` per bin of ``width`` days from ``start`` that holds a value, oldest first.

    ``x`` is days after ``start`` (the bin's middle when ``width`` > 1), as the
    chart's axis counts them; a bin without values is left out (a gap). When the
    period is ``days`` long its last bin is cut at the period's end and placed at the
    middle of the days it has: the middle of a whole bin could lie past the chart's
    last day, and plotext leaves out a point beyond its axis.
    """
    if width <= 1:
        return [(float((day - start).days), value) for day, value in values]
    totals: dict[int, list[float]] = {}
    for day, value in values:
        held = totals.setdefault((day - start).days // width, [0.0, 0.0])
        held[0] += value
        held[1] += 1
    last = days - 1 if days is not None else None

    def middle(index: int) -> float:
        first = index * width
        end = first + width - 1
        return (first + (end if last is None else max(first, min(end, last)))) / 2

    return [(middle(index), total / count) for index, (total, count) in sorted(totals.items())]


def describe_bin(width: int) -> str:
    """How a point is named in a chart's key: ``daily``, ``weekly`` or ``4-week``."""
    if width <= 1:
        return "daily"
    if width == WEEK:
        return "weekly"
    return f"{width // WEEK}-week"
