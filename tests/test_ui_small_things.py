"""Pilot tests of the small things a week of daily use found: words that say
what is true, keys that do what the screen says."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from companion.screens.article import ArticleScreen
from companion.screens.dashboard import today_text
from companion.screens.inversion_guide import InversionGuide
from companion.screens.screening import ScreeningScreen
from companion.screens.timer_run import TimerRunScreen
from tests.store_helpers import present
from tests.ui import build_app, current_screen, notifications


@pytest.fixture(autouse=True)
def manual_ticks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(TimerRunScreen, "auto_tick", False)


def footer_labels(app) -> set[str]:
    return {b.binding.description for b in app.screen.active_bindings.values() if b.enabled}


def test_the_stretch_goal_reads_as_a_sentence():
    assert "0 of 2 done today, 2 to go" in today_text([], [], 2)
    assert "(to go)" not in today_text([], [], 2)


async def test_the_footer_says_continue_while_paused(data_dir, clock):
    app = build_app(data_dir, clock, initial="timers")
    app.routine = "sciatica-basics"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Pause" in footer_labels(app) and "Continue" not in footer_labels(app)
        await pilot.press("space")
        assert present(current_screen(app, TimerRunScreen).timer).state == "paused"
        assert "Continue" in footer_labels(app) and "Pause" not in footer_labels(app)
        await pilot.press("space")
        assert present(current_screen(app, TimerRunScreen).timer).state == "running"


async def test_t_on_an_article_without_a_routine_stays_and_says_so(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.library.article("massage").routine is None
        app.push_screen(ArticleScreen("massage"))
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        assert any("no routine" in n.message for n in notifications(app))


async def test_inversion_without_a_screening_says_so_and_s_opens_it(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.start_routine("inversion-session")
        await pilot.pause()
        assert not isinstance(app.screen, InversionGuide)
        assert any(note.title == "Screening needed" for note in notifications(app))
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, ScreeningScreen)


async def test_a_copied_link_does_not_claim_the_clipboard_got_it(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_url("https://example.org/guideline")
        await pilot.pause()
        (notice,) = notifications(app)
        assert "Link copied" not in notice.title
        assert "if it accepts that" in notice.message


async def test_a_check_in_from_a_running_timer_leaves_it_running(data_dir, clock):
    app = build_app(data_dir, clock, initial="timers")
    app.routine = "sciatica-basics"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timer_screen = current_screen(app, TimerRunScreen)
        await pilot.press("c", "5", "enter")
        await pilot.pause()
        assert app.screen is timer_screen
        assert present(timer_screen.timer).state == "running"
        assert present(app.store.checkins.latest()).pain == 5
        assert app.store.sessions.latest() is None  # not stopped, so nothing logged yet


async def _stop_and_read_the_way_back(app, pilot) -> str:
    """Stop the running routine, skip the pain question; the words enter then offers."""
    await pilot.press("escape", "y")
    await pilot.pause()
    await pilot.press("enter")  # the pain question after the routine: no answer
    await pilot.pause()
    assert isinstance(app.screen, TimerRunScreen)
    return str(app.screen.query_one("#run-status").render())


async def test_enter_after_a_routine_goes_back_where_it_says(data_dir, clock):
    from companion.screens.timers import TimersScreen

    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(ArticleScreen("stretching"))
        await pilot.pause()
        await pilot.press("t", "enter")  # the routine, after the pain-before question
        await pilot.pause()
        assert "back to the article" in await _stop_and_read_the_way_back(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
    app = build_app(data_dir, clock, initial="timers")
    app.routine = "sciatica-basics"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "back to the routines" in await _stop_and_read_the_way_back(app, pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TimersScreen)


async def test_the_inversion_length_is_given_one_way(data_dir, clock):
    """The routine list no longer promises a fixed head-down time the guide then changes."""
    from companion.screens.timers import TimersScreen

    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TimersScreen)
        row = [routine.id for routine in app.screen.routines].index("inversion-session")
        app.screen.query_one("#routine-table", DataTable).move_cursor(row=row)
        await pilot.pause()
        detail = str(app.screen.query_one("#routine-detail").render())
        assert "90 seconds" not in detail
        assert "the guide before each session gives today's minutes" in detail
