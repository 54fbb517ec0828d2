"""Counting in words: "1 check-in", "2 check-ins", the same everywhere."""

from __future__ import annotations

__all__ = ["count_of"]


def count_of(count: int, one: str, many: str | None = None) -> str:
    """``count`` with the noun in the right number (``many`` defaults to ``one`` + "s")."""
    return f"{count} {one if count == 1 else (many or one + 's')}"
