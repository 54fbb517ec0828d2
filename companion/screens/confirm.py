"""A yes/no question as a small dialog (delete, stop, override)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from companion.commands import Command
from companion.screens.base import CompanionModal, stylesheet

__all__ = ["ConfirmScreen"]


class ConfirmScreen(CompanionModal[bool]):
    """Ask ``question``; dismisses with True for yes."""

    DEFAULT_CSS = stylesheet("confirm")

    COMMANDS_HERE = (
        Command("confirm-yes", "y", "answer(True)", "Yes", "Confirm."),
        Command("confirm-no", "n,escape", "answer(False)", "No", "Cancel."),
    )

    def __init__(self, question: str, yes_label: str = "Yes", no_label: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes_label = yes_label
        self.no_label = no_label

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="dialog"):
            yield Static(self.question, id="question")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes_label}  y", id="yes", variant="error")
                yield Button(f"{self.no_label}  n", id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed, "#yes")
    def yes_pressed(self) -> None:
        self.action_answer(True)

    @on(Button.Pressed, "#no")
    def no_pressed(self) -> None:
        self.action_answer(False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
