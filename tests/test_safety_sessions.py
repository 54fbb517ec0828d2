"""Inversion and stretches count only real effort: a hold skipped with ``n`` is
never done, the stop list shows through every head-down hold, the guide steps
up only after comfortable sessions, inversion needs a screening, and a hip
replacement swaps knee-to-opposite-shoulder for figure-4."""

from __future__ import annotations

from datetime import timedelta

import pytest

from companion.core.clock import FakeClock
from companion.core.records import StretchSession
from companion.core.timer.engine import RoutineTimer
from companion.core.timer.plan import HIP_RISKY, HIP_SAFE, hip_safe_routine, sessions_done
from companion.screens.confirm import ConfirmScreen
from companion.screens.inversion_guide import InversionGuide
from companion.screens.timer_run import TimerRunScreen
from tests.test_timer import BASICS, run
from tests.test_ui_timers import run_for, screen_with, text, timer_app


@pytest.fixture(autouse=True)
def manual_ticks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(TimerRunScreen, "auto_tick", False)


def test_skipping_every_hold_with_n_counts_none_as_done(clock: FakeClock) -> None:
    timer = RoutineTimer(BASICS, clock)
    timer.start()
    while timer.state != "finished":
        timer.next()
    assert (timer.completed_steps, timer.skipped_steps) == (0, 6)
    session = timer.to_session("sess-000001")
    assert session.completed_steps == 0 and session.skipped_steps == 6
    assert not session.counts
    assert sessions_done([session]) == 0


def test_holds_run_out_count_and_a_skipped_one_does_not(clock: FakeClock) -> None:
    timer = RoutineTimer(BASICS, clock)
    timer.start()
    run(timer, clock, 30)  # first hold done by time
    timer.next()  # skip the rest
    timer.next()  # skip hold 2
    assert (timer.completed_steps, timer.skipped_steps) == (1, 1)
    timer.previous()  # back to hold 2 and hold it out
    run(timer, clock, 30)
    assert (timer.completed_steps, timer.skipped_steps) == (2, 0)


def test_a_stored_session_keeps_completed_and_skipped_holds(clock: FakeClock) -> None:
    now = clock.now()
    session = StretchSession(
        "sess-000002", "sciatica-basics", now, now + timedelta(minutes=5), 4, 12, skipped_steps=8
    )
    again = StretchSession.from_dict(session.to_dict())
    assert (again.completed_steps, again.skipped_steps) == (4, 8)
    assert not again.counts  # fewer than half the holds held


def test_hip_replacement_offers_figure_4_instead_of_knee_to_opposite_shoulder(data_dir, clock):
    from companion.core.content.library import scan_content

    library, _ = scan_content(include_user=False)
    assert library is not None
    basics = library.routines["sciatica-basics"]
    assert any(step.exercise == HIP_RISKY for step in basics.steps)
    safer = hip_safe_routine(basics)
    assert not any(step.exercise == HIP_RISKY for step in safer.steps)
    assert sum(step.exercise == HIP_SAFE for step in safer.steps) == len(basics.steps)


async def test_inversion_needs_a_screening(data_dir, clock):
    app = timer_app(data_dir, clock, "inversion-session")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not isinstance(app.screen, (InversionGuide, TimerRunScreen))
        assert app.store.sessions.latest() is None


async def test_stop_list_shows_in_every_head_down_hold_and_comfort_is_asked(data_dir, clock):
    app = timer_app(data_dir, clock, "inversion-session")
    app.store.screenings.add(screen_with({"inversion": "ok"}, clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the guide: start
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TimerRunScreen)
        assert "Come up slowly" in text(screen, "run-stop-if")  # lying level
        run_for(screen, clock, 30)
        await pilot.pause()
        assert text(screen, "run-exercise") == "Head-down"
        stop = text(screen, "run-stop-if")
        for sign in (
            "headache",
            "eye",
            "blurred vision",
            "dizziness",
            "pounding heart",
            "numbness",
        ):
            assert sign in stop, sign
        run_for(screen, clock, 200)
        await pilot.pause()
        await pilot.press("escape")  # no pain score after
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        session = app.store.sessions.latest()
        assert session.comfortable is True and session.counts
