"""The dashboard chart's memo: the drawing plotext made, shown at the next start
while nothing it was made from has changed (see companion.core.chart_memo)."""

from __future__ import annotations

import os
import re
import stat
from datetime import timedelta

import orjson
from hypothesis import given
from hypothesis import strategies as st

from companion.core.chart_memo import MAX_MEMO_BYTES, ChartMemo, decode_memo, encode_memo
from companion.screens.dashboard import DashboardScreen
from companion.store import Store
from companion.store.chart_memo import read_memo, write_memo
from companion.store.devices import CHART_MEMO_NAME, IGNORE_FILES
from companion.widgets.memo_chart import MemoChart
from companion.widgets.pain_days import PainDaysChart
from tests.store_helpers import checkin
from tests.ui import build_app

DRAWING = ("\x1b[48;2;30;30;30m 10┤\x1b[0m██ ", "\x1b[38;2;224;224;224m  0┤\x1b[0m▄▄")
MEMO = ChartMemo('{"today":"2026-11-21"}', 70, 8, DRAWING)

SAFE = re.compile(
    "(?:\x1b\\[[0-9;]*m|[^\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069])*"
)
"""What a line shown from a memo may hold: printable text and SGR sequences."""


def raw(**changes: object) -> bytes:
    data = {"version": 1, "key": MEMO.key, "size": [70, 8], "lines": list(DRAWING)}
    data.update(changes)
    return orjson.dumps(data)


def test_a_memo_reads_back_as_written():
    assert decode_memo(encode_memo(MEMO)) == MEMO


def test_anything_but_text_and_colour_makes_the_memo_ignored():
    for line in (
        "\x1b]0;a new window title\x07",  # OSC: would retitle the terminal
        "\x1b[2J",  # CSI other than SGR: would clear the screen
        "\x1b[1;1H over the top",
        "a bell \x07",
        "C1 \x9b31m",
        "bidi \u202e",
        "\x1b[" + "1;" * 40 + "m",  # an SGR too long to be plotext's
    ):
        assert decode_memo(raw(lines=[line])) is None, repr(line)


def test_a_memo_of_the_wrong_shape_is_ignored():
    for changes in (
        {"version": 2},
        {"key": 5},
        {"size": [70]},
        {"size": [0, 8]},
        {"size": [70, 10**6]},
        {"size": [70.0, 8]},
        {"size": [True, 8]},
        {"lines": ["a"] * 9},  # more rows than it was drawn on
        {"lines": "a"},
    ):
        assert decode_memo(raw(**changes)) is None, changes
    assert decode_memo(b"not json") is None
    assert decode_memo(b"[]") is None
    assert decode_memo(b" " * (MAX_MEMO_BYTES + 1)) is None


@given(st.binary(max_size=400) | st.text(max_size=200).map(str.encode))
def test_any_bytes_are_a_memo_safe_to_show_or_ignored(data: bytes) -> None:
    memo = decode_memo(data)
    assert memo is None or all(SAFE.fullmatch(line) for line in memo.lines)


@given(st.lists(st.text(max_size=40), max_size=8))
def test_any_lines_are_shown_only_if_they_are_text_and_colour(lines: list[str]) -> None:
    memo = decode_memo(raw(lines=lines))
    safe = all(
        SAFE.fullmatch(line) and not re.search("\x1b\\[[0-9;]{65,}m", line) for line in lines
    )
    assert (memo is not None) == safe


# -- the file ----------------------------------------------------------------------


def test_the_kept_memo_is_private_and_never_synced(data_dir):
    data_dir.mkdir()
    assert write_memo(data_dir, MEMO)
    path = data_dir / CHART_MEMO_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read_memo(data_dir) == MEMO
    for name in IGNORE_FILES:
        patterns = [line.removeprefix("(?d)") for line in (data_dir / name).read_text().split()]
        assert CHART_MEMO_NAME in patterns


def test_a_fifo_or_a_link_in_its_place_is_ignored_without_blocking(data_dir, tmp_path):
    data_dir.mkdir()
    os.mkfifo(data_dir / CHART_MEMO_NAME)
    assert read_memo(data_dir) is None
    (data_dir / CHART_MEMO_NAME).unlink()
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_bytes(encode_memo(MEMO))
    (data_dir / CHART_MEMO_NAME).symlink_to(elsewhere)
    assert read_memo(data_dir) is None


# -- the dashboard -----------------------------------------------------------------


async def _start(data_dir, clock, size=(80, 24)):
    """Start the app, wait for the chart and its memo, and return the chart's type and
    the screen as text."""
    app = build_app(data_dir, clock)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.pause()
        await app.workers.wait_for_complete()
        chart = type(app.screen.query_one("#pain-days"))
        return chart, app.export_screenshot()


def _with_days(data_dir, clock) -> Store:
    store = Store.open(data_dir, clock)
    now = clock.now()
    for days_ago, pain in ((12, 7), (5, 4), (1, 6), (0, 3)):
        store.checkins.add(checkin((now - timedelta(days=days_ago)).replace(hour=1), pain))
    return store


async def test_an_unchanged_chart_is_shown_from_the_memo_exactly_as_drawn(data_dir, clock):
    _with_days(data_dir, clock)
    chart, drawn = await _start(data_dir, clock)
    assert chart is PainDaysChart
    assert read_memo(data_dir) is not None
    chart, shown = await _start(data_dir, clock)
    assert chart is MemoChart
    assert shown == drawn


async def test_a_new_check_in_draws_the_chart_anew(data_dir, clock):
    store = _with_days(data_dir, clock)
    await _start(data_dir, clock)
    kept = read_memo(data_dir)
    store.checkins.add(checkin(clock.now().replace(hour=2), 9))
    chart, _ = await _start(data_dir, clock)
    assert chart is PainDaysChart
    assert read_memo(data_dir) != kept


async def test_a_new_day_draws_the_chart_anew(data_dir, clock):
    _with_days(data_dir, clock)
    await _start(data_dir, clock)
    clock.advance(timedelta(days=1).total_seconds())
    chart, _ = await _start(data_dir, clock)
    assert chart is PainDaysChart


async def test_another_size_draws_the_chart_anew_as_a_fresh_start_would(data_dir, clock, tmp_path):
    _with_days(data_dir, clock)
    await _start(data_dir, clock, size=(80, 24))
    memo = read_memo(data_dir)
    chart, shown = await _start(data_dir, clock, size=(100, 30))
    assert chart is PainDaysChart
    os.unlink(data_dir / CHART_MEMO_NAME)
    _, fresh = await _start(data_dir, clock, size=(100, 30))
    assert shown == fresh
    assert read_memo(data_dir) != memo


async def test_a_check_in_while_the_memo_is_shown_puts_the_live_chart_in_its_place(data_dir, clock):
    _with_days(data_dir, clock)
    await _start(data_dir, clock)
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen.query_one("#pain-days"), MemoChart)
        app.store.checkins.add(checkin(clock.now().replace(hour=2), 9))
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        screen.refresh_data()
        await pilot.pause()
        await pilot.pause()
        chart = app.screen.query_one("#pain-days", PainDaysChart)
        assert chart.columns()[1][-1] == 6.0  # today's mean of 3 and 9
        assert len(app.screen.query("#pain-days")) == 1


async def test_a_hostile_memo_is_never_shown(data_dir, clock):
    _with_days(data_dir, clock)
    await _start(data_dir, clock)
    kept = read_memo(data_dir)
    assert kept is not None
    data = orjson.loads((data_dir / CHART_MEMO_NAME).read_bytes())
    data["lines"][0] = "\x1b]0;owned\x07" + data["lines"][0]
    (data_dir / CHART_MEMO_NAME).write_bytes(orjson.dumps(data))
    chart, _ = await _start(data_dir, clock)
    assert chart is PainDaysChart
    assert read_memo(data_dir) == kept  # drawn anew, and kept again


async def test_the_ascii_mode_draws_the_chart_anew(data_dir, clock):
    _with_days(data_dir, clock)
    await _start(data_dir, clock)
    app = build_app(data_dir, clock, ascii=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen.query_one("#pain-days"), PainDaysChart)


async def test_a_new_theme_puts_the_live_chart_in_the_memos_place(data_dir, clock):
    _with_days(data_dir, clock)
    await _start(data_dir, clock)
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen.query_one("#pain-days"), MemoChart)
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen.query_one("#pain-days"), PainDaysChart)
