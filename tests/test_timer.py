"""The stretch timer state machine and the inversion guide, on a fake clock only."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from companion.core.clock import FakeClock
from companion.core.content.routine import Routine, RoutineStep
from companion.core.timer.engine import RoutineTimer, TimerEvent, expand_routine
from companion.core.timer.inversion import InversionLog, suggest_inversion


def make_routine(*steps: tuple[int, int, int], routine_id: str = "sciatica-basics") -> Routine:
    """A routine from ``(hold_seconds, reps, rest_seconds)`` triples."""
    return Routine(
        id=routine_id,
        title="Basics",
        therapy="stretching",
        summary="",
        steps=tuple(
            RoutineStep(
                exercise=f"exercise-{number}",
                side="left" if number % 2 else "right",
                hold_seconds=hold,
                reps=reps,
                rest_seconds=rest,
                cue=f"cue {number}",
            )
            for number, (hold, reps, rest) in enumerate(steps, start=1)
        ),
    )


def kinds(events: list[TimerEvent]) -> list[str]:
    return [event.kind for event in events]


def run(timer: RoutineTimer, clock: FakeClock, seconds: float, step: float = 1.0) -> list:
    """Tick every ``step`` seconds for ``seconds``; all events in order."""
    events: list[TimerEvent] = []
    for _ in range(round(seconds / step)):
        clock.advance(step)
        events += timer.tick()
    return events


BASICS = make_routine((30, 3, 10), (30, 3, 10))
"""11 phases: 6 holds of 30 s, 5 rests of 10 s (none after the last hold) = 230 s."""


def test_expand_routine_holds_and_rests() -> None:
    phases = expand_routine(make_routine((30, 2, 10), (20, 1, 0), (15, 2, 5)))
    assert [(p.kind, p.step_index, p.rep, p.duration) for p in phases] == [
        ("hold", 0, 1, 30),
        ("rest", 0, 1, 10),
        ("hold", 0, 2, 30),
        ("rest", 0, 2, 10),
        ("hold", 1, 1, 20),
        ("hold", 2, 1, 15),
        ("rest", 2, 1, 5),
        ("hold", 2, 2, 15),
    ]
    assert [p.index for p in phases] == list(range(8))
    assert phases[0].label == "Exercise 1 (left), 1 of 2"
    assert phases[0].next_description == "Rest 10 s"
    assert phases[1].next_description == "Exercise 1 (left), 2 of 2"
    assert phases[-1].next_description == ""
    assert phases[4].cue == "cue 2" and phases[4].side == "right"


def test_expand_routine_rejects_empty_routine() -> None:
    with pytest.raises(ValueError, match="no steps"):
        expand_routine(make_routine())


def test_complete_routine(clock: FakeClock) -> None:
    timer = RoutineTimer(BASICS, clock)
    started = clock.now()
    ready = timer.snapshot()  # (not timer.state: mypy would keep "ready" for the check below)
    assert ready.state == "ready" and ready.remaining_seconds == 30
    assert kinds(timer.start()) == ["phase_started"]
    events = run(timer, clock, 230)
    starts = [e.phase.index for e in events if e.kind == "phase_started"]
    assert starts == list(range(1, 11))
    assert events[-1].kind == "finished"
    assert timer.state == "finished"
    snap = timer.snapshot()
    assert (snap.completed_steps, snap.total_steps, snap.progress) == (6, 6, 1.0)
    assert snap.remaining_seconds == 0 and snap.countdown is None
    session = timer.to_session("s1")
    assert session.routine == "sciatica-basics" and not session.aborted
    assert (session.started_at, session.ended_at) == (started, started + timedelta(seconds=230))
    assert (session.completed_steps, session.total_steps) == (6, 6)
    assert run(timer, clock, 10) == []


def test_snapshot_while_running(clock: FakeClock) -> None:
    timer = RoutineTimer(BASICS, clock)
    timer.start()
    clock.advance(12.4)
    snap = timer.snapshot()
    assert snap.state == "running"
    assert snap.remaining_seconds == 18  # 17.6 rounds up
    assert snap.phase_fraction == pytest.approx(12.4 / 30)
    assert snap.progress == pytest.approx(12.4 / 230)
    assert snap.next_description == "Rest 10 s"
    assert snap.next_phase is not None and snap.next_phase.kind == "rest"
    assert snap.completed_steps == 0 and snap.phase_count == 11


def test_pause_freezes_remaining_and_resume_continues(clock: FakeClock) -> None:
    timer = RoutineTimer(BASICS, clock)
    timer.start()
    run(timer, clock, 10)
    assert kinds(timer.pause()) == ["paused"]
    clock.advance(500)
    assert timer.tick() == []
    assert timer.snapshot().remaining_seconds == 20
    assert timer.snapshot().state == "paused"
    assert kinds(timer.resume()) == ["resumed"]
    assert timer.snapshot().remaining_seconds == 20
    clock.advance(19.5)
    assert [e.count for e in timer.tick()] == [1]
    clock.advance(0.5)
    events = timer.tick()
    assert kinds(events) == ["phase_started"] and events[0].phase.kind == "rest"


def test_toggle_starts_pauses_and_resumes(clock: FakeClock) -> None:
    timer = RoutineTimer(BASICS, clock)
    assert kinds(timer.toggle()) == ["phase_started"]
    assert kinds(timer.toggle()) == ["paused"]
    assert kinds(timer.toggle()) == ["resumed"]
    assert timer.resume() == [] and timer.start() == []


def test_next_skips_and_counts_skipped_holds(clock: FakeClock) -> None:
    timer = RoutineTimer(BASICS, clock)
    timer.start()
    clock.advance(5)
    events = timer.next()
    assert kinds(events) == ["phase_started"] and events[0].phase.kind == "rest"
    assert timer.snapshot().remaining_seconds == 10
    assert timer.snapshot().completed_steps == 0  # skipped, never done
    assert timer.skipped_steps == 1
    timer.pause()
    timer.next()
    assert timer.state == "paused" and timer.phase.index == 2
    assert timer.snapshot().remaining_seconds == 30
    for _ in range(8):
        timer.next()
    assert timer.phase.index == 10 and timer.state == "paused"
    assert kinds(timer.next()) == ["finished"]
    assert timer.to_session("s").aborted is False
    assert (timer.completed_steps, timer.skipped_steps) == (0, 6)


def test_next_right_at_a_phase_end_skips_only_one_phase(clock: FakeClock) -> None:
    timer = RoutineTimer(BASICS, clock)
    timer.start()
    clock.advance(30.5)  # the hold ran out, no tick yet: the screen still shows it
    timer.next()
    assert timer.phase.index == 1
    assert timer.snapshot().remaining_seconds == 10


def test_previous_goes_back_to_the_start_of_the_previous_phase(clock: FakeClock) -> None:
    timer = RoutineTimer(BASICS, clock)
    timer.start()
    run(timer, clock, 35)
    assert timer.phase.index == 1
    events = timer.previous()
    assert kinds(events) == ["phase_started"] and events[0].phase.index == 0
    assert timer.snapshot().remaining_seconds == 30
    assert timer.snapshot().completed_steps == 0
    clock.advance(10)
    timer.tick()
    timer.previous()  # at the first phase: restart it
    assert timer.phase.index == 0 and timer.snapshot().remaining_seconds == 30


def test_restart_phase(clock: FakeClock) -> None:
    timer = RoutineTimer(BASICS, clock)
    timer.start()
    run(timer, clock, 40 + 20)  # 20 s into the second hold
    assert timer.phase.index == 2
    assert kinds(timer.restart_phase()) == ["phase_started"]
    assert timer.phase.index == 2 and timer.snapshot().remaining_seconds == 30
    events = run(timer, clock, 30)
    assert [e.count for e in events if e.kind == "countdown"] == [3, 2, 1]
    assert events[-1].kind == "phase_started" and events[-1].phase.index == 3


def test_stop_records_an_aborted_session(clock: FakeClock) -> None:
    timer = RoutineTimer(BASICS, clock)
    started = clock.now()
    timer.start()
    run(timer, clock, 75)  # two holds and a rest done, into the second rest
    assert kinds(timer.stop()) == ["stopped"]
    assert timer.state == "stopped"
    assert timer.stop() == [] and timer.tick() == [] and timer.next() == []
    session = timer.to_session("s2", pain_before=6, pain_after=5)
    assert session.aborted is True
    assert session.started_at == started
    assert session.ended_at == clock.now() == started + timedelta(seconds=75)
    assert (session.completed_steps, session.total_steps) == (2, 6)
    assert (session.pain_before, session.pain_after) == (6, 5)


def test_to_session_needs_a_start(clock: FakeClock) -> None:
    timer = RoutineTimer(BASICS, clock)
    timer.stop()
    with pytest.raises(ValueError, match="never started"):
        timer.to_session("s3")


def test_stop_after_the_last_phase_ran_out_finishes(clock: FakeClock) -> None:
    timer = RoutineTimer(make_routine((30, 1, 0)), clock)
    timer.start()
    clock.advance(31)
    assert kinds(timer.stop()) == ["finished"]
    assert timer.to_session("s").aborted is False


def test_late_tick_advances_one_phase_on_the_deadline_chain(clock: FakeClock) -> None:
    timer = RoutineTimer(BASICS, clock)
    timer.start()
    clock.advance(32)  # 2 s late
    events = timer.tick()
    assert kinds(events) == ["phase_started"] and events[0].phase.index == 1
    assert timer.snapshot().remaining_seconds == 8  # the rest began on time, 2 s ago


def test_clock_jump_suspends_at_the_running_phase(clock: FakeClock) -> None:
    timer = RoutineTimer(BASICS, clock)
    timer.start()
    run(timer, clock, 40 + 12)  # 12 s into the second hold (phase 2)
    clock.advance(12 * 60)  # the process was stopped for 12 minutes
    events = timer.tick()
    assert kinds(events) == ["suspended"]
    assert events[0].phase.index == 2
    assert events[0].interrupted_seconds == 720
    assert timer.state == "paused"
    assert timer.snapshot().remaining_seconds == 18  # what the screen showed
    assert timer.snapshot().completed_steps == 1
    assert kinds(timer.resume()) == ["resumed"]
    events = run(timer, clock, 18)
    assert events[-1].kind == "phase_started" and events[-1].phase.index == 3


def test_a_jump_within_the_late_limit_is_not_a_suspend(clock: FakeClock) -> None:
    timer = RoutineTimer(BASICS, clock)
    timer.start()
    clock.advance(29)
    timer.tick()
    clock.advance(6)  # 5 s past the deadline: still just late
    assert kinds(timer.tick()) == ["phase_started"]
    clock.advance(10.5)  # 5.5 s past the rest's deadline: interrupted
    assert kinds(timer.tick()) == ["suspended"]
    assert timer.phase.index == 1 and timer.snapshot().remaining_seconds == 5


def test_pause_after_an_interruption_reports_the_suspend(clock: FakeClock) -> None:
    timer = RoutineTimer(BASICS, clock)
    timer.start()
    clock.advance(3600)
    assert kinds(timer.pause()) == ["suspended"]
    assert timer.state == "paused" and timer.phase.index == 0
    assert timer.snapshot().remaining_seconds == 30


def test_wall_clock_jump_alone_changes_nothing(clock: FakeClock) -> None:
    timer = RoutineTimer(BASICS, clock)
    timer.start()
    run(timer, clock, 10)
    clock.jump_wall(3 * 3600)  # suspend on Linux: monotonic time stood still
    assert timer.tick() == []
    assert timer.snapshot().remaining_seconds == 20 and timer.state == "running"


def test_no_drift_over_600_irregular_ticks(clock: FakeClock) -> None:
    routine = make_routine(*[(60, 3, 15)] * 6)  # 18 holds, 17 rests: 1335 s
    timer = RoutineTimer(routine, clock)
    total = sum(phase.duration for phase in timer.phases)
    assert total == timer.total_seconds == 1335
    rng = random.Random(20261121)
    start_mono, started = clock.monotonic(), clock.now()
    timer.start()
    events: list[TimerEvent] = []
    finished_at = None
    for _ in range(600):
        clock.advance(rng.randint(1, 39) / 8)  # 0.125 s to 4.875 s, exact in binary
        before = len(events)
        events += timer.tick()
        if finished_at is None and "finished" in kinds(events[before:]):
            finished_at = clock.monotonic()
    assert finished_at is not None and finished_at - start_mono >= total
    assert finished_at - start_mono < total + 5
    starts = [e.phase.index for e in events if e.kind == "phase_started"]
    assert starts == list(range(1, len(timer.phases)))
    assert "suspended" not in kinds(events)
    assert timer.ended_at == started + timedelta(seconds=total)


def test_countdown_3_2_1_once_per_phase(clock: FakeClock) -> None:
    routine = make_routine((30, 2, 5), (3, 1, 0))
    timer = RoutineTimer(routine, clock)
    timer.start()
    events = run(timer, clock, 30 + 5 + 30 + 5 + 3, step=0.25)
    by_phase: dict[int, list[int | None]] = {}
    for event in events:
        if event.kind == "countdown":
            by_phase.setdefault(event.phase.index, []).append(event.count)
    # a 3 s phase counts only 2, 1: the 3 would fall on its first moment
    assert by_phase == {0: [3, 2, 1], 1: [3, 2, 1], 2: [3, 2, 1], 3: [3, 2, 1], 4: [2, 1]}


def test_countdown_not_repeated_after_pause(clock: FakeClock) -> None:
    timer = RoutineTimer(BASICS, clock)
    timer.start()
    events = run(timer, clock, 27.5, step=0.5)
    assert [e.count for e in events if e.kind == "countdown"] == [3]
    timer.pause()
    assert timer.snapshot().countdown == 3
    clock.advance(60)
    assert kinds(timer.resume()) == ["resumed"]
    events = run(timer, clock, 2.5, step=0.5)
    assert [e.count for e in events if e.kind == "countdown"] == [2, 1]


def test_a_late_tick_cues_only_the_current_count(clock: FakeClock) -> None:
    timer = RoutineTimer(BASICS, clock)
    timer.start()
    clock.advance(28.5)
    assert [(e.kind, e.count) for e in timer.tick()] == [("countdown", 2)]
    assert timer.snapshot().countdown == 2


# -- inversion guide ---------------------------------------------------------

TODAY = date(2026, 11, 21)


def daily(first: date, days: int, angle: int, minutes: float) -> list[InversionLog]:
    return [InversionLog(first + timedelta(days=n), minutes, angle) for n in range(days)]


def test_inversion_with_no_history_starts_gently() -> None:
    suggestion = suggest_inversion([], TODAY)
    assert (suggestion.angle_degrees, suggestion.minutes) == (20, 1.0)
    assert "twice" in suggestion.reason or "2 times" in suggestion.reason


def test_inversion_after_one_regular_week() -> None:
    history = daily(TODAY - timedelta(days=7), 7, angle=20, minutes=1.0)
    suggestion = suggest_inversion(history, TODAY)
    assert (suggestion.angle_degrees, suggestion.minutes) == (25, 1.5)
    assert "1 week of regular use" in suggestion.reason


def test_inversion_after_four_regular_weeks() -> None:
    start = TODAY - timedelta(days=28)
    history = [
        log
        for week, (angle, minutes) in enumerate([(20, 1.0), (25, 1.5), (30, 2.0), (35, 2.5)])
        for log in daily(start + timedelta(days=7 * week), 7, angle, minutes)
    ]
    suggestion = suggest_inversion(history, TODAY)
    assert (suggestion.angle_degrees, suggestion.minutes) == (40, 3.0)


def test_inversion_never_more_than_one_step_past_own_level() -> None:
    stayed_low = daily(TODAY - timedelta(days=28), 28, angle=20, minutes=1.0)
    assert suggest_inversion(stayed_low, TODAY).angle_degrees == 25
    rushed = daily(TODAY - timedelta(days=7), 7, angle=60, minutes=5.0)
    suggestion = suggest_inversion(rushed, TODAY)
    assert (suggestion.angle_degrees, suggestion.minutes) == (25, 1.5)
    assert "slowly" in suggestion.reason


def test_inversion_caps_at_60_degrees_and_5_minutes() -> None:
    history = daily(TODAY - timedelta(days=120), 120, angle=60, minutes=5.0)
    suggestion = suggest_inversion(history, TODAY)
    assert (suggestion.angle_degrees, suggestion.minutes) == (60, 5.0)


def test_inversion_irregular_use_does_not_build() -> None:
    history = [InversionLog(TODAY - timedelta(days=d), 1.0, 20) for d in (28, 20, 13, 6)]
    suggestion = suggest_inversion(history, TODAY)
    assert (suggestion.angle_degrees, suggestion.minutes) == (20, 1.0)


def test_inversion_steps_back_down_after_a_three_week_break() -> None:
    last_day = TODAY - timedelta(days=21)
    history = daily(last_day - timedelta(days=27), 28, angle=40, minutes=3.0)
    suggestion = suggest_inversion(history, TODAY)
    assert (suggestion.angle_degrees, suggestion.minutes) == (25, 1.5)
    assert "3 weeks off" in suggestion.reason
    long_break = suggest_inversion(history, TODAY + timedelta(days=200))
    assert (long_break.angle_degrees, long_break.minutes) == (20, 1.0)


def test_inversion_rebuilds_after_a_break_from_the_new_start() -> None:
    old = daily(TODAY - timedelta(days=70), 14, angle=30, minutes=2.0)
    new = daily(TODAY - timedelta(days=7), 7, angle=20, minutes=1.0)
    suggestion = suggest_inversion(old + new, TODAY)
    assert (suggestion.angle_degrees, suggestion.minutes) == (25, 1.5)


def test_inversion_ignores_future_entries_and_notes_twice_today() -> None:
    history = [
        *daily(TODAY - timedelta(days=7), 7, angle=20, minutes=1.0),
        InversionLog(TODAY, 1.0, 20),
        InversionLog(TODAY, 1.0, 20),
        InversionLog(TODAY + timedelta(days=3), 9.0, 90),
    ]
    suggestion = suggest_inversion(history, TODAY)
    assert (suggestion.angle_degrees, suggestion.minutes) == (25, 1.5)
    assert "2 times today" in suggestion.reason


def test_completed_steps_is_a_whole_number_not_a_flag() -> None:
    # It once came out as True after the first hold, which the store rightly refused.
    clock = FakeClock()
    timer = RoutineTimer(BASICS, clock)
    timer.start()
    clock.advance(30)
    timer.tick()  # into the first rest: one hold done
    assert timer.completed_steps == 1
    assert type(timer.completed_steps) is int
    assert type(timer.to_session("s-000001").completed_steps) is int
