"""Weekly measures: the record, its repository, export and import."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import orjson
import pytest

from companion.core.clock import FakeClock
from companion.core.errors import InvalidInputError
from companion.core.exchange import export_json, parse_import
from companion.core.records import WeeklyMeasures
from companion.store import Store
from companion.store.doctor import diagnose
from tests.store_helpers import checkin, measures, own

NOW = datetime(2026, 11, 21, 8, 30, tzinfo=UTC)


def test_scores_are_the_peg_mean_and_the_bothersomeness_total() -> None:
    answered = measures(NOW, peg=(7, 5, 6), sbi=(5, 2, 1, 6))
    assert answered.peg_score == 6.0
    assert answered.sbi_total == 14


def test_stored_shape_names_every_item() -> None:
    data = measures(NOW, peg=(7, 5, 6), sbi=(5, 2, 1, 6)).to_dict()
    assert data["peg"] == {"pain": 7, "enjoyment": 5, "activity": 6}
    assert data["sbi"] == {"leg_pain": 5, "numbness_tingling": 2, "weakness": 1, "sitting": 6}
    assert WeeklyMeasures.from_dict(data).sbi == (5, 2, 1, 6)


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        ({"sbi": {"leg_pain": 7, "numbness_tingling": 0, "weakness": 0}}, "sbi.leg_pain", "0 to 6"),
        ({"peg": {"pain": 3, "enjoyment": 11, "activity": 0}}, "peg.enjoyment", "0 to 10"),
        ({"peg": {"pain": 3, "enjoyment": 2}}, "peg.activity", "is missing"),
        ({"peg": [3, 2, 1]}, "peg", "pain, enjoyment, activity"),
    ],
)  # fmt: skip
def test_bad_items_are_named(change: dict, field: str, problem: str) -> None:
    data = measures(NOW).to_dict() | change
    with pytest.raises(InvalidInputError) as caught:
        WeeklyMeasures.from_dict(data, prefix="measures[0].")
    assert caught.value.field == f"measures[0].{field}"
    assert problem in str(caught.value)


def test_repository_keeps_one_file_a_year_and_finds_by_time(
    data_dir: Path, clock: FakeClock
) -> None:
    store = Store.open(data_dir, clock)
    older = store.measures.add(measures(datetime(2025, 12, 30, tzinfo=UTC)))
    newer = store.measures.add(measures(NOW - timedelta(days=3)))
    assert sorted(p.name for p in (data_dir / "measures").iterdir()) == [
        own(data_dir, "measures", "2025").name,
        own(data_dir, "measures", "2026").name,
    ]
    assert store.measures.latest() == newer
    assert store.measures.between(NOW - timedelta(days=7), None) == [newer]
    store.measures.trash(older.id)
    assert list(store.measures.iter_all()) == [newer]
    assert (data_dir / "measures").stat().st_mode & 0o077 == 0
    assert all(finding.level == "ok" for finding in diagnose(data_dir))


def test_doctor_names_a_damaged_measures_file(data_dir: Path, clock: FakeClock) -> None:
    store = Store.open(data_dir, clock)
    store.measures.add(measures(NOW))
    path = own(data_dir, "measures", "2026")
    document = orjson.loads(path.read_bytes())
    only = next(iter(document["measures"].values()))
    only["sbi"]["sitting"] = 9
    path.write_bytes(orjson.dumps(document))
    errors = [f for f in diagnose(data_dir) if f.level == "error"]
    assert [f.path for f in errors] == [path]
    assert "sbi.sitting" in errors[0].message


def test_export_has_a_measures_array_and_imports_back(data_dir: Path, clock: FakeClock) -> None:
    answered = measures(NOW - timedelta(days=1), peg=(4, 3, 2), sbi=(1, 0, 0, 2))
    raw = export_json(
        checkins=[checkin(NOW)], sessions=[], screenings=[], measures=[answered], exported_at=NOW
    )
    document = orjson.loads(raw)
    assert document["version"] == 1
    assert document["measures"] == [
        {
            "id": answered.id,
            "at": "2026-11-20T08:30:00+00:00",
            "peg": {"pain": 4, "enjoyment": 3, "activity": 2},
            "sbi": {"leg_pain": 1, "numbness_tingling": 0, "weakness": 0, "sitting": 2},
        }
    ]
    bundle = parse_import(raw, "backup.json")
    assert bundle.measures == (answered,)
    store = Store.open(data_dir, clock)
    result = store.import_records(checkins=bundle.checkins, measures=bundle.measures)
    assert result.measures_added == 1 and result.added == 2
    assert result.describe() == (
        "added 1 check-in, 0 sessions, 0 screenings, 1 weekly measure; skipped 0 already present"
    )
    again = store.import_records(measures=bundle.measures)
    assert (again.measures_added, again.skipped) == (0, 1)


def test_an_export_written_before_measures_existed_still_imports() -> None:
    older = orjson.dumps(
        {
            "format": "companion-export",
            "version": 1,
            "exported_at": "2026-11-21T08:30:00+00:00",
            "checkins": [checkin(NOW).to_dict()],
            "sessions": [],
            "screenings": [],
        }
    )
    bundle = parse_import(older, "old.json")
    assert len(bundle.checkins) == 1 and bundle.measures == ()


def test_bad_measures_in_an_import_are_reported_with_their_index() -> None:
    good = measures(NOW).to_dict()
    bad = measures(NOW - timedelta(days=7)).to_dict() | {"peg": {"pain": 12}}
    raw = orjson.dumps(
        {"format": "companion-export", "version": 1, "checkins": [], "measures": [good, bad]}
    )
    with pytest.raises(InvalidInputError) as caught:
        parse_import(raw, "x.json")
    assert "x.json: measures[1].peg.pain: must be" in str(caught.value)
