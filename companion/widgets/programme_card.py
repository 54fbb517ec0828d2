"""The dashboard's programme card: the open flare's day, the day's walking target
and today's lesson.

Hidden while none applies, so a person who uses none of them sees the dashboard
as before. The card owns what it shows as reactives and renders itself; the
dashboard reads the store and sets them.
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from companion.programme import ProgrammeToday

__all__ = ["ProgrammeCard"]


class ProgrammeCard(Static):
    """One to three lines: ``Flare day 3 (F: your plan)``, ``Walking: 24 min today``,
    ``Lesson: …``."""

    DEFAULT_CSS = """
    ProgrammeCard {
        height: auto;
        margin: 0 1;
        border: round $primary-muted;
        border-title-align: left;
        padding: 0 1;
    }
    """

    today: reactive[ProgrammeToday | None] = reactive(None, layout=True)
    """The open flare and the walking target (None: nothing to show)."""
    lesson: reactive[str | None] = reactive(None, layout=True)
    """Today's lesson's title (None: no lesson to offer)."""

    def __init__(
        self, today: ProgrammeToday | None, lesson: str | None = None, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.border_title = "Your plan"
        self.set_reactive(ProgrammeCard.today, today)
        self.set_reactive(ProgrammeCard.lesson, lesson)
        self.display = bool(self.lines())

    def lines(self) -> list[str]:
        """What the card shows, a line each."""
        today = self.today
        lines = [] if today is None else [today.flare_line(), today.walking_line()]
        if self.lesson:
            lines.append(f"Lesson: {self.lesson} (r: read it)")
        return [line for line in lines if line]

    def render(self) -> Content:
        return Content("\n".join(self.lines()))

    def watch_today(self) -> None:
        self.display = bool(self.lines())

    def watch_lesson(self) -> None:
        self.display = bool(self.lines())
