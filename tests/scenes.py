"""Every screen worth a picture, defined once.

The snapshot tests (``tests/test_snapshots.py``) and ``make screenshots``
(``tools/screenshots.py``) both walk :data:`SCENES`, so the README's pictures
are exactly what the tests check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.pilot import Pilot

from companion.app import CompanionApp
from companion.core.clock import FakeClock
from companion.core.content import scan_content
from companion.core.ids import new_id
from companion.core.records import CheckIn
from companion.core.screening import evaluate
from tests.ui import build_app

__all__ = ["SCENES", "SCENE_NOW", "Scene"]

SCENE_NOW = datetime(2026, 11, 21, 8, 30, tzinfo=UTC)
"""The fixed "now" of every scene."""


@dataclass(frozen=True)
class Scene:
    """A screen in a known state."""

    name: str
    """File name stem of the screenshot and id of the snapshot test."""
    caption: str
    """What the picture shows (README alt text)."""
    press: tuple[str, ...] = ()
    """Keys pressed after start-up."""
    demo: bool = True
    """Start from the demo data (120 days) rather than an empty store."""
    first_run: bool = False
    """Start as a brand-new user (shows the first-run notice)."""
    initial: str = "dashboard"
    """The screen the app opens on."""
    prepare: Callable[[CompanionApp], None] | None = field(default=None)
    """Extra set-up on the app before it runs (e.g. add a screening)."""
    run_before: Callable[[CompanionApp], None] | None = field(default=None)
    """Done once the app runs, before the keys are pressed (e.g. let a timer's clock run)."""

    def build(self, data_dir: Path) -> CompanionApp:
        app = build_app(
            data_dir,
            FakeClock(current=SCENE_NOW),
            demo=self.demo,
            first_run=self.first_run,
            initial=self.initial,
        )
        if self.prepare:
            self.prepare(app)
        return app

    async def play(self, pilot: Pilot) -> None:
        """Bring the running app to the scene: set-up, keys, then every worker done."""
        if self.run_before:
            self.run_before(pilot.app)
        await pilot.pause()
        for key in self.press:
            await pilot.press(key)
            await pilot.app.key_queue.idle()  # handled in turn, not just delivered
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()


def open_routine(routine_id: str) -> Callable[[CompanionApp], None]:
    """Open the app as ``companion timer ROUTINE_ID`` does."""

    def prepare(app: CompanionApp) -> None:
        app.routine = routine_id

    return prepare


def timer_runs(seconds: int) -> Callable[[CompanionApp], None]:
    """Let the running timer's (fake) clock run for ``seconds``, ticking each second."""

    def run(app: CompanionApp) -> None:
        for _ in range(seconds):
            app.clock.advance(1)  # type: ignore[attr-defined]
            app.screen.tick()  # type: ignore[attr-defined]

    return run


def screening_keys(*yes: str, unsure: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The keys that answer every screening question: ``y`` for the ids in ``yes``,
    ``u`` for those in ``unsure``, ``n`` for the rest."""
    library, _problems = scan_content(include_user=False)
    assert library is not None
    ids = library.rules.question_ids
    assert set(yes) | set(unsure) <= set(ids), "unknown question id"
    return tuple("y" if q in yes else "u" if q in unsure else "n" for q in ids)


def checked_in_yesterday(app: CompanionApp) -> None:
    """A diary that started yesterday, so the weekly questions are offered today."""
    yesterday = app.clock.now() - timedelta(days=1)
    app.store.checkins.add(CheckIn(id=new_id(yesterday), at=yesterday, pain=5))


def screened(*yes: str) -> Callable[[CompanionApp], None]:
    """Set-up that saves a screening finished now: yes to the ids in ``yes``, no to the rest."""

    def prepare(app: CompanionApp) -> None:
        rules = app.library.rules
        answers = {q: "yes" if q in yes else "no" for q in rules.question_ids}
        now = app.clock.now()
        app.store.screenings.add(evaluate(rules, answers).to_record(new_id(now), now))

    return prepare


SCENES: tuple[Scene, ...] = (
    Scene("welcome", "First run: self-care support, not a diagnosis", demo=False, first_run=True),
    Scene("dashboard", "Dashboard: today, screening status and 30 days of pain"),
    Scene("dashboard-empty", "Dashboard on the first day", demo=False),
    Scene(
        "trends",
        "Trends: 90 days of pain and its 7-day mean, the change in words, what seems to help",
        initial="trends",
    ),
    Scene(
        "trends-leg-back",
        "Trends, v: leg against back; the weekly measures are one more v away",
        initial="trends",
        press=("v",),
    ),
    Scene(
        "weekly-measures",
        "Weekly questions after a check-in: PEG and sciatica bothersomeness, a digit each",
        demo=False,
        prepare=checked_in_yesterday,
        press=("c", "6", "enter", "enter", "6", "enter", "5", "enter"),
    ),
    Scene("checkin", "Check-in: a digit then enter", press=("c", "6")),
    Scene("journal", "Journal: newest first, filter, edit, trash", press=("j",)),
    Scene("help", "Help: every key of the screen, from the same definitions", press=("j", "?")),
    Scene(
        "screening-question",
        "Screening: one question at a time, why we ask, progress; b went back to question 7",
        demo=False,
        initial="screening",
        press=("n",) * 7 + ("b",),
    ),
    Scene(
        "screening-results",
        "Screening results without warning signs: a verdict and the reasons for each therapy",
        demo=False,
        initial="screening",
        press=screening_keys("glaucoma-or-retina", unsure=("weak-bones",)),
    ),
    Scene(
        "screening-emergency",
        "Screening results with an emergency sign: shown first, alone, until acknowledged",
        demo=False,
        initial="screening",
        press=screening_keys("ce-bladder"),
    ),
    Scene(
        "screening-flags",
        "Screening results with warning signs: see a doctor within days",
        demo=False,
        initial="screening",
        press=screening_keys("cancer-history", "fever-or-unwell"),
    ),
    Scene(
        "timers",
        "Timers: each routine, its length, your screening verdict, today's sessions",
        initial="timers",
    ),
    Scene(
        "timer-running",
        "A routine running: big countdown, the cue, what comes next, overall progress",
        demo=False,
        initial="timers",
        prepare=open_routine("sciatica-basics"),
        run_before=timer_runs(8),
    ),
    Scene(
        "timer-paused",
        "A paused timer says so plainly, and writes nothing to the terminal until space",
        demo=False,
        initial="timers",
        prepare=open_routine("sciatica-basics"),
        run_before=timer_runs(42),
        press=("space",),
    ),
    Scene(
        "inversion-guide",
        "Inversion guide: today's angle and minutes from your own history, and how to be safe",
        initial="timers",
        prepare=open_routine("inversion-session"),
    ),
    Scene(
        "library",
        "Library: every therapy and exercise with your screening verdict beside it",
        initial="library",
    ),
    Scene(
        "library-search",
        "Library search: / then words; matches in the text show where they were found",
        initial="library",
        press=("slash", *"blood pressure"),
    ),
    Scene(
        "article",
        "An article: your verdict, the summary, then guidelines and trials beside the claims",
        initial="library",
        prepare=screened(),
        press=("enter",),
    ),
    Scene(
        "article-avoid",
        "An article marked avoid by the screening (glaucoma): the reasons come first",
        initial="library",
        prepare=screened("glaucoma-or-retina"),
        press=("enter",),
    ),
)
"""The scenes, in README order."""
