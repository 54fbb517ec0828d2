"""'What seems to help' with answers worked out by hand, and the 3-day rule."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.insights.daily import DaySummary
from companion.core.insights.helps import CAVEAT, Factor, associations, associations_from_days
from tests.store_helpers import checkin, session


def at(day: int, hour: int = 9) -> datetime:
    return datetime.combine(datetime(2026, 11, day).date(), time(hour), UTC)


def diary():
    """Eight days. Stretching on days 1–4 (pain 3); none on days 5–8 (pain 6).

    Day 1 has two check-ins (2 and 4: mean 3). Driving on days 5–7, sitting
    on days 5–6 only, ibuprofen every day.
    """
    checkins = [checkin(at(1, 8), 2, medication=("ibuprofen",)), checkin(at(1, 20), 4)]
    for day in (2, 3, 4):
        checkins.append(checkin(at(day), 3, medication=("ibuprofen",)))
    for day in (5, 6, 7, 8):
        triggers: tuple[str, ...] = ("Driving",) if day <= 7 else ()
        triggers += ("sitting",) if day <= 6 else ()
        checkins.append(checkin(at(day), 6, triggers=triggers, medication=("ibuprofen",)))
    sessions = [session(at(day, 7)) for day in (1, 2, 3, 4)]
    sessions.append(session(at(8, 7), aborted=True, completed_steps=4))  # does not count
    sessions.append(session(at(9, 7)))  # no check-in that day: not compared
    return checkins, sessions


def test_with_and_without_means_by_hand() -> None:
    checkins, sessions = diary()
    found = associations(checkins, sessions, UTC, routine_names={"sciatica-basics": "Basics"})
    rows = [(a.factor, a.days_with, a.days_without, a.mean_with, a.mean_without) for a in found]
    assert rows == [
        # days 1-4 at 3.0 against days 5-8 at 6.0
        (Factor("routine", "sciatica-basics", "Basics"), 4, 4, 3.0, 6.0),
        # days 5-7 at 6.0 against days 1-4 (3.0) and 8 (6.0): 18 / 5 = 3.6
        (Factor("trigger", "driving", "driving"), 3, 5, 6.0, 3.6),
    ]
    assert found[0].difference == -3.0
    assert found[0].describe() == "3.0 with, 6.0 without (4 and 4 days)"


def test_three_days_each_side_or_nothing() -> None:
    checkins, sessions = diary()
    labels = {a.factor.key for a in associations(checkins, sessions, UTC)}
    assert "sitting" not in labels  # 2 days with
    assert "ibuprofen" not in labels  # no day without: a day counts if any entry lists it
    assert associations(checkins, sessions, UTC, min_days=5) == []


def test_a_therapy_is_listed_when_it_is_more_than_one_routine() -> None:
    checkins, _ = diary()
    sessions = [session(at(day, 7)) for day in (1, 2)]
    sessions += [session(at(day, 7), routine="hip-openers") for day in (3, 4)]
    therapy = {"sciatica-basics": "stretching", "hip-openers": "stretching"}
    found = associations(checkins, sessions, UTC, routine_therapy=therapy)
    assert [(a.factor.kind, a.factor.key, a.days_with) for a in found][0] == (
        "therapy",
        "stretching",
        4,
    )
    assert not any(a.factor.kind == "routine" for a in found)  # 2 days each


def test_a_therapy_with_one_routine_is_not_listed_twice() -> None:
    checkins, sessions = diary()
    found = associations(checkins, sessions, UTC, routine_therapy={"sciatica-basics": "stretching"})
    assert [a.factor.kind for a in found] == ["routine", "trigger"]


def test_the_caveat_says_association_not_proof() -> None:
    assert "not proof" in CAVEAT and "clinician" in CAVEAT


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.integers(0, 10), min_size=1, max_size=4),
            st.sets(st.sampled_from(["driving", "sitting", "lifting"])),
        ),
        min_size=6,
        max_size=40,
    )
)
def test_means_are_exact_whatever_the_days(days: list[tuple[list[int], set[str]]]) -> None:
    """Each mean is the exactly rounded mean of the daily means on its side, the same
    value however it is summed (the days without are every day less the days with)."""
    summaries: dict[date, DaySummary] = {}
    for offset, (scores, triggers) in enumerate(days):
        summary = DaySummary(checkins=len(scores), pain_sum=sum(scores))
        summary.triggers.update(triggers)
        summaries[date(2026, 1, 1) + timedelta(days=offset)] = summary
    for found in associations_from_days(summaries):
        label = found.factor.key
        means = {d: s.pain_sum / s.checkins for d, s in summaries.items()}
        with_days = [m for d, m in means.items() if label in summaries[d].triggers]
        without = [m for d, m in means.items() if label not in summaries[d].triggers]
        assert found.mean_with == math.fsum(with_days) / len(with_days)
        assert found.mean_without == math.fsum(without) / len(without)
