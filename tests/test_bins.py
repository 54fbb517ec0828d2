"""Long series as the means of runs of whole weeks: as many points as a chart can show."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from companion.core.insights.bins import bin_days, bin_means, describe_bin

START = date(1980, 1, 1)


@given(st.integers(1, 40_000), st.integers(1, 400))
def test_the_points_fit_and_a_bin_is_whole_weeks(days: int, points: int) -> None:
    width = bin_days(days, points)
    if days <= points:
        assert width == 1
    else:
        assert width % 7 == 0
        assert -(-days // width) <= points  # bins the period reaches
        assert width == 7 or -(-days // (width - 7)) > points  # and no narrower would do


@given(
    st.dictionaries(st.integers(0, 3_000), st.floats(0, 10), max_size=300),
    st.integers(1, 30),
)
def test_each_point_is_the_mean_of_its_bin(values: dict[int, float], weeks: int) -> None:
    width = weeks * 7
    series = [(START + timedelta(days=n), v) for n, v in sorted(values.items())]
    found = bin_means(series, START, width)
    expected: dict[int, list[float]] = {}
    for n, v in sorted(values.items()):
        expected.setdefault(n // width, []).append(v)
    assert [x for x, _ in found] == [i * width + (width - 1) / 2 for i in sorted(expected)]
    for (_, mean), held in zip(found, (expected[i] for i in sorted(expected)), strict=True):
        assert abs(mean - sum(held) / len(held)) < 1e-9


def test_one_day_per_point_keeps_the_days() -> None:
    series = [(START, 3.0), (START + timedelta(days=5), 4.5)]
    assert bin_means(series, START, 1) == [(0.0, 3.0), (5.0, 4.5)]


def test_the_key_names_the_bin() -> None:
    assert [describe_bin(w) for w in (1, 7, 28)] == ["daily", "weekly", "4-week"]


@given(st.integers(1, 3_000), st.integers(1, 30), st.data())
def test_every_point_lies_within_the_period(days: int, weeks: int, data: st.DataObject) -> None:
    """The last bin is cut at the period's end: a point past it is one plotext leaves out."""
    held = data.draw(st.lists(st.integers(0, days - 1), min_size=1, max_size=50))
    series = [(START + timedelta(days=n), 5.0) for n in sorted(held)]
    found = bin_means(series, START, weeks * 7, days)
    assert len(found) == len({n // (weeks * 7) for n in held})
    for (x, _), n in zip(found, sorted({n // (weeks * 7) for n in held}), strict=True):
        first = n * weeks * 7
        assert first <= x <= min(first + weeks * 7 - 1, days - 1)
