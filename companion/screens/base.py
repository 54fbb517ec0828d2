"""What every companion screen shares: typed access to the store and clock,
and one way of turning a data failure into the data-error screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual.screen import ModalScreen, Screen

from companion.commands import Command, bindings_for
from companion.core.clock import Clock
from companion.core.errors import CompanionError
from companion.store import Store

if TYPE_CHECKING:
    from companion.app import CompanionApp

__all__ = ["CompanionModal", "CompanionScreen", "StoreAccess"]

T = TypeVar("T")


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


class CompanionScreen(StoreAccess, Screen[None]):
    """A full screen of the companion."""


class CompanionModal(StoreAccess, ModalScreen[T]):
    """A dialog over the current screen."""
