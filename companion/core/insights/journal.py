"""What the journal shows: filtering check-ins by date range and text.

Pure logic; the journal screen feeds it records page by page.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, tzinfo

from companion.core.records import CheckIn

__all__ = ["JournalFilter", "searchable_text"]


def searchable_text(entry: CheckIn) -> str:
    """Every word of an entry a person might search for, lower-cased."""
    parts = [entry.note, *entry.where, *entry.symptoms, *entry.triggers, *entry.medication]
    return " ".join(parts).lower()


@dataclass(frozen=True, slots=True)
class JournalFilter:
    """Which check-ins to show. Empty filter shows everything."""

    text: str = ""
    """Words that must all appear (note, areas, symptoms, triggers, medication)."""
    since: date | None = None
    """First local day shown (inclusive)."""
    until: date | None = None
    """Last local day shown (inclusive)."""

    @property
    def is_empty(self) -> bool:
        return not self.text.strip() and self.since is None and self.until is None

    def matches(self, entry: CheckIn, zone: tzinfo | None) -> bool:
        day = entry.at.astimezone(zone).date()
        if self.since and day < self.since:
            return False
        if self.until and day > self.until:
            return False
        words = self.text.lower().split()
        if words:
            haystack = searchable_text(entry)
            return all(word in haystack for word in words)
        return True

    def apply(self, entries: Iterable[CheckIn], zone: tzinfo | None) -> Iterator[CheckIn]:
        """The matching entries, lazily, in the order given."""
        return (entry for entry in entries if self.matches(entry, zone))
