"""The check-in's safety net: the cauda equina signs in one short step.

Shown after a check-in that records numbness or weakness, or a sharp rise in
leg pain (:mod:`companion.core.screening.safety_net` decides). One key per sign: ``y``
yes, ``n`` no, ``u`` unsure. A yes saves the flag and shows the emergency
advice over everything; an unsure saves a same-day flag and says so.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from companion.commands import Command
from companion.core.errors import CompanionError
from companion.core.ids import new_id
from companion.core.records import CheckIn
from companion.core.screening.engine import Question, Rules
from companion.core.screening.safety_net import (
    merged_record,
    net_questions,
    new_reasons,
    reasons_to_ask,
)
from companion.core.screening.urgency import emergency_numbers, urgency_heading
from companion.screens.base import CompanionModal, stylesheet
from companion.screens.emergency import EmergencyScreen
from companion.screens.services import companion_of
from companion.widgets.footer import KeysFooter

if TYPE_CHECKING:
    from textual.app import App

__all__ = ["SafetyNetScreen", "after_check_in"]

MARKS = {"yes": "yes", "no": "no", "unsure": "unsure"}


class SafetyNetScreen(CompanionModal[dict[str, str] | None]):
    """Dismisses with question id → answer once every sign is answered (None on escape)."""

    DEFAULT_CSS = stylesheet("safety_net")

    HELP_TITLE = "Safety check"

    COMMANDS_HERE = (
        Command("net-yes", "y", "answer('yes')", "Yes", "Yes: this is new or getting worse."),
        Command("net-no", "n", "answer('no')", "No", "No."),
        Command("net-unsure", "u", "answer('unsure')", "Unsure", "Not sure: counts as a maybe."),
        Command("net-skip", "escape", "skip", "Not now", "Skip the check this time."),
    )

    def __init__(self, questions: tuple[Question, ...], reasons: tuple[str, ...]) -> None:
        super().__init__()
        self.questions = questions
        """The cauda equina questions, asked in order."""
        self.reasons = reasons
        """Why the check-in asks (numbness, weakness, leg pain rising)."""
        self.answers: dict[str, str] = {}
        """Answers so far."""

    def compose(self) -> ComposeResult:
        with Vertical(id="net", classes="dialog"):
            yield Static(Text("A quick safety check", style="bold"), id="net-title")
            yield Static(
                Text(
                    f"You recorded {' and '.join(self.reasons)}. Are any of these NEW or "
                    "getting worse? One key each: y yes, n no, u unsure."
                ),
                classes="hint",
            )
            yield Static(id="net-list")
            yield Static(
                Text(f"Any yes: {urgency_heading('emergency')}."),
                classes="hint",
            )
        yield KeysFooter()

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        lines = []
        for index, question in enumerate(self.questions):
            given = self.answers.get(question.id)
            mark = "▶" if index == len(self.answers) else " "
            answer = f"  [{MARKS[given]}]" if given else ""
            lines.append(f"{mark} {question.topic.capitalize()}{answer}")
        self.query_one("#net-list", Static).update(Text("\n".join(lines)))

    def action_answer(self, answer: str) -> None:
        if len(self.answers) >= len(self.questions):
            return
        self.answers[self.questions[len(self.answers)].id] = answer
        self._show()
        if answer == "yes" or len(self.answers) == len(self.questions):
            self.dismiss(dict(self.answers))  # a yes cannot wait for the other answers

    def action_skip(self) -> None:
        self.dismiss(None)


def after_check_in(app: App[Any], then: Callable[[object], None], saved: object) -> None:
    """After a check-in is saved: ask the safety net if it is due, then go on with ``then``."""
    if not isinstance(saved, CheckIn):
        then(saved)
        return
    now = companion_of(app).clock.now()
    try:
        recent = companion_of(app).store.checkins.between(now - timedelta(days=7), now)
        rules = companion_of(app).library.rules
    except CompanionError as error:
        companion_of(app).show_data_error(error)
        return
    reasons = reasons_to_ask(saved, recent)
    today = now.astimezone().date()
    settings = companion_of(app).settings
    if not new_reasons(reasons, settings.safety_net_on, settings.safety_net_for, today):
        then(saved)
        return
    asked = set(reasons)
    if settings.safety_net_on == today.isoformat():
        asked |= set(filter(None, settings.safety_net_for.split(",")))
    companion_of(app).save_settings(
        safety_net_on=today.isoformat(), safety_net_for=",".join(sorted(asked))
    )
    app.push_screen(
        SafetyNetScreen(net_questions(rules), reasons),
        partial(_answered, app, rules, then, saved),
    )


def _answered(
    app: App[Any],
    rules: Rules,
    then: Callable[[object], None],
    saved: object,
    answers: dict[str, str] | None,
) -> None:
    if not answers or set(answers.values()) == {"no"}:
        then(saved)
        return
    now = companion_of(app).clock.now()
    given = {q: a for q, a in answers.items() if a != "no"}
    try:
        latest = companion_of(app).store.screenings.latest()
        record = merged_record(rules, answers, latest, new_id(now), now)
        companion_of(app).store.screenings.add(record)
        note = "Saved: the dashboard, the library and the report now show this sign."
    except CompanionError as error:
        note = f"Not saved: {error}. The advice still applies."
    if "yes" in answers.values():
        flag = next(q.red_flag for q in rules.questions if q.id in given and q.red_flag)
        raised = "You answered: " + "; ".join(
            f"{rules.question(q).topic}: {a}" for q, a in given.items()
        )
        app.push_screen(
            EmergencyScreen([(flag.advice, raised + ".")], companion_of(app).settings.region, note),
            lambda _: then(saved),
        )
        return
    app.notify(
        f"{urgency_heading('same-day')}: you were unsure about a sign that can mean an "
        f"emergency. {emergency_numbers(companion_of(app).settings.region)} {note}",
        title="Safety check",
        severity="warning",
        timeout=20,
        markup=False,
    )
    then(saved)
