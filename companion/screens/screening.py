"""The safety screening wizard: one question at a time, urgent warning signs first.

``y`` / ``n`` / ``u`` answer and move on, ``b`` goes back to change an answer,
``enter`` keeps an answer already given. A new screening starts from the last
one's answers (each kept with ``enter`` or changed), except the emergency
questions, which are always asked afresh.

A ``yes`` to an emergency question interrupts at once: the screening so far is
saved, marked partial, and the emergency advice shows over everything
(:mod:`companion.screens.emergency`) until it is acknowledged; then the person
may finish the other questions or stop. Otherwise the screening is saved when
the last answer is given, and its results shown
(:mod:`companion.screens.screening_results`).

Leaving mid-way (``escape``, ``d``…) keeps your place until the app closes: the
screen is a mode, so ``s`` brings you back to the same question.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, ContentSwitcher, Header, Static

from companion.commands import Command
from companion.core.errors import CompanionError
from companion.core.ids import new_id
from companion.core.records import ScreeningRecord
from companion.core.screening.engine import (
    Question,
    Rules,
    ScreeningOutcome,
    evaluate,
)
from companion.core.screening.urgency import flags_summary
from companion.core.screening.verdicts import THERAPY_TITLES, current_verdicts, needs_rescreen
from companion.screens.base import CompanionScreen, stylesheet
from companion.screens.dashboard import describe_age
from companion.screens.emergency import EmergencyScreen
from companion.screens.screening_results import ScreeningResultsScreen
from companion.widgets.footer import KeysFooter

__all__ = ["ScreeningScreen", "progress_bar"]

ANSWER_WORDS = {"yes": "Yes", "no": "No", "unsure": "Unsure"}

INTRO = (
    "Before you try a treatment for your back, these questions look for two things: "
    "warning signs that need a doctor first, and health conditions that make a "
    "particular therapy unwise for you.\n\n"
    "• {count} short questions, urgent warning signs first. About 5 minutes; a\n"
    "  re-screening starts from your last answers (enter keeps each one).\n"
    "• Answer y yes, n no or u unsure; b goes back to change an answer.\n"
    '• "Unsure" is always fine: it counts as caution, never as a no.\n'
    "• This is not a diagnosis. Your answers stay on this machine."
)


def progress_bar(done: int, total: int, width: int = 30) -> str:
    """A plain text bar (``━━━───``) that needs no colour and never animates."""
    filled = round(width * done / total) if total else 0
    return "━" * filled + "─" * (width - filled)


class ScreeningScreen(CompanionScreen[None]):
    """The screening: an introduction, then the questions in order."""

    DEFAULT_CSS = stylesheet("screening")

    HELP_TITLE = "Safety screening"

    COMMANDS_HERE = (
        Command(
            "screening-start",
            "enter",
            "start",
            "Start",
            "On the introduction: start the questions at question 1.",
        ),
        Command(
            "screening-last",
            "v",
            "view_last",
            "Last results",
            "On the introduction: show your last screening's results again.",
        ),
        Command("screening-yes", "y", "answer('yes')", "Yes", "Answer yes and go on."),
        Command("screening-no", "n", "answer('no')", "No", "Answer no and go on."),
        Command(
            "screening-unsure",
            "u",
            "answer('unsure')",
            "Unsure",
            "Answer unsure and go on: it counts as a reason for caution, never as a no.",
        ),
        Command(
            "screening-back",
            "b",
            "previous",
            "Back",
            "Go back one question to see or change its answer.",
        ),
        Command(
            "screening-keep",
            "enter",
            "keep",
            "Keep answer",
            "On a question you answered before: keep that answer and go on.",
        ),
    )

    def __init__(self) -> None:
        super().__init__()
        self.rules: Rules | None = None
        """The screening rules in use (loaded on mount)."""
        self.answers: dict[str, str] = {}
        """Question id → yes/no/unsure given so far in this run."""
        self.index = 0
        """The position of the question on screen."""
        self.asking = False
        """Whether the questions are showing (else the introduction is)."""
        self.latest: ScreeningRecord | None = None
        """The newest saved screening, for the introduction."""
        self.partial_id: str | None = None
        """The id of this run's record, once an emergency answer has saved it."""
        self.last_answers: dict[str, str] = {}
        """The answers carried over from the last screening, shown as "Last time"."""
        self.confirmed: set[str] = set()
        """Questions answered or kept in this run (the rest still show "Last time")."""

    def compose(self) -> ComposeResult:
        yield Header()
        with ContentSwitcher(initial="screening-intro", id="screening"):
            with VerticalScroll(id="screening-intro"):
                yield Static("Safety screening", id="intro-title")
                yield Static(id="intro-text")
                yield Static(id="intro-last")
                with Horizontal(classes="buttons"):
                    yield self._unfocusable(
                        Button("Start  enter", id="intro-start", variant="primary")
                    )
                    yield self._unfocusable(Button("Last results  v", id="intro-view"))
            with VerticalScroll(id="screening-question"):
                with Horizontal(id="q-head"):
                    yield Static(id="q-group")
                    yield Static(id="q-progress")
                yield Static(id="q-bar")
                yield Static(id="q-intro")
                yield Static(id="q-ask")
                yield Static(id="q-why")
                yield Static(id="q-current")
                with Horizontal(id="q-buttons", classes="buttons"):
                    for key, word in (("y", "Yes"), ("n", "No"), ("u", "Unsure"), ("b", "Back")):
                        yield self._unfocusable(Button(f"{word}  {key}", id=f"q-{key}"))
        yield KeysFooter()

    @staticmethod
    def _unfocusable(button: Button) -> Button:
        """Buttons for the mouse only: keys go straight to the screen, so keys typed
        quickly after enter are never lost to a button press still on its way."""
        button.can_focus = False
        return button

    def on_mount(self) -> None:
        library = self.guarded(lambda: self.companion.library)
        if library is None:
            return
        self.rules = library.rules
        self.query_one("#intro-text", Static).update(
            Text(INTRO.format(count=len(self.rules.questions)))
        )
        if self.companion.initial == "screening" and not self.asking:
            self.begin()
        else:
            self._show()

    def show_data(self) -> None:
        self.latest = self.guarded(self.store.screenings.latest)
        self._show()

    # Actions ------------------------------------------------------------------

    def begin(self) -> None:
        """Start a run at question 1, from the last screening's answers when they
        used these questions (the emergency questions are always asked afresh)."""
        self.answers = {}
        self.partial_id = None
        self.confirmed = set()
        # read afresh: the wizard may begin before it was first shown (or after
        # another session saved a screening)
        self.latest = self.guarded(self.store.screenings.latest)
        if self.rules is not None and self.latest is not None and self.latest.deleted_at is None:
            known = set(self.rules.question_ids)
            self.answers = {
                qid: answer
                for qid, answer in self.latest.answers.items()
                if qid in known and not _is_emergency(self.rules.question(qid))
            }
        self.last_answers = dict(self.answers)
        self.index = 0
        self.asking = True
        self._show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("start", "view_last"):
            if action == "view_last" and not self._last_viewable():
                return False
            return not self.asking
        if action == "keep":
            return self.asking and self.rules is not None and self._current_id() in self.answers
        if action in ("answer", "previous"):
            return self.asking
        return True

    def action_start(self) -> None:
        if self.rules is not None:
            self.begin()

    def action_view_last(self) -> None:
        if self.rules is None or self.latest is None or not self._last_viewable():
            return
        outcome = evaluate(self.rules, self.latest.answers)
        self.app.push_screen(ScreeningResultsScreen(outcome, self.rules, self.latest.at))

    def action_answer(self, answer: str) -> None:
        if self.rules is None or not self.asking:
            return
        question = self.rules.questions[self.index]
        self.answers[question.id] = answer
        self.confirmed.add(question.id)
        if answer == "yes" and _is_emergency(question):
            self._interrupt()
        else:
            self._advance()

    def action_keep(self) -> None:
        if self.rules is not None and self._current_id() in self.answers:
            self.confirmed.add(self._current_id())
            self._advance()

    def action_previous(self) -> None:
        if self.index > 0:
            self.index -= 1
        else:
            self.asking = False
        self._show()

    # Clicks go through run_action, so they obey check_action as the keys do.
    @on(Button.Pressed, "#intro-start")
    async def start_pressed(self) -> None:
        await self.run_action("start")

    @on(Button.Pressed, "#intro-view")
    async def view_last_pressed(self) -> None:
        await self.run_action("view_last")

    @on(Button.Pressed, "#q-y")
    async def yes_pressed(self) -> None:
        await self.run_action("answer('yes')")

    @on(Button.Pressed, "#q-n")
    async def no_pressed(self) -> None:
        await self.run_action("answer('no')")

    @on(Button.Pressed, "#q-u")
    async def unsure_pressed(self) -> None:
        await self.run_action("answer('unsure')")

    @on(Button.Pressed, "#q-b")
    async def back_pressed(self) -> None:
        await self.run_action("previous")

    # Internals ----------------------------------------------------------------

    def _current_id(self) -> str:
        assert self.rules is not None
        return self.rules.questions[self.index].id

    def _last_viewable(self) -> bool:
        """The last screening can be shown in full only under the rules it used."""
        return (
            self.rules is not None
            and self.latest is not None
            and self.latest.version == self.rules.version
        )

    def _advance(self) -> None:
        assert self.rules is not None
        if self.index + 1 < len(self.rules.questions):
            self.index += 1
            self._show()
        else:
            self._finish()

    def _save(self, outcome: ScreeningOutcome, *, partial: bool) -> str | None:
        """Save this run (a second save replaces its partial record); why it failed, if so."""
        now = self.clock.now()
        record = outcome.to_record(self.partial_id or new_id(now), now, partial=partial)
        try:
            if self.partial_id is None:
                self.latest = self.store.screenings.add(record)
            else:
                self.latest = self.store.screenings.update(record)
        except (CompanionError, KeyError) as error:
            return str(error)
        self.partial_id = record.id
        return None

    def _interrupt(self) -> None:
        """An emergency answer: save the screening so far, then the advice over everything."""
        assert self.rules is not None
        outcome = evaluate(self.rules, self.answers)
        save_error = self._save(outcome, partial=True)
        saved = (
            "Saved: your journal, the dashboard and the report now show this sign."
            if save_error is None
            else f"Not saved: {save_error}. The advice still applies."
        )
        given = set(self.answers)
        advice = [
            (flag.advice, _raised_words([p for p in flag.answers if p[0] in given], self.rules))
            for flag in outcome.red_flags
            if flag.urgency == "emergency"
        ]
        after = "Then you may finish the other questions, or stop (d for home)."
        self.app.push_screen(
            EmergencyScreen(advice, self.companion.settings.region, saved, after),
            lambda _: self._advance(),
        )

    def _finish(self) -> None:
        """Evaluate, save, and show the results (even if saving fails)."""
        assert self.rules is not None
        outcome = evaluate(self.rules, self.answers)
        now = self.clock.now()
        save_error = self._save(outcome, partial=False)
        self.answers = {}
        self.last_answers = {}
        self.partial_id = None
        self.index = 0
        self.asking = False
        self._show()
        self.app.push_screen(
            ScreeningResultsScreen(outcome, self.rules, now, save_error=save_error)
        )

    def _show(self) -> None:
        if not self.is_mounted:
            return
        switcher = self.query_one(ContentSwitcher)
        if self.asking and self.rules is not None:
            switcher.current = "screening-question"
            self._show_question(self.rules.questions[self.index])
        else:
            switcher.current = "screening-intro"
            self._show_intro()
        self.refresh_bindings()

    def _show_intro(self) -> None:
        last = self.latest
        view = self.query_one("#intro-view", Button)
        view.display = self._last_viewable()
        if self.rules is None:
            return
        if last is None:
            lines = ["You have not been screened yet."]
        else:
            lines = [f"Your last screening: {describe_age(last.at, self.clock.now())}."]
            summary = flags_summary(last.red_flags)
            if summary:
                lines.append(f"It raised {summary}, if the signs are still there.")
            avoid = [THERAPY_TITLES[t] for t, v in current_verdicts(last).items() if v == "avoid"]
            if avoid:
                lines.append("Avoid: " + ", ".join(avoid) + ".")
            due = needs_rescreen(last, self.rules.version, self.clock.now().date())
            if due:
                lines.append(due)
        self.query_one("#intro-last", Static).update(Text("\n".join(lines)))

    def _show_question(self, question: Question) -> None:
        assert self.rules is not None
        total = len(self.rules.questions)
        group = next(g for g in self.rules.groups if g.id == question.group)
        self.query_one("#q-group", Static).update(Text(group.title))
        self.query_one("#q-progress", Static).update(f"{self.index + 1} of {total}")
        self.query_one("#q-bar", Static).update(
            progress_bar(self.index, total, width=max(10, self.size.width - 4))
        )
        intro = group.intro
        if self.index == 0:
            intro += " About 5 minutes; unsure is always an answer; nothing leaves this machine."
        self.query_one("#q-intro", Static).update(Text(intro))
        self.query_one("#q-ask", Static).update(Text(question.ask))
        self.query_one("#q-why", Static).update(
            Text.assemble(("Why we ask: ", "bold"), question.why)
        )
        self.query_one("#q-current", Static).update(self._answer_line(question.id))
        self.query_one("#q-current").display = question.id in self.answers
        self.query_one("#q-b", Button).label = "Back  b" if self.index else "Intro  b"

    def _answer_line(self, question_id: str) -> Text:
        """The answer already held for a question: from the last screening until it
        is confirmed or changed in this run, then this run's (with last time's)."""
        given = self.answers.get(question_id)
        if given is None:
            return Text()
        last = self.last_answers.get(question_id)
        if question_id not in self.confirmed:
            return Text.assemble(
                "Last time: ",
                (ANSWER_WORDS[given], "bold reverse"),
                "  (enter keeps it, y/n/u changes it)",
            )
        line = Text.assemble(
            "Your answer: ",
            (ANSWER_WORDS[given], "bold reverse"),
            "  (y/n/u to change it, enter to keep it)",
        )
        if last is not None and last != given:
            line.append(f" · last time: {ANSWER_WORDS[last].lower()}")
        return line


def _is_emergency(question: Question) -> bool:
    return question.red_flag is not None and question.red_flag.urgency == "emergency"


def _raised_words(answers: list[tuple[str, str]], rules: Rules) -> str:
    """``You answered: new bladder changes: yes.``"""
    parts = []
    for question_id, answer in answers:
        try:
            topic = rules.question(question_id).topic
        except KeyError:
            topic = question_id
        parts.append(f"{topic}: {answer}")
    return "You answered: " + "; ".join(parts) + "." if parts else ""
