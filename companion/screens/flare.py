"""The flare plan: opened by ``F`` from anywhere.

Red flags come first (any emergency sign means the emergency advice, not the
plan), then the person's own short list (suggestions from "what seems to help"
and the library until they write their own), and the gentle routine.
"""

from __future__ import annotations

from typing import Any

from textual.app import App, ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Header, Static, TextArea

from companion.commands import Command
from companion.core.errors import CompanionError
from companion.core.ids import new_id
from companion.core.insights.helps import associations
from companion.core.programme.flares import Flare, active_flare, day_of_flare, flare_plan_items
from companion.screens.base import CompanionScreen, stylesheet
from companion.screens.services import companion_of
from companion.screens.welcome import EMERGENCY_ADVICE
from companion.widgets.footer import KeysFooter

__all__ = ["GENTLE_ROUTINE", "FlarePlanScreen", "start_or_show_flare"]

GENTLE_ROUTINE = "sciatica-basics"
"""The routine the plan offers: two gentle lying-down stretches."""

LIBRARY_SUGGESTIONS = (
    "Keep moving gently: short walks, no bed rest",
    "Change position often; sit for shorter spells",
    "Heat or cold, whichever feels better",
)
"""Suggestions from the library's articles, offered until the person writes their own."""


class FlarePlanScreen(CompanionScreen[None]):
    """The open flare's day count, the safety net, the person's plan, the gentle routine."""

    DEFAULT_CSS = stylesheet("flare")
    HELP_TITLE = "Flare plan"
    COMMANDS_HERE = (
        Command("flare-routine", "r", "routine", "Routine", "Start the gentle routine."),
        Command("flare-edit", "e", "edit", "Edit", "Write your own plan, one item a line."),
        Command("flare-save", "ctrl+s", "save_plan", "Save", "Save your plan.", priority=True),
        Command("flare-over", "x", "over", "Flare over", "Say the flare is over."),
        Command(
            "flare-screening",
            "s",
            "app.start_screening",
            "Screening",
            "Safety screening.",
            footer=False,  # named beside the warning signs
        ),
        Command("flare-close", "escape", "close", "Close", "Back to where you were.", footer=False),
    )

    def __init__(self, flare: Flare) -> None:
        super().__init__()
        self.flare = flare
        """The open flare."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="flare-plan"):
            day = day_of_flare(self.flare, self.clock.now())
            yield Static(
                f"[b]Flare, day {day}[/] · started at pain {self.flare.pain}/10 · "
                "[b]x[/] when it is over",
                id="flare-title",
            )
            safety = Static(
                EMERGENCY_ADVICE + " Press [b]s[/] for the safety screening.",
                id="flare-safety",
                classes="card",
            )
            safety.border_title = "Warning signs first"
            yield safety
            plan = Static(
                Content("\n".join(f"• {item}" for item in self._items())),
                id="flare-items",
                classes="card",
            )
            plan.border_title = "Your plan · e: edit"
            yield plan
            with Vertical(id="flare-editor"):
                yield TextArea(self.companion.settings.flare_plan, id="flare-text")
                yield Static("One item a line; [b]ctrl+s[/] saves.", classes="hint")
            yield Static(
                "[b]r[/] starts the gentle routine (two lying-down stretches, ~10 min). "
                "Keep moving gently: step back, don't stop.",
                id="flare-routine",
            )
        yield KeysFooter()

    def _items(self) -> list[str]:
        own = self.companion.settings.flare_plan
        if own.strip():
            return flare_plan_items(own, (), ())
        loaded = self.guarded(
            lambda: (
                self.store.checkins.between(None, None),
                self.store.sessions.between(None, None),
            )
        )
        helpful: list[str] = []
        if loaded is not None:
            found = associations(*loaded, self.clock.now().tzinfo)
            helpful = [a.factor.label for a in found if a.difference <= -1][:3]
        return flare_plan_items("", helpful, LIBRARY_SUGGESTIONS)

    def on_mount(self) -> None:
        self._show_editor(False)

    def _show_editor(self, shown: bool) -> None:
        self.query_one("#flare-editor").display = shown
        self.refresh_bindings()  # ctrl+s is offered only while editing

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save_plan":
            return self.is_mounted and bool(self.query_one("#flare-editor").display)
        return True

    def action_edit(self) -> None:
        self._show_editor(True)
        area = self.query_one("#flare-text", TextArea)
        if not area.text.strip():
            area.text = "\n".join(item.removesuffix(" (suggested)") for item in self._items())
        area.focus()

    def action_save_plan(self) -> None:
        text = self.query_one("#flare-text", TextArea).text
        if not self.companion.save_settings(flare_plan=text):
            return  # the editor stays open, with the text
        self._show_editor(False)
        self.query_one("#flare-items", Static).update(
            Content("\n".join(f"• {item}" for item in self._items()))
        )
        self.notify("Your flare plan is saved.", title="Saved")

    def action_routine(self) -> None:
        self.companion.start_routine(GENTLE_ROUTINE)

    def action_over(self) -> None:
        try:
            self.store.flares.update(self.flare.ended(self.clock.now()))
        except CompanionError as error:
            self.companion.show_data_error(error)
            return
        days = day_of_flare(self.flare, self.clock.now())
        self.app.notify(f"Logged as over after {days} days.", title="Flare over")
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)


def start_or_show_flare(app: App[Any]) -> None:
    """``F``: the open flare's plan, or first the pain now (a digit and enter) to start one."""
    from companion.screens.pain_question import PainQuestion

    try:
        current = active_flare(companion_of(app).store.flares.iter_all())
    except CompanionError as error:
        companion_of(app).show_data_error(error)
        return
    if current is not None:
        app.push_screen(FlarePlanScreen(current))
        return

    def started(pain: int | None) -> None:
        if pain is None:
            app.notify("No flare logged (it needs your pain now).", title="Flare")
            return
        now = companion_of(app).clock.now()
        flare = Flare(new_id(now), now, pain)
        try:
            companion_of(app).store.flares.add(flare)
        except CompanionError as error:
            companion_of(app).show_data_error(error)
            return
        app.push_screen(FlarePlanScreen(flare))

    app.push_screen(PainQuestion("A flare: your pain now? (0–10, then enter)"), started)
