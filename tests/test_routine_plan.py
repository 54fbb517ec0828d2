"""Routine lengths, session counts, and the inversion dose rebuilt from history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from companion.core.content.library import scan_content
from companion.core.content.routine import Routine, RoutineStep
from companion.core.records import StretchSession
from companion.core.timer.plan import (
    dosed_routine,
    duration_words,
    head_down_seconds,
    head_down_steps,
    inversion_history,
    plan_inversion,
    routine_seconds,
    sessions_done,
)

MONDAY = datetime(2026, 11, 2, 7, 0, tzinfo=UTC)
_BUILT_IN, _ = scan_content(include_user=False)
assert _BUILT_IN is not None
ROUTINES = _BUILT_IN.routines
INVERSION = ROUTINES["inversion-session"]


def session(
    at: datetime,
    completed: int,
    total: int = 4,
    routine: str = "inversion-session",
    comfortable: bool | None = True,
) -> StretchSession:
    return StretchSession(
        id=f"s{at:%Y%m%d%H%M}",
        routine=routine,
        started_at=at,
        ended_at=at + timedelta(minutes=4),
        completed_steps=completed,
        total_steps=total,
        aborted=completed < total,
        comfortable=comfortable,
    )


def step(hold: int, reps: int = 1, rest: int = 0) -> RoutineStep:
    return RoutineStep("inversion", "none", hold, reps, rest, "cue")


def test_routine_seconds_leave_out_the_rest_after_the_last_hold() -> None:
    assert routine_seconds(ROUTINES["sciatica-basics"]) == 4 * 3 * (30 + 15) - 15
    assert routine_seconds(INVERSION) == 30 + 2 * (45 + 30) + 60


def test_duration_words() -> None:
    assert [duration_words(s) for s in (0, 45, 60, 150, 525.4)] == [
        "0 s",
        "45 s",
        "1 min",
        "2 min 30 s",
        "8 min 45 s",
    ]


def test_sessions_done_counts_only_finished_ones() -> None:
    done = session(MONDAY, 12, 12, routine="sciatica-basics")
    stopped = session(MONDAY + timedelta(hours=1), 3, 12, routine="sciatica-basics")
    other = session(MONDAY + timedelta(hours=2), 4)
    assert sessions_done([done, stopped, other]) == 2
    assert sessions_done([done, stopped, other], "sciatica-basics") == 1


def test_head_down_steps_are_between_lying_level_and_coming_up() -> None:
    assert head_down_steps(INVERSION) == (1,)
    two = Routine("r", "R", "inversion", "", (step(30), step(40)))
    assert head_down_steps(two) == (0, 1)


def test_dose_scales_only_the_head_down_holds() -> None:
    one_minute = dosed_routine(INVERSION, 1.0)
    assert [s.hold_seconds for s in one_minute.steps] == [30, 30, 60]
    assert [s.rest_seconds for s in one_minute.steps] == [0, 30, 0]
    assert [s.hold_seconds for s in dosed_routine(INVERSION, 5.0).steps] == [30, 150, 60]
    assert dosed_routine(INVERSION, 0.01).steps[1].hold_seconds == 5


def test_head_down_seconds_count_completed_holds_only() -> None:
    # holds in order: settle 30 (level), 45 down, 45 down, come up 60 (level)
    assert [head_down_seconds(INVERSION, n) for n in range(5)] == [0, 0, 45, 90, 90]


def test_a_first_session_starts_gently() -> None:
    plan = plan_inversion(INVERSION, [], ROUTINES, MONDAY)
    assert (plan.suggestion.angle_degrees, plan.suggestion.minutes) == (20, 1.0)
    assert plan.head_down_seconds == 60
    assert plan.sessions_counted == 0


def test_history_is_replayed_from_logged_sessions() -> None:
    # Three complete sessions a week for two weeks, then today.
    days = [0, 2, 4, 7, 9, 11]
    logged = [session(MONDAY + timedelta(days=d), 4) for d in days]
    history = inversion_history(logged, ROUTINES, UTC)
    assert [log.angle for log in history] == [20, 20, 20, 25, 25, 25]
    assert [log.minutes for log in history] == [1.0, 1.0, 1.0, 1.5, 1.5, 1.5]
    plan = plan_inversion(INVERSION, logged, ROUTINES, MONDAY + timedelta(days=14))
    assert (plan.suggestion.angle_degrees, plan.suggestion.minutes) == (30, 2.0)
    assert [s.hold_seconds for s in plan.routine.steps] == [30, 60, 60]


def test_sessions_stopped_before_going_head_down_do_not_count() -> None:
    logged = [session(MONDAY, 1), session(MONDAY + timedelta(days=1), 0)]
    assert inversion_history(logged, ROUTINES, UTC) == []


def test_only_comfortable_sessions_held_through_step_the_guide_up() -> None:
    assert inversion_history([session(MONDAY, 2)], ROUTINES, UTC) == []  # stopped early
    assert inversion_history([session(MONDAY, 4, comfortable=False)], ROUTINES, UTC) == []
    assert inversion_history([session(MONDAY, 4, comfortable=None)], ROUTINES, UTC) == []
    history = inversion_history([session(MONDAY, 4)], ROUTINES, UTC)
    assert [(log.minutes, log.angle) for log in history] == [(1.0, 20)]


def test_other_routines_and_unknown_ones_are_left_out() -> None:
    stretch = session(MONDAY, 12, 12, routine="sciatica-basics")
    gone = session(MONDAY, 4, routine="a-deleted-routine")
    assert inversion_history([stretch, gone], ROUTINES, UTC) == []
