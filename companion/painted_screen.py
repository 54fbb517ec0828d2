"""Send the terminal only what it does not already show.

Textual repaints whole screens often: a new screen, again when the terminal
reports its size, again when a screen is resumed, and a refresh of every widget
at once. At 80×24 each is about 10 KB, and over a slow SSH link every one is
felt. :class:`PaintedScreen` remembers each cell the terminal was last sent
(its character and style) and, as Textual writes an update, leaves out every
piece (a widget's part of a line) whose cells the terminal already shows, as
curses does. What is written is Textual's own rendering of the pieces kept; a
repaint the terminal shows already is not sent at all (the app skips it), so a
screen falls quiet as soon as it is complete.

The memory is dropped whenever the terminal may no longer show what it holds:
on a resize, when the app comes back from a suspend (ctrl+z), and on ctrl+l
(``redraw``), the classic cure after another program wrote over the screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import repeat

from rich.cells import get_character_cell_size
from rich.console import Console, ConsoleOptions, RenderResult
from rich.control import Control
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, CompositorUpdate, LayoutUpdate
from textual.geometry import Region
from textual.strip import Strip

__all__ = ["PaintedScreen", "Prepared", "cells"]

Cell = tuple[str, Style | None]
"""A character (with any zero-width ones after it; "" for the right half of a
wide one) and its style."""


def cells(strip: Strip) -> list[Cell]:
    """The cells ``strip`` paints, one per terminal column."""
    out: list[Cell] = []
    for text, style, control in strip:
        if control:
            continue
        if text.isascii() and text.isprintable():
            out.extend(zip(text, repeat(style)))
            continue
        for char in text:
            width = get_character_cell_size(char)
            if width == 0:  # joins the character before it (none: takes no column)
                if out:
                    out[-1] = (out[-1][0] + char, out[-1][1])
            else:
                out.append((char, style))
                if width == 2:
                    out.append(("", style))
    return out


def _pieces(update: CompositorUpdate) -> Iterator[tuple[int, int, Strip]]:
    """Each (x, y, strip) ``update`` writes, in order, as Textual would write them."""
    if isinstance(update, LayoutUpdate):
        for y, line in enumerate(update.strips, update.region.y):
            x = update.region.x
            for strip in line:
                yield x, y, strip
                x += strip.cell_length
    elif isinstance(update, ChopsUpdate):  # the same choice of pieces as its render_segments
        for y, x1, x2 in update.spans:
            for end, (x, chop) in zip(update.chop_ends[y], update.chops[y].items(), strict=False):
                if chop is None or x > x2 or end <= x1:
                    continue
                yield x, y, chop if x2 > x >= x1 and end <= x2 else chop.crop(0, min(end, x2) - x)


class Prepared(CompositorUpdate):
    """What brings the terminal to an update, and what it then shows, remembered
    only when Textual writes it.

    Textual renders an update to text only when it is about to write it to the
    terminal (not while updates are batched, not when headless), so the memory
    changes exactly when the terminal does.
    """

    def __init__(self, text: str, written: Callable[[], None]) -> None:
        self.text = text
        """The pieces the terminal does not show yet ("" when it shows them all)."""
        self._written = written

    def render_segments(self, console: Console) -> str:
        self._written()
        return self.text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The same text as :meth:`render_segments` (Textual uses that one)."""
        yield Segment(self.render_segments(console))


class PaintedScreen:
    """The cells last written to the terminal, line by line."""

    def __init__(self) -> None:
        self._lines: list[list[Cell | None]] = []
        self._region: Region | None = None

    def known(self) -> int:
        """How many cells are known."""
        return sum(cell is not None for line in self._lines for cell in line)

    def forget(self) -> None:
        """Know nothing: the next update is written whole."""
        self._lines = []
        self._region = None

    def prepare(
        self, update: CompositorUpdate, console: Console, then: Callable[[], None] | None = None
    ) -> Prepared:
        """The pieces of ``update`` the terminal does not show; once they are
        written the memory holds them (and ``then`` runs)."""
        if not isinstance(update, LayoutUpdate | ChopsUpdate):  # inline, or unknown
            return Prepared(update.render_segments(console), _both(self.forget, then))
        lines = self._lines
        region = self._region
        if isinstance(update, LayoutUpdate) and update.region != region:
            region = update.region
            lines = [[None] * region.right for _ in range(region.bottom)]
        move_to = Control.move_to
        written: list[str] = []
        changes: list[tuple[list[Cell | None], int, int, list[Cell]]] = []
        for x, y, strip in _pieces(update):
            new = cells(strip)
            end = x + len(new)
            line = lines[y] if y < len(lines) else None
            if line is not None and end <= len(line):
                if line[x:end] == new:
                    continue
                changes.append((line, x, end, new))
            written.append(move_to(x, y).segment.text)
            written.append(strip.render(console))

        def remember() -> None:
            self._lines, self._region = lines, region
            for line, start, end, new in changes:
                line[start:end] = new

        return Prepared("".join(written), _both(remember, then))


def _both(first: Callable[[], None], then: Callable[[], None] | None) -> Callable[[], None]:
    if then is None:
        return first

    def both() -> None:
        first()
        then()

    return both
