"""The urgency heading of the last screening shows at the top of every screen
that offers a therapy (library, article, timers, and the dialogs before a
timer), in the same words as the dashboard and the results."""

from __future__ import annotations

import pytest

from companion.core.records import THERAPIES, RedFlag, ScreeningRecord
from companion.core.screening.urgency import urgency_heading
from companion.screens.article import ArticleScreen
from companion.screens.dashboard import screening_lines
from companion.screens.inversion_guide import InversionGuide
from companion.screens.library import LibraryScreen
from companion.screens.override import OverrideScreen
from companion.screens.timers import TimersScreen
from companion.widgets.today_card import STRETCHING_ON_HOLD
from companion.widgets.urgency_banner import UrgencyBanner
from tests.ui import build_app, current_screen, rendered_text

FLAGS = {
    "emergency": RedFlag("cauda-equina", "emergency", (("ce-bladder", "yes"),)),
    "same-day": RedFlag("cauda-equina", "same-day", (("ce-saddle-numbness", "unsure"),)),
    "prompt": RedFlag("possible-cancer", "prompt", (("weight-loss", "yes"),)),
}


def flagged(level: str, clock, verdicts: dict[str, str] | None = None) -> ScreeningRecord:
    return ScreeningRecord(
        "screen-0001",
        clock.now(),
        "1",
        verdicts=verdicts or dict.fromkeys(THERAPIES, "avoid"),
        red_flags=(FLAGS[level],),
    )


def banner(screen) -> str:
    """The heading the screen's banner shows ("" when it is hidden)."""
    widget = screen.query_one(UrgencyBanner)
    return str(widget.render()) if widget.display else ""


def dashboard_heading(record: ScreeningRecord) -> str:
    """The dashboard's line for the same screening, without its markup."""
    line = next(line for line in screening_lines(record, record.at) if "warning sign" in line)
    return line.removeprefix("[b reverse]").removesuffix("[/]")


@pytest.mark.parametrize("level", list(FLAGS))
async def test_library_article_and_timers_head_with_the_dashboards_words(data_dir, clock, level):
    record = flagged(level, clock)
    app = build_app(data_dir, clock, initial="library")
    app.store.screenings.add(record)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        current_screen(app, LibraryScreen)
        heading = banner(app.screen)
        assert heading == dashboard_heading(record)
        assert heading.startswith(urgency_heading(level))
        await pilot.press("enter")
        await pilot.pause()
        current_screen(app, ArticleScreen)
        assert banner(app.screen) == heading
        await pilot.press("t")  # the article's routine: avoid asks for the override
        await pilot.pause()
        if isinstance(app.screen, OverrideScreen):
            assert banner(app.screen) == heading
        await pilot.press("escape", "escape", "t")
        await pilot.pause()
        current_screen(app, TimersScreen)
        assert banner(app.screen) == heading


async def test_no_flag_no_heading(data_dir, clock):
    app = build_app(data_dir, clock, initial="timers")
    app.store.screenings.add(
        ScreeningRecord("screen-0001", clock.now(), "1", verdicts=dict.fromkeys(THERAPIES, "ok"))
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TimersScreen)
        assert banner(app.screen) == ""
        await pilot.press("l")
        await pilot.pause()
        assert banner(app.screen) == ""


async def test_the_timers_heading_follows_a_new_screening(data_dir, clock):
    app = build_app(data_dir, clock, initial="timers")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert banner(app.screen) == ""
        app.store.screenings.add(flagged("prompt", clock))
        await pilot.press("d", "t")
        await pilot.pause()
        assert isinstance(app.screen, TimersScreen)
        assert banner(app.screen).startswith(urgency_heading("prompt"))


async def test_the_inversion_guide_and_the_override_head_with_the_level(data_dir, clock):
    app = build_app(data_dir, clock, initial="timers")
    app.store.screenings.add(
        flagged("prompt", clock, {"inversion": "caution", "stretching": "avoid"})
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.start_routine("inversion-session")
        await pilot.pause()
        assert banner(current_screen(app, InversionGuide)).startswith(urgency_heading("prompt"))
        await pilot.press("escape")
        app.start_routine("sciatica-basics")
        await pilot.pause()
        assert banner(current_screen(app, OverrideScreen)).startswith(urgency_heading("prompt"))


@pytest.mark.parametrize("initial", ["dashboard", "timers"])
async def test_the_stretch_goal_is_on_hold_while_stretching_is_to_be_avoided(
    data_dir, clock, initial
):
    """After an emergency answer every routine is AVOID: the goal no longer says how
    many sessions are still "to go", nor offers the next routine."""
    app = build_app(data_dir, clock, initial=initial)
    app.store.screenings.add(flagged("emergency", clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = rendered_text(
            app.screen.query_one("#today" if initial == "dashboard" else "#timers-today")
        )
        assert STRETCHING_ON_HOLD in shown
        assert "to go" not in shown and "Next routine" not in shown


async def test_the_stretch_goal_is_pressed_when_stretching_is_fine(data_dir, clock):
    app = build_app(data_dir, clock, initial="timers")
    app.store.screenings.add(flagged("prompt", clock, dict.fromkeys(THERAPIES, "ok")))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = rendered_text(app.screen.query_one("#timers-today"))
        assert "2 to go" in shown and STRETCHING_ON_HOLD not in shown
