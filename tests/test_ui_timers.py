"""Pilot tests of the timers: the routine list, the running timer, logging,
the inversion guide and the override. Time moves only by ``clock.advance``;
the screen's :meth:`tick` is called by hand (its own scheduling is off)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import DataTable, Digits

from companion.__main__ import main
from companion.core.records import ScreeningRecord
from companion.screens.confirm import ConfirmScreen
from companion.screens.dashboard import DashboardScreen
from companion.screens.inversion_guide import InversionGuide
from companion.screens.override import OverrideScreen
from companion.screens.pain_question import PainQuestion
from companion.screens.timer_run import TimerRunScreen
from companion.screens.timers import TimersScreen
from tests.store_helpers import present
from tests.ui import build_app, current_screen, painted_cells


@pytest.fixture(autouse=True)
def manual_ticks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests tick the timer themselves."""
    monkeypatch.setattr(TimerRunScreen, "auto_tick", False)


def text(screen, widget_id: str) -> str:
    return str(screen.query_one(f"#{widget_id}").render())


def digits(screen) -> str:
    return screen.query_one("#run-digits", Digits).value


def run_for(screen: TimerRunScreen, clock, seconds: int) -> None:
    """Let ``seconds`` pass, ticking every second as the screen would."""
    for _ in range(seconds):
        clock.advance(1)
        screen.tick()


def timer_app(data_dir, clock, routine: str = "sciatica-basics"):
    """The app as ``companion timer ROUTINE`` opens it."""
    app = build_app(data_dir, clock, initial="timers")
    app.routine = routine
    return app


def screen_with(verdicts: dict[str, str], clock) -> ScreeningRecord:
    return ScreeningRecord(id="screen-0001", at=clock.now(), version="1", verdicts=verdicts)


async def test_list_shows_each_routine_with_screening_and_today(data_dir, clock):
    app = build_app(data_dir, clock, initial="timers")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TimersScreen)
        table = screen.query_one(DataTable)
        rows = {str(table.get_row_at(i)[0]): table.get_row_at(i) for i in range(table.row_count)}
        basics = rows["Sciatica basics"]
        assert basics[1:] == ["stretching", "4 (12 holds)", "9 min", "? not screened", "0"]
        assert rows["Gentle inversion"][1] == "inversion"
        assert "Today: 0 of 2 sessions" in text(screen, "timers-today")


async def test_timer_command_opens_the_routine_running_at_once(data_dir, clock):
    app = timer_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TimerRunScreen)
        assert present(screen.timer).state == "running"
        assert "Piriformis stretch (figure 4), left side" in text(screen, "run-exercise")
        assert "rep 1 of 3" in text(screen, "run-rep")
        assert "Sciatica basics" in text(screen, "run-routine")
        assert digits(screen) == "0:30"
        assert text(screen, "run-next") == "Next: rest 15 s"
        run_for(screen, clock, 4)
        assert digits(screen) == "0:26"


async def test_enter_on_the_list_asks_pain_before_then_starts(data_dir, clock):
    app = build_app(data_dir, clock, initial="timers")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        current_screen(app, PainQuestion)
        await pilot.press("6", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TimerRunScreen)
        assert screen.pain_before == 6
        assert present(screen.timer).state == "running"


async def test_n_moves_on_and_b_goes_back(data_dir, clock):
    app = timer_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("n")
        assert text(screen, "run-rep") == "Rest · rep 1 of 3 done"
        assert text(screen, "run-exercise") == "Piriformis stretch (figure 4), left side"
        assert digits(screen) == "0:15"
        await pilot.press("n")
        assert "rep 2 of 3" in text(screen, "run-rep")
        assert "0 of 12 holds done" in text(screen, "run-progress")  # skipped is not done
        await pilot.press("b")
        assert text(screen, "run-rep").startswith("Rest")
        run_for(screen, clock, 5)
        await pilot.press("r")
        assert digits(screen) == "0:15"


async def test_space_pauses_says_so_and_a_paused_tick_changes_nothing(data_dir, clock):
    app = timer_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        run_for(screen, clock, 3)
        await pilot.press("space")
        assert screen.timer.state == "paused"
        assert "PAUSED — press space to continue" in text(screen, "run-status")
        assert not screen.ticking
        updates = screen.updates
        clock.advance(20)
        screen.tick()
        screen.tick()
        assert screen.updates == updates
        assert digits(screen) == "0:27"
        await pilot.press("space")
        assert screen.timer.state == "running"
        assert text(screen, "run-status") == ""
        run_for(screen, clock, 2)
        assert digits(screen) == "0:25"


async def test_a_running_tick_updates_only_what_changed(data_dir, clock):
    app = timer_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        updates = screen.updates
        run_for(screen, clock, 1)
        assert screen.updates == updates + 1  # the digits only
        clock.advance(0.4)
        screen.tick()
        assert screen.updates == updates + 1  # same second shown: nothing


async def test_a_running_second_repaints_only_the_clock_and_a_paused_one_nothing(data_dir, clock):
    app = timer_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        painted = painted_cells(app)
        run_for(screen, clock, 1)
        await pilot.pause()
        region = screen.query_one("#run-digits").region
        clock_cells = {
            (x, y) for y in range(region.y, region.bottom) for x in range(region.x, region.right)
        }
        assert painted  # the new second reached the terminal
        assert set(painted) <= clock_cells  # and nothing else did
        await pilot.press("space")
        await pilot.pause()
        painted.clear()
        clock.advance(5)
        screen.tick()
        await pilot.pause()
        assert painted == []


async def test_countdown_cue_and_bell_at_each_change(data_dir, clock, monkeypatch):
    app = timer_app(data_dir, clock)
    rings: list[int] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(1))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        run_for(screen, clock, 26)
        assert text(screen, "run-next") == "Next: rest 15 s"
        run_for(screen, clock, 1)
        assert text(screen, "run-next") == "3… Next: rest 15 s"
        run_for(screen, clock, 1)
        assert text(screen, "run-next") == "2… Next: rest 15 s"
        assert rings == []
        run_for(screen, clock, 2)
        assert text(screen, "run-rep").startswith("Rest")
        assert (
            text(screen, "run-next") == "Next: Piriformis stretch (figure 4), left side, rep 2 of 3"
        )
        assert rings == [1]
        await pilot.press("n")  # a change the user made: no bell
        assert rings == [1]


async def test_bell_off_is_remembered_and_silences_the_timer(data_dir, clock, monkeypatch):
    app = build_app(data_dir, clock, initial="timers")
    rings: list[int] = []
    monkeypatch.setattr(app, "bell", lambda: rings.append(1))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        assert app.store.load_settings().bell is False
        assert "bell off" in text(app.screen, "timers-today")
        app.start_routine("sciatica-basics", ask_pain=False)
        await pilot.pause()
        run_for(current_screen(app, TimerRunScreen), clock, 31)
        assert rings == []
        await pilot.press("m")
        assert app.store.load_settings().bell is True


async def test_daily_goal_cycles_one_to_three_and_is_remembered(data_dir, clock):
    app = build_app(data_dir, clock, initial="timers")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert app.store.load_settings().daily_target == 3
        assert "0 of 3 sessions" in text(app.screen, "timers-today")
        await pilot.press("a")
        await pilot.pause()
        assert app.store.load_settings().daily_target == 1
        assert "0 of 1 session " in text(app.screen, "timers-today")


async def test_escape_then_y_logs_an_aborted_session_at_wall_times(data_dir, clock):
    started = clock.now()
    app = timer_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        run_for(screen, clock, 40)
        await pilot.press("escape")
        await pilot.pause()
        current_screen(app, ConfirmScreen)
        assert app.store.sessions.latest() is None
        await pilot.press("y")
        await pilot.pause()
        logged = app.store.sessions.latest()
        assert logged is not None
        assert (logged.started_at, logged.ended_at) == (started, started + timedelta(seconds=40))
        assert logged.aborted is True
        assert (logged.completed_steps, logged.total_steps) == (1, 12)
        assert type(logged.completed_steps) is int
        current_screen(app, PainQuestion)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert "Stopped early" in text(screen, "run-exercise")
        assert "1 of 12 holds done in 40 s · saved in your log" in text(screen, "run-rep")
        await pilot.press("enter")
        await pilot.pause()
        current_screen(app, TimersScreen)
        assert app.store.sessions.latest().pain_after is None


async def test_escape_then_n_keeps_running(data_dir, clock):
    app = timer_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("escape", "n")
        await pilot.pause()
        assert app.screen is screen
        assert screen.timer.state == "running"
        assert app.store.sessions.latest() is None


async def test_finishing_logs_a_complete_session_with_pain_before_and_after(data_dir, clock):
    app = build_app(data_dir, clock, initial="timers")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "6", "enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TimerRunScreen)
        run_for(screen, clock, present(screen.timer).total_seconds)
        await pilot.pause()
        logged = app.store.sessions.latest()
        assert logged is not None
        assert (logged.aborted, logged.completed_steps, logged.total_steps) == (False, 12, 12)
        assert logged.ended_at - logged.started_at == timedelta(seconds=525)
        current_screen(app, PainQuestion)
        await pilot.press("4", "enter")
        await pilot.pause()
        saved = present(app.store.sessions.get(logged.id))
        assert (saved.pain_before, saved.pain_after) == (6, 4)
        assert "Done." in text(screen, "run-exercise")
        assert "Finished sessions today: 1 of your goal of 2." in text(screen, "run-cue")
        assert "Pain before: 6/10" in text(screen, "run-cue")
        await pilot.press("enter")
        await pilot.pause()
        assert "Today: 1 of 2 sessions" in text(app.screen, "timers-today")
        await pilot.press("d")
        await pilot.pause()
        current_screen(app, DashboardScreen)
        assert "Stretch sessions: 1 of 2 done today" in text(app.screen, "today")


async def test_quit_mid_routine_logs_an_aborted_session(data_dir, clock):
    app = timer_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        run_for(app.screen, clock, 10)
        await pilot.press("q")
    logged = app.store.sessions.latest()
    assert logged is not None
    assert (logged.aborted, logged.completed_steps) == (True, 0)
    assert logged.ended_at - logged.started_at == timedelta(seconds=10)


async def test_leaving_for_another_screen_asks_first_then_logs(data_dir, clock):
    app = timer_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.store.sessions.latest().aborted is True


async def test_a_long_gap_pauses_and_explains(data_dir, clock):
    app = timer_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        run_for(screen, clock, 2)
        clock.advance(120)
        screen.tick()
        assert screen.timer.state == "paused"
        assert "not watched for 2 min" in text(screen, "run-status")
        assert digits(screen) == "0:28"


async def test_a_routine_marked_avoid_needs_the_override(data_dir, clock):
    app = build_app(data_dir, clock, initial="timers")
    app.store.screenings.add(screen_with({"stretching": "avoid", "inversion": "ok"}, clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "✗ AVOID" in str(app.screen.query_one(DataTable).get_row_at(0)[4])
        await pilot.press("enter")
        await pilot.pause()
        current_screen(app, OverrideScreen)
        await pilot.press("n")
        await pilot.pause()
        current_screen(app, TimersScreen)
        await pilot.press("enter", "o")
        await pilot.pause()
        current_screen(app, PainQuestion)
        await pilot.press("enter")
        await pilot.pause()
        current_screen(app, TimerRunScreen)


async def test_timer_command_on_an_avoided_routine_asks_for_the_override(data_dir, clock):
    app = timer_app(data_dir, clock)
    app.store.screenings.add(screen_with({"stretching": "avoid"}, clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        current_screen(app, OverrideScreen)
        await pilot.press("o")
        await pilot.pause()
        current_screen(app, TimerRunScreen)


async def test_inversion_guide_suggests_a_gentle_start_and_sets_the_timer(data_dir, clock):
    app = timer_app(data_dir, clock, "inversion-session")
    app.store.screenings.add(screen_with({"inversion": "ok"}, clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        guide = app.screen
        assert isinstance(guide, InversionGuide)
        words = " ".join(str(w.render()) for w in guide.query("Static"))
        assert "Today: 20° past level, 1 minute head-down." in words
        assert "2 × 30 s" in words
        assert "Come back up slowly" in words
        assert "Not straight after a meal" in words
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TimerRunScreen)
        assert [step.hold_seconds for step in screen.routine.steps] == [30, 30, 60]
        assert "20° today" in text(screen, "run-routine")
        assert text(screen, "run-exercise") == "Lying level"
        assert text(screen, "run-next") == "Next: Head-down, rep 1 of 2"
        assert "Come up slowly" in text(screen, "run-stop-if")


async def test_inversion_marked_avoid_shows_no_guide_without_the_override(data_dir, clock):
    app = timer_app(data_dir, clock, "inversion-session")
    app.store.screenings.add(screen_with({"inversion": "avoid"}, clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        current_screen(app, OverrideScreen)
        await pilot.press("n")
        await pilot.pause()
        current_screen(app, TimersScreen)
        app.start_routine("inversion-session")
        await pilot.pause()
        await pilot.press("o")
        await pilot.pause()
        current_screen(app, InversionGuide)
        words = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "You confirmed a clinician said inversion is safe for you." in words


async def test_unknown_routine_from_another_screen_is_refused(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.start_routine("no-such-routine") is False
        assert isinstance(app.screen, DashboardScreen)


def test_timer_command_with_an_unknown_routine_exits_2(data_dir, capsys):
    assert main(["--data-dir", str(data_dir), "timer", "no-such-routine"]) == 2
    err = capsys.readouterr().err
    assert "no routine 'no-such-routine'" in err
    assert "inversion-session, sciatica-basics" in err
    assert not data_dir.exists()


async def test_on_a_first_run_the_timer_waits_for_the_notice(data_dir, clock):
    app = build_app(data_dir, clock, initial="timers", first_run=True)
    app.routine = "sciatica-basics"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        runner = next(s for s in app.screen_stack if isinstance(s, TimerRunScreen))
        assert present(runner.timer).state == "ready"
        clock.advance(30)
        await pilot.press("escape")  # the notice: "later"
        await pilot.pause()
        await pilot.press("escape")  # where you live: later
        await pilot.pause()
        assert app.screen is runner
        assert present(runner.timer).state == "running"
        assert digits(runner) == "0:30"


async def test_companion_today_counts_the_logged_session(data_dir, clock, capsys, monkeypatch):
    app = timer_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        run_for(app.screen, clock, app.screen.timer.total_seconds)
        await pilot.pause()
    monkeypatch.setenv("COMPANION_NOW", clock.now().isoformat())
    main(["--data-dir", str(data_dir), "today"])
    assert "stretches 1 of 2" in capsys.readouterr().out


USER_ROUTINE = """\
id: my-evening
title: "Evening [/pm] set"
therapy: stretching
summary: "My own short routine."
steps:
  - exercise: piriformis-figure-4
    side: left
    hold: 30
    reps: 1
    rest: 0
    cue: "Keep the [left knee] soft."
"""


async def test_a_users_own_routine_text_is_shown_as_written(data_dir, clock, monkeypatch):
    import os
    from pathlib import Path

    monkeypatch.setattr(TimerRunScreen, "auto_tick", False)
    routines = Path(os.environ["COMPANION_CONFIG_DIR"]) / "routines"
    routines.mkdir(parents=True)
    (routines / "my-evening.yaml").write_text(USER_ROUTINE, "utf-8")
    app = timer_app(data_dir, clock, routine="my-evening")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TimerRunScreen)
        assert "Evening [/pm] set" in text(screen, "run-routine")
        assert "Keep the [left knee] soft." in text(screen, "run-cue")


async def test_inversion_sessions_are_counted_apart_from_the_stretch_goal(data_dir, clock):
    from datetime import timedelta

    from tests.store_helpers import session

    earlier = clock.now() - timedelta(hours=1)
    app = build_app(data_dir, clock, initial="timers")
    app.store.sessions.add(
        session(earlier, routine="inversion-session", total_steps=4, completed_steps=4)
    )
    app.store.sessions.add(session(earlier - timedelta(minutes=30), completed_steps=12))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        today = " ".join(text(app.screen, "timers-today").split())
        assert "Today: 1 of 2 sessions (1 to go) · inversion: 1" in today
