"""Every user command, defined once.

A :class:`Command` feeds three places: the key binding (and so the footer),
the help screen (``?``) and the command palette (``ctrl+p``). Screens list
their own commands the same way, so what the footer shows, what help
explains and what the palette offers can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from textual.binding import Binding, BindingType

__all__ = ["GLOBAL_COMMANDS", "Command", "bindings_for"]


class Command(NamedTuple):
    """One thing a user can do, with its key(s) and words."""

    id: str
    """Stable id (also the binding id, so keymaps could rebind it)."""
    keys: str
    """Textual key names, comma-separated for alternatives (``question_mark,f1``)."""
    action: str
    """The Textual action string run by the key and the palette."""
    label: str
    """Short label for the footer and palette."""
    help: str
    """One sentence for the help screen, tooltip and palette."""
    footer: bool = True
    """Whether the footer shows it (the help screen always does)."""
    palette: bool = True
    """Whether the command palette offers it."""
    key_display: str | None = None
    """How the key is shown, where Textual's default reads badly."""
    priority: bool = False
    """Whether the key wins even when a text field has focus."""

    @property
    def display_keys(self) -> str:
        """Every key as a person reads it, e.g. ``? / f1`` (the footer uses ``key_display``)."""
        names = {
            "question_mark": "?",
            "escape": "esc",
            "space": "space",
            "delete": "del",
            "slash": "/",
            "left_square_bracket": "[",
            "right_square_bracket": "]",
        }
        return " / ".join(names.get(key, key) for key in self.keys.split(","))


def bindings_for(commands: Iterable[Command]) -> list[BindingType]:
    """Textual bindings built from command definitions."""
    return [
        Binding(
            command.keys,
            command.action,
            command.label,
            show=command.footer,
            key_display=command.key_display,
            priority=command.priority,
            tooltip=command.help,
            id=command.id,
        )
        for command in commands
    ]


GLOBAL_COMMANDS: tuple[Command, ...] = (
    Command(
        "go-dashboard",
        "d",
        "app.go('dashboard')",
        "Home",
        "Today's check-ins, the 30-day pain line, stretches and screening status.",
        footer=False,
    ),
    Command(
        "go-checkin",
        "c",
        "app.check_in",
        "Check in",
        "Record your pain now: a digit then enter is enough.",
    ),
    Command(
        "log-dose",
        "m,f2",
        "app.log_dose",
        "Dose",
        "Log a medicine dose: m (f2 inside a form), then the medicine's number.",
        footer=False,
    ),
    Command(
        "flare",
        "F",
        "app.flare",
        "Flare",
        "Log a flare (your pain now) and open your flare plan; F again shows the plan.",
        footer=False,
    ),
    Command(
        "go-journal",
        "j",
        "app.go('journal')",
        "Journal",
        "Every check-in, newest first: filter, edit, delete and restore.",
        footer=False,
    ),
    Command(
        "go-trends",
        "g",
        "app.go('trends')",
        "Trends",
        "Pain over 30 days to all time, leg against back, weekly measures, what seems to help.",
        footer=False,
    ),
    Command(
        "go-library",
        "l",
        "app.go('library')",
        "Library",
        "Every therapy and exercise with your screening verdict: search, read, follow links.",
        footer=False,
    ),
    Command(
        "go-screening",
        "s",
        "app.go('screening')",
        "Screening",
        "Safety screening: warning signs, then therapy verdicts.",
        footer=False,
    ),
    Command(
        "go-timers",
        "t",
        "app.go('timers')",
        "Timers",
        "Stretch and inversion routines with a countdown; today's sessions against your goal.",
        footer=False,
    ),
    Command(
        "help",
        "question_mark,f1",
        "app.help",
        "Help",
        "Show every key of the current screen.",
        key_display="?",
    ),
    Command(
        "palette",
        "ctrl+p",
        "app.command_palette",
        "Commands",
        "Search every command, switch theme.",
        footer=False,
        palette=False,
    ),
    Command(
        "back",
        "escape",
        "app.go_back",
        "Back",
        "Go back, or close a dialog.",
        footer=False,
        palette=False,
    ),
    Command(
        "region",
        "E",
        "app.choose_region",
        "Region",
        "Where you live: the emergency and same-day numbers the app shows.",
        footer=False,
    ),
    Command(
        "symbols",
        "A",
        "app.toggle_symbols",
        "ASCII symbols",
        "Draw only plain ASCII symbols (for the Linux console), or Unicode again; remembered.",
        footer=False,
    ),
    Command(
        "redraw",
        "ctrl+l",
        "app.redraw",
        "Redraw",
        "Paint the whole screen again, if something else wrote over it.",
        footer=False,
    ),
    Command(
        "quit",
        "q",
        "app.quit",
        "Quit",
        "Leave the companion. Saved work is on disk; an unsaved check-in draft is asked about.",
    ),
)
"""Keys that work on every screen whenever no text field has focus."""
