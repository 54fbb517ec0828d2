"""``companion goals``: personal goals (PSFS) from the shell.

``goals set "sit through a film" ...`` names up to three activities;
``goals score 3 5 ...`` scores them 0 (unable) to 10 (as before), in the order
set; ``goals`` alone lists them with the first and latest score, calling a
change of 2 points or more meaningful.
"""

from __future__ import annotations

import argparse
from datetime import timedelta

from companion.cli.common import at_option, open_store
from companion.core.clock import clock_from_env
from companion.core.errors import InvalidInputError
from companion.core.fields import as_score, iso
from companion.core.ids import new_id
from companion.core.programme.goals import GoalScores, goal_changes, parse_activities
from companion.store import command_for

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    clock = clock_from_env()
    now = clock.now()
    command = getattr(args, "goals_command", None)
    if command == "set":
        activities = parse_activities(args.activities, "activities")
        open_store(args, clock).update_settings(goals="\n".join(activities))
        return 0
    store = open_store(args, clock)
    activities = parse_activities(store.load_settings().goals.splitlines())
    if command == "score":
        if not activities:
            setting = command_for(store.data_dir, 'goals set "ACTIVITY"')
            raise InvalidInputError("goals", f"none set yet: `{setting}`")
        if len(args.scores) != len(activities):
            raise InvalidInputError(
                "scores", f"give {len(activities)}, one for each of: {', '.join(activities)}"
            )
        at = at_option(args.at, now)
        if at > now + timedelta(minutes=5):
            raise InvalidInputError("--at", f"{iso(at)} is in the future")
        scores = tuple(
            (name, as_score(value, f"score {i} ({name})"))
            for i, (name, value) in enumerate(zip(activities, args.scores, strict=True), start=1)
        )
        record = GoalScores(new_id(now), at, scores)
        store.goals.add(record)
        print(record.id)
        return 0
    changes = {c.activity: c for c in goal_changes(store.goals.iter_all())}
    for name in activities:
        print(changes[name].describe() if name in changes else f"{name}: not scored yet")
    return 0
