"""Every screen worth a picture, defined once.

The snapshot tests (``tests/test_snapshots.py``) and ``make screenshots``
(``tools/screenshots.py``) both walk :data:`SCENES`, so the README's pictures
are exactly what the tests check.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.pilot import Pilot

from companion.app import CompanionApp
from companion.core.clock import FakeClock
from companion.core.content.library import scan_content
from companion.core.errors import DamagedFileError
from companion.core.ids import new_id
from companion.core.records import CheckIn
from companion.core.screening.engine import evaluate
from companion.store.paths import DATA_DIR_ENV
from tests.programme_setup import walking_in_a_flare, with_medicines
from tests.ui import build_app

__all__ = ["SCENES", "SCENE_NOW", "SIZES", "Scene"]

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
    run_after: Callable[[CompanionApp], None] | None = field(default=None)
    """Done after the keys are pressed (e.g. let a timer started by a key run)."""
    size: tuple[int, int] = (80, 24)
    """The terminal's columns and rows."""
    ascii: bool = False
    """Draw plain ASCII symbols, as ``--ascii`` and ``TERM=linux`` do."""
    no_color: bool = False
    """Start as with ``NO_COLOR=1`` in the environment."""
    default_dir: bool = False
    """Play as if the data directory were the default one, so the commands a screen
    suggests read ``companion doctor``, not a throwaway ``--data-dir`` path."""

    def build(self, data_dir: Path) -> CompanionApp:
        with _no_color(self.no_color):
            app = build_app(
                data_dir,
                FakeClock(current=SCENE_NOW),
                demo=self.demo,
                first_run=self.first_run,
                initial=self.initial,
                ascii=self.ascii,
            )
        if self.prepare:
            self.prepare(app)
        return app

    async def play(self, pilot: Pilot) -> None:
        """Bring the running app to the scene: set-up, keys, then every worker done."""
        app = pilot.app
        assert isinstance(app, CompanionApp)  # built by self.build
        with _default_data_dir(app.store.data_dir if self.default_dir else None):
            await self._play(pilot, app)

    async def _play(self, pilot: Pilot, app: CompanionApp) -> None:
        if self.run_before:
            self.run_before(app)
        await pilot.pause()
        for key in self.press:
            await pilot.press(key)
            await app.key_queue.idle()  # handled in turn, not just delivered
        if self.run_after:
            await pilot.pause()
            self.run_after(app)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()


@contextmanager
def _no_color(wanted: bool) -> Iterator[None]:
    """``NO_COLOR`` set while the app is built (Textual reads it then)."""
    if wanted:
        os.environ["NO_COLOR"] = "1"
    try:
        yield
    finally:
        if wanted:
            os.environ.pop("NO_COLOR", None)


@contextmanager
def _default_data_dir(data_dir: Path | None) -> Iterator[None]:
    """``$COMPANION_DATA_DIR`` names ``data_dir`` meanwhile (nothing when ``None``)."""
    if data_dir is None:
        yield
        return
    before = os.environ.get(DATA_DIR_ENV)
    os.environ[DATA_DIR_ENV] = str(data_dir)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(DATA_DIR_ENV, None)
        else:
            os.environ[DATA_DIR_ENV] = before


def both(*steps: Callable[[CompanionApp], None]) -> Callable[[CompanionApp], None]:
    """Set-up doing each of ``steps`` in turn."""

    def prepare(app: CompanionApp) -> None:
        for step in steps:
            step(app)

    return prepare


def damaged_file(app: CompanionApp) -> None:
    """A month of check-ins that cannot be parsed, as the store reports it."""
    path = Path("~/.local/share/companion/checkins/2026-11.json")
    app.show_data_error(DamagedFileError(path, "line 1 column 3: expecting a property name"))


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
    ``u`` for those in ``unsure``, ``n`` for the rest; a ``y`` to an emergency
    question is followed by ``enter`` ("I understand" on the advice it brings up)."""
    library, _problems = scan_content(include_user=False)
    assert library is not None
    rules = library.rules
    assert set(yes) | set(unsure) <= set(rules.question_ids), "unknown question id"
    keys: list[str] = []
    for question in rules.questions:
        if question.id in yes:
            emergency = question.red_flag is not None and question.red_flag.urgency == "emergency"
            keys += ["y", "enter"] if emergency else ["y"]
        else:
            keys.append("u" if question.id in unsure else "n")
    return tuple(keys)


def emergency_question_count() -> int:
    """How many emergency questions open the screening (asked afresh every time)."""
    library, _problems = scan_content(include_user=False)
    assert library is not None
    return sum(
        q.red_flag is not None and q.red_flag.urgency == "emergency"
        for q in library.rules.questions
    )


def checked_in_yesterday(app: CompanionApp) -> None:
    """A diary that started yesterday, so the weekly questions are offered today."""
    yesterday = app.clock.now() - timedelta(days=1)
    app.store.checkins.add(CheckIn(id=new_id(yesterday), at=yesterday, pain=5))


def checked_in_with_numbness(app: CompanionApp) -> None:
    """A check-in with numbness just saved, as the check-in form's save path hands it on."""
    from companion.screens.safety_net import after_check_in

    now = app.clock.now()
    entry = app.store.checkins.add(CheckIn(id=new_id(now), at=now, pain=6, symptoms=("numbness",)))
    after_check_in(app, lambda _saved: None, entry)


def screened(*yes: str) -> Callable[[CompanionApp], None]:
    """Set-up that saves a screening finished now: yes to the ids in ``yes``, no to the rest."""

    def prepare(app: CompanionApp) -> None:
        rules = app.library.rules
        answers = {q: "yes" if q in yes else "no" for q in rules.question_ids}
        now = app.clock.now()
        app.store.screenings.add(evaluate(rules, answers).to_record(new_id(now), now))

    return prepare


_SCENES_80x24: tuple[Scene, ...] = (
    Scene("welcome", "First run: self-care support, not a diagnosis", demo=False, first_run=True),
    Scene(
        "region-choice",
        "First run: where you live, so the emergency numbers shown are yours",
        demo=False,
        first_run=True,
        press=("escape",),
    ),
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
    Scene(
        "goals",
        "After the weekly questions: up to three personal goals, each 0 (unable) to 10",
        demo=False,
        prepare=checked_in_yesterday,
        press=(
            *("c", "6", "enter", "enter"),
            *(key for answer in "7654215" for key in (answer, "enter")),
            *"sit through a film",
            *("tab", "3"),
        ),
    ),
    Scene("checkin", "Check-in: a digit then enter", press=("c", "6")),
    Scene(
        "checkin-where",
        "Check-in, where it hurts: arrows move over the back and legs, space ticks",
        press=("c", "6", "tab", "tab", "tab", "down", "space", "down", "space", "down", "down"),
    ),
    Scene(
        "checkin-where-phone",
        "Where it hurts on a phone's 50 columns, in plain ASCII",
        press=("c", "6", "tab", "tab", "tab", "down", "space", "down", "down", "space"),
        size=(50, 25),
    ),
    Scene(
        "checkin-repeat",
        "Check-in: r filled same as last time; what it feels like, sleep and sitting below",
        press=("c", "6", "r", *("tab",) * 7),
    ),
    Scene(
        "checkin-safety-net",
        "After a check-in with numbness: the cauda equina signs in one short step",
        demo=False,
        run_before=checked_in_with_numbness,
        press=("n",),
    ),
    Scene("journal", "Journal: newest first, filter, edit, trash", press=("j",)),
    Scene(
        "journal-delete",
        "Delete in the journal asks first; the entry goes to the trash, T shows it",
        press=("j", "x"),
    ),
    Scene(
        "data-error",
        "A damaged data file: named, left untouched, and the commands that check and repair it",
        demo=False,
        default_dir=True,
        run_before=damaged_file,
    ),
    Scene("help", "Help: every key of the screen, from the same definitions", press=("j", "?")),
    Scene(
        "screening-question",
        "Screening: one question at a time, why we ask, progress; b went back to question 7",
        demo=False,
        initial="screening",
        press=("n",) * 7 + ("b",),
    ),
    Scene(
        "screening-last-time",
        "Re-screening: past the emergency questions, each kept answer reads 'Last time'",
        demo=False,
        initial="screening",
        prepare=screened(),
        press=("n",) * emergency_question_count(),
    ),
    Scene(
        "screening-results",
        "Screening results without warning signs: a verdict and the reasons for each therapy",
        demo=False,
        initial="screening",
        press=screening_keys("glaucoma-or-retina", unsure=("weak-bones",)),
    ),
    Scene(
        "emergency-interrupt",
        "Yes to an emergency question: the advice at once, saved, over everything until read",
        demo=False,
        initial="screening",
        press=("y",),
    ),
    Scene(
        "screening-same-day",
        "Unsure about a cauda equina sign: get checked today, every therapy avoid until then",
        demo=False,
        initial="screening",
        press=screening_keys(unsure=("ce-saddle-numbness",)),
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
        "pain-before",
        "Starting a routine: pain now, 0-10, optional, to compare with after",
        initial="timers",
        press=("enter", "4"),
    ),
    Scene(
        "override",
        "Starting a routine the screening marked avoid: the reasons, and no start by default",
        initial="timers",
        prepare=both(screened("glaucoma-or-retina"), open_routine("inversion-session")),
    ),
    Scene(
        "inversion-guide",
        "Inversion guide: today's angle and minutes from your own history, and how to be safe",
        initial="timers",
        prepare=open_routine("inversion-session"),
    ),
    Scene(
        "inversion-stop-list",
        "Head-down: the stop list shows through every head-down hold",
        initial="timers",
        prepare=open_routine("inversion-session"),
        press=("enter",),
        run_after=timer_runs(35),
    ),
    Scene(
        "library",
        "Library: every therapy and exercise with your screening verdict beside it",
        initial="library",
    ),
    Scene(
        "library-flagged",
        "Library after a screening with a warning sign: the dashboard's urgency heading on top",
        initial="library",
        prepare=screened("cancer-history"),
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
    Scene(
        "dose",
        "Log a dose: m, then the medicine's number; your own list and limit",
        prepare=with_medicines,
        press=("m",),
    ),
    Scene(
        "dose-helped",
        "The check-in after an as-needed dose asks whether it helped",
        demo=False,
        prepare=with_medicines,
        press=("c", "4", "enter"),
    ),
    Scene(
        "dashboard-plan",
        "Dashboard in a flare: its day count and the walking target, held",
        prepare=walking_in_a_flare,
    ),
    Scene(
        "flare-plan",
        "F: a flare's pain score, then the plan: warning signs first, your list, the routine",
        demo=False,
        press=("F", "8", "enter"),
    ),
    Scene(
        "lesson",
        "r on the dashboard: today's lesson, its sources listed; it is then remembered as read",
        press=("r",),
    ),
    Scene(
        "library-lesson",
        "Library search finds lessons too, listed as their own kind",
        initial="library",
        press=("slash", *"flare plan"),
    ),
)
"""The scenes at 80×24, the most common terminal."""

SIZES: tuple[tuple[int, int], ...] = ((50, 25), (160, 48))
"""A phone's SSH client in portrait, and a wide monitor."""

_AT_EVERY_SIZE = (
    "welcome",
    "region-choice",
    "dashboard",
    "checkin",
    "checkin-safety-net",
    "weekly-measures",
    "goals",
    "journal",
    "journal-delete",
    "data-error",
    "trends",
    "library",
    "article",
    "lesson",
    "screening-question",
    "screening-results",
    "emergency-interrupt",
    "timers",
    "pain-before",
    "override",
    "inversion-guide",
    "timer-running",
    "dose",
    "dose-helped",
    "flare-plan",
    "help",
)
"""One scene of every screen, also pictured at each of :data:`SIZES`."""

SCENES: tuple[Scene, ...] = _SCENES_80x24 + tuple(
    replace(scene, name=f"{scene.name}-{width}x{height}", size=(width, height))
    for width, height in SIZES
    for scene in _SCENES_80x24
    if scene.name in _AT_EVERY_SIZE
)
"""The scenes, in README order; the sized ones named ``<scene>-<columns>x<rows>``."""

PLAIN_SCENES = ("dashboard", "checkin", "screening-results", "trends", "timer-running")
"""Key screens shown again in plain ASCII and without colour."""

SCENES += tuple(
    replace(
        scene,
        name=f"{scene.name}-ascii",
        caption=f"{scene.caption} (ASCII, as on TERM=linux)",
        ascii=True,
    )
    for scene in _SCENES_80x24
    if scene.name in PLAIN_SCENES
) + tuple(
    replace(
        scene, name=f"{scene.name}-no-color", caption=f"{scene.caption} (NO_COLOR=1)", no_color=True
    )
    for scene in _SCENES_80x24
    if scene.name in PLAIN_SCENES
)
