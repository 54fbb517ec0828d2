"""``companion log --pain N …``: save a check-in without opening the UI; print its id."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING

from companion.cli.common import at_option, open_store, options_named, warn, write_stdout
from companion.core.clock import clock_from_env
from companion.core.errors import DataError, InvalidInputError
from companion.core.ids import new_id
from companion.core.records import CheckIn
from companion.core.untrusted import check_untrusted

if TYPE_CHECKING:
    from companion.core.programme.walking import Walk

__all__ = ["run"]


def build_checkin(args: argparse.Namespace, now: datetime) -> CheckIn:
    """The check-in the options describe, validated (field names are the option names)."""
    at = at_option(args.at, now)
    data = {
        "id": new_id(now),
        "at": at,
        "pain": args.pain,
        "leg": args.leg,
        "back": args.back,
        "where": args.where,
        "symptoms": args.symptoms,
        "triggers": args.triggers,
        "medication": args.medication,
        "descriptors": args.descriptors,
        "sleep_interference": args.sleep_interference,
        "sitting_minutes": args.sitting_minutes,
        "note": args.note,
        "for_clinician": args.for_clinician,
    }
    with options_named(_OPTION_OF):
        entry = CheckIn.from_dict(data)
        check_untrusted(entry, now)
    return entry


_OPTION_OF = {
    "descriptors": "--feels",
    "sleep_interference": "--sleep",
    "sitting_minutes": "--sitting",
}
"""The option that sets each field whose name differs from it (errors name the option)."""


def build_walk(args: argparse.Namespace, now: datetime) -> Walk | None:
    """The minutes walked of ``--walked``, if given (at ``--at`` or now)."""
    if args.walked is None:
        return None
    from companion.core.programme.walking import Walk  # only a log with --walked needs it

    at = at_option(args.at, now)
    with options_named({"minutes": "--walked"}):
        walk = Walk.from_dict({"id": new_id(now), "at": at, "minutes": args.walked})
        check_untrusted(walk, now)
    return walk


def run(args: argparse.Namespace) -> int:
    """Validate first (so bad input writes nothing), then save and print the ids.

    Once the entries are saved the command succeeds: if an id cannot be printed
    (stdout closed or full) that is said on stderr and the exit code stays 0, so
    a script that retries on failure never saves the same entry twice.
    """
    clock = clock_from_env()
    now = clock.now()
    walk = build_walk(args, now)
    if args.pain is None and walk is None:
        raise InvalidInputError("--pain", "is required (or give --walked MINUTES)")
    entry = None if args.pain is None else build_checkin(args, now)
    store = open_store(args, clock)
    if entry is not None and walk is not None:
        store.import_records(checkins=[entry], walks=[walk])  # both or neither
    elif entry is not None:
        store.checkins.add(entry)
    elif walk is not None:
        store.walks.add(walk)
    saved = [record.id for record in (entry, walk) if record is not None]
    try:
        write_stdout("".join(f"{entry_id}\n" for entry_id in saved).encode())
    except DataError as err:
        warn(f"saved {', '.join(saved)}, but {err}")
    return 0
