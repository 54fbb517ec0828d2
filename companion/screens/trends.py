"""Trends: daily pain with its 7-day mean, leg against back, and the weekly measures,
over 30 or 90 days, a year or everything; the clinically important change in
words; and what seems to help, with its caveat.

The numbers come from :func:`companion.core.report.model.report_from_days` (the
same model as the clinician report) over daily summaries: the whole history's
come from the store's per-month cache (:mod:`companion.store.summaries`), so
only months changed since the last look are read. A period that touches only a
few month files is worked out at once (a few milliseconds); a longer one in a
thread worker, so a long history never freezes the keyboard. When a long history
is on file, the whole of it is worked out ahead, in a worker, as soon as the
first period is on screen: by the time ``4`` is pressed it is usually ready (it
is forgotten whenever the screen is shown again, since another session may have
written meanwhile). Series are told apart by their marks
(dots, braille line, crosses) and named in a legend line, not by colour alone;
days with a flare on are a row of ``F`` along the top. A period with more days
than the chart can show apart is drawn as means over runs of whole weeks, and
the legend says so (``12-week means of daily pain``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from rich import box
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.color import Color
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Header, Static
from textual.worker import get_current_worker

from companion.commands import Command
from companion.core.collection import paused_collection
from companion.core.errors import CompanionError
from companion.core.glyphs import glyph
from companion.core.insights.bins import bin_days, bin_means, describe_bin
from companion.core.insights.daily import summarise
from companion.core.insights.helps import CAVEAT, MIN_DAYS_EACH_SIDE, Association
from companion.core.insights.trends import PERIODS, Period, period_range, series
from companion.core.report.model import ClinicianReport, report_from_days
from companion.core.report.programme import build_programme, programme_lines
from companion.core.untrusted import printable
from companion.core.words import count_of
from companion.screens.base import CompanionScreen, stylesheet
from companion.screens.weekly import WeeklyMeasuresScreen
from companion.widgets.footer import KeysFooter
from companion.widgets.score_chart import ScoreChart

__all__ = ["VIEWS", "TrendsScreen"]

SYNC_MAX_MONTHS = 4
"""Periods reaching at most this many monthly check-in files are worked out on the spot."""

VIEWS = ("pain", "leg-back", "weekly")
"""The charts ``v`` cycles through."""

_LEGENDS = {
    "pain": "{dot} daily mean   {line} 7-day mean",
    "leg-back": "{line} leg, 7-day mean   x back, 7-day mean",
    "weekly": "{line} PEG 0–10 (left)   x bothersomeness 0–24 (right)",
}
"""Each chart's key; ``{dot}`` and ``{line}`` are its markers (Unicode or ASCII)."""
_BINNED_LEGENDS = {
    "pain": "{line} {bin} means of daily pain",
    "leg-back": "{line} leg, {bin} means   x back, {bin} means",
    "weekly": "{line} PEG (left)   x bothersomeness (right), {bin} means",
}
"""The keys when a period has more days than the chart can show apart: each point is
the mean over a run of weeks (see :mod:`companion.core.insights.bins`)."""
_AXIS_COLUMNS = 6
"""Columns the y-axis labels and frame take from the chart's width."""
_TITLES = {"pain": "Pain by day", "leg-back": "Leg against back", "weekly": "Weekly measures"}


def _period_command(index: int, period: Period) -> Command:
    return Command(
        f"trends-period-{period.key}",
        str(index),
        f"period('{period.key}')",
        "Period" if index == 1 else period.label,
        f"Show the last {period.label.removeprefix('1 ')}."
        if period.days
        else "Show everything since the first check-in.",
        footer=index == 1,
        key_display="1-4" if index == 1 else None,
    )


class TrendsScreen(CompanionScreen[None]):
    """Pain over time, the change call and the with/without comparisons."""

    DEFAULT_CSS = stylesheet("trends")

    HELP_TITLE = "Trends"

    COMMANDS_HERE = (
        *(_period_command(index, period) for index, period in enumerate(PERIODS, start=1)),
        Command(
            "trends-view",
            "v",
            "next_view",
            "Chart",
            "Switch the chart: pain and its 7-day mean, leg against back, weekly measures.",
        ),
        Command(
            "trends-weekly",
            "w",
            "weekly",
            "Weekly",
            "Answer the weekly questions now (PEG and sciatica bothersomeness, 7 in all).",
        ),
    )

    def __init__(self) -> None:
        super().__init__()
        self.period: Period = PERIODS[1]
        """The period shown (90 days at first, like the clinician report)."""
        self.view = VIEWS[0]
        """The chart shown (one of :data:`VIEWS`)."""
        self.report: ClinicianReport | None = None
        """The numbers last worked out, or ``None`` while the first are on their way."""
        self._ahead: _Ahead | None = None
        """The whole history worked out ahead (see :meth:`_look_ahead`), or ``None``."""

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="trends"):
            yield Static(id="trends-periods")
            yield Static(id="trends-legend")
            yield ScoreChart(id="trends-chart")
            yield Static("Working out your trends…", id="trends-summary")
            yield Static(id="trends-helps")
            yield Static(id="trends-programme")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one("#trends", VerticalScroll).can_focus = True
        self.query_one("#trends", VerticalScroll).focus()

    def show_data(self) -> None:
        self._forget_all_ahead()  # another session may have written since
        self.reload()

    def on_screen_suspend(self) -> None:
        self._forget_all_ahead()  # no whole history worked out for nobody

    def _forget_all_ahead(self) -> None:
        self._ahead = None
        self.workers.cancel_group(self, "trends-ahead")

    def action_period(self, key: str) -> None:
        self.period = next(p for p in PERIODS if p.key == key)
        self.query_one("#trends", VerticalScroll).scroll_home(animate=False)
        self.reload()

    def action_weekly(self) -> None:
        self.app.push_screen(WeeklyMeasuresScreen())

    def action_next_view(self) -> None:
        self.view = VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)]
        self.query_one("#trends", VerticalScroll).scroll_home(animate=False)
        self._show_header()
        if self.report is not None:
            self._draw(self.report)

    # Loading ------------------------------------------------------------------

    def reload(self) -> None:
        """Work the numbers out again (new entries, another period): at once for a
        short history, else in a worker while the screen stays responsive."""
        self._show_header()
        names, therapies = self._routines()
        period = self.period
        months = self.guarded(lambda: self._months_reached(period))
        if months is None:
            return
        if months <= SYNC_MAX_MONTHS:
            self.workers.cancel_group(self, "trends")  # a longer period still on its way
            report = self.guarded(lambda: self._build(period, names, therapies))
            if report is not None:
                self._show(report)
            return
        ahead = self._ahead
        if period.days is None and ahead is not None and ahead.day == self.clock.now().date():
            self.workers.cancel_group(self, "trends")  # a shorter period still on its way
            if ahead.report is not None:
                self._show(ahead.report)
                return
            ahead.wanted = True  # shown by _worked_ahead when it is ready
        else:
            self._compute(period, names, therapies)
        self.query_one("#trends-summary", Static).update("Working out your trends…")

    def _routines(self) -> tuple[dict[str, str], dict[str, str]]:
        """Each routine's title and therapy, by id (none when the library cannot be read)."""
        try:
            routines = list(self.companion.library.routines.values())
        except CompanionError:
            routines = []
        return {r.id: r.title for r in routines}, {r.id: r.therapy for r in routines}

    def _months_reached(self, period: Period) -> int:
        """How many monthly check-in files the period reaches (a directory listing)."""
        listing = self.store.checkins.listing()
        if period.days is None:
            return len(listing)
        first = self.clock.now().date() - timedelta(days=period.days)
        return sum(1 for month in listing if month >= f"{first:%Y-%m}")

    def _look_ahead(self) -> None:
        """Start working out the whole history while a shorter period is on screen,
        when it is long enough to be worked out in a worker at all."""
        if self._ahead is not None or self.period.days is None or not self.is_current:
            return
        whole = PERIODS[-1]
        months = self.guarded(lambda: self._months_reached(whole))
        if months is None or months <= SYNC_MAX_MONTHS:
            return
        self._ahead = _Ahead(self.clock.now().date())
        names, therapies = self._routines()
        self._work_ahead(self._ahead, whole, names, therapies)

    @work(thread=True, exclusive=True, group="trends-ahead")
    def _work_ahead(
        self, ahead: _Ahead, period: Period, names: dict[str, str], therapies: dict[str, str]
    ) -> None:
        worker = get_current_worker()
        try:
            report = self._build(period, names, therapies)
        except CompanionError:
            # Said when the person asks for the whole history (worked out again then).
            self.app.call_from_thread(self._forget_ahead, ahead)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._worked_ahead, ahead, report)

    def _worked_ahead(self, ahead: _Ahead, report: ClinicianReport) -> None:
        if ahead is not self._ahead:
            return  # forgotten meanwhile (the screen was shown again)
        ahead.report = report
        if ahead.wanted and self.period.days is None and ahead.day == self.clock.now().date():
            self._show(report)

    def _forget_ahead(self, ahead: _Ahead) -> None:
        if ahead is self._ahead:
            self._ahead = None
            if ahead.wanted and self.period.days is None:
                self.reload()

    @work(thread=True, exclusive=True, group="trends")
    def _compute(self, period: Period, names: dict[str, str], therapies: dict[str, str]) -> None:
        worker = get_current_worker()
        try:
            report = self._build(period, names, therapies)
        except CompanionError as error:
            self.app.call_from_thread(self.companion.show_data_error, error)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._computed, period, report)

    def _computed(self, period: Period, report: ClinicianReport) -> None:
        if period == self.period:  # not another period chosen while it was worked out
            self._show(report)

    def _build(
        self, period: Period, names: dict[str, str], therapies: dict[str, str]
    ) -> ClinicianReport:
        with paused_collection():
            return self._build_report(period, names, therapies)

    def _build_report(
        self, period: Period, names: dict[str, str], therapies: dict[str, str]
    ) -> ClinicianReport:
        now = self.clock.now()
        zone = now.tzinfo
        today = now.date()
        after = datetime.combine(today + timedelta(days=1), time(0), zone)
        if period.days is None:
            days = self.store.summaries.days(zone, details=False)  # not shown here
            first_day = min((d for d, s in days.items() if s.checkins and d <= today), default=None)
            start, end = period_range(today, None, first_day)
        else:
            start, end = period_range(today, period.days, None)
            since = datetime.combine(start, time(0), zone)
            days = summarise(
                self.store.checkins.between(since, after),
                self.store.sessions.between(since, after),
                zone,
            )
        first = datetime.combine(start, time(0), zone)
        marked: dict[str, int] = {}
        for day, summary in days.items():
            if start <= day <= end:
                for area, count in summary.areas.items():
                    marked[area] = marked.get(area, 0) + count
        screenings = self.store.screenings.between(None, after)
        programme = build_programme(
            marked=marked,
            medicines=self.store.medicines.iter_all(),
            doses=self.store.doses.between(first, after),
            flares=self.store.flares.between(None, after),
            walks=self.store.walks.between(None, after),
            goals=self.store.goals.between(first, after),
            start=start,
            end=end,
            now=now,
        )
        return report_from_days(
            days,
            measures=self.store.measures.between(first, after),
            screening=screenings[0] if screenings else None,
            start=start,
            end=end,
            zone=zone,
            generated_at=now,
            daily_target=self.companion.settings.daily_target,
            routine_names=names,
            routine_therapy=therapies,
            programme=programme,
            walked_days=programme.walked_days,
            details=period.days is not None,  # the whole history's days come without them
        )

    # Showing ------------------------------------------------------------------

    def _show_header(self) -> None:
        parts = []
        for index, period in enumerate(PERIODS, start=1):
            label = f"{index} {period.label}"
            parts.append(f"[b reverse][{label}][/]" if period == self.period else f" {label} ")
        self.query_one("#trends-periods", Static).update("Period:" + "".join(parts))
        width = 1 if self.report is None else self._bin_width(self.report)
        legend = f"[b]{_TITLES[self.view]}[/]  {_legend(self.view, width)}"
        if self.report is not None and self.report.flare_days:
            legend += "   F flare"
        if self.view == "weekly" and self.report is not None and not self.report.measures:
            legend = f"[b]{_TITLES[self.view]}[/]  none answered in this period: press w"
        self.query_one("#trends-legend", Static).update(legend)

    def _show(self, report: ClinicianReport) -> None:
        self.report = report
        self._show_header()
        self._draw(report)
        self.query_one("#trends-summary", Static).update(_summary(report))
        self.query_one("#trends-helps", Static).update(_helps(report.helps))
        lines = programme_lines(report.programme) if report.programme else []
        self.query_one("#trends-programme", Static).update(Content("\n".join(lines)))
        if self._ahead is None:
            self.call_after_refresh(self._look_ahead)  # once this period is on screen

    def _colour(self, name: str) -> tuple[int, int, int]:
        return Color.parse(self.app.theme_variables.get(name, "white")).rgb

    def _bin_width(self, report: ClinicianReport) -> int:
        """Days per point: one, or whole weeks when the period has more days than the
        chart can show apart (two braille dots across each column)."""
        columns = self.query_one("#trends-chart", ScoreChart).size.width - _AXIS_COLUMNS
        return bin_days(report.days, 2 * (columns if columns > 0 else 60))

    def _draw(self, report: ClinicianReport) -> None:
        chart = self.query_one("#trends-chart", ScoreChart)
        plt = chart.plt
        plt.clear_data()
        plt.clear_figure()
        days = report.days
        zone = self.clock.now().tzinfo
        width = self._bin_width(report)
        binned = width > 1

        def xy(values: Iterable[tuple[date, float]]) -> tuple[list[float], list[float]]:
            pairs = bin_means(values, report.start, width, days)
            return [x for x, _ in pairs], [y for _, y in pairs]

        muted = Color.parse(self.app.theme_variables.get("foreground", "white"))
        dots = muted.blend(Color.parse(self.app.theme_variables.get("surface", "black")), 0.35)
        line = glyph("chart-line")
        if self.view == "pain" and report.points:
            daily = [(p.day, p.pain) for p in report.points]
            if binned:  # means of the daily means: 7-day means add nothing at this scale
                xs, ys = xy(daily)
                plt.plot(xs, ys, marker=line, color=self._colour("primary"))
                if lone := _lone(xs, ys, width):  # a bin without neighbours is a dot, not a line
                    plt.scatter(*lone, marker=glyph("chart-dot"), color=self._colour("primary"))
            else:
                plt.plot(*xy(report.rolling_pain), marker=line, color=self._colour("primary"))
                plt.scatter(*xy(daily), marker=glyph("chart-dot"), color=dots.rgb)
        elif self.view == "leg-back":
            for name, marker, colour in (("leg", line, "warning"), ("back", "x", "accent")):
                values = (
                    series(report.points, name)
                    if binned
                    else (report.rolling_leg if name == "leg" else report.rolling_back)
                )
                if values:
                    plt.plot(*xy(values), marker=marker, color=self._colour(colour))
        elif self.view == "weekly" and report.measures:
            days_of = [m.at.astimezone(zone).date() for m in report.measures]
            peg = xy(zip(days_of, (m.peg_score for m in report.measures), strict=True))
            sbi = xy(zip(days_of, (m.sbi_total for m in report.measures), strict=True))
            plt.plot(*peg, marker=line, color=self._colour("primary"))
            plt.plot(*sbi, marker="x", color=self._colour("warning"), yside="right")
        chart.right = 24 if self.view == "weekly" else None
        flares, _ = xy((day, 10.0) for day in report.flare_days)
        if flares:  # a row of F along the top over the days (or weeks) a flare was on
            plt.scatter(flares, [10] * len(flares), marker="F", color=self._colour("error"))
        plt.xlim(0, max(days - 1, 1))
        ticks: list[float] = sorted({0, (days - 1) // 3, 2 * (days - 1) // 3, days - 1})
        labels = [_short(report.start + timedelta(days=t), report.end) for t in ticks]
        plt.xticks(ticks, labels)
        chart.refresh()


@dataclass(slots=True)
class _Ahead:
    """The whole history being worked out ahead of ``4``."""

    day: date
    """The day it was started (the whole history ends today)."""
    report: ClinicianReport | None = None
    """The numbers, once worked out."""
    wanted: bool = False
    """Whether ``4`` was pressed before they were ready (show them when they are)."""


def _lone(xs: list[float], ys: list[float], width: int) -> tuple[list[float], list[float]] | None:
    """The binned points with no point in the bin either side, which a line shows
    as a single braille dot; ``None`` when every point has a neighbour."""
    lone = [
        i
        for i, x in enumerate(xs)
        if (i == 0 or x - xs[i - 1] > width) and (i == len(xs) - 1 or xs[i + 1] - x > width)
    ]
    return ([xs[i] for i in lone], [ys[i] for i in lone]) if lone else None


def _legend(view: str, width: int) -> str:
    if width > 1:
        return _BINNED_LEGENDS[view].format(line=glyph("chart-line-key"), bin=describe_bin(width))
    return _LEGENDS[view].format(dot=glyph("chart-dot"), line=glyph("chart-line-key"))


def _short(day: date, end: date) -> str:
    """``4 Sep``, or ``Sep 2025`` for a day over a year before ``end``."""
    return f"{day.day} {day:%b}" if (end - day).days < 300 else f"{day:%b %Y}"


def _summary(report: ClinicianReport) -> Text:
    if not report.checkin_count:
        return Text(
            "No check-ins in this period yet. Each check-in adds a point here (c to check in)."
        )

    def one(value: float | None) -> str:
        return "–" if value is None else f"{value:.1f}"

    lines = Text()
    lines.append(
        f"{count_of(report.checkin_count, 'check-in')} on {report.days_with_checkins} "
        f"of {report.days} days"
        f" · mean pain {one(report.mean_pain)} · leg {one(report.mean_leg)}"
        f" · back {one(report.mean_back)}\n"
    )
    lines.append(report.change.describe("pain"), style="bold")
    if len(report.measures) == 1:
        only = report.measures[0]
        lines.append(
            f"\nWeekly measures: 1 answered · PEG {only.peg_score:.1f}"
            f" · bothersomeness {only.sbi_total} of 24"
        )
    elif report.measures:
        first, last = report.measures[0], report.measures[-1]
        lines.append(
            f"\nWeekly measures: {len(report.measures)} answered · PEG {first.peg_score:.1f}"
            f" {glyph('to')} {last.peg_score:.1f} · bothersomeness {first.sbi_total}"
            f" {glyph('to')} {last.sbi_total}"
        )
    return lines


def _helps(helps: tuple[Association, ...]) -> Table | Text:
    if not helps:
        return Text(
            "What seems to help: nothing to compare yet. Each routine, trigger or "
            f"medication needs {MIN_DAYS_EACH_SIDE} days with it and "
            f"{MIN_DAYS_EACH_SIDE} without."
        )
    table = Table(
        title="What seems to help: mean daily pain on days with and without",
        title_justify="left",
        title_style="bold",
        caption=CAVEAT,
        caption_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        expand=True,
    )
    table.add_column("on days with", ratio=1, no_wrap=True)
    table.add_column("with", justify="right")
    table.add_column("without", justify="right")
    table.add_column("days", justify="right")
    table.add_column("pain on those days", no_wrap=True)
    ordered = [a for a in helps if a.factor.kind != "trigger"]
    triggers = [a for a in helps if a.factor.kind == "trigger"]
    for found in ordered + triggers:
        if triggers and found is triggers[0]:
            table.add_section()
            table.add_row(Text("Triggers (what you said set the pain off)", style="bold"))
        difference = found.difference
        if abs(difference) < 0.05:
            words = "about the same"
        else:
            words = f"{abs(difference):.1f} {'lower' if difference < 0 else 'higher'}"
        table.add_row(
            Text(printable(f"{found.factor.label} ({found.factor.kind})")),  # the user's words
            f"{found.mean_with:.1f}",
            f"{found.mean_without:.1f}",
            f"{found.days_with}/{found.days_without}",
            words,
        )
    return table
