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

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, tzinfo

from companion.core.records import CheckIn, StretchSession

__all__ = ["CAVEAT", "MIN_DAYS_EACH_SIDE", "Association", "Factor", "associations"]

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


def _day_pain(
    checkins: Iterable[CheckIn], zone: tzinfo | None
) -> tuple[dict[date, float], dict[Factor, set[date]]]:
    """Mean pain of each day, and the days each trigger or medication was listed."""
    pain: dict[date, list[int]] = defaultdict(list)
    present: dict[Factor, set[date]] = defaultdict(set)
    for entry in checkins:
        day = entry.at.astimezone(zone).date()
        pain[day].append(entry.pain)
        for label in entry.triggers:
            present[Factor("trigger", label.casefold(), label.casefold())].add(day)
        for label in entry.medication:
            present[Factor("medication", label.casefold(), label.casefold())].add(day)
    means = {day: sum(values) / len(values) for day, values in pain.items()}
    return means, present


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
    names = routine_names or {}
    therapy_of = routine_therapy or {}
    day_mean, present = _day_pain(checkins, zone)
    routine_days: dict[Factor, set[date]] = defaultdict(set)
    therapy_days: dict[Factor, set[date]] = defaultdict(set)
    for done in sessions:
        if not done.counts:
            continue
        day = done.started_at.astimezone(zone).date()
        if day not in day_mean:
            continue
        routine = Factor("routine", done.routine, names.get(done.routine, done.routine))
        routine_days[routine].add(day)
        therapy = therapy_of.get(done.routine)
        if therapy:
            therapy_days[Factor("therapy", therapy, therapy)].add(day)
    present.update(routine_days)
    walked = {day for day in walked_days if day in day_mean}
    if walked:
        present[Factor("activity", "walked", "walked (walking plan)")] = walked
    routine_sets = [frozenset(days) for days in routine_days.values()]
    for factor, days in therapy_days.items():
        if frozenset(days) not in routine_sets:
            present[factor] = days
    found = []
    for factor, with_days in present.items():
        without_days = day_mean.keys() - with_days
        if len(with_days) < min_days or len(without_days) < min_days:
            continue
        found.append(
            Association(
                factor,
                len(with_days),
                len(without_days),
                sum(day_mean[d] for d in with_days) / len(with_days),
                sum(day_mean[d] for d in without_days) / len(without_days),
            )
        )
    found.sort(key=lambda a: (round(a.difference, 9), a.factor))
    return found
