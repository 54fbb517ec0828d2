"""Help: every key of the screen underneath, from the same command definitions
the footer and the command palette use."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from companion.commands import GLOBAL_COMMANDS, Command
from companion.screens.base import CompanionModal, StoreAccess, stylesheet

__all__ = ["HelpScreen", "help_renderable"]


def _table(title: str, commands: list[Command]) -> Table:
    table = Table(
        title=title,
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        expand=True,
        show_edge=False,
        pad_edge=False,
    )
    table.add_column("key", style="bold", no_wrap=True, width=12)
    table.add_column("does", ratio=1)
    for command in commands:
        table.add_row(command.display_keys, command.help)
    return table


def help_renderable(screen_title: str, own: list[Command]) -> Group:
    """The help for a screen whose own commands are ``own``."""
    parts: list[Table | Text] = [Text(f"Keys: {screen_title}", style="bold reverse")]
    if own:
        parts.append(_table("On this screen", own))
    parts.append(_table("Everywhere (when no text field has focus)", list(GLOBAL_COMMANDS)))
    parts.append(
        Text("tab moves between fields and buttons · escape closes this help", style="dim")
    )
    return Group(*parts)


class HelpScreen(CompanionModal[None]):
    """The keys of ``screen``, as a dialog over it."""

    DEFAULT_CSS = stylesheet("help")

    COMMANDS_HERE = (
        Command("help-close", "escape,question_mark,f1,q", "close", "Close", "Close help."),
    )

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.for_screen = screen
        """The screen whose keys are explained."""

    def compose(self) -> ComposeResult:
        screen = self.for_screen
        own, title = [], ""
        if isinstance(screen, StoreAccess):
            own = [c for c in screen.COMMANDS_HERE if c.palette]
            title = screen.HELP_TITLE
        title = title or screen.__class__.__name__
        with VerticalScroll(id="help", classes="dialog"):
            yield Static(help_renderable(title, own))

    def action_close(self) -> None:
        self.dismiss(None)
