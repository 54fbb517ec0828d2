"""The last step before the terminal in ASCII mode: every Unicode symbol drawn
(ours, Textual's borders and scrollbars, plotext's axes) becomes ASCII.

A Textual line filter, the mechanism Textual itself uses for ``NO_COLOR``:
it sees each rendered line, so no widget has to know about the mode. Symbols
that carry meaning are chosen in ASCII where they are drawn
(:mod:`companion.core.glyphs`); this catches the rest, one cell for one cell.
Characters it has no ASCII for (letters in a person's own notes) are kept.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from companion.core.glyphs import to_ascii

__all__ = ["AsciiFilter"]


class AsciiFilter(LineFilter):
    """Replace the Unicode symbols of each line with ASCII of the same width."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if all(segment.text.isascii() for segment in segments):
            return segments
        return [
            segment
            if segment.control or segment.text.isascii()
            else Segment(to_ascii(segment.text), segment.style, segment.control)
            for segment in segments
        ]
