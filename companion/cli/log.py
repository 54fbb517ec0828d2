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
from companion.core.walking import Walk

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


def build_walk(args: argparse.Namespace, now: datetime) -> Walk | None:
    """The minutes walked of ``--walked``, if given (at ``--at`` or now)."""
    if args.walked is None:
        return None
    at = now if args.at is None else as_instant(args.at, "--at")
    if at > now + _FUTURE_SLACK:
        raise InvalidInputError("--at", f"{iso(at)} is in the future")
    return Walk.from_dict({"id": new_id(now), "at": at, "minutes": args.walked}, prefix="--")


def run(args: argparse.Namespace) -> int:
    """Validate first (so bad input writes nothing), then save and print the ids."""
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
    for saved in (entry, walk):
        if saved is not None:
            print(saved.id)
    return 0
