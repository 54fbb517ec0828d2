"""Sessions by kind: inversion is reported apart from stretching everywhere
(the dashboard, trends, the clinician report), by one rule."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from companion.core.records import StretchSession

__all__ = [
    "DayCounts",
    "day_counts",
    "is_inversion",
    "stretches_and_inversions",
    "therapies",
]


class _Routine(Protocol):
    """A routine, or the content index's entry for one."""

    @property
    def id(self) -> str: ...

    @property
    def therapy(self) -> str: ...


def therapies(routines: Iterable[_Routine]) -> dict[str, str]:
    """Routine id → its therapy."""
    return {routine.id: routine.therapy for routine in routines}


def is_inversion(routine: str, therapy_of: Mapping[str, str]) -> bool:
    """Whether sessions of ``routine`` are inversion (its therapy in ``therapy_of``)."""
    return therapy_of.get(routine) == "inversion"


def stretches_and_inversions(
    sessions: Iterable[StretchSession], therapy_of: Mapping[str, str]
) -> tuple[list[StretchSession], list[StretchSession]]:
    """``sessions`` split in two: stretch sessions, and inversion sessions (a routine
    whose therapy, in ``therapy_of``, is inversion)."""
    stretches: list[StretchSession] = []
    inversions: list[StretchSession] = []
    for session in sessions:
        inverted = is_inversion(session.routine, therapy_of)
        (inversions if inverted else stretches).append(session)
    return stretches, inversions


@dataclass(frozen=True, slots=True)
class DayCounts:
    """A day's sessions as the daily goal sees them."""

    stretches: int
    """Stretch sessions finished (these count towards the daily goal)."""
    inversions: int
    """Inversion sessions finished (never towards the goal)."""
    inversions_stopped: int
    """Inversion sessions stopped early or skipped through."""


def day_counts(sessions: Iterable[StretchSession], therapy_of: Mapping[str, str]) -> DayCounts:
    """Finished stretch and inversion sessions among ``sessions``, counted apart."""
    stretches, inversions = stretches_and_inversions(sessions, therapy_of)
    inverted = sum(1 for session in inversions if session.counts)
    return DayCounts(
        stretches=sum(1 for session in stretches if session.counts),
        inversions=inverted,
        inversions_stopped=len(inversions) - inverted,
    )
