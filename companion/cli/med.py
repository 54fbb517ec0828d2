"""``companion med add|list|dose``: the person's medicines and the doses they take.

The app never suggests a dose. ``dose`` warns (on stderr, exit 0) only when a
daily limit the person set for that medicine is reached.
"""

from __future__ import annotations

import argparse
from datetime import timedelta

from companion.cli.common import at_option, open_store, options_named, warn
from companion.core.clock import clock_from_env
from companion.core.errors import InvalidInputError
from companion.core.fields import iso
from companion.core.ids import new_id
from companion.core.insights.stats import day_bounds
from companion.core.programme.medication import (
    Dose,
    Medicine,
    describe_amount,
    find_medicine,
    limit_warning,
    taken_on,
)

__all__ = ["run"]

_FUTURE_SLACK = timedelta(minutes=5)


def run(args: argparse.Namespace) -> int:
    clock = clock_from_env()
    now = clock.now()
    if args.med_command == "add":
        with options_named({"name": "NAME", "daily_limit": "--limit"}):
            medicine = Medicine.from_dict(
                {
                    "id": new_id(now),
                    "name": args.name,
                    "created_at": now,
                    "strength": args.strength,
                    "unit": args.unit,
                    "daily_limit": args.limit,
                }
            )
        store = open_store(args, clock)
        if any(m.label.lower() == medicine.label.lower() for m in store.medicines.iter_all()):
            raise InvalidInputError("name", f"{medicine.label} is already on your list")
        store.medicines.add(medicine)
        print(medicine.id)
        return 0
    store = open_store(args, clock)
    medicines = list(store.medicines.iter_all())
    if args.med_command == "list":
        for number, medicine in enumerate(sorted(medicines, key=lambda m: m.name), start=1):
            limit = (
                ""
                if medicine.daily_limit is None
                else f" (your limit {describe_amount(medicine.daily_limit)} a day)"
            )
            print(f"{number}. {medicine.label}{limit}")
        return 0
    medicine = find_medicine(medicines, args.medicine)
    at = at_option(args.at, now)
    if at > now + _FUTURE_SLACK:
        raise InvalidInputError("--at", f"{iso(at)} is in the future")
    with options_named({"medicine": "MEDICINE"}):
        dose = Dose.from_dict(
            {
                "id": new_id(now),
                "medicine": medicine.id,
                "at": at,
                "amount": args.amount,
                "scheduled": args.scheduled,
            }
        )
    store.doses.add(dose)
    print(dose.id)
    day = at.astimezone(now.tzinfo).date()
    start, end = day_bounds(day, now.tzinfo)
    warning = limit_warning(
        medicine, taken_on(store.doses.between(start, end), medicine.id, day, now.tzinfo)
    )
    if warning:
        warn(warning)
    return 0
