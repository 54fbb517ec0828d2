"""The check-in: pain now in two keys (a digit, then enter), and a full,
keyboard-driven form below it for those who want to say more."""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import NamedTuple, TypedDict

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.widgets import Checkbox, Header, Input, Label, SelectionList, Static, TextArea
from textual.widgets.selection_list import Selection

from companion.commands import Command
from companion.core.clock import parse_instant
from companion.core.errors import CompanionError, InvalidInputError
from companion.core.fields import as_optional_score, as_text_list
from companion.core.ids import new_id
from companion.core.programme.walking import Walk
from companion.core.records import DESCRIPTORS, SITTING_MAX, SYMPTOMS, CheckIn
from companion.core.untrusted import bounded_instant, check_untrusted, printable
from companion.screens.base import CompanionScreen, stylesheet
from companion.screens.choose import ChoiceScreen
from companion.widgets.body_map import BodyMap
from companion.widgets.footer import KeysFooter
from companion.widgets.list_suggester import ListSuggester
from companion.widgets.marks import TickBox, TickList
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
    descriptors: tuple[str, ...]
    sleep_interference: int | None
    sitting_minutes: int | None
    note: str
    for_clinician: bool


class FormState(NamedTuple):
    """Everything the form holds, as typed (a draft is one of these)."""

    pain: int | None
    leg: int | None
    back: int | None
    where: frozenset[str]
    symptoms: tuple[str, ...]
    triggers: str
    medication: str
    note: str
    for_clinician: bool
    when: str
    """The time as typed, or "" when left as it was offered (now, or the entry's time)."""
    descriptors: tuple[str, ...] = ()
    sleep: int | None = None
    sitting: str = ""
    """Sitting tolerance in minutes, as typed."""

    @classmethod
    def of(cls, entry: CheckIn | None) -> FormState:
        """The form as it opens on ``entry`` (or empty, for a new check-in)."""
        if entry is None:
            return cls(None, None, None, frozenset(), (), "", "", "", False, "")
        # Stored text an older version let through is shown (and saved) visibly.
        return cls(
            entry.pain,
            entry.leg,
            entry.back,
            frozenset(printable(name) for name in entry.where),
            entry.symptoms,
            printable(", ".join(entry.triggers)),
            printable(", ".join(entry.medication)),
            printable(entry.note),
            entry.for_clinician,
            "",
            entry.descriptors,
            entry.sleep_interference,
            "" if entry.sitting_minutes is None else str(entry.sitting_minutes),
        )


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
            "checkin-repeat",
            "r",
            "repeat",
            "Same as last",
            "Fill where, symptoms, what it feels like, triggers and medication "
            "from your last check-in.",
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
            yield Label("Where it hurts (arrows, then space to tick)", classes="field")
            yield BodyMap(form.where, id="where")
            yield Label("Nerve symptoms", classes="field")
            with Horizontal(id="symptoms"):
                for symptom in SYMPTOMS:
                    ticked = symptom in form.symptoms
                    yield TickBox(symptom, ticked, id=f"symptom-{symptom}")
            yield from self._compose_qualities(form)
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
            yield TickBox(
                "Show this note in the report for my clinician",
                form.for_clinician,
                id="for-clinician",
            )
            yield Label("When (YYYY-MM-DD HH:MM, local time)", classes="field")
            yield Input(form.when or self._offered_when(), id="when")
            yield Static("", id="when-error", classes="error")
        yield KeysFooter()

    def _compose_qualities(self, form: FormState) -> ComposeResult:
        """What the pain feels like, last night's sleep and sitting tolerance."""
        with Vertical(id="qualities"):
            yield Label("What does it feel like? (space to tick)", classes="field")
            yield TickList[str](
                *(Selection(word, word, word in form.descriptors) for word in DESCRIPTORS),
                id="descriptors",
            )
            yield Label("Sleep: how much did pain get in the way last night?", classes="field")
            yield PainScale(
                form.sleep,
                optional=True,
                id="sleep",
                anchors=("not at all", "could not sleep"),
            )
            yield Label(
                "Sitting: minutes you can sit before pain makes you get up", classes="field"
            )
            yield Input(form.sitting, placeholder="e.g. 30", id="sitting", restrict=r"\d{0,4}")
            yield Static("", id="sitting-error", classes="error")

    def _descriptors(self) -> tuple[str, ...]:
        """The ticked descriptors, in :data:`DESCRIPTORS` order."""
        ticked = set(self.query_one("#descriptors", SelectionList).selected)
        return tuple(word for word in DESCRIPTORS if word in ticked)

    def _sitting(self) -> int | None:
        text = self.query_one("#sitting", Input).value
        return as_optional_score(text, "sitting", high=SITTING_MAX)

    def _offered_when(self) -> str:
        """The time the form offers: the entry's, or now."""
        when = self.existing.at.astimezone() if self.existing else self.clock.now()
        return when.strftime(TIME_FORMAT)

    def on_mount(self) -> None:
        # Focusing the scale scrolls it into view; the form still opens at its
        # top, so the question stays on a short terminal.
        self.call_after_refresh(self.query_one("#checkin-form").scroll_home, animate=False)
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
            self.query_one("#where", BodyMap).areas,
            tuple(s for s in SYMPTOMS if self.query_one(f"#symptom-{s}", Checkbox).value),
            self.query_one("#triggers", Input).value,
            self.query_one("#medication", Input).value,
            self.query_one("#note", TextArea).text,
            self.query_one("#for-clinician", Checkbox).value,
            "" if when == self._offered_when() else when,
            self._descriptors(),
            self.query_one("#sleep", PainScale).value,
            self.query_one("#sitting", Input).value,
        )

    @on(TextArea.Changed)
    @on(Checkbox.Changed)
    @on(BodyMap.Changed)
    @on(Input.Changed)
    @on(PainScale.Changed)
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

    @on(PainScale.Changed, "#pain")
    def pain_given(self, event: PainScale.Changed) -> None:
        if event.value is not None:
            self.query_one("#pain-error", Static).update("")

    @on(Input.Changed, "#when")
    @on(Input.Changed, "#sitting")
    def field_changed(self, event: Input.Changed) -> None:
        self.query_one(f"#{event.input.id}-error", Static).update("")

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
            "where": self.query_one("#where", BodyMap).selected,
            "symptoms": tuple(
                s for s in SYMPTOMS if self.query_one(f"#symptom-{s}", Checkbox).value
            ),
            "triggers": as_text_list(self.query_one("#triggers", Input).value, "triggers"),
            "medication": as_text_list(self.query_one("#medication", Input).value, "medication"),
            "descriptors": self._descriptors(),
            "sleep_interference": self.query_one("#sleep", PainScale).value,
            "sitting_minutes": self._sitting(),
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
        message_box = f"#{widget}-error" if widget in ("pain", "sitting") else "#when-error"
        message = f"{widget.capitalize()}: {error.problem}"
        self.query_one(message_box, Static).update(Content(message))
        self.query_one(f"#{widget}").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "repeat":
            return self.existing is None  # "same as last time" is for a new check-in
        return True

    def action_repeat(self) -> None:
        """Fill the lists from the latest live check-in and say what was filled."""
        last = self.guarded(self.store.checkins.latest)
        if last is None:
            self.notify("There is no earlier check-in to repeat.", title="Same as last time")
            return
        when = last.at.astimezone().strftime("%a %d %b, %H:%M")
        filled = [
            (label, items)
            for label, items in (
                ("where", last.where),
                ("symptoms", last.symptoms),
                ("feels", last.descriptors),
                ("triggers", last.triggers),
                ("medication", last.medication),
            )
            if items
        ]
        if not filled:
            self.notify(
                f"Your check-in of {when} gave no areas, symptoms, descriptors, triggers "
                "or medication to repeat.",
                title="Same as last time",
            )
            return
        self._fill_where(last.where)
        for symptom in SYMPTOMS:
            self.query_one(f"#symptom-{symptom}", Checkbox).value = symptom in last.symptoms
        descriptors: SelectionList[str] = self.query_one("#descriptors", SelectionList)
        descriptors.deselect_all()
        for word in last.descriptors:
            descriptors.select(word)
        self.query_one("#triggers", Input).value = printable(", ".join(last.triggers))
        self.query_one("#medication", Input).value = printable(", ".join(last.medication))
        said = "; ".join(f"{label}: {', '.join(items)}" for label, items in filled)
        self.notify(
            printable(f"From your check-in of {when}: {said}."),
            title="Same as last time",
            markup=False,
        )

    def _fill_where(self, areas: tuple[str, ...]) -> None:
        """Tick exactly ``areas`` on the body map (one it has no place for is listed below it)."""
        self.query_one("#where", BodyMap).areas = frozenset(printable(name) for name in areas)

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
