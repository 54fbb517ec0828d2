"""What every companion screen shares: typed access to the store and clock,
and one way of turning a data failure into the data-error screen."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual.screen import ModalScreen, Screen

from companion.commands import Command, bindings_for
from companion.core.clock import Clock
from companion.core.errors import CompanionError
from companion.screens.services import companion_of
from companion.store import Store

if TYPE_CHECKING:
    from companion.screens.services import Companion

__all__ = ["CompanionModal", "CompanionScreen", "StoreAccess", "stylesheet"]

T = TypeVar("T")

PHONE_BREAKPOINTS = [(0, "-phone"), (70, "-roomy")]
"""Below 70 columns (a phone's SSH client, a split terminal) a screen has the
``-phone`` class, and its footer leaves out ``^p Commands`` to keep room for the
screen's own keys (ctrl+p still works, and help lists it)."""

STYLES = Path(__file__).resolve().parent.parent / "styles"
"""Where the screens' stylesheets live (shipped inside the package)."""


class StoreAccess:
    """Mixin for screens: the app's store and clock, guarded data access, and
    ``COMMANDS_HERE``: the screen's own keys (footer, help and palette)."""

    COMMANDS_HERE: ClassVar[tuple[Command, ...]] = ()
    HELP_TITLE: ClassVar[str] = ""
    """The screen's name in its help (empty: the class name)."""

    @property
    def holds_keys(self) -> bool:
        """Read by the app: while a screen that holds keys shows, only its own keys work."""
        return False

    def __init_subclass__(cls, **kwargs: object) -> None:
        # Before super(): Textual merges BINDINGS when the class is created.
        if "COMMANDS_HERE" in cls.__dict__:
            cls.BINDINGS = bindings_for(cls.COMMANDS_HERE)  # type: ignore[attr-defined]
        super().__init_subclass__(**kwargs)

    @property
    def companion(self) -> Companion:
        """The app's services (see :class:`~companion.screens.services.Companion`)."""
        # StoreAccess is a mixin: the screen it is mixed into has Textual's ``app``.
        return companion_of(self.app)  # type: ignore[attr-defined]

    @property
    def store(self) -> Store:
        return self.companion.store

    @property
    def clock(self) -> Clock:
        return self.companion.clock

    def guarded(self, load: Callable[[], T]) -> T | None:
        """Run ``load``; on a data failure show the data-error screen and return None."""
        try:
            return load()
        except CompanionError as error:
            self.companion.show_data_error(error)
            return None


def stylesheet(*names: str) -> str:
    """The rules in ``companion/styles/<name>.tcss``, for a screen's ``DEFAULT_CSS``.

    Each screen carries its own layout rather than the app having one big
    stylesheet: Textual parses an app's stylesheet before the first frame, but
    a screen's default CSS only when that screen is first shown, so starting
    the app (over SSH, on a Raspberry Pi) does not pay for every screen's rules.
    """
    return "\n".join((STYLES / f"{name}.tcss").read_text(encoding="utf-8") for name in names)


class CompanionScreen(StoreAccess, Screen[T]):
    """A full screen of the companion.

    A screen that shows stored data implements :meth:`show_data`, which runs
    each time the screen is shown: another process (a second SSH session, a
    cron ``companion log``) may have written since it was last on screen.
    """

    DEFAULT_CSS = stylesheet("base")
    SCOPED_CSS = False  # rules name unique ids, and dialogs share the base classes
    HORIZONTAL_BREAKPOINTS = PHONE_BREAKPOINTS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._stale = True
        # Textual (8.x) re-parses the whole stylesheet, twice, when a screen
        # whose CSS count differs from the app's becomes a mode's screen; a
        # new screen starts at -1, so every first visit to a screen paid about
        # 60 ms for nothing (its styles are applied as it mounts). A theme
        # change after this point still bumps the app's count and restyles it.
        with contextlib.suppress(RuntimeError, AttributeError):  # no running app: nothing to do
            self._css_update_count = self.app._css_update_count

    def on_screen_resume(self) -> None:
        # Textual sends ScreenResume twice when a mode is first shown: load once.
        if self._stale:
            self._stale = False
            self.show_data()

    def on_screen_suspend(self) -> None:
        self._stale = True

    def mark_fresh(self) -> None:
        """Say the data on screen is current, so the next showing need not reload it."""
        self._stale = False

    def show_data(self) -> None:
        """Load what the screen shows from the store (nothing, unless overridden)."""


class CompanionModal(StoreAccess, ModalScreen[T]):
    """A dialog over the current screen."""

    DEFAULT_CSS = stylesheet("base")
    SCOPED_CSS = False
    HORIZONTAL_BREAKPOINTS = PHONE_BREAKPOINTS
