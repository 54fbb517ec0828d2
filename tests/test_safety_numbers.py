"""Honest numbers: the Farrar change call needs 2 points, or 30% and at least
1 point; worsening says the threshold comes from studies of improvement."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from companion.core.insights.trends import change_call

START = date(2026, 11, 1)
END = START + timedelta(days=20)


def days(first: float, last: float) -> list[tuple[date, float]]:
    """Three weeks of daily means: ``first`` in week one, ``last`` in the final week."""
    values = []
    for offset in range(21):
        value = first if offset < 7 else last if offset >= 14 else (first + last) / 2
        values.append((START + timedelta(days=offset), value))
    return values


@pytest.mark.parametrize(
    ("first", "last", "verdict"),
    [
        (0.5, 0.7, "no important change"),  # 40% of a fraction of a point
        (2.0, 1.4, "no important change"),  # 30%, but under 1 point
        (3.0, 2.0, "improving"),  # 33% and 1 point
        (8.0, 6.0, "improving"),  # 2 points
        (2.0, 3.0, "worsening"),  # 50% and 1 point
    ],
)
def test_change_call_needs_two_points_or_thirty_percent_and_one_point(first, last, verdict):
    assert change_call(days(first, last), START, END).verdict == verdict


def test_worsening_says_farrar_studied_improvement():
    words = change_call(days(2.0, 4.0), START, END).describe()
    assert "studies of improvement" in words


def test_inversion_sessions_are_reported_apart_from_stretches():
    from datetime import UTC, datetime

    from companion.core.records import StretchSession
    from companion.core.report.html import render_html
    from companion.core.report.model import build_report

    at = datetime(2026, 11, 20, 9, tzinfo=UTC)

    def session(number: int, routine: str, completed: int) -> StretchSession:
        start = at + timedelta(hours=number)
        return StretchSession(
            f"sess-00000{number}", routine, start, start + timedelta(minutes=5), completed, 4
        )

    report = build_report(
        checkins=[],
        sessions=[
            session(1, "sciatica-basics", 4),
            session(2, "inversion-session", 4),
            session(3, "inversion-session", 0),  # skipped through: never done
        ],
        measures=[],
        screening=None,
        start=date(2026, 11, 1),
        end=date(2026, 11, 21),
        zone=UTC,
        generated_at=at,
        daily_target=2,
        routine_therapy={"sciatica-basics": "stretching", "inversion-session": "inversion"},
    )
    assert (report.sessions_done, report.sessions_stopped) == (1, 0)
    assert (report.inversion_done, report.inversion_stopped) == (1, 1)
    page = render_html(report)
    assert "<h2>Inversion sessions</h2>" in page
