"""The first screen: today at a glance, the last 30 days of pain, and the
way into everything else."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, Header, Sparkline, Static

from companion.core.records import CheckIn, ScreeningRecord, StretchSession
from companion.core.screening import RESCREEN_AFTER_DAYS, needs_rescreen
from companion.core.stats import daily_means, day_bounds, mean, values_of
from companion.screens.base import CompanionScreen

__all__ = ["DashboardScreen"]


def describe_age(then: datetime, now: datetime) -> str:
    """How long ago, in words: today, yesterday, or N days ago."""
    days = (now.astimezone().date() - then.astimezone().date()).days
    return {0: "today", 1: "yesterday"}.get(days, f"{days} days ago")


class DashboardScreen(CompanionScreen):
    """Today's check-ins, stretches and screening, and the 30-day pain line."""

    HELP_TITLE = "Dashboard"

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="dashboard"):
            with Horizontal(id="today-row"):
                yield Static(id="today", classes="card")
                yield Static(id="screening-status", classes="card")
            with Vertical(id="trend", classes="card"):
                yield Static(id="trend-title")
                yield Sparkline([], id="sparkline")
                yield Static(id="trend-caption")
            with Horizontal(id="actions"):
                yield Button("Check in  c", id="act-checkin", variant="primary")
                yield Button("Journal  j", id="act-journal")
                yield Button("Trends  g", id="act-trends")
        yield Footer()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
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
            return
        recent, sessions_today, screening, target = loaded
        today = [entry for entry in recent if entry.at >= start]
        self._show_today(today, sessions_today, target)
        self._show_screening(screening, now)
        self._show_trend(recent, zone)

    def _show_today(
        self, today: list[CheckIn], sessions: list[StretchSession], target: int
    ) -> None:
        lines = ["[b]Today[/b]"]
        if today:
            last = today[0]
            when = last.at.astimezone().strftime("%H:%M")
            plural = "s" if len(today) > 1 else ""
            lines.append(
                f"{len(today)} check-in{plural} · last pain [b]{last.pain}[/]/10 at {when}"
            )
        else:
            lines.append("No check-in yet: press [b]c[/]")
        done = sum(1 for s in sessions if not s.aborted)
        mark = "done" if done >= target else "to go"
        lines.append(f"Stretch sessions {done} of {target} ({mark})")
        self.query_one("#today", Static).update("\n".join(lines))

    def _show_screening(self, screening: ScreeningRecord | None, now: datetime) -> None:
        lines = ["[b]Safety screening[/b]"]
        if screening is None:
            lines.append("Not screened yet: press [b]s[/].")
        else:
            lines.append(f"Screened {describe_age(screening.at, now)}.")
            emergency = [f for f in screening.red_flags if f.urgency == "emergency"]
            prompt = [f for f in screening.red_flags if f.urgency == "prompt"]
            if emergency:
                lines.append("[b reverse] EMERGENCY [/] signs were reported: seek care now.")
            elif prompt:
                lines.append(f"[b]! {len(prompt)} red flag(s)[/]: see a doctor within days.")
            else:
                lines.append("No red flags reported.")
            avoid = sorted(t for t, v in screening.verdicts.items() if v == "avoid")
            if avoid:
                lines.append("Avoid: " + ", ".join(avoid))
            library = self.guarded(lambda: self.app.library)
            if library is not None and needs_rescreen(screening, library.rules.version, now.date()):
                changed = screening.version != library.rules.version
                why = "questions changed" if changed else f"over {RESCREEN_AFTER_DAYS} days old"
                lines.append(f"[b]Due again[/] ({why}): press [b]s[/]")
        self.query_one("#screening-status", Static).update("\n".join(lines))

    def _show_trend(self, recent: list[CheckIn], zone: object) -> None:
        days = daily_means(recent, zone)  # type: ignore[arg-type]
        values = values_of(days)
        self.query_one("#sparkline", Sparkline).data = values
        title = "[b]Pain, last 30 days[/b]  [dim]g: trends, what seems to help[/]"
        if not values:
            caption = "Your check-ins will draw a line here."
        else:
            last_week = mean(values[-7:]) or 0.0
            caption = (
                f"{len(recent)} check-ins on {len(values)} days · "
                f"first day {values[0]:.1f} · last 7 days {last_week:.1f} (daily means)"
            )
        self.query_one("#trend-title", Static).update(title)
        self.query_one("#trend-caption", Static).update(caption)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        actions = {
            "act-checkin": "check_in",
            "act-journal": "go('journal')",
            "act-trends": "go('trends')",
        }
        action = actions.get(event.button.id or "")
        if action:
            await self.run_action(f"app.{action}")
