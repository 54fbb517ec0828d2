"""The first screen: today at a glance, the last 30 days of pain, and the
way into everything else."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import islice
from typing import TYPE_CHECKING, NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, Static

from companion.commands import Command
from companion.core.content.index import lesson_of_the_day
from companion.core.insights.stats import daily_means, day_bounds, mean
from companion.core.insights.weekly import WEEK_DAYS
from companion.core.records import CheckIn, ScreeningRecord, StretchSession, WeeklyMeasures
from companion.core.screening.urgency import flags_summary
from companion.core.screening.verdicts import (
    RESCREEN_AFTER_DAYS,
    current_verdicts,
    needs_rescreen,
    unfinished_note,
)
from companion.core.timer.kinds import therapies
from companion.core.words import count_of
from companion.programme import ProgrammeToday, is_weekly_due, lessons_read, programme_today
from companion.screens.base import CompanionScreen, stylesheet
from companion.widgets.footer import KeysFooter
from companion.widgets.memo_chart import ChartDrawn
from companion.widgets.pain_chart_card import PainChartCard
from companion.widgets.programme_card import ProgrammeCard
from companion.widgets.screening_card import ScreeningCard
from companion.widgets.today_card import TodayCard, checkin_line, sessions_lines

if TYPE_CHECKING:
    from companion.core.content.index import ContentIndex, LessonEntry, RoutineEntry
    from companion.core.screening.verdicts import QuestionSet

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

RECENT_SESSIONS = 20
"""How many of the latest sessions are looked through for the last routine done."""


def describe_age(then: datetime, now: datetime) -> str:
    """How long ago, in words: today, yesterday, or N days ago."""
    return describe_days((now.astimezone().date() - then.astimezone().date()).days)


class Overview(NamedTuple):
    """Everything the dashboard shows, worked out from the store in one go."""

    checkins_today: tuple[CheckIn, ...]
    """Today's check-ins, newest first."""
    sessions_today: tuple[StretchSession, ...]
    target: int
    last_note: CheckIn | None
    """The latest check-in of the 30 days with a note."""
    weekly: str
    screening: ScreeningRecord | None
    pain_days: tuple[tuple[date, float], ...]
    """(local day, mean pain) for each of the last 30 days that has a check-in."""
    trend_caption: str


def today_text(today: list[CheckIn], sessions: list[StretchSession], target: int) -> str:
    """The Today card's first lines as markup, every session counted as stretching."""
    return "\n".join([checkin_line(today), *sessions_lines(sessions, {}, target)])


def weekly_line(latest: WeeklyMeasures | None, due: bool, today: date) -> str:
    """The weekly questions' state: answered this week, or due."""
    if due:
        return "Weekly questions: due at your next check-in"
    if latest is not None:
        days = (today - latest.at.astimezone().date()).days
        if days < WEEK_DAYS:
            return f"Weekly questions: answered {describe_days(days)}"
    return ""


def describe_days(days: int) -> str:
    """``today``, ``yesterday`` or ``N days ago``."""
    return {0: "today", 1: "yesterday"}.get(days, f"{days} days ago")


def screening_lines(
    screening: ScreeningRecord | None, now: datetime, rules: QuestionSet | None = None
) -> tuple[str, ...]:
    """The "Safety screening" card (without the re-screen offer: see :func:`rescreen_reason`).

    With the ``rules`` it was answered under, an unfinished screening says how far
    it got, counted as the verdicts and reasons count it; without them (the rules
    could not be read), its ``partial`` mark says it stopped part-way."""
    lines = []
    if screening is None:
        lines.append("Not screened yet: press [b]s[/].")
        return tuple(lines)
    lines.append(f"Screened {describe_age(screening.at, now)}.")
    summary = flags_summary(screening.red_flags)
    lines.append(f"[b reverse]{summary}[/]" if summary else "No red flags reported.")
    unfinished = unfinished_note(screening, rules) if rules is not None else ""
    if unfinished:
        lines.append(f"{unfinished.capitalize()}: finish it with s.")
    elif screening.partial and (rules is None or screening.version != rules.version):
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


def rescreen_reason(screening: ScreeningRecord | None, version: str | None, now: datetime) -> str:
    """Why the screening is due again under the rules of ``version`` ("" when it is
    not, or cannot be told)."""
    if screening is None or version is None:
        return ""
    if not needs_rescreen(screening, version, now.date()):
        return ""
    if screening.version != version:
        return "questions changed"
    return f"over {RESCREEN_AFTER_DAYS} days old"


def next_routine(content: ContentIndex, recent: list[StretchSession]) -> RoutineEntry | None:
    """The stretching routine done most recently, else the first one there is."""
    stretching = content.routines_for("stretching")
    by_id = {routine.id: routine for routine in stretching}
    for session in recent:
        if session.routine in by_id:
            return by_id[session.routine]
    return stretching[0] if stretching else None


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
        Command(
            "dashboard-down",
            "down",
            "scroll_cards('down')",
            "Scroll down",
            "Scroll the cards down a line, on a terminal too short for them all.",
            footer=False,
            palette=False,
        ),
        Command(
            "dashboard-up",
            "up",
            "scroll_cards('up')",
            "Scroll up",
            "Scroll the cards up a line.",
            footer=False,
            palette=False,
        ),
        Command(
            "dashboard-page-down",
            "pagedown",
            "scroll_cards('page_down')",
            "Page down",
            "Scroll the cards down a page.",
            footer=False,
            palette=False,
        ),
        Command(
            "dashboard-page-up",
            "pageup",
            "scroll_cards('page_up')",
            "Page up",
            "Scroll the cards up a page.",
            footer=False,
            palette=False,
        ),
    )

    def compose(self) -> ComposeResult:
        # Everything the dashboard shows is read before the widgets exist, so
        # the terminal receives one complete frame: a piece joining later (the
        # chart, the lesson, the re-screen offer) meant a new layout and a
        # repaint of every card below it.
        overview = self.load_overview()
        content = self.guarded(lambda: self.companion.content_index)
        now = self.clock.now()
        if overview is not None:
            self.mark_fresh()  # the first showing need not read it again
        yield Header()
        # The cards scroll on a short terminal; the key row and footer below never do.
        with VerticalScroll(id="cards", can_focus=False):
            with Horizontal(id="today-row"):
                today = TodayCard(id="today")
                screening = ScreeningCard(id="screening-status")
                if overview is not None:
                    self._show_today(today, overview, content)
                    self._show_screening(screening, overview, content)
                yield today
                yield screening
            yield PainChartCard(
                now.date(),
                overview.pain_days if overview else (),
                overview.trend_caption if overview else "",
                memo=self.companion.chart_memo,
                id="trend",
            )
            lesson = self._todays_lesson(content)
            yield ProgrammeCard(self._programme(), lesson.title if lesson else None, id="programme")
        yield Static(ACTIONS, id="actions")
        yield KeysFooter()

    def show_data(self) -> None:
        self.refresh_data()

    @on(ChartDrawn)
    def _keep_chart(self, event: ChartDrawn) -> None:
        self.companion.keep_chart_memo(event.memo)

    def action_scroll_cards(self, how: str) -> None:
        """Scroll the cards (they take no focus, so the keys are the screen's)."""
        cards = self.query_one("#cards", VerticalScroll)
        scroll = {
            "down": cards.scroll_down,
            "up": cards.scroll_up,
            "page_down": cards.scroll_page_down,
            "page_up": cards.scroll_page_up,
        }.get(how)
        if scroll is not None:
            scroll(animate=False)

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
        noted = [entry for entry in recent if entry.note.strip()]
        weekly = self.guarded(
            lambda: weekly_line(
                self.store.measures.latest(), is_weekly_due(self.store, now, recent), now.date()
            )
        )
        return Overview(
            checkins_today=tuple(today),
            sessions_today=tuple(sessions_today),
            target=target,
            last_note=max(noted, key=lambda entry: entry.at) if noted else None,
            weekly=weekly or "",
            screening=screening,
            pain_days=tuple(days),
            trend_caption=trend_caption(recent, days, now.date()),
        )

    def refresh_data(self) -> None:
        """Show the store as it is now (another process may have added entries)."""
        overview = self.load_overview()
        if overview is None:
            return
        content = self.guarded(lambda: self.companion.content_index)
        self._show_today(self.query_one(TodayCard), overview, content)
        self._show_screening(self.query_one(ScreeningCard), overview, content)
        trend = self.query_one(PainChartCard)
        trend.today = self.clock.now().date()
        trend.days = overview.pain_days
        trend.caption = overview.trend_caption
        self.query_one(ProgrammeCard).today = self._programme()
        lesson = self._todays_lesson(content)  # reading one offers the next
        self.query_one(ProgrammeCard).lesson = lesson.title if lesson else None

    def _show_screening(
        self, card: ScreeningCard, overview: Overview, content: ContentIndex | None
    ) -> None:
        """Give the safety card its lines, counted under the rules in use, and the
        re-screen offer."""
        now = self.clock.now()
        card.lines = screening_lines(overview.screening, now, content)
        version = content.version if content else None
        card.due_again = rescreen_reason(overview.screening, version, now)

    def _show_today(
        self, card: TodayCard, overview: Overview, content: ContentIndex | None
    ) -> None:
        """Give the Today card its data; the routines' therapies tell inversion
        sessions apart and name the next routine."""
        card.today = self.clock.now().date()
        card.checkins = overview.checkins_today
        card.target = overview.target
        card.last_note = overview.last_note
        card.weekly = overview.weekly
        card.sessions = overview.sessions_today
        card.stretching_avoided = current_verdicts(overview.screening).get("stretching") == "avoid"
        if content is not None:
            recent = self.guarded(
                lambda: list(islice(self.store.sessions.iter_all(), RECENT_SESSIONS))
            )
            card.therapy_of = therapies(content.routines)
            routine = next_routine(content, recent or [])
            card.next_routine = routine.title if routine else ""

    _lesson: LessonEntry | None = None
    """The lesson the plan card offers (``r`` opens this one)."""

    def _todays_lesson(self, content: ContentIndex | None) -> LessonEntry | None:
        """The lesson offered today, from the content index (remembered for ``r``)."""
        self._lesson = None
        if content is not None:
            read = self.guarded(lambda: self.store.load_settings().lessons_read)
            lessons = lessons_read(read or "")
            self._lesson = lesson_of_the_day(content.lessons, self.clock.today(), lessons)
        return self._lesson

    def action_read_lesson(self) -> None:
        """Open the lesson the card offers, read whole from its file (today's, if
        that file has gone since)."""
        from companion.programme import installed_lessons
        from companion.screens.lesson import LessonScreen

        shown = self._lesson
        installed = installed_lessons()
        lesson = next((item for item in installed if shown and item.id == shown.id), None)
        if lesson is None:
            settings = self.guarded(self.store.load_settings)
            if settings is None:
                return
            read = lessons_read(settings.lessons_read)
            lesson = lesson_of_the_day(installed, self.clock.today(), read)
        if lesson is None:
            self.notify("No lessons are installed.", severity="warning")
            return
        self.app.push_screen(LessonScreen(lesson))

    def _programme(self) -> ProgrammeToday | None:
        """The open flare and the walking target (see :mod:`companion.programme`)."""
        return self.guarded(lambda: programme_today(self.store, self.clock.now()))
