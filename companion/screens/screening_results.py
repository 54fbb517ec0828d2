"""The results of a screening: emergency first, then warning signs, then a
verdict for every therapy with the answers behind it.

An emergency is shown alone, in words that cannot be missed, and must be
acknowledged (``enter`` on "I understand") before anything else appears.
Verdicts are words with a symbol (``✗ AVOID``, ``! CAUTION``, ``✓ OK``), never
colour alone.
"""

from __future__ import annotations

from datetime import datetime

from rich import box
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Header, Static

from companion.commands import Command
from companion.core.glyphs import glyph
from companion.core.records import THERAPIES
from companion.core.screening.engine import (
    RaisedFlag,
    Rules,
    ScreeningOutcome,
    unfinished_words,
)
from companion.core.screening.urgency import LEVELS, emergency_numbers, urgency_heading
from companion.core.screening.verdicts import (
    THERAPY_TITLES,
    describe_reason,
    flag_title,
    verdict_label,
)
from companion.screens.base import CompanionScreen, stylesheet
from companion.widgets.footer import KeysFooter

__all__ = ["ScreeningResultsScreen", "verdict_table"]

CLOSING_HINT = (
    "This is not a diagnosis: it shows what your answers rule out, or call for a "
    "clinician's advice on. The library and the timers use these verdicts."
)
VERDICT_STYLES = {"avoid": "bold reverse", "caution": "bold", "ok": ""}


def _bullets(lines: list[str]) -> Table:
    """Lines as bullets with a hanging indent; repeated lines once, counted."""
    counts: dict[str, int] = {}
    for line in lines:
        counts[line] = counts.get(line, 0) + 1
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    for line, count in counts.items():
        grid.add_row("•", line if count == 1 else f"{line} (×{count})")
    return grid


def verdict_table(outcome: ScreeningOutcome, rules: Rules) -> Table:
    """The four therapies with their verdict and the answers behind it."""
    table = Table(box=box.SIMPLE_HEAD, expand=True, show_edge=False, pad_edge=False)
    table.add_column("Therapy", style="bold", width=15)
    table.add_column("Verdict", no_wrap=True, width=9)
    table.add_column(f"Why (your answer {glyph('to')} its effect)", ratio=1)
    for therapy in THERAPIES:
        verdict = outcome.verdicts[therapy]
        reasons = [describe_reason(reason, rules) for reason in outcome.reasons.get(therapy, ())]
        table.add_row(
            THERAPY_TITLES[therapy],
            Text(verdict_label(verdict), style=VERDICT_STYLES[verdict]),
            _bullets(reasons) if reasons else Text("nothing in your answers against it"),
        )
    return table


def _raised_by(flag: RaisedFlag, rules: Rules) -> Text:
    """Which answers raised a flag: ``You answered yes to: new bladder changes.``"""
    by_answer: dict[str, list[str]] = {}
    for question_id, answer in flag.answers:
        by_answer.setdefault(answer, []).append(rules.question(question_id).topic)
    parts = [f"{answer} to: {'; '.join(topics)}" for answer, topics in by_answer.items()]
    return Text("You answered " + ", and ".join(parts) + ".")


class ScreeningResultsScreen(CompanionScreen[None]):
    """What one screening found."""

    DEFAULT_CSS = stylesheet("screening", "screening_results")

    HELP_TITLE = "Screening results"

    COMMANDS_HERE = (
        Command(
            "results-acknowledge",
            "enter",
            "acknowledge",
            "I understand",
            "Confirm you have read the emergency advice; the rest of the results then shows.",
        ),
        Command(
            "results-again",
            "r",
            "screen_again",
            "Screen again",
            "Go through the questions again from question 1.",
        ),
        Command(
            "results-back",
            "escape",
            "close",
            "Back",
            "Close the results (after an emergency, once you have confirmed reading it).",
        ),
    )

    def __init__(
        self,
        outcome: ScreeningOutcome,
        rules: Rules,
        at: datetime,
        *,
        save_error: str | None = None,
    ) -> None:
        super().__init__()
        self.outcome = outcome
        """What the answers meant."""
        self.rules = rules
        """The rules the answers were evaluated with."""
        self.at = at
        """When the screening was done."""
        self.save_error = save_error
        """Why saving failed, or ``None`` if it was saved (or shown from the store)."""
        self.emergencies = [f for f in outcome.red_flags if f.urgency == "emergency"]
        """The emergency flags, shown first and alone until acknowledged."""
        self.acknowledged = not self.emergencies
        """Whether the emergency advice has been confirmed as read."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="results"):
            when = self.at.astimezone().strftime("%d %b %Y %H:%M")
            yield Static(Text(f"Screening results · {when}"), id="results-title")
            if self.save_error:
                yield Static(
                    Text(f"Not saved: {self.save_error}. The advice below still applies."),
                    classes="error",
                )
            if self.emergencies:
                yield from self._compose_emergency()
            with Vertical(id="results-rest"):
                if self.outcome.unanswered:
                    yield Static(
                        Text.assemble(
                            ("Unfinished screening. ", "bold"),
                            unfinished_words(self.rules, self.outcome.unanswered),
                            " Questions not answered count against a therapy until "
                            "you finish (r or s).",
                        ),
                        id="results-unfinished",
                    )
                yield from self._compose_warnings()
                yield Static("What this means for each therapy", classes="section")
                yield Static(verdict_table(self.outcome, self.rules), id="verdict-table")
                yield Static(CLOSING_HINT, classes="hint")
        yield KeysFooter()

    def _compose_emergency(self) -> ComposeResult:
        with Vertical(id="emergency"):
            yield Static(
                Text(f" {urgency_heading('emergency')} ", style="bold reverse"),
                id="emergency-title",
            )
            for flag in self.emergencies:
                yield Static(Text(flag.advice), classes="advice")
                yield Static(_raised_by(flag, self.rules), classes="raised-by")
            yield Static(
                Text(emergency_numbers(self.companion.settings.region)), classes="raised-by"
            )
            yield Button("I understand  enter", id="acknowledge", variant="error")

    def _compose_warnings(self) -> ComposeResult:
        others = [f for f in self.outcome.red_flags if f.urgency != "emergency"]
        if not others:
            if not self.emergencies:
                yield Static("✓ No warning signs came up in your answers.", id="no-flags")
            return
        for level in LEVELS[1:]:
            flags = [f for f in others if f.urgency == level]
            if not flags:
                continue
            yield Static(
                Text.assemble(
                    (urgency_heading(level), "bold"),
                    ", and no new self-treatment for your back before you have.",
                ),
                id=f"{level}-title",
                classes="level-title",
            )
            if level == "same-day":
                yield Static(Text(emergency_numbers(self.companion.settings.region)))
            for flag in flags:
                title = flag_title(flag, self.rules)
                if flag.unsure_only:
                    title = f"Not sure: {title}"
                with Vertical(classes="flag"):
                    yield Static(Text(title, style="bold"))
                    yield Static(_raised_by(flag, self.rules), classes="raised-by")
                    yield Static(Text(flag.advice))

    def on_mount(self) -> None:
        self.query_one("#results-rest").display = self.acknowledged
        if not self.acknowledged:
            self.query_one("#acknowledge", Button).focus()
        else:
            self.query_one("#results", VerticalScroll).focus()

    # Actions ------------------------------------------------------------------

    @property
    def holds_keys(self) -> bool:
        """Until the emergency advice is confirmed, only "I understand" works."""
        return not self.acknowledged

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "acknowledge":
            return not self.acknowledged
        return self.acknowledged

    @on(Button.Pressed, "#acknowledge")
    def understood(self) -> None:
        self.action_acknowledge()

    def action_acknowledge(self) -> None:
        """Show the rest of the results once the emergency advice is confirmed."""
        if self.acknowledged:
            return
        self.acknowledged = True
        self.query_one("#acknowledge", Button).remove()
        self.query_one("#results-rest").display = True
        self.query_one("#results", VerticalScroll).focus()
        self.app.clear_notifications()
        self.refresh_bindings()

    def action_screen_again(self) -> None:
        self.companion.start_screening()

    def action_close(self) -> None:
        if not self.acknowledged:
            self.notify(
                "Please read the emergency advice, then press enter to confirm.",
                title="Emergency",
                severity="error",
            )
            self.query_one("#acknowledge", Button).focus()
            return
        self.dismiss()
