"""Where it hurts, drawn: an ASCII outline of the lower back and both legs,
seen from behind, whose areas are ticked with the arrow keys and space.

The drawing is plain ASCII so it reads over any SSH client and on the Linux
console; the area under the cursor is reversed and also named in words on
the last line, so it reads without colour too. The values are the area
labels the journal has always stored (``left calf``, ``lower back``): labels
the drawing has no place for (``left knee`` from an older entry) are listed
under it and can be unticked like the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from rich.text import Text
from textual.binding import Binding
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

__all__ = ["BodyMap", "map_labels"]

_DRAWING = r"""
                    left    right
                .-----------------.
lower back      |       [0]       |
                '-.-------------.-'
buttock           ( [b] ) ( [B] )
back of thigh     | [t] | | [T] |
side of thigh   [s]     | |     [S]
calf              | [c] | | [C] |
outer calf      [o]     | |     [O]
shin (front)      | [n] | | [N] |
top of foot       | [f] | | [F] |
heel              | [h] | | [H] |
sole              '-[p]-' '-[P]-'
""".strip("\n").splitlines()
"""Seen from behind, so the person's left is on the left. Each ``[k]`` is an
area: lower case the left side, upper case the right."""

_AREAS = {
    "b": "buttock",
    "t": "back of the thigh",
    "s": "side of the thigh",
    "c": "calf",
    "o": "outer calf",
    "n": "shin",
    "f": "top of the foot",
    "p": "sole",
    "h": "heel",
}

_ALSO = "also "
"""Before the first label the drawing has no place for."""

_LABELS = 16
"""The width of the names on the left of the drawing."""

_BOX = re.compile(r"\[([0a-zA-Z])\]")


def _label(key: str) -> str:
    if key == "0":
        return "lower back"
    side = "left" if key.islower() else "right"
    return f"{side} {_AREAS[key.lower()]}"


class _Spot(NamedTuple):
    """An area's place in the drawing: the line and column of its ``[``."""

    label: str
    line: int
    column: int


_SPOTS = tuple(
    _Spot(_label(match.group(1)), line, match.start())
    for line, text in enumerate(_DRAWING)
    for match in _BOX.finditer(text)
)

_INDEX = {(spot.line, spot.column): index for index, spot in enumerate(_SPOTS)}


def map_labels() -> tuple[str, ...]:
    """Every label the drawing offers, top to bottom, left before right."""
    return tuple(spot.label for spot in _SPOTS)


class BodyMap(Widget, can_focus=True):
    """The areas that hurt, ticked on a drawing of the back and legs."""

    DEFAULT_CSS = """
    BodyMap {
        height: auto;
        width: 46;
    }
    BodyMap:focus {
        background: $boost;
    }
    """

    BINDINGS = [
        Binding("up", "move_line(-1)", "Up", show=False),
        Binding("down", "move_line(1)", "Down", show=False),
        Binding("left", "move(-1)", "Previous", show=False),
        Binding("right", "move(1)", "Next", show=False),
        Binding("space,x", "tick", "Tick", show=False),
    ]

    areas: reactive[frozenset[str]] = reactive(frozenset, layout=True)
    """The ticked areas, as stored labels."""
    cursor: reactive[int] = reactive(0)
    """The index of the area under the cursor (in ``spots``)."""

    class Changed(Message):
        """The ticked areas changed."""

        def __init__(self, body_map: BodyMap, areas: frozenset[str]) -> None:
            super().__init__()
            self.body_map = body_map
            self.areas = areas

        @property
        def control(self) -> BodyMap:
            return self.body_map

    def __init__(self, areas: Iterable[str] = (), *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._extras: list[str] = []
        self.set_reactive(BodyMap.areas, frozenset(areas))
        self._add_extras(self.areas)

    @property
    def selected(self) -> tuple[str, ...]:
        """The ticked areas in drawing order (then the extra labels), as the form saves them."""
        return tuple(spot.label for spot in self.spots if spot.label in self.areas)

    @property
    def spots(self) -> tuple[_Spot, ...]:
        """Every place that can be ticked: the drawing's, then the extra labels' line."""
        first = len(_DRAWING) + 1  # after a blank line
        extras = (_Spot(label, first + n, len(_ALSO)) for n, label in enumerate(self._extras))
        return _SPOTS + tuple(extras)

    def _add_extras(self, areas: Iterable[str]) -> None:
        known = set(map_labels()) | set(self._extras)
        self._extras += sorted(set(areas) - known)

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(len(self.spots) - 1, cursor))

    def watch_areas(self, areas: frozenset[str]) -> None:
        self._add_extras(areas)
        self.post_message(self.Changed(self, areas))

    def render(self) -> Text:
        lines = [self._render_line(text, index) for index, text in enumerate(_DRAWING)]
        if self._extras:
            lines += [Text(), *self._render_extras()]
        spot = self.spots[self.cursor]
        state = "ticked" if spot.label in self.areas else "not ticked"
        lines += [Text(), Text(f"> {spot.label}: {state}", style="bold")]
        return Text("\n", no_wrap=True, overflow="ellipsis").join(lines)

    def _box(self, index: int) -> Text:
        label = self.spots[index].label
        box = "[x]" if label in self.areas else "[ ]"
        focused = index == self.cursor and self.has_focus
        return Text(box, style="bold reverse" if focused else "bold" if box == "[x]" else "")

    def _render_line(self, text: str, line: int) -> Text:
        out = Text(text[:_LABELS])  # the area's name, then the outline, dimmed
        last = _LABELS
        for match in _BOX.finditer(text):
            out.append(text[last : match.start()], style="dim")
            out.append_text(self._box(_INDEX[line, match.start()]))
            last = match.end()
        out.append(text[last:], style="dim")
        return out

    def _render_extras(self) -> list[Text]:
        """One line for each label the drawing has no place for."""
        lines = []
        for offset, label in enumerate(self._extras):
            line = Text(_ALSO if offset == 0 else " " * len(_ALSO))
            line.append_text(self._box(len(_SPOTS) + offset))
            line.append(f" {label}")
            lines.append(line)
        return lines

    def action_move(self, step: int) -> None:
        self.cursor = (self.cursor + step) % len(self.spots)

    def action_move_line(self, step: int) -> None:
        """The nearest area on the next line up or down that has one."""
        here = self.spots[self.cursor]
        lines = sorted({spot.line for spot in self.spots})
        position = lines.index(here.line) + step
        if not 0 <= position < len(lines):
            return
        target = lines[position]
        candidates = [(i, s) for i, s in enumerate(self.spots) if s.line == target]
        self.cursor = min(candidates, key=lambda item: abs(item[1].column - here.column))[0]

    def action_tick(self) -> None:
        label = self.spots[self.cursor].label
        self.areas = self.areas ^ {label}

    def on_click(self, event: Click) -> None:
        for index, spot in enumerate(self.spots):
            if spot.line == event.y and spot.column <= event.x < spot.column + 3:
                self.cursor = index
                self.action_tick()
                return

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
