"""Help: every key of the screen underneath, from the same command definitions
the footer and the command palette use."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Markdown

from companion.commands import GLOBAL_COMMANDS, Command
from companion.screens.base import CompanionModal

__all__ = ["HelpScreen", "help_markdown"]


def _table(commands: list[Command]) -> str:
    rows = ["| key | does |", "|---|---|"]
    rows += [f"| `{c.display_keys}` | {c.help} |" for c in commands]
    return "\n".join(rows)


def help_markdown(screen_title: str, own: list[Command]) -> str:
    """The help text for a screen with its own commands ``own``."""
    parts = [f"# Keys: {screen_title}"]
    if own:
        parts += ["## On this screen", _table(own)]
    parts += [
        "## Everywhere (when no text field has focus)",
        _table(list(GLOBAL_COMMANDS)),
        "`tab` moves between fields and buttons. Press `escape` to close this help.",
    ]
    return "\n\n".join(parts)


class HelpScreen(CompanionModal[None]):
    """The keys of ``screen``, as a dialog over it."""

    COMMANDS_HERE = (
        Command("help-close", "escape,question_mark,f1,q", "close", "Close", "Close help."),
    )

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.for_screen = screen
        """The screen whose keys are explained."""

    def compose(self) -> ComposeResult:
        own = list(getattr(self.for_screen, "COMMANDS_HERE", ()))
        title = getattr(self.for_screen, "HELP_TITLE", type(self.for_screen).__name__)
        with Vertical(id="help", classes="dialog"):
            yield Markdown(help_markdown(title, own))

    def action_close(self) -> None:
        self.dismiss(None)
