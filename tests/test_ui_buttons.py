"""Handlers bound to one control each: a dialog button's click does what its
key does, and a field's error clears when that field changes."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from companion.screens.confirm import ConfirmScreen
from companion.screens.timer_run import TimerRunScreen
from companion.screens.welcome import WelcomeScreen
from tests.store_helpers import present
from tests.ui import build_app, current_screen, rendered_text


@pytest.fixture(autouse=True)
def manual_ticks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(TimerRunScreen, "auto_tick", False)


@pytest.mark.parametrize(("button", "state"), [("#no", "running"), ("#yes", "stopped")])
async def test_the_stop_question_answers_by_click(data_dir, clock, button, state):
    app = build_app(data_dir, clock, initial="timers")
    app.routine = "sciatica-basics"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        timer_screen = current_screen(app, TimerRunScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click(button)
        await pilot.pause()
        assert present(timer_screen.timer).state == state


async def test_later_on_the_welcome_notice_closes_it(data_dir, clock):
    app = build_app(data_dir, clock, first_run=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        current_screen(app, WelcomeScreen)
        await pilot.click("#later")
        await pilot.pause()
        assert not isinstance(app.screen, WelcomeScreen)
        assert app.store.load_settings().first_run_seen


async def test_a_fields_error_clears_when_that_field_changes(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c", "enter")
        await pilot.pause()
        assert "choose a score" in rendered_text(app.screen.query_one("#pain-error"))
        await pilot.press("5")
        await pilot.pause()
        assert rendered_text(app.screen.query_one("#pain-error")) == ""
        when = app.screen.query_one("#when", Input)
        when.value = "not a time"
        when.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert rendered_text(app.screen.query_one("#when-error")) != ""
        when.value = clock.now().strftime("%Y-%m-%d %H:%M")
        await pilot.pause()
        assert rendered_text(app.screen.query_one("#when-error")) == ""
