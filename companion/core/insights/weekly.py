"""The weekly questions: their wording, and when to offer them.

Two short questionnaires about the past week, asked together once a week:

- the **PEG** (Krebs et al. 2009, J Gen Intern Med 24:733): average pain, and
  how much pain got in the way of enjoying life and of general activity,
  each 0–10; the score is their mean. Free to use.
- the **Sciatica Bothersomeness Index** (Patrick et al. 1995, Spine 20:1899;
  Grøvle et al. 2010): how bothersome leg pain, numbness or tingling,
  weakness, and pain while sitting were, each 0 (not at all) to 6
  (extremely); the total is 0–24.

The wording below is ours, in plain language, keeping each item's meaning
and scale. They are offered after a check-in is saved (never before, so the
check-in stays a digit and enter), at most once a week, and not on the
person's very first day: the first day is for settling in, and "the past
week" then already has a day of diary behind it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["QUESTIONS", "SBI_INTRO", "WEEK_DAYS", "Question", "weekly_due"]

WEEK_DAYS = 7
"""Days between offers."""


@dataclass(frozen=True, slots=True)
class Question:
    """One weekly question and its scale."""

    id: str
    """``peg.pain``, ``sbi.sitting``…"""
    text: str
    high: int
    """The top of the scale (10 for the PEG, 6 for bothersomeness)."""
    low_anchor: str
    high_anchor: str


_PEG = "In the past week, "

SBI_INTRO = "In the past week, how much did each of these bother you?"
"""Said once before the four bothersomeness items, which are then just named."""

QUESTIONS = (
    Question(
        "peg.pain", _PEG + "what was your pain on average?", 10, "no pain", "worst imaginable"
    ),
    Question(
        "peg.enjoyment",
        _PEG + "how much did pain get in the way of enjoying life?",
        10,
        "not at all",
        "completely",
    ),
    Question(
        "peg.activity",
        _PEG + "how much did pain get in the way of your usual activities?",
        10,
        "not at all",
        "completely",
    ),
    Question("sbi.leg_pain", "Leg pain", 6, "not at all", "extremely"),
    Question(
        "sbi.numbness_tingling",
        "Numbness or tingling in the leg or foot",
        6,
        "not at all",
        "extremely",
    ),
    Question("sbi.weakness", "Weakness in the leg or foot", 6, "not at all", "extremely"),
    Question("sbi.sitting", "Back or leg pain while sitting", 6, "not at all", "extremely"),
)
"""The seven questions in the order asked: three PEG items, then four bothersomeness items."""


def weekly_due(
    today: date,
    *,
    last_answered: date | None,
    last_skipped: date | None,
    first_checkin: date | None,
) -> bool:
    """Whether to offer the weekly questions today.

    Not before a check-in from an earlier day exists (not on the first day of
    use), and not within :data:`WEEK_DAYS` days of the last answers or the
    last "skip this week".
    """
    if first_checkin is None or first_checkin >= today:
        return False
    return all(
        last is None or (today - last).days >= WEEK_DAYS for last in (last_answered, last_skipped)
    )
