"""The routines: what each is, how long it takes, what the screening says about
it, and today's sessions against the daily goal. ``enter`` starts one.

The daily goal (1–3 sessions; two by default, Bandy & Irion 1997) and the
bell are changed here and remembered in the settings.
"""

from __future__ import annotations

from rich.markup import escape
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Header, Static

from companion.commands import Command
from companion.core.content.library import Library
from companion.core.content.routine import Routine
from companion.core.insights.stats import day_bounds
from companion.core.records import THERAPIES, StretchSession
from companion.core.screening.verdicts import current_verdicts, verdict_label
from companion.core.settings import Settings
from companion.core.timer.kinds import day_counts, therapies
from companion.core.timer.plan import routine_seconds, sessions_done
from companion.core.words import count_of
from companion.screens.base import CompanionScreen, stylesheet
from companion.widgets.fitted_table import FittedTable
from companion.widgets.footer import KeysFooter
from companion.widgets.today_card import STRETCHING_ON_HOLD
from companion.widgets.urgency_banner import UrgencyBanner

__all__ = ["TimersScreen"]


def _list_order(routine: Routine) -> tuple[bool, bool, int, str]:
    """Built-in first; stretching (the best-supported) first, then the usual therapy order."""
    rank = THERAPIES.index(routine.therapy) if routine.therapy in THERAPIES else len(THERAPIES)
    return (routine.source != "built-in", routine.therapy != "stretching", rank, routine.title)


class TimersScreen(CompanionScreen[None]):
    """Every routine, with today's sessions against the goal."""

    DEFAULT_CSS = stylesheet("timers")

    HELP_TITLE = "Timers"
    COMMANDS_HERE = (
        Command("timers-start", "enter", "start", "Start", "Start the highlighted routine."),
        Command(
            "timers-goal",
            "a",
            "goal",
            "Daily goal",
            "Change the daily goal: 1, 2 or 3 sessions (remembered).",
        ),
        Command(
            "timers-bell",
            "m",
            "bell",
            "Bell on/off",
            "Ring the terminal bell at each change of a running timer, or not (remembered).",
        ),
    )

    def __init__(self) -> None:
        super().__init__()
        self.routines: list[Routine] = []
        """The routines in the table, in row order."""
        self._verdicts: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield UrgencyBanner(id="timers-urgency")
        with Vertical(id="timers"):
            yield Static(id="timers-today")
            # Narrow, the steps, therapy and name give up width (the card below names the
            # highlighted routine in full): the screening verdict and today's count stay.
            yield FittedTable(
                squeeze=("steps", "therapy", "routine"),
                least=4,
                id="routine-table",
                cursor_type="row",
                zebra_stripes=False,
            )
            yield Static(id="routine-detail", classes="card")
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label in ("Routine", "Therapy", "Steps", "Time", "Screening", "Today"):
            table.add_column(label, key=label.lower())

    def show_data(self) -> None:
        self.refresh_data()

    def refresh_data(self, *, reload_settings: bool = True) -> None:
        """Reload routines, today's sessions, the screening and (unless just
        changed here, perhaps unsaved) the settings."""
        library = self.guarded(lambda: self.companion.library)
        now = self.clock.now()
        start, end = day_bounds(now.date(), now.tzinfo)
        loaded = self.guarded(
            lambda: (
                self.store.sessions.between(start, end),
                self.store.screenings.latest(),
                self.store.load_settings() if reload_settings else self.companion.settings,
            )
        )
        if library is None or loaded is None:
            return
        sessions, screening, settings = loaded
        self.companion.settings = settings
        self.query_one(UrgencyBanner).screening = screening
        verdicts = current_verdicts(screening)
        self._show_today(sessions, settings, library, verdicts)
        self._fill(library, sessions, verdicts)

    def _show_today(
        self,
        sessions: list[StretchSession],
        settings: Settings,
        library: Library,
        verdicts: dict[str, str],
    ) -> None:
        # The goal is for stretching: inversion sessions do not count towards it.
        counts = day_counts(sessions, therapies(library.routines.values()))
        done, inverted = counts.stretches, counts.inversions
        goal = settings.daily_target
        mark = "goal reached" if done >= goal else f"{goal - done} to go"
        if verdicts.get("stretching") == "avoid":
            mark = STRETCHING_ON_HOLD
        bell = "on" if settings.bell else "off"
        apart = f" · inversion: {inverted}" if inverted else ""
        self.query_one("#timers-today", Static).update(
            f"[b]Today: {done} of {count_of(goal, 'session')}[/b] ({mark}){apart} · "
            f"[b]enter[/] start · [b]a[/] daily goal · [b]m[/] bell {bell}"
        )

    def _fill(
        self, library: Library, sessions: list[StretchSession], verdicts: dict[str, str]
    ) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        self.routines = sorted(library.routines.values(), key=_list_order)
        for routine in self.routines:
            holds = sum(step.reps for step in routine.steps)
            table.add_row(
                Text(routine.title),
                routine.therapy,
                f"{len(routine.steps)} ({holds} holds)",
                f"{max(round(routine_seconds(routine) / 60), 1)} min",
                verdict_label(verdicts.get(routine.therapy)),
                str(sessions_done(sessions, routine.id)),
                key=routine.id,
            )
        if self.routines:
            table.move_cursor(row=min(row, len(self.routines) - 1))
        self._verdicts = verdicts
        self._show_detail()

    def _highlighted(self) -> Routine | None:
        row = self.query_one(DataTable).cursor_row
        return self.routines[row] if 0 <= row < len(self.routines) else None

    def _show_detail(self) -> None:
        routine = self._highlighted()
        detail = self.query_one("#routine-detail", Static)
        if routine is None:
            detail.update("No routines found in the content.")
            return
        lines = [f"[b]{escape(routine.title)}[/b]: {escape(routine.summary)}"]
        verdict = self._verdicts.get(routine.therapy)
        if verdict == "avoid":
            lines.append(
                f"[b]✗ AVOID[/b]: your screening says not to do {routine.therapy}. Starting "
                "asks you to confirm that a clinician has said it is safe for you."
            )
        elif verdict is None:
            lines.append("? Not screened yet: press [b]s[/] for the safety screening first.")
        if routine.therapy == "inversion":
            lines.append("Opens the inversion guide first: today's angle and minutes.")
        detail.update("\n".join(lines))

    def on_data_table_row_highlighted(self, _: DataTable.RowHighlighted) -> None:
        self._show_detail()

    def on_data_table_row_selected(self, _: DataTable.RowSelected) -> None:
        self.action_start()

    # Commands ------------------------------------------------------------------------

    def action_start(self) -> None:
        routine = self._highlighted()
        if routine is not None:
            self.companion.start_routine(routine.id)

    def action_goal(self) -> None:
        goal = self.companion.settings.daily_target % 3 + 1
        self.companion.save_settings(daily_target=goal)
        self.refresh_data(reload_settings=False)

    def action_bell(self) -> None:
        self.companion.save_settings(bell=not self.companion.settings.bell)
        self.refresh_data(reload_settings=False)
        if self.companion.settings.bell:
            self.app.bell()
