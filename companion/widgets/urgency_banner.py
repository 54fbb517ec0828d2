"""The urgency heading of the last screening, at the top of any screen that
offers a therapy (the library, an article, the timers).

It reads exactly as on the dashboard (``!! SAME-DAY: get checked today (1
warning sign)``, from :func:`~companion.core.screening.urgency.flags_summary`),
so a red flag is never out of sight while someone chooses what to try. It is
hidden when the last screening raised no flag, or there is none.
"""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Static

from companion.core.records import ScreeningRecord
from companion.core.screening.urgency import flags_summary, most_urgent

__all__ = ["UrgencyBanner", "urgency_summary"]


def urgency_summary(screening: ScreeningRecord | None) -> str | None:
    """The heading for the latest screening's flags (None: nothing to show)."""
    if screening is None or screening.deleted_at is not None:
        return None
    return flags_summary(screening.red_flags)


class UrgencyBanner(Static):
    """One line, reversed, naming the most urgent level the last screening raised."""

    DEFAULT_CSS = """
    UrgencyBanner {
        height: auto;
        width: 1fr;
        padding: 0 1;
        text-style: bold reverse;
        display: none;
    }
    UrgencyBanner.-shown {
        display: block;
    }
    UrgencyBanner.-emergency, UrgencyBanner.-same-day {
        color: $error;
    }
    UrgencyBanner.-prompt {
        color: $warning;
    }
    """

    screening: reactive[ScreeningRecord | None] = reactive(None, always_update=True)
    """The latest screening; its red flags decide the heading."""

    def __init__(self, screening: ScreeningRecord | None = None, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.set_reactive(UrgencyBanner.screening, screening)

    def on_mount(self) -> None:
        self.watch_screening(self.screening)

    def watch_screening(self, screening: ScreeningRecord | None) -> None:
        summary = urgency_summary(screening)
        flags = screening.red_flags if screening is not None and summary else ()
        level = most_urgent(flag.urgency for flag in flags)
        self.set_class(summary is not None, "-shown")
        for name in ("emergency", "same-day", "prompt"):
            self.set_class(level == name, f"-{name}")
        self.update(summary or "")
