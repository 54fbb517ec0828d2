"""Lessons: parsing and validation (file:line problems), and the lesson of the day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.core.content.fields import ContentProblem
from companion.core.content.lessons import (
    MAX_WORDS,
    Lesson,
    lesson_of_the_day,
    load_lessons,
    parse_lesson,
)
from companion.core.content.library import content_root
from companion.core.content.parse import parse_sources
from companion.core.content.yaml_lines import load_yaml

GOOD = """---
id: pacing
title: Pacing
topic: pacing
sources: [nice-ng59]
---
Start from an ordinary day and add a little each week.
"""


def parse(text: str, name: str = "03-pacing.md") -> tuple[Lesson | None, list[str]]:
    problems: list[ContentProblem] = []
    lesson = parse_lesson(text, f"lessons/{name}", problems, {"nice-ng59"})
    return lesson, [str(p) for p in problems]


def test_a_good_lesson_parses() -> None:
    lesson, problems = parse(GOOD)
    assert problems == []
    assert lesson is not None
    assert (lesson.id, lesson.number, lesson.topic, lesson.sources) == (
        "pacing", 3, "pacing", ("nice-ng59",),
    )  # fmt: skip


def test_each_problem_names_the_file_and_line() -> None:
    _, problems = parse(GOOD.replace("topic: pacing", "topic: diet"))
    assert problems and problems[0].startswith("lessons/03-pacing.md:4: topic:")
    _, problems = parse(GOOD.replace("[nice-ng59]", "[made-up]"))
    assert problems == ["lessons/03-pacing.md:5: sources: unknown source 'made-up'"]
    _, problems = parse(GOOD.replace("id: pacing", "id: other"))
    assert "must match the file name's slug 'pacing'" in problems[0]
    _, problems = parse(GOOD + "word " * MAX_WORDS)
    assert problems[0].startswith("lessons/03-pacing.md:7: ") and "under 150 words" in problems[0]
    _, problems = parse(GOOD, name="pacing.md")
    assert "07-slug.md" in problems[0]


@pytest.mark.parametrize("control", ["\x00", "\x1b", "\r", "\x7f"])
def test_control_characters_are_refused_but_tabs_and_line_breaks_are_not(control: str) -> None:
    lesson, problems = parse(GOOD.replace("a little", f"a{control}little"))
    assert lesson is None and problems == ["lessons/03-pacing.md:1: contains control characters"]
    lesson, problems = parse(GOOD.replace("a little", "a\tlittle\nmore"))
    assert lesson is not None and problems == []


@given(st.text(max_size=300))
def test_any_text_gives_a_lesson_or_problems_never_an_exception(text: str) -> None:
    lesson, problems = parse(text)
    assert (lesson is None) == bool(problems)


def test_the_shipped_lessons_are_valid() -> None:
    problems: list[ContentProblem] = []
    sources = parse_sources(load_yaml((content_root() / "sources.yaml").read_text("utf-8")), "", [])
    lessons = load_lessons(content_root() / "lessons", list(sources), problems)
    assert problems == []
    assert len(lessons) >= 30
    assert [lesson.id for lesson in lessons][:3] == ["what-sciatica-is", "movement-helps", "pacing"]


def test_the_lesson_of_the_day_is_the_first_unread_then_rotates(tmp_path: Path) -> None:
    problems: list[ContentProblem] = []
    lessons = load_lessons(
        content_root() / "lessons",
        ["nice-ng59", "nice-cks-sciatica", "cochrane-exercise"],
        problems,
    )
    day = date(2026, 11, 21)
    assert lesson_of_the_day(lessons, day, []) == lessons[0]
    assert lesson_of_the_day(lessons, day, [lessons[0].id]) == lessons[1]
    every = [lesson.id for lesson in lessons]
    shown = {
        lesson_of_the_day(lessons, day.fromordinal(day.toordinal() + n), every)
        for n in range(len(lessons))
    }
    assert len(shown) == len(lessons)
    assert lesson_of_the_day([], day, []) is None


def test_today_offers_the_lesson_and_reading_it_moves_to_the_next(
    data_dir: Path, monkeypatch, capsys
) -> None:
    from companion.__main__ import main

    monkeypatch.setenv("COMPANION_DATA_DIR", str(data_dir))
    monkeypatch.setenv("COMPANION_NOW", "2026-11-21T08:30:00+00:00")
    main(["today"])
    assert capsys.readouterr().out.splitlines()[1] == "Lesson: What sciatica is (companion lesson)"
    assert main(["lesson"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("What sciatica is\n\nSciatica is") and "Sources: nice-ng59" in out
    main(["today"])
    assert (
        capsys.readouterr().out.splitlines()[1] == "Lesson: Why movement helps (companion lesson)"
    )
    assert main(["lesson", "no-such"]) == 2
    assert "there is no lesson 'no-such'" in capsys.readouterr().err
