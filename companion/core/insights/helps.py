""" "What seems to help": mean pain on days with and without each habit.

For every routine, therapy, trigger and medication seen in the diary, the
days that have a check-in are split in two: days *with* it (a check-in that
day lists the trigger or medication, or a stretch session of that routine
was finished that day) and days *without* it. The mean of the daily mean
pain is compared between the two. A comparison is only made when each side
has at least :data:`MIN_DAYS_EACH_SIDE` days; with fewer, the difference is
mostly chance.

This is an association, not proof: painkillers, for example, are taken on
bad days, so they "go with" more pain. :data:`CAVEAT` says so in plain words
and every place that shows these numbers shows it too.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, tzinfo
from itertools import chain
from operator import neg

from companion.core.insights.daily import DaySummary, summarise
from companion.core.records import CheckIn, StretchSession

__all__ = [
    "CAVEAT",
    "MIN_DAYS_EACH_SIDE",
    "Association",
    "Factor",
    "associations",
    "associations_from_days",
]

MIN_DAYS_EACH_SIDE = 3
"""Days needed both with and without something before it is compared."""

CAVEAT = (
    "These are associations, not proof: something that goes with lower pain may not "
    "cause it (painkillers go with bad days because they are taken on bad days). "
    "Talk to your clinician before changing treatment."
)
"""The plain caveat shown wherever the comparisons are."""


@dataclass(frozen=True, slots=True, order=True)
class Factor:
    """Something a day can have: a routine, therapy, trigger or medication."""

    kind: str
    """``routine``, ``therapy``, ``trigger`` or ``medication``."""
    key: str
    """The routine or therapy id, or the (lower-case) label as written."""
    label: str
    """How it is named to the person."""


@dataclass(frozen=True, slots=True)
class Association:
    """Mean daily pain on days with and without one factor."""

    factor: Factor
    days_with: int
    days_without: int
    mean_with: float
    mean_without: float

    @property
    def difference(self) -> float:
        """``mean_with - mean_without``: negative means lower pain on days with it."""
        return self.mean_with - self.mean_without

    def describe(self) -> str:
        """``4.1 with, 5.6 without (12 and 30 days)``."""
        return (
            f"{self.mean_with:.1f} with, {self.mean_without:.1f} without "
            f"({self.days_with} and {self.days_without} days)"
        )


def associations(
    checkins: Iterable[CheckIn],
    sessions: Iterable[StretchSession],
    zone: tzinfo | None,
    *,
    routine_names: Mapping[str, str] | None = None,
    routine_therapy: Mapping[str, str] | None = None,
    min_days: int = MIN_DAYS_EACH_SIDE,
    walked_days: Iterable[date] = (),
) -> list[Association]:
    """Every factor with ``min_days`` days on each side, lowest pain-with first.

    Sessions count for the day they started on when they count as done (see
    ``StretchSession.counts``: never skipped through). A therapy
    (from ``routine_therapy``) is listed only where its days differ from
    those of a single routine, so one routine does not show up twice.
    """
    return associations_from_days(
        summarise(checkins, sessions, zone),
        routine_names=routine_names,
        routine_therapy=routine_therapy,
        min_days=min_days,
        walked_days=walked_days,
    )


def associations_from_days(
    days: Mapping[date, DaySummary],
    *,
    routine_names: Mapping[str, str] | None = None,
    routine_therapy: Mapping[str, str] | None = None,
    min_days: int = MIN_DAYS_EACH_SIDE,
    walked_days: Iterable[date] = (),
) -> list[Association]:
    """:func:`associations` from daily summaries (see :mod:`companion.core.insights.daily`)."""
    names = routine_names or {}
    therapy_of = routine_therapy or {}
    day_mean = {day: mean for day, s in days.items() if (mean := s.pain_mean) is not None}
    labelled: dict[tuple[str, str], set[date]] = defaultdict(set)
    done_days: dict[str, set[date]] = defaultdict(set)
    for day, summary in days.items():
        if not summary.checkins:
            continue
        for label in summary.triggers:
            labelled["trigger", label].add(day)
        for label in summary.medication:
            labelled["medication", label].add(day)
        for routine, (done, _stopped) in summary.sessions.items():
            if done:
                done_days[routine].add(day)
    present: dict[Factor, set[date]] = {
        Factor(kind, label, label): held for (kind, label), held in labelled.items()
    }
    routine_days = {
        Factor("routine", routine, names.get(routine, routine)): held
        for routine, held in done_days.items()
    }
    therapy_days: dict[Factor, set[date]] = defaultdict(set)
    for routine, held in done_days.items():
        therapy = therapy_of.get(routine)
        if therapy:
            therapy_days[Factor("therapy", therapy, therapy)] |= held
    present.update(routine_days)
    walked = {day for day in walked_days if day in day_mean}
    if walked:
        present[Factor("activity", "walked", "walked (walking plan)")] = walked
    routine_sets = [frozenset(held) for held in routine_days.values()]
    for factor, therapy_set in therapy_days.items():
        if frozenset(therapy_set) not in routine_sets:
            present[factor] = therapy_set
    found = []
    every = list(day_mean.values())
    for factor, with_days in present.items():
        days_without = len(day_mean) - len(with_days)
        if len(with_days) < min_days or days_without < min_days:
            continue
        with_pain = [day_mean[day] for day in with_days]
        # fsum is exactly rounded, so the means never depend on the order of the days,
        # and every day less the days with the factor sums exactly the days without it.
        found.append(
            Association(
                factor,
                len(with_days),
                days_without,
                math.fsum(with_pain) / len(with_days),
                math.fsum(chain(every, map(neg, with_pain))) / days_without,
            )
        )
    found.sort(key=lambda a: (round(a.difference, 9), a.factor))
    return found
