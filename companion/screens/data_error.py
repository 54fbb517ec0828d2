"""Shown when the data directory cannot be used: names the file and says what
to do, instead of a traceback. Nothing is written while it shows."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Markdown

from companion.commands import Command
from companion.screens.base import CompanionModal
from companion.store import command_for

__all__ = ["DataErrorScreen"]


class DataErrorScreen(CompanionModal[None]):
    """A data failure, explained."""

    COMMANDS_HERE = (Command("error-quit", "q,escape", "app.quit", "Quit", "Leave the app."),)

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message
        """The failure, as the store described it (names the file)."""

    def compose(self) -> ComposeResult:
        check = command_for(self.store.data_dir, "doctor")
        repair = command_for(self.store.data_dir, "doctor --repair")
        # A list, not a table of commands and comments: a phone's 50 columns cut
        # the comments off, and the list wraps.
        text = (
            "# Your data could not be read\n\n"
            f"{self.message}\n\n"
            "Nothing has been changed or overwritten. In a terminal:\n\n"
            f"- `{check}` shows what is wrong\n"
            f"- `{repair}` restores the newest good backup\n\n"
            "Press `q` to quit."
        )
        with Vertical(id="data-error", classes="dialog"):
            yield Markdown(text)
