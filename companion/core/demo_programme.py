"""The demo person's self-management programme, alongside the demo check-ins.

Two medicines with their doses (as-needed ibuprofen on the worse days, regular
paracetamol through each flare), two finished flares (the drive around day 40
and a shorter one later), a walking plan started seven weeks ago whose walks
follow its targets (held and stepped back around the second flare), three
personal goals scored weekly, a written flare plan and some lessons read.
Seeded, and every time comes from the clock, so the same call gives the same data.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from companion.core.ids import new_id
from companion.core.programme.flares import Flare
from companion.core.programme.goals import GoalScores
from companion.core.programme.medication import Dose, Medicine
from companion.core.programme.walking import Walk, walking_plan
from companion.core.records import CheckIn

__all__ = ["FLARES", "build_demo_programme", "demo_settings"]

FLARES = ((37, 9, 8), (-31, 4, 7))
"""Each demo flare as (first day's index, days it lasted, pain at the start); a negative
index counts back from today. The first is the bad week after a long drive."""

WALKING_WEEKS = 7
"""The walking plan started this many weeks before today."""

_GOALS = ("sit through a film", "walk to the shops", "sleep through the night")
_PLAN = (
    "Keep moving gently: short walks, every hour or so",
    "Heat pack on the lower back, 20 minutes",
    "The gentle routine morning and evening",
    "Paracetamol on a schedule for a few days",
    "Tell work I need breaks from sitting",
)
_LESSONS_READ = (
    "what-sciatica-is",
    "movement-helps",
    "pacing",
    "flares-happen",
    "write-a-flare-plan",
    "a-walking-plan",
    "finding-your-baseline",
)


def demo_settings() -> dict[str, str]:
    """The demo person's flare plan, goals and lessons read, for ``Store.update_settings``."""
    return {
        "flare_plan": "\n".join(_PLAN),
        "goals": "\n".join(_GOALS),
        "lessons_read": ",".join(_LESSONS_READ),
    }


def _local(day: date, hour: int, minute: int, zone: tzinfo | None) -> datetime:
    return datetime.combine(day, time(hour, minute), zone)


def _flares(first_day: date, days: int, now: datetime, rng: random.Random) -> list[Flare]:
    flares = []
    for start_index, length, pain in FLARES:
        index = start_index if start_index >= 0 else days + start_index
        if not 0 <= index < days - length:
            continue  # a short demo has room for fewer flares
        start = _local(first_day + timedelta(days=index), 19, 10, now.tzinfo)
        end = _local(first_day + timedelta(days=index + length - 1), 20, 30, now.tzinfo)
        flares.append(Flare(new_id(start, rng), start, pain, min(end, now)))
    return flares


def _medicines(created: datetime, rng: random.Random) -> tuple[Medicine, Medicine]:
    def medicine(name: str, strength: str, limit: float) -> Medicine:
        return Medicine(
            id=new_id(created, rng),
            name=name,
            created_at=created,
            strength=strength,
            unit="mg",
            daily_limit=limit,
        )

    return medicine("ibuprofen", "200", 6), medicine("paracetamol", "500", 8)


def _doses(
    checkins: Sequence[CheckIn],
    medicines: tuple[Medicine, Medicine],
    flares: Sequence[Flare],
    now: datetime,
    rng: random.Random,
) -> list[Dose]:
    """Ibuprofen as needed half an hour before a check-in that names it; paracetamol
    twice a day, on a schedule, through each flare."""
    ibuprofen, paracetamol = medicines
    doses = []
    for entry in checkins:
        if "ibuprofen" in entry.medication:
            at = entry.at - timedelta(minutes=30)
            helped = rng.choice(("yes", "a little", "a little", "no"))
            amount = rng.choice((1, 2))
            doses.append(Dose(new_id(at, rng), ibuprofen.id, at, amount, helped=helped))
    zone = now.tzinfo
    for flare in flares:
        day = flare.started_at.astimezone(zone).date()
        end = (flare.ended_at or now).astimezone(zone).date()
        while day <= end:
            for hour in (8, 18):
                at = _local(day, hour, 5, zone)
                if flare.started_at <= at <= now:
                    dose = Dose(new_id(at, rng), paracetamol.id, at, 2, scheduled=True)
                    doses.append(dose.answered("a little"))
            day += timedelta(days=1)
    return doses


def _walks(flares: Sequence[Flare], now: datetime, rng: random.Random) -> list[Walk]:
    """Seven weeks of walks: a baseline week, then each week's target give or take
    (less during a flare)."""
    zone = now.tzinfo
    today = now.astimezone(zone).date()
    first = today - timedelta(days=7 * WALKING_WEEKS - 1)
    walks: list[Walk] = []
    for offset in range(7 * WALKING_WEEKS):
        day = first + timedelta(days=offset)
        at = _local(day, 12, 40, zone)
        if at > now or rng.random() < 0.15:
            continue  # a day without a walk now and then
        target = walking_plan(walks, flares, at).today_target
        usual = 14 if target is None else target
        if any(f.started_at <= at <= (f.ended_at or now) for f in flares):
            usual = usual * 2 // 3  # shorter walks while a flare is on
        minutes = max(3, usual + rng.randint(-3, 3))
        walks.append(Walk(new_id(at, rng), at, minutes))
    return walks


def _goal_scores(first_day: date, now: datetime, rng: random.Random) -> list[GoalScores]:
    """A score for each goal every Sunday evening, rising slowly (by 3 points or more)."""
    zone = now.tzinfo
    sunday = first_day + timedelta(days=(6 - first_day.weekday()) % 7)
    weeks = []
    while (at := _local(sunday, 20, 15, zone)) <= now:
        weeks.append(at)
        sunday += timedelta(days=7)
    scores = []
    for number, at in enumerate(weeks):
        progress = number / max(len(weeks) - 1, 1)
        scored = tuple(
            (goal, max(0, min(10, round(start + gain * progress + rng.uniform(-0.6, 0.6)))))
            for goal, start, gain in zip(_GOALS, (2, 3, 4), (5, 4, 3), strict=True)
        )
        scores.append(GoalScores(new_id(at, rng), at, scored))
    return scores


def build_demo_programme(
    checkins: Sequence[CheckIn], now: datetime, days: int, *, seed: int = 13
) -> dict[str, list[Any]]:
    """Medicines, doses, flares, walks and goal scores for the ``days`` up to ``now``."""
    rng = random.Random(seed)
    first_day = now.date() - timedelta(days=days - 1)
    flares = _flares(first_day, days, now, rng)
    medicines = _medicines(_local(first_day, 9, 0, now.tzinfo), rng)
    return {
        "medicines": list(medicines),
        "doses": _doses(checkins, medicines, flares, now, rng),
        "flares": flares,
        "walks": _walks(flares, now, rng),
        "goals": _goal_scores(first_day, now, rng),
    }
