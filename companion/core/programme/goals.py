"""Personal goals: the Patient-Specific Functional Scale (Stratford 1995).

The person names up to three activities they find hard ("sit through a film")
and scores each from 0 (unable) to 10 (as before the problem), in the weekly
questions. A change of about 2 points is meaningful (clinical-facts §5).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple, Self

from companion.core.errors import InvalidInputError
from companion.core.fields import (
    as_id,
    as_instant,
    as_optional_instant,
    as_score,
    iso,
    optional_iso,
)
from companion.core.glyphs import glyph
from companion.core.records import require_object

__all__ = [
    "MAX_GOALS",
    "MEANINGFUL_CHANGE",
    "GoalChange",
    "GoalScores",
    "goal_changes",
    "parse_activities",
]

MAX_GOALS = 3
MEANINGFUL_CHANGE = 2
"""Points of change the PSFS calls meaningful."""
_MAX_ACTIVITY = 60


def parse_activities(lines: Iterable[str], field: str = "goals") -> tuple[str, ...]:
    """Up to three activity names, trimmed, repeats and blanks dropped."""
    found: list[str] = []
    for position, line in enumerate(lines):
        name = " ".join(str(line).split())
        if not name:
            continue
        if len(name) > _MAX_ACTIVITY:
            raise InvalidInputError(
                f"{field}[{position}]", f"must be at most {_MAX_ACTIVITY} characters"
            )
        if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
            raise InvalidInputError(f"{field}[{position}]", "must not contain control characters")
        if name.lower() not in (f.lower() for f in found):
            found.append(name)
    if len(found) > MAX_GOALS:
        raise InvalidInputError(field, f"at most {MAX_GOALS} activities")
    return tuple(found)


@dataclass(frozen=True, slots=True)
class GoalScores:
    """One week's scores for the person's activities."""

    id: str
    at: datetime
    scores: tuple[tuple[str, int], ...]
    """(activity, 0–10) pairs."""
    deleted_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": iso(self.at),
            "scores": [{"activity": name, "score": score} for name, score in self.scores],
            "deleted_at": optional_iso(self.deleted_at),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, prefix: str = "") -> Self:
        require_object(data, prefix)
        p = prefix
        raw = data.get("scores")
        if not isinstance(raw, list) or not raw:
            raise InvalidInputError(f"{p}scores", "must be a list of {activity, score}")
        names = parse_activities(
            (item.get("activity", "") if isinstance(item, dict) else "" for item in raw),
            f"{p}scores",
        )
        if len(names) != len(raw):
            raise InvalidInputError(f"{p}scores", "each needs a different, non-empty activity")
        scores = tuple(
            (name, as_score(item.get("score"), f"{p}scores[{i}].score"))
            for i, (name, item) in enumerate(zip(names, raw, strict=True))
        )
        return cls(
            id=as_id(data.get("id"), f"{p}id"),
            at=as_instant(data.get("at"), f"{p}at"),
            scores=scores,
            deleted_at=as_optional_instant(data.get("deleted_at"), f"{p}deleted_at"),
        )


class GoalChange(NamedTuple):
    """One activity's first and latest score."""

    activity: str
    first: int
    latest: int
    weeks: int
    """How many weekly scores it has."""

    @property
    def change(self) -> int:
        return self.latest - self.first

    @property
    def meaningful(self) -> bool:
        return abs(self.change) >= MEANINGFUL_CHANGE

    def describe(self) -> str:
        """``sit through a film: 3 → 6 (+3, a meaningful change)``."""
        if self.weeks < 2:
            return f"{self.activity}: {self.latest}/10 (one score so far)"
        verdict = "a meaningful change" if self.meaningful else "not yet a meaningful change"
        to = glyph("to")
        return f"{self.activity}: {self.first} {to} {self.latest} ({self.change:+d}, {verdict})"


def goal_changes(records: Iterable[GoalScores]) -> list[GoalChange]:
    """Per activity, in the order first scored: first and latest score."""
    series: dict[str, list[int]] = {}
    for record in sorted(records, key=lambda r: r.at):
        for name, score in record.scores:
            series.setdefault(name, []).append(score)
    return [GoalChange(name, values[0], values[-1], len(values)) for name, values in series.items()]
