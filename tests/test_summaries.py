"""The store's cache of daily summaries: always equal to a full read of the merged journal."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import companion.store.summaries as summaries
from companion.core.clock import FakeClock
from companion.core.insights.daily import DaySummary, summarise
from companion.store import Store
from companion.store.devices import IGNORE_FILES
from companion.store.summaries import CACHE_NAME
from tests.conftest import FIXED_NOW
from tests.store_helpers import checkin, session, summary_fields
from tests.sync_helpers import sync_all

ZONE = timezone(timedelta(hours=2))


def full(store: Store, zone: timezone = ZONE) -> dict[date, tuple[object, ...]]:
    """Every live entry read and summarised afresh."""
    days = summarise(store.checkins.between(None, None), store.sessions.between(None, None), zone)
    return summary_fields(days)


@pytest.fixture
def worked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many months each call to ``days`` worked out from entries."""
    counted: list[int] = []
    real = summarise  # the function summaries calls, patched there below

    def counting(*args: object, **kwargs: object) -> dict[date, DaySummary]:
        counted.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(summaries, "summarise", counting)
    return counted


def months_back(n: int, day: int = 10) -> datetime:
    at = FIXED_NOW.replace(day=day)
    for _ in range(n):
        at = (at.replace(day=1) - timedelta(days=1)).replace(day=day)
    return at


def test_only_changed_months_are_worked_out_again(data_dir, clock, worked) -> None:
    store = Store.open(data_dir, clock)
    for n in range(4):
        store.checkins.add(checkin(months_back(n), 2 + n, triggers=("Sitting",)))
        store.sessions.add(session(months_back(n) + timedelta(hours=1)))
    assert summary_fields(store.summaries.days(ZONE)) == full(store)
    assert len(worked) == 4
    path = data_dir / CACHE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    worked.clear()
    assert summary_fields(Store.open(data_dir, clock).summaries.days(ZONE)) == full(store)
    assert worked == []
    store.checkins.add(checkin(months_back(2, day=11), 9))
    assert summary_fields(store.summaries.days(ZONE)) == full(store)
    assert len(worked) == 1
    worked.clear()
    entry = store.checkins.between(None, None)[-1]
    store.checkins.trash(entry.id)
    assert summary_fields(store.summaries.days(ZONE)) == full(store)
    assert len(worked) == 1


def test_days_read_without_details_keep_them_in_the_cache(data_dir, clock, worked) -> None:
    """The trends read the days without their details (notes for the clinician, pain
    descriptors, sitting times); a write-back in between (a month changed) keeps the
    unread details, so a later full read still has every one."""
    store = Store.open(data_dir, clock)
    for n in range(3):
        store.checkins.add(
            checkin(
                months_back(n),
                3,
                note=f"note {n}",
                for_clinician=True,
                descriptors=("burning",),
                sitting_minutes=10 + n,
            )
        )
    store.summaries.days(ZONE)
    store.checkins.add(checkin(months_back(0, day=12), 7))
    worked.clear()
    without = Store.open(data_dir, clock).summaries.days(ZONE, details=False)
    assert len(worked) == 1  # only the changed month, and the cache was written again
    # The changed month was worked out from its entries; the others were read without details.
    assert [n.note for s in without.values() for n in s.notes] == ["note 0"]
    assert sum(len(s.sitting) for s in without.values()) == 1
    assert sum(s.descriptors.get("burning", 0) for s in without.values()) == 1
    worked.clear()
    again = Store.open(data_dir, clock).summaries.days(ZONE)
    assert worked == []
    assert summary_fields(again) == full(store)
    assert sorted(n.note for s in again.values() for n in s.notes) == ["note 0", "note 1", "note 2"]


def test_another_zone_works_everything_out_again(data_dir, clock, worked) -> None:
    store = Store.open(data_dir, clock)
    store.checkins.add(checkin(datetime(2026, 10, 31, 23, 30, tzinfo=UTC), 4))
    store.summaries.days(ZONE)
    worked.clear()
    assert list(store.summaries.days(UTC)) == [date(2026, 10, 31)]
    assert list(store.summaries.days(ZONE)) == [date(2026, 11, 1)]
    assert len(worked) == 2


def test_a_move_between_months_and_other_devices_files_count(tmp_path, clock) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    first, second = Store.open(one, clock), Store.open(two, clock)
    entry = first.checkins.add(checkin(months_back(1), 3))
    sync_all([one, two])
    assert summary_fields(second.summaries.days(ZONE)) == full(second)
    clock.advance(60)
    moved = second.checkins.update(replace(entry, at=months_back(0), pain=8))
    assert summary_fields(second.summaries.days(ZONE)) == full(second)  # cached: in this month
    clock.advance(60)
    first.checkins.update(replace(entry, pain=1, note="edited before the move arrived"))
    sync_all([one, two])
    for store in (first, second):  # the later edit wins: back in the month before
        assert summary_fields(store.summaries.days(ZONE)) == full(store)
        assert months_back(1).date() in store.summaries.days(ZONE)
        assert months_back(0).date() not in store.summaries.days(ZONE)
    assert moved.id in {c.id for c in first.checkins.between(None, None)}


@pytest.mark.parametrize(
    "content",
    [
        b"{ not json",
        b"[]",
        orjson.dumps({"version": 2, "zone": "offset:7200000000", "months": {"2026-11": 5}}),
        orjson.dumps(
            {"version": 2, "zone": "offset:7200000000", "months": {"2026-11": [[], {"x": []}]}}
        ),
    ],
)
def test_a_damaged_cache_is_ignored(data_dir, clock, content) -> None:
    store = Store.open(data_dir, clock)
    store.checkins.add(checkin(FIXED_NOW, 6, where=("left calf",)))
    (data_dir / CACHE_NAME).write_bytes(content)
    assert summary_fields(store.summaries.days(ZONE)) == full(store)


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("checkins", [-1]),
        ("pain_sum", [True]),
        ("pain_sum", [1, 2]),
        ("pain_max", [2**50]),
        ("day", [0]),
        ("triggers", {"walk": [1]}),
        ("areas", {"left calf": [0]}),
        ("sessions", {"basics": [5, 1, 0]}),
        ("notes", [[0, {"id": "x"}]]),
        ("notes", [[3, {}]]),
        ("pain_max", [11]),
        ("pain_min", [-2]),
        ("sleep_sum", [-1]),
        ("sleep_count", [1.5]),
        ("descriptors", {"tickly": [0, 1]}),
        ("descriptors", {"burning": [0]}),
        ("descriptors", {"burning": [7, 1]}),
        ("sitting", [[0, 2**62, "x", 30]]),
        ("sitting", [[0, 0, "x", 24 * 60 + 1]]),
        ("sitting", [[0, 0, "x" * 20_000, 30]]),
        ("sitting", [[0, 0, 5, 30]]),
        ("sitting", [[0, 0, "x"]]),
    ],
)
def test_a_tampered_cache_is_not_believed(data_dir, clock, column, value) -> None:
    store = Store.open(data_dir, clock)
    store.checkins.add(
        checkin(
            FIXED_NOW,
            6,
            where=("left calf",),
            descriptors=("burning",),
            sleep_interference=4,
            sitting_minutes=30,
        )
    )
    expected = summary_fields(store.summaries.days(ZONE))
    raw = orjson.loads((data_dir / CACHE_NAME).read_bytes())
    for _key, columns in raw["months"].values():
        columns[column] = value
    (data_dir / CACHE_NAME).write_bytes(orjson.dumps(raw))
    assert Store.open(data_dir, clock).summaries._read("offset:7200000000") == {}
    assert summary_fields(Store.open(data_dir, clock).summaries.days(ZONE)) == expected


@pytest.mark.parametrize("details", [True, False])
def test_a_cache_with_days_out_of_order_is_not_believed(data_dir, clock, details) -> None:
    """Each month's days are written oldest first, once each: the details find their
    day by position, so a repeated or reordered day is a cache this module did not write."""
    store = Store.open(data_dir, clock)
    store.checkins.add(checkin(FIXED_NOW - timedelta(days=1), 3, sitting_minutes=20))
    store.checkins.add(checkin(FIXED_NOW, 6, sitting_minutes=30))
    store.summaries.days(ZONE)
    raw = orjson.loads((data_dir / CACHE_NAME).read_bytes())
    for _key, columns in raw["months"].values():
        assert len(columns["day"]) == 2
        columns["day"] = [columns["day"][1], columns["day"][1]]
    (data_dir / CACHE_NAME).write_bytes(orjson.dumps(raw))
    assert Store.open(data_dir, clock).summaries._read("offset:7200000000", details) == {}


def test_a_cache_claiming_other_numbers_for_changed_files_is_not_believed(data_dir, clock) -> None:
    store = Store.open(data_dir, clock)
    store.checkins.add(checkin(FIXED_NOW, 6))
    store.summaries.days(ZONE)
    raw = orjson.loads((data_dir / CACHE_NAME).read_bytes())
    for _key, columns in raw["months"].values():
        columns["pain_sum"] = [10 for _ in columns["pain_sum"]]
    (data_dir / CACHE_NAME).write_bytes(orjson.dumps(raw))
    store.checkins.add(checkin(FIXED_NOW + timedelta(minutes=5), 2))
    assert summary_fields(store.summaries.days(ZONE)) == full(store)


def test_a_huge_cache_is_not_read(data_dir, clock, monkeypatch) -> None:
    store = Store.open(data_dir, clock)
    store.checkins.add(checkin(FIXED_NOW, 6))
    store.summaries.days(ZONE)
    monkeypatch.setattr(summaries, "MAX_CACHE_BYTES", 10)
    assert Store.open(data_dir, clock).summaries._read("offset:7200000000") == {}


def test_a_fifo_in_the_caches_place_is_not_waited_on(data_dir, clock) -> None:
    store = Store.open(data_dir, clock)
    store.checkins.add(checkin(FIXED_NOW, 6))
    os.mkfifo(data_dir / CACHE_NAME)  # opening it to read would wait for a writer for ever
    assert summary_fields(store.summaries.days(ZONE)) == full(store)


def test_the_cache_is_never_synced() -> None:
    for text in IGNORE_FILES.values():
        assert CACHE_NAME in text.splitlines()[1:] or f"(?d){CACHE_NAME}" in text


def test_the_cache_is_never_synced_from_a_folder_set_up_before_it_existed(data_dir, clock):
    store = Store.open(data_dir, clock)
    store.checkins.add(checkin(clock.now(), 5))
    (data_dir / ".gitignore").write_text(".lock\n.device\n")  # as an older version wrote
    store.summaries.days(ZONE)
    assert (data_dir / CACHE_NAME).exists()
    assert CACHE_NAME in (data_dir / ".gitignore").read_text().splitlines()


step = st.tuples(
    st.sampled_from(["log", "stretch", "edit", "trash", "sync", "look", "import"]),
    st.integers(0, 1),
    st.integers(0, 95),
    st.integers(0, 10),
)
"""(what, which device, how many days ago or which entry, a pain score or a choice)."""


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(step, min_size=1, max_size=14))
def test_summaries_equal_a_full_read_whatever_happens(
    steps: list[tuple[str, int, int, int]],
) -> None:
    root = Path(tempfile.mkdtemp(prefix="companion-summaries-"))
    try:
        clock = FakeClock(current=FIXED_NOW)
        stores = [Store.open(root / "one", clock), Store.open(root / "two", clock)]
        for action, device, days_ago, value in steps:
            clock.advance(1)
            store = stores[device]
            at = FIXED_NOW - timedelta(days=days_ago, hours=5)
            entries = store.checkins.between(None, None)
            if action == "log":
                store.checkins.add(
                    checkin(
                        at,
                        value,
                        triggers=("walk",),
                        where=("left calf",),
                        descriptors=("burning", "aching")[: value % 3],
                        sleep_interference=value if value % 2 else None,
                        sitting_minutes=value * 10 if value % 3 else None,
                    )
                )
            elif action == "import":
                store.import_records(checkins=[checkin(at, value, descriptors=("electric",))])
            elif action == "stretch":
                store.sessions.add(session(at, aborted=value % 2 == 1))
            elif action == "edit" and entries:
                target = entries[days_ago % len(entries)]
                store.checkins.update(
                    replace(target, at=at, pain=value, sitting_minutes=value, descriptors=())
                )
            elif action == "trash" and entries:
                store.checkins.trash(entries[days_ago % len(entries)].id)
            elif action == "sync":
                sync_all([root / "one", root / "two"])
            elif action == "look":
                zone = (ZONE, UTC)[value % 2]
                assert summary_fields(store.summaries.days(zone)) == full(store, zone)
        for store in stores:
            assert summary_fields(store.summaries.days(ZONE)) == full(store)
            assert summary_fields(Store.open(store.data_dir, clock).summaries.days(ZONE)) == full(
                store
            )
            cache = store.data_dir / CACHE_NAME
            if cache.exists():
                assert stat.S_IMODE(os.stat(cache).st_mode) == 0o600
    finally:
        shutil.rmtree(root, ignore_errors=True)
