"""Completion for comma-separated lists: suggests the rest of the *last* item."""

from __future__ import annotations

from collections.abc import Iterable

from textual.suggester import Suggester

__all__ = ["ListSuggester"]


class ListSuggester(Suggester):
    """Suggest from ``choices`` for the item after the last comma."""

    def __init__(self, choices: Iterable[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.choices = tuple(choices)
        """Candidate labels, in the order they are offered."""

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(",")
        stem = last.lstrip().lower()
        if not stem:
            return None
        taken = {item.strip().lower() for item in head.split(",")}
        for choice in self.choices:
            if choice.lower().startswith(stem) and choice.lower() not in taken:
                prefix = value[: len(value) - len(last.lstrip())]
                return prefix + choice
        return None
