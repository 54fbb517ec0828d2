"""Emergency advice that interrupts whatever is on screen.

Pushed the moment an emergency answer is given (in the screening, or in the
check-in's safety net), after the flag has been saved. Nothing hides it until
the person confirms with "I understand": while it shows, the app's own keys
(``d``, ``j``, ``s``, ``escape``…) are switched off (see
:meth:`companion.app.CompanionApp.check_action`), so the footer lists only
the two keys that work. ``q`` asks once more before quitting.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Static

from companion.commands import Command
from companion.core.screening.urgency import emergency_numbers, urgency_heading
from companion.screens.base import CompanionModal, stylesheet
from companion.widgets.footer import KeysFooter
from companion.widgets.more_below import MoreBelow

__all__ = ["EmergencyScreen"]


class EmergencyScreen(CompanionModal[None]):
    """The emergency advice, alone, until acknowledged."""

    DEFAULT_CSS = stylesheet("emergency")

    HELP_TITLE = "Emergency"

    @property
    def holds_keys(self) -> bool:
        return True

    COMMANDS_HERE = (
        Command(
            "emergency-acknowledge",
            "enter",
            "acknowledge",
            "I understand",
            "Confirm you have read the emergency advice.",
            priority=True,
        ),
        Command(
            "emergency-quit",
            "q",
            "quit",
            "Quit",
            "Leave the companion (asks once more; the warning sign is already saved).",
            priority=True,
        ),
        Command(
            "emergency-more",
            "down,pagedown",
            "scroll_advice(1)",
            "More advice",
            "Scroll the advice on a small screen (the way out stays focused).",
            footer=False,
            palette=False,
        ),
        Command(
            "emergency-back-up",
            "up,pageup",
            "scroll_advice(-1)",
            "Advice above",
            "Scroll the advice back up.",
            footer=False,
            palette=False,
        ),
    )

    def __init__(
        self, advice: list[tuple[str, str]], region: str, saved: str, after: str = ""
    ) -> None:
        super().__init__()
        self.advice = advice
        """(advice, which answers raised it) for each emergency sign."""
        self.home_region = region
        """The region setting, for the emergency numbers."""
        self.saved = saved
        """One line saying the warning sign was saved (or why it was not)."""
        self.after = after
        """What happens after "I understand" (e.g. the rest of the questions)."""
        self.quit_asked = False
        """Whether ``q`` was pressed once already."""

    def compose(self) -> ComposeResult:
        # What to do and the number to call come first and never scroll away;
        # the advice and why it came up scroll between them and the way out.
        with Vertical(id="emergency-box", classes="dialog"):
            with Vertical(id="emergency-now"):
                yield Static(
                    Text(f" {urgency_heading('emergency')} ", style="bold reverse"),
                    id="emergency-heading",
                )
                yield Static(Text(emergency_numbers(self.home_region)), id="emergency-numbers")
            with MoreBelow(hint="more below: ↓ or tab", id="emergency-details"):
                for text, raised_by in self.advice:
                    yield Static(Text(text), classes="advice")
                    if raised_by:
                        yield Static(Text(raised_by), classes="raised-by")
                yield Static(Text(self.saved), classes="hint")
            with Vertical(id="emergency-actions"):
                yield Button("I understand  enter", id="emergency-ok", variant="error")
                yield Static(Text(self.after), id="emergency-note", classes="hint")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.app.bell()
        self.query_one("#emergency-ok", Button).focus()

    @on(Button.Pressed, "#emergency-ok")
    def understood(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_acknowledge()

    def action_scroll_advice(self, direction: int) -> None:
        self.query_one("#emergency-details", MoreBelow).page(direction)

    def action_acknowledge(self) -> None:
        self.dismiss(None)

    def action_quit(self) -> None:
        """Quit only on a second ``q``: the advice must not vanish by accident."""
        if self.quit_asked:
            self.app.exit()
            return
        self.quit_asked = True
        self.query_one("#emergency-note", Static).update(
            Text("Press q again to quit. Your answer is saved; please act on the advice.")
        )
