"""The running timer's face: the step, a big countdown, the cue, what comes next
and the progress, or the summary once the routine has ended.

The face owns what it shows as reactives (the phase, the seconds left, whether
it is paused, ...) and renders itself; its screen only sets them from the
engine's snapshot. Each line is a child widget updated only when its text
changes, so a running timer sends little over SSH and a paused one nothing.
The reactives are :func:`~textual.reactive.var`: a plain ``reactive`` would also
repaint the whole face (every line of the screen under the header) each second,
when only the lines their watchers update need it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.markup import escape
from textual.reactive import var
from textual.widgets import Digits, Static

from companion.core.content.routine import Routine
from companion.core.timer.engine import Phase
from companion.core.timer.plan import duration_words, head_down_steps
from companion.widgets.clock_digits import ClockDigits

__all__ = ["FaceSummary", "TimerFace", "clock_text", "progress_bar"]

BAR_CELLS = 24
"""Width of the overall progress bar, in cells."""
BAR_FILLED = "█"
"""Glyph of a done cell of the progress bar."""
BAR_EMPTY = "░"
"""Glyph of a cell still to do."""
STOP_IF = {
    "stretching": "Stop if pain spreads further down the leg, or you feel pinching, "
    "new numbness or tingling.",
    "inversion": "Come up slowly at any discomfort, and rest near level before you stand.",
}
"""The stop-if line shown under a running routine, by therapy (clinical facts §4)."""
HEAD_DOWN_STOP = (
    "[b]Come up now if you feel:[/b] a headache, pressure in the eyes or blurred vision, "
    "dizziness, a pounding heart, or new leg pain or numbness."
)
"""The stop list shown through every head-down hold (clinical facts §2)."""
_ONE_LINE = frozenset({"run-routine", "run-exercise", "run-rep", "run-next", "run-progress"})
"""Lines one cell high (see styles/timer_run.tcss): updating them needs no new layout."""
_SIDES = {"left": "left side", "right": "right side", "both": "both sides"}
_REST_CUE = "Rest: ease out of the position and breathe."


def clock_text(seconds: int) -> str:
    """``m:ss`` for the big countdown."""
    minutes, rest = divmod(max(seconds, 0), 60)
    return f"{minutes}:{rest:02d}"


def progress_bar(fraction: float, cells: int = BAR_CELLS) -> str:
    """A text bar that reads without colour: ``█████░░░░░``."""
    filled = min(max(round(fraction * cells), 0), cells)
    return BAR_FILLED * filled + BAR_EMPTY * (cells - filled)


@dataclass(frozen=True)
class FaceSummary:
    """What the face shows once a routine has ended."""

    finished: bool
    """Ran to the end (else stopped early)."""
    completed: int
    total: int
    skipped: int
    spent_seconds: float | None
    """From start to end, if it started."""
    saved: bool
    """Whether the session is in the log."""
    today_line: str
    """How many sessions today against the goal ("" if it could not be read)."""
    pain_before: int | None
    pain_after: int | None
    back_to: str
    """Words for the screen that enter returns to."""


class TimerFace(Vertical):
    """One routine's face; set its reactives and it draws the change.

    They repaint nothing themselves (``var``): their watchers update the lines.
    """

    phase: var[Phase | None] = var(None, init=False)
    """The step being done now (None before the first)."""
    next_phase: var[Phase | None] = var(None, init=False)
    """The step after it (None: the routine ends)."""
    remaining: var[int] = var(0, init=False)
    """Whole seconds left in this step (the big countdown)."""
    countdown: var[int | None] = var(None, init=False)
    """3, 2, 1 in a step's last seconds while running; else None."""
    paused: var[bool] = var(False, init=False)
    interrupted: var[float] = var(0.0, init=False)
    """Seconds the timer was not watched (the computer slept): it paused itself."""
    progress: var[float] = var(0.0, init=False)
    """The whole routine's done fraction, 0–1."""
    holds_done: var[int] = var(0, init=False)
    summary: var[FaceSummary | None] = var(None, init=False)
    """Set once the routine has ended: the face shows the summary instead."""

    def __init__(
        self,
        routine: Routine,
        *,
        subtitle: str = "",
        exercise_titles: dict[str, str] | None = None,
        total_seconds: float = 0.0,
        total_holds: int = 0,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.routine = routine
        self.subtitle = subtitle
        """A few words after the routine's title (inversion: today's angle)."""
        self.exercise_titles = exercise_titles or {}
        """Exercise article id → its title."""
        self.total_seconds = total_seconds
        self.total_holds = total_holds
        self.updates = 0
        """How many line updates the face has made (a paused timer makes none)."""
        self._shown: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="run-routine")
        yield Static(id="run-exercise")
        yield Static(id="run-rep")
        with Center(id="run-clock"):
            yield ClockDigits(id="run-digits")
        yield Static(id="run-cue")
        yield Static(id="run-status")
        yield Static(id="run-next")
        yield Static(id="run-progress")
        stop_if = STOP_IF.get(self.routine.therapy, "")
        yield Static(stop_if, id="run-stop-if", classes="hint" if stop_if else "-empty")

    def on_mount(self) -> None:
        self._draw()

    # Each reactive redraws the lines it feeds.

    def watch_phase(self) -> None:
        self._draw()

    def watch_summary(self) -> None:
        self._draw()

    def watch_remaining(self) -> None:
        self._draw_digits()

    def watch_paused(self) -> None:
        self._draw_status()
        self._draw_next()

    def watch_interrupted(self) -> None:
        self._draw_status()

    def watch_next_phase(self) -> None:
        self._draw_next()

    def watch_countdown(self) -> None:
        self._draw_next()

    def watch_progress(self) -> None:
        self._draw_progress()

    def watch_holds_done(self) -> None:
        self._draw_progress()

    # Drawing ------------------------------------------------------------------------

    def _show(self, line_id: str, text: str) -> None:
        """Update one line, only if what it shows changes."""
        if not self.is_mounted or self._shown.get(line_id) == text:
            return
        self._shown[line_id] = text
        self.updates += 1
        line = self.query_one(f"#{line_id}")
        if isinstance(line, Digits):
            line.update(text)
        else:
            assert isinstance(line, Static)
            line.update(text, layout=line_id not in _ONE_LINE)

    def _draw(self) -> None:
        if self.summary is not None:
            self._draw_summary(self.summary)
            return
        phase = self.phase
        if phase is None:
            return
        title = f"[b]{escape(self.routine.title)}[/b]"
        if self.subtitle:
            title += f" · {self.subtitle}"
        steps = len(self.routine.steps)
        self._show("run-routine", f"{title} · step {phase.step_index + 1} of {steps}")
        # The exercise line stays put through a step's rests: fewer bytes at each change.
        self._show("run-exercise", f"[b]{self.title_of(phase)}[/b]")
        if self.routine.therapy == "inversion":
            head_down = phase.step_index in head_down_steps(self.routine)
            self._show("run-stop-if", HEAD_DOWN_STOP if head_down else STOP_IF["inversion"])
        if phase.kind == "hold":
            self._show("run-rep", f"[b]Hold[/b] · {rep_words(phase)}")
            self._show("run-cue", escape(phase.cue))
        else:
            self._show("run-rep", f"[b]Rest[/b] · {rep_words(phase)} done")
            self._show("run-cue", _REST_CUE)
        self._draw_digits()
        self._draw_status()
        self._draw_next()
        self._draw_progress()

    def _live(self) -> bool:
        return self.summary is None and self.phase is not None

    def _draw_digits(self) -> None:
        if self._live():
            self._show("run-digits", clock_text(self.remaining))

    def _draw_status(self) -> None:
        if not self._live():
            return
        if self.paused and self.interrupted:
            text = (
                f"[b]PAUSED[/b] — the timer was not watched for "
                f"{duration_words(self.interrupted)} (the computer slept, or the app was "
                "stopped). Press [b]space[/] to continue."
            )
        elif self.paused:
            text = "[b]PAUSED — press space to continue[/b]"
        else:
            text = ""
        self._show("run-status", text)

    def _draw_next(self) -> None:
        """``Next: …``, led by the 3-2-1 cue in a step's last seconds while running."""
        if not self._live():
            return
        following = self.next_phase
        if following is None:
            what = "the end of the routine"
        elif following.kind == "rest":
            what = f"rest {following.duration} s"
        else:
            what = f"{self.title_of(following)}, {rep_words(following)}"
        if not self.paused and self.countdown is not None:
            self._show("run-next", f"[b]{self.countdown}…[/b] Next: {what}")
        else:
            self._show("run-next", f"Next: {what}")

    def _draw_progress(self) -> None:
        if not self._live():
            return
        left = self.total_seconds * (1 - self.progress)
        time_left = "under a minute left" if left < 60 else f"about {math.ceil(left / 60)} min left"
        self._show(
            "run-progress",
            f"{progress_bar(self.progress)}  {self.holds_done} of {self.total_holds} "
            f"holds done · {time_left}",
        )

    def _draw_summary(self, summary: FaceSummary) -> None:
        self.query_one("#run-clock").display = False
        self._show("run-routine", f"[b]{escape(self.routine.title)}[/b]")
        self._show("run-exercise", "[b]Done.[/b]" if summary.finished else "[b]Stopped early.[/b]")
        spent = ""
        if summary.spent_seconds is not None:
            spent = f" in {duration_words(summary.spent_seconds)}"
        saved = "saved in your log" if summary.saved else "NOT saved (see the message)"
        skipped = f", {summary.skipped} skipped" if summary.skipped else ""
        self._show(
            "run-rep",
            f"{summary.completed} of {summary.total} holds done{skipped}{spent} · {saved}",
        )
        lines = [summary.today_line]
        if summary.pain_before is not None:
            lines.append(f"Pain before: {summary.pain_before}/10")
        if summary.pain_after is not None:
            lines.append(f"Pain after: {summary.pain_after}/10")
        self._show("run-cue", "\n".join(line for line in lines if line))
        self._show("run-status", f"Press [b]enter[/] to go back to {summary.back_to}.")
        self._show("run-next", "")
        self._show("run-progress", f"{progress_bar(self.progress)}  {round(self.progress * 100)}%")

    def title_of(self, phase: Phase) -> str:
        """The step's name as markup: the exercise's title and side; for inversion,
        where you are. Titles may be the user's own words, so they are escaped."""
        if self.routine.therapy == "inversion":
            if phase.step_index in head_down_steps(self.routine):
                return "Head-down"
            return "Lying level" if phase.step_index == 0 else "Coming back up"
        name = self.exercise_titles.get(phase.exercise) or phase.exercise.replace("-", " ")
        side = _SIDES.get(phase.side)
        return escape(f"{name}, {side}" if side else name)


def rep_words(phase: Phase) -> str:
    """``rep 2 of 3``, or ``once``."""
    return f"rep {phase.rep} of {phase.reps}" if phase.reps > 1 else "once"
