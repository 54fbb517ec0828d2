"""The explicit override asked for before starting a therapy the screening
marked "avoid".

Any screen that starts a therapy (the library, the timers) uses it the same way::

    advice = therapy_advice("inversion", store.screenings.latest(), library.rules)
    if advice.needs_override:
        app.push_screen(OverrideScreen.for_advice(advice), start_if_true)

It dismisses with ``True`` only for the deliberate "Start anyway — I have
checked with a clinician" (``o`` or its button); ``n``, ``escape`` and the
focused default button all mean don't start.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Static

from companion.commands import Command
from companion.core.records import ScreeningRecord
from companion.core.screening.verdicts import THERAPY_TITLES, TherapyAdvice, verdict_label
from companion.screens.base import CompanionModal, stylesheet
from companion.widgets.more_below import MoreBelow
from companion.widgets.urgency_banner import UrgencyBanner

__all__ = ["OverrideScreen"]


class OverrideScreen(CompanionModal[bool]):
    """Start a therapy marked avoid only with an explicit, informed override."""

    DEFAULT_CSS = stylesheet("override")

    HELP_TITLE = "Marked avoid"

    COMMANDS_HERE = (
        Command(
            "override-start",
            "o",
            "decide(True)",
            "Start anyway",
            "Start anyway: a clinician who knows your answers has said it is safe for you.",
        ),
        Command(
            "override-cancel",
            "n,escape",
            "decide(False)",
            "Don't start",
            "Don't start it (the safe choice).",
        ),
        Command(
            "override-more",
            "down,pagedown",
            "scroll_reasons(1)",
            "More reasons",
            "Scroll the reasons when they do not all fit (the buttons keep focus).",
            footer=False,
            palette=False,
        ),
        Command(
            "override-back-up",
            "up,pageup",
            "scroll_reasons(-1)",
            "Reasons above",
            "Scroll the reasons back up.",
            footer=False,
            palette=False,
        ),
    )

    def __init__(
        self,
        therapy: str,
        reasons: Sequence[str],
        verdict: str = "avoid",
        *,
        screening: ScreeningRecord | None = None,
    ) -> None:
        super().__init__()
        self.screening = screening
        """The screening behind the verdict: its red flags head the dialog."""
        self.therapy = therapy
        """The therapy id about to be started."""
        self.reasons = tuple(reasons)
        """Why the screening said avoid, in plain words."""
        self.verdict = verdict
        """The verdict being overridden (normally ``avoid``)."""

    @classmethod
    def for_advice(
        cls, advice: TherapyAdvice, screening: ScreeningRecord | None = None
    ) -> OverrideScreen:
        """The dialog for advice from :func:`~companion.core.verdicts.therapy_advice`."""
        return cls(advice.therapy, advice.reasons, advice.verdict or "avoid", screening=screening)

    def compose(self) -> ComposeResult:
        name = THERAPY_TITLES.get(self.therapy, self.therapy)
        with Vertical(id="override", classes="dialog"):
            yield UrgencyBanner(self.screening, id="override-urgency")
            yield Static(
                Text(f"{verdict_label(self.verdict)}: {name}", style="bold"), id="override-title"
            )
            yield Static(Text(f"Your last screening says to {self.verdict} {name.lower()}. Why:"))
            # Every reason can be read: the box takes its content's height where
            # there is room, else scrolls (↓/↑ while a button keeps focus).
            with MoreBelow(hint="more below: ↓", id="override-reasons"):
                reasons = Table.grid(padding=(0, 1, 0, 0))
                reasons.add_column(no_wrap=True)
                reasons.add_column(ratio=1)
                for reason in self.reasons:
                    reasons.add_row("•", reason)
                yield Static(reasons, id="override-reason-list")
            yield Static(
                Text(
                    "Start only if a doctor or physiotherapist who knows about this has "
                    "said it is safe for you."
                ),
                classes="hint",
            )
            with Vertical(classes="buttons"):
                yield Button("Don't start  n", id="override-cancel", variant="primary")
                yield Button(
                    "Start anyway — I have checked with a clinician  o",
                    id="override-start",
                    variant="error",
                )

    def on_mount(self) -> None:
        self.query_one("#override-cancel", Button).focus()

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_reasons)

    def _fit_reasons(self) -> None:
        """Shrink the reasons to the room left by the rest of the dialog (they then
        scroll, and say so when some are out of view)."""
        reasons = self.query_one("#override-reasons", MoreBelow)
        box = self.query_one("#override", Vertical)
        others = sum(
            child.outer_size.height + child.styles.margin.height
            for child in box.children
            if child is not reasons and child.display
        )
        frame = box.styles.border.spacing.height + box.styles.padding.height
        room = self.size.height - frame - others - reasons.styles.margin.height
        needed = reasons.virtual_size.height + reasons.gutter.height
        height = max(3, min(needed, room))
        if reasons.styles.height is None or reasons.styles.height.value != height:
            reasons.styles.height = height

    def action_scroll_reasons(self, direction: int) -> None:
        self.query_one("#override-reasons", MoreBelow).page(direction)

    @on(Button.Pressed, "#override-start")
    def start_pressed(self) -> None:
        self.action_decide(True)

    @on(Button.Pressed, "#override-cancel")
    def cancel_pressed(self) -> None:
        self.action_decide(False)

    def action_decide(self, start: bool) -> None:
        self.dismiss(start)
