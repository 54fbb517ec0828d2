"""The kinds of entry the companion keeps: check-ins, stretch sessions, screenings
and weekly measures.

Each record is a frozen dataclass with ``to_dict`` (the stored and exported
shape, see the README's export format) and ``from_dict`` (which validates and
names the field at fault). The store keeps exactly the ``to_dict`` shape.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Self

from companion.core.errors import InvalidInputError
from companion.core.fields import (
    as_bool,
    as_choices,
    as_id,
    as_instant,
    as_optional_instant,
    as_optional_score,
    as_score,
    as_text,
    as_text_list,
    iso,
    optional_iso,
)
from companion.core.screening.urgency import LEVELS

__all__ = [
    "BODY_AREAS",
    "DESCRIPTORS",
    "SIDES",
    "SITTING_MAX",
    "SYMPTOMS",
    "THERAPIES",
    "URGENCIES",
    "VERDICTS",
    "ANSWERS",
    "PEG_ITEMS",
    "SBI_ITEMS",
    "CheckIn",
    "RedFlag",
    "ScreeningRecord",
    "StretchSession",
    "WeeklyMeasures",
    "require_object",
    "unanswered",
]

SIDES = ("left", "right", "both")
"""Sides a body area can be given with (``left calf``); an area may also have none."""

BODY_AREAS = (
    "lower back",
    "buttock",
    "hip",
    "back of the thigh",
    "side of the thigh",
    "thigh",
    "knee",
    "calf",
    "outer calf",
    "shin",
    "top of the foot",
    "heel",
    "sole",
    "foot",
)
"""Areas from the lower back down the leg, in that order. The check-in's drawing
offers all but hip, thigh, knee and foot, which older entries may hold. Other
labels are accepted (the user knows best)."""

SYMPTOMS = ("numbness", "tingling", "weakness")
"""Nerve symptoms the check-in asks about."""

DESCRIPTORS = ("burning", "shooting", "electric", "aching", "pins and needles")
"""Words for what the pain feels like. Burning, electric shocks and pins and needles
are among the words neuropathic pain screens (DN4, painDETECT) ask about; aching is
the usual word for pain from the back itself."""

DESCRIPTOR_ALIASES = {
    "pins & needles": "pins and needles",
    "pins needles": "pins and needles",
    "electric shock": "electric",
    "electric shocks": "electric",
    "electrical": "electric",
    "ache": "aching",
    "achy": "aching",
}
"""Other spellings a person (or a hand-made sheet) may use for a descriptor."""

SITTING_MAX = 24 * 60
"""The most minutes a sitting-tolerance answer may give: a whole day."""

THERAPIES = ("inversion", "decompression", "massage", "stretching")
"""Therapy ids shared by content, screening, export and timers."""

VERDICTS = ("avoid", "caution", "ok")
"""Screening verdicts, most restrictive first."""

URGENCIES = LEVELS
"""Red-flag urgencies, most urgent first: emergency, same-day, prompt."""

ANSWERS = ("yes", "no", "unsure")
"""The answers a screening question takes."""


def unanswered(question_ids: Iterable[str], answers: Mapping[str, str]) -> tuple[str, ...]:
    """The screening questions, in order, that ``answers`` leave out."""
    return tuple(question_id for question_id in question_ids if question_id not in answers)


def require_object(data: object, prefix: str) -> None:
    """Every entry is a JSON object; say which one is not."""
    if not isinstance(data, dict):
        raise InvalidInputError(prefix.rstrip(".") or "entry", "must be an object")


@dataclass(frozen=True, slots=True)
class CheckIn:
    """One pain check-in. Several a day are normal."""

    id: str
    """Stable unique id."""
    at: datetime
    """When the pain was felt (default now; may be back-dated)."""
    pain: int
    """Pain now, 0 (none) to 10 (worst imaginable)."""
    leg: int | None = None
    """Leg pain 0–10, if given (sciatica is tracked as leg vs back)."""
    back: int | None = None
    """Back pain 0–10, if given."""
    where: tuple[str, ...] = ()
    """Body areas with side, e.g. ``left calf``."""
    symptoms: tuple[str, ...] = ()
    """Nerve symptoms: numbness, tingling, weakness."""
    triggers: tuple[str, ...] = ()
    """What the user thinks set the pain off (sitting, lifting…)."""
    medication: tuple[str, ...] = ()
    """Medication taken."""
    descriptors: tuple[str, ...] = ()
    """What the pain feels like, from :data:`DESCRIPTORS`, in that order."""
    sleep_interference: int | None = None
    """How much pain got in the way of sleep over the last night, 0 (not at all) to
    10 (could not sleep for pain), if given: the Daily Sleep Interference Scale."""
    sitting_minutes: int | None = None
    """Sitting tolerance: minutes the person can sit before pain makes them get up."""
    note: str = ""
    """Free text with no practical length limit."""
    for_clinician: bool = False
    """Whether the note should appear in the clinician report."""
    updated_at: datetime | None = None
    """When the entry was last edited, if ever."""
    deleted_at: datetime | None = None
    """When it was moved to the trash; ``None`` while it is live."""

    @property
    def in_trash(self) -> bool:
        return self.deleted_at is not None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": iso(self.at),
            "pain": self.pain,
            "leg": self.leg,
            "back": self.back,
            "where": list(self.where),
            "symptoms": list(self.symptoms),
            "triggers": list(self.triggers),
            "medication": list(self.medication),
            "descriptors": list(self.descriptors),
            "sleep_interference": self.sleep_interference,
            "sitting_minutes": self.sitting_minutes,
            "note": self.note,
            "for_clinician": self.for_clinician,
            "updated_at": optional_iso(self.updated_at),
            "deleted_at": optional_iso(self.deleted_at),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, prefix: str = "") -> Self:
        """Validate ``data``; field names in errors get ``prefix`` (``checkins[3].``)."""
        require_object(data, prefix)
        p = prefix
        return cls(
            id=as_id(data.get("id"), f"{p}id"),
            at=as_instant(data.get("at"), f"{p}at"),
            pain=as_score(data.get("pain"), f"{p}pain"),
            leg=as_optional_score(data.get("leg"), f"{p}leg"),
            back=as_optional_score(data.get("back"), f"{p}back"),
            where=as_text_list(data.get("where"), f"{p}where"),
            symptoms=as_text_list(data.get("symptoms"), f"{p}symptoms"),
            triggers=as_text_list(data.get("triggers"), f"{p}triggers"),
            medication=as_text_list(data.get("medication"), f"{p}medication"),
            descriptors=as_choices(
                data.get("descriptors"), f"{p}descriptors", DESCRIPTORS, DESCRIPTOR_ALIASES
            ),
            sleep_interference=as_optional_score(
                data.get("sleep_interference"), f"{p}sleep_interference"
            ),
            sitting_minutes=as_optional_score(
                data.get("sitting_minutes"), f"{p}sitting_minutes", high=SITTING_MAX
            ),
            note=as_text(data.get("note"), f"{p}note"),
            for_clinician=as_bool(data.get("for_clinician"), f"{p}for_clinician"),
            updated_at=as_optional_instant(data.get("updated_at"), f"{p}updated_at"),
            deleted_at=as_optional_instant(data.get("deleted_at"), f"{p}deleted_at"),
        )

    def edited(self, edited_at: datetime, /, **changes: Any) -> Self:
        """A copy with ``changes`` applied and ``updated_at`` set to ``edited_at``."""
        return replace(self, updated_at=edited_at, **changes)


@dataclass(frozen=True, slots=True)
class StretchSession:
    """One run of a routine in the timer, finished or not."""

    id: str
    routine: str
    """The routine id, e.g. ``sciatica-basics``."""
    started_at: datetime
    ended_at: datetime
    completed_steps: int
    """Holds actually done (a hold skipped with ``n`` is never counted here)."""
    total_steps: int
    aborted: bool = False
    """Stopped before the last step (by the user or a lost terminal)."""
    pain_before: int | None = None
    pain_after: int | None = None
    deleted_at: datetime | None = None
    skipped_steps: int = 0
    """Holds skipped with ``n`` before their time was up."""
    comfortable: bool | None = None
    """After an inversion session: did it feel comfortable? (``None``: not asked)."""

    @property
    def counts(self) -> bool:
        """Whether it counts as a session done (goal, trends, report): finished,
        with at least half its holds actually held, never skipped through."""
        return not self.aborted and self.completed_steps * 2 >= self.total_steps > 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "routine": self.routine,
            "started_at": iso(self.started_at),
            "ended_at": iso(self.ended_at),
            "completed_steps": self.completed_steps,
            "total_steps": self.total_steps,
            "aborted": self.aborted,
            "pain_before": self.pain_before,
            "pain_after": self.pain_after,
            "skipped_steps": self.skipped_steps,
            "comfortable": self.comfortable,
            "deleted_at": optional_iso(self.deleted_at),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, prefix: str = "") -> Self:
        require_object(data, prefix)
        p = prefix
        routine = as_text(data.get("routine"), f"{p}routine", max_length=64).strip()
        if not routine:
            raise InvalidInputError(f"{p}routine", "is required")
        total = as_score(data.get("total_steps"), f"{p}total_steps", low=0, high=10_000)
        completed = as_score(data.get("completed_steps"), f"{p}completed_steps", low=0, high=total)
        started = as_instant(data.get("started_at"), f"{p}started_at")
        ended = as_instant(data.get("ended_at"), f"{p}ended_at")
        if ended < started:
            raise InvalidInputError(f"{p}ended_at", "is before started_at")
        return cls(
            id=as_id(data.get("id"), f"{p}id"),
            routine=routine,
            started_at=started,
            ended_at=ended,
            completed_steps=completed,
            total_steps=total,
            aborted=as_bool(data.get("aborted"), f"{p}aborted"),
            pain_before=as_optional_score(data.get("pain_before"), f"{p}pain_before"),
            pain_after=as_optional_score(data.get("pain_after"), f"{p}pain_after"),
            deleted_at=as_optional_instant(data.get("deleted_at"), f"{p}deleted_at"),
            skipped_steps=as_score(
                data.get("skipped_steps") or 0, f"{p}skipped_steps", low=0, high=total
            ),
            comfortable=(
                None
                if data.get("comfortable") is None
                else as_bool(data.get("comfortable"), f"{p}comfortable")
            ),
        )


@dataclass(frozen=True, slots=True)
class RedFlag:
    """A red flag raised by a screening (or by the check-in's safety net)."""

    id: str
    urgency: str
    """``emergency`` (go now), ``same-day`` (get checked today) or ``prompt``
    (see a doctor within days)."""
    raised_by: tuple[tuple[str, str], ...] = ()
    """(question id, ``yes`` or ``unsure``) for each answer that raised it."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "urgency": self.urgency,
            "raised_by": [{"question": q, "answer": a} for q, a in self.raised_by],
        }

    @classmethod
    def from_dict(cls, data: object, name: str) -> RedFlag:
        """Read one flag, including the older shape (no ``raised_by``; an unsure
        cauda equina answer stored as ``prompt``, which is ``same-day`` now)."""
        if not isinstance(data, dict) or not isinstance(data.get("id"), str):
            raise InvalidInputError(name, "must be an object with an id")
        urgency = data.get("urgency")
        if urgency not in URGENCIES:
            raise InvalidInputError(f"{name}.urgency", "must be emergency, same-day or prompt")
        raw = data.get("raised_by")
        if raw is None:
            if data["id"] == "cauda-equina" and urgency == "prompt":
                urgency = "same-day"  # the older engine's level for an unsure emergency sign
            return cls(data["id"], urgency)
        if not isinstance(raw, list):
            raise InvalidInputError(f"{name}.raised_by", "must be a list")
        raised: list[tuple[str, str]] = []
        for index, item in enumerate(raw):
            where = f"{name}.raised_by[{index}]"
            if not isinstance(item, dict) or not isinstance(item.get("question"), str):
                raise InvalidInputError(where, "must be an object with a question id")
            if item.get("answer") not in ("yes", "unsure"):
                raise InvalidInputError(f"{where}.answer", "must be yes or unsure")
            raised.append((item["question"][:64], item["answer"]))
        return cls(data["id"], urgency, tuple(raised))


@dataclass(frozen=True, slots=True)
class ScreeningRecord:
    """A screening: what was answered and what it meant.

    ``partial`` marks one saved part-way, the moment an emergency answer was
    given: its unanswered questions count as unsure.
    """

    id: str
    at: datetime
    version: str
    """The version of the screening rules used."""
    answers: dict[str, str] = field(default_factory=dict)
    red_flags: tuple[RedFlag, ...] = ()
    verdicts: dict[str, str] = field(default_factory=dict)
    deleted_at: datetime | None = None
    partial: bool = False
    """Saved before every question was answered (an emergency interrupted it)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": iso(self.at),
            "version": self.version,
            "answers": dict(self.answers),
            "red_flags": [flag.to_dict() for flag in self.red_flags],
            "verdicts": dict(self.verdicts),
            "partial": self.partial,
            "deleted_at": optional_iso(self.deleted_at),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, prefix: str = "") -> Self:
        require_object(data, prefix)
        p = prefix
        version = as_text(data.get("version"), f"{p}version", max_length=64).strip()
        if not version:
            raise InvalidInputError(f"{p}version", "is required")
        answers = data.get("answers") or {}
        if not isinstance(answers, dict):
            raise InvalidInputError(f"{p}answers", "must be an object of question id → answer")
        for question, answer in answers.items():
            if answer not in ANSWERS:
                raise InvalidInputError(f"{p}answers.{question}", "must be yes, no or unsure")
        flags_in = data.get("red_flags") or []
        if not isinstance(flags_in, list):
            raise InvalidInputError(f"{p}red_flags", "must be a list")
        flags = tuple(
            RedFlag.from_dict(flag, f"{p}red_flags[{index}]") for index, flag in enumerate(flags_in)
        )
        verdicts = data.get("verdicts") or {}
        if not isinstance(verdicts, dict):
            raise InvalidInputError(f"{p}verdicts", "must be an object of therapy → verdict")
        for therapy, verdict in verdicts.items():
            if verdict not in VERDICTS:
                raise InvalidInputError(f"{p}verdicts.{therapy}", "must be avoid, caution or ok")
        return cls(
            id=as_id(data.get("id"), f"{p}id"),
            at=as_instant(data.get("at"), f"{p}at"),
            version=version,
            answers={str(k): v for k, v in answers.items()},
            red_flags=flags,
            verdicts={str(k): v for k, v in verdicts.items()},
            deleted_at=as_optional_instant(data.get("deleted_at"), f"{p}deleted_at"),
            partial=as_bool(data.get("partial"), f"{p}partial"),
        )


PEG_ITEMS = ("pain", "enjoyment", "activity")
"""The PEG's three 0–10 items (Krebs 2009): average pain, and how much pain got in
the way of enjoying life and of general activity, over the past week."""

SBI_ITEMS = ("leg_pain", "numbness_tingling", "weakness", "sitting")
"""The Sciatica Bothersomeness Index's four 0–6 items (Patrick 1995): how much leg
pain, numbness or tingling, weakness, and pain while sitting bothered, over the past week."""


@dataclass(frozen=True, slots=True)
class WeeklyMeasures:
    """The weekly questionnaires: the PEG (0–10 each) and the sciatica bothersomeness
    index (0–6 each), answered together about the past week."""

    id: str
    at: datetime
    """When they were answered."""
    peg: tuple[int, int, int]
    """PEG items in :data:`PEG_ITEMS` order, each 0–10."""
    sbi: tuple[int, int, int, int]
    """Bothersomeness items in :data:`SBI_ITEMS` order, each 0 (not at all) to 6 (extremely)."""
    deleted_at: datetime | None = None

    @property
    def peg_score(self) -> float:
        """The PEG score: the mean of its three items, 0–10."""
        return sum(self.peg) / len(self.peg)

    @property
    def sbi_total(self) -> int:
        """The bothersomeness total, 0–24."""
        return sum(self.sbi)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": iso(self.at),
            "peg": dict(zip(PEG_ITEMS, self.peg, strict=True)),
            "sbi": dict(zip(SBI_ITEMS, self.sbi, strict=True)),
            "deleted_at": optional_iso(self.deleted_at),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, prefix: str = "") -> Self:
        require_object(data, prefix)
        p = prefix
        peg = _items(data.get("peg"), f"{p}peg", PEG_ITEMS, high=10)
        sbi = _items(data.get("sbi"), f"{p}sbi", SBI_ITEMS, high=6)
        return cls(
            id=as_id(data.get("id"), f"{p}id"),
            at=as_instant(data.get("at"), f"{p}at"),
            peg=(peg[0], peg[1], peg[2]),
            sbi=(sbi[0], sbi[1], sbi[2], sbi[3]),
            deleted_at=as_optional_instant(data.get("deleted_at"), f"{p}deleted_at"),
        )


def _items(value: object, name: str, items: tuple[str, ...], *, high: int) -> list[int]:
    """Every item of a questionnaire object, each a whole number from 0 to ``high``."""
    if not isinstance(value, dict):
        raise InvalidInputError(name, f"must be an object with {', '.join(items)}")
    return [as_score(value.get(item), f"{name}.{item}", high=high) for item in items]
