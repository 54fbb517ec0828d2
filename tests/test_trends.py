"""Trend statistics with answers worked out by hand: daily means, 7-day means,
periods and the clinically important change (≥ 2 points or ≥ 30 %)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from companion.core.insights.trends import (
    change_call,
    daily_points,
    period_range,
    rolling_mean,
    series,
)
from tests.store_helpers import checkin

NOV = [date(2026, 11, day) for day in range(1, 31)]


def days(first: int, values: list[float]) -> list[tuple[date, float]]:
    """Consecutive November days from ``first`` with these daily means."""
    return [(date(2026, 11, first + i), value) for i, value in enumerate(values)]


def test_daily_points_use_local_days_and_mean_each_field_given() -> None:
    zone = timezone(timedelta(hours=-5))
    entries = [
        checkin(datetime(2026, 11, 1, 23, 30, tzinfo=UTC), 4, leg=6),  # 18:30 local, 1 Nov
        checkin(datetime(2026, 11, 2, 2, 0, tzinfo=UTC), 7),  # 21:00 local, still 1 Nov
        checkin(datetime(2026, 11, 2, 14, 0, tzinfo=UTC), 3, leg=5, back=2),
    ]
    points = daily_points(entries, zone)
    assert [(p.day.day, p.pain, p.leg, p.back) for p in points] == [
        (1, 5.5, 6.0, None),
        (2, 3.0, 5.0, 2.0),
    ]
    assert series(points, "back") == [(date(2026, 11, 2), 2.0)]


def test_rolling_mean_covers_seven_calendar_days_and_skips_gaps() -> None:
    data = [
        (date(2026, 11, 1), 2.0),
        (date(2026, 11, 2), 4.0),
        (date(2026, 11, 3), 6.0),
        (date(2026, 11, 8), 8.0),  # window 2–8 Nov: 4, 6, 8
        (date(2026, 11, 10), 10.0),  # window 4–10 Nov: 8, 10
    ]
    assert rolling_mean(data) == [
        (date(2026, 11, 1), 2.0),
        (date(2026, 11, 2), 3.0),
        (date(2026, 11, 3), 4.0),
        (date(2026, 11, 8), 6.0),
        (date(2026, 11, 10), 9.0),
    ]
    assert rolling_mean([]) == []


def test_period_ranges_end_today_and_all_starts_at_the_first_check_in() -> None:
    today = date(2026, 11, 21)
    assert period_range(today, 30, None) == (date(2026, 10, 23), today)
    assert period_range(today, 365, None)[0] == date(2025, 11, 22)
    assert period_range(today, None, date(2026, 3, 4)) == (date(2026, 3, 4), today)
    assert period_range(today, None, None) == (today, today)


def fortnight(first_week: list[float], last_week: list[float]) -> list[tuple[date, float]]:
    """Daily means for 1–7 Nov and 24–30 Nov (the middle left empty)."""
    return days(1, first_week) + days(24, last_week)


@pytest.mark.parametrize(
    ("first_week", "last_week", "verdict", "baseline", "recent"),
    [
        ([8] * 7, [6] * 7, "improving", 8.0, 6.0),  # 2 points (25 %): the points rule
        ([5] * 7, [3.5] * 7, "improving", 5.0, 3.5),  # 1.5 points = 30 %: the percent rule
        ([5] * 7, [3.6] * 7, "no important change", 5.0, 3.6),  # 1.4 points, 28 %
        ([3] * 7, [4] * 7, "worsening", 3.0, 4.0),  # +1 point = +33 %
        ([6] * 7, [7.9] * 7, "worsening", 6.0, 7.9),  # +1.9 points = +31.7 %: percent rule
        ([0] * 7, [1.5] * 7, "no important change", 0.0, 1.5),  # no percent from 0
        ([4, 5, 6], [7, 8, 9], "worsening", 5.0, 8.0),  # three days a week is enough
    ],
)
def test_change_call(first_week, last_week, verdict, baseline, recent) -> None:
    change = change_call(fortnight(first_week, last_week), NOV[0], NOV[29])
    assert (change.verdict, change.baseline, change.recent) == (verdict, baseline, recent)
    assert change.first_week == (NOV[0], NOV[6])
    assert change.last_week == (NOV[23], NOV[29])


def test_the_call_is_made_on_the_rounded_means_shown() -> None:
    # 7.96 and 6.04 differ by 1.92 (24 %), but they show as 8.0 and 6.0: 2.0 points lower.
    change = change_call(fortnight([7.96] * 7, [6.04] * 7), NOV[0], NOV[29])
    assert (change.baseline, change.recent, change.difference) == (8.0, 6.0, -2.0)
    assert change.verdict == "improving"


def test_baseline_is_the_first_week_with_check_ins_in_the_period() -> None:
    data = days(5, [6, 6, 6, 6, 6, 6, 6]) + days(24, [3, 3, 3, 3, 3, 3, 3])
    change = change_call(data, NOV[0], NOV[29])
    assert change.first_week == (NOV[4], NOV[10])
    assert (change.verdict, change.difference) == ("improving", -3.0)


@pytest.mark.parametrize(
    ("data", "end"),
    [
        (fortnight([5] * 7, [2, 2]), NOV[29]),  # two days in the last week
        (fortnight([5, 5], [2] * 7), NOV[29]),  # two days in the first week
        (days(1, [5] * 12), NOV[11]),  # the weeks would overlap
        ([], NOV[29]),
    ],
)
def test_not_enough_data(data, end) -> None:
    change = change_call(data, NOV[0], end)
    assert change.verdict == "not enough data"
    assert change.difference is None
    assert "Not enough check-ins" in change.describe()


def test_the_words_name_the_numbers() -> None:
    better = change_call(fortnight([8] * 7, [6] * 7), NOV[0], NOV[29]).describe()
    assert better.startswith("Improving: average pain 8.0 in the first week (1–7 Nov)")
    assert "6.0 in the last 7 days (24–30 Nov): 2.0 points lower, 25%" in better
    assert "clinically important" in better
    worse = change_call(fortnight([3] * 7, [4] * 7), NOV[0], NOV[29]).describe("leg pain")
    assert worse.startswith("Worsening: average leg pain 3.0")
    assert "1.0 points higher, 33%" in worse and "clinician" in worse
    same = change_call(fortnight([5] * 7, [5] * 7), NOV[0], NOV[29]).describe()
    assert same.startswith("No clinically important change") and "no change" in same


def test_weeks_in_different_years_are_named_with_their_years() -> None:
    data = [(date(2025, 11, 1) + timedelta(days=i), 6.0) for i in range(7)]
    data += [(date(2026, 11, 15) + timedelta(days=i), 3.0) for i in range(7)]
    words = change_call(data, date(2025, 11, 1), date(2026, 11, 21)).describe()
    assert "(1–7 Nov 2025)" in words and "(15–21 Nov 2026)" in words
