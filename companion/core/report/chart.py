"""The clinician report's pain chart, drawn by pygal as SVG to inline in the page.

Series over every day of the period: daily mean pain (dots), its 7-day mean
(a thick line), the 7-day means of leg and back pain (dashed and dotted lines,
so they stay apart when printed in black and white), and, when there were
flares, a thick band along the top over the days a flare was on. pygal's
JavaScript is switched off, its scripts and comments removed and its random
element id replaced, so the SVG loads nothing from the network and the same data always gives
the same file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from companion.core.report.model import ClinicianReport

__all__ = ["CHART_HEIGHT", "CHART_WIDTH", "pain_chart_svg"]

CHART_WIDTH = 700
"""Drawing width in px: fits the printable width of A4 and Letter."""
CHART_HEIGHT = 200

_COLOURS = ("#9a9a9a", "#1d4e89", "#b03a2e", "#2e7d4f", "#e0a030")
"""Daily dots (grey), 7-day pain (dark blue), leg (dark red), back (dark green), flare days
(amber): readable in print, and told apart by line style too."""

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
"""pygal writes its configuration into a script even with ``js=[]``; the page needs none."""
_CHART_ID = re.compile(r"chart-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _aligned(days: list[date], values: Sequence[tuple[date, float]]) -> list[float | None]:
    by_day = dict(values)
    return [None if by_day.get(day) is None else round(by_day[day], 2) for day in days]


def pain_chart_svg(report: ClinicianReport) -> str:
    """The chart as an ``<svg>`` element (no XML declaration, no scripts)."""
    import pygal  # imported here: only the html export needs it
    from pygal.style import Style

    style = Style(
        background="white",
        plot_background="white",
        foreground="#222222",
        foreground_strong="#111111",
        foreground_subtle="#777777",
        colors=_COLOURS,
        font_family="Helvetica, Arial, sans-serif",
        label_font_size=11,
        major_label_font_size=11,
        legend_font_size=12,
        title_font_size=13,
        opacity="1",
        stroke_opacity="1",
        transition="none",
        guide_stroke_color="#d0d0d0",
        major_guide_stroke_color="#d0d0d0",
        guide_stroke_dasharray="2,2",
        major_guide_stroke_dasharray="2,2",
    )
    days = [report.start + timedelta(days=i) for i in range(report.days)]
    every = max(1, report.days // 8)
    chart = pygal.Line(
        style=style,
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
        js=[],
        disable_xml_declaration=True,
        explicit_size=True,
        range=(0, 10),
        y_labels=list(range(0, 11, 2)),
        show_dots=False,
        allow_interruptions=False,
        show_minor_x_labels=False,
        x_labels_major_every=every,
        truncate_label=-1,
        legend_at_bottom=True,
        legend_at_bottom_columns=5,
        margin=6,
        y_title="pain 0–10",
        print_values=False,
        show_x_guides=False,
    )
    chart.x_labels = [f"{day.day} {day:%b}" for day in days]
    daily = _aligned(days, [(p.day, p.pain) for p in report.points])
    chart.add("Daily mean", daily, stroke=False, show_dots=True, dots_size=2)
    chart.add("7-day mean", _aligned(days, report.rolling_pain), stroke_style={"width": 3})
    chart.add(
        "Leg, 7-day",
        _aligned(days, report.rolling_leg),
        stroke_style={"width": 1.5, "dasharray": "6, 4"},
    )
    chart.add(
        "Back, 7-day",
        _aligned(days, report.rolling_back),
        stroke_style={"width": 1.5, "dasharray": "2, 3"},
    )
    flares = set(report.flare_days)
    if flares:
        chart.add(
            "Flare",
            [10 if day in flares else None for day in days],
            allow_interruptions=True,
            stroke_style={"width": 8, "linecap": "butt"},
        )
    svg = chart.render(is_unicode=True)
    svg = _SCRIPT.sub("", _COMMENT.sub("", svg))
    return _CHART_ID.sub("pain-chart", svg)
