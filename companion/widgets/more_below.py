"""A scrolling box that says when some of it is out of view.

The emergency interruption and the "Start anyway?" dialog keep focus on their
buttons (the way out), so their scrolling text takes its keys from the screen
(:meth:`MoreBelow.page`) and says "more below" under itself while any is out of
view: a scrollbar alone is easy to miss.
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widget import Widget

__all__ = ["MoreBelow"]


class MoreBelow(VerticalScroll):
    """A :class:`VerticalScroll` whose bottom border says ``hint`` while there is more below."""

    def __init__(self, *children: Widget, hint: str, id: str | None = None) -> None:
        super().__init__(*children, id=id)
        self.hint = hint
        """What the bottom border says while some of the content is below the view."""

    def on_mount(self) -> None:
        self.watch(self, "scroll_y", self.show_hint, init=False)

    def on_resize(self) -> None:
        self.call_after_refresh(self.show_hint)  # once the content has its new size

    def show_hint(self) -> None:
        more = self.max_scroll_y > 0 and self.scroll_y < self.max_scroll_y
        self.border_subtitle = self.hint if more else ""

    def page(self, direction: int) -> None:
        """Scroll a page (less a line) down (``1``) or up (``-1``)."""
        self.scroll_relative(y=direction * max(1, self.size.height - 1), animate=False)
