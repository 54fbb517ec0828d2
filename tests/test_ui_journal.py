"""Pilot tests of the journal: newest first, paging, filter, edit, trash, restore."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import DataTable, Input

from companion.core.ids import new_id
from companion.core.records import CheckIn
from companion.screens.checkin import CheckinScreen
from companion.screens.confirm import ConfirmScreen
from companion.screens.journal import PAGE_SIZE, JournalScreen
from tests.store_helpers import present
from tests.ui import build_app, current_screen


def _add(app, clock, hours_ago: int, pain: int, note: str = "") -> CheckIn:
    at = clock.now() - timedelta(hours=hours_ago)
    return app.store.checkins.add(CheckIn(id=new_id(at), at=at, pain=pain, note=note))


async def test_newest_first_and_edit(data_dir, clock):
    app = build_app(data_dir, clock)
    old = _add(app, clock, 30, 3, "yesterday")
    new = _add(app, clock, 1, 6, "this morning")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert [row.value for row in table.rows] == [new.id, old.id]
        table.focus()
        await pilot.press("enter")
        await pilot.pause()
        current_screen(app, CheckinScreen)
        await pilot.press("4", "ctrl+s")
        await pilot.pause()
        current_screen(app, JournalScreen)
        edited = present(app.store.checkins.get(new.id))
        assert (edited.pain, edited.note, edited.updated_at) == (4, "this morning", clock.now())
        assert str(table.get_row(new.id)[1]) == "4"


async def test_delete_asks_then_trash_and_restore(data_dir, clock):
    app = build_app(data_dir, clock)
    entry = _add(app, clock, 2, 5)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        app.screen.query_one(DataTable).focus()
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert not present(app.store.checkins.get(entry.id)).in_trash
        await pilot.press("delete", "y")
        await pilot.pause()
        assert present(app.store.checkins.get(entry.id)).in_trash
        assert app.screen.query_one(DataTable).row_count == 0
        await pilot.press("T")
        await pilot.pause()
        assert app.screen.query_one(DataTable).row_count == 1
        await pilot.press("r")
        await pilot.pause()
        assert not present(app.store.checkins.get(entry.id)).in_trash
        await pilot.press("T")
        await pilot.pause()
        assert [row.value for row in app.screen.query_one(DataTable).rows] == [entry.id]


async def test_text_and_date_filter(data_dir, clock):
    app = build_app(data_dir, clock)
    _add(app, clock, 1, 6, "long drive to work")
    _add(app, clock, 50, 3, "walked to the shops")
    _add(app, clock, 75, 4, "another drive")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "slash", *"drive")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        app.screen.query_one("#filter-since", Input).value = "2026-11-20"
        app.screen.query_one("#filter-since").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert table.row_count == 1
        app.screen.query_one("#filter-until", Input).value = "21 Nov"
        app.screen.query_one("#filter-until").focus()
        await pilot.press("enter")
        await pilot.pause()
        status = str(app.screen.query_one("#journal-status").render())
        assert "'to' date must look like 2026-11-21" in status


async def test_pages_load_lazily(data_dir, clock):
    app = build_app(data_dir, clock)
    entries = []
    for hour in range(PAGE_SIZE * 2 + 5):
        at = clock.now() - timedelta(hours=hour)
        entries.append(CheckIn(id=new_id(at), at=at, pain=hour % 11))
    app.store.import_records(checkins=entries)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == PAGE_SIZE
        table.focus()
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert table.row_count == PAGE_SIZE * 2
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert table.row_count == len(entries)


async def test_entries_from_another_process_appear_on_return(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        assert app.screen.query_one(DataTable).row_count == 0
        from companion.store import Store

        other = Store.open(data_dir, clock)  # a second process, as far as files go
        at = clock.now()
        other.checkins.add(CheckIn(id=new_id(at), at=at, pain=2))
        await pilot.press("d", "j")
        await pilot.pause()
        assert app.screen.query_one(DataTable).row_count == 1


async def test_notes_are_shown_as_written_never_as_markup(data_dir, clock):
    app = build_app(data_dir, clock)
    entry = _add(app, clock, 1, 4, "[left leg] sore after [b]sitting")
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert str(table.get_row(entry.id)[5]) == "[left leg] sore after [b]sitting"


async def test_first_visit_loads_once_and_does_not_reparse_the_css(data_dir, clock, monkeypatch):
    """Textual sends two ScreenResume events and would re-parse every stylesheet
    twice when a screen is first shown; the journal does neither."""
    loads = []
    monkeypatch.setattr(JournalScreen, "reload", lambda self: loads.append(self))
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        refreshes = []
        monkeypatch.setattr(app, "refresh_css", lambda **_: refreshes.append(1))
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        assert (len(loads), refreshes) == (1, [])
        await pilot.press("d", "j")  # shown again: read again (another process may have written)
        await pilot.pause()
        assert len(loads) == 2


async def test_a_theme_change_still_restyles_a_screen_made_before_it(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        before = table.styles.background
        await pilot.press("d")
        await pilot.pause()
        app.theme = "textual-light" if app.current_theme.dark else "textual-dark"
        await pilot.pause()
        await pilot.press("j")
        await pilot.pause()
        assert table.styles.background != before


def _two_devices(app, data_dir, clock, tmp_path, hosts=("server", "laptop")):
    """An entry written here and one on a second device, synced; each device named
    by ``hosts``. Returns (here, there)."""
    from companion.store import Store
    from tests.sync_helpers import sync_all

    other = Store.open(tmp_path / "laptop", clock)
    here = _add(app, clock, 2, 5, "on the server")
    at = clock.now() - timedelta(hours=1)
    there = other.checkins.add(CheckIn(id=new_id(at), at=at, pain=3, note="on the laptop"))
    for device, host in zip((app.store.device, other.device), hosts, strict=True):
        for folder in (data_dir, tmp_path / "laptop"):
            record = folder / "devices" / f"{device}.json"
            if record.exists():
                record.write_text(f'{{"id": "{device}", "host": "{host}", "schema": 2}}')
    sync_all([data_dir, tmp_path / "laptop"])
    return here, there


async def test_a_journal_from_two_devices_says_where_each_entry_came_from(
    data_dir, clock, tmp_path
):
    app = build_app(data_dir, clock)
    here, there = _two_devices(app, data_dir, clock, tmp_path)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert [str(table.get_row(key)[-1]) for key in (there.id, here.id)] == [
            "laptop",
            "server",
        ]


async def test_long_device_names_keep_the_journal_within_80_columns(data_dir, clock, tmp_path):
    """A name wider than its column made the table scroll sideways, and the
    scrollbar appearing after the first frame sent the table again."""
    app = build_app(data_dir, clock)
    here, _ = _two_devices(app, data_dir, clock, tmp_path, ("raspberrypi", "work-laptop"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert str(table.get_row(here.id)[-1]) == "raspb…"
        assert not table.show_horizontal_scrollbar


async def test_escape_leaves_the_filter_box_before_the_journal(data_dir, clock):
    from textual.widgets import Input

    app = build_app(data_dir, clock)
    _add(app, clock, 1, 6, "calf tight")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "slash", *"calf", "escape")
        current_screen(app, JournalScreen)
        assert app.screen.query_one("#journal-table", DataTable).has_focus
        await pilot.press("d", "j", "slash")
        filter_text = app.screen.query_one("#filter-text", Input)
        assert filter_text.has_focus
        assert filter_text.value == "calf"  # no stray "/"


async def test_results_match_the_filters_shown_after_a_bad_date(data_dir, clock):
    app = build_app(data_dir, clock)
    _add(app, clock, 1, 6, "long drive")
    _add(app, clock, 50, 3, "walk")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "slash", *"drive")
        table = app.screen.query_one(DataTable)
        app.screen.query_one("#filter-since", Input).value = "2026-13-01"
        await pilot.pause()
        assert table.row_count == 0  # a filter that cannot be read chooses nothing
        assert "'from' date must look like" in str(app.screen.query_one("#journal-status").render())
        app.screen.query_one("#filter-text", Input).value = ""
        await pilot.pause()
        assert table.row_count == 0
        app.screen.query_one("#filter-since", Input).value = ""
        await pilot.pause()
        assert table.row_count == 2
        assert "error" not in app.screen.query_one("#journal-status").classes


async def test_trash_shows_restore_and_escape_returns_to_the_journal(data_dir, clock):
    app = build_app(data_dir, clock)
    _add(app, clock, 1, 6)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        keys = {b.binding.key for b in app.screen.active_bindings.values() if b.enabled}
        assert "r" not in keys
        await pilot.press("delete", "y", "T")
        keys = {b.binding.key for b in app.screen.active_bindings.values() if b.enabled}
        assert "r" in keys
        await pilot.press("escape")
        assert isinstance(app.screen, JournalScreen)
        assert not app.screen.showing_trash


async def test_preview_shows_the_whole_note_and_old_dates_their_year(data_dir, clock):
    app = build_app(data_dir, clock)
    long_note = "Sore after the long drive; " * 6 + "the end."
    _add(app, clock, 1, 6, long_note)
    _add(app, clock, 24 * 400, 2, "last year")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        preview = str(app.screen.query_one("#journal-preview").render())
        assert "the end." in preview.replace("\n", " ")
        table = app.screen.query_one(DataTable)
        assert "2025" in str(table.get_row_at(1)[0])
        await pilot.press("down")
        assert "last year" in str(app.screen.query_one("#journal-preview").render())


async def test_filter_by_descriptor_and_score_and_the_preview_shows_them(data_dir, clock):
    app = build_app(data_dir, clock)
    for hours_ago, feels, sleep in ((1, ("burning",), 7), (30, ("aching",), 2), (60, (), None)):
        at = clock.now() - timedelta(hours=hours_ago)
        entry = CheckIn(
            id=new_id(at),
            at=at,
            pain=5,
            descriptors=feels,
            sleep_interference=sleep,
            sitting_minutes=15 if sleep else None,
        )
        app.store.checkins.add(entry)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        preview = str(app.screen.query_one("#journal-preview").render())
        assert "Feels: burning" in preview
        assert "Pain got in the way of sleep 7/10; can sit 15 minutes" in preview
        table = app.screen.query_one(DataTable)
        await pilot.press("slash", *"burning")
        await pilot.pause()
        assert table.row_count == 1
        app.screen.query_one("#filter-text", Input).value = "sleep<5"
        await pilot.pause()
        assert table.row_count == 1
        preview = str(app.screen.query_one("#journal-preview").render())
        assert "Feels: aching" in preview
        app.screen.query_one("#filter-text", Input).value = "sitting<=15"
        await pilot.pause()
        assert table.row_count == 2


async def test_the_note_column_takes_the_free_width_and_every_column_fits(data_dir, clock):
    app = build_app(data_dir, clock)
    _add(app, clock, 1, 6, "Sore after the long drive to my sister's, then better after a walk")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        table = app.screen.query_one(DataTable)

        def fits() -> str:
            widths = sum(column.get_render_width(table) for column in table.columns.values())
            assert widths <= table.size.width
            return str(table.get_row_at(0)[-1])

        note = fits()
        assert len(note) >= 28 and note.startswith("Sore after the long drive")
        assert note.endswith("…")
        await pilot.resize_terminal(120, 24)
        await pilot.pause()
        assert fits().endswith("then better after a walk")
