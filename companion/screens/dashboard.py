"""The first screen: today at a glance, the last 30 days of pain, and the
way into everything else."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, Static

from companion.commands import Command
from companion.core.errors import CompanionError
from companion.core.insights.stats import daily_means, day_bounds, mean
from companion.core.records import CheckIn, ScreeningRecord, StretchSession
from companion.core.screening.urgency import flags_summary
from companion.core.words import count_of
from companion.programme import ProgrammeToday, programme_today
from companion.screens.base import CompanionScreen, stylesheet
from companion.widgets.programme_card import ProgrammeCard

if TYPE_CHECKING:
    from companion.core.content.lessons import Lesson
    from companion.widgets.pain_days import PainDaysChart

__all__ = ["DashboardScreen"]

ACTIONS = "   ".join(
    f"[@click={action}][b]{key}[/b] {label}[/]"
    for key, label, action in (
        ("c", "Check in", "app.check_in"),
        ("t", "Stretch", "app.go('timers')"),
        ("j", "Journal", "app.go('journal')"),
        ("g", "Trends", "app.go('trends')"),
        ("l", "Library", "app.go('library')"),
        ("s", "Screening", "app.go('screening')"),
    )
)
"""Quick actions: the keys to press, each also clickable. One line of text
rather than a row of buttons keeps the first frame light over SSH."""

TREND_TITLE = "Pain, last 30 days [dim]· daily means · g: trends[/]"
"""The 30-day card's border title."""


def describe_age(then: datetime, now: datetime) -> str:
    """How long ago, in words: today, yesterday, or N days ago."""
    days = (now.astimezone().date() - then.astimezone().date()).days
    return {0: "today", 1: "yesterday"}.get(days, f"{days} days ago")


class Overview(NamedTuple):
    """Everything the dashboard shows, worked out from the store in one go."""

    today: str
    screening: ScreeningRecord | None
    screening_lines: tuple[str, ...]
    pain_days: tuple[tuple[date, float], ...]
    """(local day, mean pain) for each of the last 30 days that has a check-in."""
    trend_caption: str


def today_text(today: list[CheckIn], sessions: list[StretchSession], target: int) -> str:
    """The "Today" card (its title is the border's)."""
    lines = []
    if today:
        last = today[0]
        when = last.at.astimezone().strftime("%H:%M")
        lines.append(f"{count_of(len(today), 'check-in')}, last pain [b]{last.pain}[/]/10 ({when})")
    else:
        lines.append("No check-in yet: press [b]c[/]")
    done = sum(1 for s in sessions if s.counts)
    if done >= target:
        lines.append(f"Stretch sessions: {done} done today, goal of {target} reached")
    else:
        lines.append(f"Stretch sessions: {done} of {target} done today, {target - done} to go")
    return "\n".join(lines)


def screening_lines(screening: ScreeningRecord | None, now: datetime) -> tuple[str, ...]:
    """The "Safety screening" card (without the re-screen offer, added later)."""
    lines = []
    if screening is None:
        lines.append("Not screened yet: press [b]s[/].")
        return tuple(lines)
    lines.append(f"Screened {describe_age(screening.at, now)}.")
    summary = flags_summary(screening.red_flags)
    lines.append(f"[b reverse]{summary}[/]" if summary else "No red flags reported.")
    if screening.partial:
        lines.append("Stopped part-way: finish it with s.")
    avoid = sorted(t for t, v in screening.verdicts.items() if v == "avoid")
    if avoid:
        lines.append("Avoid: " + ", ".join(avoid))
    return tuple(lines)


def trend_caption(recent: list[CheckIn], days: list[tuple[date, float]], today: date) -> str:
    """The line under the sparkline (the card's bottom border)."""
    if not days:
        return "your check-ins will draw a line here"
    week = mean(value for day, value in days if (today - day).days < 7)
    last_week = "none" if week is None else f"{week:.1f}"
    return (
        f"{count_of(len(recent), 'check-in')} on {count_of(len(days), 'day')} · "
        f"first day {days[0][1]:.1f} · last 7 days {last_week}"
    )


def _chart_class() -> type[PainDaysChart]:
    from companion.widgets.pain_days import PainDaysChart

    return PainDaysChart


class DashboardScreen(CompanionScreen[None]):
    """Today's check-ins, stretches and screening, and the 30-day pain line."""

    DEFAULT_CSS = stylesheet("dashboard")

    HELP_TITLE = "Dashboard"
    COMMANDS_HERE = (
        Command(
            "dashboard-lesson",
            "r",
            "read_lesson",
            "Lesson",
            "Read today's lesson (a few minutes); it is then remembered as read.",
            footer=False,  # the lesson card names the key; the footer leads with the check-in
        ),
    )

    _lesson: Lesson | None = None
    """Today's lesson, once loaded (after the first frame)."""

    def compose(self) -> ComposeResult:
        # The data is read before the widgets exist, so the first frame is
        # laid out once, complete, instead of empty and then again filled.
        overview = self.load_overview()
        if overview is not None:
            self.mark_fresh()  # the first showing need not read it again
            self.companion.after_start(lambda: self._check_rescreen(overview))
        self.companion.after_start(self._show_lesson)
        yield Header()
        with Horizontal(id="today-row"):
            today = Static(overview.today if overview else "", id="today", classes="card")
            today.border_title = "Today"
            yield today
            lines = overview.screening_lines if overview else ()
            screening = Static("\n".join(lines), id="screening-status", classes="card")
            screening.border_title = "Safety screening"
            yield screening
        # The chart (plotext) joins its card after the first frame: importing
        # it would cost start-up more than the rest of the dashboard.
        trend = Vertical(id="trend", classes="card")
        trend.border_title = TREND_TITLE
        trend.border_subtitle = overview.trend_caption if overview else ""
        self._pain_days = overview.pain_days if overview else ()
        yield trend
        yield ProgrammeCard(self._programme(), id="programme")
        self.companion.after_start(self._add_chart)
        yield Static(ACTIONS, id="actions")
        yield Footer()

    def show_data(self) -> None:
        self.refresh_data()

    def load_overview(self) -> Overview | None:
        """Read what the dashboard shows (None, with the data-error screen, on failure)."""
        now = self.clock.now()
        zone = now.tzinfo
        start, end = day_bounds(now.date(), zone)
        month_ago = start - timedelta(days=29)
        loaded = self.guarded(
            lambda: (
                self.store.checkins.between(month_ago, end),
                self.store.sessions.between(start, end),
                self.store.screenings.latest(),
                self.store.load_settings().daily_target,
            )
        )
        if loaded is None:
            return None
        recent, sessions_today, screening, target = loaded
        today = [entry for entry in recent if entry.at >= start]
        days = daily_means(recent, zone)
        return Overview(
            today=today_text(today, sessions_today, target),
            screening=screening,
            screening_lines=screening_lines(screening, now),
            pain_days=tuple(days),
            trend_caption=trend_caption(recent, days, now.date()),
        )

    def refresh_data(self) -> None:
        """Show the store as it is now (another process may have added entries)."""
        overview = self.load_overview()
        if overview is None:
            return
        self.query_one("#today", Static).update(overview.today)
        self.query_one("#screening-status", Static).update("\n".join(overview.screening_lines))
        self._pain_days = overview.pain_days
        self.query_one("#trend", Vertical).border_subtitle = overview.trend_caption
        for chart in self.query("#pain-days").results(_chart_class()):
            chart.today = self.clock.now().date()
            chart.days = overview.pain_days
            chart.draw()
        self.query_one(ProgrammeCard).show(self._programme())
        self._show_lesson()  # reading one offers the next
        self._check_rescreen(overview)

    @work(thread=True, group="chart")
    def _add_chart(self) -> None:
        """Import the chart off the main thread, then put it in its card."""
        from companion.widgets.pain_days import PainDaysChart

        self.app.call_from_thread(self._mount_chart, PainDaysChart)

    def _mount_chart(self, chart_class: type[PainDaysChart]) -> None:
        if self.query("#pain-days"):
            return
        chart = chart_class(self.clock.now().date(), id="pain-days")
        chart.days = self._pain_days
        self.query_one("#trend", Vertical).mount(chart)

    def _show_lesson(self) -> None:
        from companion.programme import todays_lesson

        lesson = self.guarded(
            lambda: todays_lesson(self.store.load_settings().lessons_read, self.clock.today())
        )
        self._lesson = lesson
        self.query_one(ProgrammeCard).show_lesson(lesson.title if lesson else None)

    def action_read_lesson(self) -> None:
        from companion.screens.lesson import LessonScreen

        if self._lesson is None:
            self._show_lesson()
        if self._lesson is None:
            self.notify("No lessons are installed.", severity="warning")
            return
        self.app.push_screen(LessonScreen(self._lesson))

    def _programme(self) -> ProgrammeToday | None:
        """The open flare and the walking target (see :mod:`companion.programme`)."""
        return self.guarded(lambda: programme_today(self.store, self.clock.now()))

    def _check_rescreen(self, overview: Overview) -> None:
        if overview.screening is not None:
            self._offer_rescreen(
                overview.screening, list(overview.screening_lines), self.clock.now()
            )

    @work(thread=True, exclusive=True, group="rescreen")
    def _offer_rescreen(self, screening: ScreeningRecord, lines: list[str], now: datetime) -> None:
        """Add a re-screen offer if the screening is old or the questions changed.

        Comparing with the rules version means loading the content (~100 ms), so
        it runs in a thread and the dashboard's first frame does not wait for it.
        """
        from companion.core.screening.engine import RESCREEN_AFTER_DAYS, needs_rescreen

        try:
            library = self.companion.library
        except CompanionError as error:
            self.app.call_from_thread(self.companion.show_data_error, error)
            return
        if needs_rescreen(screening, library.rules.version, now.date()):
            changed = screening.version != library.rules.version
            why = "questions changed" if changed else f"over {RESCREEN_AFTER_DAYS} days old"
            lines = [*lines, f"[b]Due again[/] ({why}): press [b]s[/]"]
            self.app.call_from_thread(
                self.query_one("#screening-status", Static).update, "\n".join(lines)
            )
