"""Medicines and doses: the rules (clock passed in), the store, export/import and the CLI."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.__main__ import main
from companion.core.clock import FakeClock
from companion.core.errors import InvalidInputError
from companion.core.exchange import export_json, parse_import
from companion.core.exchange_programme import doses_csv
from companion.core.programme.medication import (
    Dose,
    Medicine,
    as_amount,
    find_medicine,
    follow_up_due,
    limit_warning,
    taken_on,
    usage,
)
from companion.store import Store

NOW = datetime(2026, 11, 21, 8, 30, tzinfo=UTC)
IBU = Medicine("med-ibuprofen", "ibuprofen", NOW - timedelta(days=30), "400", "mg", 3.0)
PARA = Medicine("med-paracetamol", "paracetamol", NOW - timedelta(days=30), "500", "mg")


def dose(hours_ago: float, medicine: Medicine = IBU, **changes: object) -> Dose:
    at = NOW - timedelta(hours=hours_ago)
    fields: dict[str, object] = {
        "id": f"dose-{int(hours_ago * 60):06d}-{medicine.name}",
        "medicine": medicine.id,
        "at": at,
    }
    fields.update(changes)
    return Dose(**fields)  # type: ignore[arg-type]


def test_the_follow_up_asks_about_the_newest_as_needed_dose_of_the_last_four_hours() -> None:
    doses = [dose(5), dose(3), dose(1, scheduled=True)]
    assert follow_up_due(doses, NOW) == doses[1]
    assert follow_up_due([dose(3, helped="yes")], NOW) is None
    assert follow_up_due([dose(4.5)], NOW) is None


def test_a_limit_the_person_set_warns_only_when_reached() -> None:
    assert limit_warning(IBU, 2) is None
    assert limit_warning(IBU, 3) == "ibuprofen: 3 today, at the limit of 3 you set"
    assert "over the limit" in (limit_warning(IBU, 4) or "")
    assert limit_warning(PARA, 40) is None  # no limit set: never a number of our own


def test_usage_counts_days_per_week_and_the_most_in_a_day() -> None:
    # Monday 16 Nov: two days of ibuprofen (2 then 3 units); the week before: one day.
    doses = [
        dose(0, amount=1),  # Sat 21st
        dose(2, amount=2),  # Sat 21st (3 that day)
        dose(48, amount=2),  # Thu 19th
        dose(24 * 8),  # Fri 13th
        dose(1, PARA),
    ]
    monday = date(2026, 11, 16)
    found = usage([PARA, IBU], doses, UTC, [monday - timedelta(days=7), monday])
    by_name = {u.medicine.name: u for u in found}
    assert by_name["ibuprofen"].days_per_week == ((date(2026, 11, 9), 1), (monday, 2))
    assert by_name["ibuprofen"].most_in_a_day == 3
    assert by_name["paracetamol"].days_per_week == ((date(2026, 11, 9), 0), (monday, 1))
    assert taken_on(doses, IBU.id, date(2026, 11, 21), UTC) == 3


def test_medicines_are_found_by_number_or_name_and_a_typo_lists_them() -> None:
    assert find_medicine([PARA, IBU], "1") == IBU
    assert find_medicine([PARA, IBU], "Paracetamol") == PARA
    with pytest.raises(InvalidInputError, match="yours are: ibuprofen, paracetamol"):
        find_medicine([PARA, IBU], "aspirin")


@given(st.one_of(st.text(max_size=12), st.floats(allow_nan=True), st.integers(), st.none()))
def test_amounts_are_positive_finite_numbers_or_a_named_error(value: object) -> None:
    try:
        amount = as_amount(value, "amount")
    except InvalidInputError as err:
        assert err.field == "amount"
    else:
        assert amount is not None and 0 < amount <= 1000


def test_records_round_trip_and_bad_fields_are_named() -> None:
    assert Medicine.from_dict(IBU.to_dict()) == IBU
    one = dose(1, helped="a little", amount=0.5)
    assert Dose.from_dict(one.to_dict()) == one
    with pytest.raises(InvalidInputError, match="doses.0..helped"):
        Dose.from_dict({**one.to_dict(), "helped": "maybe"}, prefix="doses[0].")
    with pytest.raises(InvalidInputError, match="name"):
        Medicine.from_dict({**IBU.to_dict(), "name": "a\x1b[2Jb"})


def test_store_export_and_import_keep_medicines_and_doses(tmp_path: Path) -> None:
    clock = FakeClock(current=NOW)
    store = Store.open(tmp_path / "a", clock)
    store.medicines.add(IBU)
    store.doses.add(dose(1))
    data = export_json(
        checkins=[],
        sessions=[],
        screenings=[],
        exported_at=NOW,
        programme={"medicines": store.medicines.iter_all(), "doses": store.doses.iter_all()},
    )
    assert [m["name"] for m in orjson.loads(data)["medicines"]] == ["ibuprofen"]
    bundle = parse_import(data, "x.json")
    other = Store.open(tmp_path / "b", clock)
    result = other.import_records(medicines=bundle.medicines, doses=bundle.doses)
    assert "1 medicine, 1 dose" in result.describe()
    assert other.doses.latest() == dose(1)


def test_a_doses_csv_imports_on_its_own_with_its_medicine() -> None:
    text = doses_csv([dose(1, amount=2, helped="yes")], [IBU])
    bundle = parse_import(text.encode(), "doses.csv")
    assert bundle.medicines[0].label == "ibuprofen 400 mg"
    assert bundle.doses[0].amount == 2 and bundle.doses[0].helped == "yes"
    bad = text.replace(",2,false,yes", ",-1,false,yes")
    with pytest.raises(InvalidInputError, match=r"doses.csv:2: amount: must be more than 0"):
        parse_import(bad.encode(), "doses.csv")


def test_cli_adds_lists_and_logs_with_a_warning_at_the_persons_limit(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COMPANION_DATA_DIR", str(data_dir))
    monkeypatch.setenv("COMPANION_NOW", NOW.isoformat())
    assert (
        main(["med", "add", "ibuprofen", "--strength", "400", "--unit", "mg", "--limit", "3"]) == 0
    )
    assert main(["med", "list"]) == 0
    assert "1. ibuprofen 400 mg (your limit 3 a day)" in capsys.readouterr().out
    assert main(["med", "dose", "1", "--amount", "2"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["med", "dose", "ibuprofen"]) == 0
    assert "at the limit of 3 you set" in capsys.readouterr().err
    assert main(["med", "dose", "1", "--amount", "lots"]) == 2
    assert "--amount: must be a number" in capsys.readouterr().err
    assert main(["med", "add", "ibuprofen", "--strength", "400", "--unit", "mg"]) == 2
    store = Store.open(data_dir, FakeClock(current=NOW))
    assert sum(d.amount for d in store.doses.iter_all()) == 3
