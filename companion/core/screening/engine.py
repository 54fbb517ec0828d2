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
* A question left unanswered weighs on the verdicts as ``unsure`` would (an
  unfinished screening must never look like an all-clear), but no answer is
  made up for it: it raises no red flag, and its reason is one plain
  "unfinished" line per therapy (see :data:`UNANSWERED`), never a "you weren't
  sure". Unanswered ids are listed in the outcome.
* A red flag holds back all self-treatment until a clinician has looked: an
  ``emergency`` or ``same-day`` flag makes every therapy ``avoid``; a
  ``prompt`` flag makes every therapy at least ``caution`` (the questions of
  some prompt flags, such as a possible fracture, say ``avoid`` for some).
* For each therapy the most restrictive verdict wins: avoid > caution > ok.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import datetime

from companion.core.errors import InvalidInputError
from companion.core.records import (
    ANSWERS,
    THERAPIES,
    URGENCIES,
    VERDICTS,
    RedFlag,
    ScreeningRecord,
    unanswered,
)
from companion.core.screening.urgency import urgency_line

__all__ = [
    "UNANSWERED",
    "THERAPY_NAMES",
    "FlagRule",
    "Group",
    "Question",
    "Reason",
    "RaisedFlag",
    "Rules",
    "ScreeningOutcome",
    "evaluate",
    "stricter",
    "unfinished_words",
]

UNANSWERED = "unanswered"
"""The :attr:`Reason.question` of the reason an unfinished screening gives."""


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
    """The question id, ``red-flag:<flag id>`` for the hold a red flag puts on,
    or :data:`UNANSWERED` for the hold an unfinished screening puts on."""
    answer: str
    verdict: str
    text: str
    """The reason in plain words."""


@dataclass(frozen=True, slots=True)
class ScreeningOutcome:
    """What a set of answers means under a given version of the rules."""

    rules_version: str
    answers: dict[str, str]
    """Question id → yes/no/unsure for each question of these rules answered."""
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

        It keeps only the answers actually given, and the flags they raised.
        """
        return ScreeningRecord(
            id=id,
            at=at,
            version=self.rules_version,
            answers=dict(self.answers),
            red_flags=tuple(RedFlag(f.id, f.urgency, f.answers) for f in self.red_flags),
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


def _flag_reason(flag: RaisedFlag, rules: Rules) -> str:
    """Why a red flag holds back self-treatment, in its level's own words
    (:func:`~companion.core.screening.urgency.urgency_line`), naming only the
    answers that raised it."""
    topics: dict[str, list[str]] = {"yes": [], "unsure": []}
    for question_id, answer in flag.answers:
        topics[answer].append(rules.question(question_id).topic)
    sign = {
        "emergency": "a sign of an emergency",
        "same-day": "a possible sign of an emergency",
    }.get(flag.urgency, "a warning sign")
    said = []
    if topics["yes"]:
        said.append(f"said yes to {sign} ({'; '.join(topics['yes'])})")
    if topics["unsure"]:
        said.append(f"weren't sure about {sign} ({'; '.join(topics['unsure'])})")
    hold = "no new self-treatment" if flag.urgency == "prompt" else "no self-treatment"
    return (
        f"{urgency_line(flag.urgency)}. You {' and '.join(said)}: "
        f"{hold} for your back until a clinician has checked it."
    )


def unfinished_words(rules: Rules, unanswered: Collection[str]) -> str:
    """How far an unfinished screening got, and which parts it did not reach:
    ``You answered 2 of 53 questions; not finished: Warning signs: infection; ….``"""
    total = len(rules.questions)
    missing = set(unanswered)
    titles = {group.id: group.title.split(" (")[0] for group in rules.groups}
    parts = dict.fromkeys(titles[q.group] for q in rules.questions if q.id in missing)
    answered = total - len(missing & set(rules.question_ids))
    return f"You answered {answered} of {total} questions; not finished: {'; '.join(parts)}."


def _unfinished_reason(
    rules: Rules, unanswered: Collection[str], verdict: str, therapy: str, urgent: bool
) -> Reason:
    name = THERAPY_NAMES.get(therapy, therapy)
    if verdict == "avoid":
        action = f"avoid {name}"
        if urgent:
            action += " (the questions not answered include signs of an emergency)"
    else:
        action = f"ask a clinician before {name}"
    text = (
        f"Your screening is unfinished. {unfinished_words(rules, unanswered)} "
        f"Until you finish it (press s), {action}."
    )
    return Reason(UNANSWERED, "not answered", verdict, text)


def evaluate(rules: Rules, answers: dict[str, str]) -> ScreeningOutcome:
    """Apply ``rules`` to ``answers`` (question id → yes/no/unsure).

    Unknown question ids are ignored (they may come from an older version of
    the rules); an answer other than yes/no/unsure is an :class:`InvalidInputError`.
    """
    for question_id, answer in answers.items():
        if answer not in ANSWERS:
            raise InvalidInputError(f"answers.{question_id}", "must be yes, no or unsure")

    given = {q.id: answers[q.id] for q in rules.questions if q.id in answers}
    left_out = unanswered(rules.question_ids, given)

    verdicts = {therapy: "ok" for therapy in THERAPIES}
    reasons: dict[str, list[Reason]] = {therapy: [] for therapy in THERAPIES}
    flags: dict[str, RaisedFlag] = {}

    def apply(therapy: str, reason: Reason) -> None:
        verdicts[therapy] = stricter(verdicts[therapy], reason.verdict)
        reasons[therapy].append(reason)

    for question in rules.questions:
        if (answer := given.get(question.id, "no")) == "no":
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
        answer = "unsure" if flag.unsure_only else "yes"
        text = _flag_reason(flag, rules)
        for therapy in THERAPIES:
            apply(therapy, Reason(f"red-flag:{flag.id}", answer, hold, text))

    # What is not answered weighs as "unsure" would (never an all-clear): caution
    # for the therapies it names, and the hold its red flag would put on.
    missing = [rules.question(q) for q in left_out]
    urgent = any(q.red_flag is not None and q.red_flag.urgency == "emergency" for q in missing)
    for therapy in THERAPIES if missing else ():
        holds = [
            "avoid" if q.red_flag.urgency == "emergency" else "caution"
            for q in missing
            if q.red_flag is not None
        ]
        holds += ["caution" for q in missing if therapy in q.verdicts]
        if holds:
            verdict = min(holds, key=_RANK.__getitem__)
            apply(therapy, _unfinished_reason(rules, left_out, verdict, therapy, urgent))

    ordered = {
        therapy: tuple(sorted(items, key=lambda reason: _RANK[reason.verdict]))
        for therapy, items in reasons.items()
    }
    return ScreeningOutcome(
        rules_version=rules.version,
        answers=given,
        red_flags=tuple(raised),
        verdicts=verdicts,
        reasons=ordered,
        unanswered=left_out,
    )
