"""The screening rules engine: answers in, red flags and per-therapy verdicts out.

The rules themselves are content (``content/screening.yaml``, parsed by
:mod:`companion.core.content.library`); this module only holds their shape and the
pure logic that applies them. No I/O, no Textual.

How answers are read (documented here because it is a safety decision):

* ``yes`` to a question applies everything it declares: its red flag (at its
  urgency) and its per-therapy verdicts (``avoid`` or ``caution``).
* ``unsure`` to a question counts as ``caution`` for every therapy it names.
  On a red-flag question it raises that flag, marked ``unsure_only``: at
  ``same-day`` level when a yes would have been an emergency (get checked
  today), else at ``prompt`` level, with what to do if the answer becomes yes.
* A question left unanswered is read as ``unsure``: an unfinished screening
  must never look like an all-clear. Unanswered ids are listed in the outcome.
* A red flag holds back all self-treatment until a clinician has looked: an
  ``emergency`` or ``same-day`` flag makes every therapy ``avoid``; a
  ``prompt`` flag makes every therapy at least ``caution`` (the questions of
  some prompt flags, such as a possible fracture, say ``avoid`` for some).
* For each therapy the most restrictive verdict wins: avoid > caution > ok.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime

from companion.core.errors import InvalidInputError
from companion.core.records import (
    ANSWERS,
    THERAPIES,
    URGENCIES,
    VERDICTS,
    RedFlag,
    ScreeningRecord,
)

__all__ = [
    "RESCREEN_AFTER_DAYS",
    "THERAPY_NAMES",
    "FlagRule",
    "Group",
    "Question",
    "Reason",
    "RaisedFlag",
    "Rules",
    "ScreeningOutcome",
    "evaluate",
    "needs_rescreen",
    "stricter",
]

RESCREEN_AFTER_DAYS = 90
"""A screening older than this many days should be done again."""

_RANK = {verdict: rank for rank, verdict in enumerate(VERDICTS)}  # avoid=0 … ok=2

THERAPY_NAMES = {
    "inversion": "inversion",
    "decompression": "non-surgical decompression or traction",
    "massage": "massage",
    "stretching": "stretching and exercise",
}
"""How each therapy is named in plain-words reasons."""


def stricter(first: str, second: str) -> str:
    """The more restrictive of two verdicts (avoid > caution > ok)."""
    return first if _RANK[first] <= _RANK[second] else second


@dataclass(frozen=True, slots=True)
class FlagRule:
    """The red flag a question raises on ``yes``."""

    id: str
    urgency: str
    """``emergency`` or ``prompt`` (see :data:`~companion.core.records.URGENCIES`)."""
    advice: str
    """What to do now, in plain words."""


@dataclass(frozen=True, slots=True)
class Group:
    """A block of questions shown together (cauda equina signs come first)."""

    id: str
    title: str
    intro: str = ""
    """One or two sentences shown before the group's questions."""


@dataclass(frozen=True, slots=True)
class Question:
    """One yes/no/unsure question and what a ``yes`` means."""

    id: str
    group: str
    ask: str
    """The question as the person reads it."""
    why: str
    """One line: why we ask."""
    topic: str
    """A short noun phrase naming what was asked, used in reasons ("glaucoma")."""
    sources: tuple[str, ...] = ()
    red_flag: FlagRule | None = None
    verdicts: dict[str, str] = field(default_factory=dict, hash=False)
    """Therapy id → ``avoid`` or ``caution`` when the answer is yes."""

    @property
    def therapies(self) -> tuple[str, ...]:
        """The therapies this question affects, in the canonical order."""
        return tuple(t for t in THERAPIES if t in self.verdicts)


@dataclass(frozen=True, slots=True)
class Rules:
    """A versioned, ordered set of screening questions."""

    version: str
    groups: tuple[Group, ...]
    questions: tuple[Question, ...]

    def question(self, question_id: str) -> Question:
        """The question with this id (``KeyError`` if there is none)."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def in_group(self, group_id: str) -> tuple[Question, ...]:
        """The questions of one group, in order."""
        return tuple(q for q in self.questions if q.group == group_id)

    @property
    def question_ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.questions)


@dataclass(frozen=True, slots=True)
class RaisedFlag:
    """A red flag the answers raised."""

    id: str
    urgency: str
    advice: str
    questions: tuple[str, ...]
    """The question ids that raised it, in rules order."""
    unsure_only: bool = False
    """Raised only by ``unsure`` answers (then ``same-day`` or ``prompt``)."""
    answers: tuple[tuple[str, str], ...] = ()
    """(question id, ``yes``/``unsure``) for each answer that raised it."""


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a therapy got its verdict: one question's contribution."""

    question: str
    """The question id, or ``red-flag:<flag id>`` for the hold a red flag puts on."""
    answer: str
    verdict: str
    text: str
    """The reason in plain words."""


@dataclass(frozen=True, slots=True)
class ScreeningOutcome:
    """What a set of answers means under a given version of the rules."""

    rules_version: str
    answers: dict[str, str]
    """Every question id → yes/no/unsure (unanswered ones filled in as unsure)."""
    red_flags: tuple[RaisedFlag, ...]
    """Emergency flags first, then prompt, then unsure-only; rules order within."""
    verdicts: dict[str, str]
    """All four therapies → avoid/caution/ok."""
    reasons: dict[str, tuple[Reason, ...]]
    """Therapy → the reasons behind a non-ok verdict, most restrictive first."""
    unanswered: tuple[str, ...] = ()

    @property
    def has_emergency(self) -> bool:
        return any(flag.urgency == "emergency" for flag in self.red_flags)

    def to_record(self, id: str, at: datetime, *, partial: bool = False) -> ScreeningRecord:
        """The record the store keeps and the export carries.

        A ``partial`` record keeps only the answers actually given.
        """
        skipped = set(self.unanswered) if partial else set()
        answers = {q: a for q, a in self.answers.items() if q not in skipped}
        flags = [
            RedFlag(flag.id, flag.urgency, given)
            for flag in self.red_flags
            if (given := tuple(pair for pair in flag.answers if pair[0] not in skipped))
        ]
        return ScreeningRecord(
            id=id,
            at=at,
            version=self.rules_version,
            answers=answers,
            red_flags=tuple(flags),
            verdicts=dict(self.verdicts),
            partial=partial,
        )


def _unsure_advice(rule: FlagRule) -> str:
    if rule.urgency == "emergency":
        return (
            "You weren't sure about this. Because it can be a sign of an emergency, "
            "get checked today: an urgent care centre, an out-of-hours doctor or a "
            "same-day advice line. Until then, no self-treatment for your back. If you "
            f"become sure, or it gets worse: {rule.advice}"
        )
    return (
        "You weren't sure about this. Ask a doctor about it within the next few days, "
        f"before starting anything new for your back. If the answer is yes: {rule.advice}"
    )


def _reason_text(question: Question, answer: str, verdict: str, therapy: str) -> str:
    name = THERAPY_NAMES.get(therapy, therapy)
    if answer == "yes":
        action = f"avoid {name}" if verdict == "avoid" else f"ask a clinician before {name}"
        return f"You said yes ({question.topic}), so {action}. {question.why}"
    return (
        f"You weren't sure ({question.topic}), so ask a clinician before {name} "
        f"until you know. {question.why}"
    )


def _raise(known: RaisedFlag | None, rule: FlagRule, question_id: str, answer: str) -> RaisedFlag:
    """Add one yes/unsure answer to a flag; a yes outranks unsure, emergency outranks prompt."""
    sure = answer == "yes"
    unsure_level = "same-day" if rule.urgency == "emergency" else "prompt"
    urgency = rule.urgency if sure else unsure_level
    advice = rule.advice if sure else _unsure_advice(rule)
    given = ((question_id, answer),)
    if known is None:
        return RaisedFlag(rule.id, urgency, advice, (question_id,), not sure, given)
    questions = (*known.questions, question_id)
    answers = (*known.answers, *given)
    replaces = sure and (
        known.unsure_only or URGENCIES.index(urgency) < URGENCIES.index(known.urgency)
    )
    if replaces:
        return RaisedFlag(rule.id, urgency, advice, questions, False, answers)
    return replace(known, questions=questions, answers=answers)


def evaluate(rules: Rules, answers: dict[str, str]) -> ScreeningOutcome:
    """Apply ``rules`` to ``answers`` (question id → yes/no/unsure).

    Unknown question ids are ignored (they may come from an older version of
    the rules); an answer other than yes/no/unsure is an :class:`InvalidInputError`.
    """
    for question_id, answer in answers.items():
        if answer not in ANSWERS:
            raise InvalidInputError(f"answers.{question_id}", "must be yes, no or unsure")

    full: dict[str, str] = {}
    unanswered: list[str] = []
    for question in rules.questions:
        given = answers.get(question.id)
        if given is None:
            unanswered.append(question.id)
            given = "unsure"
        full[question.id] = given

    verdicts = {therapy: "ok" for therapy in THERAPIES}
    reasons: dict[str, list[Reason]] = {therapy: [] for therapy in THERAPIES}
    flags: dict[str, RaisedFlag] = {}

    def apply(therapy: str, reason: Reason) -> None:
        verdicts[therapy] = stricter(verdicts[therapy], reason.verdict)
        reasons[therapy].append(reason)

    for question in rules.questions:
        answer = full[question.id]
        if answer == "no":
            continue
        for therapy, declared in question.verdicts.items():
            verdict = declared if answer == "yes" else "caution"
            text = _reason_text(question, answer, verdict, therapy)
            apply(therapy, Reason(question.id, answer, verdict, text))
        if question.red_flag is not None:
            flags[question.red_flag.id] = _raise(
                flags.get(question.red_flag.id), question.red_flag, question.id, answer
            )

    raised = list(flags.values())
    raised.sort(key=lambda flag: (URGENCIES.index(flag.urgency), flag.unsure_only))

    for flag in raised:
        hold = "caution" if flag.urgency == "prompt" else "avoid"
        if flag.urgency == "emergency":
            text = "A sign of an emergency came up: get medical help before any self-treatment."
        elif flag.urgency == "same-day":
            text = "A possible emergency sign came up: get checked today, before self-treatment."
        elif flag.unsure_only:
            text = "A possible warning sign came up: have it checked before starting anything new."
        else:
            text = "A warning sign came up: see a doctor before starting any new self-treatment."
        answer = "unsure" if flag.unsure_only else "yes"
        for therapy in THERAPIES:
            apply(therapy, Reason(f"red-flag:{flag.id}", answer, hold, text))

    ordered = {
        therapy: tuple(sorted(items, key=lambda reason: _RANK[reason.verdict]))
        for therapy, items in reasons.items()
    }
    return ScreeningOutcome(
        rules_version=rules.version,
        answers=full,
        red_flags=tuple(raised),
        verdicts=verdicts,
        reasons=ordered,
        unanswered=tuple(unanswered),
    )


def needs_rescreen(last: ScreeningRecord | None, rules_version: str, today: date) -> str | None:
    """Why the person should screen again now, or ``None`` if the last one still holds."""
    if last is None or last.deleted_at is not None:
        return "You have not done the safety screening yet. It takes a few minutes."
    if last.version != rules_version:
        return (
            f"The screening questions have changed since your last screening "
            f"(version {last.version}, now {rules_version}). Please go through them again."
        )
    age_days = (today - last.at.date()).days
    if age_days > RESCREEN_AFTER_DAYS:
        return (
            f"Your last screening was {age_days} days ago. Health changes, so please "
            f"go through it again (we ask every {RESCREEN_AFTER_DAYS} days)."
        )
    return None
