"""The weekly questions: the offer after a check-in, and the seven scales.

The offer is a small dialog shown after a check-in was saved, when
:func:`companion.core.weekly.weekly_due` says so: ``enter`` starts, ``n``
skips this week (not asked again for 7 days), ``escape`` leaves it for the
next check-in; any other key also leaves it for later and does its usual job,
so a key typed right after a check-in (``s`` for the screening) is not lost.
The questions are answered with a digit each; ``enter`` moves
to the next unanswered one and saves once all seven have an answer.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Header, Label, Static

from companion.commands import Command
from companion.core.errors import CompanionError
from companion.core.ids import new_id
from companion.core.insights.weekly import QUESTIONS, SBI_INTRO
from companion.core.records import WeeklyMeasures
from companion.programme import is_weekly_due
from companion.screens.base import CompanionModal, CompanionScreen, stylesheet
from companion.screens.services import companion_of
from companion.widgets.footer import KeysFooter
from companion.widgets.pain_scale import PainScale

if TYPE_CHECKING:
    from textual.app import App

__all__ = ["WeeklyMeasuresScreen", "WeeklyOfferScreen", "offer_after_check_in"]


class WeeklyOfferScreen(CompanionModal[str | None]):
    """Start, skip this week, or not now. Dismisses with ``start``, ``skip`` or ``None``."""

    DEFAULT_CSS = stylesheet("weekly")

    HELP_TITLE = "Weekly questions"

    COMMANDS_HERE = (
        Command("weekly-start", "enter", "choose('start')", "Start", "Answer the 7 questions."),
        Command(
            "weekly-skip",
            "n",
            "choose('skip')",
            "Skip this week",
            "Do not ask again for 7 days.",
        ),
        Command("weekly-later", "escape", "choose(None)", "Not now", "Ask at the next check-in."),
    )

    def compose(self) -> ComposeResult:
        with Vertical(id="weekly-offer", classes="dialog"):
            yield Static("[b]Weekly questions[/b] · about 30 seconds", id="weekly-offer-title")
            yield Static(
                "Seven questions about the past week: how much pain got in the way, and how "
                "much each sciatica symptom bothered you. Week by week they show change that "
                "a single pain score misses, for you and for your clinician."
            )
            yield Static(
                "[b]enter[/] start   [b]n[/] not this week   [b]escape[/] later",
                id="weekly-offer-keys",
            )

    def on_key(self, event: events.Key) -> None:
        """A key that is not the offer's own: leave the offer for later and pass it on."""
        own = {key for command in self.COMMANDS_HERE for key in command.keys.split(",")}
        if event.key in own | {"question_mark", "f1", "ctrl+p", "tab", "shift+tab"}:
            return
        event.stop()
        self.dismiss(None)
        self.app.post_message(events.Key(event.key, event.character))

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)


class WeeklyMeasuresScreen(CompanionScreen[WeeklyMeasures | None]):
    """The seven scales: PEG (0–10) then sciatica bothersomeness (0–6)."""

    DEFAULT_CSS = stylesheet("weekly")

    HELP_TITLE = "Weekly questions"

    COMMANDS_HERE = (
        Command(
            "weekly-next",
            "enter",
            "next_or_save",
            "Next",
            "Go to the next unanswered question; save when all seven are answered.",
        ),
        Command("weekly-save", "ctrl+s", "save", "Save", "Save the answers.", footer=False),
        Command("weekly-cancel", "escape", "cancel", "Cancel", "Leave without saving."),
    )

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="weekly-form"):
            yield Static(
                "[b]Weekly questions[/b]: type a digit for each, then [b]enter[/]",
                id="weekly-title",
            )
            for number, question in enumerate(QUESTIONS, start=1):
                if number == 4:
                    yield Static(f"Sciatica bothersomeness. {SBI_INTRO}", classes="weekly-part")
                yield Label(f"{number}. {question.text}", classes="field")
                yield PainScale(
                    id=question.id.replace(".", "-"),
                    high=question.high,
                    anchors=(question.low_anchor, question.high_anchor),
                )
            yield Static("", id="weekly-error", classes="error")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query(PainScale).first().focus()

    @property
    def scales(self) -> list[PainScale]:
        return list(self.query(PainScale))

    def action_next_or_save(self) -> None:
        unanswered = [scale for scale in self.scales if scale.value is None]
        if not unanswered:
            self.action_save()
            return
        focused = self.focused
        later = [s for s in unanswered if focused in self.scales and self._after(s, focused)]
        (later or unanswered)[0].focus()

    def _after(self, scale: PainScale, focused: object) -> bool:
        scales = self.scales
        return scales.index(scale) > scales.index(focused)  # type: ignore[arg-type]

    def action_save(self) -> None:
        values = [scale.value for scale in self.scales]
        missing = [n for n, value in enumerate(values, start=1) if value is None]
        if missing:
            listed = ", ".join(str(n) for n in missing)
            self.query_one("#weekly-error", Static).update(
                f"Answer every question first (still open: {listed})."
            )
            self.scales[missing[0] - 1].focus()
            return
        answers = [int(value) for value in values if value is not None]
        now = self.clock.now()
        entry = WeeklyMeasures(
            id=new_id(now),
            at=now,
            peg=(answers[0], answers[1], answers[2]),
            sbi=(answers[3], answers[4], answers[5], answers[6]),
        )
        try:
            saved = self.store.measures.add(entry)
        except CompanionError as error:
            self.notify(str(error), title="Not saved", severity="error", timeout=10, markup=False)
            return
        self.app.notify(
            f"PEG {saved.peg_score:.1f}/10 · bothersomeness {saved.sbi_total}/24",
            title="Weekly answers saved",
        )
        self.dismiss(saved)

    def action_cancel(self) -> None:
        self.dismiss()


def offer_after_check_in(app: App[Any], saved: object) -> None:
    """After a new check-in was saved (``saved`` is not ``None``), offer the weekly
    questions if they are due; never before the save, so the check-in stays quick."""
    if saved is None:
        return
    try:
        due = is_weekly_due(companion_of(app).store, companion_of(app).clock.now())
    except CompanionError as error:
        companion_of(app).show_data_error(error)
        return
    if due:
        app.push_screen(WeeklyOfferScreen(), partial(_offer_answered, app))


def _offer_answered(app: App[Any], choice: str | None) -> None:
    if choice == "start":
        from companion.screens.goals import ask_goal_scores

        app.push_screen(
            WeeklyMeasuresScreen(), lambda saved: None if saved is None else ask_goal_scores(app)
        )
    elif choice == "skip":
        today = companion_of(app).clock.now().date().isoformat()
        if not companion_of(app).save_settings(weekly_skipped_on=today):
            return
        app.notify("Asked again in 7 days, or press w on the trends screen.", title="Skipped")
