"""The repository API: saving, finding, editing, trashing and listing entries."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from companion.core.clock import FakeClock
from companion.core.errors import InvalidInputError
from companion.store import Store, resolve_data_dir
from tests.store_helpers import checkin, own, screening, session


@pytest.fixture
def store(data_dir: Path, clock: FakeClock) -> Store:
    return Store.open(data_dir, clock)


def test_add_then_get_returns_the_same_record(store: Store, clock: FakeClock) -> None:
    entry = checkin(clock.now(), 6, leg=7, where=("left calf",), note="after the drive")
    assert store.checkins.add(entry) == entry
    assert store.checkins.get(entry.id) == entry
    assert store.checkins.get("unknown-id") is None


def test_a_second_store_sees_what_the_first_saved(
    store: Store, data_dir: Path, clock: FakeClock
) -> None:
    other = Store.open(data_dir, clock)
    assert other.checkins.latest() is None  # caches the (missing) shard state
    entry = store.checkins.add(checkin(clock.now()))
    assert other.checkins.latest() == entry
    second = store.checkins.add(checkin(clock.now() + timedelta(minutes=1)))
    assert other.checkins.latest() == second


def test_entries_are_sharded_by_utc_month(store: Store, data_dir: Path) -> None:
    # 23:30 in New York on 31 October is already November in UTC.
    late = datetime.fromisoformat("2026-10-31T23:30:00-04:00")
    store.checkins.add(checkin(late))
    store.checkins.add(checkin(datetime(2026, 9, 2, tzinfo=UTC)))
    store.sessions.add(session(datetime(2026, 9, 3, tzinfo=UTC)))
    store.screenings.add(screening(datetime(2026, 9, 4, tzinfo=UTC)))
    assert sorted(p.name for p in (data_dir / "checkins").iterdir()) == [
        own(data_dir, "checkins", "2026-09").name,
        own(data_dir, "checkins", "2026-11").name,
    ]
    assert store.checkins.months() == ["2026-11", "2026-09"]
    assert store.sessions.months() == ["2026-09"]
    assert (own(data_dir, "screenings", "2026")).exists()
    assert store.screenings.months() == ["2026-09"]
    assert [c.at for c in store.checkins.in_month("2026-11")] == [late]
    with pytest.raises(ValueError, match="2026-11"):
        store.checkins.in_month("November")


def test_between_is_half_open_newest_first_and_reads_only_overlapping_shards(
    store: Store, data_dir: Path
) -> None:
    times = [datetime(2026, month, 10, tzinfo=UTC) for month in (1, 3, 5, 7)]
    for when in times:
        store.checkins.add(checkin(when))
    reader = Store.open(data_dir, store.clock)
    found = reader.checkins.between(times[1], times[3])
    assert [c.at for c in found] == [times[2], times[1]]
    assert reader.cache.parsed == 3  # March, May and July; never January
    assert [c.at for c in reader.checkins.between(None, times[1])] == [times[0]]
    assert [c.at for c in reader.checkins.iter_all()] == list(reversed(times))


def test_update_moves_an_entry_to_its_new_month(store: Store, data_dir: Path) -> None:
    entry = store.checkins.add(checkin(datetime(2026, 11, 1, 9, tzinfo=UTC), 4))
    moved = replace(entry, at=datetime(2026, 10, 20, 9, tzinfo=UTC), pain=8)
    store.checkins.update(moved)
    assert store.checkins.get(entry.id) == moved
    assert store.checkins.months() == ["2026-10"]  # the emptied November file is gone
    assert not (own(data_dir, "checkins", "2026-11")).exists()
    same_month = replace(moved, note="edited")
    store.checkins.update(same_month)
    assert store.checkins.get(entry.id) == same_month
    with pytest.raises(KeyError):
        store.checkins.update(checkin(datetime(2026, 10, 1, tzinfo=UTC)))


def test_trash_restore_and_purge(store: Store, clock: FakeClock) -> None:
    kept = store.checkins.add(checkin(clock.now() - timedelta(hours=2)))
    binned = store.checkins.add(checkin(clock.now() - timedelta(hours=1)))
    trashed = store.checkins.trash(binned.id)
    assert trashed.deleted_at == clock.now()
    assert store.checkins.get(binned.id) == trashed  # still on disk
    assert store.checkins.between(None, None) == [kept]
    assert store.checkins.latest() == kept
    assert store.checkins.trashed() == [trashed]
    assert store.checkins.restore(binned.id) == binned
    assert store.checkins.trashed() == []
    with pytest.raises(ValueError, match="not in the trash"):
        store.checkins.purge(binned.id)
    store.checkins.trash(binned.id)
    store.checkins.purge(binned.id)
    assert store.checkins.get(binned.id) is None
    with pytest.raises(KeyError):
        store.checkins.trash(binned.id)


def test_adding_the_same_id_twice_is_refused(store: Store, clock: FakeClock) -> None:
    entry = store.checkins.add(checkin(clock.now()))
    with pytest.raises(ValueError, match="already exists"):
        store.checkins.add(entry)
    with pytest.raises(TypeError):
        store.checkins.add(session(clock.now()))  # type: ignore[arg-type]


def test_import_records_skips_ids_already_present(store: Store, clock: FakeClock) -> None:
    entries = [checkin(clock.now() - timedelta(days=d)) for d in range(40)]
    sessions = [session(clock.now() - timedelta(days=d)) for d in range(3)]
    first = store.import_records(checkins=entries, sessions=sessions)
    assert (first.checkins_added, first.sessions_added, first.skipped) == (40, 3, 0)
    store.checkins.trash(entries[0].id)
    again = store.import_records(checkins=entries, sessions=sessions, screenings=[])
    assert again.added == 0 and again.skipped == 43
    assert (
        again.describe()
        == "added 0 check-ins, 0 sessions, 0 screenings; skipped 43 already present"
    )
    assert len(store.checkins.between(None, None)) == 39  # the trashed one stays trashed


def test_import_result_describes_counts_in_words() -> None:
    from companion.store import ImportResult

    text = ImportResult(120, 30, 1, 3).describe()
    assert text == "added 120 check-ins, 30 sessions, 1 screening; skipped 3 already present"


def test_settings_round_trip_and_validation(store: Store, data_dir: Path) -> None:
    assert store.load_settings().daily_target == 2
    store.update_settings(daily_target=3, theme="nord")
    reopened = Store.open(data_dir, store.clock)
    assert reopened.load_settings().daily_target == 3
    assert reopened.load_settings().theme == "nord"
    with pytest.raises(InvalidInputError, match="daily_target"):
        store.update_settings(daily_target=7)
    with pytest.raises(InvalidInputError, match="colour"):
        store.update_settings(colour="red")


def test_resolve_data_dir_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPANION_DATA_DIR", str(tmp_path / "env"))
    assert resolve_data_dir(str(tmp_path / "cli")) == tmp_path / "cli"
    assert resolve_data_dir(None) == tmp_path / "env"
    monkeypatch.delenv("COMPANION_DATA_DIR")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_data_dir(None) == tmp_path / "xdg" / "companion"


def test_a_shard_is_a_plain_tinydb_database_keyed_by_entry_id(
    store: Store, data_dir: Path, clock: FakeClock
) -> None:
    from tinydb.storages import JSONStorage

    from companion.store.transaction import ShardDB

    entry = store.checkins.add(checkin(clock.now(), 7))
    shard = own(data_dir, "checkins", "2026-11")
    with ShardDB(shard, storage=JSONStorage, access_mode="r") as database:
        document = database.table("checkins").get(doc_id=entry.id)
    assert document is not None and document["pain"] == 7
    assert shard.read_text().count("\n") == 3  # one line per entry, readable and diffable


def test_records_come_back_as_stored(store: Store, clock: FakeClock) -> None:
    clock.current = clock.current.replace(microsecond=123_456)
    saved = store.checkins.add(checkin(clock.now(), where=("Left  Calf",)))
    assert saved.at.microsecond == 0 and saved.where == ("left calf",)
    assert store.checkins.get(saved.id) == saved
    trashed = store.checkins.trash(saved.id)
    assert store.checkins.get(saved.id) == trashed
