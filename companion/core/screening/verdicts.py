"""What the latest screening says about each therapy, for every screen to read.

The dashboard, the screening results, the library and the timers all ask the
same questions: what did the last screening say about this therapy, why, and
does starting it need an explicit override? The answers live here, once, as
plain functions (no I/O, no Textual), together with the words and symbols a
verdict is shown with, so meaning never rests on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

from companion.core.glyphs import glyph
from companion.core.records import THERAPIES, ScreeningRecord, unanswered
from companion.core.untrusted import printable

if TYPE_CHECKING:  # the engine is imported where a verdict is worked out, not by the dashboard
    from companion.core.screening.engine import RaisedFlag, Reason, Rules

__all__ = [
    "RESCREEN_AFTER_DAYS",
    "THERAPY_TITLES",
    "QuestionSet",
    "TherapyAdvice",
    "current_verdicts",
    "describe_reason",
    "flag_title",
    "needs_rescreen",
    "therapy_advice",
    "unfinished_note",
    "verdict_label",
]

THERAPY_TITLES = {
    "inversion": "Inversion",
    "decompression": "Decompression (non-surgical)",
    "massage": "Massage",
    "stretching": "Stretching and exercise",
}
"""How each therapy is titled in tables and headings."""

RESCREEN_AFTER_DAYS = 90
"""A screening older than this many days should be done again."""

_WORDS = {"avoid": "AVOID", "caution": "CAUTION", "ok": "OK"}


def verdict_label(verdict: str | None) -> str:
    """A verdict as a symbol and a word (``✗ AVOID``, ``! CAUTION``, ``✓ OK``).

    ``None`` (no screening yet) reads ``? not screened``.
    """
    if verdict is None:
        return "? not screened"
    return f"{glyph(verdict)} {_WORDS[verdict]}"  # the glyph table names each verdict


def current_verdicts(latest: ScreeningRecord | None) -> dict[str, str]:
    """Therapy → ``avoid``/``caution``/``ok`` from the latest live screening.

    Empty when there is no screening (or it is in the trash): callers then say
    "not screened" rather than inventing an all-clear. A therapy the record
    does not mention (an older or hand-made import) reads as ``caution``.
    """
    if latest is None or latest.deleted_at is not None:
        return {}
    if any(flag.urgency in ("emergency", "same-day") for flag in latest.red_flags):
        # an older record may hold a softer verdict for an unsure emergency sign
        return dict.fromkeys(THERAPIES, "avoid")
    return {therapy: latest.verdicts.get(therapy, "caution") for therapy in THERAPIES}


@dataclass(frozen=True, slots=True)
class TherapyAdvice:
    """One therapy's standing under the latest screening."""

    therapy: str
    verdict: str | None
    """``avoid``, ``caution`` or ``ok``; ``None`` when there is no screening."""
    reasons: tuple[str, ...]
    """Why, in plain words (most restrictive first); empty for ``ok``."""
    screened_at: datetime | None = None
    outdated: bool = False
    """The screening used an older version of the questions."""

    @property
    def label(self) -> str:
        """The verdict as a symbol and a word."""
        return verdict_label(self.verdict)

    @property
    def needs_override(self) -> bool:
        """Starting this therapy needs an explicit "I have checked with a clinician"."""
        return self.verdict == "avoid"


def therapy_advice(therapy: str, latest: ScreeningRecord | None, rules: Rules) -> TherapyAdvice:
    """What the latest screening says about ``therapy``, and why.

    The verdict is the one saved with the screening. The reasons are worked
    out again from its answers with the current rules (citing only answers
    given; an unfinished screening says how far it got); when the rules have
    changed since, that is said instead, because the old reasons are gone.
    """
    verdicts = current_verdicts(latest)
    if latest is None or not verdicts:
        return TherapyAdvice(
            therapy,
            None,
            ("You have not done the safety screening yet: press s to do it (a few minutes).",),
        )
    verdict = verdicts[therapy]
    if latest.version != rules.version:
        note = (
            f"This comes from a screening with an older set of questions "
            f"(version {latest.version}). Press s to screen again."
        )
        return TherapyAdvice(therapy, verdict, (note,), latest.at, outdated=True)
    from companion.core.screening.engine import evaluate

    reasons = evaluate(rules, latest.answers).reasons.get(therapy, ())
    return TherapyAdvice(therapy, verdict, tuple(r.text for r in reasons), latest.at)


class QuestionSet(Protocol):
    """The screening rules as far as counting answers goes: the
    :class:`~companion.core.screening.engine.Rules` themselves, or the dashboard's
    :class:`~companion.core.content.index.ContentIndex`."""

    @property
    def version(self) -> str: ...

    @property
    def question_ids(self) -> tuple[str, ...]: ...


def unfinished_note(latest: ScreeningRecord | None, rules: QuestionSet) -> str:
    """``unfinished: 2 of 53 questions answered`` for a live screening under these
    rules that left questions out ("" otherwise), counted as the evaluation that
    gives its verdicts and reasons counts them."""
    if latest is None or latest.deleted_at is not None or latest.version != rules.version:
        return ""
    questions = rules.question_ids
    missing = len(unanswered(questions, latest.answers))
    total = len(questions)
    return f"unfinished: {total - missing} of {total} questions answered" if missing else ""


def describe_reason(reason: Reason, rules: Rules) -> str:
    """One reason in a few words for a table: ``yes: glaucoma … → avoid``."""
    from companion.core.screening.engine import UNANSWERED

    if reason.question == UNANSWERED:
        return f"questions not answered → {reason.verdict}"
    if reason.question.startswith("red-flag:"):
        sign = "emergency sign" if reason.verdict == "avoid" else "warning sign"
        return f"{sign} above {glyph('to')} {reason.verdict}"
    try:
        topic = rules.question(reason.question).topic
    except KeyError:
        topic = reason.question
    return printable(
        f"{reason.answer}: {topic} {glyph('to')} {reason.verdict}"
    )  # ids may come from a file


def flag_title(flag: RaisedFlag, rules: Rules) -> str:
    """A heading for a red flag: the title of the group that asked about it."""
    titles = {group.id: group.title for group in rules.groups}
    for question_id in flag.questions:
        try:
            return titles[rules.question(question_id).group]
        except KeyError:
            continue
    return printable(flag.id.replace("-", " ").capitalize())  # an imported id: shown safely


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
