"""The dashboard's 30-day chart: one column per calendar day on a fixed 0–10
scale, days without a check-in left empty, drawn by plotext.

A bar per day, not a line: a line joins days across gaps and reads as a
trend where there was no check-in at all. The scale is a
:class:`~companion.widgets.score_chart.ScoreChart`'s, so a bar reaches the
row labelled with its score (on 0, 5 and 10; 0 and 10 only on a short chart).
"""

from __future__ import annotations

from datetime import date, timedelta

from textual.reactive import reactive

from companion.core.glyphs import glyph
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

    def __init__(self, today: date, span: int = 30, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today = today
        """The last day shown (the rightmost column)."""
        self.span = span
        """How many calendar days are shown."""

    def columns(self) -> tuple[list[int], list[float]]:
        """Each day with a value as its column (0 is the first day shown) and its mean."""
        first = self.today - timedelta(days=self.span - 1)
        pairs = [((day - first).days, value) for day, value in self.days if day >= first]
        return [x for x, _ in pairs if x < self.span], [v for x, v in pairs if x < self.span]

    def watch_days(self) -> None:
        self.draw()

    def on_mount(self) -> None:
        self.draw()

    def draw(self) -> None:
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        xs, ys = self.columns()
        if xs:
            plt.bar(xs, ys, width=0.6, reset_ticks=False, marker=glyph("chart-bar"))
        plt.xlim(-0.5, self.span - 0.5)
        first = self.today - timedelta(days=self.span - 1)
        middle = first + timedelta(days=self.span // 2)
        plt.xticks(
            [0, self.span // 2, self.span - 1],
            [first.strftime("%d %b"), middle.strftime("%d %b"), "today"],
        )
        self.refresh()
