"""Settings the data directory refuses (read-only, full): every change made in
the UI says it was not saved and the app goes on, as a check-in's save does.
Before, welcome's Later, ``A`` and a theme change ended the app with a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from companion.core.clock import FakeClock
from companion.core.glyphs import is_ascii
from companion.screens.choose import ChoiceScreen
from companion.screens.data_error import DataErrorScreen
from companion.screens.lesson import LessonScreen
from companion.screens.timers import TimersScreen
from tests.ui import Note, build_app, current_screen, notifications


def build(data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, **kwargs: Any) -> Any:
    """The app, after which every settings write fails as in a 0500 directory
    (tests run as root, which chmod does not stop)."""
    app = build_app(data_dir, clock, **kwargs)

    def refuse(path: Path, data: bytes) -> int:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("companion.store.database.write_atomic", refuse)
    return app


def not_saved(app: object) -> list[Note]:
    return [note for note in notifications(app) if note.title == "Not saved"]  # type: ignore[arg-type]


def _says_not_saved(app: object, data_dir: Path) -> None:
    (note,) = not_saved(app)
    assert f"cannot save {data_dir}" in note.message and "Permission denied" in note.message
    assert "applies until you quit" in note.message


async def test_later_on_the_welcome_says_it_was_not_saved(
    data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = build(data_dir, clock, monkeypatch, first_run=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)  # goes on to the region, no traceback
        _says_not_saved(app, data_dir.resolve())
        assert app.settings.first_run_seen  # for this session
        assert not app.store.load_settings().first_run_seen
    assert app.return_code in (None, 0)


async def test_symbols_switch_for_the_session_and_say_not_saved(
    data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = build(data_dir, clock, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("A")
        await pilot.pause()
        assert is_ascii() and app.settings.glyphs == "ascii"
        _says_not_saved(app, data_dir.resolve())
        assert not isinstance(app.screen, DataErrorScreen)
        assert app.store.load_settings().glyphs == ""
    assert app.return_code in (None, 0)


async def test_a_theme_change_says_not_saved(
    data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = build(data_dir, clock, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "nord"
        await pilot.pause()
        _says_not_saved(app, data_dir.resolve())
        assert app.settings.theme == "nord"
        assert app.store.load_settings().theme != "nord"
    assert app.return_code in (None, 0)


async def test_the_bell_and_the_goal_change_for_the_session(
    data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = build(data_dir, clock, monkeypatch, initial="timers")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TimersScreen)
        await pilot.press("m")
        await pilot.pause()
        assert app.settings.bell is False
        assert "bell off" in str(app.screen.query_one("#timers-today", Static).render())
        await pilot.press("m", "a")
        await pilot.pause()
        current_screen(app, TimersScreen)  # not the data-error screen
        settings = app.settings  # read afresh: the keys above changed it
        assert settings.bell is True and settings.daily_target == 3
        assert len(not_saved(app)) == 2  # the bell back on is what the file holds: no write


async def test_reading_a_lesson_says_not_saved(
    data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = build(data_dir, clock, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, LessonScreen)
        _says_not_saved(app, data_dir.resolve())
