"""The journal filter reaches the programme: ``flare``, a medicine's name and
``walked>=N`` find the check-ins of the days those were logged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from textual.widgets import DataTable, Input

from companion.core.ids import new_id
from companion.core.insights.journal import JournalFilter, day_facts
from companion.core.programme.flares import Flare
from companion.core.programme.medication import Dose, Medicine
from companion.core.programme.walking import Walk
from companion.core.records import CheckIn
from tests.programme_setup import walking_in_a_flare, with_medicines
from tests.ui import build_app

NOW = datetime(2026, 11, 21, 20, 0, tzinfo=UTC)


def _checkin(days_ago: int, pain: int = 4) -> CheckIn:
    at = NOW - timedelta(days=days_ago, hours=1)
    return CheckIn(id=new_id(at), at=at, pain=pain)


def test_flare_medicine_and_walked_reach_the_check_ins_of_their_day() -> None:
    ibu = Medicine("m1", "Ibuprofen", NOW - timedelta(days=30), "400", "mg")
    flare = Flare("f1", NOW - timedelta(days=5), 7, ended_at=NOW - timedelta(days=3))
    gone = Flare("f2", NOW - timedelta(days=9), 6, deleted_at=NOW - timedelta(days=8))
    doses = [
        Dose("d1", "m1", NOW - timedelta(days=1), 1.0),
        Dose("d2", "m1", NOW - timedelta(days=2), 1.0, deleted_at=NOW),
    ]
    walks = [Walk("w1", NOW - timedelta(days=1), 15), Walk("w2", NOW - timedelta(days=1), 10)]
    days = day_facts([flare, gone], doses, [ibu], walks, NOW)
    entries = [_checkin(n) for n in range(10)]

    def shown(text: str) -> list[int]:
        found = JournalFilter(text=text, days=days).apply(entries, UTC)
        return sorted(entries.index(entry) for entry in found)

    assert shown("flare") == [3, 4, 5]  # the trashed flare counts for nothing
    assert shown("ibuprofen") == [1]  # a trashed dose neither
    assert shown("walked>=25") == [1]  # two walks that day: 25 minutes
    assert shown("walked<25") == []
    assert shown("flare walked>=1") == []
    assert shown("pain>=4 ibuprofen") == [1]
    assert JournalFilter(text="flare").apply(entries, UTC) is not None
    assert list(JournalFilter(text="flare").apply(entries, UTC)) == []  # no facts, no match


async def test_typing_flare_or_a_medicine_in_the_journal_filter(data_dir, clock):
    app = build_app(data_dir, clock)
    walking_in_a_flare(app)  # a flare since yesterday
    with_medicines(app)  # ibuprofen two hours ago
    now = clock.now()
    for hours in (1, 30, 80):
        at = now - timedelta(hours=hours)
        app.store.checkins.add(CheckIn(id=new_id(at), at=at, pain=5))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "slash", *"flare")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2  # today and yesterday
        app.screen.query_one("#filter-text", Input).value = "ibuprofen"
        await pilot.pause()
        assert table.row_count == 1
        app.screen.query_one("#filter-text", Input).value = "walked>=24"
        await pilot.pause()
        assert table.row_count == 2  # walked 24 minutes on those days; none yet today
