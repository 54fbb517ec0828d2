"""``companion today``: one line for prompts, cron and the SSH login message.

Exit 0 if there is a check-in today (the local date of the clock), 3 if not.
"""

from __future__ import annotations

import argparse
from datetime import datetime

from companion.cli.common import open_store
from companion.core.clock import clock_from_env, day_bounds
from companion.core.records import CheckIn, ScreeningRecord, StretchSession
from companion.core.words import count_of
from companion.store import Store, command_for

__all__ = ["NO_CHECKIN_TODAY", "run", "summary"]

NO_CHECKIN_TODAY = 3
"""The exit code when nothing was logged today."""


def summary(
    now: datetime,
    checkins_today: list[CheckIn],
    sessions_today: list[StretchSession],
    daily_target: int,
    last_screening: ScreeningRecord | None,
) -> str:
    """``2 check-ins today (last pain 6/10); stretches 1 of 2; screened 12 days ago``."""
    if checkins_today:
        newest = max(checkins_today, key=lambda entry: entry.at)
        checkins = f"{count_of(len(checkins_today), 'check-in')} today (last pain {newest.pain}/10)"
    else:
        checkins = "no check-in today"
    done = sum(1 for entry in sessions_today if entry.counts)
    stretches = f"stretches {done} of {daily_target}"
    if last_screening is None:
        screened = "never screened"
    else:
        days = (now.date() - last_screening.at.astimezone(now.tzinfo).date()).days
        screened = {0: "screened today", 1: "screened yesterday"}.get(
            days, f"screened {days} days ago"
        )
    return f"{checkins}; {stretches}; {screened}"


def run(args: argparse.Namespace) -> int:
    clock = clock_from_env()
    now = clock.now()
    store = open_store(args, clock)
    midnight, tomorrow = day_bounds(now.date(), now.tzinfo)
    checkins = store.checkins.between(midnight, tomorrow)
    sessions = store.sessions.between(midnight, tomorrow)
    target = store.load_settings().daily_target
    line = summary(now, checkins, sessions, target, store.screenings.latest())
    print(line + programme_phrases(store, now))
    from companion.programme import todays_lesson

    lesson = todays_lesson(store.load_settings().lessons_read, now.date())
    if lesson is not None:
        print(f"Lesson: {lesson.title} ({command_for(store.data_dir, 'lesson')})")
    return 0 if checkins else NO_CHECKIN_TODAY


def programme_phrases(store: Store, now: datetime) -> str:
    """``; walk 24 min today; flare day 3``: only what applies, so the line stays as it
    was for a person who uses neither."""
    from companion.programme import programme_today

    today = programme_today(store, now)
    phrases = []
    walk = today.walking.target_phrase()
    if walk is not None:
        phrases.append(f"walk {walk}")
    if today.flare is not None:
        phrases.append(f"flare day {today.flare_day}")
    return "".join(f"; {phrase}" for phrase in phrases)
