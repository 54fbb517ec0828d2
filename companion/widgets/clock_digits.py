"""The timer's big countdown, readable in ASCII mode too.

Textual's :class:`~textual.widgets.Digits` draws each character from box
lines three cells wide and three high; turned into ASCII cell by cell those
become boxes of ``+`` that no longer read as numbers. In ASCII mode this
draws the classic seven-segment figures of ``_`` and ``|`` in the same cells.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import RenderResult
from textual.renderables.digits import DIGITS
from textual.widgets import Digits

from companion.core.glyphs import is_ascii

__all__ = ["ClockDigits", "ascii_digits"]

_FIGURES = {
    "0": (" _ ", "| |", "|_|"),
    "1": ("   ", "  |", "  |"),
    "2": (" _ ", " _|", "|_ "),
    "3": (" _ ", " _|", " _|"),
    "4": ("   ", "|_|", "  |"),
    "5": (" _ ", "|_ ", " _|"),
    "6": (" _ ", "|_ ", "|_|"),
    "7": (" _ ", "  |", "  |"),
    "8": (" _ ", "|_|", "|_|"),
    "9": (" _ ", "|_|", " _|"),
    ":": ("   ", " o ", " o "),
    "-": ("   ", " _ ", "   "),
}


def ascii_digits(value: str) -> tuple[str, str, str]:
    """``value`` as three rows of ASCII, each character as wide as Digits draws it."""
    rows: tuple[list[str], list[str], list[str]] = ([], [], [])
    for char in value:
        if char in _FIGURES:
            figure = _FIGURES[char]
        elif char in DIGITS:
            figure = ("   ", "   ", f" {char} ")
        else:
            figure = (" ", " ", char)
        for row, part in zip(rows, figure, strict=True):
            row.append(part)
    top, middle, bottom = ("".join(row) for row in rows)
    return top, middle, bottom


class ClockDigits(Digits):
    """Digits that draw seven-segment ASCII figures in ASCII mode."""

    def render(self) -> RenderResult:
        if not is_ascii():
            return super().render()
        return Text("\n".join(ascii_digits(self.value)), style=self.rich_style, no_wrap=True)
