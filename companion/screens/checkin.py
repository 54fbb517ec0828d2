"""The check-in: pain now in two keys (a digit, then enter), and a full,
keyboard-driven form below it for those who want to say more."""

from __future__ import annotations

from datetime import datetime

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Checkbox, Footer, Header, Input, Label, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from companion.commands import Command
from companion.core.clock import parse_instant
from companion.core.errors import CompanionError, InvalidInputError
from companion.core.fields import as_text_list
from companion.core.ids import new_id
from companion.core.programme.walking import Walk
from companion.core.records import BODY_AREAS, SYMPTOMS, CheckIn
from companion.core.untrusted import bounded_instant, check_untrusted, printable
from companion.screens.base import CompanionScreen, stylesheet
from companion.widgets.list_suggester import ListSuggester
from companion.widgets.pain_scale import PainScale

__all__ = ["CheckinScreen"]

COMMON_TRIGGERS = ("sitting", "standing", "driving", "lifting", "bending", "poor sleep", "stress")
COMMON_MEDICATION = ("ibuprofen", "paracetamol", "naproxen", "codeine", "gabapentin")
TIME_FORMAT = "%Y-%m-%d %H:%M"


def area_choices() -> list[str]:
    """Body areas with sides, in the order the form lists them."""
    choices = ["lower back"]
    for area in BODY_AREAS[1:]:
        choices += [f"left {area}", f"right {area}"]
    return choices


def walk_from(field: Input, entry: CheckIn) -> Walk | None:
    """The minutes walked typed in the form, saved beside a new check-in."""
    text = field.value.strip()
    if not text:
        return None
    try:
        return Walk.from_dict({"id": new_id(entry.at), "at": entry.at, "minutes": text})
    except InvalidInputError as error:
        raise InvalidInputError("walked", error.problem) from None


class CheckinScreen(CompanionScreen[CheckIn | None]):
    """A new check-in, or an existing one opened from the journal to edit.

    Dismisses with the saved entry, or ``None`` when left without saving.
    """

    DEFAULT_CSS = stylesheet("checkin")
    AUTO_FOCUS = "#pain"
    """Focused as soon as the form is composed, so a digit typed right after
    ``c`` (type-ahead over SSH) lands on the pain scale, not nowhere."""

    HELP_TITLE = "Check-in"

    COMMANDS_HERE = (
        Command(
            "checkin-save",
            "enter,ctrl+s",
            "save",
            "Save",
            "Save the check-in (in the note, lists and ticks enter does their own job; "
            "ctrl+s always saves).",
            key_display="enter",
        ),
        Command("checkin-cancel", "escape", "cancel", "Cancel", "Leave without saving."),
    )

    def __init__(self, existing: CheckIn | None = None) -> None:
        super().__init__()
        self.existing = existing
        """The entry being edited, or ``None`` for a new check-in."""

    def compose(self) -> ComposeResult:
        entry = self.existing
        yield Header()
        with VerticalScroll(id="checkin-form"):
            yield Static("Edit check-in" if entry else "How is your pain right now?", id="title")
            yield Label("Pain now (type 0–10, or ←/→), then [b]enter[/] to save", classes="field")
            yield PainScale(entry.pain if entry else None, id="pain")
            yield Static("", id="pain-error", classes="error")
            yield Static(
                "More detail, all optional: [b]tab[/] moves between fields", classes="hint"
            )
            yield Label("Leg pain", classes="field")
            yield PainScale(entry.leg if entry else None, optional=True, id="leg")
            yield Label("Back pain", classes="field")
            yield PainScale(entry.back if entry else None, optional=True, id="back")
            yield Label("Where (space to tick)", classes="field")
            # Stored labels an older version let through are shown (and saved) visibly.
            chosen = {printable(name) for name in entry.where} if entry else set()
            choices = area_choices() + sorted(chosen - set(area_choices()))
            yield SelectionList[str](
                *(Selection(Content(name), name, name in chosen) for name in choices), id="where"
            )
            yield Label("Nerve symptoms", classes="field")
            with Horizontal(id="symptoms"):
                for symptom in SYMPTOMS:
                    ticked = bool(entry and symptom in entry.symptoms)
                    yield Checkbox(symptom, ticked, id=f"symptom-{symptom}")
            yield Label("Triggers (comma-separated)", classes="field")
            yield Input(
                printable(", ".join(entry.triggers)) if entry else "",
                placeholder="e.g. sitting, driving",
                suggester=ListSuggester(COMMON_TRIGGERS),
                id="triggers",
            )
            yield Label("Medication (comma-separated)", classes="field")
            yield Input(
                printable(", ".join(entry.medication)) if entry else "",
                placeholder="e.g. ibuprofen",
                suggester=ListSuggester(COMMON_MEDICATION),
                id="medication",
            )
            if entry is None:
                yield Label("Minutes walked today (your walking plan)", classes="field")
                yield Input("", placeholder="e.g. 20", id="walked", restrict=r"\d{0,4}")
            yield Label("Note", classes="field")
            yield TextArea(printable(entry.note) if entry else "", id="note", soft_wrap=True)
            yield Checkbox(
                "Show this note in the report for my clinician",
                bool(entry and entry.for_clinician),
                id="for-clinician",
            )
            yield Label("When (YYYY-MM-DD HH:MM, local time)", classes="field")
            when = entry.at.astimezone() if entry else self.clock.now()
            yield Input(when.strftime(TIME_FORMAT), id="when")
            yield Static("", id="when-error", classes="error")
        yield Footer()

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = False
        self.query_one(TextArea).cursor_blink = False

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_pain_scale_changed(self, event: PainScale.Changed) -> None:
        if event.scale.id == "pain" and event.value is not None:
            self.query_one("#pain-error", Static).update("")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "when":
            self.query_one("#when-error", Static).update("")

    def _read_when(self) -> datetime:
        text = self.query_one("#when", Input).value.strip()
        if self.existing and text == self.existing.at.astimezone().strftime(TIME_FORMAT):
            return self.existing.at  # untouched: keep the seconds it had
        try:
            when = parse_instant(text.replace("T", " "))
        except ValueError:
            raise InvalidInputError("when", "use YYYY-MM-DD HH:MM, e.g. 2026-11-21 08:30") from None
        return bounded_instant(when, "when", self.clock.now())

    def _build(self) -> CheckIn:
        pain = self.query_one("#pain", PainScale).value
        if pain is None:
            raise InvalidInputError("pain", "choose a score from 0 to 10 (type a digit)")
        when = self._read_when()
        values = {
            "at": when,
            "pain": pain,
            "leg": self.query_one("#leg", PainScale).value,
            "back": self.query_one("#back", PainScale).value,
            "where": tuple(self.query_one("#where", SelectionList).selected),
            "symptoms": tuple(
                s for s in SYMPTOMS if self.query_one(f"#symptom-{s}", Checkbox).value
            ),
            "triggers": as_text_list(self.query_one("#triggers", Input).value, "triggers"),
            "medication": as_text_list(self.query_one("#medication", Input).value, "medication"),
            "note": self.query_one("#note", TextArea).text,
            "for_clinician": self.query_one("#for-clinician", Checkbox).value,
        }
        if self.existing:
            entry = self.existing.edited(self.clock.now(), **values)
        else:
            entry = CheckIn(id=new_id(self.clock.now()), **values)
        check_untrusted(entry, self.clock.now())
        return entry

    def action_save(self) -> None:
        try:
            entry = self._build()
        except InvalidInputError as error:
            self._show_field_error(error)
            return
        try:
            walk = None if self.existing else walk_from(self.query_one("#walked", Input), entry)
        except InvalidInputError as error:
            self._show_field_error(error)
            return
        try:
            if self.existing:
                self.store.checkins.update(entry)
            elif walk is not None:
                self.store.import_records(checkins=[entry], walks=[walk])  # both or neither
            else:
                self.store.checkins.add(entry)
        except CompanionError as error:
            self.notify(str(error), title="Not saved", severity="error", timeout=10, markup=False)
            return
        when = entry.at.astimezone().strftime("%a %d %b, %H:%M")
        self.app.notify(f"Pain {entry.pain}/10 · {when}", title="Check-in saved")
        self.dismiss(entry)  # whoever opened the check-in learns what was saved

    def _show_field_error(self, error: InvalidInputError) -> None:
        widget = error.field.split("[")[0]  # "triggers[0]" is the triggers field
        message_box = "#pain-error" if widget == "pain" else "#when-error"
        message = f"{widget.capitalize()}: {error.problem}"
        self.query_one(message_box, Static).update(Content(message))
        self.query_one(f"#{widget}").focus()

    def action_cancel(self) -> None:
        self.dismiss()
