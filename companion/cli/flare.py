"""``companion flare start --pain N`` / ``flare end`` / ``flare``: flares from the shell.

Only the person ends a flare. ``flare`` alone prints the open flare's day count
(or that there is none) and, after calmer days, asks in words whether it is over.
"""

from __future__ import annotations

import argparse
from datetime import timedelta

from companion.cli.common import at_option, open_store, options_named
from companion.core.clock import clock_from_env
from companion.core.errors import InvalidInputError
from companion.core.fields import iso
from companion.core.ids import new_id
from companion.core.programme.flares import Flare, active_flare, ask_if_over, day_of_flare
from companion.store import command_for

__all__ = ["run"]

_FUTURE_SLACK = timedelta(minutes=5)


def run(args: argparse.Namespace) -> int:
    clock = clock_from_env()
    now = clock.now()
    command = getattr(args, "flare_command", None)
    at = at_option(getattr(args, "at", None), now)
    if at > now + _FUTURE_SLACK:
        raise InvalidInputError("--at", f"{iso(at)} is in the future")
    if command == "start":
        with options_named({"started_at": "--at"}):
            flare = Flare.from_dict({"id": new_id(now), "started_at": at, "pain": args.pain})
    store = open_store(args, clock)
    current = active_flare(store.flares.iter_all())
    if command == "start":
        if current is not None:
            raise InvalidInputError("flare", "one is already open: end it first (`flare end`)")
        store.flares.add(flare)
        print(flare.id)
    elif command == "end":
        if current is None:
            raise InvalidInputError("flare", "there is no open flare to end")
        store.flares.update(current.ended(at))
        print(f"flare ended after {day_of_flare(current, at)} days")
    elif current is None:
        print("no flare")
    else:
        line = f"flare day {day_of_flare(current, now)} (pain {current.pain} at the start)"
        checkins = store.checkins.between(current.started_at, None)
        if ask_if_over(current, checkins, now):
            ending = command_for(store.data_dir, "flare end")
            line += f"; the last days were calmer: is it over? `{ending}`"
        print(line)
    return 0
