"""A plotext chart of 0–10 scores whose y labels sit on the rows their values are drawn on.

plotext puts a value ``v`` on row ``round(v / top * (rows - 1))`` and a label the
same way, so with ``ylim(0, 10)`` on eight rows a row is 10/7 of a point: 5 is
drawn on the row labelled 6 and 4 shares its row with nothing exact. Here the
scale is stretched so a row is a whole fraction of 10 (10/n for ``n`` even row
steps, one spare row above 10 at most) and only values that land exactly on a row
are labelled.
"""

from __future__ import annotations

from textual.app import RenderResult
from textual_plotext import PlotextPlot

__all__ = ["ScoreChart", "score_scale"]

_FRAME_ROWS = 3
"""Rows of the widget outside the plot: the frame's top and bottom and the x labels."""


def score_scale(rows: int, top: float, labels: tuple[float, ...]) -> tuple[float, list[float]]:
    """The axis limit and the labels that are exact for ``0..top`` on ``rows`` plot rows.

    The scale takes the largest even number of row steps that fits (so 0, the
    middle and ``top`` each have a row; on two rows, 0 and ``top`` only) and
    runs past ``top`` by the spare row if any; a label is kept only when it
    falls exactly on a row.
    """
    steps = (rows - 1) // 2 * 2 or max(rows - 1, 1)
    per_row = top / steps
    limit = per_row * max(rows - 1, steps)
    exact = [v for v in labels if (v * steps / top).is_integer()]
    return limit, exact


class ScoreChart(PlotextPlot):
    """A :class:`PlotextPlot` whose left axis is 0–10 (and right axis, if set, 0–``right``)
    scaled at each render to the rows the chart has."""

    LEFT_LABELS: tuple[float, ...] = (0.0, 2.0, 4.0, 5.0, 6.0, 8.0, 10.0)

    right: float | None = None
    """The top of the right-hand scale (24 for the SBI), or ``None`` for none."""

    right_labels: tuple[float, ...] = (0.0, 6.0, 12.0, 18.0, 24.0)

    def rows(self) -> int:
        """The plot's rows at the widget's current height."""
        return max(self.size.height - _FRAME_ROWS, 1)

    def render(self) -> RenderResult:
        limit, ticks = score_scale(self.rows(), 10, self.LEFT_LABELS)
        self.plt.ylim(0, limit)
        self.plt.yticks(ticks)
        if self.right is not None:
            limit, ticks = score_scale(self.rows(), self.right, self.right_labels)
            # textual-plotext types yside as a number; plotext takes "left" or "right".
            self.plt.ylim(0, limit, yside="right")  # type: ignore[arg-type]
            self.plt.yticks(ticks, yside="right")  # type: ignore[arg-type]
        return super().render()
