"""Pain descriptors, sleep interference and sitting tolerance: the record, the
store (older entries without them), export and import, the report and the
journal filter."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from companion.core.clock import FakeClock
from companion.core.errors import InvalidInputError
from companion.core.exchange import (
    CSV_COLUMNS,
    ImportFileError,
    export_csv,
    export_json,
    parse_import,
)
from companion.core.insights.journal import JournalFilter
from companion.core.records import CheckIn
from companion.core.report.html import render_html
from companion.core.report.model import build_report, pain_qualities
from companion.store import Store
from companion.store.salvage import salvage_shard
from companion.store.storage import decode, encode
from tests.store_helpers import checkin, own

NOW = datetime(2026, 11, 21, 8, 30, tzinfo=UTC)
NEW_FIELDS = ("descriptors", "sleep_interference", "sitting_minutes")


def described(at: datetime = NOW, **changes: object) -> CheckIn:
    fields: dict[str, object] = {
        "descriptors": ("burning", "pins and needles"),
        "sleep_interference": 6,
        "sitting_minutes": 20,
    }
    fields.update(changes)
    return checkin(at, 6, **fields)


def test_the_record_keeps_them_in_its_stored_shape() -> None:
    entry = described()
    data = entry.to_dict()
    assert data["descriptors"] == ["burning", "pins and needles"]
    assert (data["sleep_interference"], data["sitting_minutes"]) == (6, 20)
    assert CheckIn.from_dict(data) == entry


def test_an_older_record_without_them_is_still_valid() -> None:
    data = described().to_dict()
    for name in NEW_FIELDS:
        del data[name]
    entry = CheckIn.from_dict(data)
    assert (entry.descriptors, entry.sleep_interference, entry.sitting_minutes) == ((), None, None)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("descriptors", ["stabbing"], "descriptors[0]: must be one of burning, shooting"),
        ("descriptors", "burning, cold", "descriptors[1]: must be one of"),
        ("descriptors", 7, "descriptors: must be a list of labels"),
        ("sleep_interference", 11, "sleep_interference: must be from 0 to 10, not 11"),
        ("sleep_interference", "lots", "sleep_interference: must be a whole number"),
        ("sitting_minutes", -1, "sitting_minutes: must be from 0 to 1440, not -1"),
        ("sitting_minutes", 100_000, "sitting_minutes: must be from 0 to 1440"),
    ],
)
def test_bad_values_name_the_field(field: str, value: object, message: str) -> None:
    data = described().to_dict()
    data[field] = value
    with pytest.raises(InvalidInputError) as caught:
        CheckIn.from_dict(data, prefix="checkins[0].")
    assert message in f"{caught.value.field}: {caught.value.problem}"
    assert caught.value.field.startswith(f"checkins[0].{field}")


def test_descriptors_take_other_spellings_and_keep_one_order() -> None:
    data = described().to_dict()
    data["descriptors"] = "Pins & Needles, electric shocks, BURNING, burning, achy"
    entry = CheckIn.from_dict(data)
    assert entry.descriptors == ("burning", "electric", "aching", "pins and needles")


def test_old_shards_are_read_and_salvaged_without_the_new_fields(
    data_dir: Path, clock: FakeClock
) -> None:
    store = Store.open(data_dir, clock)
    entry = store.checkins.add(described(clock.now()))
    shard = own(data_dir, "checkins", "2026-11")
    tables = decode(shard.read_bytes(), shard)
    for doc in tables["checkins"].values():
        for name in NEW_FIELDS:
            del doc[name]
    old = encode(tables)
    shard.write_bytes(old)
    read = Store.open(data_dir, clock).checkins.get(entry.id)
    assert read is not None and read.descriptors == () and read.sitting_minutes is None
    assert list(salvage_shard(old, "checkins").docs) == [entry.id]


def test_json_export_carries_them_and_an_older_export_imports() -> None:
    entries = [described(NOW - timedelta(days=1)), checkin(NOW, 3)]
    raw = export_json(checkins=entries, sessions=[], screenings=[], exported_at=NOW)
    document = orjson.loads(raw)
    assert document["checkins"][0]["descriptors"] == ["burning", "pins and needles"]
    assert document["checkins"][0]["sleep_interference"] == 6
    assert document["checkins"][1]["sitting_minutes"] is None
    assert parse_import(raw, "all.json", now=NOW).checkins == tuple(entries)
    for doc in document["checkins"]:
        for name in NEW_FIELDS:
            del doc[name]
    older = parse_import(orjson.dumps(document), "old.json", now=NOW)
    assert [c.descriptors for c in older.checkins] == [(), ()]


def test_csv_adds_the_columns_at_the_end_and_reads_older_sheets() -> None:
    entries = [described(NOW - timedelta(days=1)), checkin(NOW, 3)]
    text = export_csv(entries)
    header, first, second = text.splitlines()
    assert header.split(",")[-3:] == list(NEW_FIELDS)
    assert header.split(",")[:12] == list(CSV_COLUMNS[:12])
    assert first.endswith(",burning; pins and needles,6,20")
    assert second.endswith(",,,")
    assert parse_import(text.encode(), "journal.csv", now=NOW).checkins == tuple(entries)
    older = "at,pain,leg\n2026-11-20T08:00:00+00:00,5,6\n"
    (entry,) = parse_import(older.encode(), "hand.csv", now=NOW).checkins
    assert (entry.descriptors, entry.sleep_interference) == ((), None)


def test_a_bad_cell_in_a_new_column_names_the_line_and_field() -> None:
    text = "at,pain,descriptors,sitting_minutes\n2026-11-20T08:00:00+00:00,5,stabbing,\n"
    text += "2026-11-20T09:00:00+00:00,5,burning,2000\n"
    with pytest.raises(ImportFileError) as caught:
        parse_import(text.encode(), "hand.csv", now=NOW)
    assert "hand.csv:2: descriptors[0]: must be one of" in str(caught.value)
    assert "hand.csv:3: sitting_minutes: must be from 0 to 1440, not 2000" in str(caught.value)


def report_page(entries: list[CheckIn]) -> str:
    """The clinician report's HTML for ``entries`` over November 2026."""
    report = build_report(
        checkins=entries,
        sessions=[],
        measures=[],
        screening=None,
        start=date(2026, 11, 1),
        end=NOW.date(),
        zone=UTC,
        generated_at=NOW,
        daily_target=2,
    )
    return render_html(report)


def test_the_report_counts_descriptors_and_sums_up_sleep_and_sitting() -> None:
    entries = [
        described(NOW - timedelta(days=3), sitting_minutes=15),
        described(NOW - timedelta(days=2), descriptors=("shooting",), sleep_interference=2),
        described(NOW - timedelta(days=1), descriptors=("burning",), sitting_minutes=40),
        checkin(NOW, 2),
    ]
    qualities = pain_qualities(entries)
    assert qualities.descriptors == (("burning", 2), ("shooting", 1), ("pins and needles", 1))
    assert qualities.mean_sleep == pytest.approx(14 / 3) and qualities.sleep_count == 3
    assert qualities.sitting == (15, 20, 40)
    page = report_page(entries)
    assert "Pain described as: burning 2, shooting 1, pins and needles 1 (of 4 check-ins)" in page
    assert "interference with sleep: mean 4.7/10 over 3 nights" in page
    assert "Sitting tolerance: 15–40 minutes, latest 40 (3 answers)" in page


def test_a_report_without_them_says_nothing_about_them() -> None:
    page = report_page([checkin(NOW, 4)])
    assert "Pain described as" not in page and "Sitting tolerance" not in page


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("burning", [0, 2]),
        ("pins", [0]),
        ("sleep>=6", [0, 1]),
        ("sleep<6", [2]),
        ("sitting<=20", [0, 2]),
        ("sitting>20 burning", []),
        ("leg=7", [1]),
        ("SLEEP>=6 needles", [0]),
        ("sleep>>6", []),  # not a condition: a word no entry holds
    ],
)
def test_the_journal_filter_finds_descriptors_and_compares_scores(
    text: str, expected: list[int]
) -> None:
    entries = [
        described(NOW - timedelta(days=3), sleep_interference=8, sitting_minutes=20),
        described(NOW - timedelta(days=2), descriptors=("shooting",), leg=7, sitting_minutes=45),
        described(NOW - timedelta(days=1), descriptors=("burning",), sleep_interference=3),
        checkin(NOW, 2),
    ]
    entries[2] = CheckIn.from_dict({**entries[2].to_dict(), "sitting_minutes": 10})
    found = list(JournalFilter(text=text).apply(entries, UTC))
    assert found == [entries[i] for i in expected]
