"""Daily summaries add up exactly: parts of a history give the whole history's numbers."""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.insights.daily import merge_days, summarise
from companion.core.insights.helps import Association
from companion.core.insights.trends import daily_points, rolling_mean, series
from companion.core.records import DESCRIPTORS, CheckIn, StretchSession
from companion.core.report.model import ClinicianReport, build_report, report_from_days
from tests.store_helpers import checkin, session, summary_fields

START = datetime(2025, 12, 20, tzinfo=UTC)
END = date(2026, 3, 10)

zones = st.sampled_from([UTC, timezone(timedelta(hours=-11)), timezone(timedelta(hours=13))])
labels = st.lists(st.sampled_from(["Sitting", "sitting", "lifting", "ibuprofen"]), max_size=2)
areas = st.lists(st.sampled_from(["left buttock", "left calf", "lower back"]), max_size=3)


@st.composite
def checkins(draw: st.DrawFn) -> CheckIn:
    at = START + timedelta(minutes=draw(st.integers(0, 80 * 24 * 60)))
    return checkin(
        at,
        draw(st.integers(0, 10)),
        leg=draw(st.none() | st.integers(0, 10)),
        back=draw(st.none() | st.integers(0, 10)),
        triggers=tuple(draw(labels)),
        medication=tuple(draw(labels)),
        where=tuple(draw(areas)),
        note=draw(st.sampled_from(["", " ", "worse after driving"])),
        for_clinician=draw(st.booleans()),
        deleted_at=draw(st.sampled_from([None, START])),
        descriptors=tuple(w for w in DESCRIPTORS if draw(st.booleans())),
        sleep_interference=draw(st.none() | st.integers(0, 10)),
        sitting_minutes=draw(st.none() | st.integers(0, 24 * 60)),
    )


@st.composite
def sessions(draw: st.DrawFn) -> StretchSession:
    started = START + timedelta(minutes=draw(st.integers(0, 80 * 24 * 60)))
    return session(
        started,
        routine=draw(st.sampled_from(["basics", "hang", "desk"])),
        completed_steps=draw(st.integers(0, 12)),
        aborted=draw(st.booleans()),
        deleted_at=draw(st.sampled_from([None, None, START])),
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(checkins(), max_size=40),
    st.lists(sessions(), max_size=20),
    zones,
    st.integers(1, 5),
    st.integers(0, 60),
    st.integers(0, 3),
)
def test_summaries_of_parts_give_the_whole_report(
    entries: list[CheckIn],
    done: list[StretchSession],
    zone: timezone,
    parts: int,
    start_back: int,
    target: int,
) -> None:
    whole = summarise(entries, done, zone)
    pieces = [summarise(entries[i::parts], done[i::parts], zone) for i in range(parts)]
    merged = merge_days(pieces)
    assert summary_fields(merged) == summary_fields(whole)
    by_month = merge_days(  # as the store keeps them: one part per UTC month file
        summarise(
            [c for c in entries if f"{c.at:%Y-%m}" == month],
            [s for s in done if f"{s.started_at:%Y-%m}" == month],
            zone,
        )
        for month in {f"{c.at:%Y-%m}" for c in entries} | {f"{s.started_at:%Y-%m}" for s in done}
    )
    assert summary_fields(by_month) == summary_fields(whole)
    start = END - timedelta(days=start_back + 20)
    common: dict[str, Any] = {
        "measures": (),
        "screening": None,
        "start": start,
        "end": END,
        "zone": zone,
        "generated_at": START,
        "daily_target": target,
        "routine_names": {"basics": "Basics"},
        "routine_therapy": {"hang": "inversion", "desk": "stretching"},
    }
    report = report_from_days(merged, **common)
    assert report == build_report(checkins=entries, sessions=done, **common)
    assert report_from_days(by_month, **common) == report
    _assert_as_from_entries(report, entries, done, zone, target)


def _assert_as_from_entries(
    report: ClinicianReport,
    checkins: list[CheckIn],
    sessions: list[StretchSession],
    zone: tzinfo,
    target: int,
) -> None:
    """The report's numbers worked out here straight from the entries, without summaries."""

    def inside(when: datetime) -> bool:
        return report.start <= when.astimezone(zone).date() <= report.end

    entries = [c for c in checkins if c.deleted_at is None and inside(c.at)]
    done = [s for s in sessions if s.deleted_at is None and inside(s.started_at)]
    points = daily_points(entries, zone)
    assert report.points == tuple(points)
    assert report.rolling_pain == tuple(rolling_mean(series(points, "pain")))
    assert report.checkin_count == len(entries)
    pains = [c.pain for c in entries]
    assert report.mean_pain == (sum(pains) / len(pains) if pains else None)
    legs = [c.leg for c in entries if c.leg is not None]
    assert (report.leg_count, report.mean_leg) == (
        len(legs),
        sum(legs) / len(legs) if legs else None,
    )
    stretches = [s for s in done if s.routine != "hang"]
    inverted = [s for s in done if s.routine == "hang"]
    finished = [s for s in stretches if s.counts]
    assert report.sessions_done == len(finished)
    assert report.sessions_stopped == len(stretches) - len(finished)
    assert report.inversion_done == sum(s.counts for s in inverted)
    assert report.inversion_stopped == sum(not s.counts for s in inverted)
    per_day: dict[date, int] = defaultdict(int)
    for s in finished:
        per_day[s.started_at.astimezone(zone).date()] += 1
    assert report.days_target_met == sum(n >= target for n in per_day.values())
    first = min(
        [c.at.astimezone(zone).date() for c in entries]
        + [s.started_at.astimezone(zone).date() for s in done],
        default=report.start,
    )
    assert report.tracked_days == (report.end - first).days + 1
    # Entries at the same instant are put in id order.
    ordered = sorted(entries, key=lambda c: (c.at, c.id))
    assert report.notes == tuple(c for c in ordered if c.for_clinician and c.note.strip())
    qualities = report.qualities
    assert qualities is not None
    assert qualities.checkins == len(entries)
    assert dict(qualities.descriptors) == {
        w: n for w in DESCRIPTORS if (n := sum(w in c.descriptors for c in entries))
    }
    sleep = [c.sleep_interference for c in entries if c.sleep_interference is not None]
    assert qualities.sleep_count == len(sleep)
    assert qualities.mean_sleep == (sum(sleep) / len(sleep) if sleep else None)
    assert qualities.sitting == tuple(
        c.sitting_minutes for c in ordered if c.sitting_minutes is not None
    )
    _assert_helps(report.helps, entries, done, zone)


def _assert_helps(
    helps: tuple[Association, ...],
    entries: list[CheckIn],
    done: list[StretchSession],
    zone: tzinfo,
) -> None:
    """'What seems to help' worked out from the entries (routines and triggers, 3 days a side)."""
    pain: dict[date, list[int]] = defaultdict(list)
    present: dict[tuple[str, str], set[date]] = defaultdict(set)
    for c in entries:
        day = c.at.astimezone(zone).date()
        pain[day].append(c.pain)
        for label in c.triggers:
            present["trigger", label.casefold()].add(day)
        for label in c.medication:
            present["medication", label.casefold()].add(day)
    mean = {day: sum(v) / len(v) for day, v in pain.items()}
    routines: dict[tuple[str, str], set[date]] = defaultdict(set)
    for s in done:
        day = s.started_at.astimezone(zone).date()
        if s.counts and day in mean:
            routines["routine", s.routine].add(day)
    present.update(routines)
    for routine, therapy in (("hang", "inversion"), ("desk", "stretching")):
        days = routines.get(("routine", routine), set())
        if days and days not in routines.values():
            present["therapy", therapy] = days
    expected = {}
    for (kind, key), with_days in present.items():
        without = mean.keys() - with_days
        if len(with_days) >= 3 and len(without) >= 3:
            expected[kind, key] = (
                len(with_days),
                len(without),
                sum(mean[d] for d in with_days) / len(with_days),
                sum(mean[d] for d in without) / len(without),
            )
    found = {(a.factor.kind, a.factor.key): a for a in helps}
    assert found.keys() == expected.keys()
    for factor, (n_with, n_without, with_mean, without_mean) in expected.items():
        a = found[factor]
        assert (a.days_with, a.days_without) == (n_with, n_without)
        assert math.isclose(a.mean_with, with_mean) and math.isclose(a.mean_without, without_mean)


def test_a_day_sums_its_entries() -> None:
    at = datetime(2026, 1, 31, 23, 30, tzinfo=UTC)
    one = checkin(at, 3, leg=4, triggers=("Sitting",), where=("left calf",))
    two = checkin(at + timedelta(hours=1), 7, back=2, triggers=("sitting",))
    gone = checkin(at, 10, deleted_at=at)
    days = summarise([one, two, gone], [session(at, routine="basics")], UTC)
    assert sorted(days) == [date(2026, 1, 31), date(2026, 2, 1)]
    first = days[date(2026, 1, 31)]
    assert (first.checkins, first.pain_sum, first.pain_min, first.pain_max) == (1, 3, 3, 3)
    assert (first.leg_sum, first.leg_count, first.back_count) == (4, 1, 0)
    assert first.triggers == {"sitting"}
    assert first.areas == {"left calf": 1}
    assert first.sessions == {"basics": [1, 0]}
    late = summarise([one, two], [], timezone(timedelta(hours=2)))
    assert list(late) == [date(2026, 2, 1)]
    assert late[date(2026, 2, 1)].pain_sum == 10
