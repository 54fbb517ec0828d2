"""A routine running: a big countdown, what to do now and next, pause, skip, stop.

The engine (:class:`~companion.core.timer.RoutineTimer`) keeps the time by the
injected clock; this screen asks it once per displayed second and sets its
state on the :class:`~companion.widgets.timer_face.TimerFace`, which redraws
only what changed. The tick is scheduled for the moment the shown seconds
change, and not at all while paused, so a paused timer sends nothing.
Tests call :meth:`TimerRunScreen.tick` directly with a fake clock.

The session is logged once, as soon as the routine ends (finished, stopped,
left, quit, or the terminal hung up); the pain score after it is added to the
logged entry if the user gives one.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable
from dataclasses import replace
from typing import ClassVar

from textual.app import ComposeResult
from textual.timer import Timer
from textual.widgets import Header

from companion.commands import Command
from companion.core.content.routine import Routine
from companion.core.errors import CompanionError
from companion.core.ids import new_id
from companion.core.insights.stats import day_bounds
from companion.core.records import StretchSession
from companion.core.timer.engine import RoutineTimer, TimerEvent
from companion.core.timer.kinds import day_counts, therapies
from companion.screens.base import CompanionScreen, StoreAccess, stylesheet
from companion.screens.confirm import ConfirmScreen
from companion.screens.pain_question import PainQuestion
from companion.widgets.footer import KeysFooter
from companion.widgets.timer_face import FaceSummary, TimerFace

__all__ = ["TimerRunScreen"]

TICK_MARGIN = 0.02
"""Seconds after a displayed second changes at which the tick is scheduled."""
_ACTIVE = ("running", "paused")
_ENDED = ("finished", "stopped")


class TimerRunScreen(CompanionScreen[None]):
    """One routine, from its first hold to the summary."""

    DEFAULT_CSS = stylesheet("timer_run")

    HELP_TITLE = "Timer"
    COMMANDS_HERE = (
        Command("timer-toggle", "space", "pause_or_continue('pause')", "Pause", "Pause the timer."),
        Command(
            "timer-continue",
            "space",
            "pause_or_continue('continue')",
            "Continue",
            "Continue a paused timer.",
        ),
        Command("timer-next", "n", "next", "Next", "Skip to the next step (on the last, finish)."),
        Command(
            "timer-previous", "b", "previous", "Prev", "Back to the start of the previous step."
        ),
        Command(
            "timer-restart", "r", "restart", "Restart step", "Start this step over.", footer=False
        ),
        Command(
            "timer-bell",
            "m",
            "bell",
            "Bell on/off",
            "Ring the terminal bell at each change, or not (remembered).",
            footer=False,
        ),
        Command(
            "timer-stop",
            "escape",
            "stop",
            "Stop",
            "Stop the routine (asks first); it is logged as stopped early.",
            key_display="esc",
        ),
        Command("timer-close", "enter", "close", "Done", "Back to the routines once it has ended."),
    )

    auto_tick: ClassVar[bool] = True
    """Whether the screen schedules its own ticks (tests turn this off and call :meth:`tick`)."""

    def __init__(
        self,
        routine: Routine,
        *,
        pain_before: int | None = None,
        subtitle: str = "",
        exercise_titles: dict[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.routine = routine
        """The routine being run (for inversion: already set to today's dose)."""
        self.pain_before = pain_before
        """Pain 0–10 given before starting, if any."""
        self.subtitle = subtitle
        """A few words after the routine's title (inversion: today's angle)."""
        self.exercise_titles = exercise_titles or {}
        """Exercise article id → its title."""
        self.timer: RoutineTimer | None = None
        """The engine; made when the screen mounts, started when it is first shown."""
        self.session: StretchSession | None = None
        """The logged entry, once the routine has ended."""
        self._ticker: Timer | None = None
        self._interrupted = 0.0
        self._pain_pending = False
        """The routine ended under another screen (a check-in): ask once it is back."""

    # Building and drawing -------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield TimerFace(
            self.routine,
            subtitle=self.subtitle,
            exercise_titles=self.exercise_titles,
            id="timer-run",
        )
        yield KeysFooter()

    def on_mount(self) -> None:
        self.timer = RoutineTimer(self.routine, self.clock)
        self._draw()

    def on_screen_resume(self) -> None:
        if self.app.screen is not self:
            return
        if self.timer is not None and self.timer.state == "ready":
            self._apply(self.timer.start(), by_user=True)
            self.companion.unfinished.add(self.save_unfinished)
        if self._pain_pending:
            self._ask_pain_after()

    def on_unmount(self) -> None:
        self._stop_ticking()
        self.save_unfinished()

    @property
    def face(self) -> TimerFace:
        return self.query_one(TimerFace)

    @property
    def updates(self) -> int:
        """How many line updates the face has made (a paused timer makes none)."""
        return self.face.updates

    def _draw(self) -> None:
        """Give the face the engine's state; it redraws only what changed."""
        timer = self.timer
        if timer is None:
            return
        snap = timer.snapshot()
        face = self.face
        face.total_seconds = timer.total_seconds
        face.total_holds = snap.total_steps
        face.progress = snap.progress
        if snap.state in _ENDED:
            spent = None
            if timer.started_at and timer.ended_at:
                spent = (timer.ended_at - timer.started_at).total_seconds()
            session = self.session
            face.summary = FaceSummary(
                finished=snap.state == "finished",
                completed=snap.completed_steps,
                total=snap.total_steps,
                skipped=timer.skipped_steps,
                spent_seconds=spent,
                saved=session is not None,
                today_line=self._today_text(),
                pain_before=session.pain_before if session else None,
                pain_after=session.pain_after if session else None,
                back_to=self._below(),
            )
            return
        face.paused = snap.state == "paused"
        face.interrupted = self._interrupted
        face.countdown = snap.countdown
        face.next_phase = snap.next_phase
        face.remaining = snap.remaining_seconds
        face.holds_done = snap.completed_steps
        face.phase = snap.phase

    def _below(self) -> str:
        """Words for the screen that enter returns to."""
        stack = self.app.screen_stack
        below = stack[-2] if len(stack) > 1 and stack[-1] is self else None
        title = below.HELP_TITLE if isinstance(below, StoreAccess) else ""
        if title == "Timers":
            return "the routines"
        return f"the {title.lower()}" if title else "the previous screen"

    def _today_text(self) -> str:
        now = self.clock.now()
        start, end = day_bounds(now.date(), now.tzinfo)
        loaded = self.guarded(
            lambda: (self.store.sessions.between(start, end), self.store.load_settings())
        )
        if loaded is None:
            return ""
        sessions, settings = loaded
        library = self.companion.loaded_library
        therapy_of = therapies(library.routines.values()) if library else {}
        therapy_of[self.routine.id] = self.routine.therapy
        counts = day_counts(sessions, therapy_of)
        if self.routine.therapy == "inversion":
            # The daily goal is for stretching; inversion is counted apart.
            return f"Inversion sessions finished today: {counts.inversions}."
        return (
            f"Finished sessions today: {counts.stretches} of your goal of {settings.daily_target}."
        )

    # Ticking ----------------------------------------------------------------------

    def tick(self) -> None:
        """Advance by the app's clock, react, redraw what changed, and schedule the next tick."""
        if self.timer is not None:
            self._apply(self.timer.tick())

    def _apply(self, events: list[TimerEvent], *, by_user: bool = False) -> None:
        """React to the engine's events (bell, log, pain question), then redraw."""
        kinds = {event.kind for event in events}
        for event in events:
            if event.kind == "suspended":
                self._interrupted = event.interrupted_seconds
            elif event.kind in ("resumed", "phase_started"):
                self._interrupted = 0.0
        changed_by_time = not by_user and bool(kinds & {"phase_started", "finished"})
        if changed_by_time and self.companion.settings.bell:
            self.app.bell()
        ended = bool(kinds & {"finished", "stopped"})
        if ended:
            self._log()
        self._draw()
        self._schedule()
        if ended or kinds & {"paused", "resumed", "suspended"}:
            self.refresh_bindings()
        if ended:
            self._ask_pain_after()

    def _schedule(self) -> None:
        """Tick again just after the shown seconds change; not at all unless running."""
        self._stop_ticking()
        timer = self.timer
        if timer is None or timer.state != "running" or not self.auto_tick:
            return
        snap = timer.snapshot()
        remaining = (1.0 - snap.phase_fraction) * snap.phase.duration
        delay = remaining - (math.ceil(remaining - 1e-6) - 1)
        self._ticker = self.set_timer(min(max(delay, 0.0), 1.0) + TICK_MARGIN, self.tick)

    def _stop_ticking(self) -> None:
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None

    @property
    def ticking(self) -> bool:
        """Whether a tick is scheduled."""
        return self._ticker is not None

    # Logging -------------------------------------------------------------------------

    def _log(self) -> None:
        """Save the session once."""
        if self.session is not None or self.timer is None or self.timer.started_at is None:
            return
        self.companion.unfinished.discard(self.save_unfinished)
        entry = self.timer.to_session(new_id(self.clock.now()), pain_before=self.pain_before)
        self.session = self.guarded(lambda: self.store.sessions.add(entry))

    def save_unfinished(self) -> None:
        """Log the routine as stopped where it stands (quit, leaving, a lost terminal).

        Never shows anything: it may run while the app is closing.
        """
        timer = self.timer
        self.companion.unfinished.discard(self.save_unfinished)
        if timer is None or self.session is not None or timer.state not in _ACTIVE:
            return
        timer.stop()
        entry = timer.to_session(new_id(self.clock.now()), pain_before=self.pain_before)
        with contextlib.suppress(CompanionError):  # nowhere left to say so
            self.session = self.store.sessions.add(entry)

    def _ask_pain_after(self) -> None:
        if self.session is None:
            return
        # A check-in made during the routine stays in front until it is done.
        self._pain_pending = self.app.screen is not self
        if self._pain_pending:
            return
        self.app.push_screen(PainQuestion("How is your pain now, after the routine?"), self._pain)

    def _pain(self, score: int | None) -> None:
        if score is not None and self.session is not None:
            self._update_session(pain_after=score)
        if self.routine.therapy == "inversion" and self.session is not None:
            question = ConfirmScreen(
                "Was this inversion session comfortable? (The guide steps up only "
                "after comfortable sessions.)",
                "Yes, comfortable",
                "No",
            )
            self.app.push_screen(question, self._comfortable)

    def _comfortable(self, answer: bool | None) -> None:
        if self.session is not None:
            self._update_session(comfortable=bool(answer))

    def _update_session(self, **changes: object) -> None:
        assert self.session is not None
        changed = replace(self.session, **changes)  # type: ignore[arg-type]
        saved = self.guarded(lambda: self.store.sessions.update(changed))
        if saved is not None:
            self.session = saved
            self._draw()

    def ask_before_leaving(self, then: Callable[[], None]) -> bool:
        """If the routine is still going, ask before it is stopped; True if asking."""
        if self.timer is None or self.timer.state not in _ACTIVE:
            return False

        def answered(stop: bool | None) -> None:
            if stop:
                self.save_unfinished()
                then()

        question = ConfirmScreen("Stop this routine and leave?", "Stop", "Go on")
        self.app.push_screen(question, answered)
        return True

    # Commands ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        ended = self.timer is not None and self.timer.state in _ENDED
        if action == "pause_or_continue":
            paused = self.timer is not None and self.timer.state == "paused"
            return not ended and (paused == (parameters == ("continue",)))
        if action in ("next", "previous", "restart", "stop"):
            return not ended
        if action == "close":
            return ended
        return True

    def _control(self, events: list[TimerEvent]) -> None:
        self._apply(events, by_user=True)

    def action_pause_or_continue(self, _which: str = "") -> None:
        if self.timer is not None:
            self._control(self.timer.toggle())

    def action_next(self) -> None:
        if self.timer is not None:
            self._control(self.timer.next())

    def action_previous(self) -> None:
        if self.timer is not None:
            self._control(self.timer.previous())

    def action_restart(self) -> None:
        if self.timer is not None:
            self._control(self.timer.restart_phase())

    def action_bell(self) -> None:
        if self.companion.save_settings(bell=not self.companion.settings.bell):
            self.notify("Bell on." if self.companion.settings.bell else "Bell off.", timeout=3)

    def action_stop(self) -> None:
        timer = self.timer
        if timer is None or timer.state not in _ACTIVE:
            self.action_close()
            return
        holds = f"{timer.completed_steps} of {timer.total_steps} holds"
        question = f"Stop this routine? It will be logged as stopped early ({holds} done)."
        self.app.push_screen(ConfirmScreen(question, "Stop", "Go on"), self._stop_answered)

    def _stop_answered(self, stop: bool | None) -> None:
        if stop and self.timer is not None:
            self._control(self.timer.stop())

    def action_close(self) -> None:
        if self.app.screen is self:
            self.app.pop_screen()
