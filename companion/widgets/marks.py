"""Tick boxes and lists whose state reads in text, not only in colour.

Textual draws a check box as ``▐X▌`` whether it is ticked or not, and marks
the highlighted option of a list by its background alone: on a monochrome
terminal (``NO_COLOR``), to a colour-blind eye, or in the Linux console's
font, the difference is lost. These draw ``[x]`` / ``[ ]`` and a ``>`` in
front of the highlighted option, from :mod:`companion.core.glyphs`.
"""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from rich.style import Style
from textual.content import Content
from textual.strip import Strip
from textual.widgets import Checkbox, OptionList, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

from companion.core.glyphs import glyph, tick_box

__all__ = ["MarkedOptionList", "TickBox", "TickList"]

SelectionType = TypeVar("SelectionType")


class TickBox(Checkbox):
    """A check box drawn ``[x]`` when ticked and ``[ ]`` when not."""

    @property
    def _button(self) -> Content:
        return Content.styled(tick_box(self.value), self.get_visual_style("toggle--button"))


class TickList(SelectionList[SelectionType]):
    """A selection list whose items start ``[x]`` when ticked and ``[ ]`` when not."""

    def _get_left_gutter_width(self) -> int:
        return len(tick_box(False)) + 1

    def render_line(self, y: int) -> Strip:
        line = OptionList.render_line(self, y)
        index = self.scroll_offset.y + y
        try:
            selection = self.get_option_at_index(index)
        except OptionDoesNotExist:
            return line
        ticked = selection.value in self.selected
        part = "selection-list--button" + ("-selected" if ticked else "")
        base = next(iter(line)).style or self.rich_style or Style()
        box = self.get_component_rich_style(part) + Style(meta={"option": index})
        return Strip(
            [
                Segment(tick_box(ticked), box),
                Segment(" ", base),
                *line,
            ]
        )


class MarkedOptionList(OptionList):
    """An option list that puts a ``>`` before the highlighted option's first line."""

    def _get_left_gutter_width(self) -> int:
        return 2

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        try:
            index, line_offset = self._lines[self.scroll_offset.y + y]
        except IndexError:
            return Strip([Segment("  "), *line])
        marked = index == self.highlighted and line_offset == 0
        base = next(iter(line)).style or self.rich_style or Style()
        mark = f"{glyph('focus')} " if marked else "  "
        return Strip([Segment(mark, base + Style(meta={"option": index})), *line])
