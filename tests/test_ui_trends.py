"""Pilot tests of the trends screen: reached from the dashboard and the palette,
periods and charts by key, the change call and the with/without list from a
history worked out by hand, worked out off the UI thread."""

from __future__ import annotations

import io
import re
import threading
from datetime import UTC, date, datetime, time, timedelta

import pytest
from rich.console import Console
from textual.widgets import Static
from textual_plotext import PlotextPlot

from companion.core.glyphs import glyph
from companion.core.report.model import report_from_days
from companion.screens import trends
from companion.screens.data_error import DataErrorScreen
from companion.screens.trends import TrendsScreen
from companion.screens.weekly import WeeklyMeasuresScreen
from companion.store import Store
from companion.widgets.score_chart import ScoreChart, score_scale
from tests.store_helpers import checkin, own, present, session
from tests.ui import build_app, current_screen


async def settle(pilot) -> None:
    """Let the trends worker finish and its results reach the screen."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def text_of(app, selector: str) -> str:
    """What a Static shows (text or table), as words separated by single spaces."""
    console = Console(width=78, file=io.StringIO(), record=True)
    console.print(app.screen.query_one(selector, Static).content)
    return " ".join(console.export_text().split())


def fill(data_dir, clock, first: int, last: int) -> None:
    """The first and last week of the last 30 days at ``first`` then ``last``,
    with a stretch session on four days of the last week."""
    store = Store.open(data_dir, clock)
    today = clock.now().date()
    for back in range(7):
        first_day = today - timedelta(days=29 - back)
        last_day = today - timedelta(days=back)
        store.checkins.add(checkin(datetime.combine(first_day, time(8), UTC), first))
        store.checkins.add(checkin(datetime.combine(last_day, time(8), UTC), last))
    for back in range(4):
        day = today - timedelta(days=back)
        store.sessions.add(session(datetime.combine(day, time(7), UTC)))


async def test_g_opens_trends_with_the_change_call_in_words(data_dir, clock):
    fill(data_dir, clock, first=7, last=4)
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, TrendsScreen)
        screen = app.screen
        assert screen.period.key == "90" and screen.report is not None
        assert present(screen.report).days == 90
        summary = text_of(app, "#trends-summary")
        assert "14 check-ins on 14 of 90 days · mean pain 5.5" in summary
        assert "Improving: average pain 7.0 in the first week" in summary
        assert "4.0 in the last 7 days" in summary and "3.0 points lower, 43%" in summary


async def test_periods_by_key_and_the_3_day_rule(data_dir, clock):
    fill(data_dir, clock, first=6, last=6)
    app = build_app(data_dir, clock, initial="trends")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("1")
        await settle(pilot)
        screen = current_screen(app, TrendsScreen)
        assert (screen.period.key, present(screen.report).days) == ("30", 30)
        assert "[1 30 days]" in text_of(app, "#trends-periods")
        assert "No clinically important change" in text_of(app, "#trends-summary")
        helps = text_of(app, "#trends-helps")
        # stretching: 4 days at 6.0 with, 10 days at 6.0 without
        assert "Sciatica basics (routine) 6.0 6.0 4/10 about the same" in helps
        assert "not proof" in helps
        await pilot.press("3")
        await settle(pilot)
        assert present(screen.report).days == 365
        await pilot.press("4")
        await settle(pilot)
        assert present(screen.report).start == clock.now().date() - timedelta(days=29)


async def test_v_cycles_the_charts_and_w_opens_the_weekly_questions(data_dir, clock):
    fill(data_dir, clock, first=5, last=5)
    app = build_app(data_dir, clock, initial="trends")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "7-day mean" in text_of(app, "#trends-legend")
        await pilot.press("v")
        assert "Leg against back" in text_of(app, "#trends-legend")
        await pilot.press("v")
        assert "none answered in this period: press w" in text_of(app, "#trends-legend")
        await pilot.press("v")
        assert "Pain by day" in text_of(app, "#trends-legend")
        assert app.screen.query_one(PlotextPlot).size.height >= 10
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WeeklyMeasuresScreen)


async def test_an_empty_diary_says_what_will_appear(data_dir, clock):
    app = build_app(data_dir, clock, initial="trends")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "No check-ins in this period yet" in text_of(app, "#trends-summary")
        assert "nothing to compare yet" in text_of(app, "#trends-helps")


async def test_the_palette_offers_trends(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Trends (g)" in titles
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, TrendsScreen)


async def test_a_damaged_file_shows_the_data_error_screen(data_dir, clock):
    fill(data_dir, clock, first=5, last=5)
    shard = own(data_dir, "checkins", f"{clock.now():%Y-%m}")
    shard.write_text("{ not json")
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, DataErrorScreen)


@pytest.mark.parametrize(("limit", "in_worker"), [(0, True), (4, False)])
async def test_a_long_history_is_worked_out_in_a_worker(
    data_dir, clock, monkeypatch, limit, in_worker
):
    monkeypatch.setattr(trends, "SYNC_MAX_MONTHS", limit)
    threads = []

    def recording(days, **kwargs):
        threads.append(threading.current_thread())
        return report_from_days(days, **kwargs)

    monkeypatch.setattr(trends, "report_from_days", recording)
    fill(data_dir, clock, first=7, last=4)
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        await settle(pilot)
        assert (threads[0] is not threading.main_thread()) == in_worker
        assert "Improving" in text_of(app, "#trends-summary")


async def test_the_users_own_labels_are_shown_as_written(data_dir, clock):
    store = Store.open(data_dir, clock)
    today = clock.now().date()
    for back in range(8):
        at = datetime.combine(today - timedelta(days=back), time(8), UTC)
        trigger = ("[car] seat",) if back % 2 else ()
        store.checkins.add(checkin(at, 7 if trigger else 3, triggers=trigger))
    app = build_app(data_dir, clock, initial="trends")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "[car] seat (trigger) 7.0 3.0 4/4" in text_of(app, "#trends-helps")


async def test_flares_are_marked_on_the_chart_with_their_lengths_and_gaps(data_dir, clock):
    from companion.core.programme.flares import Flare

    fill(data_dir, clock, first=7, last=4)
    store = Store.open(data_dir, clock)
    today = clock.now().date()

    def day(back: int, hour: int) -> datetime:
        return datetime.combine(today - timedelta(days=back), time(hour), UTC)

    store.flares.add(Flare("flare-000001", day(27, 9), 8, ended_at=day(25, 20)))
    store.flares.add(Flare("flare-000002", day(4, 9), 7, ended_at=day(1, 20)))
    app = build_app(data_dir, clock, initial="trends")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")  # the last 30 days
        await settle(pilot)
        screen = current_screen(app, TrendsScreen)
        report = present(screen.report)
        assert report.flare_days == [today - timedelta(days=n) for n in (27, 26, 25)] + [
            today - timedelta(days=n) for n in (4, 3, 2, 1)
        ]
        assert "F flare" in text_of(app, "#trends-legend")
        assert "Flares: 2 (days each: 3, 4; days between: 21)" in text_of(app, "#trends-programme")
        chart = screen.query_one(PlotextPlot).plt
        canvas = re.sub(r"\x1b\[[0-9;]*m", "", chart.build())
        top = next(line for line in canvas.splitlines() if line.lstrip().startswith("10"))
        assert top.count("F") >= 4  # the flare days along the top
        await pilot.press("v")
        await settle(pilot)
        canvas = re.sub(r"\x1b\[[0-9;]*m", "", chart.build())
        assert "F" in next(line for line in canvas.splitlines() if line.lstrip().startswith("10"))


@pytest.mark.parametrize("size", [(80, 24), (50, 25)])
async def test_the_whole_history_draws_weekly_means_it_names(data_dir, clock, size, monkeypatch):
    """Six years of check-ins every third day: more days than the chart can show apart."""
    store = Store.open(data_dir, clock)
    today = clock.now().date()
    store.import_records(
        checkins=[
            checkin(datetime.combine(today - timedelta(days=back), time(8), UTC), back % 11)
            for back in range(0, 6 * 365, 3)
        ]
    )
    app = build_app(data_dir, clock, initial="trends")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        chart = app.screen.query_one(PlotextPlot)
        drawn: list[int] = []
        original = chart.plt.plot

        def plot(*args, **kwargs):
            drawn.append(len(args[0]))
            return original(*args, **kwargs)

        monkeypatch.setattr(chart.plt, "plot", plot)
        await pilot.press("4")
        await settle(pilot)
        report = present(current_screen(app, TrendsScreen).report)
        assert report.days == 6 * 365 - 2 and len(report.points) == 730
        legend = text_of(app, "#trends-legend")
        width = re.search(r"(\d+)-week means of daily pain", legend)
        assert width is not None, legend
        columns = chart.size.width
        assert drawn and max(drawn) <= 2 * columns
        assert drawn[-1] == -(-report.days // (7 * int(width[1])))  # a point per bin
        await pilot.press("v")
        assert re.search(r"leg, \d+-week means", text_of(app, "#trends-legend"))
        await pilot.press("1")  # back to a period that fits: daily points again
        await settle(pilot)
        assert "7-day mean" in text_of(app, "#trends-legend")


def chart_rows(chart) -> list[str]:
    """The chart as drawn, one string per row, without colour codes."""
    return re.sub(r"\x1b\[[0-9;]*m", "", chart.plt.build()).splitlines()


def marked_rows(rows: list[str]) -> list[str]:
    """The y label of each plot row with a mark on it (a dot or braille, not the frame)."""
    found = []
    for row in rows:
        label, axis, plot = row.partition("┤") if "┤" in row else row.partition("│")
        if axis and plot.strip(" │"):
            found.append(label.strip())
    return found


@pytest.mark.parametrize("size", [(80, 24), (50, 25), (120, 40)])
@pytest.mark.parametrize("period", ["1", "2", "3", "4"])
async def test_one_check_in_is_a_dot_on_the_row_labelled_with_its_score(
    data_dir, clock, size, period
):
    """In every period (the year's weekly means too) one check-in at 5 is a dot, on the
    row labelled 5: plotext's rows of 10/7 put it on the row labelled 6, and the year's
    last week was placed past the chart's last day and left out."""
    store = Store.open(data_dir, clock)
    store.checkins.add(checkin(clock.now() - timedelta(hours=1), 5))
    app = build_app(data_dir, clock, initial="trends")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press(period)
        await settle(pilot)
        rows = chart_rows(app.screen.query_one(PlotextPlot))
        assert marked_rows(rows) == ["5"], "\n".join(rows)
        assert glyph("chart-dot") in next(r for r in rows if r.lstrip().startswith("5┤"))


def test_labels_sit_only_on_rows_their_values_are_drawn_on():
    for rows in range(2, 40):
        limit, ticks = score_scale(rows, 10, ScoreChart.LEFT_LABELS)
        assert 0 in ticks and 10 in ticks and limit >= 10
        assert limit - 10 in (0, pytest.approx(limit / (rows - 1)))  # a spare row at most
        if rows >= 3:
            assert 5 in ticks
        for value in ticks:  # plotext's row for a value, as it places labels and points
            assert (0.5 + (rows - 1) * value / limit) % 1 == pytest.approx(0.5)


def years_of_checkins(data_dir, clock, years: int = 2) -> int:
    """A check-in every other day for ``years`` years: more month files than are
    worked out on the spot. Returns how many."""
    store = Store.open(data_dir, clock)
    today = clock.now().date()
    entries = [
        checkin(datetime.combine(today - timedelta(days=back), time(8), UTC), 3 + back % 5)
        for back in range(0, years * 365, 2)
    ]
    store.import_records(checkins=entries)
    return len(entries)


def held_whole_history(data_dir, clock, monkeypatch) -> tuple[int, threading.Event, list[date]]:
    """Two years of check-ins whose whole-history report waits for the event returned;
    also how many check-ins, and the first day of every report built."""
    total = years_of_checkins(data_dir, clock)
    gate = threading.Event()
    first_day = clock.now().date() - timedelta(days=2 * 364)
    return total, gate, counting_builds(monkeypatch, gate, first_day)


def working_ahead(app) -> bool:
    """Whether the trends on screen have the whole history worked out, or on its way."""
    return current_screen(app, TrendsScreen)._ahead is not None


def counting_builds(
    monkeypatch, gate: threading.Event | None = None, held: date | None = None
) -> list[date]:
    """Record the first day of every report the trends build, holding the one that
    starts on ``held`` until ``gate`` is set."""
    starts: list[date] = []

    def recording(days, **kwargs):
        starts.append(kwargs["start"])
        if gate is not None and kwargs["start"] == held:
            assert gate.wait(30), "the test never let the whole history through"
        return report_from_days(days, **kwargs)

    monkeypatch.setattr(trends, "report_from_days", recording)
    return starts


async def test_the_whole_history_is_worked_out_ahead_so_4_shows_it_at_once(
    data_dir, clock, monkeypatch
):
    total = years_of_checkins(data_dir, clock)
    starts = counting_builds(monkeypatch)
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        await settle(pilot)
        assert len(starts) == 2  # the 90 days shown, then the whole history ahead
        first_day = clock.now().date() - timedelta(days=2 * 364)
        assert starts[1] == first_day
        await pilot.press("4")
        await pilot.pause()
        assert len(starts) == 2  # nothing worked out again
        assert f"{total:,} check-ins" in text_of(app, "#trends-summary")
        assert present(current_screen(app, TrendsScreen).report).start == first_day


async def test_4_before_the_whole_history_is_ready_shows_it_when_it_is(
    data_dir, clock, monkeypatch
):
    total, gate, starts = held_whole_history(data_dir, clock, monkeypatch)
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        assert working_ahead(app)  # the whole history is on its way
        await pilot.press("4")
        await pilot.pause()
        assert "Working out your trends" in text_of(app, "#trends-summary")
        gate.set()
        await settle(pilot)
        assert f"{total:,} check-ins" in text_of(app, "#trends-summary")
        assert len(starts) == 2  # the 90 days, then the whole history once
        await pilot.press("2", "4")  # a short period on the spot, then back at once
        await settle(pilot)
        assert f"{total:,} check-ins" in text_of(app, "#trends-summary")
        assert len(starts) == 3


async def test_the_whole_history_worked_out_ahead_is_forgotten_when_the_screen_returns(
    data_dir, clock, monkeypatch
):
    """Another session may write while the person is elsewhere in the app."""
    total = years_of_checkins(data_dir, clock)
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        await settle(pilot)
        Store.open(data_dir, clock).checkins.add(checkin(clock.now(), 6))  # another session
        await pilot.press("d")
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert f"{total + 1:,} check-ins" in text_of(app, "#trends-summary")


async def test_a_period_worked_out_late_never_replaces_the_one_chosen_since(
    data_dir, clock, monkeypatch
):
    """``3`` (a year, in a worker) then ``1`` at once (30 days, on the spot): the
    year's numbers, ready last, must not take the place of the 30 days'."""
    years_of_checkins(data_dir, clock)
    gate = threading.Event()
    counting_builds(monkeypatch, gate, clock.now().date() - timedelta(days=364))
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        await settle(pilot)
        await pilot.press("3", "1")
        await pilot.pause()
        gate.set()
        await settle(pilot)
        screen = current_screen(app, TrendsScreen)
        assert screen.period.key == "30"
        assert present(screen.report).days == 30
        assert "of 30 days" in text_of(app, "#trends-summary")


async def test_leaving_the_trends_stops_working_the_whole_history_out(data_dir, clock, monkeypatch):
    _, gate, starts = held_whole_history(data_dir, clock, monkeypatch)
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        screen = current_screen(app, TrendsScreen)
        assert working_ahead(app)
        await pilot.press("d")  # the dashboard: the look-ahead is not wanted now
        await pilot.pause()
        assert screen._ahead is None
        assert all(w.is_cancelled for w in app.workers if w.group == "trends-ahead")
        gate.set()
        await settle(pilot)
        assert len(starts) == 2  # the 90 days, and the one look-ahead (not started again)
