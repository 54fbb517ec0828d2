"""A check-in made from a running timer: the timer keeps its time (the engine
reads the injected clock) and the session is logged as usual."""

from __future__ import annotations

import pytest
from textual.widgets import Digits

from companion.screens.checkin import CheckinScreen
from companion.screens.pain_question import PainQuestion
from companion.screens.timer_run import TimerRunScreen
from tests.store_helpers import present
from tests.ui import build_app, current_screen


@pytest.fixture(autouse=True)
def manual_ticks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests tick the timer themselves."""
    monkeypatch.setattr(TimerRunScreen, "auto_tick", False)


def run_for(screen: TimerRunScreen, clock, seconds: float) -> None:
    """Let ``seconds`` pass, ticking every second as the screen's timer would."""
    for _ in range(int(seconds)):
        clock.advance(1)
        screen.tick()


async def test_c_checks_in_while_a_hold_keeps_counting(data_dir, clock):
    app = build_app(data_dir, clock, initial="timers")
    app.routine = "sciatica-basics"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timer_screen = current_screen(app, TimerRunScreen)
        run_for(timer_screen, clock, 5)
        await pilot.press("c")
        await pilot.pause()
        current_screen(app, CheckinScreen)
        run_for(timer_screen, clock, 10)  # the hold goes on under the check-in
        assert present(timer_screen.timer).state == "running"
        await pilot.press("6", "enter")
        await pilot.pause()
        assert app.screen is timer_screen
        assert present(app.store.checkins.latest()).pain == 6
        assert present(timer_screen.timer).state == "running"
        assert timer_screen.query_one("#run-digits", Digits).value == "0:15"
        run_for(timer_screen, clock, present(timer_screen.timer).total_seconds)
        await pilot.pause()
        logged = app.store.sessions.latest()
        assert logged is not None
        assert (logged.aborted, logged.completed_steps, logged.total_steps) == (False, 12, 12)
        current_screen(app, PainQuestion)


async def test_a_routine_ending_under_the_check_in_waits_to_ask_for_pain(data_dir, clock):
    app = build_app(data_dir, clock, initial="timers")
    app.routine = "sciatica-basics"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timer_screen = current_screen(app, TimerRunScreen)
        await pilot.press("c", "4")
        await pilot.pause()
        run_for(timer_screen, clock, present(timer_screen.timer).total_seconds)
        await pilot.pause()
        assert present(app.store.sessions.latest()).completed_steps == 12  # logged at once
        current_screen(app, CheckinScreen)  # what was typed stays in front
        await pilot.press("enter")
        await pilot.pause()
        assert present(app.store.checkins.latest()).pain == 4
        current_screen(app, PainQuestion)
        await pilot.press("3", "enter")
        await pilot.pause()
        assert app.screen is timer_screen
        assert present(app.store.sessions.latest()).pain_after == 3
