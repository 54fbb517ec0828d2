"""Personal goals (PSFS) in the weekly questions: up to three activities the
person finds hard, each scored 0 (unable) to 10 (as before the problem).

Shown after the weekly scales are saved. Names are kept (settings), so the
following weeks only ask for the scores; ``escape`` skips.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Input, Label, Static

from companion.commands import Command
from companion.core.errors import CompanionError, InvalidInputError
from companion.core.ids import new_id
from companion.core.programme.goals import MAX_GOALS, GoalScores, parse_activities
from companion.screens.base import CompanionScreen, stylesheet
from companion.widgets.footer import KeysFooter
from companion.widgets.pain_scale import PainScale

if TYPE_CHECKING:
    from textual.app import App

__all__ = ["GoalsScreen", "ask_goal_scores"]


class GoalsScreen(CompanionScreen[None]):
    """Name (once) and score (weekly) up to three activities."""

    DEFAULT_CSS = stylesheet("weekly")
    HELP_TITLE = "Personal goals"
    COMMANDS_HERE = (
        Command("goals-save", "ctrl+s", "save", "Save", "Save the scores.", priority=True),
        Command("goals-skip", "escape", "skip", "Skip", "Not this week."),
    )

    def compose(self) -> ComposeResult:
        names = parse_activities(self.companion.settings.goals.splitlines())
        yield Header()
        with VerticalScroll(id="weekly-form"):
            yield Static(
                "[b]Your goals[/b]: activities you find hard, each 0 (unable) to 10 "
                "(as before). A change of 2 points is meaningful. [b]ctrl+s[/] saves.",
                id="weekly-title",
            )
            for number in range(MAX_GOALS):
                name = names[number] if number < len(names) else ""
                yield Label(f"Activity {number + 1}", classes="field")
                yield Input(name, placeholder="e.g. sit through a film", id=f"goal-name-{number}")
                yield PainScale(
                    optional=True, id=f"goal-score-{number}", anchors=("unable", "as before")
                )
            yield Static("", id="goals-error", classes="error")
        yield KeysFooter()

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = False
        names = [field.value for field in self.query(Input)]
        first = "#goal-score-0" if names[0] else "#goal-name-0"
        self.query_one(first).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        pairs = []
        for number in range(MAX_GOALS):
            name = self.query_one(f"#goal-name-{number}", Input).value
            score = self.query_one(f"#goal-score-{number}", PainScale).value
            if name.strip():
                pairs.append((number, name, score))
        try:
            names = parse_activities(name for _, name, _ in pairs)
        except InvalidInputError as error:
            self.query_one("#goals-error", Static).update(Content(f"Activity: {error.problem}"))
            return
        missing = [number + 1 for number, _, score in pairs if score is None]
        if missing:
            listed = ", ".join(str(n) for n in missing)
            self.query_one("#goals-error", Static).update(f"Score activity {listed} (0–10).")
            self.query_one(f"#goal-score-{missing[0] - 1}").focus()
            return
        now = self.clock.now()
        if not self.companion.save_settings(goals="\n".join(names)):
            return
        try:
            if pairs:
                scores = tuple(
                    (name, int(score or 0))
                    for name, (_, _, score) in zip(names, pairs, strict=True)
                )
                self.store.goals.add(GoalScores(new_id(now), now, scores))
        except CompanionError as error:
            self.notify(str(error), title="Not saved", severity="error", markup=False)
            return
        if pairs:
            self.app.notify("Your goal scores are saved.", title="Goals")
        self.dismiss(None)

    def action_skip(self) -> None:
        self.dismiss(None)


def ask_goal_scores(app: App[Any]) -> None:
    """After the weekly scales: the goals, named or not yet."""
    app.push_screen(GoalsScreen())
