"""Today's place in the self-management programme, read from the store: the open
flare's day, the walking target, whether to ask if a flare is over, and
whether the weekly questions are due.

Shared by the dashboard's programme card and ``companion today``; plain Python,
no Textual.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from companion.core.insights.weekly import weekly_due
from companion.core.programme.flares import Flare, active_flare, ask_if_over, day_of_flare
from companion.core.programme.walking import WalkingPlan, walking_plan
from companion.store import Store

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from companion.core.content.lessons import Lesson
    from companion.core.records import CheckIn

__all__ = [
    "ProgrammeToday",
    "installed_lessons",
    "is_weekly_due",
    "lessons_read",
    "mark_lesson_read",
    "programme_today",
    "todays_lesson",
]

PLAN_HISTORY = timedelta(days=366)
"""How far back walks and flares are read for the plan (a year of pacing)."""


class ProgrammeToday(NamedTuple):
    """What the programme says about today."""

    flare: Flare | None
    """The open flare, if any."""
    flare_day: int
    ask_if_over: bool
    """Calmer days lately: the app asks (never assumes) whether the flare is over."""
    walking: WalkingPlan

    def flare_line(self) -> str | None:
        """``Flare day 3 (F: your plan)``, or ``None`` with no open flare."""
        if self.flare is None:
            return None
        line = f"Flare day {self.flare_day} (F: your plan)"
        if self.ask_if_over:
            line += "; calmer lately: over? F then x"
        return line

    def walking_line(self) -> str | None:
        """The day's walking target, or ``None`` before any walk was logged."""
        return self.walking.describe_today() if self.walking.weeks else None


def programme_today(store: Store, now: datetime) -> ProgrammeToday:
    """Read flares, walks and recent check-ins, and work out today."""
    since = now - PLAN_HISTORY
    flares = store.flares.between(since, None)
    current = active_flare(flares)
    asked = False
    if current is not None:
        asked = ask_if_over(current, store.checkins.between(current.started_at, None), now)
    plan = walking_plan(store.walks.between(since, None), flares, now)
    day = day_of_flare(current, now) if current is not None else 0
    return ProgrammeToday(current, day, asked, plan)


def lessons_read(setting: str) -> list[str]:
    """The ids in the ``lessons_read`` setting."""
    return [item for item in setting.split(",") if item]


def installed_lessons() -> list[Lesson]:
    """Every lesson shipped with the app, in course order (a file with a problem is left out).

    Imported here, not at the top: the dashboard's first frame must not pay for
    the content parser."""
    from companion.core.content.lessons import load_lessons
    from companion.core.content.names import content_root

    return load_lessons(content_root() / "lessons", None, [])


def todays_lesson(setting: str, today: date) -> Lesson | None:
    """The lesson offered today."""
    from companion.core.content.lessons import lesson_of_the_day

    return lesson_of_the_day(installed_lessons(), today, lessons_read(setting))


def _first_day(checkins: Iterable[CheckIn], now: datetime) -> date | None:
    return min((c.at.astimezone(now.tzinfo).date() for c in checkins), default=None)


def mark_lesson_read(
    store: Store, lesson_id: str, save: Callable[..., object] | None = None
) -> None:
    """Remember ``lesson_id`` as read (once) in the ``lessons_read`` setting,
    saved by ``save`` (the UI's, which reports a failure; else the store's)."""
    ids = lessons_read(store.load_settings().lessons_read)
    if lesson_id not in ids:
        (save or store.update_settings)(lessons_read=",".join([*ids, lesson_id]))


def is_weekly_due(store: Store, now: datetime, seen: Iterable[CheckIn] = ()) -> bool:
    """Whether to offer the weekly questions now (reads two small shards at most).

    ``seen``: check-ins the caller has read already. One from before today
    settles that the person is past their first day without reading the oldest
    month (the dashboard has the last 30 days)."""
    today = now.date()
    first_checkin = _first_day(seen, now)
    if first_checkin is None or first_checkin >= today:
        month = store.checkins.oldest_month()
        if month is not None:
            first_checkin = _first_day(store.checkins.in_month(month), now)
    latest = store.measures.latest()
    skipped = store.load_settings().weekly_skipped_on
    return weekly_due(
        today,
        last_answered=latest.at.astimezone(now.tzinfo).date() if latest else None,
        last_skipped=datetime.fromisoformat(skipped).date() if skipped else None,
        first_checkin=first_checkin,
    )
