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

__all__ = ["add_arguments", "run"]

_FUTURE_SLACK = timedelta(minutes=5)
"""How far ahead of the clock ``--at`` may be (clocks differ a little)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``companion log``."""
    parser.add_argument("--pain", required=True, metavar="N", help="pain now, 0-10")
    parser.add_argument("--leg", metavar="N", help="leg pain, 0-10")
    parser.add_argument("--back", metavar="N", help="back pain, 0-10")
    parser.add_argument(
        "--where", metavar="AREA[,AREA...]", help='where it hurts, e.g. "left buttock,left calf"'
    )
    parser.add_argument(
        "--symptom",
        "--symptoms",
        dest="symptoms",
        metavar="S[,S...]",
        help="numbness, tingling, weakness",
    )
    parser.add_argument(
        "--trigger",
        "--triggers",
        dest="triggers",
        metavar="T[,T...]",
        help="what set it off, e.g. sitting",
    )
    parser.add_argument("--medication", metavar="M[,M...]", help="medication taken")
    parser.add_argument("--note", metavar="TEXT", help="free text")
    parser.add_argument(
        "--for-clinician", action="store_true", help="show the note in the clinician report"
    )
    parser.add_argument(
        "--at", metavar="ISO-8601", help="when (default now); without an offset it is local time"
    )


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
