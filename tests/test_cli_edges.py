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
