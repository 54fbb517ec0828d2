"""The command line at the edges: the ends of the date range, option names in messages."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.__main__ import main
from companion.core.clock import EARLIEST, LATEST, day_bounds
from companion.store import Store
from tests.store_helpers import checkin

NOW = datetime(2026, 11, 21, 8, 30, tzinfo=UTC)
ZONES = ("Pacific/Kiritimati", "America/Adak", "UTC")
"""UTC+14, UTC-10 (with daylight saving) and UTC: midnights on both sides of the range's ends."""


@dataclass
class Ran:
    code: int
    out: str
    err: str


@pytest.fixture(params=ZONES)
def zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The process's local time zone for the test (put back after it)."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def cli(data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run ``companion ...`` in-process on ``data_dir`` (one check-in in it) at :data:`NOW`."""
    monkeypatch.setenv("COMPANION_DATA_DIR", str(data_dir))
    monkeypatch.setenv("COMPANION_NOW", NOW.isoformat())
    from companion.core.clock import FakeClock

    Store.open(data_dir, FakeClock(current=NOW)).checkins.add(checkin(NOW))

    def run(*argv: str) -> Ran:
        code = main(list(argv))
        captured = capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    return run


@pytest.mark.parametrize("day", [date.min, date(1, 1, 2), date(9999, 12, 30), date.max])
def test_day_bounds_of_every_date_are_representable_and_ordered(zone: str, day: date) -> None:
    start, end = day_bounds(day)
    assert EARLIEST <= start < end <= LATEST
    start.astimezone(UTC), end.astimezone(UTC)  # comparable with any stored instant


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    day=st.dates(),
    option=st.sampled_from(["--since", "--until"]),
    kind=st.sampled_from(["json", "csv"]),
)
def test_any_date_exports_or_is_refused_naming_the_option(
    cli, zone: str, day: date, option: str, kind: str
) -> None:
    ran = cli("export", "--format", kind, option, day.isoformat())
    assert ran.code in (0, 2), ran.err
    assert "Traceback" not in ran.err
    if ran.code == 2:
        assert f"companion: {option}" in ran.err


def test_the_widest_range_exports_everything(cli, zone: str) -> None:
    for argv in (["--since", "0001-01-01"], ["--until", "9999-12-31"]):
        ran = cli("export", *argv)
        assert ran.code == 0, ran.err
        assert len(orjson.loads(ran.out)["checkins"]) == 1
    ran = cli("export", "--format", "csv", "--since", "0001-01-01", "--until", "9999-12-31")
    assert ran.code == 0 and len(ran.out.splitlines()) == 2, ran.err


@pytest.mark.parametrize(
    "argv",
    [
        ["--since", "0001-01-01", "--until", "0001-01-02"],
        ["--until", "9999-12-31"],
        ["--since", "9999-12-31"],
    ],
)
def test_the_clinician_report_takes_the_ends_of_the_range(cli, zone: str, argv: list[str]) -> None:
    ran = cli("export", "--format", "html", *argv)
    assert ran.code == 0, ran.err
    assert ran.out.startswith("<!DOCTYPE html>") or "<html" in ran.out


def test_today_at_the_last_representable_day(cli, zone: str, monkeypatch) -> None:
    monkeypatch.setenv("COMPANION_NOW", "9999-12-31T23:00:00+00:00")
    ran = cli("today")
    assert ran.code in (0, 3), ran.err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["log", "--walked", "-5"], "--walked: must be from 1 to 1440, not -5"),
        (["log", "--pain", "3", "--for-clinician", "--sitting", "x"], "--sitting: must be a whole"),
        (["med", "add", "Ibu", "--limit", "1e400"], "--limit: must be a number such as 1 or 0.5, "
                                                    "not 1e400"),
        (["med", "add", "Ibu", "--limit", "0"], "--limit: must be more than 0 and at most 1000, "
                                                "not 0"),
        (["flare", "start", "--pain", "3", "--at", "1800-01-01"], "--at: 1800-01-01T00:00:00"),
        (["goals", "score", "999"], "score 1 (sit through a film): must be from 0 to 10, not 999"),
    ],
)  # fmt: skip
def test_messages_name_the_option_as_typed(cli, argv: list[str], message: str) -> None:
    assert cli("goals", "set", "sit through a film").code == 0
    ran = cli(*argv)
    assert ran.code == 2
    assert ran.err.startswith(f"companion: {message}"), ran.err


def test_a_dose_before_1900_names_at(cli) -> None:
    assert cli("med", "add", "Ibu").code == 0
    ran = cli("med", "dose", "Ibu", "--at", "1800-01-01")
    assert ran.code == 2 and ran.err.startswith("companion: --at: "), ran.err


def _import(cli, tmp_path: Path, entry: dict[str, object], huge: bytes = b"1" + b"0" * 30) -> Ran:
    """Import a JSON export of ``entry``; a ``"HUGE"`` value is written as the number ``huge``."""
    document = {"format": "companion-export", "version": 1, "checkins": [entry]}
    path = tmp_path / "in.json"
    path.write_bytes(orjson.dumps(document).replace(b'"HUGE"', huge))
    return cli("import", str(path))


GOOD = {"id": "abcdef-1", "at": "2026-11-20T08:00:00+00:00", "pain": 5}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"id": None}, "checkins[0].id: is missing"),
        ({"at": None}, "checkins[0].at: is missing"),
        ({"pain": None}, "checkins[0].pain: is missing"),
        ({"id": "Bad Id"}, "checkins[0].id: must be 6–64 lower-case letters, digits, '-' or '_', "
                           "starting with one, not 'Bad Id'"),
        ({"pain": "HUGE"}, "checkins[0].pain: must be from 0 to 10, not 1e+30"),
        ({"pain": 11}, "checkins[0].pain: must be from 0 to 10, not 11"),
        ({"pain": True}, "checkins[0].pain: must be a whole number from 0 to 10, not true"),
        ({"note": 12}, "checkins[0].note: must be text, not 12"),
        ({"pain": "x" * 100}, "checkins[0].pain: must be a whole number from 0 to 10, "
                              "not '" + "x" * 39 + "…'"),
    ],
)  # fmt: skip
def test_import_messages_say_missing_and_quote_the_value(
    cli, tmp_path: Path, change: dict[str, object], message: str
) -> None:
    entry = {key: value for key, value in (GOOD | change).items() if value is not None}
    ran = _import(cli, tmp_path, entry)
    assert ran.code == 2
    assert f"companion: {tmp_path / 'in.json'}: {message}\n" in ran.err, ran.err


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pain=st.integers(min_value=-(10**40), max_value=10**40).filter(lambda n: not 0 <= n <= 10))
def test_an_imported_number_out_of_range_is_quoted_as_written(
    cli, tmp_path: Path, pain: int
) -> None:
    ran = _import(cli, tmp_path, GOOD | {"pain": "HUGE"}, huge=str(pain).encode())
    assert ran.code == 2
    # beyond 64 bits the JSON reader gives a float: its short form, never a different number
    written = str(pain) if -(2**63) <= pain < 2**64 else repr(float(pain))
    assert f"checkins[0].pain: must be from 0 to 10, not {written}\n" in ran.err, ran.err


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("pain", "5", 'checkins[0].pain: must be a number, not the text "5"'),
        ("leg", "3", 'checkins[0].leg: must be a number, not the text "3"'),
        ("for_clinician", "true", "checkins[0].for_clinician: must be true or false, "
                                  'not the text "true"'),
    ],
)  # fmt: skip
def test_json_import_refuses_text_where_the_export_writes_a_number(
    cli, tmp_path: Path, data_dir: Path, field: str, value: str, message: str
) -> None:
    before = sorted(p.name for p in data_dir.rglob("*"))
    ran = _import(cli, tmp_path, GOOD | {field: value})
    assert ran.code == 2
    assert message in ran.err, ran.err
    assert sorted(p.name for p in data_dir.rglob("*")) == before


def test_json_import_refuses_text_in_nested_numbers(cli, tmp_path: Path) -> None:
    document = {
        "format": "companion-export",
        "version": 1,
        "goals": [
            {"id": "goal-0001", "at": GOOD["at"], "scores": [{"activity": "sit", "score": "4"}]}
        ],
    }
    path = tmp_path / "goals.json"
    path.write_bytes(orjson.dumps(document))
    ran = cli("import", str(path))
    assert ran.code == 2
    assert 'goals[0].scores[0].score: must be a number, not the text "4"' in ran.err, ran.err


def test_csv_import_still_reads_numbers_from_text(cli, tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("id,at,pain,leg,for_clinician\nabcdef-2,2026-11-20T08:00:00+00:00,5,3,true\n")
    ran = cli("import", str(path))
    assert ran.code == 0, ran.err
    assert "added 1 check-in" in ran.out
