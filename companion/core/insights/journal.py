"""What the journal shows: filtering check-ins by date range, words and scores.

Pure logic; the journal screen feeds it records page by page.

Words in the filter must all appear in the entry (note, areas, symptoms,
triggers, medication, pain descriptors). A word shaped like ``sleep>=6`` is a
condition on a score instead: one of :data:`SCORES`, then ``<``, ``<=``, ``=``,
``>=`` or ``>``, then a whole number; an entry that did not give that score
does not match it.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, tzinfo

from companion.core.fields import whole_number
from companion.core.records import CheckIn

__all__ = ["SCORES", "Condition", "JournalFilter", "conditions_and_words", "searchable_text"]

SCORES: dict[str, Callable[[CheckIn], int | None]] = {
    "pain": lambda entry: entry.pain,
    "leg": lambda entry: entry.leg,
    "back": lambda entry: entry.back,
    "sleep": lambda entry: entry.sleep_interference,
    "sitting": lambda entry: entry.sitting_minutes,
}
"""The scores a filter condition can name: pain, leg and back pain, sleep
interference (0–10) and sitting tolerance (minutes)."""

_COMPARISONS: dict[str, Callable[[int, int], bool]] = {
    "<=": operator.le,
    ">=": operator.ge,
    "<": operator.lt,
    ">": operator.gt,
    "=": operator.eq,
}
_CONDITION = re.compile(r"([a-z]+)(<=|>=|<|>|=)(-?[0-9]{1,9})")


def searchable_text(entry: CheckIn) -> str:
    """Every word of an entry a person might search for, lower-cased."""
    parts = [
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

    def matches(self, entry: CheckIn) -> bool:
        value = SCORES[self.score](entry)
        return value is not None and _COMPARISONS[self.comparison](value, self.number)


def conditions_and_words(text: str) -> tuple[tuple[Condition, ...], tuple[str, ...]]:
    """The filter's conditions on scores, and its other words, lower-cased."""
    conditions: list[Condition] = []
    words: list[str] = []
    for word in text.lower().split():
        found = _CONDITION.fullmatch(word)
        number = None if found is None else whole_number(found.group(3))
        if found is not None and number is not None and found.group(1) in SCORES:
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
        if not all(condition.matches(entry) for condition in conditions):
            return False
        if words:
            haystack = searchable_text(entry)
            return all(word in haystack for word in words)
        return True

    def apply(self, entries: Iterable[CheckIn], zone: tzinfo | None) -> Iterator[CheckIn]:
        """The matching entries, lazily, in the order given (the words are read once)."""
        conditions, words = conditions_and_words(self.text)
        return (entry for entry in entries if self._matches(entry, zone, conditions, words))
