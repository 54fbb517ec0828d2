"""``companion log --pain N …``: save a check-in without opening the UI; print its id."""

from __future__ import annotations

import argparse
from datetime import datetime

from companion.cli.common import open_store, warn, write_stdout
from companion.core.clock import clock_from_env
from companion.core.errors import DataError
from companion.core.fields import as_instant
from companion.core.ids import new_id
from companion.core.records import CheckIn
from companion.core.untrusted import bounded_instant, check_untrusted

__all__ = ["run"]


def build_checkin(args: argparse.Namespace, now: datetime) -> CheckIn:
    """The check-in the options describe, validated (field names are the option names)."""
    at = now if args.at is None else bounded_instant(as_instant(args.at, "--at"), "--at", now)
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
        "note": args.note,
        "for_clinician": args.for_clinician,
    }
    entry = CheckIn.from_dict(data, prefix="--")
    check_untrusted(entry, now, prefix="--")
    return entry


def run(args: argparse.Namespace) -> int:
    """Validate first (so bad input writes nothing), then save and print the id.

    Once the entry is saved the command succeeds: if the id cannot be printed
    (stdout closed or full) that is said on stderr and the exit code stays 0, so
    a script that retries on failure never saves the same check-in twice.
    """
    clock = clock_from_env()
    entry = build_checkin(args, clock.now())
    store = open_store(args, clock)
    store.checkins.add(entry)
    try:
        write_stdout(f"{entry.id}\n".encode())
    except DataError as err:
        warn(f"saved check-in {entry.id}, but {err}")
    return 0
