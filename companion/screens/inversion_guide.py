"""Before an inversion session: today's angle and minutes from the user's own
history, what the screening said, and how to do it safely.

Shown only after a screening (unscreened inversion is refused before this, in
:mod:`companion.screens.routine_start`), when it does not say avoid or the user
has explicitly overridden that. Dismisses with True to start the timer.
"""

from __future__ import annotations

from rich.markup import escape
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from companion.commands import Command
from companion.core.records import ScreeningRecord
from companion.core.screening.verdicts import TherapyAdvice
from companion.core.timer.plan import InversionPlan, duration_words, head_down_steps
from companion.core.words import count_of
from companion.screens.base import CompanionModal, stylesheet
from companion.widgets.urgency_banner import UrgencyBanner

__all__ = ["InversionGuide", "guide_text"]

SAFETY = (
    "• Not straight after a meal.\n"
    "• Come back up slowly, and rest near level before you stand.\n"
    "• A full 90° is not needed; build up over weeks toward 3–5 minutes."
)
"""The reminders every inversion session starts with (clinical facts §4)."""


def _holds(plan: InversionPlan) -> str:
    steps = plan.routine.steps
    parts = [f"{steps[i].reps} × {steps[i].hold_seconds} s" for i in head_down_steps(plan.routine)]
    return " + ".join(parts)


def guide_text(plan: InversionPlan, advice: TherapyAdvice, *, overridden: bool) -> str:
    """The guide's text (markup), from the plan and the screening."""
    suggestion = plan.suggestion
    minutes = f"{suggestion.minutes:g} minute{'' if suggestion.minutes == 1 else 's'}"
    lines = [f"[b]Today: {suggestion.angle_degrees}° past level, {minutes} head-down.[/b]"]
    lines.append(escape(suggestion.reason))
    lines.append(
        f"The timer holds you head-down for {_holds(plan)} "
        f"({duration_words(plan.head_down_seconds)} in all)."
    )
    if plan.sessions_counted:
        counted = plan.sessions_counted
        lines.append(
            f"[dim]From {count_of(counted, 'logged session')}. The angle is not "
            "recorded: each is taken to be the one suggested that day.[/dim]"
        )
    if overridden:
        lines.append("[b]You confirmed a clinician said inversion is safe for you.[/b]")
    elif advice.verdict == "caution":
        why = " ".join(escape(reason) for reason in advice.reasons[:1])
        lines.append(f"[b]! CAUTION[/b] from your screening. {why}")
    lines.append("")
    lines.append(SAFETY)
    return "\n".join(lines)


class InversionGuide(CompanionModal[bool]):
    """Today's dose and the safety reminders; enter starts the timer."""

    DEFAULT_CSS = stylesheet("routine_dialogs")

    HELP_TITLE = "Inversion guide"
    COMMANDS_HERE = (
        Command("guide-start", "enter", "answer(True)", "Start", "Start the timer at this dose."),
        Command("guide-cancel", "escape", "answer(False)", "Cancel", "Back, without starting."),
    )

    def __init__(
        self,
        plan: InversionPlan,
        advice: TherapyAdvice,
        *,
        overridden: bool = False,
        screening: ScreeningRecord | None = None,
    ) -> None:
        super().__init__()
        self.screening = screening
        """The screening behind the advice: its red flags head the guide."""
        self.plan = plan
        """Today's suggestion and the routine set to it."""
        self.advice = advice
        """What the latest screening says about inversion."""
        self.overridden = overridden
        """Whether the user overrode an "avoid" to get here."""

    def compose(self) -> ComposeResult:
        with Vertical(id="inversion-guide", classes="dialog"):
            yield UrgencyBanner(self.screening, id="guide-urgency")
            yield Static("[b]Inversion: today's session[/b]", id="guide-title")
            yield Static(guide_text(self.plan, self.advice, overridden=self.overridden))
            with Horizontal(classes="buttons"):
                yield Button("Cancel  esc", id="guide-no")
                yield Button("Start  enter", id="guide-yes", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#guide-yes", Button).focus()

    @on(Button.Pressed, "#guide-yes")
    def start_pressed(self) -> None:
        self.action_answer(True)

    @on(Button.Pressed, "#guide-no")
    def cancel_pressed(self) -> None:
        self.action_answer(False)

    def action_answer(self, start: bool) -> None:
        self.dismiss(start)
