"""The first-run notice: what the companion is, and what it is not."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Markdown

from companion.commands import Command
from companion.screens.base import CompanionModal

__all__ = ["WelcomeScreen"]

NOTICE = """\
# Welcome

This companion supports **self-care** for sciatica and low back pain: a pain
journal, stretch timers and honest notes on common therapies.

It is **not a diagnosis** and does not replace a doctor or physiotherapist.

**Go to an emergency department now** if you have new trouble passing or
holding urine, numbness around your genitals or back passage, loss of bowel
control, or weakness spreading in one or both legs.

Your data stays on this machine. Nothing is sent anywhere.
"""


class WelcomeScreen(CompanionModal[bool]):
    """Shown once, until acknowledged."""

    COMMANDS_HERE = (
        Command("welcome-ok", "enter,escape", "understood", "I understand", "Close the notice."),
    )

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome", classes="dialog"):
            yield Markdown(NOTICE)
            yield Button("I understand", id="understood", variant="primary")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def on_button_pressed(self, _: Button.Pressed) -> None:
        self.action_understood()

    def action_understood(self) -> None:
        self.dismiss(True)
