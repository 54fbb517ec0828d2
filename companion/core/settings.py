"""User preferences, saved as JSON by the store (``settings.json``).

Unknown keys in the file are ignored and missing ones take their defaults,
so older and newer versions of the app can share a data directory.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any, Self

from companion.core.errors import InvalidInputError

__all__ = ["Settings"]


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the user can choose that should survive a restart."""

    theme: str = "textual-dark"
    """The Textual theme picked in the command palette."""
    bell: bool = True
    """Ring the terminal bell when a timer step changes."""
    daily_target: int = 2
    """Stretch sessions a day to aim for (1–3; two is the evidence-based default)."""
    first_run_seen: bool = False
    """Whether the "self-care support, not a diagnosis" notice was acknowledged."""
    screening_offered: bool = False
    """Whether the first-launch offer of the screening was made (taken or skipped)."""
    region: str = ""
    """Where the person lives, for emergency numbers (``uk``, ``us-ca``, ``eu``,
    ``au-nz``, ``other``); empty until chosen, which shows a neutral line."""
    safety_net_on: str = ""
    """The local day (``YYYY-MM-DD``) the check-in last asked the cauda equina signs."""
    safety_net_for: str = ""
    """Why it asked that day (comma-separated: numbness, weakness, leg pain rising)."""
    weekly_skipped_on: str = ""
    """The local day (``YYYY-MM-DD``) the weekly questions were last skipped, if ever."""
    flare_plan: str = ""
    """The person's own flare plan, one item a line (empty: suggestions are shown)."""
    goals: str = ""
    """Personal goals (PSFS): up to three activities, one a line."""
    lessons_read: str = ""
    """Ids of the lessons read, comma-separated."""
    glyphs: str = ""
    """``ascii`` or ``unicode`` symbols; empty chooses by the terminal (ASCII on
    ``TERM=linux``). See :mod:`companion.core.glyphs`."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Self:
        """Read what is known and valid; fall back to defaults for the rest."""
        known = {f.name for f in fields(cls)}
        settings = cls(**{k: v for k, v in data.items() if k in known})
        defaults = cls()
        checked: dict[str, Any] = {}
        for f in fields(cls):
            value = getattr(settings, f.name)
            default = getattr(defaults, f.name)
            checked[f.name] = value if type(value) is type(default) else default
        if not 1 <= checked["daily_target"] <= 3:
            checked["daily_target"] = defaults.daily_target
        if checked["glyphs"] not in ("", "ascii", "unicode"):
            checked["glyphs"] = defaults.glyphs
        return cls(**checked)

    def updated(self, **changes: Any) -> Self:
        """A copy with ``changes``, validated."""
        if "daily_target" in changes and changes["daily_target"] not in (1, 2, 3):
            raise InvalidInputError("daily_target", "must be 1, 2 or 3")
        if "glyphs" in changes and changes["glyphs"] not in ("", "ascii", "unicode"):
            raise InvalidInputError("glyphs", "must be ascii, unicode or empty (automatic)")
        return replace(self, **changes)
