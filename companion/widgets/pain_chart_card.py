"""The dashboard's 30-day pain card: the chart of daily means and a caption.

The card owns its data as reactives (the days, the last day shown, the
caption) and hands them to the chart. The chart is part of the card from the
start: a chart joining after the first frame made the terminal receive the
dashboard twice over (a new layout, then every card repainted).
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.reactive import reactive

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
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes="card")
        self.border_title = TREND_TITLE
        self.border_subtitle = caption
        self.set_reactive(PainChartCard.today, today)
        self.set_reactive(PainChartCard.days, days)
        self.set_reactive(PainChartCard.caption, caption)

    def compose(self) -> ComposeResult:
        chart = PainDaysChart(self.today, id="pain-days")
        chart.set_reactive(PainDaysChart.days, self.days)
        yield chart

    def watch_caption(self, caption: str) -> None:
        self.border_subtitle = caption

    def watch_days(self) -> None:
        self._update_chart()

    def watch_today(self) -> None:
        self._update_chart()

    def _update_chart(self) -> None:
        for chart in self.query("#pain-days").results(PainDaysChart):
            chart.today = self.today
            chart.days = self.days
            chart.draw()
