"""Flares and the walking plan: the rules, with the clock passed in."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from companion.core.errors import InvalidInputError
from companion.core.programme.flares import (
    Flare,
    active_flare,
    ask_if_over,
    day_of_flare,
    flare_plan_items,
    summarise,
)
from companion.core.programme.walking import Walk, walking_plan
from tests.store_helpers import checkin


def at(day: int, month: int = 11, hour: int = 9) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


def walks(first: date, days: int, minutes: int) -> list[Walk]:
    return [
        Walk(
            f"walk-{first.toordinal() + n:08d}",
            datetime.combine(first + timedelta(days=n), datetime.min.time(), UTC)
            + timedelta(hours=10),
            minutes,
        )
        for n in range(days)
    ]


def test_a_flare_counts_days_from_one_and_only_the_person_ends_it() -> None:
    flare = Flare("flare-000001", at(18), 8)
    assert day_of_flare(flare, at(18, hour=23)) == 1 and day_of_flare(flare, at(21)) == 4
    assert active_flare([flare]) == flare
    ended = flare.ended(at(25))
    assert active_flare([ended]) is None
    with pytest.raises(InvalidInputError, match="before the flare started"):
        flare.ended(at(17))


def test_the_app_asks_after_three_calmer_days_and_not_before() -> None:
    flare = Flare("flare-000001", at(14), 8)
    calm = [checkin(at(d), 5) for d in (18, 19, 20)]
    assert ask_if_over(flare, calm, at(21))
    assert not ask_if_over(flare, [*calm, checkin(at(19, hour=20), 7)], at(21))  # one bad spell
    assert not ask_if_over(flare, calm[1:], at(21))  # a day without a check-in: no guess
    assert not ask_if_over(flare.ended(at(20)), calm, at(21))


def test_flare_lengths_and_days_between_them() -> None:
    first = Flare("flare-000001", at(1), 7, ended_at=at(4))
    second = Flare("flare-000002", at(14), 8)
    summary = summarise([second, first], at(21))
    assert summary.flares == (first, second)
    assert summary.lengths == (4, 8) and summary.days_between == (10,)


def test_the_plan_is_the_persons_own_or_marked_suggestions() -> None:
    assert flare_plan_items("walk 5 min\n\n heat pad ", ["x"], ["y"]) == ["walk 5 min", "heat pad"]
    assert flare_plan_items("", ["sciatica basics"], ["keep moving"]) == [
        "sciatica basics (suggested)",
        "keep moving (suggested)",
    ]


def test_the_walking_plan_steps_up_weekly_from_the_first_weeks_baseline() -> None:
    logged = walks(date(2026, 11, 2), 7, 20)  # Monday 2 November: 20 minutes a day
    plan = walking_plan(logged, [], at(5))
    assert plan.baseline is None and plan.today_target is None
    assert "first week" in plan.describe_today()
    plan = walking_plan(logged, [], at(24))
    assert plan.baseline == 20 and plan.step == 2
    assert [(w.target, w.change) for w in plan.weeks] == [
        (0, "baseline"),
        (22, "step up"),
        (24, "step up"),
        (26, "step up"),
    ]
    assert plan.describe_today() == "Walking: 26 min today"


def test_a_flare_holds_the_plan_and_it_steps_back_after_one() -> None:
    logged = walks(date(2026, 11, 2), 7, 20)
    flare = Flare("flare-000001", at(18), 8, ended_at=at(25))
    plan = walking_plan(logged, [flare], at(8, month=12))
    assert [(w.target, w.change) for w in plan.weeks[1:]] == [
        (22, "step up"),
        (24, "step up"),
        (24, "hold (flare)"),
        (22, "step back (after a flare)"),
        (24, "step up"),
    ]
    open_flare = Flare("flare-000002", at(18), 8)
    assert walking_plan(logged, [open_flare], at(24)).describe_today() == (
        "Walking: 24 min today (held: flare)"
    )


def test_records_round_trip_and_bad_values_are_named() -> None:
    flare = Flare("flare-000001", at(1), 7, ended_at=at(4))
    assert Flare.from_dict(flare.to_dict()) == flare
    with pytest.raises(InvalidInputError, match="ended_at: is before started_at"):
        Flare.from_dict({**flare.to_dict(), "ended_at": at(1, hour=1).isoformat()})
    walk = Walk("walk-000001", at(1), 30)
    assert Walk.from_dict(walk.to_dict()) == walk
    with pytest.raises(InvalidInputError, match="minutes"):
        Walk.from_dict({**walk.to_dict(), "minutes": 0})


def test_walked_days_are_compared_in_what_seems_to_help() -> None:
    from companion.core.insights.helps import associations

    checkins = [checkin(at(d), 3 if d % 2 else 6) for d in range(1, 11)]
    walked = [at(d).date() for d in range(1, 11) if d % 2]
    found = associations(checkins, [], UTC, walked_days=walked)
    assert [(a.factor.label, a.mean_with, a.mean_without) for a in found] == [
        ("walked (walking plan)", 3.0, 6.0)
    ]


def test_flare_days_are_clipped_to_the_period_and_counted_once() -> None:
    from companion.core.programme.flares import flare_days

    ended = Flare("flare-000001", at(3), 8, ended_at=at(6, hour=20))
    overlapping = Flare("flare-000002", at(5), 7, ended_at=at(7))
    still_on = Flare("flare-000003", at(19), 9)
    days = flare_days([ended, overlapping, still_on], date(2026, 11, 4), date(2026, 11, 30), at(21))
    assert days == [date(2026, 11, d) for d in (4, 5, 6, 7, 19, 20, 21)]
    assert flare_days([ended], date(2026, 11, 10), date(2026, 11, 30), at(21)) == []
