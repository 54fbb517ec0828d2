"""Routines: ordered, timed steps the stretch timer walks through.

Routines are content (YAML under ``content/routines/`` or the user's config
directory); :mod:`companion.core.content.library` parses and validates them into
these dataclasses, and :mod:`companion.core.timer.engine` runs them.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ROUTINE_SIDES", "Routine", "RoutineStep"]

ROUTINE_SIDES = ("left", "right", "both", "none")
"""Which side a step works on; ``none`` for steps with no side (inversion)."""


@dataclass(frozen=True, slots=True)
class RoutineStep:
    """One exercise in a routine, done ``reps`` times."""

    exercise: str
    """The article id of the exercise (``piriformis-figure-4``)."""
    side: str
    """One of :data:`ROUTINE_SIDES`."""
    hold_seconds: int
    """How long each repetition is held."""
    reps: int
    """How many repetitions."""
    rest_seconds: int
    """Rest after each repetition (none after the very last one of a routine)."""
    cue: str
    """What to do, in a sentence, shown while the step runs."""


@dataclass(frozen=True, slots=True)
class Routine:
    """A named sequence of steps for one therapy."""

    id: str
    title: str
    therapy: str
    """Therapy id, so the screening verdict for it applies (``stretching``)."""
    summary: str
    steps: tuple[RoutineStep, ...]
    source: str = "built-in"
    """``built-in`` or ``user`` (the user's own routine from their config dir)."""
    path: str = ""
    """The file it was loaded from, for error messages."""
