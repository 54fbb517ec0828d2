"""The dashboard's "Safety screening" card: when the last screening was, its red
flags and what to avoid, and whether it is due again.

The card owns what it shows as reactives and renders itself; the dashboard
works out the lines and the re-screen offer and sets them.
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

__all__ = ["ScreeningCard"]


class ScreeningCard(Static):
    """The last screening in a few lines of markup, and the offer to screen again."""

    lines: reactive[tuple[str, ...]] = reactive((), layout=True)
    """The screening's lines, as markup (our own words, never the user's)."""
    due_again: reactive[str] = reactive("", layout=True)
    """Why the screening is due again ("" while it is not)."""

    def __init__(self, lines: tuple[str, ...] = (), *, id: str | None = None) -> None:
        super().__init__(id=id, classes="card")
        self.border_title = "Safety screening"
        self.set_reactive(ScreeningCard.lines, lines)

    def render(self) -> Content:
        shown = list(self.lines)
        if self.due_again:
            shown.append(f"[b]Due again[/] ({self.due_again}): press [b]s[/]")
        return Content.from_markup("\n".join(shown))
