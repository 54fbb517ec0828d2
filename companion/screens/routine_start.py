"""Starting a routine, from any screen: the checks and questions before the timer.

In order: the explicit override if the latest screening says avoid for the
routine's therapy; for inversion, the guide with today's dose (the timer then
runs that dose); the optional pain score before (skipped when the timer is
opened straight from the command line); then the timer itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from companion.core.content.library import Library
from companion.core.content.routine import Routine
from companion.core.errors import CompanionError
from companion.core.records import ScreeningRecord
from companion.core.screening.verdicts import TherapyAdvice, therapy_advice
from companion.core.timer.plan import (
    hip_safe_routine,
    needs_hip_care,
    plan_inversion,
)
from companion.screens.inversion_guide import InversionGuide
from companion.screens.override import OverrideScreen
from companion.screens.pain_question import PainQuestion
from companion.screens.services import companion_of
from companion.screens.timer_run import TimerRunScreen

if TYPE_CHECKING:
    from textual.app import App

__all__ = ["RoutineStart"]


class RoutineStart:
    """One attempt to start a routine; each step continues from the previous answer."""

    def __init__(self, app: App[Any], library: Library, routine: Routine) -> None:
        self.app = app
        """The running app."""
        self.companion = companion_of(app)
        """Its services."""
        self.library = library
        """The content the routine came from."""
        self.routine = routine
        """The routine to run (for inversion, replaced by today's dose)."""
        self.ask_pain = True
        """Whether to ask for a pain score before starting."""
        self.subtitle = ""
        """Shown after the routine's title on the timer."""
        self.overridden = False
        """Whether the user overrode an "avoid" verdict."""
        self.advice: TherapyAdvice | None = None
        self.screening: ScreeningRecord | None = None
        """The latest screening: its red flags head the dialogs before the timer."""

    def begin(self, *, ask_pain: bool = True) -> None:
        """Run the checks, then open the timer (or stop where the user says no)."""
        self.ask_pain = ask_pain
        try:
            latest = self.companion.store.screenings.latest()
        except CompanionError as error:
            self.companion.show_data_error(error)
            return
        self.screening = latest
        self.advice = therapy_advice(self.routine.therapy, latest, self.library.rules)
        if self.routine.therapy == "inversion" and self.advice.verdict is None:
            self.app.notify(
                "Inversion needs the safety screening first (head-down raises eye and "
                "blood pressure): press s to do it.",
                title="Screening needed",
                severity="warning",
            )
            return
        if latest is not None and needs_hip_care(latest.answers):
            safer = hip_safe_routine(self.routine)
            if safer != self.routine:
                self.routine = safer
                self.subtitle = "figure-4 in place of knee-to-opposite-shoulder (your hip)"
        if self.advice.needs_override:
            self.app.push_screen(
                OverrideScreen.for_advice(self.advice, latest), self._after_override
            )
        else:
            self._guide()

    def _after_override(self, start: bool | None) -> None:
        if start:
            self.overridden = True
            self._guide()

    def _guide(self) -> None:
        if self.routine.therapy != "inversion" or self.advice is None:
            self._pain_before()
            return
        try:
            sessions = list(self.companion.store.sessions.iter_all())
        except CompanionError as error:
            self.companion.show_data_error(error)
            return
        plan = plan_inversion(
            self.routine, sessions, self.library.routines, self.companion.clock.now()
        )
        self.routine = plan.routine
        self.subtitle = f"{plan.suggestion.angle_degrees}° today"
        guide = InversionGuide(
            plan, self.advice, overridden=self.overridden, screening=self.screening
        )
        self.app.push_screen(guide, self._after_guide)

    def _after_guide(self, start: bool | None) -> None:
        if start:
            self._pain_before()

    def _pain_before(self) -> None:
        if self.ask_pain:
            self.app.push_screen(PainQuestion("Pain before you start?"), self._open)
        else:
            self._open(None)

    def _open(self, pain_before: int | None) -> None:
        titles = {article.id: article.title for article in self.library.articles.values()}
        self.app.push_screen(
            TimerRunScreen(
                self.routine,
                pain_before=pain_before,
                subtitle=self.subtitle,
                exercise_titles=titles,
            )
        )
