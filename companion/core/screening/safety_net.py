"""The check-in's safety net: when to ask the cauda equina signs again.

A check-in that records numbness or weakness, or leg pain rising sharply
against the person's recent days, asks the emergency questions in one short
step. It must not nag: at most once a day, unless the reason to ask is new
that day (weakness where only numbness was recorded before). No I/O, no Textual.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from companion.core.records import CheckIn, ScreeningRecord
from companion.core.screening.engine import Question, Rules, evaluate

__all__ = ["LEG_RISE", "merged_record", "net_questions", "new_reasons", "reasons_to_ask"]

LEG_RISE = 3
"""Leg pain this many points above the mean of the last 7 days counts as a sharp rise."""


def reasons_to_ask(entry: CheckIn, recent: Iterable[CheckIn]) -> tuple[str, ...]:
    """Why this check-in should ask the cauda equina signs (empty: it should not)."""
    reasons: list[str] = [s for s in ("numbness", "weakness") if s in entry.symptoms]
    legs = [c.leg for c in recent if c.leg is not None and c.id != entry.id and not c.in_trash]
    if entry.leg is not None and legs and entry.leg - sum(legs) / len(legs) >= LEG_RISE:
        reasons.append("leg pain rising")
    return tuple(reasons)


def new_reasons(reasons: tuple[str, ...], asked_on: str, asked_for: str, today: date) -> bool:
    """Whether to ask now: not yet today, or for a reason not yet asked about today."""
    if asked_on != today.isoformat():
        return bool(reasons)
    return bool(set(reasons) - set(asked_for.split(",")))


def net_questions(rules: Rules) -> tuple[Question, ...]:
    """The cauda equina questions, in rules order."""
    return tuple(
        q for q in rules.questions if q.red_flag is not None and q.red_flag.id == "cauda-equina"
    )


def merged_record(
    rules: Rules,
    answers: dict[str, str],
    latest: ScreeningRecord | None,
    record_id: str,
    at: datetime,
) -> ScreeningRecord:
    """The safety net's answers over the last screening's (when it used these rules),
    saved as a partial screening so every screen and the report know at once."""
    base = dict(latest.answers) if latest is not None and latest.version == rules.version else {}
    outcome = evaluate(rules, base | answers)
    return outcome.to_record(record_id, at, partial=True)
