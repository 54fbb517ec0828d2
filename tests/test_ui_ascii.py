"""Plain terminals: the ASCII mode (TERM=linux, the setting, --ascii, A) and
state that reads without colour (NO_COLOR): tick boxes and focus in text."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from textual.renderables.digits import Digits as DigitsRenderable
from textual.widgets import Button

from companion.ascii_filter import AsciiFilter
from companion.core.glyphs import is_ascii
from companion.screens.checkin import CheckinScreen
from companion.store import Store
from companion.widgets.clock_digits import ascii_digits
from companion.widgets.marks import TickBox
from tests.scenes import SCENES, Scene
from tests.store_helpers import checkin, measures
from tests.ui import build_app, screen_lines


def _non_ascii(lines: list[str]) -> set[str]:
    return {char for line in lines for char in line if not char.isascii()}


async def test_unicode_by_default(data_dir, clock):
    app = build_app(data_dir, clock, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not is_ascii()
        assert not any(isinstance(f, AsciiFilter) for f in app.get_line_filters())
        assert "⭘" in "".join(screen_lines(app))  # Textual's header icon, as drawn


async def test_term_linux_chooses_ascii(data_dir, clock, monkeypatch):
    monkeypatch.setenv("TERM", "linux")
    app = build_app(data_dir, clock, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert is_ascii()
        assert _non_ascii(screen_lines(app)) == set()


async def test_the_setting_chooses_ascii_on_any_terminal(data_dir, clock):
    Store.open(data_dir, clock).update_settings(glyphs="ascii")
    app = build_app(data_dir, clock, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert is_ascii()
        assert _non_ascii(screen_lines(app)) == set()


async def test_the_setting_unicode_beats_term_linux(data_dir, clock, monkeypatch):
    monkeypatch.setenv("TERM", "linux")
    Store.open(data_dir, clock).update_settings(glyphs="unicode")
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not is_ascii()


async def test_A_switches_to_ascii_at_once_and_remembers(data_dir, clock):
    app = build_app(data_dir, clock, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert _non_ascii(screen_lines(app))
        await pilot.press("A")
        await pilot.pause()
        assert is_ascii()
        assert app.store.load_settings().glyphs == "ascii"
        assert _non_ascii(screen_lines(app)) == set()
        await pilot.press("A")
        await pilot.pause()
        assert not is_ascii()
        assert app.store.load_settings().glyphs == "unicode"


_ASCII_SCENES = [scene for scene in SCENES if scene.ascii]


@pytest.mark.parametrize("scene", _ASCII_SCENES, ids=[s.name for s in _ASCII_SCENES])
async def test_key_screens_draw_nothing_but_ascii(scene: Scene, tmp_path):
    app = scene.build(tmp_path / "data")
    for size in ((80, 24), (50, 25)):
        async with app.run_test(size=size) as pilot:
            await scene.play(pilot)
            lines = screen_lines(app)
            assert _non_ascii(lines) == set(), "\n".join(lines)
        app = scene.build(tmp_path / f"data-{size[0]}")


def test_there_is_an_ascii_scene_for_each_key_screen():
    names = {scene.name for scene in _ASCII_SCENES}
    assert {"dashboard", "checkin", "screening-results", "trends", "timer-running"} == {
        name.removesuffix("-ascii") for name in names
    }


def _line_with(app, words: str) -> str:
    return next(line for line in screen_lines(app) if words in line)


async def test_ticked_and_unticked_boxes_differ_in_text(data_dir, clock):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 60)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CheckinScreen)
        assert "[ ] numbness" in _line_with(app, "numbness")
        assert "[ ]" in _line_with(app, "lower back")  # the body map's box for it
        app.screen.query_one("#symptom-numbness", TickBox).focus()
        await pilot.press("space")
        app.screen.query_one("#where").focus()
        await pilot.press("space")
        await pilot.pause()
        assert "[x] numbness" in _line_with(app, "numbness")
        assert "[ ] tingling" in _line_with(app, "tingling")
        assert "[x]" in _line_with(app, "lower back")
        assert "( [ ] ) ( [ ] )" in _line_with(app, "buttock")


@pytest.fixture
def no_color(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")  # Textual reads (and removes) it as the app is built


async def test_the_focused_scale_is_marked_in_text_without_colour(data_dir, clock, no_color):
    app = build_app(data_dir, clock)
    assert app.no_color
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        lines = screen_lines(app)
        numbers = [i for i, line in enumerate(lines) if " 0   1   2 " in line]
        marked = [i for i in numbers if lines[i].lstrip().startswith(">")]
        assert marked == numbers[:1]  # pain now has focus
        await pilot.press("tab")
        await pilot.pause()
        lines = screen_lines(app)
        marked = [i for i in numbers if lines[i].lstrip().startswith(">")]
        assert marked == numbers[1:2]  # then leg pain


async def test_the_highlighted_choice_is_marked_in_text(data_dir, clock, no_color):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("E")
        await pilot.pause()
        first = [line for line in screen_lines(app) if "> " in line and "United" in line]
        await pilot.press("down")
        await pilot.pause()
        second = [line for line in screen_lines(app) if "> " in line and "United" in line]
        assert len(first) == len(second) == 1
        assert first != second


async def test_a_focused_text_box_changes_shape_without_colour(data_dir, clock, no_color):
    app = build_app(data_dir, clock)
    async with app.run_test(size=(80, 60)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert "┏" not in "".join(screen_lines(app))
        app.screen.query_one("#triggers").focus()
        await pilot.pause()
        assert "┏" in "".join(screen_lines(app))  # a heavy frame, not only a brighter one


async def test_the_journal_cursor_row_is_underlined_without_colour(data_dir, clock, no_color):
    app = build_app(data_dir, clock, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        table = app.screen.query_one("DataTable")
        cursor = table.get_component_rich_style("datatable--cursor")
        assert cursor.underline and cursor.bold  # attributes that survive NO_COLOR


async def test_a_focused_button_and_tick_box_are_underlined_without_colour(
    data_dir, clock, no_color
):
    app = build_app(data_dir, clock, first_run=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        button = app.focused
        assert isinstance(button, Button)
        assert button.styles.text_style.underline
        assert not app.screen.query_one("#later", Button).styles.text_style.underline
        await pilot.press("escape")
        await pilot.pause()
        if app.screen.is_modal:  # the region question that follows
            await pilot.press("escape")
        await pilot.press("c")
        await pilot.pause()
        box = app.screen.query_one("#symptom-weakness", TickBox)
        box.focus()
        await pilot.pause()
        assert box.get_component_rich_style("toggle--label").underline


@pytest.mark.parametrize(
    "keys",
    [("s",), ("l", "enter"), ("l", "enter", "o"), ("j",), ("t",), ("j", "question_mark"), ("E",)],
    ids=["screening-intro", "article", "article-contents", "journal", "timers", "help", "region"],
)
async def test_more_screens_are_ascii_keys_in_the_footer_included(data_dir, clock, keys):
    Store.open(data_dir, clock).update_settings(glyphs="ascii")
    app = build_app(data_dir, clock, demo=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await app.key_queue.idle()
            await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        lines = screen_lines(app)
        assert _non_ascii(lines) == set(), "\n".join(lines)
        if keys == ("s",):
            assert "enter Start" in lines[-1]  # Textual's key symbol spelt out


def test_the_countdown_reads_as_seven_segment_figures_in_ascii():
    assert ascii_digits("0:22") == (" _     _  _ ", "| | o  _| _|", "|_| o |_ |_ ")
    for value in ("0:22", "12:05", "-1", "3.5"):
        assert all(len(row) == DigitsRenderable.get_width(value) for row in ascii_digits(value))


async def test_the_running_timer_shows_its_countdown_in_ascii_figures(tmp_path):
    scene = next(s for s in SCENES if s.name == "timer-running-ascii")
    app = scene.build(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await scene.play(pilot)
        assert any("| | o  _| _|" in line for line in screen_lines(app))  # 0:22


async def test_ascii_cuts_with_three_dots_and_changes_read_as_to(data_dir, clock):
    """A lone ``.`` after cut words read as a sentence's end, and ``6.3 > 3.3`` as
    "greater than" (false when a score got worse): ``...`` and ``->`` instead."""
    store = Store.open(data_dir, clock)
    store.update_settings(glyphs="ascii")
    now = clock.now()
    store.checkins.add(
        checkin(now - timedelta(hours=2), 5, note="Good day. Walked to the shop and back " * 4)
    )
    store.measures.add(measures(now - timedelta(days=8), peg=(3, 3, 4), sbi=(1, 2, 2, 2)))
    store.measures.add(measures(now - timedelta(days=1), peg=(7, 6, 6), sbi=(4, 3, 3, 3)))
    app = build_app(data_dir, clock, initial="journal")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        journal = "\n".join(screen_lines(app))
        assert "Good day. Walked to the" in journal
        assert re.search(r"Walked to the[ a-z]*\.\.\.", journal), journal
    app = build_app(data_dir, clock, initial="trends")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = " ".join(" ".join(screen_lines(app)).split())
        assert "PEG 3.3 -> 6.3" in text and "bothersomeness 7 -> 13" in text, text
        assert ">" not in text.replace("->", "")
