"""The clinician report's content: everything the one-page HTML shows, as plain data.

:func:`build_report` takes records (already read from the store) and a
period of local days, and works out the numbers; :mod:`companion.core.report.html`
only lays them out. Keeping the two apart lets the tests check the numbers
against answers worked out by hand without parsing HTML.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from companion.core.insights.daily import DaySummary, summarise
from companion.core.insights.helps import Association, associations_from_days
from companion.core.insights.trends import (
    Change,
    DayPoint,
    change_call,
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
from companion.core.timer.kinds import is_inversion

__all__ = [
    "DEFAULT_DAYS",
    "ClinicianReport",
    "PainQualities",
    "build_report",
    "default_start",
    "pain_qualities",
    "pain_qualities_from_days",
    "report_from_days",
]

DEFAULT_DAYS = 90
"""Days a report covers when no start is given: a usual gap between appointments."""


def _ratio(total: int, count: int) -> float | None:
    return total / count if count else None


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
    return pain_qualities_from_days(summarise(entries, (), UTC))


def pain_qualities_from_days(days: Mapping[date, DaySummary]) -> PainQualities:
    """:func:`pain_qualities` from daily summaries; sitting answers oldest first
    (by the check-ins' instant, then id)."""
    counts = dict.fromkeys(DESCRIPTORS, 0)
    for summary in days.values():
        for word, count in summary.descriptors.items():
            if word in counts:
                counts[word] += count
    used = sorted(
        ((word, count) for word, count in counts.items() if count),
        key=lambda pair: (-pair[1], DESCRIPTORS.index(pair[0])),
    )
    sleep_count = sum(s.sleep_count for s in days.values())
    sitting = sorted(answer for s in days.values() for answer in s.sitting)
    return PainQualities(
        checkins=sum(s.checkins for s in days.values()),
        descriptors=tuple(used),
        mean_sleep=_ratio(sum(s.sleep_sum for s in days.values()), sleep_count),
        sleep_count=sleep_count,
        sitting=tuple(minutes for _key, _id, minutes in sitting),
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
    def rolling_pain(self) -> tuple[tuple[date, float], ...]:
        """7-day mean of daily pain (the chart's main line). Worked out when asked
        for: over a long period the trends draw weekly means instead."""
        return tuple(rolling_mean(series(self.points, "pain")))

    @property
    def rolling_leg(self) -> tuple[tuple[date, float], ...]:
        return tuple(rolling_mean(series(self.points, "leg")))

    @property
    def rolling_back(self) -> tuple[tuple[date, float], ...]:
        return tuple(rolling_mean(series(self.points, "back")))

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
    return report_from_days(
        summarise(checkins, sessions, zone),
        measures=measures,
        screening=screening,
        start=start,
        end=end,
        zone=zone,
        generated_at=generated_at,
        daily_target=daily_target,
        routine_names=routine_names,
        routine_therapy=routine_therapy,
        programme=programme,
        walked_days=walked_days,
    )


def report_from_days(
    days: Mapping[date, DaySummary],
    *,
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
    details: bool = True,
) -> ClinicianReport:
    """:func:`build_report` from daily summaries (see :mod:`companion.core.insights.daily`).

    ``details=False`` is for days read without their details (the whole-history
    trends, see ``DailySummaries.days``): the report then has no pain qualities,
    and no notes for the clinician."""
    inside = {day: days[day] for day in sorted(days) if start <= day <= end}
    answered = sorted(
        (
            m
            for m in measures
            if m.deleted_at is None and start <= m.at.astimezone(zone).date() <= end
        ),
        key=lambda m: m.at,
    )
    points = [
        DayPoint(
            day,
            mean,
            s.leg_sum / s.leg_count if s.leg_count else None,
            s.back_sum / s.back_count if s.back_count else None,
        )
        for day, s in inside.items()
        if (mean := s.pain_mean) is not None
    ]
    pain, leg, back = (series(points, name) for name in ("pain", "leg", "back"))
    therapy_of = routine_therapy or {}
    stretches_done = stretches_stopped = inversion_done = inversion_stopped = met = 0
    for summary in inside.values():
        finished = 0
        for routine, (done, stopped) in summary.sessions.items():
            if is_inversion(routine, therapy_of):
                inversion_done += done
                inversion_stopped += stopped
            else:
                finished += done
                stretches_stopped += stopped
        stretches_done += finished
        met += finished > 0 and finished >= daily_target
    checkin_count = sum(s.checkins for s in inside.values())
    leg_count = sum(s.leg_count for s in inside.values())
    back_count = sum(s.back_count for s in inside.values())
    first_entry = next(iter(inside), start)
    notes = [note for s in inside.values() for note in s.notes]
    return ClinicianReport(
        start=start,
        end=end,
        generated_at=generated_at,
        checkin_count=checkin_count,
        days_with_checkins=len(points),
        mean_pain=_ratio(sum(s.pain_sum for s in inside.values()), checkin_count),
        mean_leg=_ratio(sum(s.leg_sum for s in inside.values()), leg_count),
        leg_count=leg_count,
        mean_back=_ratio(sum(s.back_sum for s in inside.values()), back_count),
        back_count=back_count,
        points=tuple(points),
        change=change_call(pain, start, end),
        leg_change=change_call(leg, start, end),
        back_change=change_call(back, start, end),
        measures=tuple(answered),
        helps=tuple(
            associations_from_days(
                inside,
                routine_names=routine_names,
                routine_therapy=routine_therapy,
                walked_days=walked_days,
            )
        ),
        sessions_done=stretches_done,
        sessions_stopped=stretches_stopped,
        inversion_done=inversion_done,
        inversion_stopped=inversion_stopped,
        daily_target=daily_target,
        tracked_days=(end - first_entry).days + 1,
        days_target_met=met,
        screening=screening,
        notes=tuple(sorted(notes, key=lambda c: (c.at, c.id))),
        programme=programme,
        qualities=pain_qualities_from_days(inside) if details else None,
    )


def default_start(end: date, days: int = DEFAULT_DAYS) -> date:
    """The first day of a ``days``-long period ending on ``end``."""
    return end - timedelta(days=days - 1)
