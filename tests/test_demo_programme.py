"""The demo data fills every programme screen: medicines with doses, finished
flares, a walking plan that holds and steps back, goals scored weekly, lessons read."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from companion.core.clock import FakeClock
from companion.core.content.library import content_root
from companion.core.demo import demo_records
from companion.core.demo_programme import demo_settings
from companion.core.programme.flares import summarise
from companion.core.programme.goals import goal_changes, parse_activities
from companion.core.programme.walking import walking_plan
from companion.core.records import BODY_AREAS
from companion.core.settings import Settings

NOW = datetime(2026, 11, 21, 8, 30, tzinfo=UTC)


def test_the_same_clock_gives_the_same_demo() -> None:
    first, second = demo_records(FakeClock(current=NOW)), demo_records(FakeClock(current=NOW))
    assert first == second
    later = demo_records(FakeClock(current=NOW + timedelta(days=3)))
    assert later["flares"][0].started_at == first["flares"][0].started_at + timedelta(days=3)


def test_every_programme_part_has_real_looking_data() -> None:
    records = demo_records(FakeClock(current=NOW))
    names = {m.id: m.name for m in records["medicines"]}
    assert sorted(names.values()) == ["ibuprofen", "paracetamol"]
    taken = Counter(names[d.medicine] for d in records["doses"])
    assert taken["ibuprofen"] > 10 and taken["paracetamol"] > 10
    assert all(d.at <= NOW for d in records["doses"])

    flares = records["flares"]
    assert len(flares) == 2 and all(f.ended_at is not None and f.ended_at <= NOW for f in flares)
    summary = summarise(flares, NOW)
    assert summary.lengths == (9, 4) and summary.days_between[0] > 30

    changes = [week.change for week in walking_plan(records["walks"], flares, NOW).weeks]
    assert changes[0] == "baseline" and changes[1] == "step up"
    assert "hold (flare)" in changes and "step back (after a flare)" in changes
    assert all(w.at <= NOW for w in records["walks"])

    goals = goal_changes(records["goals"])
    assert len(goals) == 3 and any(change.meaningful for change in goals)


def test_the_demo_areas_are_the_ones_the_drawing_offers() -> None:
    records = demo_records(FakeClock(current=NOW))
    marked = {label for entry in records["checkins"] for label in entry.where}
    for label in marked:
        area = label if label == "lower back" else label.partition(" ")[2]
        assert area in BODY_AREAS, label


def test_the_demo_settings_are_valid_and_name_real_lessons() -> None:
    settings = Settings().updated(**demo_settings())
    assert len(parse_activities(settings.goals.splitlines())) == 3
    assert settings.flare_plan.count("\n") >= 3
    lesson_ids = {
        line.removeprefix("id:").strip()
        for path in (content_root() / "lessons").glob("*.md")
        for line in path.read_text(encoding="utf-8").splitlines()[:5]
        if line.startswith("id:")
    }
    assert set(settings.lessons_read.split(",")) <= lesson_ids
