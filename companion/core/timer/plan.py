"""What the timer screens need to know before a routine starts, as plain logic.

* a routine's length in words and how many of its sessions were done today;
* for inversion: which steps are head-down, today's dose applied to the
  routine, and the user's inversion history rebuilt from their logged sessions.

About the inversion history (an honest approximation, shown to the user):
a logged :class:`~companion.core.records.StretchSession` holds no angle and no
hold lengths. The history is therefore *replayed*: for each logged inversion
session, oldest first, the guide's suggestion for that day (from the sessions
before it) is assumed to be what was used, and the head-down time is the
head-down holds of that dosed routine the session completed. Sessions that
ended before any head-down hold count as not inverted.

Head-down steps: an inversion routine of three or more steps begins lying
level and ends coming back up, so only the steps between are head-down (the
rests between their holds are spent level). A routine of one or two steps is
taken as head-down throughout.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo

from companion.core.content.routine import Routine
from companion.core.records import StretchSession
from companion.core.timer.inversion import InversionLog, InversionSuggestion, suggest_inversion

__all__ = [
    "MIN_HOLD_SECONDS",
    "InversionPlan",
    "dosed_routine",
    "duration_words",
    "head_down_seconds",
    "head_down_steps",
    "inversion_history",
    "plan_inversion",
    "routine_seconds",
    "sessions_done",
]

MIN_HOLD_SECONDS = 5
"""The shortest head-down hold a dose ever sets."""


def routine_seconds(routine: Routine) -> int:
    """The routine's length without pauses: holds and rests, no rest after the last hold."""
    total = sum(step.reps * (step.hold_seconds + step.rest_seconds) for step in routine.steps)
    return total - (routine.steps[-1].rest_seconds if routine.steps else 0)


def duration_words(seconds: float) -> str:
    """``45 s``, ``3 min``, ``2 min 30 s`` (whole seconds)."""
    whole = max(round(seconds), 0)
    minutes, rest = divmod(whole, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min" if not rest else f"{minutes} min {rest} s"


def sessions_done(sessions: Iterable[StretchSession], routine_id: str | None = None) -> int:
    """Sessions that ran to the end (of one routine, or of any)."""
    return sum(
        1
        for session in sessions
        if session.counts and (routine_id is None or session.routine == routine_id)
    )


# Inversion ----------------------------------------------------------------------


def head_down_steps(routine: Routine) -> tuple[int, ...]:
    """Indexes of the steps spent head-down (see the module docstring)."""
    count = len(routine.steps)
    return tuple(range(1, count - 1)) if count >= 3 else tuple(range(count))


def dosed_routine(routine: Routine, minutes: float) -> Routine:
    """``routine`` with its head-down holds scaled so they add up to about ``minutes``.

    Each head-down hold keeps its share of the head-down time, rounded to whole
    seconds and at least :data:`MIN_HOLD_SECONDS`; level steps and rests are unchanged.
    """
    down = head_down_steps(routine)
    planned = sum(routine.steps[i].hold_seconds * routine.steps[i].reps for i in down)
    if not planned:
        return routine
    factor = minutes * 60 / planned
    steps = tuple(
        replace(step, hold_seconds=max(round(step.hold_seconds * factor), MIN_HOLD_SECONDS))
        if index in down
        else step
        for index, step in enumerate(routine.steps)
    )
    return replace(routine, steps=steps)


def head_down_seconds(routine: Routine, completed_holds: int) -> int:
    """Head-down time in the first ``completed_holds`` holds of ``routine``."""
    down = set(head_down_steps(routine))
    holds = [
        step.hold_seconds if index in down else 0
        for index, step in enumerate(routine.steps)
        for _ in range(step.reps)
    ]
    return sum(holds[: max(completed_holds, 0)])


def inversion_history(
    sessions: Iterable[StretchSession], routines: dict[str, Routine], zone: tzinfo | None
) -> list[InversionLog]:
    """The user's inversion sessions as the guide reads them (replayed; see the module docstring).

    Sessions of routines that are not inversion routines, or no longer exist, are
    left out, and so are sessions skipped through or not reported comfortable.
    """
    logs: list[InversionLog] = []
    for session in sorted(sessions, key=lambda entry: entry.started_at):
        routine = routines.get(session.routine)
        if routine is None or routine.therapy != "inversion":
            continue
        if not session.counts or session.comfortable is not True:
            continue  # the angle steps up only on sessions held through and comfortable
        day = session.started_at.astimezone(zone).date()
        suggestion = suggest_inversion(logs, day)
        dosed = dosed_routine(routine, suggestion.minutes)
        seconds = head_down_seconds(dosed, session.completed_steps)
        if seconds > 0:
            logs.append(InversionLog(day, seconds / 60, suggestion.angle_degrees))
    return logs


@dataclass(frozen=True, slots=True)
class InversionPlan:
    """Today's inversion dose and the routine the timer will run for it."""

    suggestion: InversionSuggestion
    """Angle, minutes and the reason, from :func:`suggest_inversion`."""
    routine: Routine
    """The routine with its head-down holds set to today's minutes."""
    sessions_counted: int
    """How many logged inversion sessions the suggestion is based on."""
    head_down_seconds: int
    """Head-down time in the dosed routine, whole seconds."""


def plan_inversion(
    routine: Routine,
    sessions: Iterable[StretchSession],
    routines: dict[str, Routine],
    now: datetime,
) -> InversionPlan:
    """Today's suggestion from the user's own history, applied to ``routine``."""
    history = inversion_history(sessions, routines, now.tzinfo)
    today: date = now.date()
    suggestion = suggest_inversion(history, today)
    dosed = dosed_routine(routine, suggestion.minutes)
    holds = sum(step.reps for step in dosed.steps)
    return InversionPlan(suggestion, dosed, len(history), head_down_seconds(dosed, holds))


# Hip replacement ----------------------------------------------------------------

HIP_RISKY = "knee-to-opposite-shoulder"
"""Takes the hip into flexion across the body: the dislocation position after a
posterior-approach hip replacement (clinical facts §2)."""
HIP_SAFE = "piriformis-figure-4"
"""Offered in its place."""
_FIGURE_4_CUE = (
    "Knees bent. Rest the {side} ankle on the other knee and hug the other thigh gently "
    "toward you. Stop at a comfortable stretch; ask your surgeon if unsure."
)


def needs_hip_care(answers: dict[str, str]) -> bool:
    """Whether the screening said (or was unsure about) a hip replacement."""
    return answers.get("hip-replacement") in ("yes", "unsure")


def hip_safe_routine(routine: Routine) -> Routine:
    """``routine`` with every knee-to-opposite-shoulder step replaced by figure-4."""
    steps = tuple(
        replace(step, exercise=HIP_SAFE, cue=_FIGURE_4_CUE.format(side=step.side))
        if step.exercise == HIP_RISKY
        else step
        for step in routine.steps
    )
    return replace(routine, steps=steps)
