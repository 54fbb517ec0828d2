"""An optional 0–10 pain question around a routine: before it starts, and after.

A digit then ``enter`` answers; ``enter`` alone or ``escape`` skips. Dismisses
with the score or ``None``.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from companion.commands import Command
from companion.screens.base import CompanionModal, stylesheet
from companion.widgets.pain_scale import PainScale

__all__ = ["PainQuestion"]


class PainQuestion(CompanionModal[int | None]):
    """Ask for pain now, 0–10; skippable."""

    DEFAULT_CSS = stylesheet("routine_dialogs")

    HELP_TITLE = "Pain question"
    COMMANDS_HERE = (
        Command("pain-answer", "enter", "answer", "Save", "Save the score, or skip if none typed."),
        Command("pain-skip", "escape", "skip", "Skip", "Go on without a score."),
    )

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question
        """What is asked, e.g. "Pain before you start?"."""

    def compose(self) -> ComposeResult:
        with Vertical(id="pain-question", classes="dialog"):
            yield Static(self.question, id="pain-question-text")
            yield PainScale(optional=True, id="pain-answer")
            yield Static(
                "Type 0–10 then [b]enter[/]; [b]enter[/] alone or [b]esc[/] skips.",
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one(PainScale).focus()

    def action_answer(self) -> None:
        self.dismiss(self.query_one(PainScale).value)

    def action_skip(self) -> None:
        self.dismiss(None)
