"""The footer every screen shows, rebuilt only when the keys it shows change,
and fitted to its width without losing help or the way out."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

__all__ = ["KeysFooter"]

KEPT = frozenset({"question_mark", "q", "escape"})
"""Keys a narrow footer never leaves out: help, quit and the screen's way out."""


class KeysFooter(Footer):
    """Textual's footer, rebuilt only when what it would show has changed.

    Textual's footer rebuilds all its keys after every focus change and every
    change to the screen stack, even when the keys are the same. Each rebuild
    repaints the footer and the scroll bars beside it: opening the journal
    sent the same footer four times over. This one compares what it would
    show (each key, its label, whether it is enabled) with what it shows.

    Keys that do not fit the width (a phone's 50 columns) are left out from the
    last of the others backwards, so the screen's first (main) keys, ``? Help``,
    ``q Quit`` and ``esc`` stay: Textual's footer cut off whatever passed the
    right edge, which was help and quit.
    """

    _shown: tuple[Any, ...] | None = None

    def compose(self) -> ComposeResult:
        """The keys with the screen's first frame. (Textual's footer waits for the
        screen to say its bindings are ready, then builds them after a refresh:
        every screen's footer arrived in a frame of its own.)"""
        if not self._bindings_ready and self.is_attached:
            self._bindings_ready = True
            self._shown = self._keys(self.screen)
        yield from super().compose()

    def _keys(self, screen: Screen[Any]) -> tuple[Any, ...]:
        """What the footer would show for ``screen``: each key, its label and state."""
        return tuple(
            (
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                binding.group,
                enabled,
                tooltip,
            )
            for _node, binding, enabled, tooltip in screen.active_bindings.values()
            if binding.show
        )

    def bindings_changed(self, screen: Screen[Any]) -> None:
        shown = self._keys(screen)
        if shown == self._shown:
            self._bindings_ready = True
            return
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown
            # At once, not after the next refresh as Textual's footer does: the
            # keys that focus brings (the journal's table) join the first frame.
            self.call_next(self.recompose)

    async def recompose(self) -> None:
        await super().recompose()
        self._fit()

    def on_resize(self, event: events.Resize) -> None:
        self._fit()

    def _fit(self) -> None:
        keys = list(self.query(FooterKey))
        if not keys:
            return
        palette = [key for key in keys if key.has_class("-command-palette")]
        room = self.size.width - sum(_width(key) for key in palette if key.styles.display != "none")
        others = [key for key in keys if key not in palette]
        for key in others:
            key.display = True
        used = sum(_width(key) for key in others)
        for key in reversed(others):
            if used <= room:
                break
            if key.key not in KEPT:
                key.display = False
                used -= _width(key)


def _width(key: FooterKey) -> int:
    """The columns ``key`` takes: its label as drawn (padding included) and its margins."""
    return key.render().cell_len + key.styles.margin.width
