"""The clinician report's content: everything the one-page HTML shows, as plain data.

:func:`build_report` takes records (already read from the store) and a
period of local days, and works out the numbers; :mod:`companion.core.report.html`
only lays them out. Keeping the two apart lets the tests check the numbers
against answers worked out by hand without parsing HTML.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo

from companion.core.insights.helps import Association, associations
from companion.core.insights.trends import (
    Change,
    DayPoint,
    change_call,
    daily_points,
    rolling_mean,
    series,
)
from companion.core.programme.flares import flare_days
from companion.core.records import (
    DESCRIPTORS,
    CheckIn,
    ScreeningRecord,
    StretchSession,
    WeeklyMeasures,
)
from companion.core.report.programme import ProgrammeSection
from companion.core.timer.kinds import stretches_and_inversions

__all__ = [
    "DEFAULT_DAYS",
    "ClinicianReport",
    "PainQualities",
    "build_report",
    "default_start",
    "pain_qualities",
]

DEFAULT_DAYS = 90
"""Days a report covers when no start is given: a usual gap between appointments."""


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


@dataclass(frozen=True, slots=True)
class PainQualities:
    """What the pain felt like, and how it touched sleep and sitting, over a period."""

    checkins: int
    """Check-ins counted (the denominator of the descriptor counts)."""
    descriptors: tuple[tuple[str, int], ...]
    """Each descriptor used, with the check-ins that gave it, most used first."""
    mean_sleep: float | None
    """Mean sleep interference, 0–10, of the check-ins that gave it."""
    sleep_count: int
    sitting: tuple[int, ...]
    """Sitting tolerances given, in minutes, oldest first."""

    @property
    def any(self) -> bool:
        """Whether any check-in gave one of these."""
        return bool(self.descriptors or self.sleep_count or self.sitting)


def pain_qualities(entries: Iterable[CheckIn]) -> PainQualities:
    """Descriptor counts, sleep interference and sitting tolerance over ``entries``."""
    ordered = sorted(entries, key=lambda entry: entry.at)
    counts = {word: sum(word in e.descriptors for e in ordered) for word in DESCRIPTORS}
    used = sorted(
        ((word, count) for word, count in counts.items() if count),
        key=lambda pair: (-pair[1], DESCRIPTORS.index(pair[0])),
    )
    sleep = [e.sleep_interference for e in ordered if e.sleep_interference is not None]
    return PainQualities(
        checkins=len(ordered),
        descriptors=tuple(used),
        mean_sleep=_mean(sleep),
        sleep_count=len(sleep),
        sitting=tuple(e.sitting_minutes for e in ordered if e.sitting_minutes is not None),
    )


@dataclass(frozen=True, slots=True)
class ClinicianReport:
    """What the clinician report says, for one period of local days."""

    start: date
    """First day of the period."""
    end: date
    """Last day of the period (included)."""
    generated_at: datetime
    checkin_count: int
    """Check-ins in the period."""
    days_with_checkins: int
    mean_pain: float | None
    """Mean of every check-in's pain score in the period."""
    mean_leg: float | None
    leg_count: int
    """Check-ins that gave a leg pain score."""
    mean_back: float | None
    back_count: int
    points: tuple[DayPoint, ...]
    """Daily means, oldest first (the chart's dots)."""
    rolling_pain: tuple[tuple[date, float], ...]
    """7-day mean of daily pain (the chart's main line)."""
    rolling_leg: tuple[tuple[date, float], ...]
    rolling_back: tuple[tuple[date, float], ...]
    change: Change
    """First week against the last 7 days, for pain."""
    leg_change: Change
    back_change: Change
    measures: tuple[WeeklyMeasures, ...]
    """Weekly measures in the period, oldest first."""
    helps: tuple[Association, ...]
    """With/without comparisons (3 days each side at least), lowest pain-with first."""
    sessions_done: int
    """Stretch sessions finished (not stopped early) in the tracked days."""
    sessions_stopped: int
    """Sessions stopped before the last step (or skipped through)."""
    daily_target: int
    tracked_days: int
    """Days from the first entry in the period to its end: the target's denominator."""
    days_target_met: int
    screening: ScreeningRecord | None
    """The latest screening up to the end of the period (it may be older than the period)."""
    notes: tuple[CheckIn, ...]
    """Check-ins whose note the person marked for the clinician, oldest first."""
    inversion_done: int = 0
    """Inversion sessions done (reported apart: they are not stretches)."""
    inversion_stopped: int = 0
    """Inversion sessions stopped early or skipped through."""
    programme: ProgrammeSection | None = None
    """Medicines, flares, walking plan and goals, when the caller read them."""
    qualities: PainQualities | None = None
    """Pain descriptors, sleep interference and sitting tolerance in the period."""

    @property
    def days(self) -> int:
        """Days in the period."""
        return (self.end - self.start).days + 1

    @property
    def flare_days(self) -> list[date]:
        """Days of the period with a flare on, for the charts (none without a programme)."""
        if self.programme is None:
            return []
        return flare_days(self.programme.flares.flares, self.start, self.end, self.generated_at)

    @property
    def sessions_target(self) -> int:
        """Sessions aimed for over the tracked days."""
        return self.daily_target * self.tracked_days


def build_report(
    *,
    checkins: Iterable[CheckIn],
    sessions: Iterable[StretchSession],
    measures: Iterable[WeeklyMeasures],
    screening: ScreeningRecord | None,
    start: date,
    end: date,
    zone: tzinfo | None,
    generated_at: datetime,
    daily_target: int,
    routine_names: Mapping[str, str] | None = None,
    routine_therapy: Mapping[str, str] | None = None,
    programme: ProgrammeSection | None = None,
    walked_days: Iterable[date] = (),
) -> ClinicianReport:
    """The report for the local days ``start``–``end``; entries outside them are ignored."""

    def inside(when: datetime) -> bool:
        return start <= when.astimezone(zone).date() <= end

    entries = [c for c in checkins if c.deleted_at is None and inside(c.at)]
    done = [s for s in sessions if s.deleted_at is None and inside(s.started_at)]
    answered = sorted(
        (m for m in measures if m.deleted_at is None and inside(m.at)), key=lambda m: m.at
    )
    points = daily_points(entries, zone)
    pain, leg, back = (series(points, name) for name in ("pain", "leg", "back"))
    legs = [c.leg for c in entries if c.leg is not None]
    backs = [c.back for c in entries if c.back is not None]
    stretches, inverted = stretches_and_inversions(done, routine_therapy or {})
    finished = [s for s in stretches if s.counts]
    first_entry = min(
        [c.at.astimezone(zone).date() for c in entries]
        + [s.started_at.astimezone(zone).date() for s in done],
        default=start,
    )
    per_day: dict[date, int] = {}
    for session in finished:
        day = session.started_at.astimezone(zone).date()
        per_day[day] = per_day.get(day, 0) + 1
    return ClinicianReport(
        start=start,
        end=end,
        generated_at=generated_at,
        checkin_count=len(entries),
        days_with_checkins=len(points),
        mean_pain=_mean([c.pain for c in entries]),
        mean_leg=_mean(legs),
        leg_count=len(legs),
        mean_back=_mean(backs),
        back_count=len(backs),
        points=tuple(points),
        rolling_pain=tuple(rolling_mean(pain)),
        rolling_leg=tuple(rolling_mean(leg)),
        rolling_back=tuple(rolling_mean(back)),
        change=change_call(pain, start, end),
        leg_change=change_call(leg, start, end),
        back_change=change_call(back, start, end),
        measures=tuple(answered),
        helps=tuple(
            associations(
                entries,
                done,
                zone,
                routine_names=routine_names,
                routine_therapy=routine_therapy,
                walked_days=walked_days,
            )
        ),
        sessions_done=len(finished),
        sessions_stopped=len(stretches) - len(finished),
        inversion_done=sum(1 for s in inverted if s.counts),
        inversion_stopped=sum(1 for s in inverted if not s.counts),
        daily_target=daily_target,
        tracked_days=(end - first_entry).days + 1,
        days_target_met=sum(1 for count in per_day.values() if count >= daily_target),
        screening=screening,
        notes=tuple(
            sorted((c for c in entries if c.for_clinician and c.note.strip()), key=lambda c: c.at)
        ),
        programme=programme,
        qualities=pain_qualities(entries),
    )


def default_start(end: date, days: int = DEFAULT_DAYS) -> date:
    """The first day of a ``days``-long period ending on ``end``."""
    return end - timedelta(days=days - 1)
