"""The first-run notice: what the companion is, and what it is not."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Markdown

from companion.commands import Command
from companion.screens.base import CompanionModal, stylesheet

__all__ = ["EMERGENCY_ADVICE", "EMERGENCY_SIGNS", "WelcomeScreen"]

EMERGENCY_SIGNS = (
    "if you have new trouble passing or holding urine, numbness around your genitals "
    "or back passage, loss of bowel control, or weakness spreading in one or both legs."
)
"""The emergency signs, after "go to an emergency department now"."""

EMERGENCY_ADVICE = f"[b]Go to an emergency department now[/] {EMERGENCY_SIGNS}"
"""The emergency advice in console markup (the flare plan's safety net)."""

NOTICE = f"""\
# Welcome

This companion supports **self-care** for sciatica and low back pain: a pain
journal, stretch timers and honest notes on common therapies. It is **not a
diagnosis** and does not replace a doctor or physiotherapist. Your data stays
on this machine; nothing is sent anywhere.

**Go to an emergency department now** {EMERGENCY_SIGNS}

Before you try a treatment, the **safety screening** (about 5 minutes) checks
for warning signs and for anything that rules a therapy out for you.
"""


class WelcomeScreen(CompanionModal[str]):
    """Shown once, until acknowledged; dismisses with ``"screening"`` or ``"later"``."""

    DEFAULT_CSS = stylesheet("welcome")

    COMMANDS_HERE = (
        Command(
            "welcome-screening",
            "s",
            "choose('screening')",
            "Start screening",
            "Close the notice and start the safety screening now.",
        ),
        Command(
            "welcome-later",
            "escape",
            "choose('later')",
            "Later",
            "Close the notice; the screening waits on the dashboard (s).",
        ),
    )

    def compose(self) -> ComposeResult:
        with Vertical(id="welcome", classes="dialog"):
            yield Markdown(NOTICE)
            with Horizontal(classes="buttons"):
                yield Button("Start screening  s", id="screening", variant="primary")
                yield Button("Later  esc", id="later")

    def on_mount(self) -> None:
        self.query_one("#screening", Button).focus()

    @on(Button.Pressed, "#screening")
    def screening_pressed(self) -> None:
        self.action_choose("screening")

    @on(Button.Pressed, "#later")
    def later_pressed(self) -> None:
        self.action_choose("later")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
