"""The reference: the smallest honest Textual app (Header, one Static, Footer).

The benchmark starts it exactly as it starts the companion (``python -m``, in a
pseudo-terminal) so that "companion ÷ bare" measures what the companion adds on
top of Textual itself. Run it by hand with ``python -m bench.bare_app``.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

__all__ = ["MARKER", "BareApp", "main"]

MARKER = "Bare Textual reference app"
"""The Static's text: when it is on screen the first frame has been painted."""


class BareApp(App[None]):
    """A Header, one Static and a Footer, with Textual's default bindings."""

    TITLE = "Bare"
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(MARKER, id="marker")
        yield Footer()


def main() -> None:
    """Run the app until ``q``."""
    BareApp().run()


if __name__ == "__main__":
    main()
