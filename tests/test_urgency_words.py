"""One language of urgency: each level reads the same in the wizard's results,
on the dashboard and in the report."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from companion.core.records import RedFlag, ScreeningRecord
from companion.core.report.html import render_html
from companion.core.report.model import build_report
from companion.core.screening.urgency import urgency_action, urgency_heading, urgency_line
from companion.screens.dashboard import screening_lines
from companion.screens.screening_results import ScreeningResultsScreen
from tests.scenes import screening_keys
from tests.store_helpers import present
from tests.ui import build_app

AT = datetime(2026, 11, 20, 9, tzinfo=UTC)
FLAGS = {
    "emergency": RedFlag("cauda-equina", "emergency", (("ce-bladder", "yes"),)),
    "same-day": RedFlag("cauda-equina", "same-day", (("ce-saddle-numbness", "unsure"),)),
    "prompt": RedFlag("possible-cancer", "prompt", (("weight-loss", "yes"),)),
}


def record(level: str) -> ScreeningRecord:
    return ScreeningRecord("screen-0001", AT, "2026.12-1", red_flags=(FLAGS[level],))


@pytest.mark.parametrize("level", list(FLAGS))
def test_dashboard_and_report_use_the_levels_words(level: str) -> None:
    assert any(urgency_heading(level) in line for line in screening_lines(record(level), AT))
    report = build_report(
        checkins=[],
        sessions=[],
        measures=[],
        screening=record(level),
        start=date(2026, 11, 1),
        end=date(2026, 11, 21),
        zone=UTC,
        generated_at=AT,
        daily_target=2,
    )
    page = render_html(report)
    assert urgency_line(level) in page
    if level == "same-day":
        assert "saddle numbness: unsure" in page


def test_the_three_actions_are_distinct() -> None:
    actions = {urgency_action(level) for level in FLAGS}
    assert actions == {
        "go to an emergency department now",
        "get checked today",
        "see a doctor within days",
    }


async def test_unsure_on_a_cauda_equina_sign_reads_same_day_in_the_results(data_dir, clock):
    app = build_app(data_dir, clock, initial="screening")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*screening_keys(unsure=("ce-saddle-numbness",)))
        await pilot.pause()
        results = app.screen
        assert isinstance(results, ScreeningResultsScreen)
        words = " ".join(str(w.render()) for w in results.query("Static"))
        assert urgency_heading("same-day") in words
        assert "within days" not in words.split(urgency_heading("same-day"))[1][:200]
        saved = present(app.store.screenings.latest())
        assert saved.red_flags[0].urgency == "same-day"
        assert ("ce-saddle-numbness", "unsure") in saved.red_flags[0].raised_by
        assert set(saved.verdicts.values()) == {"avoid"}


@pytest.mark.parametrize("level", list(FLAGS))
async def test_the_wizards_introduction_uses_the_levels_words(data_dir, clock, level):
    app = build_app(data_dir, clock)
    app.store.screenings.add(record(level))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        words = str(app.screen.query_one("#intro-last").render())
        assert urgency_heading(level) in " ".join(words.split())
