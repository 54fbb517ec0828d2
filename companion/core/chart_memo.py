"""The dashboard chart's last drawing, kept so that a start whose chart has not
changed shows it without loading the chart library.

plotext, the chart library, took a sixth of the time to the dashboard's first
frame: about 14 ms to import and 5 ms to draw 30 bars. Most starts show the
same chart as the last one (the same days, the same terminal, the same theme):
a check-in changes it once or twice a day, the app is opened more often. So the
drawing plotext made is kept in the data directory with a key naming everything
it was made from, and a start whose key is the same shows the drawing as it was.
Anything else (a new check-in, a new day, another size or theme, new code) draws
it anew with plotext, which then keeps the new drawing.

The drawing is the text plotext built: characters and SGR (colour and style)
sequences. It is read from a file in the data directory, so it is treated as
hostile: at most :data:`MAX_MEMO_BYTES`, JSON of exactly the expected shape,
and every line printable characters and SGR sequences only, so nothing else can
reach the terminal, exactly as wide as the chart was drawn (so it lays out as
the drawing did, and no line costs more than its cells to show). A memo that is
not so is ignored and written anew.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

import orjson
from rich.cells import cell_len

from companion.core.untrusted import BIDI_CONTROLS

__all__ = ["MAX_MEMO_BYTES", "ChartMemo", "decode_memo", "encode_memo", "memo_key"]

MAX_MEMO_BYTES = 256 * 1024
"""The largest memo file read (a 200×60 chart in colour is about 60 KiB)."""
MAX_SIDE = 1000
"""The largest width or height, in cells, a memo may claim."""
VERSION = 1
"""The memo format; a memo of another version is ignored."""

_SGR = re.compile("\x1b\\[[0-9;]{0,64}m")
"""A colour or style sequence as plotext writes it."""
_LINE = re.compile(f"(?:{_SGR.pattern}|[^\x00-\x1f\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}])*")
"""A line that may reach the terminal: printable characters and SGR sequences only
(no line or paragraph separator either: a line is one row)."""


class ChartMemo(NamedTuple):
    """A chart as drawn: its key, its size in cells and its lines."""

    key: str
    """What the drawing was made from (see :func:`memo_key`): the same key, the same drawing."""
    width: int
    """The columns it was drawn on."""
    height: int
    """The rows it was drawn on."""
    lines: tuple[str, ...]
    """The drawing, a line per row: characters and SGR sequences."""


def memo_key(parts: Mapping[str, object]) -> str:
    """The key of a drawing made from ``parts`` (JSON values), the same for the same parts."""
    return orjson.dumps(parts, option=orjson.OPT_SORT_KEYS).decode()


def encode_memo(memo: ChartMemo) -> bytes:
    """The file's bytes for ``memo``."""
    return orjson.dumps(
        {
            "version": VERSION,
            "key": memo.key,
            "size": [memo.width, memo.height],
            "lines": list(memo.lines),
        }
    )


def decode_memo(raw: bytes) -> ChartMemo | None:
    """The memo in ``raw`` if it is whole and safe to show (see the module), else None."""
    if len(raw) > MAX_MEMO_BYTES:
        return None
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return None
    key, size, lines = data.get("key"), data.get("size"), data.get("lines")
    if not isinstance(key, str) or not isinstance(size, list) or not isinstance(lines, list):
        return None
    if len(size) != 2 or not all(type(side) is int and 0 < side <= MAX_SIDE for side in size):
        return None
    width, height = size
    if len(lines) > height or not all(_is_row(line, width) for line in lines):
        return None
    return ChartMemo(key, width, height, tuple(lines))


def _is_row(line: object, width: int) -> bool:
    """Whether ``line`` is a row of the drawing: text and SGR only, ``width`` cells wide."""
    return (
        isinstance(line, str)
        and _LINE.fullmatch(line) is not None
        and cell_len(_SGR.sub("", line)) == width
    )
