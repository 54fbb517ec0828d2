"""PaintedScreen: an update leaves out every piece the terminal already shows, and
anything that may have changed the terminal behind its back makes it write
everything again. (tests/test_paint_once.py checks the same in a real pty.)"""

from __future__ import annotations

import re
from collections.abc import Sequence

from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, CompositorUpdate, InlineUpdate, LayoutUpdate
from textual.geometry import Region
from textual.strip import Strip

from companion.painted_screen import PaintedScreen, cells

COLOUR = Console(force_terminal=True, color_system="truecolor", width=20)
PLAIN = Console(force_terminal=True, color_system=None, width=20)
"""Writes characters and cursor moves only, so a test can follow the screen."""
WIDTH = 12
_MOVE = re.compile(r"\x1b\[(\d+);(\d+)H")

Piece = str | tuple[str, Style]
"""A strip's text, and its style if not plain."""


def strip(piece: Piece) -> Strip:
    text, style = piece if isinstance(piece, tuple) else (piece, Style())
    return Strip([Segment(text, style)])


def whole(*lines: Piece | Sequence[Piece], x: int = 0) -> LayoutUpdate:
    """A whole-screen update: each line one piece or several side by side, and
    spaces to the edge (as Textual's lines always reach it)."""
    strips = []
    for line in lines:
        pieces = [strip(p) for p in ([line] if isinstance(line, str | tuple) else line)]
        used = sum(piece.cell_length for piece in pieces)
        strips.append([*pieces, strip(" " * (WIDTH - used))])
    return LayoutUpdate(strips, Region(x, 0, WIDTH, len(lines)))  # type: ignore[arg-type]


def written(painted: PaintedScreen, update: CompositorUpdate, console: Console = COLOUR) -> str:
    return painted.prepare(update, console).render_segments(console)


def places(text: str) -> list[tuple[int, int]]:
    """Where each piece written starts, as (x, y)."""
    return [(int(m.group(2)) - 1, int(m.group(1)) - 1) for m in _MOVE.finditer(text)]


def rows(text: str) -> list[int]:
    """The rows written to."""
    return sorted({y for _x, y in places(text)})


def test_the_first_update_writes_everything_and_the_same_again_writes_nothing() -> None:
    painted = PaintedScreen()
    assert rows(written(painted, whole("one", "two", "three"))) == [0, 1, 2]
    assert painted.known() == 3 * WIDTH
    assert written(painted, whole("one", "two", "three")) == ""


def test_what_is_prepared_is_remembered_only_once_written() -> None:
    """Textual may drop an update (while updates are batched): the memory then
    still holds what the terminal shows."""
    painted = PaintedScreen()
    told: list[str] = []
    dropped = painted.prepare(whole("one", "two"), COLOUR, lambda: told.append("dropped"))
    assert dropped.text and painted.known() == 0 and not told
    kept = painted.prepare(whole("one", "two"), COLOUR, lambda: told.append("written"))
    assert kept.render_segments(COLOUR) == dropped.text
    assert told == ["written"] and painted.known() == 2 * WIDTH
    assert painted.prepare(whole("one", "two"), COLOUR).text == ""


def test_only_pieces_whose_characters_or_style_changed_are_written() -> None:
    painted = PaintedScreen()
    written(painted, whole(["left", "right"], "two", "three"))
    again = written(painted, whole(["left", "RIGHT"], "two", ("three", Style(bold=True))))
    assert places(again) == [(4, 0), (0, 2)]
    assert "RIGHT" in again and "left" not in again and "two" not in again


def test_a_partial_update_leaves_out_what_is_shown_and_is_remembered() -> None:
    painted = PaintedScreen()
    written(painted, whole("one", "two", "three"))
    same = ChopsUpdate([{}, {0: strip("two")}, {}], [(1, 0, 3)], [[], [3], []])
    assert written(painted, same) == ""
    other = ChopsUpdate([{}, {0: strip("TWO")}, {}], [(1, 0, 3)], [[], [3], []])
    assert places(written(painted, other)) == [(0, 1)]
    assert places(written(painted, whole("one", "two", "three"))) == [(0, 1)]


def test_a_new_size_or_place_or_forgetting_writes_everything() -> None:
    painted = PaintedScreen()
    written(painted, whole("one", "two"))
    assert rows(written(painted, whole("one", "two", "three"))) == [0, 1, 2]
    assert rows(written(painted, whole("one", "two", "three", x=1))) == [0, 1, 2]
    painted.forget()
    assert painted.known() == 0
    assert rows(written(painted, whole("one", "two", "three", x=1))) == [0, 1, 2]


def test_an_update_of_another_kind_is_written_as_it_is_and_forgets_all() -> None:
    painted = PaintedScreen()
    written(painted, whole("one", "two"))
    inline = InlineUpdate([strip("hi")])
    assert written(painted, inline) == inline.render_segments(COLOUR)
    assert rows(written(painted, whole("one", "two"))) == [0, 1]


def test_cells_are_terminal_columns() -> None:
    assert [c for c, _ in cells(strip("a界b"))] == ["a", "界", "", "b"]
    assert [c for c, _ in cells(strip("e\u0301x"))] == ["e\u0301", "x"]


@given(st.text(max_size=30))
def test_there_is_one_cell_per_column(text: str) -> None:
    shown = strip(text)
    assert len(cells(shown)) == shown.cell_length


_WORD = st.text(alphabet="abcXYZ ", min_size=1, max_size=4)
_LINE = st.lists(_WORD, min_size=1, max_size=3)
_SCREEN = st.lists(_LINE, min_size=3, max_size=3)


def _follow(screen: list[list[str]], text: str) -> None:
    """Apply plain output (cursor moves and characters) to ``screen``."""
    parts = _MOVE.split(text)
    for row, column, chars in zip(parts[1::3], parts[2::3], parts[3::3], strict=True):
        y, x = int(row) - 1, int(column) - 1
        for offset, char in enumerate(chars):
            screen[y][x + offset] = char


@given(st.lists(_SCREEN, min_size=1, max_size=6))
def test_the_terminal_ends_showing_the_last_update(updates: list[list[list[str]]]) -> None:
    """Whatever was shown before, following only what was written leaves the
    terminal showing exactly the last update."""
    painted = PaintedScreen()
    terminal = [[" "] * WIDTH for _ in range(3)]
    for lines in updates:
        _follow(terminal, written(painted, whole(*lines), PLAIN))
    expected = ["".join(line).ljust(WIDTH) for line in updates[-1]]
    assert ["".join(row) for row in terminal] == expected
