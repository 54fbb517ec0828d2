"""The stretch timer: a pure state machine that walks a routine's phases.

A routine expands into a flat list of :class:`Phase`: per step, per rep, a
*hold* then a *rest* (no rest when ``rest_seconds`` is 0, none after the last
hold). :class:`RoutineTimer` never sleeps, starts no thread and does no I/O:
the UI calls :meth:`~RoutineTimer.tick` about once a second (and whenever it
likes), reacts to the :class:`TimerEvent` list it returns, and draws from
:meth:`~RoutineTimer.snapshot`.

Timing uses deadlines on the monotonic clock, not counted ticks: each phase's
deadline is the previous deadline plus its duration, so irregular or late
ticks never drift. Pausing stores the remaining time; resuming sets a new
deadline. A tick more than :data:`LATE_LIMIT_SECONDS` past the deadline means
the process was stopped (``ctrl+z``, a frozen VM): rather than race through
the missed phases, the timer pauses in the phase that was running, with the
time it showed at the last tick, and reports ``suspended``. (A system suspend
does not advance the monotonic clock on Linux or macOS, so there the timer
simply picks up where it was.)

``completed_steps`` counts hold phases actually done: the timer ran them out.
A hold skipped with ``next`` before its time was up is counted in
``skipped_steps`` instead, never as done (going back and holding it again
makes it done). ``total_steps`` is the number of hold phases (steps x reps).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from itertools import accumulate
from typing import Literal

from companion.core.clock import Clock
from companion.core.content.routine import Routine
from companion.core.records import StretchSession

__all__ = ["COUNTDOWN_FROM", "LATE_LIMIT_SECONDS", "EventKind", "Phase", "PhaseKind"]
__all__ += ["RoutineTimer", "TimerEvent", "TimerSnapshot", "TimerState", "expand_routine"]

PhaseKind = Literal["hold", "rest"]
TimerState = Literal["ready", "running", "paused", "finished", "stopped"]
EventKind = Literal[
    "phase_started", "countdown", "paused", "resumed", "suspended", "finished", "stopped"
]

COUNTDOWN_FROM = 3
"""Countdown cues 3, 2, 1 in the last seconds of a phase (only values below its length)."""

LATE_LIMIT_SECONDS = 5.0
"""A tick this much past the deadline means the process was stopped: pause, don't race."""

_EPSILON = 1e-6
_ACTIVE = ("ready", "running", "paused")
_SIDE_LABELS = {"left": " (left)", "right": " (right)", "both": " (both sides)"}


@dataclass(frozen=True, slots=True)
class Phase:
    """One timed stretch of a routine: a hold or a rest."""

    index: int
    """Position in :attr:`RoutineTimer.phases` (0-based)."""
    step_index: int
    """Index of the routine step this phase belongs to (0-based)."""
    rep: int
    """Which repetition of the step, 1-based."""
    reps: int
    """How many repetitions the step has."""
    kind: PhaseKind
    """``hold`` or ``rest``."""
    duration: int
    """Length in seconds (always at least 1)."""
    exercise: str
    """The step's exercise article id (look up its title for display)."""
    side: str
    """The step's side: ``left``, ``right``, ``both`` or ``none``."""
    cue: str
    """The step's one-sentence cue."""
    next_description: str = ""
    """:attr:`label` of the following phase, for "Next: …"; empty for the last phase."""

    @property
    def label(self) -> str:
        """Short text: ``Piriformis figure 4 (left), 2 of 3`` or ``Rest 10 s``."""
        if self.kind == "rest":
            return f"Rest {self.duration} s"
        name = self.exercise.replace("-", " ").capitalize()
        return f"{name}{_SIDE_LABELS.get(self.side, '')}, {self.rep} of {self.reps}"


@dataclass(frozen=True, slots=True)
class TimerEvent:
    """Something the UI should react to (bell and flash on ``phase_started``)."""

    kind: EventKind
    """What happened."""
    phase: Phase
    """The phase current after the event (for ``finished``: the last phase)."""
    count: int | None = None
    """For ``countdown``: 3, 2 or 1."""
    interrupted_seconds: float = 0.0
    """For ``suspended``: how long the timer went unobserved."""


@dataclass(frozen=True, slots=True)
class TimerSnapshot:
    """Everything the timer screen draws, read at one instant."""

    state: TimerState
    phase: Phase
    """The current phase (the last one once finished)."""
    phase_count: int
    """How many phases the routine has."""
    remaining_seconds: int
    """Seconds left in the phase, rounded up for display."""
    phase_fraction: float
    """How much of the phase has elapsed, 0–1."""
    progress: float
    """How much of the whole routine's time has elapsed, 0–1."""
    completed_steps: int
    """Hold phases moved past (all of them once finished)."""
    total_steps: int
    """Number of hold phases (steps x reps)."""
    next_phase: Phase | None
    """The phase after this one, if any."""
    next_description: str
    """Its label, or ``""`` when this is the last phase."""
    countdown: int | None
    """3, 2 or 1 in a phase's last seconds while running or paused, else ``None``."""


def expand_routine(routine: Routine) -> tuple[Phase, ...]:
    """The routine's phases in order. Raises ``ValueError`` for an empty or untimed routine."""
    raw: list[tuple[int, int, int, PhaseKind, int]] = []
    for step_index, step in enumerate(routine.steps):
        if step.hold_seconds < 1 or step.reps < 1 or step.rest_seconds < 0:
            raise ValueError(f"routine {routine.id!r} step {step_index + 1} has no time to hold")
        for rep in range(1, step.reps + 1):
            raw.append((step_index, rep, step.reps, "hold", step.hold_seconds))
            if step.rest_seconds > 0:
                raw.append((step_index, rep, step.reps, "rest", step.rest_seconds))
    if raw and raw[-1][3] == "rest":
        raw.pop()
    if not raw:
        raise ValueError(f"routine {routine.id!r} has no steps")
    steps = routine.steps
    phases = [
        Phase(i, n, rep, reps, kind, dur, steps[n].exercise, steps[n].side, steps[n].cue)
        for i, (n, rep, reps, kind, dur) in enumerate(raw)
    ]
    return tuple(
        replace(phase, next_description=phases[i + 1].label) if i + 1 < len(phases) else phase
        for i, phase in enumerate(phases)
    )


class RoutineTimer:
    """Runs one routine: ``ready`` → ``running`` ⇄ ``paused`` → ``finished`` | ``stopped``.

    Every control method returns the events it caused (possibly none) and is
    a no-op in a state where it makes no sense.
    """

    def __init__(
        self, routine: Routine, clock: Clock, *, late_limit: float = LATE_LIMIT_SECONDS
    ) -> None:
        self.routine = routine
        """The routine being run."""
        self.phases: tuple[Phase, ...] = expand_routine(routine)
        """Its phases, in order."""
        self.total_steps: int = sum(phase.kind == "hold" for phase in self.phases)
        """Number of hold phases."""
        self.started_at: datetime | None = None
        """Wall time of :meth:`start`."""
        self.ended_at: datetime | None = None
        """Wall time the last phase ended, or of :meth:`stop`."""
        self._clock = clock
        self._late_limit = late_limit
        self._state: TimerState = "ready"
        self._index = 0
        self._remaining = float(self.phases[0].duration)  # while not running
        self._deadline = 0.0  # while running
        self._last_seen = 0.0  # monotonic time of the last look at the clock while running
        self._counted = COUNTDOWN_FROM + 1  # lowest countdown emitted in this phase
        durations = [phase.duration for phase in self.phases]
        self._offsets = [0, *accumulate(durations)]  # seconds before each phase
        self._skipped: set[int] = set()  # indexes of holds skipped with next
        self.total_seconds: int = sum(durations)
        """The routine's length without pauses."""

    @property
    def state(self) -> TimerState:
        return self._state

    def _running(self) -> bool:
        # A call, so that a check after catching up is not narrowed by an earlier one.
        return self._state == "running"

    @property
    def phase(self) -> Phase:
        """The current phase."""
        return self.phases[self._index]

    def start(self) -> list[TimerEvent]:
        """Start from ``ready`` (at the first phase, or where next/previous moved to)."""
        if self._state != "ready":
            return []
        now = self._clock.monotonic()
        self.started_at = self._clock.now()
        self._state = "running"
        self._deadline = now + self._remaining
        self._last_seen = now
        return [TimerEvent("phase_started", self.phase), *self._countdown(now)]

    def pause(self) -> list[TimerEvent]:
        """Freeze the remaining time."""
        if self._state != "running":
            return []
        now = self._clock.monotonic()
        events = self._catch_up(now)
        if not self._running():  # finished or suspended while unobserved
            return events
        self._state = "paused"
        self._remaining = self._deadline - now
        return [*events, TimerEvent("paused", self.phase)]

    def resume(self) -> list[TimerEvent]:
        """Continue a paused phase with the time it had left."""
        if self._state != "paused":
            return []
        now = self._clock.monotonic()
        self._state = "running"
        self._deadline = now + self._remaining
        self._last_seen = now
        return [TimerEvent("resumed", self.phase), *self._countdown(now)]

    def toggle(self) -> list[TimerEvent]:
        """``space``: start, pause or resume as fits the state."""
        if self._state == "ready":
            return self.start()
        return self.pause() if self._state == "running" else self.resume()

    def next(self) -> list[TimerEvent]:
        """Skip to the start of the next phase; on the last phase, finish the routine."""
        if self._state not in _ACTIVE:
            return []
        if self._index + 1 < len(self.phases):
            return self._jump(self._index + 1)
        if self._state == "ready":
            return []
        return self._finish(late=0.0, skipped=True)

    def previous(self) -> list[TimerEvent]:
        """Back to the start of the previous phase (the first phase restarts)."""
        return self._jump(max(self._index - 1, 0)) if self._state in _ACTIVE else []

    def restart_phase(self) -> list[TimerEvent]:
        """Start the current phase over with its full duration."""
        return self._jump(self._index) if self._state in _ACTIVE else []

    def stop(self) -> list[TimerEvent]:
        """The user aborts. A routine whose last phase already ran out finishes instead."""
        if self._state not in _ACTIVE:
            return []
        now = self._clock.monotonic()
        events = self._catch_up(now)
        if self._state == "finished":
            return events
        if self._state == "running":
            self._remaining = self._deadline - now
        self._state = "stopped"
        self.ended_at = self._wall_at(0.0)
        return [*events, TimerEvent("stopped", self.phase)]

    def tick(self) -> list[TimerEvent]:
        """Advance by the clock; returns what happened since the last call, in order."""
        return self._catch_up(self._clock.monotonic())

    def snapshot(self) -> TimerSnapshot:
        """The timer's state now, without changing anything."""
        phase = self.phase
        if self._state == "running":
            remaining = max(self._deadline - self._clock.monotonic(), 0.0)
        elif self._state == "finished":
            remaining = 0.0
        else:
            remaining = self._remaining
        shown = max(math.ceil(remaining - _EPSILON), 0)
        following = self.phases[self._index + 1] if self._index + 1 < len(self.phases) else None
        elapsed = self._offsets[self._index] + phase.duration - remaining
        counting = self._state in ("running", "paused") and 1 <= shown <= COUNTDOWN_FROM
        return TimerSnapshot(
            state=self._state,
            phase=phase,
            phase_count=len(self.phases),
            remaining_seconds=shown,
            phase_fraction=min(max(1.0 - remaining / phase.duration, 0.0), 1.0),
            progress=min(max(elapsed / self.total_seconds, 0.0), 1.0),
            completed_steps=self.completed_steps,
            total_steps=self.total_steps,
            next_phase=following,
            next_description=phase.next_description,
            countdown=shown if counting and shown < phase.duration else None,
        )

    @property
    def completed_steps(self) -> int:
        """Hold phases run out (never one skipped with ``next``)."""
        end = len(self.phases) if self._state == "finished" else self._index
        return sum(
            1
            for index in range(end)
            if self.phases[index].kind == "hold" and index not in self._skipped
        )

    @property
    def skipped_steps(self) -> int:
        """Hold phases skipped with ``next`` before their time was up."""
        return len(self._skipped)

    def to_session(
        self, session_id: str, *, pain_before: int | None = None, pain_after: int | None = None
    ) -> StretchSession:
        """The session log entry. Before finishing it is ``aborted`` (a lost terminal, say)."""
        if self.started_at is None:
            raise ValueError("the timer was never started")
        ended = self.ended_at or self._wall_at(0.0)
        return StretchSession(
            id=session_id,
            routine=self.routine.id,
            started_at=self.started_at,
            ended_at=ended,
            completed_steps=self.completed_steps,
            total_steps=self.total_steps,
            skipped_steps=self.skipped_steps,
            aborted=self._state != "finished",
            pain_before=pain_before,
            pain_after=pain_after,
        )

    def _catch_up(self, now: float) -> list[TimerEvent]:
        if self._state != "running":
            return []
        if now - self._deadline > self._late_limit:
            gap = now - self._last_seen
            self._state = "paused"
            self._remaining = min(self._deadline - self._last_seen, self.phase.duration)
            return [TimerEvent("suspended", self.phase, interrupted_seconds=gap)]
        events: list[TimerEvent] = []
        while now >= self._deadline:
            if self._index + 1 == len(self.phases):
                return [*events, *self._finish(late=now - self._deadline)]
            self._enter(self._index + 1, start=self._deadline)
            events.append(TimerEvent("phase_started", self.phase))
        self._last_seen = now
        return [*events, *self._countdown(now)]

    def _countdown(self, now: float) -> list[TimerEvent]:
        remaining = self._deadline - now
        duration = self.phase.duration
        due = [n for n in range(1, COUNTDOWN_FROM + 1) if n < duration and remaining <= n]
        if not due or min(due) >= self._counted:
            return []
        self._counted = min(due)  # a late tick cues only the current number
        return [TimerEvent("countdown", self.phase, count=self._counted)]

    def _enter(self, index: int, *, start: float) -> None:
        self._index = index
        self._counted = COUNTDOWN_FROM + 1
        if self._state == "running":
            self._deadline = start + self.phase.duration
            self._last_seen = start
        else:
            self._remaining = float(self.phase.duration)

    def _jump(self, index: int) -> list[TimerEvent]:
        if index > self._index and self.phase.kind == "hold":
            self._skipped.add(self._index)
        self._skipped.discard(index)  # held again from the start: it may yet be done
        self._enter(index, start=self._clock.monotonic())
        return [TimerEvent("phase_started", self.phase)]

    def _finish(self, *, late: float, skipped: bool = False) -> list[TimerEvent]:
        if skipped and self.phase.kind == "hold":
            self._skipped.add(self._index)
        self._state = "finished"
        self._remaining = 0.0
        self.ended_at = self._wall_at(late)
        return [TimerEvent("finished", self.phase)]

    def _wall_at(self, seconds_ago: float) -> datetime:
        """Wall time ``seconds_ago`` before now, never before ``started_at``."""
        wall = self._clock.now() - timedelta(seconds=seconds_ago)
        return wall if self.started_at is None else max(wall, self.started_at)
