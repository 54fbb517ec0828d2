"""Several devices, one journal: single-writer files, merging, and the upgrade from schema 1."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.__main__ import main
from companion.core.clock import FakeClock
from companion.core.errors import DamagedFileError
from companion.screens.data_error import DataErrorScreen
from companion.store import Store, command_for
from companion.store.devices import IGNORE_FILES, device_of
from companion.store.merge import resolve
from companion.store.storage import encode
from tests.conftest import FIXED_NOW
from tests.store_helpers import checkin
from tests.sync_helpers import copy_tree, device_id, sync, sync_all
from tests.ui import build_app


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Store, Store]:
    """Two devices: a server with a journal, and a laptop that received a copy of it."""
    server = Store.open(tmp_path / "server", FakeClock(current=FIXED_NOW))
    server.checkins.add(checkin(FIXED_NOW - timedelta(days=1), pain=6))
    copy_tree(server.data_dir, tmp_path / "laptop")
    laptop = Store.open(tmp_path / "laptop", FakeClock(current=FIXED_NOW))
    return server, laptop


def _journal(store: Store) -> list[tuple[str, int, bool]]:
    live = [(c.id, c.pain, False) for c in store.checkins.iter_all()]
    return sorted(live + [(c.id, c.pain, True) for c in store.checkins.trashed()])


def _later(*stores: Store, seconds: int = 60) -> None:
    for store in stores:
        assert isinstance(store.clock, FakeClock)
        store.clock.advance(seconds)


def test_a_copied_directory_becomes_a_new_device_that_writes_only_its_own_files(
    pair: tuple[Store, Store],
) -> None:
    server, laptop = pair
    assert server.device != laptop.device
    laptop.checkins.add(checkin(FIXED_NOW, pain=2))
    server_files = {p.name: p.read_bytes() for p in (server.data_dir / "checkins").iterdir()}
    sync(laptop.data_dir, server.data_dir)
    for path in (server.data_dir / "checkins").iterdir():
        if device_of(path.name) == server.device:
            assert server_files[path.name] == path.read_bytes()  # untouched by the sync
    assert {c.pain for c in server.checkins.iter_all()} == {6, 2}
    assert _journal(server) == _journal(laptop)


def test_an_edit_and_a_trash_on_two_devices_both_hold(pair: tuple[Store, Store]) -> None:
    server, laptop = pair
    entry = server.checkins.latest()
    assert entry is not None
    _later(server, laptop)
    laptop.checkins.update(entry.edited(laptop.clock.now(), pain=3))
    server.checkins.trash(entry.id)
    sync_all([server.data_dir, laptop.data_dir])
    for store in (server, laptop):
        merged = store.checkins.get(entry.id)
        assert merged is not None and merged.pain == 3 and merged.deleted_at is not None
    assert not list(server.checkins.iter_all()) and not list(laptop.checkins.iter_all())


def test_a_later_edit_wins_whatever_the_clocks_say(pair: tuple[Store, Store]) -> None:
    server, laptop = pair
    entry = server.checkins.latest()
    assert entry is not None
    laptop.checkins.update(entry.edited(laptop.clock.now(), pain=4))
    sync_all([server.data_dir, laptop.data_dir])
    assert isinstance(server.clock, FakeClock)
    server.clock.advance(-3600)  # the server's clock is an hour behind
    changed = server.checkins.get(entry.id)
    assert changed is not None and changed.pain == 4
    server.checkins.update(changed.edited(server.clock.now(), pain=9))
    sync_all([server.data_dir, laptop.data_dir])
    assert [c.pain for c in laptop.checkins.iter_all()] == [9]


def test_a_purge_holds_and_a_move_shows_the_entry_once(pair: tuple[Store, Store]) -> None:
    server, laptop = pair
    entry = server.checkins.latest()
    assert entry is not None
    moving = laptop.checkins.add(checkin(FIXED_NOW, pain=1))
    sync_all([server.data_dir, laptop.data_dir])
    server.checkins.trash(entry.id)
    server.checkins.purge(entry.id)
    earlier = moving.at - timedelta(days=40)  # another month
    laptop.checkins.update(moving.edited(laptop.clock.now(), at=earlier))
    sync_all([server.data_dir, laptop.data_dir])
    for store in (server, laptop):
        assert store.checkins.get(entry.id) is None
        assert [(c.id, c.at) for c in store.checkins.iter_all()] == [(moving.id, earlier)]
        assert store.checkins.months() == [f"{earlier:%Y-%m}"]


@pytest.mark.parametrize("mover_later", [True, False])
def test_a_move_and_an_edit_on_two_devices_converge_to_one_version(
    pair: tuple[Store, Store], mover_later: bool
) -> None:
    server, laptop = pair
    entry = server.checkins.latest()
    assert entry is not None
    earlier = entry.at - timedelta(days=40)  # another month
    _later(server, seconds=60 if mover_later else 180)
    _later(laptop, seconds=180 if mover_later else 60)
    server.checkins.update(entry.edited(server.clock.now(), pain=8, note="edited"))
    laptop.checkins.update(entry.edited(laptop.clock.now(), at=earlier))
    sync_all([server.data_dir, laptop.data_dir])
    for store in (server, laptop):
        (only,) = list(store.checkins.iter_all())
        won = (earlier, 6) if mover_later else (entry.at, 8)
        assert (only.id, only.at, only.pain) == (entry.id, *won)
        assert store.checkins.months() == [f"{only.at:%Y-%m}"]
    # A later change on either device outranks both versions.
    server.checkins.update(only.edited(server.clock.now() + timedelta(hours=1), pain=1))
    laptop.checkins.trash(entry.id)
    sync_all([server.data_dir, laptop.data_dir])
    for store in (server, laptop):
        assert not list(store.checkins.iter_all())
        assert [(c.id, c.pain) for c in store.checkins.trashed()] == [(entry.id, 1)]


def test_a_trash_of_an_entry_another_device_moved_holds(pair: tuple[Store, Store]) -> None:
    server, laptop = pair
    entry = server.checkins.latest()
    assert entry is not None
    _later(server, laptop)
    laptop.checkins.update(entry.edited(laptop.clock.now(), at=entry.at - timedelta(days=40)))
    server.checkins.trash(entry.id)
    sync_all([server.data_dir, laptop.data_dir])
    for store in (server, laptop):
        assert not list(store.checkins.iter_all())
        assert [c.id for c in store.checkins.trashed()] == [entry.id]
    server.checkins.purge(entry.id)
    sync_all([server.data_dir, laptop.data_dir])
    for store in (server, laptop):
        assert store.checkins.get(entry.id) is None and not store.checkins.trashed()
    moves = server.data_dir / "checkins" / f"moves.{laptop.device}.json"
    found = [f for f in server.doctor() if f.path == moves and "mode" not in f.message]
    assert [(f.level, f.message) for f in found] == [("ok", "parses (1 entry)")]


def test_settings_merge_key_by_key(pair: tuple[Store, Store]) -> None:
    server, laptop = pair
    server.update_settings(daily_target=3)
    _later(laptop)
    laptop.update_settings(bell=False)
    sync_all([server.data_dir, laptop.data_dir])
    for store in (server, laptop):
        settings = store.load_settings()
        assert (settings.daily_target, settings.bell) == (3, False)


def test_settings_conflict_copies_are_merged_key_by_key(pair: tuple[Store, Store]) -> None:
    server, laptop = pair
    server.update_settings(daily_target=3, region="north")
    _later(server)
    own = server.data_dir / f"settings.{server.device}.json"
    older = own.read_bytes()
    server.update_settings(bell=False)
    _later(server)
    server.update_settings(region="south")
    # A second machine that once wrote the same file: its copy has a newer daily
    # target and an older region than the file the sync tool kept.
    parked = orjson.loads(older)
    parked["daily_target"] = 1
    parked["_versions"]["daily_target"] = [2, "2099-01-01T00:00:00.000000+00:00"]
    copy = server.data_dir / f"settings.{server.device}.sync-conflict-20261201-101010-AB12.json"
    copy.write_bytes(orjson.dumps(parked))
    (server.data_dir / "settings (conflicted copy 2026-12-01).json").write_text("{not json")
    sync_all([server.data_dir, laptop.data_dir])
    for store in (server, laptop):
        settings = store.load_settings()
        assert (settings.daily_target, settings.region, settings.bell) == (1, "south", False)
    laptop.update_settings(theme="textual-light")  # a save keeps the merged values
    assert laptop.load_settings().daily_target == 1
    about_copy = [f for f in server.doctor() if f.path == copy and "conflict copy" in f.message]
    assert [f.level for f in about_copy] == ["warning"]
    assert "merged key by key" in about_copy[0].message


def test_a_purge_keeps_only_a_tombstone_and_ignore_files_are_written(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "data", FakeClock(current=FIXED_NOW))
    entry = store.checkins.add(checkin(FIXED_NOW, note="private words"))
    store.checkins.trash(entry.id)
    store.checkins.purge(entry.id)
    (shard,) = (tmp_path / "data" / "checkins").iterdir()
    assert b"private words" not in shard.read_bytes() and b'"_gone":true' in shard.read_bytes()
    assert store.checkins.get(entry.id) is None and store.checkins.trashed() == []
    for name, text in IGNORE_FILES.items():
        assert (tmp_path / "data" / name).read_text() == text


def test_schema_1_is_upgraded_in_place_and_conflict_copies_are_merged(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "checkins").mkdir(parents=True)
    (data / "meta.json").write_text('{"format": "companion-data", "schema": 1}')
    (data / "settings.json").write_text('{"daily_target": 3}')
    kept = checkin(FIXED_NOW, pain=5)
    edited = checkin(FIXED_NOW - timedelta(hours=2), pain=5)
    extra = checkin(FIXED_NOW - timedelta(hours=4), pain=7)
    shard = data / "checkins" / "2026-11.json"
    shard.write_bytes(encode({"checkins": {r.id: r.to_dict() for r in (kept, edited)}}))
    conflict = data / "checkins" / "2026-11.sync-conflict-20261120-101010-ABCDEFG.json"
    newer = edited.edited(FIXED_NOW, pain=2)
    conflict.write_bytes(encode({"checkins": {r.id: r.to_dict() for r in (newer, extra)}}))
    original = shard.read_bytes()

    store = Store.open(data, FakeClock(current=FIXED_NOW))
    assert any("schema 1 to 2" in n for n in store.notices)
    assert any("conflict copy" in n and conflict.name in n for n in store.notices)
    assert {c.id: c.pain for c in store.checkins.iter_all()} == {
        kept.id: 5,
        edited.id: 2,
        extra.id: 7,
    }
    assert store.load_settings().daily_target == 3
    assert not shard.exists() and not conflict.exists()
    assert sorted(p.name for p in (data / "checkins").iterdir()) == [f"2026-11.{store.device}.json"]
    copies = data / "backups" / f"pre-migration-1-to-2.{store.device}"
    assert (copies / "checkins" / "2026-11.json").read_bytes() == original
    assert (copies / "checkins" / conflict.name).exists()
    assert orjson.loads((data / "meta.json").read_bytes())["schema"] == 2
    assert device_id(data) == store.device


def test_doctor_lists_devices_and_warns_of_newer_writers_and_conflict_copies(
    pair: tuple[Store, Store],
) -> None:
    server, laptop = pair
    laptop.checkins.add(checkin(FIXED_NOW, pain=2))
    sync_all([server.data_dir, laptop.data_dir])
    record = server.data_dir / "devices" / f"{laptop.device}.json"
    data = orjson.loads(record.read_bytes())
    record.write_bytes(orjson.dumps({**data, "schema": 99}))
    copy = server.data_dir / "checkins" / "2026-11.sync-conflict-20261201-101010-ABCDEFG.json"
    copy.write_text("{}")
    findings = server.doctor()
    devices = [f.message for f in findings if f.path.name == "devices"]
    assert any(m.startswith(f"device {server.device}") and "(this device)" in m for m in devices)
    assert any(m.startswith(f"device {laptop.device}") and "last write" in m for m in devices)
    assert any("schema 99, newer than this version" in m for m in devices)
    about_copy = [f for f in findings if f.path == copy and "conflict copy" in f.message]
    assert [f.level for f in about_copy] == ["warning"]
    assert not any(f.level == "error" for f in findings)


_stamps = st.sampled_from(
    ["", "2026-11-01T00:00:00.000000+00:00", "2026-11-02T00:00:00.000000+00:00"]
)
_versions = st.lists(
    st.tuples(
        st.sampled_from(["2026-10", "2026-11"]),
        st.sampled_from(["aaaaaaaaaa", "bbbbbbbbbb"]),
        st.fixed_dictionaries(
            {"id": st.just("x"), "_rev": st.integers(0, 2), "_at": _stamps, "_dat": _stamps},
            optional={"_moved": st.just(True), "_gone": st.just(True)},
        ),
    ),
    min_size=1,
    max_size=4,
    unique_by=lambda version: (version[0], version[1]),  # one version per file
)


@given(versions=_versions, data=st.data())
def test_a_moved_entry_merges_the_same_whatever_order_its_versions_are_read(
    versions: list[tuple[str, str, dict[str, object]]], data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(versions))
    shard, merged = resolve(versions)
    assert (shard is None) == (merged.get("_gone") is True or merged.get("_moved") is True)
    if shard is not None:  # a purged entry is gone whichever tombstone is kept
        assert resolve(shuffled) == (shard, merged)
    else:
        assert resolve(shuffled)[0] is None


def test_the_weekly_offer_reads_the_oldest_month_not_every_month_of_two_devices(
    pair: tuple[Store, Store], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two devices' shards of a month must be read to know whether they hold
    entries; the dashboard's weekly offer needs only the oldest such month."""
    from companion.programme import is_weekly_due

    server, laptop = pair
    for ago in range(1, 13):
        server.checkins.add(checkin(FIXED_NOW - timedelta(days=31 * ago), pain=5))
        laptop.checkins.add(checkin(FIXED_NOW - timedelta(days=31 * ago + 2), pain=4))
    oldest = min(server.checkins.iter_all(), key=lambda c: c.at)
    server.checkins.trash(oldest.id)  # a month of trashed entries only is no month
    sync_all([server.data_dir, laptop.data_dir])
    months = server.checkins.months()
    assert server.checkins.oldest_month() == months[-1]

    read: list[str] = []
    load = type(server.checkins)._load

    def counting(self, name, listing=None):
        read.append(name)
        return load(self, name, listing)

    monkeypatch.setattr(type(server.checkins), "_load", counting)
    is_weekly_due(server, FIXED_NOW)
    assert len(set(read)) <= 2, read


def _damage_the_server_file_on_the_laptop(server: Store, laptop: Store) -> Path:
    """The laptop holds the server's check-ins file, cut short, beside its own."""
    laptop.checkins.add(checkin(FIXED_NOW, pain=2))
    (theirs,) = [
        path
        for path in (laptop.data_dir / "checkins").glob("*.json")
        if device_of(path.name) == server.device
    ]
    theirs.write_bytes(theirs.read_bytes()[:100])
    return theirs


def test_another_devices_damaged_file_is_refused_not_skipped(
    pair: tuple[Store, Store],
) -> None:
    server, laptop = pair
    theirs = _damage_the_server_file_on_the_laptop(server, laptop)
    reopened = Store.open(laptop.data_dir, FakeClock(current=FIXED_NOW))
    with pytest.raises(DamagedFileError) as caught:
        list(reopened.checkins.iter_all())
    assert caught.value.path == theirs
    with pytest.raises(DamagedFileError):
        reopened.checkins.between(FIXED_NOW - timedelta(days=7), None)


def test_export_refuses_another_devices_damaged_file(
    pair: tuple[Store, Store], capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    server, laptop = pair
    theirs = _damage_the_server_file_on_the_laptop(server, laptop)
    monkeypatch.setenv("COMPANION_NOW", FIXED_NOW.isoformat())
    code = main(["--data-dir", str(laptop.data_dir), "export"])
    captured = capsys.readouterr()
    assert code == 1 and captured.out == ""
    assert captured.err.startswith(f"companion: data file {theirs} is damaged")
    assert command_for(laptop.data_dir, "doctor --repair") in captured.err


def test_another_devices_damaged_moves_and_settings_files_are_refused(
    pair: tuple[Store, Store],
) -> None:
    server, laptop = pair
    moves = laptop.data_dir / "checkins" / f"moves.{server.device}.json"
    moves.write_bytes(b'{"moves": {"abc')
    with pytest.raises(DamagedFileError) as caught:
        list(Store.open(laptop.data_dir, FakeClock(current=FIXED_NOW)).checkins.iter_all())
    assert caught.value.path == moves
    moves.unlink()
    settings = laptop.data_dir / f"settings.{server.device}.json"
    settings.write_bytes(b'{"daily_target": ')
    with pytest.raises(DamagedFileError) as caught:
        Store.open(laptop.data_dir, FakeClock(current=FIXED_NOW)).load_settings()
    assert caught.value.path == settings


def test_a_sync_tools_partial_download_is_not_read(pair: tuple[Store, Store]) -> None:
    server, laptop = pair
    laptop.checkins.add(checkin(FIXED_NOW, pain=2))
    folder = laptop.data_dir / "checkins"
    for name in (f".syncthing.2026-11.{server.device}.json.tmp", f"~2026-11.{server.device}.json"):
        (folder / name).write_bytes(b'{"checkins": {"cut')
    reopened = Store.open(laptop.data_dir, FakeClock(current=FIXED_NOW))
    assert {c.pain for c in reopened.checkins.iter_all()} == {6, 2}


async def test_the_ui_shows_the_data_error_for_another_devices_damaged_file(
    pair: tuple[Store, Store],
) -> None:
    server, laptop = pair
    _damage_the_server_file_on_the_laptop(server, laptop)
    app = build_app(laptop.data_dir, FakeClock(current=FIXED_NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, DataErrorScreen)
