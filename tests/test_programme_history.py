"""Five weeks of a person's programme, made only through the command line.

A baseline week of walking, then three weekly steps; a flare that holds the
plan and steps it back once it is over; personal goals whose change is called
meaningful; and a report listing medicines with the days used each week.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from companion.__main__ import main
from companion.core.clock import FakeClock
from companion.programme import programme_today
from companion.store import Store

FIRST = date(2026, 11, 2)  # a Monday
FLARE_START = date(2026, 11, 26)
FLARE_END = date(2026, 12, 2)


def test_five_weeks_through_the_cli(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COMPANION_DATA_DIR", str(data_dir))

    def on(day: date, *argv: str, hour: int = 9, expect: int = 0) -> str:
        monkeypatch.setenv(
            "COMPANION_NOW",
            datetime.combine(day, datetime.min.time(), UTC).replace(hour=hour).isoformat(),
        )
        code = main(list(argv))
        captured = capsys.readouterr()
        assert code == expect, captured.err
        return captured.out

    on(FIRST, "med", "add", "ibuprofen", "--strength", "400", "--unit", "mg", "--limit", "3")
    on(FIRST, "goals", "set", "sit through a film", "walk to the shop")
    on(FIRST, "goals", "score", "3", "4")
    targets: dict[date, str] = {}
    for offset in range(36):
        day = FIRST + timedelta(days=offset)
        if day == FLARE_START:
            on(day, "flare", "start", "--pain", "8", hour=8)
        if day == FLARE_END:
            on(day, "flare", "end", hour=20)
        in_flare = FLARE_START <= day <= FLARE_END
        today = on(day, "today", hour=7, expect=3) if offset else ""
        targets[day] = today
        walked = "20" if offset < 7 else "25"
        on(day, "log", "--pain", "7" if in_flare else "4", "--walked", walked, hour=18)
        if in_flare or day.weekday() == 0:
            on(day, "med", "dose", "ibuprofen", "--amount", "2" if in_flare else "1", hour=19)
        if offset in (14, 28):
            on(day, "goals", "score", "5" if offset == 14 else "6", "5", hour=19)

    # The day's target, as `companion today` showed it each Monday morning.
    mondays = {FIRST + timedelta(weeks=n): targets[FIRST + timedelta(weeks=n)] for n in range(1, 6)}
    assert [line.split("; walk ")[-1].split("\n")[0] for line in mondays.values()] == [
        "22 min today",
        "24 min today",
        "26 min today",
        "26 min today (held: flare); flare day 5",
        "24 min today (stepped back)",
    ]

    now = datetime(2026, 12, 7, 21, tzinfo=UTC)
    store = Store.open(data_dir, FakeClock(current=now))
    plan = programme_today(store, now).walking
    assert plan.baseline == 20
    assert [w.change for w in plan.weeks] == [
        "baseline", "step up", "step up", "step up", "hold (flare)", "step back (after a flare)",
    ]  # fmt: skip

    goals = on(date(2026, 12, 7), "goals", hour=21)
    assert "sit through a film: 3 → 6 (+3, a meaningful change)" in goals
    assert "walk to the shop: 4 → 5 (+1, not yet a meaningful change)" in goals

    report = on(date(2026, 12, 7), "export", "--format", "html", "--since", "2026-11-02", hour=21)
    assert "<td>ibuprofen 400 mg</td><td>1 1 1 5 3 1</td>" in report  # days used, each week
    assert "<td class='n'>2 × 400 mg</td>" in report  # most in a day
    assert "a meaningful change" in report
    assert "26 Nov: 7 days, pain 8 at the start (ended)" in report
    assert ">Flare</text>" in report  # the band over the flare's days on the chart
    assert "Baseline 20 min a day; steps of 2 min." in report
