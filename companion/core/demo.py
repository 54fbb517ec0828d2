"""Realistic sample data for ``companion demo``, screenshots and benchmarks.

The story: about four months of a flare of left-sided sciatica that slowly
settles with regular stretching, with a bad week after a long drive. It is
generated from a seeded random source, so the same call gives the same data.
"""

from __future__ import annotations

import math
import random
from datetime import datetime, time, timedelta
from typing import Any

from companion.core.clock import Clock
from companion.core.demo_programme import FLARES, build_demo_programme
from companion.core.ids import new_id
from companion.core.records import CheckIn, ScreeningRecord, StretchSession, WeeklyMeasures
from companion.core.screening.engine import Rules, ScreeningOutcome, evaluate

__all__ = ["build_demo_measures", "build_demo_records", "demo_records"]

_AREAS = (
    "left buttock",
    "left side of the thigh",
    "left outer calf",
    "lower back",
    "left top of the foot",
)
_TRIGGERS = ("sitting", "driving", "lifting", "bending", "poor sleep")
_MEDICATION = ("ibuprofen", "paracetamol")
_NOTES = (
    "Stiff first thing, eased after a walk.",
    "Long meeting, leg ached by lunch.",
    "Slept badly; pins and needles in the foot this morning.",
    "Good day. Walked to the shops without stopping.",
    "Physio said keep going with the stretches.",
    "",
    "",
    "",
)


def _demo_screening(rules: Rules | None) -> ScreeningOutcome:
    """The demo person's screening: no red flags, a known disc herniation."""
    if rules is None:
        from companion.core.content.library import load_library

        rules = load_library().rules
    answers = {question.id: "no" for question in rules.questions}
    answers["herniated-disc"] = "yes"
    return evaluate(rules, answers)


def _feels(leg: int, back: int) -> tuple[str, ...]:
    """Descriptors that follow the scores: shooting leg pain when it is bad, an
    ache when the back is (no random draw, so the rest of the demo stays as it was)."""
    return (("shooting",) if leg >= 7 else ()) + (("aching",) if back >= 4 else ())


def _pain_on(day_index: int, days: int, rng: random.Random) -> float:
    """Underlying pain for a day: a slow recovery with a flare around day 40 and a
    shorter one a month before today (the flares of :data:`FLARES`)."""
    progress = day_index / max(days - 1, 1)
    baseline = 7.2 - 4.0 * progress
    flare = 2.2 * math.exp(-(((day_index - 40) / 4.0) ** 2))
    second = days + FLARES[1][0] + 1
    flare += 2.0 * math.exp(-(((day_index - second) / 1.5) ** 2))
    return min(10.0, max(0.0, baseline + flare + rng.gauss(0, 0.8)))


def build_demo_records(
    clock: Clock, days: int = 120, *, seed: int = 7, rules: Rules | None = None
) -> tuple[list[CheckIn], list[StretchSession], list[ScreeningRecord]]:
    """Check-ins, stretch sessions and a screening for the ``days`` up to today."""
    rng = random.Random(seed)
    now = clock.now()
    zone = now.tzinfo
    first_day = now.date() - timedelta(days=days - 1)
    checkins: list[CheckIn] = []
    sessions: list[StretchSession] = []
    for index in range(days):
        day = first_day + timedelta(days=index)
        pain = _pain_on(index, days, rng)
        for hour in (7, 20) if rng.random() < 0.55 else (7,):
            at = datetime.combine(day, time(hour, rng.randrange(60)), zone)
            if at > now:
                continue
            level = round(min(10, max(0, pain + rng.gauss(0, 0.6))))
            leg = round(min(10, max(0, pain + 0.8 + rng.gauss(0, 0.7))))
            back = round(min(10, max(0, pain - 1.2 + rng.gauss(0, 0.7))))
            checkins.append(
                CheckIn(
                    id=new_id(at, rng),
                    at=at,
                    pain=level,
                    leg=leg,
                    back=back,
                    where=tuple(rng.sample(_AREAS, k=rng.randint(1, 3))),
                    symptoms=("tingling",) if leg >= 6 and rng.random() < 0.5 else (),
                    triggers=tuple(rng.sample(_TRIGGERS, k=rng.randint(0, 2))),
                    medication=(rng.choice(_MEDICATION),) if level >= 6 else (),
                    descriptors=_feels(leg, back),
                    sleep_interference=max(level - 2, 0) if hour == 7 else None,
                    sitting_minutes=(10 - level) * 10 if hour == 7 and index % 3 == 0 else None,
                    note=rng.choice(_NOTES),
                    for_clinician=index % 17 == 0,
                )
            )
        done_today = rng.choices((0, 1, 2), weights=(2, 3, 5) if index > 14 else (5, 4, 1))[0]
        for slot in range(done_today):
            start = datetime.combine(day, time(7 + slot * 11, 15), zone)
            if start > now:
                continue
            aborted = rng.random() < 0.08
            total = 12
            sessions.append(
                StretchSession(
                    id=new_id(start, rng),
                    routine="sciatica-basics",
                    started_at=start,
                    ended_at=start + timedelta(minutes=5 if aborted else 9),
                    completed_steps=rng.randint(3, 10) if aborted else total,
                    total_steps=total,
                    aborted=aborted,
                )
            )
    screened_at = datetime.combine(now.date() - timedelta(days=20), time(19, 5), zone)
    screening = _demo_screening(rules).to_record(new_id(screened_at, rng), screened_at)
    return checkins, sessions, [screening]


def build_demo_measures(checkins: list[CheckIn], *, seed: int = 11) -> list[WeeklyMeasures]:
    """Weekly answers that follow the demo check-ins: one every 7 days from the fourth
    day, each drawn from the week of check-ins before it."""
    if not checkins:
        return []
    rng = random.Random(seed)
    ordered = sorted(checkins, key=lambda c: c.at)
    first, last = ordered[0].at, ordered[-1].at
    answered: list[WeeklyMeasures] = []
    at = first + timedelta(days=3, hours=2)
    while at <= last:
        week = [c for c in ordered if at - timedelta(days=7) <= c.at <= at]
        pain = sum(c.pain for c in week) / len(week)
        leg = sum(c.leg if c.leg is not None else c.pain for c in week) / len(week)
        tingling = sum(1 for c in week if "tingling" in c.symptoms) / len(week)

        def score(value: float, high: int) -> int:
            return round(min(high, max(0, value + rng.gauss(0, 0.5))))

        answered.append(
            WeeklyMeasures(
                id=new_id(at, rng),
                at=at,
                peg=(score(pain, 10), score(pain * 0.9, 10), score(pain * 1.05, 10)),
                sbi=(
                    score(leg * 0.6, 6),
                    score(1 + tingling * 4, 6),
                    score(leg * 0.25, 6),
                    score(leg * 0.65, 6),
                ),
            )
        )
        at += timedelta(days=7)
    return answered


def demo_records(clock: Clock, days: int = 120) -> dict[str, list[Any]]:
    """Every kind of demo entry, as keyword arguments for ``Store.import_records``
    (the programme's settings are :func:`companion.core.demo_programme.demo_settings`)."""
    checkins, sessions, screenings = build_demo_records(clock, days)
    return {
        "checkins": checkins,
        "sessions": sessions,
        "screenings": screenings,
        "measures": build_demo_measures(checkins),
        **build_demo_programme(checkins, clock.now(), days),
    }
