"""Where it hurts, in words: counts and the pattern, never a diagnosis."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from companion.core.insights.body_map import describe_areas, marked_counts
from tests.store_helpers import checkin

NOW = datetime(2026, 11, 21, 8, 30, tzinfo=UTC)


def test_the_most_marked_areas_are_named_with_the_pattern_down_the_leg() -> None:
    entries = [
        checkin(
            NOW - timedelta(hours=n), where=("left buttock", "left calf", "left foot")[: 1 + n % 3]
        )
        for n in range(9)
    ]
    assert marked_counts(entries)["left buttock"] == 9
    assert describe_areas(entries) == (
        "Marked most: left buttock (9), left calf (6), left foot (3). "
        "From the buttock to the calf and the foot, on the left."
    )


def test_nothing_marked_says_nothing_and_one_area_gives_no_pattern() -> None:
    assert describe_areas([checkin(NOW)]) is None
    assert describe_areas([checkin(NOW, where=("lower back",))]) == "Marked most: lower back (1)."


@given(
    st.lists(
        st.lists(st.sampled_from(["left calf", "right shin", "lower back", "neck"]), max_size=4),
        max_size=8,
    )
)
def test_any_marks_give_words_without_a_diagnosis(marks: list[list[str]]) -> None:
    entries = [checkin(NOW, where=tuple(dict.fromkeys(m))) for m in marks]
    text = describe_areas(entries) or ""
    for word in ("sciatica", "disc", "diagnos", "syndrome"):
        assert word not in text.lower()


def test_the_report_section_says_where_it_hurt_in_the_period() -> None:
    from companion.core.report.programme import build_programme, programme_html

    entries = [
        checkin(NOW - timedelta(days=n), where=("left buttock", "left calf")) for n in range(3)
    ]
    entries.append(checkin(NOW - timedelta(days=40), where=("right shin",)))  # before the period
    section = build_programme(
        checkins=entries, medicines=[], doses=[], flares=[], walks=[], goals=[],
        start=(NOW - timedelta(days=29)).date(), end=NOW.date(), now=NOW,
    )  # fmt: skip
    assert section.areas == (
        "Marked most: left buttock (3), left calf (3). From the buttock to the calf, on the left."
    )
    assert "<h2>Where it hurts</h2>" in programme_html(section)
