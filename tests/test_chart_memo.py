"""The dashboard chart's memo: the drawing plotext made, shown at the next start
while nothing it was made from has changed (see companion.core.chart_memo)."""

from __future__ import annotations

import os
import stat
import unicodedata
from datetime import timedelta

import orjson
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.widget import Widget

from companion.core.chart_memo import MAX_MEMO_BYTES, ChartMemo, decode_memo, encode_memo
from companion.screens.dashboard import DashboardScreen
from companion.store import Store
from companion.store.chart_memo import read_memo, write_memo
from companion.store.devices import CHART_MEMO_NAME, IGNORE_FILES
from companion.widgets.memo_chart import MemoChart
from companion.widgets.pain_days import PainDaysChart
from tests.store_helpers import checkin
from tests.ui import build_app

DRAWING = ("\x1b[48;2;30;30;30m 10┤\x1b[0m██  ", "\x1b[38;2;224;224;224m  0┤\x1b[0m▄▄  ")
"""Two rows of a chart eight cells wide, as plotext writes them."""
MEMO = ChartMemo('{"today":"2026-11-21"}', 8, 2, DRAWING)

HOSTILE = (
    "\x1b]0;a new window title\x07",  # OSC: would retitle the terminal
    "\x1b]8;;https://example.org\x1b\\link\x1b]8;;\x1b\\",  # OSC 8: a link
    "\x1b[2J",  # CSI other than SGR: would clear the screen
    "\x1b[1;1H over the top",
    "a bell \x07",
    "back\rover",
    "C1 \x9b31m",
    "bidi \u202e",
    "two\u2028rows",
    "\x1b[" + "1;" * 40 + "m",  # an SGR too long to be plotext's
)
"""Fragments that must never reach the terminal from a memo."""

FRAGMENTS = st.sampled_from(
    ["\x1b[", "\x1b", "[", "38;2;", "0", "1", "255", ";", "m", "H", "\x1b]8;;x\x1b\\", "\x07",
     "\r", "\n", "\x9b", "\x85", "\u202e", "\u2028", "█", "▄", "┤", "a", " ", "界", "\u0301"]
)  # fmt: skip
"""Pieces of SGR and of everything else a line could be made of."""


def raw(**changes: object) -> bytes:
    data = {"version": 1, "key": MEMO.key, "size": [8, 2], "lines": list(DRAWING)}
    data.update(changes)
    return orjson.dumps(data)


def shows_only_text_and_colour(line: str, width: int) -> bool:
    """What rich makes of ``line``: printable text ``width`` cells wide, no links."""
    text = Text.from_ansi(line)
    return (
        "\n" not in text.plain
        and not any(unicodedata.category(char) == "Cc" for char in text.plain)
        and cell_len(text.plain) == width
        and all(not isinstance(span.style, Style) or not span.style.link for span in text.spans)
    )


def test_a_memo_reads_back_as_written():
    assert decode_memo(encode_memo(MEMO)) == MEMO


def test_anything_but_text_and_colour_makes_the_memo_ignored():
    assert decode_memo(raw(lines=["ok" + " " * 6])) is not None
    for fragment in HOSTILE:
        # whatever width the fragment is counted as, one of these would be 8 cells
        for pad in range(20):
            line = fragment + " " * pad
            assert decode_memo(raw(lines=[line])) is None, repr(line)


def test_a_memo_of_the_wrong_shape_is_ignored():
    for changes in (
        {"version": 2},
        {"key": 5},
        {"size": [8]},
        {"size": [0, 2]},
        {"size": [8, 10**6]},
        {"size": [8.0, 2]},
        {"size": [True, 2]},
        {"lines": list(DRAWING) * 2},  # more rows than it was drawn on
        {"lines": [DRAWING[0] + " ", DRAWING[1]]},  # a row wider than the chart
        {"lines": [DRAWING[0][:-1], DRAWING[1]]},  # or narrower
        {"lines": "a"},
    ):
        assert decode_memo(raw(**changes)) is None, changes
    assert decode_memo(b"not json") is None
    assert decode_memo(b"[]") is None
    assert decode_memo(b" " * (MAX_MEMO_BYTES + 1)) is None


@given(st.binary(max_size=400) | st.text(max_size=200).map(str.encode))
def test_any_bytes_are_a_memo_safe_to_show_or_ignored(data: bytes) -> None:
    memo = decode_memo(data)
    assert memo is None or all(shows_only_text_and_colour(line, memo.width) for line in memo.lines)


@given(st.lists(st.lists(FRAGMENTS, max_size=12).map("".join), min_size=1, max_size=3))
def test_lines_of_any_pieces_are_shown_only_as_text_and_colour(lines: list[str]) -> None:
    width = cell_len(Text.from_ansi(lines[0]).plain) or 1
    memo = decode_memo(raw(size=[width, 3], lines=lines))
    if memo is not None:
        assert all(shows_only_text_and_colour(line, width) for line in memo.lines)


@given(
    st.lists(
        st.tuples(st.sampled_from(["", "\x1b[0m", "\x1b[38;2;1;2;3m", "\x1b[1;48;5;7m"]),
                  st.text(st.sampled_from("ab █▄┤⣿·界-"), max_size=6)),
        min_size=1, max_size=6,
    )
)  # fmt: skip
def test_any_coloured_text_of_the_charts_width_is_shown(pieces: list[tuple[str, str]]) -> None:
    line = "".join(sgr + text for sgr, text in pieces)
    width = cell_len("".join(text for _, text in pieces))
    if width:
        assert decode_memo(raw(size=[width, 1], lines=[line])) is not None


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


async def _settled(app, pilot) -> Widget:
    """Wait until the chart is shown from the memo, or drawn and its drawing kept."""
    for _ in range(50):
        chart = app.screen.query("#pain-days").first() if app.screen.query("#pain-days") else None
        if isinstance(chart, MemoChart) or (isinstance(chart, PainDaysChart) and chart.told):
            await app.workers.wait_for_complete()
            return chart
        await pilot.pause()
    raise AssertionError("the chart was never shown or never announced")


async def _start(data_dir, clock, size=(80, 24), ascii=False):
    """Start the app, wait for the chart and its memo, and return the chart's type and
    the screen as text."""
    app = build_app(data_dir, clock, ascii=ascii)
    async with app.run_test(size=size) as pilot:
        chart = await _settled(app, pilot)
        return type(chart), app.export_screenshot()


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
    assert (await _start(data_dir, clock))[0] is MemoChart  # the same day: the memo
    clock.advance(timedelta(days=1).total_seconds())
    chart, _ = await _start(data_dir, clock)
    assert chart is PainDaysChart


async def test_another_size_draws_the_chart_anew_as_a_fresh_start_would(data_dir, clock, tmp_path):
    _with_days(data_dir, clock)
    await _start(data_dir, clock, size=(80, 24))
    memo = read_memo(data_dir)
    assert (await _start(data_dir, clock, size=(80, 24)))[0] is MemoChart
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
        assert isinstance(await _settled(app, pilot), MemoChart)
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
        assert isinstance(await _settled(app, pilot), PainDaysChart)


async def test_a_new_theme_puts_the_live_chart_in_the_memos_place(data_dir, clock):
    _with_days(data_dir, clock)
    await _start(data_dir, clock)
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(await _settled(app, pilot), MemoChart)
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen.query_one("#pain-days"), PainDaysChart)


async def test_a_saved_theme_is_shown_from_the_memo_too(data_dir, clock):
    store = _with_days(data_dir, clock)
    store.update_settings(theme="nord")
    assert (await _start(data_dir, clock))[0] is PainDaysChart
    assert (await _start(data_dir, clock))[0] is MemoChart


async def test_switching_symbols_redraws_the_bars_and_keeps_what_is_drawn(data_dir, clock):
    _with_days(data_dir, clock)
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        first = await _settled(app, pilot)
        assert isinstance(first, PainDaysChart)
        drawn = first.told
        await pilot.press("A")  # plain ASCII symbols
        for _ in range(50):
            if first.told != drawn:
                break
            await pilot.pause()
        await app.workers.wait_for_complete()
        assert first.told is not None and "#" in "".join(first.told.lines)
    kept = read_memo(data_dir)
    assert kept == first.told
    # the next start (in ASCII, as remembered) shows it; one in Unicode draws anew
    assert (await _start(data_dir, clock))[0] is MemoChart
    Store.open(data_dir, clock).update_settings(glyphs="unicode")
    assert (await _start(data_dir, clock))[0] is PainDaysChart


async def test_switching_symbols_puts_the_live_chart_in_the_memos_place(data_dir, clock):
    _with_days(data_dir, clock)
    await _start(data_dir, clock)
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(await _settled(app, pilot), MemoChart)
        await pilot.press("A")
        chart = await _settled(app, pilot)
        assert isinstance(chart, PainDaysChart)
        assert chart.told is not None and "#" in "".join(chart.told.lines)
