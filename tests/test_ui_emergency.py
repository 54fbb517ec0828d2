"""Emergencies interrupt: a yes to an emergency question shows the advice at
once, saves a partial screening that moment, and nothing hides the advice
until "I understand"."""

from __future__ import annotations

from textual.widgets import Static

from companion.core.screening.urgency import REGIONS
from companion.screens.emergency import EmergencyScreen
from companion.screens.screening import ScreeningScreen
from tests.scenes import screening_keys
from tests.store_helpers import present
from tests.ui import build_app

QUESTION_COUNT = len(screening_keys())


def words(screen) -> str:
    return " ".join(str(widget.render()) for widget in screen.query(Static))


def footer_keys(app) -> set[str]:
    """The keys the footer offers on the screen now showing."""
    return {
        binding.key
        for (_node, binding, enabled, _tooltip) in app.active_bindings.values()
        if binding.show and enabled
    }


async def test_yes_to_the_first_emergency_question_interrupts_and_saves(data_dir, clock):
    app = build_app(data_dir, clock, initial="screening")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.store.screenings.latest() is None
        await pilot.press("y")
        await pilot.pause()
        emergency = app.screen
        assert isinstance(emergency, EmergencyScreen)  # before question 2
        text = words(emergency)
        assert "EMERGENCY: go to an emergency department now" in text
        assert "new bladder changes: yes" in text
        assert "local emergency number" in text  # no region chosen: never one country alone

        saved = app.store.screenings.latest()
        assert saved is not None and saved.partial
        assert saved.answers == {"ce-bladder": "yes"}
        assert [(f.id, f.urgency) for f in saved.red_flags] == [("cauda-equina", "emergency")]
        assert set(saved.verdicts.values()) == {"avoid"}

        assert footer_keys(app) == {"enter", "q"}
        for key in ("d", "j", "s", "c", "l", "t", "g", "escape", "question_mark", "ctrl+p", "q"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is emergency, key
        assert "Press q again to quit" in words(emergency)

        await pilot.press("enter")
        await pilot.pause()
        wizard = app.screen
        assert isinstance(wizard, ScreeningScreen) and wizard.asking
        assert str(wizard.query_one("#q-progress", Static).render()) == f"2 of {QUESTION_COUNT}"


async def test_finishing_after_the_interrupt_completes_the_same_record(data_dir, clock):
    app = build_app(data_dir, clock, initial="screening")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*screening_keys("ce-bladder"))
        await pilot.pause()
        [record] = app.store.screenings.between(None, None)
        assert not record.partial
        assert len(record.answers) == QUESTION_COUNT


async def test_the_region_setting_gives_that_regions_numbers(data_dir, clock):
    app = build_app(data_dir, clock, initial="screening")
    app.store.update_settings(region="us-ca")
    app.settings = app.store.load_settings()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y")
        await pilot.pause()
        assert "911" in words(app.screen)
        assert REGIONS["us-ca"][0] in words(app.screen)


async def test_a_second_q_quits_and_the_flag_stays_saved(data_dir, clock):
    app = build_app(data_dir, clock, initial="screening")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("q", "q")
        await pilot.pause()
    assert app.return_code == 0
    assert present(app.store.screenings.latest()).red_flags[0].urgency == "emergency"


async def test_the_region_is_asked_at_first_launch_and_in_settings(data_dir, clock):
    app = build_app(data_dir, clock, first_run=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # the first-run notice: later
        await pilot.pause()
        assert "Where do you live?" in words(app.screen)
        await pilot.press("down", "enter")  # United States or Canada
        await pilot.pause()
        assert app.store.load_settings().region == "us-ca"

        await pilot.press("E")
        await pilot.pause()
        assert "Where do you live?" in words(app.screen)
        await pilot.press("enter")  # the highlighted first row: the UK
        await pilot.pause()
        assert app.store.load_settings().region == "uk"


def test_no_region_never_shows_one_countrys_numbers_alone():
    from companion.core.screening.urgency import emergency_numbers

    for region in ("", "other", "nowhere"):
        line = emergency_numbers(region)
        assert all(number in line for number in ("999", "911", "112", "000"))
    assert "999" in emergency_numbers("uk") and "111" in emergency_numbers("uk")
