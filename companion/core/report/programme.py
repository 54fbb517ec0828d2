"""The self-management programme's part of the clinician report: medicines,
flares, the walking plan and personal goals, as plain data and as HTML."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from html import escape

from companion.core.insights.body_map import describe_counts, marked_counts
from companion.core.programme.flares import Flare, FlareSummary, summarise
from companion.core.programme.goals import MEANINGFUL_CHANGE, GoalChange, GoalScores, goal_changes
from companion.core.programme.medication import Dose, Medicine, MedicineUse, describe_amount, usage
from companion.core.programme.walking import Walk, WalkingPlan, minutes_by_day, walking_plan
from companion.core.records import CheckIn

__all__ = ["ProgrammeSection", "build_programme", "programme_html", "programme_lines"]


@dataclass(frozen=True, slots=True)
class ProgrammeSection:
    """Medicines, flares, walking and goals over the report's period."""

    medicines: tuple[MedicineUse, ...]
    flares: FlareSummary
    walking: WalkingPlan
    goals: tuple[GoalChange, ...]
    walked_days: tuple[date, ...] = ()
    """Local days in the period with minutes walked (for "what seems to help")."""
    areas: str | None = None
    """The areas marked most in the period's check-ins, in words."""


def _mondays(start: date, end: date) -> list[date]:
    monday = start - timedelta(days=start.weekday())
    weeks = []
    while monday <= end:
        weeks.append(monday)
        monday += timedelta(days=7)
    return weeks


def build_programme(
    *,
    medicines: Iterable[Medicine],
    doses: Iterable[Dose],
    flares: Iterable[Flare],
    walks: Iterable[Walk],
    goals: Iterable[GoalScores],
    start: date,
    end: date,
    now: datetime,
    checkins: Iterable[CheckIn] = (),
    marked: Mapping[str, int] | None = None,
) -> ProgrammeSection:
    """The section for the local days ``start``–``end`` (walks and flares read in full:
    the plan and the gaps between flares need their history). ``marked`` (the
    areas marked in the period, see :func:`marked_counts`) stands for ``checkins``."""
    zone = now.tzinfo

    def inside(when: datetime) -> bool:
        return start <= when.astimezone(zone).date() <= end

    walks = [w for w in walks if w.deleted_at is None]
    period_doses = [d for d in doses if inside(d.at)]
    first_dose = min((d.at.astimezone(zone).date() for d in period_doses), default=end)
    flares = [f for f in flares if f.deleted_at is None]
    shown_flares = [
        f for f in flares if inside(f.started_at) or (f.ended_at and inside(f.ended_at))
    ]
    return ProgrammeSection(
        medicines=tuple(usage(medicines, period_doses, zone, _mondays(first_dose, end))),
        flares=summarise(shown_flares, now),
        walking=walking_plan(walks, flares, now),
        goals=tuple(goal_changes(g for g in goals if inside(g.at))),
        walked_days=tuple(sorted(d for d in minutes_by_day(walks, zone) if start <= d <= end)),
        areas=describe_counts(
            marked_counts(c for c in checkins if c.deleted_at is None and inside(c.at))
            if marked is None
            else marked
        ),
    )


def _medicines(section: ProgrammeSection) -> str:
    head = "<h2>Medicines (as recorded by the patient)</h2>"
    if not section.medicines:
        return head + "<p>No doses recorded in this period.</p>"
    rows = []
    for use in section.medicines:
        weeks = " ".join(str(days) for _, days in use.days_per_week)
        unit = escape(" ".join(p for p in (use.medicine.strength, use.medicine.unit) if p))
        most = describe_amount(use.most_in_a_day) + (f" × {unit}" if unit else "")
        rows.append(
            f"<tr><td>{escape(use.medicine.name)} {unit}</td><td>{weeks}</td>"
            f"<td class='n'>{most}</td>"
            f"<td class='n'>{use.doses} ({use.as_needed} as needed)</td></tr>"
        )
    return (
        head + "<table><tr><th>Medicine</th><th>Days used, each week</th>"
        "<th class='n'>Most in a day</th><th class='n'>Doses</th></tr>" + "".join(rows) + "</table>"
    )


def _flares(section: ProgrammeSection) -> str:
    head = "<h2>Flares</h2>"
    summary = section.flares
    if not summary.flares:
        return head + "<p>No flares logged in this period.</p>"
    items = []
    for flare, length in zip(summary.flares, summary.lengths, strict=True):
        state = "ongoing" if flare.ended_at is None else "ended"
        items.append(
            f"{flare.started_at.date():%d %b}: {length} days, "
            f"pain {flare.pain} at the start ({state})"
        )
    gaps = (
        "Days between flares: " + ", ".join(str(g) for g in summary.days_between) + "."
        if summary.days_between
        else ""
    )
    return head + "<p>" + "; ".join(escape(i) for i in items) + ".</p>" + f"<p>{gaps}</p>"


def _walking(section: ProgrammeSection) -> str:
    head = "<h2>Walking plan</h2>"
    plan = section.walking
    if not plan.weeks:
        return head + "<p>No walks logged.</p>"
    if plan.baseline is None:
        return head + "<p>Baseline week in progress.</p>"
    steps = ", ".join(
        f"{week.start:%d %b} {week.target} min ({escape(week.change)})" for week in plan.weeks[1:]
    )
    return head + (
        f"<p>Baseline {plan.baseline:.0f} min a day; steps of {plan.step} min. {steps}.</p>"
    )


def _goals(section: ProgrammeSection) -> str:
    head = "<h2>Personal goals (PSFS, 0 unable – 10 as before)</h2>"
    if not section.goals:
        return head + "<p>No goals scored in this period.</p>"
    items = "".join(f"<p>{escape(change.describe())}</p>" for change in section.goals)
    return (
        head + items + f'<p class="muted">A change of {MEANINGFUL_CHANGE} points is meaningful.</p>'
    )


def programme_html(section: ProgrammeSection) -> str:
    """The section's HTML, in two columns."""
    areas = f"<h2>Where it hurts</h2><p>{escape(section.areas)}</p>" if section.areas else ""
    return (
        '<div class="cols"><section>'
        + areas
        + _medicines(section)
        + _goals(section)
        + "</section><section>"
        + _flares(section)
        + _walking(section)
        + "</section></div>"
    )


def programme_lines(section: ProgrammeSection) -> list[str]:
    """The section as short lines of plain text (the trends screen)."""
    lines = [section.areas] if section.areas else []
    summary = section.flares
    if summary.flares:
        lengths = ", ".join(str(n) for n in summary.lengths)
        gaps = ", ".join(str(n) for n in summary.days_between) or "none yet"
        lines.append(f"Flares: {len(summary.flares)} (days each: {lengths}; days between: {gaps})")
    plan = section.walking
    if plan.weeks:
        walked = [w.walked for w in plan.weeks if w.walked is not None]
        average = f"{walked[-1]:.0f} min a day last week walked" if walked else "no walks"
        lines.append(f"{plan.describe_today()} · {average}")
    for use in section.medicines:
        weeks = " ".join(str(days) for _, days in use.days_per_week[-6:])
        most = describe_amount(use.most_in_a_day)
        lines.append(f"{use.medicine.label}: days used each week {weeks}; most in a day {most}")
    lines.extend(change.describe() for change in section.goals)
    return lines
