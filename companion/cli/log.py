"""``companion log --pain N …``: save a check-in without opening the UI; print its id."""

from __future__ import annotations

import argparse
from datetime import datetime, timedelta

from companion.cli.common import open_store
from companion.core.clock import clock_from_env
from companion.core.errors import InvalidInputError
from companion.core.fields import as_instant, iso
from companion.core.ids import new_id
from companion.core.records import CheckIn

__all__ = ["run"]

_FUTURE_SLACK = timedelta(minutes=5)
"""How far ahead of the clock ``--at`` may be (clocks differ a little)."""


def build_checkin(args: argparse.Namespace, now: datetime) -> CheckIn:
    """The check-in the options describe, validated (field names are the option names)."""
    at = now if args.at is None else as_instant(args.at, "--at")
    if at > now + _FUTURE_SLACK:
        raise InvalidInputError("--at", f"{iso(at)} is in the future")
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
    return CheckIn.from_dict(data, prefix="--")


def run(args: argparse.Namespace) -> int:
    """Validate first (so bad input writes nothing), then save and print the id."""
    clock = clock_from_env()
    entry = build_checkin(args, clock.now())
    store = open_store(args, clock)
    store.checkins.add(entry)
    print(entry.id)
    return 0
