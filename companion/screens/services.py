"""What screens and widgets may ask of the app, as typed protocols.

Screens never import :mod:`companion.app` (an import-linter contract says so);
they reach the app's shared services through :class:`Companion`, which
:class:`companion.app.CompanionApp` implements (mypy checks it there).
The small ``runtime_checkable`` protocols name optional abilities of a screen
or widget that the app asks about with ``isinstance`` rather than ``getattr``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, cast, runtime_checkable

if TYPE_CHECKING:
    from textual import events
    from textual.app import App

    from companion.core.chart_memo import ChartMemo
    from companion.core.clock import Clock
    from companion.core.content.index import ContentIndex
    from companion.core.content.library import ContentProblem, Library
    from companion.core.errors import CompanionError
    from companion.core.settings import Settings
    from companion.store import Store

__all__ = ["AcceptsTypedAhead", "AsksBeforeLeaving", "Companion", "companion_of"]


class Companion(Protocol):
    """The app's services a screen may use."""

    store: Store
    """The data store every screen reads and writes through."""
    clock: Clock
    """The source of "now" for records and timers."""
    settings: Settings
    """The user's preferences as last loaded (a screen that saves them sets it)."""
    initial: str
    """The screen the app opened on."""
    content_problems: list[ContentProblem]
    """Problems found in the content when it was loaded."""
    unfinished: set[Callable[[], None]]
    """Saves of work in progress, run before any exit."""
    drafts: dict[str, Any]
    """Unsaved forms by entry id or "new", restored when reopened."""

    @property
    def library(self) -> Library:
        """The content library, loaded on first use (raises ContentError if unusable)."""
        ...

    @property
    def content_index(self) -> ContentIndex:
        """What the dashboard shows of the content, kept between starts (raises
        ContentError if the content is unusable)."""
        ...

    @property
    def chart_memo(self) -> ChartMemo | None:
        """The dashboard chart as drawn at the last start (read once), if any."""
        ...

    def keep_chart_memo(self, memo: ChartMemo) -> None:
        """Keep ``memo`` for the next start (written in the background if it is new)."""

    @property
    def loaded_library(self) -> Library | None:
        """The content library if it is loaded already, else None (never loads it)."""
        ...

    def save_settings(self, **changes: Any) -> bool:
        """Save settings into :attr:`settings`; on a failure to write, keep them for
        this session, say they were not saved and return False."""
        ...

    def show_data_error(self, error: CompanionError) -> None:
        """Show the data-error screen for a failure to read or write the data."""

    def start_routine(self, routine_id: str, *, ask_pain: bool = True) -> bool:
        """Start a routine's timer over the current screen; False (saying why) if it cannot."""
        ...

    def start_screening(self) -> None:
        """Open the screening wizard on a fresh run."""

    def after_start(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` shortly after the screen's next frame is out."""

    def go_back(self) -> None:
        """Close the top screen, or return to the dashboard."""


def companion_of(app: App[Any]) -> Companion:
    """The running app's services.

    The companion's screens only ever run inside CompanionApp, and mypy checks
    that it implements :class:`Companion` (at the end of companion/app.py).
    """
    return cast("Companion", app)


@runtime_checkable
class AsksBeforeLeaving(Protocol):
    """A screen with work that would be lost if the app switched away from it."""

    def ask_before_leaving(self, then: Callable[[], None]) -> bool:
        """True if it asked the user (and will call ``then`` if they agree to leave)."""
        ...


@runtime_checkable
class AcceptsTypedAhead(Protocol):
    """A widget that takes keys typed while its screen was still opening."""

    def accept_typed_ahead(self, event: events.Key) -> bool:
        """True if it used the key."""
        ...
