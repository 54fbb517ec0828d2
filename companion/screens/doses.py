"""Log a dose in two keys (``m`` then the medicine's number), and keep the
person's own list of medicines; also the "did it help?" question after a check-in.

The dialog never proposes an amount beyond the person's own default of one
unit; a limit they set themselves is the only number it compares with.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Checkbox, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from companion.commands import Command
from companion.core.errors import CompanionError, InvalidInputError
from companion.core.ids import new_id
from companion.core.insights.stats import day_bounds
from companion.core.programme.medication import (
    FOLLOW_UP_WINDOW,
    HELPED_ANSWERS,
    Dose,
    Medicine,
    describe_amount,
    follow_up_due,
    limit_warning,
    taken_on,
)
from companion.screens.base import CompanionModal, stylesheet
from companion.screens.services import companion_of
from companion.widgets.marks import MarkedOptionList, TickBox

if TYPE_CHECKING:
    from textual.app import App

__all__ = ["DoseDialog", "HelpedQuestion", "ask_if_it_helped"]


class DoseDialog(CompanionModal[Dose | None]):
    """Pick a medicine (a digit, or arrows and enter) to log a dose of it now."""

    DEFAULT_CSS = stylesheet("doses")
    HELP_TITLE = "Log a dose"
    COMMANDS_HERE = (
        Command("dose-save", "enter", "save", "Log", "Log a dose of the highlighted medicine."),
        Command("dose-cancel", "escape", "cancel", "Cancel", "Close without logging."),
    )

    def __init__(self) -> None:
        super().__init__()
        self.medicines: list[Medicine] = []
        """The person's medicines, in list order (the digits pick from it)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dose-dialog", classes="dialog"):
            yield Static("Log a dose: type its number, or pick and press [b]enter[/]")
            yield MarkedOptionList(id="dose-medicines")
            with Horizontal(classes="dose-row"):
                yield Label("Amount (units)")
                yield Input("1", id="dose-amount")
                yield TickBox("Scheduled", id="dose-scheduled")
            yield Static("", id="dose-error", classes="error")
            yield Label("Add a medicine: name, strength, unit, your own daily limit (optional)")
            with Horizontal(classes="dose-row"):
                yield Input(placeholder="name", id="new-name")
                yield Input(placeholder="400", id="new-strength")
                yield Input(placeholder="mg", id="new-unit")
                yield Input(placeholder="limit", id="new-limit")

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = False
        self._load()

    def _load(self) -> None:
        loaded = self.guarded(lambda: list(self.store.medicines.iter_all()))
        self.medicines = sorted(loaded or [], key=lambda m: m.name)
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(
            Option(Content(f"{number}. {medicine.label}"), id=medicine.id)
            for number, medicine in enumerate(self.medicines, start=1)
        )
        if self.medicines:
            options.highlighted = 0
            options.focus()
        else:
            options.add_option(Option("No medicines yet: add one below", disabled=True))
            self.query_one("#new-name", Input).focus()

    def on_key(self, event: events.Key) -> None:
        key = event.character
        if isinstance(self.focused, Input) or not key or not key.isascii() or not key.isdigit():
            return
        number = int(key)
        if 1 <= number <= len(self.medicines):
            event.stop()
            self._log(self.medicines[number - 1])

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._log(self.medicines[event.option_index])

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id and event.input.id.startswith("new-"):
            self._add_medicine()
        else:
            self.action_save()

    def action_save(self) -> None:
        index = self.query_one(OptionList).highlighted
        if self.medicines and index is not None:
            self._log(self.medicines[index])

    def _add_medicine(self) -> None:
        now = self.clock.now()
        values = {
            name: self.query_one(f"#new-{name}", Input).value
            for name in ("name", "strength", "unit", "limit")
        }
        try:
            medicine = Medicine.from_dict(
                {
                    "id": new_id(now),
                    "name": values["name"],
                    "created_at": now,
                    "strength": values["strength"],
                    "unit": values["unit"],
                    "daily_limit": values["limit"],
                }
            )
            self.store.medicines.add(medicine)
        except InvalidInputError as error:
            self._error(f"{error.field.replace('daily_', '').capitalize()}: {error.problem}")
            return
        except CompanionError as error:
            self._error(str(error))
            return
        for field in self.query(".dose-row Input").results(Input):
            if field.id and field.id.startswith("new-"):
                field.value = ""
        self._load()
        self.notify(medicine.label, title="Medicine added", markup=False)

    def _log(self, medicine: Medicine) -> None:
        now = self.clock.now()
        try:
            dose = Dose.from_dict(
                {
                    "id": new_id(now),
                    "medicine": medicine.id,
                    "at": now,
                    "amount": self.query_one("#dose-amount", Input).value,
                    "scheduled": self.query_one("#dose-scheduled", Checkbox).value,
                }
            )
            self.store.doses.add(dose)
            start, end = day_bounds(now.date(), now.tzinfo)
            today = taken_on(
                self.store.doses.between(start, end), medicine.id, now.date(), now.tzinfo
            )
        except InvalidInputError as error:
            self._error(f"Amount: {error.problem}")
            self.query_one("#dose-amount", Input).focus()
            return
        except CompanionError as error:
            self._error(str(error))
            return
        self.app.notify(
            f"{describe_amount(dose.amount)} × {medicine.label} at {now:%H:%M}",
            title="Dose logged",
            markup=False,
        )
        warning = limit_warning(medicine, today)
        if warning:
            self.app.notify(
                warning, title="Your limit", severity="warning", timeout=10, markup=False
            )
        self.dismiss(dose)

    def _error(self, message: str) -> None:
        self.query_one("#dose-error", Static).update(Content(message))

    def action_cancel(self) -> None:
        self.dismiss(None)


class HelpedQuestion(CompanionModal[str | None]):
    """After a check-in: did an as-needed dose of the last few hours help?"""

    DEFAULT_CSS = stylesheet("doses")
    HELP_TITLE = "Did it help?"
    COMMANDS_HERE = (
        Command("helped-yes", "y", "answer('yes')", "Yes", "It helped."),
        Command("helped-some", "a", "answer('a little')", "A little", "It helped a little."),
        Command("helped-no", "n", "answer('no')", "No", "It did not help."),
        Command("helped-skip", "escape", "answer('')", "Skip", "Do not answer now."),
    )

    def __init__(self, dose: Dose, medicine: Medicine | None) -> None:
        super().__init__()
        self.dose = dose
        self.medicine = medicine

    def compose(self) -> ComposeResult:
        name = self.medicine.label if self.medicine else "medicine"
        when: datetime = self.dose.at.astimezone()
        with Vertical(id="helped-question", classes="dialog"):
            yield Static(Content(f"Did the {name} you took at {when:%H:%M} help?"))
            yield Static(
                "[b]y[/] yes   [b]a[/] a little   [b]n[/] no   [b]esc[/] skip", classes="hint"
            )

    def action_answer(self, answer: str) -> None:
        if answer in HELPED_ANSWERS:
            try:
                self.store.doses.update(self.dose.answered(answer))
            except CompanionError as error:
                self.notify(str(error), title="Not saved", severity="error", markup=False)
        self.dismiss(answer or None)


def ask_if_it_helped(app: App[Any], saved: object, then: Callable[[], None]) -> None:
    """After a new check-in: ask about an as-needed dose of the last few hours, then ``then``."""
    if saved is None:
        return
    now = companion_of(app).clock.now()
    try:
        due = follow_up_due(
            companion_of(app).store.doses.between(now - FOLLOW_UP_WINDOW, None), now
        )
        medicine = companion_of(app).store.medicines.get(due.medicine) if due else None
    except CompanionError as error:
        companion_of(app).show_data_error(error)
        return
    if due is None:
        then()
    else:
        app.push_screen(HelpedQuestion(due, medicine), lambda _answer: then())
