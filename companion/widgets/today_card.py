"""The dashboard's "Today" card: today's check-ins, the last note, the day's
stretch and inversion sessions against the goal, and the weekly questions.

The card owns what it shows as reactives and renders itself; the dashboard
reads the store and sets them. Notes are the person's own words (or an
import's), so they are shown as plain text, control characters replaced.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widgets import Static

from companion.core.glyphs import glyph
from companion.core.records import CheckIn, StretchSession
from companion.core.timer.kinds import day_counts
from companion.core.untrusted import printable
from companion.core.words import count_of

__all__ = ["STRETCHING_ON_HOLD", "TodayCard", "checkin_line", "note_line", "sessions_lines"]

STRETCHING_ON_HOLD = "goal on hold: your screening says to avoid stretching"
"""Said instead of the sessions still to do while stretching is to be avoided."""

NOTE_CHARS = 80
"""The last note's line is cut to the card's width, or this many cells before
the card has a size."""


def sessions_lines(
    sessions: Iterable[StretchSession],
    therapy_of: Mapping[str, str],
    target: int,
    next_routine: str = "",
    *,
    on_hold: bool = False,
) -> list[str]:
    """Stretch sessions against the daily goal (and the routine to do next while it
    is not reached); inversion sessions apart, never towards the goal. ``on_hold``:
    the last screening says to avoid stretching, so the goal is not pressed."""
    counts = day_counts(sessions, therapy_of)
    done = counts.stretches
    if on_hold:
        lines = [f"Stretch sessions: {done} today; {STRETCHING_ON_HOLD}"]
    elif done >= target:
        lines = [f"Stretch sessions: {done} done today, goal of {target} reached"]
    else:
        lines = [f"Stretch sessions: {done} of {target} done today, {target - done} to go"]
        if next_routine:
            lines.append(f"Next routine: {next_routine} · t")
    if counts.inversions or counts.inversions_stopped:
        stopped = counts.inversions_stopped
        early = f", {stopped} stopped early" if stopped else ""
        lines.append(f"Inversion: {count_of(counts.inversions, 'session')} done today{early}")
    return lines


def checkin_line(checkins: tuple[CheckIn, ...] | list[CheckIn]) -> str:
    """Today's check-ins (newest first) as markup: how many, and the last pain."""
    if not checkins:
        return "No check-in yet: press [b]c[/]"
    last = checkins[0]
    when = last.at.astimezone().strftime("%H:%M")
    return f"{count_of(len(checkins), 'check-in')}, last pain [b]{last.pain}[/]/10 ({when})"


def note_line(entry: CheckIn, today: date, width: int = NOTE_CHARS) -> str:
    """``Last note (yesterday): …`` on one line of at most ``width`` cells (at
    least the label and a few words), as plain text."""
    days = (today - entry.at.astimezone().date()).days
    when = {0: "today", 1: "yesterday"}.get(days, f"{days} days ago")
    label = f"Last note ({when}): "
    text = " ".join(printable(entry.note).split())
    room = max(width - len(label), 4)
    if len(text) > room:
        more = glyph("ellipsis")
        text = text[: room - len(more)].rstrip() + more
    return label + text


class TodayCard(Static):
    """Today at a glance; the dashboard sets the reactives."""

    checkins: reactive[tuple[CheckIn, ...]] = reactive((), layout=True)
    """Today's check-ins, newest first."""
    sessions: reactive[tuple[StretchSession, ...]] = reactive((), layout=True)
    """Today's logged sessions (stretching and inversion)."""
    therapy_of: reactive[dict[str, str] | None] = reactive(None, layout=True)
    """Routine id → its therapy (from the library, once it is loaded; until then
    the sessions are counted without telling stretching from inversion)."""
    target: reactive[int] = reactive(2, layout=True)
    """The daily goal of stretch sessions."""
    last_note: reactive[CheckIn | None] = reactive(None, layout=True)
    """The latest check-in with a note, if any recent one has."""
    weekly: reactive[str] = reactive("", layout=True)
    """The weekly questions' state, in words ("" to leave the line out)."""
    today: reactive[date | None] = reactive(None, layout=True)
    next_routine: reactive[str] = reactive("", layout=True)
    """The stretching routine to do next (its title), shown while the goal is not reached."""
    stretching_avoided: reactive[bool] = reactive(False, layout=True)
    """The last screening says to avoid stretching: the goal is on hold."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="card")
        self.border_title = "Today"

    _width = 0
    """The width of the card's text, as the layout last measured it."""

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # The note line is cut to this width. Asking for content_size while the
        # layout is being worked out made Textual map the whole screen once more
        # for each render, a few milliseconds of every start.
        self._width = width
        return super().get_content_height(container, viewport, width)

    def render(self) -> Content:
        lines = [Content.from_markup(checkin_line(self.checkins))]
        if self.last_note is not None and self.today is not None:
            width = self._width or self.content_size.width or NOTE_CHARS
            lines.append(Content(note_line(self.last_note, self.today, width)))
        lines.extend(Content(line) for line in self._sessions())
        if self.weekly:
            lines.append(Content(self.weekly))
        return Content("\n").join(lines)

    def _sessions(self) -> list[str]:
        if self.therapy_of is None and self.sessions:
            # Never count an inversion session towards the stretch goal, not even
            # for the moment before the library is read.
            return [f"Sessions: {count_of(len(self.sessions), 'session')} logged today"]
        therapy_of = self.therapy_of or {}
        return sessions_lines(
            self.sessions,
            therapy_of,
            self.target,
            self.next_routine,
            on_hold=self.stretching_avoided,
        )
