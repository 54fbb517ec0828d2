"""One language of urgency: the three levels of a red flag, the words each is
shown with on every screen and in the report, and the emergency numbers for
where the person lives.

Every screen, the report and the export call these functions, so a level can
never read "today" in one place and "within days" in another. No I/O, no Textual.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

__all__ = [
    "LEVELS",
    "REGIONS",
    "Flagged",
    "answer_words",
    "flag_lines",
    "flags_summary",
    "emergency_numbers",
    "most_urgent",
    "urgency_action",
    "urgency_heading",
    "urgency_line",
    "urgency_name",
]

LEVELS = ("emergency", "same-day", "prompt")
"""Red-flag urgencies, most urgent first (the JSON export uses these words)."""

_NAMES = {"emergency": "Emergency", "same-day": "Same-day", "prompt": "Prompt"}
_ACTIONS = {
    "emergency": "go to an emergency department now",
    "same-day": "get checked today",
    "prompt": "see a doctor within days",
}
_SYMBOLS = {"emergency": "!!!", "same-day": "!!", "prompt": "!"}

REGIONS: dict[str, tuple[str, str]] = {
    "uk": ("United Kingdom", "emergency: 999 (or 112) · same-day advice: NHS 111"),
    "us-ca": ("United States or Canada", "emergency: 911 · same-day: urgent care or your doctor"),
    "eu": ("European Union", "emergency: 112 · same-day: an out-of-hours doctor"),
    "au-nz": ("Australia or New Zealand", "emergency: 000 (Australia), 111 (New Zealand)"),
    "other": ("Somewhere else", ""),
}
"""Region id → (name, its emergency and same-day numbers)."""

_NEUTRAL = (
    "call your local emergency number (for example 999 in the UK, 911 in the US "
    "and Canada, 112 in the EU, 000 in Australia)"
)


def urgency_name(level: str) -> str:
    """The level as one word: ``Emergency``, ``Same-day``, ``Prompt``."""
    return _NAMES.get(level, level.capitalize())


def urgency_action(level: str) -> str:
    """What the level asks of the person, in a few words: ``get checked today``."""
    return _ACTIONS.get(level, "see a doctor")


def urgency_line(level: str) -> str:
    """The level and its action, e.g. ``Same-day: get checked today``."""
    return f"{urgency_name(level)}: {urgency_action(level)}"


def urgency_heading(level: str) -> str:
    """A heading that reads without colour: ``!! SAME-DAY: get checked today``."""
    return f"{_SYMBOLS.get(level, '!')} {urgency_name(level).upper()}: {urgency_action(level)}"


def most_urgent(levels: Iterable[str]) -> str | None:
    """The most urgent of ``levels`` (``None`` if there are none)."""
    ranked = sorted((lvl for lvl in levels if lvl in LEVELS), key=LEVELS.index)
    return ranked[0] if ranked else None


def emergency_numbers(region: str) -> str:
    """Who to call where the person lives; a neutral line when the region is other or unset.

    Never one country's numbers alone: an unknown region names several.
    """
    known = REGIONS.get(region)
    if known is None or not known[1]:
        return f"To get help, {_NEUTRAL}."
    return f"Where you live ({known[0]}): {known[1]}."


class Flagged(Protocol):
    """What a red flag needs for its words (a stored or a freshly raised one)."""

    @property
    def id(self) -> str: ...
    @property
    def urgency(self) -> str: ...
    @property
    def raised_by(self) -> tuple[tuple[str, str], ...]: ...


def answer_words(question_id: str, answer: str) -> str:
    """One answer behind a flag, readable without the rules: ``saddle numbness: unsure``."""
    name = question_id.removeprefix("ce-").replace("-", " ")
    return f"{name}: {answer}"


def flag_lines(flags: Iterable[Flagged]) -> list[tuple[str, str]]:
    """(level, line) for each flag, most urgent first:
    ``Same-day: get checked today — cauda equina (saddle numbness: unsure)``."""
    lines = []
    for flag in sorted(flags, key=lambda f: LEVELS.index(f.urgency) if f.urgency in LEVELS else 9):
        name = flag.id.replace("-", " ")
        answers = "; ".join(answer_words(q, a) for q, a in flag.raised_by)
        detail = f"{name} ({answers})" if answers else name
        lines.append((flag.urgency, f"{urgency_line(flag.urgency)} — {detail}"))
    return lines


def flags_summary(flags: Iterable[Flagged]) -> str | None:
    """One line for a card: the most urgent level's heading and how many signs."""
    flags = list(flags)
    level = most_urgent(f.urgency for f in flags)
    if level is None:
        return None
    count = len(flags)
    signs = "1 warning sign" if count == 1 else f"{count} warning signs"
    return f"{urgency_heading(level)} ({signs})"
