"""The dashboard's 30-day pain card: the chart of daily means and a caption.

The card owns its data as reactives (the days, the last day shown, the
caption) and hands them to the chart. The chart is part of the card from the
start: a chart joining after the first frame made the terminal receive the
dashboard twice over (a new layout, then every card repainted).

When the chart would be what it was at the last start, the card shows that
drawing (:class:`~companion.widgets.memo_chart.MemoChart`) and plotext is not
loaded for the first frame; the live chart takes its place as soon as the data
or the size changes.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive

from companion.core.chart_memo import ChartMemo
from companion.widgets.memo_chart import MemoChart, chart_key

if TYPE_CHECKING:
    from companion.widgets.pain_days import PainDaysChart

__all__ = ["TREND_TITLE", "PainChartCard"]

TREND_TITLE = "Pain, last 30 days [dim]· daily means · g: trends[/]"
"""The card's border title."""


class PainChartCard(Vertical):
    """Daily mean pain over the last 30 days, with a caption under it."""

    days: reactive[tuple[tuple[date, float], ...]] = reactive((), init=False)
    """(local day, mean pain) for each day with a check-in, oldest first."""
    today: reactive[date] = reactive(date.min, init=False)
    """The last day shown (the chart's rightmost column)."""
    caption: reactive[str] = reactive("", init=False)
    """The line in the card's bottom border."""

    def __init__(
        self,
        today: date,
        days: tuple[tuple[date, float], ...] = (),
        caption: str = "",
        *,
        memo: ChartMemo | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes="card")
        self.border_title = TREND_TITLE
        self.border_subtitle = caption
        self.set_reactive(PainChartCard.today, today)
        self.set_reactive(PainChartCard.days, days)
        self.set_reactive(PainChartCard.caption, caption)
        self._memo = memo
        """The chart as drawn at the last start, shown if it is still the same."""

    def compose(self) -> ComposeResult:
        memo = self._memo
        if memo is not None and memo.key == chart_key(self.app.theme, self.today, self.days):
            yield MemoChart(memo, id="pain-days")
        else:
            yield self._live_chart()

    def _live_chart(self) -> PainDaysChart:
        from companion.widgets.pain_days import PainDaysChart

        chart = PainDaysChart(self.today, id="pain-days")
        chart.set_reactive(PainDaysChart.days, self.days)
        return chart

    def watch_caption(self, caption: str) -> None:
        self.border_subtitle = caption

    def watch_days(self) -> None:
        self._update_chart()

    def watch_today(self) -> None:
        self._update_chart()

    def _update_chart(self) -> None:
        from companion.widgets.pain_days import PainDaysChart

        for memo in self.query(MemoChart):
            if memo.memo.key != chart_key(self.app.theme, self.today, self.days):
                self.call_later(self._go_live, memo)
        for chart in self.query("#pain-days").results(PainDaysChart):
            chart.today = self.today
            chart.days = self.days
            chart.draw()

    @on(MemoChart.Stale)
    async def _stale(self, event: MemoChart.Stale) -> None:
        event.stop()
        await self._go_live(event.chart)

    async def _go_live(self, memo: MemoChart) -> None:
        """Put the live chart in the memo's place (once, if the memo is still here)."""
        if memo.replaced or memo.parent is not self:
            return
        memo.replaced = True
        await memo.remove()
        await self.mount(self._live_chart())
