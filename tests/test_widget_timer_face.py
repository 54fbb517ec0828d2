"""The timer face on its own: set its reactives, read what it renders."""

from __future__ import annotations

from textual.widgets import Digits

from companion.core.content.routine import Routine, RoutineStep
from companion.core.timer.engine import Phase
from companion.widgets.timer_face import FaceSummary, TimerFace, progress_bar
from tests.ui import WidgetApp

ROUTINE = Routine(
    "evening",
    "Evening [/b] set",
    "stretching",
    "",
    (RoutineStep("knee-to-chest", "left", 30, 2, 10, "Keep the [back] flat."),),
)


def hold(rep: int = 1) -> Phase:
    return Phase(0, 0, rep, 2, "hold", 30, "knee-to-chest", "left", "Keep the [back] flat.")


def rest() -> Phase:
    return Phase(1, 0, 1, 2, "rest", 10, "knee-to-chest", "left", "")


def face_app() -> WidgetApp:
    return WidgetApp(TimerFace(ROUTINE, exercise_titles={"knee-to-chest": "Knee to chest"}))


def line(app: WidgetApp, line_id: str) -> str:
    return app.text_of(f"#{line_id}")


async def test_a_hold_shows_its_exercise_rep_cue_and_seconds() -> None:
    app = face_app()
    async with app.run_test(size=(80, 24)) as pilot:
        face = app.query_one(TimerFace)
        face.total_holds = 2
        face.total_seconds = 70
        face.next_phase = rest()
        face.remaining = 30
        face.phase = hold()
        await pilot.pause()
        assert line(app, "run-routine") == "Evening [/b] set · step 1 of 1"
        assert line(app, "run-exercise") == "Knee to chest, left side"
        assert line(app, "run-rep") == "Hold · rep 1 of 2"
        assert line(app, "run-cue") == "Keep the [back] flat."
        assert line(app, "run-next") == "Next: rest 10 s"
        assert app.query_one("#run-digits", Digits).value == "0:30"
        assert "0 of 2 holds done · about 2 min left" in line(app, "run-progress")


async def test_only_the_lines_a_reactive_feeds_are_updated() -> None:
    app = face_app()
    async with app.run_test(size=(80, 24)) as pilot:
        face = app.query_one(TimerFace)
        face.remaining = 30
        face.phase = hold()
        await pilot.pause()
        before = face.updates
        face.remaining = 29
        assert face.updates == before + 1
        face.remaining = 29
        face.phase = hold()  # the same phase: nothing to draw
        assert face.updates == before + 1
        face.countdown = 3
        assert line(app, "run-next") == "3… Next: the end of the routine"


async def test_paused_says_so_and_hides_the_countdown_cue() -> None:
    app = face_app()
    async with app.run_test(size=(80, 24)) as pilot:
        face = app.query_one(TimerFace)
        face.phase = hold()
        face.countdown = 2
        face.paused = True
        await pilot.pause()
        assert line(app, "run-status") == "PAUSED — press space to continue"
        assert line(app, "run-next") == "Next: the end of the routine"
        face.interrupted = 125
        assert "not watched for 2 min" in line(app, "run-status")
        face.paused = False
        assert line(app, "run-status") == ""


async def test_a_rest_keeps_the_exercise_line_and_says_what_to_do() -> None:
    app = face_app()
    async with app.run_test(size=(80, 24)) as pilot:
        face = app.query_one(TimerFace)
        face.phase = rest()
        await pilot.pause()
        assert line(app, "run-exercise") == "Knee to chest, left side"
        assert line(app, "run-rep") == "Rest · rep 1 of 2 done"
        assert line(app, "run-cue").startswith("Rest: ease out")


async def test_the_summary_replaces_the_clock() -> None:
    app = face_app()
    async with app.run_test(size=(80, 24)) as pilot:
        face = app.query_one(TimerFace)
        face.phase = hold()
        face.progress = 0.5
        face.summary = FaceSummary(
            finished=False,
            completed=1,
            total=2,
            skipped=1,
            spent_seconds=40,
            saved=True,
            today_line="Finished sessions today: 0 of your goal of 2.",
            pain_before=6,
            pain_after=None,
            back_to="the routines",
        )
        await pilot.pause()
        assert not app.query_one("#run-clock").display
        assert line(app, "run-exercise") == "Stopped early."
        assert line(app, "run-rep") == "1 of 2 holds done, 1 skipped in 40 s · saved in your log"
        assert line(app, "run-cue").splitlines() == [
            "Finished sessions today: 0 of your goal of 2.",
            "Pain before: 6/10",
        ]
        assert line(app, "run-status") == "Press enter to go back to the routines."
        assert line(app, "run-progress") == f"{progress_bar(0.5)}  50%"


def test_the_progress_bar_reads_without_colour() -> None:
    assert progress_bar(0.25, cells=8) == "██░░░░░░"
    assert progress_bar(2.0, cells=4) == "████"
    assert progress_bar(-1.0, cells=4) == "░░░░"
