"""Daily summaries: everything trends and the clinician report need from one local day.

A :class:`DaySummary` holds whole numbers and sets only (counts, sums,
labels seen), so the summaries of parts of a history add up exactly to the
summary of the whole: :func:`merge_days` of the summaries of each month's
entries equals :func:`summarise` of all of them. That is what lets the store
keep them per month (see :mod:`companion.store.summaries`) and the report be
built from them (:func:`companion.core.report.model.report_from_days`) with the
very numbers a full read would give.

Check-ins marked for the clinician with a note are kept whole: the report
quotes them. Sitting tolerances are kept one by one with the instant and id of
their check-in, since the report gives the latest and the range.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo

from companion.core.records import CheckIn, StretchSession

__all__ = ["DaySummary", "Sitting", "instant_key", "merge_days", "summarise"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)

Sitting = tuple[int, str, int]
"""A sitting-tolerance answer: ``(instant key, check-in id, minutes)``."""


def instant_key(at: datetime) -> int:
    """Microseconds since 1970 UTC: sorts as the instants do, and is a plain number."""
    return (at - _EPOCH) // _MICROSECOND


@dataclass(slots=True)
class DaySummary:
    """One local day's live check-ins and stretch sessions, summed."""

    checkins: int = 0
    pain_sum: int = 0
    pain_min: int | None = None
    pain_max: int | None = None
    leg_sum: int = 0
    leg_count: int = 0
    back_sum: int = 0
    back_count: int = 0
    triggers: set[str] = field(default_factory=set)
    """Triggers listed that day, case-folded."""
    medication: set[str] = field(default_factory=set)
    """Medication listed that day, case-folded."""
    areas: dict[str, int] = field(default_factory=dict)
    """Check-ins that marked each area."""
    sessions: dict[str, list[int]] = field(default_factory=dict)
    """Routine id → ``[sessions that count as done, sessions that do not]``."""
    notes: list[CheckIn] = field(default_factory=list)
    """Check-ins with a note marked for the clinician."""
    descriptors: dict[str, int] = field(default_factory=dict)
    """Check-ins that gave each pain descriptor."""
    sleep_sum: int = 0
    sleep_count: int = 0
    sitting: list[Sitting] = field(default_factory=list)
    """Sitting tolerances given, in the order of their check-ins' ``(at, id)``."""

    def add_checkin(self, entry: CheckIn) -> None:
        self.checkins += 1
        self.pain_sum += entry.pain
        self.pain_min = min(entry.pain, entry.pain if self.pain_min is None else self.pain_min)
        self.pain_max = max(entry.pain, entry.pain if self.pain_max is None else self.pain_max)
        if entry.leg is not None:
            self.leg_sum += entry.leg
            self.leg_count += 1
        if entry.back is not None:
            self.back_sum += entry.back
            self.back_count += 1
        self.triggers.update(label.casefold() for label in entry.triggers)
        self.medication.update(label.casefold() for label in entry.medication)
        for area in set(entry.where):
            self.areas[area] = self.areas.get(area, 0) + 1
        if entry.for_clinician and entry.note.strip():
            self.notes.append(entry)
        for word in set(entry.descriptors):
            self.descriptors[word] = self.descriptors.get(word, 0) + 1
        if entry.sleep_interference is not None:
            self.sleep_sum += entry.sleep_interference
            self.sleep_count += 1
        if entry.sitting_minutes is not None:
            self.sitting.append((instant_key(entry.at), entry.id, entry.sitting_minutes))
            self.sitting.sort()

    def add_session(self, session: StretchSession) -> None:
        counts = self.sessions.setdefault(session.routine, [0, 0])
        counts[0 if session.counts else 1] += 1

    def add(self, other: DaySummary) -> None:
        """Add another part of the same day."""
        self.checkins += other.checkins
        self.pain_sum += other.pain_sum
        if other.pain_min is not None:
            self.pain_min = (
                other.pain_min if self.pain_min is None else min(self.pain_min, other.pain_min)
            )
        if other.pain_max is not None:
            self.pain_max = (
                other.pain_max if self.pain_max is None else max(self.pain_max, other.pain_max)
            )
        self.leg_sum += other.leg_sum
        self.leg_count += other.leg_count
        self.back_sum += other.back_sum
        self.back_count += other.back_count
        self.triggers |= other.triggers
        self.medication |= other.medication
        for area, count in other.areas.items():
            self.areas[area] = self.areas.get(area, 0) + count
        for routine, (done, stopped) in other.sessions.items():
            counts = self.sessions.setdefault(routine, [0, 0])
            counts[0] += done
            counts[1] += stopped
        self.notes.extend(other.notes)
        for word, count in other.descriptors.items():
            self.descriptors[word] = self.descriptors.get(word, 0) + count
        self.sleep_sum += other.sleep_sum
        self.sleep_count += other.sleep_count
        if other.sitting:
            self.sitting = sorted(self.sitting + other.sitting)

    @property
    def pain_mean(self) -> float | None:
        """The day's mean pain, or ``None`` on a day without a check-in."""
        return self.pain_sum / self.checkins if self.checkins else None

    @property
    def sessions_done(self) -> int:
        return sum(done for done, _ in self.sessions.values())


def summarise(
    checkins: Iterable[CheckIn], sessions: Iterable[StretchSession], zone: tzinfo | None
) -> dict[date, DaySummary]:
    """The summary of each local day with a live check-in or session."""
    days: dict[date, DaySummary] = {}
    for entry in checkins:
        if entry.deleted_at is None:
            day = entry.at.astimezone(zone).date()
            days.setdefault(day, DaySummary()).add_checkin(entry)
    for session in sessions:
        if session.deleted_at is None:
            day = session.started_at.astimezone(zone).date()
            days.setdefault(day, DaySummary()).add_session(session)
    return days


def merge_days(parts: Iterable[Mapping[date, DaySummary]]) -> dict[date, DaySummary]:
    """The summaries of several parts of a history as one (a day may span two parts).

    A day found in one part only is that part's summary itself, not a copy:
    the parts are not to be changed afterwards.
    """
    merged: dict[date, DaySummary] = {}
    spanning: set[date] = set()
    for part in parts:
        for day, summary in part.items():
            held = merged.get(day)
            if held is None:
                merged[day] = summary
                continue
            if day not in spanning:  # a new summary, so the parts stay as they were
                spanning.add(day)
                merged[day] = held = _copy(held)
            held.add(summary)
    return merged


def _copy(summary: DaySummary) -> DaySummary:
    copied = DaySummary()
    copied.add(summary)
    return copied
