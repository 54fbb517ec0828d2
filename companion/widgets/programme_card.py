"""The dashboard's programme card: the open flare's day and the day's walking target.

Hidden while neither applies, so a person who uses neither sees the dashboard
as before. The owner screen reads the store and calls :meth:`ProgrammeCard.show`.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from companion.programme import ProgrammeToday

__all__ = ["ProgrammeCard"]


class ProgrammeCard(Static):
    """A line each: ``Flare day 3 (F: your plan)``, ``Walking: 24 min today``, today's lesson."""

    DEFAULT_CSS = """
    ProgrammeCard {
        height: auto;
        margin: 0 1;
        border: round $primary-muted;
        border-title-align: left;
        padding: 0 1;
    }
    """

    def __init__(self, today: ProgrammeToday | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.border_title = "Your plan"
        self._today = today
        self._lesson: str | None = None
        self.show(today)

    def show(self, today: ProgrammeToday | None) -> None:
        """Show ``today`` (``None``: nothing to show, the card hides)."""
        self._today = today
        lines = [] if today is None else [today.flare_line(), today.walking_line()]
        shown = [line for line in lines if line]
        if self._lesson:
            shown.append(self._lesson)
        self.display = bool(shown)
        self.update(Content("\n".join(shown)))

    def show_lesson(self, title: str | None) -> None:
        """Add today's lesson (loaded after the first frame: it reads the content)."""
        self._lesson = None if title is None else f"Lesson: {title} (r: read it)"
        self.show(self._today)
