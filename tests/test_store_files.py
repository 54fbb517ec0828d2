"""Private permissions, atomic replacement, schema versions and migrations."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion.core.clock import FakeClock
from companion.core.errors import DataError, InvalidInputError
from companion.store import Store, migrations
from companion.store.atomic import stage, write_atomic
from tests.store_helpers import checkin, next_day, own, own_settings, present


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.usefixtures("umask_022")
def test_everything_is_private_under_umask_022(data_dir: Path, clock: FakeClock) -> None:
    store = Store.open(data_dir, clock)
    store.checkins.add(checkin(clock.now()))
    store.update_settings(daily_target=3)
    next_day(clock)
    store.checkins.add(checkin(clock.now()))  # makes a backup
    store.update_settings(daily_target=1)  # and one of the settings
    seen = set()
    for folder, _dirs, files in os.walk(data_dir):
        assert _mode(Path(folder)) == 0o700, folder
        for name in files:
            assert _mode(Path(folder, name)) == 0o600, name
            seen.add(name)
    assert {
        ".lock",
        "meta.json",
        own_settings(data_dir).name,
        own(data_dir, "checkins", "2026-11").name,
    } <= seen
    assert (data_dir / "backups" / "settings").is_dir()
    staged = stage(data_dir / "meta.json", b"{}")
    assert _mode(staged.temp) == 0o600  # temporary files too
    staged.temp.unlink()
    assert store.notices == []


def test_looser_modes_are_tightened_and_reported(data_dir: Path, clock: FakeClock) -> None:
    Store.open(data_dir, clock).checkins.add(checkin(clock.now()))
    shard = own(data_dir, "checkins", "2026-11")
    shard.chmod(0o644)
    data_dir.chmod(0o755)
    store = Store.open(data_dir, clock)
    assert f"tightened permissions of {shard} from 0644 to 0600" in store.notices
    assert f"tightened permissions of {data_dir} from 0755 to 0700" in store.notices
    assert _mode(shard) == 0o600 and _mode(data_dir) == 0o700
    assert Store.open(data_dir, clock).notices == []


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.json"
    write_atomic(target, b"old")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.json"]


def test_a_new_directory_records_the_current_schema(data_dir: Path, clock: FakeClock) -> None:
    Store.open(data_dir, clock)
    assert (data_dir / "meta.json").read_bytes().replace(b" ", b"").replace(b"\n", b"") == (
        b'{"format":"companion-data","schema":2}'
    )


def test_a_newer_schema_is_refused(data_dir: Path, clock: FakeClock) -> None:
    Store.open(data_dir, clock)
    (data_dir / "meta.json").write_text('{"format": "companion-data", "schema": 99}')
    with pytest.raises(DataError, match="newer version"):
        Store.open(data_dir, clock)


def test_a_foreign_directory_is_not_used(tmp_path: Path, clock: FakeClock) -> None:
    (tmp_path / "holiday.jpg").write_bytes(b"")
    with pytest.raises(InvalidInputError, match="holiday.jpg"):
        Store.open(tmp_path, clock)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["holiday.jpg"]


def test_a_file_in_the_way_of_the_data_directory_is_an_error(
    tmp_path: Path, clock: FakeClock
) -> None:
    (tmp_path / "file").write_text("")
    with pytest.raises(DataError, match=str(tmp_path / "file")):
        Store.open(tmp_path / "file" / "data", clock)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_an_unwritable_parent_is_an_error_naming_the_path(tmp_path: Path, clock: FakeClock) -> None:
    parent = tmp_path / "locked"
    parent.mkdir(mode=0o500)
    try:
        with pytest.raises(DataError, match=str(parent / "data")):
            Store.open(parent / "data", clock)
    finally:
        parent.chmod(0o700)


def test_a_registered_migration_runs_forward_once_and_keeps_copies(
    data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = Store.open(data_dir, clock).checkins.add(checkin(clock.now(), note="before"))
    shard = own(data_dir, "checkins", "2026-11")
    original = shard.read_bytes()
    runs: list[int] = []

    def add_a_note(context: migrations.MigrationContext) -> None:
        runs.append(1)
        for path in context.shard_files("checkins"):
            tables = context.read_shard(path)
            for doc in tables["checkins"].values():
                doc["note"] = "migrated"
            context.write_shard(path, tables)

    step = migrations.Migration(from_schema=2, description="notes say migrated", apply=add_a_note)
    monkeypatch.setattr(migrations, "MIGRATIONS", [step])
    monkeypatch.setattr(migrations, "CURRENT_SCHEMA", 3)

    store = Store.open(data_dir, clock)
    assert runs == [1]
    assert present(store.checkins.get(entry.id)).note == "migrated"
    assert any("schema 2 to 3" in notice for notice in store.notices)
    copy = data_dir / "backups" / "pre-migration-2-to-3" / "checkins" / shard.name
    assert copy.read_bytes() == original
    assert b'"schema": 3' in (data_dir / "meta.json").read_bytes()
    Store.open(data_dir, clock)
    assert runs == [1]  # not again


def test_a_missing_migration_step_changes_nothing(
    data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    Store.open(data_dir, clock)
    monkeypatch.setattr(migrations, "CURRENT_SCHEMA", 3)
    with pytest.raises(DataError, match="no migration from schema 2"):
        Store.open(data_dir, clock)
    assert b'"schema": 2' in (data_dir / "meta.json").read_bytes()
