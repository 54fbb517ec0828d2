"""Pilot tests of the dashboard: what it shows on the first day and with
data, the 30-day line, and entries another process adds while it is open."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from textual.widgets import Static

from companion.core.content.library import scan_content
from companion.core.screening.engine import evaluate
from companion.screens.dashboard import DashboardScreen, screening_lines, trend_caption
from companion.store import Store
from companion.widgets.pain_days import PainDaysChart
from tests.store_helpers import checkin, screening, session
from tests.ui import build_app


async def _chart(app, pilot):
    """The 30-day chart."""
    await pilot.pause()
    return app.screen.query_one("#pain-days")


def shown(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_first_day_says_what_to_press(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        assert "No check-in yet: press c" in shown(screen, "#today")
        assert "Stretch sessions: 0 of 2 done today, 2 to go" in shown(screen, "#today")
        assert "Not screened yet: press s." in shown(screen, "#screening-status")
        chart = await _chart(app, pilot)
        assert chart.columns() == ([], [])
        assert "draw a line here" in str(screen.query_one("#trend").border_subtitle)


async def test_today_and_the_30_day_line_come_from_the_store(data_dir, clock):
    store = Store.open(data_dir, clock)
    now = clock.now()
    for days_ago, pains in ((40, [9]), (20, [2, 4]), (1, [6]), (0, [5, 7])):
        for hour, pain in enumerate(pains):
            at = (now - timedelta(days=days_ago)).replace(hour=hour + 1)
            store.checkins.add(checkin(at, pain))
    store.sessions.add(session(now.replace(hour=2)))
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        today = shown(screen, "#today")
        assert "2 check-ins, last pain 7/10 (02:30)" in today
        assert "Stretch sessions: 1 of 2 done today, 1 to go" in today
        chart = await _chart(app, pilot)
        # One column per calendar day (29 is today), daily means, gaps left empty;
        # the check-in of 40 days ago is left out.
        assert chart.columns() == ([9, 28, 29], [3.0, 6.0, 6.0])
        caption = str(screen.query_one("#trend").border_subtitle)
        assert "5 check-ins on 3 days" in caption
        assert "first day 3.0" in caption and "last 7 days 6.0" in caption


async def test_entries_from_another_process_show_when_the_dashboard_returns(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        other = Store.open(data_dir, clock)  # a cron `companion log`, say
        other.checkins.add(checkin(clock.now() - timedelta(minutes=5), 3))
        await pilot.press("j")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert "1 check-in, last pain 3/10" in shown(app.screen, "#today")
        chart = await _chart(app, pilot)
        assert chart.columns() == ([29], [3.0])


async def test_quick_actions_are_keys_and_links(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        actions = shown(app.screen, "#actions")
        for label in ("c Check in", "t Stretch", "j Journal", "g Trends", "l Library"):
            assert label in actions
        await pilot.click("#actions", offset=(2, 0))  # "c Check in"
        await pilot.pause()
        assert type(app.screen).__name__ == "CheckinScreen"


def test_caption_counts_calendar_days_for_the_last_week(clock):
    today = clock.now().date()
    days = [(today - timedelta(days=20), 4.0), (today - timedelta(days=9), 6.0)]
    recent = [checkin(clock.now() - timedelta(days=20), 4)] * 3
    caption = trend_caption(recent, days, today)
    assert caption == "3 check-ins on 2 days · first day 4.0 · last 7 days none"


def test_counts_are_in_the_right_number(clock):
    today = clock.now().date()
    caption = trend_caption([checkin(clock.now(), 4)], [(today, 4.0)], today)
    assert caption.startswith("1 check-in on 1 day · ")


async def test_the_30_day_chart_keeps_a_fixed_0_to_10_scale(data_dir, clock):
    store = Store.open(data_dir, clock)
    store.checkins.add(checkin(clock.now() - timedelta(hours=1), 5))
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        chart = await _chart(app, pilot)
        lines = re.sub(r"\x1b\[[0-9;]*m", "", chart.plt.build()).splitlines()
        rows = [line for line in lines if "│" in line or "┤" in line]  # inside the frame
        labels = [row.partition("┤")[0].strip() for row in rows]
        assert "10" in labels[:2]  # one check-in at 5 does not fill the card (a spare row at most)
        assert labels[-1] == "0"
        filled = [label for label, row in zip(labels, rows, strict=True) if "█" in row]
        assert filled[0] == "5"  # the bar's top is the row labelled with its score
        assert 0 < len(filled) <= len(rows) * 0.6


async def test_nothing_joins_the_dashboard_after_its_first_frame(data_dir, clock):
    """Paint once: the chart, the next routine, today's lesson and the re-screen
    offer are there when the dashboard is first shown. Each piece that joined
    later made a new layout and sent most of the screen to the terminal again."""
    app = build_app(data_dir, clock)
    app.store.screenings.add(screening(clock.now()))  # older questions than today's
    app.store.sessions.add(session(clock.now() - timedelta(hours=1)))
    app.background_delay = 3600  # nothing scheduled "after start" runs in this test
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#pain-days", PainDaysChart).columns() == ([], [])
        assert "Next routine: " in shown(screen, "#today")
        assert "Lesson: " in shown(screen, "#programme")
        assert "Due again (questions changed)" in shown(screen, "#screening-status")


def test_the_safety_card_counts_an_unfinished_screening_as_the_verdicts_do() -> None:
    """A screening saved part-way says how far it got; the safety net's record (saved
    as partial) with every question answered is not called unfinished."""
    library, _problems = scan_content()
    assert library is not None
    rules = library.rules
    at = datetime(2026, 11, 20, 9, tzinfo=UTC)
    two = evaluate(rules, {"ce-bladder": "no", "ce-saddle-numbness": "no"})
    lines = screening_lines(two.to_record("s1", at, partial=True), at, rules)
    total = len(rules.questions)
    assert f"Unfinished: 2 of {total} questions answered: finish it with s." in lines
    every = evaluate(rules, {question.id: "no" for question in rules.questions})
    lines = screening_lines(every.to_record("s2", at, partial=True), at, rules)
    assert not any("nfinished" in line or "part-way" in line for line in lines), lines
    assert "Stopped part-way: finish it with s." in screening_lines(
        two.to_record("s3", at, partial=True), at, None
    )
