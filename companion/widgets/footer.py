"""The footer every screen shows, rebuilt only when the keys it shows change."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer

__all__ = ["KeysFooter"]


class KeysFooter(Footer):
    """Textual's footer, rebuilt only when what it would show has changed.

    Textual's footer rebuilds all its keys after every focus change and every
    change to the screen stack, even when the keys are the same. Each rebuild
    repaints the footer and the scroll bars beside it: opening the journal
    sent the same footer four times over. This one compares what it would
    show (each key, its label, whether it is enabled) with what it shows.
    """

    _shown: tuple[Any, ...] | None = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        shown = tuple(
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
        if shown == self._shown:
            return
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown  # Footer rebuilds only in this case
        super().bindings_changed(screen)
