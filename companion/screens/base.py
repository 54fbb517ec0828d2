"""What every companion screen shares: typed access to the store and clock,
and one way of turning a data failure into the data-error screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual.screen import ModalScreen, Screen

from companion.commands import Command, bindings_for
from companion.core.clock import Clock
from companion.core.errors import CompanionError
from companion.store import Store

if TYPE_CHECKING:
    from companion.app import CompanionApp

__all__ = ["CompanionModal", "CompanionScreen", "StoreAccess", "stylesheet"]

T = TypeVar("T")

STYLES = Path(__file__).resolve().parent.parent / "styles"
"""Where the screens' stylesheets live (shipped inside the package)."""


class StoreAccess:
    """Mixin for screens: the app's store and clock, guarded data access, and
    ``COMMANDS_HERE``: the screen's own keys (footer, help and palette)."""

    app: CompanionApp
    COMMANDS_HERE: ClassVar[tuple[Command, ...]] = ()

    def __init_subclass__(cls, **kwargs: object) -> None:
        # Before super(): Textual merges BINDINGS when the class is created.
        if "COMMANDS_HERE" in cls.__dict__:
            cls.BINDINGS = bindings_for(cls.COMMANDS_HERE)  # type: ignore[attr-defined]
        super().__init_subclass__(**kwargs)

    @property
    def store(self) -> Store:
        return self.app.store

    @property
    def clock(self) -> Clock:
        return self.app.clock

    def guarded(self, load: Callable[[], T]) -> T | None:
        """Run ``load``; on a data failure show the data-error screen and return None."""
        try:
            return load()
        except CompanionError as error:
            self.app.show_data_error(error)
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
    """A full screen of the companion."""

    DEFAULT_CSS = stylesheet("base")
    SCOPED_CSS = False  # rules name unique ids, and dialogs share the base classes


class CompanionModal(StoreAccess, ModalScreen[T]):
    """A dialog over the current screen."""

    DEFAULT_CSS = stylesheet("base")
    SCOPED_CSS = False
