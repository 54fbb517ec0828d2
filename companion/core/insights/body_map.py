"""Where it hurts, in words: the areas marked most over a period.

Describes the pattern from the lower back down the leg ("from the buttock to
the calf and the foot, on the left") and never names a diagnosis: the same
pattern has several causes, and telling them apart is a clinician's job.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from companion.core.records import BODY_AREAS, CheckIn

__all__ = ["MOST_SHOWN", "describe_areas", "describe_counts", "marked_counts"]

MOST_SHOWN = 4
"""How many areas the description names."""

_SIDES = ("left", "right")


def marked_counts(checkins: Iterable[CheckIn]) -> Counter[str]:
    """How many check-ins marked each area (with its side), over the period."""
    counts: Counter[str] = Counter()
    for entry in checkins:
        counts.update(set(entry.where))
    return counts


def _split(label: str) -> tuple[str | None, str]:
    side, _, area = label.partition(" ")
    return (side, area) if side in (*_SIDES, "both") and area else (None, label)


def describe_areas(checkins: Iterable[CheckIn]) -> str | None:
    """``Marked most: left buttock (12), left calf (9). From the buttock to the calf,
    on the left.`` ``None`` when no area was marked."""
    return describe_counts(marked_counts(checkins))


def describe_counts(counts: Mapping[str, int]) -> str | None:
    """:func:`describe_areas` from :func:`marked_counts`."""
    if not counts:
        return None
    top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:MOST_SHOWN]
    named = ", ".join(f"{label} ({count})" for label, count in top)
    parts = [_split(label) for label, _ in top]
    known = sorted({area for _, area in parts if area in BODY_AREAS}, key=BODY_AREAS.index)
    sides = {side for side, _ in parts if side in _SIDES}
    text = f"Marked most: {named}."
    if len(known) >= 2:
        path = f"from the {known[0]} to the " + " and the ".join(known[1:])
        side = f", on the {sides.pop()}" if len(sides) == 1 else ", on both sides" if sides else ""
        text += f" {path[0].upper()}{path[1:]}{side}."
    return text
