"""The dashboard's 30-day chart: one column per calendar day on a fixed 0–10
scale, days without a check-in left empty, drawn by plotext.

A bar per day, not a line: a line joins days across gaps and reads as a
trend where there was no check-in at all. The scale is a
:class:`~companion.widgets.score_chart.ScoreChart`'s, so a bar reaches the
row labelled with its score (on 0, 5 and 10; 0 and 10 only on a short chart).

Each new drawing, once on screen, is announced with
:class:`~companion.widgets.memo_chart.ChartDrawn`, so that the next start can
show it without plotext while nothing it was made from has changed.
"""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from textual import events
from textual.app import RenderResult
from textual.reactive import reactive

from companion.core.chart_memo import ChartMemo
from companion.core.glyphs import glyph
from companion.widgets.memo_chart import SPAN, ChartDrawn, chart_key, day_columns, day_labels
from companion.widgets.score_chart import ScoreChart

__all__ = ["PainDaysChart"]


class PainDaysChart(ScoreChart):
    """Daily mean pain over ``span`` calendar days ending ``today``."""

    DEFAULT_CSS = """
    PainDaysChart {
        height: 1fr;
        min-height: 5;
    }
    """

    LEFT_LABELS = (0.0, 5.0, 10.0)

    days: reactive[tuple[tuple[date, float], ...]] = reactive(())
    """(local day, mean pain) for the days that have a check-in, oldest first."""

    def __init__(self, today: date, span: int = SPAN, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today = today
        """The last day shown (the rightmost column)."""
        self.span = span
        """How many calendar days are shown."""
        self._drawn: ChartMemo | None = None
        """The last drawing, as a memo for the next start."""
        self._told: ChartMemo | None = None
        """The last drawing announced with :class:`ChartDrawn`."""
        self._marker = ""
        """The bars' symbol plotext was last given."""

    def columns(self) -> tuple[list[int], list[float]]:
        """Each day with a value as its column (0 is the first day shown) and its mean."""
        return day_columns(self.today, self.days, self.span)

    def watch_days(self) -> None:
        self.draw()

    def on_mount(self) -> None:
        self.draw()

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._announce)

    def render(self) -> RenderResult:
        if glyph("chart-bar") != self._marker:
            # the symbols were switched (A) since the bars were given to plotext
            self._give_days()
            self.call_after_refresh(self._announce)
        drawn = super().render()
        # plotext keeps the text it last built (the ANSI the parent made ``drawn`` of),
        # split as rich's decoder splits it.
        canvas: str = cast(Any, self.plt).monitor.matrix.get_canvas()
        lines = tuple(canvas.removesuffix("\n").split("\n"))
        key = chart_key(self.app.theme, self.today, self.days, self.span, marker=self._marker)
        self._drawn = ChartMemo(key, self.size.width, self.size.height, lines)
        return drawn

    def _announce(self) -> None:
        """Say what was drawn, once it is on screen and if it is new."""
        drawn = self._drawn
        if drawn is not None and drawn != self._told and self.fits(drawn):
            self._told = drawn
            self.post_message(ChartDrawn(drawn))

    @property
    def told(self) -> ChartMemo | None:
        """The last drawing announced with :class:`ChartDrawn`, if any."""
        return self._told

    def fits(self, memo: ChartMemo) -> bool:
        """Whether ``memo`` was drawn at the chart's current size."""
        return (memo.width, memo.height) == (self.size.width, self.size.height)

    def draw(self) -> None:
        """Give plotext the days to draw, and draw them."""
        self._give_days()
        self.refresh()
        self.call_after_refresh(self._announce)

    def _give_days(self) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        self._marker = glyph("chart-bar")
        xs, ys = self.columns()
        if xs:
            plt.bar(xs, ys, width=0.6, reset_ticks=False, marker=self._marker)
        plt.xlim(-0.5, self.span - 0.5)
        plt.xticks([0, self.span // 2, self.span - 1], list(day_labels(self.today, self.span)))
