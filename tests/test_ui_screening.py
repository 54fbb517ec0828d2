"""Pilot tests of the screening: the wizard, its results, the emergency that must
be acknowledged, the dashboard's re-screen offer and the first-launch offer."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import timedelta

from rich.console import Console
from rich.text import Text
from textual.widgets import Static

from companion.core.errors import DataError
from companion.core.ids import new_id
from companion.core.records import THERAPIES, ScreeningRecord
from companion.screens.dashboard import DashboardScreen
from companion.screens.screening import ScreeningScreen
from companion.screens.screening_results import ScreeningResultsScreen
from tests.scenes import screened, screening_keys
from tests.store_helpers import present
from tests.ui import build_app, current_screen

QUESTION_COUNT = len(screening_keys())


def shown(screen, selector: str) -> str:
    """The plain text a Static shows."""
    return str(screen.query_one(selector, Static).render())


def plain(content: object) -> str:
    """What a Static's content reads as, tables included."""
    if isinstance(content, (str, Text)):
        return str(content)
    out = io.StringIO()
    console = Console(width=200, color_system=None, file=out)  # no wrapping
    console.print(content)
    return out.getvalue()


def results_text(app) -> str:
    """Every word on the results screen (shown or not yet shown)."""
    screen = app.screen
    assert isinstance(screen, ScreeningResultsScreen)
    return " ".join(plain(widget.content) for widget in screen.query(Static))


async def answer_all(pilot, keys: tuple[str, ...]) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def test_answer_go_back_change_and_finish(data_dir, clock):
    app = build_app(data_dir, clock, initial="screening")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        wizard = app.screen
        assert isinstance(wizard, ScreeningScreen)
        assert shown(wizard, "#q-progress") == f"1 of {QUESTION_COUNT}"
        assert shown(wizard, "#q-group") == "Signs that need emergency care"
        assert "Why we ask:" in shown(wizard, "#q-why")

        await pilot.press("n", "n")
        assert shown(wizard, "#q-progress") == f"3 of {QUESTION_COUNT}"
        assert not wizard.query_one("#q-current").display

        await pilot.press("b")
        assert shown(wizard, "#q-progress") == f"2 of {QUESTION_COUNT}"
        assert "Your answer: No" in shown(wizard, "#q-current")

        await pilot.press("u")  # change the answer; moves on
        await pilot.press("b")
        assert "Your answer: Unsure" in shown(wizard, "#q-current")
        await pilot.press("enter")  # keep it
        assert shown(wizard, "#q-progress") == f"3 of {QUESTION_COUNT}"
        assert app.store.screenings.latest() is None  # nothing stored while answering

        await answer_all(pilot, ("n",) * (QUESTION_COUNT - 2))
        assert isinstance(app.screen, ScreeningResultsScreen)
        saved = app.store.screenings.latest()
        assert saved is not None and saved.at == clock.now()
        assert saved.answers["ce-saddle-numbness"] == "unsure"
        assert sum(answer == "no" for answer in saved.answers.values()) == QUESTION_COUNT - 1
        assert saved.version == app.library.rules.version


async def test_back_at_question_one_returns_to_the_introduction(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        wizard = app.screen
        assert isinstance(wizard, ScreeningScreen) and not wizard.asking
        assert "You have not been screened yet." in shown(wizard, "#intro-last")
        await pilot.press("y")  # answers do nothing on the introduction
        assert not wizard.asking
        await pilot.press("enter", "n", "b", "b")
        assert not wizard.asking


async def test_leaving_mid_way_keeps_your_place(data_dir, clock):
    app = build_app(data_dir, clock, initial="screening")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "n", "n", "d")
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("s")
        assert shown(app.screen, "#q-progress") == f"4 of {QUESTION_COUNT}"


async def test_no_to_everything_is_ok_for_all_four_and_saved(data_dir, clock):
    app = build_app(data_dir, clock, initial="screening")
    async with app.run_test(size=(80, 24)) as pilot:
        await answer_all(pilot, screening_keys())
        saved = present(app.store.screenings.latest())
        assert saved.red_flags == ()
        assert saved.verdicts == {therapy: "ok" for therapy in THERAPIES}
        text = results_text(app)
        assert "No warning signs came up" in text
        assert text.count("✓ OK") == 4
        assert "EMERGENCY" not in text


async def test_glaucoma_rules_out_inversion_and_leaves_stretching_ok(data_dir, clock):
    app = build_app(data_dir, clock, initial="screening")
    async with app.run_test(size=(80, 24)) as pilot:
        await answer_all(pilot, screening_keys("glaucoma-or-retina"))
        saved = present(app.store.screenings.latest())
        assert saved.verdicts["inversion"] == "avoid"
        assert saved.verdicts["stretching"] == "ok"
        assert "yes: glaucoma, raised eye pressure or a retina problem → avoid" in results_text(app)


async def test_unsure_about_weak_bones_is_not_ok_for_inversion_or_decompression(data_dir, clock):
    app = build_app(data_dir, clock, initial="screening")
    async with app.run_test(size=(80, 24)) as pilot:
        await answer_all(pilot, screening_keys(unsure=("weak-bones",)))
        saved = present(app.store.screenings.latest())
        assert saved.verdicts["inversion"] != "ok"
        assert saved.verdicts["decompression"] != "ok"
        assert saved.answers["weak-bones"] == "unsure"


async def test_a_bladder_symptom_is_an_emergency_that_must_be_acknowledged(data_dir, clock):
    app = build_app(data_dir, clock, initial="screening")
    async with app.run_test(size=(80, 24)) as pilot:
        await answer_all(pilot, screening_keys("ce-bladder"))
        results = current_screen(app, ScreeningResultsScreen)
        assert present(app.store.screenings.latest()).red_flags[0].urgency == "emergency"
        title = shown(results, "#emergency-title")
        assert "EMERGENCY" in title and "emergency department now" in title
        assert "You answered yes to: new bladder changes." in results_text(app)
        assert not results.query_one("#results-rest").display  # nothing else yet

        await pilot.press("escape")  # cannot be dismissed unread
        await pilot.pause()
        assert app.screen is results and not results.acknowledged
        assert not results.query_one("#results-rest").display

        await pilot.press("enter")
        results = current_screen(app, ScreeningResultsScreen)  # still on top
        assert results.acknowledged
        assert results.query_one("#results-rest").display
        assert "EMERGENCY" in shown(results, "#emergency-title")
        assert results_text(app).count("✗ AVOID") == 4

        await pilot.press("escape")
        await pilot.pause()
        screening = current_screen(app, ScreeningScreen)
        assert "EMERGENCY" in shown(screening, "#intro-last")


async def test_yes_to_everything(data_dir, clock):
    app = build_app(data_dir, clock, initial="screening")
    async with app.run_test(size=(80, 24)) as pilot:
        await answer_all(pilot, screening_keys(*app.library.rules.question_ids))
        saved = present(app.store.screenings.latest())
        assert saved.verdicts["inversion"] == "avoid"
        assert saved.verdicts["decompression"] == "avoid"
        urgencies = {flag.urgency for flag in saved.red_flags}
        assert urgencies == {"emergency", "prompt"}
        await pilot.press("enter")
        text = results_text(app)
        assert "PROMPT: see a doctor within days" in text
        assert "Warning signs: infection" in text


async def test_r_screens_again_from_question_one(data_dir, clock):
    app = build_app(data_dir, clock, initial="screening")
    async with app.run_test(size=(80, 24)) as pilot:
        await answer_all(pilot, screening_keys())
        await pilot.press("r")
        await pilot.pause()
        wizard = app.screen
        assert isinstance(wizard, ScreeningScreen) and wizard.asking
        assert shown(wizard, "#q-progress") == f"1 of {QUESTION_COUNT}"
        # a re-screen starts from the last answers, but asks every emergency question afresh
        rules = app.library.rules
        emergency = {
            q.id for q in rules.questions if q.red_flag and q.red_flag.urgency == "emergency"
        }
        assert wizard.answers == dict.fromkeys(set(rules.question_ids) - emergency, "no")
        assert not wizard.query_one("#q-current").display  # asked afresh: nothing shown
        await pilot.press(*("n",) * len(emergency))
        assert "Last time: No" in shown(wizard, "#q-current")
        await pilot.press("u", "b")  # changed in this run: this run's answer, and last time's
        assert "Your answer: Unsure" in shown(wizard, "#q-current")
        assert "last time: no" in shown(wizard, "#q-current")
        await pilot.press("n")
        await pilot.press("b")  # kept in this run as it was: no longer "last time"
        assert "Your answer: No" in shown(wizard, "#q-current")
        assert "last time" not in shown(wizard, "#q-current").lower()
        await pilot.press(*("enter",) * (QUESTION_COUNT - len(emergency)))
        await pilot.pause()
        assert isinstance(app.screen, ScreeningResultsScreen)
        assert len(app.store.screenings.between(None, None)) == 2


async def test_the_last_results_can_be_seen_again(data_dir, clock):
    app = build_app(data_dir, clock, initial="screening")
    async with app.run_test(size=(80, 24)) as pilot:
        await answer_all(pilot, screening_keys("glaucoma-or-retina"))
        await pilot.press("escape", "v")
        await pilot.pause()
        assert isinstance(app.screen, ScreeningResultsScreen)
        assert "yes: glaucoma" in results_text(app)


async def test_results_show_even_when_saving_fails(data_dir, clock, monkeypatch):
    app = build_app(data_dir, clock, initial="screening")

    def refuse(record):
        raise DataError("screenings/2026.json could not be written: disk full")

    monkeypatch.setattr(app.store.screenings, "add", refuse)
    async with app.run_test(size=(80, 24)) as pilot:
        await answer_all(pilot, screening_keys("ce-bladder"))
        assert isinstance(app.screen, ScreeningResultsScreen)
        text = results_text(app)
        assert "Not saved: screenings/2026.json could not be written: disk full" in text
        assert "EMERGENCY" in text


async def test_dashboard_offers_a_rescreen_after_90_days(data_dir, clock):
    app = build_app(data_dir, clock)
    rules_version = app.library.rules.version
    app.store.screenings.add(
        replace(_record(clock), version=rules_version, verdicts={"inversion": "avoid"})
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        card = shown(app.screen, "#screening-status")
        assert "Screened today." in card and "Avoid: inversion" in card
        assert "Due again" not in card
        clock.advance(timedelta(days=91).total_seconds())
        await pilot.press("j", "d")
        card = shown(app.screen, "#screening-status")
        assert "Screened 91 days ago." in card
        assert "Due again (over 90 days old): press s" in card


async def test_dashboard_offers_a_rescreen_when_the_questions_changed(data_dir, clock):
    app = build_app(data_dir, clock)
    app.store.screenings.add(_record(clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # the offer is worked out in a thread
        await pilot.pause()
        assert "Due again (questions changed)" in shown(app.screen, "#screening-status")


async def test_first_launch_offers_the_screening(data_dir, clock):
    app = build_app(data_dir, clock, first_run=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")  # where you live: the first region
        await pilot.pause()
        assert app.store.load_settings().region == "uk"
        assert isinstance(app.screen, ScreeningScreen) and app.screen.asking
        assert shown(app.screen, "#q-progress") == f"1 of {QUESTION_COUNT}"
        settings = app.store.load_settings()
        assert settings.first_run_seen and settings.screening_offered


async def test_first_launch_screening_can_wait(data_dir, clock):
    app = build_app(data_dir, clock, first_run=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")  # the region too can wait: a neutral line until then
        await pilot.pause()
        assert app.store.load_settings().region == ""
        assert isinstance(app.screen, DashboardScreen)
        assert "Not screened yet: press s." in shown(app.screen, "#screening-status")
        settings = app.store.load_settings()
        assert settings.first_run_seen and settings.screening_offered


def _record(clock):
    now = clock.now()
    return ScreeningRecord(new_id(now), now, "2000.1", verdicts=dict.fromkeys(THERAPIES, "ok"))


async def test_the_answer_buttons_work_with_the_mouse(data_dir, clock):
    app = build_app(data_dir, clock, initial="screening")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click("#q-u")
        await pilot.pause()
        assert shown(app.screen, "#q-progress") == f"2 of {QUESTION_COUNT}"
        assert current_screen(app, ScreeningScreen).answers == {"ce-bladder": "unsure"}
        await pilot.click("#q-b")
        await pilot.pause()
        assert "Your answer: Unsure" in shown(app.screen, "#q-current")


async def test_opening_the_wizard_directly_starts_from_the_last_answers(data_dir, clock):
    app = build_app(data_dir, clock, initial="screening")
    screened()(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        wizard = app.screen
        assert isinstance(wizard, ScreeningScreen) and wizard.asking
        rules = app.library.rules
        emergency = [q for q in rules.questions if q.red_flag and q.red_flag.urgency == "emergency"]
        assert len(wizard.answers) == len(rules.questions) - len(emergency)
        await pilot.press(*("n",) * len(emergency))
        assert "Last time: No" in shown(wizard, "#q-current")
