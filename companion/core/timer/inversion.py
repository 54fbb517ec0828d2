"""Today's inversion angle and minutes, from the user's own history.

The rule (clinical facts §4, manufacturer guidance from Teeter and LifeGear):

* **Start gently.** With no history: 20° past horizontal for 1 minute, up to
  about twice a day. For the first two weeks stay within 20–30° and 1–2 minutes.
* **Build gradually.** Each completed week of *regular use* (sessions on at
  least :data:`REGULAR_DAYS_PER_WEEK` different days) allows one more step of
  +5° and +0.5 minute: week 1 → 25°/1.5 min, week 2 → 30°/2 min, week 4 →
  40°/3 min … up to :data:`MAX_ANGLE` (60°; a full 90° is not needed) and
  :data:`MAX_MINUTES` (5 minutes; the goal is 3–5).
* **Never more than one step past what you have actually done.** The
  suggestion is at most one step above the user's level (the most they did in
  their last week of sessions), so someone who stayed at 20° is offered 25°,
  not the 40° the calendar would allow.
* **Step back down after a break.** After more than :data:`BREAK_DAYS` days
  without a session, each whole week away takes one step (−5°, −0.5 minute) off
  the old level, never below the starting dose, and the weeks of building
  start again.

Weeks are counted in 7-day blocks from the first session after the last break.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from companion.core.words import count_of

__all__ = [
    "BREAK_DAYS",
    "MAX_ANGLE",
    "MAX_MINUTES",
    "REGULAR_DAYS_PER_WEEK",
    "START_ANGLE",
    "START_MINUTES",
    "InversionLog",
    "InversionSuggestion",
    "suggest_inversion",
]

START_ANGLE = 20
"""Degrees past horizontal for a beginner."""
START_MINUTES = 1.0
"""Minutes per session for a beginner."""
STEP_ANGLE = 5
"""Degrees added per week of regular use (and removed per week of a break)."""
STEP_MINUTES = 0.5
"""Minutes added per week of regular use (and removed per week of a break)."""
MAX_ANGLE = 60
"""The steepest angle ever suggested."""
MAX_MINUTES = 5.0
"""The longest session ever suggested."""
BREAK_DAYS = 14
"""More days than this without a session count as a break."""
REGULAR_DAYS_PER_WEEK = 3
"""Days with a session that make a week count as regular use."""
SESSIONS_PER_DAY = 2
"""Up to about twice a day."""


@dataclass(frozen=True, slots=True)
class InversionLog:
    """One inversion session from the user's history."""

    day: date
    minutes: float
    """Time spent inverted."""
    angle: int
    """Degrees past horizontal."""


@dataclass(frozen=True, slots=True)
class InversionSuggestion:
    """What to try today, and why."""

    angle_degrees: int
    minutes: float
    """In steps of half a minute."""
    reason: str
    """One or two sentences for the user."""


def _dose(steps: int) -> tuple[int, float]:
    steps = max(steps, 0)
    return (
        min(START_ANGLE + STEP_ANGLE * steps, MAX_ANGLE),
        min(START_MINUTES + STEP_MINUTES * steps, MAX_MINUTES),
    )


def _level(logs: list[InversionLog]) -> tuple[int, float]:
    """The most the user did in the week up to their latest session."""
    recent = [log for log in logs if log.day > logs[-1].day - timedelta(days=7)]
    return max(log.angle for log in recent), max(log.minutes for log in recent)


def _minutes_text(minutes: float) -> str:
    return f"{minutes:g} minute{'' if minutes == 1 else 's'}"


def _round_minutes(minutes: float) -> float:
    return max(round(minutes * 2) / 2, STEP_MINUTES)


def suggest_inversion(history: list[InversionLog], today: date) -> InversionSuggestion:
    """Suggest today's angle and minutes; see the module docstring for the rule."""
    logs = sorted((log for log in history if log.day <= today), key=lambda log: log.day)
    if not logs:
        angle, minutes = _dose(0)
        return InversionSuggestion(
            angle,
            minutes,
            f"First sessions: start gently at {angle}° for {_minutes_text(minutes)}, up to "
            f"{SESSIONS_PER_DAY} times a day. Stay within 20–30° and 1–2 minutes for the "
            "first two weeks.",
        )
    days_off = (today - logs[-1].day).days
    if days_off > BREAK_DAYS:
        weeks_off = days_off // 7
        level_angle, level_minutes = _level(logs)
        angle = max(min(level_angle, MAX_ANGLE) - STEP_ANGLE * weeks_off, START_ANGLE)
        minutes = max(min(level_minutes, MAX_MINUTES) - STEP_MINUTES * weeks_off, START_MINUTES)
        minutes = _round_minutes(minutes)
        return InversionSuggestion(
            angle,
            minutes,
            f"Welcome back: after {weeks_off} weeks off, step back down to {angle}° for "
            f"{_minutes_text(minutes)} and build up again gradually.",
        )
    streak_start = logs[0].day
    for earlier, later in zip(logs, logs[1:], strict=False):
        if (later.day - earlier.day).days > BREAK_DAYS:
            streak_start = later.day
    streak = [log for log in logs if log.day >= streak_start]
    regular_weeks = 0
    for week in range((today - streak_start).days // 7):
        first = streak_start + timedelta(days=7 * week)
        days = {log.day for log in streak if first <= log.day < first + timedelta(days=7)}
        regular_weeks += len(days) >= REGULAR_DAYS_PER_WEEK
    allowed_angle, allowed_minutes = _dose(regular_weeks)
    level_angle, level_minutes = _level(streak)
    angle = max(min(allowed_angle, level_angle + STEP_ANGLE), START_ANGLE)
    minutes = _round_minutes(max(min(allowed_minutes, level_minutes + STEP_MINUTES), START_MINUTES))
    dose = f"{angle}° for {_minutes_text(minutes)}"
    weeks = f"{count_of(regular_weeks, 'week')} of regular use"
    if angle < level_angle or minutes < level_minutes:
        reason = f"Build up slowly: after {weeks}, {dose} is enough for now."
    elif angle >= MAX_ANGLE and minutes >= MAX_MINUTES:
        reason = f"{dose} is as far as you need to go; keep it there."
    elif angle > level_angle or minutes > level_minutes:
        reason = f"After {weeks}, one small step up: {dose}."
    else:
        reason = f"After {weeks}, stay at {dose} until you use it more regularly."
    if regular_weeks < 2:
        reason += f" Up to {SESSIONS_PER_DAY} times a day for the first two weeks."
    done_today = sum(log.day == today for log in logs)
    if done_today >= SESSIONS_PER_DAY:
        reason += f" You have inverted {done_today} times today; about twice a day is plenty."
    return InversionSuggestion(angle, minutes, reason)
