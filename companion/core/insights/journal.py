"""What the journal shows: filtering check-ins by date range, words and scores.

Pure logic; the journal screen feeds it records page by page.

Words in the filter must all appear in the entry (note, areas, symptoms,
triggers, medication, pain descriptors). A word shaped like ``sleep>=6`` is a
condition on a score instead: one of :data:`SCORES`, then ``<``, ``<=``, ``=``,
``>=`` or ``>``, then a whole number; an entry that did not give that score
does not match it.

The programme's records reach the filter through each check-in's day
(:class:`DayFacts`): ``flare`` finds check-ins on days a flare was on, a
medicine's name finds those on days a dose of it was logged, and
``walked>=20`` compares the minutes walked that day.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from companion.core.fields import whole_number
from companion.core.programme.flares import Flare, flare_days
from companion.core.programme.medication import Dose, Medicine
from companion.core.programme.walking import Walk, minutes_by_day
from companion.core.records import CheckIn

__all__ = [
    "DAY_SCORES",
    "SCORES",
    "Condition",
    "DayFacts",
    "JournalFilter",
    "conditions_and_words",
    "day_facts",
    "searchable_text",
]


@dataclass(frozen=True, slots=True)
class DayFacts:
    """What the programme recorded on one local day."""

    flare: bool = False
    """A flare was on that day."""
    medicines: tuple[str, ...] = ()
    """The names of the medicines a dose was logged of."""
    walked: int | None = None
    """Minutes walked, if any walk was logged."""


NO_FACTS = DayFacts()


def day_facts(
    flares: Iterable[Flare],
    doses: Iterable[Dose],
    medicines: Iterable[Medicine],
    walks: Iterable[Walk],
    now: datetime,
) -> dict[date, DayFacts]:
    """Each local day's flare, doses and walking, for the filter (live records only)."""
    zone = now.tzinfo
    live_flares = [f for f in flares if f.deleted_at is None]
    starts = [f.started_at.astimezone(zone).date() for f in live_flares]
    flaring = set(flare_days(live_flares, min(starts), now.date(), now)) if starts else set()
    names = {m.id: m.name for m in medicines}
    taken: dict[date, set[str]] = {}
    for dose in doses:
        if dose.deleted_at is None and dose.medicine in names:
            taken.setdefault(dose.at.astimezone(zone).date(), set()).add(names[dose.medicine])
    walked = minutes_by_day((w for w in walks if w.deleted_at is None), zone)
    return {
        day: DayFacts(day in flaring, tuple(sorted(taken.get(day, ()))), walked.get(day))
        for day in flaring | set(taken) | set(walked)
    }


SCORES: dict[str, Callable[[CheckIn], int | None]] = {
    "pain": lambda entry: entry.pain,
    "leg": lambda entry: entry.leg,
    "back": lambda entry: entry.back,
    "sleep": lambda entry: entry.sleep_interference,
    "sitting": lambda entry: entry.sitting_minutes,
}
"""The scores a filter condition can name: pain, leg and back pain, sleep
interference (0–10) and sitting tolerance (minutes)."""

DAY_SCORES: dict[str, Callable[[DayFacts], int | None]] = {
    "walked": lambda facts: facts.walked,
}
"""Conditions on the check-in's day rather than the check-in: minutes walked."""

_COMPARISONS: dict[str, Callable[[int, int], bool]] = {
    "<=": operator.le,
    ">=": operator.ge,
    "<": operator.lt,
    ">": operator.gt,
    "=": operator.eq,
}
_CONDITION = re.compile(r"([a-z]+)(<=|>=|<|>|=)(-?[0-9]{1,9})")


def searchable_text(entry: CheckIn, facts: DayFacts = NO_FACTS) -> str:
    """Every word of an entry (and of its day) a person might search for, lower-cased."""
    parts = [
        "flare" if facts.flare else "",
        *facts.medicines,
        entry.note,
        *entry.where,
        *entry.symptoms,
        *entry.triggers,
        *entry.medication,
        *entry.descriptors,
    ]
    return " ".join(parts).lower()


@dataclass(frozen=True, slots=True)
class Condition:
    """``sleep>=6``: a score compared with a number."""

    score: str
    comparison: str
    number: int

    def matches(self, entry: CheckIn, facts: DayFacts = NO_FACTS) -> bool:
        if self.score in DAY_SCORES:
            value = DAY_SCORES[self.score](facts)
        else:
            value = SCORES[self.score](entry)
        return value is not None and _COMPARISONS[self.comparison](value, self.number)


def conditions_and_words(text: str) -> tuple[tuple[Condition, ...], tuple[str, ...]]:
    """The filter's conditions on scores, and its other words, lower-cased."""
    conditions: list[Condition] = []
    words: list[str] = []
    for word in text.lower().split():
        found = _CONDITION.fullmatch(word)
        number = None if found is None else whole_number(found.group(3))
        known = found is not None and (found.group(1) in SCORES or found.group(1) in DAY_SCORES)
        if found is not None and number is not None and known:
            conditions.append(Condition(found.group(1), found.group(2), number))
        else:
            words.append(word)
    return tuple(conditions), tuple(words)


@dataclass(frozen=True, slots=True)
class JournalFilter:
    """Which check-ins to show. Empty filter shows everything."""

    text: str = ""
    """Words that must all appear, and conditions on scores (see the module)."""
    since: date | None = None
    """First local day shown (inclusive)."""
    until: date | None = None
    """Last local day shown (inclusive)."""
    days: Mapping[date, DayFacts] = field(default_factory=dict)
    """Each local day's programme records (see :func:`day_facts`)."""

    @property
    def is_empty(self) -> bool:
        return not self.text.strip() and self.since is None and self.until is None

    def matches(self, entry: CheckIn, zone: tzinfo | None) -> bool:
        return self._matches(entry, zone, *conditions_and_words(self.text))

    def _matches(
        self,
        entry: CheckIn,
        zone: tzinfo | None,
        conditions: tuple[Condition, ...],
        words: tuple[str, ...],
    ) -> bool:
        day = entry.at.astimezone(zone).date()
        if self.since and day < self.since:
            return False
        if self.until and day > self.until:
            return False
        facts = self.days.get(day, NO_FACTS)
        if not all(condition.matches(entry, facts) for condition in conditions):
            return False
        if words:
            haystack = searchable_text(entry, facts)
            return all(word in haystack for word in words)
        return True

    def apply(self, entries: Iterable[CheckIn], zone: tzinfo | None) -> Iterator[CheckIn]:
        """The matching entries, lazily, in the order given (the words are read once)."""
        conditions, words = conditions_and_words(self.text)
        return (entry for entry in entries if self._matches(entry, zone, conditions, words))
