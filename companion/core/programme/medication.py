"""Medicines and the doses taken of them: the records and the rules over them.

A person lists their medicines once (name, strength, unit, and if they wish a
limit of their own per day) and logs each dose with its time, amount and
whether it was scheduled or taken as needed. The app never suggests a dose:
the only number it compares with is the limit the person set themselves.

Pure functions over records; the clock's "now" is always passed in.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, NamedTuple, Self

from companion.core.errors import InvalidInputError
from companion.core.fields import (
    as_bool,
    as_id,
    as_instant,
    as_optional_instant,
    as_text,
    iso,
    optional_iso,
    shown,
    whole_number,
)
from companion.core.records import require_object

__all__ = [
    "FOLLOW_UP_WINDOW",
    "HELPED_ANSWERS",
    "Dose",
    "Medicine",
    "MedicineUse",
    "as_amount",
    "describe_amount",
    "find_medicine",
    "follow_up_due",
    "limit_warning",
    "taken_on",
    "usage",
]

HELPED_ANSWERS = ("yes", "a little", "no")
"""How a person may answer "did it help?"."""

FOLLOW_UP_WINDOW = timedelta(hours=4)
"""How long after an as-needed dose the next check-in asks whether it helped."""

_MAX_AMOUNT = 1000.0


def as_amount(value: object, field: str, *, optional: bool = False) -> float | None:
    """A positive number up to 1000 (``1``, ``0.5``, ``"2"``); ``None`` if optional and empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if optional:
            return None
        raise InvalidInputError(field, "is required: a number such as 1 or 0.5")
    number: object = value
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            number = None
    if not isinstance(number, int | float) or isinstance(number, bool) or not math.isfinite(number):
        raise InvalidInputError(field, f"must be a number such as 1 or 0.5, not {shown(value)}")
    if not 0 < number <= _MAX_AMOUNT:
        raise InvalidInputError(
            field, f"must be more than 0 and at most {_MAX_AMOUNT:g}, not {shown(value)}"
        )
    return float(number)


def _required_amount(value: object, field: str) -> float:
    amount = as_amount(value, field)
    assert amount is not None
    return amount


def _label(value: object, field: str, *, required: bool, max_length: int = 40) -> str:
    text = " ".join(as_text(value, field, max_length=max_length).split())
    if required and not text:
        raise InvalidInputError(field, "is required")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        raise InvalidInputError(field, "must not contain control characters")
    return text


def describe_amount(amount: float) -> str:
    """``1``, ``0.5``, ``2.25``: no trailing zeros."""
    return f"{amount:g}"


@dataclass(frozen=True, slots=True)
class Medicine:
    """One medicine on the person's own list."""

    id: str
    name: str
    """As the person calls it, e.g. ``ibuprofen``."""
    created_at: datetime
    """When it was added to the list."""
    strength: str = ""
    """Strength of one unit as printed on the pack, e.g. ``400``."""
    unit: str = ""
    """e.g. ``mg``; with the strength: ``400 mg``."""
    daily_limit: float | None = None
    """The most the person means to take in a day (their own or their doctor's figure)."""
    deleted_at: datetime | None = None

    @property
    def label(self) -> str:
        """``ibuprofen 400 mg``."""
        return " ".join(part for part in (self.name, self.strength, self.unit) if part)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "strength": self.strength,
            "unit": self.unit,
            "daily_limit": self.daily_limit,
            "created_at": iso(self.created_at),
            "deleted_at": optional_iso(self.deleted_at),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, prefix: str = "") -> Self:
        require_object(data, prefix)
        p = prefix
        return cls(
            id=as_id(data.get("id"), f"{p}id"),
            name=_label(data.get("name"), f"{p}name", required=True),
            strength=_label(data.get("strength"), f"{p}strength", required=False, max_length=20),
            unit=_label(data.get("unit"), f"{p}unit", required=False, max_length=20),
            daily_limit=as_amount(data.get("daily_limit"), f"{p}daily_limit", optional=True),
            created_at=as_instant(data.get("created_at"), f"{p}created_at"),
            deleted_at=as_optional_instant(data.get("deleted_at"), f"{p}deleted_at"),
        )


@dataclass(frozen=True, slots=True)
class Dose:
    """One dose taken."""

    id: str
    medicine: str
    """The :class:`Medicine` id."""
    at: datetime
    amount: float = 1.0
    """How many units (tablets, ml…) of the medicine's strength."""
    scheduled: bool = False
    """Taken on a schedule, rather than as needed."""
    helped: str | None = None
    """The answer to "did it help?" (:data:`HELPED_ANSWERS`), if given."""
    deleted_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "medicine": self.medicine,
            "at": iso(self.at),
            "amount": self.amount,
            "scheduled": self.scheduled,
            "helped": self.helped,
            "deleted_at": optional_iso(self.deleted_at),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, prefix: str = "") -> Self:
        require_object(data, prefix)
        p = prefix
        helped = data.get("helped")
        if helped not in (None, *HELPED_ANSWERS):
            raise InvalidInputError(f"{p}helped", "must be yes, a little or no")
        return cls(
            id=as_id(data.get("id"), f"{p}id"),
            medicine=as_id(data.get("medicine"), f"{p}medicine"),
            at=as_instant(data.get("at"), f"{p}at"),
            amount=_required_amount(data.get("amount"), f"{p}amount"),
            scheduled=as_bool(data.get("scheduled"), f"{p}scheduled"),
            helped=helped,
            deleted_at=as_optional_instant(data.get("deleted_at"), f"{p}deleted_at"),
        )

    def answered(self, helped: str) -> Self:
        """A copy with the "did it help?" answer."""
        if helped not in HELPED_ANSWERS:
            raise InvalidInputError("helped", "must be yes, a little or no")
        return replace(self, helped=helped)


def find_medicine(medicines: Iterable[Medicine], name_or_number: str) -> Medicine:
    """The medicine a person names: its list number (1…), its name, or its id."""
    listed = sorted(medicines, key=lambda m: m.name)
    wanted = name_or_number.strip()
    number = whole_number(wanted)
    if number is not None and 1 <= number <= len(listed):
        return listed[number - 1]
    for medicine in listed:
        if wanted.lower() in (medicine.name.lower(), medicine.label.lower(), medicine.id):
            return medicine
    known = ", ".join(m.name for m in listed) or "none yet (add one with `companion med add`)"
    raise InvalidInputError("medicine", f"no medicine called {wanted!r}; yours are: {known}")


def taken_on(doses: Iterable[Dose], medicine_id: str, day: date, zone: tzinfo | None) -> float:
    """Units of one medicine taken on a local day."""
    return sum(
        d.amount for d in doses if d.medicine == medicine_id and d.at.astimezone(zone).date() == day
    )


def limit_warning(medicine: Medicine, taken_today: float) -> str | None:
    """A warning when the person's own daily limit is reached, else ``None``."""
    if medicine.daily_limit is None or taken_today < medicine.daily_limit:
        return None
    over = "over" if taken_today > medicine.daily_limit else "at"
    return (
        f"{medicine.name}: {describe_amount(taken_today)} today, {over} the limit of "
        f"{describe_amount(medicine.daily_limit)} you set"
    )


def follow_up_due(doses: Iterable[Dose], now: datetime) -> Dose | None:
    """The newest as-needed dose of the last few hours still without a "did it help?"."""
    recent = [
        d
        for d in doses
        if not d.scheduled and d.helped is None and timedelta(0) <= now - d.at <= FOLLOW_UP_WINDOW
    ]
    return max(recent, key=lambda d: d.at, default=None)


class MedicineUse(NamedTuple):
    """How one medicine was used over a period, for the report."""

    medicine: Medicine
    days_per_week: tuple[tuple[date, int], ...]
    """(Monday of the week, days with a dose that week), oldest first."""
    most_in_a_day: float
    """The largest number of units taken on one day."""
    doses: int
    as_needed: int
    """Doses taken as needed (the rest were scheduled)."""
    helped: dict[str, int]
    """Answers to "did it help?", counted."""


def usage(
    medicines: Iterable[Medicine],
    doses: Iterable[Dose],
    zone: tzinfo | None,
    weeks: Iterable[date] = (),
) -> list[MedicineUse]:
    """Per medicine with doses: days used per week (every week in ``weeks`` shown, zeros
    included) and the most taken in a day. Medicines with no dose are left out."""
    by_medicine: dict[str, list[Dose]] = defaultdict(list)
    for dose in doses:
        by_medicine[dose.medicine].append(dose)
    result = []
    for medicine in sorted(medicines, key=lambda m: m.name):
        taken = by_medicine.get(medicine.id)
        if not taken:
            continue
        per_day: dict[date, float] = defaultdict(float)
        for dose in taken:
            per_day[dose.at.astimezone(zone).date()] += dose.amount
        per_week: dict[date, int] = dict.fromkeys(weeks, 0)
        for day in per_day:
            monday = day - timedelta(days=day.weekday())
            per_week[monday] = per_week.get(monday, 0) + 1
        helped: dict[str, int] = defaultdict(int)
        for dose in taken:
            if dose.helped:
                helped[dose.helped] += 1
        result.append(
            MedicineUse(
                medicine,
                tuple(sorted(per_week.items())),
                max(per_day.values()),
                len(taken),
                sum(1 for d in taken if not d.scheduled),
                dict(helped),
            )
        )
    return result
