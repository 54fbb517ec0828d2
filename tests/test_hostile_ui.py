"""Screens meeting hostile data: entries an older version stored with escapes or
impossible dates, and a form given control characters."""

from __future__ import annotations

from pathlib import Path

import orjson
from textual.widgets import DataTable, Static, TextArea

from companion.core.clock import FakeClock
from companion.screens.checkin import CheckinScreen
from companion.screens.journal import JournalScreen
from tests.store_helpers import checkin, present
from tests.ui import build_app, current_screen

ESCAPES = "\x1b]0;PWNED\x07\x1b[2J"


def _plant(data_dir: Path, shard: str, doc_id: str, at: str, note: str = "") -> None:
    """An entry written as an older version (or a hostile hand) left it."""
    path = data_dir / "checkins" / f"{shard}.json"
    path.parent.mkdir(mode=0o700, exist_ok=True)
    doc = {"id": doc_id, "at": at, "pain": 5, "note": note}
    path.write_bytes(orjson.dumps({"checkins": {doc_id: doc}}))
    path.chmod(0o600)


async def test_screens_open_on_a_store_holding_impossible_dates(
    data_dir: Path, clock: FakeClock
) -> None:
    app = build_app(data_dir, clock)
    app.store.checkins.add(checkin(clock.now(), pain=3))
    _plant(data_dir, "9999-12", "farfuture1", "9999-12-31T23:59:59+00:00")
    _plant(data_dir, "0001-01", "farpast001", "0001-01-01T00:00:00+05:00")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        assert app.screen.query_one(DataTable).row_count == 1
        await app.workers.wait_for_complete()
        await pilot.pause()
        notice = app.screen.query_one("#journal-damaged", Static)
        assert notice.display
        words = str(notice.render())
        doctor = f"companion --data-dir {data_dir.resolve()} doctor"  # not the default folder
        assert f"2 damaged entries — see `{doctor}`" in words
        assert "farfuture1" in words and "farpast001" in words
        assert app.store.checkins.damaged() == ["farfuture1", "farpast001"]
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
    assert app.return_code in (None, 0)


async def test_the_journal_shows_stored_escapes_as_text(data_dir: Path, clock: FakeClock) -> None:
    app = build_app(data_dir, clock)
    _plant(data_dir, "2026-11", "hostile01", "2026-11-21T08:00:00+00:00", f"sore {ESCAPES}")
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        note = str(table.get_row_at(0)[-1])
        assert "\x1b" not in note and "␛]0;PWNED␇␛[2J" in note


async def test_the_form_shows_stored_escapes_and_refuses_new_ones(
    data_dir: Path, clock: FakeClock
) -> None:
    app = build_app(data_dir, clock)
    _plant(data_dir, "2026-11", "hostile01", "2026-11-21T08:00:00+00:00", f"sore {ESCAPES}")
    async with app.run_test(size=(80, 24)) as pilot:
        entry = app.store.checkins.get("hostile01")
        app.push_screen(CheckinScreen(entry))
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        assert "\x1b" not in area.text and "␛]0;PWNED␇" in area.text
        area.text = "new \x1b]52;c;aGk=\x07"
        current_screen(app, CheckinScreen).action_save()
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        error = str(app.screen.query_one("#when-error").render())
        assert "Note: holds a control character (U+001B)" in error
        assert present(app.store.checkins.get("hostile01")).note == f"sore {ESCAPES}"


async def test_a_journal_without_damage_shows_no_notice(data_dir: Path, clock: FakeClock) -> None:
    app = build_app(data_dir, clock)
    app.store.checkins.add(checkin(clock.now(), pain=3))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not app.screen.query_one("#journal-damaged", Static).display
