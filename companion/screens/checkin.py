"""The check-in: pain now in two keys (a digit, then enter), and a full,
keyboard-driven form below it for those who want to say more."""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import NamedTuple, TypedDict

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
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
from companion.screens.choose import ChoiceScreen
from companion.widgets.list_suggester import ListSuggester
from companion.widgets.pain_scale import PainScale

__all__ = ["CheckinScreen"]

COMMON_TRIGGERS = ("sitting", "standing", "driving", "lifting", "bending", "poor sleep", "stress")
COMMON_MEDICATION = ("ibuprofen", "paracetamol", "naproxen", "codeine", "gabapentin")
TIME_FORMAT = "%Y-%m-%d %H:%M"


class _Fields(TypedDict):
    """The check-in's fields as the form sets them (the rest keep their values)."""

    at: datetime
    pain: int
    leg: int | None
    back: int | None
    where: tuple[str, ...]
    symptoms: tuple[str, ...]
    triggers: tuple[str, ...]
    medication: tuple[str, ...]
    note: str
    for_clinician: bool


class FormState(NamedTuple):
    """Everything the form holds, as typed (a draft is one of these)."""

    pain: int | None
    leg: int | None
    back: int | None
    where: tuple[str, ...]
    symptoms: tuple[str, ...]
    triggers: str
    medication: str
    note: str
    for_clinician: bool
    when: str
    """The time as typed, or "" when left as it was offered (now, or the entry's time)."""

    @classmethod
    def of(cls, entry: CheckIn | None) -> FormState:
        """The form as it opens on ``entry`` (or empty, for a new check-in)."""
        if entry is None:
            return cls(None, None, None, (), (), "", "", "", False, "")
        # Stored text an older version let through is shown (and saved) visibly.
        return cls(
            entry.pain,
            entry.leg,
            entry.back,
            tuple(printable(name) for name in entry.where),
            entry.symptoms,
            printable(", ".join(entry.triggers)),
            printable(", ".join(entry.medication)),
            printable(entry.note),
            entry.for_clinician,
            "",
        )


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
        Command(
            "checkin-cancel",
            "escape",
            "cancel",
            "Leave",
            "Leave the form: keep what you typed as a draft, or discard it.",
        ),
    )

    def __init__(self, existing: CheckIn | None = None) -> None:
        super().__init__()
        self.existing = existing
        """The entry being edited, or ``None`` for a new check-in."""
        self.pristine = FormState.of(existing)
        """The form as it opens without a draft: anything else is worth keeping."""
        self.draft_key = existing.id if existing else "new"
        """Where this form's draft is kept in the app's ``drafts``."""
        self._saved = False

    def compose(self) -> ComposeResult:
        entry = self.existing
        form = self.companion.drafts.get(self.draft_key, self.pristine)
        yield Header()
        with VerticalScroll(id="checkin-form"):
            yield Static("Edit check-in" if entry else "How is your pain right now?", id="title")
            if form != self.pristine:
                yield Static(
                    "Your unsaved draft is back: go on, or [b]escape[/] to discard it.",
                    id="draft-notice",
                    classes="hint",
                )
            now_or_then = "Pain then" if entry else "Pain now"
            yield Label(
                f"{now_or_then} (type 0–10, or ←/→), then [b]enter[/] to save", classes="field"
            )
            yield PainScale(form.pain, id="pain")
            yield Static("", id="pain-error", classes="error")
            yield Static(
                "More detail, all optional: [b]tab[/] moves between fields", classes="hint"
            )
            yield Label("Leg pain", classes="field")
            yield PainScale(form.leg, optional=True, id="leg")
            yield Label("Back pain", classes="field")
            yield PainScale(form.back, optional=True, id="back")
            yield Label("Where (space to tick)", classes="field")
            chosen = set(form.where)
            choices = area_choices() + sorted(chosen - set(area_choices()))
            yield SelectionList[str](
                *(Selection(Content(name), name, name in chosen) for name in choices), id="where"
            )
            yield Label("Nerve symptoms", classes="field")
            with Horizontal(id="symptoms"):
                for symptom in SYMPTOMS:
                    ticked = symptom in form.symptoms
                    yield Checkbox(symptom, ticked, id=f"symptom-{symptom}")
            yield Label("Triggers (comma-separated)", classes="field")
            yield Input(
                form.triggers,
                placeholder="e.g. sitting, driving",
                suggester=ListSuggester(COMMON_TRIGGERS),
                id="triggers",
            )
            yield Label("Medication (comma-separated)", classes="field")
            yield Input(
                form.medication,
                placeholder="e.g. ibuprofen",
                suggester=ListSuggester(COMMON_MEDICATION),
                id="medication",
            )
            if entry is None:
                yield Label("Minutes walked today (your walking plan)", classes="field")
                yield Input("", placeholder="e.g. 20", id="walked", restrict=r"\d{0,4}")
            yield Label("Note", classes="field")
            yield TextArea(form.note, id="note", soft_wrap=True)
            yield Checkbox(
                "Show this note in the report for my clinician",
                form.for_clinician,
                id="for-clinician",
            )
            yield Label("When (YYYY-MM-DD HH:MM, local time)", classes="field")
            yield Input(form.when or self._offered_when(), id="when")
            yield Static("", id="when-error", classes="error")
        yield Footer()

    def _offered_when(self) -> str:
        """The time the form offers: the entry's, or now."""
        when = self.existing.at.astimezone() if self.existing else self.clock.now()
        return when.strftime(TIME_FORMAT)

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = False
        self.query_one(TextArea).cursor_blink = False

    def form_state(self) -> FormState:
        """What the form holds now."""
        when = self.query_one("#when", Input).value.strip()
        return FormState(
            self.query_one("#pain", PainScale).value,
            self.query_one("#leg", PainScale).value,
            self.query_one("#back", PainScale).value,
            tuple(self.query_one("#where", SelectionList).selected),
            tuple(s for s in SYMPTOMS if self.query_one(f"#symptom-{s}", Checkbox).value),
            self.query_one("#triggers", Input).value,
            self.query_one("#medication", Input).value,
            self.query_one("#note", TextArea).text,
            self.query_one("#for-clinician", Checkbox).value,
            "" if when == self._offered_when() else when,
        )

    @on(TextArea.Changed)
    @on(Checkbox.Changed)
    @on(SelectionList.SelectedChanged)
    def keep_draft(self) -> None:
        """Keep what is typed as a draft from the first change, so leaving the
        form by any key (another screen, escape, a dialog) loses nothing."""
        if self._saved or not self.is_mounted:
            return
        with contextlib.suppress(NoMatches):  # still being composed
            form = self.form_state()
            if form == self.pristine:
                self.companion.drafts.pop(self.draft_key, None)
            else:
                self.companion.drafts[self.draft_key] = form

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_pain_scale_changed(self, _: PainScale.Changed) -> None:
        self.keep_draft()

    def on_input_changed(self, _: Input.Changed) -> None:
        self.keep_draft()

    @on(PainScale.Changed, "#pain")
    def pain_given(self, event: PainScale.Changed) -> None:
        if event.value is not None:
            self.query_one("#pain-error", Static).update("")

    @on(Input.Changed, "#when")
    def when_changed(self) -> None:
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
        values: _Fields = {
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
        self._saved = True
        self.companion.drafts.pop(self.draft_key, None)
        self.app.notify(f"Pain {entry.pain}/10 · {when}", title="Check-in saved")
        self.dismiss(entry)  # whoever opened the check-in learns what was saved

    def _show_field_error(self, error: InvalidInputError) -> None:
        widget = error.field.split("[")[0]  # "triggers[0]" is the triggers field
        message_box = "#pain-error" if widget == "pain" else "#when-error"
        message = f"{widget.capitalize()}: {error.problem}"
        self.query_one(message_box, Static).update(Content(message))
        self.query_one(f"#{widget}").focus()

    def action_cancel(self) -> None:
        """Leave; if anything was typed, ask whether to keep it as a draft."""
        if self.draft_key not in self.companion.drafts:
            self.dismiss()
            return
        again = "press c" if self.existing is None else "open the entry again"
        choices = [
            ("keep", f"Keep it as a draft ({again} to go on)"),
            ("discard", "Discard what I typed"),
            ("stay", "Go back to the form"),
        ]
        self.app.push_screen(
            ChoiceScreen("Leave this check-in unsaved?", choices, "escape: back to the form"),
            self._leave,
        )

    def on_unmount(self) -> None:
        if not self._saved and self.draft_key in self.companion.drafts:
            again = "press c" if self.existing is None else "open the entry again"
            self.app.notify(f"What you typed is kept as a draft: {again} to go on.")

    def _leave(self, choice: str | None) -> None:
        if choice == "discard":
            self.companion.drafts.pop(self.draft_key, None)
        if choice in ("keep", "discard"):
            self.dismiss()
