"""Inversion sessions never count towards the stretching goal: the timers
screen and the summary after a routine count them apart."""

from __future__ import annotations

import pytest

from companion.core.records import ScreeningRecord
from companion.screens.pain_question import PainQuestion
from companion.screens.timer_run import TimerRunScreen
from companion.store import Store
from tests.store_helpers import present, session
from tests.ui import build_app, rendered_text


async def test_the_timers_goal_counts_stretch_sessions_only(data_dir, clock):
    store = Store.open(data_dir, clock)
    now = clock.now()
    store.sessions.add(session(now.replace(hour=1), routine="inversion-session"))
    store.sessions.add(session(now.replace(hour=2)))
    app = build_app(data_dir, clock, initial="timers")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        today = rendered_text(app.screen.query_one("#timers-today"))
        assert today.startswith("Today: 1 of 2 sessions (1 to go)")


async def test_an_inversion_summary_counts_inversion_sessions_apart(
    data_dir, clock, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(TimerRunScreen, "auto_tick", False)
    store = Store.open(data_dir, clock)
    store.sessions.add(session(clock.now().replace(hour=1)))  # a stretch session
    store.screenings.add(
        ScreeningRecord(id="screen-0001", at=clock.now(), version="1", verdicts={"inversion": "ok"})
    )
    app = build_app(data_dir, clock, initial="timers")
    app.routine = "inversion-session"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the guide: start
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TimerRunScreen)
        for _ in range(int(present(screen.timer).total_seconds)):
            clock.advance(1)
            screen.tick()
        await pilot.pause()
        assert isinstance(app.screen, PainQuestion)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")  # comfortable
        await pilot.pause()
        cue = rendered_text(screen.query_one("#run-cue"))
        assert "Inversion sessions finished today: 1." in cue
        assert "goal" not in cue
