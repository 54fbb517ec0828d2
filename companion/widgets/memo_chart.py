"""The dashboard's 30-day chart as last drawn, shown without loading plotext.

:class:`MemoChart` shows a :class:`~companion.core.chart_memo.ChartMemo`, the
drawing plotext made at an earlier start, when nothing it was made from has
changed (see that module for why). The live chart
(:class:`~companion.widgets.pain_days.PainDaysChart`) and the memo share
:func:`chart_key` and :func:`day_columns`, so a memo is shown only where the live
chart would draw the same thing; where the size turns out different, the memo
asks for the live chart with :class:`MemoChart.Stale`.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from rich.text import Text
from textual import events
from textual.app import RenderResult
from textual.message import Message
from textual.widget import Widget

from companion.core.chart_memo import ChartMemo, memo_key
from companion.core.glyphs import glyph

__all__ = ["SPAN", "ChartDrawn", "MemoChart", "chart_key", "day_columns", "day_labels"]

SPAN = 30
"""Calendar days the dashboard's chart shows."""

_CODE = ("memo_chart.py", "pain_days.py", "score_chart.py")
"""This package's files that shape the drawing."""
_LIBRARIES = ("textual", "textual_plotext", "plotext")
"""The libraries that shape it (found, never imported, to be described)."""


def day_columns(
    today: date, days: Sequence[tuple[date, float]], span: int = SPAN
) -> tuple[list[int], list[float]]:
    """Each day with a value among the ``span`` days to ``today``, as its column
    (0 is the first day shown), and its value."""
    first = today - timedelta(days=span - 1)
    pairs = [((day - first).days, value) for day, value in days if first <= day <= today]
    return [column for column, _ in pairs], [value for _, value in pairs]


def day_labels(today: date, span: int = SPAN) -> tuple[str, str, str]:
    """The x axis's labels: the first day, the middle one and "today"."""
    first = today - timedelta(days=span - 1)
    middle = first + timedelta(days=span // 2)
    return first.strftime("%d %b"), middle.strftime("%d %b"), "today"


def chart_key(
    theme: str,
    today: date,
    days: Sequence[tuple[date, float]],
    span: int = SPAN,
    *,
    marker: str | None = None,
) -> str:
    """The key of the chart of ``days`` to ``today`` in ``theme``, at any size, with
    bars of ``marker`` (by default the symbol set's in use now)."""
    columns, values = day_columns(today, days, span)
    return memo_key(
        {
            "columns": columns,
            "values": values,
            "span": span,
            "labels": day_labels(today, span),
            "marker": glyph("chart-bar") if marker is None else marker,
            "theme": theme,
            "code": _code(),
        }
    )


@functools.cache
def _code() -> list[list[object]]:
    """Name, size, modification time and inode of the code that draws the chart.

    An upgrade or an edit of any of it changes the key (a checkout's version
    number stays the same while its files change)."""
    here = Path(__file__).parent
    files = [str(here / name) for name in _CODE]
    for library in _LIBRARIES:
        spec = importlib.util.find_spec(library)
        files.append(str(spec.origin) if spec is not None else library)
    described: list[list[object]] = []
    for name in files:
        try:
            info = os.stat(name)
        except OSError:
            described.append([name])
            continue
        described.append([name, info.st_size, info.st_mtime_ns, info.st_ino])
    return described


class ChartDrawn(Message):
    """The live chart has drawn something new: the memo to keep for the next start."""

    def __init__(self, memo: ChartMemo) -> None:
        super().__init__()
        self.memo = memo


class MemoChart(Widget):
    """A chart as plotext drew it at an earlier start (its lines are safe to show:
    :func:`~companion.core.chart_memo.decode_memo` let through only text and colour)."""

    DEFAULT_CSS = """
    MemoChart {
        width: 1fr;
        height: 1fr;
        min-height: 5;
    }
    """

    class Stale(Message):
        """The memo no longer shows the chart (another size, another theme): it
        must be drawn anew."""

        def __init__(self, chart: MemoChart) -> None:
            super().__init__()
            self.chart = chart

        @property
        def control(self) -> MemoChart:
            """The memo chart that is stale."""
            return self.chart

    def __init__(self, memo: ChartMemo, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.memo = memo
        """What is shown."""
        self.replaced = False
        """Whether the live chart is taking its place."""
        self._marker = glyph("chart-bar")
        """The bars' symbol: the memo's key named it, or it would not be shown."""

    def fits(self) -> bool:
        """Whether the chart has the size the memo was drawn at."""
        return (self.size.width, self.size.height) == (self.memo.width, self.memo.height)

    def render(self) -> RenderResult:
        if glyph("chart-bar") != self._marker:
            # the symbols were switched (A): these bars are the other set's
            self.call_later(self._stale)
            return ""
        return Text.from_ansi("\n".join(self.memo.lines)) if self.fits() else ""

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._stale())

    def on_resize(self, event: events.Resize) -> None:
        if not self.fits():
            self._stale()

    def _stale(self) -> None:
        self.post_message(self.Stale(self))
