"""The one source of "now": wall time for records, monotonic time for timers.

Everything that asks the time takes a :class:`Clock`, so tests and the demo
can fix or advance it and nothing ever sleeps in a test.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, date, datetime, timedelta, tzinfo
from datetime import time as clock_time
from typing import Protocol

__all__ = [
    "EARLIEST",
    "LATEST",
    "Clock",
    "FakeClock",
    "SystemClock",
    "clock_from_env",
    "day_bounds",
    "local_date",
    "parse_instant",
]

EARLIEST = datetime.min.replace(tzinfo=UTC)
"""The first instant a datetime can hold: where a day boundary before it is clamped."""
LATEST = datetime.max.replace(tzinfo=UTC)
"""The last instant a datetime can hold: where a day boundary after it is clamped."""


class Clock(Protocol):
    """What the app needs to know about time."""

    def now(self) -> datetime:
        """The current wall time, timezone-aware, in local time."""
        ...

    def monotonic(self) -> float:
        """Seconds from an arbitrary origin that never goes backwards."""
        ...

    def today(self) -> date:
        """The local calendar date."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        return datetime.now().astimezone()

    def monotonic(self) -> float:
        return time.monotonic()

    def today(self) -> date:
        return self.now().date()


class FakeClock:
    """A clock that only moves when told to (tests, screenshots, the demo)."""

    __slots__ = ("current", "mono")

    def __init__(self, current: datetime | None = None, mono: float = 1000.0) -> None:
        self.current = current or datetime(2026, 11, 21, 8, 30, tzinfo=UTC)
        """The wall time ``now()`` returns."""
        self.mono = mono
        """The monotonic reading ``monotonic()`` returns."""

    def __repr__(self) -> str:
        return f"FakeClock(current={self.current!r}, mono={self.mono!r})"

    def now(self) -> datetime:
        return self.current

    def monotonic(self) -> float:
        return self.mono

    def today(self) -> date:
        return self.current.date()

    def advance(self, seconds: float) -> None:
        """Move both wall and monotonic time forward together."""
        self.current += timedelta(seconds=seconds)
        self.mono += seconds

    def jump_wall(self, seconds: float) -> None:
        """Move only the wall clock (a suspend/resume or NTP step)."""
        self.current += timedelta(seconds=seconds)


def parse_instant(text: str) -> datetime:
    """Parse ISO 8601; a value without an offset is taken as local time.

    Raises ``ValueError`` with a readable message.
    """
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not an ISO 8601 date/time, e.g. 2026-11-21T08:30") from None
    if value.tzinfo is None:
        try:
            value = value.astimezone()
        except (OverflowError, ValueError, OSError):
            raise ValueError(f"{text!r} is out of the range of dates this app keeps") from None
    return value


def _midnight(day: date, zone: tzinfo | None) -> datetime:
    """The instant local ``day`` starts, clamped to :data:`EARLIEST`–:data:`LATEST`."""
    try:
        start = datetime.combine(day, clock_time(), zone)
        start = start.astimezone() if zone is None else start
        start.astimezone(UTC)  # representable everywhere, so comparable with any instant
    except (OverflowError, ValueError, OSError):  # 0001-01-01 east of UTC, 9999-12-31 west
        return EARLIEST if day.year < 5000 else LATEST
    return start


def day_bounds(day: date, zone: tzinfo | None = None) -> tuple[datetime, datetime]:
    """The instant a local day starts and the instant the next one starts.

    ``zone`` ``None`` means the system's local time on that date (daylight saving
    included). Every date from ``date.min`` to ``date.max`` has bounds: those a
    datetime cannot hold are clamped to :data:`EARLIEST` and :data:`LATEST`.
    """
    end = LATEST if day == date.max else _midnight(day + timedelta(days=1), zone)
    return _midnight(day, zone), end


def local_date(instant: datetime, zone: tzinfo | None = None) -> date:
    """The local date of ``instant`` (``zone``, else system local time), clamped to
    ``date.min``–``date.max`` for an instant near the ends of the range."""
    try:
        return instant.astimezone(zone).date()
    except (OverflowError, ValueError, OSError):
        return date.min if instant.year < 5000 else date.max


def clock_from_env() -> Clock:
    """The system clock, or a fixed one when ``COMPANION_NOW`` is set.

    ``COMPANION_NOW`` (ISO 8601) exists for reproducible demos, screenshots
    and end-to-end tests of the command line.
    """
    fixed = os.environ.get("COMPANION_NOW")
    if fixed:
        try:
            return FakeClock(current=parse_instant(fixed))
        except ValueError as err:
            from companion.core.errors import InvalidInputError

            raise InvalidInputError("COMPANION_NOW", str(err)) from None
    return SystemClock()
