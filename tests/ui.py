"""Building the app for UI tests and screenshots: a real store in a temporary
directory, a fixed clock, and optional demo data."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple, TypeVar
from weakref import WeakKeyDictionary

from rich.console import RenderableType
from rich.text import Text
from textual.app import App, ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from companion.app import CompanionApp
from companion.core.clock import FakeClock
from companion.core.demo import demo_records
from companion.core.demo_programme import demo_settings
from companion.store import Store

__all__ = [
    "Note",
    "WidgetApp",
    "build_app",
    "current_screen",
    "notifications",
    "options",
    "painted_cells",
    "rendered_text",
    "screen_lines",
]


def build_app(
    data_dir: Path,
    clock: FakeClock,
    *,
    demo: bool = False,
    first_run: bool = False,
    initial: str = "dashboard",
    ascii: bool = False,
) -> CompanionApp:
    """A companion app on a fresh store at ``data_dir``."""
    store = Store.open(data_dir, clock)
    if demo:
        store.import_records(**demo_records(clock))
        store.update_settings(**demo_settings())
    if not first_run:
        store.update_settings(first_run_seen=True)
    app = CompanionApp(store, clock, initial=initial, ascii=ascii)
    app.background_delay = 0  # background work right after the first frame: deterministic
    _keep_notifications(app)
    return app


def _keep_notifications(app: CompanionApp) -> None:
    """Toasts stay until a test clears them.

    A toast's timeout runs on wall time, so on a loaded machine a snapshot
    taken "right after" a save could miss the toast it expects. Widgets'
    ``notify`` delegates to the App's, so this one wrapper covers every toast.
    """
    notify = app.notify
    seen = _NOTIFICATIONS.setdefault(app, [])

    def patient_notify(message: str, *args: Any, **kwargs: Any) -> None:
        kwargs["timeout"] = _TOAST_TIMEOUT
        seen.append(Note(str(kwargs.get("title", "")), message))
        notify(message, *args, **kwargs)

    app.notify = patient_notify  # type: ignore[method-assign]


_TOAST_TIMEOUT = 3600.0


class Note(NamedTuple):
    """One notification the app showed."""

    title: str
    message: str


_NOTIFICATIONS: WeakKeyDictionary[CompanionApp, list[Note]] = WeakKeyDictionary()


def notifications(app: CompanionApp) -> list[Note]:
    """Every notification ``app`` has shown, oldest first."""
    return list(_NOTIFICATIONS.get(app, []))


def options(option_list: OptionList) -> list[Option]:
    """The options an OptionList holds, in order (through its public API)."""
    return [option_list.get_option_at_index(i) for i in range(option_list.option_count)]


S = TypeVar("S", bound=Screen[Any])


def current_screen(app: App[Any], kind: type[S]) -> S:
    """The app's current screen, asserted to be a ``kind``.

    Use it when a test moves on to another screen: mypy keeps the narrowing of
    ``assert isinstance(app.screen, A)`` across the awaits that change the
    screen, so a later ``assert isinstance(app.screen, B)`` would look
    impossible to it and the lines after it would go unchecked."""
    screen = app.screen
    assert isinstance(screen, kind), f"on {type(screen).__name__}, expected {kind.__name__}"
    return screen


def rendered_text(widget: Widget) -> str:
    """What ``widget`` renders (a Static's text, a Label's), as plain text."""
    rendered = widget.render()
    assert isinstance(rendered, Content | Text), f"{widget!r} renders a {type(rendered)}"
    return rendered.plain


def screen_lines(app: CompanionApp) -> list[str]:
    """The text of the screen as the terminal gets it: every line filter (NO_COLOR,
    ASCII mode) applied. Textual offers no public way to read its composed frame."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def painted_cells(app: App[Any]) -> list[tuple[int, int]]:
    """Start recording the cells the app sends to the terminal; the (x, y) of each
    is appended to the returned list as frames are painted (a whole-screen frame
    adds every cell). Textual offers no public hook for its frames, so this wraps
    the app's private ``_display``, which every frame goes through."""
    cells: list[tuple[int, int]] = []
    display = app._display

    def record(screen: Screen[Any], update: RenderableType | None) -> None:
        spans = getattr(update, "spans", None)
        if spans is not None:  # a partial frame: the line spans it repaints
            cells.extend((x, y) for y, x1, x2 in spans for x in range(x1, x2))
        elif update is not None:
            width, height = screen.size
            cells.extend((x, y) for y in range(height) for x in range(width))
        display(screen, update)

    # Wrapping a method on purpose; mypy compares against the unbound signature (with self).
    app._display = record  # type: ignore[method-assign,assignment]
    return cells


class WidgetApp(App[None]):
    """A bare app holding one widget, for testing a widget on its own."""

    def __init__(self, widget: Widget) -> None:
        super().__init__()
        self.widget = widget

    def compose(self) -> ComposeResult:
        yield self.widget

    def text_of(self, selector: str) -> str:
        """What the widget matching ``selector`` renders, as plain text."""
        return str(self.query_one(selector).render())

    def displayed(self, selector: str) -> bool:
        """Whether the widget matching ``selector`` is displayed now. (Read through
        a call: mypy would keep ``assert not widget.display`` across the awaits
        that change it, and skip the test after a later ``assert widget.display``.)"""
        return self.query_one(selector).display
